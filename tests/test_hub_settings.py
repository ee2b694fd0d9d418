"""What each hub user's server gets (workbook/hub.py), without a hub: their own credentials, their notebooks, their landing."""

from __future__ import annotations

import json
import re
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbook.cli import app
from workbook.core.errors import InputError
from workbook.demo.org import build_demo_org
from workbook.hub import MY_PAGE, HubState, spawn_settings
from workbook.store import Store


@pytest.fixture
def hub_state(pg_url, tmp_path):  # type: ignore[no-untyped-def]
    with Store(pg_url) as owner:
        build_demo_org(owner)
    state = HubState(tmp_path / "hub")
    runner = CliRunner()
    for args in (["noor", "--person", "noor"], ["kofi", "--person", "kofi"], ["hr", "--hr"]):
        done = runner.invoke(app, ["hub", "add-user", *args, "--state", str(state.folder), "--db", pg_url])
        assert done.exit_code == 0, done.output
    return state


def test_each_user_gets_their_own_login_and_lands_where_their_role_works(hub_state: HubState, tmp_path: Path) -> None:
    users = json.loads(hub_state.users_file.read_text())
    assert sorted(users) == ["hr", "kofi", "noor"]
    assert all(":" not in u.split("@")[0].split("//")[1] for u in users.values())  # no password in users.json
    landings = {}
    for name in users:
        pgpass = hub_state.pgpass(name)
        assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600 and len(pgpass.read_text().splitlines()) == 1
        settings = spawn_settings(hub_state, name)
        env = settings["environment"]
        assert env["PGPASSFILE"] == str(pgpass) and env["WORKBOOK_DB"] == users[name]  # type: ignore[index]
        assert "workbook_admin" not in env["WORKBOOK_DB"]  # type: ignore[index]  # never the administrator
        # their own private-note key (issue 16), in their own keys folder, which their server is pointed at
        keys = list(hub_state.keys(name).glob("*.key"))
        assert env["WORKBOOK_KEYS"] == str(hub_state.keys(name)) and len(keys) == 1  # type: ignore[index]
        assert stat.S_IMODE(keys[0].stat().st_mode) == 0o600
        assert (Path(str(settings["notebook_dir"])) / MY_PAGE).is_file()
        landings[name] = (settings["landing"], settings["default_url"])
    assert landings == {"noor": ("report", f"/voila/render/{MY_PAGE}"), "kofi": ("manager", "/lab/tree/00_home.ipynb"),
                        "hr": ("hr", "/lab/tree/00_home.ipynb")}
    # each user's password logs in as that user only: Noor's file gets Noor, who sees herself alone
    with Store(users["noor"] + f"&passfile={hub_state.pgpass('noor')}") as noor:
        assert noor.actor().person == "noor" and [p.id for p in noor.people()] == ["noor"]


def test_a_hub_user_who_is_not_a_workbook_user_gets_no_server(hub_state: HubState) -> None:
    with pytest.raises(InputError, match="not a workbook user"):
        spawn_settings(hub_state, "mallory")


def test_hub_remove_user_drops_the_login_and_the_running_hub_starts_no_server_for_them(hub_state: HubState,
                                                                                          pg_url: str) -> None:
    """`workbook user remove` dropped a leaver's login but the hub still listed them: `hub remove-user` takes them
    out of the state every spawn reads, removes their credentials and notebooks, and keeps their key."""
    spawn_settings(hub_state, "kofi")  # a server started before they left
    runner = CliRunner()
    done = runner.invoke(app, ["hub", "remove-user", "kofi", "--yes", "--state", str(hub_state.folder), "--db", pg_url])
    assert done.exit_code == 0, done.output
    assert "removed hub user kofi" in done.output
    assert sorted(json.loads(hub_state.users_file.read_text())) == ["hr", "noor"]
    assert not hub_state.pgpass("kofi").exists() and not hub_state.notebooks("kofi").exists()
    assert list(hub_state.keys("kofi").glob("*.key"))  # the only copy of the key her sealed notes need
    with pytest.raises(InputError, match="not a workbook user"):
        spawn_settings(hub_state, "kofi")
    with Store(pg_url) as owner:
        assert "kofi" not in set(owner.users_frame()["name"])
    again = runner.invoke(app, ["hub", "remove-user", "kofi", "--yes", "--state", str(hub_state.folder), "--db", pg_url])
    assert again.exit_code == 1 and "not a hub user" in str(again.exception or again.output)
    with Store(hub_state.users()["noor"] + f"&passfile={hub_state.pgpass('noor')}") as noor:  # the others untouched
        assert noor.actor().person == "noor"


