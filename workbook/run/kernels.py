"""Start Jupyter kernels for batch runs quickly and privately: IPC sockets of their own, forked from
one pre-warmed process.

A kernel spends most of its start-up importing (ipykernel, debugpy, pandas, matplotlib, the workbook).
The *kernel fork server* is one helper process that imports all of that once and forks a fresh
ipykernel per request, so each notebook still gets its own kernel process (papermill runs once per
notebook) without paying the imports again. Kernels talk over IPC sockets in a private temp folder.
``WORKBOOK_FORK_KERNELS=0`` turns forking off; then kernels start the ordinary way, over IPC.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Literal

from ..core.paths import LADDERS_DIR, PROJECT_ROOT

__all__ = ["KernelForkServer", "Transport", "fork_kernel_manager_class", "ipc_kernel_manager_class", "want_fork_server",
           "kill_live_kernels", "live_kernels"]

Transport = Literal["ipc", "tcp"]

# Kernels this process started and has not shut down yet (pid -> None). A kernel is the leader of its
# own process group (its own session), so cancelling a batch kills exactly these groups.
_LIVE: dict[int, None] = {}
_LIVE_LOCK = threading.Lock()


def _track(pid: int | None, alive: bool) -> None:
    if pid is None:
        return
    with _LIVE_LOCK:
        if alive:
            _LIVE[pid] = None
        else:
            _LIVE.pop(pid, None)


def live_kernels() -> list[int]:
    """The pids of the kernels this process started that are still running."""
    with _LIVE_LOCK:
        return list(_LIVE)


def kill_live_kernels() -> int:
    """Kill every kernel this process started (and its children: each is its own process group), so
    that the papermill runs waiting on them end at once; returns how many were signalled."""
    import signal

    killed = 0
    for pid in live_kernels():
        try:
            os.killpg(pid, signal.SIGKILL)
            killed += 1
        except (ProcessLookupError, PermissionError):
            pass
        except OSError:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
    return killed


def _tracking(base: Any) -> Any:
    """``base`` (a jupyter_client kernel manager class) that registers its kernel while it runs."""

    class Tracked(base):  # type: ignore[misc, valid-type]
        async def _async_pre_start_kernel(self, **kw: Any) -> Any:
            # a batch's kernel never holds a private-note key (issue 16): its outputs stay shareable-safe
            from ..store.keys import NO_KEYS_ENV

            kw["env"] = {**(kw.get("env") or os.environ), NO_KEYS_ENV: "1"}
            return await super()._async_pre_start_kernel(**kw)

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            _track(getattr(self.provisioner, "pid", None), True)

        async def _async_shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
            pid = getattr(self.provisioner, "pid", None)
            try:
                await super()._async_shutdown_kernel(now=now, restart=restart)
            finally:
                _track(pid, False)

    Tracked.__name__ = base.__name__
    return Tracked


def ipc_kernel_manager_class(transport: Transport = "ipc") -> type | None:
    """A kernel manager class that starts kernels over IPC, each with its own socket files in the
    private Jupyter runtime folder (jupyter_client's default IPC path is the same relative name for
    every kernel, so two kernels started at once would talk over each other's sockets)."""
    if transport == "tcp" or os.name == "nt":  # no Unix sockets on Windows
        from jupyter_client.manager import AsyncKernelManager as Plain

        return _tracking(Plain)
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.paths import jupyter_runtime_dir
    from traitlets import CaselessStrEnum, default

    class IPCKernelManager(_tracking(AsyncKernelManager)):  # type: ignore[misc]
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _unique_ipc_path(self) -> str:
            runtime = jupyter_runtime_dir()
            os.makedirs(runtime, mode=0o700, exist_ok=True)
            return os.path.join(runtime, f"wb-{uuid.uuid4().hex[:12]}-ipc")

    return IPCKernelManager


# --------------------------------------------------------------------------------------------------
# Kernel fork server

# What the workbook's kernels import; the fork server imports it once.
_PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",  # imports debugpy: 0.7 s of a kernel's start
    "debugpy.server",
    "IPython.display",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.oinspect",
    "IPython.core.logger",
    "IPython.extensions.storemagic",
    "tornado.platform.asyncio",
    "sqlite3",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.colors",
    "matplotlib.patches",
    "matplotlib.backends.backend_agg",
    "sqlalchemy",
    "sqlalchemy.dialects.sqlite",
    "pydantic",
    "workbook.store",
    "workbook.notebook",
    "workbook.stages.team",
    "workbook.coaching.ladders",
    "workbook.render.summary",
    "workbook.render.team_overview",
)


