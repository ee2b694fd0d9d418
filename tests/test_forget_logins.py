"""A forgotten person's login goes with them: their PostgreSQL role dropped in the forget's own transaction.

Before revision 0015 `workbook forget` deleted the person's ``users`` row (the foreign key's cascade) and left their
login role behind: it still connected (seeing nothing), and `workbook user remove NAME` no longer found it, so
nobody could take it away through the workbook.
"""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa
from test_private_notes_org import org  # noqa: F401  (the fixture: the demo organisation with its users)

from workbook.store import Store
from workbook.store.backend import credentials_file, parse_url


def _role(url: str) -> str:
    return str(parse_url(url).username)


def _role_exists(pg_url: str, role: str) -> bool:
    with Store(pg_url) as owner, owner.engine.connect() as conn:
        return conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None


def _password(role: str) -> str:
    """The user's password, from the credentials file `user add` wrote it to."""
    lines = [ln for ln in credentials_file().read_text(encoding="utf-8").splitlines() if f":{role}:" in ln]
    assert len(lines) == 1, lines
    return lines[0].rsplit(":", 1)[1]


def _connects(pg_server, pg_url: str, role: str, password: str) -> bool:
    database = parse_url(pg_url).database
    try:
        with psycopg.connect(host=str(pg_server.socket_dir), dbname=database, user=role, password=password):
            return True
    except psycopg.OperationalError:
        return False


def _listed(cli, pg_url: str) -> list[str]:  # type: ignore[no-untyped-def]
    shown = cli("user", "list", "--db", pg_url)
    assert shown.returncode == 0, shown.stderr
    return [line.split()[0] for line in shown.stdout.splitlines()[1:]]


def test_the_owner_s_forget_takes_the_person_s_login_away_as_user_remove_does(pg_server, pg_url: str, org,  # noqa: F811
                                                                              cli) -> None:  # type: ignore[no-untyped-def]
    role = _role(org["priya"])
    password = _password(role)
    assert _connects(pg_server, pg_url, role, password)
    done = cli("forget", "priya", "--yes", "--db", pg_url)
    assert done.returncode == 0, done.stderr
    assert not _role_exists(pg_url, role)
    assert not _connects(pg_server, pg_url, role, password)
    assert f"removed user priya: database role {role} dropped; its password taken out of the credentials file" \
        in done.stdout, done.stdout
    assert f":{role}:" not in credentials_file().read_text(encoding="utf-8")
    assert "priya" not in _listed(cli, pg_url) and {"maya", "kofi", "sam", "hr-lee"} <= set(_listed(cli, pg_url))
    with Store(org["maya"]) as maya:  # the others' logins are untouched
        assert "priya" not in {p.id for p in maya.people()}


def test_a_manager_s_forget_takes_the_report_s_login_away_too(pg_server, pg_url: str, org, cli) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    """Maya may erase Priya but may not drop roles, nor read the users table: the database drops Priya's role with
    her users row, and Maya's forget says which login went."""
    role = _role(org["priya"])
    password = _password(role)
    done = cli("forget", "priya", "--yes", "--db", org["maya"])
    assert done.returncode == 0, done.stderr
    assert not _role_exists(pg_url, role)
    assert not _connects(pg_server, pg_url, role, password)
    assert f"removed user priya: database role {role} dropped" in done.stdout, done.stdout
    listed = _listed(cli, pg_url)  # the owner finds no login left over, and every other one still there
    assert "priya" not in listed and {"maya", "kofi", "sam", "hr-lee"} <= set(listed)
    again = cli("user", "add", "priya", "--person", "noor", "--db", pg_url)  # the name is free again
    assert again.returncode == 0, again.stderr


def test_a_login_the_database_cannot_drop_refuses_the_forget_and_erases_nothing(pg_url: str, org, cli) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    """When the tables' owner may not drop roles, a manager's forget would leave the report's login behind with no
    users row naming it: refused, nothing erased, and the one line says who takes the login away first."""
    with Store(pg_url) as owner, owner.atomic() as conn:
        conn.exec_driver_sql("DROP ROLE IF EXISTS wb_test_no_createrole")
        conn.exec_driver_sql("CREATE ROLE wb_test_no_createrole NOLOGIN")
        conn.exec_driver_sql("ALTER FUNCTION wb_drop_login() OWNER TO wb_test_no_createrole")
    try:
        refused = cli("forget", "priya", "--yes", "--db", org["maya"])
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        line = refused.stderr.strip()
        assert "\n" not in line and f"would leave the login role {_role(org['priya'])} of user priya behind" in line
        assert "`workbook user remove priya`" in line and "nothing was erased" in line, line
        with Store(pg_url) as owner:
            assert owner.person("priya").id == "priya" and "priya" in owner.logins_of("priya")
        # the administrator drops a login as their own session, `user remove` and forget alike
        removed = cli("user", "remove", "kofi", "--yes", "--db", pg_url)
        assert removed.returncode == 0, removed.stderr
        assert not _role_exists(pg_url, _role(org["kofi"]))
        done = cli("forget", "priya", "--yes", "--db", pg_url)
        assert done.returncode == 0, done.stderr
        assert f"removed user priya: database role {_role(org['priya'])} dropped" in done.stdout, done.stdout
        assert not _role_exists(pg_url, _role(org["priya"]))
    finally:
        with Store(pg_url) as owner, owner.atomic() as conn:
            conn.exec_driver_sql("ALTER FUNCTION wb_drop_login() OWNER TO CURRENT_USER")
            conn.exec_driver_sql("DROP ROLE wb_test_no_createrole")


def test_a_sqlite_workbook_s_forget_has_no_logins(store) -> None:  # type: ignore[no-untyped-def]
    from workbook.core.model import Person
    from workbook.run.forget import forget_person

    store.add_person(Person(id="ana", name="Ana Souza", manager="me"))
    assert forget_person(store, "ana").logins == []


