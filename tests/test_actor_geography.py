"""Actor geography: an agency's name is no town, a US state named like a country, outlets are no
actors, sports teams are no states. Every sentence is invented for the test."""

from __future__ import annotations

from newsprism.engine import default_pipeline
from newsprism.records import Article


def _run(text: str):
    return default_pipeline().run(Article(id="t", source="t", text=text, published="2024-03-05")).outputs


def test_agency_name_is_not_geocoded() -> None:
    out = _run("The dam was last inspected in 2019, according to a report seen by Meridian Press. "
               "Mayor Ana Lott said the town had little warning.")
    assert not [p for p in out["places"] if p.text.startswith("Meridian")]
    assert all(e.source is None or e.source.code != "USA" for e in out["events"])


def test_union_name_is_not_a_town() -> None:
    out = _run("The Harbour Workers' Union said 900 members had walked out at the port.")
    assert not [p for p in out["places"] if p.text == "Union"]


def test_outlet_reporting_is_not_an_actor() -> None:
    out = _run("Chile accused Peru of provocations on Monday, Reuters reported.")
    codes = {a.code for e in out["events"] for a in (e.source, e.target) if a is not None}
    assert codes == {"CHL", "PER"}


def test_georgia_the_us_state_in_a_us_story() -> None:
    out = _run("Senator Ruth Adler of Ohio accused Georgia of purging voters, Republicans in Atlanta "
               "said on Tuesday. Georgia's governor rejected the claim.")
    assert {p.country for p in out["places"] if p.text == "Georgia"} == {"USA"}
    codes = {a.code for e in out["events"] for a in (e.source, e.target) if a is not None}
    assert "GEO" not in codes and "USA" in codes


def test_georgia_the_country_in_a_caucasus_story() -> None:
    out = _run("Georgia accused Russia of provocations near South Ossetia on Tuesday, the foreign "
               "ministry in Tbilisi said.")
    assert {p.country for p in out["places"] if p.text == "Georgia"} == {"GEO"}
    assert [(e.source.code, e.target.code) for e in out["events"] if e.source and e.target] == [("GEO", "RUS")]


def test_teams_named_after_countries_are_not_actors() -> None:
    out = _run("Georgia beat Spain 3-1 in the final of the tournament on Sunday, and Chile attacked "
               "Peru in the second half of the match.")
    assert out["events"] == []


def test_union_and_opposition_leaders_are_not_the_government() -> None:
    out = _run("Union leader Petra Sand accused the port operator of lying on Monday. "
               "Opposition leader Mira Kastell accused the government of ignoring warnings.")
    assert [e.source.sector for e in out["events"] if e.source] == ["LAB", "OPP"]


def test_a_nationality_before_a_group_gives_the_groups_country() -> None:
    from newsprism.analyze.events import code_article
    from newsprism.analyze.sentences import split
    from newsprism.records import Article

    for text, code in (("Bosnian Croats demanded a truce with the army.", "BIH"),
                       ("Nigerian-led forces shelled rebel camps near the border.", "NGA")):
        article = Article(id="t", source="test", text=text, published="2024-03-05")
        evs = code_article(article, split(text))
        assert evs and evs[0].source is not None and evs[0].source.code == code, text


def test_an_apposition_before_a_modal_verb_is_skipped() -> None:
    from newsprism.analyze.events import code_article
    from newsprism.analyze.sentences import split
    from newsprism.records import Article

    text = "Chile, a key U.S. ally in the region, has refused to deploy peacekeepers in Haiti."
    evs = code_article(Article(id="t", source="test", text=text, published="2024-03-05"), split(text))
    assert evs and evs[0].source is not None and evs[0].source.code == "CHL"


def test_an_ethnic_group_is_coded_with_the_country_it_lives_in() -> None:
    from newsprism.analyze.events import code_article
    from newsprism.analyze.sentences import split
    from newsprism.records import Article, Place

    text = "Ethnic Russians rallied in Riga on Monday."
    at = text.index("Riga")
    riga = Place(text="Riga", name="Riga", country="LVA", start=at, end=at + 4)
    evs = code_article(Article(id="t", source="test", text=text, published="2024-03-05"), split(text),
                       places=[riga])
    assert evs and evs[0].source is not None and evs[0].source.code == "LVA"


def test_a_country_named_by_a_short_first_word() -> None:
    from newsprism.analyze.actors import ArticleActors, find_mentions
    from newsprism.analyze.event_patterns import tokenize

    for text, code in (("Sri Lanka recalled its ambassador.", "LKA"), ("New Zealand sent two frigates.", "NZL")):
        tokens = tokenize(text)
        assert [m.code for m in find_mentions(tokens, ArticleActors())][:1] == [code], text
