"""Every input format read through `read_inputs`, with hand-made inputs."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.ingest.feeds import parse_feed
from newsprism.ingest.html import article_from_html
from newsprism.records import Article, IngestFailure

PARA1 = ("The harbour authority of Port Ellery said on Monday that the new ferry line would open in "
         "spring, after two years of delays and a dispute over the berth fees charged to operators.")
PARA2 = ("Officials told reporters the first crossings would carry freight only, with passenger "
         "services to follow once the terminal building is finished later in the year.")
PARA3 = ("The regional transport minister, Hana Voss, said the line would cut the journey to the "
         "islands from five hours to two and bring new trade to the harbour district.")


def page(title: str = "Ferry line to open in spring", extra: str = "") -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='Northbridge Courier'>"
        "<meta name='author' content='Jane Roe'>"
        "<meta property='article:published_time' content='2021-03-04T09:00:00Z'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1><p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p>{extra}</article>"
        "<footer>Copyright 2021 Northbridge Courier. All rights reserved.</footer></body></html>"
    )


def read(paths: list[str], **overrides: object) -> list[Article | IngestFailure]:
    return list(read_inputs(paths, Settings.load(dict(overrides), environ={})))


def articles(items: list[Article | IngestFailure]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def failures(items: list[Article | IngestFailure]) -> list[IngestFailure]:
    return [i for i in items if isinstance(i, IngestFailure)]


def test_html_page_text_and_metadata() -> None:
    a = article_from_html(page(), "p.html", url="https://www.northbridge-courier.co.uk/news/ferry")
    assert PARA1 in a.text and PARA3 in a.text
    assert "Home" not in a.text and "All rights reserved" not in a.text
    assert a.title == "Ferry line to open in spring"
    assert a.published is not None and a.published.startswith("2021-03-04")
    assert a.authors == ["Jane Roe"] and a.outlet == "Northbridge Courier"
    assert a.url == "https://www.northbridge-courier.co.uk/news/ferry" and a.language == "en"


def test_html_fallback_published_used_when_page_has_no_date() -> None:
    html = page().replace("<meta property='article:published_time' content='2021-03-04T09:00:00Z'>", "")
    a = article_from_html(html, "p.html", fallback_published="2020-01-02T03:04:05+00:00")
    assert a.published is not None and a.published.startswith("20")


def test_text_markdown_and_gzip_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{PARA1}\n\n{PARA2}", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# Ferry news\n\n{PARA1} See [the plan](https://ex.org/p).\n\n{PARA3}\n\n{PARA2}")
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(page().encode()))
    items = read([str(tmp_path)])
    assert not failures(items)
    a, b, c = articles(items)
    assert [x.source for x in (a, b, c)] == [str(tmp_path / n) for n in ("a.txt", "b.md", "c.html.gz")]
    assert b.title == "Ferry news" and b.links[0].url == "https://ex.org/p"
    assert b.text[b.links[0].start:b.links[0].end] == "the plan"
    assert PARA2 in c.text


def test_folder_recursive_sorted_skips_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "z").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "z" / "b.txt").write_text(PARA2)
    (tmp_path / "a.txt").write_text(PARA1)
    (tmp_path / ".git" / "c.txt").write_text(PARA3)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    items = read([str(tmp_path)])
    assert [x.source for x in articles(items)] == [str(tmp_path / "a.txt"), str(tmp_path / "z" / "b.txt")]
    assert not failures(items)


def test_jsonl_records(tmp_path: Path) -> None:
    lines = [
        {"text": PARA1, "title": "One", "url": "https://www.themoscowtimes.com/x", "published": "2022-02-10",
         "authors": ["Ann Lee", "Bo Chan"]},
        {"text": PARA2, "outlet": "Harbour Gazette", "id": "rec-7", "authors": "Cy Dee"},
    ]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    one, two = articles(read([str(path)]))
    assert one.source == f"{path}#1" and one.title == "One" and one.outlet == "The Moscow Times"
    assert one.published == "2022-02-10" and one.authors == ["Ann Lee", "Bo Chan"]
    assert two.source == f"{path}#rec-7" and two.outlet == "Harbour Gazette" and two.authors == ["Cy Dee"]


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps([{"text": PARA1}, {"text": PARA2}]))
    assert len(articles(read([str(path)]))) == 2


def _warc(path: Path, pages: list[tuple[str, str]], gzipped: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        robots = writer.create_warc_record("https://ex.org/robots.txt", "response", payload=io.BytesIO(b"User-agent: *"),
                                           http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1"))
        writer.write_record(robots)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                          http_headers=headers))


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    _warc(path, [("https://www.northbridge-courier.co.uk/a", page("First story")),
                 ("https://harbour-gazette.com/b", page("Second story", f"<p>{PARA1} again</p>"))], gzipped)
    items = read([str(path)])
    assert not failures(items)
    a, b = articles(items)
    assert a.source == f"{path}#2" and a.url == "https://www.northbridge-courier.co.uk/a"
    assert a.title == "First story" and b.title == "Second story"


def test_truncated_warc_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("https://ex.org/a", page("First story")), ("https://ex.org/b", page("Second story"))])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    items = read([str(path)])
    assert [a.title for a in articles(items)] == ["First story"]
    (fail,) = failures(items)
    assert fail.code == "E102" and fail.item == str(path)


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Courier</title><link>https://ex.org</link>
<item><title>Ferry news</title><link>https://ex.org/ferry</link><guid>g1</guid>
<pubDate>Thu, 04 Mar 2021 09:00:00 GMT</pubDate><author>jane@ex.org (Jane Roe)</author>
<description>{p1} {p2}</description></item>
<item><title>Local page</title><link>pages/local.html</link><guid>g2</guid></item>
<item><title>Empty</title><link>https://ex.org/empty</link><guid>g3</guid></item>
</channel></rss>"""


