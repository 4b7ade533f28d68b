import pytest

from newsprism.errors import NotFound
from newsprism.records import Article, ArticleResult, StepFailure, article_id
from newsprism.store import Filters


def _art(text: str, **kw) -> Article:
    return Article(id=article_id(text), source="t", text=text, **kw)


def test_same_article_twice_changes_nothing(store) -> None:
    a = _art("Stoltenberg spoke in Brussels.", title="NATO", published="2022-02-10")
    assert store.add_article(a) is True
    assert store.add_article(a) is False
    assert store.count_articles() == 1
    assert store.get_article(a.id) == a


def test_id_ignores_case_spacing_and_quote_style() -> None:
    assert article_id("Russia\u00b4s  drills") == article_id("russia's drills")
    assert article_id("a") != article_id("b")


def test_results_keyed_by_step_version_and_failures(store) -> None:
    a = _art("Malyar said the threat was real.")
    res = ArticleResult(
        article=a,
        outputs={"entities": [{"type": "PERSON", "canonical": "Ganna Malyar", "text": "Malyar"}]},
        versions={"entities": "1", "quotes": "3"},
        failures=[StepFailure(step="quotes", error_type="ValueError", message="bad")],
    )
    assert store.save_result(res)
    assert store.get_outputs(a.id)["entities"][0]["canonical"] == "Ganna Malyar"
    assert store.get_outputs(a.id, {"entities": "2"}) == {}
    assert store.failures()[0]["step"] == "quotes"
    assert [h.id for h in store.list_articles(Filters(person="ganna malyar"))] == [a.id]
    assert store.list_articles(Filters(person="nobody")) == []


def test_search_filters_and_unsafe_queries(store) -> None:
    a = _art("Truss met Lavrov in Moscow.", outlet="AFP", published="2022-02-10")
    b = _art("Lavrov said talks failed.", outlet="TASS", published="2022-02-11")
    for x in (a, b):
        store.add_article(x)
    assert {h.id for h in store.search("lavrov")} == {a.id, b.id}
    assert [h.id for h in store.search("lavrov", Filters(outlet="tass"))] == [b.id]
    assert [h.id for h in store.search("lavrov", Filters(until="2022-02-10"))] == [a.id]
    for nasty in ['"', "AND OR NOT", "x' OR 1=1 --", "NEAR(", "*"]:
        store.search(nasty)  # never an SQL or FTS syntax error


def test_not_found(store) -> None:
    with pytest.raises(NotFound):
        store.get_article("nope")


def test_failed_transaction_leaves_nothing(store) -> None:
    a = _art("Half written article.")
    with pytest.raises(RuntimeError), store.transaction() as cur:
        store._insert_article(cur, a)
        raise RuntimeError("crash mid-write")
    assert not store.has_article(a.id)
    assert store.search("written") == []
