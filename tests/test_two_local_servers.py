"""Two local servers started one after the other both stay open to their administrator.

Each `workbook org server start` has its own administrator's password, and wrote it to your credentials file as
the one line for every host (`*:*:*:workbook_admin:...`): starting a second server replaced the first one's, and
every command on the first then failed with "the server refused the password" (found by a helper's run through
the README as a new administrator). Now each server's line names its socket folder, and comes first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_a_second_server_leaves_the_first_one_open(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("WORKBOOK_DB", None)
    clusters = [Path(tempfile.mkdtemp(prefix="wb-two-pg-")) for _ in range(2)]  # under /tmp: postgres reaches them

    def workbook(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "workbook", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)

    try:
        urls = []
        for n, cluster in enumerate(clusters):
            started = workbook("org", "server", "start", str(cluster), "--database", f"org{n}")
            assert started.returncode == 0, started.stderr
            urls.append(next(line.split("owner URL: ")[1] for line in started.stdout.splitlines() if "owner URL: " in line))
        for n, url in enumerate(urls):  # both, the first one too, with no password in the URL
            added = workbook("person", "add", f"p{n}", "--name", f"Person {n}", "--db", url)
            assert added.returncode == 0, added.stderr
            listed = workbook("people", "--db", url)
            assert listed.returncode == 0 and f"Person {n}" in listed.stdout and f"Person {1 - n}" not in listed.stdout
        again = workbook("org", "server", "start", str(clusters[0]), "--database", "org0")  # a restart: one line each
        assert again.returncode == 0, again.stderr
        lines = (tmp_path / "config" / "workbook" / "pgpass").read_text().splitlines()
        assert sorted(line.split(":")[0] for line in lines) == sorted(f"{c}/socket" for c in clusters)
    finally:
        for cluster in clusters:
            workbook("org", "server", "stop", str(cluster), "--remove")
            shutil.rmtree(cluster, ignore_errors=True)


def test_a_server_folder_with_a_space_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    """`org server start "/tmp/h58 pg2"` failed with "Examine the log output" (PostgreSQL split its socket option at
    the space) and left an initialised cluster behind: now one line that says why, and no folder."""
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    folder = tmp_path / "acme pg"
    done = subprocess.run([sys.executable, "-m", "workbook", "org", "server", "start", str(folder)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "has a space in its path" in done.stderr and "nothing was created" in done.stderr
    assert not folder.exists()
