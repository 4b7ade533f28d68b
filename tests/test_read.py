"""The read layer: one set of records for the CLI, the API and the pages; stored story views."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsprism.errors import NotFound
from newsprism.read import articles as read_articles
from newsprism.read import entities as read_entities
from newsprism.read import events as read_events
from newsprism.read import stories as read_stories
from newsprism.records import (
    Actor,
    Article,
    ArticleResult,
    Entity,
    Event,
    Place,
    Quote,
    article_id,
    to_builtins,
)
from newsprism.store import Filters, open_store
from newsprism.store.base import SQLStore
from newsprism.stories.storage import Membership, save_assignment
from pg import BACKENDS, open_backend, pg_server, pg_url  # noqa: F401  (fixtures)

FERRY = ("The ferry operator said on Monday that crossings to the island would resume. "
         "Harbour master Lena Brandt said: \"The swell is down, we can sail again.\"")
BRIDGE = ("Repairs on the old bridge ended a week early, the council said. "
          "Lena Brandtova, who leads the works, said the deck would open to cyclists first.")


def _art(text: str, **meta: Any) -> Article:
    return Article(id=article_id(text), source="test", text=text, **meta)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _quote(text: str, part: str, speaker: str) -> Quote:
    s, e = _span(text, part)
    return Quote(text=part, kind="direct", speaker=speaker, cue="said", start=s, end=e)


def _event(text: str, part: str, plover: str, cameo: str) -> Event:
    s, e = _span(text, part)
    return Event(source=Actor(text="operator", code="GBR"), cameo=cameo, plover=plover,
                 goldstein=1.0, quad_class=1, text=part, start=s, end=e)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLStore]:
    """A fresh store of each backend (the read layer's SQL must hold on both)."""
    with open_backend(request, tmp_path) as s:
        yield s


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SQLStore]:
    s = open_store(str(tmp_path / "read.db"))
    yield s
    s.close()


def _save(store: SQLStore, article: Article, versions: dict[str, str], **outputs: Any) -> None:
    store.save_result(ArticleResult(article=article, outputs=outputs, versions=versions))


def test_versions_compare_as_numbers_not_text(store: SQLStore) -> None:
    """A step at version 10 is newer than version 9 (as text, "9" sorts after "10")."""
    ferry = _art(FERRY, published="2031-03-03")
    s, e = _span(FERRY, "Lena Brandt")
    _save(store, ferry, {"events": "9", "entities": "9"},
          events=[_event(FERRY, "crossings to the island would resume", "AID", "070")],
          entities=[Entity(text="Lena Brandt", type="PERSON", canonical="Lena Brandt", role="pilot",
                           start=s, end=e)])
    _save(store, ferry, {"events": "10", "entities": "10"},
          events=[_event(FERRY, "crossings to the island would resume", "CONSULT", "040")],
          entities=[Entity(text="Lena Brandt", type="PERSON", canonical="Lena Brandt",
                           role="harbour master", start=s, end=e)])
    assert [ev.plover for ev in read_events.list_events(store, Filters(), 10, 0)] == ["CONSULT"]
    assert read_entities.entity(store, "Lena Brandt").roles == ["harbour master"]
    assert store.get_analysis(ferry.id).versions["events"] == "10"


DOCK = ("Dock workers cheered as the first boat left. \"We have waited three weeks,\" "
        "Lena Brandt told the crowd.")


def test_speakers_are_found_through_the_index_exactly(store: SQLStore) -> None:
    """A speaker's quotes come from every article whose quotes name exactly that speaker, also
    where the entities step did not name them (the LIKE scan looked only among the articles that
    mention the name as an entity once there was one), and never from a longer name."""
    ferry, bridge, dock = _art(FERRY), _art(BRIDGE), _art(DOCK)
    s, e = _span(FERRY, "Lena Brandt")
    _save(store, ferry, {"quotes": "1", "entities": "1"},
          quotes=[_quote(FERRY, "The swell is down, we can sail again.", "Lena Brandt")],
          entities=[Entity(text="Lena Brandt", type="PERSON", canonical="Lena Brandt", start=s, end=e)])
    _save(store, bridge, {"quotes": "1"},
          quotes=[_quote(BRIDGE, "the deck would open to cyclists first", "Lena Brandtova")])
    _save(store, dock, {"quotes": "1"},
          quotes=[_quote(DOCK, "We have waited three weeks,", "Lena Brandt")])
    profile = read_entities.entity(store, "Lena Brandt")
    assert set(profile.article_ids) == {ferry.id, dock.id} and profile.quote_count == 2
    assert {q.article_id for q in profile.quotes} == {ferry.id, dock.id}
    assert read_entities.entity(store, "lena brandtova").article_ids == [bridge.id]
    with pytest.raises(NotFound):
        read_entities.entity(store, "Lena")


