"""Alerts as articles arrive: the engine's after-save hook, and the store-backed rule state.

The hook runs after the story hook, on every newly stored article whichever way it came (ingest,
watch, the API, load). It reads the rule set's signature (one small query) and recompiles only
when a rule changed; the article is matched against the compiled rules; only its own story is
read; what fires is recorded with its deliveries in one transaction, then due deliveries are sent.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections import OrderedDict
from typing import Any

from newsprism.alerts import store as alert_store
from newsprism.alerts.claims import MAX_MEMBERS, FactCache, claims_of
from newsprism.alerts.evaluate import Evaluator
from newsprism.alerts.match import Arrival, RuleSet
from newsprism.alerts.outbox import Outbox
from newsprism.alerts.records import Alert
from newsprism.ingest.checks import url_host
from newsprism.records import Analysis, Article, ArticleResult
from newsprism.store.base import SQLStore
from newsprism.stories.storage import copies_in
from newsprism.stories.view_records import Claim

log = logging.getLogger(__name__)

RETRY_CHECK_SECONDS = 30.0  # how often the hook looks for deliveries due for a retry
ARTICLE_CACHE = 5000  # stored articles kept in memory for their stories' claims


def outlet_name(outlet: str | None, url: str | None, agency: str | None) -> str:
    """The outlet an article counts for (name, else web host, else agency), "" when unknown."""
    if outlet and outlet.strip():
        return outlet.strip().lower()
    host = url_host(url) or ""  # None for a malformed stored URL (`http://[::1`)
    return host.removeprefix("www.") or (agency or "").strip().lower()


class LiveState:
    """What rules need beyond the article, read from the store (the article's story only)."""

    def __init__(self, store: SQLStore) -> None:
        self.store = store
        self.facts = FactCache()
        self._cache: OrderedDict[str, Article] = OrderedDict()  # stored articles never change

    def story_size(self, story_id: str) -> tuple[int, int]:
        rows = self.store.query(
            "SELECT a.outlet, a.url, a.agency FROM story_members m JOIN articles a ON a.id = m.article_id"
            " WHERE m.story_id = ?", (story_id,))
        outlets = {outlet_name(r[0], r[1], r[2]) for r in rows} - {""}
        return len(rows), len(outlets)

    def hits(self, story_id: str, rules: list[str]) -> dict[str, str]:
        rows = self.store.query_in(
            "SELECT h.rule, MIN(h.article_id) FROM alert_hits h JOIN story_members m"
            " ON m.article_id = h.article_id WHERE m.story_id = ? AND h.rule IN ({in}) GROUP BY h.rule",
            rules, (story_id,))
        return {str(r[0]): str(r[1]) for r in rows}

    def claims(self, story_id: str) -> list[Claim]:
        """The story's claims; members' articles and facts come from memory when unchanged."""
        rows = self.store.query(
            "SELECT m.article_id, m.joined, COUNT(r.step), COALESCE(MAX(r.written), 0) FROM story_members m"
            " LEFT JOIN step_results r ON r.article_id = m.article_id WHERE m.story_id = ?"
            " GROUP BY m.article_id, m.joined", (story_id,))
        rows = sorted(rows, key=lambda r: int(r[1]))[-MAX_MEMBERS:]
        if len(rows) < 2:
            return []  # a claim needs two articles
        keys = {str(r[0]): f"{r[2]}:{r[3]}" for r in rows}
        return claims_of(self._articles(list(keys)), self.store.get_analyses,
                         copies_in(self.store, list(keys)), self.facts, keys)

    def _articles(self, ids: list[str]) -> list[Article]:
        missing = [i for i in ids if i not in self._cache]
        for article in self.store.get_articles(missing) if missing else []:
            self._cache[article.id] = article
        out = []
        for i in ids:
            if i in self._cache:
                self._cache.move_to_end(i)
                out.append(self._cache[i])
        while len(self._cache) > ARTICLE_CACHE:
            self._cache.popitem(last=False)
        return out

    def verdicts(self, story_id: str) -> dict[str, str]:
        return alert_store.story_verdicts(self.store, story_id)

    def text_of(self, article_id: str) -> str:
        return self.store.get_article(article_id).text

    def fired(self, key: str) -> bool:
        return bool(self.store.query("SELECT 1 FROM alerts WHERE key = ?", (key,)))


class Watcher:
    """The compiled rules of one store in this process, recompiled when the rules change."""

    def __init__(self, store: SQLStore, outbox: Outbox | None = None) -> None:
        self.store = store
        self.state = LiveState(store)
        self.outbox = outbox or Outbox(store)
        self._signature: tuple[int, int, int] | None = None
        self._evaluator = Evaluator(RuleSet(()))
        self._next_retry_check = 0.0
        self.seconds = 0.0  # CPU time spent checking rules (not delivering)
        self.checked = 0

    def evaluator(self) -> Evaluator:
        signature = alert_store.rules_signature(self.store)
        if signature != self._signature:
            self._evaluator = Evaluator(RuleSet(alert_store.get_rules(self.store)))
            self._signature = signature
        return self._evaluator

    def check(self, result: ArticleResult) -> list[Alert]:
        """Evaluate and record one stored article; returns the alerts it fired (new ones only)."""
        t0 = time.process_time()
        evaluator = self.evaluator()
        new: list[Alert] = []
        if evaluator.rules:
            article = result.article
            analysis = Analysis.of(article.id, result.outputs)
            rows = self.store.query("SELECT story_id FROM story_members WHERE article_id = ?", (article.id,))
            story = str(rows[0][0]) if rows else None
            pending = evaluator.evaluate(Arrival(article, analysis, story), self.state)
            new = alert_store.record(self.store, pending, now=self.outbox.clock())
        self.seconds += time.process_time() - t0
        self.checked += 1
        return new

    def after_save(self, result: ArticleResult) -> None:
        """Check the article, then send what is due (new alerts now, retries now and then)."""
        new = self.check(result)
        now = time.time()
        if new or now >= self._next_retry_check:
            self._next_retry_check = now + RETRY_CHECK_SECONDS
            self.outbox.deliver_due()


_watchers: weakref.WeakKeyDictionary[SQLStore, Watcher] = weakref.WeakKeyDictionary()


def watcher_for(store: SQLStore) -> Watcher:
    """The one Watcher of this store in this process."""
    found = _watchers.get(store)
    if found is None:
        found = _watchers[store] = Watcher(store)
    return found


def alert_hooks(settings: Any) -> list[Any]:
    """The after-save hook that checks alert rules (run after story assignment)."""

    def check_alerts(store: SQLStore, result: ArticleResult) -> None:
        watcher_for(store).after_save(result)

    check_alerts.step_name = "alerts"  # type: ignore[attr-defined]
    return [check_alerts]
