"""Where the project's own files are: the checkout root, its notebooks, its ladders, the package's templates."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "PROJECT_ROOT", "NOTEBOOKS_DIR", "LADDERS_DIR", "TEMPLATES_DIR", "DEMO_DB"]

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
LADDERS_DIR = PROJECT_ROOT / "ladders"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
DEMO_DB = "outputs/demo.db"  # relative to the project root
