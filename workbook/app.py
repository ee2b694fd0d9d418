"""App mode: serve the working copies of the notebooks with Voila, the home page first, on the loopback interface only.

`workbook app` copies the template notebooks next to the workbook (:mod:`workbook.workspace`) and serves
that folder. ``/`` opens the home page (``00_home.ipynb``); its links open a stage page for one person
with a query string (``01_conversation_log.ipynb?person=kim``), which Voila hands to the kernel as
``QUERY_STRING`` (read by :func:`workbook.notebook.open_stage`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .core import clock
from .core.errors import InputError
from .core.paths import HOME_NOTEBOOK, NOTEBOOKS_DIR, TEMPLATES_DIR
from .serve import run_server
from .workspace import copy_notebooks, prepare_workspace, set_notebook_parameters

__all__ = [
    "DEFAULT_PORT",
    "HOME_NOTEBOOK",
    "NOTEBOOKS_DIR",
    "set_notebook_parameters",
    "copy_notebooks",
    "voila_command",
    "voila_environment",
    "VOILA_TEMPLATE",
    "serve",
]

DEFAULT_PORT = 8866
# Voila's lab template without its two stylesheets from a CDN (templates/voila/templates/workbook): found through
# JUPYTER_PATH, which :func:`voila_environment` puts the package's templates folder on (the server process does it
# itself, so :func:`voila_command` alone serves the pages)
VOILA_TEMPLATE = "workbook"
HOST = "127.0.0.1"  # never another interface: the forms show private notes and Voila has no token
# A page's kernel is meant to stop when the page is left, but Voila's shutdown call from the closing page is refused
# (403, "'_xsrf' argument missing", voila-dashboards/voila#1458), so every page left kept its kernel (about 100 MB)
# for as long as the app ran. A kernel no page is connected to any more and idle this long is stopped instead; a
# page still open is never touched (jupyter_server's cull_connected stays False).
KERNEL_CULL_S = 600
# Voila sends no error to the browser: each becomes "There was an error when executing cell [n]. " and this. A
# WorkbookError (a workbook gone, locked or damaged) is shown as its own line instead
# (workbook.notebook.show_workbook_errors_on_the_page): this is for what the workbook did not expect.
APP_ERROR_INSTRUCTION = ("The page stopped on an error the workbook did not expect: open the same notebook with "
                         "`workbook lab` to see it.")


def voila_command(target: str | os.PathLike[str], port: int = DEFAULT_PORT, cull_after: int = KERNEL_CULL_S) -> list[str]:
    """The command line that serves ``target`` (a notebook or a folder) as an app: Voila with ``/`` sent
    to the home page when serving a folder, no code cells, the lab template, loopback only, no browser
    opened, a clear failure when the port is taken, and the kernel of a page left stopped once it has been
    idle ``cull_after`` seconds (:data:`KERNEL_CULL_S`)."""
    return [
        sys.executable,
        "-m",
        "workbook.app",
        str(target),
        "--no-browser",
        f"--port={int(port)}",
        "--Voila.port_retries=0",
        f"--Voila.ip={HOST}",
        "--strip_sources=True",
        f"--template={VOILA_TEMPLATE}",
        "--show_tracebacks=False",
        f"--VoilaExecutor.cell_error_instruction={APP_ERROR_INSTRUCTION}",  # after the error's own line on the page
        f"--MappingKernelManager.cull_idle_timeout={int(cull_after)}",
        f"--MappingKernelManager.cull_interval={max(1, min(60, int(cull_after)))}",
    ]


def voila_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with the package's templates folder first on JUPYTER_PATH,
    where Voila finds the ``workbook`` template (:data:`VOILA_TEMPLATE`)."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join([str(TEMPLATES_DIR), *([env["JUPYTER_PATH"]] if env.get("JUPYTER_PATH") else [])])
    return env


def serve(db: str | os.PathLike[str] | None = None, port: int = DEFAULT_PORT,
          templates: str | os.PathLike[str] = NOTEBOOKS_DIR) -> int:
    """Serve the notebooks for workbook ``db`` (default: :func:`workbook.store.location.choose_workbook`)
    on 127.0.0.1:``port`` until interrupted; returns Voila's exit code. The notebooks are the working
    copies beside the workbook (refreshed from ``templates``). Raises InputError when the workbook does
    not exist or lies inside the project folder, or :data:`~workbook.core.clock.TODAY_VARIABLE` is not a day."""
    from .notebook import ensure_workbook

    clock.today()  # a WORKBOOK_TODAY that is not a day: one line now, not an error on every page the app opens
    path = ensure_workbook(db)
    if not Path(templates).is_dir():
        raise InputError(f"{templates} is not a folder of notebooks; pass the project's notebooks/ folder")
    target = prepare_workspace(path, templates)
    print(f"Workbook app: http://{HOST}:{port}/  on {path}  (Ctrl-C to stop)", file=sys.stderr, flush=True)
    return run_server(voila_command(target, port))


def _run_voila() -> None:  # pragma: no cover - runs in the server process, exercised by the browser tests
    """Voila, with ``/`` redirected to the home page when the folder being served has one."""
    import tornado.web
    from jupyter_server.utils import url_path_join
    from voila.app import Voila

    os.environ.update(voila_environment())  # the `workbook` template: whoever starts this process, it is found

    class WorkbookVoila(Voila):
        def init_handlers(self) -> list:  # type: ignore[type-arg]
            handlers = super().init_handlers()
            root = Path(self.root_dir)
            if not self.notebook_path and (root / HOME_NOTEBOOK).is_file():
                home = url_path_join(self.base_url, "voila/render", HOME_NOTEBOOK)
                handlers.insert(0, (self.server_url, tornado.web.RedirectHandler, {"url": home, "permanent": False}))
            return handlers

    WorkbookVoila.launch_instance()


if __name__ == "__main__":  # pragma: no cover
    _run_voila()
