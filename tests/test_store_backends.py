"""The store's behaviour on both backends: SQLite and PostgreSQL give the same answers."""

from __future__ import annotations

import threading
from pathlib import Path

import msgspec
import pytest

from newsprism.errors import NotFound, StoreError
from newsprism.records import (
    Actor,
    Article,
    ArticleResult,
    Entity,
    Event,
    Figure,
    StepFailure,
    article_id,
)
from newsprism.store import Filters, open_store
from newsprism.store.postgres import fold_tokens, to_pyformat, ts_query
from pg import BACKENDS, open_backend, pg_server, pg_url  # noqa: F401  (fixtures)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh store of each backend."""
    with open_backend(request, tmp_path) as s:
        yield s


def _art(text: str, **kw) -> Article:
    return Article(id=article_id(text), source="t", text=text, **kw)


def test_add_get_count_and_idempotence(backend) -> None:
    a = _art("Odile Brackwater spoke in Tarnholm on Monday.", title="Union talks", published="2022-02-10",
             authors=["A. Writer"])
    assert backend.add_article(a) is True
    assert backend.add_article(a) is False
    assert backend.count_articles() == 1
    assert backend.get_article(a.id) == a
    assert [x.id for x in backend.iter_articles()] == [a.id]
    with pytest.raises(NotFound):
        backend.get_article("nope")


def test_results_failures_and_filters(backend) -> None:
    a = _art("Varga said the threat was real.", outlet="Selwick Post", published="2022-02-09")
    res = ArticleResult(
        article=a,
        outputs={"entities": [Entity(type="PERSON", canonical="Ilse Varga", text="Varga", start=0,
                                     end=5)],
                 "events": [Event(plover="THREATEN", cameo="138", source=Actor(text="Russia", code="RUS"),
                                  goldstein=-4.4, quad_class=3, text="threat", start=13, end=19)]},
        versions={"entities": "1", "events": "2", "quotes": "3"},
        failures=[StepFailure(step="quotes", error_type="ValueError", message="100% bad? 'yes'")],
    )
    assert backend.save_result(res)
    assert backend.get_outputs(a.id)["entities"][0].canonical == "Ilse Varga"
    assert backend.get_analysis(a.id).events[0].source == Actor(text="Russia", code="RUS")
    assert backend.get_outputs(a.id, {"entities": "2"}) == {}
    assert backend.failures()[0]["message"] == "100% bad? 'yes'"
    assert [x.id for x in backend.list_articles(Filters(person="ilse varga"))] == [a.id]
    assert [x.id for x in backend.list_articles(Filters(event_type="threaten"))] == [a.id]
    assert [x.id for x in backend.list_articles(Filters(event_type="13"))] == [a.id]
    assert [x.id for x in backend.list_articles(Filters(outlet="SELWICK POST", until="2022-02-09"))] == [a.id]
    assert backend.list_articles(Filters(since="2022-02-10")) == []
    stats = backend.stats()
    assert stats["articles"] == 1 and stats["step_results"] == {"entities": 1, "events": 1}
    assert stats["step_failures"] == {"quotes": 1}


def test_search_ranks_filters_and_survives_nasty_queries(backend) -> None:
    a = _art("Holt met Dravik in Ostmere. Talks were frosty.", title="Holt in Ostmere",
             outlet="AFP", published="2022-02-10")
    b = _art("Dravik said the talks with Brenland failed.", title="Talks failed", outlet="Ostmere Wire",
             published="2022-02-11T09:00:00Z")
    c = _art("Mayor Quill visited Brévanne’s résumé office; don't panic, he said.", published="2022-02-12")
    for x in (a, b, c):
        backend.add_article(x)
    assert {h.id for h in backend.search("dravik")} == {a.id, b.id}
    assert [h.id for h in backend.search("ostmere")] == [a.id]
    assert [h.id for h in backend.search("dravik", Filters(outlet="ostmere wire"))] == [b.id]
    assert [h.id for h in backend.search("dravik", Filters(until="2022-02-10"))] == [a.id]
    assert [h.id for h in backend.search("dravik", Filters(since="2022-02-11"))] == [b.id]
    assert [h.id for h in backend.search('"talks failed"')] == [b.id]
    assert [h.id for h in backend.search("RESUME brevanne")] == [c.id]
    assert [h.id for h in backend.search("don't")] == [c.id]
    assert "[" in backend.search("dravik")[0].snippet
    for nasty in ['"', "AND OR NOT", "x' OR 1=1 --", "NEAR(", "*", "%s %%", "? ?", "a & | ! <->", ""]:
        backend.search(nasty)  # never an SQL or full-text syntax error


