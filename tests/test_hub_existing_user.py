"""A workbook user from the command line moved onto JupyterHub with their key: `workbook hub add-user NAME --existing`.

An organisation ran the workbook on PostgreSQL with `workbook user add`; later it moved to JupyterHub. `hub add-user`
for such a user failed with "already exists; pick another name", and nothing gave them a hub login that kept their
key, so the private notes they had sealed could not be read on the hub. Tested from an empty organisation workbook
and brand-new people, opening the workbook as the hub's server would (HubState's environment), without a hub.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from workbook.hub import HubState, spawn_settings
from workbook.store import Store
from workbook.store.sealing import KEY_MISSING

SECRET = "Ben's partner is ill; he may need flexible hours in May (HUB-MOVE-1)"


def _user_url(pg_url: str, role: str, passfile: Path) -> str:
    """A user's own login: their role, their password in ``passfile``."""
    return f"postgresql+psycopg://{role}@{pg_url.split('@', 1)[1]}&passfile={passfile}"


@pytest.fixture
def cli_org(pg_url: str, cli, tmp_path: Path) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """An empty organisation workbook, two brand-new people, Ana (a manager) a user from the command line with her
    key in her own folder, and one private note she wrote about Ben; her key exported as she would."""
    for args in (["ana", "--name", "Ana Diaz"], ["ben", "--name", "Ben Okafor", "--manager", "ana"]):
        done = cli("person", "add", *args, "--db", pg_url)
        assert done.returncode == 0, done.stderr
    keys, pgpass = tmp_path / "ana-cli" / "keys", tmp_path / "ana-cli" / "pgpass"
    added = cli("user", "add", "ana", "--person", "ana", "--keys", str(keys), "--credentials", str(pgpass), "--db", pg_url)
    assert added.returncode == 0, added.stderr
    role = added.stdout.split("database role ")[1].split(";")[0]
    ana = {"WORKBOOK_KEYS": str(keys)}
    url = _user_url(pg_url, role, pgpass)
    wrote = cli("note", "add", "ben", "pull", "values", SECRET, "--db", url, env=ana)
    assert wrote.returncode == 0, wrote.stderr
    export = tmp_path / "ana.key"
    assert cli("key", "export", str(export), "--db", url, env=ana).returncode == 0
    with Store(pg_url) as owner:  # sealed: not even the tables' owner reads it
        assert SECRET not in json.dumps(owner.export_person("ben"), ensure_ascii=False)
    return {"url": url, "keys": keys, "export": export, "state": HubState(tmp_path / "hub"), "role": role,
            "pgpass": pgpass}


def _as_the_hub_server(cli, state: HubState, name: str, *args: str):  # type: ignore[no-untyped-def]
    """A `workbook` command in the environment the hub gives the user's server (their URL, credentials, keys)."""
    env = spawn_settings(state, name)["environment"]
    assert isinstance(env, dict)
    keep = {k: env[k] for k in ("WORKBOOK_DB", "PGPASSFILE", "WORKBOOK_KEYS")}
    return cli(*args, env=keep)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} \
        if folder.exists() else {}


def _logs_in(url: str) -> bool:
    try:
        with Store(url) as user:
            return user.actor().name == "ana"
    except Exception:
        return False


def test_a_command_line_user_moves_onto_the_hub_with_their_key_and_reads_their_private_notes(
        pg_url: str, cli, cli_org) -> None:  # type: ignore[no-untyped-def]
    state: HubState = cli_org["state"]
    plain = cli("hub", "add-user", "ana", "--person", "ana", "--state", str(state.folder), "--db", pg_url)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr and len(plain.stderr.strip().splitlines()) == 1
    assert "'ana' is a workbook user already (person ana)" in plain.stderr
    assert "workbook hub add-user ana --existing --key-file FILE" in plain.stderr
    other_name = cli("hub", "add-user", "ana-hub", "--person", "ana", "--state", str(state.folder), "--db", pg_url)
    assert other_name.returncode == 1 and "hub add-user ana --existing" in other_name.stderr
    assert _files(state.folder) == {}

    wrong = cli("hub", "add-user", "ana-new", "--person", "ana", "--credentials", str(cli_org["pgpass"]), "--state",
                str(state.folder), "--db", pg_url)
    assert wrong.returncode == 1 and "--credentials is for --existing" in wrong.stderr and _files(state.folder) == {}
    pgpass: Path = cli_org["pgpass"]
    role = str(cli_org["role"])
    assert f":{role}:" in pgpass.read_text() and _logs_in(str(cli_org["url"]))
    old = pgpass.with_name("pgpass-before")
    old.write_bytes(pgpass.read_bytes())
    old.chmod(0o600)
    moved = cli("hub", "add-user", "ana", "--existing", "--key-file", str(cli_org["export"]), "--credentials",
                str(pgpass), "--state", str(state.folder), "--db", pg_url)
    assert moved.returncode == 0, moved.stderr
    assert f"the password they had before no longer works and was taken out of {pgpass}" in moved.stdout
    assert f":{role}:" not in pgpass.read_text() and stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    assert "open on the hub" in moved.stdout and "note:" not in moved.stdout
    kid = json.loads(Path(cli_org["export"]).read_text())["current"]
    key = state.keys("ana") / f"{kid}.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert (state.keys("ana") / "ana.current").read_text().strip() == kid
    assert stat.S_IMODE(state.pgpass("ana").stat().st_mode) == 0o600
    assert list(state.users()) == ["ana"]

    listed = _as_the_hub_server(cli, state, "ana", "note", "list", "ben")
    assert listed.returncode == 0, listed.stderr
    assert SECRET[:40] in listed.stdout and KEY_MISSING not in listed.stdout
    assert spawn_settings(state, "ana")["landing"] == "manager"
    assert not _logs_in(_user_url(pg_url, role, old))  # the command line's password was replaced by the hub's

    before = _files(state.folder)
    again = cli("hub", "add-user", "ana", "--existing", "--key-file", str(cli_org["export"]), "--state",
                str(state.folder), "--db", pg_url)
    assert again.returncode == 1 and len(again.stderr.strip().splitlines()) == 1 and "Traceback" not in again.stderr
    assert "'ana' is a hub user already" in again.stderr and "workbook hub add-key ana FILE" in again.stderr
    assert _files(state.folder) == before
    assert _as_the_hub_server(cli, state, "ana", "note", "list", "ben").returncode == 0  # the hub's password still


