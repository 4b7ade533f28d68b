"""The HTTP API over the PostgreSQL store: the same queries, the same answers as on SQLite."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from pg import pg_server, pg_url  # noqa: F401  (fixtures)
from test_api import TOKEN, assert_error, fill_store
from test_api_support import get_json, running_server

pytestmark = pytest.mark.postgres


def test_api_on_postgres(pg_url: str) -> None:  # noqa: F811
    pytest.importorskip("psycopg")
    ids = fill_store(pg_url)
    with running_server(pg_url, token=TOKEN) as base, httpx.Client(base_url=base, timeout=30) as client:
        assert get_json(client, "/api/health")["articles"] == 7
        hits = get_json(client, "/api/search?q=Quellane&since=2022-02-09")["items"]
        assert [h["id"] for h in hits] == [ids["a2"]]
        assert {a["id"] for a in get_json(client, "/api/articles?person=Marta%20Quellane")["items"]} \
            == {ids["a1"], ids["a2"]}
        ent = get_json(client, "/api/entities/" + quote("Marta Quellane"))
        assert ent["quote_count"] == 2 and ent["roles"] == ["League Secretary General"]
        assert get_json(client, "/api/events?event_type=CONSULT")["items"][0]["article_id"] == ids["a1"]
        view = get_json(client, "/api/stories/story-1")
        assert {m["id"] for m in view["members"]} == {ids["a1"], ids["a2"]}
        page = client.get("/stories/story-1", headers={"accept": "text/html"})
        assert page.status_code == 200 and "Velmora" in page.text
        assert_error(client.get("/api/articles/nope"), 404, "E301")
        created = client.post("/api/articles", json={"text": "Harbour cranes idle on Sunday, the union said."},
                              headers={"Authorization": f"Bearer {TOKEN}"})
        assert created.status_code == 201, created.text
        assert get_json(client, "/api/health")["articles"] == 8
