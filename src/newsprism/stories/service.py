"""Stories over a store: assigns each newly stored article, records copies and passages, reclusters.

One `StoryService` per open store and process. Its clusterer is rebuilt lazily from the store's
recent window (`story_docs`) on first use, and again when another process has assigned articles
since, so `watch` and `ingest` running side by side keep one numbering.
"""

from __future__ import annotations

import logging
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import msgspec

from newsprism.errors import NewsprismError, NotFound, StoreError
from newsprism.ingest.boiler import first_words
from newsprism.records import Analysis, Article, ArticleResult, CopyRelation, SharedPassage
from newsprism.store.base import SQLStore
from newsprism.stories import storage
from newsprism.stories.cluster import Assignment, ClusterConfig, DocState, StoryClusterer
from newsprism.stories.copies import first_of
from newsprism.stories.features import extract
from newsprism.stories.passages import Prepared, align, coverage, prepare
from newsprism.stories.semantic import Embedder, SentenceTransformerEmbedder

log = logging.getLogger(__name__)

SENTENCE_CACHE = 2000  # recent articles whose prepared sentences are kept for passage finding
REWRITE_COVERAGE = 0.5  # share of the later article covered by passages of an earlier one


def config_from(settings: Any) -> ClusterConfig:
    """Cluster parameters from the settings (story_window_days) and defaults."""
    days = int(getattr(settings, "story_window_days", 7) or 7)
    return ClusterConfig(window_days=max(1, days))


class StoryService:
    """Keeps one store's stories up to date as articles arrive."""

    def __init__(self, store: SQLStore, config: ClusterConfig | None = None,
                 embedder: Embedder | None = None) -> None:
        self.store = store
        self.config = config or ClusterConfig()
        self.embedder = embedder  # optional semantic signal (stories.semantic)
        self._clusterer: StoryClusterer | None = None
        self._sentences: OrderedDict[str, list[Prepared]] = OrderedDict()
        self._last_joined = 0

    def clusterer(self) -> StoryClusterer:
        """The in-memory clusterer, rebuilt from the store when it is missing or behind."""
        stored = self._stored_joined()
        if self._clusterer is None or self._clusterer.joined != stored:
            self._clusterer = self._rebuild()
        return self._clusterer

    def forget(self) -> None:
        """Drop the in-memory index; it is rebuilt from the store on next use."""
        self._clusterer = None

    def _stored_joined(self) -> int:
        rows = self.store.query("SELECT MAX(joined) FROM story_members")
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def _rebuild(self) -> StoryClusterer:
        clusterer = StoryClusterer(self.config)
        rows = storage.recent_states(self.store, self.config.capacity)
        for _aid, joined, story_id, state in rows:
            doc = msgspec.json.decode(state, type=DocState)
            clusterer.restore(msgspec.structs.replace(doc, story=story_id, joined=joined))
        clusterer.joined = max(clusterer.joined, self._stored_joined())
        log.info("story index rebuilt from %d stored articles", len(rows))
        return clusterer

    def orphans(self, limit: int = 10_000) -> list[str]:
        """Stored articles that are in no story (a writer stopped between the article's commit
        and its story's), in arrival order."""
        rows = self.store.query(
            "SELECT a.id FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM story_members m WHERE m.article_id = a.id) ORDER BY a.seq LIMIT ?",
            (limit,))
        return [str(r[0]) for r in rows]

    def heal(self, strict: bool = False) -> int:
        """Give every stored article without a story its story; returns how many were healed.

        An article whose assignment fails (a store error) is logged and left for the next run; a
        bug is re-raised under `strict`, else logged with its traceback: the others still heal."""
        healed = 0
        for article_id in self.orphans():
            try:
                article = self.store.get_article(article_id)
                outputs = self.store.get_outputs(article_id)
                self.assign(ArticleResult(article=article, outputs=dict(outputs)))
            except NotFound:  # removed meanwhile
                continue
            except NewsprismError as exc:
                self.forget()
                log.warning("article %s still has no story: %s", article_id, exc)
                continue
            except Exception:
                self.forget()
                if strict:
                    raise
                log.exception("a bug left article %s without a story", article_id)
                continue
            healed += 1
        if healed:
            log.warning("%d stored articles had no story (a writer was stopped before); assigned now",
                        healed)
        return healed

    def assign(self, result: ArticleResult, attempts: int = 8) -> Assignment:
        """Assign one stored article to a story and persist membership, copies and passages.

        Another process may assign an article between our read of the index and our write (the
        join order is unique, so that write fails): then the index is rebuilt and we try again.
        """
        for attempt in range(attempts):
            try:
                return self._assign_once(result)
            except StoreError:
                if attempt == attempts - 1 or self._stored_joined() == self._last_joined:
                    raise
                log.info("another writer assigned articles meanwhile; retrying %s", result.article.id)
        raise StoreError(f"could not store the story of article {result.article.id}")

    def _assign_once(self, result: ArticleResult) -> Assignment:
        article = result.article
        clusterer = self.clusterer()
        self._last_joined = clusterer.joined
        analysis = Analysis.of(article.id, result.outputs)
        decision = clusterer.add(extract(article, analysis, self.embedder))
        passages = self._passages(article, analysis, decision.related)
        copies = [decision.copy] if decision.copy is not None else []
        copies += self._rewrites(result, passages, decision)
        title = article.title or _snippet(article.text)
        membership = storage.Membership(
            article_id=article.id, story_id=decision.story_id, joined=decision.joined,
            score=round(decision.score, 4), title=title, seen=article.published,
            merged=decision.merged, state=msgspec.json.encode(decision.state),
            keep_states=self.config.capacity)
        try:
            storage.save_assignment(self.store, membership, copies, passages)
        except Exception as exc:
            self._clusterer = None  # the in-memory index may be ahead of what was stored
            if isinstance(exc, self.store.driver_errors):  # a database error, not a bug
                raise StoreError(f"could not store the story of article {article.id}: {exc}") from exc
            raise
        return decision

    def _passages(self, article: Article, analysis: Analysis,
                  related: list[str]) -> list[SharedPassage]:
        """Passages shared with the story's most similar earlier members (earlier one is `a`)."""
        if not related:
            return []
        mine = prepare(article.text, analysis.sentences)
        self._remember(article.id, mine)
        out: list[SharedPassage] = []
        for other_id in related:
            theirs = self._prepared(other_id)
            if theirs is not None:
                out += align(other_id, theirs, article.id, mine)
        return out

    def _prepared(self, article_id: str) -> list[Prepared] | None:
        """A member's prepared sentences: from the cache, else read from the store."""
        cached = self._sentences.get(article_id)
        if cached is not None:
            self._sentences.move_to_end(article_id)
            return cached
        try:
            other = self.store.get_article(article_id)
        except NotFound:
            return None
        prepared = prepare(other.text, self.store.get_analysis(article_id).sentences)
        self._remember(article_id, prepared)
        return prepared

    def _remember(self, article_id: str, prepared: list[Prepared]) -> None:
        self._sentences[article_id] = prepared
        while len(self._sentences) > SENTENCE_CACHE:
            self._sentences.popitem(last=False)

    def _rewrites(self, result: ArticleResult, passages: list[SharedPassage],
                  decision: Assignment) -> list[CopyRelation]:
        """Two articles one of which is mostly made of passages of the other: the later one (by
        publication date, then arrival) is a rewrite of the earlier."""
        if decision.copy is not None:
            return []
        article = result.article
        by_source: dict[str, list[SharedPassage]] = {}
        for p in passages:
            by_source.setdefault(p.a_id, []).append(p)
        out = []
        for source, ps in sorted(by_source.items()):
            other = self._clusterer.docs.get(source) if self._clusterer is not None else None
            published = other.published if other is not None else None
            joined = other.joined if other is not None else 0
            first = first_of([(source, published, joined), (article.id, article.published, decision.joined)])
            if first == source:
                copy_id, share = article.id, coverage(ps, len(article.text), side="b")
            else:
                copy_id, share = source, coverage(ps, self._length(source), side="a")
            if share >= REWRITE_COVERAGE:
                out.append(CopyRelation(article_id=copy_id, original_id=first, kind="rewrite",
                                        similarity=round(share, 4)))
        return out

    def _length(self, article_id: str) -> int:
        rows = self.store.query("SELECT LENGTH(text) FROM articles WHERE id = ?", (article_id,))
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def recluster(self, on_item: Callable[[str], None] | None = None) -> int:
        """Forget all stories and assign every stored article again, in arrival order."""
        storage.clear_all(self.store)
        self._clusterer = StoryClusterer(self.config)
        n = 0
        for article in self.store.iter_articles():
            outputs = self.store.get_outputs(article.id)
            self.assign(ArticleResult(article=article, outputs=outputs))
            n += 1
            if on_item is not None:
                on_item(article.id)
        return n


