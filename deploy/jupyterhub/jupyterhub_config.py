"""JupyterHub configuration for an organisation workbook: each hub user is a workbook user with their own database login.

Read by ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` (``make hub`` and ``workbook hub demo`` run it
for you). Settings come from the environment, so the same file serves a laptop demo and a server:

* ``WORKBOOK_HUB_STATE``: the hub's state folder: per user their own pgpass-style credentials (0600) and the
  notebooks their server serves; ``users.json`` lists the hub users (``workbook hub add-user``);
* ``WORKBOOK_HUB_PORT`` (8000), ``WORKBOOK_HUB_IP`` (127.0.0.1): where the hub listens;
* ``WORKBOOK_HUB_AUTH``: ``native`` (default; NativeAuthenticator: users sign up, an admin approves; only
  workbook users may), ``shared`` (the local demo and the tests: SharedPasswordAuthenticator, one password, 127.0.0.1 only) or
  ``oauth`` (GenericOAuthenticator for single sign-on; see README.md);
* ``WORKBOOK_HUB_PROXY``: the configurable-http-proxy program;
* ``WORKBOOK_HUB_TEMPLATES``: the notebooks each user's server gets (default: the installed workbook's notebooks
  folder, whichever folder the hub is started from).

Where each user lands and which credentials their server gets is decided by :func:`workbook.hub.spawn_settings`
in the ``pre_spawn_hook``, asking the database as the user themselves: a report on their own page in app mode
(Voila), a manager or an HR partner in JupyterLab on the home page.
"""

import json
import os
import sys
from pathlib import Path

from workbook.core.errors import WorkbookError
from workbook.core.paths import NOTEBOOKS_DIR
from workbook.hub import HubState, spawn_settings

c = get_config()  # noqa: F821  (JupyterHub provides it)

state = HubState(Path(os.environ.get("WORKBOOK_HUB_STATE", "hub-state")).resolve())
# the notebooks each user's server gets: the installed workbook's own (an absolute path, whatever folder the hub is
# started from); a relative WORKBOOK_HUB_TEMPLATES is taken from the folder the hub starts in
templates = Path(os.environ.get("WORKBOOK_HUB_TEMPLATES") or NOTEBOOKS_DIR).resolve()
state.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
ip = os.environ.get("WORKBOOK_HUB_IP", "127.0.0.1")
port = int(os.environ.get("WORKBOOK_HUB_PORT", "8000"))

# -- where the hub listens, and its own state (never in the repository) ------------------------------------------
c.JupyterHub.bind_url = f"http://{ip}:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("WORKBOOK_HUB_INTERNAL_PORT", "0")) or port + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(os.environ.get('WORKBOOK_HUB_PROXY_API_PORT', '0')) or port + 2}"
c.ConfigurableHTTPProxy.pid_file = str(state.folder / "proxy.pid")
if os.environ.get("WORKBOOK_HUB_PROXY"):
    c.ConfigurableHTTPProxy.command = [os.environ["WORKBOOK_HUB_PROXY"]]
c.JupyterHub.db_url = f"sqlite:///{state.folder / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state.folder / "jupyterhub_cookie_secret")
c.JupyterHub.log_level = os.environ.get("WORKBOOK_HUB_LOG_LEVEL", "INFO")

# -- who may log in: the workbook's users, and nobody else -------------------------------------------------------
auth = os.environ.get("WORKBOOK_HUB_AUTH", "native")
users = set(state.users())
c.Authenticator.allowed_users = users
c.Authenticator.admin_users = {u for u in os.environ.get("WORKBOOK_HUB_ADMINS", "").split(",") if u}
if auth == "shared":  # a local demo or a test on 127.0.0.1: one shared password (demo-password in the state folder)
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = (state.folder / "demo-password").read_text().strip()
elif auth == "native":  # a small organisation's own user list: people sign up, an admin approves them
    c.JupyterHub.authenticator_class = "native"
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.minimum_password_length = 10
    c.NativeAuthenticator.allowed_failed_logins = 5
elif auth == "oauth":  # single sign-on through the organisation's OIDC provider (README.md: the settings)
    c.JupyterHub.authenticator_class = "generic-oauth"
    c.GenericOAuthenticator.client_id = os.environ.get("OAUTH_CLIENT_ID", "")
    c.GenericOAuthenticator.client_secret = os.environ.get("OAUTH_CLIENT_SECRET", "")
    c.GenericOAuthenticator.oauth_callback_url = os.environ.get("OAUTH_CALLBACK_URL", "")
    c.GenericOAuthenticator.authorize_url = os.environ.get("OAUTH_AUTHORIZE_URL", "")
    c.GenericOAuthenticator.token_url = os.environ.get("OAUTH_TOKEN_URL", "")
    c.GenericOAuthenticator.userdata_url = os.environ.get("OAUTH_USERDATA_URL", "")
    c.GenericOAuthenticator.scope = ["openid", "profile", "email"]
    c.GenericOAuthenticator.username_claim = os.environ.get("OAUTH_USERNAME_CLAIM", "preferred_username")
    c.GenericOAuthenticator.allowed_users = users
else:
    raise SystemExit(f"WORKBOOK_HUB_AUTH={auth!r}: use native, shared or oauth")

# -- each user's server: their own credentials, their own notebooks, their landing page ------------------------
c.JupyterHub.spawner_class = os.environ.get("WORKBOOK_HUB_SPAWNER", "simple")
c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
c.Spawner.args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
c.Spawner.args += ["--ServerApp.ip=127.0.0.1", "--VoilaConfiguration.show_tracebacks=False",
                   "--VoilaConfiguration.strip_sources=True", "--VoilaConfiguration.template=workbook",
                   # a terminal keeps the server's environment (their own WORKBOOK_DB and PGPASSFILE, the venv's
                   # PATH): a login shell would reset it from /etc/profile
                   '--ServerApp.terminado_settings={"shell_command": ["/bin/bash"]}']
# the local spawner starts each server (and its terminals) in the user's own notebooks folder
c.SimpleLocalProcessSpawner.home_dir_template = str(state.folder / "users" / "{username}" / "notebooks")
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV"]


def pre_spawn_hook(spawner):
    """The user's own database URL and credentials file, their notebooks, and where they land. A workbook error (no
    such workbook user, no notebooks to serve) refuses the spawn with one log line naming the fix, no traceback."""
    try:
        settings = spawn_settings(state, spawner.user.name, templates)
    except WorkbookError as exc:
        message = f"workbook: not starting {spawner.user.name}'s server: {exc}"
        try:  # JupyterHub logs a SpawnException (or an HTTPError) as one line, without a traceback
            from jupyterhub.spawner import SpawnException
        except ImportError:
            from tornado.web import HTTPError

            raise HTTPError(500, message) from None
        raise SpawnException(message, reason="workbook") from None
    spawner.environment.update(settings["environment"])
    spawner.notebook_dir = settings["notebook_dir"]
    spawner.default_url = settings["default_url"]
    spawner.log.info("workbook: %s lands as a %s on %s", spawner.user.name, settings["landing"],
                     settings["default_url"])


c.Spawner.pre_spawn_hook = pre_spawn_hook
c.JupyterHub.load_roles = []  # users reach their own server only (JupyterHub's default "user" role)
if os.environ.get("WORKBOOK_HUB_DEBUG_CONFIG"):
    print(json.dumps({"users": sorted(users), "auth": auth, "port": port}), file=sys.stderr)