def test_without_the_key_file_the_move_says_which_notes_stay_sealed_and_add_key_opens_them(
        pg_url: str, cli, cli_org) -> None:  # type: ignore[no-untyped-def]
    state: HubState = cli_org["state"]
    moved = cli("hub", "add-user", "ana", "--existing", "--state", str(state.folder), "--db", pg_url)
    assert moved.returncode == 0, moved.stderr
    notes = [line for line in moved.stdout.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "1 private note" in notes[0] and "stay unreadable there until it is given" in notes[0]
    assert "workbook hub add-key ana FILE" in notes[0]
    listed = _as_the_hub_server(cli, state, "ana", "note", "list", "ben")
    assert listed.returncode == 0 and SECRET[:40] not in listed.stdout

    given = cli("hub", "add-key", "ana", str(cli_org["export"]), "--state", str(state.folder))
    assert given.returncode == 0, given.stderr
    listed = _as_the_hub_server(cli, state, "ana", "note", "list", "ben")
    assert listed.returncode == 0 and SECRET[:40] in listed.stdout


def test_an_unknown_user_a_wrong_or_damaged_key_file_write_nothing(pg_url: str, cli, cli_org,
                                                                   tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from workbook.store.keys import key_file_json, new_key

    state: HubState = cli_org["state"]
    bens = cli("user", "add", "ben", "--person", "ben", "--keys", str(tmp_path / "ben-keys"), "--credentials",
               str(tmp_path / "ben-pgpass"), "--db", pg_url)
    assert bens.returncode == 0, bens.stderr
    ben_key = next((tmp_path / "ben-keys").glob("*.key"))
    stray = new_key()  # a key of no one's notes, in a file that names no user
    nobody = tmp_path / "stray.key"
    nobody.write_text(json.dumps(key_file_json(stray)))
    damaged = tmp_path / "damaged.key"
    data = json.loads(Path(cli_org["export"]).read_text())
    data["keys"][0]["id"] = "0" * 16
    damaged.write_text(json.dumps(data))
    with Store(pg_url) as owner:
        users = owner.users_frame().to_dict("records")
    cases = [(["nobody", "--existing"], "no workbook user 'nobody'"),
             (["ana", "--existing", "--key-file", str(ben_key)], "holds the private-note key of ben, not of ana"),
             (["ana", "--existing", "--key-file", str(nobody)], "wrong key"),
             (["ana", "--existing", "--key-file", str(damaged)], "does not match its id"),
             (["ana", "--existing", "--key-file", str(tmp_path / "missing.key")], "cannot be read"),
             (["ana", "--key-file", str(cli_org["export"])], "--key-file is for --existing")]
    for args, words in cases:
        done = cli("hub", "add-user", *args, "--state", str(state.folder), "--db", pg_url)
        assert done.returncode == 1, (args, done.stdout)
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr
        assert words in done.stderr, (args, done.stderr)
        assert _files(state.folder) == {}, args
        assert _logs_in(str(cli_org["url"])), args  # ana's password is the one she had
    with Store(pg_url) as owner:
        assert owner.users_frame().to_dict("records") == users
    unknown = cli("hub", "add-key", "ana", str(cli_org["export"]), "--state", str(state.folder))
    assert unknown.returncode == 1 and "not a hub user" in unknown.stderr and _files(state.folder) == {}
    assert os.listdir(tmp_path / "ana-cli" / "keys")  # her own keys are where they were


def test_a_failure_on_the_hub_side_leaves_no_hub_user_and_a_second_try_works(pg_url: str, cli, cli_org) -> None:  # type: ignore[no-untyped-def]
    """All or nothing: the hub's users.json cannot be written (a folder in its place) after her login got its new
    password and her key was copied: she is not a hub user, no credentials file is left for the hub, the error says
    her password is new; once the way is clear the same command makes her one."""
    state: HubState = cli_org["state"]
    state.users_file.mkdir(parents=True)
    failed = cli("hub", "add-user", "ana", "--existing", "--key-file", str(cli_org["export"]), "--state",
                 str(state.folder), "--db", pg_url)
    assert failed.returncode == 1 and len(failed.stderr.strip().splitlines()) == 1 and "Traceback" not in failed.stderr
    assert "nothing was added to the hub, but ana's database password is new" in failed.stderr
    assert not state.pgpass("ana").exists() and "ana" not in state.users()
    state.users_file.rmdir()
    moved = cli("hub", "add-user", "ana", "--existing", "--key-file", str(cli_org["export"]), "--state",
                str(state.folder), "--db", pg_url)
    assert moved.returncode == 0, moved.stderr
    listed = _as_the_hub_server(cli, state, "ana", "note", "list", "ben")
    assert listed.returncode == 0 and SECRET[:40] in listed.stdout
