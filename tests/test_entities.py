"""Entities: people with roles and countries, aliases merged, organisations, places; gazetteer API."""

from __future__ import annotations

from newsprism import lexicon
from newsprism.analyze import gazetteer as gz
from newsprism.analyze.entities import EntitiesStep, extract
from newsprism.analyze.sentences import split
from newsprism.records import Article, Dateline, Entity


def run(text: str, dateline: Dateline | None = None) -> list[Entity]:
    art = Article(id="t", source="t", text=text, dateline=dateline)
    return extract(art, split(text))


def people(ents: list[Entity]) -> dict[str, Entity]:
    return {e.text: e for e in ents if e.type == "PERSON"}


def test_title_gives_role_and_country() -> None:
    ents = run("British Foreign Secretary Clara Fenwick flew to Ostmere on Thursday. Fenwick said she was firm.")
    ps = people(ents)
    fenwick = ps["Clara Fenwick"]
    assert (fenwick.role, fenwick.country, fenwick.canonical) == ("Foreign Secretary", "GBR", "Clara Fenwick")
    assert ps["Fenwick"].canonical == "Clara Fenwick"
    assert ps["she"].canonical == "Clara Fenwick"
    assert all(e.text[e.start - e.start:] for e in ents)


def test_role_left_and_right_of_name() -> None:
    text = ("Kremlin spokesman Anatoly Vashenko spoke first. Later Taras Hordiyenko, Ukraine's foreign minister, "
            "replied, and the analyst Olga Petrova agreed.")
    ps = people(run(text))
    assert (ps["Anatoly Vashenko"].role, ps["Anatoly Vashenko"].country) == ("Kremlin spokesman", "RUS")
    assert (ps["Taras Hordiyenko"].role, ps["Taras Hordiyenko"].country) == ("foreign minister", "UKR")


def test_spelling_variants_merge() -> None:
    text = ("Ukraine's President Bohdan Marchenkiy spoke. Later Marchenky met Arkadi Voronin. "
            "Arkady Voronin left Kiev.")
    ents = run(text)
    ps = people(ents)
    assert ps["Marchenky"].canonical == "Bohdan Marchenkiy"
    assert ps["Marchenky"].role == "President" and ps["Marchenky"].country == "UKR"
    assert ps["Arkady Voronin"].key == ps["Arkadi Voronin"].key
    assert gz.fold("Kyiv") == gz.fold("Kiev")


def test_orgs_places_and_sentence_starts() -> None:
    text = ("The Russian Defence Ministry said NATO and the Organization for Security and Cooperation "
            "in Europe were told. Satellite images show troops near Minsk. Russia and Belarus agreed.")
    ents = run(text)
    by = {e.text: e for e in ents}
    assert by["Russian Defence Ministry"].type == "ORG" and by["Russian Defence Ministry"].country == "RUS"
    assert by["NATO"].type == "ORG" and by["NATO"].country == "NATO"
    assert by["Organization for Security and Cooperation in Europe"].canonical == "OSCE"
    assert by["Minsk"].type == "PLACE" and by["Minsk"].country == "BLR"
    assert by["Russia"].type == "PLACE" and by["Belarus"].type == "PLACE"
    assert "Satellite" not in by and "The" not in by


def test_offsets_and_dateline_country() -> None:
    text = "Deputy Defence Minister Oksana Hrebeniuk said the threat was real. Hrebeniuk left."
    ents = run(text, Dateline(text="KYIV", place="Kyiv", country="UKR"))
    for e in ents:
        assert text[e.start:e.end] == e.text
    ps = people(ents)
    assert ps["Oksana Hrebeniuk"].role == "Deputy Defence Minister"
    assert ps["Hrebeniuk"].country == "UKR"


def test_step_and_empty_text() -> None:
    assert EntitiesStep().run(Article(id="e", source="e", text=""), {"sentences": []}) == []


