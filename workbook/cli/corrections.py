"""Commands that correct records: edit and delete notes, check-ins, actions, goals, objectives, key results and support; move a key result; the history and the check.

Each command opens the workbook, calls one library method (which checks, writes and logs in one
transaction) and says what changed. Deleting asks once (and refuses without a terminal unless --yes).
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from ..core import clock
from ..core.dates import to_date
from ..core.errors import InputError
from ..core.labels import as_sentence, owner_label, plural, short
from ..core.model import PULL_TOPICS, PUSH_TOPICS
from .base import (
    DbOption,
    advice_with_db,
    app,
    confirm_or_refuse,
    open_store,
    parse_day,
    print_whole,
    quarter_value,
    refuse_both,
    year_value,
)

__all__ = ["note_app", "checkin_app", "action_app", "goal_app", "objective_app", "kr_app", "support_app"]

note_app = typer.Typer(help="Add, list, edit and delete push and pull notes.", no_args_is_help=True, rich_markup_mode=None)
checkin_app = typer.Typer(help="Add, list, edit and delete check-ins; debrief their trial runs.", no_args_is_help=True, rich_markup_mode=None)
action_app = typer.Typer(help="Add, list, edit and delete actions (next steps).", no_args_is_help=True, rich_markup_mode=None)
goal_app = typer.Typer(help="Add, list, edit and delete annual growth goals; set a plan's status (where it stands).", no_args_is_help=True, rich_markup_mode=None)
objective_app = typer.Typer(help="Add, list, edit and delete quarterly objectives.", no_args_is_help=True, rich_markup_mode=None)
kr_app = typer.Typer(help="Add, edit, delete and move key results.", no_args_is_help=True, rich_markup_mode=None)
support_app = typer.Typer(help="Add, list, edit and delete the support key results need.", no_args_is_help=True,
                          rich_markup_mode=None)
for _name, _sub in (("note", note_app), ("checkin", checkin_app), ("action", action_app), ("goal", goal_app),
                    ("objective", objective_app), ("kr", kr_app), ("support", support_app)):
    app.add_typer(_sub, name=_name)

YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (needed when standard input is not a terminal).")]
Text = Optional[str]  # noqa: UP045 - typer needs Optional


def _given(**values: Any) -> dict[str, Any]:
    """The options the user gave (None means not given)."""
    return {k: v for k, v in values.items() if v is not None}


def _day_or_none(text: str | None, option: str) -> Any:
    """An option's date; "none" (or an empty string) clears it."""
    if text is None:
        return None
    if text.strip().lower() in ("", "none"):
        return ""
    return parse_day(text, option)


def _clearable(changes: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if v == "" and k in ("due", "follow_up_due", "target_date", "started") else v) for k, v in changes.items()}


def _require(changes: dict[str, Any], what: str) -> None:
    if not changes:
        raise InputError(f"nothing to change; give at least one option (see `workbook {what} --help`)")


def _done(kind: str, label: str, changes: dict[str, Any]) -> None:
    shown = ", ".join(f"{k.replace('_', ' ')}={v if v not in (None, '') else '(empty)'}" for k, v in changes.items())
    typer.echo(f"{kind} {label}: {shown}" if shown else f"{kind} {label}")


# -- notes -----------------------------------------------------------------------------------------------------------
@note_app.command("list")
def note_list(person: Annotated[str, typer.Argument(help="Person id.")], db: DbOption = None) -> None:
    """List a person's notes with their ids (newest first; private ones marked)."""
    from ..core.errors import NotFound
    from ..core.labels import short

    with open_store(db, readonly=True) as store:
        former = False
        try:
            store.person(person)
        except NotFound:  # in an organisation: someone no longer on your team, whose notes you wrote stay yours
            former = True
        frame = store.notes_frame(person, include_private=True)
        if former and frame.empty:
            store.person(person)  # the usual one-line "unknown person"
        why = store.unsealing_problem() if frame.attrs.get("sealed_unavailable") else ""
    if former:
        typer.echo(f"{person} is no longer on your team: these are the notes you wrote about them, which you may "
                   "read but no longer change", err=True)
    if frame.empty:
        typer.echo(f"no notes for {person} yet")
        return
    for n in frame.itertuples():
        typer.echo(f"{n.id:>5}  {n.date}  {n.direction:<4}  {n.topic:<18} {n.visibility:<7}  {short(n.text, 60)}")
    if why:  # a wrong passphrase or a missing key: say so, not only "[private note: key not available]"
        typer.echo(f"warning: some private notes cannot be opened here: {why}", err=True)


@note_app.command("edit")
def note_edit(note_id: Annotated[int, typer.Argument(help="Note id (`workbook note list PERSON`).")],
              date: Annotated[Text, typer.Option("--date", help="New date, YYYY-MM-DD.", show_default=False)] = None,
              text: Annotated[Text, typer.Option("--text", help="New wording.", show_default=False)] = None,
              direction: Annotated[Text, typer.Option("--direction", help="pull or push.", show_default=False)] = None,
              topic: Annotated[Text, typer.Option("--topic", help="A topic of that direction.", show_default=False)] = None,
              setting: Annotated[Text, typer.Option("--setting", help="review, 1:1, check-in, water cooler, project "
                                                    "discussion or other.", show_default=False)] = None,
              visibility: Annotated[Text, typer.Option("--visibility", help="private or shared.", show_default=False)] = None,
              follow_up: Annotated[Text, typer.Option("--follow-up", help="What you will do next.", show_default=False)] = None,
              follow_up_due: Annotated[Text, typer.Option("--follow-up-due", help="YYYY-MM-DD, or 'none'.",
                                                          show_default=False)] = None,
              follow_up_done: Annotated[bool, typer.Option(
                  "--follow-up-done", help="Mark the follow-up done (it leaves the due lists).")] = False,
              follow_up_open: Annotated[bool, typer.Option(
                  "--follow-up-open", help="Open a follow-up marked done again.")] = False,
              db: DbOption = None) -> None:
    """Correct a note (its date, words, topic, visibility, follow-up), or mark its follow-up done; the old values
    stay in its history."""
    refuse_both("--follow-up-done", "--follow-up-open", follow_up_done and follow_up_open,
                "one marks the follow-up done, the other open")
    done = True if follow_up_done else False if follow_up_open else None  # None: neither given, leave it as it is
    changes = _given(date=_day_or_none(date, "--date"), text=text, direction=direction, topic=topic, setting=setting,
                     visibility=visibility, follow_up=follow_up, follow_up_due=_day_or_none(follow_up_due, "--follow-up-due"),
                     follow_up_done=done)
    _require(changes, "note edit")
    from ..stages.conversation_log import summaries_still_showing

    with open_store(db, write=True) as store:
        note = store.edit_note(note_id, **_clearable(changes))
        stale = summaries_still_showing(store, note_id) if changes.get("visibility") == "private" else ""
    if stale:
        typer.echo(f"warning: {advice_with_db(stale)}", err=True)
    _done("edited note", f"{note_id} of {note.person}", {k: v for k, v in changes.items() if k != "text"}
          | ({"text": "(new wording)"} if "text" in changes else {}))


