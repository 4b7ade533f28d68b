"""The brief reads like the top of a news story: what happened first, figures, then reactions; no
pronoun openings, no headlines, no paraphrase of a sentence already in it (invented sentences)."""

from __future__ import annotations

from newsprism.stories.view import build_view_from
from test_story_view_helpers import inputs, make

A = ("Floodwater broke through a levee on the Sarn river on Sunday and forced 3,000 people in the "
     "town of Velk from their homes, the regional fire service said. "
     "\"We have never seen the river this high,\" said mayor Ottilie Brask, who toured the town by boat. "
     "He said the pumps had failed overnight and the army had been called in to help the town. "
     "Engineers had warned in a report that the levee on the Sarn river needed urgent repairs. "
     "Rescue boats carried elderly residents from flooded streets to a school on higher ground.")
B = ("A levee on the Sarn river gave way on Sunday, flooding the town of Velk and forcing 3,000 "
     "residents to leave their homes, firefighters said. "
     "Mayor Ottilie Brask said the town would need weeks to recover from the worst flood in memory. "
     "Power was cut across the eastern districts of Velk while crews checked the flooded substation. "
     "FLOOD LATEST: VELK EVACUATED AS SARN LEVEE FAILS AND WATER KEEPS RISING IN THE STREETS TONIGHT. "
     "The regional government promised money to rebuild the levee and repair the damaged homes.")
C = ("Floodwater broke through a levee on the Sarn river on Sunday, forcing about 3,000 people in "
     "Velk to leave, the fire service said. "
     "Farmers downstream of Velk moved their cattle to higher fields as the water spread overnight. "
     "Schools in Velk will stay closed for the rest of the week while the water recedes, officials said.")


def _brief() -> list[str]:
    pairs = [make(A, outlet="One", figures=[("3,000 people", 3000, None, None)]),
             make(B, outlet="Two", figures=[("3,000", 3000, None, None)]),
             make(C, outlet="Three", figures=[("about 3,000 people", 3000, "about", None)])]
    articles, outputs = inputs(*pairs)
    return [b.text for b in build_view_from(articles, outputs).brief]


def test_the_brief_opens_on_what_happened() -> None:
    brief = _brief()
    assert "levee" in brief[0] and "Sunday" in brief[0]


def test_no_pronoun_opening_headline_or_shouted_line() -> None:
    for sentence in _brief():
        assert not sentence.startswith(("He ", "She ", "They ", "It "))
        assert "FLOOD LATEST" not in sentence


def test_the_main_event_is_told_once() -> None:
    told = [s for s in _brief() if "levee" in s and "3,000" in s]
    assert len(told) == 1, told


def test_reactions_come_after_facts() -> None:
    brief = _brief()
    quotes = [i for i, s in enumerate(brief) if s.startswith("\"") or " said " in s and "Brask" in s]
    facts = [i for i, s in enumerate(brief) if "Brask" not in s and not s.startswith("\"")]
    assert quotes and facts and min(quotes) > 0
    assert max(facts[:2]) < max(quotes)


def test_the_tail_of_a_quotation_is_no_brief_sentence() -> None:
    from newsprism.stories.brief import _quote_tail

    assert _quote_tail("If they ask, I will answer every question put to me in court.\u201d")
    assert _quote_tail('If they ask, I will answer every question put to me in court."')
    assert not _quote_tail("\u201cI will answer every question,\u201d the mayor said on Monday.")
    assert not _quote_tail('"I will answer every question," the mayor said on Monday.')
    assert not _quote_tail("The mayor said she would answer every question in court on Monday.")
