"""Highlighting by offsets: the text is cut at span boundaries into pieces the template escapes.

Nothing from an article is ever put into HTML by string replacement: each piece is plain text with
the classes of the spans covering it, and Jinja2's autoescape writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

_HL = re.compile(r"(\d{1,9})-(\d{1,9})", re.ASCII)  # ?hl=START-END offsets into the text


@dataclass(frozen=True)
class Mark:
    """One highlighted span: offsets into the text, a CSS kind, a tooltip, an optional link."""

    start: int
    end: int
    kind: str
    label: str
    link: str | None = None
    anchor: str | None = None


@dataclass
class Piece:
    """A run of text with the same set of marks over it."""

    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def classes(self) -> str:
        return " ".join(dict.fromkeys(m.kind for m in self.marks))

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(m.label for m in self.marks if m.label))

    @property
    def link(self) -> str | None:
        return next((m.link for m in self.marks if m.link), None)

    @property
    def anchor(self) -> str | None:
        return next((m.anchor for m in self.marks if m.anchor), None)


def pieces(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """Cut `text` at every mark boundary; each piece knows which marks cover it."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    for m in valid:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, []).append(m)
    bounds = sorted({0, len(text), *starts, *ends})
    active: list[Mark] = []
    out: list[Piece] = []
    anchored: set[str] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        marks_here = [m if not m.anchor or m.anchor not in anchored else _no_anchor(m) for m in active]
        anchored.update(m.anchor for m in marks_here if m.anchor)
        out.append(Piece(text=text[a:b], marks=marks_here))
    return out


def _no_anchor(m: Mark) -> Mark:
    return Mark(m.start, m.end, m.kind, m.label, m.link, None)


def entity_link(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def _entity_marks(items: list[dict[str, Any]]) -> list[Mark]:
    out = []
    for e in items:
        etype = str(e.get("type", "OTHER")).lower()
        label = f"{e.get('type')}: {e.get('canonical')}"
        if e.get("role"):
            label += f" ({e['role']})"
        link = entity_link(str(e["canonical"])) if etype in ("person", "org") and e.get("canonical") else None
        out.append(Mark(int(e["start"]), int(e["end"]), f"ent ent-{etype}", label, link))
    return out


def _quote_marks(items: list[dict[str, Any]]) -> list[Mark]:
    out = []
    for q in items:
        who = q.get("speaker") or "unknown speaker"
        cue = f" ({q['cue']})" if q.get("cue") else ""
        out.append(Mark(int(q["start"]), int(q["end"]), f"quote quote-{q.get('kind', 'direct')}",
                        f"{q.get('kind', 'direct')} quote: {who}{cue}"))
    return out


def _figure_marks(items: list[dict[str, Any]]) -> list[Mark]:
    out = []
    for f in items:
        parts = [str(f.get(k)) for k in ("qualifier", "value", "unit", "object") if f.get(k) is not None]
        if f.get("source"):
            parts.append(f"claimed by {f['source']}")
        out.append(Mark(int(f["start"]), int(f["end"]), "fig", "figure: " + " ".join(parts)))
    return out


def _event_marks(items: list[dict[str, Any]]) -> list[Mark]:
    out = []
    for e in items:
        src = (e.get("source") or {}).get("code") or "?"
        tgt = (e.get("target") or {}).get("code") or "?"
        label = f"event {e.get('plover')} / CAMEO {e.get('cameo')}: {src} → {tgt}"
        out.append(Mark(int(e["start"]), int(e["end"]), "event", label))
    return out


def _simple_marks(items: list[dict[str, Any]], kind: str, key: str) -> list[Mark]:
    return [Mark(int(i["start"]), int(i["end"]), kind, f"{kind}: {i.get(key) or i.get('text')}")
            for i in items]


def analysis_marks(outputs: dict[str, Any]) -> list[Mark]:
    """Marks for every analysis output an article has (whatever steps ran)."""
    def items(name: str) -> list[dict[str, Any]]:
        value = outputs.get(name) or []
        return [i for i in value if isinstance(i, dict) and "start" in i and "end" in i] \
            if isinstance(value, list) else []

    return (_event_marks(items("events")) + _quote_marks(items("quotes"))
            + _entity_marks(items("entities")) + _figure_marks(items("figures"))
            + _simple_marks(items("dates"), "date", "value")
            + _simple_marks(items("places"), "place", "name"))


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """`START-END` from a URL (the passage a citation points at), clamped to the text."""
    if not value:
        return None
    match = _HL.fullmatch(value)
    if match is None:
        return None
    start, end = min(int(match[1]), length), min(int(match[2]), length)
    return (start, end) if start < end else None
