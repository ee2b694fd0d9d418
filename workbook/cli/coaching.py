"""Coaching commands: check a key result, and check, suggest from and show gaps of career ladders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..core import clock
from .base import DbOption, app, ladder_app, open_store, quarter_value, refuse_both


@app.command("check-kr")
def check_kr(texts: Annotated[list[str], typer.Argument(help="Key result texts to check.")],
             as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of verdicts (text, measurable, reasons, suggestion, confidence).")] = False) -> None:
    """Say whether each key result is specific and measurable, how sure, why, and how to make it verifiable."""
    from ..coaching.kr_dates import check_key_result_dates
    from ..core.errors import InputError

    verdicts = []
    for i, t in enumerate(texts, 1):
        try:
            verdicts.append(check_key_result_dates(t).to_dict())
        except InputError as exc:  # which one, when several are given
            raise InputError(f"{exc}" if len(texts) == 1 else f"key result {i} of {len(texts)}: {exc}") from None
    if as_json:
        typer.echo(json.dumps(verdicts, indent=2, ensure_ascii=False))
        return
    for v in verdicts:
        mark = "measurable" if v["measurable"] else "NOT measurable"
        typer.echo(f"{mark} (confidence {v['confidence']:.2f}): {v['text']}")
        for r in v["reasons"]:
            typer.echo(f"  - {r}")
        if v["suggestion"]:
            typer.echo(f"  suggestion: {v['suggestion']}")


@ladder_app.command("check")
def ladder_check(path: Annotated[Path, typer.Argument(help="Ladder CSV (long or wide form).")],
                 track: Annotated[Optional[str], typer.Option("--track", help="Check this track only.")] = None,  # noqa: UP045
                 form: Annotated[str, typer.Option("--form", help="auto, long, wide-competency-rows or wide-level-rows.")] = "auto") -> None:
    """Print the ladder's levels in order, its competencies and findings; exit 1 when it is not usable."""
    from ..coaching.ladders import check_ladder, format_check_report
    from ..core.errors import LadderError

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
    from ..coaching.ladders import format_suggestions, load_ladder, suggest_competencies

    lad = load_ladder(ladder, track=track)
    typer.echo(format_suggestions(suggest_competencies(text, lad, track=track, top=top), as_json=as_json, text=text))


@ladder_app.command("gaps")
def ladder_gaps(person: Annotated[str, typer.Argument(help="Person id.")],
                quarter: Annotated[Optional[str], typer.Option(  # noqa: UP045
                    "--quarter", help="Quarter whose KRs count (default: this quarter).", callback=quarter_value)] = None,
                toward: Annotated[Optional[str], typer.Option(  # noqa: UP045
                    "--toward", help="A level above theirs to compare with instead of the next one (at a fork, "
                    "the other branch: people manager or individual contributor).")] = None,
                db: DbOption = None) -> None:
    """Show the next level's expectations for a person and which no agreed goal or current KR covers."""

    from ..core.dates import check_quarter, quarter_of
    from ..stages.team import format_gaps, person_gaps

    q = check_quarter(quarter) if quarter else quarter_of(clock.today())
    from ..core.errors import LadderError

    with open_store(db, readonly=True) as store:
        frame = person_gaps(store, person, q, toward)
    if frame.attrs.get("unusable"):  # the ladder file is gone or broken: an error to fix, not an empty answer
        raise LadderError(str(frame.attrs.get("note")))  # the loader's own words name the file and the fix
    typer.echo(format_gaps(frame))


@ladder_app.command("folders")
def ladder_folders(
    add: Annotated[Optional[list[Path]], typer.Option("--add", help="Allow ladder files from this folder.")] = None,  # noqa: UP045
    remove: Annotated[Optional[list[Path]], typer.Option("--remove", help="Stop allowing this folder.")] = None,  # noqa: UP045
    db: DbOption = None,
) -> None:
    """Show or change where people's ladder files may come from: the project's ladders/, the workbook's
    own folder, and the folders added here. A ladder anywhere else is refused (at import and in reports)."""
    import os

    from ..core.paths import LADDERS_DIR

    removed = {os.path.realpath(folder.expanduser()) for folder in remove or []}
    for folder in add or []:
        refuse_both(f"--add {folder}", f"--remove {folder}", os.path.realpath(folder.expanduser()) in removed,
                    "one allows the folder, the other stops allowing it")
    said = []
    # allowing a folder for a workbook --db names that is not there yet makes it, as an import into it would: the
    # import refused for a ladder outside the folders writes nothing, and its advice is this command
    new_workbook = bool(add) and db is not None and "://" not in db and not Path(db).expanduser().exists()
    with open_store(db, readonly=not (add or remove), create=bool(add)) as store:
        if new_workbook:
            said.append(f"created the workbook {db} (empty; import into it next)")
        for folder in add or []:
            before = store.ladder_folders()
            now = store.allow_ladder_folder(folder)
            new = [f for f in now if f not in before]
            said.append(f"added {new[0]}" if new else f"{folder} is already allowed")
        for folder in remove or []:
            before = store.ladder_folders()
            gone = [f for f in before if f not in store.allow_ladder_folder(folder, allow=False)]
            said.append(f"removed {gone[0]}" if gone else f"{folder} is not among the folders added here; nothing "
                        "removed (the project's ladders/ and the workbook's own folder always count)")
        folders = store.ladder_folders()
    for line in said:
        typer.echo(line, err=True)  # what changed, on stderr: standard output stays the list of folders
    for folder in [LADDERS_DIR, *folders]:
        typer.echo(str(folder))
