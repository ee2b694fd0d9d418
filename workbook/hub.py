"""JupyterHub for an organisation workbook: each hub user is a workbook user with their own database login, landing where their role works.

deploy/jupyterhub/jupyterhub_config.py calls :func:`spawn_settings` from its ``pre_spawn_hook``. The hub
keeps a state folder (``WORKBOOK_HUB_STATE``); for each user it holds their own pgpass-style file (0600,
written when the user was added, never a shared superuser's password) and the working copies of the
notebooks their single-user server serves. A report lands on their own page in app mode (Voila); a manager
or an HR partner in JupyterLab on the home page. `workbook hub demo` (``make hub``) builds all of it for the
demo organisation on a local PostgreSQL and runs the hub on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .core import clock
from .core.clock import TODAY_VARIABLE
from .core.errors import InputError, StoreError
from .core.paths import HOME_NOTEBOOK, MY_PAGE, NOTEBOOKS_DIR, PROJECT_ROOT, TEMPLATES_DIR

if TYPE_CHECKING:
    from .store import Keyring, NewUser, Store
    from .store.keys import KeyFile

__all__ = ["MY_PAGE", "Landing", "HubState", "Adopted", "add_hub_user", "add_existing_hub_user", "existing_user_fix", "landing_of", "check_templates", "spawn_settings", "find_proxy", "build_demo_hub", "HUB_CONFIG",
           "DEMO_HUB_USERS", "hub_command"]

HUB_CONFIG = PROJECT_ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
Landing = Literal["report", "manager", "hr"]
# the demo organisation's hub users: (hub and workbook user name, person id or None for HR)
DEMO_HUB_USERS = (("sam", "sam"), ("maya", "maya"), ("kofi", "kofi"), ("noor", "noor"), ("priya", "priya"),
                  ("amara", "amara"), ("hr", None))


@dataclass(frozen=True)
class HubState:
    """The hub's state folder: per user their credentials and notebooks, and ``users.json`` (name -> URL,
    no password)."""

    folder: Path

    def user_dir(self, name: str) -> Path:
        return self.folder / "users" / name

    def pgpass(self, name: str) -> Path:
        return self.user_dir(name) / "pgpass"

    def notebooks(self, name: str) -> Path:
        return self.user_dir(name) / "notebooks"

    @property
    def users_file(self) -> Path:
        return self.folder / "users.json"

    def users(self) -> dict[str, str]:
        """Hub user name -> their database URL (their own login role; the password is in their pgpass)."""
        if not self.users_file.is_file():
            return {}
        return dict(json.loads(self.users_file.read_text(encoding="utf-8")))

    def keys(self, name: str) -> Path:
        """The user's own private-note keys folder (issue 16): in their own config folder, as their server sees it."""
        return self.user_dir(name) / "config" / "workbook" / "keys"

    def register(self, name: str, url: str, role: str, database: str, password: str) -> None:
        """Record hub user ``name`` as the workbook user logging in as ``role`` at ``url``; their password goes
        to their own pgpass file (0600 in a 0700 folder), never into ``users.json``. They get their own
        private-note key in their own keys folder, and the private notes they wrote are sealed with it (by
        opening the workbook as them: the first open with a key)."""
        from .core.fileio import ensure_private_dir, write_text_atomic
        from .store import Keyring, NewUser, Store, write_credentials

        ensure_private_dir(self.folder, "users", name)
        write_credentials(NewUser(name=name, role=role, password=password, url=url, person=None, hr=False,
                                  database=database), self.pgpass(name))
        ring = Keyring(self.keys(name))
        if ring.current(name) is None:
            ring.create(name)
        with Store(_with_passfile(url, self.pgpass(name)), keyring=ring):
            pass
        users = self.users()
        users[name] = url
        write_text_atomic(self.users_file, json.dumps(users, indent=1, sort_keys=True) + "\n", private=True)

    def refuse_hub_user(self, name: str, fix: str) -> None:
        """InputError, one line ending in ``fix``, when ``name`` is a hub user already."""
        if name in self.users():
            raise InputError(f"{name!r} is a hub user already (in {self.users_file}); {fix}")

    def register_existing(self, user: NewUser, keys: KeyFile | None) -> Adopted:
        """Make ``user``, a workbook user who exists already and was just given a new password
        (:meth:`~workbook.store.users.UsersStore.reset_password`), a hub user: the password to their own pgpass
        file, the keys of ``keys`` (their key file from where they used the workbook) into their keys folder
        (0600 in a 0700 folder; without ``keys`` a new key, as :meth:`register` makes one), then the workbook
        opened as them (their clear private notes get sealed) and they go into ``users.json``. All or nothing: on
        any failure the files this made go again and they are not a hub user (only a key an open as them may
        have sealed notes with stays, as :meth:`unregister` leaves keys). Raises InputError (a hub user already),
        KeyProblem (``keys`` open none of the private notes they sealed), what opening the workbook raises."""
        from .core.fileio import ensure_private_dir, write_text_atomic
        from .store import Keyring, write_credentials

        name = user.name
        self.refuse_hub_user(name, f"give them their key with `workbook hub add-key {name} FILE`")
        new_dir = not self.user_dir(name).is_dir()
        pgpass_made = not self.pgpass(name).exists()
        ring = Keyring(self.keys(name))
        before = _pointer_of(ring, name)
        made: list[Path] = []
        opened = False
        try:
            ensure_private_dir(self.folder, "users", name)
            write_credentials(user, self.pgpass(name))
            url = _with_passfile(user.url, self.pgpass(name))
            if keys is not None:
                made += self._take_keys(name, url, keys, ring)
            elif ring.current(name) is None:
                made.append(ring.folder / f"{ring.create(name).id}.key")
            opened = True
            missing, unreadable, sealed = _open_as(url, ring)
            users = self.users()
            users[name] = user.url
            write_text_atomic(self.users_file, json.dumps(users, indent=1, sort_keys=True) + "\n", private=True)
        except BaseException:
            if pgpass_made:
                self.pgpass(name).unlink(missing_ok=True)
            if not opened:
                _undo_keys(ring, name, made, before)
                if new_dir:
                    shutil.rmtree(self.user_dir(name), ignore_errors=True)
            raise
        return Adopted(name=name, keys=ring.folder, taken=sorted(keys.ids) if keys else [],
                       current=ring.current_id(name) or "", missing=missing, unreadable=unreadable, sealed=sealed,
                       role=user.role, database=user.database)

    def add_keys(self, name: str, keys: KeyFile) -> Adopted:
        """Put hub user ``name``'s keys ``keys`` (their key file from where they used the workbook before the hub)
        into their keys folder, so the private notes sealed with them open on the hub. Raises InputError (not a
        hub user), KeyProblem (the keys open none of the private notes they sealed; nothing written)."""
        from .store import Keyring

        url = self.users().get(name)
        if url is None:
            raise InputError(f"{name!r} is not a hub user in {self.folder}; give a workbook user a hub login with "
                             f"`workbook hub add-user {name} --existing --key-file FILE`")
        ring = Keyring(self.keys(name))
        passfile_url = _with_passfile(url, self.pgpass(name))
        self._take_keys(name, passfile_url, keys, ring)
        missing, unreadable, _ = _open_as(passfile_url, ring)
        return Adopted(name=name, keys=ring.folder, taken=sorted(keys.ids), current=ring.current_id(name) or "",
                       missing=missing, unreadable=unreadable, sealed=0)

    @staticmethod
    def _take_keys(name: str, url: str, keys: KeyFile, ring: Keyring) -> list[Path]:
        """Check ``keys`` against the private notes ``name`` sealed (read as them at ``url`` with no key, so the
        check seals nothing), then keep each in ``ring``'s folder (0600, the folder 0700); the file's current key
        becomes theirs when they have none or it seals notes. Returns the key files made. KeyProblem, nothing
        written, for keys that open none of their sealed notes."""
        import tempfile

        from .store import Keyring, Store
        from .store.keys import refuse_wrong_key

        with tempfile.TemporaryDirectory(prefix="workbook-keycheck-") as empty, \
                Store(url, keyring=Keyring(Path(empty), search=[])) as as_user:
            used = as_user.key_ids_in_use()
        refuse_wrong_key(keys, used, name)
        before = _pointer_of(ring, name)
        made = [ring.folder / f"{kid}.key" for kid in sorted(keys.ids) if not (ring.folder / f"{kid}.key").exists()]
        try:
            for entry in keys.entries:
                ring.store_json(entry, str(keys.path))
            if before is None or keys.current in used:
                ring.set_current(name, keys.current)
        except BaseException:
            _undo_keys(ring, name, made, before)
            raise
        return made

    def unregister(self, name: str) -> list[Path]:
        """Take hub user ``name`` out (someone who left): out of ``users.json``, so the hub starts no server for
        them from now on (a running hub included: every spawn reads it), and their credentials file and notebook
        copies go. Their keys folder stays: the private notes they wrote are sealed with it, and it is the only
        copy. Returns what was removed (nothing when they were not a hub user)."""
        from .core.fileio import write_text_atomic

        users = self.users()
        removed: list[Path] = []
        if name in users:
            del users[name]
            write_text_atomic(self.users_file, json.dumps(users, indent=1, sort_keys=True) + "\n", private=True)
            removed.append(self.users_file)
        for path in (self.pgpass(name), self.notebooks(name)):
            if path.is_dir():
                shutil.rmtree(path)
                removed.append(path)
            elif path.exists():
                path.unlink()
                removed.append(path)
        return removed


