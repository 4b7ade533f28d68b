"""Claims table: grouping figures and dated facts, qualifier-aware verdicts, copies counted once."""

from __future__ import annotations

from newsprism.records import CopyRelation
from newsprism.stories.view import Claim, build_view_from
from test_story_view_helpers import inputs, make


def _claims(*pairs, copies=()) -> list[Claim]:  # type: ignore[no-untyped-def]
    articles, outputs = inputs(*pairs)
    return build_view_from(articles, outputs, list(copies)).claims


def _one(claims: list[Claim], word: str) -> Claim:
    found = [c for c in claims if any(word in k for k in c.key)]
    assert len(found) == 1, [c.key for c in claims]
    return found[0]


A = "The ministry said up to 24,000 troops were moved into Nordland for the manoeuvres next week."
B = "Observers counted some 24,000 soldiers sent to Nordland from bases far to the east."
C = "Nordland now hosts an estimated 24,000 combat troops, the alliance chief said on Friday."


def test_hedged_values_of_one_number_agree() -> None:
    claims = _claims(make(A, figures=[("up to 24,000", 24000, "up to", None)]),
                     make(B, figures=[("some 24,000", 24000, "some", None)]),
                     make(C, figures=[("an estimated 24,000", 24000, "estimated", None)]))
    claim = _one(claims, "troops")
    assert claim.verdict == "agree"
    assert claim.sources == 3
    assert "Nordland" in claim.subject
    assert "24,000" in claim.explanation


def test_bound_and_different_estimate_contradict() -> None:
    d = "Officials fear more than 90,000 troops are massed around Southland in readiness."
    e = "The minister said the neighbour has massed 125,000 service members around Southland."
    claims = _claims(make(d, figures=[("more than 90,000", 90000, "more than", None)]),
                     make(e, figures=[("125,000", 125000, None, None)]))
    claim = _one(claims, "troops")
    assert claim.verdict == "contradict"
    assert "more than 90,000" in claim.explanation and "125,000" in claim.explanation
    assert {v.value for v in claim.values} == {"90000", "125000"}


def test_places_keep_claims_apart() -> None:
    d = "Officials fear 90,000 troops are massed around Southland in readiness for an attack."
    claims = _claims(make(A, figures=[("up to 24,000", 24000, "up to", None)]),
                     make(B, figures=[("some 24,000", 24000, "some", None)]),
                     make(d, figures=[("90,000", 90000, None, None)]))
    assert not [c for c in claims if c.verdict == "contradict"]


def test_placeless_figure_joins_nearest_claim() -> None:
    d = "Officials fear Eastland has more than 90,000 troops massed around Southland."
    e = "The minister said Eastland has massed 125,000 service members near the border."
    east = [("Eastland", "PLACE", "Eastland")]
    claims = _claims(make(A, figures=[("up to 24,000", 24000, "up to", None)]),
                     make(B, figures=[("some 24,000", 24000, "some", None)]),
                     make(d, figures=[("more than 90,000", 90000, "more than", None)], entities=east),
                     make(e, figures=[("125,000", 125000, None, None)], entities=east))
    verdicts = sorted(c.verdict for c in claims)
    assert verdicts == ["agree", "contradict"]


def test_unrelated_counts_of_one_thing_do_not_contradict() -> None:
    d = "About 2,000 people attended the rally in Riverton on a cold evening."
    e = "Organisers said 5,000 people marched past the harbour museum at noon."
    claims = _claims(make(d, figures=[("2,000 people", 2000, "about", None)]),
                     make(e, figures=[("5,000 people", 5000, None, None)]))
    assert not [c for c in claims if c.verdict == "contradict"]


def test_weekday_of_one_statement_contradicts() -> None:
    d = ("Last Monday, alliance chief Jon Berg predicted 24,000 troops with jets and missile "
         "batteries would gather in Nordland.")
    e = ("Last Thursday, alliance chief Jon Berg said the build-up in Nordland would reach "
         "24,000 troops with jets and missile batteries.")
    claims = _claims(
        make(d, dates=[("Last Monday", None, "Monday")], entities=[("Jon Berg", "PERSON", "Jon Berg")]),
        make(e, dates=[("Last Thursday", None, "Thursday")],
             entities=[("Jon Berg", "PERSON", "Jon Berg")]))
    claim = next(c for c in claims if c.kind == "date")
    assert claim.verdict == "contradict"
    assert "Jon Berg" in claim.subject
    assert {v.value for v in claim.values} == {"Monday", "Thursday"}


