"""Issue 16 on an organisation database: a pg_dump holds no private note, only its author reads it (workbook, raw SQL)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
import sqlalchemy as sa
from test_private_notes_sealed import demo_private_texts

from workbook.store import Keyring, Store
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


def test_user_add_with_a_passphrase_and_no_terminal_makes_nothing(pg_url: str, cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`user add hal --person hal --passphrase` with no terminal made the login, its users row and its password,
    then failed asking for the passphrase: the user had no key and `user add` refused to make them again (found
    by a helper). The passphrase is now asked first."""
    assert cli("org", "demo", "--db", pg_url).returncode == 0
    env = {"WORKBOOK_PASSPHRASE": ""}
    refused = cli("user", "add", "maya", "--person", "maya", "--passphrase", "--credentials", str(tmp_path / "pgpass"),
                  "--keys", str(tmp_path / "keys"), "--db", pg_url, input="", env=env)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.strip() == "error: --passphrase needs a terminal to ask on (or WORKBOOK_PASSPHRASE set)"
    assert not (tmp_path / "pgpass").exists()
    with Store(pg_url) as owner:
        assert owner.users_frame().empty
    made = cli("user", "add", "maya", "--person", "maya", "--credentials", str(tmp_path / "pgpass"),
               "--keys", str(tmp_path / "keys"), "--db", pg_url)
    assert made.returncode == 0, made.stderr


def test_the_demo_organisation_goes_only_into_an_empty_database(pg_url: str, cli) -> None:  # type: ignore[no-untyped-def]
    """`org demo` merged ten made-up people and their notes into a real organisation's database."""
    assert cli("person", "add", "real", "--name", "A Real Person", "--db", pg_url).returncode == 0
    r = cli("org", "demo", "--db", pg_url)
    assert r.returncode == 1 and "already holds 1 person; the demo organisation goes into an empty database" in r.stderr
    with Store(pg_url) as owner:
        assert [p.id for p in owner.people()] == ["real"]