def _with_passfile(url: str, passfile: Path) -> str:
    from .store.backend import parse_url

    parsed = parse_url(url)
    return parsed.update_query_dict({"passfile": str(passfile)}).render_as_string(hide_password=False)


@dataclass(frozen=True)
class Adopted:
    """What giving an existing workbook user a hub login (or a hub user their key) did: their keys folder on
    the hub, the key ids taken from their key file, their current key, the keys their sealed private notes name
    that are still not there and how many notes those seal, how many clear notes the first open sealed."""

    name: str
    keys: Path
    taken: list[str]
    current: str
    missing: list[str]
    unreadable: int
    sealed: int
    role: str = ""
    database: str = ""


def existing_user_fix(name: str) -> str:
    """How to give workbook user ``name``, who used the workbook before the hub, a hub login with their key."""
    return (f"give them a hub login with `workbook hub add-user {name} --existing --key-file FILE` (FILE: their "
            "private-note key, `workbook key export FILE` where they used the workbook)")


def add_hub_user(state: HubState, store: Store, name: str, *, person: str | None, hr: bool) -> NewUser:
    """Make ``name`` a new workbook user (their own database login, :meth:`UsersStore.add_user`) and a hub user
    (:meth:`HubState.register`), or neither. Raises InputError naming `--existing` for a name that is a workbook
    user already, and what those two raise."""
    if (known := store.find_user(name)) is not None:
        state.refuse_hub_user(name, "nothing to add")
        raise InputError(f"{name!r} is a workbook user already ({_who(known)}); {existing_user_fix(name)}")
    if person is not None and (theirs := store.logins_of(person)):
        raise InputError(f"person {person} is workbook user {theirs[0]!r} already (one user per person; the hub login "
                         f"is the user's name); {existing_user_fix(theirs[0])}")
    with store.add_user_and_hand_over(name, person=person, hr=hr) as user:
        state.register(user.name, user.url, user.role, user.database, user.password)
    return user


