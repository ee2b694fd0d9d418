"""Find and launch a real Chromium for PDFs and browser tests, without ever downloading one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..core.errors import ExportError

__all__ = ["CHROMIUM_ARGS", "chromium_args", "find_chromium", "launch_chromium"]

# Flags that keep a headless Chromium quiet on a machine with no network but loopback: without the
# background-networking ones it keeps trying (and failing) to reach Google's hosts. The sandbox stays
# on (pages may hold text users typed); see chromium_args() for the one case that turns it off.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

_SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium() -> str | None:
    """Return the path of a system Chromium to use, or None when Playwright's own browser should be used.

    Order: ``WORKBOOK_CHROMIUM`` (must exist), then Playwright's bundled browser when installed, then a
    chromium on PATH. Raises ExportError when ``WORKBOOK_CHROMIUM`` names a missing file.
    """
    explicit = os.environ.get("WORKBOOK_CHROMIUM")
    if explicit:
        if not Path(explicit).exists():
            raise ExportError(
                f"WORKBOOK_CHROMIUM={explicit} does not exist; point it at a chromium binary or unset it"
            )
        return explicit
    if _playwright_browser_installed():
        return None
    for name in _SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(
        "no Chromium found: install one (Debian: apt-get install -y chromium) or set WORKBOOK_CHROMIUM"
    )


def _playwright_browser_installed() -> bool:
    try:
        from playwright._impl._driver import compute_driver_executable  # noqa: F401
    except Exception:
        return False
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache" / "ms-playwright"))
    return any(cache.glob("chromium*/chrome-linux*/chrome")) if cache.exists() else False


def chromium_args() -> list[str]:
    """Return CHROMIUM_ARGS, plus ``--no-sandbox`` only where Chromium cannot start with its sandbox.

    That is when running as root (Chromium refuses, as in CI containers) or when
    ``WORKBOOK_CHROMIUM_NO_SANDBOX=1`` says the container has no user namespaces. Prefer running the
    workbook as an ordinary user, so that the sandbox stays on for pages holding typed notes.
    """
    args = list(CHROMIUM_ARGS)
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if is_root or os.environ.get("WORKBOOK_CHROMIUM_NO_SANDBOX") == "1":
        args.append("--no-sandbox")
    return args


def launch_chromium(playwright, **kwargs):  # type: ignore[no-untyped-def]
    """Launch headless Chromium through a started Playwright, falling back to the system browser.

    Raises ExportError when no Chromium is found or it does not start.
    """
    path = find_chromium()
    args = chromium_args() + list(kwargs.pop("args", []))
    try:
        return playwright.chromium.launch(executable_path=path, headless=True, args=args, **kwargs)
    except Exception as exc:  # Playwright raises its own Error type; keep our one-line contract
        raise ExportError(
            f"could not start Chromium ({path or 'Playwright browser'}): {str(exc).splitlines()[0]}"
        ) from exc
