"""What the story page shows, built once per story version from the story view and cached."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsprism.api import queries
from newsprism.store.base import SQLStore
from newsprism.web.svg import MapPicture, TimelinePicture, map_picture, timeline_picture


@dataclass
class Citation:
    number: int
    article_id: str
    href: str
    title: str


@dataclass
class BriefLine:
    text: str
    contested: bool
    note: str | None
    citations: list[Citation]
    claims: list[str]


@dataclass
class StoryModel:
    view: Any
    numbers: dict[str, int]  # article id -> its citation number in the story
    titles: dict[str, str]
    brief: list[BriefLine]
    map: MapPicture
    timeline: TimelinePicture
    places: list[tuple[str, int]] = field(default_factory=list)


def passage_link(article_id: str, start: int, end: int) -> str:
    return f"/articles/{article_id}?hl={start}-{end}#hl"


def _cited_span(view: Any, span: Any, other: str) -> tuple[int, int] | None:
    """Where `span` (in its article) lies in article `other`, through a shared passage."""
    for p in view.passages:
        pairs = ((p.a_id, p.a_start, p.a_end, p.b_id, p.b_start, p.b_end),
                 (p.b_id, p.b_start, p.b_end, p.a_id, p.a_start, p.a_end))
        for src, s0, s1, dst, d0, d1 in pairs:
            if src == span.article_id and dst == other and s0 <= span.start < s1:
                start = min(d0 + (span.start - s0), d1)
                end = min(start + (span.end - span.start), d1)
                if start < end:
                    return start, end
    return None


def _brief(view: Any, numbers: dict[str, int], titles: dict[str, str]) -> list[BriefLine]:
    lines = []
    for sentence in view.brief:
        cited = [sentence.span.article_id] + [c for c in sentence.citations
                                              if c != sentence.span.article_id]
        citations = []
        for aid in cited:
            if aid == sentence.span.article_id:
                href = passage_link(aid, sentence.span.start, sentence.span.end)
            else:
                where = _cited_span(view, sentence.span, aid)
                href = passage_link(aid, *where) if where else f"/articles/{aid}"
            citations.append(Citation(number=numbers.get(aid, 0), article_id=aid, href=href,
                                      title=titles.get(aid, aid)))
        lines.append(BriefLine(text=sentence.text, contested=sentence.contested, note=sentence.note,
                               citations=citations, claims=list(sentence.claims)))
    return lines


def _places(store: SQLStore, ids: list[str]) -> list[tuple[str, float, float]]:
    out = []
    for aid in ids:
        for p in store.get_outputs(aid).get("places") or []:
            if isinstance(p, dict) and p.get("lat") is not None and p.get("lon") is not None:
                out.append((str(p.get("name") or p.get("text")), float(p["lat"]), float(p["lon"])))
    return out


def build_model(store: SQLStore, view: Any) -> StoryModel:
    """Citations, pictures and places for a built story view."""
    ids = [m.id for m in view.members]
    numbers = {aid: n for n, aid in enumerate(ids, start=1)}
    titles = {m.id: (m.title or m.outlet or m.id) for m in view.members}
    places = _places(store, ids)
    counts: dict[str, int] = {}
    for name, _, _ in places:
        counts[name] = counts.get(name, 0) + 1
    entries = [(t.date, t.date_text, t.text, t.sources) for t in view.timeline]
    return StoryModel(view=view, numbers=numbers, titles=titles, brief=_brief(view, numbers, titles),
                      map=map_picture(places), timeline=timeline_picture(entries),
                      places=sorted(counts.items(), key=lambda kv: -kv[1]))


def story_html(store: SQLStore, cache: Any, story_id: str, render: Callable[[StoryModel], str]) -> str:
    """The story page's HTML, rebuilt only when the story changes (views are slow to build)."""
    sid, signature = queries.story_key(store, story_id)

    def build() -> str:
        return render(build_model(store, queries.cached_view(store, cache, sid)))

    html: str = cache.get("html:" + sid, signature, build)
    return html
