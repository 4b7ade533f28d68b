"""Server-rendered pages (Jinja2, autoescaped), static CSS/JS, SVG pictures, and `serve()`."""

from __future__ import annotations

import logging
import os
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


def app_from_environment() -> object:
    """The app for a worker process (`serve --workers N`): settings from NEWSPRISM_* variables."""
    from newsprism.web.app import create_app

    settings = Settings.load()
    return create_app(settings.db, settings, warm=int(os.environ.get("NEWSPRISM_SERVE_WARM", "0")))


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None,
          workers: int = 1, warm: int = 20) -> None:
    """Serve the pages and the API over the store `db` until interrupted.

    With `workers` > 1, that many processes share the port (reads scale across cores; SQLite's
    WAL lets them read while one writes); they get their settings through the environment.
    The pages of the latest `warm` stories are built in the background at startup.
    """
    import uvicorn

    from newsprism.web.app import create_app

    settings = settings or Settings.load({"db": db})
    settings.db = db
    log.info("serving %s on %s", db, address(host, port))
    if workers > 1:
        for name in Settings.names():
            os.environ[f"NEWSPRISM_{name.upper()}"] = str(getattr(settings, name))
        os.environ["NEWSPRISM_SERVE_WARM"] = str(warm)
        # A worker busy building a story view answers the supervisor's ping late; the default
        # 5 s would restart it and drop its connections on a loaded machine.
        uvicorn.run("newsprism.web:app_from_environment", factory=True, host=host, port=port,
                    workers=workers, log_level="warning", access_log=False,
                    timeout_worker_healthcheck=60)
        return
    uvicorn.run(create_app(db, settings, warm=warm), host=host, port=port, log_level="warning", access_log=False)
