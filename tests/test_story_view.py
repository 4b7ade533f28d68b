"""The story view: people merged, quotes by speaker, timeline, coverage, and the seeds' gold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsprism.records import Article, CopyRelation, SharedPassage, to_builtins
from newsprism.stories.brief import triples
from newsprism.stories.view import StoryView, build_view, build_view_from
from test_story_view_helpers import inputs, make


def test_people_merge_spellings_and_surnames() -> None:
    a = "President Bohdan Marchenkiy met Arkadi Voronin. Marchenkiy said little afterwards."
    b = "Bohdan Marchenky spoke to Arkady Voronin by phone, and Voronin later called it useful."
    articles, outputs = inputs(
        make(a, entities=[("Bohdan Marchenkiy", "PERSON", "Bohdan Marchenkiy"),
                          ("Arkadi Voronin", "PERSON", "Arkadi Voronin"),
                          ("Marchenkiy", "PERSON", "Marchenkiy")]),
        make(b, entities=[("Bohdan Marchenky", "PERSON", "Bohdan Marchenky"),
                          ("Arkady Voronin", "PERSON", "Arkady Voronin"),
                          ("Voronin", "PERSON", "Voronin")]))
    people = {p.name: p for p in build_view_from(articles, outputs).people}
    assert len(people) == 2, list(people)
    mar = next(p for p in people.values() if "Bohdan" in p.name)
    vor = next(p for p in people.values() if "Voronin" in p.name)
    assert len(mar.articles) == 2 and len(vor.articles) == 2
    assert "Voronin" in vor.aliases and {"Arkadi Voronin", "Arkady Voronin"} >= {vor.name}
    assert all(s.article_id in vor.articles for s in vor.spans)


def test_same_quote_from_two_outlets_is_shown_once() -> None:
    q = "We will not accept any deal that leaves the harbour closed to fishing boats"
    a = f'"{q}," Mayor Ana Ruiz said on Monday, adding that talks would go on.'
    b = f'Mayor Ana Ruiz told reporters: "{q}." The council meets again next month.'
    c = 'Ruiz also said the port "is the heart of this town" and must stay open all winter.'
    articles, outputs = inputs(
        make(a, entities=[("Ana Ruiz", "PERSON", "Ana Ruiz")], quotes=[(q, "Ana Ruiz", "direct")]),
        make(b, entities=[("Ana Ruiz", "PERSON", "Ana Ruiz")], quotes=[(q, "Ana Ruiz", "direct")]),
        make(c, entities=[("Ruiz", "PERSON", "Ruiz")],
             quotes=[("is the heart of this town", "Ruiz", "partial")]))
    view = build_view_from(articles, outputs)
    assert [s.speaker for s in view.quotes] == ["Ana Ruiz"]
    quotes = view.quotes[0].quotes
    assert len(quotes) == 2
    assert quotes[0].text == q and len(quotes[0].articles) == 2 and quotes[0].sources == 2


def test_timeline_is_ordered_and_merged_across_sources() -> None:
    a = "The bridge was opened in 2019 by the regional government. It closed on 3 March 2030."
    b = "Engineers closed the bridge on 3 March 2030 after cracks appeared in the deck."
    c = "The bridge, opened in 2019, will be inspected again on 12 March 2030."
    articles, outputs = inputs(
        make(a, dates=[("2019", "2019", None), ("3 March 2030", "2030-03-03", None)]),
        make(b, dates=[("3 March 2030", "2030-03-03", None)]),
        make(c, dates=[("2019", "2019", None), ("12 March 2030", "2030-03-12", None)]))
    timeline = build_view_from(articles, outputs).timeline
    dates = [t.date for t in timeline]
    assert dates == sorted(dates)
    closed = [t for t in timeline if t.date == "2030-03-03"]
    assert len(closed) == 1 and closed[0].sources == 2
    assert timeline[0].precision == "year"


def test_coverage_names_outlets_first_reports_and_copies() -> None:
    a1, o1 = make("A ferry ran aground near the island of Kell early on Friday morning.",
                  outlet="Coast News", published="2030-06-01")
    a2, o2 = make("A ferry ran aground near the island of Kell early on Friday, officials said.",
                  outlet="Wire Daily", published="2030-06-02")
    a3, o3 = make("Passengers were taken off the ferry by lifeboats before noon on Friday.",
                  outlet="Coast News", published="2030-06-03")
    copy = CopyRelation(article_id=a2.id, original_id=a1.id, kind="near", similarity=0.9)
    articles, outputs = inputs((a3, o3), (a2, o2), (a1, o1))
    view = build_view_from(articles, outputs, [copy])
    cov = view.coverage
    assert [o.outlet for o in cov.outlets] == ["Coast News", "Wire Daily"]
    assert cov.outlets[0].first_article == a1.id and cov.outlets[1].copies == 1
    assert cov.first_published == "2030-06-01" and cov.originals == [a1.id, a3.id]
    assert [m.id for m in view.members] == [a1.id, a2.id, a3.id]
    assert next(m for m in view.members if m.id == a2.id).copy_of == a1.id


def test_empty_outputs_still_build() -> None:
    articles = [Article(id="x1", source="t", text="Nothing to see here at all today."),
                Article(id="x2", source="t", text="")]
    view = build_view_from(articles, {})
    assert view.size == 2 and view.claims == [] and view.people == []


# ---------------------------------------------------------------- real articles, through the store


def _stored_view(paths: list[Path], tmp_path: Path) -> tuple[StoryView, dict[str, str], Any]:
    from newsprism.ingest.text import article_from_text

    articles = [article_from_text(p.read_text(encoding="utf-8"), source=str(p)) for p in paths]
    return _stored_view_of(articles, tmp_path)


def _stored_view_of(articles: list[Article], tmp_path: Path) -> tuple[StoryView, dict[str, str], Any]:
    """Analyse and store articles, cluster them, and view the largest story."""
    from newsprism.analyze import default_steps
    from newsprism.config import Settings
    from newsprism.engine import Engine
    from newsprism.pipeline import Pipeline
    from newsprism.store import open_store
    from newsprism.stories.service import after_save_hooks
    from newsprism.stories.storage import list_stories

    store = open_store(str(tmp_path / "view.db"))
    Engine(Pipeline(default_steps()), store, after_save_hooks(Settings())).ingest(articles)
    story = max(list_stories(store, limit=1000), key=lambda s: s.size)
    view = build_view(store, story.id)
    return view, {a.id: Path(a.source).name for a in articles}, store


def _check_citations(view: StoryView, store: Any) -> None:
    """Every citation's article holds the sentence (most of its word triples) or a shared
    passage over it."""
    for b in view.brief:
        mine = triples(b.text)
        for aid in b.citations:
            text = store.get_article(aid).text
            held = len(mine & triples(text)) >= 0.6 * len(mine)
            assert held or _passage(view.passages, b.span.article_id, aid, b.span.start, b.span.end), (
                b.text, aid)


def _passage(passages: list[SharedPassage], aid: str, other: str, start: int, end: int) -> bool:
    return any(
        {p.a_id, p.b_id} == {aid, other}
        and min(e, end) - max(s, start) > 0
        for p in passages
        for s, e in ([(p.a_start, p.a_end)] if p.a_id == aid else [(p.b_start, p.b_end)])
    )


@pytest.mark.shared
def test_seeds_gold_agreements_and_contradictions(seeds_dir: Path, gold: dict, tmp_path: Path) -> None:
    view, names, store = _stored_view(sorted(seeds_dir.glob("*.txt")), tmp_path)
    try:
        contradictions = [c for c in view.claims if c.verdict == "contradict"]
        values = [{v.value for v in c.values} for c in contradictions]
        assert any({"100000", "140000"} <= v for v in values), values
        assert any({"Monday", "Thursday"} <= v for v in values), values
        for agreement in gold["story"]["agreements"]:
            value = agreement["value"]
            value = value if isinstance(value, str) else f"{float(value):g}"
            for c in contradictions:
                assert value not in {v.value for v in c.values}, (agreement["claim"], c.explanation)
        agreed = {v.value for c in view.claims if c.verdict == "agree" for v in c.values}
        assert {"30000", "2022-02-20", "10", "70"} <= agreed
        assert 5 <= len(view.brief) <= 8
        assert any(b.contested and b.note for b in view.brief)
        _check_citations(view, store)
        assert to_builtins(view)["claims"]  # encodes as the JSON contract
    finally:
        store.close()


def test_sample_corpus_citations_hold(tmp_path: Path) -> None:
    from newsprism.config import Settings
    from newsprism.ingest import read_inputs
    from newsprism.stories.storage import list_stories

    demo = Path(__file__).resolve().parent.parent / "src" / "newsprism" / "data" / "demo"
    if not demo.exists():
        pytest.skip(f"no sample corpus in {demo}")
    articles = [a for a in read_inputs([str(demo)], Settings()) if isinstance(a, Article)]
    _, _, store = _stored_view_of(articles, tmp_path)
    try:
        stories = [s for s in list_stories(store, limit=1000) if s.size >= 2]
        assert stories
        for story in stories:
            view = build_view(store, story.id)
            assert view.brief
            _check_citations(view, store)
    finally:
        store.close()


def test_offsets_that_do_not_fit_are_dropped_when_stored_and_the_view_builds(tmp_path: Path) -> None:
    from newsprism.records import ArticleResult, DateMention, Entity, Figure
    from newsprism.store import open_store

    text = "Officials said 40 people were hurt when the roof of the market hall fell in on Friday."
    article, good = make(text, figures=[("40 people", 40, None, None)])
    other, _ = make("A second report about the hall, with nothing else to add at all here.")
    bad = {"figures": [Figure(value=1.0, text="1", start=50, end=9999),
                       Figure(value=float("nan"), text="x", start=0, end=3)],
           "dates": [DateMention(text="Friday", start=-4, end=2)],
           "entities": [Entity(text="X", type="PERSON", canonical="X", start=9, end=3)]}
    store = open_store(str(tmp_path / "v.db"))
    try:
        store.save_result(ArticleResult(article=article, outputs=good.outputs(), versions=good.versions))
        store.save_result(ArticleResult(article=other, outputs=bad,
                                        versions=dict.fromkeys(bad, "1")))
        analyses = store.get_analyses([article.id, other.id])
    finally:
        store.close()
    assert analyses[other.id].figures == [] and analyses[other.id].entities == []
    assert analyses[article.id].figures == good.figures
    view = build_view_from([article, other], analyses)
    assert view.size == 2 and view.people == [] and view.quotes == []
