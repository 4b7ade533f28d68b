"""The alerts page (unread counts per rule, newest alerts first) and the Atom feed of alerts.

Every text in an alert comes from articles or rules, so it is untrusted: the page goes through the
autoescaped templates and the feed is built with ElementTree (which escapes), after dropping the
control characters XML cannot carry.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsprism.alerts import store as alert_store
from newsprism.alerts.records import Alert
from newsprism.api.routes import Page, get_store, page_params
from newsprism.errors import Forbidden
from newsprism.store.base import SQLStore
from newsprism.web.pages import render

router = APIRouter(include_in_schema=False)
ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, rule: str | None = Query(None), unread: bool = Query(False),
                page: Page = Depends(page_params), store: SQLStore = Depends(get_store)) -> HTMLResponse:
    items = alert_store.list_alerts(store, rule=rule or None, unread=unread,
                                    limit=page.limit + 1, offset=page.offset)
    summaries = alert_store.rule_summaries(store)
    return render(request, "alerts.html", alerts=items[: page.limit], more=len(items) > page.limit,
                  page=page, rules=summaries, rule=rule or "", unread=unread,
                  total_unread=sum(s.unread for s in summaries))


@router.post("/alerts/read")
async def mark_read(request: Request, store: SQLStore = Depends(get_store)) -> Response:
    """The page's "mark read" button: same-origin form posts only."""
    origin = request.headers.get("origin") or request.headers.get("referer") or ""
    if urlsplit(origin).netloc != request.headers.get("host", ""):
        raise Forbidden("marking alerts read is only allowed from this site's alerts page")
    form = await request.form()
    rule = str(form.get("rule") or "") or None
    alert_store.mark_read(store, rule=rule)
    target = f"/alerts?rule={quote(rule)}" if rule else "/alerts"
    return RedirectResponse(target, status_code=303)


@router.get("/alerts.atom")
def alerts_feed(request: Request, rule: str | None = Query(None),
                store: SQLStore = Depends(get_store)) -> Response:
    items = alert_store.list_alerts(store, rule=rule or None, limit=FEED_SIZE)
    base = str(request.base_url).rstrip("/")
    return Response(atom_feed(items, base, rule or ""), media_type="application/atom+xml")


def _clean(text: str) -> str:
    return _XML_BAD.sub("", text)


def atom_feed(alerts: list[Alert], base: str, rule: str = "") -> bytes:
    """An Atom 1.0 feed of alerts (newest first); every text escaped by the serializer."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", "newsprism alerts" + (f": {rule}" if rule else ""))
    _sub(feed, "id", f"urn:newsprism:alerts:{rule}" if rule else "urn:newsprism:alerts")
    _sub(feed, "updated", alerts[0].fired_at if alerts else "1970-01-01T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/alerts.atom"
                  + (f"?rule={quote(rule)}" if rule else ""))
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "newsprism"
    for alert in alerts:
        _entry(feed, alert, base)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data


def _entry(feed: ET.Element, alert: Alert, base: str) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _sub(entry, "id", f"urn:newsprism:alert:{alert.id}")
    _sub(entry, "title", f"[{alert.rule}] {alert.title}")
    _sub(entry, "updated", alert.fired_at)
    link = f"{base}/stories/{quote(alert.story_id)}" if alert.story_id and not alert.story_id.startswith(
        "article:") else f"{base}/articles/{quote(alert.article_id)}"
    ET.SubElement(entry, f"{{{ATOM}}}link", href=link)
    ET.SubElement(entry, f"{{{ATOM}}}category", term=alert.kind)
    lines = [f"{k}: {v}" for k, v in sorted(alert.details.items()) if v]
    lines += [f"{e.role or 'evidence'} in {e.article_id} [{e.start}-{e.end}]: {e.text}" for e in alert.evidence]
    content = _sub(entry, "content", "\n".join(lines))
    content.set("type", "text")


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    el.text = _clean(text)
    return el