def _story(store: SQLStore) -> tuple[Article, Article]:
    ferry, bridge = _art(FERRY, outlet="Isle Post"), _art(BRIDGE, outlet="Town Wire")
    s, e = _span(FERRY, "island")
    _save(store, ferry, {"quotes": "1", "places": "1"},
          quotes=[_quote(FERRY, "The swell is down, we can sail again.", "Lena Brandt")],
          places=[Place(text="island", name="Isle of Tern", lat=55.1, lon=-6.2, start=s, end=e)])
    _save(store, bridge, {})
    for joined, art in enumerate((ferry, bridge), start=1):
        save_assignment(store, Membership(article_id=art.id, story_id="st-1", joined=joined,
                                          score=1.0, title="Crossings resume", seen=None), [], [])
    return ferry, bridge


class _Counting:
    """Counts the read queries a store runs."""

    def __init__(self, store: SQLStore) -> None:
        self.store, self.count = store, 0
        self._query = store.query

    def __enter__(self) -> _Counting:
        def counted(sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
            self.count += 1
            return self._query(sql, params)

        self.store.query = counted  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        del self.store.query


def test_a_story_view_is_stored_and_read_back_in_three_queries(store: SQLStore) -> None:
    ferry, _ = _story(store)
    first = read_stories.story_view(store, "st-1")
    assert first.places and first.places[0].name == "Isle of Tern" and first.places[0].articles == [ferry.id]
    with _Counting(store) as reads:
        again = read_stories.story_view(store, "st-1")
    assert reads.count == 3, "story, signature inputs, stored view"
    assert to_builtins(again) == to_builtins(first)


def test_a_stored_view_is_rebuilt_when_a_member_result_changes(store: SQLStore) -> None:
    ferry, _ = _story(store)
    key = read_stories.view_key(store, "st-1")
    assert read_stories.story_view(store, "st-1").quotes[0].speaker == "Lena Brandt"
    _save(store, ferry, {"quotes": "2"},
          quotes=[_quote(FERRY, "The swell is down, we can sail again.", "Harbour Office")])
    assert read_stories.view_key(store, "st-1") != key
    assert read_stories.story_view(store, "st-1").quotes[0].speaker == "Harbour Office"


def test_cli_api_and_read_layer_give_one_article_shape(sqlite_store: SQLStore, tmp_path: Path) -> None:
    import httpx

    from newsprism.cli import main
    from test_api_support import running_server

    store = sqlite_store
    ferry, _ = _story(store)
    expected = json.loads(json.dumps(to_builtins(read_articles.article_detail(store, ferry.id))))
    db = str(tmp_path / "read.db")
    shown = CliRunner().invoke(main, ["--db", db, "show", ferry.id, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output) == expected
    with running_server(db) as base:
        assert httpx.get(f"{base}/api/articles/{ferry.id}", timeout=30).json() == expected
    assert expected["story_id"] == "st-1" and expected["analysis"]["quotes"][0]["speaker"] == "Lena Brandt"


def test_a_story_page_is_stored_and_a_new_process_reads_it_in_three_queries(store: SQLStore) -> None:
    from newsprism.web.cache import ViewCache
    from newsprism.web.pages import story_page

    _story(store)
    first = story_page(store, ViewCache(), "st-1")
    assert "Isle of Tern" in first and "Crossings resume" in first
    with _Counting(store) as reads:
        again = story_page(store, ViewCache(), "st-1")  # a new process: nothing cached in memory
    assert again == first and reads.count == 3, "story, signature inputs, stored page"


def test_story_briefs_come_from_stored_views_else_the_first_lead(store: SQLStore) -> None:
    _story(store)
    with _Counting(store) as reads:
        before = read_stories.briefs(store, ["st-1", "no-such-story"])
    assert before == {"st-1": FERRY.split(". ")[0] + ".", "no-such-story": ""} and reads.count == 2
    view = read_stories.story_view(store, "st-1")
    assert read_stories.briefs(store, ["st-1"]) == {"st-1": view.brief[0].text if view.brief else before["st-1"]}
