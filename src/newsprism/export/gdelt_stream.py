"""GDELT Events, Mentions and GKG rows read from the store batch by batch, in constant memory.

An Events row counts every mention of its event across the selection (NumMentions, NumSources,
NumArticles, AvgTone), so it can only be written once all articles are read. Rather than keep
the articles, the Events export reads the store twice: the first pass notes each mention (event
id, article, outlet, tone) in an `EventIndex`, a private temporary SQLite file whose page cache
is capped (`INDEX_CACHE_KB`), so memory stays flat whatever the size of the store; the second
pass writes each event's row where it was first seen, in arrival order. Mentions need only where
each event was first added, so they take one pass (in arrival order, too); GKG one row per article.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from newsprism.export import tables
from newsprism.export.gdelt import (
    Seen,
    added,
    event_id,
    event_key,
    event_row,
    mention_row,
    source_name,
)
from newsprism.export.gkg import gkg_row
from newsprism.export.tables import Selection, Stored, event_matches, iter_stored
from newsprism.export.tone import tone
from newsprism.records import Event

INDEX_CACHE_KB = 4096  # the index's page cache; beyond it SQLite spills to its temporary file
EVENT_STEPS = ("events", "sentences", "places")  # what an Events row reads of an article
MENTION_STEPS = ("events", "sentences")
GKG_STEPS = ("entities", "figures", "places", "dates", "quotes")


class EventIndex:
    """Mentions of GDELT events, kept on disk: who mentioned which event, and where it was first seen."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "": a private temporary file, deleted when closed
        self.db.executescript(
            f"PRAGMA cache_size = -{INDEX_CACHE_KB}; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "CREATE TABLE mention (gid INTEGER, seq INTEGER, n INTEGER, article TEXT, source TEXT, tone REAL);"
            "CREATE TABLE first_added (gid INTEGER PRIMARY KEY, added TEXT)")

    def close(self) -> None:
        self.db.close()

    def note(self, rows: list[tuple[int, int, int, str, str, float]]) -> None:
        """Mentions (gid, article seq, event index, article id, source, tone) in arrival order."""
        self.db.executemany("INSERT INTO mention VALUES (?, ?, ?, ?, ?, ?)", rows)

    def summarise(self) -> None:
        """Per event: where it was first seen and how it was reported (after every `note`)."""
        self.db.executescript(
            "CREATE TABLE seen AS SELECT m.gid, m.seq, m.n, c.mentions, c.sources, c.articles, t.tone"
            " FROM (SELECT gid, MIN(rowid) AS first, COUNT(*) AS mentions, COUNT(DISTINCT source) AS sources,"
            "       COUNT(DISTINCT article) AS articles FROM mention GROUP BY gid) c"
            " JOIN mention m ON m.rowid = c.first"
            " JOIN (SELECT gid, AVG(tone) AS tone FROM (SELECT DISTINCT gid, article, tone FROM mention)"
            "       GROUP BY gid) t ON t.gid = c.gid;"
            "CREATE INDEX seen_seq ON seen (seq); DROP TABLE mention;")

    def first_seen_in(self, seq: int) -> dict[int, Seen]:
        """The events first seen in article `seq`, by their index in its events."""
        rows = self.db.execute("SELECT n, gid, mentions, sources, articles, tone FROM seen WHERE seq = ?", (seq,))
        return {int(n): Seen(int(gid), int(m), int(s), int(a), tone) for n, gid, m, s, a, tone in rows}

    def first_added(self, gid: int, stamp: str) -> str:
        """When event `gid` was first added: `stamp` the first time it is asked, as then after."""
        self.db.execute("INSERT OR IGNORE INTO first_added VALUES (?, ?)", (gid, stamp))
        return str(self.db.execute("SELECT added FROM first_added WHERE gid = ?", (gid,)).fetchone()[0])


def _kept(item: Stored, sel: Selection) -> Iterator[tuple[int, Event, int]]:
    """(index, event, GLOBALEVENTID) of the article's events the selection keeps."""
    for n, ev in enumerate(item.analysis.events):
        if event_matches(ev, sel):
            yield n, ev, event_id(*event_key(ev))


def event_rows(store: Any, sel: Selection) -> Iterator[list[str]]:
    """GDELT Events rows of the selection, each where its event was first seen."""
    index = EventIndex()
    try:
        last = 0
        for item in iter_stored(store, sel, steps=("events",)):
            last = item.seq
            kept = list(_kept(item, sel))
            if kept:
                doc_tone, source = tone(item.article.text).tone, source_name(item)
                index.note([(gid, item.seq, n, item.article.id, source, doc_tone) for n, _ev, gid in kept])
        index.summarise()
        for item in iter_stored(store, sel, steps=EVENT_STEPS):
            if item.seq > last:
                break  # added after the first pass: not counted, so not written
            firsts = index.first_seen_in(item.seq)
            for n, ev, gid in _kept(item, sel):
                seen = firsts.get(n)
                if seen is not None and seen.gid == gid:  # else the article was re-analysed meanwhile
                    yield event_row(item, ev, seen)
    finally:
        index.close()


def mention_rows(store: Any, sel: Selection) -> Iterator[list[str]]:
    """GDELT Mentions rows of the selection, one per event occurrence, in arrival order."""
    index = EventIndex()
    try:
        for item in iter_stored(store, sel, steps=MENTION_STEPS):
            kept = list(_kept(item, sel))
            if not kept:
                continue
            doc_tone, stamp = tone(item.article.text).tone, added(item)
            for _n, ev, gid in kept:
                yield mention_row(item, ev, gid, index.first_added(gid, stamp), doc_tone)
    finally:
        index.close()


def gkg_rows(store: Any, sel: Selection) -> Iterator[list[str]]:
    """GKG 2.1 records, one per selected article, numbered in arrival order."""
    for n, item in enumerate(iter_stored(store, sel, batch=tables.ARTICLE_BATCH, steps=GKG_STEPS), 1):
        yield gkg_row(item, n)
