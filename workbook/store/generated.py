"""The record of generated files: which notebooks and PDFs the workbook made, and whom each is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import NotFound
from .base import StoreBase
from .schema import generated_about_t, generated_t, people_t

__all__ = ["GeneratedFile", "GeneratedStore"]


@dataclass(frozen=True)
class GeneratedFile:
    """One recorded file: where it is, what it is (``stage``, ``summary``, ``team`` ...), its period,
    when it was made and the ids of the people it is about."""

    path: Path
    kind: str
    period: str
    made_at: str
    people: tuple[str, ...]


class GeneratedStore(StoreBase):
    """What the workbook generated; `forget` removes exactly these files."""

    def record_files(self, conn: Connection, files: Sequence[tuple[Path, str, str]], about: Iterable[str]) -> None:
        """Record ``files`` (absolute path, kind, period) as made now and about the people ``about``,
        inside the caller's write transaction (``conn`` from :meth:`atomic`). A path recorded before is
        replaced. Raises NotFound, writing nothing, when one of the people is no longer in the workbook
        (forgotten while the file was being made): then the file must not be published."""
        people = sorted(set(about))
        present: set[str] = set()
        for start in range(0, len(people), 500):
            chunk = people[start:start + 500]
            present |= set(conn.execute(sa.select(people_t.c.id).where(people_t.c.id.in_(chunk))).scalars())
        missing = [p for p in people if p not in present]
        if missing:
            raise NotFound(f"{', '.join(missing[:5])} left the workbook while the file was being made; it was not kept")
        made_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        for path, kind, period in files:
            conn.execute(generated_t.delete().where(generated_t.c.path == str(path)))
            key = conn.execute(generated_t.insert().values(path=str(path), kind=kind, period=period,
                                                           made_at=made_at)).inserted_primary_key
            assert key is not None
            file_id = key[0]
            if people:
                conn.execute(generated_about_t.insert(), [{"file_id": file_id, "person_id": p} for p in people])

    def drop_file_records(self, conn: Connection, paths: Iterable[Path | str]) -> int:
        """Forget the records of ``paths`` (inside the caller's transaction); returns how many there were."""
        names = [str(p) for p in paths]
        dropped = 0
        for start in range(0, len(names), 500):
            dropped += conn.execute(generated_t.delete().where(generated_t.c.path.in_(names[start:start + 500]))).rowcount
        return dropped

    def generated_files(self, person_id: str | None = None, *, kinds: Iterable[str] | None = None) -> list[GeneratedFile]:
        """Recorded files (about ``person_id`` when given; of ``kinds`` when given), oldest first."""
        query = sa.select(generated_t)
        if person_id is not None:
            query = query.where(generated_t.c.id.in_(
                sa.select(generated_about_t.c.file_id).where(generated_about_t.c.person_id == person_id)))
        if kinds is not None:
            query = query.where(generated_t.c.kind.in_(list(kinds)))
        with self._read() as conn:
            rows = conn.execute(query.order_by(generated_t.c.id)).mappings().all()
            about: dict[int, list[str]] = {}
            ids = [r["id"] for r in rows]
            for start in range(0, len(ids), 500):
                for file_id, pid in conn.execute(sa.select(generated_about_t.c.file_id, generated_about_t.c.person_id)
                                                 .where(generated_about_t.c.file_id.in_(ids[start:start + 500]))):
                    about.setdefault(file_id, []).append(pid)
        return [GeneratedFile(Path(r["path"]), r["kind"], r["period"], r["made_at"], tuple(sorted(about.get(r["id"], []))))
                for r in rows]
