"""Stored articles and events as plain rows: the one reading path of every export and DataFrame.

A `Selection` narrows what is read (story, dates, actor, event type). Rows are dicts of builtins:
`event_rows` flattens one event per row; `article_rows` keeps each article with its step outputs.
JSON Lines keeps nested values; CSV and Parquet carry nested values as JSON text.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import IO, Any

import msgspec

from newsprism.errors import ExportError, NotFound
from newsprism.records import Analysis, Article, Event, from_json, to_builtins
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


def _where(store: Any, sel: Selection) -> tuple[str, list[Any]]:
    where, params = store.filter_sql(Filters(since=sel.since, until=sel.until))
    clauses = [where]
    if sel.story:
        if not store.query("SELECT 1 FROM stories WHERE id = ? OR merged_into = ?", (sel.story, sel.story)):
            raise NotFound(f"no story {sel.story!r}", hint="list stories with `newsprism stories`")
        clauses.append("a.id IN (SELECT m.article_id FROM story_members m JOIN stories s"
                       " ON s.id = m.story_id WHERE s.id = ? OR s.merged_into = ?)")
        params += [sel.story, sel.story]
    return " AND ".join(clauses), params


def iter_stored(store: Any, sel: Selection | None = None, batch: int = 200) -> Iterator[Stored]:
    """Stored articles in arrival order with their newest step outputs."""
    where, params = _where(store, sel or Selection())
    last = 0
    while True:
        rows = store.query(
            f"SELECT a.seq, a.record, a.ingested_at FROM articles a WHERE {where} AND a.seq > ?"
            " ORDER BY a.seq LIMIT ?", [*params, last, batch])
        if not rows:
            return
        articles = [(from_json(record, Article), str(ingested or "")) for _, record, ingested in rows]
        last = int(rows[-1][0])
        analyses = store.get_analyses([a.id for a, _ in articles])
        for article, ingested in articles:
            yield Stored(article, analyses[article.id], ingested)


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


def iter_events(store: Any, sel: Selection | None = None) -> Iterator[tuple[Stored, int, Event]]:
    """(article, index within the article, event) for every selected event."""
    sel = sel or Selection()
    for item in iter_stored(store, sel):
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


def event_rows(store: Any, sel: Selection | None = None) -> list[dict[str, Any]]:
    """One row per selected event, with its article's story (None before clustering)."""
    from newsprism.stories.storage import stories_of

    rows = [event_row(item, n, ev) for item, n, ev in iter_events(store, sel)]
    stories = stories_of(store, {r["article_id"] for r in rows}) if rows else {}
    for row in rows:
        row["story_id"] = stories.get(row["article_id"])
    return rows


def article_rows(store: Any, sel: Selection | None = None) -> list[dict[str, Any]]:
    """One row per article: every article field and one key per stored step output."""
    rows = []
    for item in iter_stored(store, sel):
        row: dict[str, Any] = to_builtins(item.article)
        row["ingested_at"] = item.ingested_at
        for step, output in sorted(item.analysis.outputs().items()):
            row[step] = to_builtins(output)
        rows.append(row)
    return rows


EVENT_FIELDS = list(event_row(Stored(Article(id="", source="", text=""), Analysis(article_id=""), ""), 0,
                              Event(cameo="010", plover="", goldstein=0.0, quad_class=1, text="",
                                    start=0, end=0)))


# ---------------------------------------------------------------- writers


def _flat(value: Any) -> Any:
    if isinstance(value, dict | list):
        return msgspec.json.encode(value).decode()
    return value


def write_jsonl(rows: list[dict[str, Any]], out: IO[bytes]) -> None:
    for row in rows:
        out.write(msgspec.json.encode(row) + b"\n")


def write_csv(rows: list[dict[str, Any]], out: IO[bytes], fields: list[str] | None = None) -> None:
    """CSV with a header; nested values as JSON text."""
    names = fields or _columns(rows)
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=names, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _flat(row.get(k)) for k in names})
    out.write(text.getvalue().encode("utf-8"))


def write_parquet(rows: list[dict[str, Any]], out: IO[bytes], fields: list[str] | None = None) -> None:
    """Parquet; nested values (objects, lists of objects) as JSON text columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = fields or _columns(rows)
    columns = {k: [_parquet_value(k, row.get(k)) for row in rows] for k in names}
    try:
        table = pa.table(columns)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise ExportError(f"cannot build the Parquet table: {exc}") from exc
    pq.write_table(table, out)


_STRING_LISTS = frozenset({"authors", "subheads"})


def _parquet_value(key: str, value: Any) -> Any:
    if key in _STRING_LISTS and isinstance(value, list):
        return [str(v) for v in value]
    return _flat(value)


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)
