"""Export downloads that stream: rows are read in batches and sent as they are written, so the
server's memory stays the same whatever the size of the store (JSON Lines and CSV).

Anonymous clients may export at most `OPEN_EXPORT_ARTICLES` selected articles (narrow with story=
or since/until); a larger selection, up to the whole store, needs the bearer token (`api_token`).
"""

from __future__ import annotations

import csv
import hmac
import io
from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

from newsprism.errors import Forbidden, Unauthorized
from newsprism.export import tables
from newsprism.records import ANALYSIS_STEPS, Article, to_builtins
from newsprism.store.base import SQLStore

OPEN_EXPORT_ARTICLES = 1000  # articles an anonymous client may export in one request
STREAMED = frozenset({"jsonl", "csv"})
CHUNK = 256 * 1024  # bytes sent at once


def selected_articles(store: SQLStore, sel: tables.Selection) -> int:
    """How many stored articles the selection covers (one COUNT over the articles)."""
    where, params = tables._where(store, sel)
    return int(store.query(f"SELECT COUNT(*) FROM articles a WHERE {where}", params)[0][0])


def has_token(token: str, header: str | None) -> bool:
    scheme, _, given = (header or "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode())


def check_export_allowed(store: SQLStore, sel: tables.Selection, token: str, header: str | None) -> None:
    """Large exports need the bearer token: 401 without it (403 when the server has none)."""
    if has_token(token, header):
        return
    count = selected_articles(store, sel)
    if count <= OPEN_EXPORT_ARTICLES:
        return
    hint = ("narrow it with story= or since/until, or export with `newsprism export` on the server"
            if not token else "narrow it with story= or since/until, or send Authorization: Bearer <api_token>")
    message = (f"the selection covers {count} articles; anonymous exports are limited to "
               f"{OPEN_EXPORT_ARTICLES}")
    if not token:
        raise Forbidden(message, hint=hint)
    raise Unauthorized(message, hint=hint)


def article_rows(store: SQLStore, sel: tables.Selection) -> Iterator[dict[str, Any]]:
    """One row per selected article (every field and one key per step), batch by batch."""
    for item in tables.iter_stored(store, sel):
        row: dict[str, Any] = to_builtins(item.article)
        row["ingested_at"] = item.ingested_at
        for step, output in sorted(item.analysis.outputs().items()):
            row[step] = to_builtins(output)
        yield row


def event_rows(store: SQLStore, sel: tables.Selection, batch: int = 200) -> Iterator[dict[str, Any]]:
    """One row per selected event with its article's story, looked up batch by batch."""
    from newsprism.stories.storage import stories_of

    pending: list[dict[str, Any]] = []
    for item, n, event in tables.iter_events(store, sel):
        pending.append(tables.event_row(item, n, event))
        if len(pending) >= batch:
            yield from _with_stories(store, pending, stories_of)
            pending = []
    yield from _with_stories(store, pending, stories_of)


def _with_stories(store: SQLStore, rows: list[dict[str, Any]], stories_of: Any) -> list[dict[str, Any]]:
    stories = stories_of(store, {r["article_id"] for r in rows}) if rows else {}
    for row in rows:
        row["story_id"] = stories.get(row["article_id"])
    return rows


def jsonl_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    chunk = CHUNK
    buf = bytearray()
    for row in rows:
        buf += msgspec.json.encode(row) + b"\n"
        if len(buf) >= chunk:
            yield bytes(buf)
            buf.clear()
    if buf:
        yield bytes(buf)


def csv_chunks(rows: Iterable[dict[str, Any]], fields: list[str]) -> Iterator[bytes]:
    """CSV with a header; nested values as JSON text (as `newsprism export csv`)."""
    chunk = CHUNK
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: tables._flat(row.get(k)) for k in fields})
        if text.tell() >= chunk:
            yield text.getvalue().encode("utf-8")
            text.seek(0)
            text.truncate()
    yield text.getvalue().encode("utf-8")


class _Sink:
    """A write-only file for pyarrow's ParquetWriter whose bytes are taken out as they come."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.pos = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.buf += data
        self.pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self.pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        out = bytes(self.buf)
        self.buf.clear()
        return out


_LISTS = frozenset({"authors", "subheads"})


def parquet_chunks(rows: Iterable[dict[str, Any]], fields: list[str], batch: int = 200) -> Iterator[bytes]:
    """Parquet of article rows, one row group per `batch` rows: lists of names stay string lists,
    every other value is text (nested values as JSON text, as `newsprism export parquet`)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(f, pa.list_(pa.string()) if f in _LISTS else pa.string()) for f in fields])
    sink = _Sink()
    writer = pq.ParquetWriter(sink, schema)
    pending: list[dict[str, Any]] = []

    def flush() -> bytes:
        columns = {f: [_parquet_text(f, row.get(f)) for row in pending] for f in fields}
        writer.write_table(pa.table(columns, schema=schema))
        pending.clear()
        return sink.take()

    for row in rows:
        pending.append(row)
        if len(pending) >= batch:
            yield flush()
    if pending:
        yield flush()
    writer.close()
    yield sink.take()


def _parquet_text(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in _LISTS and isinstance(value, list):
        return [str(v) for v in value]
    flat = tables._flat(value)
    return flat if isinstance(flat, str) else str(flat)


def stream(store: SQLStore, fmt: str, table: str, sel: tables.Selection) -> Iterator[bytes]:
    """The bytes of a JSON Lines or CSV export (or Parquet of articles), written as they are read."""
    rows = event_rows(store, sel) if table == "events" else article_rows(store, sel)
    if fmt == "parquet":
        return parquet_chunks(rows, article_fields(store))
    if fmt == "jsonl":
        return jsonl_chunks(rows)
    fields = tables.EVENT_FIELDS if table == "events" else article_fields(store)
    return csv_chunks(rows, fields)


def article_fields(store: SQLStore) -> list[str]:
    """The articles table's CSV columns: every article field, then the analysis steps the store
    holds (the columns `newsprism export csv` writes)."""
    stored = {str(r[0]) for r in store.query("SELECT DISTINCT step FROM step_results")}
    return [*Article.__struct_fields__, "ingested_at", *sorted(s for s in ANALYSIS_STEPS if s in stored)]