@note_app.command("delete")
def note_delete(note_id: Annotated[int, typer.Argument(help="Note id (`workbook note list PERSON`).")],
                yes: YesOption = False, db: DbOption = None) -> None:
    """Delete a note (asks first); its words stay in the person's history, as private as the note was."""
    with open_store(db, write=True) as store:
        note = store.note(note_id)
        confirm_or_refuse(f"Delete the {note.direction} note of {note.date} on {note.topic} about {note.person}?", yes,
                          f"note delete {note_id}")
        store.delete_note(note_id)
    typer.echo(f"deleted note {note_id} of {note.person} ({note.date}, {note.direction}: {note.topic})")


# -- check-ins and actions ---------------------------------------------------------------------------------------
@checkin_app.command("list")
def checkin_list(person: Annotated[str, typer.Argument(help="Person id.")],
                 quarter: Annotated[Text, typer.Option("--quarter", "-q", help="Only this quarter, e.g. 2027Q1.",
                                                       show_default=False, callback=quarter_value)] = None,
                 db: DbOption = None) -> None:
    """List a person's check-ins with their ids, oldest first."""
    with open_store(db) as store:
        who = store.person(person)
        items = store.check_ins(who.id, quarter)
        hidden_for = None if store.allowed("read_working", who.id) else who.name
    if not items:
        typer.echo(f"no check-ins for {person}" + (f" in {quarter}" if quarter else "") + " yet")
    for c in items:
        typer.echo(f"{c.id:>5}  {c.date}  {c.mode:<7}  {_check_in_line(c, hidden_for)}")


def _check_in_line(c: Any, hidden_for: str | None = None) -> str:
    """What a check-in holds, as `checkin add` and `checkin list` say it: each key result's status, then how many
    obstacles (often the mental ones the check-in is for), trial runs (when any) and actions. ``hidden_for``: the
    person's name when the reader may not read the 1:1's words (a skip-level, HR), who is told so, not "0 obstacles"."""
    statuses = ", ".join(f"O{s.objective}·KR{s.key_result} {s.status}" for s in c.key_results) or "no key result"
    if hidden_for is not None:
        return (f"{statuses}; {plural(len(c.actions), 'action')}; obstacles and trial runs: for {hidden_for} and "
                "their manager to read")
    trials = f"{plural(len(c.trial_runs), 'trial run')}, " if c.trial_runs else ""
    return f"{statuses}; {plural(len(c.obstacles), 'obstacle')}, {trials}{plural(len(c.actions), 'action')}"


def _parse_status(item: str) -> Any:
    from ..core.model import KRStatus

    spec, sep, rest = item.partition("=")
    status, _, note = rest.partition(":")
    obj, dot, kr = spec.partition(".")
    if not sep or not dot or not obj.strip().isdigit() or not kr.strip().isdigit():
        raise InputError(f"--status {item!r} must look like OBJECTIVE.KR=STATUS[:note], e.g. 1.2=at_risk:waiting on data")
    try:
        return KRStatus(objective=int(obj), key_result=int(kr), status=status.strip(), note=note.strip())  # type: ignore[arg-type]
    except ValueError:
        raise InputError(f"--status {item!r}: the status must be on_track, at_risk, blocked or done") from None


@checkin_app.command("add")
def checkin_add(person: Annotated[str, typer.Argument(help="Person id.")],
                status: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
                    "--status", help="OBJECTIVE.KR=STATUS[:note] (on_track, at_risk, blocked, done); repeat it.",
                    show_default=False)] = None,
                date: Annotated[Text, typer.Option("--date", help="YYYY-MM-DD (default today).", show_default=False)] = None,
                mode: Annotated[str, typer.Option("--mode", help="status (2-3 minutes) or unblock (10-15 minutes).")] = "status",
                obstacle: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
                    "--obstacle", help="Something in the way, often a mental one; repeat it.", show_default=False)] = None,
                trial_run: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
                    "--trial-run", help="A rehearsal agreed (a draft reply or talk shared before the real thing), "
                    "followed up at the next check-in; repeat it.", show_default=False)] = None,
                action: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
                    "--action", help="A next step the report owns; repeat it.", show_default=False)] = None,
                due: Annotated[Text, typer.Option("--due", help="YYYY-MM-DD: when the actions are due.",
                                                  show_default=False)] = None,
                summary: Annotated[str, typer.Option("--summary", help="What you agreed (private).",
                                                     show_default=False)] = "",
                db: DbOption = None) -> None:
    """Record a bi-weekly check-in: each key result's status (by its place in the quarter of --date), the
    obstacles named, the trial runs and next steps agreed. The check-in page does the same with the last
    statuses carried."""
    import datetime as dt

    from ..core.dates import quarter_of
    from ..core.model import CheckIn
    from ..stages.checkin import TRIAL_FOLLOW_UP_DAYS, check_in_repeats
    from ..stages.people import archived_notice
    from ..store.corrections import validated

    if due and not action:
        raise InputError("--due is for the actions agreed; give them with --action TEXT", None, "checkin add --due")
    day = parse_day(date, "--date") if date else clock.today()
    when = parse_day(due, "--due") if due else None
    check_in = validated(CheckIn, {
        "person": person, "date": day, "mode": mode, "summary": summary,
        "key_results": [_parse_status(s) for s in status or []],
        "obstacles": [{"text": t} for t in obstacle or []],
        "trial_runs": [{"text": t, "follow_up_on": day + dt.timedelta(days=TRIAL_FOLLOW_UP_DAYS)} for t in trial_run or []],
        "actions": [{"text": t, "person": person, "due": when} for t in action or []]}, "checkin add")
    with open_store(db, write=True) as store:
        same, others = check_in_repeats(store, check_in)
        if same is not None:  # the command run twice: a second copy of one conversation
            raise InputError(f"check-in {same} with {person} on {day} already says word for word what this one says; "
                             f"nothing added (`workbook checkin edit {same}` changes it)", None, "checkin add")
        check_in_id = store.add_check_in(check_in)
        said = [archived_notice(store.person(person), "check-in")]
    if others:
        said.append(f"there was already a check-in with {person} on {day} ({', '.join(map(str, others))}); "
                    f"{'both' if len(others) == 1 else 'all'} are kept")
    for line in filter(None, said):
        typer.echo(f"warning: {line}", err=True)
    # the quarter comes from the date: said, since the statuses are of its key results (a check-in dated in January
    # is the new quarter's, and of a new year)
    typer.echo(f"added check-in {check_in_id} with {person} ({day}, {mode}, {quarter_of(day)}): {_check_in_line(check_in)}")


