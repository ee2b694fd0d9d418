"""Forget a person: their rows, and every file the workbook recorded making about them, in one transaction."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import OutputError
from ..core.fileio import file_fault_message, remove_file
from ..core.model import Person, check_slug
from ..store.generated import GeneratedFile, OtherOwner, output_folder_of

if TYPE_CHECKING:
    from ..store import DroppedLogin, Keyring, Store

__all__ = ["ForgetReport", "forget_person", "retire_keys", "files_to_forget", "files_not_outputs", "unrecorded_files", "output_folders", "files_still_naming"]


@dataclass
class ForgetReport:
    """What a forget erased: rows per table, the files removed, manifest items dropped."""

    counts: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    manifest_items: int = 0
    others: OtherOwner | None = None  # files of the workbook this one is a copy of: left alone
    unrecorded: list[Path] = field(default_factory=list)  # in the person's output folders, not recorded: left, listed
    not_outputs: list[Path] = field(default_factory=list)  # recorded, but not where outputs go: left, listed
    logins: list[DroppedLogin] = field(default_factory=list)  # the person's users: their login roles dropped
    key_ids: set[str] = field(default_factory=set)  # the keys the person's sealed notes name (retire_keys)


def files_to_forget(store: Store, person_id: str) -> list[Path]:
    """The files the workbook recorded making about ``person_id`` (their stage notebooks and summaries,
    and each team overview that included them) that are still on disk, except those of the workbook
    this one is a copy of (see :meth:`Store.other_owner`) and records of a path that is not a workbook
    output (:func:`files_not_outputs`)."""
    paths = [f.path for f in store.generated_files(person_id) if _is_output(f) and os.path.lexists(f.path)]
    others = store.other_owner(paths)
    return [p for p in paths if others is None or p not in others.paths]


def files_not_outputs(store: Store, person_id: str) -> list[Path]:
    """Recorded files about ``person_id`` whose path is not where the workbook puts a file of their kind
    (:func:`workbook.run.outputs.has_output_shape`): forget drops their records and leaves the files. In an
    organisation database a record is a row anyone who makes outputs about the person may write (HR, a
    skip-level), so a record alone must never get a file deleted: a key, a note or a system file named by one
    stays where it is."""
    return sorted(f.path for f in store.generated_files(person_id) if not _is_output(f))


def _is_output(f: GeneratedFile) -> bool:
    from .outputs import has_output_shape

    return has_output_shape(f.path, f.kind, f.people)


def unrecorded_files(store: Store, person_id: str) -> list[Path]:
    """Files in ``person_id``'s own output folders (``OUT/<person>/`` of stage runs, ``OUT/<quarter>/<person>/`` of
    summaries) that the workbook does not record: made after the backup it was restored from, or put there by
    hand. ``OUT`` is each output folder the workbook records files in, and ``outputs/`` (with ``outputs/stages/``)
    beside a workbook file. They are found by their place, not by what they hold, so forget lists them and never
    deletes them; those a workbook this one is a copy of records are that workbook's, and left out."""
    from .outputs import LOCK_NAME, is_quarter_name, outputs_root

    roots = set(output_folders(store))
    if not store.is_postgres and str(store.path) != ":memory:":
        default = outputs_root(store.path)
        roots |= {default, default / "stages"}
    recorded = {_in_real_folder(f.path) for f in store.generated_files()}
    found: set[Path] = set()  # each in its real folder, as the records name files
    for root in roots:
        folders = [root / person_id]
        try:
            folders += [q / person_id for q in root.iterdir() if is_quarter_name(q.name)]
        except OSError:
            pass
        for folder in folders:
            if folder.is_symlink() or not folder.is_dir():
                continue
            try:
                found |= {_in_real_folder(p) for p in folder.iterdir()
                          if (p.is_file() or p.is_symlink()) and p.name != LOCK_NAME}
            except OSError:
                continue
    unknown = found - recorded
    others = store.other_owner(unknown)
    return sorted(p for p in unknown if others is None or p not in others.paths)


def _in_real_folder(path: Path) -> Path:
    """``path`` with its folder's links resolved (the file itself, a link or not, is kept as named)."""
    return Path(os.path.realpath(path.parent)) / path.name


