"""The engine: one pipeline, one store and the after-save hooks, built once per process.

Every way in goes through it: `ingest`, `demo`, `watch` and the API's ingest endpoint
(`Engine.ingest`), `load` (`Engine.save_batch`), `reanalyze` (`Engine.reanalyze`), and the scale
runners' workers (`Engine.pipeline`, no store). It never prints; what a run did is one
`RunReport`. The hook policy lives here only: a hook's NewsprismError is recorded and counted; any
other exception is a bug, re-raised under `strict`, else logged with its traceback, recorded as a
failure of the hook (in the store's step failures) and counted; the run goes on.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsprism.analyze import default_steps
from newsprism.errors import NewsprismError, StepError
from newsprism.pipeline import Pipeline, StepStats
from newsprism.reanalyze import reanalyze_one
from newsprism.records import Article, ArticleResult, IngestFailure, ShardSummary, StepFailure
from newsprism.store.base import SQLStore

if TYPE_CHECKING:
    from newsprism.config import Settings

log = logging.getLogger(__name__)

AfterSave = Callable[[SQLStore, ArticleResult], None]
"""Called after a new article is stored (e.g. story assignment)."""


@dataclass
class RunReport:
    """What a run did, whichever way in: ingest, watch, API ingest, load, reanalyze, scale runs."""

    articles: int = 0  # articles analysed or loaded
    new: int = 0  # articles stored for the first time
    unchanged: int = 0  # articles already stored
    updated: int = 0  # stored articles re-analysed
    step_failures: int = 0  # failed steps (not the ones skipped because of them)
    hook_failures: int = 0  # after-save hooks that failed
    healed: int = 0  # stored articles left without a story by an interrupted writer, assigned now
    new_ids: list[str] = field(default_factory=list)
    ingest_failures: list[IngestFailure] = field(default_factory=list)  # inputs or shards not read
    shards: list[ShardSummary] = field(default_factory=list)  # scale runs: shards processed now
    skipped: list[str] = field(default_factory=list)  # scale runs: shards finished before
    loaded: list[str] = field(default_factory=list)  # load: shards read
    stats: dict[str, StepStats] = field(default_factory=dict)  # per step, summed over workers

    @property
    def failed(self) -> int:
        return len(self.ingest_failures)

    @property
    def ok(self) -> bool:
        return not self.ingest_failures and self.step_failures == 0 and self.hook_failures == 0 \
            and all(s.ok for s in self.shards)

    def count(self, result: ArticleResult) -> None:
        """Count one analysed article's failed steps."""
        self.articles += 1
        self.step_failures += sum(1 for f in result.failures if f.error_type != "Skipped")


def default_pipeline() -> Pipeline:
    """The analysis steps newsprism runs by default, in order (each step loads its lexicons when
    first built: build one engine per process, not one pipeline per call)."""
    return Pipeline(default_steps())


def build_pipeline(steps: Sequence[str] | None = None) -> Pipeline:
    """The default pipeline, or the part of it that computes `steps` (with what they need)."""
    pipeline = default_pipeline()
    return pipeline.select(steps) if steps else pipeline


