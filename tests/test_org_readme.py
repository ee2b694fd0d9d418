"""The README's organisation walkthrough works as written: its commands run in bash, one after another."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _walkthrough() -> list[str]:
    """The commands of the bash block under the walkthrough marker (continuations joined, comments kept)."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- organisation-walkthrough.*?-->\s*```bash\n(.*?)```", text, re.S)
    assert block, "the README lost its organisation walkthrough"
    return block.group(1).replace("\\\n", " ").splitlines()


@pytest.mark.slow
def test_the_readme_organisation_section_works_as_written(pg_server, tmp_path) -> None:
    lines = _walkthrough()
    assert lines[0].startswith("make setup")  # the environment this test already runs in
    cluster = Path(tempfile.mkdtemp(prefix="wb-readme-pg-"))  # under /tmp, as in the README
    summaries = tmp_path / "summaries"
    script = "\n".join(["set -euo pipefail", *lines[1:]])
    script = script.replace("/tmp/acme-pg", str(cluster)).replace("/tmp/acme-summaries", str(summaries))
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}"}
    env.pop("WORKBOOK_DB", None)
    try:
        done = subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    finally:
        subprocess.run(["bash", "-c", f"workbook org server stop {cluster} --remove"], env=env, capture_output=True,
                       timeout=120)
        shutil.rmtree(cluster, ignore_errors=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    out = done.stdout
    assert "acme is a new organisation workbook with nobody in it" in out  # made by `server start`
    assert "demo organisation: 10 people" in out
    assert "Sam Rivera (sam)  · Engineering Management · 9 below" in out  # the owner's tree
    as_sam = out.split("as sam (person sam)")[1].splitlines()[1:10]
    assert as_sam[0].startswith("Sam Rivera (sam)") and any("Noor Aziz" in line for line in as_sam)
    # who reads what about Priya: her manager everything, her skip-level and HR her shared records only
    assert re.search(r"^maya\s+manager\s+yes\s+yes\s+yes$", out, re.M)
    assert re.search(r"^sam\s+2 levels up\s+yes\s+no\s+no$", out, re.M)
    assert re.search(r"^hr-lee\s+HR\s+yes\s+no\s+no$", out, re.M)
    assert re.search(r"^priya\s+the person\s+yes\s+yes\s+no$", out, re.M)
    assert re.search(r"^priya\s+Priya Raman\s+Data Science\s+2\s+Maya Chen$", out, re.M)  # Priya sees herself only
    assert "summaries 2026Q4: 11 made" in out
    assert re.search(r"^added private pull note \d+ about priya \(\d{4}-\d\d-\d\d, interests\)$", out, re.M)
    # the manager's command-line record of a check-in and of next quarter's OKRs, through her own login's rights
    assert re.search(r"^added check-in \d+ with priya \(2026-12-15, status, 2026Q4\): O1·KR1 done, O2·KR1 at_risk; "
                     r"0 obstacles, 0 actions$", out, re.M)
    assert "added objective 1 to priya 2027Q1; add its key results" in out and "added O1·KR1 to priya 2027Q1" in out
    pdfs = sorted(p.name for p in (summaries / "2026Q4").rglob("*.pdf"))  # a folder per person (issue 13)
    assert "noor-2026Q4.pdf" in pdfs and "team_overview.pdf" in pdfs and len(pdfs) == 11
    made = list(summaries.rglob("*"))  # private on disk too, as HR made them
    assert all(p.stat().st_mode & 0o777 == (0o700 if p.is_dir() else 0o600) for p in made)
    credentials = tmp_path / "config" / "workbook" / "pgpass"
    assert credentials.stat().st_mode & 0o777 == 0o600
