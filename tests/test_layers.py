"""The layers of newsprism, held against every import in src/newsprism (including imports inside
functions and under TYPE_CHECKING: a reader and mypy see those edges too).

Data flows one way: ingest -> analyze -> store -> stories -> read -> cli / api / web. A package
may import its own modules and any package on a lower layer, never one on its layer or above, so
no two packages can import each other (a circle). A new package or top-level module fails here
until it is given a layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "newsprism"

LAYERS: list[set[str]] = [
    {"errors", "data"},
    {"records", "config", "lexicon", "dates", "compiled"},  # dates: the one parser of user-typed dates
    {"ingest"},  # sources: files, HTML, feeds, WARC (no analysis, no store)
    {"pipeline"},  # the step protocol and the runner of one article
    {"analyze"},  # the steps
    {"store"},  # SQLite / PostgreSQL
    {"reanalyze"},
    {"stories"},  # cross-article work: copies, clustering, the story view
    {"alerts"},  # after-save work on stored stories (the engine runs it)
    {"engine"},  # pipeline + store + hooks, built once per process
    {"export", "read"},  # exports; the read layer of the CLI, the API and the pages
    {"scale", "frames", "watch"},  # watch: live feeds through the engine
    {"api"},  # JSON API over the read layer
    {"web"},  # pages over the read layer, and the app serving them with the API
    {"cli"},
    {"__main__", "__init__"},
]

# Edges that break the layers today, each with its owner's reason; remove an entry when it goes
# (the test fails when an entry is no longer needed, so the list only shrinks).
PENDING: dict[tuple[str, str], str] = {
}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(module: str, path: Path) -> set[str]:
    """Every newsprism module or package `module` imports, absolute or relative."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("newsprism")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.startswith("newsprism"):
                found.add(target)
    return found


def _layer_of() -> dict[str, int]:
    return {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _edges() -> set[tuple[str, str]]:
    """(importing module, imported package) for imports across packages."""
    edges = set()
    for module, path in _modules().items():
        for target in _imports(module, path):
            if target == "newsprism":
                continue
            if _package(target) != _package(module):
                edges.add((module, _package(target)))
    return edges


def test_every_package_has_a_layer() -> None:
    layer = _layer_of()
    missing = sorted({_package(m) for m in _modules()} - set(layer))
    assert not missing, f"give these a layer in tests/test_layers.py: {missing}"


def test_no_package_imports_one_on_its_layer_or_above() -> None:
    layer = _layer_of()
    wrong = sorted(f"{module} imports newsprism.{target}" for module, target in _edges()
                   if layer[target] >= layer[_package(module)] and (module, target) not in PENDING)
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_pending_exceptions_still_exist() -> None:
    stale = sorted(set(PENDING) - _edges())
    assert not stale, f"remove these from PENDING, they no longer occur: {stale}"


def test_no_circle_between_packages() -> None:
    """Implied by the layers, checked on its own so a failure names the circle."""
    graph: dict[str, set[str]] = {}
    for module, target in _edges() - set(PENDING):
        graph.setdefault(_package(module), set()).add(target)
    circles = []
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    circles.append(" -> ".join([*path, nxt]))
                elif nxt not in path:
                    stack.append((nxt, [*path, nxt]))
    assert not circles, circles


def test_the_walk_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    """The checker itself: an import inside a function and a relative import are edges."""
    pkg = tmp_path / "newsprism" / "demo"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    mod = pkg / "mod.py"
    mod.write_text("def f():\n    from newsprism.web import pages\nfrom ..store import base\n")
    assert _imports("newsprism.demo.mod", mod) == {"newsprism.web", "newsprism.store"}
