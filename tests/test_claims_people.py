"""Claims framed by a person: different people named in one office, one name spelt two ways, two
home towns of one person; and the cases that must stay silent (two offices of two bodies, one
article naming both people, two different people)."""

from __future__ import annotations

from newsprism.stories.view import Claim, build_view_from
from test_story_view_helpers import inputs, make


def _claims(*pairs) -> list[Claim]:  # type: ignore[no-untyped-def]
    articles, outputs = inputs(*pairs)
    return build_view_from(articles, outputs).claims


def _contradictions(claims: list[Claim], kind: str) -> list[Claim]:
    return [c for c in claims if c.verdict == "contradict" and c.kind == kind]


GM_A = ("\u201cWe know about the matter involving our striker,\u201d Harbor FC general manager "
        "Petra Lindqvist said in a statement on Monday.")
GM_B = ("\u201cWe know about the matter involving our striker,\u201d club general manager Petra "
        "Halvorsen said in a statement. Harbor FC will not suspend him.")


def test_two_people_named_in_one_office_contradict() -> None:
    claims = _claims(make(GM_A, entities=[("Petra Lindqvist", "PERSON", "Petra Lindqvist"),
                                          ("Harbor FC", "ORG", "Harbor FC")]),
                     make(GM_B, entities=[("Petra Halvorsen", "PERSON", "Petra Halvorsen"),
                                          ("Harbor FC", "ORG", "Harbor FC")]))
    found = _contradictions(claims, "name")
    assert len(found) == 1
    assert {v.value for v in found[0].values} == {"Petra Lindqvist", "Petra Halvorsen"}
    assert "general manager" in found[0].explanation


def test_offices_of_two_bodies_or_unnamed_bodies_are_not_compared() -> None:
    a = "Dockside United coach Marek Olsen said the players trained hard all week before the final."
    b = "Harbor FC coach Ivo Brandt said the players trained hard all week before the final."
    c = "President Anton Brill said the talks on the border would go on all week in the capital."
    d = "President Lena Osk said the talks on the border would go on all week in the capital."
    claims = _claims(make(a, entities=[("Marek Olsen", "PERSON", "Marek Olsen")]),
                     make(b, entities=[("Ivo Brandt", "PERSON", "Ivo Brandt")]),
                     make(c, entities=[("Anton Brill", "PERSON", "Anton Brill")]),
                     make(d, entities=[("Lena Osk", "PERSON", "Lena Osk")]))
    assert not _contradictions(claims, "name")


def test_an_article_naming_both_people_makes_them_two_people() -> None:
    b = GM_B + " Petra Lindqvist, his predecessor, left in May."
    claims = _claims(make(GM_A, entities=[("Petra Lindqvist", "PERSON", "Petra Lindqvist"),
                                          ("Harbor FC", "ORG", "Harbor FC")]),
                     make(b, entities=[("Petra Halvorsen", "PERSON", "Petra Halvorsen"),
                                       ("Petra Lindqvist", "PERSON", "Petra Lindqvist"),
                                       ("Harbor FC", "ORG", "Harbor FC")]))
    assert not _contradictions(claims, "name")


def test_one_name_spelt_two_ways_is_shown_and_relatives_are_not() -> None:
    a = "Hikers found Tomas Brell injured below the north ridge of the glacier late on Sunday."
    b = "Hikers found Tomas Brella injured below the north ridge of the glacier late on Sunday."
    c = "Hikers found Jonas Brell waiting below the north ridge of the glacier late on Sunday."
    claims = _claims(make(a, entities=[("Tomas Brell", "PERSON", "Tomas Brell")]),
                     make(b, entities=[("Tomas Brella", "PERSON", "Tomas Brella")]))
    found = _contradictions(claims, "name")
    assert len(found) == 1 and "spell" in found[0].explanation
    claims = _claims(make(a, entities=[("Tomas Brell", "PERSON", "Tomas Brell")]),
                     make(c, entities=[("Jonas Brell", "PERSON", "Jonas Brell")]))
    assert not _contradictions(claims, "name")


