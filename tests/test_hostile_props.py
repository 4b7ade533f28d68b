"""Hypothesis strategies for every input kind and the analysis: whatever the bytes, reading gives
articles or failures with an ingest error code (never an exception, never E001, a bug), stored URLs
are well-formed, and the analysis of any text runs without a failed step, spans inside the text."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.analyze.sentences import split_spans
from newsprism.ingest import read_bytes
from newsprism.ingest.checks import valid_url
from newsprism.records import Article, IngestFailure

CAP = 2_000_000
INGEST_CODES = {"E101", "E102", "E103", "E104", "E105", "E106"}
PROPS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = st.sampled_from(["The", "mayor", "said", "on", "Monday", "that", "12", "people", "were", "hurt", ".", ",",
                         "\u201c", "\u201d", '"', "Gen.", "U.S.", "...", "!?", "\u2026", "\n", "\n\n", "(", ")",
                         "Mara Holt", "Arvel", "$4.5 million", "40%", "-", "http://x.example/a", "\ufffd",
                         "\x07", "<b>", "</p>", "&amp;", "2024-03-05", "Reuters", "\u00e9t\u00e9", "\u4e2d\u6587"])
TEXTS = st.one_of(st.lists(WORDS, max_size=120).map(" ".join), st.text(max_size=400))
URLS = st.one_of(
    st.text(max_size=60),
    st.builds(lambda scheme, host, rest: f"{scheme}://{host}{rest}",
              st.sampled_from(["http", "HTTPS", "ftp", "javascript", "Http"]),
              st.one_of(st.sampled_from(["[::1", "]", "[1.2.3.4]", "[::1]", "ex ample.com", "news.example.org",
                                         "a..b", "x.org:99999", "x.org:80", "user:pw@x.org"]),
                        st.text(max_size=12)),
              st.text(max_size=20)),
)


def _read(data: bytes, kind: Any) -> list[Article | IngestFailure]:
    return list(read_bytes(data, "hostile", kind, CAP, strict=True))


def _check(items: list[Article | IngestFailure]) -> None:
    assert items, "every input yields an article or a failure"
    for item in items:
        if isinstance(item, IngestFailure):
            assert item.code in INGEST_CODES, item
            assert "\n" not in item.message[:2000] or item.code == "E102"
        else:
            assert item.text.strip() and len(item.text) <= 1_000_000
            if item.url is not None:
                parts = urlsplit(item.url)
                assert parts.scheme in ("http", "https") and parts.hostname


@PROPS
@given(TEXTS)
def test_any_text_input(text: str) -> None:
    _check(_read(text.encode("utf-8", "surrogatepass"), "text"))


@PROPS
@given(st.binary(max_size=600))
def test_any_bytes_as_text(data: bytes) -> None:
    _check(_read(data, "text"))


@PROPS
@given(st.one_of(st.binary(max_size=600),
                 st.builds(lambda head, body: head + body.encode("utf-8", "surrogatepass"),
                           st.sampled_from([b"<!doctype html>", b"<html><body><p>", b"<script>", b""]),
                           TEXTS)))
def test_any_html_input(data: bytes) -> None:
    _check(_read(data, "html"))


@PROPS
@given(st.lists(st.one_of(
    st.fixed_dictionaries({"text": TEXTS}, optional={"url": URLS, "title": st.text(max_size=20),
                                                       "published": st.text(max_size=12),
                                                       "authors": st.lists(st.text(max_size=8), max_size=3)}),
    st.text(max_size=30)), min_size=1, max_size=4))
def test_any_jsonl_input(records: list[Any]) -> None:
    data = "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in records).encode("utf-8", "surrogatepass")
    _check(_read(data, "jsonl"))


@PROPS
@given(st.lists(st.tuples(st.text(max_size=20), URLS, TEXTS), max_size=3), st.binary(max_size=80))
def test_any_feed_input(items: list[tuple[str, str, str]], junk: bytes) -> None:
    from xml.sax.saxutils import escape

    body = "".join(f"<item><title>{escape(t)}</title><link>{escape(u)}</link>"
                   f"<description>{escape(d)}</description></item>" for t, u, d in items)
    data = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{body}</channel></rss>'
            .encode("utf-8", "surrogatepass") + junk)
    _check(_read(data, "feed"))


@PROPS
@given(st.binary(max_size=400), TEXTS)
def test_any_warc_input(junk: bytes, page: str) -> None:
    html = f"<html><body><article><p>{page}</p></article></body></html>".encode("utf-8", "surrogatepass")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://news.example.org/a\r\n"
              b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
              + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
    _check(_read(record + junk, "warc"))
    _check(_read(b"WARC/1.0\r\n" + junk, "warc"))


@PROPS
@given(URLS)
def test_any_url(url: str) -> None:
    kept = valid_url(url)
    if kept is not None:
        parts = urlsplit(kept)
        assert parts.scheme in ("http", "https") and parts.hostname and parts.port is None or parts.port >= 0


@PROPS
@given(TEXTS)
def test_sentence_spans_are_ordered_trimmed_and_inside(text: str) -> None:
    last = 0
    for start, end in split_spans(text):
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        last = end


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from newsprism.engine import default_pipeline

    return default_pipeline()


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_analysis_of_any_text(pipeline: Any, text: str) -> None:
    from newsprism.errors import IngestError
    from newsprism.ingest.text import article_from_text

    try:
        article = article_from_text(text, "hostile")
    except IngestError:
        return
    result = pipeline.run(article, strict=True)  # a step that raises fails the test
    for step, output in result.outputs.items():
        for item in output or []:
            start, end = getattr(item, "start", 0), getattr(item, "end", 0)
            assert 0 <= start <= end <= len(article.text), (step, item)


@pytest.mark.parametrize("link", ["0" * 5000, "http://[::1", "a\x00b", "\u0fff" * 300])
def test_a_feed_link_that_names_no_file_is_not_an_error(link: str) -> None:
    from pathlib import Path

    from newsprism.ingest.feeds import local_page

    assert local_page(link, Path(".")) is None
