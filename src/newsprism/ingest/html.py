"""HTML pages: the article text with trafilatura, the metadata read by newsprism, then cleaning."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from newsprism.errors import DecodeError, EmptyInput, ExtractError, TooLarge
from newsprism.ingest.clean import clean_text
from newsprism.ingest.html_meta import page_meta
from newsprism.ingest.meta import normalise_published, outlet_from_url, split_credits
from newsprism.ingest.outlets import OUTLETS
from newsprism.ingest.text import build_article
from newsprism.records import Article

log = logging.getLogger(__name__)

_HIDDEN = (b"script", b"style", b"noscript", b"template")
_HIDDEN_OPEN = re.compile(rb"<(" + b"|".join(_HIDDEN) + rb")", re.I)
_HIDDEN_CLOSE = {tag: re.compile(rb"</" + tag, re.I) for tag in _HIDDEN}
_ANY_TAG = re.compile(rb"<[^<>]*>")
_NOT_VISIBLE = re.compile(rb"\s+|&nbsp;")
_XML_ALLOWED = bytes(range(32, 256)) + b"\t\n\r"
_SELF_CLOSED_HTML = re.compile(rb"<html[^<>\n]*/>", re.I)
_SLASHED_DOCTYPE = re.compile(rb"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.I)
_MIN_VISIBLE_CHARS = 20
FAST_MIN_CHARS = 400  # a fast body shorter than this is checked by the precise extraction
T = TypeVar("T")
MAX_PAGE_BYTES = 10_000_000  # one news page, markup included; the largest seen are a few MB


def article_from_html(
    html: bytes | str, source: str, url: str | None = None, fallback_published: str | None = None
) -> Article:
    """The article in an HTML page: body text, title, authors, outlet, date, URL, language.

    The body is trafilatura's fast extraction, with its precise (slower) one as a fallback when the
    fast body is short; the metadata is newsprism's own reading of the page (`html_meta`).
    Raises DecodeError for what is not HTML, EmptyInput for pages without article text
    (script-only or empty pages), ExtractError when the extractor fails on the page.
    """
    data = html.encode("utf-8", errors="replace") if isinstance(html, str) else html
    if len(data) > MAX_PAGE_BYTES:
        raise TooLarge(source, f"the page is {len(data)} bytes; one news page is at most {MAX_PAGE_BYTES}",
                       hint="check that it is one article's page")
    _check_html(data, source)
    tree = _parse(data, source)
    found = _guarded(source, lambda: page_meta(tree, url, data))
    text = _body(tree, url or found.url, source)
    if len(text.strip()) < _MIN_VISIBLE_CHARS:
        raise EmptyInput(source, "the page has no article text", hint="script-only, empty or non-article page")
    cleaned = clean_text(text, title=found.title)
    if not cleaned.text.strip():
        raise EmptyInput(source, "no article text left after cleaning")
    page_url = url or found.url
    names, agency = split_credits("; ".join(found.authors))
    meta = {
        "url": page_url,
        "title": cleaned.title,
        "outlet": _outlet(page_url, found.sitename),
        "authors": names or cleaned.authors,
        "agency": cleaned.agency or agency,
        "published": found.published or cleaned.published or normalise_published(fallback_published),
        "language": None,
    }
    return build_article(cleaned, source, meta)


def _check_html(data: bytes, source: str) -> None:
    """Refuse binary data and pages with no visible text before the extractor sees them.

    The visible text is counted chunk by chunk and the scan stops at the first
    `_MIN_VISIBLE_CHARS` characters, so a real page costs a few kilobytes of scanning."""
    head = data[:4096]
    if b"\x00" in head or _binary_share(head) > 0.1:
        raise DecodeError(source, "binary data, not an HTML page")
    seen = 0
    for chunk in _visible_chunks(data):
        seen += len(_NOT_VISIBLE.sub(b"", _ANY_TAG.sub(b" ", chunk)))
        if seen >= _MIN_VISIBLE_CHARS:
            return
    raise EmptyInput(source, "the page has no visible text", hint="script-only or empty page")


def _without_hidden(data: bytes) -> bytes:
    """The page without script, style, noscript and template elements."""
    return b"".join(_visible_chunks(data))


def _visible_chunks(data: bytes) -> Iterator[bytes]:
    """The parts of the page outside script, style, noscript and template elements, in order.

    Linear and lazy: each search starts where the last one ended, so no byte is searched twice for
    the same thing, and a caller that stops early scans only the start of the page. Each chunk
    starts and ends at a tag boundary (or the page's ends).
    """
    pos = 0
    while True:
        opening = _HIDDEN_OPEN.search(data, pos)
        if opening is None:
            yield data[pos:]
            return
        yield data[pos:opening.start()]
        closing = _HIDDEN_CLOSE[opening.group(1).lower()].search(data, opening.end())
        if closing is None:
            return
        pos = data.find(b">", closing.end()) + 1 or len(data)


def _binary_share(head: bytes) -> float:
    if not head:
        return 0.0
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head)


def _parse(data: bytes, source: str) -> Any:
    """The page's lxml tree. Valid UTF-8 without characters XML forbids is parsed as it is;
    anything else goes through trafilatura's loader (encoding guessed, broken markup repaired)."""
    from trafilatura.utils import load_html

    tree = _guarded(source, lambda: _parse_utf8(data))
    if tree is None:
        tree = _guarded(source, lambda: load_html(data))
    if tree is None:
        raise DecodeError(source, "the HTML parser found no document in the page",
                          hint="check that it is an HTML page")
    return tree


def _parse_utf8(data: bytes) -> Any:
    """The tree of a clean UTF-8 page (a slashed doctype dropped, as trafilatura's loader does
    for libxml2); None when the page needs the full loader."""
    from lxml.html import HTMLParser, fromstring

    if data.translate(None, _XML_ALLOWED) or _SELF_CLOSED_HTML.search(data[:4096]) is not None:
        return None  # control characters XML forbids (deleting every allowed byte leaves them)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\ufffe" in text or "\uffff" in text:
        return None
    first, newline, rest = data.partition(b"\n")
    if b"doctype" in data[:50].lower():
        data = _SLASHED_DOCTYPE.sub(b"", first, count=1) + newline + rest
    tree = fromstring(data, parser=HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                              remove_comments=True, remove_pis=True))
    if tree is None or (b"html" not in data[:50].lower() and len(tree) < 2):
        return None
    return tree


