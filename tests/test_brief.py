"""The brief: extractive, 5 to 8 sentences, no repeats, every citation contains the sentence."""

from __future__ import annotations

from newsprism.records import CopyRelation, SharedPassage, article_id
from newsprism.stories.brief import triples
from newsprism.stories.view import StoryView, build_view_from
from test_story_view_helpers import inputs, make

ONE = (
    "Heavy rain flooded the river town of Millbrook on Sunday, forcing hundreds of families from "
    "their homes. Emergency crews said 1,200 residents were evacuated to schools on higher ground. "
    "The mayor of Millbrook said the old flood wall failed shortly after midnight. "
    "Forecasters expect the river to crest on Tuesday before the water slowly recedes. "
    "The regional governor promised money to rebuild the damaged bridge within a year. "
    "Volunteers filled sandbags through the night along the eastern bank of the river."
)
TWO = (
    "The river town of Millbrook flooded on Sunday after two days of heavy rain. "
    "About 1,200 residents were evacuated to schools on higher ground, emergency crews said. "
    "Officials said the old flood wall of Millbrook failed shortly after midnight. "
    "The river is expected to crest on Tuesday, according to forecasters at the weather office. "
    "Insurance companies warned that damage to homes and shops could take months to assess. "
    "Farmers upstream reported fields under water and livestock moved to dry pastures."
)
THREE = (
    "Heavy rain flooded the river town of Millbrook on Sunday, forcing hundreds of families from "
    "their homes. Emergency crews said 1,500 residents were evacuated to schools on higher ground. "
    "The mayor of Millbrook said the old flood wall failed shortly after midnight. "
    "Schools across the district will stay closed for the rest of the week, officials said. "
    "Power was cut to several thousand homes while engineers inspected the substation."
)


def _view() -> StoryView:
    a1, o1 = make(ONE, outlet="Daily One",
                  figures=[("1,200 residents", 1200, None, None)])
    a2, o2 = make(TWO, outlet="Two Times",
                  figures=[("About 1,200 residents", 1200, "about", None)])
    a3, o3 = make(THREE, outlet="Third Post",
                  figures=[("1,500 residents", 1500, None, None)])
    copy = CopyRelation(article_id=a3.id, original_id=a1.id, kind="rewrite", similarity=0.7)
    passage = SharedPassage(a_id=a1.id, b_id=a3.id, a_start=0, a_end=ONE.index(" Emergency"),
                            b_start=0, b_end=THREE.index(" Emergency"), similarity=1.0,
                            kind="verbatim")
    articles, outputs = inputs((a1, o1), (a2, o2), (a3, o3))
    return build_view_from(articles, outputs, [copy], [passage], story_id="s1")


def test_brief_is_extractive_and_cited() -> None:
    view = _view()
    texts = {article_id(t): t for t in (ONE, TWO, THREE)}
    assert 5 <= len(view.brief) <= 8
    for b in view.brief:
        source = texts[b.span.article_id]
        assert " ".join(source[b.span.start:b.span.end].split()) == b.text
        assert b.span.article_id in b.citations
        for cited in b.citations:
            mine = triples(b.text)
            assert len(mine & triples(texts[cited])) >= 0.6 * len(mine), (b.text, cited)


def test_brief_has_no_repeats() -> None:
    view = _view()
    seen = [set(b.text.lower().split()) for b in view.brief]
    for i, a in enumerate(seen):
        for b in seen[i + 1:]:
            assert len(a & b) / len(a | b) < 0.6


def test_contested_sentence_carries_both_values() -> None:
    view = _view()
    contested = [b for b in view.brief if b.contested]
    assert contested, [b.text for b in view.brief]
    note = contested[0].note or ""
    assert "1,200" in note and "1,500" in note


def test_shared_sentences_cite_every_carrier() -> None:
    view = _view()
    first = next(b for b in view.brief if b.text.startswith("Heavy rain flooded"))
    assert len(first.citations) == 2
