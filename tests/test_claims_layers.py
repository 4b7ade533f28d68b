"""The claims modules import one another one way: no module of the claims table imports one that
imports it back (a circle hides which module owns a rule and breaks on a reordered import)."""

from __future__ import annotations

import ast
from pathlib import Path

STORIES = Path(__file__).resolve().parent.parent / "src" / "newsprism" / "stories"
PREFIX = "newsprism.stories."


def _graph() -> dict[str, set[str]]:
    """Module name -> the newsprism.stories modules it imports (also inside functions and under
    TYPE_CHECKING)."""
    out: dict[str, set[str]] = {}
    for path in STORIES.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PREFIX):
                found.add((node.module or "").removeprefix(PREFIX))
            elif isinstance(node, ast.Import):
                found |= {a.name.removeprefix(PREFIX) for a in node.names if a.name.startswith(PREFIX)}
        out[path.stem] = found
    return out


def _circles(graph: dict[str, set[str]], among: set[str]) -> list[str]:
    circles = []
    for start in sorted(among):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, set()) & among):
                if nxt == start:
                    circles.append(" -> ".join([*path, nxt]))
                elif nxt not in path:
                    stack.append((nxt, [*path, nxt]))
    return circles


def test_no_circle_among_the_claims_modules() -> None:
    graph = _graph()
    claims = {m for m in graph if m.startswith("claim") or m in ("brief", "view_facts", "view_figures")}
    assert "claims" in claims and "claim_text" in claims
    assert not _circles(graph, claims)


def test_the_check_sees_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"a"}}, {"a", "b"}) == ["a -> b -> a", "b -> a -> b"]
    assert not _circles({"a": {"b"}, "b": set()}, {"a", "b"})
