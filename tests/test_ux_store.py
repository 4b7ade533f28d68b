"""SQL views for other tools: entities, quotes, events (latest step version) and claims, on both
backends, and read with plain `sqlite3` (no newsprism code, no json_each)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.records import Actor, Article, ArticleResult, Entity, Event, Quote, article_id
from newsprism.store.base import SQLStore
from pg import BACKENDS, open_backend, pg_server, pg_url  # noqa: F401  (fixtures)

TEXT = ("Harbour master Ilse Varga said on Friday that the Selwick ferry would sail again. "
        "\"The swell is down,\" Varga told reporters. The port authority praised the crews.")


def _span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLStore]:
    with open_backend(request, tmp_path) as s:
        yield s


def _entity(part: str, kind: str, canonical: str) -> Entity:
    s, e = _span(part)
    return Entity(text=part, type=kind, canonical=canonical, start=s, end=e)  # type: ignore[arg-type]


def _save(store: SQLStore, version: str, **outputs: Any) -> str:
    article = Article(id=article_id(TEXT), source="t", text=TEXT, title="Ferry sails again")
    versions = dict.fromkeys(outputs, version)
    store.save_result(ArticleResult(article=article, outputs=outputs, versions=versions))
    return article.id


def _fill(store: SQLStore) -> str:
    old = [_entity("Ilse Varga", "PERSON", "Ilse Varga")]
    _save(store, "1", entities=old)
    s, e = _span("The swell is down,")
    es, ee = _span("The port authority praised the crews.")
    new = [_entity("Ilse Varga", "PERSON", "Ilse Varga"), _entity("Selwick", "PLACE", "Selwick"),
           _entity("port authority", "ORG", "Selwick Port Authority")]
    return _save(store, "10", entities=new,
                 quotes=[Quote(text="The swell is down,", kind="direct", speaker="Ilse Varga",
                               cue="told reporters", start=s, end=e)],
                 events=[Event(source=Actor(text="port authority", code="GBR"), cameo="051",
                               plover="SUPPORT", goldstein=3.4, quad_class=1, text=TEXT[es:ee],
                               start=es, end=ee)])


def test_views_give_one_row_per_item_of_the_latest_version(store: SQLStore) -> None:
    aid = _fill(store)
    rows = store.query("SELECT article_id, n, text, type, canonical, char_start, char_end, version"
                       " FROM entities ORDER BY n")
    assert [(r[2], r[3], r[7]) for r in rows] == [("Ilse Varga", "PERSON", "10"), ("Selwick", "PLACE", "10"),
                                                  ("port authority", "ORG", "10")]  # "10" after "1"
    assert all(r[0] == aid for r in rows) and [int(r[1]) for r in rows] == [0, 1, 2]
    assert TEXT[int(rows[1][5]):int(rows[1][6])] == "Selwick"
    quote = store.query("SELECT speaker, kind, cue, text FROM quotes")
    assert [tuple(q) for q in quote] == [("Ilse Varga", "direct", "told reporters", "The swell is down,")]
    event = store.query("SELECT plover, cameo, source_code, goldstein, quad_class FROM events")
    assert [(e[0], e[1], e[2], float(e[3]), int(e[4])) for e in event] == [("SUPPORT", "051", "GBR", 3.4, 1)]


def test_claims_view_reads_stored_story_views(store: SQLStore) -> None:
    view = {"story_id": "s1", "claims": [
        {"id": "c1", "kind": "figure", "subject": "passengers", "verdict": "contradict",
         "explanation": "120 vs 150", "unit": None, "sources": 2,
         "values": [{"value": "120"}, {"value": "150"}]}]}
    with store.transaction() as cur:
        store.execute(cur, "INSERT INTO story_views (story_id, signature, brief, view, built_at)"
                      " VALUES (?, ?, ?, ?, ?)", ("s1", "x", "b", json.dumps(view), "2021-01-01"))
    rows = store.query("SELECT story_id, claim_id, subject, verdict, sources FROM claims")
    assert [(r[0], r[1], r[2], r[3], int(r[4])) for r in rows] == [("s1", "c1", "passengers", "contradict", 2)]


def test_plain_sqlite3_reads_the_views(tmp_path: Path) -> None:
    from newsprism.store import open_store

    db = tmp_path / "plain.db"
    store = open_store(str(db))
    _fill(store)
    store.close()
    with sqlite3.connect(db) as conn:
        people = conn.execute("SELECT a.title, e.canonical FROM entities e JOIN articles a"
                              " ON a.id = e.article_id WHERE e.type = 'PERSON'").fetchall()
        said = conn.execute("SELECT speaker, COUNT(*) FROM quotes GROUP BY speaker").fetchall()
    assert people == [("Ferry sails again", "Ilse Varga")]
    assert said == [("Ilse Varga", 1)]
