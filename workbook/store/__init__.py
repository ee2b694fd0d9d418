"""The Store API: one workbook database, its schema and migrations, atomic writes and visibility filtering.

One SQLite file (``workbook.db`` by default, or ``WORKBOOK_DB``), WAL, a busy timeout, ``BEGIN IMMEDIATE``
for writes; or an organisation database on PostgreSQL (a ``postgresql+psycopg://`` URL), where each user
logs in with their own role and row-level security enforces :mod:`workbook.store.rights`. Every write goes through :meth:`Store.atomic`, and every rule of the practice is checked inside
that transaction, so a rejected write changes nothing. Shareable queries read from SQL views that cannot
return a private note. The Store is assembled from one module per concern (people, notes, plans, OKRs,
check-ins, DataFrames, whole records, generated files) over :mod:`workbook.store.base`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..core import stopping
from ..core.errors import StoreError
from .corrections import CorrectionsStore, MoveResult
from .drafts import DraftsStore, SideDraft
from .engine import BUSY_TIMEOUT_MS, default_db_path
from .faults import fault_error
from .frames import FramesStore
from .generated import GeneratedFile
from .keys import KeyProblem, Keyring
from .migrations import SCHEMA_VERSION
from .records import dump_json
from .rights import Actor, allowed
from .schema import PERSON_TABLES, metadata
from .users import DroppedLogin, NewUser, UsersStore, remove_credentials, write_credentials

__all__ = ["Store", "SCHEMA_VERSION", "BUSY_TIMEOUT_MS", "PERSON_TABLES", "GeneratedFile", "MoveResult", "default_db_path",
           "dump_json", "metadata", "open_store", "open_for_write", "Actor", "allowed", "NewUser", "DroppedLogin", "write_credentials", "remove_credentials",
           "SideDraft", "Keyring", "KeyProblem"]


class Store(CorrectionsStore, UsersStore, DraftsStore, FramesStore):
    """A workbook database. Use :meth:`atomic` for writes; the query helpers return pandas DataFrames."""


def open_store(db: str | os.PathLike[str] | None = None) -> Store:
    """Open (and create or migrate) the workbook at ``db`` or the default path."""
    return Store(db)


@contextmanager
def open_for_write(db: str | os.PathLike[str] | None = None, *, create: bool = False) -> Iterator[Store]:
    """The workbook at ``db`` for a command that writes, closed at the end of the ``with`` block.

    With ``create`` a missing workbook is made, but under a temporary name beside it, and moved into
    place only when the block ends without an error: a command that fails (a rejected import into a new
    ``--db``) leaves no file behind, and nobody ever opens a half-made workbook. An organisation database
    (a URL) exists already: it is opened as it is, and the command's own transaction keeps it all or
    nothing. Raises StoreError as :class:`Store` does, and when someone else creates the same file meanwhile.
    """
    from .backend import is_url

    if is_url(db) or (db is None and is_url(os.environ.get("WORKBOOK_DB"))):
        with Store(db, create=create) as server:
            yield server
        return
    path = Path(db) if db is not None else default_db_path()
    if not create or str(path) == ":memory:" or os.path.lexists(path) or not path.parent.is_dir():
        with Store(path, create=create) as existing:
            yield existing
        return
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.new"
    made: Store | None = None
    try:
        made = Store(tmp, create=True)
        made.path = path  # what messages name
        yield made
        stopping.check()  # a stop a signal asked for and Python lost (core/stopping.py): not published
        _publish(made, tmp, path)
    except BaseException as exc:
        if made is not None:
            made.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with suppress(FileNotFoundError):
                os.unlink(f"{tmp}{suffix}")
        if isinstance(exc, StoreError) and str(tmp) in exc.message:  # name the file the user gave, not ours
            raise StoreError(exc.message.replace(str(tmp), str(path))) from exc
        raise


def _publish(store: Store, tmp: Path, path: Path) -> None:
    """Move a finished new workbook into place, one file (no ``-wal``), never over an existing file."""
    import sqlite3

    store.close()  # the last connection to close checkpoints the WAL into the file and removes it
    if os.path.exists(f"{tmp}-wal"):
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:  # a disk filling up under the checkpoint: the fault's one line, naming the file
            fault = fault_error(exc, path)
            if fault is None:
                raise
            raise fault from None
        finally:
            conn.close()
    try:
        os.link(tmp, path)  # fails if the name was taken meanwhile: never replaces someone's workbook
    except FileExistsError:
        raise StoreError(f"{path} was created by another command meanwhile; run this one again") from None
    except OSError:  # a file system without hard links
        if os.path.lexists(path):
            raise StoreError(f"{path} was created by another command meanwhile; run this one again") from None
        os.rename(tmp, path)
    else:
        os.unlink(tmp)
    store.file = path
