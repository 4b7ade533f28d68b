"""Reported (indirect) speech is shown as a paraphrase with its verb and negation, never in
quotation marks, in the CLI text and the Markdown report; direct words keep their marks."""

from __future__ import annotations

from newsprism.analyze.quotes import find_quotes
from newsprism.analyze.sentences import split
from newsprism.records import Entity
from newsprism.stories.view_people import said
from newsprism.stories.view_records import QuoteItem, SpeakerQuotes, StoryView
from newsprism.stories.view_render import render_markdown, render_text

MARKS = "\u201c\u201d\""


def view() -> StoryView:
    return StoryView(story_id="s1", quotes=[SpeakerQuotes(speaker="Pavel Orlov", articles=["a1"], quotes=[
        QuoteItem(text="troops were moving", kind="indirect", cue="did not deny", articles=["a1"]),
        QuoteItem(text="We are ready", kind="direct", cue="said", articles=["a1"]),
    ])])


def test_said_marks_only_the_words_of_the_speaker() -> None:
    assert said("We are ready", "direct", "said") == "\u201cWe are ready\u201d"
    shown = said("any plans to close the port", "indirect", "denies")
    assert shown == "reported: denies any plans to close the port" and not any(m in shown for m in MARKS)


def test_text_and_markdown_keep_the_verb_and_the_negation() -> None:
    for out in (render_text(view()), render_markdown(view())):
        line = next(x for x in out.splitlines() if "troops were moving" in x)
        assert "did not deny" in line and not any(m in line for m in MARKS)
        assert any("\u201cWe are ready\u201d" in x for x in out.splitlines())


def test_negated_cue_is_kept_in_the_quote() -> None:
    text = "Defence Minister Pavel Orlov did not deny that troops were moving toward the border."
    ents = [Entity(text="Pavel Orlov", type="PERSON", canonical="Pavel Orlov", start=17, end=28)]
    quotes = find_quotes(text, split(text), ents)
    assert [(q.speaker, q.cue, q.kind) for q in quotes] == [("Pavel Orlov", "did not deny", "indirect")]


def test_according_to_is_not_printed_as_a_verb() -> None:
    assert said("the strike will go on", "indirect", "according to") == "reported: the strike will go on"
