"""Results are keyed by what they were computed from: (article, step, version, input key).

A changed input re-runs its dependants and stores their new outputs; `reanalyze --force` and
writing again replace; a step's optional inputs are part of its key. Both stores, and the
migration of a store written before keys existed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from newsprism.engine import Engine
from newsprism.pipeline import Pipeline
from newsprism.records import Article, ArticleResult, article_id
from pg import BACKENDS, open_backend, pg_server, pg_url  # noqa: F401  (fixtures)

TEXT = "The ferry to Lindholm left at dawn with forty passengers and a crate of oranges."


class Words:
    name, requires, output = "words", (), list[str]

    def __init__(self, version: str = "1", upper: bool = False) -> None:
        self.version, self.upper = version, upper

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[str]:
        words = article.text.split()
        return [w.upper() for w in words] if self.upper else words


class Longest:
    """Reads `words`; reads `numbers` too when the pipeline has it (an optional input)."""

    name, version, output = "longest", "1", str
    wants = ("words", "numbers")

    def __init__(self, available: Sequence[str]) -> None:
        self.requires = tuple(w for w in self.wants if w in available)

    def run(self, article: Article, inputs: Mapping[str, Any]) -> str:
        longest = max(inputs["words"], key=len)
        return f"{longest}+{len(inputs['numbers'])}" if "numbers" in inputs else longest


class Numbers:
    name, version, requires, output = "numbers", "1", ("words",), list[str]

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[str]:
        return [w for w in inputs["words"] if w.isdigit()]


def _pipeline(words: Words, with_numbers: bool = False) -> Pipeline:
    steps: list[Any] = [words, Numbers()] if with_numbers else [words]
    return Pipeline([*steps, Longest([s.name for s in steps])])


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path):
    with open_backend(request, tmp_path) as s:
        yield s


def _outputs(store: Any, aid: str) -> dict[str, Any]:
    return {step: json.loads(text) for step, text in store.stored_outputs(aid).items()}


def _article() -> Article:
    return Article(id=article_id(TEXT), source="t", text=TEXT)


def test_force_replaces_a_corrupted_output(store) -> None:
    p = _pipeline(Words())
    article = _article()
    store.save_result(p.run(article))
    with store.transaction() as cur:
        store.execute(cur, "UPDATE step_results SET output = ? WHERE step = ?", ('"garbage"', "longest"))
    assert _outputs(store, article.id)["longest"] == "garbage"
    assert Engine(p, store).reanalyze().updated == 0  # the key is current: nothing to do without --force
    summary = Engine(p, store).reanalyze(force=True)
    assert (summary.articles, summary.updated) == (1, 1)
    assert _outputs(store, article.id)["longest"] == "passengers"
    assert store.stats()["step_results"] == {"longest": 1, "words": 1}  # replaced, not added


def test_writing_again_replaces(store) -> None:
    p = _pipeline(Words())
    result = p.run(_article())
    store.save_result(result)
    result.outputs = dict(result.outputs, longest="other")
    assert store.save_result(result) is False  # the article was there; its output is replaced
    assert _outputs(store, result.article.id)["longest"] == "other"


def test_dependant_reruns_and_is_stored_when_its_input_changes(store) -> None:
    article = _article()
    store.save_result(_pipeline(Words("1")).run(article))
    p2 = _pipeline(Words("2", upper=True))
    assert Engine(p2, store).reanalyze().updated == 1
    outputs = _outputs(store, article.id)
    assert outputs["words"][0] == "THE"
    assert outputs["longest"] == "PASSENGERS"  # recomputed from the new words, and stored
    assert Engine(p2, store).reanalyze().updated == 0
    # the reused inputs of a later run are those of the current keys, never an older row
    assert store.stored_outputs(article.id, p2.versions(), p2.keys)["longest"] == '"PASSENGERS"'


def test_optional_input_is_part_of_the_key(store) -> None:
    without = _pipeline(Words())
    with_numbers = _pipeline(Words(), with_numbers=True)
    assert without.versions()["longest"] == with_numbers.versions()["longest"]
    assert without.keys["longest"] != with_numbers.keys["longest"]
    assert without.keys["words"] == with_numbers.keys["words"]
    article = _article()
    store.save_result(without.run(article))
    assert Engine(with_numbers, store).reanalyze().updated == 1
    assert _outputs(store, article.id)["longest"] == "passengers+0"


def test_events_key_depends_on_which_inputs_it_reads() -> None:
    from newsprism.analyze.events import EventsStep
    from newsprism.analyze.sentences import SentencesStep

    alone = Pipeline([SentencesStep(), EventsStep(available=["sentences"])])
    from newsprism.engine import default_pipeline

    full = default_pipeline()
    assert alone.keys["sentences"] == full.keys["sentences"]
    assert alone.keys["events"] != full.keys["events"]


def test_rows_from_before_keys_are_migrated_and_treated_as_stale(
        request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsprism.store.base as base
    from newsprism.store import open_store

    article = _article()
    path = str(tmp_path / "old.db")
    with monkeypatch.context() as m:
        m.setattr(base, "MIGRATIONS", base.MIGRATIONS[:3])
        old = open_store(path)
        old.add_article(article)
        with old.transaction() as cur:
            old.execute(cur, "INSERT INTO step_results (article_id, step, version, output)"
                        " VALUES (?, ?, ?, ?)", (article.id, "longest", "1", '"stale"'))
        old.close()
    store = open_store(path)
    assert store.schema_version() == len(base.MIGRATIONS) > 3
    assert _outputs(store, article.id) == {"longest": "stale"}
    assert store.stored_keys(article.id) == {"longest": {("1", "")}}
    assert Engine(_pipeline(Words()), store).reanalyze().updated == 1
    assert _outputs(store, article.id)["longest"] == "passengers"
    store.close()


def test_parquet_rows_carry_the_keys() -> None:
    from newsprism.scale.records import from_row, to_row

    p = _pipeline(Words())
    result = p.run(_article())
    row = to_row(result, "s", 0)
    assert from_row(row).keys == p.keys
    del row["keys"]  # a shard written before keys existed
    assert from_row(row).keys == {}


def test_saved_keys_are_the_pipelines(store) -> None:
    p = _pipeline(Words(), with_numbers=True)
    result = p.run(_article())
    assert result.keys == p.keys
    store.save_result(ArticleResult(article=result.article, outputs=result.outputs,
                                    versions=result.versions, keys=result.keys))
    assert store.stored_keys(result.article.id) == {n: {("1", k)} for n, k in p.keys.items()}


def test_bulk_save_and_reanalysis_write_in_one_go(store) -> None:
    p = _pipeline(Words())
    first, second = _article(), Article(id=article_id(TEXT + " Again."), source="t", text=TEXT + " Again.")
    store.save_result(p.run(first))
    new = store.save_results([p.run(first), p.run(second)])
    assert [r.article.id for r in new] == [second.id]
    result = p.run(first)
    result.outputs = {"longest": "replaced"}
    store.save_reanalysis(result, {})
    assert _outputs(store, first.id)["longest"] == "replaced"
    assert store.query("SELECT COUNT(*) FROM search_terms WHERE article_id = ?", (first.id,))[0][0] == 0
