"""Commands on whole records: import, export, forget, people, limits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..core.errors import InputError
from .base import DbOption, app, confirm_or_refuse, open_store

if TYPE_CHECKING:
    from ..core.model import Person


@app.command("import")
def import_(file: Annotated[Path, typer.Argument(help="YAML file with people, growth_plans, okrs, check_ins, notes, "
                                              "actions; or one person's JSON that `workbook export` wrote.")],
            db: DbOption = None) -> None:
    """Import a YAML file or a `workbook export` file, all or nothing: one bad entry and nothing is written."""
    from ..exchange.importer import import_data
    from ..exchange.roundtrip import read_import_file

    data = read_import_file(file)  # a missing or malformed file is refused before any workbook is created
    with open_store(db, create=True) as store:
        result = import_data(store, data, source=str(file))
    for w in result.warnings:
        typer.echo(f"warning: {w}", err=True)
    typer.echo("imported " + ", ".join(f"{n} {k}" for k, n in result.counts.items() if n) + f" into {store.path}")


@app.command("export")
def export(person: Annotated[str, typer.Argument(help="Person id.")],
           out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,  # noqa: UP045
           db: DbOption = None) -> None:
    """Print everything about one person as JSON, private notes included (their data-access copy)."""
    from ..core.fileio import write_text_atomic
    from ..store import dump_json

    with open_store(db) as store:
        text = dump_json(store.export_person(person))
    if out:
        write_text_atomic(out, text + "\n")
        typer.echo(f"wrote {out}", err=True)
    else:
        typer.echo(text)


@app.command("forget")
def forget(person: Annotated[str, typer.Argument(help="Person id.")],
           yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (needed when standard "
                                             "input is not a terminal).")] = False,
           outputs: Annotated[Path, typer.Option("--outputs", help="Also delete this person's generated notebooks "
                                                 "and PDFs under this folder.")] = Path("outputs"),
           keep_outputs: Annotated[bool, typer.Option("--keep-outputs", help="Leave generated files alone.")] = False,
           db: DbOption = None) -> None:
    """Erase every record about a person (notes, goals, OKRs, check-ins, actions) and the notebooks and
    PDFs generated about them. Cannot be undone: asks first, and refuses without --yes when there is no
    terminal to ask on."""
    from ..run.batch import generated_files

    with open_store(db, write=True) as store:
        who = store.person(person)  # unknown person: a clear error before any question
        files = [] if keep_outputs else generated_files(person, outputs)
        confirm_or_refuse(f"Erase every record about {who.name} ({person})"
                          + (f" and {len(files)} generated file(s)" if files else "") + "?", yes, f"forget {person}")
        counts = store.forget(person)
    for path in files:
        path.unlink(missing_ok=True)
    typer.echo(f"forgot {person}: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items() if n)
               + (f"; deleted {len(files)} generated file(s) under {outputs}" if files else ""))
    still = files_still_naming(who, outputs)
    if still:
        typer.echo(f"these files made before still name {who.name}; delete them or make them again "
                   f"(`workbook summaries --force`): " + ", ".join(str(p) for p in still), err=True)


def files_still_naming(person: Person, out_dir: Path) -> list[Path]:
    """Team overviews and manifests under ``out_dir`` that mention ``person`` (by name, or by id as a JSON
    value). They describe the whole team, so forget does not delete them; it says which they are."""
    import json

    if not out_dir.is_dir():
        return []
    needles = {person.name, json.dumps(person.name)[1:-1], f'"{person.id}"'}
    found: list[Path] = []
    for path in sorted(out_dir.rglob("*")):
        if not path.is_file() or not (path.name.startswith("team_overview") or path.name == "manifest.json"):
            continue
        if path.suffix == ".pdf":  # printed from the notebook beside it: it names them when that one does
            twin = path.with_suffix(".ipynb")
            if twin in found:
                found.append(path)
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if any(n and n in text for n in needles):
            found.append(path)
    return sorted(found)


@app.command("people")
def people(include_archived: Annotated[bool, typer.Option("--all", help="Archived people (leavers) too.")] = False,
           db: DbOption = None) -> None:
    """List the people in the workbook (archived ones with --all)."""
    with open_store(db) as store:
        frame = store.people_frame(include_archived=include_archived)
    if frame.empty:
        typer.echo("no people yet; add one with `workbook person add ID --name NAME` (or `workbook import FILE`)")
        return
    columns = ["id", "name", "track", "level", "manager"] + (["archived"] if include_archived else [])
    typer.echo(frame[columns].to_string(index=False))


@app.command("limits")
def limits(set_: Annotated[Optional[list[str]], typer.Option("--set", help="KEY=VALUE, e.g. max_goals=4.")] = None,  # noqa: UP045
           db: DbOption = None) -> None:
    """Show or change this workbook's limits (defaults: 3 goals, 2 objectives, 2 key results each)."""
    from ..core.rules import parse_limit

    changes = []
    for item in set_ or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--set {item!r} must look like KEY=VALUE, e.g. max_goals=4")
        parse_limit(key.strip(), value.strip())  # every value is checked before anything is written
        changes.append((key.strip(), value.strip()))
    with open_store(db, create=True) as store:
        with store.atomic():
            for key, value in changes:
                store.set_limit(key, value)
        lim = store.limits()
    for key in lim.KEYS:
        typer.echo(f"{key} = {getattr(lim, key)}")
