"""Commands that set a workbook up and keep it whole: init, backup, restore, lab."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..core.labels import plural
from .base import CopiedDbOption, ServedDbOption, app, confirm_or_refuse, file_path, say_lock_waits
from .key import create_own_key


@app.command("init")
def init(path: Annotated[Optional[Path], typer.Argument(  # noqa: UP045
            help="Where your workbook lives (default: the file WORKBOOK_DB names, else ~/career/workbook.db); keep "
                 "it outside this project.",
            show_default=False)] = None,
         passphrase: Annotated[bool, typer.Option(
             "--passphrase", help="Seal your private notes with a key derived from a passphrase (asked now, and "
                                  "by every command that opens a private note) instead of a key file in your "
                                  "config folder.")] = False) -> None:
    """Create your own empty workbook (or adopt an existing one) and remember it as the default for every
    command, notebook and the app."""
    from ..core.errors import InputError
    from ..core.fileio import ensure_private_parents
    from ..store import open_for_write
    from ..store.backend import is_url
    from ..store.copies import check_workbook_file
    from ..store.location import DEFAULT_INIT_PATH, config_file, inside_project, remember_db

    if path is not None and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:/", str(path)):  # a URL (Path folds its "//")
        raise InputError(f"`workbook init` makes your own SQLite workbook and {str(path).split(':')[0]}: is a server's "
                         "URL; for an organisation database give its URL to each command's --db (or set "
                         "WORKBOOK_DB), or give init a file path such as ~/career/workbook.db")
    env = os.environ.get("WORKBOOK_DB", "").strip()
    env_is_url = is_url(env)
    # every other command opens WORKBOOK_DB before the default init records: make that workbook, not another
    target = (path or (Path(env) if env and not env_is_url else DEFAULT_INIT_PATH)).expanduser()
    if inside_project(target):
        raise InputError(f"{target} is inside the project folder, where git could pick your notes up; "
                         f"choose a path outside it, e.g. `workbook init {DEFAULT_INIT_PATH}`")
    if target.is_dir():
        target = target / "workbook.db"
    existed = target.exists()
    if existed:
        check_workbook_file(target)  # never adopt a file that is not a workbook
    else:
        ensure_private_parents(target)  # folders made 0700, never through a symlink
    # a new workbook is made 0600 under a temporary name, marked as a workbook, and moved into place only
    # when it is complete; an existing one is checked (marker or schema) and brought up to date
    with open_for_write(target, create=not existed) as store:
        people = len(store.people())
        key_line = create_own_key(store, passphrase=passphrase)  # private notes sealed from the first one
    target.chmod(0o600)  # career notes: readable by their owner only (an adopted file too)
    remember_db(target)
    state = f"existing workbook with {plural(people, 'person', 'people')}" if existed else "new, empty workbook"
    typer.echo(f"{state}: {target.resolve()}" + (" (the path WORKBOOK_DB names)" if path is None and env and
                                                 not env_is_url else "")
               + f"\nremembered as your default in {config_file()}\n{key_line}\n"
               "next: `workbook person add ID --name NAME --ladder ladders/data-science.csv --track TRACK --level LEVEL`")
    if env and (env_is_url or (path is not None and Path(env).expanduser().resolve() != target.resolve())):
        typer.echo(f"note: WORKBOOK_DB is set ({'to a server' if env_is_url else env}); every other command "
                   "opens it instead of this workbook until you unset it (`unset WORKBOOK_DB`)", err=True)


@app.command("backup")
def backup(dest: Annotated[str, typer.Argument(help="Backup file to write (a folder gets workbook-YYYY-MM-DD.db).",
                                               show_default=False)],
           force: Annotated[bool, typer.Option("--force", help="Replace DEST if it exists.")] = False,
           db: CopiedDbOption = None) -> None:
    """Write one consistent copy of the workbook (recent changes in the -wal file included). Copying the .db
    file alone can lose them."""
    from ..store.copies import backup_workbook, count_clear_before_backup

    source = file_path(db, "backup", write=True)
    clear = count_clear_before_backup(source)  # a writable one: the first open with your key seals clear notes
    written = backup_workbook(source, dest, overwrite=force)
    typer.echo(f"backed up {source} to {written}")
    if clear:
        typer.echo(f"warning: {plural(clear, 'private note')} {'is' if clear == 1 else 'are'} in clear in the workbook "
                   "and this copy; create your key with `workbook key new` to seal "
                   + ("it" if clear == 1 else "them"), err=True)


@app.command("restore")
def restore(src: Annotated[Path, typer.Argument(help="A backup file `workbook backup` wrote.")],
            yes: Annotated[bool, typer.Option("--yes", "-y", help="Replace an existing workbook without asking.")] = False,
            db: CopiedDbOption = None) -> None:
    """Replace the workbook (or create --db PATH) with the contents of a backup. Asks before replacing one
    that exists; refuses without --yes when there is no terminal to ask on."""
    from ..store.copies import check_workbook_file, restore_workbook

    target = file_path(db, "restore", write=True)
    say_lock_waits()
    check_workbook_file(src)  # a bad backup is refused before any question
    if target.exists():
        confirm_or_refuse(f"Replace everything in {target} with the backup {src}?", yes, f"restore into {target}")
    restored = restore_workbook(src, target)
    typer.echo(f"restored {src} into {target}")
    if restored.left:
        n = len(restored.left)
        typer.echo(f"warning: left {plural(n, 'generated file')} that the restored workbook does not know about (made "
                   f"after the backup was taken) in {', '.join(map(str, restored.folders))}; `workbook forget` lists "
                   f"a forgotten person's; delete {'it' if n == 1 else 'them'} by hand when no longer needed", err=True)


@app.command("lab")
def lab(port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (0: a free one).")] = 0,
        db: ServedDbOption = None) -> None:
    """Open JupyterLab on your working copies of the notebooks, beside your workbook (never in this project)."""
    from ..lab import serve_lab

    raise typer.Exit(serve_lab(file_path(db, "`workbook lab`", served=True), port=port))
