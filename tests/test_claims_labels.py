"""What a claim says in words: an agreement shows how each source wrote the value (not "hedged as
exact"); a page's timestamp dates no event; "a two-party system" counts nothing."""

from __future__ import annotations

from newsprism.analyze.figures import find_figures
from newsprism.stories.view import Claim, build_view_from
from test_story_view_helpers import inputs, make


def _claims(*pairs) -> list[Claim]:  # type: ignore[no-untyped-def]
    articles, outputs = inputs(*pairs)
    return build_view_from(articles, outputs).claims


def test_an_agreement_shows_each_wording_of_the_value() -> None:
    a = "Rescuers said about 3,000 residents were evacuated from Lowmarsh after the river rose."
    b = "Officials said 3,000 residents were evacuated from Lowmarsh after the river rose again."
    claims = _claims(make(a, figures=[("about 3,000", 3000, "about", None)]),
                     make(b, figures=[("3,000", 3000, None, None)]))
    agree = [c for c in claims if c.verdict == "agree"]
    assert agree, [c.explanation for c in claims]
    text = agree[0].explanation
    assert "'about 3,000'" in text and "'3,000'" in text
    assert "exact" not in text and "hedged" not in text


def test_a_timestamp_after_a_date_dates_no_event() -> None:
    a = "Votes to be counted in the Lowmarsh election 14 March 2030, 09:30 (GMT) was the banner."
    b = "The Lowmarsh election was held on 14 March 2030 and the votes were counted overnight."
    claims = _claims(make(a, dates=[("14 March 2030", "2030-03-14", None)]),
                     make(b, dates=[("14 March 2030", "2030-03-14", None)]))
    assert not [c for c in claims if c.kind == "date"]
    c = "The Lowmarsh election was held on 14 March 2030, and turnout was low in the rain."
    claims = _claims(make(c, dates=[("14 March 2030", "2030-03-14", None)]),
                     make(b, dates=[("14 March 2030", "2030-03-14", None)]))
    assert [c for c in claims if c.kind == "date"]


def test_compound_adjectives_with_a_number_count_nothing() -> None:
    for text in ("The vote ran on a two-party basis.", "The vote ran on a two - party basis.",
                 "It was a three\u2013way race."):
        assert find_figures(text) == [], text
    assert [f.value for f in find_figures("Two parties ran and 3 people were hurt.")] == [2, 3]


def test_rival_counts_make_one_claim_with_every_value() -> None:
    a = "About 2,400 nurses walked out at Brightwater General on Monday, their union said."
    b = "Some 3,100 nurses walked out at Brightwater General on Monday, at Lanor's biggest hospital."
    c = ("The hospital said on Tuesday that only about 1,700 nurses walked out at Brightwater "
         "General on Monday, far fewer than the 3,100 claimed by the union.")
    claims = _claims(make(a, figures=[("About 2,400", 2400, "about", None)]),
                     make(b, figures=[("Some 3,100", 3100, "some", None)]),
                     make(c, figures=[("about 1,700", 1700, "about", None),
                                      ("3,100", 3100, None, None)]))
    found = [c for c in claims if c.verdict == "contradict"]
    assert len(found) == 1, [c.explanation for c in claims]
    assert {v.value for v in found[0].values} == {"2400", "3100", "1700"}
    three = next(v for v in found[0].values if v.value == "3100")
    assert "Some 3,100" in three.sentence  # the outlet's own figure, not the one it argues with


def test_a_bare_tally_in_a_vote_sentence_counts_votes() -> None:
    a = "The assembly passed the harbour bill on Thursday, 48 to 41, after a long night."
    b = "The assembly passed the harbour bill on Thursday by 48 votes to 39 after a long night."
    claims = _claims(make(a, figures=[("48", 48, None, None), ("41", 41, None, None)]),
                     make(b, figures=[("48", 48, None, None), ("39", 39, None, None)]))
    found = [c for c in claims if c.verdict == "contradict"]
    assert len(found) == 1 and {v.value for v in found[0].values} == {"41", "39"}
    assert any(c.verdict == "agree" and c.values[0].value == "48" for c in claims)
    c = "The ferry left on Thursday, 48 to 41 minutes late by most counts, after a long night."
    claims = _claims(make(c, figures=[("48", 48, None, None), ("41", 41, None, None)]),
                     make(b, figures=[("48", 48, None, None), ("39", 39, None, None)]))
    assert not [c for c in claims if c.verdict == "contradict"]


