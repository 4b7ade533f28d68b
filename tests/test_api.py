"""The HTTP API against a real server: routes, pagination, filters, the one error shape, ingest."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from newsprism.records import Actor, Entity, Event, Figure, Place, Quote
from test_api_support import get_json, make_article, running_server, save, span_of

TOKEN = "s3cret-token"
REMOTE = re.compile(r"""(src=["']?(https?:)?//|<link[^>]+href=["']?(https?:)?//|@import|url\((https?:)?//)""")

A1 = ("The league's chief Marta Quellane said on Tuesday that talks in Tarnholm would go on. "
      "\"We will not be intimidated,\" Quellane told reporters, adding that 40 ships were ready.")
A2 = ("Officials in Velmora said the exercise would end on Sunday. Marta Quellane called the "
      "deployment \"a dangerous moment\" for the continent.")
XSS = ("A page that tries <script>window.__xss = 1</script> and <img src=x onerror=\"window.__xss=2\"> "
       "inside its body text, plus a quote mark \" and an ampersand &.")


def _outputs_a1() -> dict[str, Any]:
    s0, s1 = span_of(A1, "Marta Quellane")
    q0, q1 = span_of(A1, "We will not be intimidated,")
    f0, f1 = span_of(A1, "40 ships")
    e0, e1 = span_of(A1, "talks in Tarnholm would go on")
    return {
        "entities": [Entity(text="Marta Quellane", type="PERSON", canonical="Marta Quellane",
                            role="League Secretary General", country="NATO", start=s0, end=s1)],
        "quotes": [Quote(text="We will not be intimidated,", kind="direct", speaker="Marta Quellane",
                         speaker_text="Quellane", cue="told reporters", start=q0, end=q1)],
        "figures": [Figure(value=40.0, object="ships", text="40 ships", start=f0, end=f1)],
        "events": [Event(source=Actor(text="NATO", code="NATO"), cameo="040", plover="CONSULT",
                         goldstein=1.0, quad_class=1, place="Tarnholm", date="2022-02-08",
                         text="talks in Tarnholm would go on", start=e0, end=e1)],
    }


def _outputs_a2() -> dict[str, Any]:
    p0, p1 = span_of(A2, "Velmora")
    s0, s1 = span_of(A2, "Marta Quellane")
    q0, q1 = span_of(A2, "a dangerous moment")
    return {
        "entities": [Entity(text="Marta Quellane", type="PERSON", canonical="Marta Quellane",
                            start=s0, end=s1)],
        "places": [Place(text="Velmora", name="Velmora", country="BLR", lat=53.9, lon=27.57,
                         start=p0, end=p1)],
        "quotes": [Quote(text="a dangerous moment", kind="partial", speaker="Marta Quellane",
                         speaker_text="Marta Quellane", cue="called", start=q0, end=q1)],
    }


def fill_store(db: str) -> dict[str, str]:
    """A small hand-made store: two analysed articles in one story, one hostile, fillers."""
    a1 = make_article(A1, title="Talks go on", outlet="Daily Example", published="2022-02-08")
    a2 = make_article(A2, title="Drills to end", outlet="Velmora Wire", published="2022-02-10")
    x = make_article(XSS, title="<b>Bold</b> <script>alert(1)</script>", outlet="Evil Outlet",
                     published="2022-02-11", url="javascript:alert(1)")
    save(db, a1, _outputs_a1())
    save(db, a2, _outputs_a2())
    save(db, x)
    for n in range(4):
        save(db, make_article(f"Filler report number {n} about harbour traffic.", outlet="Port News",
                              published=f"2021-05-0{n + 1}"))
    from newsprism.store import open_store
    from newsprism.stories.storage import Membership, save_assignment

    store = open_store(db)
    try:
        for joined, art in enumerate((a1, a2), start=1):
            save_assignment(store, Membership(article_id=art.id, story_id="story-1", joined=joined,
                                              score=1.0, title="Talks go on", seen=art.published), [], [])
    finally:
        store.close()
    return {"a1": a1.id, "a2": a2.id, "xss": x.id}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, dict[str, str]]]:
    db = str(tmp_path_factory.mktemp("api") / "api.db")
    ids = fill_store(db)
    with running_server(db, token=TOKEN) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client, ids


