"""The cheap pre-checks in cleaning (skip a regex when a paragraph cannot match it) change no answer."""

from __future__ import annotations

import pytest

from newsprism.ingest import boiler
from newsprism.ingest.clean import apostrophe_style, clean_text
from newsprism.ingest.markup import strip_markup


@pytest.mark.parametrize("line", [
    "ELENA MARSH CONTRIBUTED TO THIS REPORT.",
    "Tomas Reyes in Lisbon contributed reporting to this story.",
    "Reporting by Ana Lima; Editing by Paul Grey",
    "(Additional reporting by Ken Obi)",
])
def test_credit_lines_in_any_case_are_credits(line: str) -> None:
    assert boiler.credit_kind(line)


@pytest.mark.parametrize("line", [
    "The union contributed money to the strike fund, its treasurer said on Monday.",
    "Workers were reported by the press to have left the site before noon.",
])
def test_body_sentences_are_not_credits(line: str) -> None:
    assert not boiler.credit_kind(line)


def test_caption_tails_in_capitals_are_found() -> None:
    para = strip_markup("Firefighters at the depot on Friday. PHOTO: JANE ROE")
    assert boiler.caption_split(para) == ("Firefighters at the depot on Friday.", "PHOTO: JANE ROE")
    assert boiler.caption_split(strip_markup("Firefighters stayed at the depot until Friday night.")) is None


def test_a_paragraph_without_markup_characters_is_kept_as_it_is() -> None:
    text = "The mayor (a former teacher) said: 'We will see.' Costs rose 4% - or so it seems!"
    para = strip_markup(text)
    assert para.text == text and para.links == [] and not para.heading and para.bold_tail == ""
    assert strip_markup("See [the plan](https://ex.org/p) now").text == "See the plan now"


def test_apostrophe_style_without_curly_apostrophes_is_straight() -> None:
    assert apostrophe_style("the city's port and the mayor's plan") == "'"
    assert apostrophe_style("the city’s port and the mayor’s plan, don't") == "’"


def test_a_trailing_note_needs_its_colon() -> None:
    text = "The port reopened on Monday. Note: this article was indexed to our site by a robot."
    assert boiler.note_cut(text) == len("The port reopened on Monday. ")
    assert boiler.note_cut("The port reopened on Monday. Note that the ferry still waits.") is None
    cleaned = clean_text("The port reopened on Monday after a week of repairs to the main quay wall, officials said.\n\n"
                         "Agency staff contributed to this report.")
    assert "contributed" not in cleaned.text


@pytest.mark.parametrize("text", [
    "The Mayor\u2019s \u201cplan\u201d  was\tapproved\n\n\u00abfinally\u00bb", "  `quoted\u00b4 \u02bcword\u2018  ",
    "\u0130stanbul \u00dfTRASSE \u2028line\u2029 \u00a0nbsp\u3000wide\x1cend", "", " \n\t ",
])
def test_the_identity_fold_is_the_translate_and_regex_one(text: str) -> None:
    import re

    from newsprism.records import QUOTE_FOLD, normalise_for_id

    assert normalise_for_id(text) == re.sub(r"\s+", " ", text.translate(QUOTE_FOLD).lower()).strip()