@checkin_app.command("debrief")
def checkin_debrief(person: Annotated[str, typer.Argument(help="Person id.")],
                    trial_run: Annotated[str, typer.Argument(
                        help="The trial run: its text, or words found in only one not yet debriefed.")],
                    debrief: Annotated[Text, typer.Option(
                        "--debrief", help="How it went and what they learnt (needed unless --sent).",
                        show_default=False)] = None,
                    sent: Annotated[bool, typer.Option(
                        "--sent", help="It happened (the draft was sent, the talk given); the debrief comes later.")] = False,
                    db: DbOption = None) -> None:
    """Debrief a trial run agreed at a check-in: how did it go, what did they learn? The check-in page offers
    the same for every trial run not yet debriefed."""
    from ..stages.checkin import trial_run_to_debrief

    refuse_both("--debrief", "--sent", bool(debrief) and sent,
                "--sent says it happened and the debrief is still to come; --debrief TEXT closes it")
    if not sent and not (debrief or "").strip():
        raise InputError("say how it went: --debrief TEXT (or --sent when it happened and the debrief comes later)",
                         None, "checkin debrief --debrief")
    with open_store(db, write=True) as store:
        text = trial_run_to_debrief(store, person, trial_run)
        store.update_trial_run(person, text, "sent" if sent else "debriefed", "" if sent else (debrief or "").strip())
    typer.echo(f"{'sent' if sent else 'debriefed'}: {person}'s trial run {short(text, 60)!r}")


@checkin_app.command("edit")
def checkin_edit(check_in_id: Annotated[int, typer.Argument(help="Check-in id (`workbook checkin list PERSON`).")],
                 date: Annotated[Text, typer.Option("--date", help="New date, YYYY-MM-DD.", show_default=False)] = None,
                 mode: Annotated[Text, typer.Option("--mode", help="status or unblock.", show_default=False)] = None,
                 summary: Annotated[Text, typer.Option("--summary", help="New summary (private).", show_default=False)] = None,
                 status: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
                     "--status", help="OBJECTIVE.KR=STATUS[:note]; repeat it. Replaces every status of the check-in.",
                     show_default=False)] = None,
                 clear_statuses: Annotated[bool, typer.Option("--clear-statuses", help="Remove every key-result status.")] = False,
                 db: DbOption = None) -> None:
    """Correct a check-in (date, mode, summary, key-result statuses); the old values stay in its history."""
    refuse_both("--status", "--clear-statuses", bool(status) and clear_statuses,
                "--status replaces every status of the check-in with those given, --clear-statuses removes them all")
    statuses = [] if clear_statuses else ([_parse_status(s) for s in status] if status else None)
    changes = _given(date=_day_or_none(date, "--date"), mode=mode, summary=summary, key_results=statuses)
    _require(changes, "checkin edit")
    with open_store(db, write=True) as store:
        after = store.edit_check_in(check_in_id, **changes)
    shown = {k: v for k, v in changes.items() if k not in ("summary", "key_results")}
    if "key_results" in changes:
        shown["statuses"] = ", ".join(f"O{s.objective}·KR{s.key_result} {s.status}" for s in after.key_results) or "none"
    _done("edited check-in", f"{check_in_id} of {after.person}", shown)


@checkin_app.command("delete")
def checkin_delete(check_in_id: Annotated[int, typer.Argument(help="Check-in id (`workbook checkin list PERSON`).")],
                   yes: YesOption = False, db: DbOption = None) -> None:
    """Delete a check-in with its statuses, obstacles, trial runs and the actions agreed at it (asks first)."""
    with open_store(db, write=True) as store:
        c = store.check_in(check_in_id)
        parts = f"{plural(len(c.key_results), 'status', 'statuses')}, {plural(len(c.obstacles), 'obstacle')}, " \
                f"{plural(len(c.trial_runs), 'trial run')}, {plural(len(c.actions), 'action')}"
        confirm_or_refuse(f"Delete the check-in of {c.date} with {c.person} ({parts})?", yes, f"checkin delete {check_in_id}")
        store.delete_check_in(check_in_id)
    typer.echo(f"deleted check-in {check_in_id} of {c.person} ({c.date}) with {parts}")


@action_app.command("list")
def action_list(person: Annotated[str, typer.Argument(help="Person id.")], db: DbOption = None) -> None:
    """List a person's actions with their ids and owners ("the report", "the manager" or a name typed in)."""
    with open_store(db) as store:
        store.person(person)
        frame = store.actions_frame(person)
    if frame.empty:
        typer.echo(f"no actions for {person} yet")
    # the words the pages use, never the stored "employee" / "manager"
    owners = [] if frame.empty else [owner_label(o, "the report", "the manager") for o in frame["owner"]]
    width = max(map(len, owners), default=0)
    for a, owner in zip(frame.itertuples(), owners, strict=True):
        typer.echo(f"{a.id:>5}  {a.status:<7}  {owner:<{width}}  due {a.due or '-'}  {a.text}")


