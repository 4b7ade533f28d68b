"""Upgrading a step's version re-runs it (and what depends on it) on stored articles, nothing else."""

from __future__ import annotations

from pathlib import Path

from newsprism.engine import Engine, default_pipeline
from newsprism.reanalyze import stale_steps
from newsprism.records import Article, ArticleResult, article_id
from newsprism.store import Filters, open_store
from newsprism.store.base import version_key

TEXT = ("Foreign Minister Anna Berg of Sweden met Norwegian Prime Minister Jonas Lie in Oslo on Monday."
        " Berg said the two countries would hold 12 joint exercises next year.")


def test_stale_steps_follow_requirements() -> None:
    p = default_pipeline()
    current = {s.name: {(s.version, p.keys[s.name])} for s in p.steps}
    assert stale_steps(p, current) == []
    older = dict(current, entities={("0", p.keys["entities"])})
    stale = stale_steps(p, older)
    assert stale[0] == "entities" and "sentences" not in stale and "quotes" in stale


def test_versions_compare_as_numbers() -> None:
    assert version_key("10") > version_key("9") > version_key("beta")


def test_reanalyze_runs_only_what_changed(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "r.db"))
    p = default_pipeline()
    article = Article(id=article_id(TEXT), source="t", text=TEXT, published="2024-03-04")
    result = p.run(article)
    # pretend the entities step was stored by an older version, with no people in it
    result.versions = dict(result.versions, entities="0")
    result.outputs = dict(result.outputs, entities=[])
    store.save_result(result)
    assert store.list_articles(Filters(person="Anna Berg")) == []
    summary = Engine(p, store).reanalyze()
    assert (summary.articles, summary.updated, summary.step_failures) == (1, 1, 0)
    versions = store.stored_versions(article.id)
    assert versions["entities"] == {"0", p.versions()["entities"]}
    assert versions["sentences"] == {p.versions()["sentences"]}
    assert any(e.canonical == "Anna Berg" for e in store.get_outputs(article.id)["entities"])
    assert [a.id for a in store.list_articles(Filters(person="Anna Berg"))] == [article.id]
    assert Engine(p, store).reanalyze().updated == 0  # nothing stale any more
    store.close()


def test_reanalyze_result_equals_a_fresh_run(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "r.db"))
    p = default_pipeline()
    article = Article(id=article_id(TEXT), source="t", text=TEXT, published="2024-03-04")
    store.save_result(ArticleResult(article=article))
    Engine(p, store).reanalyze()
    fresh = {k: v for k, v in p.run(article).outputs.items()}
    assert store.get_outputs(article.id) == fresh
    store.close()
