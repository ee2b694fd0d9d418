"""The command line: parse arguments, call one library function, map WorkbookError to a one-line error."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .core.errors import InputError, WorkbookError

app = typer.Typer(
    help="Career-conversation coaching workbook: people, push/pull notes, growth goals, quarterly OKRs, check-ins.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
ladder_app = typer.Typer(help="Load and check career ladders, suggest competencies, show next-level gaps.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(ladder_app, name="ladder")

DbOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional here
    typer.Option("--db", help="Workbook database file (default: $WORKBOOK_DB or ./workbook.db).", show_default=False),
]


def _store(db: Path | None, *, create: bool = False):  # type: ignore[no-untyped-def]
    """Open the workbook; only commands that add data create a missing file (a typo is an error)."""
    from .store import Store

    return Store(db, create=create)


@app.command("import")
def import_(file: Annotated[Path, typer.Argument(help="YAML file with people, growth_plans, okrs, check_ins, notes, actions.")],
            db: DbOption = None) -> None:
    """Import a YAML file, all or nothing: one bad entry and nothing is written."""
    from .exchange.importer import import_data, load_yaml

    data = load_yaml(file)  # a missing or malformed file is refused before any workbook is created
    with _store(db, create=True) as store:
        result = import_data(store, data, source=str(file))
    for w in result.warnings:
        typer.echo(f"warning: {w}", err=True)
    typer.echo("imported " + ", ".join(f"{n} {k}" for k, n in result.counts.items() if n) + f" into {store.path}")


@app.command("export")
def export(person: Annotated[str, typer.Argument(help="Person id.")],
           out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,  # noqa: UP045
           db: DbOption = None) -> None:
    """Print everything about one person as JSON, private notes included (their data-access copy)."""
    from .core.fileio import write_text_atomic
    from .store import dump_json

    with _store(db) as store:
        text = dump_json(store.export_person(person))
    if out:
        write_text_atomic(out, text + "\n")
        typer.echo(f"wrote {out}", err=True)
    else:
        typer.echo(text)


@app.command("forget")
def forget(person: Annotated[str, typer.Argument(help="Person id.")],
           yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
           outputs: Annotated[Path, typer.Option("--outputs", help="Also delete this person's generated notebooks "
                                                 "and PDFs under this folder.")] = Path("outputs"),
           keep_outputs: Annotated[bool, typer.Option("--keep-outputs", help="Leave generated files alone.")] = False,
           db: DbOption = None) -> None:
    """Erase every record about a person (notes, goals, OKRs, check-ins, actions) and the notebooks and
    PDFs generated about them. Cannot be undone."""
    from .run.batch import generated_files

    with _store(db) as store:
        store.person(person)  # unknown person: a clear error before any question
        files = [] if keep_outputs else generated_files(person, outputs)
        if not yes and sys.stdin.isatty() and not typer.confirm(
                f"Erase every record about {person}" + (f" and {len(files)} generated file(s)" if files else "") + "?"):
            raise typer.Exit(1)
        counts = store.forget(person)
    for path in files:
        path.unlink(missing_ok=True)
    typer.echo(f"forgot {person}: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n)
               + (f"; deleted {len(files)} generated file(s) under {outputs}" if files else ""))


@app.command("people")
def people(db: DbOption = None) -> None:
    """List the people in the workbook."""
    with _store(db) as store:
        frame = store.people_frame()
    if frame.empty:
        typer.echo("no people yet; add them with `workbook import FILE`")
        return
    typer.echo(frame[["id", "name", "track", "level", "manager"]].to_string(index=False))


@app.command("limits")
def limits(set_: Annotated[Optional[list[str]], typer.Option("--set", help="KEY=VALUE, e.g. max_goals=4.")] = None,  # noqa: UP045
           db: DbOption = None) -> None:
    """Show or change this workbook's limits (defaults: 3 goals, 2 objectives, 2 key results each)."""
    from .core.rules import parse_limit

    changes = []
    for item in set_ or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--set {item!r} must look like KEY=VALUE, e.g. max_goals=4")
        parse_limit(key.strip(), value.strip())  # every value is checked before anything is written
        changes.append((key.strip(), value.strip()))
    with _store(db, create=True) as store:
        with store.atomic():
            for key, value in changes:
                store.set_limit(key, value)
        lim = store.limits()
    for key in lim.KEYS:
        typer.echo(f"{key} = {getattr(lim, key)}")