@action_app.command("add")
def action_add(person: Annotated[str, typer.Argument(help="Person id.")],
               text: Annotated[str, typer.Option("--text", help="The next step.", show_default=False)],
               owner: Annotated[str, typer.Option("--owner", help="employee, manager or a name.")] = "employee",
               due: Annotated[Text, typer.Option("--due", help="YYYY-MM-DD.", show_default=False)] = None,
               db: DbOption = None) -> None:
    """Add a next step outside a check-in (one agreed at a check-in: `checkin add --action`)."""
    from ..core.model import Action
    from ..store.corrections import validated

    action = validated(Action, {"person": person, "text": text, "owner": owner,
                                "due": parse_day(due, "--due") if due else None}, "action add")
    with open_store(db, write=True) as store:
        action_id = store.add_action(action)
    typer.echo(f"added action {action_id} for {person}" + (f", due {action.due}" if action.due else ""))


@action_app.command("edit")
def action_edit(action_id: Annotated[int, typer.Argument(help="Action id (`workbook action list PERSON`).")],
                text: Annotated[Text, typer.Option("--text", help="New wording.", show_default=False)] = None,
                owner: Annotated[Text, typer.Option("--owner", help="employee, manager or a name.", show_default=False)] = None,
                due: Annotated[Text, typer.Option("--due", help="YYYY-MM-DD, or 'none'.", show_default=False)] = None,
                status: Annotated[Text, typer.Option("--status", help="open, done or dropped.", show_default=False)] = None,
                db: DbOption = None) -> None:
    """Correct an action (wording, owner, due date, status)."""
    changes = _given(text=text, owner=owner, due=_day_or_none(due, "--due"), status=status)
    _require(changes, "action edit")
    with open_store(db, write=True) as store:
        act = store.edit_action(action_id, **_clearable(changes))
    _done("edited action", f"{action_id} of {act.person}", changes)


@action_app.command("delete")
def action_delete(action_id: Annotated[int, typer.Argument(help="Action id (`workbook action list PERSON`).")],
                  yes: YesOption = False, db: DbOption = None) -> None:
    """Delete an action (asks first)."""
    with open_store(db, write=True) as store:
        act = store.action(action_id)
        confirm_or_refuse(f"Delete the action {act.text!r} of {act.person}?", yes, f"action delete {action_id}")
        store.delete_action(action_id)
    typer.echo(f"deleted action {action_id} of {act.person}")


# -- goals, objectives, key results, support ----------------------------------------------------------------------
PersonArg = Annotated[str, typer.Argument(help="Person id.")]
QuarterArg = Annotated[str, typer.Argument(help="Quarter, e.g. 2027Q1.", callback=quarter_value)]
YearArg = Annotated[int, typer.Argument(help="Year of the plan.", callback=year_value)]
ObjArg = Annotated[int, typer.Argument(help="Objective number in the quarter (1 = first).")]
KrArg = Annotated[int, typer.Argument(help="Key result number in the objective (1 = first).")]


def _quoted(topics: tuple[str, ...]) -> str:
    return ", ".join(f"'{t}'" if " " in t else t for t in topics)


@note_app.command("add")
def note_add(person: PersonArg,
             direction: Annotated[str, typer.Argument(help="pull (you learnt it) or push (you passed it on).")],
             topic: Annotated[str, typer.Argument(help=f"pull: {_quoted(PULL_TOPICS)}; push: {_quoted(PUSH_TOPICS)}.")],
             text: Annotated[str, typer.Argument(help="What was said, in a sentence or two.")],
             date: Annotated[Text, typer.Option("--date", help="YYYY-MM-DD (default today).", show_default=False)] = None,
             setting: Annotated[str, typer.Option("--setting", help="review, 1:1, check-in, water cooler, project "
                                                  "discussion or other.")] = "1:1",
             shared: Annotated[bool, typer.Option("--shared", help="The report may read it (default: private, for "
                                                  "your eyes only).")] = False,
             follow_up: Annotated[str, typer.Option("--follow-up", help="What you will do next.", show_default=False)] = "",
             follow_up_due: Annotated[Text, typer.Option("--follow-up-due", help="YYYY-MM-DD.", show_default=False)] = None,
             db: DbOption = None) -> None:
    """Log a note of a career conversation, planned or not (a word at the water cooler counts): private unless
    --shared, as the conversation log's form."""

    from ..core.model import PULL_TOPICS, PUSH_TOPICS, TOPICS, Note
    from ..stages.conversation_log import note_repeat
    from ..stages.people import archived_notice
    from ..store.corrections import validated

    way = direction.strip().lower()
    if topic not in TOPICS and way in ("pull", "push"):  # the direction's own topics, not all sixteen
        raise InputError(f"{topic!r} is not a {way} topic; a {way} note's topic is one of: "
                         f"{', '.join(PULL_TOPICS if way == 'pull' else PUSH_TOPICS)}", None, "note add field topic")
    note = validated(Note, {"person": person, "date": parse_day(date, "--date") if date else clock.today(),
                            "direction": direction.strip().lower(), "topic": topic, "setting": setting, "text": text,
                            "visibility": "shared" if shared else "private", "follow_up": follow_up,
                            "follow_up_due": parse_day(follow_up_due, "--follow-up-due") if follow_up_due else None},
                     "note add")
    with open_store(db, write=True) as store:
        if (same := note_repeat(store, note)) is not None:  # the command run twice
            raise InputError(f"note {same} about {person} already says word for word what this one says; nothing added "
                             f"(`workbook note edit {same}` changes it)", None, "note add")
        note_id = store.add_note(note)
        written = store.note(note_id)
        unsealed = store.clear_private_in_others_names(written.author) if written.author and shared is False else []
        unsealed.insert(0, archived_notice(store.person(person), "note"))
    for line in filter(None, unsealed):  # the administrator writes a private note in the manager's name, holding no key of theirs
        typer.echo(f"warning: {line}", err=True)
    typer.echo(f"added {note.visibility} {note.direction} note {note_id} about {person} ({note.date}, {note.topic})"
               + (f"; follow-up due {note.follow_up_due}" if note.follow_up_due else ""))