def test_end_dates_written_differently_agree() -> None:
    d = "The drills will run until May 20, officials said."
    e = "The exercises ended on 20 May with a parade in the capital."
    f = "Both armies said the war games would finish on May 20."
    claims = _claims(make(d, dates=[("May 20", "2030-05-20", None)]),
                     make(e, dates=[("20 May", "2030-05-20", None)]),
                     make(f, dates=[("May 20", "2030-05-20", None)]))
    claim = _one(claims, "drills")
    assert claim.verdict == "agree" and claim.sources == 3
    assert "end" in claim.key


def test_parts_adding_up_are_complementary() -> None:
    d = "The navy sent three vessels to the strait, and three more are to follow next week."
    e = "Six vessels are heading to the strait, a navy spokesman said."
    claims = _claims(make(d, figures=[("three vessels", 3, None, None), ("three more", 3, None, None)]),
                     make(e, figures=[("Six vessels", 6, None, None)]))
    claim = _one(claims, "ships")
    assert claim.verdict == "complementary"
    assert "add up to" in claim.explanation


def test_copies_count_once() -> None:
    d = "Officials fear 90,000 troops are massed around Southland in readiness for an attack."
    e = "Officials fear 90,000 troops are massed around Southland in readiness for any attack."
    a1, o1 = make(d, figures=[("90,000", 90000, None, None)])
    a2, o2 = make(e, figures=[("90,000", 90000, None, None)])
    copy = CopyRelation(article_id=a2.id, original_id=a1.id, kind="near", similarity=0.95)
    claim = _one(_claims((a1, o1), (a2, o2), copies=[copy]), "troops")
    assert claim.verdict == "single" and claim.sources == 1 and len(claim.articles) == 2


def test_a_duration_without_a_named_thing_is_not_a_claim() -> None:
    d = "Officials are watching the next 12 days with concern as the drills go on."
    e = "The ten days of joint drills started this morning near the border."
    f = "The 10-day drill started this morning near the border, the ministry said."
    claims = _claims(make(d, figures=[("12 days", 12, None, "day")]),
                     make(e, figures=[("ten days", 10, None, "day")]),
                     make(f, figures=[("10-day", 10, None, "day")]))
    claim = _one(claims, "drills")
    assert claim.verdict == "agree"
    assert all(v.value == "10" for v in claim.values)


def test_second_number_of_a_pair_is_its_own_claim() -> None:
    d = "Parliament passed the budget on Wednesday by 71 votes to 63 after a long debate."
    e = "Lawmakers approved the budget by 71 votes to 64 on Wednesday night after a long debate."
    claims = _claims(make(d, figures=[("71", 71, None, None), ("63", 63, None, None)]),
                     make(e, figures=[("71", 71, None, None), ("64", 64, None, None)]))
    verdicts = {c.subject: c.verdict for c in claims if c.kind == "figure"}
    assert verdicts == {"votes": "agree", "votes against": "contradict"}


def test_a_count_named_before_its_number_is_found() -> None:
    d = "The number of people killed in the collapse of the bridge rose to 17, officials said."
    e = "Twelve people were confirmed dead on Wednesday after the collapse of the bridge."
    claims = _claims(make(d, figures=[("17", 17, None, None)], published="2030-05-11"),
                     make(e, figures=[("Twelve", 12, None, None)]))
    claim = _one(claims, "deaths")
    assert claim.verdict == "update"
    assert [v.value for v in claim.values] == ["12", "17"]


def test_a_date_range_is_compared_by_the_end_it_speaks_of() -> None:
    d = "The joint drills run from 10 to 20 May near the northern border, the ministry said."
    e = "The drills will end on 20 May, officials in the capital confirmed on Monday."
    f = "Both armies said the exercises would finish on May 20 at the latest."
    claims = _claims(make(d, dates=[("10 to 20 May", "2030-05-10/2030-05-20", None)]),
                     make(e, dates=[("20 May", "2030-05-20", None)]),
                     make(f, dates=[("May 20", "2030-05-20", None)]))
    assert not [c for c in claims if c.verdict == "contradict"]