class Engine:
    """The pipeline, the store and the after-save hooks of one process."""

    def __init__(self, pipeline: Pipeline, store: SQLStore | None = None,
                 hooks: Iterable[AfterSave] = (), *, strict: bool = False) -> None:
        self.pipeline = pipeline
        self._store = store
        self.hooks = list(hooks)
        self.strict = strict
        self._healed = False

    def report(self) -> RunReport:
        """A new report whose step counters are this engine's pipeline's."""
        return RunReport(stats=self.pipeline.stats)

    @classmethod
    def build(cls, settings: Settings, store: SQLStore | None = None, *,
              steps: Sequence[str] | None = None, hooks: bool = True,
              strict: bool | None = None) -> Engine:
        """The engine the settings describe; with a store and `hooks`, story assignment then the
        alert rules run after each save. `strict` defaults to the settings' (a server passes
        False: it must go on)."""
        from newsprism.alerts import alert_hooks
        from newsprism.stories import after_save_hooks

        return cls(build_pipeline(steps), store,
                   after_save_hooks(settings) + alert_hooks(settings) if hooks and store is not None else (),
                   strict=settings.strict if strict is None else strict)

    @property
    def store(self) -> SQLStore:
        if self._store is None:
            raise NewsprismError("this engine has no store (it was built to analyse only)")
        return self._store

    def analyze(self, article: Article) -> ArticleResult:
        """Run the pipeline on one article (nothing stored)."""
        return self.pipeline.run(article, strict=self.strict)

    def ingest(self, items: Iterable[Article | IngestFailure],
               on_item: Callable[[Article | IngestFailure, str], None] | None = None,
               report: RunReport | None = None) -> RunReport:
        """Analyse and store each new article, then run the hooks on it.

        Writes are batched: up to `BATCH` analysed articles (or what `BATCH_SECONDS` of wall
        time gathered) land in one transaction, each article in its own savepoint, so a failed
        save loses that article only; the hooks then run on the new ones in input order. A save
        that failed is raised after the rest of its batch is stored and hooked.
        `on_item(item, status)` is told "new", "unchanged" or "failed" for every item.
        """
        report = report if report is not None else self.report()
        self.heal(report)
        batch = _Batch(self, report, on_item)
        for item in items:
            batch.add(item)
        batch.flush()
        self.heal(report)
        return report

    def _store_batch(self, results: list[ArticleResult], report: RunReport) -> set[str]:
        """Save analysed articles in one transaction and hook the new ones; their ids."""
        new, failed = self.store.save_each(results)
        for result in new:
            report.new += 1
            report.new_ids.append(result.article.id)
        _fault_point("article-stored")
        for result in new:
            self.after_save(result, report)
        if failed:
            raise failed[0][1]
        return {r.article.id for r in new}

    def save_batch(self, results: Sequence[ArticleResult], report: RunReport) -> None:
        """Store analysed articles in one transaction (e.g. from Parquet), then run the hooks on
        the new ones; results of articles already stored replace outputs of the same key."""
        self.heal(report)
        new = self.store.save_results(results)
        report.articles += len(results)
        report.new += len(new)
        report.unchanged += len(results) - len(new)
        report.new_ids.extend(r.article.id for r in new)
        for result in new:
            self.after_save(result, report)
        self.heal(report)

    def heal(self, report: RunReport) -> None:
        """Let the hooks repair what an interrupted or out-raced writer left behind (an article
        stored without its story): once per engine, and again after a hook failed."""
        if self._healed or self._store is None:
            return
        self._healed = True
        for hook in self.hooks:
            heal = getattr(hook, "heal", None)
            if heal is None:
                continue
            try:
                report.healed += int(heal(self.store, self.strict))  # a bug re-raised under strict
            except NewsprismError as exc:  # e.g. the store is failing: the next run tries again
                if self.strict:
                    raise
                log.warning("could not repair what %s left undone: %s", _hook_name(hook), exc)

    def after_save(self, result: ArticleResult, report: RunReport) -> None:
        """Run every hook on a newly stored article: the one hook policy."""
        for hook in self.hooks:
            try:
                hook(self.store, result)
            except NewsprismError as exc:
                if self.strict:
                    raise
                log.warning("after-save hook failed on %s: %s", result.article.id, exc)
                self._record_hook_failure(hook, result, exc, report)
            except Exception as exc:  # a bug: surface it as one, never as bad data
                if self.strict:
                    raise StepError(_hook_name(hook), result.article.id, exc) from exc
                log.exception("after-save hook %s hit a bug on %s", _hook_name(hook), result.article.id)
                self._record_hook_failure(hook, result, exc, report)

    def _record_hook_failure(self, hook: AfterSave, result: ArticleResult, exc: Exception,
                             report: RunReport) -> None:
        report.hook_failures += 1
        self._healed = False  # the next heal gives this article what the hook did not
        failure = StepFailure(step=_hook_name(hook), error_type=type(exc).__name__, message=str(exc))
        try:
            self.store.record_failure(result.article.id, failure, "0")
        except NewsprismError as again:  # the store itself is failing: the count still says so
            log.warning("could not record the hook failure on %s: %s", result.article.id, again)

    def reanalyze(self, *, force: bool = False, articles: Iterable[Article] | None = None,
                  on_article: Callable[[Article, list[str]], None] | None = None) -> RunReport:
        """Bring every stored article's outputs up to the pipeline's keys (see `reanalyze`)."""
        report = self.report()
        for article in articles if articles is not None else self.store.iter_articles():
            report.articles += 1
            todo, failures = reanalyze_one(self.store, self.pipeline, article, force=force,
                                           strict=self.strict)
            if todo:
                report.updated += 1
                report.step_failures += failures
                if on_article is not None:
                    on_article(article, todo)
        return report


BATCH = 64
"""Most analysed articles written in one transaction by `Engine.ingest`."""
BATCH_SECONDS = 2.0
"""Longest wall time an analysed article waits for its batch (slow sources: URLs, feeds)."""


class _Batch:
    """The articles `Engine.ingest` has analysed and not yet stored."""

    def __init__(self, engine: Engine, report: RunReport,
                 on_item: Callable[[Article | IngestFailure, str], None] | None) -> None:
        self.engine, self.report, self.on_item = engine, report, on_item
        self.results: list[ArticleResult] = []
        self.started = 0.0

    def add(self, item: Article | IngestFailure) -> None:
        if isinstance(item, IngestFailure):
            self.report.ingest_failures.append(item)
            self._tell(item, "failed")
        elif any(r.article.id == item.id for r in self.results) or self.engine.store.has_article(item.id):
            self.report.unchanged += 1
            self._tell(item, "unchanged")
        else:
            result = self.engine.analyze(item)
            self.report.count(result)
            if not self.results:
                self.started = time.monotonic()
            self.results.append(result)
        if len(self.results) >= BATCH or (self.results and time.monotonic() - self.started > BATCH_SECONDS):
            self.flush()

    def flush(self) -> None:
        results, self.results = self.results, []
        if not results:
            return
        new = self.engine._store_batch(results, self.report)
        for result in results:
            if result.article.id not in new:
                self.report.unchanged += 1
            self._tell(result.article, "new" if result.article.id in new else "unchanged")

    def _tell(self, item: Article | IngestFailure, status: str) -> None:
        if self.on_item is not None:
            self.on_item(item, status)


FAULT_ENV = "NEWSPRISM_FAULT"


def _fault_point(point: str) -> None:
    """Tests stop a writer at a precise point: with NEWSPRISM_FAULT=<point> the process kills
    itself there (SIGKILL: nothing is flushed or rolled back, as with a crash or kill -9)."""
    if os.environ.get(FAULT_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def _hook_name(hook: Any) -> str:
    return str(getattr(hook, "step_name", None) or getattr(hook, "__name__", "after_save"))
