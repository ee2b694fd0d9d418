"""Commands that run things: the demo, the app, stage notebooks and the quarter-end summaries."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..core.errors import InputError
from .base import (
    DbOption,
    ServedDbOption,
    app,
    file_path,
    open_store,
    parse_day,
    quarter_value,
    workbook_path,
)


@app.command("demo")
def demo(db: Annotated[Optional[Path], typer.Option("--db", help="Demo database to (re)build.")] = Path("outputs/demo.db"),  # noqa: UP045
         quick: Annotated[bool, typer.Option("--quick", help="Build the data and print the summary only.")] = False) -> None:
    """Build the demo workbook (a fictional team, a full year) and run the main job on it."""
    from ..demo import run_demo

    run_demo(db or Path("outputs/demo.db"), quick=quick, echo=typer.echo)


@app.command("app")
def serve_app(port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8866,
              db: ServedDbOption = None) -> None:
    """Serve the home page and the stage pages as forms without code (Voila on 127.0.0.1) until Ctrl-C; the
    pages are working copies beside the workbook."""
    from ..app import serve

    raise typer.Exit(serve(db=file_path(db, "the app", served=True), port=port))


@app.command("run")
def run(stage: Annotated[str, typer.Argument(help="Stage notebook to run: log, goals, okrs, checkin or close.")],
        person: Annotated[str, typer.Option("--person", "-p", help="Person id, or 'all' for your whole team (everyone in a "
                                            "workbook of your own; in an organisation's, everyone below you).",
                                            show_default=False)],
        period: Annotated[str, typer.Option("--period", help=(
            "Quarter like 2026Q4 (or a year); empty: the one each page opens on, as the due list says (next year's "
            "goals from October, next quarter's OKRs in a quarter's last month, a quarter left to close), else the "
            "quarter of --as-of."))] = "",
        as_of: Annotated[str, typer.Option("--as-of", help="Run the notebook as of this day (YYYY-MM-DD); empty: today.")] = "",
        db: DbOption = None,
        out: Annotated[Optional[Path], typer.Option(  # noqa: UP045
            "--out", "-o", help="Folder for the output notebooks (default: outputs/stages beside the workbook).",
            show_default=False)] = None,
        jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Notebooks run at once, each in its own kernel.")] = 2,
        include_archived: Annotated[bool, typer.Option("--all", help="With --person all: archived people too.")] = False) -> None:
    """Run a stage notebook headless (papermill) for one person or everyone; print the output notebook paths.
    Each notebook goes to OUT/<person>/, private to you; Ctrl-C stops the run within seconds."""
    from ..run.batch import canonical_period, kept_at, run_stages, stage_notebook
    from ..run.interrupt import StopSignal
    from ..run.outputs import outputs_root
    from ..stages.dated import nobody_to_run, started_by

    stage_notebook(stage)  # an unknown stage is a one-line error before anything starts
    if as_of:
        parse_day(as_of)  # and so is a day the notebooks could not look from
    from ..store.backend import is_url

    db_path = workbook_path(db)
    if not is_url(str(db_path)) and not Path(db_path).is_file():
        raise InputError(f"workbook {db_path} does not exist; give --db an existing workbook (or run `workbook init`)")
    with open_store(db_path, readonly=True) as store:
        canonical = canonical_period(period, as_of)
        people = ([p.id for p in store.my_team(below=True, include_archived=include_archived)  # not before their start
                   if started_by(p, canonical)] if person == "all" else [store.person(person).id])
        if person != "all" and not store.allowed("make_files", people[0]):
            raise InputError(f"{person}: only the managers above {store.person(person).name} and HR make notebooks "
                             "about them; give --person one of your reports (or all)")
        if not people:
            raise InputError(nobody_to_run(store, canonical, "stage notebook", include_archived=include_archived))
    with StopSignal() as stop:
        results = run_stages([stage], people, period, db_path, out or outputs_root(db_path) / "stages", jobs=jobs, as_of=as_of, stop=stop)
    for r in results:
        if r.ok:
            typer.echo(str(r.output))
        elif not r.cancelled:
            typer.echo(f"error: {r.stage} for {r.person}: {r.error}{kept_at(r.output)}", err=True)
    if stop.requested:
        made = sum(r.ok for r in results)
        typer.echo(f"interrupted by {stop.name}: {made} of {len(results)} notebooks made, the rest not started "
                   "or cancelled", err=True)
        _exit_stopped(stop.exit_code)
    if any(not r.ok for r in results):
        raise typer.Exit(1)


@app.command("summaries")
def summaries(
    quarter_arg: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        metavar="QUARTER", help="The quarter, as with --quarter: `workbook summaries 2026Q4`.", show_default=False,
        callback=quarter_value)] = None,
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="Quarter to summarise, e.g. 2026Q4 (default: the "
                                         "quarter of --as-of, or this quarter).", show_default=False,
                                         callback=quarter_value)] = "",
    people: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--people", "-p", help="Person id; repeat it or give a comma-separated list (default, or 'all': everyone).",
        show_default=False)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Notebooks run in parallel.")] = 2,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Print each summary to PDF.")] = True,
    out: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--out", "-o", help="Output folder; files go to OUT/QUARTER/ (default: outputs/ beside the workbook).",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo outputs that are up to date.")] = False,
    team: Annotated[bool, typer.Option("--team", help="Also remake the team overview when --people is given "
                                       "(a run for everyone always does).")] = False,
    as_of: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--as-of", help="Date the summaries are as of (YYYY-MM-DD; default today).", show_default=False)] = None,
    include_archived: Annotated[bool, typer.Option("--all", help="Archived people (leavers) too.")] = False,
    db: DbOption = None,
) -> None:
    """Make the quarter's shareable summaries (a notebook and a PDF per person) and, for everyone, the team
    overview. Files go to OUT/QUARTER/<person>/; one run per folder at a time; Ctrl-C stops within seconds."""
    from ..core.errors import BatchError
    from ..run.interrupt import StopSignal
    from ..run.summaries import failure_message, make_summaries

    ids = [p.strip() for item in people or [] for p in item.split(",") if p.strip()]
    if ids == ["all"]:  # as `workbook run --person all` says it: everyone (the default)
        ids = []
    if quarter_arg and quarter and quarter_arg != quarter:
        raise InputError(f"two quarters given, {quarter_arg} and --quarter {quarter}; give one")
    quarter = quarter or quarter_arg or ""
    if not quarter:
        from ..core.dates import quarter_of

        quarter = quarter_of(parse_day(as_of))
    db_path = workbook_path(db)
    with StopSignal() as stop:
        manifest = make_summaries(db_path, quarter, people=ids or None, jobs=jobs, pdf=pdf,
                                  out_dir=out, force=force, as_of=as_of, progress=True, team=True if team else None,
                                  stop=stop, include_archived=include_archived)
    for item in manifest.failed:
        typer.echo(f"failed: {item.failure_line}", err=True)
    typer.echo(manifest.summary_line())
    if manifest.interrupted:
        typer.echo(f"interrupted by {manifest.interrupted}: {manifest.path} lists what was made", err=True)
        _exit_stopped(stop.exit_code)
    if manifest.failed:
        raise BatchError(failure_message(manifest))


def _exit_stopped(code: int) -> None:
    """End a stopped batch now: everything is written and closed (the manifest, the workbook, the
    helpers), so the interpreter's teardown (0.5 s here, 1.7 s measured on a loaded machine) would
    only eat into the 5 s a stop promises, and a run left behind (workbook.run.interrupt) has
    nothing left to do."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
