"""Hardening, concurrency (finding 2): every check that guards a write runs inside that write's transaction,
so two imports at once can no longer both pass "no OKRs for this quarter yet" and lose one set."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT

from workbook.core.errors import InputError
from workbook.core.model import KeyResult, Objective, Person, QuarterOKRs
from workbook.exchange.importer import import_data
from workbook.store import Store


def _okrs(label: str) -> dict:
    return {"okrs": [{"person": "ana", "quarter": "2027Q1",
                      "objectives": [{"text": f"Objective from {label}", "key_results": [{"text": f"KR from {label}"}]}]}]}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    with Store(path) as store:
        store.add_person(Person(id="ana", name="Ana"))
    return path


def test_the_duplicate_check_sees_a_write_that_commits_while_the_import_waits(db: Path) -> None:
    """Import B checks "does ana have OKRs for 2027Q1?" while import A is between its own check and its
    commit: B must wait for A and then refuse, instead of replacing A's objectives."""
    first, second = Store(db), Store(db)
    outcome: dict[str, object] = {}
    with first.atomic():
        first.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1",
                                    objectives=[Objective(text="Objective from A", key_results=[KeyResult(text="KR from A")])]))

        def import_b() -> None:
            try:
                outcome["result"] = import_data(second, _okrs("B"), source="b.yaml")
            except InputError as exc:
                outcome["error"] = str(exc)

        thread = threading.Thread(target=import_b)
        thread.start()
        time.sleep(0.5)  # B is now waiting for the write lock A holds
        assert thread.is_alive()
    thread.join(timeout=30)
    assert "already has OKRs for 2027Q1" in str(outcome.get("error")), outcome
    okrs = second.okrs("ana", "2027Q1")
    assert okrs is not None and [o.text for o in okrs.objectives] == ["Objective from A"]
    first.close()
    second.close()


@pytest.mark.parametrize("attempt", [1, 2])
def test_two_imports_at_once_one_wins_whole_and_the_other_is_refused(attempt: int, db: Path, tmp_path: Path) -> None:
    import yaml

    files = []
    for label in ("A", "B"):
        path = tmp_path / f"{label}.yaml"
        data = _okrs(label)
        data["notes"] = [{"person": "ana", "date": "2027-01-10", "direction": "pull", "topic": "goals",
                          "text": f"note {i} from {label}"} for i in range(300)]  # a longer import: a wider window
        path.write_text(yaml.safe_dump(data))
        files.append(path)
    procs = [subprocess.Popen([sys.executable, "-m", "workbook", "import", str(f), "--db", str(db)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert sorted(code for code, _ in results) == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert "already has OKRs for 2027Q1" in loser and loser.count("\n") == 1
    winner = "AB"[[code for code, _ in results].index(0)]
    with Store(db) as store:
        okrs = store.okrs("ana", "2027Q1")
        assert okrs is not None and [o.text for o in okrs.objectives] == [f"Objective from {winner}"]
        notes = store.notes_frame("ana", include_private=True)["text"]
        assert len(notes) == 300 and all(t.endswith(f"from {winner}") for t in notes)  # all of one, none of the other