def test_gazetteer_api() -> None:
    assert gz.country_code("the UK") == "GBR" and gz.country_of("Russia") == "RUS"
    assert gz.demonym_country("Belarusian") == "BLR" and gz.demonym_country("Russians") == "RUS"
    assert gz.seat_of_power("the Kremlin") == ("RUS", "GOV")
    assert gz.seat_of_power("Downing Street") == ("GBR", "GOV")
    assert gz.org_code("NATO") == "NATO" and gz.org_code("who") is None
    assert gz.role_sector("Deputy Defence Minister") == "GOV"
    assert gz.role_sector("General") == "MIL"
    assert gz.resolve_actor("Russian") == ("RUS", None)
    assert gz.country_code("Atlantis") is None


def test_headlines_teams_and_companies() -> None:
    text = ("MARKETS RALLY IN NEW YORK\n\nChicago 5 Boston 3 in the late game. Shares of Douglas & Lomason "
            "rose after Acme Electronics Corp said profits grew; Acme shares gained. "
            "Federal Reserve Governor Lawrence Lindsey spoke in Ontario-based Magna's hall.")
    by = {e.text: e for e in run(text)}
    assert by["NEW YORK"].type == "PLACE" and "RALLY" not in by
    assert by["Chicago"].type == "ORG" and by["Boston"].type == "ORG"
    assert by["Douglas & Lomason"].type == "ORG"
    assert by["Acme"].type == "ORG" and by["Acme"].canonical == "Acme Electronics Corp"
    assert by["Lawrence Lindsey"].role == "Governor"
    assert "Ontario-based Magna" not in by


def test_pronoun_gender_and_window() -> None:
    text = "Olga Petrova met John Smith. She said the talks went well. He disagreed."
    ps = [e for e in run(text) if e.type == "PERSON"]
    by = {e.text: e.canonical for e in ps}
    assert by["She"] == "Olga Petrova" and by["He"] == "John Smith"


def test_rank_abbreviation_spelled_out() -> None:
    ps = people(run("Moldova's chief of the general staff, Lt. Gen. Yuri Stavrovsky, arrived by train."))
    g = ps["Yuri Stavrovsky"]
    assert g.country == "MDA" and g.role is not None and "General" in g.role


def test_any_text_gives_valid_offsets() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newsprism.analyze.places import locate

    words = st.sampled_from(["Russia", "the", "U.S.", "Gen.", "said", "Kyiv", "O'Brien", "NATO", "\u00e9t\u00e9",
                             "and", "of", "Ministry", "\"", "\u201c", ".", ",", "\n", "\n\n", "she", "Dravik's",
                             "QUELLANE", "-based", "&", "(D-N.J.)", "Lake", "Sea", "x" * 30])

    @settings(max_examples=80, deadline=None)
    @given(st.lists(words, max_size=40), st.text(max_size=40))
    def check(parts: list[str], noise: str) -> None:
        text = " ".join(parts) + noise
        art = Article(id="h", source="h", text=text)
        sents = split(text)
        assert all(0 <= s.start < s.end <= len(text) for s in sents)
        ents = extract(art, sents)
        for e in ents:
            assert text[e.start:e.end] == e.text and e.type in ("PERSON", "ORG", "PLACE", "OTHER")
        for p in locate(art, ents):
            assert text[p.start:p.end] == p.text

    check()


def test_honorifics_and_given_name_mentions() -> None:
    text = ("Hillary Clinton spoke in Washington D.C. He listened. Mr. Cruz replied to Mrs. Park, "
            "and Hillary thanked her.")
    ents = run(text)
    by = {e.text: e for e in ents if e.type in ("PERSON", "PLACE")}
    assert by["Cruz"].type == "PERSON" and by["Cruz"].role is None
    assert by["Hillary"].canonical == "Hillary Clinton"
    assert by["Washington D.C."].type == "PLACE"
    assert "Mr. Cruz" not in by and "Washington D.C. He" not in by


