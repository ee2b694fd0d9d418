"""The manager's working copies of the notebooks: next to their workbook, outside the repository, pointed at it.

The repository's ``notebooks/`` are templates. `workbook lab` and `workbook app` copy them into a
``notebooks`` folder beside the workbook file (``~/career/notebooks`` for ``~/career/workbook.db``) and set
each copy's ``db`` parameter to that workbook, so whatever JupyterLab saves (outputs with private notes
included) stays with the manager's data and never in a file git tracks. See
docs/decisions/notebooks-are-templates.md.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .core.errors import InputError
from .core.paths import NOTEBOOKS_DIR, PROJECT_ROOT, git_could_pick_up

__all__ = ["WORKSPACE_NAME", "set_notebook_parameters", "copy_notebooks", "workspace_dir", "prepare_workspace"]

WORKSPACE_NAME = "notebooks"
_SKIPPED = (".ipynb_checkpoints", "__pycache__")


def set_notebook_parameters(
    src: str | os.PathLike[str], dest: str | os.PathLike[str], **values: object
) -> Path:
    """Copy notebook ``src`` to ``dest`` with ``name = ...`` lines of its ``parameters`` cell set to ``values``.

    Values are written as Python literals (``repr``). Raises InputError when the notebook has no cell
    tagged ``parameters`` or that cell assigns no such name; nothing is written then.
    """
    import nbformat

    from .core.fileio import write_text_atomic

    src, dest = Path(src), Path(dest)
    nb = nbformat.read(src, as_version=4)
    cell = next(
        (c for c in nb.cells if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])),
        None,
    )
    if cell is None:
        raise InputError(f"{src}: no code cell tagged 'parameters'; tag the cell that sets db, person and period")
    source = cell.source
    for name, value in values.items():
        # `db = "x"`, `db: str = "x"` and a trailing comment all count as the assignment to replace.
        pattern = re.compile(rf"^(?P<lhs>{re.escape(name)}\s*(?::[^=\n]+)?=)[^\n]*$", re.MULTILINE)
        match = pattern.search(source)
        if match is None:
            raise InputError(f"{src}: the parameters cell does not set {name!r}; add a line `{name} = ...` to it")
        lhs = match.group("lhs").rstrip("=").rstrip()
        source = f"{source[: match.start()]}{lhs} = {value!r}{source[match.end() :]}"
    cell.source = source
    write_text_atomic(dest, nbformat.writes(nb), private=True)  # a working copy will hold private notes
    return dest


def copy_notebooks(
    src_dir: str | os.PathLike[str], dest_dir: str | os.PathLike[str], db: str | os.PathLike[str]
) -> list[Path]:
    """Copy the notebooks of ``src_dir`` to ``dest_dir`` and point every one whose parameters set ``db`` at ``db``.

    Returns the notebooks that were pointed at ``db``; the others (no parameters cell, or one without
    ``db``) are copied unchanged. Raises InputError when ``db`` does not exist.
    """
    from .core.fileio import ensure_private_dir, write_bytes_atomic

    db = Path(db).resolve()
    if not db.exists():
        raise InputError(
            f"workbook {db} does not exist; create it with `workbook init {db}` or pick another --db"
        )
    src_dir, dest_dir = Path(src_dir), Path(dest_dir)
    # Copies hold private notes once used: folders 0700 and files 0600 (refreshed copies too), each file
    # written atomically, never through a symlink.
    ensure_private_dir(dest_dir.parent, dest_dir.name)
    for src in sorted(src_dir.rglob("*")):
        rel = src.relative_to(src_dir)
        if not src.is_file() or any(part in _SKIPPED for part in rel.parts):
            continue
        folder = ensure_private_dir(dest_dir, *rel.parent.parts)
        write_bytes_atomic(folder / rel.name, src.read_bytes(), private=True)
    pointed = []
    for nb in sorted(dest_dir.rglob("*.ipynb")):
        try:
            set_notebook_parameters(nb, nb, db=str(db))
        except InputError:
            continue
        pointed.append(nb)
    return pointed


def workspace_dir(db: str | os.PathLike[str]) -> Path:
    """Where the working copies for workbook ``db`` go: a ``notebooks`` folder beside it."""
    return Path(db).expanduser().resolve().parent / WORKSPACE_NAME


def prepare_workspace(db: str | os.PathLike[str], templates: str | os.PathLike[str] = NOTEBOOKS_DIR) -> Path:
    """Copy the template notebooks next to workbook ``db`` (refreshed each time: the data is in the
    workbook, a copy's saved outputs are not) and return that folder.

    Raises InputError when the folder would be inside the repository (outside ``outputs/``, which git
    ignores): git would then see the manager's notebooks, outputs and private notes included."""
    folder = workspace_dir(db)
    if git_could_pick_up(folder):
        raise InputError(f"workbook {Path(db).resolve()} is inside the project folder {PROJECT_ROOT}, so its notebooks "
                         f"would land in the repository; move it out (e.g. `workbook init ~/career/workbook.db`)")
    copy_notebooks(templates, folder, db)
    return folder
