"""What the story page shows, built from the stored story view alone (places included)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from newsprism.read import stories as read_stories
from newsprism.store.base import SQLStore
from newsprism.stories.view import Span, StoryView
from newsprism.web import WEB_DIR
from newsprism.web.cache import ViewCache
from newsprism.web.map import MapPicture, Place, map_picture
from newsprism.web.outlets import (
    OutletLine,
    Sentenced,
    head_and_lead,
    outlet_lines,
    sentence_around,
)
from newsprism.web.svg import TimelinePicture, timeline_picture


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
    view: StoryView
    numbers: dict[str, int]  # article id -> its citation number in the story
    titles: dict[str, str]
    brief: list[BriefLine]
    map: MapPicture
    timeline: TimelinePicture
    places: list[tuple[str, int]] = field(default_factory=list)
    outlets: list[OutletLine] = field(default_factory=list)


def passage_link(article_id: str, start: int, end: int) -> str:
    return f"/articles/{article_id}?hl={start}-{end}#hl"


def _cited_span(view: StoryView, span: Span, other: str) -> tuple[int, int] | None:
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


def _brief(view: StoryView, numbers: dict[str, int], titles: dict[str, str]) -> list[BriefLine]:
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


def build_model(view: StoryView, leads: dict[str, str] | None = None,
                heads: dict[str, str] | None = None,
                figures: Mapping[str, Sequence[Sentenced]] | None = None) -> StoryModel:
    """Citations, pictures, places and the per-outlet comparison for a story view (`leads`: the
    lead sentence of member articles, `heads`: the headline read from the first line of untitled
    ones, by id; `figures`: member articles' figures, for what each outlet alone reports)."""
    ids = [m.id for m in view.members]
    numbers = {aid: n for n, aid in enumerate(ids, start=1)}
    titles = {m.id: (m.title or (heads or {}).get(m.id) or m.outlet or m.id) for m in view.members}
    places = [Place(p.name, p.lat, p.lon, p.mentions, p.country) for p in view.places]
    entries = [(t.date, t.date_text, t.text, t.sources) for t in view.timeline]
    return StoryModel(view=view, numbers=numbers, titles=titles, brief=_brief(view, numbers, titles),
                      map=map_picture(places), timeline=timeline_picture(entries),
                      places=[(p.name, p.mentions) for p in view.places],
                      outlets=outlet_lines(view, leads or {}, heads, figures))


def member_texts(store: SQLStore, view: StoryView) -> dict[str, str]:
    """The clean text of each member article (one query)."""
    ids = [m.id for m in view.members]
    rows = store.query_in("SELECT id, text FROM articles WHERE id IN ({in})", ids) if ids else []
    return {str(r[0]): str(r[1] or "") for r in rows}


def member_leads(store: SQLStore, view: StoryView, texts: dict[str, str] | None = None,
                 ) -> tuple[dict[str, str], dict[str, str]]:
    """The lead sentence of each member article, and the headline read from the first line of
    those that have no title."""
    titled = {m.id for m in view.members if m.title}
    leads, heads = {}, {}
    for aid, text in (member_texts(store, view) if texts is None else texts).items():
        head, leads[aid] = head_and_lead(text, aid in titled)
        if head:
            heads[aid] = head
    return leads, heads


def member_figures(store: SQLStore, view: StoryView, texts: dict[str, str] | None = None,
                   ) -> dict[str, list[Sentenced]]:
    """The figures of each member article, each with the sentence it was read in."""
    ids = [m.id for m in view.members]
    if not ids:
        return {}
    texts = member_texts(store, view) if texts is None else texts
    return {aid: [(f, sentence_around(texts.get(aid, ""), f.start, f.end)) for f in a.figures]
            for aid, a in store.get_analyses(ids, ("figures",)).items()}


def story_html(store: SQLStore, cache: ViewCache, story_id: str,
               render: Callable[[StoryModel], str]) -> str:
    """The story page's HTML: from this process's cache, else stored beside the story's view
    (rendered once per view and page code, whichever process renders it first)."""
    key = read_stories.view_key(store, story_id)

    def model(view: StoryView) -> StoryModel:
        texts = member_texts(store, view)
        return build_model(view, *member_leads(store, view, texts), member_figures(store, view, texts))

    def build() -> str:
        return read_stories.story_page(store, key, page_code(), lambda v: render(model(v)))

    return cache.get("html:" + key.story_id, key.signature, build)


@lru_cache(maxsize=1)
def page_code() -> str:
    """A fingerprint of the code and templates that render story pages: new ones render again."""
    digest = hashlib.sha1()
    for path in sorted(WEB_DIR.rglob("*")):
        if path.suffix in (".py", ".html") and path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()
