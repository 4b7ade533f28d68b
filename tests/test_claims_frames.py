"""Claims compare only the same thing at the same time: updates, other members, subsets, odds,
ranges and two events with two dates. Every sentence here is invented for the test."""

from __future__ import annotations

from newsprism.analyze.figures import find_figures
from newsprism.stories.view import Claim, build_view_from
from test_story_view_helpers import inputs, make


def _claims(*pairs) -> list[Claim]:  # type: ignore[no-untyped-def]
    articles, outputs = inputs(*pairs)
    return build_view_from(articles, outputs).claims


def _contradictions(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.verdict == "contradict"]


def test_rising_toll_on_later_days_is_an_update_in_order() -> None:
    d = "Nine people died when the ferry capsized off Talmor island on Friday, the coast guard said."
    e = "The death toll from the ferry that capsized off Talmor island rose to 15, the coast guard said."
    claims = _claims(make(e, figures=[("15", 15, None, None)], published="2030-05-12", outlet="B"),
                     make(d, figures=[("Nine", 9, None, None)], published="2030-05-10", outlet="A"))
    assert not _contradictions(claims)
    update = next(c for c in claims if c.verdict == "update")
    assert [v.value for v in update.values] == ["9", "15"]
    assert "->" in update.explanation and "A" in update.explanation and "B" in update.explanation


def test_a_count_that_fell_is_an_update_not_a_contradiction() -> None:
    d = "At least 30 people were missing after the landslide buried the hamlet of Orvik, police said."
    e = ("Police said 11 people were still missing after the landslide at Orvik, down from the 30 "
         "reported on Monday.")
    claims = _claims(make(d, figures=[("At least 30", 30, "at least", None)], outlet="A"),
                     make(e, figures=[("11", 11, None, None), ("30", 30, None, None)],
                          published="2030-05-11", outlet="B"))
    assert not _contradictions(claims)
    update = next(c for c in claims if c.verdict == "update")
    assert [v.value for v in update.values] == ["30", "11"]


def test_a_lower_toll_said_later_without_a_change_word_contradicts() -> None:
    d = "At least 25 people died when the tower block in Vessen collapsed on Monday, a firefighter said."
    e = "Eight people died when the tower block in Vessen collapsed on Monday, city officials said."
    claims = _claims(make(d, figures=[("At least 25", 25, "at least", None)], outlet="A"),
                     make(e, figures=[("Eight", 8, None, None)], published="2030-05-11", outlet="B"))
    claim = _contradictions(claims)[0]
    assert "below the bound" in claim.explanation
    assert {v.value for v in claim.values} == {"25", "8"}


def test_other_members_are_not_a_rival_count() -> None:
    d = "The coach said three other players from the Harlow club had tested positive after the match."
    e = "Four players from the Harlow club had tested positive after the match, the league said."
    claims = _claims(make(d, figures=[("three", 3, None, None)]),
                     make(e, figures=[("Four", 4, None, None)]))
    assert not _contradictions(claims)


def test_a_subset_is_not_a_rival_count() -> None:
    d = "Rescuers pulled 40 miners from the flooded shaft at Grell, six of them with burns, officials said."
    e = "Six miners pulled from the flooded shaft at Grell were taken to hospital, officials said."
    claims = _claims(make(d, figures=[("40", 40, None, None), ("six", 6, None, None)]),
                     make(e, figures=[("Six", 6, None, None)]))
    assert not _contradictions(claims)


def test_parts_of_a_list_are_not_rival_counts() -> None:
    d = "The patrol detained 14 smugglers near the Dovra pass: nine Orlanders and five Tessans."
    e = "Nine smugglers were detained by the patrol near the Dovra pass on Sunday night."
    claims = _claims(make(d, figures=[("14", 14, None, None), ("nine", 9, None, None),
                                      ("five", 5, None, None)]),
                     make(e, figures=[("Nine", 9, None, None)]))
    assert not [c for c in _contradictions(claims) if {"14", "9"} <= {v.value for v in c.values}]


def test_odds_are_read_as_a_ratio_not_a_count() -> None:
    figs = find_figures("Forecasters give the storm a 2 in 3 chance of reaching the coast.")
    assert [(round(f.value, 3), f.unit, f.text) for f in figs] == [(0.667, "ratio", "2 in 3")]
    figs = find_figures("One out of five voters stayed at home.")
    assert [(f.value, f.unit) for f in figs] == [(0.2, "ratio")]


