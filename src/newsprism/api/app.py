"""The FastAPI application: JSON API under /api, server-rendered pages at /, one error shape.

`create_app(db, settings)` opens the store once; each request thread reads through its own reader
connection and every write (the ingest endpoint) goes through the store's one writer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import msgspec
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism import __version__
from newsprism.config import Settings
from newsprism.errors import (
    ApiError,
    BadRequest,
    ConfigError,
    ExportError,
    IngestError,
    NewsprismError,
    NotFound,
)
from newsprism.records import to_builtins
from newsprism.store import open_store

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
    if isinstance(exc, IngestError | ExportError):
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


def install_error_handlers(app: FastAPI) -> None:
    """Every error, wherever raised, becomes the one JSON shape (API) or an error page (pages)."""

    def respond(request: Request, status: int, code: str, type_: str, message: str, hint: str) -> Response:
        if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse(error_body(status, code, type_, message, hint), status_code=status)
        from newsprism.web.pages import error_page

        return error_page(request, status, code, type_, message, hint)

    @app.exception_handler(NewsprismError)
    async def on_newsprism(request: Request, exc: NewsprismError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return respond(request, status, exc.code, type(exc).__name__, str(exc.args[0]), exc.hint)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 400, BadRequest.code, "BadRequest", _validation_message(exc),
                       "see /api/docs for the parameters")

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        status, code, type_, message = _http_error(exc)
        return respond(request, status, code, type_, message, "")

    @app.exception_handler(Exception)
    async def on_other(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "E000", "InternalError", "internal error", "see the server log")


def create_app(store_path_or_url: str, settings: Settings | None = None, warm: int = 0) -> Any:
    """The whole web application over one store: API, pages, static files and docs.

    With `warm` > 0, the pages of the latest `warm` stories are built in a background thread at
    startup, so their first visitors do not wait for the story view.
    """
    from fastapi.staticfiles import StaticFiles

    from newsprism.api.routes import router as api_router
    from newsprism.web import STATIC_DIR
    from newsprism.web.pages import router as page_router

    settings = settings or Settings.load({"db": store_path_or_url})
    store = open_store(store_path_or_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from newsprism.web.pages import start_warming

        stop = threading.Event()
        worker = start_warming(app, warm, stop) if warm > 0 else None
        yield
        stop.set()
        if worker is not None:
            worker.join(timeout=10)
        store.close()

    app = FastAPI(
        title="newsprism", version=__version__, lifespan=lifespan,
        description="Stories, coded events, quotes, figures and contradictions from news articles.",
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
        default_response_class=JSONResponse,
    )
    app.state.store = store
    app.state.settings = settings
    from newsprism.api.cache import ViewCache

    app.state.views = ViewCache()
    install_error_handlers(app)
    app.include_router(api_router, prefix="/api")
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    return app
