"""The pandas face of the store: `events()`, `articles()`, `quotes()`, `stories()`, `claims()`.

`import newsprism` stays light: the functions of `newsprism` import this module (and pandas) only
when called. Every frame carries story ids and has its date columns as pandas datetimes (UTC);
filters are checked by the shared date parser (`newsprism.dates.parse_day`), and a missing SQLite
file is NotFound (E301), never created.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pandas as pd

from newsprism.dates import parse_day
from newsprism.errors import InvalidArgument
from newsprism.export.tables import (
    EVENT_FIELDS,
    Selection,
    article_rows,
    as_datetime,
    event_rows,
    iter_stored,
)
from newsprism.records import to_builtins

log = logging.getLogger(__name__)

DateArg = str | date | None
QUOTE_FIELDS = ["article_id", "story_id", "outlet", "published", "title", "speaker", "speaker_text", "kind",
                "text", "cue", "start", "end"]
STORY_FIELDS = ["story_id", "title", "size", "outlets", "first_seen", "last_seen"]
CLAIM_FIELDS = ["story_id", "claim_id", "kind", "subject", "unit", "verdict", "explanation", "sources",
                "values", "articles"]
VERDICTS = ("agree", "contradict", "update", "complementary", "single")


@contextmanager
def _opened(db: str | None) -> Iterator[Any]:
    from newsprism.config import Settings
    from newsprism.store import open_store

    store = open_store(db or Settings.load().db, must_exist=True)
    try:
        yield store
    finally:
        store.close()


def _selection(story: str | None = None, since: DateArg = None, until: DateArg = None,
               actor: str | None = None, type: str | None = None) -> Selection:  # noqa: A002
    return Selection(story=story or None, since=parse_day(since, "since"), until=parse_day(until, "until"),
                     actor=actor or None, type=type or None)


def _dated(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Date columns as timezone-aware pandas datetimes (NaT where unknown)."""
    for column in columns:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column].map(_iso), utc=True, errors="coerce")
    return frame


def _iso(value: Any) -> Any:
    if isinstance(value, str):
        return as_datetime(value)
    return value


def events(db: str | None, *, story: str | None, actor: str | None, type: str | None,  # noqa: A002
           since: DateArg, until: DateArg) -> pd.DataFrame:
    """One row per coded event (columns as `newsprism export --format csv`), filtered."""
    with _opened(db) as store:
        rows = event_rows(store, _selection(story, since, until, actor, type))
    return _dated(pd.DataFrame(rows, columns=EVENT_FIELDS), "published", "date")


def articles(db: str | None, *, story: str | None, since: DateArg, until: DateArg) -> pd.DataFrame:
    """One row per stored article: its fields, its story and one column per step output."""
    from newsprism.stories.storage import stories_of

    with _opened(db) as store:
        rows = article_rows(store, _selection(story, since, until))
        owners = stories_of(store, [r["id"] for r in rows]) if rows else {}
    frame = pd.DataFrame(rows)
    if rows:
        frame.insert(1, "story_id", [owners.get(r["id"]) for r in rows])
    return _dated(frame, "published", "ingested_at")


def quotes(db: str | None, *, story: str | None, speaker: str | None, since: DateArg,
           until: DateArg) -> pd.DataFrame:
    """One row per quote the quotes step read, with its article and story."""
    from newsprism.stories.storage import stories_of

    wanted = (speaker or "").strip().casefold()
    rows: list[dict[str, Any]] = []
    with _opened(db) as store:
        for item in iter_stored(store, _selection(story, since, until)):
            art = item.article
            for q in item.analysis.quotes:
                if wanted and (q.speaker or "").casefold() != wanted:
                    continue
                rows.append({"article_id": art.id, "story_id": None, "outlet": art.outlet,
                             "published": art.published, "title": art.title, "speaker": q.speaker,
                             "speaker_text": q.speaker_text, "kind": q.kind, "text": q.text, "cue": q.cue,
                             "start": q.start, "end": q.end})
        owners = stories_of(store, {r["article_id"] for r in rows}) if rows else {}
    for row in rows:
        row["story_id"] = owners.get(row["article_id"])
    return _dated(pd.DataFrame(rows, columns=QUOTE_FIELDS), "published")


def stories(db: str | None, *, since: DateArg, until: DateArg, min_size: int) -> pd.DataFrame:
    """One row per story (latest first) whose publication dates reach into [since, until]."""
    from newsprism.stories.storage import count_stories, list_stories

    if min_size < 1:
        raise InvalidArgument(f"min_size: {min_size} is below 1", hint="a story has at least one article")
    low, high = parse_day(since, "since"), parse_day(until, "until")
    with _opened(db) as store:
        listed = list_stories(store, limit=max(count_stories(store), 1), offset=0)
    rows = []
    for s in listed:
        if s.size < min_size or not _overlaps(s.first_seen, s.last_seen, low, high):
            continue
        rows.append({"story_id": s.id, "title": s.title, "size": s.size, "outlets": list(s.outlets),
                     "first_seen": s.first_seen, "last_seen": s.last_seen})
    return _dated(pd.DataFrame(rows, columns=STORY_FIELDS), "first_seen", "last_seen")


def _overlaps(first: str | None, last: str | None, low: str | None, high: str | None) -> bool:
    """Whether a story's span reaches into [low, high] (ISO prefixes); undated stories only unfiltered."""
    if low is None and high is None:
        return True
    if not first or not last:
        return False
    return (low is None or last[: len(low)] >= low) and (high is None or first[: len(high)] <= high)


def claims(db: str | None, *, story: str | None, verdict: str | None, min_size: int) -> pd.DataFrame:
    """One row per claim of the story views (a story's view is built and stored when missing)."""
    from newsprism.read import stories as read_stories

    if verdict is not None and verdict not in VERDICTS:
        raise InvalidArgument(f"verdict: {verdict!r} is not one of {', '.join(VERDICTS)}")
    with _opened(db) as store:
        if story:
            ids = [story]
        else:
            from newsprism.stories.storage import count_stories, list_stories

            ids = [s.id for s in list_stories(store, limit=max(count_stories(store), 1), offset=0)
                   if s.size >= max(min_size, 2)]  # a claim needs two reports
        rows = []
        for sid in ids:
            view = read_stories.story_view(store, sid)
            for c in view.claims:
                if verdict is None or c.verdict == verdict:
                    rows.append({"story_id": view.story_id, "claim_id": c.id, "kind": c.kind,
                                 "subject": c.subject, "unit": c.unit, "verdict": c.verdict,
                                 "explanation": c.explanation, "sources": c.sources,
                                 "values": to_builtins(c.values), "articles": list(c.articles)})
    return pd.DataFrame(rows, columns=CLAIM_FIELDS)
