"""The quotes step: direct, partial and indirect speech, speakers, cues and what is not a quote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.analyze.quote_context import quoted_spans
from newsprism.analyze.quotes import QuotesStep, find_quotes
from newsprism.analyze.sentences import split
from newsprism.records import Article, Entity, Quote, article_id


def _ents(text: str, *names: tuple[str, str, str]) -> list[Entity]:
    """Entities for every occurrence of each (surface, canonical, type)."""
    out = []
    for surface, canonical, type_ in names:
        i = text.find(surface)
        while i >= 0:
            out.append(Entity(text=surface, type=type_, canonical=canonical, start=i, end=i + len(surface)))  # type: ignore[arg-type]
            i = text.find(surface, i + 1)
    return sorted(out, key=lambda e: e.start)


def _quotes(text: str, *names: tuple[str, str, str]) -> list[Quote]:
    return find_quotes(text, split(text), _ents(text, *names))


def _by_content(quotes: list[Quote], snippet: str) -> Quote:
    hits = [q for q in quotes if snippet in q.text]
    assert hits, f"no quote containing {snippet!r} in {[q.text for q in quotes]}"
    return hits[0]


MARTA = ("Marta Kovalenko", "Marta Kovalenko", "PERSON")
MARTA_SHORT = ("Kovalenko", "Marta Kovalenko", "PERSON")
PAVEL = ("Pavel Orlov", "Pavel Orlov", "PERSON")


def test_direct_quote_with_pronoun_speaker_after_name() -> None:
    text = ("Deputy Minister Marta Kovalenko spoke in the town. "
            '"We see no assault groups yet," she said.')
    q = _by_content(_quotes(text, MARTA), "We see no assault groups")
    assert (q.kind, q.speaker, q.speaker_text, q.cue) == ("direct", "Marta Kovalenko", "she", "said")
    assert text[q.start:q.end] == q.text
    assert text[q.speaker_start:q.speaker_end] == "she"  # type: ignore[index, misc]


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = ('Marta Kovalenko met Pavel Orlov in Minsk. "The talks were useful," she said.')
    q = _by_content(_quotes(text, MARTA, PAVEL), "talks were useful")
    assert q.speaker == "Marta Kovalenko"


def test_inverted_cue_with_appositive() -> None:
    text = ('\u201cThe border will stay open for now,\u201d said Pavel Orlov, a Belarusian analyst.')
    q = _by_content(_quotes(text, PAVEL), "border will stay open")
    assert (q.kind, q.speaker, q.cue) == ("direct", "Pavel Orlov", "said")


def test_surname_takes_the_full_name_and_colon_cue() -> None:
    text = ('Marta Kovalenko arrived on Monday. Kovalenko added: "We need to see actions."')
    q = _by_content(_quotes(text, MARTA, MARTA_SHORT), "We need to see actions")
    assert (q.kind, q.speaker, q.cue) == ("direct", "Marta Kovalenko", "added")


def test_partial_quote_inside_reported_speech() -> None:
    text = ('Marta Kovalenko said the troops were there mainly "for political pressure" for now.')
    quotes = _quotes(text, MARTA)
    partial = _by_content([q for q in quotes if q.kind == "partial"], "for political pressure")
    assert (partial.kind, partial.speaker) == ("partial", "Marta Kovalenko")
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert indirect and indirect[0].text.startswith("the troops were there")


def test_group_and_organisation_speakers() -> None:
    text = ("US officials in Washington said on Friday the troops were ready. "
            'NATO said the drills were a "needless provocation" for Europe.')
    quotes = _quotes(text, ("NATO", "NATO", "ORG"), ("Washington", "Washington", "PLACE"))
    assert _by_content(quotes, "troops were ready").speaker == "US officials"
    assert _by_content(quotes, "needless provocation").speaker == "NATO"


def test_indirect_that_clause_and_inverted_clause() -> None:
    text = ("Pavel Orlov told reporters in the capital that the threat was real. "
            "Russia is still weighing its answer, Orlov said.")
    quotes = _quotes(text, PAVEL, ("Orlov", "Pavel Orlov", "PERSON"))
    first = _by_content(quotes, "the threat was real")
    assert (first.kind, first.speaker, first.text) == ("indirect", "Pavel Orlov", "the threat was real")
    second = _by_content(quotes, "still weighing")
    assert (second.kind, second.speaker) == ("indirect", "Pavel Orlov")


def test_according_to() -> None:
    text = "The patrols were doubled, according to Kremlin spokesman Pavel Orlov."
    q = _by_content(_quotes(text, PAVEL), "patrols were doubled")
    assert q.speaker == "Pavel Orlov"


def test_continuation_of_a_speakers_quotes() -> None:
    text = ('"We see a gathering of forces," Kovalenko said.\n\n'
            '"We do not see the infrastructure for an escalation." Analysts disagreed.')
    quotes = _quotes(text, MARTA_SHORT)
    assert _by_content(quotes, "infrastructure for an escalation").speaker == "Marta Kovalenko"


def test_scare_quotes_and_names_are_not_quotes() -> None:
    text = ('Varnia and Ostmere are part of one \u201cCustoms Compact\u201d, and the so-called "experts" '
            "disagree about it.")
    assert _quotes(text) == []


def test_mixed_quote_styles_and_doubled_apostrophes() -> None:
    text = "''A museum alone will not end poverty,'' he said. \u201cIt helps,\u201d she said."
    spans = quoted_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["A museum alone will not end poverty,", "It helps,"]


def test_quote_open_at_paragraph_end_runs_to_that_paragraph() -> None:
    text = '"First paragraph of a long statement by the minister\n\n"And a second one," Orlov said.'
    spans = quoted_spans(text)
    assert text[spans[0].start:spans[0].end] == "First paragraph of a long statement by the minister"


def test_noun_uses_of_cue_words_are_not_cues() -> None:
    text = "The report on the state's borders shows little. The statement was long."
    assert _quotes(text) == []


def test_step_contract() -> None:
    text = '"We are ready," Pavel Orlov said.'
    article = Article(id=article_id(text), source="t", text=text)
    (q,) = QuotesStep().run(article, {"sentences": split(text), "entities": _ents(text, PAVEL)})
    assert (q.text, q.kind, q.speaker) == ("We are ready", "direct", "Pavel Orlov")
    assert QuotesStep.requires == ("sentences", "entities")


_PIECES = st.sampled_from([
    '"', "\u201c", "\u201d", "''", " said ", " she said.", " Orlov ", " told reporters ", ", ", ". ",
    "\n\n", " according to ", " the ", " officials ", " that ", "We", " war ", "(D-N.Y.)", " who ",
    "Kremlin spokesman ", "30,000", " troops", " on Monday", "\u00b4s", ":", "-", "\u2014"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_any_text_gives_valid_offsets(pieces: list[str]) -> None:
    text = "".join(pieces)
    ents = _ents(text, PAVEL, ("Orlov", "Pavel Orlov", "PERSON"))
    for q in find_quotes(text, split(text), ents):
        assert 0 <= q.start <= q.end <= len(text) and text[q.start:q.end] == q.text
        if q.speaker_start is not None and q.speaker_end is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text


def test_pathological_inputs_stay_fast() -> None:
    import time

    text = '"' * 4000 + " said he " * 1000
    t0 = time.process_time()
    find_quotes(text, split(text))
    assert time.process_time() - t0 < 5


def test_nickname_in_quotes_is_not_a_quote() -> None:
    text = 'Del. Marcia "Cia" Price stated her case. Then she left.'
    assert [q for q in _quotes(text) if q.text == "Cia"] == []


# ---------------------------------------------------------------- reported speech read from the parse

VENN = ("Dario Venn", "Dario Venn", "PERSON")


def _reported(text: str, parsed: bool, *names: tuple[str, str, str]) -> list[Quote]:
    return [q for q in find_quotes(text, split(text), _ents(text, *names), parsed=parsed) if q.kind == "indirect"]


def test_adverbial_after_the_verb_is_no_reported_speech() -> None:
    text = "Councillor Dario Venn said as the meeting ended in the town hall."
    assert [q.text for q in _reported(text, False, VENN)] == ["as the meeting ended in the town hall"]
    assert _reported(text, True, VENN) == []


def test_adverbials_before_the_reported_clause_are_left_out() -> None:
    text = ("Dario Venn said on Tuesday, in a long letter to the harbour board, that the night ferry "
            "would stop running in May.")
    (q,) = _reported(text, True, VENN)
    assert (q.text, q.speaker, q.cue) == ("the night ferry would stop running in May", "Dario Venn", "said")
    assert text[q.start:q.end] == q.text


def test_a_second_clause_after_but_is_not_the_speakers() -> None:
    from newsprism.analyze import quote_syntax, syntax

    text = "Dario Venn said the night ferry would stop running in May, but the harbour board denied any such plan."
    p = syntax.parse_one(text)
    said = p.token_at(text.index("said"))
    assert said is not None
    start = text.index("the night")
    lo, hi = quote_syntax._content(p, said, "said", start, len(text) - 1)  # type: ignore[misc]
    assert text[lo:hi] == "the night ferry would stop running in May"


def test_a_time_phrase_is_not_taken_for_the_subject_of_what_is_reported() -> None:
    text = "Dario Venn said the night ferry was full. Venn said Tuesday night the crossing was rough."
    quotes = _reported(text, False, VENN)
    assert [q.text for q in quotes] == ["the night ferry was full", "the crossing was rough"]


ILSE = ("Ilse Marek", "Ilse Marek", "PERSON")


def test_an_adverb_between_speaker_and_verb_keeps_the_speaker() -> None:
    text = "Ilse Marek has often cited the ferry subsidy as a waste of money."
    (q,) = _reported(text, True, ILSE)
    assert (q.speaker, q.cue) == ("Ilse Marek", "cited")


def test_a_speech_verb_coordinated_with_another_verb_has_its_subject() -> None:
    text = "Ilse Marek has sharply criticised the ferry subsidy and called for a public inquiry into the board."
    (q,) = _reported(text, True, ILSE)
    assert (q.speaker, q.cue) == ("Ilse Marek", "called")
    assert q.text.endswith("public inquiry into the board")


def test_an_inverted_cue_after_a_place_abbreviation_names_the_speaker_after_it() -> None:
    text = ("The ferry owner died at the county hospital in Tarvik, Nordl., said harbour spokesman Odd Rasmussen.")
    quotes = _reported(text, True, ("Odd Rasmussen", "Odd Rasmussen", "PERSON"))
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Odd Rasmussen", "The ferry owner died at the county hospital in Tarvik, Nordl.")]


def test_the_speaker_stands_before_a_place_and_its_region() -> None:
    text = "A smuggler drowned overnight after a chase, police in Tarvik, Nordland, said on Tuesday."
    (q,) = _reported(text, True, ("Nordland", "Nordland", "PLACE"), ("Tarvik", "Tarvik", "PLACE"))
    assert (q.speaker, q.speaker_text) == ("Police", "police")
    assert q.text == "A smuggler drowned overnight after a chase"


def test_a_pronoun_after_the_verb_is_no_speaker_when_the_subject_stands_before_it() -> None:
    text = ("The Harbour Board met in March. Hundreds of ferry riders said they had waited more "
            "than an hour.")
    board = ("Harbour Board", "Harbour Board", "ORG")
    assert _reported(text, False, board)[0].speaker == "Harbour Board"  # the rules' guess: a wrong speaker
    (q,) = _reported(text, True, board)
    assert (q.speaker, q.speaker_text, q.text) == (
        None, "Hundreds of ferry riders", "they had waited more than an hour")


def test_people_named_by_a_plural_noun_speak_as_a_group() -> None:
    text = "Ola Dahl was fired in May. Some co-workers said she had a history of rows with the crew."
    (q,) = _reported(text, True, DAHL)
    assert (q.speaker, q.speaker_text, q.text) == ("Some co-workers", "Some co-workers",
                                                   "she had a history of rows with the crew")


def test_a_relative_clause_cue_reports_no_further_than_its_comma() -> None:
    text = "Ola Berg spoke after the vote. Berg, who calls the plan a disaster, said the board will not listen."
    quotes = _reported(text, True, ("Ola Berg", "Ola Berg", "PERSON"), ("Berg", "Ola Berg", "PERSON"))
    assert [(q.cue, q.text) for q in quotes] == [("calls", "the plan a disaster"),
                                                 ("said", "the board will not listen")]


def test_an_object_that_is_a_thing_is_no_reported_speech() -> None:
    text = "Ola Berg tweeted a photo of the crowded ferry deck on Sunday."
    berg = ("Ola Berg", "Ola Berg", "PERSON")
    assert [q.cue for q in _reported(text, False, berg)] == ["tweeted"]
    assert _reported(text, True, berg) == []
    text = "Ola Berg tweeted the ferry would not sail on Sunday."
    assert [q.text for q in _reported(text, True, berg)] == ["the ferry would not sail on Sunday"]


def test_what_was_found_belongs_to_who_reports_it() -> None:
    text = ("Harbour police chief Odd Rasmussen spoke on Monday. Officers found a rusted rifle and two boxes "
            "of shells in the boat, Rasmussen said.")
    quotes = _reported(text, True, ("Odd Rasmussen", "Odd Rasmussen", "PERSON"), ("Rasmussen", "Odd Rasmussen", "PERSON"))
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Odd Rasmussen", "Officers found a rusted rifle and two boxes of shells in the boat")]


def test_state_before_a_capitalised_word_is_the_noun() -> None:
    holm = (("Dagny Holm", "Dagny Holm", "PERSON"), ("Holm", "Dagny Holm", "PERSON"), ("Ola Berg", "Ola Berg", "PERSON"),
            ("Fjord Belt", "Fjord Belt", "PLACE"))
    for text in ("The race went to Dagny Holm. Like Holm state Sen. Ola Berg won by a wide margin.",
                 "Voters in the Fjord Belt states Ohio and Iowa backed Holm."):
        assert _quotes(text, *holm) == []


DAHL = ("Ola Dahl", "Ola Dahl", "PERSON")


def test_a_participle_after_a_place_is_the_clause_subjects() -> None:
    text = ("Mayor Ola Dahl criticised the harbour board over the ferry crash in Tarvik, saying the board had "
            "ignored every warning.")
    (q,) = _reported(text, True, DAHL, ("Tarvik", "Tarvik", "PLACE"))
    assert (q.speaker, q.cue, q.text) == ("Ola Dahl", "saying", "the board had ignored every warning")


def test_said_then_adding_are_two_statements_of_one_speaker() -> None:
    for text in ("The storm hit the coast, said Ola Dahl, adding that the ferry would not sail.",
                 "The storm hit the coast, Ola Dahl said, adding that the ferry would not sail.",
                 "Ola Dahl said the storm hit the coast, adding that the ferry would not sail."):
        quotes = _reported(text, True, DAHL)
        assert [(q.speaker, q.cue, q.text.lower()) for q in quotes] == [
            ("Ola Dahl", "said", "the storm hit the coast"), ("Ola Dahl", "adding", "the ferry would not sail")], text


FERRY_CO = ("Tarvik Ferry Company", "Tarvik Ferry Company", "ORG")


def test_according_to_opening_the_sentence_reports_what_follows() -> None:
    text = "According to the Tarvik Ferry Company, the night crossing will stop in May."
    (q,) = _reported(text, True, FERRY_CO)
    assert (q.speaker, q.cue, q.text) == ("Tarvik Ferry Company", "according to", "the night crossing will stop in May")
    text = "But according to Ola Dahl, a harbour pilot who has sailed it for years, the night crossing is safe."
    (q,) = _reported(text, True, DAHL)
    assert (q.speaker, q.text) == ("Ola Dahl", "the night crossing is safe")


def test_according_to_between_two_clauses_reports_the_first() -> None:
    text = ("The top 10 percent of riders paid 60 percent of all fares, according to the Tarvik Ferry Company, "
            "and the rest paid far less.")
    (q,) = _reported(text, True, FERRY_CO)
    assert q.text == "The top 10 percent of riders paid 60 percent of all fares"


def test_a_reported_clause_before_a_titled_speaker() -> None:
    text = ("The other people at the harbour party were able to escape without injury, Const. Ola Dahl said.\n"
            "\u201cThe shock was tremendous,\u201d Dahl said.")
    quotes = _quotes(text, DAHL, ("Dahl", "Ola Dahl", "PERSON"))
    assert [(q.kind, q.speaker, q.text) for q in quotes] == [
        ("indirect", "Ola Dahl", "The other people at the harbour party were able to escape without injury"),
        ("direct", "Ola Dahl", "The shock was tremendous")]


def test_a_clause_after_said_but_is_not_what_was_said() -> None:
    text = "The ferry was sold by its owner last Thursday, Dahl said, but he did not know the price."
    quotes = _reported(text, True, ("Dahl", "Ola Dahl", "PERSON"))
    assert [(q.cue, q.text) for q in quotes] == [("said", "The ferry was sold by its owner last Thursday")]


def test_a_reported_clause_may_hold_a_quoted_phrase() -> None:
    text = 'A deckhand died and two men, believed to be "senior crew," had surgery in Tarvik, Dahl said.'
    quotes = _quotes(text, ("Dahl", "Ola Dahl", "PERSON"))
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", 'A deckhand died and two men, believed to be "senior crew," had surgery in Tarvik'),
        ("partial", "senior crew")]


def test_what_follows_the_speaker_of_a_clause_before_it_is_not_theirs() -> None:
    cases = [
        ("Berg, 55, will spend at least 45 years in prison, according to Ola Dahl, spokesman for the prosecutor.",
         "Berg, 55, will spend at least 45 years in prison"),
        ("A ferry in the Tarvik fjord was shelled Thursday, Ola Dahl said, threatening to raise tensions in the region.",
         "A ferry in the Tarvik fjord was shelled Thursday"),
        ("Berg then shot the three deckhands, according to Ola Dahl -- the women were shot on the upper deck.",
         "Berg then shot the three deckhands"),
    ]
    for text, content in cases:
        quotes = _reported(text, True, DAHL)
        assert [(q.speaker, q.text) for q in quotes] == [("Ola Dahl", content)], text


def test_a_spokesman_for_a_place_after_the_verb() -> None:
    text = "He died in a prison hospital in Tarvik on Monday morning, said a spokesman for the facility."
    (q,) = _reported(text, True, ("Tarvik", "Tarvik", "PLACE"))
    assert (q.speaker_text, q.text) == ("spokesman", "He died in a prison hospital in Tarvik on Monday morning")


def test_state_after_a_place_name_is_the_noun() -> None:
    nordland = ("Nordland", "Nordland", "PLACE")
    for text in ("A camp in Nordland state was shelled Thursday, harbour officials said.",
                 "The Nordland state police said the camp was shelled on Thursday."):
        quotes = _quotes(text, nordland)
        assert [q.cue for q in quotes] == ["said"], text


def test_a_spokesman_after_the_verb_beats_a_place_before_it() -> None:
    text = "He died in a prison hospital in Tarvik, Nordland, on Monday morning, said a spokesman for the facility."
    quotes = _reported(text, True, ("Tarvik", "Tarvik", "PLACE"), ("Nordland", "Nordland", "PLACE"))
    assert [(q.speaker_text, q.text) for q in quotes] == [
        ("spokesman", "He died in a prison hospital in Tarvik, Nordland, on Monday morning")]


def test_a_passive_coordinated_with_a_speech_verb_is_no_speech() -> None:
    text = ("Ola Dahl, who has been arrested and charged with the theft of a ferry at Tarvik yesterday, "
            "has been revealed to be a former deckhand.")
    assert _reported(text, True, DAHL) == []


def test_a_quote_signed_with_a_dash_and_no_break_spaces() -> None:
    text = ("Readers wrote in.\n\n\u201cThe ferry is always late. I miss my first class twice a week.\u201d\u00a0\u2015 "
            "Marta Lund\u00a0\n\u201cHe never answers a question about the harbour. And the fares keep rising.\u201d "
            "\u2015 Per Nygaard\u00a0\n")
    quotes = _quotes(text, ("Marta Lund", "Marta Lund", "PERSON"), ("Per Nygaard", "Per Nygaard", "PERSON"))
    assert [(q.speaker, q.text[:20]) for q in quotes] == [("Marta Lund", "The ferry is always "),
                                                          ("Per Nygaard", "He never answers a q")]


def test_a_description_before_a_name_after_the_verb() -> None:
    text = "Many families disagree.\n\n\u201cThe board's reasons are wrong,\u201d said 9/11 widow Marta Lund."
    (q,) = _quotes(text, ("Marta Lund", "Marta Lund", "PERSON"))
    assert (q.speaker, q.kind) == ("Marta Lund", "direct")
    text = "But don't expect a new Ola Dahl to appear next time."
    assert _quotes(text, DAHL) == []


def test_a_long_apposition_between_a_quote_and_its_verb() -> None:
    text = ("''It is fiscally sound,'' Marta E. Lund, director of the Tarvik Policy Center and a professor at the "
            "Nordland School of Tarvik University, said of the plan.")
    quotes = _quotes(text, ("Marta E. Lund", "Marta E. Lund", "PERSON"),
                     ("Tarvik Policy Center", "Tarvik Policy Center", "ORG"),
                     ("Nordland School of Tarvik University", "Nordland School of Tarvik University", "ORG"))
    assert [(q.speaker, q.kind, q.text) for q in quotes] == [("Marta E. Lund", "direct", "It is fiscally sound")]


def test_an_apposition_ending_with_an_organisation_is_not_the_speaker() -> None:
    text = ("\u201cIt is an intrusion into our domain,\u201d Ola Dahl, the harbour master of Tarvik, one of the towns "
            "suing the Fjord Board, said this month.")
    (q,) = _quotes(text, DAHL, ("Fjord Board", "Fjord Board", "ORG"), ("Tarvik", "Tarvik", "PLACE"))
    assert q.speaker == "Ola Dahl"


def test_a_parenthesis_and_an_apposition_between_speaker_and_verb() -> None:
    text = "Rep. Ola Dahl (D-Nord.), chairman of the Harbour Caucus PAC, said members will help him raise cash."
    (q,) = _reported(text, True, DAHL, ("Harbour Caucus PAC", "Harbour Caucus PAC", "ORG"))
    assert (q.speaker, q.text) == ("Ola Dahl", "members will help him raise cash")


def test_a_speech_verb_of_two_words_reports_its_clause() -> None:
    for text, cue in (("The harbour master then pointed out that one crossing may have more than one delay.", "pointed out"),
                      ("The mayor made clear that the night ferry would stay.", "made clear")):
        quotes = _reported(text, True)
        assert [q.cue for q in quotes] == [cue], text
        assert quotes[0].text.startswith(("one crossing", "the night ferry"))


def test_an_inverted_cue_opening_the_sentence() -> None:
    text = "The fares keep rising. Said Dahl: \u201cI don\u2019t get the sense she cares about the ferry.\u201d"
    (q,) = _quotes(text, ("Dahl", "Ola Dahl", "PERSON"))
    assert (q.kind, q.speaker, q.cue) == ("direct", "Ola Dahl", "said")
    text = "Nobody said: stop. Officials said nothing more."
    assert all(q.cue != "said" or q.speaker is None for q in _quotes(text))


def test_a_participle_after_a_pronoun_subject() -> None:
    text = ("Ola Dahl appeared on the radio on Tuesday.\n\nHe then defended the remark, saying, \u201cI don\u2019t "
            "think this is a ridiculous idea.\u201d")
    (q,) = _quotes(text, DAHL, ("He", "Ola Dahl", "PERSON"))
    assert (q.kind, q.speaker, q.speaker_text) == ("direct", "Ola Dahl", "He")


def test_a_report_of_what_others_said_is_the_reporters_statement_too() -> None:
    text = "Witnesses said the skipper used a flare gun or a rifle, Lieutenant Ola Dahl said."
    quotes = _reported(text, True, DAHL)
    assert sorted((q.speaker, q.text) for q in quotes) == [
        ("Ola Dahl", "Witnesses said the skipper used a flare gun or a rifle"),
        ("Witnesses", "the skipper used a flare gun or a rifle")]


def test_a_quote_after_a_reported_statement_goes_on_with_its_speaker() -> None:
    text = ('"We wished her well," Dahl said.\nDahl said the shooting was going to be hard on everyone.\n'
            '"We\'re like family here."')
    quotes = _quotes(text, ("Dahl", "Ola Dahl", "PERSON"))
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Ola Dahl"), ("indirect", "Ola Dahl"),
                                                     ("direct", "Ola Dahl")]
    text = 'The plant will stay closed, the company said.\n"Nobody knows when it opens again."'
    assert not [q for q in _quotes(text) if q.kind == "direct" and q.speaker]  # the company is no named person


def test_a_participle_apposition_ending_with_a_place_is_skipped() -> None:
    text = "Ola Dahl, speaking to a fishermen's group in Tarvik, said he would order a review of the harbour."
    (q,) = _reported(text, True, DAHL, ("Tarvik", "Tarvik", "PERSON"))  # even when the place is typed wrong
    assert (q.speaker, q.text) == ("Ola Dahl", "he would order a review of the harbour")


def test_a_subordinator_is_no_part_of_a_group_speaker() -> None:
    text = "After campaign aides insisted in June that the mayor would stay, the board met."
    (q,) = _reported(text, True)
    assert (q.speaker, q.speaker_text) == ("Campaign aides", "campaign aides")


def test_a_list_after_said_is_no_apposition() -> None:
    text = ("In Tarvik, harbour master Ola Dahl said officials had held 200 meetings, calls and video "
            "conferences in recent weeks \u201cto keep every ferry sailing.\u201d")
    quotes = _quotes(text, DAHL, ("Tarvik", "Tarvik", "PLACE"))
    assert {q.speaker for q in quotes} == {"Ola Dahl"}


def test_a_passive_speech_verb_speaks_only_through_its_agent() -> None:
    lund = ("Marta Lund", "Marta Lund", "PERSON")
    text = "The crew were warned by Marta Lund that the storm was coming."
    assert [(q.speaker, q.cue, q.text) for q in _reported(text, True, lund)] == [
        ("Marta Lund", "warned", "the storm was coming")]
    for text in ("The ferry festival is observed during the week in which all boats are blessed.",
                 "His death was confirmed by Marta Lund, whose office had followed the case for years.",
                 "Ola Dahl is said to have left the harbour."):
        assert _reported(text, True, lund, DAHL) == [], text
    text = "Ola Dahl is warning riders that the fares will rise."
    assert [q.speaker for q in _reported(text, True, DAHL)] == ["Ola Dahl"]


def test_said_as_much_and_showed_up_report_nothing() -> None:
    for text in ("Ola Dahl said as much in an interview on Thursday.", "Ola Dahl showed up at the harbour meeting."):
        assert _reported(text, True, DAHL) == [], text
