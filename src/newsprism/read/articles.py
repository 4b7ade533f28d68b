"""Articles: listings, full-text search, one article with its analysis and story."""

from __future__ import annotations

from newsprism.errors import NotFound
from newsprism.read import variants
from newsprism.read.records import ArticleSummary
from newsprism.records import Article, ArticleDetail
from newsprism.store.base import Filters, SearchHit, SQLStore
from newsprism.stories import storage


def summary_of(article: Article) -> ArticleSummary:
    """The listing fields of an article."""
    return ArticleSummary(id=article.id, title=article.title, outlet=article.outlet,
                          published=article.published, url=article.url, language=article.language,
                          authors=list(article.authors), chars=len(article.text))


def list_articles(store: SQLStore, filters: Filters, limit: int, offset: int) -> list[ArticleSummary]:
    """Articles newest first, filtered."""
    return [summary_of(a) for a in store.list_articles(filters, limit=limit, offset=offset)]


def search(store: SQLStore, q: str, filters: Filters, limit: int, offset: int) -> list[ArticleSummary]:
    """Full-text hits, best first; without a query, the filtered listing (so filters alone work)."""
    if not q.strip():
        return list_articles(store, filters, limit, offset)
    queries = variants.expand(q)
    if len(queries) == 1:
        hits = store.search(q, filters, limit=limit, offset=offset)
    else:  # spelling variants (read/variants.py): each spelling's hits, merged best first
        best: dict[str, SearchHit] = {}
        for query in queries:
            for h in store.search(query, filters, limit=limit + offset, offset=0):
                if h.id not in best or h.score > best[h.id].score:
                    best[h.id] = h
        hits = sorted(best.values(), key=lambda h: -h.score)[offset:offset + limit]
    return [ArticleSummary(id=h.id, title=h.title, outlet=h.outlet, published=h.published, url=h.url,
                           snippet=h.snippet, score=h.score) for h in hits]


def article_detail(store: SQLStore, article_id: str) -> ArticleDetail:
    """The article with its stored analysis and the story it belongs to (NotFound when unknown)."""
    article = store.get_article(article_id)
    return ArticleDetail(article=article, analysis=store.get_analysis(article_id),
                         story_id=story_of(store, article_id),
                         failures=store.article_failures(article_id))


def story_of(store: SQLStore, article_id: str) -> str | None:
    """The live story of an article, None when it has none (yet)."""
    try:
        return storage.story_of(store, article_id) or None
    except NotFound:
        return None
