"""What a notebook calls first: open the manager's workbook (the demo when there is none yet), pick the person and the day.

The parameters cell of every notebook holds ``person``, ``period``, ``db`` and ``as_of``, empty by default:

* ``db``: empty means the default workbook (:func:`workbook.store.location.choose_workbook`: WORKBOOK_DB,
  then the one `workbook init` recorded, else the demo, built when missing, with a one-line notice);
* ``person``: the app's query string (``?person=kim``), else the parameter, else the person last worked
  on in this workbook, else the first one;
* ``as_of``: the query string, else the parameter, else the demo's own day for the demo, else today;
* ``period``: a quarter or a year; empty means the quarter of ``as_of``.

papermill sets the parameters for batch runs (`workbook run`, `workbook summaries`); a person picked in a
page is remembered for the workbook.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import parse_qs

from .core import clock
from .core.errors import InputError, NotFound
from .core.paths import DEMO_DB, PROJECT_ROOT
from .render.html import show_html, table_html
from .stages.context import StageContext, resolve_period
from .stages.dated import person_on
from .store import Store
from .store.location import choose_workbook, no_workbook_line, remembered_person

__all__ = ["StageContext", "open_stage", "open_page", "open_home", "open_workbook", "ensure_workbook", "resolve_db",
           "app_parameters", "team_period", "open_my_page", "show", "show_html", "section", "DEMO_DB"]


def resolve_db(db: str | os.PathLike[str]) -> Path:
    """A relative path is taken from the current folder, else from the project root (notebooks run in notebooks/)."""
    path = Path(db).expanduser()
    if path.is_absolute():
        return path
    for base in (Path.cwd(), PROJECT_ROOT):
        if (base / path).exists():
            return base / path
    if (Path.cwd() / path).parent.is_dir():
        return Path.cwd() / path
    return PROJECT_ROOT / path


def _ensure(db: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The workbook to open and whether it is the demo, building the demo one when it is the one asked for
    and missing. Raises InputError when the workbook does not exist."""
    from .store.backend import is_url

    if is_url(str(db)) or (not db and is_url(os.environ.get("WORKBOOK_DB", "").strip())):
        # an organisation database: the user's own login (the password comes from their pgpass file)
        return str(db or os.environ["WORKBOOK_DB"].strip()), False  # type: ignore[return-value]
    choice = choose_workbook(resolve_db(db) if db else None)
    path = choice.path
    if choice.is_demo or (not path.exists() and path.as_posix().endswith(DEMO_DB)):
        from .demo import ensure_demo_db

        ensure_demo_db(path)
    if not path.exists():
        raise InputError(f"workbook {path} does not exist; create it with `workbook init {path}` or pick another db")
    return path, choice.is_demo


def ensure_workbook(db: str | os.PathLike[str] | None = None) -> Path:
    """The workbook to open (``db``, else the default; see the module), building the demo one when it is the
    one asked for and missing, so every notebook runs from a fresh clone. Raises InputError when the
    workbook does not exist."""
    return _ensure(db)[0]


def open_workbook(db: str | os.PathLike[str] = "") -> Store:
    """Open the workbook a notebook reads (see :func:`ensure_workbook`). Raises InputError when it does not exist."""
    return Store(ensure_workbook(db or None))


def _in_app() -> bool:
    """Whether this kernel runs an app page (Voila sets SERVER_SOFTWARE in the kernel's environment)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila")


def show_workbook_errors_on_the_page() -> None:
    """In an app page, a WorkbookError (a workbook gone, locked or damaged, a person in the link who is not there)
    is shown on the page as its one line. Voila sends no error to the browser: it replaces each with "There was an
    error when executing cell [n]" and an instruction (:data:`workbook.app.APP_ERROR_INSTRUCTION`), which was all a
    manager saw. Outside the app, nothing changes: JupyterLab
    and papermill show the error's own one line (``WorkbookError._render_traceback_``)."""
    if not _in_app():
        return
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - an app page always runs in an IPython kernel
        return
    shell = get_ipython()
    if shell is None:
        return
    from .core.errors import WorkbookError
    from .forms.page import notice_html

    def on_error(shell, etype, value, tb, tb_offset=None):  # type: ignore[no-untyped-def]
        show_html(notice_html(f"{value}", "error"))
        return value._render_traceback_()

    shell.set_custom_exc((WorkbookError,), on_error)


def app_parameters() -> dict[str, str]:
    """The query string of the app page being shown (Voila puts it in the kernel's ``QUERY_STRING``);
    empty outside the app."""
    if not _in_app():
        return {}
    return {k: v[-1] for k, v in parse_qs(os.environ.get("QUERY_STRING", "")).items() if v}