def add_existing_hub_user(state: HubState, store: Store, name: str, *, key_file: Path | None,
                          person: str | None = None, hr: bool = False) -> Adopted:
    """Give ``name``, a workbook user already (who used it from the command line, say), a hub login: a new
    database password handed to the hub, and their private-note key from ``key_file`` (a file `workbook key
    export` wrote, or their ``<id>.key``) in their keys folder on the hub, so the private notes they sealed
    with it open there; without ``key_file`` a new key (the notes sealed with the old one stay unreadable on
    the hub until `workbook hub add-key` gives it). ``person``/``hr``, when given, must be what the user is.
    Everything that can be checked is checked before anything is written: a hub user already, an unknown
    user, a key file that is not theirs, damaged or the wrong key (InputError, KeyProblem). All or nothing on
    the hub's side (:meth:`HubState.register_existing`); a failure after the new password was set says so."""
    from .core.errors import WorkbookError
    from .core.fileio import file_fault_message
    from .store.keys import read_key_file, refuse_wrong_key

    state.refuse_hub_user(name, f"give them their key with `workbook hub add-key {name} FILE`")
    user = store.find_user(name)
    if user is None:
        raise InputError(f"no workbook user {name!r} to give a hub login (`workbook user list` shows them); leave "
                         f"--existing out to make a new one: `workbook hub add-user {name} --person ID`")
    if (person is not None and person != user.person) or (hr and not user.hr):
        raise InputError(f"user {name} is {_who(user)}, not {'HR' if hr else 'person ' + str(person)}; leave "
                         "--person and --hr out with --existing (the user says who they are)")
    keys = None
    if key_file is not None:
        if user.person is None:
            raise InputError(f"user {name} is HR and has no private-note key; leave --key-file out")
        keys = read_key_file(key_file, name)
        used = store.sealing_key_ids_of(name)
        if used is not None:
            refuse_wrong_key(keys, used, name)
    fresh = store.reset_password(name)
    try:
        return state.register_existing(fresh, keys)
    except (WorkbookError, OSError) as exc:
        what = file_fault_message(exc, exc.filename) if isinstance(exc, OSError) and exc.filename else str(exc)
        raise StoreError(f"{what}; nothing was added to the hub, but {name}'s database password is new (the one "
                         "they had no longer works): fix that and run the command again") from exc


