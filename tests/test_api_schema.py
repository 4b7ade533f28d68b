"""Every API response of the API tests' scenarios validates against the served OpenAPI document:
success bodies against the route's response model, errors against the one error shape, and only
under statuses the document declares for that operation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a dev dependency (pip install -e .[dev])")

from test_api import TOKEN, fill_store  # noqa: E402
from test_api_support import make_article, running_server, save  # noqa: E402

AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_TEXT = ("ROTTERDAM — Dock workers voted on Thursday to end a four-day strike after the port "
            "authority offered a new shift plan, a union official said.")


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, dict[str, Any], dict[str, str]]]:
    db = str(tmp_path_factory.mktemp("schema") / "api.db")
    ids = fill_store(db)
    save(db, make_article("An undated note about nothing in particular, for the listings.", outlet="Note"))
    with running_server(db, token=TOKEN) as base, httpx.Client(base_url=base, timeout=30) as client:
        doc = client.get("/api/openapi.json").json()
        yield client, doc, ids


def _operation(doc: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    """The document's operation whose path template matches a concrete path."""
    for template, ops in doc["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method in ops:
            return dict(ops[method])
    raise AssertionError(f"{method.upper()} {path} is not in the OpenAPI document")


def check(doc: dict[str, Any], resp: httpx.Response) -> Any:
    """Validate one response against the document; returns its JSON body."""
    method, path = resp.request.method.lower(), resp.request.url.path
    op = _operation(doc, method, path)
    status = str(resp.status_code)
    assert status in op["responses"], f"{method.upper()} {path} answered undeclared {status}: {resp.text[:300]}"
    media = resp.headers["content-type"].split(";")[0]
    content = op["responses"][status].get("content", {})
    assert media in content, f"{method.upper()} {path} {status}: {media} not declared ({list(content)})"
    schema = dict(content[media]["schema"])
    if media != "application/json":
        return None
    assert schema not in ({"type": "string"}, {"type": "object"}, {}), f"{path}: untyped {status} response"
    schema["components"] = doc["components"]
    body = resp.json()
    jsonschema.Draft202012Validator(schema).validate(body)
    return body


def test_every_json_route_has_a_typed_response(api: tuple[httpx.Client, dict[str, Any], dict[str, str]]) -> None:
    _, doc, _ = api
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert "422" not in op["responses"], f"{method} {path} declares 422, never sent"
            for status, response in op["responses"].items():
                for media, body in response.get("content", {}).items():
                    if media == "application/json":
                        assert body["schema"] not in ({"type": "string"}, {"type": "object"}), \
                            f"{method} {path} {status} is untyped"


def test_reads_validate(api: tuple[httpx.Client, dict[str, Any], dict[str, str]]) -> None:
    client, doc, ids = api
    name = quote("Marta Quellane")
    for url in ("/api/health", "/api/stats", "/api/articles", "/api/articles?limit=2",
                "/api/articles?place=Velmora", "/api/articles?event_type=CONSULT",
                f"/api/articles/{ids['a1']}", f"/api/articles/{ids['xss']}",
                "/api/search?q=Quellane", "/api/search?q=harbour&limit=2&since=2021",
                "/api/stories", "/api/stories/story-1", "/api/stories/story-1/articles",
                "/api/entities", "/api/entities?kind=person&q=stolten", f"/api/entities/{name}",
                f"/api/entities/{name}/quotes?limit=1", "/api/events", "/api/events?event_type=04",
                "/api/exports", "/api/alerts", "/api/alerts/rules"):
        resp = client.get(url)
        assert resp.status_code == 200, (url, resp.text)
        check(doc, resp)
    detail = check(doc, client.get(f"/api/articles/{ids['a1']}"))
    assert detail["article"]["id"] == ids["a1"]


def test_errors_validate_and_hint_at_the_api(api: tuple[httpx.Client, dict[str, Any], dict[str, str]]) -> None:
    client, doc, _ = api
    for url, status in (("/api/articles/nope", 404), ("/api/stories/nope", 404),
                        ("/api/stories/nope/articles", 404), ("/api/entities/Nobody%20Known", 404),
                        ("/api/exports/xml", 404), ("/api/articles?since=2016-13-45", 400),
                        ("/api/search?q=x&until=yesterday", 400), ("/api/articles?limit=0", 400),
                        ("/api/entities?kind=animal", 400), ("/api/exports/csv?table=people", 400)):
        resp = client.get(url)
        assert resp.status_code == status, (url, resp.text)
        err = check(doc, resp)["error"]
        assert "`newsprism" not in err["hint"] and "--" not in err["hint"], (url, err["hint"])
    hint = client.get("/api/stories/nope").json()["error"]["hint"]
    assert "/api/stories" in hint


def test_writes_validate(api: tuple[httpx.Client, dict[str, Any], dict[str, str]]) -> None:
    client, doc, _ = api
    assert check(doc, client.post("/api/articles", json={"text": NEW_TEXT}))["error"]["code"] == "E602"
    first = check(doc, client.post("/api/articles", json={"text": NEW_TEXT, "outlet": "Port Wire"}, headers=AUTH))
    again = client.post("/api/articles", json={"text": NEW_TEXT, "outlet": "Port Wire"}, headers=AUTH)
    assert again.status_code == 200 and check(doc, again)["id"] == first["id"]
    check(doc, client.post("/api/articles", content=b"{not json", headers={**AUTH, "content-type": "application/json"}))
    saved = client.post("/api/alerts/rules", json={"name": "docks", "kind": "story", "query": "strike"},
                        headers=AUTH)
    assert saved.status_code == 201, saved.text
    check(doc, saved)
    assert check(doc, client.get("/api/alerts/rules"))["items"][0]["rule"]["name"] == "docks"
    check(doc, client.post("/api/alerts/read", json={}, headers=AUTH))
    check(doc, client.post("/api/alerts/rules", json={"name": "bad", "kind": "nonsense"}, headers=AUTH))
    check(doc, client.delete("/api/alerts/rules/docks", headers=AUTH))


def test_ingest_disabled_validates(tmp_path: Path) -> None:
    db = str(tmp_path / "off.db")
    save(db, make_article("A short wire item about the weather.", outlet="Wire"))
    with running_server(db, token="") as base, httpx.Client(base_url=base, timeout=30) as client:
        doc = client.get("/api/openapi.json").json()
        resp = client.post("/api/articles", json={"text": NEW_TEXT})
        assert resp.status_code == 403
        check(doc, resp)


def test_docs_explorer_lists_routes_params_and_models(api: tuple[httpx.Client, dict[str, Any], dict[str, str]]) -> None:
    client, doc, _ = api
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    for path in doc["paths"]:
        assert f"<code>{path}</code>" in html, path
    assert 'id="model-Page_ArticleSummary_"' in html and 'href="#model-ArticleDetail"' in html
    assert "pattern ^[12]" in html and "max 200" in html  # parameter limits are shown
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), "no inline script (CSP)"
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "no remote assets"
    assert "script-src 'self'" in page.headers.get("content-security-policy", "")
    assert client.get("/api/docs").text == html


def test_docs_explorer_escapes_the_document(api: tuple[httpx.Client, dict[str, Any], dict[str, str]]) -> None:
    from newsprism.web.api_docs import models, operations
    from newsprism.web.pages import templates

    _, doc, _ = api
    hostile = "<img src=x onerror=alert(1)>"
    doc = {**doc, "paths": {"/api/x": {"get": {"summary": hostile, "parameters": [
        {"name": "q", "in": "query", "description": hostile, "schema": {"type": "string", "pattern": hostile}}]}}}}
    html = templates.env.get_template("docs.html").render(ops=operations(doc), models=models(doc), title="t")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