def _demo_day(store: Store) -> dt.date | None:
    from .demo.job import DEMO_AS_OF_KEY

    frame = store.frame("SELECT value FROM meta WHERE key = :k", k=DEMO_AS_OF_KEY)
    if len(frame):
        return dt.date.fromisoformat(str(frame["value"].iloc[0]))
    if Path(store.path).resolve() == resolve_db(DEMO_DB).resolve():  # a demo built before it recorded its day
        from .demo import DEMO_AS_OF

        return DEMO_AS_OF
    return None


def _day(text: str, store: Store) -> dt.date:
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise InputError(f"as_of {text!r} is not a date like 2026-12-18") from None
    return _demo_day(store) or clock.today()


def _db_of(store: Store) -> Path | str:
    """What a stage page passes on: the SQLite file, or the organisation database's password-free URL."""
    return store.db if store.is_postgres else store.path


def _pick_person(store: Store, path: Path, *asked: str) -> str | None:
    """The first of ``asked`` that is a known person, else the one last worked on, else the first one."""
    for pid in asked:
        if pid:
            store.person(pid)  # NotFound names the known ids
            return pid
    last = remembered_person(path)
    if last and store.has_person(last) and not store.person(last).archived:  # a leaver is opened by a link only
        return last
    people = store.my_team()  # in an organisation: one of your reports, never yourself
    return people[0].id if people else None


def _day_and_quarter(store: Store, as_of: str, period: str, *, lenient: bool) -> tuple[dt.date, str, list[str]]:
    """The page's day and quarter from a link's ``as_of`` and ``period``, and the notices for what was not
    understood: a bad day falls back to today, a bad period to the day's quarter, each on its own (a bad period
    threw away a good day, and the report's own page said nothing of either, found by a helper). Not ``lenient``:
    InputError."""
    notices: list[str] = []
    try:
        day = _day(as_of, store)
    except (InputError, ValueError) as exc:
        if not lenient:
            raise InputError(str(exc)) from None
        notices.append(f"{exc}; showing today instead")
        day = _day("", store)
    try:
        quarter = resolve_period(period, day)
    except (InputError, ValueError) as exc:
        if not lenient:
            raise InputError(str(exc)) from None
        quarter = resolve_period("", day)
        notices.append(f"{exc}; showing {quarter} instead")
    return day, quarter, notices


def _open(person: str, period: str, db: str, as_of: str, *, lenient: bool):  # type: ignore[no-untyped-def]
    """The store, the day, the quarter, the person's id (None for an empty workbook) and the notices a page
    shows. ``lenient`` (a page) turns a link's bad day or unknown person into a notice and the default;
    otherwise they raise InputError or NotFound."""
    path, is_demo = _ensure(db or None)
    store = Store(path)
    notices = [no_workbook_line()] if is_demo else []
    asked = app_parameters()
    day, quarter, said = _day_and_quarter(store, asked.get("as_of") or as_of, asked.get("period") or period,
                                          lenient=lenient)
    notices += said
    try:
        pid = _pick_person(store, path, asked.get("person", ""), person)
    except NotFound as exc:
        if not lenient:
            raise
        notices.append(f"{exc}; showing someone else")
        pid = _pick_person(store, path)
    return store, day, quarter, pid, notices


def open_stage(person: str = "", period: str = "", db: str = "", as_of: str = "") -> StageContext:
    """Open the workbook for a stage or summary notebook (see the module for how each parameter defaults).
    Raises InputError for a bad day or period and NotFound for an unknown person or an empty workbook."""
    store, day, quarter, pid, _notices = _open(person, period, db, as_of, lenient=False)
    if pid is None:
        raise NotFound(f"workbook {store.path} has nobody in it yet; add someone with `workbook person add ID --name "
                       "NAME` or on the home page")
    return StageContext(store=store, person=person_on(store, pid, day), quarter=quarter, year=int(quarter[:4]), as_of=day,
                        db=_db_of(store))


def open_summary(person: str = "", quarter: str = "", db: str = "", as_of: str = ""):  # type: ignore[no-untyped-def]
    """The quarterly summary's sections (:func:`workbook.render.summary.summary_sections`) for the summary
    template, opened as :func:`open_stage` says, its workbook closed again. Opened by hand on a workbook with
    nobody in it, it says how to add someone in one line and returns None (the template's later cells then
    show nothing). The batch always names the person: any error there still fails the run."""
    from .forms.page import notice_html
    from .render.summary import summary_sections

    try:
        ctx = open_stage(person, quarter, db, as_of)
    except NotFound as exc:
        if person:
            raise
        show_html(notice_html(f"Nothing to summarise: {exc}", "warning"))
        return None
    try:
        return summary_sections(ctx.store, ctx.person_id, ctx.quarter, ctx.as_of)
    finally:
        ctx.store.close()


