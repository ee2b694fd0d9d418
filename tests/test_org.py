"""The org tree: a manager is a person id; import keeps today's files; `workbook org` prints the tree; rights in Python."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from workbook.core.errors import InputError, StoreError
from workbook.core.model import Person
from workbook.exchange.importer import import_file
from workbook.store import Store
from workbook.store.rights import OWNER, RULES, Actor, allowed, visible_people

ORG = {"people": [  # reports before their managers, on purpose
    {"id": "ana", "name": "Ana Souza", "manager": "maya"},
    {"id": "ben", "name": "Ben Okafor", "manager": "maya"},
    {"id": "maya", "name": "Maya Chen", "manager": "dana"},
    {"id": "dana", "name": "Dana Director"},
    {"id": "zoe", "name": "Zoe Free", "manager": "Pat Outsider"},  # today's files: a free-text name
], "notes": [
    {"person": "ana", "date": "2027-01-10", "direction": "pull", "topic": "values", "text": "kept private"},
    {"person": "ben", "date": "2027-01-11", "direction": "pull", "topic": "values", "text": "by dana", "author": "dana"},
]}


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_import_links_managers_by_id_in_any_order_and_keeps_free_text_names(any_store: Store, tmp_path) -> None:
    result = import_file(any_store, _write(tmp_path, ORG))
    assert any("'Pat Outsider' is not a person in the workbook; kept as a name" in w for w in result.warnings)
    assert any_store.managers() == {"ana": "maya", "ben": "maya", "maya": "dana", "dana": None, "zoe": None}
    assert any_store.person("zoe").manager == "Pat Outsider"
    tree = [(n.depth, n.id or n.name, n.below) for n in any_store.org_tree()]
    assert tree == [(0, "dana", 3), (1, "maya", 2), (2, "ana", 0), (2, "ben", 0), (0, "Pat Outsider", 1), (1, "zoe", 0)]
    notes = any_store.notes_frame(include_private=True).set_index("text")
    assert notes.loc["kept private", "author_id"] == "maya"  # no author given: the person's manager wrote it
    assert notes.loc["by dana", "author_id"] == "dana"
    people = any_store.people_frame().set_index("id")
    assert people.loc["ana", "manager"] == "Maya Chen" and people.loc["zoe", "manager"] == "Pat Outsider"


def test_a_loop_of_managers_is_refused_with_one_line_and_nothing_written(any_store: Store, tmp_path) -> None:
    data = {"people": [{"id": "a", "name": "A", "manager": "b"}, {"id": "b", "name": "B", "manager": "a"}]}
    with pytest.raises(InputError, match="the managers form a loop .a -> b, b -> a."):
        import_file(any_store, _write(tmp_path, data))
    assert any_store.people() == []


def test_a_manager_change_that_would_close_a_loop_is_refused(any_store: Store) -> None:
    any_store.add_person(Person(id="dana", name="Dana"))
    any_store.add_person(Person(id="maya", name="Maya", manager="dana"))
    any_store.add_person(Person(id="ana", name="Ana", manager="maya"))
    with pytest.raises(InputError, match="would put dana above themselves"):
        any_store.update_person(Person(id="dana", name="Dana", manager="ana"))
    with pytest.raises(InputError, match="cannot be their own manager"):
        any_store.update_person(Person(id="ana", name="Ana", manager="ana"))
    any_store.update_person(Person(id="ana", name="Ana", manager="dana"))  # a move inside the tree is fine
    assert any_store.managers()["ana"] == "dana"


def test_an_unknown_note_author_is_refused_in_an_organisation_and_kept_as_yours_at_home(any_store: Store, tmp_path) -> None:
    data = {"people": [{"id": "ana", "name": "Ana"}], "notes": [
        {"person": "ana", "date": "2027-01-10", "direction": "pull", "topic": "values", "text": "x", "author": "nobody"}]}
    if any_store.is_postgres:  # in an organisation a note's author decides who reads it
        with pytest.raises(InputError, match="notes.0. .ana 2027-01-10. field author: unknown author 'nobody'"):
            import_file(any_store, _write(tmp_path, data))
        return
    # a workbook of one's own (an export from an organisation brought home): its one user wrote every note
    result = import_file(any_store, _write(tmp_path, data))
    assert any("note author 'nobody' is not a person in this workbook; their notes are kept as yours" in w
               for w in result.warnings)
    assert list(any_store.notes_frame("ana", include_private=True)["text"]) == ["x"]


def test_forgetting_a_manager_keeps_their_reports_at_the_top(any_store: Store) -> None:
    any_store.add_person(Person(id="maya", name="Maya"))
    any_store.add_person(Person(id="ana", name="Ana", manager="maya"))
    any_store.forget("maya")
    assert any_store.managers() == {"ana": None}


def test_workbook_org_prints_the_tree(cli, tmp_path) -> None:
    db = tmp_path / "w.db"
    done = cli("import", str(_write(tmp_path, ORG)), db=db)
    assert done.returncode == 0, done.stderr
    out = cli("org", db=db)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "as the workbook's owner" in lines[0]
    assert lines[1:] == ["Dana Director (dana)  · 3 below", "  └─ Maya Chen (maya)  · 2 below",
                         "    └─ Ana Souza (ana)", "    └─ Ben Okafor (ben)",
                         "Pat Outsider  · a name, not a person in the workbook · 1 below", "  └─ Zoe Free (zoe)"]


@pytest.mark.parametrize("command", ["app", "lab"])
def test_the_app_and_the_lab_point_an_organisation_s_user_to_its_hub(cli, command: str) -> None:
    out = cli(command, db="postgresql+psycopg://maya@/acme?host=/nonexistent")
    assert out.returncode == 1 and out.stderr.count("\n") == 1, out.stderr
    assert "serves a SQLite workbook of your own; an organisation's users open its pages on its JupyterHub" in out.stderr
    assert "pg_dump" not in out.stderr  # that is for copies (backup, restore), not for pages


def test_users_need_an_organisation_database(cli, tmp_path) -> None:
    Store(tmp_path / "w.db").close()
    out = cli("user", "add", "ana", "--person", "ana", db=tmp_path / "w.db")
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [out.stderr.strip()]  # one line
    assert "single-user SQLite workbook; adding users needs an organisation database on PostgreSQL" in out.stderr
    with Store(tmp_path / "w.db") as s, pytest.raises(StoreError, match="single-user"):
        s.add_user("ana", person="ana")


def test_user_add_checks_its_arguments_before_anything(pg_url) -> None:
    with Store(pg_url) as s:
        s.add_person(Person(id="ana", name="Ana"))
        with pytest.raises(InputError, match="exactly one of --person ID"):
            s.add_user("ana", person="ana", hr=True)
        with pytest.raises(InputError, match="exactly one of --person ID"):
            s.add_user("ana")
        with pytest.raises(InputError, match="user name 'Ana X'"):
            s.add_user("Ana X", person="ana")
        s.add_user("ana", person="ana")
        with pytest.raises(InputError, match="already has user 'ana'"):
            s.add_user("ana2", person="ana")
        assert list(s.users_frame()["name"]) == ["ana"]


def test_user_list_shows_an_hr_user_s_person_as_a_dash_not_nan(pg_url, cli) -> None:
    """And is_hr in words: `workbook user list` printed pandas' True and False, where `workbook people --all` says
    'yes' for a leaver and nothing for the others (found by a helper walking an organisation as its owner)."""
    with Store(pg_url) as s:
        s.add_person(Person(id="ana", name="Ana"))
        s.add_user("ana", person="ana")
        s.add_user("hr", hr=True)
    listed = cli("user", "list", "--db", pg_url)
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line.split() for line in listed.stdout.splitlines()[1:]}
    assert rows["hr"][2:] == ["-", "yes"] and rows["ana"][2:] == ["ana"], listed.stdout
    assert "NaN" not in listed.stdout and "None" not in listed.stdout
    assert "True" not in listed.stdout and "False" not in listed.stdout


def test_an_empty_organisation_database_says_how_to_make_it_a_workbook(pg_server, cli) -> None:
    import psycopg

    url = pg_server.create_database("wb_empty_org")  # made by hand (createdb): no tables yet
    try:
        out = cli("people", db=url)
        assert out.returncode == 1 and out.stderr.count("\n") == 1, out.stderr
        assert "is an empty database, not yet a workbook; make it one as its owner with `workbook org upgrade`" \
            in out.stderr
        assert cli("org", "upgrade", db=url).returncode == 0
        assert cli("people", db=url).stdout.startswith("no people yet")
    finally:
        with psycopg.connect(host=str(pg_server.socket_dir), dbname="postgres", user="workbook_admin",
                             password=pg_server.admin_password, autocommit=True) as conn:
            conn.execute(b'DROP DATABASE IF EXISTS "wb_empty_org" WITH (FORCE)')


# -- the rules in Python (the same table PostgreSQL's policies are compiled from) -------------------------

TREE = {"dana": None, "maya": "dana", "omar": "dana", "ana": "maya", "ben": "maya", "olu": "omar"}


@pytest.mark.parametrize(("actor", "action", "expected"), [
    (Actor("ana", "ana"), "read", {"ana"}),
    (Actor("ana", "ana"), "write", set()),
    (Actor("ana", "ana"), "read_working", {"ana"}),
    (Actor("maya", "maya"), "read", {"maya", "ana", "ben"}),
    (Actor("maya", "maya"), "write", {"ana", "ben"}),
    (Actor("dana", "dana"), "read", set(TREE)),
    (Actor("dana", "dana"), "write", {"maya", "omar"}),
    (Actor("dana", "dana"), "read_working", {"dana", "maya", "omar"}),
    (Actor("hr", hr=True), "read", set(TREE)),
    (Actor("hr", hr=True), "write", set()),
    (Actor("hr", hr=True), "read_working", set()),
    (Actor("stranger"), "read", set()),
    (OWNER, "write", set(TREE)),
    # the record of generated files: besides its maker, the person's manager (who forgets them) sees it
    (Actor("ana", "ana"), "read_files", set()),
    (Actor("maya", "maya"), "read_files", {"ana", "ben"}),
    (Actor("dana", "dana"), "read_files", {"maya", "omar"}),
    (Actor("hr", hr=True), "read_files", set()),
    # and files about a person are recorded by those who make outputs about them: managers above, HR
    (Actor("ana", "ana"), "make_files", set()),
    (Actor("dana", "dana"), "make_files", {"maya", "omar", "ana", "ben", "olu"}),
    (Actor("hr", hr=True), "make_files", set(TREE)),
    (Actor("stranger"), "make_files", set()),
])
def test_rules_per_actor(actor, action, expected) -> None:
    assert visible_people(actor, action, TREE) == expected


def test_a_private_note_is_readable_by_its_author_only() -> None:
    for actor in (Actor("ana", "ana"), Actor("dana", "dana"), Actor("hr", hr=True), Actor("omar", "omar")):
        assert not allowed(actor, "read_private", "ana", TREE, author="maya")
    assert allowed(Actor("maya", "maya"), "read_private", "ana", TREE, author="maya")
    # after Ana moves to Omar, Maya still reads what she wrote and Omar does not: no handover by side effect
    moved = {**TREE, "ana": "omar"}
    assert allowed(Actor("maya", "maya"), "read_private", "ana", moved, author="maya")
    assert not allowed(Actor("omar", "omar"), "read_private", "ana", moved, author="maya")


def test_a_generated_file_record_is_seen_by_its_maker_and_the_person_s_manager() -> None:
    for actor in (Actor("hr", hr=True), Actor("dana", "dana"), Actor("ana", "ana"), Actor("omar", "omar")):
        assert allowed(actor, "read_files", "ana", TREE, maker=actor.name)  # whoever made it sees its record
    assert allowed(Actor("hr", hr=True), "read_files", "ana", TREE, maker="hr")  # HR's own summary of Ana
    assert not allowed(Actor("hr", hr=True), "read_files", "ana", TREE, maker="maya")  # Maya's stage notebook
    assert not allowed(Actor("dana", "dana"), "read_files", "ana", TREE, maker="hr")  # a skip-level: no
    assert not allowed(Actor("ana", "ana"), "read_files", "ana", TREE, maker="maya")  # the report: no
    assert allowed(Actor("maya", "maya"), "read_files", "ana", TREE, maker="hr")  # her manager, to forget her
    assert not allowed(Actor("omar", "omar"), "read_files", "ana", TREE, maker="hr")


def test_every_action_has_a_rule_and_an_unknown_one_is_an_error() -> None:
    assert set(RULES) == {"read", "read_working", "write", "read_private", "read_files", "make_files", "read_changes",
                          "read_private_changes", "write_own", "read_draft", "read_shared", "read_manager"}
    with pytest.raises(KeyError):
        allowed(OWNER, "delete_everything", "ana", TREE)  # type: ignore[arg-type]


def test_a_loop_in_bad_data_never_hangs_the_rules() -> None:
    assert visible_people(Actor("a", "a"), "read", {"a": "b", "b": "a"}) == {"a", "b"}


def test_an_import_refuses_a_person_managing_themselves(any_store: Store, tmp_path) -> None:
    data = {"people": [{"id": "ana", "name": "Ana", "manager": "ana"}]}
    with pytest.raises(InputError, match=r"people\[0\] \(ana\) field manager: ana cannot be their own manager"):
        import_file(any_store, _write(tmp_path, data))
    assert any_store.people() == []


def test_access_says_who_reads_what_in_an_hr_partners_words() -> None:
    from workbook.store.rights import access, relation_words

    tree = {"dana": None, "maya": "dana", "ana": "maya", "ben": "maya"}
    rows = {name: (relation_words(actor, "ana", tree), access(actor, "ana", tree)) for name, actor in {
        "ana": Actor("ana", "ana"), "maya": Actor("maya", "maya"), "dana": Actor("dana", "dana"),
        "ben": Actor("ben", "ben"), "hr": Actor("hr", hr=True)}.items()}
    assert rows["ana"] == ("the person", {"shared records": True, "the 1:1's words": True,
                                          "check-in summary lines": False})
    assert rows["maya"] == ("manager", dict.fromkeys(rows["maya"][1], True))
    assert rows["dana"] == ("2 levels up", {"shared records": True, "the 1:1's words": False,
                                            "check-in summary lines": False})
    assert rows["hr"][0] == "HR" and rows["hr"][1] == rows["dana"][1]
    assert rows["ben"] == ("none", dict.fromkeys(rows["ben"][1], False))
    assert relation_words(OWNER, "ana", tree) == "owner"


def test_an_organisation_s_server_keeps_fsync_on_and_only_throwaway_ones_turn_it_off(pg_server) -> None:
    """`workbook org server start` ran PostgreSQL with fsync off: a crash could lose an organisation's data (found
    by a helper). The tests' own server (this session's) is started with durable=False."""
    import tempfile

    import psycopg

    from workbook.store.localpg import ADMIN, start_local_server, stop_local_server

    with psycopg.connect(host=str(pg_server.socket_dir), dbname="postgres", user=ADMIN,
                         password=pg_server.admin_password) as conn:
        assert conn.execute(b"SHOW fsync").fetchone()[0] == "off"
    folder = tempfile.mkdtemp(prefix="wbpg-durable-")
    try:
        server = start_local_server(folder)
        with psycopg.connect(host=str(server.socket_dir), dbname="postgres", user=ADMIN,
                             password=server.admin_password) as conn:
            assert conn.execute(b"SHOW fsync").fetchone()[0] == "on"
    finally:
        stop_local_server(folder, remove=True)


def test_server_stop_remove_refuses_a_folder_that_is_not_a_cluster(cli, tmp_path: Path) -> None:
    """`org server stop FOLDER --remove` deleted FOLDER whatever it held (a typo'd path, a home folder); and said
    "stopped" for a server that was not running."""
    keep = tmp_path / "not-a-cluster"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine", encoding="utf-8")
    r = cli("org", "server", "stop", str(keep), "--remove")
    assert r.returncode == 1 and "is not a PostgreSQL folder `workbook org server start` made" in r.stderr
    assert (keep / "notes.txt").read_text(encoding="utf-8") == "mine"
    (keep / "data").mkdir()
    (keep / "data" / "PG_VERSION").write_text("15\n", encoding="utf-8")
    (keep / "admin.password").write_text("x\n", encoding="utf-8")
    stopped = cli("org", "server", "stop", str(keep))
    assert stopped.returncode == 0 and stopped.stdout.strip() == f"PostgreSQL in {keep} was not running"


@pytest.mark.parametrize("where", ["credentials", "keys", "hub"])
def test_a_user_whose_login_cannot_be_handed_over_is_not_left_behind(pg_url, cli, tmp_path: Path, where: str) -> None:
    """`user add ... --credentials FILE` (or `--keys FOLDER`, or `hub add-user --state FOLDER`) where that cannot be
    written made the login role and its users row, then failed writing its password (or key): nobody held the
    password, and adding the user again was refused as 'already exists' (found by a helper setting up an
    organisation). Now the user is taken away again when the hand-over fails, and the same command works once
    the place is fixed."""
    with Store(pg_url) as s:
        s.add_person(Person(id="ana", name="Ana"))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    good = {"credentials": ["--credentials", str(tmp_path / "pgpass")], "keys": ["--keys", str(tmp_path / "keys")],
            "hub": ["--state", str(tmp_path / "hub")]}[where]
    bad = {"credentials": ["--credentials", str(blocker / "pgpass")], "keys": ["--keys", str(blocker / "keys")],
           "hub": ["--state", str(blocker / "hub")]}[where]
    command = ["hub", "add-user"] if where == "hub" else ["user", "add"]
    refused = cli(*command, "ana", "--person", "ana", *bad, "--db", pg_url)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1, refused.stderr
    assert "Traceback" not in refused.stderr
    with Store(pg_url) as s:
        assert s.users_frame().empty
        assert s.logins_of("ana") == []
    made = cli(*command, "ana", "--person", "ana", *good, "--db", pg_url)
    assert made.returncode == 0, made.stderr


def test_a_manager_who_is_nobody_in_an_organisation_is_refused_and_kept_as_a_name_at_home(any_store: Store, request,
                                                                                          cli) -> None:  # type: ignore[no-untyped-def]
    """An administrator's typo (`--manager ghost` for mo) was kept as a name with a warning: the person fell out of
    mo's team at once, and mo could not put it right ("unknown person"). In an organisation a manager given by the
    command line or the My team form is a person there; a workbook of your own keeps the name, as an import does."""
    from workbook.stages.people import add_person, edit_person

    store = any_store
    add_person(store, "mo", "Mo Diallo")
    add_person(store, "nico", "Nico Berg", manager="mo")
    if store.is_postgres:
        with pytest.raises(InputError, match="^person nico field manager: manager 'ghost' is not a person in this organisation") as bad:
            edit_person(store, "nico", manager="ghost")
        assert bad.value.field == "manager"
        with pytest.raises(InputError, match="manager 'nobody' is not a person"):
            add_person(store, "ravi", "Ravi Das", manager="nobody")
        assert store.person("nico").manager == "mo" and not store.has_person("ravi")
        refused = cli("person", "edit", "nico", "--manager", "ghost", "--db", request.getfixturevalue("pg_url"))
        assert refused.returncode == 1 and refused.stderr.startswith("error: --manager: manager 'ghost' is not a person")
        assert len(refused.stderr.strip().splitlines()) == 1 and store.person("nico").manager == "mo"
    else:
        edit_person(store, "nico", manager="Ada Outside")
        assert store.person("nico").manager == "Ada Outside"
