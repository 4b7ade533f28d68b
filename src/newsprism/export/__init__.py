"""Exports from the store: GDELT 2.0 Events and Mentions, GKG 2.1, Parquet, JSON Lines, CSV."""

from __future__ import annotations

import logging
from typing import IO, Any

from newsprism.errors import ExportError
from newsprism.export.tables import Selection, article_rows, event_matches, event_rows, iter_stored

log = logging.getLogger(__name__)

FORMATS = ("gdelt-events", "gdelt-mentions", "gkg", "parquet", "jsonl", "csv")
TABLES = ("events", "articles")


def export(store: Any, fmt: str, out: IO[bytes], sel: Selection | None = None,
           table: str = "events") -> int:
    """Write the selected records in `fmt` to `out`; returns the number of rows written."""
    from newsprism.export import gdelt, gkg, tables

    sel = sel or Selection()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}", hint=f"formats: {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}", hint=f"tables: {', '.join(TABLES)}")
    if fmt in ("gdelt-events", "gdelt-mentions"):
        groups = gdelt.group_events(iter_stored(store, sel), keep=lambda ev: event_matches(ev, sel))
        if fmt == "gdelt-events":
            return gdelt.write_tsv((gdelt.event_row(g) for g in groups), out, len(gdelt.EVENT_COLUMNS))
        rows = (r for g in groups for r in gdelt.mention_rows(g))
        return gdelt.write_tsv(rows, out, len(gdelt.MENTION_COLUMNS))
    if fmt == "gkg":
        rows = (gkg.gkg_row(item, n) for n, item in enumerate(iter_stored(store, sel), 1))
        return gdelt.write_tsv(rows, out, len(gdelt.GKG_COLUMNS))
    records = event_rows(store, sel) if table == "events" else article_rows(store, sel)
    fields = tables.EVENT_FIELDS if table == "events" else None
    if fmt == "jsonl":
        tables.write_jsonl(records, out)
    elif fmt == "csv":
        tables.write_csv(records, out, fields)
    else:
        tables.write_parquet(records, out, fields)
    return len(records)


__all__ = ["FORMATS", "TABLES", "Selection", "export"]
