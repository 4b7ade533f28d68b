"""The pandas face of the store: `events()` and `articles()` return DataFrames.

`import newsprism` stays light: `newsprism.events` and `newsprism.articles` import this module (and
pandas) only when called.
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd

from newsprism.dates import parse_day
from newsprism.export.tables import EVENT_FIELDS, Selection, article_rows, event_rows

log = logging.getLogger(__name__)


def _open(db: str | None) -> Any:
    from newsprism.config import Settings
    from newsprism.store import open_store

    return open_store(db or Settings.load().db, must_exist=True)


def events(db: str | None = None, *, story: str | None = None, actor: str | None = None,
           type: str | None = None, since: str | None = None,  # noqa: A002
           until: str | None = None) -> pd.DataFrame:
    """One row per coded event (columns as `newsprism export --format csv`), filtered."""
    store = _open(db)
    try:
        rows = event_rows(store, Selection(story=story, since=parse_day(since, "since"),
                                           until=parse_day(until, "until"), actor=actor, type=type))
    finally:
        store.close()
    return pd.DataFrame(rows, columns=EVENT_FIELDS)


def articles(db: str | None = None, *, story: str | None = None, since: str | None = None,
             until: str | None = None) -> pd.DataFrame:
    """One row per stored article: its fields and one column per step output (records as dicts)."""
    store = _open(db)
    try:
        rows = article_rows(store, Selection(story=story, since=parse_day(since, "since"),
                                             until=parse_day(until, "until")))
    finally:
        store.close()
    return pd.DataFrame(rows)
