"""Feed lists and feed items as articles: what the live watcher (`newsprism.watch`) reads.

`load_feed_list` reads a feed list; `item_article` turns a feed item into an article (its page,
fetched and extracted, or the feed's own text when the page cannot be had). No store, no analysis.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

from newsprism.errors import ConfigError, EmptyInput, IngestError
from newsprism.ingest.feeds_live import LiveItem
from newsprism.ingest.fetch import Fetcher
from newsprism.lexicon import path as data_path
from newsprism.records import Article

log = logging.getLogger(__name__)

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json,"
               " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")


@dataclass(frozen=True)
class FeedSpec:
    url: str
    name: str | None = None


def load_feed_list(path: str | Path) -> list[FeedSpec]:
    """One feed URL per line, optionally followed by a name; `#` starts a comment."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read feed list {path}: {exc}") from exc
    specs: list[FeedSpec] = []
    for n, line in enumerate(lines, 1):
        line = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()
        if not line:
            continue
        url, _, name = line.partition(" ")
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"{path}:{n}: not an http(s) URL: {url}")
        specs.append(FeedSpec(url=url, name=name.strip() or None))
    return list(dict.fromkeys(specs))


def default_feed_list() -> Path:
    """The feed list shipped with newsprism (`data/feeds.txt`)."""
    return data_path("feeds.txt")


def item_article(fetcher: Fetcher, feed_url: str, item: LiveItem,
                 seconds: dict[str, float] | None = None) -> Article:
    """A feed item's page, fetched and extracted; the feed's own text when the page cannot be had."""
    page_error: IngestError | None = None
    if item.link:
        try:
            return _page(fetcher, item, seconds if seconds is not None else {})
        except IngestError as exc:
            page_error = exc
            log.info("page %s unavailable (%s); using the feed's text", item.link, exc)
    try:
        return _from_feed_text(feed_url, item)
    except IngestError as exc:
        raise page_error or exc from None


def _page(fetcher: Fetcher, item: LiveItem, seconds: dict[str, float]) -> Article:
    from newsprism.ingest.html import article_from_html

    assert item.link is not None
    t0 = time.perf_counter()
    res = fetcher.fetch(item.link)
    t1 = time.perf_counter()
    article = article_from_html(res.content, source=item.link, url=res.final_url,
                                fallback_published=item.published)
    seconds["fetch"] = seconds.get("fetch", 0.0) + t1 - t0
    seconds["extract"] = seconds.get("extract", 0.0) + time.perf_counter() - t1
    return article


def _from_feed_text(feed_url: str, item: LiveItem) -> Article:
    from newsprism.ingest.html import article_from_html
    from newsprism.ingest.text import article_from_text

    source = item.link or f"{feed_url}#{item.key}"
    if not item.text.strip():
        raise EmptyInput(source, "the page could not be fetched and the feed item has no text")
    if item.is_html:
        html = (f"<html><head><title>{escape(item.title or '', quote=False)}</title></head>"
                f"<body><article>{item.text}</article></body></html>")
        return article_from_html(html, source=source, url=item.link,
                                 fallback_published=item.published)
    return article_from_text(item.text, source, title=item.title, url=item.link,
                             published=item.published)
