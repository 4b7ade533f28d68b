"""Hostile clients: every request has a bounded cost (exports stream and large ones need the
token, searches are normalised and run under a time budget) and the HTTP answers are hygienic."""

from __future__ import annotations

import contextlib
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsprism.records import Article, article_id
from newsprism.store import open_store
from newsprism.store.base import SQLStore
from newsprism.store.limits import MAX_SEARCH_TERMS, normalise_query

TOKEN = "a-long-test-token"
WORDS = ["harbour", "ferry", "council", "storm", "bridge", "market", "school", "river"]


def article(n: int, size: int = 600) -> Article:
    body = " ".join(f"The {WORDS[(n + i) % len(WORDS)]} report {n} line {i} says the town is calm."
                    for i in range(size // 50))
    return Article(id=article_id(body), source=f"test-{n}", text=body, title=f"Report {n}",
                   outlet="Town Courier", published=f"2024-03-{n % 28 + 1:02d}")


def fill(store: SQLStore, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        store.add_article(article(n))


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "hostile.db")
    store = open_store(path)
    fill(store, 12)
    store.close()
    return path


@contextlib.contextmanager
def client(db: str, token: str = "") -> Iterator[httpx.Client]:
    """An HTTP client of a real server over `db` (see test_api_support)."""
    from test_api_support import running_server

    with running_server(db, token) as base, httpx.Client(base_url=base, timeout=60) as c:
        yield c


# ---------------------------------------------------------------- search


def test_query_is_reduced_to_distinct_words_and_capped() -> None:
    assert normalise_query("the " * 200) == "the"
    assert normalise_query('Storm STORM storm "the bridge" "The Bridge" bridge') == 'Storm "the bridge" bridge'
    many = " ".join(f"w{i}" for i in range(100))
    assert len(normalise_query(many).split()) == MAX_SEARCH_TERMS
    assert normalise_query('"unclosed phrase of words') == '"unclosed phrase of words"'
    assert normalise_query('"" " "') == ""


def test_repeated_words_cost_what_one_word_costs(db: str) -> None:
    store = open_store(db)
    try:
        once = store.search("harbour", limit=50)
        many = store.search(" ".join(["harbour"] * 300), limit=50)
        assert [h.id for h in many] == [h.id for h in once] and once
    finally:
        store.close()


def test_a_search_over_its_budget_answers_503(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.store import base

    store = open_store(db)
    fill(store, 300, start=12)
    store.close()
    monkeypatch.setattr(base, "SEARCH_SECONDS", -1.0)  # already over: the first progress call stops it
    with client(db) as c:
        resp = c.get("/api/search", params={"q": "the town is calm", "limit": 200})
        assert resp.status_code == 503, resp.text
        assert resp.json()["error"]["code"] == "E303"
        page = c.get("/search", params={"q": "the town is calm"}, headers={"accept": "text/html"})
        assert page.status_code == 503


# ---------------------------------------------------------------- exports


def test_large_exports_need_the_token(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.api import streaming

    monkeypatch.setattr(streaming, "OPEN_EXPORT_ARTICLES", 5)
    with client(db) as c:  # no token configured: only the CLI may export it all
        assert c.get("/api/exports/jsonl?table=articles").status_code == 403
        assert c.get("/api/exports/jsonl?table=articles&since=2024-03-01&until=2024-03-03").status_code == 200
    with client(db, TOKEN) as c:
        resp = c.get("/api/exports/jsonl?table=articles")
        assert resp.status_code == 401 and resp.json()["error"]["code"] == "E602"
        assert c.get("/api/exports/parquet?table=articles").status_code == 401
        resp = c.get("/api/exports/jsonl?table=articles", headers={"Authorization": f"Bearer {TOKEN}"})
        assert resp.status_code == 200 and len(resp.text.splitlines()) == 12
        resp = c.get("/api/exports/csv?table=articles", headers={"Authorization": f"Bearer {TOKEN}"})
        assert resp.status_code == 200 and len(resp.text.splitlines()) == 13


def _peak_streaming(store: SQLStore, fmt: str) -> int:
    from newsprism.api import streaming
    from newsprism.export.tables import Selection

    tracemalloc.start()
    try:
        total = sum(len(chunk) for chunk in streaming.stream(store, fmt, "articles", Selection()))
        assert total > 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_streamed_export_memory_does_not_grow_with_the_store(tmp_path: Path, fmt: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.export import writers

    monkeypatch.setattr(writers, "CHUNK", 16 * 1024)  # both stores are many chunks long
    store = open_store(str(tmp_path / "big.db"))
    try:
        fill(store, 250)
        small = _peak_streaming(store, fmt)
        fill(store, 1750, start=250)  # 8x the articles
        large = _peak_streaming(store, fmt)
    finally:
        store.close()
    assert large < 2 * small, f"peak {small} -> {large} bytes for 8x the articles"


def test_streamed_rows_match_the_cli_export(db: str) -> None:
    import io
    import json

    from newsprism import export
    from newsprism.api import streaming
    from newsprism.export.tables import Selection

    store = open_store(db)
    try:
        out = io.BytesIO()
        export.export(store, "jsonl", out, Selection(), table="articles")
        streamed = b"".join(streaming.stream(store, "jsonl", "articles", Selection()))
    finally:
        store.close()
    assert [json.loads(x) for x in streamed.splitlines()] == [json.loads(x) for x in out.getvalue().splitlines()]


def test_streamed_parquet_matches_the_cli_export(db: str) -> None:
    import io

    import pyarrow.parquet as pq

    from newsprism import export
    from newsprism.api import streaming
    from newsprism.export.tables import Selection

    store = open_store(db)
    try:
        out = io.BytesIO()
        export.export(store, "parquet", out, Selection(), table="articles")
        streamed = b"".join(streaming.stream(store, "parquet", "articles", Selection()))
    finally:
        store.close()
    assert pq.read_table(io.BytesIO(streamed)).to_pylist() == pq.read_table(io.BytesIO(out.getvalue())).to_pylist()


# ---------------------------------------------------------------- HTTP hygiene


@pytest.fixture
def served(db: str) -> Iterator[httpx.Client]:
    with client(db) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/api/health", "/static/app.js", "/api/stories/nope", "/no/such/page"])
def test_security_headers_on_every_response(served: httpx.Client, path: str) -> None:
    resp = served.get(path)
    csp = resp.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    assert resp.headers["referrer-policy"]


def test_pages_hold_no_inline_script_or_style(served: httpx.Client) -> None:
    import re

    page = served.get("/", headers={"accept": "text/html"}).text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "<style" not in page and " style=" not in page and not re.search(r"\son[a-z]+=", page)


def test_head_is_answered_like_get_without_body(served: httpx.Client) -> None:
    got = served.get("/api/health")
    head = served.head("/api/health")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_wrong_method_answers_405_with_allow(served: httpx.Client) -> None:
    resp = served.delete("/api/health")
    assert resp.status_code == 405
    assert set(resp.headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


def test_long_ids_are_not_echoed_whole(served: httpx.Client) -> None:
    resp = served.get("/api/stories/" + "x" * 2000)
    assert resp.status_code == 404 and len(resp.content) < 1200
    assert served.get("/api/stories/" + "x" * 5000).status_code == 414
    assert served.get("/api/search", params={"q": "w " * 6000}).status_code == 414


def test_next_link_is_not_built_from_the_host_header(served: httpx.Client) -> None:
    resp = served.get("/api/search", params={"q": "town", "limit": 2}, headers={"host": "evil.example"})
    nxt = resp.json()["next"]
    assert nxt and nxt.startswith("/api/search?") and "evil" not in nxt


def test_next_link_uses_the_configured_base_url(db: str) -> None:
    import asyncio

    from newsprism.config import Settings
    from newsprism.web.app import create_app

    app = create_app(db, Settings(db=db, base_url="https://news.example.org/"))

    async def call() -> str:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://evil.example") as ac:
            return str((await ac.get("/api/search", params={"q": "town", "limit": 2})).json()["next"])

    assert asyncio.run(call()).startswith("https://news.example.org/api/search?")


@pytest.mark.parametrize("limit", ["99999999999999999999", "-1", "0"])
def test_cli_search_rejects_a_bad_limit(db: str, limit: str) -> None:
    from click.testing import CliRunner

    from newsprism.cli import main

    result = CliRunner().invoke(main, ["--db", db, "search", "town", "--limit", limit])
    assert result.exit_code == 2 and "Traceback" not in result.output


# ---------------------------------------------------------------- long articles


def test_a_long_article_renders_in_parts(tmp_path: Path) -> None:
    from newsprism.records import Quote
    from newsprism.web.article_parts import PART_CHARS
    from test_api_support import make_article, save

    para = "The harbour board met again on Monday and said the ferry would sail at noon, officials said.\n"
    text = para * (3 * PART_CHARS // len(para) + 5)
    quotes = [Quote(text=text[i:i + 60], kind="indirect", speaker="Mara Holt", speaker_text="Holt",
                    cue="said", start=i, end=i + 60) for i in range(0, len(text) - 60, len(para))]
    db = str(tmp_path / "long.db")
    art = make_article(text, title="Long", outlet="Town Courier")
    save(db, art, {"quotes": quotes})
    with client(db) as c:
        first = c.get(f"/articles/{art.id}", headers={"accept": "text/html"})
        assert first.status_code == 200 and "Part 1 of 4" in first.text and "?part=2" in first.text
        assert len(first.content) < 4 * PART_CHARS + 120_000  # one part, not the whole text
        last = c.get(f"/articles/{art.id}?part=99", headers={"accept": "text/html"})
        assert "Part 4 of 4" in last.text and "next part" not in last.text
        start = 2 * PART_CHARS + 10
        cited = c.get(f"/articles/{art.id}?hl={start}-{start + 20}", headers={"accept": "text/html"})
        assert "Part 3 of 4" in cited.text and 'id="hl"' in cited.text


def test_parts_cover_the_text_once() -> None:
    from newsprism.web.article_parts import bounds

    text = ("word " * 30 + "\n") * 5000
    parts = bounds(text, 10_000)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert all(text[e - 1] == "\n" for _, e in parts[:-1])
    assert bounds("", 10) == [(0, 0)]
