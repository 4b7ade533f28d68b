"""`alerts test`: replay rules over the stored articles in arrival order, writing nothing.

Each article is checked as if it had just arrived: its story counts only the members that came
before it, and an alert is reported once, the way the live hook would have recorded it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsprism.alerts.claims import MAX_MEMBERS, claims_of
from newsprism.alerts.evaluate import Evaluator
from newsprism.alerts.live import outlet_name
from newsprism.alerts.match import Arrival, RuleSet
from newsprism.alerts.records import Alert
from newsprism.alerts.rules import Rule
from newsprism.alerts.store import Pending
from newsprism.records import Analysis, Article
from newsprism.store.base import SQLStore
from newsprism.stories.storage import copies_in, stories_of
from newsprism.stories.view_records import Claim


class ReplayState:
    """The rule state in memory, grown article by article."""

    def __init__(self, store: SQLStore) -> None:
        self.store = store
        self.members: dict[str, list[str]] = {}
        self.outlets: dict[str, set[str]] = {}
        self._hits: dict[tuple[str, str], str] = {}
        self._verdicts: dict[str, dict[str, str]] = {}
        self.keys: set[str] = set()

    def arrive(self, story_id: str, article_id: str, outlet: str) -> None:
        self.members.setdefault(story_id, []).append(article_id)
        if outlet:
            self.outlets.setdefault(story_id, set()).add(outlet)

    def story_size(self, story_id: str) -> tuple[int, int]:
        return len(self.members.get(story_id, [])), len(self.outlets.get(story_id, set()))

    def hits(self, story_id: str, rules: list[str]) -> dict[str, str]:
        return {r: self._hits[(story_id, r)] for r in rules if (story_id, r) in self._hits}

    def claims(self, story_id: str) -> list[Claim]:
        ids = self.members.get(story_id, [])[-MAX_MEMBERS:]
        return claims_of(self.store.get_articles(ids), self.store.get_analyses,
                         copies_in(self.store, ids))

    def verdicts(self, story_id: str) -> dict[str, str]:
        return dict(self._verdicts.get(story_id, {}))

    def text_of(self, article_id: str) -> str:
        return self.store.get_article(article_id).text

    def fired(self, key: str) -> bool:
        return key in self.keys

    def apply(self, pending: Pending, story_of: dict[str, str]) -> list[Alert]:
        for rule, article in pending.hits:
            story = story_of.get(article)
            if story is not None:
                self._hits.setdefault((story, rule), article)
        for story, claim, verdict in pending.verdicts:
            self._verdicts.setdefault(story, {})[claim] = verdict
        new = [a for a, _ in pending.alerts if a.key not in self.keys]
        self.keys.update(a.key for a in new)
        return new


def replay(store: SQLStore, rules: Sequence[Rule], batch: int = 200) -> Iterator[Alert]:
    """What these rules would have fired over the stored articles, in order."""
    evaluator = Evaluator(RuleSet(rules))
    state = ReplayState(store)
    chunk: list[Article] = []
    for article in store.iter_articles():
        chunk.append(article)
        if len(chunk) >= batch:
            yield from _replay_chunk(store, evaluator, state, chunk)
            chunk = []
    yield from _replay_chunk(store, evaluator, state, chunk)


def _replay_chunk(store: SQLStore, evaluator: Evaluator, state: ReplayState,
                  articles: list[Article]) -> Iterator[Alert]:
    if not articles:
        return
    ids = [a.id for a in articles]
    analyses = store.get_analyses(ids)
    story_of = stories_of(store, ids)
    for a in articles:
        story = story_of.get(a.id)
        if story is not None:
            state.arrive(story, a.id, outlet_name(a.outlet, a.url, a.agency))
        analysis = analyses.get(a.id) or Analysis(article_id=a.id)
        pending = evaluator.evaluate(Arrival(a, analysis, story), state)
        yield from state.apply(pending, story_of)
