"""`newsprism ingest URL`: a page or a feed fetched through the one polite fetcher."""

from __future__ import annotations

from collections.abc import Iterator

from newsprism.config import Settings
from newsprism.errors import DecodeError, IngestError
from newsprism.ingest.feeds_live import is_json_feed, parse_live_feed
from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.watch import item_article
from newsprism.records import Article, IngestFailure

_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json",
               "application/rdf+xml"}


def looks_like_feed(content: bytes, content_type: str) -> bool:
    head = content[:1024].lstrip().lower()
    if content_type in _FEED_TYPES or is_json_feed(content, content_type):
        return True
    if content_type in ("text/html", "application/xhtml+xml"):
        return False
    return head.startswith(b"<?xml") and any(t in content[:4096].lower() for t in (b"<rss", b"<feed", b"<rdf:rdf"))


def read_url(url: str, settings: Settings, fetcher: Fetcher | None = None) -> Iterator[Article | IngestFailure]:
    """Articles from one URL: the page itself, or every item of a feed (pages fetched)."""
    own = fetcher is None
    client = fetcher or Fetcher.from_settings(settings, host_interval=settings.host_interval_seconds)
    try:
        try:
            res = client.fetch(url)
            if not looks_like_feed(res.content, res.content_type):
                from newsprism.ingest.html import article_from_html

                yield article_from_html(res.content, source=url, url=res.final_url)
                return
            feed = parse_live_feed(res.content, res.content_type, url, res.headers.get("cache-control"))
        except IngestError as exc:
            yield _failure(url, exc)
            return
        if not feed.items:
            yield _failure(url, DecodeError(url, "the feed has no items"))
        for item in feed.items:
            try:
                yield item_article(client, url, item)
            except IngestError as exc:
                yield _failure(item.link or f"{url}#{item.key}", exc)
    finally:
        if own:
            client.close()


def _failure(item: str, exc: IngestError) -> IngestFailure:
    return IngestFailure(item=item, error_type=type(exc).__name__, code=exc.code, message=str(exc))
