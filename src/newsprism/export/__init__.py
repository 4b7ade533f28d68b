"""Exports from the store: GDELT 2.0 Events and Mentions, GKG 2.1, Parquet, JSON Lines, CSV.

Every format is written as a stream of byte chunks (`chunks`) from rows read `tables.BATCH`
articles at a time: the CLI writes them to a file, the API sends them as they come, and neither
holds more than one batch of articles whatever the size of the store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO, Any

from newsprism.errors import ExportError
from newsprism.export.tables import Selection, event_matches, iter_stored
from newsprism.export.writers import Count

log = logging.getLogger(__name__)

FORMATS = ("gdelt-events", "gdelt-mentions", "gkg", "parquet", "jsonl", "csv")
TABLES = ("events", "articles")


def check(fmt: str, table: str = "events") -> None:
    """ExportError unless `fmt` and `table` are ones this package writes."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}", hint=f"formats: {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}", hint=f"tables: {', '.join(TABLES)}")


def chunks(store: Any, fmt: str, sel: Selection | None = None, table: str = "events",
           count: Count | None = None) -> Iterator[bytes]:
    """The bytes of one export, chunk by chunk, written as the store is read; `count` (when
    given) counts the rows written so far. Nothing is read (nor pyarrow imported) before the
    first chunk is asked for; an unknown format or table is an ExportError at once."""
    check(fmt, table)
    return _lazy(store, fmt, sel or Selection(), table, count if count is not None else Count())


def _lazy(store: Any, fmt: str, sel: Selection, table: str, count: Count) -> Iterator[bytes]:
    yield from _chunks(store, fmt, sel, table, count)


def _chunks(store: Any, fmt: str, sel: Selection, table: str, count: Count) -> Iterator[bytes]:
    from newsprism.export import gdelt, gdelt_stream, tables, writers

    if fmt == "gdelt-events":
        return writers.tsv_chunks(gdelt_stream.event_rows(store, sel), len(gdelt.EVENT_COLUMNS), count)
    if fmt == "gdelt-mentions":
        return writers.tsv_chunks(gdelt_stream.mention_rows(store, sel), len(gdelt.MENTION_COLUMNS), count)
    if fmt == "gkg":
        return writers.tsv_chunks(gdelt_stream.gkg_rows(store, sel), len(gdelt.GKG_COLUMNS), count)
    events = table == "events"
    rows = tables.iter_event_rows(store, sel) if events else tables.iter_article_rows(store, sel)
    if fmt == "jsonl":
        return writers.jsonl_chunks(rows, count)
    fields = tables.EVENT_FIELDS if events else tables.article_fields(store)
    if fmt == "csv":
        return writers.csv_chunks(rows, fields, count)
    if events:
        return writers.parquet_chunks(rows, writers.event_schema(), count, writers.EVENT_ROW_GROUP)
    return writers.parquet_chunks(rows, writers.article_schema(fields), count, writers.ARTICLE_ROW_GROUP,
                                  text_values=True, dictionary=writers.ARTICLE_DICTIONARY,
                                  statistics=writers.ARTICLE_STATISTICS)


def export(store: Any, fmt: str, out: IO[bytes], sel: Selection | None = None,
           table: str = "events") -> int:
    """Write the selected records in `fmt` to `out`; returns the number of rows written."""
    count = Count()
    for chunk in chunks(store, fmt, sel, table, count):
        out.write(chunk)
    return count.rows


__all__ = ["FORMATS", "TABLES", "Count", "Selection", "chunks", "check", "event_matches", "export",
           "iter_stored"]
