"""An HTML page's metadata read by newsprism itself: title, date, authors, site name and URL.

Sources, best first: JSON-LD (schema.org Article objects), meta tags (Open Graph, Dublin Core,
article:*, itemprop, common CMS names), the page's <title>/<h1>, then the URL (a /YYYY/MM/DD/
path). htmldate runs only when none of them gives a date. One pass over the meta tags, one JSON
parse per JSON-LD block; every value is bounded in length, and "not found" is None.
"""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newsprism.ingest.meta import normalise_published

log = logging.getLogger(__name__)

MAX_JSON_LD_CHARS = 200_000  # one block; larger ones are page data, not an article's description
MAX_VALUE_CHARS = 400  # a title, author or site name longer than this is not one

_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "opinionnewsarticle", "backgroundnewsarticle", "webpage", "report", "liveblogposting",
                  "socialmediaposting", "techarticle", "scholarlyarticle", "reviewnewsarticle"}
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "dcterms.title", "title", "headline",
               "sailthru.title", "parsely-title")
_DATE_KEYS = ("article:published_time", "datepublished", "og:published_time", "published_time",
              "article.published", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
              "dcterms.created", "date", "pubdate", "publishdate", "publish-date", "publish_date",
              "sailthru.date", "parsely-pub-date", "citation_publication_date", "article_date_original",
              "original-publish-date", "displaydate", "datecreated", "article:modified_time",
              "datemodified", "og:updated_time")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
                "sailthru.author", "byl", "citation_author", "twitter:creator")
_SITE_KEYS = ("og:site_name", "publisher", "dc.publisher", "application-name", "twitter:site")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014:\-\u00bb\u00b7]\s+")
_SPACES = re.compile(r"\s+")
_BY_WORDS = frozenset({"by", "von", "par", "por"})
_BY = re.compile(r"^(?:by|von|par|por)\s*:?\s+", re.I)
_LOOKS_LIKE_NAME = re.compile(r"^[A-Z\u00c0-\u024f][\w.'\-]*(?:\s+[\w.'\-]+){0,4}$")


@dataclass
class PageMeta:
    """What the page says about its article (None when it does not say)."""

    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    url: str | None = None


def page_meta(tree: Any, url: str | None = None, html: bytes | None = None) -> PageMeta:
    """The metadata of a parsed page (an lxml tree); `html` lets htmldate look when nothing else dates it."""
    tags = _meta_tags(tree)
    ld = _json_ld(tree)
    canonical = _canonical(tree) or tags.get("og:url")
    page_url = url or canonical
    out = PageMeta(url=page_url)
    out.title = _first_text(ld.get("headline"), *(tags.get(k) for k in _TITLE_KEYS))
    from_page = out.title is None
    out.title = out.title or _title_of(tree)
    out.published = _published(ld, tags, page_url, canonical)
    if out.published is None and html is not None:
        out.published = _htmldate(html, page_url)
    out.authors = _authors(ld.get("author")) or _authors(_first_author_tag(tags)) or _byline_authors(tree)
    publisher = ld.get("publisher")
    site = publisher.get("name") if isinstance(publisher, dict) else publisher
    out.sitename = _first_text(tags.get("og:site_name"), site, *(tags.get(k) for k in _SITE_KEYS))
    if out.sitename and out.sitename.startswith("@"):
        out.sitename = out.sitename[1:] or None
    out.title, suffix = _without_site(out.title, out.sitename, page_url)
    out.sitename = out.sitename or suffix
    if from_page:
        out.title = _longest_part(out.title)
    return out


def _without_site(title: str | None, sitename: str | None, url: str | None) -> tuple[str | None, str | None]:
    """The title without a trailing " | Site" / " - Site" naming the site (its name, or the URL's
    host when folded alike: "Harbour news - Coastline Gazette" on coastlinegazette.example), and
    that site name when the title gave it."""
    if not title:
        return title, None
    parts = _TITLE_SPLIT.split(title)
    if len(parts) < 2 or len(parts[-1].split()) > 5:
        return title, None
    last = parts[-1]
    host = "".join(_fold_name(p) for p in (urlsplit(url).hostname or "").split(".")[-3:-1]) if url else ""
    folded = _fold_name(last)
    if folded and (folded == _fold_name(sitename or "") or (host and folded in host)):
        head = title[: title.rfind(last)].rstrip(" |-:\u2013\u2014\u00bb\u00b7")
        return (head or title), last
    return title, None


def _fold_name(text: str) -> str:
    """Letters and digits only, lower case: 'The Hill' ~ 'TheHill' ~ 'thehill.com'."""
    return "".join(c for c in text.lower() if c.isalnum()).removesuffix("com")


def _meta_tags(tree: Any) -> dict[str, str]:
    """First content of every meta tag by its lower-case property, name or itemprop."""
    tags: dict[str, str] = {}
    for node in tree.iter("meta"):
        content = node.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            for key in (node.get(attr) or "").lower().split():  # itemprop="datePublished dateCreated"
                tags.setdefault(key, content.strip())
    for node in tree.iter("time"):  # <time itemprop="datePublished" datetime="...">
        if (node.get("itemprop") or "").lower() == "datepublished" and node.get("datetime"):
            tags.setdefault("datepublished", node.get("datetime").strip())
    return tags


