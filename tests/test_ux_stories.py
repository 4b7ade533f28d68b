"""Stories and time: no story outgrows twice its window; undated articles join only on strong
evidence; undated stories have no dates and list after dated ones."""

from __future__ import annotations

from datetime import date, timedelta

from newsprism.records import Analysis, Article, article_id
from newsprism.stories.cluster import ClusterConfig, StoryClusterer
from newsprism.stories.features import extract

# Invented reports of one long-running affair, each worded differently (no near copies).
REPORTS = [
    "The Varnholm canal authority closed the northern lock after engineers found cracks in the "
    "gates. Barges on the Varnholm canal queued for hours while the canal authority inspected the lock.",
    "Engineers of the Varnholm canal authority began replacing the cracked lock gates. Barge "
    "operators said the canal authority had warned them the northern lock would stay shut.",
    "Barge traffic on the Varnholm canal resumed partly as the canal authority reopened one "
    "chamber of the northern lock; the cracked gates are still being replaced by engineers.",
    "The Varnholm canal authority said the northern lock gates, cracked last month, were "
    "replaced, and barges moved through the lock without queues for the first time.",
    "Auditors asked the Varnholm canal authority why cracks in the northern lock gates were "
    "missed; barge operators on the canal want compensation for the weeks the lock was shut.",
]


def _features(text: str, published: str | None) -> object:
    article = Article(id=article_id(text), source="t", text=text, published=published)
    return extract(article, Analysis.of(article.id, {}))


def _day(offset: int) -> str:
    return (date(2021, 3, 1) + timedelta(days=offset)).isoformat()


def test_no_story_spans_more_than_twice_its_window() -> None:
    clusterer = StoryClusterer(ClusterConfig(window_days=7))
    dates: dict[str, list[int]] = {}
    for n, text in enumerate(REPORTS):
        got = clusterer.add(_features(text, _day(6 * n)))  # type: ignore[arg-type]
        dates.setdefault(got.story_id, []).append(6 * n)
    spans = {clusterer.live(s): max(d) - min(d) for s, d in dates.items()}
    assert max(spans.values()) <= 14
    assert len(spans) < len(REPORTS)  # the first reports, a week apart, still form one story


def test_undated_article_needs_strong_evidence_to_join_a_dated_story() -> None:
    for needed, joins in ((0.99, False), (0.05, True)):
        clusterer = StoryClusterer(ClusterConfig(join=0.05, undated_join=needed))
        first = clusterer.add(_features(REPORTS[0], _day(0)))  # type: ignore[arg-type]
        undated = clusterer.add(_features(REPORTS[1], None))  # type: ignore[arg-type]
        assert (undated.story_id == first.story_id) is joins
    clusterer = StoryClusterer(ClusterConfig(join=0.05, undated_join=0.99))
    first = clusterer.add(_features(REPORTS[0], _day(0)))  # type: ignore[arg-type]
    dated = clusterer.add(_features(REPORTS[1], _day(1)))  # type: ignore[arg-type]
    assert dated.story_id == first.story_id  # both dated: the ordinary threshold


def test_undated_stories_have_no_dates_and_list_last(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsprism.config import Settings
    from newsprism.engine import Engine
    from newsprism.read import stories as read_stories
    from newsprism.store import open_store

    store = open_store(str(tmp_path / "t.db"))
    engine = Engine.build(Settings(db=str(tmp_path / "t.db")), store)
    lonely = ("Meridale council approved a new bus depot on the old brickworks site, ending a "
              "dispute of several years between residents and the transport company over noise.")
    engine.ingest([Article(id=article_id(lonely), source="u", text=lonely)])
    engine.ingest([Article(id=article_id(REPORTS[0]), source="d", text=REPORTS[0], published="2021-03-01")])
    listed = read_stories.list_stories(store, 10, 0)
    assert [s.first_seen for s in listed] == ["2021-03-01", None]
    assert listed[-1].last_seen is None
    store.close()
