"""The Arrow/Parquet schema of shard files: one row per article (see `scale/records.py`)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

SCHEMA_VERSION = "1"

PARQUET_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("shard", pa.string(), nullable=False),
        pa.field("position", pa.int64(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("outlet", pa.string()),
        pa.field("published", pa.string()),
        pa.field("language", pa.string()),
        pa.field("article", pa.string(), nullable=False),
        pa.field("outputs", pa.string(), nullable=False),
        pa.field("versions", pa.string(), nullable=False),
        pa.field("failures", pa.string(), nullable=False),
        pa.field("keys", pa.string()),  # step -> input key (JSON); absent in shards before it
    ],
    metadata={"newsprism.schema": SCHEMA_VERSION},
)
"""Columns of every shard file; `article`, `outputs`, `versions`, `failures`, `keys` hold JSON."""

COLUMNS = PARQUET_SCHEMA.names


def rows_to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """A batch of rows as an Arrow table in the shard schema."""
    return pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA)