def test_the_config_file_reads_its_settings_from_the_environment(hub_state: HubState, monkeypatch) -> None:
    from traitlets.config import Config

    from workbook.hub import HUB_CONFIG

    monkeypatch.setenv("WORKBOOK_HUB_STATE", str(hub_state.folder))
    monkeypatch.setenv("WORKBOOK_HUB_PORT", "18123")
    monkeypatch.setenv("WORKBOOK_HUB_AUTH", "native")
    c = Config()
    exec(compile(HUB_CONFIG.read_text(), str(HUB_CONFIG), "exec"), {"get_config": lambda: c, "__name__": "cfg"})
    assert c.JupyterHub.bind_url == "http://127.0.0.1:18123"
    assert c.JupyterHub.authenticator_class == "native" and c.NativeAuthenticator.open_signup is False
    assert c.Authenticator.allowed_users == {"hr", "kofi", "noor"}
    assert c.Spawner.cmd == [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
    monkeypatch.setenv("WORKBOOK_HUB_AUTH", "guess")
    with pytest.raises(SystemExit, match="native, shared or oauth"):
        exec(compile(HUB_CONFIG.read_text(), str(HUB_CONFIG), "exec"), {"get_config": lambda: Config(), "__name__": "cfg"})


def _run_config(monkeypatch, state: HubState) -> object:  # type: ignore[no-untyped-def]
    """The hub's configuration as JupyterHub reads it (``__file__`` set), in the current folder."""
    from traitlets.config import Config

    from workbook.hub import HUB_CONFIG

    monkeypatch.setenv("WORKBOOK_HUB_STATE", str(state.folder))
    monkeypatch.setenv("WORKBOOK_HUB_AUTH", "native")
    c = Config()
    exec(compile(HUB_CONFIG.read_text(), str(HUB_CONFIG), "exec"),
         {"get_config": lambda: c, "__name__": "cfg", "__file__": str(HUB_CONFIG)})
    return c


def _spawner(name: str):  # type: ignore[no-untyped-def]
    import logging
    from types import SimpleNamespace

    return SimpleNamespace(user=SimpleNamespace(name=name), environment={}, notebook_dir=None, default_url=None,
                           log=logging.getLogger("test-hub"))


def test_the_hub_started_from_another_folder_still_gives_a_report_their_page(hub_state: HubState, tmp_path: Path,
                                                                            monkeypatch) -> None:
    """`cd /tmp/x && jupyterhub -f .../jupyterhub_config.py` took the templates from ./notebooks (there: none), so
    Noor's server had no 10_my_page.ipynb and her landing page was a 404."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("WORKBOOK_HUB_TEMPLATES", raising=False)
    c = _run_config(monkeypatch, hub_state)
    noor = _spawner("noor")
    c.Spawner.pre_spawn_hook(noor)  # type: ignore[attr-defined]
    assert noor.default_url == f"/voila/render/{MY_PAGE}"
    assert (Path(noor.notebook_dir) / MY_PAGE).is_file()


@pytest.mark.parametrize("kind", ["missing", "empty"])
def test_a_templates_folder_with_no_notebooks_refuses_the_spawn_in_one_line(hub_state: HubState, tmp_path: Path,
                                                                           monkeypatch, kind: str) -> None:
    """spawn_settings copied nothing from a templates folder that was not there, silently: the server started with
    nothing to serve."""
    from tornado.web import HTTPError

    templates = tmp_path / "templates"
    if kind == "empty":
        templates.mkdir()
        (templates / "README.md").write_text("not a notebook\n")
    said = "does not exist" if kind == "missing" else "holds no notebooks (*.ipynb)"
    with pytest.raises(InputError, match=re.escape(f"notebook templates folder {templates} {said}; set "
                                                   "WORKBOOK_HUB_TEMPLATES to the workbook's notebooks folder")):
        spawn_settings(hub_state, "noor", templates)
    assert not list(hub_state.notebooks("noor").glob("*.ipynb"))
    monkeypatch.setenv("WORKBOOK_HUB_TEMPLATES", str(templates))
    c = _run_config(monkeypatch, hub_state)
    with pytest.raises(HTTPError) as refused:
        c.Spawner.pre_spawn_hook(_spawner("noor"))  # type: ignore[attr-defined]
    line = str(refused.value.log_message)
    assert "\n" not in line and line.startswith("workbook: not starting noor's server: the hub's notebook templates "
                                                f"folder {templates} {said}; set WORKBOOK_HUB_TEMPLATES"), line
