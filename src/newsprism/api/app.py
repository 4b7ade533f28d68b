"""What every response of the API shares: msgspec-encoded JSON and the one error shape.

The application that serves the API with the pages is `newsprism.web.app.create_app` (the pages
sit above the API: they reuse its parameters; the API never imports the pages).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import msgspec
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism.api.security import cap
from newsprism.errors import (
    ApiError,
    BadRequest,
    ConfigError,
    ExportError,
    IngestError,
    InvalidArgument,
    NewsprismError,
    NotFound,
    QueryTooCostly,
    RuleError,
)
from newsprism.records import to_builtins

log = logging.getLogger(__name__)


class JSONResponse(Response):
    """JSON encoded by msgspec (fast, and it knows the record Structs)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return msgspec.json.encode(to_builtins(content))


def error_body(status: int, code: str, type_: str, message: str, hint: str = "") -> dict[str, Any]:
    """The one JSON error shape every API error has."""
    return {"error": {"status": status, "code": code, "type": type_, "message": message, "hint": hint}}


def status_of(exc: NewsprismError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, QueryTooCostly):
        return 503
    if isinstance(exc, IngestError | ExportError | RuleError | InvalidArgument):
        return 400
    if isinstance(exc, ConfigError):
        return 500
    return 500


def _http_error(exc: StarletteHTTPException) -> tuple[int, str, str, str]:
    """Status, code, type and message for an HTTP error raised by routing."""
    if exc.status_code == 404:
        return 404, NotFound.code, "NotFound", "no such page or endpoint"
    return exc.status_code, ApiError.code, "HTTPError", str(exc.detail)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


# CLI tips an error may carry, as what an API client does instead (matched on the command)
API_HINTS = (
    ("`newsprism stories`", "list stories with GET /api/stories"),
    ("`newsprism alerts list`", "list rules with GET /api/alerts/rules"),
    ("`newsprism recluster`", "the article has no story yet: ask again after the next ingest"),
)
GENERIC_HINT = "see /docs for the routes and their parameters"


def api_hint(hint: str) -> str:
    """The hint an API client can follow: a CLI tip (a command, a --flag) becomes its API
    counterpart, or a pointer to /docs when there is none."""
    for cli, api in API_HINTS:
        if cli in hint:
            return api
    if "`newsprism" in hint or re.search(r"(^|\s)--[a-z]", hint):
        return GENERIC_HINT
    return hint


HtmlError = Callable[[Request, int, str, str, str, str], Response]
"""Renders an error as a page (status, code, type, message, hint) for a browser's request."""


def install_error_handlers(app: FastAPI, html_error: HtmlError | None = None) -> None:
    """Every error, wherever raised, becomes the one JSON shape (API) or, with `html_error`, an
    error page (requests from a browser outside /api)."""

    def respond(request: Request, status: int, code: str, type_: str, message: str, hint: str) -> Response:
        if html_error is not None and not request.url.path.startswith("/api") \
                and "text/html" in request.headers.get("accept", ""):
            return html_error(request, status, code, type_, message, hint)
        return JSONResponse(error_body(status, code, type_, message, hint), status_code=status)

    @app.exception_handler(NewsprismError)
    async def on_newsprism(request: Request, exc: NewsprismError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return respond(request, status, exc.code, type(exc).__name__, cap(str(exc.args[0]), 500),
                       api_hint(exc.hint))

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 400, BadRequest.code, "BadRequest", _validation_message(exc),
                       GENERIC_HINT)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        status, code, type_, message = _http_error(exc)
        response = respond(request, status, code, type_, cap(message, 500), "")
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return response

    @app.exception_handler(Exception)
    async def on_other(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "E000", "InternalError", "internal error", "see the server log")