def _open_as(url: str, ring: Keyring) -> tuple[list[str], int, int]:
    """Open the workbook as a hub user with their keys folder ``ring`` (their clear private notes get sealed): the
    keys their sealed notes still need, how many notes those seal, how many clear notes the open sealed."""
    from .store import Store

    with Store(url, keyring=ring) as as_user:
        missing = as_user.missing_key_ids()
        return missing, as_user.count_sealed_with(set(missing)), as_user.sealed_on_open


def _who(user: NewUser) -> str:
    return "HR" if user.hr else f"person {user.person}"


def _pointer_of(ring: Keyring, name: str) -> str | None:
    """What ``name``'s current-key pointer in ``ring``'s folder says now (None: no pointer)."""
    pointer = ring.folder / f"{name}.current"
    return pointer.read_text(encoding="utf-8") if pointer.is_file() else None


def _undo_keys(ring: Keyring, name: str, made: list[Path], pointer: str | None) -> None:
    """Take away the key files ``made`` and put ``name``'s pointer back as it was (``pointer``; None: none)."""
    from .core.fileio import write_text_atomic

    for path in made:
        path.unlink(missing_ok=True)
    current = ring.folder / f"{name}.current"
    if pointer is None:
        current.unlink(missing_ok=True)
    elif _pointer_of(ring, name) != pointer:
        write_text_atomic(current, pointer, private=True)


def landing_of(url: str, passfile: Path) -> Landing:
    """Where the user of ``url`` lands: HR and anyone with reports in JupyterLab, a report on their page.
    Asked as the user themselves (their own login), so the answer is what the database says they are."""
    from .store import Store

    with Store(_with_passfile(url, passfile), create=False) as store:
        actor = store.actor()
        if actor.hr:
            return "hr"
        if actor.person is None:
            raise StoreError(f"{url} logs in as {actor.describe()}, who is not a user of this workbook; "
                             "add them with `workbook user add`")
        has_reports = any(m == actor.person for m in store.managers().values())
    return "manager" if has_reports else "report"


def check_templates(templates: Path) -> list[Path]:
    """The notebooks in the hub's ``templates`` folder (``WORKBOOK_HUB_TEMPLATES``), sorted. Raises InputError naming
    the folder and the fix when it does not exist or holds no notebook, or lacks the report's page."""
    folder = Path(templates)
    fix = (f"set WORKBOOK_HUB_TEMPLATES to the workbook's notebooks folder (an absolute path, e.g. {NOTEBOOKS_DIR}) "
           "and restart the hub")
    if not folder.is_dir():
        raise InputError(f"the hub's notebook templates folder {folder} does not exist; {fix}")
    notebooks = sorted(folder.glob("*.ipynb"))
    if not notebooks:
        raise InputError(f"the hub's notebook templates folder {folder} holds no notebooks (*.ipynb); {fix}")
    if not (folder / MY_PAGE).is_file():
        raise InputError(f"the hub's notebook templates folder {folder} has no {MY_PAGE} (the report's page); {fix}")
    return notebooks


