"""Hardening, scale (finding 9): a batch's work follows the people in the run, not the team; an up-to-date
run starts nothing; an import writes in bulk. Spies count the work; seconds are in benchmarks/scale.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.demo.synthetic import synthetic_person_ids, synthetic_team_yaml
from workbook.exchange.importer import import_file
from workbook.store import Store

TEAM = 12
QUARTER, AS_OF = "2026Q4", "2026-12-18"


@pytest.fixture(scope="module")
def team_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("team")
    source = folder / "team.yaml"
    source.write_text(synthetic_team_yaml(TEAM))
    with Store(folder / "team.db") as store:
        import_file(store, source)
    return folder / "team.db"


def test_hashing_a_run_reads_only_the_people_in_it(team_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbook.coaching import ladders
    from workbook.run import summaries

    asked: list[object] = []
    reads: list[Path] = []
    original = Store.fingerprints
    monkeypatch.setattr(Store, "fingerprints", lambda self, ids=None: asked.append(None if ids is None else sorted(ids))
                        or original(self, ids))
    read = ladders.read_ladder_bytes
    monkeypatch.setattr(ladders, "read_ladder_bytes", lambda path, *a: reads.append(Path(path)) or read(path, *a))
    summaries._FILE_HASHES.clear()
    one = synthetic_person_ids(TEAM)[3]
    with Store(team_db) as store:
        hashes = summaries.input_hashes(store, [one], QUARTER, AS_OF, team=False)
        assert list(hashes) == [one]
        assert asked == [[one]] and len(reads) == 1  # one person's rows and one ladder, out of twelve
        asked.clear()
        summaries.input_hashes(store, synthetic_person_ids(TEAM)[:5], QUARTER, AS_OF, team=True)
        assert asked == [sorted(synthetic_person_ids(TEAM)[:5]), None]  # the team overview covers everyone


def test_a_run_for_some_people_leaves_the_team_overview_alone(team_db: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from workbook.run import summaries

    ran: list[str] = []
    monkeypatch.setattr(summaries, "execute_to_memory", lambda nb, params, **kw: (ran.append(params.get("person", "team"))
                                                                                  or (None, RuntimeError("not run"))))
    one = synthetic_person_ids(TEAM)[0]
    manifest = summaries.make_summaries(team_db, QUARTER, people=[one], pdf=False, out_dir=tmp_path, as_of=AS_OF,
                                        progress=False, fast_kernels=False)
    assert ran == [one] and [i.name for i in manifest.items] == [one]


@pytest.mark.slow
def test_an_up_to_date_run_starts_no_kernel_no_fork_server_and_no_browser(team_db: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from workbook.render import pdf
    from workbook.run import summaries

    db = tmp_path / "team.db"
    shutil.copy(team_db, db)
    people = synthetic_person_ids(TEAM)[:2]
    first = summaries.make_summaries(db, QUARTER, people=people, pdf=False, out_dir=tmp_path / "out", as_of=AS_OF,
                                     progress=False)
    assert first.counts() == {"ok": 2}, first.failed
    started: list[str] = []
    monkeypatch.setattr(summaries, "KernelForkServer", lambda *a, **k: started.append("fork server"))
    monkeypatch.setattr(summaries, "execute_to_memory", lambda *a, **k: started.append("kernel"))
    monkeypatch.setattr(pdf.PdfPrinter, "start", lambda self: started.append("browser"))
    again = summaries.make_summaries(db, QUARTER, people=people, pdf=False, out_dir=tmp_path / "out", as_of=AS_OF,
                                     progress=False)
    assert again.counts() == {"skipped": 2} and started == []


def test_an_import_writes_in_bulk_without_reading_back_each_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old import re-read the quarter's OKRs for every check-in it saved (2 min 48 s for 1,000 people)."""
    calls: list[str] = []
    for name in ("okrs", "plan", "add_check_in", "save_okrs", "save_plan", "add_note", "add_action", "add_person",
                 "check_ins", "export_person"):
        original = getattr(Store, name)
        monkeypatch.setattr(Store, name, lambda self, *a, _n=name, _o=original, **k: calls.append(_n) or _o(self, *a, **k))
    source = tmp_path / "team.yaml"
    source.write_text(synthetic_team_yaml(3))
    with Store(tmp_path / "w.db") as store:
        result = import_file(store, source)
    assert result.counts["check_ins"] == 3 * 26 and calls == []