def test_ranges_are_one_figure_and_a_point_inside_agrees() -> None:
    figs = find_figures("Between 200 and 300 homes lost power in the storm.")
    assert [(f.value, f.qualifier, f.text) for f in figs] == [(200, "between", "Between 200 and 300")]
    d = "Between 200 and 300 homes in Pellam lost power when the storm hit the coast overnight."
    e = "About 250 homes in Pellam lost power when the storm hit the coast overnight, the utility said."
    claims = _claims(make(d, figures=[("Between 200 and 300", 200, "between", None)]),
                     make(e, figures=[("About 250", 250, "about", None)]))
    assert not _contradictions(claims)


def test_two_events_with_two_dates_do_not_contradict() -> None:
    d = "The council of Marden met on Monday to discuss the new harbour budget with the mayor."
    e = "Councillors in Marden will meet on Thursday with the port operator about dredging fees."
    claims = _claims(make(d, dates=[("Monday", "2030-05-06", "Monday")]),
                     make(e, dates=[("Thursday", "2030-05-09", "Thursday")]))
    assert not _contradictions(claims)


def test_one_event_dated_two_days_by_two_outlets_contradicts() -> None:
    d = "The trial of the former treasurer of Kolby opened on Tuesday before Judge Ana Pirell."
    e = "The trial of the former treasurer of Kolby opened on Thursday before Judge Ana Pirell."
    pirell = [("Ana Pirell", "PERSON", "Ana Pirell")]
    claims = _claims(make(d, dates=[("Tuesday", "2030-05-07", "Tuesday")], entities=pirell),
                     make(e, dates=[("Thursday", "2030-05-09", "Thursday")], entities=pirell))
    claim = next(c for c in claims if c.kind == "date")
    assert claim.verdict == "contradict"


def test_a_night_dated_either_side_of_midnight_is_not_a_contradiction() -> None:
    d = "Fire destroyed the old mill in Brenholm on Friday night, firefighter Jo Alder said."
    e = "Fire destroyed the old mill in Brenholm early Saturday, firefighter Jo Alder said."
    alder = [("Jo Alder", "PERSON", "Jo Alder")]
    claims = _claims(make(d, dates=[("Friday", "2030-05-10", "Friday")], entities=alder),
                     make(e, dates=[("early Saturday", "2030-05-11", "Saturday")], entities=alder))
    assert not _contradictions(claims)


def test_two_ages_of_one_named_person_contradict_and_a_bare_surname_is_ignored() -> None:
    d = "Police charged 44-year-old Tomas Brandt with arson after the fire at the Ulm depot."
    e = "Tomas Brandt, 47, was charged with arson on Monday after a fire destroyed the Ulm depot."
    f = "Brandt, 70, a neighbour, said he had seen smoke from his window."
    brandt = [("Tomas Brandt", "PERSON", "Tomas Brandt")]
    claims = _claims(make(d, entities=brandt), make(e, entities=brandt),
                     make(f, entities=[("Brandt", "PERSON", "Brandt")]))
    claim = next(c for c in claims if c.subject == "age of Tomas Brandt")
    assert claim.verdict == "contradict"
    assert {v.value for v in claim.values} == {"44", "47"}


def test_one_quote_printed_with_opposite_wording_is_kept_as_two_versions() -> None:
    q1 = "We will not reopen the Harnet mine before the inspectors have finished their work"
    q2 = "We will reopen the Harnet mine before the inspectors have finished their work"
    d = f'"{q1}," minister Ida Voss told reporters in the capital on Monday.'
    e = f'"{q2}," minister Ida Voss told reporters in the capital on Monday.'
    f = f'"{q1}," minister Ida Voss said on Monday.'
    voss = [("Ida Voss", "PERSON", "Ida Voss")]
    articles, outputs = inputs(make(d, entities=voss, quotes=[(q1, "Ida Voss", "direct")]),
                               make(e, entities=voss, quotes=[(q2, "Ida Voss", "direct")]),
                               make(f, entities=voss, quotes=[(q1, "Ida Voss", "direct")]))
    view = build_view_from(articles, outputs)
    speaker = next(s for s in view.quotes if s.speaker == "Ida Voss")
    assert len(speaker.quotes) == 2  # the two agreeing versions merge; the negated one stays apart
    assert all(q.discrepancy and "negated" in q.discrepancy for q in speaker.quotes)
    assert sorted(len(q.articles) for q in speaker.quotes) == [1, 2]


