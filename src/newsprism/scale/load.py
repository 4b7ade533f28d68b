"""Bulk-load the Parquet output of a scale-out run into a store (SQLite or PostgreSQL).

Each finished shard is read row group by row group; a batch of articles is written in one
transaction with exactly what `ingest` writes (article, step outputs, failures, search terms), and
the after-save hooks (story assignment) run on the new ones once the batch is committed. Loading
the same folder twice changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pyarrow.parquet as pq

from newsprism.engine import Engine, RunReport
from newsprism.errors import ScaleError
from newsprism.scale.records import from_row
from newsprism.scale.shards import OutDir

log = logging.getLogger(__name__)

BATCH = 200


def load_dir(out_uri: str, engine: Engine,
             on_shard: Callable[[str, RunReport], None] | None = None) -> RunReport:
    """Store every article of every finished shard in `out_uri` through the engine (its store and
    hooks); return what changed."""
    out = OutDir(out_uri)
    names = out.done_names()
    if not names:
        raise ScaleError(f"no finished shards in {out_uri}",
                         hint="run `newsprism run INPUT... --out DIR` first")
    report = engine.report()
    for name in names:
        _load_shard(out, name, engine, report)
        report.loaded.append(name)
        if on_shard is not None:
            on_shard(name, report)
    return report


def _load_shard(out: OutDir, name: str, engine: Engine, report: RunReport) -> None:
    try:
        parquet = pq.ParquetFile(out.path(f"{name}.parquet"), filesystem=out.fs)
        for batch in parquet.iter_batches(batch_size=BATCH):
            engine.save_batch([from_row(row) for row in batch.to_pylist()], report)
    except (OSError, ValueError) as exc:
        raise ScaleError(f"shard {name}: cannot read its Parquet file: {exc}") from exc
