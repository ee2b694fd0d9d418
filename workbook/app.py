"""App mode: serve the stage notebooks with Voila as forms without code, on the loopback interface only."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .core.errors import InputError
from .core.paths import NOTEBOOKS_DIR

__all__ = [
    "DEFAULT_PORT",
    "NOTEBOOKS_DIR",
    "set_notebook_parameters",
    "copy_notebooks",
    "voila_command",
    "serve",
]

DEFAULT_PORT = 8866
HOST = "127.0.0.1"  # never another interface: the forms show private notes and Voila has no token


def set_notebook_parameters(
    src: str | os.PathLike[str], dest: str | os.PathLike[str], **values: object
) -> Path:
    """Copy notebook ``src`` to ``dest`` with ``name = ...`` lines of its ``parameters`` cell set to ``values``.

    Values are written as Python literals (``repr``). Raises InputError when the notebook has no cell
    tagged ``parameters`` or that cell assigns no such name; nothing is written then.
    """
    import nbformat

    src, dest = Path(src), Path(dest)
    nb = nbformat.read(src, as_version=4)
    cell = next(
        (
            c
            for c in nb.cells
            if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])
        ),
        None,
    )
    if cell is None:
        raise InputError(
            f"{src}: no code cell tagged 'parameters'; tag the cell that sets db, person and period"
        )
    source = cell.source
    for name, value in values.items():
        # `db = "x"`, `db: str = "x"` and a trailing comment all count as the assignment to replace.
        pattern = re.compile(rf"^(?P<lhs>{re.escape(name)}\s*(?::[^=\n]+)?=)[^\n]*$", re.MULTILINE)
        match = pattern.search(source)
        if match is None:
            raise InputError(
                f"{src}: the parameters cell does not set {name!r}; add a line `{name} = ...` to it"
            )
        lhs = match.group("lhs").rstrip("=").rstrip()
        source = f"{source[: match.start()]}{lhs} = {value!r}{source[match.end() :]}"
    cell.source = source
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)
    return dest


def copy_notebooks(
    src_dir: str | os.PathLike[str], dest_dir: str | os.PathLike[str], db: str | os.PathLike[str]
) -> list[Path]:
    """Copy the folder ``src_dir`` to ``dest_dir`` and point every notebook whose parameters set ``db`` at ``db``.

    Returns the notebooks that were pointed at ``db``; the others (no parameters cell, or one without
    ``db``) are copied unchanged. Raises InputError when ``db`` does not exist.
    """
    db = Path(db).resolve()
    if not db.exists():
        raise InputError(
            f"workbook {db} does not exist; build it with `workbook demo --quick --db {db}` or pick another --db"
        )
    src_dir, dest_dir = Path(src_dir), Path(dest_dir)
    shutil.copytree(
        src_dir,
        dest_dir,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
    )
    pointed = []
    for nb in sorted(dest_dir.rglob("*.ipynb")):
        try:
            set_notebook_parameters(nb, nb, db=str(db))
        except InputError:
            continue
        pointed.append(nb)
    return pointed


def voila_command(target: str | os.PathLike[str], port: int = DEFAULT_PORT) -> list[str]:
    """The Voila command line that serves ``target`` (a notebook or a folder) as an app: no code cells,
    the lab template, loopback only, no browser opened, and a clear failure when the port is taken."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(target),
        "--no-browser",
        f"--port={int(port)}",
        "--Voila.port_retries=0",
        f"--Voila.ip={HOST}",
        "--strip_sources=True",
        "--template=lab",
        "--show_tracebacks=False",
    ]


def serve(
    notebooks_dir: str | os.PathLike[str] = NOTEBOOKS_DIR,
    port: int = DEFAULT_PORT,
    db: str | os.PathLike[str] | None = None,
) -> int:
    """Serve ``notebooks_dir`` with Voila on 127.0.0.1:``port`` until interrupted; returns Voila's exit code.

    With ``db`` the notebooks are copied to a temporary folder and pointed at that workbook (the folder
    is removed afterwards); without it they use their own default (the demo workbook). Raises
    InputError when the folder or the database does not exist.
    """
    notebooks_dir = Path(notebooks_dir)
    if not notebooks_dir.is_dir():
        raise InputError(
            f"{notebooks_dir} is not a folder of notebooks; pass the project's notebooks/ folder"
        )
    with tempfile.TemporaryDirectory(prefix="workbook-app-") as tmp:
        target = notebooks_dir
        if db is not None:
            target = Path(tmp) / "notebooks"
            copy_notebooks(notebooks_dir, target, db)
        print(f"Workbook app: http://{HOST}:{port}/  (Ctrl-C to stop)", file=sys.stderr, flush=True)
        proc = subprocess.Popen(voila_command(target, port))
        previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` cleans up like Ctrl-C
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.terminate()  # Voila stops its kernels on SIGTERM
            try:
                return proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                return proc.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