def forget_person(store: Store, person_id: str, *, keep_files: bool = False) -> ForgetReport:
    """Erase every row about ``person_id`` and, unless ``keep_files``, every file recorded as made about
    them (never a file found by its name), then drop those files from the manifests that listed them.

    It all happens inside one write transaction of the workbook: a batch publishing a file about this
    person waits for it, then finds the person gone and discards its file, so a forget is never undone
    by a batch that was running. The rows go first: a login that may not erase the person (in an organisation
    database, anyone but their manager and the owner) is refused before any file is touched. In an organisation
    database the person's users go with their rows, their login roles dropped by the database (as `user remove`
    does; ``report.logins``, taken out of a credentials file by the caller); a role that cannot be dropped refuses
    the forget (AccessDenied naming the fix), nothing erased. In a copy of a
    workbook (a backup, a `cp`) whose original still exists, the files that original records are its files:
    left alone, and named in ``report.others``. Raises NotFound for an unknown person, AccessDenied for someone
    who may not erase them, and OutputError when a file cannot be removed; nothing is erased then."""
    from .summaries import drop_from_manifests

    check_slug(person_id)
    report = ForgetReport()
    with store.atomic() as conn:
        store._require_person(conn, person_id)
        files = store.generated_files(person_id)
        recorded = [f.path for f in files]
        report.others = store.other_owner(recorded)
        report.unrecorded = unrecorded_files(store, person_id)
        report.not_outputs = sorted(f.path for f in files if not _is_output(f))
        store.drop_file_records(conn, recorded)  # while the records still say whom they are about (the rights)
        # the rows first: a login that may not erase this person is refused here, before any file is touched
        store.clear_dropped_logins(conn)
        report.key_ids = store.key_ids_of_author(person_id)  # while their notes still name them as author
        report.counts = store.forget(person_id)
        report.logins = store.dropped_logins(conn)  # their users' login roles, gone with their rows
        if not keep_files:
            for path in recorded:
                if (report.others is not None and path in report.others.paths) or path in report.not_outputs:
                    continue
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
    store.checkpoint()
    return report


def retire_keys(report: ForgetReport, ring: Keyring) -> dict[str, list[str]]:
    """After a forget committed: each dropped login's private-note key material taken out of ``ring``'s folder
    (:meth:`Keyring.retire`: the user's pointer, and the files of their keys no other pointer names), so that the
    notes they sealed, which the forget left for them alone, are opened by nobody, and a new user of the same name
    gets a new key. Returns, per user, the ids of the key files deleted (a user with nothing here is left out).
    Raises KeyProblem, one line, when the folder cannot be changed; nothing of that user's is changed then."""
    retired: dict[str, list[str]] = {}
    for login in report.logins:
        had = ring.current_id(login.name) is not None
        deleted = ring.retire(login.name, report.key_ids)
        if had or deleted:
            retired[login.name] = deleted
    return retired


def output_folders(store: Store) -> list[Path]:
    """The output folders (``--out`` of `workbook run` and `workbook summaries`) the workbook recorded
    making files in, and those a restore left files in that it does not record (``Store.folders_left``): where
    files made before a person was forgotten may still name them. In a copy of a workbook, the folders of the
    files its original records are the original's, and are left out."""
    roots: set[Path] = set()
    files = store.generated_files()
    others = store.other_owner(f.path for f in files)
    for f in files:
        if others is not None and f.path in others.paths:
            continue
        if (folder := output_folder_of(f.path, f.kind)) is not None:
            roots.add(folder)
    roots |= {folder for folder in store.folders_left() if folder.is_dir()}  # where a restore left files
    return sorted(r for r in roots if not any(other in r.parents for other in roots))


def files_still_naming(person: Person, folders: list[Path]) -> list[Path]:
    """Team overviews and manifests under ``folders`` that still mention ``person`` (by name as a word, or by id as
    a JSON value) after a forget: ones the workbook did not record (made before files were recorded) or kept. They
    describe the whole team, so forget does not delete them unrecorded; it says which they are. A notebook is read
    for its words only, not its images: "Zed" is found in base64 chart data often enough to list files that never
    named them."""
    import html
    import json
    import re

    names = {person.name, json.dumps(person.name)[1:-1], html.escape(person.name)} - {""}
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names)) + "|" + re.escape(f'"{person.id}"'))
    found: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path in found or not path.is_file() or \
                    not (path.name.startswith("team_overview") or path.name == "manifest.json"):
                continue
            if path.suffix == ".pdf":  # printed from the notebook beside it: it names them when that one does
                if path.with_suffix(".ipynb") in found:
                    found.append(path)
                continue
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if pattern.search(_words_of(text) if path.suffix == ".ipynb" else text):
                found.append(path)
    return sorted(found)


def _words_of(notebook: str) -> str:
    """A notebook's JSON without what is not words: every output's images (``image/*``, base64 or SVG) left out.
    Text that is not a notebook's JSON is read as it is."""
    import json

    try:
        data = json.loads(notebook)
    except ValueError:
        return notebook
    if not isinstance(data, dict):
        return notebook
    for cell in data.get("cells") or []:
        for output in (cell.get("outputs") or []) if isinstance(cell, dict) else []:
            if isinstance(output, dict) and isinstance(output.get("data"), dict):
                output["data"] = {k: v for k, v in output["data"].items() if not str(k).startswith("image/")}
    return json.dumps(data, ensure_ascii=False)