def spawn_settings(state: HubState, name: str, templates: Path = NOTEBOOKS_DIR) -> dict[str, object]:
    """What user ``name``'s single-user server gets: its environment (their own database URL and credentials
    file, their own config folders), the folder it serves (fresh copies of the notebooks) and where they
    land. Raises InputError for a hub user who is not a workbook user, and for a ``templates`` folder that does
    not exist or holds no notebooks (the server would start with nothing to serve: a report's page a 404)."""
    from .core.fileio import ensure_private_dir, write_bytes_atomic

    url = state.users().get(name)
    if url is None:
        raise InputError(f"hub user {name!r} is not a workbook user; add them with `workbook hub add-user`")
    notebooks = check_templates(templates)
    passfile = state.pgpass(name)
    kind = landing_of(url, passfile)
    folder = ensure_private_dir(state.user_dir(name), "notebooks")
    for src in notebooks:  # refreshed each start: the data is in the database
        write_bytes_atomic(folder / src.name, src.read_bytes(), private=True)
    home = state.user_dir(name)
    # no "Jupyter news" pop-up over the home page: the hub's users are not here to follow Jupyter's news
    news = ensure_private_dir(home, "lab-settings", "@jupyterlab", "apputils-extension")
    write_bytes_atomic(news / "notification.jupyterlab-settings",
                       b'{"checkForUpdates": false, "fetchNews": "false"}\n', private=True)
    env = {"WORKBOOK_DB": url, "PGPASSFILE": str(passfile), "WORKBOOK_KEYS": str(state.keys(name)),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_STATE_HOME": str(home / "state"), "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces"), "WORKBOOK_HUB_LANDING": kind,
           # where Voila finds the `workbook` template (the lab one with no stylesheet from a CDN; the config's
           # --VoilaConfiguration.template names it)
           "JUPYTER_PATH": str(TEMPLATES_DIR)}
    if os.environ.get(TODAY_VARIABLE):  # a hub run as of a day (a rehearsal, the tests) runs its users' servers so too
        env[TODAY_VARIABLE] = os.environ[TODAY_VARIABLE]
    default_url = f"/voila/render/{MY_PAGE}" if kind == "report" else f"/lab/tree/{HOME_NOTEBOOK}"
    return {"environment": env, "notebook_dir": str(folder), "default_url": default_url, "landing": kind}


def find_proxy() -> str | None:
    """configurable-http-proxy: on PATH (``npm install -g``), else the copy `make hub` installs in .venv/node."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    local = Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else None


def build_demo_hub(state: HubState, owner_url: str, password: str) -> dict[str, str]:
    """Write the demo organisation into the empty database at ``owner_url`` and make each of
    :data:`DEMO_HUB_USERS` a workbook user (their own login role) and a hub user. ``password`` is the hub
    login password for the demo's SharedPasswordAuthenticator (never a database password). Returns name -> landing."""
    from .demo.org import build_demo_org
    from .store import Store

    with Store(owner_url) as owner:
        if not owner.people():
            build_demo_org(owner)
        known = set(owner.users_frame()["name"])
        made = []
        for name, person in DEMO_HUB_USERS:
            if name in known:
                continue
            made.append(owner.add_user(name, person=person, hr=person is None))
    for user in made:
        state.register(user.name, user.url, user.role, user.database, user.password)
    state.folder.joinpath("demo-password").write_text(password + "\n", encoding="utf-8")
    os.chmod(state.folder / "demo-password", 0o600)
    return {name: landing_of(url, state.pgpass(name)) for name, url in state.users().items()}


def hub_command(state: HubState, port: int, *, authenticator: str = "shared",
                internal_ports: tuple[int, int] | None = None) -> tuple[list[str], dict[str, str]]:
    """The JupyterHub command line and environment for deploy/jupyterhub/jupyterhub_config.py on 127.0.0.1
    (``internal_ports``: the hub's own API port and the proxy's API port; default the two after ``port``)."""
    env = dict(os.environ)
    if internal_ports is not None:
        env["WORKBOOK_HUB_INTERNAL_PORT"], env["WORKBOOK_HUB_PROXY_API_PORT"] = map(str, internal_ports)
    env.update({"WORKBOOK_HUB_STATE": str(state.folder), "WORKBOOK_HUB_PORT": str(port),
                "WORKBOOK_HUB_AUTH": authenticator, "WORKBOOK_HUB_TEMPLATES": str(NOTEBOOKS_DIR)})
    proxy = find_proxy()
    if proxy is None:
        raise StoreError("configurable-http-proxy is not installed; run `make hub` (it installs it with npm) "
                         "or `npm install -g configurable-http-proxy`")
    env["WORKBOOK_HUB_PROXY"] = proxy
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return [sys.executable, "-m", "jupyterhub", "-f", str(HUB_CONFIG)], env


def run_hub(state: HubState, port: int, *, authenticator: str = "shared") -> int:
    """Run the hub until interrupted; returns its exit code. Raises InputError, before anything starts, when
    :data:`TODAY_VARIABLE` is not a day (the hub hands it on to every user's server)."""
    clock.today()
    cmd, env = hub_command(state, port, authenticator=authenticator)
    try:
        return subprocess.call(cmd, env=env, cwd=state.folder)
    except KeyboardInterrupt:
        return 130