@goal_app.command("list")
def goal_list(person: PersonArg,
              year: Annotated[Optional[int], typer.Argument(  # noqa: UP045
                  help="Only this year's plan, e.g. 2027.", show_default=False, callback=year_value)] = None,
              db: DbOption = None) -> None:
    """List a person's growth goals by year, newest first, with the numbers `goal edit` takes, their priorities,
    competencies, the report's draft and your feedback."""
    from ..stages.goals import plan_lines

    with open_store(db) as store:
        _listed(plan_lines(store, person, year), f"no growth goals for {person}" + (f" in {year}" if year else "")
                + f" yet: add them with `workbook goal add {person} {year or 'YEAR'} --text ...`")


def _listed(lines: list[str], none: str) -> None:
    """Print a listing's lines, or ``none`` (what there is not yet, and the command that adds it)."""
    for line in lines or [none]:
        typer.echo(line)


@goal_app.command("add")
def goal_add(person: PersonArg, year: YearArg,
             text: Annotated[str, typer.Option("--text", help="The goal as it will be agreed, in the report's words "
                                               "where you have them.", show_default=False)],
             draft: Annotated[str, typer.Option("--draft", help="The report's own draft of it, kept beside the goal "
                                                "(their page and the goals page show it as their draft).",
                                                show_default=False)] = "",
             priority: Annotated[Optional[int], typer.Option("--priority", help="1 = first.", show_default=False)] = None,  # noqa: UP045
             competency: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
                 "--competency", help="A ladder competency the goal builds; repeat it.", show_default=False)] = None,
             drafted_by: Annotated[str, typer.Option("--drafted-by", help="Who drafted the plan when it is new: employee "
                                                     "(the practice: the report drafts) or manager.")] = "employee",
             db: DbOption = None) -> None:
    """Add a growth goal to a person's plan for a year (a new plan starts as a draft); at most 3 by default."""
    import shlex

    from ..core.model import DRAFTERS, Goal
    from ..stages.team import goal_tag_hint
    from ..store.corrections import validated

    goal = validated(Goal, {"text": text, "draft": draft, "priority": priority, "competencies": competency or []},
                     "goal add")
    if drafted_by not in DRAFTERS:
        raise InputError(f"{drafted_by!r} is not one of: {', '.join(DRAFTERS)}", None, "goal add --drafted-by")
    with open_store(db, write=True) as store, store.atomic():
        if competency:
            from ..stages.goals import competency_tags

            spelled, problem = competency_tags(store.person(person), competency, store.ladder_folders())
            if problem:
                raise InputError(problem, None, f"goal add {person} {year} --competency")
            goal = goal.model_copy(update={"competencies": spelled})
        findings = store.add_goal(person, year, goal, drafted_by=drafted_by)
        number = store.plan_goal_count(person, year)
        hint = "" if competency else goal_tag_hint(store, store.person(person), goal.text)  # never fails the write
    typer.echo(f"added goal {number} to {person}'s {year} plan")
    from ..coaching import check_goals

    for framing in check_goals([goal.text], max_goals=1):  # as an import says it: a task is not growth
        typer.echo(f"warning: {framing.message}", err=True)
    if hint:  # the ladder should inform most goals: say which competency this one reads like, and how to tag it
        typer.echo(f"it reads like {hint!r} on {person}'s ladder; if it builds that, tag it: `workbook goal edit "
                   f"{person} {year} {number} --competency {shlex.quote(hint)}`")
    _warn(findings)


@goal_app.command("edit")
def goal_edit(person: PersonArg, year: YearArg,
              number: Annotated[int, typer.Argument(help="Goal number (1 = first).")],
              text: Annotated[Text, typer.Option("--text", help="The agreed wording.", show_default=False)] = None,
              draft: Annotated[Text, typer.Option("--draft", help="The report's own wording.", show_default=False)] = None,
              feedback: Annotated[Text, typer.Option(
                  "--feedback", help="Your feedback on the goal, given now: the report reads it on their page (\"\" "
                                     "withdraws it).", show_default=False)] = None,
              priority: Annotated[Optional[int], typer.Option("--priority", help="1 = first.", show_default=False)] = None,  # noqa: UP045
              competency: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
                  "--competency", help="A ladder competency the goal builds; repeat it (replaces the tags).",
                  show_default=False)] = None,
              db: DbOption = None) -> None:
    """Correct a growth goal; the plan's limits still hold."""
    from ..stages.goals import goal_priority_findings
    changes = _given(text=text, draft=draft, priority=priority, competencies=competency)
    _require({**changes, **_given(feedback=feedback)}, "goal edit")
    with open_store(db, write=True) as store, store.atomic():
        if competency:  # the import's rule: tags on the person's track (a made-up one inflated the ladder share)
            from ..stages.goals import competency_tags

            spelled, problem = competency_tags(store.person(person), competency, store.ladder_folders())
            if problem:
                raise InputError(problem, None, f"goal edit {person} {year} {number} --competency")
            changes["competencies"] = spelled
        if changes:
            store.edit_goal(person, year, number, **changes)
        if feedback is not None:
            store.set_given_feedback(person, year, number, feedback)
        findings = goal_priority_findings(store, person, year) if priority is not None else []
    shown = {**changes, **({"feedback": "(given)" if feedback.strip() else "(withdrawn)"} if feedback is not None else {})}
    _done("edited goal", f"{number} of {person} {year}", shown)
    _warn(findings)  # a tie or a priority past the plan's goals: said, as adding a goal says it


@goal_app.command("status")
def goal_status(person: PersonArg, year: YearArg,
                status: Annotated[str, typer.Argument(help="draft, in_discussion or agreed.")],
                db: DbOption = None) -> None:
    """Set where a year's growth plan stands: agreed once you and the report agree it (the goals then count as
    covering the ladder's next level), in_discussion while feedback goes back and forth, or draft."""
    from ..core.model import PLAN_STATUSES

    if status not in PLAN_STATUSES:
        raise InputError(f"{status!r} is not one of: {', '.join(PLAN_STATUSES)}", None, f"goal status {person} {year}")
    with open_store(db, write=True) as store, store.atomic():
        plan = store.existing_plan(person, year)  # an unknown id is said as such, with the closest ids
        before = plan.status
        findings = store.save_plan(plan.model_copy(update={"status": status})) if status != before else []
    typer.echo(f"{person}'s {year} plan: {before.replace('_', ' ')} → {status.replace('_', ' ')}" if status != before
               else f"{person}'s {year} plan is already {status.replace('_', ' ')}")
    _warn(findings)


