"""Inputs judged honestly: bad URLs dropped (and a stored one never breaks a story), archives and
files that hold no article say so, non-text refused with its own code, BOM-marked UTF-16/32 read."""

from __future__ import annotations

import gzip
import json
import logging
import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.config import Settings
from newsprism.errors import NotText, TooLarge
from newsprism.ingest import read_inputs
from newsprism.ingest.checks import MAX_ARTICLE_CHARS, check_text, valid_url
from newsprism.ingest.text import article_from_text
from newsprism.records import Article, IngestFailure

BODY = ("The council of Arvel met on Monday and voted to close the old bridge for repairs. "
        "Engineer Mara Holt said the work would take six weeks.")


@pytest.mark.parametrize("url", ["http://[::1", "http://]", "http://[1.2.3.4]/", "javascript:alert(1)",
                                 "http://exa mple.com/", "http://example.com:99999/", "ftp://example.com/x",
                                 "http://", "//example.com/x", "http://" + "a" * 3000 + ".com/"])
def test_bad_urls_are_dropped_with_a_warning(url: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        article = article_from_text(BODY, "input.txt", url=url)
    assert article.url is None
    assert "dropping the URL" in caplog.text


@pytest.mark.parametrize(("url", "kept"), [
    ("HTTP://News.Example.COM/a/B?x=1", "http://news.example.com/a/B?x=1"),
    ("https://[2001:db8::1]:8443/story", "https://[2001:db8::1]:8443/story"),
    ("https://user:secret@news.example.org/x", "https://news.example.org/x"),
])
def test_good_urls_are_kept_normalised(url: str, kept: str) -> None:
    assert valid_url(url) == kept
    assert article_from_text(BODY, "input.txt", url=url).url == kept


def _read(path: Path) -> list[Article | IngestFailure]:
    return list(read_inputs([str(path)], Settings()))


def _only_failure(items: list[Article | IngestFailure]) -> IngestFailure:
    assert len(items) == 1 and isinstance(items[0], IngestFailure), items
    return items[0]


def test_warc_with_junk_after_the_version_line_fails(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\n" + random.Random(1).randbytes(3000))
    assert _only_failure(_read(path)).code in ("E102", "E103")


def test_warc_without_html_record_fails(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
                     b"Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n")
    failure = _only_failure(_read(path))
    assert failure.code == "E103" and "none an HTML page" in failure.message


def test_corrupt_gzip_warc_is_one_line_and_nothing_on_stderr(tmp_path: Path,
                                                              capfd: pytest.CaptureFixture[str]) -> None:
    record = b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"
    data = gzip.compress(record * 50)
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data[:200] + random.Random(2).randbytes(2000) + data[200:])
    failure = _only_failure(_read(path))
    assert failure.code == "E102" and "\n" not in failure.message and len(failure.message) < 600
    assert capfd.readouterr().err == ""


def test_an_empty_feed_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>')
    assert _only_failure(_read(path)).code == "E103"


def test_cli_exits_1_when_a_file_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
                     b"Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "ingest", str(path)])
    assert result.exit_code == 1 and "E103" in result.output


@pytest.mark.parametrize("data", [b"x", b"ab\n", "\ufffd\ufffd\ufffd".encode() * 40 + BODY.encode()[:30],
                                  b"12 34 56 78 90 -- !! ?? 11 22 33 44 55"])
def test_tiny_or_garbled_text_is_refused_as_not_text(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    assert _only_failure(_read(path)).code == "E106"


def test_control_bytes_and_replacement_characters_are_not_text() -> None:
    with pytest.raises(NotText):
        check_text(BODY + "\ufffd" * 40, "x")
    with pytest.raises(NotText):
        check_text(BODY + "\x07\x1b" * 20, "x")
    check_text(BODY + "\ufffd", "x")  # one stray replacement character is fine


def test_html_of_random_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<!doctype html>" + bytes(random.Random(3).randrange(32, 256) for _ in range(3000)))
    assert _only_failure(_read(path)).code in ("E102", "E103", "E106")


def test_text_longer_than_any_article_is_too_large() -> None:
    with pytest.raises(TooLarge):
        check_text("word " * (MAX_ARTICLE_CHARS // 5 + 10), "x")


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-16-be"])
def test_utf16_and_utf32_with_bom_are_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "input.txt"
    raw = BODY.encode(codec)
    if codec == "utf-16-be":
        raw = b"\xfe\xff" + raw
    path.write_bytes(raw)
    [item] = _read(path)
    assert isinstance(item, Article) and "Mara Holt" in item.text


def test_utf16_html_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    page = f"<html><head><title>Bridge</title></head><body><article><p>{BODY}</p></article></body></html>"
    path.write_bytes(page.encode("utf-16"))
    [item] = _read(path)
    assert isinstance(item, Article) and "Mara Holt" in item.text


def test_upper_case_scheme_is_a_url_not_a_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.ingest import urls

    seen: list[str] = []

    def fake(url: str, settings: Settings, fetcher: object = None) -> list[IngestFailure]:
        seen.append(url)
        return []

    monkeypatch.setattr(urls, "read_url", fake)
    list(read_inputs(["HTTP://News.Example.com/a"], Settings()))
    assert seen == ["http://news.example.com/a"]


def test_a_stored_bad_url_never_breaks_a_story(tmp_path: Path) -> None:
    from newsprism.store import open_store
    from newsprism.stories.storage import Membership, save_assignment
    from test_api_support import running_server

    db = str(tmp_path / "s.db")
    store = open_store(db)
    texts = [BODY, BODY.replace("Monday", "Tuesday"), BODY.replace("six", "seven")]
    for joined, (text, url) in enumerate(zip(texts, ["http://[::1", "http://]", "http://[1.2.3.4]/"],
                                             strict=True), start=1):
        art = Article(id=f"bad{joined}", source="old", text=text, url=url, title="Bridge")
        store.add_article(art)
        save_assignment(store, Membership(article_id=art.id, story_id="s-bad", joined=joined, score=1.0,
                                          title="Bridge"), [], [])
    store.close()
    result = CliRunner().invoke(main, ["--db", db, "story", "s-bad"])
    assert result.exit_code == 0, result.output
    import httpx

    with running_server(db) as base:
        assert httpx.get(f"{base}/api/stories/s-bad", timeout=60).status_code == 200
        assert httpx.get(f"{base}/stories/s-bad", timeout=60).status_code == 200


def test_jsonl_urls_are_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": BODY, "url": "http://[::1"}) + "\n")
    [item] = _read(path)
    assert isinstance(item, Article) and item.url is None
    assert os.path.exists(path)


def test_a_page_larger_than_any_news_page_is_refused_before_extraction() -> None:
    from newsprism.ingest.html import MAX_PAGE_BYTES, article_from_html

    page = b"<html><body><p>" + b"word " * (MAX_PAGE_BYTES // 5 + 1) + b"</p></body></html>"
    with pytest.raises(TooLarge):
        article_from_html(page, "huge.html")


def test_a_folder_with_nothing_to_read_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    (tmp_path / ".hidden.txt").write_text(BODY)
    failure = _only_failure(_read(tmp_path))
    assert failure.code == "E103" and "folder" in failure.message