def test_a_leaver_s_login_is_taken_away_with_user_remove_and_archive_says_so(pg_url: str, org, cli) -> None:  # type: ignore[no-untyped-def]
    """A manager who left kept full access: there was no way to take a login away, and `person archive` said
    nothing of the reports she still managed (found by a helper)."""
    import sqlalchemy as sa

    from workbook.core.errors import StoreError

    by_sam = cli("person", "archive", "maya", "--db", org["sam"])  # her manager archives her: he sees no logins
    assert by_sam.returncode == 0, by_sam.stderr  # and moves nobody (found by a helper: told to run both himself)
    assert "maya still manages " in by_sam.stderr and "the administrator gives them their new manager" in by_sam.stderr
    assert "warning: if maya has a login to this workbook, it still works: the administrator takes it away" \
        in by_sam.stderr, by_sam.stderr
    assert cli("person", "unarchive", "maya", "--db", org["sam"]).returncode == 0
    archived = cli("person", "archive", "maya", "--db", pg_url)
    assert archived.returncode == 0, archived.stderr
    assert "warning: maya still manages " in archived.stderr and "`workbook person edit ID --manager NEW`" in archived.stderr
    assert "warning: maya's login still works; take it away with `workbook user remove maya`" in archived.stderr
    with Store(pg_url) as owner, owner.engine.connect() as conn:
        notes_before = conn.execute(sa.text("SELECT count(*) FROM notes WHERE author_id = 'maya'")).scalar_one()
    assert notes_before > 0
    refused = cli("user", "remove", "maya", "--db", pg_url, input="")
    assert refused.returncode == 1 and "nothing was changed" in refused.stderr
    assert "user remove maya takes a login away (the records stay)" in refused.stderr  # not "erases data"
    with Store(org["maya"]) as maya:  # still hers until removed
        assert maya.people()
    done = cli("user", "remove", "maya", "--yes", "--db", pg_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("removed user maya: database role ") and "taken out of the credentials file" in done.stdout
    with pytest.raises(StoreError):
        Store(org["maya"])
    listed = cli("user", "list", "--db", pg_url)
    assert listed.returncode == 0 and "kofi" in listed.stdout
    assert not [line for line in listed.stdout.splitlines()[1:] if line.split()[0] == "maya"]
    with Store(pg_url) as owner, owner.engine.connect() as conn:  # her records and notes stay
        assert conn.execute(sa.text("SELECT count(*) FROM notes WHERE author_id = 'maya'")).scalar_one() == notes_before
    again = cli("user", "remove", "maya", "--yes", "--db", pg_url)
    assert again.returncode == 1 and "no user 'maya'" in again.stderr
    as_user = cli("user", "remove", "kofi", "--yes", "--db", org["sam"])
    assert as_user.returncode == 1 and "only the workbook's owner removes users" in as_user.stderr


def test_a_forgotten_author_s_private_notes_say_so_and_not_that_they_were_altered(pg_url: str, org, cli) -> None:  # type: ignore[no-untyped-def]
    """Forgetting a manager who left made her private notes about her reports unreadable for good (only she could
    open them), and the administrator was told each "failed its integrity check (altered or damaged)"."""
    from workbook.store.sealing import AUTHOR_FORGOTTEN

    assert cli("person", "edit", "priya", "--manager", "kofi", "--db", pg_url).returncode == 0
    with Store(pg_url) as owner:
        before = owner.notes_frame("priya", include_private=True)
        hers = before[before["author_id"] == "maya"]
        assert len(hers[hers["visibility"] == "private"]) > 0
    gone = cli("forget", "maya", "--yes", "--db", pg_url)
    assert gone.returncode == 0, gone.stderr
    assert "private notes Maya Chen wrote about other people are sealed for them alone and will never be readable " \
           "again" in gone.stderr, gone.stderr
    with Store(pg_url) as owner:
        after = owner.notes_frame("priya", include_private=True)
        private = after[after["visibility"] == "private"]
        assert set(private["text"]) == {AUTHOR_FORGOTTEN}, set(private["text"])
    shown = cli("note", "list", "priya", "--db", pg_url)
    assert "altered" not in shown.stdout and "its author was forgotten" in shown.stdout


def test_after_a_move_the_old_manager_lists_the_notes_she_wrote(pg_url: str, org, cli) -> None:  # type: ignore[no-untyped-def]
    """`key rotate` told Maya the database lets her read her private notes about Priya after Priya moved to Kofi, but
    `note list priya` said "unknown person" (found by a helper)."""
    with Store(org["maya"]) as maya:
        mine = maya.notes_frame("priya", include_private=True)
    private = mine[mine["visibility"] == "private"]
    assert len(private) > 0
    assert cli("person", "edit", "priya", "--manager", "kofi", "--db", pg_url).returncode == 0
    shown = cli("note", "list", "priya", "--db", org["maya"])
    assert shown.returncode == 0, shown.stderr
    assert "priya is no longer on your team: these are the notes you wrote about them" in shown.stderr
    assert str(private["text"].iloc[0])[:30] in shown.stdout
    assert cli("note", "list", "nobody", "--db", org["maya"]).returncode == 1


def test_a_forgotten_person_s_login_is_gone_and_their_user_name_can_be_given_again(pg_url: str, org, cli) -> None:  # type: ignore[no-untyped-def]
    """After `forget priya`, her login was still there: it saw nobody and was told "no people yet", and `user add
    priya` for someone new failed with "role already exists" (found by a helper). Since revision 0015 the forget
    takes her login away (tests/test_forget_logins.py): it no longer connects, in one line."""
    assert cli("forget", "priya", "--yes", "--db", pg_url).returncode == 0
    shown = cli("people", "--db", org["priya"])
    assert shown.returncode == 1 and shown.stdout == "" and "Traceback" not in shown.stderr
    assert shown.stderr.startswith("error: ") and len(shown.stderr.strip().splitlines()) == 1, shown.stderr
    assert cli("person", "add", "priya2", "--name", "Priya Again", "--manager", "maya", "--db", pg_url).returncode == 0
    again = cli("user", "add", "priya", "--person", "priya2", "--db", pg_url)
    assert again.returncode == 0, again.stderr
    with Store(_user_url(pg_url, again.stdout.split("database role ")[1].split(";")[0])) as new:
        assert [p.id for p in new.people()] == ["priya2"]


def test_user_add_key_out_hands_the_key_over_and_the_administrator_keeps_no_copy(pg_url: str, cli,
                                                                                 tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`user add maya --person maya` kept Maya's key in the administrator's own keys folder, so whoever ran it
    read her private notes; `--key-out FILE` writes it to a handover file only, and only Maya (after `key
    import`) reads them. Without it, the command says who holds the key."""
    from workbook.store.keys import keys_folder

    assert cli("org", "demo", "--db", pg_url).returncode == 0
    handover = tmp_path / "maya.key"
    added = cli("user", "add", "maya", "--person", "maya", "--key-out", str(handover), "--db", pg_url)
    assert added.returncode == 0, added.stderr
    assert f"written to {handover} (0600) and kept nowhere else" in added.stdout
    assert oct(handover.stat().st_mode & 0o777) == "0o600"
    kid = json.loads(handover.read_text())["current"]
    admin_keys = keys_folder()
    assert not (admin_keys / f"{kid}.key").exists() and not (admin_keys / "maya.current").exists()
    maya_url = _user_url(pg_url, added.stdout.split("database role ")[1].split(";")[0])
    with Store(maya_url) as maya:  # the administrator's process, as Maya: no key here, so nothing in clear
        frame = maya.notes_frame(include_private=True)
        assert set(frame[frame["visibility"] == "private"]["text"]) == {KEY_MISSING}
    own = {"WORKBOOK_KEYS": str(tmp_path / "maya-keys")}  # Maya's own folder, on her side
    took = cli("key", "import", str(handover), "--db", maya_url, env=own)
    assert took.returncode == 0, took.stderr
    listed = cli("note", "list", "priya", "--db", maya_url, env=own)
    assert listed.returncode == 0, listed.stderr
    assert any(t[:40] in listed.stdout for t in demo_private_texts())

    refused = cli("user", "add", "hr-lee", "--hr", "--key-out", str(tmp_path / "hr.key"), "--db", pg_url)
    assert refused.returncode == 1 and "--key-out" in refused.stderr and "Traceback" not in refused.stderr
    both = cli("user", "add", "kofi", "--person", "kofi", "--key-out", str(tmp_path / "kofi.key"), "--keys",
               str(tmp_path / "k"), "--db", pg_url)
    assert both.returncode == 1 and "contradict" in both.stderr
    with Store(pg_url) as owner:  # neither refusal made a login
        assert set(owner.users_frame()["name"]) == {"maya"}
    kept = cli("user", "add", "kofi", "--person", "kofi", "--db", pg_url)
    assert kept.returncode == 0 and "you can read kofi's private notes" in kept.stdout


def test_a_shared_note_made_private_has_its_history_sealed_for_its_author_alone(pg_server, pg_url: str, org, cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A shared note made private kept its old words in the change log in clear, as shared entries: in a pg_dump,
    to the administrator, to whoever had edited it, and back in the report's history once it was shared again.
    Its author's process now seals them and makes the entries private in the same transaction."""
    from workbook.store.localpg import find_program

    old, new, admin = ("Wants to lead the Q3 migration (ALPHA-PG)", "Asked to drop the migration, burnt out (BETA-PG)",
                       "Asked to drop the migration; HR told (DELTA-PG)")
    added = cli("note", "add", "priya", "pull", "interests", old, "--shared", "--db", org["maya"])
    assert added.returncode == 0, added.stderr
    note = added.stdout.split(" note ")[1].split()[0]
    assert cli("note", "edit", note, "--text", new, "--db", org["maya"]).returncode == 0
    assert cli("note", "edit", note, "--text", admin, "--db", pg_url).returncode == 0  # the administrator's edit
    assert old in cli("history", "priya", "--db", org["priya"]).stdout  # shared: the report reads its history
    made = cli("note", "edit", note, "--visibility", "private", "--db", org["maya"])
    assert made.returncode == 0, made.stderr
    words = (old, new, admin)

    database = pg_url.split("@/", 1)[1].split("?")[0]
    dump = subprocess.run([str(find_program("pg_dump")), "--host", str(pg_server.socket_dir), "--username",
                           "workbook_admin", "--no-password", "--data-only", "--table", "change_log_fields", database],
                          capture_output=True, text=True, env={**os.environ, "PGPASSWORD": pg_server.admin_password},
                          timeout=120)
    assert dump.returncode == 0, dump.stderr
    assert not [w for w in words if w in dump.stdout] and "wbseal1:" in dump.stdout
    # the administrator owns the tables, and holds no user's key (here every user's key is in the test's one folder)
    with Store(pg_url, keyring=Keyring(tmp_path / "administrator-keys")) as owner:
        seen = json.dumps([c.to_dict() for c in owner.history("priya")])
        assert not [w for w in words if w in seen] and KEY_MISSING in seen
    with Store(org["maya"]) as maya:  # the author reads what she wrote
        edits = [(f.old, f.new) for c in maya.history("priya") if c.record == "note" for f in c.fields if f.field == "text"]
        assert (old, new) in edits
    for name in ("priya", "sam", "hr-lee"):
        shown = cli("history", "priya", "--db", org[name])
        assert shown.returncode == 0 and not [w for w in words if w in shown.stdout], name
    assert cli("note", "edit", note, "--visibility", "shared", "--db", org["maya"]).returncode == 0
    for name in ("priya", "sam", "hr-lee"):  # shared again: its past stays private
        shown = cli("history", "priya", "--db", org[name]).stdout + cli("history", "priya", "--shareable", "--db",
                                                                         org[name]).stdout
        assert not [w for w in words if w in shown] and "wbseal1:" not in shown, name


def test_an_export_says_which_private_notes_other_users_wrote_it_left_out(pg_url: str, org, cli) -> None:  # type: ignore[no-untyped-def]
    """The administrator's `workbook export priya` (Priya's data-access copy) left out Maya's private notes about
    her, as it must (only their author opens them), but said nothing, so the copy looked whole. It now says how
    many, by whom, and how to complete it; Maya's own export has them and says nothing of the kind."""
    done = cli("export", "priya", "--db", pg_url)
    assert done.returncode == 0, done.stderr
    assert not [n for n in json.loads(done.stdout)["notes"] if n["visibility"] == "private"]
    assert "note: left out 2 private notes about priya that other users wrote (2 by maya; a private note is its " \
           "author's alone): for a complete copy, each of them runs `workbook export priya` with their own login" \
           in done.stderr, done.stderr
    own = cli("export", "priya", "--db", org["maya"])
    assert own.returncode == 0 and "left out" not in own.stderr, own.stderr
    assert len([n for n in json.loads(own.stdout)["notes"] if n["visibility"] == "private"]) == 2


def test_the_owner_exports_a_person_whose_manager_was_forgotten(pg_url: str, org, cli) -> None:  # type: ignore[no-untyped-def]
    """After `forget maya`, `workbook export priya` (Priya's data-access copy, as the administrator) failed with "a
    private note failed its integrity check (altered or damaged) ... restore the workbook from a backup": Maya's
    private notes about Priya had lost their author, so the export tried to open them as the owner's own (found by a
    helper walking an organisation as a new HR administrator). They are left out, as any other author's private
    notes are, and the export says so; Priya's shared notes and records are in it."""
    assert cli("person", "edit", "priya", "--manager", "kofi", "--db", pg_url).returncode == 0
    with Store(pg_url) as owner:
        notes = owner.notes_frame("priya", include_private=True)
        shared = sorted(int(i) for i in notes[notes["visibility"] == "shared"]["id"])
    assert cli("forget", "maya", "--yes", "--db", pg_url).returncode == 0
    done = cli("export", "priya", "--db", pg_url)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert sorted(n["id"] for n in data["notes"]) == shared and all(n["visibility"] == "shared" for n in data["notes"])
    assert "altered" not in done.stderr
    assert "left out 2 private notes about priya whose author was forgotten" in done.stderr, done.stderr


def test_a_forget_the_reader_may_not_do_warns_of_nothing_and_erases_nothing(pg_url: str, org, cli) -> None:  # type: ignore[no-untyped-def]
    """Maya trying to forget herself was first warned that the private notes she wrote about others "will never be
    readable again", then refused: the warning spoke of a loss that was not going to happen. The refusal comes
    first now, alone."""
    done = cli("forget", "maya", "--yes", "--db", org["maya"])
    assert done.returncode == 1
    assert done.stderr == ("error: you may not forget maya: only their manager or the workbook's administrator "
                           "erases a person; nothing was erased\n"), done.stderr
    with Store(pg_url) as owner:
        assert owner.person("maya").name == "Maya Chen"


def test_the_administrator_is_told_a_private_note_in_a_manager_s_name_stays_in_clear_until_they_open(
        pg_url: str, cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The administrator's `note add` or import writes a private note in the name of the person's manager and holds
    no key of theirs: it stayed in clear, readable with the owner's login, until the manager's next open, and nobody
    was told (the README said "always yourself"; found by a helper). Now a warning names the author and what seals
    it, and her next open does."""
    secret = "Thinking about leaving if the on-call rota stays as it is"
    assert cli("org", "demo", "--db", pg_url).returncode == 0
    before = cli("note", "add", "priya", "pull", "values", secret, "--db", pg_url)
    assert before.returncode == 0, before.stderr
    assert "12 private notes in maya's name are in clear, readable with this administrator's login, until `workbook " \
           "user add NAME --person maya` gives maya a login and a key (that seals them)" in before.stderr, before.stderr
    done = cli("user", "add", "maya", "--person", "maya", "--db", pg_url)
    assert done.returncode == 0, done.stderr
    maya_url = _user_url(pg_url, done.stdout.split("database role ")[1].split(";")[0])
    other = "Wants a word about her sister's wedding before the next sprint planning"
    after = cli("note", "add", "priya", "pull", "values", other, "--db", pg_url)
    assert after.returncode == 0, after.stderr
    assert "1 private note in maya's name is in clear, readable with this administrator's login, until user maya " \
           "next opens the workbook with their key (that seals them)" in after.stderr, after.stderr
    shared = cli("note", "add", "priya", "push", "mentors", "Suggested a mentor", "--shared", "--db", pg_url)
    assert shared.returncode == 0 and "warning" not in shared.stderr, shared.stderr
    notes = tmp_path / "notes.yaml"  # an import by the administrator says the same
    notes.write_text("notes:\n- {person: noor, date: 2026-12-01, direction: pull, topic: values, text: Needs Fridays "
                     "free this winter}\n")
    imported = cli("import", str(notes), "--db", pg_url)
    assert imported.returncode == 0, imported.stderr
    assert "warning: 2 private notes in kofi's name are in clear" in imported.stderr, imported.stderr
    with Store(maya_url) as maya:  # her open seals it, and she reads both
        assert {secret, other} <= set(maya.notes_frame("priya", include_private=True)["text"])
    with Store(pg_url) as owner, owner.engine.connect() as conn:
        raw = [r[0] for r in conn.execute(sa.text("SELECT text FROM notes WHERE visibility = 'private' AND "
                                                  "author_id = 'maya'"))]
        assert len(raw) == 13 and all(is_sealed(t) for t in raw)
        left = owner.clear_private_in_others_names()  # Kofi has no login yet: his stay in clear, and it says so
        assert len(left) == 1 and left[0].startswith("2 private notes in kofi's name are in clear"), left
    own = tmp_path / "team.yaml"  # a workbook of one's own: every note is the owner's, nothing to warn of
    own.write_text("people:\n- {id: p1, name: Pat One, manager: me}\n")
    assert cli("import", str(own), "--db", str(tmp_path / "own.db")).returncode == 0
    sqlite = cli("note", "add", "p1", "pull", "values", secret, "--db", str(tmp_path / "own.db"))
    assert sqlite.returncode == 0 and "administrator" not in sqlite.stderr, sqlite.stderr


def test_a_note_made_private_names_the_summaries_other_users_made_as_theirs_to_make_again(org, cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A skip-level's and HR's summaries of the quarter may print the note too; the manager cannot make them again,
    so the warning names whose they are instead of a command that does not reach them (found by a helper)."""
    with Store(org["maya"]) as maya:
        notes = maya.notes_frame("priya", include_private=True)
        shared = notes[(notes["visibility"] == "shared") & (notes["date"].astype(str) >= "2026-10-01")]
        note_id = int(shared["id"].iloc[0])
    for user in ("sam", "maya"):
        folder = tmp_path / user / "2026Q4" / "priya"
        folder.mkdir(parents=True)
        made = folder / "priya-2026Q4.ipynb"
        made.write_text("{}")
        with Store(org[user]) as store, store.atomic() as conn:
            store.record_files(conn, [(made, "person", "2026Q4")], ["priya"])
    edited = cli("note", "edit", str(note_id), "--visibility", "private", "--db", org["maya"])
    assert edited.returncode == 0, edited.stderr
    assert f"but {tmp_path / 'maya' / '2026Q4' / 'priya' / 'priya-2026Q4.ipynb'}, made before, may still show it: " \
           f"make it again with `workbook summaries 2026Q4 --people priya --force --out {tmp_path / 'maya'}" \
           in edited.stderr, edited.stderr
    assert "summaries of 2026Q4 about priya that sam made may show it too: theirs to make again" in edited.stderr


def test_an_import_s_history_entry_says_nothing_of_private_notes_to_anyone_but_their_author(org, cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An import logged "import from team.yaml: 1 person, 1 note" in a shared entry, so the report, a skip-level and
    HR learnt that a private note about the report had been written (found by a helper). The private notes are now
    counted in a private entry of their own; the shared one counts the rest."""
    team = tmp_path / "priya-notes.yaml"
    team.write_text("notes:\n- {person: priya, date: 2026-12-01, direction: pull, topic: values, text: Private words, "
                    "author: maya}\n- {person: priya, date: 2026-12-02, direction: push, topic: learning, text: A "
                    "course, visibility: shared, author: maya}\n")
    assert cli("import", str(team), "--db", org["maya"]).returncode == 0
    for user in ("priya", "sam", "hr-lee"):
        shown = cli("history", "priya", "--db", org[user]).stdout
        assert "import from priya-notes.yaml: 1 note" in shown, (user, shown)
        assert "private note" not in shown and "2 notes" not in shown, (user, shown)
    mine = cli("history", "priya", "--db", org["maya"]).stdout
    assert "import from priya-notes.yaml: 1 private note" in mine and "import from priya-notes.yaml: 1 note" in mine


def test_person_show_speaks_to_who_reads_it(org, cli, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    """`person show priya` run by Priya listed her manager's due items ("... shared with you: give your feedback"),
    and a leaver's card still listed OKRs due though `due` leaves them out (found by a helper)."""
    own = cli("person", "show", "priya", "--db", org["priya"])
    assert own.returncode == 0, own.stderr
    assert "  due: your check-ins, goals and OKRs are on your manager's list; your side (goal drafts, pre-work, " \
           "check-in preparation) is on your own page, 10_my_page.ipynb" in own.stdout, own.stdout
    assert "due: nothing (archived)" not in cli("person", "show", "priya", "--db", org["maya"]).stdout
    assert cli("person", "archive", "priya", "--db", org["maya"]).returncode == 0
    assert "  due: nothing (archived)" in cli("person", "show", "priya", "--db", org["maya"]).stdout
