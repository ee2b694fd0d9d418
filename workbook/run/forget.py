"""Forget a person: their rows, and every file the workbook recorded making about them, in one transaction."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import OutputError
from ..core.fileio import file_fault_message, remove_file
from ..core.model import check_slug

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["ForgetReport", "forget_person", "files_to_forget"]


@dataclass
class ForgetReport:
    """What a forget erased: rows per table, the files removed, manifest items dropped."""

    counts: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    manifest_items: int = 0


def files_to_forget(store: Store, person_id: str) -> list[Path]:
    """The files the workbook recorded making about ``person_id`` (their stage notebooks and summaries,
    and each team overview that included them) that are still on disk."""
    return [f.path for f in store.generated_files(person_id) if os.path.lexists(f.path)]


def forget_person(store: Store, person_id: str, *, keep_files: bool = False) -> ForgetReport:
    """Erase every row about ``person_id`` and, unless ``keep_files``, every file recorded as made about
    them (never a file found by its name), then drop those files from the manifests that listed them.

    It all happens inside one write transaction of the workbook: a batch publishing a file about this
    person waits for it, then finds the person gone and discards its file, so a forget is never undone
    by a batch that was running. Raises NotFound for an unknown person (nothing erased) and OutputError
    when a file cannot be removed (then nothing is erased either)."""
    from .summaries import drop_from_manifests

    check_slug(person_id)
    report = ForgetReport()
    with store.atomic() as conn:
        store._require_person(conn, person_id)
        recorded = [f.path for f in store.generated_files(person_id)]
        if not keep_files:
            for path in recorded:
                try:
                    if remove_file(path):
                        report.files.append(path)
                except OSError as exc:
                    raise OutputError(file_fault_message(exc, path)) from None
            for folder in {p.parent for p in report.files}:
                try:
                    folder.rmdir()  # the person's own folder, once empty
                except OSError:
                    pass
            report.manifest_items = drop_from_manifests(store, report.files)
        store.drop_file_records(conn, recorded)
        report.counts = store.forget(person_id)
    store.checkpoint()
    return report