def test_distances_in_two_units_are_compared_as_one_length() -> None:
    d = "The hiker Lena Moor fell about 600 metres down an icy slope on Mount Tarve, police said."
    e = "The hiker Lena Moor fell 2,000 feet down an icy slope on Mount Tarve, rescuers said."
    f = "The hiker Lena Moor fell 900 metres down an icy slope on Mount Tarve, a guide said."
    moor = [("Lena Moor", "PERSON", "Lena Moor")]
    claims = _claims(make(d, figures=[("about 600 metres", 600, "about", "m")], entities=moor),
                     make(e, figures=[("2,000 feet", 2000, None, "ft")], entities=moor),
                     make(f, figures=[("900 metres", 900, None, "m")], entities=moor))
    contra = _contradictions(claims)[0]
    assert "900 metres" in contra.explanation
    same = next(v for v in contra.values if v.value == "600")
    assert len(same.articles) == 2  # 600 m and 2,000 ft (609.6 m) are one length


def test_falls_of_two_named_people_are_not_compared() -> None:
    d = "Climber Ari Senn fell about 600 metres from the north ridge of Mount Tarve on Saturday."
    e = "Climber Noor Dabi fell about 60 metres from the north ridge of Mount Tarve on Friday."
    claims = _claims(make(d, figures=[("about 600 metres", 600, "about", "m")],
                          entities=[("Ari Senn", "PERSON", "Ari Senn")]),
                     make(e, figures=[("about 60 metres", 60, "about", "m")],
                          entities=[("Noor Dabi", "PERSON", "Noor Dabi")]))
    assert not _contradictions(claims)


def test_a_change_is_not_a_level() -> None:
    d = "The Orbis 5 phone has dropped $100 to $699 ahead of the holiday season, the maker said."
    e = "The Orbis 5 phone now costs $699 ahead of the holiday season, the maker said on Monday."
    claims = _claims(make(d, figures=[("$100", 100, None, "USD"), ("$699", 699, None, "USD")]),
                     make(e, figures=[("$699", 699, None, "USD")]))
    assert not _contradictions(claims)
    assert not [c for c in claims if c.verdict == "update"]


def test_two_amounts_of_money_for_one_thing_contradict() -> None:
    d = "Thieves stole jewels worth $40 million from the Vantor store in Lisle on Monday, police said."
    e = "Thieves stole jewels worth $55 million from the Vantor store in Lisle on Monday, the owner said."
    claims = _claims(make(d, figures=[("$40 million", 4e7, None, "USD")]),
                     make(e, figures=[("$55 million", 5.5e7, None, "USD")]))
    contra = _contradictions(claims)[0]
    assert {v.value for v in contra.values} == {"4e+07", "5.5e+07"}


def test_a_figure_of_the_previous_event_is_background() -> None:
    d = "The quake near Tarn struck at dawn at a depth of 9 kilometres, the survey office said."
    e = ("The last earthquake of that size near Tarn struck in the spring at a depth of 14 "
         "kilometres, the survey office said.")
    claims = _claims(make(d, figures=[("9 kilometres", 9, None, "km")]),
                     make(e, figures=[("14 kilometres", 14, None, "km")]))
    assert not _contradictions(claims)


def test_one_street_spelled_two_ways_is_a_place_contradiction() -> None:
    d = "Police found the two bodies in a second-floor flat on Alder Street in Rovan on Tuesday."
    e = "The two bodies were found by police in a second-floor flat on Alden Street in Rovan on Tuesday."
    f = "Police later arrested the suspect at his cousin's house on Quarry Road in the town of Rovan."
    claims = _claims(make(d), make(e), make(f))
    claim = next(c for c in claims if c.kind == "place")
    assert claim.verdict == "contradict"
    assert {v.value for v in claim.values} == {"Alder Street", "Alden Street"}
    assert not [c for c in claims if c.kind == "place" and "Quarry Road" in {v.value for v in c.values}
                and c.verdict == "contradict"]


def test_a_trimmed_quote_is_the_same_quote() -> None:
    from newsprism.stories.quote_wording import wording_difference

    long = "We are sorry for what happened at the depot and we have no further comment"
    short = "We are sorry for what happened at the depot"
    assert wording_difference(long, short) is None
    assert wording_difference("The ferry left at 6:40pm with 90 people on board",
                              "The ferry left at 18:40 with 90 people on board") is None
    assert wording_difference("The ferry left with 90 people on board last night",
                              "The ferry left with 19 people on board last night") is not None