def test_two_home_towns_of_one_person_contradict() -> None:
    a = "Police arrested Anika Dorn, 41, of Millbrook, after the crash on the bypass on Friday."
    b = "Anika J. Dorn, 41, of Eastvale, was arrested after the crash on the bypass, police said."
    c = "Police arrested Anika Dorn, 41, of Millbrook, hours after the crash on the bypass."
    places = [("Millbrook", "PLACE", "Millbrook"), ("Eastvale", "PLACE", "Eastvale")]
    claims = _claims(
        make(a, entities=[("Anika Dorn", "PERSON", "Anika Dorn"), places[0]]),
        make(b, entities=[("Anika J. Dorn", "PERSON", "Anika J. Dorn"), places[1]]),
        make(c, entities=[("Anika Dorn", "PERSON", "Anika Dorn"), places[0]]))
    found = _contradictions(claims, "place")
    assert len(found) == 1 and "home town" in found[0].explanation
    assert {v.value for v in found[0].values} == {"Millbrook", "Eastvale"}
    assert not [c for c in claims if c.kind == "name"]  # one spelling everywhere: no claim


def test_a_brief_sentence_does_not_cite_an_article_naming_another_person() -> None:
    articles, outputs = inputs(
        make(GM_A + " The club plays its next match on Saturday in the northern league cup.",
             entities=[("Petra Lindqvist", "PERSON", "Petra Lindqvist")]),
        make(GM_B.replace("Petra Halvorsen", "Petra Lindqvist").replace("club", "Harbor FC")
             + " The club plays its next match on Saturday in the northern league cup.",
             entities=[("Petra Lindqvist", "PERSON", "Petra Lindqvist")]),
        make(GM_B + " The club plays its next match on Saturday in the northern league cup.",
             entities=[("Petra Halvorsen", "PERSON", "Petra Halvorsen")]))
    brief = build_view_from(articles, outputs).brief
    halvorsen = articles[2].id
    for b in brief:
        if "Lindqvist" in b.text:
            assert halvorsen not in b.citations


def test_two_towns_for_one_event_contradict_unless_an_article_names_both() -> None:
    a = "A strong earthquake struck near Millbrook early on Sunday, shaking homes across the hills."
    b = "A strong earthquake struck near Eastvale early on Sunday, shaking homes across the hills."
    c = ("A strong earthquake struck near Eastvale early on Sunday, shaking homes across the hills "
         "as far as Millbrook.")
    d = "A strong earthquake struck in Lowmarsh County early on Sunday, shaking homes in the hills."
    places = {n: (n, "PLACE", n) for n in ("Millbrook", "Eastvale", "Lowmarsh County")}
    claims = _claims(make(a, entities=[places["Millbrook"]]), make(b, entities=[places["Eastvale"]]))
    found = _contradictions(claims, "place")
    assert len(found) == 1 and "different towns" in found[0].explanation
    assert {v.value for v in found[0].values} == {"Millbrook", "Eastvale"}
    claims = _claims(make(a, entities=[places["Millbrook"]]),
                     make(c, entities=[places["Eastvale"], places["Millbrook"]]))
    assert not _contradictions(claims, "place")
    claims = _claims(make(a, entities=[places["Millbrook"]]),
                     make(d, entities=[places["Lowmarsh County"]]))
    assert not _contradictions(claims, "place")  # a county holds towns


def test_dates_of_one_persons_arrest_compare_by_given_name_and_surname() -> None:
    a = "Police arrested Anika Dorn on Monday over the crash on the Lowmarsh bypass, officers said."
    b = "Police arrested Anika Maria Dorn on Tuesday over the crash on the Lowmarsh bypass, officers said."
    c = "Police arrested Tomas Dorn on Tuesday over the crash on the Lowmarsh bypass, officers said."

    def dated(text: str, day: str, name: str):  # type: ignore[no-untyped-def]
        return make(text, dates=[(day, None, day)], entities=[(name, "PERSON", name)])

    claims = _claims(dated(a, "Monday", "Anika Dorn"), dated(b, "Tuesday", "Anika Maria Dorn"))
    assert len(_contradictions(claims, "date")) == 1
    claims = _claims(dated(a, "Monday", "Anika Dorn"), dated(c, "Tuesday", "Tomas Dorn"))
    assert not _contradictions(claims, "date")


def test_a_title_fused_into_a_name_still_names_the_office_holder() -> None:
    b = GM_B.replace("club general manager Petra Halvorsen", "Harbor FC General Manager Petra Halvorsen")
    fused = "Harbor FC General Manager Petra Halvorsen"
    claims = _claims(make(GM_A, entities=[("Petra Lindqvist", "PERSON", "Petra Lindqvist"),
                                          ("Harbor FC", "ORG", "Harbor FC")]),
                     make(b, entities=[(fused, "OTHER", fused)]))
    found = _contradictions(claims, "name")
    assert len(found) == 1
    assert {v.value for v in found[0].values} == {"Petra Lindqvist", "Petra Halvorsen"}