@goal_app.command("delete")
def goal_delete(person: PersonArg, year: YearArg,
                number: Annotated[int, typer.Argument(help="Goal number (1 = first).")],
                yes: YesOption = False, db: DbOption = None) -> None:
    """Delete a growth goal (asks first); objectives linked to it lose the link."""
    with open_store(db, write=True) as store:
        _plan, goal = store.plan_goal(person, year, number)  # an unknown id is said as such, with the closest ids
        confirm_or_refuse(f"Delete goal {number} of {person} for {year} ({goal.text[:60]!r})?", yes,
                          f"goal delete {person} {year} {number}")
        store.delete_goal(person, year, number)
    typer.echo(f"deleted goal {number} of {person} {year}")


@objective_app.command("list")
def objective_list(person: PersonArg,
                   quarter: Annotated[Text, typer.Argument(
                       metavar="[QUARTER]", help="Only this quarter, e.g. 2027Q1.", show_default=False,
                       callback=quarter_value)] = None,
                   db: DbOption = None) -> None:
    """List a person's OKRs by quarter, newest first: objectives and key results with the numbers `objective
    edit` and `kr edit` take, target dates, whether each key result is measurable, outcomes and support."""
    from ..stages.okrs import okr_lines

    with open_store(db) as store:
        _listed(okr_lines(store, person, quarter), f"no OKRs for {person}" + (f" in {quarter}" if quarter else "")
                + f" yet: add an objective with `workbook objective add {person} {quarter or 'QUARTER'} --text ...`")


@objective_app.command("edit")
def objective_edit(person: PersonArg, quarter: QuarterArg, number: ObjArg,
                   text: Annotated[Text, typer.Option("--text", help="The objective.", show_default=False)] = None,
                   goal: Annotated[Optional[int], typer.Option("--goal", help="The year's goal it serves (1 = first; 0: none).",  # noqa: UP045
                                                               show_default=False)] = None,
                   understanding: Annotated[Text, typer.Option("--understanding", help="The report's pre-work.",
                                                               show_default=False)] = None,
                   supplement: Annotated[Text, typer.Option("--supplement", help="Your pre-work.", show_default=False)] = None,
                   aligned_work: Annotated[Text, typer.Option("--aligned-work", help="The work to practise on.",
                                                              show_default=False)] = None,
                   db: DbOption = None) -> None:
    """Correct a quarterly objective."""
    changes = _given(text=text, goal=goal, understanding=understanding, supplement=supplement, aligned_work=aligned_work)
    if changes.get("goal") == 0:
        changes["goal"] = None
    _require(changes, "objective edit")
    with open_store(db, write=True) as store:
        store.edit_objective(person, quarter, number, **changes)
    _done("edited objective", f"{number} of {person} {quarter}", {k: v for k, v in changes.items()
                                                                  if k not in ("understanding", "supplement", "aligned_work")})


@objective_app.command("add")
def objective_add(person: PersonArg, quarter: QuarterArg,
                  text: Annotated[str, typer.Option("--text", help="The objective.", show_default=False)],
                  goal: Annotated[Optional[int], typer.Option("--goal", help="The growth goal it serves (1 = first of "  # noqa: UP045
                                                              "the year's plan).", show_default=False)] = None,
                  aligned_work: Annotated[Text, typer.Option("--aligned-work", help="The current work to practise on.",
                                                             show_default=False)] = None,
                  db: DbOption = None) -> None:
    """Add an objective to a quarter (the quarter is started when it has none; a quarter a `kr move` started
    takes more this way); then add its key results with `workbook kr add`."""
    from ..core.model import Objective
    from ..store.corrections import validated

    q = quarter  # checked and written as 2027Q1 when the command line was read (QuarterArg)
    objective = validated(Objective, {"text": text, "goal": goal, "aligned_work": aligned_work or ""}, "objective add")
    with open_store(db, write=True) as store, store.atomic():  # the store refuses a link to a goal that is not there
        findings = store.add_objective(person, q, objective)
        number = len(store.okrs(person, q).objectives)  # type: ignore[union-attr]
    typer.echo(f"added objective {number} to {person} {q}; add its key results with `workbook kr add {person} {q} "
               f"{number} --text ...`")
    _warn(findings, also_not=("no_key_results",))


@objective_app.command("delete")
def objective_delete(person: PersonArg, quarter: QuarterArg, number: ObjArg, yes: YesOption = False,
                     db: DbOption = None) -> None:
    """Delete an objective with its key results, their support and check-in statuses (asks first)."""
    with open_store(db, write=True) as store:
        okrs, objective = store.quarter_objective(person, quarter, number)  # an unknown id first, with the closest
        n = len(objective.key_results)
        confirm_or_refuse(f"Delete objective {number} of {person} in {okrs.quarter} with its {plural(n, 'key result')}?", yes,
                          f"objective delete {person} {quarter} {number}")
        store.delete_objective(person, quarter, number)
    typer.echo(f"deleted objective {number} of {person} {okrs.quarter} with {plural(n, 'key result')}")


