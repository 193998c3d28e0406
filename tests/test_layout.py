"""The package's shape: stages import one way, no module imports itself in a circle, no module is huge.

The stages, lowest first: ``data`` (shipped facts) -> ``read`` (files to text and structure) -> ``find``
(the finders) -> the spine (``pipeline``, ``records``, ``process``) -> ``store`` -> ``write`` -> ``serve``.
A module may import its own stage and the stages below it, never one above. Imports inside functions
count too: a lazy import is still a dependency.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "extract"
STAGES = {"data": 0, "read": 1, "find": 2, "pipeline": 3, "records": 3, "process": 3, "evaluate": 3,
          "distribute": 3, "store": 4, "write": 5, "serve": 6}
MAX_LINES = 650


def _module_name(path: Path) -> str:
    parts = ["extract", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """The modules of this package that ``name`` imports, as full dotted names."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found.update(c for c in candidates if c in MODULES and c != name)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _stage(name: str) -> int | None:
    parts = name.split(".")
    return STAGES.get(parts[1]) if len(parts) > 1 else None


def test_every_module_belongs_to_a_stage():
    assert [name for name in MODULES if name != "extract" and _stage(name) is None] == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n != "extract"))
def test_imports_flow_from_lower_stages_only(name):
    upward = sorted(t for t in GRAPH[name] if t != "extract" and _stage(t) > _stage(name))
    assert upward == [], f"{name} imports a higher stage"


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every circle a depth-first walk of ``graph`` meets, as the trail from a module back to itself."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def test_no_module_imports_itself_in_a_circle():
    # A package imports its children to re-export them; those edges, and the top-level package that
    # re-exports the verbs, are left out. A child reaching back into its parent is still seen.
    graph = {n: {t for t in targets if not t.startswith(n + ".") and t != "extract"}
             for n, targets in GRAPH.items() if n != "extract"}
    assert find_cycles(graph) == []


def test_the_cycle_check_sees_a_planted_circle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_finders_of_agencies_and_people_do_not_import_each_other():
    assert "extract.find.people" not in GRAPH["extract.find.agencies"]
    assert "extract.find.agencies" not in GRAPH["extract.find.people"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_huge(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]} has {lines} lines"
