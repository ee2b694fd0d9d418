"""The package's layers: every import in workbook/ goes down the layers, and no modules import each other in a circle.

Each module also keeps the conventions' shape: it opens with a one-line docstring saying its one job and
has at most MAX_LINES lines (a longer one is two jobs; split it).

Layers, bottom to top (see the README's "How it is built"): core, store, coaching, exchange, stages,
render, forms, run, and the outer layer (cli, app, notebook, demo, the package itself). A module may
import from its own layer or any layer below; imports inside functions and under TYPE_CHECKING count
too, so a lazy import cannot hide an upward one.
"""

from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbook"
LAYERS = ("core", "store", "coaching", "exchange", "stages", "render", "forms", "run", "outer")
OUTER_PACKAGES = ("cli", "demo")  # subpackages of the outer layer
MAX_LINES = 900  # ../shared/CONVENTIONS.md: no module over 900 lines


@dataclass(frozen=True)
class Import:
    source: str  # module that imports, e.g. workbook.stages.goals
    target: str  # module imported, resolved to a file of the package when it is one
    path: str  # file of the source, relative to the package's parent
    line: int


def layer_of(module: str) -> str:
    """The layer a module of the package belongs to: its first subpackage, else the outer layer."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS[:-1] else "outer"


def _module_name(root: Path, file: Path) -> str:
    rel = file.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(root: Path, module: str) -> bool:
    rel = Path(*module.split(".")[1:]) if "." in module else Path()
    base = root / rel
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def package_imports(root: Path = PACKAGE) -> list[Import]:
    """Every import between modules of the package under ``root``, wherever it is written."""
    found: list[Import] = []
    name = root.name
    for file in sorted(root.rglob("*.py")):
        module = _module_name(root, file)
        is_package = file.name == "__init__.py"
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name == name or a.name.startswith(name + ".")]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    stem = ".".join(base + ([node.module] if node.module else []))
                elif node.module and (node.module == name or node.module.startswith(name + ".")):
                    stem = node.module
                else:
                    continue
                for alias in node.names:
                    sub = f"{stem}.{alias.name}"
                    targets.append(sub if _is_module(root, sub) else stem)
            for target in targets:
                found.append(Import(module, target, str(file.relative_to(root.parent)), node.lineno))
    return found


def upward_imports(imports: list[Import]) -> list[str]:
    """One line per import that goes up the layers: where it is and what it imports."""
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    out = []
    for imp in imports:
        src, dst = layer_of(imp.source), layer_of(imp.target)
        if rank[dst] > rank[src]:
            out.append(f"{imp.path}:{imp.line}: {imp.source} ({src}) imports {imp.target} ({dst}), a layer above it")
    return out


def import_circles(imports: list[Import]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan's algorithm)."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        if imp.source != imp.target:
            graph.setdefault(imp.source, set()).add(imp.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def shape_problems(root: Path = PACKAGE) -> list[str]:
    """Modules with no one-line docstring or over MAX_LINES lines, as 'path: what is wrong'."""
    problems = []
    for file in sorted(root.rglob("*.py")):
        if "__pycache__" in file.parts:
            continue
        text = file.read_text(encoding="utf-8")
        where = f"{root.name}/{file.relative_to(root).as_posix()}"
        doc = ast.get_docstring(ast.parse(text))
        if not doc or not doc.splitlines()[0].strip():
            problems.append(f"{where}: no docstring saying the module's one job")
        lines = len(text.splitlines())
        if lines > MAX_LINES:
            problems.append(f"{where}: {lines} lines, over {MAX_LINES}; split it")
    return problems


def test_every_module_says_its_job_and_stays_short() -> None:
    assert shape_problems() == []


def test_a_long_module_is_caught_and_named(tmp_path: Path) -> None:
    copy = tmp_path / "workbook"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "core" / "padded.py").write_text('"""Padding."""\n' + "x = 1\n" * MAX_LINES, encoding="utf-8")
    (copy / "core" / "silent.py").write_text("y = 2\n", encoding="utf-8")
    assert shape_problems(copy) == [f"workbook/core/padded.py: {MAX_LINES + 1} lines, over {MAX_LINES}; split it",
                                    "workbook/core/silent.py: no docstring saying the module's one job"]


def test_every_import_goes_down_the_layers() -> None:
    problems = upward_imports(package_imports())
    assert not problems, "imports that go up the layers:\n" + "\n".join(problems)


def test_no_modules_import_each_other_in_a_circle() -> None:
    circles = import_circles(package_imports())
    assert not circles, "import circles: " + "; ".join(" <-> ".join(c) for c in circles)


def test_every_subpackage_is_a_known_layer() -> None:
    for child in PACKAGE.iterdir():
        if child.is_dir() and (child / "__init__.py").exists():
            assert child.name in LAYERS or child.name in OUTER_PACKAGES, f"{child.name}/ is not a layer; add it to LAYERS"


def test_an_upward_import_is_caught_and_named(tmp_path: Path) -> None:
    """The check is real: a copy of the package with one upward import (the domain importing the
    renderer, hidden inside a function) fails, naming the file, the line and both layers."""
    copy = tmp_path / "workbook"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    model = copy / "core" / "model.py"
    text = model.read_text(encoding="utf-8")
    model.write_text(text + "\n\ndef _sneaky():\n    from ..render.html import escape\n\n    return escape\n",
                     encoding="utf-8")
    line = len(model.read_text(encoding="utf-8").splitlines()) - 2
    problems = upward_imports(package_imports(copy))
    assert problems == [f"workbook/core/model.py:{line}: workbook.core.model (core) imports "
                        "workbook.render.html (render), a layer above it"]


def test_a_circle_is_caught_and_named(tmp_path: Path) -> None:
    copy = tmp_path / "workbook"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "core" / "dates.py").write_text((copy / "core" / "dates.py").read_text(encoding="utf-8")
                                            + "\nfrom .model import Person  # noqa\n", encoding="utf-8")
    circles = import_circles(package_imports(copy))
    assert ["workbook.core.dates", "workbook.core.model"] in circles


@pytest.mark.parametrize("module,layer", [("workbook.core.model", "core"), ("workbook.cli", "outer"),
                                          ("workbook.demo.job", "outer"), ("workbook.cli.records", "outer"), ("workbook", "outer"),
                                          ("workbook.coaching.ladders.load", "coaching")])
def test_layer_of(module: str, layer: str) -> None:
    assert layer_of(module) == layer
