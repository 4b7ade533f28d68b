"""Batched ingest writes: many articles per transaction, all-or-nothing per article."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from newsprism.engine import Engine
from newsprism.pipeline import Pipeline
from newsprism.records import Article, ArticleResult, article_id
from newsprism.store import open_store

TEXTS = [
    "The harbour board of Velmora approved a new ferry timetable on Tuesday.",
    "Farmers near Kestrel Vale reported an early frost that damaged the pear crop.",
    "A library in Dunmarsh reopened after two years of repairs to its roof.",
]


def _art(text: str) -> Article:
    return Article(id=article_id(text), source="test", text=text)


def _bad(text: str) -> ArticleResult:
    """A result whose output is not of its step's type: its save fails half-way."""
    return ArticleResult(article=_art(text), outputs={"quotes": [{"text": "x", "kind": "shouted"}]},
                         versions={"quotes": "1"})


def test_a_failed_save_leaves_nothing_of_its_article_and_keeps_the_others(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    good = [ArticleResult(article=_art(t)) for t in (TEXTS[0], TEXTS[2])]
    new, failed = store.save_each([good[0], _bad(TEXTS[1]), good[1]])
    assert [r.article.id for r in new] == [good[0].article.id, good[1].article.id]
    assert len(failed) == 1 and isinstance(failed[0][1], msgspec.ValidationError)
    assert store.count_articles() == 2 and not store.has_article(article_id(TEXTS[1]))
    again, _ = store.save_each(good)  # stored already: nothing new
    assert again == []


def test_ingest_stores_every_article_of_a_batch_and_reports_each(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    seen: list[tuple[str, str]] = []
    items = [_art(TEXTS[0]), _art(TEXTS[1]), _art(TEXTS[0]), _art(TEXTS[2])]
    report = Engine(Pipeline([]), store).ingest(items, on_item=lambda a, s: seen.append((a.id, s)))
    assert report.new == 3 and report.unchanged == 1 and store.count_articles() == 3
    assert sorted(s for _, s in seen) == ["new", "new", "new", "unchanged"]
    assert report.new_ids == [article_id(t) for t in TEXTS]


def test_ingest_raises_a_failed_save_after_storing_the_rest(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    engine = Engine(Pipeline([]), store)
    bad_text = TEXTS[1]

    def analyze(article: Article) -> ArticleResult:
        return _bad(article.text) if article.text == bad_text else ArticleResult(article=article)

    engine.analyze = analyze  # type: ignore[method-assign]
    with pytest.raises(msgspec.ValidationError):
        engine.ingest([_art(t) for t in TEXTS])
    assert store.count_articles() == 2 and not store.has_article(article_id(bad_text))
