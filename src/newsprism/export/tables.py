"""Stored articles and events as plain rows: the one reading path of every export and DataFrame.

A `Selection` narrows what is read (story, dates, actor, event type). Rows are dicts of builtins:
`iter_event_rows` flattens one event per row; `iter_article_rows` keeps each article with its step
outputs. Both read the store `BATCH` articles at a time, so an export holds at most one batch of
articles in memory whatever the size of the store (`event_rows`/`article_rows` are the same rows
as lists, for DataFrames). JSON Lines keeps nested values; CSV and Parquet carry them as JSON text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import msgspec

from newsprism.errors import NotFound
from newsprism.records import ANALYSIS_STEPS, Analysis, Article, Event, from_json, to_builtins
from newsprism.store.base import Filters

log = logging.getLogger(__name__)


@dataclass
class Selection:
    """What to export: all filters optional, combined with AND."""

    story: str | None = None
    since: str | None = None  # published >= since (ISO date)
    until: str | None = None  # published <= until (the whole day counts)
    actor: str | None = None  # source or target code (RUS, NATO)
    type: str | None = None  # PLOVER type (THREATEN) or CAMEO root/code prefix (13)


@dataclass
class Stored:
    """One stored article with its step outputs (decoded records) and when it was ingested."""

    article: Article
    analysis: Analysis
    ingested_at: str
    seq: int = 0  # the article's arrival number in the store


BATCH = 200  # articles read (and held) at once by every export
ARTICLE_BATCH = 50  # ... by the articles table, whose rows carry every step's output (~0.5 MB decoded)


def selection_sql(store: Any, sel: Selection) -> tuple[str, list[Any]]:
    """SQL condition (articles aliased `a`) and parameters of a selection; NotFound for an unknown story."""
    where, params = store.filter_sql(Filters(since=sel.since, until=sel.until))
    clauses = [where]
    if sel.story:
        if not store.query("SELECT 1 FROM stories WHERE id = ? OR merged_into = ?", (sel.story, sel.story)):
            raise NotFound(f"no story {sel.story!r}", hint="list stories with `newsprism stories`")
        clauses.append("a.id IN (SELECT m.article_id FROM story_members m JOIN stories s"
                       " ON s.id = m.story_id WHERE s.id = ? OR s.merged_into = ?)")
        params += [sel.story, sel.story]
    return " AND ".join(clauses), params


def iter_stored(store: Any, sel: Selection | None = None, batch: int | None = None,
                steps: Sequence[str] | None = None) -> Iterator[Stored]:
    """Stored articles in arrival order with their newest step outputs (only `steps` when given),
    read `batch` (default `BATCH`) at a time."""
    where, params = selection_sql(store, sel or Selection())
    size, last = batch or BATCH, 0
    while True:
        rows = store.query(
            f"SELECT a.seq, a.record, a.text, a.ingested_at FROM articles a WHERE {where} AND a.seq > ?"
            " ORDER BY a.seq LIMIT ?", [*params, last, size])
        if not rows:
            return
        articles = [(int(seq), _article(record, text), str(ingested or ""))
                    for seq, record, text, ingested in rows]
        last = articles[-1][0]
        analyses = store.get_analyses([a.id for _, a, _ in articles], steps=steps)
        del rows
        for seq, article, ingested in articles:
            yield Stored(article, analyses[article.id], ingested, seq)


def _article(record: str, text: str | None) -> Article:
    """An article from its row: the JSON record, its text from the `text` column."""
    article = from_json(record, Article)
    return msgspec.structs.replace(article, text=text) if text is not None and article.text != text else article


def stored_events(item: Stored) -> list[Event]:
    """The events step output of one stored article as records (none when it did not run)."""
    return item.analysis.events


def event_matches(event: Event, sel: Selection) -> bool:
    """Whether one event passes the actor and type filters."""
    if sel.actor:
        codes = {a.code for a in (event.source, event.target) if a is not None and a.code}
        if sel.actor.upper() not in codes:
            return False
    if sel.type:
        wanted = sel.type.upper()
        if wanted != event.plover and not event.cameo.startswith(wanted):
            return False
    return True


def iter_events(store: Any, sel: Selection | None = None,
                steps: Sequence[str] = ("events",)) -> Iterator[tuple[Stored, int, Event]]:
    """(article, index within the article, event) for every selected event; each article's
    analysis holds only `steps` (the events by default)."""
    sel = sel or Selection()
    for item in iter_stored(store, sel, steps=steps):
        for n, event in enumerate(stored_events(item)):
            if event_matches(event, sel):
                yield item, n, event


def _actor_cols(prefix: str, actor: Any) -> dict[str, Any]:
    return {f"{prefix}_text": actor.text if actor else None, f"{prefix}_code": actor.code if actor else None,
            f"{prefix}_sector": actor.sector if actor else None}


def event_row(item: Stored, n: int, event: Event) -> dict[str, Any]:
    """One flat row per event, with the article it came from."""
    art = item.article
    return {
        "article_id": art.id, "story_id": None, "event_index": n, "url": art.url, "outlet": art.outlet,
        "published": as_datetime(art.published), **_actor_cols("source", event.source),
        **_actor_cols("target", event.target), "cameo": event.cameo, "cameo_root": event.cameo[:2],
        "plover": event.plover, "mode": event.mode, "goldstein": event.goldstein,
        "quad_class": event.quad_class, "place": event.place, "date": as_date(event.date),
        "text": event.text, "start": event.start, "end": event.end,
    }


def as_date(value: str | None) -> date | None:
    """A calendar date from an ISO date or datetime; None when it is partial ("2024-05") or bad."""
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def as_datetime(value: str | None) -> datetime | None:
    """A UTC datetime from an ISO date or datetime (a bare date is its midnight); None when bad."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        day = as_date(value)
        return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def iter_event_rows(store: Any, sel: Selection | None = None) -> Iterator[dict[str, Any]]:
    """One row per selected event with its article's story, `BATCH` rows at a time."""
    from newsprism.stories.storage import stories_of

    pending: list[dict[str, Any]] = []

    def with_stories() -> list[dict[str, Any]]:
        stories = stories_of(store, {r["article_id"] for r in pending}) if pending else {}
        for row in pending:
            row["story_id"] = stories.get(row["article_id"])
        return pending

    for item, n, event in iter_events(store, sel):
        pending.append(event_row(item, n, event))
        if len(pending) >= BATCH:
            yield from with_stories()
            pending = []
    yield from with_stories()