def _body(tree: Any, url: str | None, source: str) -> str:
    """The article text: the fast extraction, else the precise one when the fast body is short."""
    text = _extract(tree, url, source, fast=True)
    if len(text) < FAST_MIN_CHARS:
        precise = _extract(tree, url, source, fast=False)
        if len(precise) > len(text):
            return precise
    return text


def _extract(tree: Any, url: str | None, source: str, fast: bool) -> str:
    """trafilatura's body text of the page ("" when nothing was found); `fast` skips its
    readability/jusText comparison. Raises ExtractError when the extractor fails on the page."""
    import trafilatura

    doc = _guarded(source, lambda: trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True,
        favor_precision=True, deduplicate=False, fast=fast))
    if doc is None:
        return ""
    text = doc.get("text") if isinstance(doc, dict) else doc.text
    return str(text or "")


def _guarded(source: str, work: Callable[[], T]) -> T:
    """Run lxml/trafilatura work on one page; their failures on broken trees become ExtractError."""
    try:
        return work()
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        log.debug("extraction failed on %s", source, exc_info=True)
        raise ExtractError(source, f"the HTML extractor failed: {type(exc).__name__}: {exc}",
                           hint="the page's markup is broken; try its text or another copy") from exc


def _outlet(url: str | None, sitename: str | None) -> str | None:
    """The outlet: the known-outlets table for the URL's host, else the site name, else the host."""
    from newsprism.ingest.meta import host_of

    host = host_of(url)
    if host and any(host == h or host.endswith("." + h) for h in OUTLETS):
        return outlet_from_url(url)
    if sitename and "." not in sitename and len(sitename) < 80 and not sitename.islower():
        return sitename  # a lower-case one ("cleveland") reads better from the host
    return outlet_from_url(url)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