@kr_app.command("add")
def kr_add(person: PersonArg, quarter: QuarterArg, objective: ObjArg,
           text: Annotated[str, typer.Option("--text", help="The key result: specific and measurable.",
                                             show_default=False)],
           target_date: Annotated[Text, typer.Option("--target-date", help="YYYY-MM-DD, in the quarter.",
                                                     show_default=False)] = None,
           db: DbOption = None) -> None:
    """Add a key result to an objective; the limits hold, and the measurability check is run on it. With no
    --target-date, the one deadline its text names inside the quarter ("by 2027-03-15") is the target, as the
    OKRs page saves it."""
    from ..coaching.kr_dates import check_key_result_in_quarter, target_from_text
    from ..core.model import KeyResult
    from ..store.corrections import validated

    q = quarter  # checked and written as 2027Q1 when the command line was read (QuarterArg)
    day = parse_day(target_date, "--target-date") if target_date else None
    found = target_from_text(text, q) if day is None else None
    if found is not None:
        day = found[1]
    kr = validated(KeyResult, {"text": text, "target_date": day}, "kr add")
    with open_store(db, write=True) as store, store.atomic():
        findings = store.add_key_result(person, q, objective, kr)
        number = len(store.okrs(person, q).objectives[objective - 1].key_results)  # type: ignore[union-attr]
    typer.echo(f"added O{objective}·KR{number} to {person} {q}"
               + (f", target date {found[1].isoformat()} from {found[0]} in its text" if found else ""))
    _warn(findings)
    _say_verdict(check_key_result_in_quarter(text, q, day))


def _say_verdict(verdict: Any) -> None:
    """The measurability check on a key result just written: a warning when it is not measurable; a note when
    it passed but could be read either way (the checker is unsure), so a manager does not take it as settled."""
    from ..coaching.measurability import LOW_CONFIDENCE

    if not verdict.measurable:
        typer.echo(f"warning: not measurable yet: {as_sentence('; '.join(verdict.reasons))} {verdict.suggestion}", err=True)
    elif verdict.confidence < LOW_CONFIDENCE:
        doubt = next((r for r in verdict.reasons if r.startswith("could be read either way")), "")
        said = f"note: measurable, but {doubt or 'the check is unsure'}"
        typer.echo(f"{as_sentence(said)} {verdict.suggestion}" if verdict.suggestion else said, err=True)


def _warn(findings: list[Any], also_not: tuple[str, ...] = ()) -> None:
    for f in findings:
        if f.severity == "warning" and f.code not in also_not:
            typer.echo(f"warning: {f.message}", err=True)


@kr_app.command("edit")
def kr_edit(person: PersonArg, quarter: QuarterArg, objective: ObjArg, key_result: KrArg,
            text: Annotated[Text, typer.Option("--text", help="The key result.", show_default=False)] = None,
            target_date: Annotated[Text, typer.Option("--target-date", help="YYYY-MM-DD, or 'none'.", show_default=False)] = None,
            outcome: Annotated[Text, typer.Option("--outcome", help="met, partly_met, not_met, carried_over, dropped, or "
                                                  "'none'.", show_default=False)] = None,
            outcome_note: Annotated[Text, typer.Option("--outcome-note", help="A note on the outcome (shared).",
                                                       show_default=False)] = None,
            outcome_on: Annotated[Text, typer.Option("--outcome-on", help="YYYY-MM-DD: the day the outcome was "
                                                     "recorded, when not today (a close held earlier).",
                                                     show_default=False)] = None,
            db: DbOption = None) -> None:
    """Correct a key result; the measurability check is run on a new wording or target date. A new wording that
    names one deadline inside the quarter gives a key result with no target date that target, as `kr add` does."""
    from ..coaching.kr_dates import check_key_result_in_quarter, target_from_text

    changes = _given(text=text, target_date=_day_or_none(target_date, "--target-date"), outcome=outcome,
                     outcome_note=outcome_note,
                     outcome_on=parse_day(outcome_on, "--outcome-on") if outcome_on is not None else None)
    if changes.get("outcome", "").lower() == "none":
        changes["outcome"] = None
    _require(changes, "kr edit")
    found = target_from_text(text, quarter) if text is not None and target_date is None else None
    with open_store(db, write=True) as store:
        objs = store.existing_okrs(person, quarter).objectives if found is not None else []
        old = objs[objective - 1].key_results[key_result - 1:key_result] if 1 <= objective <= len(objs) else []
        if old and old[0].target_date is None:  # as `kr add` and the OKRs page take a new wording's one deadline
            changes["target_date"] = found[1]  # type: ignore[index]
        else:
            found = None  # a target the key result has stays; the check says when the text's deadline differs
        kr = store.edit_key_result(person, quarter, objective, key_result, **_clearable(changes))
    _done("edited key result", f"O{objective}·KR{key_result} of {person} {quarter}", changes)
    if found is not None:
        typer.echo(f"target date {found[1].isoformat()} from {found[0]} in its text")
    if not {"text", "target_date"} & changes.keys() or kr.outcome == "dropped":
        return  # an outcome recorded, or a dropped key result, needs no advice on its wording
    _say_verdict(check_key_result_in_quarter(kr.text, quarter, kr.target_date))


@kr_app.command("delete")
def kr_delete(person: PersonArg, quarter: QuarterArg, objective: ObjArg, key_result: KrArg, yes: YesOption = False,
              db: DbOption = None) -> None:
    """Delete a key result with its support and check-in statuses (asks first)."""
    with open_store(db, write=True) as store:
        kr = store.key_result_at(person, quarter, objective, key_result)  # an unknown id first, with the closest ids
        confirm_or_refuse(f"Delete key result O{objective}·KR{key_result} of {person} ({kr.text[:60]!r})?", yes,
                          f"kr delete {person} {quarter} {objective} {key_result}")
        store.delete_key_result(person, quarter, objective, key_result)
    typer.echo(f"deleted key result O{objective}·KR{key_result} of {person} {quarter}")


@kr_app.command("move")
def kr_move(person: PersonArg, quarter: QuarterArg, objective: ObjArg, key_result: KrArg,
            to: Annotated[Text, typer.Option("--to", help="Quarter to move it to (default: the next one).",
                                             show_default=False, callback=quarter_value)] = None,
            to_objective: Annotated[Optional[int], typer.Option(  # noqa: UP045
                "--objective", help="Objective of the new quarter to put it under (default: the same text, else a copy).",
                show_default=False)] = None,
            target_date: Annotated[Text, typer.Option("--target-date", help="A new target date in the new quarter.",
                                                      show_default=False)] = None,
            db: DbOption = None) -> None:
    """Move a key result to a later quarter, mid-quarter or at its close: it keeps its lineage, its check-ins stay
    with the old quarter, and dates outside the new quarter are flagged."""
    from ..stages.okrs import move_key_result

    with open_store(db, write=True) as store:
        moved, findings = move_key_result(store, person, quarter, objective, key_result, to_quarter=to,
                                          to_objective=to_objective,
                                          target_date=parse_day(target_date, "--target-date") if target_date else None)
    typer.echo(f"moved {person} {moved.from_ref.label()} to {moved.to_ref.label()}")
    for f in findings:
        if f.severity != "info":
            typer.echo(f"{f.severity}: {f.message}", err=True)


