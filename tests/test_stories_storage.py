"""Stories in the store: the after-save hook, the storage API, recluster, the CLI commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.engine import Engine
from newsprism.errors import NotFound, StoreError
from newsprism.pipeline import Pipeline
from newsprism.records import Article, ArticleResult, article_id
from newsprism.store import open_store
from newsprism.store.base import SQLStore
from newsprism.stories import after_save_hooks, storage
from newsprism.stories.service import StoryService, service_for
from pg import BACKENDS, open_backend, pg_server, pg_url  # noqa: F401, E402  (fixtures)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh store of each backend: the stories SQL must run on both."""
    with open_backend(request, tmp_path) as s:
        yield s


WIRE = (
    "The harbour authority said on Monday that the container ship Ostrava Star ran aground at dawn "
    "near the northern breakwater. Nobody was hurt and no fuel has leaked, a spokesman said. "
    "Tugs will try to refloat the vessel at high tide on Tuesday evening, weather permitting. "
    "The port expects delays of up to two days for other ships."
)
FOLLOW = (
    "Tugs failed on Tuesday to refloat the Ostrava Star, the container ship aground near the northern "
    "breakwater since Monday. Nobody was hurt and no fuel has leaked, a spokesman said. The harbour "
    "authority will try again at high tide on Wednesday."
)
LIBRARY = (
    "The city library will extend its opening hours from next month, the culture department said. "
    "Readers will be able to borrow books until nine in the evening on weekdays, and the reading "
    "room will open on Sunday mornings for the first time."
)


def _art(text: str, outlet: str, published: str) -> Article:
    return Article(id=article_id(text), source=outlet, text=text, outlet=outlet, published=published,
                   title=text.split(".")[0][:60])


def _save(store: SQLStore, arts: list[Article]) -> None:
    hook = after_save_hooks(None)[0]
    for a in arts:
        result = ArticleResult(article=a)
        assert store.save_result(result)
        hook(store, result)


def _fill(store: SQLStore) -> list[Article]:
    arts = [_art(WIRE, "Harbour News", "2024-05-06"), _art(LIBRARY, "City Post", "2024-05-06"),
            _art(FOLLOW, "Coast Daily", "2024-05-07"),
            _art(WIRE.replace("Monday", "Monday,"), "Wire Copy", "2024-05-07")]
    _save(store, arts)
    return arts


def test_hook_assigns_and_storage_api_reads(store: SQLStore) -> None:
    wire, library, follow, copy = _fill(store)
    sid = storage.story_of(store, wire.id)
    assert sid == "s" + wire.id
    assert storage.story_of(store, follow.id) == sid
    assert storage.story_of(store, library.id) != sid
    listed = storage.list_stories(store)
    assert [s.id for s in listed][0] == sid  # newest last_seen first
    top = listed[0]
    assert top.size == 3 and top.outlets == ["Coast Daily", "Harbour News", "Wire Copy"]
    assert top.first_seen == "2024-05-06" and top.last_seen == "2024-05-07"
    members = storage.story_members(store, sid)
    assert [m.article_id for m in members] == [wire.id, follow.id, copy.id]
    copies = storage.copies_in(store, [m.article_id for m in members])
    found = {(c.article_id, c.original_id, c.kind) for c in copies}
    assert (copy.id, wire.id, "exact") in found
    # FOLLOW is mostly sentences reworded from WIRE: a rewrite by the coverage rule
    assert found <= {(copy.id, wire.id, "exact"), (follow.id, wire.id, "rewrite")}
    passages = storage.passages_in(store, [wire.id, follow.id])
    assert passages and all({p.a_id, p.b_id} == {wire.id, follow.id} for p in passages)
    p = passages[0]
    assert "Nobody was hurt" in wire.text[p.a_start:p.a_end]
    assert "Nobody was hurt" in follow.text[p.b_start:p.b_end]


def test_unknown_ids_raise_not_found(store: SQLStore) -> None:
    with pytest.raises(NotFound):
        storage.story_of(store, "nope")
    with pytest.raises(NotFound):
        storage.story_members(store, "snope")


def test_new_process_rebuilds_and_continues(store: SQLStore, tmp_path: Path) -> None:
    wire, *_ = _fill(store)
    fresh = StoryService(store)  # as a new process would: index rebuilt from story_docs
    more = _art(FOLLOW + " Salvage experts arrived from Rotterdam.", "Port Wire", "2024-05-08")
    assert store.save_result(ArticleResult(article=more))
    decision = fresh.assign(ArticleResult(article=more))
    assert decision.story_id == "s" + wire.id
    assert decision.joined == 5


def test_recluster_gives_the_same_stories(store: SQLStore) -> None:
    _fill(store)
    before = [(s.id, s.size) for s in storage.list_stories(store)]
    passages = storage.passages_in(store, [r[0] for r in store.query("SELECT id FROM articles")])
    n = service_for(store).recluster()
    assert n == 4
    assert [(s.id, s.size) for s in storage.list_stories(store)] == before
    again = storage.passages_in(store, [r[0] for r in store.query("SELECT id FROM articles")])
    assert again == passages


def test_runner_calls_the_hook(store: SQLStore) -> None:
    engine = Engine(Pipeline([]), store, after_save_hooks(None))
    summary = engine.ingest([_art(WIRE, "A", "2024-05-06"), _art(FOLLOW, "B", "2024-05-07")])
    assert summary.new == 2 and summary.ok
    assert storage.count_stories(store) == 1


