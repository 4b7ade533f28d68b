"""Bulk-load the Parquet output of a scale-out run into a store (SQLite or PostgreSQL).

Each finished shard is read row group by row group; a batch of articles is written in one
transaction with exactly what `ingest` writes (article, step outputs, failures, search terms), and
the after-save hooks (story assignment) run on the new ones once the batch is committed. Loading
the same folder twice changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyarrow.parquet as pq

from newsprism.errors import NewsprismError, ScaleError
from newsprism.records import ArticleResult
from newsprism.runner import AfterSave
from newsprism.scale.records import from_row
from newsprism.scale.shards import OutDir
from newsprism.store.base import SQLStore

log = logging.getLogger(__name__)

BATCH = 200


@dataclass
class LoadReport:
    shards: int = 0
    new: int = 0
    unchanged: int = 0
    hook_failures: int = 0
    new_ids: list[str] = field(default_factory=list)


def load_dir(
    out_uri: str,
    store: SQLStore,
    *,
    after_save: Iterable[AfterSave] = (),
    strict: bool = False,
    on_shard: Callable[[str, LoadReport], None] | None = None,
) -> LoadReport:
    """Store every article of every finished shard in `out_uri`; return what changed."""
    out = OutDir(out_uri)
    names = out.done_names()
    if not names:
        raise ScaleError(f"no finished shards in {out_uri}",
                         hint="run `newsprism run INPUT... --out DIR` first")
    hooks = list(after_save)
    report = LoadReport()
    for name in names:
        _load_shard(out, name, store, hooks, strict, report)
        report.shards += 1
        if on_shard is not None:
            on_shard(name, report)
    return report


def _load_shard(out: OutDir, name: str, store: SQLStore, hooks: list[AfterSave], strict: bool,
                report: LoadReport) -> None:
    try:
        parquet = pq.ParquetFile(out.path(f"{name}.parquet"), filesystem=out.fs)
        for batch in parquet.iter_batches(batch_size=BATCH):
            results = [from_row(row) for row in batch.to_pylist()]
            new = _store_batch(store, results)
            report.new += len(new)
            report.unchanged += len(results) - len(new)
            report.new_ids.extend(r.article.id for r in new)
            _run_hooks(store, new, hooks, strict, report)
    except (OSError, ValueError) as exc:
        raise ScaleError(f"shard {name}: cannot read its Parquet file: {exc}") from exc


def _store_batch(store: SQLStore, results: list[ArticleResult]) -> list[ArticleResult]:
    """Write a batch in one transaction; the results whose article was new."""
    new: list[ArticleResult] = []
    with store.transaction() as cur:
        for result in results:
            if store._insert_article(cur, result.article):
                new.append(result)
            store._save_outputs(cur, result)
    return new


def _run_hooks(store: SQLStore, new: list[ArticleResult], hooks: list[AfterSave], strict: bool,
               report: LoadReport) -> None:
    for result in new:
        for hook in hooks:
            try:
                hook(store, result)
            except NewsprismError as exc:
                if strict:
                    raise
                log.warning("after-save hook failed on %s: %s", result.article.id, exc)
                report.hook_failures += 1
