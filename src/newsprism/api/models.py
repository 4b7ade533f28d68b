"""The response models of the API: what each route answers, as msgspec Structs.

The routes encode records with msgspec (fast, and it knows our Structs), so FastAPI cannot infer
their shapes; `RESPONSES` names the model of every JSON route and `apply` writes their JSON
Schemas into the OpenAPI document (components named after the Structs, lists as `Page_<Item>_`).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import msgspec

from newsprism.alerts.records import Alert, Attempt, Delivery, RuleSummary
from newsprism.read.records import (
    ArticleEvent,
    ArticleSummary,
    AttributedQuote,
    EntityCount,
    EntityProfile,
)
from newsprism.records import ArticleDetail, StorySummary
from newsprism.stories.storage import StoryMember
from newsprism.stories.view import StoryView

T = TypeVar("T")


class Page(msgspec.Struct, Generic[T], kw_only=True):
    """One page of a list; `next` is the URL of the following page, null on the last."""

    items: list[T]
    limit: int
    offset: int
    next: str | None


class Health(msgspec.Struct, kw_only=True):
    status: str  # "ok"
    version: str
    articles: int
    schema_version: int


class Stats(msgspec.Struct, kw_only=True):
    articles: int
    outlets: int
    first_published: str | None  # ISO date-time of the oldest dated article
    last_published: str | None
    step_results: dict[str, int]  # step name -> stored results
    step_failures: dict[str, int]  # step name -> recorded failures
    languages: dict[str, int]  # language code -> articles
    schema_version: int


class Formats(msgspec.Struct, kw_only=True):
    formats: list[str]


class Ingested(msgspec.Struct, kw_only=True):
    id: str
    status: str  # "new" (201) or "unchanged" (200)
    step_failures: int
    story_id: str | None


class Rules(msgspec.Struct, kw_only=True):
    items: list[RuleSummary]


class RuleSaved(msgspec.Struct, kw_only=True):
    saved: str  # the rule's name


class RuleRemoved(msgspec.Struct, kw_only=True):
    removed: str  # the rule's name


class Marked(msgspec.Struct, kw_only=True):
    marked: int  # alerts newly marked read


class AlertDetail(msgspec.Struct, kw_only=True):
    alert: Alert
    deliveries: list[Delivery]
    attempts: list[Attempt]


# (method, path) -> (success status, model)
RESPONSES: dict[tuple[str, str], tuple[str, Any]] = {
    ("get", "/api/health"): ("200", Health),
    ("get", "/api/stats"): ("200", Stats),
    ("get", "/api/articles"): ("200", Page[ArticleSummary]),
    ("get", "/api/articles/{article_id}"): ("200", ArticleDetail),
    ("get", "/api/search"): ("200", Page[ArticleSummary]),
    ("get", "/api/stories"): ("200", Page[StorySummary]),
    ("get", "/api/stories/{story_id}"): ("200", StoryView),
    ("get", "/api/stories/{story_id}/articles"): ("200", Page[StoryMember]),
    ("get", "/api/entities"): ("200", Page[EntityCount]),
    ("get", "/api/entities/{name}"): ("200", EntityProfile),
    ("get", "/api/entities/{name}/quotes"): ("200", Page[AttributedQuote]),
    ("get", "/api/events"): ("200", Page[ArticleEvent]),
    ("get", "/api/exports"): ("200", Formats),
    ("post", "/api/articles"): ("201", Ingested),
    ("get", "/api/alerts"): ("200", Page[Alert]),
    ("get", "/api/alerts/rules"): ("200", Rules),
    ("post", "/api/alerts/rules"): ("201", RuleSaved),
    ("delete", "/api/alerts/rules/{name}"): ("200", RuleRemoved),
    ("post", "/api/alerts/read"): ("200", Marked),
    ("get", "/api/alerts/{alert_id}"): ("200", AlertDetail),
}
ALSO_OK = {("post", "/api/articles"): "200"}  # an article already stored answers 200, same body


def _downloads(doc: dict[str, Any]) -> None:
    """An export answers a file: one media type per format, its bytes as a binary string."""
    from newsprism.api.exports import KINDS

    op = doc.get("paths", {}).get("/api/exports/{fmt}", {}).get("get")
    if op is not None:
        media = sorted({kind for _, kind in KINDS.values()})
        op.setdefault("responses", {})["200"] = {
            "description": "the export as a download (Content-Disposition: attachment)",
            "content": {m: {"schema": {"type": "string", "format": "binary"}} for m in media}}


def apply(doc: dict[str, Any]) -> None:
    """Put each route's response schema into `doc` (an OpenAPI 3.1 document)."""
    _downloads(doc)
    keys = list(RESPONSES)
    refs, components = msgspec.json.schema_components(
        [RESPONSES[k][1] for k in keys], ref_template="#/components/schemas/{name}")
    doc.setdefault("components", {}).setdefault("schemas", {}).update(components)
    paths = doc.get("paths", {})
    for key, ref in zip(keys, refs, strict=True):
        method, path = key
        op = paths.get(path, {}).get(method)
        if op is None:
            continue  # a route not mounted in this app
        responses = op.setdefault("responses", {})
        statuses = [RESPONSES[key][0]] + ([ALSO_OK[key]] if key in ALSO_OK else [])
        for status in ("200", "201"):
            if status not in statuses:
                responses.pop(status, None)
        for status in statuses:
            responses[status] = {"description": "success" if status == statuses[0] else "already stored",
                                 "content": {"application/json": {"schema": ref}}}