def test_cli_stories_story_recluster(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    s = open_store(db)
    try:
        wire, *_ = _fill(s)
    finally:
        s.close()
    runner = CliRunner()
    res = runner.invoke(main, ["--db", db, "stories", "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert {"id", "title", "size", "outlets", "first_seen", "last_seen"} <= set(rows[0])
    res = runner.invoke(main, ["--db", db, "story", "s" + wire.id, "--json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)  # the story view (cli/story_view.py) replaces this command
    assert len(doc["members"]) == 3 and doc["copies"] and doc["passages"]
    res = runner.invoke(main, ["--db", db, "story", "sunknown"])
    assert res.exit_code != 0 and "E301" in res.output
    res = runner.invoke(main, ["--db", db, "recluster", "--json"])
    assert res.exit_code == 0 and json.loads(res.output) == {"articles": 4, "stories": 2}


def test_story_dates_are_publication_dates(store: SQLStore) -> None:
    dated = _art(WIRE, "Harbour News", "2024-05-06")
    undated = Article(id=article_id(FOLLOW), source="x", text=FOLLOW, title="Tugs fail")
    _save(store, [dated, undated])
    summary = storage.get_story(store, storage.story_of(store, undated.id))
    assert summary.first_seen == summary.last_seen == "2024-05-06"


def test_old_clusterer_states_are_pruned(store: SQLStore) -> None:
    from newsprism.stories.cluster import ClusterConfig

    service = StoryService(store, ClusterConfig(capacity=3))
    texts = [f"Report number {i} about the harbour strike and the ferry queues at the quay, day {i}."
             for i in range(1, 502)]
    for i, text in enumerate(texts):
        a = _art(text, "Outlet", f"2024-05-{1 + i % 28:02d}")
        r = ArticleResult(article=a)
        store.save_result(r)
        service.assign(r)
    kept = int(store.query("SELECT COUNT(*) FROM story_docs")[0][0])
    assert kept < 10  # pruned at arrival 500 down to the window of 3 (+ the one after)


def test_a_failing_assignment_names_the_article_and_leaves_nothing(store: SQLStore) -> None:
    from newsprism.errors import StoreError

    hook = after_save_hooks(None)[0]
    art = _art(WIRE, "A", "2024-05-06")
    result = ArticleResult(article=art)
    store.save_result(result)
    store.close()  # the store is gone under the hook
    with pytest.raises(StoreError, match=art.id):
        hook(store, result)


def test_a_rewrite_published_earlier_is_the_original(store: SQLStore) -> None:
    late = _art(WIRE, "Harbour News", "2024-05-08")
    early = _art(FOLLOW, "Coast Daily", "2024-05-07")
    _save(store, [late, early])
    copies = storage.copies_in(store, [late.id, early.id])
    rewrites = [(c.article_id, c.original_id) for c in copies if c.kind == "rewrite"]
    # FOLLOW, published first, covers over half of WIRE: WIRE (stored first) is the rewrite
    assert rewrites == [(late.id, early.id)]


def test_story_title_is_the_first_real_title(store: SQLStore) -> None:
    untitled = Article(id=article_id(WIRE), source="x", text=WIRE, published="2024-05-06")
    titled = _art(FOLLOW, "Coast Daily", "2024-05-07")
    _save(store, [untitled])
    sid = storage.story_of(store, untitled.id)
    assert storage.get_story(store, sid).title == WIRE.split("\n")[0][:90].rsplit(" ", 1)[0] + "…"
    _save(store, [titled])
    assert storage.get_story(store, sid).title == titled.title


def test_cli_ingest_of_the_seeds_makes_one_story_with_passages(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "seeds.db")
    runner = CliRunner()
    res = runner.invoke(main, ["--db", db, "ingest", str(seeds_dir), "--json"])
    assert res.exit_code in (0, 1), res.output  # 1 only when an analysis step failed somewhere
    rows = [json.loads(line) for line in
            runner.invoke(main, ["--db", db, "stories", "--json"]).output.splitlines()]
    assert len(rows) == 1 and rows[0]["size"] == 5
    s = open_store(db)
    try:
        names = {r[0]: Path(r[1]).name[:3] for r in s.query("SELECT id, source FROM articles")}
        ids = list(names)
        pairs = {tuple(sorted((names[p.a_id], names[p.b_id]))) for p in storage.passages_in(s, ids)}
    finally:
        s.close()
    assert ("000", "001") in pairs and ("003", "004") in pairs


def test_a_second_writer_in_between_is_retried_not_lost(store: SQLStore) -> None:
    _fill(store)
    first, second = StoryService(store), StoryService(store)
    stale = first.clusterer()  # read before the other writer's article lands
    x = _art(FOLLOW + " Divers searched the hull until dusk.", "Port Wire", "2024-05-08")
    y = _art(LIBRARY + " Volunteers sorted the donated books.", "Town Crier", "2024-05-08")
    for a in (x, y):
        assert store.save_result(ArticleResult(article=a))
    assert second.assign(ArticleResult(article=y)).joined == 5
    real = first.clusterer
    calls = iter([stale, stale.__class__.from_snapshot(stale.snapshot())])
    first.clusterer = lambda: next(calls, None) or real()  # type: ignore[method-assign]
    with pytest.raises(StoreError):  # the stale index collides with the other writer's article
        first.assign(ArticleResult(article=x), attempts=1)
    decision = first.assign(ArticleResult(article=x))  # stale again, then rebuilt on retry
    assert decision.joined == 6
    assert storage.story_of(store, x.id) and storage.story_of(store, y.id)
