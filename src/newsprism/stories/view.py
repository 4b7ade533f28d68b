"""The story view: what sources agree on and contradict, who said what, a timeline, a cited brief.

The contract (records) lives in `view_records` and is re-exported here. `build_view_from` builds a
view from in-memory articles and step outputs (tests, benches, other front ends);
`build_view(store, story_id)` reads a stored story and builds it.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Mapping, Sequence
from urllib.parse import urlparse

from newsprism.records import Analysis, Article, CopyRelation, SharedPassage
from newsprism.store.base import SQLStore
from newsprism.stories.brief import build_brief
from newsprism.stories.claims import build_claims
from newsprism.stories.claims_people import people_facts
from newsprism.stories.claims_places import event_place_facts
from newsprism.stories.storage import copies_in, get_story, passages_in, story_members
from newsprism.stories.timeline import build_timeline
from newsprism.stories.view_dates import date_facts
from newsprism.stories.view_facts import ArticleContext, Fact
from newsprism.stories.view_figures import figure_facts
from newsprism.stories.view_people import People, entities_of, group_quotes, quotes_of
from newsprism.stories.view_records import (
    BriefSentence,
    Claim,
    ClaimValue,
    Coverage,
    MapPlace,
    Member,
    OutletCoverage,
    Person,
    QuoteItem,
    Span,
    SpeakerQuotes,
    StoryView,
    TimelineEntry,
)
from newsprism.stories.view_text import Roots

__all__ = [
    "BriefSentence", "Claim", "ClaimValue", "Coverage", "MapPlace", "Member", "OutletCoverage", "Person",
    "QuoteItem", "Span", "SpeakerQuotes", "StoryView", "TimelineEntry", "build_view",
    "build_view_from",
]

log = logging.getLogger(__name__)


def build_view_from(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    copies: Sequence[CopyRelation] = (),
    passages: Sequence[SharedPassage] = (),
    *,
    story_id: str = "",
    title: str | None = None,
) -> StoryView:
    """The view of a story from its articles, their analyses (by article id) and copy data.

    Offsets in the analyses are trusted: the store checks them once when it writes them.
    """
    t0 = time.perf_counter()
    collecting = gc.isenabled()
    gc.disable()  # the build makes many short-lived acyclic objects: collections only cost time
    try:
        view = _build(_ordered(articles), analyses, copies, passages, story_id, title)
    finally:
        if collecting:
            gc.enable()
    view.build_ms = round(1000 * (time.perf_counter() - t0), 2)
    log.debug("story view %s: %d articles in %.1f ms", story_id, view.size, view.build_ms)
    return view


def _build(articles: list[Article], analyses: Mapping[str, Analysis],
           copies: Sequence[CopyRelation], passages: Sequence[SharedPassage], story_id: str,
           title: str | None) -> StoryView:
    ids = [a.id for a in articles]
    idset = set(ids)
    copies = [c for c in copies if c.article_id in idset and c.original_id in idset]
    passages = [p for p in passages if p.a_id in idset and p.b_id in idset]
    outs = {a.id: analyses.get(a.id) or Analysis(article_id=a.id) for a in articles}
    roots = Roots(ids, copies)
    latest = max((a.published for a in articles if a.published), default=None)
    year = _story_year(articles)
    contexts = [ArticleContext(a, outs[a.id], year, latest) for a in articles]
    people = People(entities_of(outs))
    facts = _facts(contexts, outs)
    claims = build_claims(facts, roots, {a.id: a.text for a in articles},
                          {a.id: (outlet_of(a), a.published) for a in articles})
    events = {(f.article_id, f.start): f.key for f in facts if f.kind == "date"}
    quotes = group_quotes(quotes_of(outs), people, roots)
    counts = {s.speaker: len(s.quotes) for s in quotes}
    return StoryView(
        story_id=story_id, title=title or _title(articles), size=len(articles),
        members=_members(articles, copies), people=people.records(counts), claims=claims,
        quotes=quotes, timeline=build_timeline(contexts, outs, roots, events),
        coverage=_coverage(articles, copies, roots),
        brief=build_brief(contexts, roots, claims, passages), copies=list(copies),
        passages=list(passages), places=_places(outs),
    )


def build_view(store: SQLStore, story_id: str) -> StoryView:
    """The view of a stored story (NotFound when there is no such story)."""
    summary = get_story(store, story_id)
    ids = [m.article_id for m in story_members(store, summary.id)]
    articles = store.get_articles(ids)
    return build_view_from(articles, store.get_analyses(ids), copies_in(store, ids),
                           passages_in(store, ids), story_id=summary.id, title=summary.title)


def _facts(contexts: Sequence[ArticleContext], outs: Mapping[str, Analysis]) -> list[Fact]:
    facts: list[Fact] = []
    for ctx in contexts:
        out = outs[ctx.article.id]
        facts += figure_facts(ctx, out.figures)
        facts += date_facts(ctx, out.dates)
        facts += people_facts(ctx) + event_place_facts(ctx)
    return facts


def _places(analyses: Mapping[str, Analysis]) -> list[MapPlace]:
    """Geocoded places of the story's articles, most mentioned first."""
    found: dict[str, MapPlace] = {}
    for aid, analysis in analyses.items():
        for p in analysis.places:
            if p.lat is None or p.lon is None:
                continue
            place = found.setdefault(p.name, MapPlace(name=p.name, country=p.country, lat=p.lat,
                                                      lon=p.lon))
            place.mentions += 1
            if aid not in place.articles:
                place.articles.append(aid)
    return sorted(found.values(), key=lambda p: (-p.mentions, p.name))


