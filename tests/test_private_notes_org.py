"""Issue 16 on an organisation database: a pg_dump holds no private note, only its author reads it (workbook, raw SQL)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
import sqlalchemy as sa
from test_private_notes_sealed import demo_private_texts

from workbook.store import Store
from workbook.store.sealing import KEY_MISSING, is_sealed

NOOR_SECRET = "Worried that on call will clash with caring for her mother; wants to talk options"


def _user_url(pg_url: str, role: str) -> str:
    """The URL of a user's own login (their password is in the test's pgpass)."""
    rest = pg_url.split("@", 1)[1]
    return f"postgresql+psycopg://{role}@{rest}"


@pytest.fixture
def org(pg_url: str, cli):  # type: ignore[no-untyped-def]
    """The demo organisation with users for its managers, a report and HR, as the README adds them."""
    assert cli("org", "demo", "--db", pg_url).returncode == 0
    roles = {}
    for args in (["maya", "--person", "maya"], ["kofi", "--person", "kofi"], ["sam", "--person", "sam"],
                 ["priya", "--person", "priya"], ["hr-lee", "--hr"]):
        done = cli("user", "add", *args, "--db", pg_url)
        assert done.returncode == 0, done.stderr
        roles[args[0]] = done.stdout.split("database role ")[1].split(";")[0]
    return {name: _user_url(pg_url, role) for name, role in roles.items()}


def test_pg_dump_holds_no_private_note_and_only_the_author_reads_them(pg_server, pg_url: str, org, cli) -> None:
    from workbook.store.localpg import find_program

    texts = demo_private_texts() + [NOOR_SECRET]
    database = pg_url.split("@/", 1)[1].split("?")[0]
    dump = subprocess.run([str(find_program("pg_dump")), "--host", str(pg_server.socket_dir), "--username",
                           "workbook_admin", "--no-password", database], capture_output=True, text=True,
                          env={**os.environ, "PGPASSWORD": pg_server.admin_password}, timeout=120)
    assert dump.returncode == 0, dump.stderr
    assert "wbseal1:" in dump.stdout and "Suggested Tomás as a mentor" in dump.stdout  # shared notes stay clear
    assert [t for t in texts if t[:32] in dump.stdout or t[len(t) // 2 - 16:len(t) // 2 + 16] in dump.stdout] == []

    with Store(org["maya"]) as maya:  # the author: every one of her private notes, in clear
        frame = maya.notes_frame(include_private=True)
        assert set(demo_private_texts()) <= set(frame["text"]) | set(frame["follow_up"])
        exported = maya.export_person("priya")
        assert any(n["visibility"] == "private" and n["text"] in texts for n in exported["notes"])
    with Store(org["kofi"]) as kofi:
        assert NOOR_SECRET in set(kofi.notes_frame("noor", include_private=True)["text"])

    for name in ("sam", "priya", "hr-lee"):  # a skip-level, the report, HR: none, through the workbook or raw SQL
        with Store(org[name]) as other:
            seen = set(other.notes_frame(include_private=True)["text"])
            assert not seen & set(texts), name
            if name != "hr-lee":
                assert all(n["visibility"] == "shared" for n in other.export_person("priya")["notes"]), name
            with other.engine.connect() as conn:
                raw = [r[0] for r in conn.execute(sa.text("SELECT text FROM notes"))]
            assert not set(raw) & set(texts) and not any(is_sealed(t) for t in raw), name
    with Store(pg_url) as owner:  # the administrator owns the tables: ciphertext only, never the key
        frame = owner.notes_frame(include_private=True)
        private = frame[frame["visibility"] == "private"]
        assert set(private["text"]) == {KEY_MISSING}
        with owner.engine.connect() as conn:
            raw = [r[0] for r in conn.execute(sa.text("SELECT text FROM notes WHERE visibility = 'private'"))]
        assert raw and all(is_sealed(t) for t in raw)
        shown = json.dumps(owner.export_person("priya"))
        assert not any(t[:32] in shown for t in texts)


def test_a_user_rotates_their_key_and_reads_every_note_back(org, cli) -> None:
    with Store(org["maya"]) as maya:
        before = maya.notes_frame(include_private=True).set_index("id")["text"].to_dict()
    rotated = cli("key", "rotate", "--db", org["maya"])
    assert rotated.returncode == 0, rotated.stderr
    with Store(org["maya"]) as maya:
        after = maya.notes_frame(include_private=True).set_index("id")["text"].to_dict()
        assert after == before and len(maya.key_ids_in_use()) == 1


def test_after_a_report_moves_away_a_rotation_says_which_notes_stay_under_the_old_key(org, pg_url: str,
                                                                                              cli) -> None:
    with Store(org["maya"]) as maya:
        about_priya = maya.notes_frame("priya", include_private=True)
        mine = set(about_priya[about_priya["visibility"] == "private"]["text"])
    assert mine  # the demo's private notes Maya wrote about Priya
    moved = cli("person", "edit", "priya", "--manager", "kofi", "--db", pg_url)  # the administrator moves Priya
    assert moved.returncode == 0, moved.stderr
    with Store(org["maya"]) as maya:
        old_key = maya.keyring.current_id(maya.key_user())
    rotated = cli("key", "rotate", "--db", org["maya"])
    assert rotated.returncode == 0, rotated.stderr
    # The rules let Maya read her notes about Priya but no longer change them: rotation says so, it does not
    # claim them, and they stay readable under the old key, which is kept.
    n = len(mine)
    assert (f"kept: {n} private note{'' if n == 1 else 's'} about people you no longer manage "
            f"{'stays' if n == 1 else 'stay'} under key {old_key}") in rotated.stdout
    with Store(org["maya"]) as maya:
        new_key = maya.keyring.current_id(maya.key_user())
        frame = maya.notes_frame("priya", include_private=True)
        assert mine <= set(frame["text"]) and maya.key_ids_in_use() == {old_key, new_key}
    with Store(org["kofi"]) as kofi:  # the new manager never sees Maya's private notes
        assert not mine & set(kofi.notes_frame("priya", include_private=True)["text"])
