"""Helpers for the API and page tests: a real uvicorn server on a free port, hand-made stores."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from newsprism.config import Settings
from newsprism.records import Article, ArticleResult, article_id
from newsprism.store import open_store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(db: str, token: str = "") -> Iterator[str]:
    """Serve `db` with uvicorn in a thread; yields the base URL, stops the server after."""
    import uvicorn

    from newsprism.web.app import create_app

    app = create_app(db, Settings(db=db, api_token=token))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def make_article(text: str, **meta: Any) -> Article:
    return Article(id=article_id(text), source=meta.pop("source", "test"), text=text, **meta)


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def save(db: str, article: Article, outputs: dict[str, Any] | None = None) -> None:
    store = open_store(db)
    try:
        outputs = outputs or {}
        store.save_result(ArticleResult(article=article, outputs=outputs,
                                         versions={k: "1" for k in outputs}))
    finally:
        store.close()


def get_json(client: httpx.Client, path: str, status: int = 200) -> Any:
    resp = client.get(path)
    assert resp.status_code == status, (path, resp.status_code, resp.text[:500])
    return resp.json()


def db_path(tmp: Path) -> str:
    return str(tmp / "api.db")