def _ordered(articles: Sequence[Article]) -> list[Article]:
    """Articles by publication date (undated last), then as given; duplicates dropped."""
    seen: dict[str, Article] = {}
    for a in articles:
        seen.setdefault(a.id, a)
    order = {aid: i for i, aid in enumerate(seen)}
    return sorted(seen.values(), key=lambda a: (a.published is None, a.published or "", order[a.id]))


def _story_year(articles: Sequence[Article]) -> int | None:
    """The year most of the story's dated articles were published in."""
    years = [a.published[:4] for a in articles if a.published and a.published[:4].isdigit()]
    return int(max(set(years), key=years.count)) if years else None


def _title(articles: Sequence[Article]) -> str | None:
    return next((a.title for a in articles if a.title), None)


def outlet_of(article: Article) -> str:
    """The outlet an article counts for: named outlet, agency, dateline outlet, URL host, source."""
    if article.outlet:
        return article.outlet
    if article.dateline and article.dateline.outlet:
        return article.dateline.outlet
    if article.url:
        try:
            host = urlparse(article.url).hostname or ""
        except ValueError:  # a malformed URL stored before ingest checked them
            host = ""
        if host:
            return host.removeprefix("www.")
    if article.agency:
        return article.agency
    return "unknown"


def _members(articles: Sequence[Article], copies: Sequence[CopyRelation]) -> list[Member]:
    of = {c.article_id: c for c in copies}
    return [
        Member(id=a.id, title=a.title, outlet=outlet_of(a), published=a.published, url=a.url,
               copy_of=of[a.id].original_id if a.id in of else None,
               copy_kind=of[a.id].kind if a.id in of else None)
        for a in articles
    ]


def _coverage(articles: Sequence[Article], copies: Sequence[CopyRelation], roots: Roots) -> Coverage:
    copied = {c.article_id for c in copies}
    outlets: dict[str, OutletCoverage] = {}
    for a in articles:  # already ordered by publication
        name = outlet_of(a)
        oc = outlets.setdefault(name, OutletCoverage(outlet=name, first_published=a.published,
                                                     first_article=a.id))
        oc.articles.append(a.id)
        oc.copies += a.id in copied
    dates = sorted(a.published for a in articles if a.published)
    return Coverage(
        outlets=sorted(outlets.values(), key=lambda o: (o.first_published is None,
                                                        o.first_published or "", o.outlet)),
        first_published=dates[0] if dates else None, last_published=dates[-1] if dates else None,
        originals=[a.id for a in articles if a.id not in copied], copies=list(copies),
    )
