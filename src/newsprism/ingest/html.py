"""HTML pages: the article text and metadata with trafilatura (dates via htmldate), then cleaning."""

from __future__ import annotations

import logging
import re
from typing import Any

from newsprism.errors import DecodeError, EmptyInput, ExtractError, TooLarge
from newsprism.ingest.clean import clean_text
from newsprism.ingest.meta import normalise_published, outlet_from_url, split_credits
from newsprism.ingest.outlets import OUTLETS
from newsprism.ingest.text import build_article
from newsprism.records import Article

log = logging.getLogger(__name__)

_HIDDEN = (b"script", b"style", b"noscript", b"template")
_ANY_TAG = re.compile(rb"<[^<>]*>")
_MIN_VISIBLE_CHARS = 20
MAX_PAGE_BYTES = 10_000_000  # one news page, markup included; the largest seen are a few MB


def article_from_html(
    html: bytes | str, source: str, url: str | None = None, fallback_published: str | None = None
) -> Article:
    """The article in an HTML page: body text, title, authors, outlet, date, URL, language.

    Raises DecodeError for what is not HTML, EmptyInput for pages without article text
    (script-only or empty pages), ExtractError when the extractor fails on the page.
    """
    data = html.encode("utf-8", errors="replace") if isinstance(html, str) else html
    if len(data) > MAX_PAGE_BYTES:
        raise TooLarge(source, f"the page is {len(data)} bytes; one news page is at most {MAX_PAGE_BYTES}",
                       hint="check that it is one article's page")
    _check_html(data, source)
    doc = _extract(data, url, source)
    text = str(doc.get("text") or "")
    if len(text.strip()) < _MIN_VISIBLE_CHARS:
        raise EmptyInput(source, "the page has no article text", hint="script-only, empty or non-article page")
    cleaned = clean_text(text, title=doc.get("title") or None)
    if not cleaned.text.strip():
        raise EmptyInput(source, "no article text left after cleaning")
    page_url = url or _str(doc.get("url"))
    names, agency = split_credits(_str(doc.get("author")))
    meta = {
        "url": page_url,
        "title": cleaned.title,
        "outlet": _outlet(page_url, _str(doc.get("sitename"))),
        "authors": names or cleaned.authors,
        "agency": cleaned.agency or agency,
        "published": normalise_published(_str(doc.get("date"))) or cleaned.published
        or normalise_published(fallback_published),
        "language": _str(doc.get("language")),
    }
    return build_article(cleaned, source, meta)


def _check_html(data: bytes, source: str) -> None:
    """Refuse binary data and pages with no visible text before the extractor sees them."""
    head = data[:4096]
    if b"\x00" in head or _binary_share(head) > 0.1:
        raise DecodeError(source, "binary data, not an HTML page")
    visible = _ANY_TAG.sub(b" ", _without_hidden(data))
    if len(re.sub(rb"\s+|&nbsp;", b"", visible)) < _MIN_VISIBLE_CHARS:
        raise EmptyInput(source, "the page has no visible text", hint="script-only or empty page")


def _without_hidden(data: bytes) -> bytes:
    """The page without script, style, noscript and template elements.

    Linear: the next opening of each tag is searched again only once the scan has passed it, so no
    byte is searched twice for the same tag (many tags of one kind and none of another stay cheap).
    """
    lower = data.lower()
    nexts = {tag: lower.find(b"<" + tag) for tag in _HIDDEN}
    out: list[bytes] = []
    pos = 0
    while True:
        for tag, at in nexts.items():
            if 0 <= at < pos:
                nexts[tag] = lower.find(b"<" + tag, pos)
        found = [(at, tag) for tag, at in nexts.items() if at >= 0]
        if not found:
            out.append(data[pos:])
            return b"".join(out)
        start, tag = min(found)
        out.append(data[pos:start])
        end = lower.find(b"</" + tag, start)
        if end < 0:
            return b"".join(out)
        pos = lower.find(b">", end) + 1 or len(data)


def _binary_share(head: bytes) -> float:
    if not head:
        return 0.0
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head)


def _extract(data: bytes, url: str | None, source: str) -> dict[str, Any]:
    """trafilatura's body text and metadata as a dict (empty text when nothing was found).

    Raises ExtractError when the extractor fails on the page (not "empty": the page may have text).
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=True, deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:  # lxml/trafilatura on broken trees
        log.debug("extraction failed on %s", source, exc_info=True)
        raise ExtractError(source, f"the HTML extractor failed: {type(exc).__name__}: {exc}",
                           hint="the page's markup is broken; try its text or another copy") from exc
    if doc is None:
        return {}
    return dict(doc) if isinstance(doc, dict) else dict(doc.as_dict())


def _outlet(url: str | None, sitename: str | None) -> str | None:
    """The outlet: the known-outlets table for the URL's host, else the site name, else the host."""
    from newsprism.ingest.meta import host_of

    host = host_of(url)
    if host and any(host == h or host.endswith("." + h) for h in OUTLETS):
        return outlet_from_url(url)
    if sitename and "." not in sitename and len(sitename) < 80:
        return sitename
    return outlet_from_url(url)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