def test_possessive_inside_an_organisation_name() -> None:
    ents = run("Members of the Dockside Porters' Union walked out. The Porters' demands were read aloud. "
               "Heads of the Tannery Guild Council agreed.")
    orgs = {e.text for e in ents if e.type == "ORG"}
    assert "Dockside Porters' Union" in orgs and "Tannery Guild Council" in orgs
    assert not [e for e in ents if e.type in ("PERSON", "PLACE") and "Porters" in e.text]
    assert not [e for e in ents if e.text in ("Union", "Porters'")]


def types(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in run(text):
        out.setdefault(e.text, set()).add(e.type)
    return out


def test_companies_told_by_their_context() -> None:
    t = types("Shares of Brannock fell sharply. Vellor said in a statement it would cut 300 jobs. "
              "A Quorvant spokesman declined to comment. The packaging firm Oskarna posted a quarterly loss. "
              "Tessamere Pharmaceuticals and Dobrin Laboratories rose.")
    for name in ("Brannock", "Vellor", "Quorvant", "Oskarna", "Tessamere Pharmaceuticals", "Dobrin Laboratories"):
        assert t.get(name) == {"ORG"}, name


def test_teams_from_results_and_sports_words() -> None:
    t = types("The Kestrels beat the Marlins 3-1 on Sunday. Dunmore Rovers lost 2-0 to Carrow City.\n"
              "Tamberly 2 Osterfield 1\nGreywick 4 2 1 1 8 5 7\nChicago coach Ilse Brandt was pleased.\n"
              "Later the mayor of Chicago spoke in Chicago. Moldova beat Iceland 2-0.")
    for name in ("Kestrels", "Marlins", "Dunmore Rovers", "Carrow City", "Tamberly", "Osterfield", "Greywick"):
        assert t.get(name) == {"ORG"}, name
    assert t["Chicago"] == {"ORG", "PLACE"}  # the club's coach; the city of its mayor
    assert t["Moldova"] == {"PLACE"} and t["Iceland"] == {"PLACE"}  # a national side is named by its country


def test_people_and_descriptions_stay_out_of_organisations() -> None:
    t = types("Marta Lindqvist beat Ada Okonkwo 6-3 6-4 in the final. Lindqvist spokesman Jon Bree said she "
              "was tired. The Islamist group claimed the attack. Staff held an office Christmas party. "
              "Pictures on state television showed the damage.")
    assert t["Marta Lindqvist"] == {"PERSON"} and "ORG" not in t.get("Ada Okonkwo", set())
    assert "ORG" not in t.get("Islamist", set()) and "Christmas" not in t and "Pictures" not in t


def test_brand_shaped_names_are_organisations_not_people() -> None:
    t = types("Workers fled the BrightPath Wholesale Ltd Christmas party. BrightPath claims it is the largest "
              "supplier in the region. Ian McAdam of BrightPath spoke. McAdam said sales grew.")
    assert t["BrightPath"] == {"ORG"} and t["BrightPath Wholesale Ltd"] == {"ORG"}
    assert t["Ian McAdam"] == {"PERSON"} and t["McAdam"] == {"PERSON"}


def test_acronyms_institutions_clubs_and_company_figures() -> None:
    t = types("Officials of the Tarvin Port Authority (TPA) met on Monday, and the TPA later agreed. Bond yields "
              "rose after the Treasury spoke. FC Ostheim drew at home. Analysts said Vellor's output rose "
              "5 percent. Economist Joel Marr of Carrow bank was surprised.")
    for name in ("Tarvin Port Authority", "TPA", "Treasury", "FC Ostheim", "Vellor"):
        assert t.get(name) == {"ORG"}, name
    assert not [n for n, ts in t.items() if "Marr" in n and "ORG" in ts]


def test_outlets_are_organisations() -> None:
    t = types("A statement to the Weekly Ledger said nothing. The Daily Beacon reported that the mayor was angry. "
              "The mayor told the Tarvin Globe he would resign.")
    for name in ("Weekly Ledger", "Daily Beacon", "Tarvin Globe"):
        assert t.get(name) == {"ORG"}, name


def test_the_institution_after_its_full_name_and_ranks_as_titles() -> None:
    ents = run("The Tarvin Navy said it seized a ship. A Navy spokesperson said two men were held. "
               "Commodore Nirad Sahni said the crew was safe.")
    navy = [e for e in ents if e.text == "Navy"]
    assert navy and all(e.type == "ORG" and e.canonical == "Tarvin Navy" for e in navy)
    sahni = people(ents)["Nirad Sahni"]
    assert sahni.role == "Commodore"


def test_census_given_names_widen_the_table_but_places_stay_places() -> None:
    assert gz.given_names().get("Charlene") == "f" and "Charlene" in lexicon.census_given_names()
    assert "Troy" not in gz.given_names() and "Troy" not in lexicon.census_given_names()  # a city of its own
    ps = people(run("Charlene Vostrik opened the hearing. She said it would be short. "
                    "Troy Police Chief Ana Brill agreed."))
    assert ps["Charlene Vostrik"].type == "PERSON" and ps["She"].canonical == "Charlene Vostrik"
    assert ps["Ana Brill"].role is not None and "Chief" in ps["Ana Brill"].role


def test_ships_are_neither_people_nor_organisations() -> None:
    t = types("The frigate INS Tavrik intercepted three boats. INS Tavrik said the crew was safe. Jets from the "
              "aircraft carrier Carl Vinson flew. The carrier Jet Aero cut fares.")
    assert t["INS Tavrik"] == {"OTHER"} and t["Carl Vinson"] == {"OTHER"} and t["Jet Aero"] == {"ORG"}


def test_places_from_their_kind_and_names_inside_organisations() -> None:
    t = types("Gunfire echoed in the Varosh mountains. Police in the eastern province of Tambrel told reporters. "
              "The Crimean peninsula was calm. Workers at Air Canada struck, the Mongolia Times reported.")
    assert t["Varosh"] == {"PLACE"} and t["Tambrel"] == {"PLACE"} and "PLACE" not in t.get("Crimean", set())
    assert t["Air Canada"] == {"ORG"} and t["Mongolia Times"] == {"ORG"}


def test_sentence_adverbs_and_places_of_worship() -> None:
    t = types("Currently Davor Lenski teaches in Tarvin. Crowds gathered at the Grand Mosque at dawn.")
    assert t.get("Davor Lenski") == {"PERSON"} and "Currently Davor Lenski" not in t
    assert t.get("Grand Mosque") == {"PLACE"}


def test_a_legal_form_ends_a_company_name() -> None:
    t = types("Shares of Ostra Motor Corp of South Korea rose. Vellor Inc of Tarvin said so. The Bank of Tarvin "
              "opened.")
    assert t["Ostra Motor Corp"] == {"ORG"} and t["South Korea"] == {"PLACE"}
    assert t["Vellor Inc"] == {"ORG"} and t["Tarvin"] == {"PLACE"} and t["Bank of Tarvin"] == {"ORG"}


def test_people_are_not_retyped_by_company_contexts() -> None:
    ents = run("The Kestrels' general manager A.J. Brantley said in a statement that he was sad. Coach Eddie "
               "Jordan agreed.\nKestrels Hire Maurice Oduya\nOduya, the BrightPath CEO, smiled.")
    ps = people(ents)
    assert "A.J. Brantley" in ps and ps["A.J. Brantley"].role == "general manager"
    assert "Eddie Jordan" in ps
    assert all(p.role is None for p in ps.values() if "Oduya" in p.canonical)  # 'Hire' is no title
    assert not [e for e in ents if e.type == "ORG" and ("CEO" in e.text or "Brantley" in e.text)]


def test_time_zones_and_film_titles_are_no_one() -> None:
    t = types("The show aired at 9 PM EDT after the war film. Critics praised The Notorious Ilse Varga, "
              "a film about the model Ilse Varga.")
    assert "PM EDT" not in t and "EDT" not in t
    assert all(e.role is None for e in run("Critics praised The Notorious Ilse Varga, a film.") if e.type == "PERSON")
