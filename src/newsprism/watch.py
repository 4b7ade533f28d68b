"""Live watching: poll feeds on their own schedules, fetch new items' pages, analyse and store them.

State (ETag, Last-Modified, schedule, items seen, health) lives in the store, so a restart resumes
without refetching. A feed's validators are saved only after all its new items are stored, so a
run killed mid-poll loses nothing (the next poll sees the same items again; stored articles are
recognised by id and not doubled). `stop()` lets the article in hand finish, then returns.
Articles are analysed and stored through the engine (its pipeline, store and hooks).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from newsprism.engine import Engine
from newsprism.errors import IngestError, NewsprismError
from newsprism.ingest.feeds_live import LiveItem, ParsedFeed, parse_live_feed
from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.watch import FEED_ACCEPT, FeedSpec, item_article
from newsprism.records import Article, IngestFailure
from newsprism.store.base import SQLStore, now_iso

log = logging.getLogger(__name__)


@dataclass
class PollReport:
    """What one round of polling did."""

    feeds_polled: int = 0
    not_modified: int = 0
    feed_errors: list[tuple[str, str]] = field(default_factory=list)
    new_articles: int = 0
    unchanged: int = 0
    item_errors: list[IngestFailure] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: {
        "feeds": 0.0, "fetch": 0.0, "extract": 0.0, "analyze_store": 0.0})

    @property
    def ok(self) -> bool:
        return not self.feed_errors and not self.item_errors


class FeedState:
    """Per-feed state and seen items, in the store (portable SQL)."""

    def __init__(self, store: SQLStore) -> None:
        self.store = store

    def ensure(self, spec: FeedSpec) -> None:
        with self.store.transaction() as cur:
            self.store.execute(cur, "INSERT INTO feeds (url, title) VALUES (?, ?) ON CONFLICT DO NOTHING",
                               (spec.url, spec.name))

    def get(self, url: str) -> dict[str, Any]:
        rows = self.store.query(
            "SELECT url, title, etag, last_modified, last_poll, last_success, last_error, last_error_at,"
            " next_poll, interval_seconds, articles, polls, errors FROM feeds WHERE url = ?", (url,))
        keys = ("url", "title", "etag", "last_modified", "last_poll", "last_success", "last_error",
                "last_error_at", "next_poll", "interval_seconds", "articles", "polls", "errors")
        return dict(zip(keys, rows[0], strict=True)) if rows else {}

    def all(self) -> list[dict[str, Any]]:
        return [self.get(r[0]) for r in self.store.query("SELECT url FROM feeds ORDER BY url")]

    def seen(self, keys: Iterable[str]) -> set[str]:
        """Which item keys any feed has already stored (an item in two feeds is fetched once)."""
        rows = self.store.query_in("SELECT item_key FROM feed_items WHERE item_key IN ({in})", list(keys))
        return {str(r[0]) for r in rows}

    def mark_seen(self, feed_url: str, key: str, article_id: str | None) -> None:
        with self.store.transaction() as cur:
            self.store.execute(
                cur, "INSERT INTO feed_items (feed_url, item_key, article_id, seen_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING", (feed_url, key, article_id, now_iso()))

    def success(self, url: str, title: str | None, etag: str | None, last_modified: str | None,
                new: int, interval: float, now: float) -> None:
        with self.store.transaction() as cur:
            self.store.execute(
                cur, "UPDATE feeds SET title = COALESCE(?, title), etag = ?, last_modified = ?,"
                " last_poll = ?, last_success = ?, next_poll = ?, interval_seconds = ?,"
                " articles = articles + ?, polls = polls + 1 WHERE url = ?",
                (title, etag, last_modified, now_iso(), now_iso(), now + interval, interval, new, url))

    def failure(self, url: str, message: str, retry_in: float, now: float) -> None:
        with self.store.transaction() as cur:
            self.store.execute(
                cur, "UPDATE feeds SET last_poll = ?, last_error = ?, last_error_at = ?,"
                " next_poll = ?, polls = polls + 1, errors = errors + 1 WHERE url = ?",
                (now_iso(), message, now_iso(), now + retry_in, url))


@dataclass
class _Polled:
    spec: FeedSpec
    feed: ParsedFeed | None
    etag: str | None
    last_modified: str | None
    error: str | None = None


class Watcher:
    """Polls feeds, ingests new items through the engine, keeps state in the engine's store."""

    def __init__(self, engine: Engine, fetcher: Fetcher, *, floor: float = 300.0,
                 ceiling: float = 21600.0, default_interval: float = 1800.0, workers: int = 8,
                 clock: Callable[[], float] = time.time) -> None:
        self.engine, self.store, self.fetcher = engine, engine.store, fetcher
        self.state = FeedState(engine.store)
        self.floor, self.ceiling, self.default_interval = floor, ceiling, default_interval
        self.workers, self.clock = workers, clock
        self._stop = threading.Event()
        self.on_article: Callable[[Article | IngestFailure, str], None] | None = None

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def interval_for(self, hint: float | None) -> float:
        return min(self.ceiling, max(self.floor, hint if hint else self.default_interval))

    def due(self, feeds: list[FeedSpec]) -> list[FeedSpec]:
        now = self.clock()
        return [f for f in feeds if float(self.state.get(f.url).get("next_poll") or 0) <= now]

    def run(self, feeds: list[FeedSpec], *, once: bool = False,
            on_round: Callable[[PollReport], None] | None = None) -> PollReport:
        """Poll until stopped (or one round with `once`); returns the last round's report."""
        for spec in feeds:
            self.state.ensure(spec)
        report = PollReport()
        while not self.stopping:
            todo = feeds if once else self.due(feeds)
            if todo:
                report = self.poll(todo)
                if on_round is not None:
                    on_round(report)
            if once:
                break
            self._stop.wait(timeout=self._sleep_for(feeds))
        return report

    def _sleep_for(self, feeds: list[FeedSpec]) -> float:
        nexts = [float(self.state.get(f.url).get("next_poll") or 0) for f in feeds]
        return max(1.0, min(60.0, min(nexts, default=self.clock() + 60) - self.clock()))

    def poll(self, feeds: list[FeedSpec]) -> PollReport:
        """One round: fetch the feeds, then their new items' pages, storing articles as they land."""
        report = PollReport()
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            polled = list(pool.map(self._fetch_feed, feeds))
        report.seconds["feeds"] += time.perf_counter() - t0
        for p in polled:
            report.feeds_polled += 1
            if p.error is not None:
                report.feed_errors.append((p.spec.url, p.error))
                self._record_failure(p.spec.url, p.error)
            elif p.feed is None:
                report.not_modified += 1
                self.state.success(p.spec.url, None, p.etag, p.last_modified, 0,
                                   self.interval_for(self.state.get(p.spec.url).get("interval_seconds")),
                                   self.clock())
        fresh = [p for p in polled if p.feed is not None and p.error is None]
        self._ingest_new(fresh, report)
        return report

    def _record_failure(self, url: str, message: str) -> None:
        errors = int(self.state.get(url).get("errors") or 0)
        retry = min(self.ceiling, self.floor * (2 ** min(errors, 10)))
        self.state.failure(url, message, retry, self.clock())

    def _fetch_feed(self, spec: FeedSpec) -> _Polled:
        st = self.state.get(spec.url)
        try:
            res = self.fetcher.fetch(spec.url, etag=st.get("etag"),
                                     last_modified=st.get("last_modified"), accept=FEED_ACCEPT)
            if res.not_modified:
                return _Polled(spec, None, st.get("etag"), st.get("last_modified"))
            feed = parse_live_feed(res.content, res.content_type, spec.url,
                                   res.headers.get("cache-control"))
        except NewsprismError as exc:
            return _Polled(spec, None, None, None, error=f"{exc.code} {type(exc).__name__}: {exc}")
        return _Polled(spec, feed, res.etag, res.last_modified)

    def _ingest_new(self, fresh: list[_Polled], report: PollReport) -> None:
        jobs: list[tuple[_Polled, LiveItem]] = []
        claimed: set[str] = set()
        for p in fresh:
            assert p.feed is not None
            seen = self.state.seen(it.key for it in p.feed.items)
            for it in p.feed.items:
                if it.key not in seen and it.key not in claimed:
                    claimed.add(it.key)
                    jobs.append((p, it))
        failed_feeds: set[str] = set()
        for (p, item), outcome in self._fetch_items(jobs, report):
            if self.stopping:
                failed_feeds.add(p.spec.url)
                continue
            if isinstance(outcome, IngestFailure):
                report.item_errors.append(outcome)
                failed_feeds.add(p.spec.url)  # keep validators: this item is retried next poll
                if self.on_article:
                    self.on_article(outcome, "failed")
                continue
            self._store_one(p, item, outcome, report)
        self._save_feeds(fresh, jobs, failed_feeds)

    def _store_one(self, p: _Polled, item: LiveItem, article: Article, report: PollReport) -> None:
        t0 = time.perf_counter()
        summary = self.engine.ingest([article], on_item=self.on_article)
        self.state.mark_seen(p.spec.url, item.key, article.id)
        report.seconds["analyze_store"] += time.perf_counter() - t0
        report.new_articles += summary.new
        report.unchanged += summary.unchanged

    def _save_feeds(self, fresh: list[_Polled], jobs: list[tuple[_Polled, LiveItem]],
                    failed: set[str]) -> None:
        new_by_feed: dict[str, int] = {}
        for p, _ in jobs:
            new_by_feed[p.spec.url] = new_by_feed.get(p.spec.url, 0) + 1
        for p in fresh:
            assert p.feed is not None
            interval = self.interval_for(p.feed.interval_hint)
            keep = p.spec.url in failed
            old = self.state.get(p.spec.url)
            self.state.success(
                p.spec.url, p.feed.title or p.spec.name,
                old.get("etag") if keep else p.etag,
                old.get("last_modified") if keep else p.last_modified,
                0 if keep else new_by_feed.get(p.spec.url, 0),
                self.floor if keep else interval, self.clock())

    def _fetch_items(self, jobs: list[tuple[_Polled, LiveItem]],
                     report: PollReport) -> Iterator[tuple[tuple[_Polled, LiveItem], Article | IngestFailure]]:
        """Fetch and extract item pages in parallel, yielding in feed order as each is ready."""
        pool = ThreadPoolExecutor(max_workers=self.workers)
        try:
            futures: list[Future[Article | IngestFailure]] = [
                pool.submit(self._article_for, p, it, report) for p, it in jobs]
            for job, fut in zip(jobs, futures, strict=True):
                if self.stopping:
                    break
                yield job, fut.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _article_for(self, p: _Polled, item: LiveItem, report: PollReport) -> Article | IngestFailure:
        if self.stopping:
            return IngestFailure(item=item.link or item.key, error_type="Stopped", code="E000",
                                 message="watch is stopping")
        try:
            return item_article(self.fetcher, p.spec.url, item, report.seconds)
        except IngestError as exc:
            return IngestFailure(item=item.link or f"{p.spec.url}#{item.key}",
                                 error_type=type(exc).__name__, code=exc.code, message=str(exc))