def open_page(stage: str, person: str = "", period: str = "", db: str = "", as_of: str = ""):  # type: ignore[no-untyped-def]
    """A stage page (:class:`workbook.forms.page.StagePage`): the person and date picker over the stage's
    form, opened as :func:`open_stage` says. A link's unknown person or bad day is said on the page (the
    defaults are shown instead); an empty workbook gives a page that says how to add someone."""
    from .forms.page import StagePage

    store, day, quarter, pid, notices = _open(person, period, db, as_of, lenient=True)
    if pid is not None and not (app_parameters().get("period") or period):
        quarter = _due_period(store, stage, pid, day) or quarter
    ctx = None if pid is None else StageContext(store=store, person=person_on(store, pid, day), quarter=quarter,
                                                year=int(quarter[:4]), as_of=day, db=_db_of(store))
    return StagePage(stage, ctx, store, notices=notices, home_link=_in_app())


def _due_period(store: Store, stage: str, person_id: str, day: dt.date) -> str | None:
    """:func:`workbook.stages.due.period_to_open` as a quarter. The app's links carry the period; a page opened
    from JupyterLab's file browser, or reloaded, has none, so it asks here."""
    from .stages.due import period_to_open

    period = period_to_open(store, stage, person_id, day)
    return resolve_period(period, day) if period else None


def open_home(db: str = "", as_of: str = ""):  # type: ignore[no-untyped-def]
    """The home page (:class:`workbook.forms.home.HomePage`) for the default workbook (or ``db``)."""
    from .forms.home import HomePage

    path, is_demo = _ensure(db or None)
    store = Store(path)
    day = _day(app_parameters().get("as_of") or as_of, store)
    return HomePage(store, day, notice=no_workbook_line() if is_demo else "", in_app=_in_app())


def open_my_page(person: str = "", period: str = "", db: str = "", as_of: str = ""):  # type: ignore[no-untyped-def]
    """The report's own page (:class:`workbook.forms.own_page.MyPage`). On an organisation database it is
    always the logged-in user's own: asking for someone else's (``?person=`` or ``person``) shows a refusal
    and nothing else (and the database would return none of their records anyway). In a single-user
    workbook the owner picks the person as on a stage page. Without a period in the link the growth goals and
    the objective pre-work open where the manager's goals and OKR pages open (:func:`_due_period`), the rest
    on the day's quarter, as the check-in page."""
    from .forms.own_page import MyPage

    path, _is_demo = _ensure(db or None)
    store = Store(path)
    asked = app_parameters().get("person", "") or person
    given_period = app_parameters().get("period") or period
    day, quarter, notices = _day_and_quarter(store, app_parameters().get("as_of") or as_of, given_period, lenient=True)
    try:
        resolve_period(given_period, day)
    except (InputError, ValueError):
        given_period = ""  # not understood (said in the notices): the page opens where it opens without one
    actor = store.actor()
    refused = ""
    if actor.person is not None:
        pid: str | None = actor.person
        if asked and asked != actor.person:
            refused = f"This page shows {actor.name}'s own records only; {asked}'s page is not yours to open."
    elif actor.owner:
        try:
            pid = _pick_person(store, path, asked)
        except NotFound as exc:
            refused, pid = str(exc), None
    else:
        pid, refused = None, f"{actor.describe()} has no page of their own: this page is for a person in the org tree."
    year, okr_quarter = int(quarter[:4]), quarter
    if pid is not None and not refused and not given_period:
        # the two sides of one conversation open on the same period: the goals and pre-work the manager's goals
        # and OKR pages open on (next year's goals in December, next quarter's OKRs in a quarter's last month)
        year = int((_due_period(store, "goals", pid, day) or quarter)[:4])
        okr_quarter = _due_period(store, "okrs", pid, day) or quarter
    return MyPage(store, pid, year, quarter, day, okr_quarter=okr_quarter, refused=refused, in_app=_in_app(),
                  notices=notices)


def team_period(store: Store, period: str = "", as_of: str = "") -> tuple[str, dt.date]:
    """The quarter and the day a team notebook looks at (as :func:`open_stage` picks them, without a person)."""
    day = _day(as_of, store)
    return resolve_period(period, day), day


def show(frame: object, columns: dict[str, str] | None = None, empty: str = "nothing yet") -> None:
    """Display a DataFrame as an escaped table."""
    show_html(table_html(frame, columns, empty))


def section(title: str, note: str = "") -> None:
    """Display a heading with an optional note under it."""
    from .render.html import heading_html

    show_html(heading_html(title, note, level=3))


show_workbook_errors_on_the_page()  # every app page imports this module first (its first cell)
