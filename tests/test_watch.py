"""`watch` end to end against a local HTTP server: feeds, pages, failures, restarts and kills."""

from __future__ import annotations

import html
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from feedserver import FeedServer, Request, Response
from newsprism.cli import main

pytest.importorskip("newsprism.ingest.html", reason="needs the HTML ingest module")


def page(title: str, text: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f"<html><head><title>{html.escape(title)}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{html.escape(title)}</h1>{paras}</article><footer>Contact us</footer></body></html>")


def rss(items: list[dict[str, str]], ttl: int | None = None) -> str:
    body = "".join(
        "<item>" + "".join(f"<{k}>{html.escape(v)}</{k}>" for k, v in it.items()) + "</item>" for it in items)
    ttl_tag = f"<ttl>{ttl}</ttl>" if ttl else ""
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>'
            f"<link>http://127.0.0.1/</link><description>d</description>{ttl_tag}{body}</channel></rss>")


OWN = {
    "e1": ("Harbour reopens after storm", "The port of Calderon reopened on Tuesday after a storm closed it for three days.\n"
           "Harbour master Ines Varga said 40 ships had waited offshore."),
    "c1": ("Council votes on budget", "The city council of Brindle approved a budget of 12 million euros on Monday.\n"
           "Mayor Tomas Reyd said the vote was close."),
    "c2": ("Council budget challenged", "Opposition members in Brindle said on Wednesday they would challenge the budget.\n"
           "They said the council had ignored 3,000 signatures."),
    "flaky": ("Rail strike ends", "Rail workers in Ostmark ended a five-day strike on Friday.\n"
              "The union said 90 percent of members backed the deal."),
}
GONE_TEXT = "Fishermen in Lowmere protested on Thursday against new quotas, the regional paper reported."


@pytest.fixture
def site(seeds_dir: Path, tmp_path: Path):
    with FeedServer() as srv:
        items = []
        for i, f in enumerate(sorted(seeds_dir.glob("*.txt"))):
            text = f.read_text(encoding="utf-8")
            srv.static(f"/seeds/{i}.html", page(f"Seed report {i}", text), **{"Content-Type": "text/html"})
            items.append({"title": f"Seed report {i}", "link": srv.url(f"/seeds/{i}.html"),
                          "guid": f"seed-{i}", "pubDate": "Thu, 10 Feb 2022 12:00:00 GMT"})
        items.append({"title": "Quota protest", "link": srv.url("/gone"), "guid": "gone",
                      "description": GONE_TEXT})
        items.append({"title": OWN["flaky"][0], "link": srv.url("/flaky.html"), "guid": "flaky"})
        srv.static("/feeds/main.xml", rss(items, ttl=30), **{"Content-Type": "application/rss+xml"})

        def flaky(req: Request) -> Response:
            if srv.hits["/flaky.html"] == 1:
                return Response(500)
            return Response(200, page(*OWN["flaky"]).encode(), {"Content-Type": "text/html"})

        srv.route("/flaky.html", flaky)
        srv.static("/pages/e1.html", page(*OWN["e1"]))
        etag_feed = rss([{"title": OWN["e1"][0], "link": srv.url("/pages/e1.html"), "guid": "e1"}])

        def etag(req: Request) -> Response:
            if req.headers.get("if-none-match") == '"e-1"':
                return Response(304, headers={"ETag": '"e-1"'})
            return Response(200, etag_feed.encode(), {"ETag": '"e-1"', "Content-Type": "application/rss+xml"})

        srv.route("/feeds/etag.xml", etag)
        srv.static("/feeds/bad.xml", "this is not a feed at all {", **{"Content-Type": "application/rss+xml"})
        srv.changing = [{"title": OWN["c1"][0], "link": srv.url("/pages/c1.html"), "guid": "c1"}]
        srv.static("/pages/c1.html", page(*OWN["c1"]))
        srv.static("/pages/c2.html", page(*OWN["c2"]))
        srv.route("/feeds/changing.xml", lambda req: Response(200, rss(srv.changing).encode()))
        jf = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON test",
              "items": [{"id": "j1", "title": "Bridge inspection",
                         "content_text": "Engineers in Farrow found cracks in the old bridge on Sunday, officials said."}]}
        srv.static("/feeds/j.json", json.dumps(jf), **{"Content-Type": "application/feed+json"})
        feeds = tmp_path / "feeds.txt"
        feeds.write_text("# test feeds\n" + "\n".join(
            srv.url(p) for p in ("/feeds/main.xml", "/feeds/etag.xml", "/feeds/bad.xml",
                                 "/feeds/changing.xml", "/feeds/j.json")) + "\n")
        srv.feeds_file = feeds
        yield srv