def assert_error(resp: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The one JSON error shape: exactly these keys, the status repeated inside."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "type", "message", "hint"}
    assert err["status"] == status and err["code"] == code
    assert isinstance(err["message"], str) and err["message"]
    return dict(err)


def test_health_and_stats(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, _ = served
    health = get_json(client, "/api/health")
    assert health["status"] == "ok" and health["articles"] == 7
    assert get_json(client, "/api/stats")["articles"] == 7


def test_error_shape_is_one_and_the_same(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, _ = served
    assert_error(client.get("/api/articles/0000000000000000"), 404, "E301")
    assert_error(client.get("/api/no-such-endpoint"), 404, "E301")
    assert_error(client.get("/api/stories/nope"), 404, "E301")
    assert_error(client.get("/api/entities/Nobody%20Atall"), 404, "E301")
    assert_error(client.get("/api/articles?limit=0"), 400, "E601")
    assert_error(client.get("/api/articles?limit=abc"), 400, "E601")
    assert_error(client.get("/api/search?q=x&since=yesterday"), 400, "E601")
    assert_error(client.get("/api/entities?kind=animal"), 400, "E601")
    assert_error(client.delete("/api/health"), 405, "E600")
    assert_error(client.post("/api/articles", json={"text": "x"}), 401, "E602")


def test_pagination_follows_next_to_the_end(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, _ = served
    seen: list[str] = []
    url: str | None = "/api/articles?limit=3"
    pages = 0
    while url:
        page = get_json(client, url)
        assert page["limit"] == 3 and len(page["items"]) <= 3
        seen += [a["id"] for a in page["items"]]
        url = page["next"]
        pages += 1
    assert pages == 3 and len(seen) == len(set(seen)) == 7
    published = [get_json(client, f"/api/articles/{i}")["article"]["published"] for i in seen]
    assert published == sorted(published, reverse=True)


def test_search_with_filters(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, ids = served
    hits = get_json(client, "/api/search?q=Quellane")["items"]
    assert {h["id"] for h in hits} == {ids["a1"], ids["a2"]}
    assert any("[Quellane]" in h["snippet"] for h in hits)
    only = get_json(client, "/api/search?q=Quellane&outlet=velmora%20wire")["items"]
    assert [h["id"] for h in only] == [ids["a2"]]
    dated = get_json(client, "/api/search?q=Quellane&since=2022-02-09&until=2022-02-10")["items"]
    assert [h["id"] for h in dated] == [ids["a2"]]
    placed = get_json(client, "/api/articles?place=Velmora")["items"]
    assert [a["id"] for a in placed] == [ids["a2"]]
    person = get_json(client, "/api/articles?person=marta%20quellane")["items"]
    assert {a["id"] for a in person} == {ids["a1"], ids["a2"]}
    typed = get_json(client, "/api/articles?event_type=CONSULT")["items"]
    assert [a["id"] for a in typed] == [ids["a1"]]
    assert get_json(client, "/api/search?q=harbour&limit=2")["next"] is not None


def test_article_detail_has_outputs_and_story(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, ids = served
    art = get_json(client, f"/api/articles/{ids['a1']}")
    assert art["article"]["text"] == A1 and art["story_id"] == "story-1"
    quote_ = art["analysis"]["quotes"][0]
    assert A1[quote_["start"]:quote_["end"]] == quote_["text"]
    assert art["analysis"]["versions"]["quotes"] == "1" and art["analysis"]["sentences"] == []


def test_entity_and_quotes(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, ids = served
    ent = get_json(client, "/api/entities/" + quote("Marta Quellane"))
    assert ent["kind"] == "person" and ent["roles"] == ["League Secretary General"]
    assert ent["articles"] == 2 and ent["stories"] == ["story-1"] and ent["quote_count"] == 2
    quotes = get_json(client, "/api/entities/" + quote("Marta Quellane") + "/quotes?limit=1")
    assert len(quotes["items"]) == 1 and quotes["next"]
    rest = get_json(client, quotes["next"])
    texts = {quotes["items"][0]["text"], rest["items"][0]["text"]}
    assert texts == {"We will not be intimidated,", "a dangerous moment"}
    listed = get_json(client, "/api/entities?kind=person&q=quella")["items"]
    assert listed == [{"name": "Marta Quellane", "kind": "person", "articles": 2}]


def test_events_filtered(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, ids = served
    events = get_json(client, "/api/events")["items"]
    assert len(events) == 1 and events[0]["article_id"] == ids["a1"] and events[0]["plover"] == "CONSULT"
    assert get_json(client, "/api/events?event_type=04")["items"][0]["cameo"] == "040"
    assert get_json(client, "/api/events?event_type=FIGHT")["items"] == []


def test_stories_and_view(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, ids = served
    stories = get_json(client, "/api/stories")["items"]
    assert [s["id"] for s in stories] == ["story-1"] and stories[0]["size"] == 2
    view = get_json(client, "/api/stories/story-1")
    assert view["story_id"] == "story-1" and {m["id"] for m in view["members"]} == {ids["a1"], ids["a2"]}
    members = get_json(client, "/api/stories/story-1/articles")["items"]
    assert [m["article_id"] for m in members] == [ids["a1"], ids["a2"]]


def test_exports_download(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, ids = served
    formats = get_json(client, "/api/exports")["formats"]
    assert_error(client.get("/api/exports/no-such-format"), 404, "E301")
    if "jsonl" not in formats:
        pytest.skip("newsprism.export is not installed")
    resp = client.get("/api/exports/jsonl?table=articles")
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-disposition"].startswith("attachment;")
    lines = [line for line in resp.text.splitlines() if line.strip()]
    assert len(lines) == 7 and "x-rows" not in resp.headers  # streamed: no count before the rows
    gkg = client.get("/api/exports/gkg")  # streamed too: one GKG record per article
    assert gkg.status_code == 200 and len(gkg.text.splitlines()) == 7 and "x-rows" not in gkg.headers
    events = client.get("/api/exports/csv?table=events&event_type=CONSULT")
    assert events.status_code == 200 and ids["a1"] in events.text
    assert_error(client.get("/api/exports/csv?table=people"), 400, "E601")
    assert_error(client.get("/api/exports/csv?since=soon"), 400, "E601")


def test_openapi_schema_lists_every_endpoint(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, _ = served
    schema = get_json(client, "/api/openapi.json")
    assert schema["openapi"].startswith("3.")
    assert {"/api/articles", "/api/search", "/api/stories/{story_id}", "/api/entities/{name}/quotes",
            "/api/events", "/api/exports/{fmt}", "/api/health"} <= set(schema["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text
    assert not REMOTE.search(docs.text), "docs must not load remote assets"


def test_ingest_needs_the_token_and_stores(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, _ = served
    text = ("GENEVA — Negotiators met for six hours on Monday, a spokesperson said, and agreed to "
            "meet again next week to discuss the prisoner exchange.")
    assert_error(client.post("/api/articles", json={"text": text},
                             headers={"Authorization": "Bearer wrong"}), 401, "E602")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/articles", json={"text": text, "title": "Talks", "outlet": "Test Wire"},
                        headers=auth)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["status"] == "new" and set(body) == {"id", "status", "step_failures", "story_id"}
    stored = get_json(client, f"/api/articles/{body['id']}")
    assert stored["article"]["outlet"] == "Test Wire" and "prisoner exchange" in stored["article"]["text"]
    assert stored["analysis"]["sentences"], "the server analysed it"
    again = client.post("/api/articles", json={"text": text}, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert_error(client.post("/api/articles", content=b'{"txt": 1}', headers=auth | {
        "Content-Type": "application/json"}), 400, "E601")
    assert_error(client.post("/api/articles", content=b"\x00\x01", headers=auth | {
        "Content-Type": "image/png"}), 400, "E601")


def test_ingest_disabled_without_token(tmp_path: Path) -> None:
    db = str(tmp_path / "closed.db")
    save(db, make_article("A quiet day at the harbour, officials said."))
    with running_server(db, token="") as base, httpx.Client(base_url=base) as client:
        resp = client.post("/api/articles", json={"text": "hello there"},
                           headers={"Authorization": "Bearer anything"})
        assert_error(resp, 403, "E603")
        assert get_json(client, "/api/health")["articles"] == 1


def test_pages_escape_article_content(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, ids = served
    page = client.get(f"/articles/{ids['xss']}", headers={"accept": "text/html"})
    assert page.status_code == 200
    html = page.text
    assert "<script>window.__xss" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert 'href="javascript:' not in html
    missing = client.get("/articles/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]


def test_pages_render(served: tuple[httpx.Client, dict[str, str]]) -> None:
    client, ids = served
    html = {"accept": "text/html"}
    home = client.get("/", headers=html)
    assert home.status_code == 200 and "/stories/story-1" in home.text
    story = client.get("/stories/story-1", headers=html)
    assert story.status_code == 200 and "<svg class=\"map\"" in story.text
    assert "Velmora" in story.text
    search = client.get("/search?q=Quellane", headers=html)
    assert "We will not be intimidated" in search.text and ids["a1"] in search.text
    person = client.get("/entities/" + quote("Marta Quellane"), headers=html)
    assert "League Secretary General" in person.text and "a dangerous moment" in person.text
    for page in (home, story, search, person):
        assert not REMOTE.search(page.text), "pages must not load remote assets"


def _readme_section() -> str:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Web UI and HTTP API")
    end = readme.index("\n## ", start + 1)
    return readme[start:end]


def test_every_route_and_parameter_is_documented() -> None:
    """Like datasette: a route or query parameter missing from the README fails here."""
    from fastapi.routing import APIRoute

    from newsprism.api.routes import router as api_router
    from newsprism.web.pages import router as page_router

    section = _readme_section()
    missing = [r for r in ("`GET /api/openapi.json`", "`GET /static/{path}`") if r not in section]
    for prefix, router in (("/api", api_router), ("", page_router)):
        for route in router.routes:
            assert isinstance(route, APIRoute)
            for method in sorted(route.methods - {"HEAD"}):
                if f"`{method} {prefix}{route.path}`" not in section:
                    missing.append(f"{method} {prefix}{route.path}")
            params = route.dependant.query_params + [
                p for d in route.dependant.dependencies for p in d.query_params]
            missing += [f"{route.path}?{p.alias}" for p in params if f"`{p.alias}`" not in section]
    assert not missing, f"undocumented in README's Web UI and HTTP API section: {missing}"


def test_serve_command_prints_the_address_and_serves(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    from test_api_support import free_port

    db = str(tmp_path / "serve.db")
    save(db, make_article("Ferries resumed on Monday after the storm, the port authority said."))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", "--db", db, "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        deadline, health = time.time() + 60, None
        while time.time() < deadline and health is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()
            except httpx.HTTPError:
                time.sleep(0.2)
        assert health is not None and health["articles"] == 1
        assert proc.stdout is not None
        assert f"http://127.0.0.1:{port}/" in proc.stdout.readline().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_warming_builds_the_latest_story_pages(tmp_path: Path) -> None:
    import threading

    from newsprism.read.stories import view_key
    from newsprism.web.app import create_app
    from newsprism.web.pages import start_warming

    db = str(tmp_path / "warm.db")
    fill_store(db)
    app = create_app(db, warm=5)
    try:
        sid, signature = view_key(app.state.store, "story-1")
        assert app.state.views.peek("html:" + sid, signature, None) is None
        start_warming(app, 5, threading.Event()).join(timeout=120)
        html = app.state.views.peek("html:" + sid, signature, None)
        assert html is not None and "Talks go on" in html
        stopped = threading.Event()
        stopped.set()
        other = create_app(db)
        start_warming(other, 5, stopped).join(timeout=30)
        assert other.state.views.peek("html:" + sid, signature, None) is None
        other.state.store.close()
    finally:
        app.state.store.close()
