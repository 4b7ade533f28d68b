"""The engine: one pipeline, store and hook policy for every way in; bugs surface as bugs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsprism.engine import Engine
from newsprism.errors import NewsprismError, StepError, StoreError
from newsprism.pipeline import Pipeline
from newsprism.records import Article, ArticleResult, article_id
from newsprism.store import open_store
from newsprism.store.base import SQLStore

TEXT = "The council voted to close the old bridge to lorries from next month, the mayor said."


def _article(text: str = TEXT) -> Article:
    return Article(id=article_id(text), source="t", text=text, published="2024-02-03")


@pytest.fixture
def store(tmp_path: Path):
    s = open_store(str(tmp_path / "e.db"))
    yield s
    s.close()


def test_a_hook_bug_is_recorded_with_its_own_type_and_the_run_goes_on(store: SQLStore) -> None:
    def buggy(store: SQLStore, result: ArticleResult) -> None:
        raise TypeError("a bug in the hook")

    report = Engine(Pipeline([]), store, [buggy]).ingest([_article(), _article(TEXT + " Later.")])
    assert (report.new, report.hook_failures, report.ok) == (2, 2, False)
    assert {(f["step"], f["error_type"]) for f in store.failures()} == {("buggy", "TypeError")}


def test_a_hook_bug_is_reraised_under_strict(store: SQLStore) -> None:
    def buggy(store: SQLStore, result: ArticleResult) -> None:
        raise TypeError("a bug in the hook")

    with pytest.raises(StepError) as info:
        Engine(Pipeline([]), store, [buggy], strict=True).ingest([_article()])
    assert isinstance(info.value.__cause__, TypeError)


def test_a_hooks_own_error_is_counted(store: SQLStore) -> None:
    def refuses(store: SQLStore, result: ArticleResult) -> None:
        raise StoreError("disk full")

    report = Engine(Pipeline([]), store, [refuses]).ingest([_article()])
    assert report.hook_failures == 1 and store.failures()[0]["error_type"] == "StoreError"
    with pytest.raises(StoreError):
        Engine(Pipeline([]), store, [refuses], strict=True).ingest([_article(TEXT + " Again.")])


def test_a_clustering_bug_is_not_a_store_error(store: SQLStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.stories import after_save_hooks
    from newsprism.stories.service import StoryService

    def buggy(self: StoryService, result: ArticleResult) -> None:
        raise IndexError("the clusterer lost count")

    monkeypatch.setattr(StoryService, "_assign_once", buggy)
    [hook] = after_save_hooks(None)
    store.add_article(_article())
    with pytest.raises(IndexError):
        hook(store, ArticleResult(article=_article()))
    report = Engine(Pipeline([]), store, after_save_hooks(None)).ingest([_article(TEXT + " More.")])
    assert report.hook_failures == 1 and store.failures()[0]["error_type"] == "IndexError"


def test_a_database_error_in_story_assignment_is_a_store_error(
        store: SQLStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.stories import after_save_hooks, storage

    def locked(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(storage, "save_assignment", locked)
    [hook] = after_save_hooks(None)
    store.add_article(_article())
    with pytest.raises(StoreError, match="locked"):
        hook(store, ArticleResult(article=_article()))


def test_an_engine_without_a_store_analyses_only() -> None:
    engine = Engine(Pipeline([]))
    assert engine.analyze(_article()).outputs == {}
    with pytest.raises(NewsprismError, match="no store"):
        engine.ingest([_article()])


def test_the_cli_builds_one_pipeline_per_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import newsprism.engine as engine_module
    from newsprism.cli import main

    built: list[int] = []
    real = engine_module.default_steps

    def counting() -> list:
        built.append(1)
        return real()

    monkeypatch.setattr(engine_module, "default_steps", counting)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text("The ferry service resumed on Friday after the storm, operators said.",
                                  encoding="utf-8")
    db = str(tmp_path / "cli.db")
    res = CliRunner().invoke(main, ["--db", db, "ingest", str(folder), "--steps", "sentences", "--json"])
    assert res.exit_code == 0, res.output
    assert len(built) == 1
    res = CliRunner().invoke(main, ["--db", db, "reanalyze", "--force", "--json"])
    assert res.exit_code == 0, res.output
    assert len(built) == 2 and '"updated":2' in res.output