def _watch(db: Path, feeds: Path, *extra: str):
    result = CliRunner(env={"NEWSPRISM_HOST_INTERVAL_SECONDS": "0"}).invoke(
        main, ["--db", str(db), "watch", "--feeds", str(feeds), "--once", "--json", *extra])
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    return result, lines[-1] if lines else {}


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_watch_once_ingests_exactly_the_new_items(site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    result, report = _watch(db, site.feeds_file, "--allow-private")
    assert result.exit_code == 1, result.output  # the feed that is not XML fails the run
    assert "bad.xml" in result.stderr
    assert report["new_articles"] == 10 and report["feed_errors"] == 1, report
    assert _count(db, "SELECT COUNT(*) FROM articles") == 10
    assert site.hits["/flaky.html"] == 2  # 500 then success
    assert site.hits["/robots.txt"] == 1  # fetched once per host, then cached
    with sqlite3.connect(db) as conn:
        gone = conn.execute("SELECT text FROM articles WHERE source LIKE '%/gone'").fetchone()[0]
        published = conn.execute("SELECT published FROM articles WHERE source LIKE '%/seeds/1.html'").fetchone()[0]
    assert "Lowmere" in gone  # the page is a 404: the feed's own text is used
    assert published.startswith("2022-02-10")
    page_hits = dict(site.hits)

    result, report = _watch(db, site.feeds_file, "--allow-private")
    assert report["new_articles"] == 0 and report["not_modified"] == 1, report
    assert {p: n for p, n in site.hits.items() if not p.startswith(("/feeds/", "/robots.txt"))} == {
        p: n for p, n in page_hits.items() if not p.startswith(("/feeds/", "/robots.txt"))}
    assert any(r.path == "/feeds/etag.xml" and r.headers.get("if-none-match") == '"e-1"' for r in site.requests)

    site.changing.append({"title": OWN["c2"][0], "link": site.url("/pages/c2.html"), "guid": "c2"})
    result, report = _watch(db, site.feeds_file, "--allow-private")
    assert report["new_articles"] == 1 and site.hits["/pages/c2.html"] == 1
    assert _count(db, "SELECT COUNT(*) FROM articles") == 11

    health = CliRunner().invoke(main, ["--db", str(db), "feeds", "--json"])
    rows = {r["url"]: r for r in map(json.loads, health.stdout.splitlines())}
    assert rows[site.url("/feeds/bad.xml")]["errors"] == 3
    assert rows[site.url("/feeds/main.xml")]["articles"] == 7
    assert rows[site.url("/feeds/main.xml")]["interval_seconds"] == 1800  # ttl 30 minutes


def test_ingest_urls_of_a_page_and_a_feed(site, tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    runner = CliRunner(env={"NEWSPRISM_HOST_INTERVAL_SECONDS": "0"})
    args = ["--db", str(db), "ingest", "--json", site.url("/pages/e1.html"), site.url("/feeds/changing.xml")]
    refused = runner.invoke(main, args)
    assert refused.exit_code == 1 and "E111" in refused.stderr
    assert _count(db, "SELECT COUNT(*) FROM articles") == 0
    result = runner.invoke(main, [*args[:3], "--allow-private", *args[3:]])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["new"] == 2 and summary["failed"] == 0
    with sqlite3.connect(db) as conn:
        titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
    assert titles == {OWN["e1"][0], OWN["c1"][0]}


def test_loopback_feeds_refused_without_allow_private(site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    result, report = _watch(db, site.feeds_file)
    assert result.exit_code == 1 and "E111" in result.stderr
    assert report["feed_errors"] == 5 and _count(db, "SELECT COUNT(*) FROM articles") == 0
    assert sum(site.hits.values()) == 0


@pytest.fixture
def gated_site(tmp_path: Path):
    """Eight pages: the first two are served at once, each other one only when the test opens its
    gate, so the test knows which page the watcher has in hand when it sends a signal."""
    with FeedServer() as srv:
        items = []
        srv.gates = {i: threading.Event() for i in range(2, 8)}
        for i in range(8):
            text = (f"Report {i} from the fictional town of Kessel{i}: the council met on Monday"
                    f" and approved plan number {i * 7 + 3} for the river bank.\nOfficials said work starts soon.")
            body = page(f"Kessel {i}", text).encode()
            gate = srv.gates.get(i)
            srv.route(f"/p/{i}.html", lambda req, b=body, g=gate: _after(g, Response(200, b)))
            items.append({"title": f"Kessel {i}", "link": srv.url(f"/p/{i}.html"), "guid": f"k{i}"})
        srv.static("/feed.xml", rss(items))
        feeds = tmp_path / "slow.txt"
        feeds.write_text(srv.url("/feed.xml") + "\n")
        srv.feeds_file = feeds
        try:
            yield srv
        finally:
            for g in srv.gates.values():
                g.set()


def _after(gate: threading.Event | None, response: Response) -> Response:
    if gate is not None and not gate.wait(120):
        return Response(503, b"the test never opened this page's gate")
    return response


def _spawn(db: Path, feeds: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, NEWSPRISM_HOST_INTERVAL_SECONDS="0")
    return subprocess.Popen([sys.executable, "-m", "newsprism", "--db", str(db), "watch", "--feeds", str(feeds),
                             "--once", "--allow-private", "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _wait_for_gated_request(site: FeedServer, proc: subprocess.Popen[bytes], timeout: float = 300) -> int:
    """The gated page the watcher has asked for (and is waiting on)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        asked = [i for i in site.gates if site.hits[f"/p/{i}.html"]]
        if asked:
            return asked[0]
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        time.sleep(0.05)
    raise AssertionError("watch did not ask for a gated page in time")


def _wait_for_articles(db: Path, n: int, proc: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if db.exists():
            try:
                if _count(db, "SELECT COUNT(*) FROM articles") >= n:
                    return
            except sqlite3.OperationalError:
                pass
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        time.sleep(0.05)
    raise AssertionError("watch did not store articles in time")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_mid_poll_then_restarted_loses_and_doubles_nothing(gated_site, tmp_path: Path, sig: int) -> None:
    db = tmp_path / "k.db"
    proc = _spawn(db, gated_site.feeds_file)
    _wait_for_articles(db, 2, proc)
    in_hand = _wait_for_gated_request(gated_site, proc)
    proc.send_signal(sig)  # the watcher is waiting for page `in_hand`: mid-poll, by construction
    if sig == signal.SIGTERM:
        gated_site.gates[in_hand].set()  # it finishes the article in hand, then exits
    proc.wait(timeout=300)
    if sig == signal.SIGTERM:
        assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    partial = _count(db, "SELECT COUNT(*) FROM articles")
    assert 2 <= partial < 8
    for gate in gated_site.gates.values():
        gate.set()
    proc = _spawn(db, gated_site.feeds_file)
    assert proc.wait(timeout=600) == 0, proc.stderr.read().decode() if proc.stderr else ""
    assert _count(db, "SELECT COUNT(*) FROM articles") == 8
    assert _count(db, "SELECT COUNT(DISTINCT source) FROM articles") == 8
    assert _count(db, "SELECT COUNT(*) FROM feed_items") == 8
