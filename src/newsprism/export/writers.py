"""Rows to bytes, chunk by chunk: every writer takes an iterator of rows and yields the file's bytes
as they fill, so a whole export never sits in memory (the CLI writes the chunks to a file, the
API sends them as they come). `Count` tells the caller how many rows went out.

Parquet is written one row group at a time (`EVENT_ROW_GROUP` event rows or `ARTICLE_ROW_GROUP`
articles, fewer when their text passes `ROW_GROUP_BYTES`), compressed with zstd; the events table
has typed columns (dates as dates, numbers as numbers), the articles table text columns with
nested values as JSON text. Event rows are small and repetitive (codes, outlets, dates), so they
go in large groups, where the dictionaries pay; article rows are large and mostly unique text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import IO, Any

import msgspec

from newsprism.errors import ExportError
from newsprism.export.tables import EVENT_FIELDS, flat

CHUNK = 256 * 1024  # bytes written at once
EVENT_ROW_GROUP = 10_000  # Parquet rows per row group of the events table (~0.5 KB each)
ARTICLE_ROW_GROUP = 200  # ... of the articles table (text and every step's output: ~25 KB each)
ROW_GROUP_BYTES = 16 * 1024 * 1024  # ... or fewer, when their text is this large
ZSTD_LEVEL = 6  # ~10 % smaller than level 3 on article text and step outputs, for ~1 CPU-ms a row group
# Only columns with few distinct values are dictionary-encoded: a dictionary of unique texts
# (article bodies, JSON of step outputs) costs time and is thrown away at the first page.
ARTICLE_DICTIONARY = ["outlet", "agency", "language", "published", "authors.list.element",
                      "subheads.list.element"]
# Min/max statistics only where a reader can filter on them (not whole texts or JSON documents).
ARTICLE_STATISTICS = ["id", "source", "url", "title", "outlet", "agency", "published", "language", "ingested_at"]
STRING_LISTS = frozenset({"authors", "subheads"})
EVENT_TYPES = {  # events table column -> Parquet type (anything else is text)
    "event_index": "int64", "published": "timestamp", "goldstein": "float64", "quad_class": "int64",
    "date": "date", "start": "int64", "end": "int64",
}


@dataclass
class Count:
    """Rows written so far by a chunk writer."""

    rows: int = 0


def _buffered(lines: Iterable[bytes]) -> Iterator[bytes]:
    buf = bytearray()
    for line in lines:
        buf += line
        if len(buf) >= CHUNK:
            yield bytes(buf)
            buf.clear()
    if buf:
        yield bytes(buf)


def _counted(rows: Iterable[Any], count: Count) -> Iterator[Any]:
    for row in rows:
        count.rows += 1
        yield row


def jsonl_chunks(rows: Iterable[dict[str, Any]], count: Count) -> Iterator[bytes]:
    """JSON Lines: one object per row, nested values kept."""
    return _buffered(msgspec.json.encode(row) + b"\n" for row in _counted(rows, count))


def csv_chunks(rows: Iterable[dict[str, Any]], fields: list[str], count: Count) -> Iterator[bytes]:
    """CSV with a header; nested values as JSON text."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in _counted(rows, count):
        writer.writerow({k: flat(row.get(k)) for k in fields})
        if text.tell() >= CHUNK:
            yield text.getvalue().encode("utf-8")
            text.seek(0)
            text.truncate()
    yield text.getvalue().encode("utf-8")


def tsv_chunks(rows: Iterable[list[str]], width: int, count: Count) -> Iterator[bytes]:
    """Tab-separated rows, no header, no tab or newline inside a value; every row must have
    `width` fields."""
    from newsprism.export.gdelt import clean

    def lines() -> Iterator[bytes]:
        for row in _counted(rows, count):
            if len(row) != width:
                raise ExportError(f"row has {len(row)} fields, expected {width} (a bug in the exporter)")
            yield ("\t".join(clean(v) for v in row) + "\n").encode("utf-8")

    return _buffered(lines())


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


def event_schema() -> Any:
    """The events table's Parquet schema: typed dates and numbers, text for the rest."""
    import pyarrow as pa

    types = {"int64": pa.int64(), "float64": pa.float64(), "date": pa.date32(),
             "timestamp": pa.timestamp("us", tz="UTC")}
    return pa.schema([(f, types.get(EVENT_TYPES.get(f, ""), pa.string())) for f in EVENT_FIELDS])


def article_schema(fields: list[str]) -> Any:
    """The articles table's Parquet schema: lists of names stay string lists, the rest is text."""
    import pyarrow as pa

    return pa.schema([(f, pa.list_(pa.string()) if f in STRING_LISTS else pa.string()) for f in fields])


def _article_value(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in STRING_LISTS and isinstance(value, list):
        return [str(v) for v in value]
    text = flat(value)
    return text if isinstance(text, str) else str(text)


_EPOCH = date(1970, 1, 1)


def _event_value(value: Any) -> Any:
    """A value as Arrow's JSON reader takes it for its column type: a date as days since 1970,
    a datetime as ISO text in UTC."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
    if isinstance(value, date):
        return (value - _EPOCH).days
    return value


def parquet_chunks(rows: Iterable[dict[str, Any]], schema: Any, count: Count, group: int,
                   text_values: bool = False, dictionary: list[str] | bool = True,
                   statistics: list[str] | bool = True) -> Iterator[bytes]:
    """Parquet, one row group per `group` rows (fewer when they pass `ROW_GROUP_BYTES`).

    Each row is encoded to one JSON line as it arrives (with `text_values`, its values made text
    by `_article_value`), so a pending row costs its JSON size, not its decoded objects; a row
    group is read from those lines by Arrow's JSON reader under the fixed schema. (Building it
    from Python lists instead makes pyarrow import pandas: ~50 MB more per server process.)"""
    import pyarrow as pa
    import pyarrow.json as pj
    import pyarrow.parquet as pq

    sink = _Sink()
    writer = pq.ParquetWriter(sink, schema, compression="zstd", compression_level=ZSTD_LEVEL,
                              use_dictionary=dictionary, write_statistics=statistics)
    names = schema.names
    parse = pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error")
    pending: list[bytes] = []
    size = 0

    def flush() -> bytes:
        data = b"".join(pending)
        pending.clear()
        try:
            table = pj.read_json(pa.BufferReader(data), parse_options=parse, read_options=pj.ReadOptions(
                use_threads=False, block_size=max(len(data) + 1, 1 << 20)))
            writer.write_table(table)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise ExportError(f"cannot write a Parquet row group: {exc}") from exc
        return sink.take()

    for row in _counted(rows, count):
        if text_values:
            values = {f: _article_value(f, row.get(f)) for f in names}
        else:
            values = {f: _event_value(row.get(f)) for f in names}
        line = msgspec.json.encode(values) + b"\n"
        pending.append(line)
        size += len(line)
        if len(pending) >= group or size >= ROW_GROUP_BYTES:
            yield flush()
            size = 0
    if pending:
        yield flush()
    writer.close()
    yield sink.take()
    pa.default_memory_pool().release_unused()  # give the row groups' buffers back to the system


def write(chunks: Iterable[bytes], out: IO[bytes]) -> None:
    """Write every chunk to `out`."""
    for chunk in chunks:
        out.write(chunk)
