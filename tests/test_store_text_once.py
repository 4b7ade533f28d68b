"""The store keeps each text once, links its full-text index to `articles` (so Datasette and plain
SQLite find articles by a word of their text), enforces foreign keys, names its search-terms table
for what it is, and moves a store written before all this (schema 8) to it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.records import Article, ArticleResult, Entity, article_id, to_json
from newsprism.store import open_store
from newsprism.store.base import SQLStore
from pg import BACKENDS, open_backend, pg_server, pg_url  # noqa: F401  (fixtures)

PHRASE = "the lock keepers of the Ondrava canal reopened the upper gate at dawn"
TEXT = (f"Officials in Brenmoor said {PHRASE}, after a week of repairs. Barge captain Ilka Sorvane "
        "said the queue of boats had reached nine kilometres.")


def _article(text: str = TEXT, **kw: Any) -> Article:
    return Article(id=article_id(text), source="t", text=text, title="Ondrava gate reopens", **kw)


def _result(article: Article) -> ArticleResult:
    start = article.text.index("Ilka Sorvane")
    person = Entity(text="Ilka Sorvane", type="PERSON", canonical="Ilka Sorvane", start=start, end=start + 12)
    return ArticleResult(article=article, outputs={"entities": [person]}, versions={"entities": "1"})


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLStore]:
    with open_backend(request, tmp_path) as s:
        yield s


def test_text_is_kept_once_and_read_back_whole(tmp_path: Path) -> None:
    db = tmp_path / "once.db"
    s = open_store(str(db))
    a = _article()
    s.save_result(_result(a))
    assert s.get_article(a.id) == a and s.get_articles([a.id]) == [a]
    assert list(s.iter_articles()) == [a] and s.list_articles() == [a]
    record = s.query("SELECT record FROM articles")[0][0]
    assert PHRASE not in record and '"text":""' in record
    s.close()
    assert db.read_bytes().count(PHRASE.encode()) == 1  # no record copy, no FTS content copy


def test_plain_sqlite_and_datasette_find_an_article_by_a_word(tmp_path: Path) -> None:
    db = tmp_path / "fts.db"
    s = open_store(str(db))
    a = _article()
    s.add_article(a)
    s.add_article(_article("A quiet day at the Brenmoor market; stalls sold apples and pears."))
    s.close()
    with sqlite3.connect(db) as conn:
        # Datasette's detect_fts: a virtual table whose SQL names `content="articles"`
        fts = conn.execute("SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE"
                           " '%VIRTUAL TABLE%USING FTS%content=\"articles\"%'").fetchall()
        assert fts == [("articles_fts",)]
        # ... and its search: the table's rowid IN the index's matching rowids
        found = conn.execute("SELECT id, title FROM articles WHERE rowid IN (SELECT rowid FROM"
                             " articles_fts WHERE articles_fts MATCH ?)", ("keepers",)).fetchall()
        assert found == [(a.id, "Ondrava gate reopens")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "articles_fts_content" not in tables and "mentions" not in tables and "search_terms" in tables


def test_index_follows_deletes_and_search_snippets(store: SQLStore) -> None:
    a, b = _article(), _article("Barge traffic on the Ondrava resumed on Friday.")
    store.save_result(_result(a))
    store.add_article(b)
    hits = store.search("ondrava")
    assert {h.id for h in hits} == {a.id, b.id} and all("[" in h.snippet for h in hits)
    store.delete_article(a.id)
    assert [h.id for h in store.search("ondrava")] == [b.id] and store.search("keepers") == []


def test_foreign_keys_refuse_orphans_and_cascade(store: SQLStore) -> None:
    a = _article()
    store.save_result(_result(a))
    with store.transaction() as cur:
        store.execute(cur, "INSERT INTO story_members (article_id, story_id, joined, score) VALUES (?, ?, ?, ?)",
                      (a.id, "story-1", 1, 1.0))
    with pytest.raises(Exception) as info, store.transaction() as cur:
        store.execute(cur, "INSERT INTO step_results (article_id, step, version, inputs, written, output)"
                      " VALUES (?, ?, ?, ?, ?, ?)", ("no-such-article", "entities", "1", "", 1, "[]"))
    assert isinstance(info.value, store.driver_errors) and "foreign key" in str(info.value).lower()
    assert store.query("SELECT COUNT(*) FROM search_terms WHERE article_id = ?", (a.id,))[0][0] == 1
    with store.transaction() as cur:
        store.execute(cur, "DELETE FROM articles WHERE id = ?", (a.id,))
    for table in ("step_results", "search_terms", "story_members"):
        assert store.query(f"SELECT COUNT(*) FROM {table}")[0][0] == 0, table


def _old_store(url: str, monkeypatch: pytest.MonkeyPatch) -> list[Article]:
    """A store at schema 8, written as newsprism wrote it then: the text in the record too, a
    standalone full-text table (SQLite), a `mentions` table, and one orphan step result."""
    from newsprism.store import base, schema

    with monkeypatch.context() as m:
        m.setattr(base, "MIGRATIONS", schema.MIGRATIONS[:8])
        old = open_store(url)
        assert old.schema_version() == 8
        arts = [_article(), _article("Brenmoor council met on Tuesday to discuss the canal budget.")]
        with old.transaction() as cur:
            for seq, art in enumerate(arts, 1):
                old.execute(cur, "INSERT INTO articles (id, seq, source, url, title, outlet, agency, published,"
                            " language, text, record, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (art.id, seq, art.source, None, art.title, None, None, None, None, art.text,
                             to_json(art).decode(), "2026-01-01T00:00:00Z"))
                _fts_v1(old, cur, art, seq)
                old.execute(cur, "INSERT INTO mentions (article_id, kind, value) VALUES (?, 'person', ?)",
                            (art.id, "Ilka Sorvane"))
            old.execute(cur, "INSERT INTO step_results (article_id, step, version, inputs, written, output)"
                        " VALUES ('gone', 'entities', '1', '', 1, '[]')")
        old.close()
    return arts


def _fts_v1(store: SQLStore, cur: Any, art: Article, seq: int) -> None:
    if store.dialect == "sqlite":
        store.execute(cur, "INSERT INTO articles_fts (rowid, id, title, text) VALUES (?, ?, ?, ?)",
                      (seq, art.id, art.title or "", art.text))
    else:
        store._fts_index(cur, art, seq)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_schema_8_store_is_moved(backend: str, tmp_path: Path, request: pytest.FixtureRequest,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    url = str(tmp_path / "old.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    arts = _old_store(url, monkeypatch)
    s = open_store(url)
    try:
        assert s.schema_version() >= 9
        assert [s.get_article(a.id) for a in arts] == arts
        assert all(PHRASE not in r[0] for r in s.query("SELECT record FROM articles"))
        assert [h.id for h in s.search("keepers")] == [arts[0].id]
        assert {h.id for h in s.search("brenmoor")} == {a.id for a in arts}
        assert s.query("SELECT COUNT(*) FROM search_terms")[0][0] == 2
        assert s.query("SELECT COUNT(*) FROM step_results WHERE article_id = 'gone'")[0][0] == 0
        s.add_article(_article("A third Brenmoor report, stored after the move."))
        assert len(s.search("brenmoor")) == 3
    finally:
        s.close()


def test_datasette_searches_the_articles_table(tmp_path: Path) -> None:
    """Datasette's own query path: `?_search=` on the articles table uses the linked FTS5 index."""
    import asyncio

    from datasette.app import Datasette

    db = tmp_path / "news.db"
    s = open_store(str(db))
    a = _article()
    s.add_article(a)
    s.add_article(_article("A quiet day at the Brenmoor market; stalls sold apples and pears."))
    s.close()

    async def ask(path: str) -> Any:
        answer = await Datasette([str(db)]).client.get(path)
        assert answer.status_code == 200, answer.text
        return answer.json()

    found = asyncio.run(ask("/news/articles.json?_search=keepers&_shape=array"))
    assert [(r["id"], r["text"]) for r in found] == [(a.id, TEXT)]
    assert asyncio.run(ask("/news/articles.json?_search=nowhereword&_shape=array")) == []


def test_sizes_count_texts_outputs_and_the_store(store: SQLStore) -> None:
    empty = store.sizes()
    assert empty["text"] == empty["outputs"] == 0 and empty["store"] > 0
    a = _article()
    store.save_result(_result(a))
    got = store.sizes()
    assert got["text"] == len(TEXT.encode("utf-8"))
    stored = store.query("SELECT output FROM step_results")
    assert got["outputs"] == sum(len(str(r[0]).encode("utf-8")) for r in stored) > 0


def test_stats_sizes_in_the_cli(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from newsprism.cli import main

    db = str(tmp_path / "s.db")
    s = open_store(db)
    s.save_result(_result(_article()))
    s.close()
    result = CliRunner().invoke(main, ["--db", db, "stats", "--sizes", "--json"])
    assert result.exit_code == 0, result.output
    sizes = json.loads(result.output)["sizes"]
    assert sizes["text"] == len(TEXT.encode("utf-8")) and sizes["store"] > sizes["text"]
    text = CliRunner().invoke(main, ["--db", db, "stats", "--sizes"]).output
    assert "store/held" in text and "x (store bytes" in text
    assert "sizes" not in CliRunner().invoke(main, ["--db", db, "stats"]).output  # only when asked