def _serve_kernels() -> None:  # pragma: no cover - runs in the fork server process
    """The fork server's main loop: import once, then fork one fresh ipykernel per request.

    Protocol on stdin/stdout, one JSON object a line: the server says ``{"ready": pid}``; each request
    ``{"args": [...], "cwd": ..., "env": {...}}`` is answered with ``{"pid": n}``. Stdin closing ends it.
    """
    import importlib
    import signal

    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    requests, replies = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    for name in _PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module missing here is imported by the kernel itself
            pass
    _warm_matplotlib()
    try:
        from ..coaching.ladders import preload_ladders

        preload_ladders(sorted(LADDERS_DIR.glob("*.csv")))
    except Exception:  # noqa: BLE001 - a kernel loads its ladder itself
        pass
    import gc

    gc.collect()
    gc.freeze()  # a kernel's garbage collector then leaves the shared heap alone: fewer copy-on-write faults
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system: no zombies
    replies.write(json.dumps({"ready": os.getpid()}).encode() + b"\n")
    replies.flush()
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become_kernel(request)  # never returns
        replies.write(json.dumps({"pid": pid}).encode() + b"\n")
        replies.flush()


def _warm_matplotlib() -> None:  # pragma: no cover - fork server
    try:
        import io

        from matplotlib.figure import Figure

        fig = Figure(figsize=(2, 1))
        ax = fig.add_subplot()
        ax.barh([0], [1])
        ax.set_title("warm", loc="left")
        fig.savefig(io.BytesIO(), format="png", dpi=50)
    except Exception:  # noqa: BLE001
        pass