def test_feed_items_and_local_pages(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "local.html").write_text(page("A local page"))
    path = tmp_path / "feed.xml"
    path.write_text(FEED.format(p1=PARA1, p2=PARA2))
    items = parse_feed(path.read_bytes(), str(path))
    assert [i.guid for i in items] == ["g1", "g2", "g3"]
    assert items[0].published == "2021-03-04T09:00:00+00:00" and items[0].title == "Ferry news"
    read_items = read([str(path)])
    first, local = articles(read_items)
    assert first.source == f"{path}#1" and first.url == "https://ex.org/ferry" and first.title == "Ferry news"
    assert first.published == "2021-03-04T09:00:00+00:00"
    assert local.source == str(tmp_path / "pages" / "local.html") and local.title == "A local page"
    (fail,) = failures(read_items)
    assert fail.item == f"{path}#3" and fail.code == "E103"


def test_feed_local_link_outside_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "secret.html").write_text(page("Secret"))
    path = tmp_path / "feeds" / "feed.rss"
    path.write_text(FEED.replace("pages/local.html", "../secret.html").format(p1=PARA1, p2=PARA2))
    assert "Secret" not in [a.title for a in articles(read([str(path)]))]


def test_atom_feed_content(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
    <entry><title>Atom item</title><id>urn:1</id><link href="https://ex.org/atom"/>
    <updated>2021-05-06T07:08:09Z</updated><author><name>Ann Lee</name></author>
    <content type="html">&lt;p&gt;{PARA1}&lt;/p&gt;&lt;p&gt;{PARA3}&lt;/p&gt;</content></entry></feed>"""
    path = tmp_path / "a.atom"
    path.write_text(atom)
    (a,) = articles(read([str(path)]))
    assert PARA3 in a.text and a.authors == ["Ann Lee"] and a.published is not None


def test_stdin_sniffs_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page().encode())))
    (a,) = articles(read(["-"]))
    assert a.source == "stdin" and a.title == "Ferry line to open in spring"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps({"text": PARA2}).encode())))
    (b,) = articles(read(["-"]))
    assert b.source == "stdin#1"


def test_same_article_twice_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{PARA1}\n\n{PARA2}")
    (tmp_path / "b.md").write_text(f"{PARA1}\n{PARA2}\n")
    a, b = articles(read([str(tmp_path)]))
    assert a.id == b.id