@app.command("check-kr")
def check_kr(texts: Annotated[list[str], typer.Argument(help="Key result texts to check.")],
             as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of verdicts.")] = False) -> None:
    """Say whether each key result is specific and measurable, why, and how to make it verifiable."""
    from .coaching import check_key_result

    verdicts = [check_key_result(t).to_dict() for t in texts]
    if as_json:
        typer.echo(json.dumps(verdicts, indent=2, ensure_ascii=False))
        return
    for v in verdicts:
        mark = "measurable" if v["measurable"] else "NOT measurable"
        typer.echo(f"{mark}: {v['text']}")
        for r in v["reasons"]:
            typer.echo(f"  - {r}")
        if v["suggestion"]:
            typer.echo(f"  suggestion: {v['suggestion']}")


@ladder_app.command("check")
def ladder_check(path: Annotated[Path, typer.Argument(help="Ladder CSV (long or wide form).")],
                 track: Annotated[Optional[str], typer.Option("--track", help="Check this track only.")] = None,  # noqa: UP045
                 form: Annotated[str, typer.Option("--form", help="auto, long, wide-competency-rows or wide-level-rows.")] = "auto") -> None:
    """Print the ladder's levels in order, its competencies and findings; exit 1 when it is not usable."""
    from .coaching.ladders import check_ladder, format_check_report
    from .core.errors import LadderError

    report = check_ladder(path, track=track, form=form)
    if not report.ok:
        raise LadderError(" | ".join(str(f) for f in report.errors))
    typer.echo(format_check_report(report))


@ladder_app.command("suggest")
def ladder_suggest(text: Annotated[str, typer.Argument(help="A goal or key result.")],
                   ladder: Annotated[Path, typer.Option("--ladder", help="Ladder CSV.")],
                   track: Annotated[Optional[str], typer.Option("--track", help="Track within the ladder.")] = None,  # noqa: UP045
                   top: Annotated[int, typer.Option("--top", min=1, help="How many competencies to show.")] = 3,
                   as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of {competency, score}.")] = False) -> None:
    """Suggest the ladder competencies a goal or key result draws on, best first (offline)."""
    from .coaching.ladders import format_suggestions, load_ladder, suggest_competencies

    lad = load_ladder(ladder, track=track)
    typer.echo(format_suggestions(suggest_competencies(text, lad, track=track, top=top), as_json=as_json))


@ladder_app.command("gaps")
def ladder_gaps(person: Annotated[str, typer.Argument(help="Person id.")],
                quarter: Annotated[Optional[str], typer.Option("--quarter", help="Quarter whose KRs count (default: this quarter).")] = None,  # noqa: UP045
                db: DbOption = None) -> None:
    """Show the next level's expectations for a person and which no agreed goal or current KR covers."""
    import datetime as dt

    from .core.dates import check_quarter, quarter_of
    from .stages.team import format_gaps, person_gaps

    q = check_quarter(quarter) if quarter else quarter_of(dt.date.today())
    with _store(db) as store:
        typer.echo(format_gaps(person_gaps(store, person, q)))


@app.command("demo")
def demo(db: Annotated[Optional[Path], typer.Option("--db", help="Demo database to (re)build.")] = Path("outputs/demo.db"),  # noqa: UP045
         quick: Annotated[bool, typer.Option("--quick", help="Build the data and print the summary only.")] = False) -> None:
    """Build the demo workbook (a fictional team, a full year) and run the main job on it."""
    from .demo import run_demo

    run_demo(db or Path("outputs/demo.db"), quick=quick, echo=typer.echo)


@app.command("app")
def serve_app(port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8866,
              db: Annotated[Optional[Path], typer.Option(  # noqa: UP045
                  "--db", help="Workbook the forms use (default: each notebook's own, the demo workbook).",
                  show_default=False)] = None) -> None:
    """Serve the stage notebooks as forms without code (Voila on 127.0.0.1) until Ctrl-C."""
    from .app import serve

    raise typer.Exit(serve(port=port, db=db))


@app.command("run")
def run(stage: Annotated[str, typer.Argument(help="Stage notebook to run: log, goals, okrs, checkin or close.")],
        person: Annotated[str, typer.Option("--person", "-p", help="Person id, or 'all' for every person in the workbook.",
                                            show_default=False)],
        period: Annotated[str, typer.Option("--period", help="Quarter like 2026Q4 (or a year); empty: the quarter of --as-of.")] = "",
        as_of: Annotated[str, typer.Option("--as-of", help="Run the notebook as of this day (YYYY-MM-DD); empty: today.")] = "",
        db: DbOption = None,
        out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the output notebooks.")] = Path("outputs/stages"),
        jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Notebooks run at once, each in its own kernel.")] = 2) -> None:
    """Run a stage notebook headless (papermill) for one person or everyone; print the output notebook paths."""
    from .run.batch import run_stages, stage_notebook
    from .store import default_db_path

    stage_notebook(stage)  # an unknown stage is a one-line error before anything starts
    db_path = db or default_db_path()
    if not db_path.is_file():
        raise InputError(f"workbook {db_path} does not exist; give --db an existing workbook (or run `workbook demo`)")
    with _store(db_path) as store:
        people = [p.id for p in store.people()] if person == "all" else [store.person(person).id]
    results = run_stages([stage], people, period, db_path, out, jobs=jobs, as_of=as_of)
    for r in results:
        if r.ok:
            typer.echo(str(r.output))
        else:
            typer.echo(f"error: {r.stage} for {r.person}: {r.error} (notebook kept at {r.output})", err=True)
    if any(not r.ok for r in results):
        raise typer.Exit(1)


@app.command("summaries")
def summaries(
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="Quarter to summarise, e.g. 2026Q4.")],
    people: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--people", "-p", help="Person id; repeat it or give a comma-separated list (default: everyone).",
        show_default=False)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Notebooks run in parallel.")] = 2,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Print each summary to PDF.")] = True,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder; files go to OUT/QUARTER/.")] = Path("outputs"),
    force: Annotated[bool, typer.Option("--force", help="Redo outputs that are up to date.")] = False,
    as_of: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--as-of", help="Date the summaries are as of (YYYY-MM-DD; default today).", show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Make the quarter's shareable summaries (a notebook and a PDF per person) and the team overview."""
    from .core.errors import BatchError
    from .run.summaries import failure_message, make_summaries
    from .store import default_db_path

    ids = [p.strip() for item in people or [] for p in item.split(",") if p.strip()]
    manifest = make_summaries(db or default_db_path(), quarter, people=ids or None, jobs=jobs, pdf=pdf,
                              out_dir=out, force=force, as_of=as_of, progress=True)
    for item in manifest.failed:
        typer.echo(f"failed: {item.failure_line}", err=True)
    typer.echo(manifest.summary_line())
    if manifest.failed:
        raise BatchError(failure_message(manifest))


def main(argv: list[str] | None = None) -> None:
    """Entry point: library errors become one line on stderr and exit code 1; usage errors exit 2."""
    try:
        app(args=argv, prog_name="workbook")
    except WorkbookError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # `workbook export ana | head`
        os._exit(0)


if __name__ == "__main__":  # pragma: no cover
    main()
