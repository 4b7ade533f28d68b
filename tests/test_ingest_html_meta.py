"""newsprism's own reading of an HTML page's metadata (ingest/html_meta.py), on invented pages."""

from __future__ import annotations

import json

import pytest

from newsprism.ingest.html import _parse, article_from_html
from newsprism.ingest.html_meta import page_meta

BODY = ("<p>The harbour board voted on Tuesday to rebuild the old timber pier before the summer "
        "season, after engineers found rot in most of its supports.</p>"
        "<p>Work is expected to take eleven weeks and will close the pier to walkers and anglers, "
        "the board's chair told a meeting attended by about forty residents.</p>"
        "<p>A temporary landing stage for the island ferry will be built beside the lifeboat "
        "station while the works go on, according to the plans published by the board.</p>")


def page(head: str = "", body: str = BODY) -> bytes:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode()


def meta_of(html: bytes, url: str | None = None):  # type: ignore[no-untyped-def]
    return page_meta(_parse(html, "p.html"), url, html)


def ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def test_json_ld_article_wins_and_its_references_are_resolved() -> None:
    head = ld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Coastline Gazette"},
        {"@type": "NewsArticle", "headline": "Pier to close &#8211; for eleven weeks",
         "datePublished": "2023-05-02T08:15:00+01:00",
         "author": [{"@type": "Person", "name": "Mira Fenwick"}, {"@type": "Person", "name": "Olu Adeyemi"}],
         "publisher": {"@type": "Organization", "name": "Coastline Gazette"}}]})
    head += "<meta property='og:title' content='Another title'><title>Ignored | Coastline Gazette</title>"
    found = meta_of(page(head))
    assert found.title == "Pier to close \u2013 for eleven weeks"
    assert found.published == "2023-05-02T08:15:00+01:00"
    assert found.authors == ["Mira Fenwick", "Olu Adeyemi"]
    assert found.sitename == "Coastline Gazette"


def test_meta_tags_canonical_url_and_shouted_byline() -> None:
    head = ("<meta property='og:title' content='Harbour board backs pier rebuild'>"
            "<meta property='og:site_name' content='Coastline Gazette'>"
            "<meta name='author' content='By MIRA FENWICK, AP Writer'>"
            "<meta property='article:published_time' content='2023-05-02'>"
            "<link rel='canonical' href='https://coastline.example/news/pier'>")
    found = meta_of(page(head))
    assert found.title == "Harbour board backs pier rebuild"
    assert found.published == "2023-05-02" and found.url == "https://coastline.example/news/pier"
    assert found.authors == ["By Mira Fenwick, AP Writer"]


def test_a_broken_json_ld_block_is_skipped_and_the_url_dates_the_page() -> None:
    head = "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", </script><title>Pier news</title>"
    found = meta_of(page(head), url="https://coastline.example/2021/11/07/pier-closes/")
    assert found.published == "2021-11-07" and found.title == "Pier news"
    assert meta_of(page(head), url="https://coastline.example/2021/13/07/x").published is None


def test_title_from_the_single_h1_else_title_without_site_name() -> None:
    assert meta_of(page("<title>Pier rebuild approved - Coastline Gazette</title>")).title == "Pier rebuild approved"
    assert meta_of(page("<title>x</title>", "<h1>Pier rebuild approved</h1>" + BODY)).title == "Pier rebuild approved"


def test_byline_markup_gives_names_but_not_sentences() -> None:
    byline = "<p>By <a rel='author' href='/staff/mf'>Mira Fenwick</a></p>"
    assert meta_of(page("", byline + BODY)).authors == ["Mira Fenwick"]
    sentence = "<span itemprop='author'>the board said on Tuesday that it would rebuild it</span>"
    assert meta_of(page("", sentence + BODY)).authors == []


def test_undated_page_has_no_date_and_values_too_long_are_ignored() -> None:
    found = meta_of(page(f"<meta property='og:title' content='{'x' * 500}'>"))
    assert found.published is None and found.title != "x" * 500


@pytest.mark.parametrize("when", ["1970-01-01", "not a date", "2999-01-01"])
def test_implausible_dates_are_not_taken(when: str) -> None:
    head = f"<meta property='article:published_time' content='{when}'>"
    assert meta_of(page(head)).published is None


def test_article_from_html_uses_the_page_metadata() -> None:
    head = ("<meta property='og:title' content='Harbour board backs pier rebuild'>"
            "<meta property='og:site_name' content='Coastline Gazette'>"
            "<meta name='author' content='Mira Fenwick and Olu Adeyemi'>"
            "<meta property='article:published_time' content='2023-05-02T08:15:00Z'>")
    a = article_from_html(page(head), "p.html", url="https://coastline.example/news/pier")
    assert a.title == "Harbour board backs pier rebuild" and a.outlet == "Coastline Gazette"
    assert a.authors == ["Mira Fenwick", "Olu Adeyemi"]
    assert a.published is not None and a.published.startswith("2023-05-02")
    assert "timber pier" in a.text and a.language == "en"


def test_pages_the_quick_parser_refuses_go_through_the_full_loader() -> None:
    from newsprism.ingest.html import _parse_utf8

    clean = page("<title>Pier</title>")
    assert _parse_utf8(clean) is not None
    with_control = clean.replace(b"timber pier", b"timber\x0b pier")
    latin1 = page("<meta charset='iso-8859-1'><title>Pier</title>", BODY.replace("about", "\u00e0 peu pr\u00e8s")
                  ).decode().encode("latin-1")
    for data in (with_control, latin1):
        assert _parse_utf8(data) is None
        assert "rebuild the old timber" in article_from_html(data, "p.html").text.replace("\x0b", "")
    assert "\u00e0 peu pr\u00e8s" in article_from_html(latin1, "p.html").text


def test_a_title_loses_the_site_name_it_ends_with_and_gives_it_when_missing() -> None:
    named = meta_of(page("<meta property='og:title' content='Pier to close for repairs | Coastline Gazette'>"
                         "<meta property='og:site_name' content='Coastline Gazette'>"))
    assert named.title == "Pier to close for repairs" and named.sitename == "Coastline Gazette"
    from_host = meta_of(page("<title>Pier to close for repairs - Coastline Gazette</title>"),
                        url="https://www.coastlinegazette.example/news/pier")
    assert from_host.title == "Pier to close for repairs" and from_host.sitename == "Coastline Gazette"
    kept = meta_of(page("<meta property='og:title' content='Pier to close - for repairs'>"),
                   url="https://coastline.example/p")
    assert kept.title == "Pier to close - for repairs" and kept.sitename is None


def test_a_meta_tag_with_several_itemprops_counts_for_each() -> None:
    head = ("<meta itemprop='datePublished dateCreated' content='2023-05-02T08:15:00Z'>"
            "<meta itemprop='dateModified' content='2023-05-04T10:00:00Z'>")
    assert (meta_of(page(head)).published or "").startswith("2023-05-02")
