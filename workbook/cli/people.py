"""Commands about the team: add a person, show, edit, archive one, and what is due for everyone."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..core.labels import track_level
from .base import DbOption, advice_with_db, app, open_store, parse_day, person_app, typed_path
from .corrections import PersonArg, Text, _day_or_none, _given, _require


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


# -- people ------------------------------------------------------------------------------------------------------
@person_app.command("edit")
def person_edit(person: PersonArg,
                name: Annotated[Text, typer.Option("--name", help="Their full name.", show_default=False)] = None,
                track: Annotated[Text, typer.Option("--track", help="Track on their ladder.", show_default=False)] = None,
                level: Annotated[Text, typer.Option("--level", help="Level on that track (key or name).", show_default=False)] = None,
                ladder: Annotated[Text, typer.Option("--ladder", help="Career ladder CSV ('' for none).", show_default=False)] = None,
                toward: Annotated[Text, typer.Option("--toward", help="Where the ladder forks, the way up they chose: "
                                                     "a level above theirs ('' for the next level up).",
                                                     show_default=False)] = None,
                manager: Annotated[Text, typer.Option("--manager", help="Who they report to.", show_default=False)] = None,
                motivations: Annotated[Text, typer.Option("--motivations", help="Career motivations (private).",
                                                          show_default=False)] = None,
                started: Annotated[Text, typer.Option("--started", help="Start date, YYYY-MM-DD.", show_default=False)] = None,
                on: Annotated[Text, typer.Option("--on", help="The day the change takes effect (default today), e.g. "
                                                 "the promotion's date.", show_default=False)] = None,
                db: DbOption = None) -> None:
    """Change a person: a new level, track, ladder, way up, manager or name is dated in their history (a promotion
    shows in the goals stage and their summary's header). The level must be on their ladder and track; --toward
    a level above it (a promotion that reaches it clears it)."""
    from ..stages.people import edit_person, manager_outside_tree

    changes = _given(name=name, track=track, level=level, ladder=None if ladder is None else typed_path(ladder),
                     toward=toward, manager=manager, motivations=motivations,
                     started=_day_or_none(started, "--started"))
    _require(changes, "person edit")
    with open_store(db, write=True) as store:
        before = store.person(person)
        after = edit_person(store, person, effective=parse_day(on, "--on") if on else None, **changes)
        outside = manager_outside_tree(store, after) if "manager" in changes else ""
    diffs = [f"{k} {getattr(before, k) or '(none)'} → {getattr(after, k) or '(none)'}"
             for k in [*changes, *(["toward"] if "toward" not in changes else [])]
             if k != "motivations" and getattr(before, k) != getattr(after, k)]
    if "motivations" in changes and before.motivations != after.motivations:
        diffs.append("motivations (new wording)" if after.motivations else "motivations (cleared)")
    day = parse_day(on, "--on") if on else None
    same = "nothing changed" + (f": {person} already has that value, so --on dated nothing (it dates a new change; "
                                "it does not move one already recorded)" if day else "")
    typer.echo(f"edited {person}: " + (", ".join(diffs) + (f" (on {day})" if day else "") if diffs else same))
    if outside:
        typer.echo(f"warning: {outside}", err=True)


@person_app.command("archive")
def person_archive(person: PersonArg, db: DbOption = None) -> None:
    """Archive a leaver: their records stay (export, history), but the home page, team views and batches leave them
    out (`--all` shows them). `person unarchive` brings them back; `forget` erases."""
    from ..stages.people import archive_warnings

    with open_store(db, write=True) as store:
        p = store.set_archived(person, True)
        warnings = archive_warnings(store, p)
    typer.echo(f"archived {p.name} ({p.id}): hidden from the home page, team views and batches")
    for line in warnings:
        typer.echo(f"warning: {line}", err=True)


@person_app.command("unarchive")
def person_unarchive(person: PersonArg, db: DbOption = None) -> None:
    """Bring an archived person back into the home page, team views and batches."""
    with open_store(db, write=True) as store:
        p = store.set_archived(person, False)
    typer.echo(f"unarchived {p.name} ({p.id})")
