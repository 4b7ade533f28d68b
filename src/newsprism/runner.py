"""Runs the pipeline over ingested items and stores the results: the shared path of `ingest`,
`watch` and the API's ingest endpoint. It never prints; it returns counts and failures."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsprism.errors import NewsprismError
from newsprism.pipeline import Pipeline
from newsprism.records import Article, ArticleResult, IngestFailure
from newsprism.store.base import SQLStore

log = logging.getLogger(__name__)

AfterSave = Callable[[SQLStore, ArticleResult], None]
"""Called after a new article is stored (e.g. story assignment); must not raise on bad data."""


@dataclass
class RunSummary:
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    ingest_failures: list[IngestFailure] = field(default_factory=list)
    step_failures: int = 0
    new_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.step_failures == 0


def ingest_items(
    items: Iterable[Article | IngestFailure],
    store: SQLStore,
    pipeline: Pipeline,
    *,
    strict: bool = False,
    after_save: Iterable[AfterSave] = (),
    on_item: Callable[[Article | IngestFailure, str], None] | None = None,
) -> RunSummary:
    """Analyse and store each new article (one transaction each); count what happened.

    `on_item(item, status)` is told "new", "unchanged" or "failed" for every item (for progress).
    """
    hooks = list(after_save)
    summary = RunSummary()
    for item in items:
        status = _one(item, store, pipeline, strict, hooks, summary)
        if on_item is not None:
            on_item(item, status)
    return summary


def _one(
    item: Article | IngestFailure,
    store: SQLStore,
    pipeline: Pipeline,
    strict: bool,
    hooks: list[AfterSave],
    summary: RunSummary,
) -> str:
    if isinstance(item, IngestFailure):
        summary.failed += 1
        summary.ingest_failures.append(item)
        return "failed"
    if store.has_article(item.id):
        summary.unchanged += 1
        return "unchanged"
    result = pipeline.run(item, strict=strict)
    summary.step_failures += len([f for f in result.failures if f.error_type != "Skipped"])
    if not store.save_result(result):
        summary.unchanged += 1
        return "unchanged"
    summary.new += 1
    summary.new_ids.append(item.id)
    for hook in hooks:
        try:
            hook(store, result)
        except NewsprismError as exc:
            if strict:
                raise
            log.warning("after-save hook failed on %s: %s", item.id, exc)
            summary.step_failures += 1
    return "new"
