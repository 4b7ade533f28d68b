"""The events step: CAMEO table, pattern matching, actors, modality, and the seeds' clear events."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.analyze.event_patterns import best_matches, cameo, cameo_table, inflections, tokenize
from newsprism.analyze.events import EventsStep, code_article, transform
from newsprism.analyze.sentences import split
from newsprism.records import Article

# Goldstein value and QuadClass of each CAMEO root in the published CAMEO/Goldstein tables.
ROOTS = {
    "01": (0.0, 1), "02": (3.0, 1), "03": (4.0, 1), "04": (1.0, 1), "05": (3.5, 1),
    "06": (6.0, 2), "07": (7.0, 2), "08": (5.0, 2), "09": (-2.0, 2), "10": (-5.0, 3),
    "11": (-2.0, 3), "12": (-4.0, 3), "13": (-6.0, 3), "14": (-6.5, 3), "15": (-7.2, 4),
    "16": (-4.0, 4), "17": (-7.0, 4), "18": (-9.0, 4), "19": (-10.0, 4), "20": (-10.0, 4),
}


def _events(text: str) -> list:
    article = Article(id="t", source="test", text=text, published="2024-03-05")
    return code_article(article, split(text))


def _one(text: str) -> tuple:
    evs = _events(text)
    assert evs, f"no event in {text!r}"
    e = evs[0]
    return (e.source.code if e.source else None, e.target.code if e.target else None, e.cameo, e.plover)


def test_roots_match_the_cameo_tables() -> None:
    for root, (goldstein, quad) in ROOTS.items():
        row = cameo(root)
        assert (row.goldstein, row.quad_class) == (goldstein, quad), root


def test_every_code_has_its_roots_quad_class_and_a_plover_type_from_02_on() -> None:
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    table = cameo_table()
    assert len(table) > 280
    for code, row in table.items():
        assert row.quad_class == ROOTS[code[:2]][1], code
        assert -10.0 <= row.goldstein <= 10.0
        if code[:2] != "01":
            assert row.plover in plover, code


def test_inflections() -> None:
    assert {"meet", "met", "meets", "meeting"} <= inflections("meet")
    assert {"deny", "denies", "denied"} <= inflections("deny")
    assert {"ban", "banned", "bans"} <= inflections("ban")
    assert {"seize", "seized", "seizing"} <= inflections("seize")


def test_phrasal_pattern_with_gap() -> None:
    toks = tokenize("The minister accused Moscow of aggression.")
    codes = [m.pattern.code for m in best_matches(toks)]
    assert codes and codes[0].startswith("112")


def test_basic_directed_events() -> None:
    assert _one("Chile accused Peru of provocations on Monday.")[:3] == ("CHL", "PER", "1123")
    assert _one("Kenya sent humanitarian aid to Somalia.")[:2] == ("KEN", "SOM")
    assert _one("Kenya sent humanitarian aid to Somalia.")[3] == "AID"
    assert _one("The Kremlin condemned the Estonian government.")[:2] == ("RUS", "EST")


def test_roles_and_remembered_names() -> None:
    text = ("Canadian Prime Minister Anna Roy held talks with Mexican President Luis Vega. "
            "Later, Roy criticised Vega.")
    evs = _events(text)
    assert [(e.source.code, e.source.sector, e.target.code, e.plover) for e in evs] == [
        ("CAN", "GOV", "MEX", "CONSULT"), ("CAN", "GOV", "MEX", "ACCUSE")]


def test_passive_voice_swaps_actors() -> None:
    src, tgt, _code, plover = _one("Bolivian troops were attacked by Peruvian forces.")
    assert (src, tgt, plover) == ("PER", "BOL", "ASSAULT")


def test_negation_refusal_intent_and_threat() -> None:
    assert _one("Norway refused to meet Sweden.")[2] == "125"
    assert _one("Norway did not sign the treaty with Sweden.")[3] == "REJECT"
    assert _one("Japan plans to send aid to Nepal.")[2:] == ("033", "AGREE")
    assert _one("Iran threatened to attack Iraq.")[2:] == ("1384", "THREATEN")
    assert _one("Iran will impose sanctions on Iraq.")[2:] == ("1312", "THREATEN")
    assert not _events("Iran could attack Iraq.")


def test_compound_subject_and_objects_are_not_actors() -> None:
    src, tgt, code, plover = _one("Egypt and Sudan launched joint military drills.")
    assert (src, tgt, plover) == ("EGY", "SDN", "COOPERATE")
    src, tgt, _code, plover = _one("Turkey deployed troops.")
    assert (src, tgt, plover) == ("TUR", None, "MOBILIZE")


def test_transform_tables() -> None:
    assert transform("042", "negated") == "125"
    assert transform("072", "intent") == "0332"
    assert transform("190", "threat") == "1384"
    assert transform("111", "negated") is None
    assert transform("190", "speculative") is None


def test_event_fields_and_offsets() -> None:
    text = "Nothing here. Poland expelled three Belarusian diplomats on Friday."
    evs = _events(text)
    assert len(evs) == 1
    e = evs[0]
    assert text[e.start:e.end] == e.text
    assert e.source is not None and text[e.source.start:e.source.end] == "Poland"
    assert e.quad_class == 4 and e.goldstein == cameo(e.cameo).goldstein
    assert e.date == "2024-03-05"


def test_step_requires_what_exists() -> None:
    assert EventsStep(available=["sentences", "dates"]).requires == ("sentences", "dates")
    assert EventsStep().requires == ("sentences", "entities", "places", "dates")


def test_no_actor_no_event() -> None:
    assert _events("They met and talked for hours.") == []


@pytest.mark.shared
def test_seed_clear_events(seeds_dir, gold) -> None:
    from newsprism.engine import default_pipeline
    from newsprism.records import article_id

    pipeline = default_pipeline()
    found = set()
    for path in sorted(seeds_dir.iterdir()):
        text = path.read_text(encoding="utf-8")
        result = pipeline.run(Article(id=article_id(text), source=str(path), text=text))
        for e in result.outputs.get("events", []):
            found.add((e.source.code if e.source else None, e.target.code if e.target else None,
                       e.cameo[:2]))
    hits = 0
    for g in gold["story"]["events"]:
        roots = {g["cameo_root"], *g.get("alt_roots", [])}
        hits += any((s, t, r) in found for s in [g["source"]] for t in [g["target"]] for r in roots)
    assert hits >= 7, f"{hits} of {len(gold['story']['events'])} clear seed events found"


def test_reaction_targets_the_act_it_names() -> None:
    text = ("Chile and Peru began joint naval drills on Monday. Bolivian troops shelled a Peruvian "
            "border post. Bolivia condemned the drills as a provocation.")
    evs = _events(text)
    reaction = [e for e in evs if e.plover == "ACCUSE"][-1]
    assert reaction.source.code == "BOL" and reaction.target.code == "CHL"
    assert reaction.target.start is None  # inferred, not a mention


def test_promised_deployment_is_cooperation_and_months_are_no_verbs() -> None:
    assert _one("Canada agreed to send troops to Latvia.")[2:] == ("0312", "AGREE")
    assert _events("Greece and Turkey met in March.")[0].plover == "CONSULT"
    assert all(e.plover != "PROTEST" for e in _events("Greece and Turkey met in March."))


WORDS = ["Russia", "Russia's", "Ukrainian", "troops", "attacked", "the", "NATO", "President",
         "Emil", "Novak", "said", "would", "not", "meet", "with", "in", "Kyiv", ",", ".", "and",
         "refused", "to", "was", "by", "accused", "of", "drills", "'s", "—", "\u201c", "Foreign",
         "Minister", "threatened", "sanctions", "on", "its", "police", "protesters", "Moscow"]


@given(st.lists(st.sampled_from(WORDS), max_size=30))
@settings(max_examples=300, deadline=None)
def test_never_fails_on_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    for ev in _events(text):
        assert 0 <= ev.start <= ev.end <= len(text)
        for actor in (ev.source, ev.target):
            if actor is not None and actor.start is not None:
                assert text[actor.start:actor.end] == actor.text


def test_clause_structure() -> None:
    assert _one("Serbia, which lost control of Kosovo in 1999, rejected the plan.")[0] == "SRB"
    src, tgt, _c, plover = _one("Three Palestinians were wounded when Israeli troops opened fire.")
    assert (src, tgt, plover) == ("ISR", "PSE", "ASSAULT")
    assert _one("North Korea fired two missiles into the sea, Japan said.")[:2] == ("PRK", None)
    assert _one("Under pressure from Chile, Peru agreed to ease the blockade.")[3] == "AGREE"


def test_pronoun_subject_is_the_latest_actor() -> None:
    evs = _events("Chile expelled two Peruvian diplomats. It also accused Peru of spying.")
    assert [(e.source.code, e.plover) for e in evs] == [("CHL", "SANCTION"), ("CHL", "ACCUSE")]


def test_tokens_keep_offsets_with_odd_letters() -> None:
    text = "\u0130stanbul\u2019s governor \u00b4met\u00b4 U.S. envoys."
    for tok in tokenize(text, 10):
        assert text[tok.start - 10:tok.end - 10].replace("\u2019", "'").replace("\u00b4", "'") == tok.text
        assert len(tok.low) == len(tok.text)


def test_apposition_names_a_person() -> None:
    evs = _events("Ana Souza, Brazil's foreign minister, criticised Chile. Meanwhile, Peru met Souza.")
    assert (evs[0].source.code, evs[0].source.text, evs[0].target.code) == ("BRA", "Ana Souza", "CHL")
    assert all(e.source.text != "Meanwhile" for e in evs)


# ---------------------------------------------------------------- leaders, home countries, main country


def test_a_listed_leader_without_a_role_gets_a_code() -> None:
    assert _one("Putin accused Ukraine of shelling civilians.")[:2] == ("RUS", "UKR")
    src, tgt, _code, _plover = _one("President Biden met Netanyahu at the White House.")
    assert (src, tgt) == ("USA", "ISR")


def test_a_listed_surname_inside_another_name_is_not_the_leader() -> None:
    evs = _events("Hunter Biden criticised Germany over the pipeline.")
    assert all(e.source is None or e.source.code != "USA" for e in evs)


def test_leader_table_loads_and_keeps_one_row_per_name() -> None:
    from newsprism.analyze.leaders import leader_named, leaders

    table = leaders()
    assert len(table.names) > 400
    assert leader_named("Vladimir Putin") == ("RUS", "GOV")
    assert leader_named("Antonio Guterres") == ("UN", None)
    assert leader_named("Brown") is None  # a bare common surname never matches


def test_a_national_movement_is_coded_with_its_home_country() -> None:
    src, tgt, _code, _plover = _one("Hamas fired rockets at Israel on Monday.")
    assert (src, tgt) == ("PSE", "ISR")


def test_dominant_country_needs_a_clear_majority() -> None:
    from newsprism.analyze.events import dominant_country
    from newsprism.records import Place

    def place(country: str) -> Place:
        return Place(text="x", name="x", country=country, start=0, end=1)

    assert dominant_country([place("KEN"), place("KEN"), place("UGA")]) == "KEN"
    assert dominant_country([place("KEN")]) == "KEN"
    assert dominant_country([place("KEN"), place("UGA")]) is None
    assert dominant_country([]) is None


def test_generic_actors_take_the_articles_main_country() -> None:
    from newsprism.engine import default_pipeline

    text = ("Thousands marched through Nairobi on Tuesday. Police fired tear gas at protesters. "
            "Traders in Mombasa closed their shops.")
    art = Article(id="k", source="test", text=text, published="2024-03-05")
    events = default_pipeline().run(art).outputs.get("events") or []
    police = [e for e in events if e.source and e.source.text == "Police"]
    assert police and police[0].source is not None and police[0].source.code == "KEN"


def test_more_cameo_verbs_are_coded() -> None:
    assert _one("Germany lauded Poland for its reforms.")[2:] == ("051", "SUPPORT")
    assert _one("Japan backed India in the dispute.")[3] == "SUPPORT"
    assert _one("France ruled out talks with Mali.")[3] == "REJECT"
    assert _one("Chile scrapped the trade agreement with Peru.")[3] == "SANCTION"
    assert _one("Egypt halted the offensive against Libya.")[3] == "RETREAT"
    assert _one("Turkey reinforced its troops on the border with Syria.")[3] == "MOBILIZE"


def test_domestic_actors_around_a_clash() -> None:
    src, tgt, _code, plover = _one("Protesters clashed with police in Nairobi on Friday.")
    assert (src, tgt, plover) == ("KEN", "KEN", "PROTEST")
    evs = _events("Police in Lagos arrested dozens of demonstrators.")
    assert evs and evs[0].source is not None and evs[0].source.sector == "COP"


def test_participle_after_a_comma_takes_the_main_verbs_subject() -> None:
    evs = _events("Officials in Kabul said rebels attacked a checkpoint in Herat, killing five soldiers.")
    kill = [e for e in evs if e.cameo.startswith("182")]
    assert kill and kill[0].source is not None and kill[0].source.sector == "REB"


def test_opposition_supporters_are_an_actor() -> None:
    evs = _events("Thousands of opposition supporters rallied in Caracas on Sunday.")
    assert evs and evs[0].source is not None and (evs[0].source.code, evs[0].source.sector) == ("VEN", "OPP")


def test_aid_without_an_object_goes_to_the_recipient_named_after_to() -> None:
    evs = _events("Allies sent supplies to Chad and Japan on Monday delivered its second arms shipment.")
    japan = [e for e in evs if e.source is not None and e.source.code == "JPN"]
    assert japan and japan[0].cameo.startswith("07")
    assert japan[0].target is not None and japan[0].target.code == "TCD"
    evs = _events("France delivered a shipment of ammunition.")
    assert evs and evs[0].target is None  # no recipient named: none invented


def test_common_false_readings_are_not_events() -> None:
    assert not _events("Kenya has beaten Uganda in the final.")
    assert not _events("Brazil received the letter from Argentina on Monday.")
    assert all(e.plover != "REQUEST" for e in _events("Egypt moved troops in order to protect Libya."))


def _with_place(text: str, name: str, country: str) -> list:
    from newsprism.records import Place

    at = text.index(name)
    place = Place(text=name, name=name, country=country, start=at, end=at + len(name))
    article = Article(id="t", source="test", text=text, published="2024-03-05")
    return code_article(article, split(text), places=[place])


def test_an_undirected_act_targets_the_country_where_it_happens() -> None:
    evs = _with_place("Peru lifted the night curfew in Tacna on Tuesday.", "Tacna", "PER")
    assert evs and evs[0].target is not None and (evs[0].target.code, evs[0].target.text) == ("PER", "Tacna")
    evs = _with_place("Chile lifted the night curfew, officials in Lima said.", "Lima", "PER")
    assert evs and evs[0].target is None  # the place of who reports it, not of the act


@pytest.mark.parametrize(("text", "violent"), [
    ("In February, Ruritanian troops shelled Tirana.", False),
    ("Last October Ruritanian troops shelled Tirana, and Albania has not forgotten.", False),
    ("On June 2, Ruritanian troops shelled Tirana.", True),  # days before publication: news
    ("On March 2, Ruritanian troops shelled Tirana.", False),
    ("Since last November Ruritanian troops have shelled Tirana.", True),  # still going on
])
def test_violence_recalled_from_months_back_is_background(text: str, violent: bool) -> None:
    article = Article(id="t", source="test", text=text, published="2025-06-20")
    from newsprism.analyze.dates import DatesStep

    dates = DatesStep().run(article, {})
    evs = [e for e in code_article(article, split(text), dates=dates) if e.quad_class == 4]
    assert bool(evs) == violent, text


def test_legal_charges_are_accusations_not_force() -> None:
    for text in ("Danish prosecutors charged the Swedish captain with smuggling.",
                 "A Dutch court indicted the Belgian minister on Monday."):
        evs = _events(text)
        assert evs and evs[0].plover == "ACCUSE" and evs[0].quad_class == 3, text


def test_shooting_protesters_is_an_assault() -> None:
    evs = _events("Kenyan police shot dead three protesters in Nairobi.")
    assert evs and evs[0].plover == "ASSAULT"


def test_a_number_with_separators_is_one_word() -> None:
    words = [t.text for t in tokenize("Chad will send 12,500 tons of food aid, or 3.5 percent.")]
    assert "12,500" in words and "3.5" in words


@pytest.mark.parametrize("text", [
    "Hundreds of Syrians sought shelter in a Jordanian school.",
    "Families from Chad were sheltering in a Sudanese mosque.",
])
def test_taking_shelter_is_no_request_and_no_aid(text: str) -> None:
    assert not [e for e in _events(text) if e.plover in ("REQUEST", "AID")], text


def test_sheltering_refugees_is_aid() -> None:
    evs = _events("Jordan sheltered thousands of Syrian refugees.")
    assert evs and evs[0].plover == "AID"
