"""RSS and Atom feed files (feedparser): items with their text, or the pages they link to when
those are local files. Fetching linked pages over the network is the live watcher's job."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import msgspec

from newsprism.errors import DecodeError, EmptyInput, IngestError
from newsprism.ingest.html import article_from_html
from newsprism.ingest.jsonl import failure
from newsprism.ingest.text import article_from_text
from newsprism.records import Article, IngestFailure

log = logging.getLogger(__name__)


class FeedItem(msgspec.Struct, kw_only=True):
    """One item of a feed as the feed gives it."""

    guid: str | None = None
    link: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 (UTC) when the feed dates the item
    summary: str = ""  # plain text
    content: str | None = None  # HTML of the full content, when the feed carries it
    authors: list[str] = []


def parse_feed(data: bytes, source: str) -> list[FeedItem]:
    """The items of an RSS/Atom document; DecodeError when it is not a feed."""
    import feedparser

    head = data.lstrip()[:512].lower()
    if not head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf", b"<!--")):
        raise DecodeError(source, "not an RSS or Atom feed (no XML)")
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no feed elements"
        raise DecodeError(source, f"not an RSS or Atom feed: {reason}")
    return [_item(entry) for entry in parsed.entries]


def _item(entry: dict) -> FeedItem:  # type: ignore[type-arg]
    content = entry.get("content") or []
    html = "".join(str(c.get("value", "")) for c in content if "html" in str(c.get("type", "html")))
    authors = [str(a.get("name")) for a in entry.get("authors", []) if a.get("name")]
    return FeedItem(
        guid=entry.get("id") or None,
        link=entry.get("link") or None,
        title=entry.get("title") or None,
        published=_when(entry),
        summary=_plain(str(entry.get("summary") or "")),
        content=html or None,
        authors=authors,
    )


def _when(entry: dict) -> str | None:  # type: ignore[type-arg]
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", value)
    return None


def _plain(html: str) -> str:
    """Text of a summary: tags dropped, block ends become line breaks, entities resolved."""
    import html as htmllib

    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>", "\n", html)
    text = re.sub(r"<[^>]+>", "", text)
    return htmllib.unescape(text).strip()


def articles_from_feed(data: bytes, name: str, cap: int) -> Iterator[Article | IngestFailure]:
    """One article per item: the linked page when it is a local file, else the item's own text."""
    try:
        items = parse_feed(data, name)
    except IngestError as exc:
        yield failure(exc)
        return
    if not items:
        yield failure(EmptyInput(name, "the feed has no items"))
    base = Path(name).parent
    for number, item in enumerate(items, 1):
        try:
            yield _article(item, f"{name}#{number}", base, cap)
        except IngestError as exc:
            yield failure(exc)


def _article(item: FeedItem, source: str, base: Path, cap: int) -> Article:
    page = local_page(item.link, base)
    if page is not None:
        from newsprism.ingest.files import read_file

        return article_from_html(read_file(page, cap), source=str(page), url=None,
                                 fallback_published=item.published)
    if item.content:
        article = article_from_html(_wrap(item), source=source, url=item.link,
                                    fallback_published=item.published)
        return msgspec.structs.replace(article, authors=article.authors or item.authors)
    if not item.summary.strip():
        raise EmptyInput(source, "the item has no text and links to no local page")
    return article_from_text(item.summary, source, title=item.title, url=item.link,
                             published=item.published, authors=item.authors)


def _wrap(item: FeedItem) -> str:
    import html as htmllib

    title = htmllib.escape(item.title or "")
    return f"<html><head><title>{title}</title></head><body><article>{item.content}</article></body></html>"


def local_page(link: str | None, base: Path) -> Path | None:
    """The local file a link points to (file: URL or relative path), when it exists inside the
    feed's folder (a feed file must not make newsprism read files from elsewhere)."""
    if not link:
        return None
    try:
        parts = urlsplit(link)
    except ValueError:  # a malformed link ("http://[::1") points to no local file
        return None
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
    elif parts.scheme == "" and not link.startswith("//"):
        path = base / unquote(parts.path)
    else:
        return None
    try:
        inside = path.resolve().is_relative_to(base.resolve())
        return path if inside and path.is_file() else None
    except (OSError, ValueError):  # a name too long for the file system, a NUL in it
        return None
