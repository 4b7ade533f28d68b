"""One lexicon layer: each lexicon has one home, so two callers cannot disagree about a word."""

from __future__ import annotations

from importlib import resources

from newsprism import lexicon


def test_one_given_names_table_for_entities_and_quotes() -> None:
    from newsprism.analyze import gazetteer
    from newsprism.analyze.quote_context import lexicon as speech_lexicon

    table = lexicon.given_names()
    assert gazetteer.given_names() is table  # entities read this very table
    marked = {name: g for name, g in table.items() if g in ("m", "f")}
    assert speech_lexicon().gender == marked  # so quotes resolve he/she as entities do
    data = {p.name for p in resources.files("newsprism.data").iterdir()}
    assert "given_names.tsv" in data and "given_names.json" not in data
    assert lexicon.gender_of("Magdalena") == "f" and lexicon.gender_of("Zyxwq") is None


def test_one_country_lookup() -> None:
    from newsprism.analyze.gazetteer import country_code as analyse_lookup
    from newsprism.ingest.meta import country_code as dateline_lookup

    for name in ("Russia", "the United Kingdom", "Germany", "Brazil"):
        assert dateline_lookup(name) == analyse_lookup(name) == lexicon.country_code(name)
    assert lexicon.country_code("Russia") == "RUS"
    assert lexicon.country_code("Atlantis Minor") is None


def test_one_month_table() -> None:
    from newsprism.analyze import dates
    from newsprism.ingest import meta
    from newsprism.stories import view_dates

    assert dates.MONTHS is meta.MONTHS is view_dates._MONTHS is lexicon.months()


def test_months_from_the_standard_library() -> None:
    months = lexicon.months()
    assert months["january"] == 1 and months["sep"] == months["sept"] == 9 and months["dec"] == 12
    assert len(set(months.values())) == 12
    assert lexicon.month_pattern().startswith("September")  # longest first


def test_one_speech_verb_list_for_quotes_and_story_views() -> None:
    from newsprism.analyze.quote_context import lexicon as speech_lexicon
    from newsprism.stories.view_facts import lexicon as view_lexicon

    verbs = lexicon.speech_verbs()
    assert {v.split()[0] for v in verbs} <= speech_lexicon().cue_first
    view_speech = view_lexicon().speech
    assert all(tuple(v.split()) in view_speech for v in verbs)
    assert not [w for (w, *_) in view_speech - {tuple(v.split()) for v in verbs} if w.endswith("ed")]


def test_one_roles_table_for_entities_and_quotes() -> None:
    from newsprism.analyze.quote_context import lexicon as speech_lexicon

    heads = lexicon.role_heads()
    assert "prime minister" in heads and "former" not in heads  # a lead word, not a role
    assert heads <= speech_lexicon().roles  # "the minister said" names a role speaker
    role_words = {w for row in lexicon.roles() for w in row[0].split()}
    assert role_words <= speech_lexicon().titles  # "Foreign Minister X": title words before a name
    assert not role_words & set(lexicon.json_file("speech_verbs.json")["name_titles"])  # no copies


def test_speech_verbs_and_roles_are_loaded_once() -> None:
    assert "said" in lexicon.speech_verbs()
    assert lexicon.roles() is lexicon.roles() and lexicon.roles()
    assert lexicon.rows("roles.tsv") is lexicon.roles()


def test_data_files_are_read_only_by_the_lexicon_layer() -> None:
    import re
    from pathlib import Path

    import newsprism

    src = Path(newsprism.__file__).parent
    reader = re.compile(r'files\("newsprism\.data"\)\.joinpath\([^)]*\)\.read_text|"data" / "[^"]+\.(?:tsv|json|txt)"')
    offenders = [str(p.relative_to(src)) for p in src.rglob("*.py")
                 if p.name != "lexicon.py" and reader.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