def _snippet(text: str, limit: int = 90) -> str:
    """The first line of a text that is not a bare web address, cut at `limit` characters."""
    first = first_words(text) or text.strip().split("\n", 1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"


_services: weakref.WeakKeyDictionary[SQLStore, StoryService] = weakref.WeakKeyDictionary()


def service_for(store: SQLStore, settings: Any = None) -> StoryService:
    """The one StoryService of this store in this process."""
    svc = _services.get(store)
    if svc is None:
        model = str(getattr(settings, "story_embedder", "") or "")
        embedder = SentenceTransformerEmbedder(model) if model else None
        svc = _services[store] = StoryService(store, config_from(settings), embedder)
    return svc


class AssignStory:
    """The after-save hook assigning each new article to a story; `heal(store)` assigns the stored
    articles left without one (the engine calls it when a writer run starts and after a failure)."""

    step_name = "assign_story"

    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def __call__(self, store: SQLStore, result: ArticleResult) -> None:
        if storage.stories_of(store, [result.article.id]):
            return  # another writer's heal gave it its story meanwhile
        service = service_for(store, self.settings)
        try:
            service.assign(result)
        except Exception:  # a bug is not a store error: the engine records or re-raises it
            service.forget()
            raise

    def heal(self, store: SQLStore, strict: bool = False) -> int:
        return service_for(store, self.settings).heal(strict)


def after_save_hooks(settings: Any) -> list[Callable[[SQLStore, ArticleResult], None]]:
    """Hooks `ingest` runs after each new article is stored: story assignment."""
    return [AssignStory(settings)]
