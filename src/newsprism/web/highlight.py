"""Highlighting by offsets: the text is cut at span boundaries into pieces the template escapes.

Nothing from an article is ever put into HTML by string replacement: each piece is plain text with
the classes of the spans covering it, and Jinja2's autoescape writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from newsprism.records import Analysis, Entity, Event, Figure, Quote

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


def _entity_marks(entities: list[Entity]) -> list[Mark]:
    out = []
    for e in entities:
        etype = e.type.lower()
        label = f"{e.type}: {e.canonical}" + (f" ({e.role})" if e.role else "")
        link = entity_link(e.canonical) if etype in ("person", "org") and e.canonical else None
        out.append(Mark(e.start, e.end, f"ent ent-{etype}", label, link))
    return out


def _quote_marks(quotes: list[Quote]) -> list[Mark]:
    out = []
    for q in quotes:
        who = q.speaker or "unknown speaker"
        cue = f" ({q.cue})" if q.cue else ""
        out.append(Mark(q.start, q.end, f"quote quote-{q.kind}", f"{q.kind} quote: {who}{cue}"))
    return out


def _figure_marks(figures: list[Figure]) -> list[Mark]:
    out = []
    for f in figures:
        parts = [f"{v:g}" if isinstance(v, float) else str(v)
                 for v in (f.qualifier, f.value, f.unit, f.object) if v is not None]
        if f.source:
            parts.append(f"claimed by {f.source}")
        out.append(Mark(f.start, f.end, "fig", "figure: " + " ".join(parts)))
    return out


def _event_marks(events: list[Event]) -> list[Mark]:
    out = []
    for e in events:
        src = e.source.code if e.source and e.source.code else "?"
        tgt = e.target.code if e.target and e.target.code else "?"
        label = f"event {e.plover} / CAMEO {e.cameo}: {src} \u2192 {tgt}"
        out.append(Mark(e.start, e.end, "event", label))
    return out


def analysis_marks(analysis: Analysis) -> list[Mark]:
    """Marks for every analysis output an article has (whatever steps ran)."""
    return (_event_marks(analysis.events) + _quote_marks(analysis.quotes)
            + _entity_marks(analysis.entities) + _figure_marks(analysis.figures)
            + [Mark(d.start, d.end, "date", f"date: {d.value or d.text}") for d in analysis.dates]
            + [Mark(p.start, p.end, "place", f"place: {p.name or p.text}") for p in analysis.places])


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """`START-END` from a URL (the passage a citation points at), clamped to the text."""
    if not value:
        return None
    match = _HL.fullmatch(value)
    if match is None:
        return None
    start, end = min(int(match[1]), length), min(int(match[2]), length)
    return (start, end) if start < end else None
