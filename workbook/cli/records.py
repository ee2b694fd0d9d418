"""Commands on whole records: import, export, forget, people, limits."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..core import clock
from ..core.errors import InputError
from ..core.labels import counted, plural
from .base import DbOption, app, confirm_or_refuse, open_store, print_whole

MAX_WARNINGS_SHOWN = 50


@app.command("import")
def import_(file: Annotated[Path, typer.Argument(help="YAML file with people, growth_plans, okrs, check_ins, notes, "
                                              "actions; or one person's JSON that `workbook export` wrote.")],
            db: DbOption = None) -> None:
    """Import a YAML file or a `workbook export` file, all or nothing: one bad entry and nothing is written
    (a new workbook is not even created)."""
    from ..exchange.importer import import_file

    with open_store(db, create=True) as store:
        result = import_file(store, file)
        clear = store.clear_private_count()  # no key to seal them with (a HOME without one, a new --db)
        result.warnings[:0] = store.clear_private_in_others_names()  # an administrator writes in managers' names
    if clear:
        result.warnings.insert(0, f"{plural(clear, 'private note')} {'is' if clear == 1 else 'are'} stored in clear: "
                               "there is no private-note key here to seal them; create it with `workbook key new` "
                               "(it seals them), or import its file with `workbook key import FILE`")
    for w in result.warnings[:MAX_WARNINGS_SHOWN]:
        typer.echo(f"warning: {w}", err=True)
    if len(result.warnings) > MAX_WARNINGS_SHOWN:
        typer.echo(f"warning: ... and {len(result.warnings) - MAX_WARNINGS_SHOWN} more warnings like these", err=True)
    typer.echo("imported " + ", ".join(counted(n, k) for k, n in result.counts.items() if n) + f" into {store.location}")
    for manager, reports in result.linked.items():
        typer.echo(f"{', '.join(reports)} report{'s' if len(reports) == 1 else ''} to {manager} again (linked in the "
                   "org tree)", err=True)


@app.command("export")
def export(person: Annotated[str, typer.Argument(help="Person id.")],
           out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file (0600) instead of "  # noqa: UP045
                                                       "stdout; a new file outside the project.")] = None,
           force: Annotated[bool, typer.Option("--force", help="Replace the --out file if it exists.")] = False,
           db: DbOption = None) -> None:
    """Print everything about one person as JSON, private notes included (their data-access copy)."""
    from ..core.errors import OutputError
    from ..core.fileio import check_new_file, file_fault_message, write_text_atomic
    from ..store import dump_json

    if out:
        out = check_new_file(out, force=force, example=f"{person}.json")  # before the workbook is even opened
    with open_store(db, readonly=True) as store:
        text = dump_json(store.export_person(person))
        forgotten = store.notes_of_forgotten_authors(person)
        others = store.private_notes_of_others(person)
    if others:  # their authors' alone: the copy is whole only with theirs
        authors = ", ".join(f"{n} by {who}" for who, n in others.items())
        total = sum(others.values())
        typer.echo(f"note: left out {plural(total, 'private note')} about {person} that other users wrote ({authors}; "
                   f"a private note is its author's alone): for a complete copy, each of them runs `workbook export "
                   f"{person}` with their own login", err=True)
    if forgotten:  # not a fault: sealed for someone no longer in the workbook, so nobody can open them
        typer.echo(f"note: left out {plural(forgotten, 'private note')} about {person} whose author was forgotten "
                   f"(sealed for them alone: nobody can open {'it' if forgotten == 1 else 'them'})", err=True)
    if out:
        try:
            write_text_atomic(out, text + "\n", private=True)
        except OSError as exc:
            raise OutputError(file_fault_message(exc, out)) from None
        typer.echo(f"wrote {out}", err=True)
    else:
        print_whole(text)


@app.command("forget")
def forget(person: Annotated[str, typer.Argument(help="Person id.")],
           yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (needed when standard "
                                             "input is not a terminal).")] = False,
           keep_outputs: Annotated[bool, typer.Option("--keep-outputs", help="Leave generated files alone.")] = False,
           credentials: Annotated[Optional[Path], typer.Option(  # noqa: UP045
               "--credentials", help="pgpass-style file to take their login's password out of (default: your own "
                                     "~/.config/workbook/pgpass).", show_default=False)] = None,
           db: DbOption = None) -> None:
    """Erase every record about a person (notes, goals, OKRs, check-ins, actions) and every notebook and
    PDF the workbook recorded making about them (never files matched by name), and drop them from the
    manifests; in an organisation workbook their login goes too, as `workbook user remove` takes it away.
    Cannot be undone: asks first, and refuses without --yes when there is no terminal to ask on."""
    from ..run.forget import (
                files_still_naming,
        files_to_forget,
        forget_person,
        output_folders,
        retire_keys,
    )
    from ..store import KeyProblem, Keyring, remove_credentials

    with open_store(db, write=True) as store:
        who = store.person(person)  # unknown person: a clear error before any question
        store.check_may_forget(person)  # and a refusal before any warning of what the forget would lose
        files = files_to_forget(store, person)
        lost = store.notes_lost_with(person)
        if lost:  # said before the question, and again when --yes skips it
            typer.echo(f"warning: {plural(lost, 'private note')} {who.name} wrote about other people "
                       f"{'is' if lost == 1 else 'are'} sealed for them alone and will never be readable again; "
                       "they stay, marked as such", err=True)
        shown = ", ".join(map(str, files[:5])) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        logins = store.logins_of(person)  # the owner and HR see them; a manager's forget removes them all the same
        confirm_or_refuse(f"Erase every record about {who.name} ({person})"
                          + (f" and {plural(len(files), 'generated file')} ({shown})" if files and not keep_outputs else "")
                          + (f", and take away their login {', '.join(logins)}" if logins else "")
                          + "?", yes, f"forget {person}")
        folders = output_folders(store)  # before the records of this person's files go
        reports = sorted(p.id for p in store.people(include_archived=True) if p.manager == person)
        # the counts are what the rules let this login see; the database erased the rows they hide too (its cascade)
        partial = not store.reads_everyone()
        report = forget_person(store, person, keep_files=keep_outputs)
    typer.echo(f"forgot {person}: " + ", ".join(counted(n, k) for k, n in report.counts.items() if n)
               + (f"; deleted {plural(len(report.files), 'generated file')}" if report.files else "")
               + (f" (what your rights show you: the rows they hide from you about {person} were erased with them)"
                  if partial else ""))
    for login in report.logins:  # as `user remove` does: the role is gone, and its password leaves the file
        dropped = remove_credentials(login.database, login.role, credentials)
        typer.echo(f"removed user {login.name}: database role {login.role} dropped"
                   + ("; its password taken out of the credentials file" if dropped else ""))
    if report.logins:  # and its key leaves your keys folder: what the forget said is sealed for good stays so
        ring = Keyring()
        try:
            retired = retire_keys(report, ring)
        except KeyProblem as exc:
            typer.echo(f"warning: the private-note key of user {', '.join(lg.name for lg in report.logins)} may still be "
                       f"in your keys folder: {exc}", err=True)
            retired = {}
        for name, ids in retired.items():
            several = len(ids) > 1
            typer.echo(f"user {name}: " + (f"its private-note key{'s' if several else ''} deleted from {ring.folder}: "
                                           "the notes it sealed can no longer be opened by anyone "
                                           f"(key{'s' if several else ''} {', '.join(ids)})" if ids else
                                           f"its private-note key pointer removed from {ring.folder} (the key itself "
                                           "is another user's too, or not here)"))
    if reports:  # their manager is gone with them (an import of this person's export links them again)
        typer.echo(f"{', '.join(reports)} no longer {'has' if len(reports) == 1 else 'have'} a manager ({who.name} "
                   f"managed them); give {'them one' if len(reports) > 1 else 'one'} with `workbook person edit "
                   f"{reports[0]} --manager ID`", err=True)
    if keep_outputs and files:
        typer.echo(f"kept {plural(len(files), 'generated file')} about {who.name} as asked (no longer recorded: delete "
                   f"{'it' if len(files) == 1 else 'them'} by hand when done): " + ", ".join(str(p) for p in files), err=True)
    if report.others is not None and report.others.paths:
        kept = sorted(report.others.paths)
        why = f" (it could not be read: {report.others.unread})" if report.others.unread else ""
        typer.echo(f"left {plural(len(kept), 'generated file')} alone: this workbook is a copy of "
                   f"{report.others.home}, and {'it is' if len(kept) == 1 else 'they are'} that workbook's{why}; "
                   f"forget {person} there to delete {'it' if len(kept) == 1 else 'them'}: " + ", ".join(map(str, kept)),
                   err=True)
    if odd := report.not_outputs:  # a record alone never gets a file deleted: one that is not where the workbook puts its files stays
        n = len(odd)
        typer.echo(f"left {plural(n, 'recorded file')} about {who.name} alone: not where the workbook puts its files, "
                   f"so not one it made; {'its record is' if n == 1 else 'their records are'} dropped: "
                   + ", ".join(map(str, odd)), err=True)
    if report.unrecorded:  # found by their place, so listed, never deleted: nothing about them is left unsaid
        n = len(report.unrecorded)
        typer.echo(f"left {plural(n, 'file')} in {who.name}'s output folders that this workbook does not record (made "
                   "after the backup it was restored from, by another workbook or by hand), so not deleted: check "
                   f"and delete {'it' if n == 1 else 'them'} by hand: " + ", ".join(map(str, report.unrecorded)), err=True)
    still = files_still_naming(who, folders)
    if still:
        typer.echo(f"these files made before still name {who.name}; delete them or make them again "
                   f"(`workbook summaries --force`): " + ", ".join(str(p) for p in still), err=True)


@app.command("people")
def people(include_archived: Annotated[bool, typer.Option("--all", help="Archived people (leavers) too.")] = False,
           db: DbOption = None) -> None:
    """List the people in the workbook (archived ones with --all), each as they are today: a promotion entered
    ahead shows in a last column until its day."""

    from ..core.tables import text_table
    from ..stages.people import people_table

    with open_store(db, readonly=True) as store:
        frame = people_table(store, clock.today(), include_archived=include_archived)
        limited = not store.reads_everyone()
    if frame.empty and limited:  # an organisation's login whose rights show them nobody (yet)
        typer.echo("you see nobody here yet: your rights show you yourself and the people you manage")
        return
    if frame.empty:
        typer.echo("no people yet; add one with `workbook person add ID --name NAME` (or `workbook import FILE`)")
        return
    typer.echo(text_table(list(frame.columns), frame.itertuples(index=False)))


@app.command("limits")
def limits(set_: Annotated[Optional[list[str]], typer.Option("--set", help="KEY=VALUE, e.g. max_goals=4.")] = None,  # noqa: UP045
           db: DbOption = None) -> None:
    """Show or change this workbook's limits (defaults: 3 goals, 2 objectives, 2 key results each)."""
    from ..core.rules import parse_limit
    from ..stages.history import change_limits

    changes = []
    for item in set_ or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--set {item!r} must look like KEY=VALUE, e.g. max_goals=4")
        parse_limit(key.strip(), value.strip())  # every value is checked before anything is written
        changes.append((key.strip(), value.strip()))
    with open_store(db, create=True) as store:
        lim, kept = change_limits(store, changes)
    for key in lim.KEYS:
        typer.echo(f"{key} = {getattr(lim, key)}")
    if kept:
        typer.echo(f"note: {plural(len(kept), 'period')} over already hold more ({kept[0].where}{', ...' if len(kept) > 1 else ''}); "
                   "they stay as written, but an export of them imports only where the limit is as high", err=True)
