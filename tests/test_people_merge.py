"""People: relatives sharing a surname stay apart, variants of one name merge (within and across
articles). Sentences invented for these tests."""

from __future__ import annotations

from newsprism.analyze.entities import extract
from newsprism.analyze.person_names import match
from newsprism.analyze.sentences import split
from newsprism.records import Article, Entity
from newsprism.stories.view_people import People


def canon(text: str) -> dict[str, str]:
    ents = extract(Article(id="t", source="t", text=text), split(text))
    return {e.text: e.canonical for e in ents if e.type == "PERSON"}


def test_spouses_in_one_article_stay_two_people() -> None:
    c = canon("Senator Walter Brisco and his wife Helen Brisco arrived late. Helen Brisco waved. "
              "Brisco spoke for an hour.")
    assert c["Walter Brisco"] == "Walter Brisco"
    assert c["Helen Brisco"] == "Helen Brisco"
    assert c["Brisco"] == "Walter Brisco"  # a bare surname is the person introduced first


def test_former_president_is_not_his_wife() -> None:
    c = canon("Former President Edgar Lindqvist and his wife Ruth Lindqvist attended. Edgar Lindqvist smiled.")
    assert c["Edgar Lindqvist"] == "Edgar Lindqvist" and c["Ruth Lindqvist"] == "Ruth Lindqvist"


def test_name_match_grades() -> None:
    assert match("Bill Tamworth", "William Tamworth") >= 0.9
    assert match("Chris Ollander", "Christopher J. Ollander") >= 0.9
    assert match("John Petrakis", "John G. Petrakis Jr.") == 1.0
    assert match("Paul Petrakis Jr.", "Paul Petrakis Sr.") == 0.0
    assert match("Mark Okafor", "Mary Okafor") == 0.0
    assert match("Okafor", "Mary Okafor") == 0.5
    assert match("J. Okafor", "John Okafor") == 0.6


def ent(name: str, typ: str = "PERSON") -> Entity:
    return Entity(text=name, type=typ, canonical=name, start=0, end=len(name))  # type: ignore[arg-type]


def test_story_merges_variants_and_keeps_relatives_apart() -> None:
    people = People({
        "a": [ent("Bill Tamworth"), ent("Rosa Delmont"), ent("Victor Delmont"), ent("Chris Ollander"),
              ent("National Farmers Council", "ORG")],
        "b": [ent("William Tamworth"), ent("Christopher J. Ollander"), ent("Delmont"), ent("NFC", "ORG")],
    })
    recs = {r.name: r for r in people.records({})}
    assert set(recs["William Tamworth"].articles) == {"a", "b"} or set(recs["Bill Tamworth"].articles) == {"a", "b"}
    assert set(recs["Christopher J. Ollander"].articles) == {"a", "b"}
    assert recs["Rosa Delmont"].articles == ["a"] and recs["Victor Delmont"].articles == ["a"]
    assert "Delmont" in recs  # two Delmonts in the story: the bare surname is not guessed
    assert set(recs["National Farmers Council"].articles) == {"a", "b"}
    assert people.canonical("Rosa Delmont") != people.canonical("Victor Delmont")


def test_one_holder_takes_the_bare_surname() -> None:
    people = People({"a": [ent("Ingrid Salo")], "b": [ent("Salo"), ent("Salo")]})
    assert [r.name for r in people.records({})] == ["Ingrid Salo"]


def test_title_before_name_is_a_role() -> None:
    text = "House Speaker Lorna Vance said the vote would go ahead."
    ents = extract(Article(id="t", source="t", text=text), split(text))
    vance = next(e for e in ents if e.type == "PERSON")
    assert (vance.text, vance.role) == ("Lorna Vance", "House Speaker")


def test_country_of_the_story_is_not_the_country_of_its_people() -> None:
    text = ("Moldova's army took the town of Ungheni on Monday. Moldova said the war was over. "
            "Tom Hadley, an aid worker from Ohio, and the analyst Judith Mertz described the damage. "
            "Moldova and its army, Moldova again.")
    ents = extract(Article(id="t", source="t", text=text), split(text))
    for e in ents:
        if e.type == "PERSON":
            assert e.country is None, e