def test_an_age_fused_into_a_name_or_written_age_n_is_read() -> None:
    a = "Forty-year-old Mirela Vantu Osk is accused of the theft of the mayor's car in Lowmarsh."
    b = "Police in Lowmarsh charged Mirela Vantu Osk, age 41, with the theft of the mayor's car."
    claims = _claims(make(a, entities=[("Forty-year-old Mirela Vantu Osk", "OTHER",
                                        "Forty-year-old Mirela Vantu Osk")]),
                     make(b, entities=[("Mirela Vantu Osk", "PERSON", "Mirela Vantu Osk")]))
    found = [c for c in claims if c.verdict == "contradict"]
    assert len(found) == 1 and {v.value for v in found[0].values} == {"40", "41"}


def test_large_amounts_read_as_papers_print_them() -> None:
    from newsprism.stories.claim_text import number_text

    assert number_text(4.2e9, "crown") == "4.2 billion crowns"
    assert number_text(3.5e9, "usd") == "3.5 billion USD"
    assert number_text(1234567, None) == "1,234,567"
    assert number_text(1, "day") == "1 day" and number_text(12, "day") == "12 days"


def test_an_age_with_spaced_hyphens_is_read() -> None:
    a = "Police said 52 - year - old Jonas Ferrin fell from the pier at Lowmarsh on Sunday night."
    b = "Police said Jonas Ferrin, 53, fell from the pier at Lowmarsh on Sunday night, a witness said."
    claims = _claims(make(a, entities=[("Jonas Ferrin", "PERSON", "Jonas Ferrin")]),
                     make(b, entities=[("Jonas Ferrin", "PERSON", "Jonas Ferrin")]))
    found = [c for c in claims if c.verdict == "contradict"]
    assert len(found) == 1 and {v.value for v in found[0].values} == {"52", "53"}


def test_magnitudes_are_figures_and_a_revision_is_an_update() -> None:
    found = find_figures("A magnitude-4.6 earthquake struck; it was a 3.9-magnitude aftershock.")
    assert [(f.value, f.unit) for f in found] == [(4.6, "magnitude"), (3.9, "magnitude")]
    assert find_figures("a magnitude 6. 1 quake") == []  # a decimal split by a tokeniser
    a = "A 4.9-magnitude earthquake shook the hills above Lowmarsh on Sunday, the survey said."
    b = ("The 4.7-magnitude earthquake shook the hills above Lowmarsh on Sunday, said the survey, "
         "which originally had rated the quake as 4.9 in magnitude.")
    claims = _claims(make(a, figures=[(f.text, f.value, f.qualifier, f.unit) for f in find_figures(a)]),
                     make(b, figures=[(f.text, f.value, f.qualifier, f.unit) for f in find_figures(b)]))
    assert [c.verdict for c in claims if c.values and c.values[0].unit == "magnitude"] == ["update"]


def test_two_agencies_magnitudes_get_no_verdict() -> None:
    a = "A 5.8-magnitude earthquake shook the hills above Lowmarsh on Sunday, the survey said."
    b = "A 5.4-magnitude earthquake shook the hills above Lowmarsh on Sunday, state radio said."
    claims = _claims(make(a, figures=[("5.8", 5.8, None, "magnitude")]),
                     make(b, figures=[("5.4", 5.4, None, "magnitude")]))
    assert not [c for c in claims if c.verdict in ("contradict", "agree", "update")]
    c = "A 5.8-magnitude earthquake shook the hills above Lowmarsh on Sunday, the radio said."
    claims = _claims(make(a, figures=[("5.8", 5.8, None, "magnitude")]),
                     make(b, figures=[("5.4", 5.4, None, "magnitude")]),
                     make(c, figures=[("5.8", 5.8, None, "magnitude")]))
    [agree] = [c for c in claims if c.verdict != "single"]
    assert agree.verdict == "agree" and "also given: magnitude 5.4" in agree.explanation


def test_a_verb_after_the_counted_noun_and_a_hedge_do_not_change_what_is_counted() -> None:
    a = "The storm hit Lowmarsh on Sunday, injuring five people and damaging dozens of homes."
    b = "The storm that hit Lowmarsh on Sunday injured almost two people, the council said."
    c = "The storm that hit Lowmarsh on Sunday injured two people, the council said on Monday."
    claims = _claims(make(a, figures=[("five", 5, None, None)]),
                     make(c, figures=[("two", 2, None, None)]))
    found = [c for c in claims if c.verdict == "contradict"]
    assert len(found) == 1 and {v.value for v in found[0].values} == {"5", "2"}
    from newsprism.stories.view import _facts
    from newsprism.stories.view_facts import ArticleContext

    articles, outputs = inputs(make(b, figures=[("almost two", 2, "nearly", None)]))
    facts = _facts([ArticleContext(articles[0], outputs[articles[0].id])], outputs)
    assert [f.key[1] for f in facts if f.kind == "figure"] == ["injuries"]