def test_failed_transaction_leaves_nothing(backend) -> None:
    a = _art("Half written article.")
    with pytest.raises(RuntimeError), backend.transaction() as cur:
        backend._insert_article(cur, a)
        raise RuntimeError("crash mid-write")
    assert not backend.has_article(a.id)
    assert backend.search("written") == []
    backend.add_article(a)  # the writer is usable after a rollback
    assert backend.search("written")[0].id == a.id


def test_reads_from_threads(backend) -> None:
    arts = [_art(f"Article number {i} about drills.") for i in range(5)]
    for x in arts:
        backend.add_article(x)
    counts: list[int] = []
    threads = [threading.Thread(target=lambda: counts.append(backend.count_articles())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counts == [5, 5, 5, 5]


def test_reopen_keeps_schema_and_data(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    for url in (str(tmp_path / "x.db"), *_pg(request)):
        s = open_store(url)
        s.add_article(_art("Kept across opening."))
        version = s.schema_version()
        s.close()
        s = open_store(url)
        assert s.schema_version() == version > 0
        assert s.count_articles() == 1
        s.close()


def _pg(request: pytest.FixtureRequest) -> list[str]:
    try:
        return [request.getfixturevalue("pg_url")]
    except pytest.skip.Exception:
        return []


@pytest.mark.postgres
def test_seeds_search_same_ids_on_both(seeds_dir: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    pg = open_store(request.getfixturevalue("pg_url"))
    lite = open_store(str(tmp_path / "seeds.db"))
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        art = Article(id=article_id(text), source=str(path), text=text, title=text.splitlines()[0][:200])
        pg.add_article(art)
        lite.add_article(art)
    # Everyday news words, not the seeds' own wording: the point is the same ids on both backends.
    queries = ["said", "minister spokesman", '"on Monday"', "government", "100", "officials week",
               "the of and", "nonexistentword"]
    try:
        for q in queries:
            assert sorted(h.id for h in pg.search(q)) == sorted(h.id for h in lite.search(q)), q
        assert any(pg.search(q) for q in queries)
    finally:
        pg.close()
        lite.close()


def test_bad_url_is_a_store_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError):
        open_store("postgresql://nobody@/nodb?host=/nonexistent-socket-dir&port=1&connect_timeout=2")


def test_placeholders_and_literals() -> None:
    assert to_pyformat("SELECT ? , '?', \"a?\" -- ?\n WHERE x LIKE 'a%' AND y = ?") == (
        "SELECT %s , '?', \"a?\" -- ?\n WHERE x LIKE 'a%%' AND y = %s")
    assert to_pyformat("SELECT 'it''s ?', ? /* ? % */") == "SELECT 'it''s ?', %s /* ? %% */"
    assert to_pyformat("SELECT 10 % 3") == "SELECT 10 %% 3"


def test_tokens_fold_like_fts5() -> None:
    assert fold_tokens("Orlanda’s RÉSUMÉ, Velmora-based snake_case 2022") == [
        "orlanda", "s", "resume", "velmora", "based", "snake", "case", "2022"]
    assert ts_query('lavrov "talks failed" don\'t') == (
        "('lavrov') & ('talks' <-> 'failed') & ('don' <-> 't')")
    assert ts_query("' & | ! ( ) <->") == ""


def test_outputs_come_back_typed_and_offsets_are_checked_once_on_write(backend) -> None:
    text = "The harbour board counted 12 boats at anchor."
    a = _art(text)
    good = Figure(value=12, object="boats", text="12 boats", start=26, end=34)
    past_end = Figure(value=3, text="3", start=40, end=90)
    backwards = Entity(type="ORG", canonical="Harbour Board", text="harbour board", start=17, end=4)
    backend.save_result(ArticleResult(article=a, outputs={"figures": [good, past_end],
                                                          "entities": [backwards]},
                                      versions={"figures": "1", "entities": "1"}))
    analysis = backend.get_analysis(a.id)
    assert analysis.figures == [good] and analysis.entities == []
    assert analysis.versions == {"entities": "1", "figures": "1"} and not analysis.ran("quotes")
    assert backend.get_analyses([a.id, "absent"])["absent"].versions == {}


def test_an_output_not_of_its_steps_type_is_refused(backend) -> None:
    a = _art("Nothing much happened in the valley today.")
    bad = ArticleResult(article=a, outputs={"quotes": [{"text": "x", "kind": "shouted"}]},
                        versions={"quotes": "1"})
    with pytest.raises(msgspec.ValidationError):
        backend.save_result(bad)
    assert backend.count_articles() == 0
