"""Feeds as they come over the network: RSS/Atom (via `ingest.feeds.parse_feed`) and JSON Feed,
with the publisher's update hints (RSS ttl, sy:updatePeriod/Frequency, HTTP max-age)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from newsprism.errors import DecodeError

_TTL = re.compile(rb"<ttl>\s*(\d+)\s*</ttl>", re.I)
_SY_PERIOD = re.compile(rb"<sy:updatePeriod>\s*(\w+)\s*</sy:updatePeriod>", re.I)
_SY_FREQ = re.compile(rb"<sy:updateFrequency>\s*(\d+)\s*</sy:updateFrequency>", re.I)
_MAX_AGE = re.compile(r"max-age\s*=\s*(\d+)", re.I)
_PERIOD_SECONDS = {"hourly": 3600, "daily": 86400, "weekly": 604800, "monthly": 2592000,
                   "yearly": 31536000}


@dataclass
class LiveItem:
    """One feed item, whatever the feed format."""

    key: str  # guid, else link, else a hash of the content: what dedups items
    link: str | None
    title: str | None
    published: str | None
    text: str  # the feed's own text for the item (summary or content, as plain text or HTML)
    is_html: bool


@dataclass
class ParsedFeed:
    title: str | None
    items: list[LiveItem]
    interval_hint: float | None  # seconds between polls the publisher asks for, if any


def item_key(guid: str | None, link: str | None, title: str | None, text: str) -> str:
    if guid:
        return "guid:" + guid.strip()
    if link:
        return "link:" + link.strip()
    digest = hashlib.sha1(((title or "") + "\n" + text).encode("utf-8")).hexdigest()[:20]
    return "hash:" + digest


def is_json_feed(data: bytes, content_type: str) -> bool:
    head = data[:2048].lstrip()
    return content_type in ("application/feed+json", "application/json") or (
        head.startswith(b"{") and b"jsonfeed.org" in head
    )


def parse_live_feed(data: bytes, content_type: str, source: str,
                    cache_control: str | None = None) -> ParsedFeed:
    """Parse a fetched feed; raises DecodeError (naming `source`) when it is not a feed."""
    if is_json_feed(data, content_type):
        feed = _parse_json_feed(data, source)
    else:
        feed = _parse_xml_feed(data, source)
    max_age = _MAX_AGE.search(cache_control or "")
    if feed.interval_hint is None and max_age:
        feed.interval_hint = float(max_age.group(1))
    return feed


def _parse_xml_feed(data: bytes, source: str) -> ParsedFeed:
    from newsprism.ingest.feeds import parse_feed

    items = []
    for it in parse_feed(data, source):
        html = getattr(it, "content", None)
        text = html or getattr(it, "summary", None) or ""
        items.append(LiveItem(key=item_key(it.guid, it.link, it.title, text), link=it.link,
                              title=it.title, published=it.published, text=text,
                              is_html=bool(html) or "<" in text))
    return ParsedFeed(title=_xml_title(data), items=items, interval_hint=_xml_hint(data))


def _xml_title(data: bytes) -> str | None:
    match = re.search(rb"<title[^>]*>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</title>", data[:20000], re.S)
    return match.group(1).decode("utf-8", errors="replace").strip() or None if match else None


def _xml_hint(data: bytes) -> float | None:
    head = data[:20000]
    ttl = _TTL.search(head)
    if ttl:
        return float(ttl.group(1)) * 60
    period = _SY_PERIOD.search(head)
    if period:
        seconds = _PERIOD_SECONDS.get(period.group(1).decode().lower())
        freq = _SY_FREQ.search(head)
        if seconds:
            return seconds / max(1, int(freq.group(1)) if freq else 1)
    return None


def _parse_json_feed(data: bytes, source: str) -> ParsedFeed:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecodeError(source, f"not a JSON Feed: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise DecodeError(source, "not a JSON Feed: no 'items' list")
    items = [_json_item(raw) for raw in doc["items"] if isinstance(raw, dict)]
    title = doc.get("title") if isinstance(doc.get("title"), str) else None
    return ParsedFeed(title=title, items=items, interval_hint=None)


def _json_item(raw: dict[str, Any]) -> LiveItem:
    html = _str(raw.get("content_html"))
    text = html or _str(raw.get("content_text")) or _str(raw.get("summary")) or ""
    link = _str(raw.get("url")) or _str(raw.get("external_url"))
    title = _str(raw.get("title"))
    guid = _str(raw.get("id"))
    return LiveItem(key=item_key(guid, link, title, text), link=link, title=title,
                    published=_str(raw.get("date_published")), text=text, is_html=bool(html))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
