"""Destructive commands ask: `forget` refuses without --yes when there is no terminal (exit 1, nothing erased), and
says which team overviews and manifests made before still name the person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.store import Store


@pytest.fixture
def with_kim(cli, tmp_path: Path) -> Path:
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    return db


@pytest.mark.parametrize("answer", ["n\n", "y\n", ""])
def test_forget_without_a_terminal_refuses_whatever_is_piped_in(cli, with_kim: Path, answer: str) -> None:
    r = cli("forget", "kim", input=answer)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        "error: forget kim erases data and standard input is not a terminal to ask on; nothing was changed. "
        "Run it in a terminal, or add --yes if you are sure"]
    with Store(with_kim) as store:
        assert store.has_person("kim")


def test_forget_with_yes_erases_and_names_the_team_files_that_still_mention_them(cli, with_kim: Path,
                                                                                 tmp_path: Path) -> None:
    # Forget removes exactly the files the workbook recorded making about Kim (issue 13); team overviews and
    # manifests it did not record (made before files were recorded) that still name her are listed.
    from workbook.run.outputs import person_dir, publish, quarter_dir, summary_paths

    out = tmp_path / "outputs"
    _nb, pdf = summary_paths(out, "2027Q1", "kim")
    with Store(with_kim) as store:
        person_dir(quarter_dir(out, "2027Q1"), "kim")
        publish(store, [(pdf, b"%PDF")], kind="person_pdf", about=["kim"], period="2027Q1")  # hers: deleted
    (out / "2027Q1" / "team_overview.ipynb").write_text(json.dumps({"cells": [{"source": "Kim Lee: 2 KRs"}]}))
    (out / "2027Q1" / "team_overview.pdf").write_bytes(b"%PDF")
    (out / "2027Q1" / "manifest.json").write_text(json.dumps({"items": [{"person": "kim"}]}))
    (out / "2026Q4").mkdir()
    (out / "2026Q4" / "team_overview.ipynb").write_text(json.dumps({"cells": [{"source": "Ana only"}]}))
    r = cli("forget", "kim", "--yes")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("forgot kim: 1 change log entry, 1 person; deleted 1 generated file\n")
    assert not pdf.exists()
    named = r.stderr.strip()
    assert named.startswith("these files made before still name Kim Lee")
    for name in ("2027Q1/manifest.json", "2027Q1/team_overview.ipynb", "2027Q1/team_overview.pdf"):
        assert str(out / name) in named
    assert "2026Q4" not in named
    with Store(with_kim) as store:
        assert not store.has_person("kim")


def test_forget_keep_outputs_keeps_the_recorded_files_and_says_which(cli, with_kim: Path, tmp_path: Path) -> None:
    from workbook.run.outputs import person_dir, publish, stage_output_path

    out = tmp_path / "outputs" / "stages"
    notebook = stage_output_path(out, "kim", "01_conversation_log", "2027Q1")
    with Store(with_kim) as store:
        person_dir(out, "kim")
        publish(store, [(notebook, b"{}")], kind="stage", about=["kim"], period="2027Q1")
    r = cli("forget", "kim", "--yes", "--keep-outputs")
    assert r.returncode == 0, r.stderr
    assert "deleted" not in r.stdout and notebook.exists()
    assert r.stderr.startswith("kept 1 generated file about Kim Lee") and str(notebook.resolve()) in r.stderr
    with Store(with_kim) as store:
        assert store.generated_files() == [] and not store.has_person("kim")
