"""The whole web application over one store: the JSON API, the pages, static files and docs.

The store is opened once; each request thread reads through its own reader connection and every
write (the API's ingest endpoint) goes through the store's one writer.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsprism import __version__
from newsprism.api import openapi_doc
from newsprism.api.alerts import router as alerts_api
from newsprism.api.app import JSONResponse, install_error_handlers
from newsprism.api.routes import router as api_router
from newsprism.api.security import SecurityMiddleware
from newsprism.config import Settings
from newsprism.store import open_store
from newsprism.web import STATIC_DIR
from newsprism.web.alerts import router as alerts_pages
from newsprism.web.api_docs import router as docs_page
from newsprism.web.cache import ViewCache
from newsprism.web.downloads import router as downloads
from newsprism.web.pages import error_page, start_warming
from newsprism.web.pages import router as page_router


def create_app(store_path_or_url: str, settings: Settings | None = None, warm: int = 0) -> FastAPI:
    """The application over the store `store_path_or_url`.

    With `warm` > 0, the pages of the latest `warm` stories are built in a background thread at
    startup (their views are stored, so other workers and later runs read them too).
    """
    settings = settings or Settings.load({"db": store_path_or_url})
    store = open_store(store_path_or_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
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
    app.state.views = ViewCache()
    install_error_handlers(app, error_page)
    app.include_router(api_router, prefix="/api")
    app.include_router(alerts_api, prefix="/api")
    app.include_router(alerts_pages)
    app.include_router(docs_page)  # /docs (and /api/docs): the offline API explorer
    app.include_router(downloads)  # /stories/{id}/story.md, claims.csv, quotes.csv
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.add_middleware(SecurityMiddleware)  # security headers, HEAD, request-line caps
    openapi_doc.install(app)  # the document says what the server answers (errors, JSON objects)
    return app