@pytest.mark.parametrize("who", ["owner", "maya"])
def test_forget_person_reports_the_logins_it_removed(pg_url: str, org, who: str) -> None:  # noqa: F811
    from workbook.run.forget import forget_person

    with Store(pg_url if who == "owner" else org["maya"]) as s:
        report = forget_person(s, "priya", keep_files=True)
    assert [(lg.name, lg.role, lg.database) for lg in report.logins] == \
        [("priya", _role(org["priya"]), parse_url(pg_url).database)]


def _pointers(folder) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {p.stem: p.read_text(encoding="utf-8").strip() for p in folder.glob("*.current")}


@pytest.mark.parametrize("who", ["owner", "maya"])
def test_a_forget_retires_the_user_s_key_and_the_same_name_gets_a_new_one(pg_url: str, org, cli, who: str) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    """The forget says the private notes the person wrote are sealed for them alone for good: the administrator's
    keys folder no longer holds their key (it would open them), and a new user of the same name gets a new key."""
    from workbook.store import Keyring

    folder = Keyring().folder
    assert cli("key", "new", "--db", pg_url).returncode == 0  # the owner's own key
    before = _pointers(folder)
    old = before["priya"]
    assert (folder / f"{old}.key").is_file() and {"owner", "maya", "kofi", "sam"} <= set(before)
    done = cli("forget", "priya", "--yes", "--db", pg_url if who == "owner" else org["maya"])
    assert done.returncode == 0, done.stderr
    assert f"user priya: its private-note key deleted from {folder}: the notes it sealed can no longer be opened " \
           "by anyone" in done.stdout, done.stdout
    assert not (folder / f"{old}.key").exists() and not (folder / "priya.current").exists()
    after = _pointers(folder)  # everyone else's keys untouched
    assert after == {k: v for k, v in before.items() if k != "priya"}
    assert all((folder / f"{k}.key").is_file() for k in after.values())
    assert not list(folder.glob(".retiring-*"))
    assert cli("person", "add", "priya", "--name", "Priya Again", "--manager", "maya", "--db", pg_url).returncode == 0
    again = cli("user", "add", "priya", "--person", "priya", "--db", pg_url)
    assert again.returncode == 0, again.stderr
    new = _pointers(folder)["priya"]
    assert new != old and (folder / f"{new}.key").is_file()
    with Store(org["maya"]) as maya:  # Maya reads her own private notes as before
        assert cli("key", "status", "--db", org["maya"]).returncode == 0
        assert not maya.unsealing_problem()


def test_retire_keeps_other_pointers_keys_and_changes_nothing_in_a_read_only_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess
    import sys

    from workbook.store import Keyring

    ring = Keyring(tmp_path / "keys", search=[])
    assert ring.retire("ben") == []  # a missing folder: nothing to retire, no error
    ben, ana = ring.create("ben"), ring.create("ana")
    ring.set_current("owner", ben.id)  # a key another pointer names is never deleted
    old = ring.create("ben")
    shown = sorted(p.name for p in ring.folder.iterdir())
    # A folder that cannot be changed, for real: a read-only bind mount in a private mount namespace (root
    # writes in a folder whose mode forbids it, so a chmod would test nothing here).
    folder = ring.folder
    retire = ("import sys; from workbook.store import KeyProblem, Keyring\n"
              "try:\n    Keyring(sys.argv[1], search=[]).retire('ben', {sys.argv[2]})\n"
              "except KeyProblem as exc:\n    print(exc); sys.exit(3)\nprint('retired')\n")
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && "$0" -c "$3" "$1" "$2"'
    if shutil.which("unshare") and subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0:
        res = subprocess.run(["unshare", "-rm", "sh", "-c", script, sys.executable, str(folder), ben.id, retire],
                             capture_output=True, text=True, timeout=60)
        assert res.returncode == 3, (res.stdout, res.stderr)
        assert "cannot be changed" in res.stdout and "Traceback" not in res.stderr, res.stdout
        assert len(res.stdout.strip().splitlines()) == 1, res.stdout
        assert sorted(p.name for p in folder.iterdir()) == shown  # all or nothing
    assert Keyring(ring.folder, search=[]).retire("ben", {ben.id}) == [old.id]
    assert sorted(p.name for p in ring.folder.iterdir()) == sorted(
        ["ana.current", "owner.current", f"{ben.id}.key", f"{ana.id}.key"])


def test_a_forget_also_retires_the_keys_a_rotation_kept(pg_url: str, org, cli) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    """`workbook key rotate` keeps the old key for older backups; when the person is forgotten that old key would
    still open those backups' notes. Key files now say whose they are, so the forget finds it too."""
    import json

    from workbook.store import Keyring

    folder = Keyring().folder
    first = _pointers(folder)["priya"]
    rotated = cli("key", "rotate", "--db", org["priya"])
    assert rotated.returncode == 0, rotated.stderr
    second = _pointers(folder)["priya"]
    assert second != first and (folder / f"{first}.key").is_file()  # kept for older backups
    assert json.loads((folder / f"{second}.key").read_text(encoding="utf-8"))["user"] == "priya"
    kept = {k: v for k, v in _pointers(folder).items() if k != "priya"}
    done = cli("forget", "priya", "--yes", "--db", pg_url)
    assert done.returncode == 0, done.stderr
    assert not (folder / f"{first}.key").exists() and not (folder / f"{second}.key").exists(), done.stdout
    assert "its private-note keys deleted" in done.stdout, done.stdout
    assert _pointers(folder) == kept and all((folder / f"{k}.key").is_file() for k in kept.values())