def article_row(item: Stored) -> dict[str, Any]:
    """One row per article: every article field, when it was added, one key per step output."""
    row: dict[str, Any] = to_builtins(item.article)
    row["ingested_at"] = item.ingested_at
    for step, output in sorted(item.analysis.outputs().items()):
        row[step] = to_builtins(output)
    return row


def iter_article_rows(store: Any, sel: Selection | None = None) -> Iterator[dict[str, Any]]:
    """`article_row` of every selected article, read `ARTICLE_BATCH` at a time."""
    for item in iter_stored(store, sel, batch=ARTICLE_BATCH):
        yield article_row(item)


def event_rows(store: Any, sel: Selection | None = None) -> list[dict[str, Any]]:
    """`iter_event_rows` as a list (for a DataFrame)."""
    return list(iter_event_rows(store, sel))


def article_rows(store: Any, sel: Selection | None = None) -> list[dict[str, Any]]:
    """`iter_article_rows` as a list (for a DataFrame)."""
    return list(iter_article_rows(store, sel))


def article_fields(store: Any) -> list[str]:
    """The articles table's columns: every article field, when it was added, then the analysis
    steps the store holds."""
    stored = {str(r[0]) for r in store.query("SELECT DISTINCT step FROM step_results")}
    return [*Article.__struct_fields__, "ingested_at", *sorted(s for s in ANALYSIS_STEPS if s in stored)]


EVENT_FIELDS = list(event_row(Stored(Article(id="", source="", text=""), Analysis(article_id=""), ""), 0,
                              Event(cameo="010", plover="", goldstein=0.0, quad_class=1, text="",
                                    start=0, end=0)))




def flat(value: Any) -> Any:
    """A value as CSV and Parquet carry it: objects and lists as JSON text."""
    if isinstance(value, dict | list):
        return msgspec.json.encode(value).decode()
    return value
