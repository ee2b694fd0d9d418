"""Commands about the team: add a person, show one, and what is due for everyone."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..core.labels import track_level
from .base import DbOption, advice_with_db, app, open_store, parse_day, person_app, typed_path


@person_app.command("add")
def person_add(
    person: Annotated[str, typer.Argument(help="Their id: short, lower-case letters, digits, '-' or '_' (e.g. kim).")],
    name: Annotated[str, typer.Option("--name", help="Their full name.", show_default=False)],
    track: Annotated[str, typer.Option("--track", help="Track on their career ladder (e.g. 'Data Science').")] = "",
    level: Annotated[str, typer.Option("--level", help="Their level on that track (key or name, e.g. 1).")] = "",
    ladder: Annotated[str, typer.Option("--ladder", help="Career ladder CSV (e.g. ladders/data-science.csv).")] = "",
    toward: Annotated[str, typer.Option("--toward", help="Where the ladder forks, the way up they chose: a level "
                                        "above theirs (default: the next level up).", show_default=False)] = "",
    manager: Annotated[str, typer.Option("--manager", help="Who they report to.")] = "",
    motivations: Annotated[str, typer.Option("--motivations", help="Career motivations from the onboarding 1:1 "
                                             "(private).")] = "",
    started: Annotated[Optional[str], typer.Option("--started", help="Start date, YYYY-MM-DD.", show_default=False)] = None,  # noqa: UP045
    db: DbOption = None,
) -> None:
    """Add a person to the workbook; with --ladder, the track and level must be on that ladder."""
    from ..stages.people import add_person, manager_outside_tree, reports_of, waiting_reports_linked

    with open_store(db, write=True) as store:
        p = add_person(store, person, name, track=track, level=level, ladder=typed_path(ladder), manager=manager,
                       motivations=motivations, started=started, toward=toward)
        path = store.path
        outside = manager_outside_tree(store, p)
        linked = waiting_reports_linked(p, reports_of(store, p.id))  # a new person's reports waited for them
    place = track_level(p.track, p.level)
    typer.echo(f"added {p.name} ({p.id}{', ' + place if place else ''}) to {path}")
    if outside:
        typer.echo(f"warning: {outside}", err=True)
    if linked:
        typer.echo(linked, err=True)


@person_app.command("show")
def person_show(person: Annotated[str, typer.Argument(help="Person id.")],
                as_of: Annotated[Optional[str], typer.Option("--as-of", help="Day the due items are as of "  # noqa: UP045
                                                             "(YYYY-MM-DD; default today).", show_default=False)] = None,
                db: DbOption = None) -> None:
    """Show one person: their ladder, what the workbook holds about them, and what is due."""
    from ..stages.people import person_card

    with open_store(db, readonly=True) as store:
        typer.echo(advice_with_db(person_card(store, person, parse_day(as_of))))  # its commands on the workbook given


@app.command("due")
def due(within: Annotated[str, typer.Option("--within", help="Also what falls due in the next days or weeks "
                                            "(e.g. 7d, 2w).")] = "0d",
        as_of: Annotated[Optional[str], typer.Option("--as-of", help="Day to look from (YYYY-MM-DD; default today).",  # noqa: UP045
                                                     show_default=False)] = None,
        db: DbOption = None) -> None:
    """Who is due what: check-ins (last one 14+ days old), follow-ups, trial runs to debrief, actions and support
    past their date, growth goals for the year, OKRs for the quarter, quarters to close. The home page shows the
    same list."""
    from ..stages.due import due_frame, format_due, parse_within

    days = parse_within(within)
    day = parse_day(as_of)
    with open_store(db, readonly=True) as store:
        frame = due_frame(store, day, days)
        no_reports = frame.empty and store.nobody_reports_to_me()
        nobody = frame.empty and not store.my_team()
    if no_reports:
        typer.echo("nobody reports to you in this workbook, so nothing is due from you")
    elif nobody:
        typer.echo("nobody in the workbook yet; add someone with `workbook person add ID --name NAME` "
                   "(or `workbook import FILE`)")
    else:
        typer.echo(advice_with_db(format_due(frame, day, days)))
