"""POST /api/articles: one article in (JSON, plain text or HTML), analysed and stored.

Behind a bearer token (`api_token`); with no token set the endpoint is disabled (403). Articles go
through the same runner as `newsprism ingest`: default pipeline, one transaction, after-save hooks.
"""

from __future__ import annotations

import hmac
import threading
from typing import Any

import msgspec
from fastapi import Request
from starlette.concurrency import run_in_threadpool

from newsprism.api.app import JSONResponse
from newsprism.config import Settings
from newsprism.errors import BadRequest, Forbidden, TooLarge, Unauthorized
from newsprism.read.articles import story_of
from newsprism.records import Article

_lock = threading.Lock()


class IngestBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The JSON body of the ingest endpoint."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: list[str] = []


def check_token(settings: Settings, header: str | None) -> None:
    """403 when ingest is disabled, 401 unless the header carries the configured token."""
    if not settings.api_token:
        raise Forbidden("the ingest endpoint is disabled", hint="set api_token to enable it")
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(),
                                                             settings.api_token.encode()):
        raise Unauthorized("missing or wrong bearer token")


def article_from_body(body: bytes, content_type: str, source: str, url: str | None = None) -> Article:
    """Build the article from a JSON, HTML or plain-text request body."""
    if content_type == "application/json":
        try:
            data = msgspec.json.decode(body, type=IngestBody)
        except msgspec.DecodeError as exc:
            raise BadRequest(f"the JSON body is not an article: {exc}",
                             hint="send {\"text\": ..., optional title, url, published, outlet, authors}") from exc
        return _from_fields(data, source)
    if content_type in ("text/html", "application/xhtml+xml"):
        from newsprism.ingest.html import article_from_html

        article: Article = article_from_html(body, source=url or source, url=url)
        return article
    if content_type in ("text/plain", "text/markdown", ""):
        return _from_fields(IngestBody(text=_utf8(body, source), url=url), source)
    raise BadRequest(f"cannot ingest content type {content_type!r}",
                     hint="send application/json, text/plain, text/markdown or text/html")


def _utf8(body: bytes, source: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"{source}: the body is not UTF-8 text") from exc


def _from_fields(data: IngestBody, source: str) -> Article:
    from newsprism.ingest.text import article_from_text

    if not data.text.strip():
        raise BadRequest("text is empty")
    meta: dict[str, Any] = {k: v for k, v in (("title", data.title), ("url", data.url),
                                               ("published", data.published), ("outlet", data.outlet))
                            if v}
    if data.authors:
        meta["authors"] = list(data.authors)
    article: Article = article_from_text(data.text, data.url or source, **meta)
    return article


def store_article(app: Any, article: Article) -> dict[str, Any]:
    """Analyse and store one article through the engine (built on first use; serialised: one
    writer). Never strict: a bug on one article is recorded, the server goes on."""
    from newsprism.engine import Engine

    settings: Settings = app.state.settings
    with _lock:
        if getattr(app.state, "engine", None) is None:
            app.state.engine = Engine.build(settings, app.state.store, strict=False)
        summary = app.state.engine.ingest([article])
    return {"id": article.id, "status": "new" if summary.new else "unchanged",
            "step_failures": summary.step_failures,
            "story_id": story_of(app.state.store, article.id)}


async def _capped_body(request: Request, cap: int, source: str) -> bytes:
    """The request body, refused as soon as it is known to exceed `cap` (declared or streamed)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise TooLarge(source, f"the body declares {declared} bytes, over max_input_bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise TooLarge(source, f"the body has more than {cap} bytes (max_input_bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


async def ingest_request(request: Request) -> JSONResponse:
    settings: Settings = request.app.state.settings
    check_token(settings, request.headers.get("authorization"))
    source = f"api:{request.client.host if request.client else 'unknown'}"
    body = await _capped_body(request, settings.max_input_bytes, source)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    article = article_from_body(body, content_type, source, request.query_params.get("url"))
    result = await run_in_threadpool(store_article, request.app, article)
    return JSONResponse(result, status_code=201 if result["status"] == "new" else 200)
