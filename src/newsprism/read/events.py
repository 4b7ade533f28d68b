"""Coded events of the stored articles, each with its article."""

from __future__ import annotations

from newsprism.read.records import ArticleEvent
from newsprism.records import Article, Event
from newsprism.store.base import Filters, SQLStore

EVENT_SCAN_BATCH = 200
EVENT_SCAN_LIMIT = 20_000


def event_matches(event: Event, event_type: str | None) -> bool:
    """Whether an event is of a PLOVER type or CAMEO root (any event without a type)."""
    if not event_type:
        return True
    wanted = event_type.upper()
    return event.plover.upper() == wanted or event.cameo[:2] == wanted


def with_article(event: Event, article: Article) -> ArticleEvent:
    """An event with the article it was read in."""
    return ArticleEvent(
        source=event.source, target=event.target, cameo=event.cameo, plover=event.plover,
        mode=event.mode, goldstein=event.goldstein, quad_class=event.quad_class, place=event.place,
        date=event.date, text=event.text, start=event.start, end=event.end,
        article_id=article.id, article_title=article.title, outlet=article.outlet,
        published=article.published)


def list_events(store: SQLStore, filters: Filters, limit: int, offset: int) -> list[ArticleEvent]:
    """Coded events of the filtered articles, newest article first (the newest stored version
    of the events step of each), scanning at most EVENT_SCAN_LIMIT articles."""
    out: list[ArticleEvent] = []
    skip, scanned = offset, 0
    while len(out) < limit and scanned < EVENT_SCAN_LIMIT:
        batch = store.list_articles(filters, limit=EVENT_SCAN_BATCH, offset=scanned)
        if not batch:
            break
        scanned += len(batch)
        analyses = store.get_analyses([a.id for a in batch], ("events",))
        for article in batch:
            for event in analyses[article.id].events:
                if not event_matches(event, filters.event_type):
                    continue
                if skip:
                    skip -= 1
                    continue
                out.append(with_article(event, article))
                if len(out) >= limit:
                    return out
    return out