@support_app.command("list")
def support_list(person: PersonArg,
                 quarter_arg: Annotated[Text, typer.Argument(
                     metavar="QUARTER", help="Only this quarter, e.g. 2027Q1 (as `support add` takes it).",
                     show_default=False, callback=quarter_value)] = None,
                 quarter: Annotated[Text, typer.Option("--quarter", "-q", help="The same, as an option.",
                                                       show_default=False, callback=quarter_value)] = None,
                 db: DbOption = None) -> None:
    """List the support a person's key results need, with ids (`workbook support list kim 2027Q1`: one quarter's)."""
    if quarter_arg and quarter and quarter_arg != quarter:
        raise InputError(f"two quarters given, {quarter_arg} and --quarter {quarter}; give one")
    quarter = quarter or quarter_arg or None
    with open_store(db) as store:
        store.person(person)
        frame = store.support_frame(person, quarter)
    if frame.empty:
        typer.echo(f"no support listed for {person}" + (f" in {quarter}" if quarter else ""))
    for s in frame.itertuples():
        asked = to_date(s.requested_on)
        typer.echo(f"{s.support_id:>5}  {s.quarter} O{s.objective}·KR{s.key_result}  {s.status:<9}  due {s.due or '-'}  "
                   f"asked {asked.isoformat() if asked else 'at quarter start'}  {s.who}: {s.what}")


@support_app.command("add")
def support_add(person: PersonArg, quarter: QuarterArg, objective: ObjArg, key_result: KrArg,
                who: Annotated[str, typer.Option("--who", help="Who gives it (you, a mentor, a team).", show_default=False)],
                what: Annotated[str, typer.Option("--what", help="What they give: a design review, feedback on a draft.",
                                                  show_default=False)],
                status: Annotated[str, typer.Option("--status", help="requested, committed, done or dropped.")] = "requested",
                due: Annotated[Text, typer.Option("--due", help="YYYY-MM-DD.", show_default=False)] = None,
                db: DbOption = None) -> None:
    """List support a key result needs, found after the OKRs were set (asked for today while the quarter runs)."""
    from ..core.model import Support
    from ..store.corrections import validated

    sp = validated(Support, {"who": who, "what": what, "status": status,
                             "due": parse_day(due, "--due") if due else None}, "support add")
    with open_store(db, write=True) as store:
        sid = store.add_support(person, quarter, objective, key_result, sp)
    typer.echo(f"added support {sid} for O{objective}·KR{key_result} of {person} {quarter}: {sp.who}: {sp.what}")


@support_app.command("edit")
def support_edit(support_id: Annotated[int, typer.Argument(help="Support id (`workbook support list PERSON`).")],
                 who: Annotated[Text, typer.Option("--who", help="Who gives it.", show_default=False)] = None,
                 what: Annotated[Text, typer.Option("--what", help="What they give.", show_default=False)] = None,
                 status: Annotated[Text, typer.Option("--status", help="requested, committed, done or dropped.",
                                                      show_default=False)] = None,
                 due: Annotated[Text, typer.Option("--due", help="YYYY-MM-DD, or 'none'.", show_default=False)] = None,
                 db: DbOption = None) -> None:
    """Correct a support commitment."""
    changes = _given(who=who, what=what, status=status, due=_day_or_none(due, "--due"))
    _require(changes, "support edit")
    with open_store(db, write=True) as store:
        store.edit_support(support_id, **_clearable(changes))
    _done("edited support", str(support_id), changes)


@support_app.command("delete")
def support_delete(support_id: Annotated[int, typer.Argument(help="Support id (`workbook support list PERSON`).")],
                   yes: YesOption = False, db: DbOption = None) -> None:
    """Delete a support commitment (asks first)."""
    with open_store(db, write=True) as store:
        s = store.support(support_id)
        confirm_or_refuse(f"Delete the support {s.who}: {s.what[:60]!r}?", yes, f"support delete {support_id}")
        store.delete_support(support_id)
    typer.echo(f"deleted support {support_id}")


# -- history and check -------------------------------------------------------------------------------------------
@app.command("history")
def history(person: PersonArg,
            shareable: Annotated[bool, typer.Option("--shareable", help="Only what the report may read (no private "
                                                    "note, no private field).")] = False,
            record: Annotated[Text, typer.Option("--record", help="Only one kind: note, check_in, action, goal, "
                                                 "objective, key_result, support, person ...", show_default=False)] = None,
            no_additions: Annotated[bool, typer.Option("--no-additions", help="Leave out records being added.")] = False,
            as_json: Annotated[bool, typer.Option("--json", help="Print the log as JSON.")] = False,
            db: DbOption = None) -> None:
    """Show every change to a person's records, oldest first: when, who, what, and each changed field's old and
    new values."""
    import json

    from ..stages.history import check_record_kind, format_history

    check_record_kind(record)
    with open_store(db, readonly=True) as store:  # it only reads: a read-only workbook (a mounted copy) shows too
        if as_json:
            entries = [c.to_dict() for c in store.history(person, shareable=shareable)
                       if (not record or c.record == record) and not (no_additions and c.action == "add")]
            print_whole(json.dumps(entries, indent=2, ensure_ascii=False))
            return
        typer.echo(format_history(store, person, shareable=shareable, record=record, additions=not no_additions))


@app.command("check")
def check(db: DbOption = None) -> None:
    """List what in the workbook needs fixing (implausible dates, levels not on their ladder, missing ladders,
    limits exceeded) and how; exit 1 when something must be fixed."""
    from ..stages.history import check_workbook, format_findings

    with open_store(db, readonly=True) as store:  # it only reads
        store.check_integrity()  # a damaged file first, in one line with its fix (it said "no findings" before)
        findings = check_workbook(store)
    typer.echo(format_findings(findings))
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)