def test_role_noun_and_shared_surname_make_people_despite_a_web_address() -> None:
    text = ("http://example.org/2011/news/sect.leader.blayde/index.html\n"
            "Sect leader Orrin Blayde was sentenced on Tuesday. Blayde showed no emotion. "
            "His nephew Tad Blayde said justice had been served.")
    c = canon(text)
    assert c["Orrin Blayde"] == "Orrin Blayde" and c["Blayde"] == "Orrin Blayde"
    assert c["Tad Blayde"] == "Tad Blayde"


def test_quoted_nickname_inside_a_name() -> None:
    c = canon('Mob boss Gus Tarrant died on Monday. Gus "the Hat" Tarrant was 80. Tarrant never spoke.')
    assert c['Gus "the Hat" Tarrant'] == "Gus Tarrant" and c["Tarrant"] == "Gus Tarrant"
    assert "the Hat" not in c and "Hat" not in c


def test_middle_initial_marks_a_person() -> None:
    c = canon("The board named Odile K. Varnet as chair on Friday. Varnet starts in May.")
    assert c["Odile K. Varnet"] == "Odile K. Varnet" and c["Varnet"] == "Odile K. Varnet"


def test_things_named_like_people_are_not_people() -> None:
    c = canon("The governor spoke in the Lilac Garden on Monday. He called the audit a Paper Chase. "
              "The firm broke Title IX rules, said Laura Brill.")
    assert set(c) == {"Laura Brill"}


def test_company_opening_a_reported_clause_is_no_person() -> None:
    c = canon("The Courier said Fab-Mart had broken the rules twice.")
    assert "Fab-Mart" not in c


def test_one_remark_gets_one_speaker_across_outlets() -> None:
    from newsprism.stories.view_people import _triples, agreed_speakers
    remark = _triples("we will rebuild every road in this county before the winter comes")
    other = _triples("the budget is balanced and the schools are protected this year")
    got = agreed_speakers([("a", "Ann Tull", remark), ("b", "Mark Ode", remark), ("c", "Ann Tull", remark),
                           ("a", "Mark Ode", other), ("b", "Ann Tull", other), ("c", "unknown", other)])
    assert got[:3] == ["Ann Tull"] * 3  # two outlets outvote the third
    assert got[3:] == ["Mark Ode", "Ann Tull", "unknown"]  # an even split decides nothing
    assert agreed_speakers([("a", "unknown", remark), ("b", "Ann Tull", remark)]) == ["Ann Tull", "Ann Tull"]


def test_transliterated_given_names_merge_and_glide_is_not_a_name() -> None:
    c = canon("Yiannis Karvelos opened the harbour office. Giannis Karvelos said the ferries would sail.")
    assert c["Giannis Karvelos"] == c["Yiannis Karvelos"] == "Yiannis Karvelos"
    assert match("Yannis Drosos", "Giannis Drosos") >= 0.9
    assert match("Giorgos Drosos", "Yorgos Drosos") >= 0.9
    assert match("Jamal Drosos", "Amal Drosos") == 0.0  # a name without the glide is another name
    assert match("Ian Drosos", "Giannis Drosos") == 0.0


def test_place_after_a_titled_name_is_a_place() -> None:
    text = "Senator Alan Corwell of Ohio voted no. Mr. Corwell of Texas did not."
    ents = extract(Article(id="t", source="t", text=text), split(text))
    by = {e.text: e for e in ents}
    assert by["Alan Corwell"].type == "PERSON" and by["Alan Corwell"].role == "Senator"
    assert by["Ohio"].type == "PLACE" and by["Texas"].type == "PLACE"
    assert "Alan Corwell of Ohio" not in by


def test_relatives_and_ministers_with_unlisted_names() -> None:
    c = canon("The president visited his wife Naila in hospital. Fisheries Minister Wieslan Karpak said "
              "nothing. Karpak left early.")
    assert c["Naila"] == "Naila"
    assert c["Wieslan Karpak"] == c["Karpak"] == "Wieslan Karpak"


def test_country_in_brackets_after_a_name_is_that_persons() -> None:
    text = "Results: 1. Torvald Enzeller (Norway) 48.23 seconds, 2. Samu Matetto (Zambia) 48.50."
    ents = {e.text: e for e in extract(Article(id="t", source="t", text=text), split(text))}
    assert (ents["Torvald Enzeller"].type, ents["Torvald Enzeller"].country) == ("PERSON", "NOR")
    assert (ents["Samu Matetto"].type, ents["Samu Matetto"].country) == ("PERSON", "ZMB")
