"""Running a server process (JupyterLab, Voila) in the foreground until it stops, however it is stopped."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Sequence
from typing import Any

__all__ = ["run_server"]


def run_server(cmd: Sequence[str], **popen: Any) -> int:
    """Run ``cmd`` until it exits and return its exit code. Ctrl-C and a ``kill`` (SIGTERM) of this process
    both stop the server the same way: it is sent SIGTERM (JupyterLab and Voila then stop their kernels), given
    15 s, then killed. Before, a SIGTERM to `workbook lab` ended this process alone and left JupyterLab and
    its kernels running with no parent."""
    proc = subprocess.Popen(list(cmd), **popen)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            return proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