def _become_kernel(request: dict[str, Any]) -> None:  # pragma: no cover - runs in a forked child
    import random
    import signal

    code = 0
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()  # its own process group: interrupts and kills reach the kernel and its children
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        log = (request.get("env") or {}).get("WORKBOOK_KERNEL_STDERR")
        if log:  # for debugging a kernel that dies at start
            os.dup2(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), 2)
        random.seed()
        os.chdir(request.get("cwd") or os.getcwd())
        os.environ.clear()
        os.environ.update(request.get("env") or {})
        args = [*request["args"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        sys.argv = ["ipykernel_launcher", *args]
        from ipykernel import kernelapp

        kernelapp.IPKernelApp.launch_instance(argv=args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:  # noqa: BLE001
        import traceback

        traceback.print_exc(file=sys.__stderr__)  # to /dev/null, or WORKBOOK_KERNEL_STDERR
        code = 1
    finally:
        os._exit(code)


class KernelForkServer:
    """Starts the fork server process and asks it for kernels (thread-safe)."""

    def __init__(self) -> None:
        import subprocess
        import tempfile

        self.ipc_dir = tempfile.mkdtemp(prefix="wbk-")
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "MPLBACKEND": "agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        self._proc = subprocess.Popen(
            [sys.executable, "-c", "from workbook.run.kernels import _serve_kernels; _serve_kernels()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
            stderr=None if os.environ.get("WORKBOOK_KERNEL_STDERR") else subprocess.DEVNULL,
            cwd=str(PROJECT_ROOT), start_new_session=True)  # a terminal's Ctrl-C reaches the batch, not this helper
        self._lock = threading.Lock()
        self._ready: bool | None = None
        self.pid: int | None = None

    def _read(self, timeout: float) -> dict[str, Any] | None:
        import select

        assert self._proc.stdout is not None
        ready, _, _ = select.select([self._proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self._proc.stdout.readline()
        return json.loads(line) if line else None

    def fork(self, args: list[str], cwd: str | None, env: dict[str, str]) -> int | None:
        """A new kernel process started with ``args``; None when the server is unavailable."""
        with self._lock:
            try:
                if self._ready is None:
                    hello = self._read(timeout=120)
                    self._ready = bool(hello and "ready" in hello)
                    self.pid = hello.get("ready") if hello else None
                if not self._ready or self._proc.poll() is not None:
                    return None
                assert self._proc.stdin is not None
                self._proc.stdin.write(json.dumps({"args": args, "cwd": cwd, "env": env}).encode() + b"\n")
                self._proc.stdin.flush()
                reply = self._read(timeout=30)
                return int(reply["pid"]) if reply and "pid" in reply else None
            except (OSError, ValueError):
                self._ready = False
                return None

    def close(self) -> None:
        import shutil

        try:
            if self._ready is None:  # never asked for a kernel (everything was up to date): no need to wait
                self._proc.kill()
            if self._proc.stdin:
                self._proc.stdin.close()
            self._proc.wait(timeout=10)
        except Exception:  # noqa: BLE001
            self._proc.kill()
        finally:
            if self._proc.stdout:
                self._proc.stdout.close()
            shutil.rmtree(self.ipc_dir, ignore_errors=True)


class _ForkedProcess:
    """A Popen look-alike for a kernel forked by the fork server (not our child: we poll by signal 0)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
            except PermissionError:  # pid reused by someone else's process: ours is gone
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                import subprocess

                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        try:
            os.kill(self.pid, signum)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        import signal

        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        import signal

        self.send_signal(signal.SIGTERM)


def fork_kernel_manager_class(server: KernelForkServer) -> type:
    """An AsyncKernelManager whose kernels come from ``server`` (IPC transport); it falls back to an
    ordinary launch when the kernel command is not this Python's ipykernel or the server is down."""
    import uuid

    from jupyter_client import AsyncKernelManager
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):  # type: ignore[misc]
        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
            args = _ipykernel_args(cmd)
            pid = server.fork(args, str(kwargs.get("cwd") or os.getcwd()), dict(kwargs.get("env") or os.environ)) \
                if args is not None else None
            if pid is None:
                return await super().launch_kernel(cmd, **kwargs)
            self.process = _ForkedProcess(pid)  # type: ignore[assignment]  # Popen's interface, not its type
            self.pid = self.pgid = pid
            self.cwd = kwargs.get("cwd", Path.cwd())
            return self.connection_info

    class ForkKernelManager(_tracking(AsyncKernelManager)):  # type: ignore[misc]
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(server.ipc_dir, uuid.uuid4().hex[:12])

        async def _async_pre_start_kernel(self, **kw: Any) -> Any:
            if self.provisioner is None:  # type: ignore[has-type]
                self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))  # type: ignore[has-type]
                self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
            return await super()._async_pre_start_kernel(**kw)

    return ForkKernelManager


def _ipykernel_args(cmd: list[str]) -> list[str] | None:
    if len(cmd) >= 3 and cmd[1:3] == ["-m", "ipykernel_launcher"] and \
            os.path.realpath(cmd[0]) == os.path.realpath(sys.executable):
        return list(cmd[3:])
    return None


def want_fork_server(fast_kernels: bool | None) -> bool:
    if fast_kernels is None:
        fast_kernels = os.environ.get("WORKBOOK_FORK_KERNELS", "1") != "0"
    return bool(fast_kernels) and hasattr(os, "fork") and sys.platform.startswith("linux")