def _json_ld(tree: Any) -> dict[str, Any]:
    """The page's article object from its JSON-LD blocks (the first of an article type), else {}."""
    for node in tree.iter("script"):
        if (node.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = node.text or ""
        if not text.strip() or len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            log.debug("unreadable JSON-LD block skipped")
            continue
        found = _article_object(data, depth=0)
        if found is not None:
            return found
    return {}


def _article_object(data: Any, depth: int) -> dict[str, Any] | None:
    """The first object of an article type in a JSON-LD value (lists and @graph followed, bounded)."""
    if depth > 4:
        return None
    if isinstance(data, list):
        for item in data[:50]:
            found = _article_object(item, depth + 1)
            if found is not None:
                return found
        return None
    if not isinstance(data, dict):
        return None
    kinds = data.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds) and (
            data.get("headline") or data.get("datePublished")):
        return data
    return _article_object(data.get("@graph"), depth + 1) if "@graph" in data else None


def _published(ld: dict[str, Any], tags: dict[str, str], url: str | None, canonical: str | None) -> str | None:
    for value in (ld.get("datePublished"), ld.get("dateCreated"), *(tags.get(k) for k in _DATE_KEYS),
                  ld.get("dateModified")):
        if isinstance(value, str) and value.strip():
            day = normalise_published(value.strip()[:64])
            if day and "1990" <= day[:4] <= "2100":
                return day
    for where in (url, canonical):
        match = _URL_DATE.search(where or "")
        if match:
            day = normalise_published(f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}")
            if day:
                return day
    return None


def _htmldate(html: bytes, url: str | None) -> str | None:
    """htmldate's quick search (no extensive search: no dateparser), the last resort."""
    from htmldate import find_date

    try:
        found = find_date(html, url=url, extensive_search=False, original_date=True)
    except (ValueError, TypeError, AttributeError, RecursionError):
        log.debug("htmldate failed", exc_info=True)
        return None
    return normalise_published(found) if isinstance(found, str) else None


def _first_text(*values: Any) -> str | None:
    for value in values:
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str):
            text = _plain(value)
            if text and len(text) <= MAX_VALUE_CHARS:
                return text
    return None


def _plain(value: str) -> str:
    """One line of text: character references resolved (JSON-LD carries them raw), spaces folded."""
    return _SPACES.sub(" ", html.unescape(value) if "&" in value else value).strip()


def _title_of(tree: Any) -> str | None:
    """The single <h1>, else the <title> (its site name is cut by `_without_site`)."""
    heads = [_SPACES.sub(" ", h.text_content()).strip() for h in tree.iter("h1")][:2]
    if len(heads) == 1 and heads[0] and len(heads[0]) <= MAX_VALUE_CHARS:
        return heads[0]
    node = next(iter(tree.iter("title")), None)
    text = _SPACES.sub(" ", node.text_content()).strip() if node is not None else ""
    if not text or len(text) > MAX_VALUE_CHARS:
        return None
    return text


def _longest_part(title: str | None) -> str | None:
    """A <title> still cut by separators ("Story | Section | Site"): its longest part."""
    parts = _TITLE_SPLIT.split(title) if title else []
    return max(parts, key=len) if len(parts) > 1 else title


def _first_author_tag(tags: dict[str, str]) -> str | None:
    for key in _AUTHOR_KEYS:
        value = tags.get(key)
        if value and not value.startswith(("http://", "https://", "@")):
            return value
    return None


def _authors(value: Any) -> list[str]:
    """Author names from a JSON-LD author (object, list, string) or a meta tag's text."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:20]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = name[0] if name else None
        if not isinstance(name, str):
            continue
        text = _plain(name)
        if text and len(text) <= MAX_VALUE_CHARS and not text.startswith(("http://", "https://")):
            names.append(_proper_case(text))
    return names


def _proper_case(name: str) -> str:
    """'By JANE ROE, AP Writer' -> 'By Jane Roe, AP Writer': words in capitals longer than three
    letters (a shouted byline) are title-cased; short ones (AP, BBC) stay."""
    parts = []
    for part in name.split(","):
        words = part.split()
        letters = [w for w in words if any(c.isalpha() for c in w) and w.lower() not in _BY_WORDS]
        shouted = len(letters) >= 2 and all(w.isupper() for w in letters)  # "TOM KRISHER"
        parts.append(" ".join(w.capitalize() if w.isupper() and (len(w) > 3 or shouted and len(w) > 2)
                              else w for w in words))
    return ", ".join(p.strip() for p in parts) if "," in name else parts[0]


def _byline_authors(tree: Any) -> list[str]:
    """Names in the page's byline markup: rel="author" links and itemprop="author" elements
    (their itemprop="name" part when they have one), short texts only, at most five."""
    names: list[str] = []
    for node in tree.iter("a", "span", "div", "p", "address"):
        if len(names) == 5:
            break
        rel = (node.get("rel") or "").lower().split()
        if "author" not in rel and (node.get("itemprop") or "").lower() != "author":
            continue
        named = [n for n in node.iter() if (n.get("itemprop") or "").lower() == "name"]
        text = _plain((named[0] if named else node).text_content())
        text = _BY.sub("", text)
        if text and len(text) < 80 and _LOOKS_LIKE_NAME.match(text) and text not in names:
            names.append(_proper_case(text))
    return names


def _canonical(tree: Any) -> str | None:
    for node in tree.iter("link"):
        if "canonical" in (node.get("rel") or "").lower().split() and node.get("href"):
            href: str = node.get("href").strip()
            return href if href.startswith(("http://", "https://")) else None
    return None
