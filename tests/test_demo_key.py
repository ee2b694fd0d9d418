"""The demo workbook and its own key: a demo whose key folder lost its key is rebuilt, not shown sealed."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.demo import build_demo_db, ensure_demo_db
from workbook.store import Store
from workbook.store.sealing import KEY_MISSING


def _private_texts(db: Path) -> list[str]:
    with Store(db) as store:
        frame = store.notes_frame(include_private=True)
    return list(frame.loc[frame["visibility"] == "private", "text"])


def test_a_demo_built_under_another_key_folder_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBOOK_DEMO_KEYS", str(tmp_path / "keys-of-a-test-session"))
    db = build_demo_db(tmp_path / "outputs" / "demo.db")
    # the user's own demo folder does not hold that key (e.g. `make test` built outputs/demo.db first)
    monkeypatch.setenv("WORKBOOK_DEMO_KEYS", str(tmp_path / "users-demo-keys"))
    assert KEY_MISSING in _private_texts(db)
    ensure_demo_db(db)
    texts = _private_texts(db)
    assert texts and KEY_MISSING not in texts


def test_a_demo_with_its_key_is_kept_and_a_missing_one_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBOOK_DEMO_KEYS", str(tmp_path / "keys"))
    db = tmp_path / "outputs" / "demo.db"
    ensure_demo_db(db)  # missing: built
    stamp = db.stat().st_mtime_ns
    ensure_demo_db(db)  # its key is there: left as it is
    assert db.stat().st_mtime_ns == stamp
    assert KEY_MISSING not in _private_texts(db)
