"""Server-rendered pages (Jinja2, autoescaped), static CSS/JS, SVG pictures, and `serve()`."""

from __future__ import annotations

import logging
from pathlib import Path

from newsprism.config import Settings

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATE_DIR = WEB_DIR / "templates"


def address(host: str, port: int) -> str:
    """The URL a browser opens for a server bound to host:port."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    """Serve the pages and the API over the store `db` until interrupted."""
    import uvicorn

    from newsprism.api import create_app

    app = create_app(db, settings or Settings.load({"db": db}))
    log.info("serving %s on %s", db, address(host, port))
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
