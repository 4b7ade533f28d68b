"""The figures step: values, units, qualifiers, objects and claimants; what is not a figure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.analyze.figures import FiguresStep, find_figures, words_to_number
from newsprism.analyze.sentences import split
from newsprism.records import Article, Entity, article_id


def _one(text: str) -> tuple[float, str | None, str | None, str | None]:
    figs = find_figures(text, split(text))
    assert len(figs) == 1, figs
    f = figs[0]
    return f.value, f.unit, f.qualifier, f.object


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army has more than 120,000 soldiers there.", (120000, None, "more than", "soldiers")),
        ("Moscow moved up to 25,000 troops north.", (25000, None, "up to", "troops")),
        ("Polls give her 64 percent of the vote.", (64, "percent", None, "vote")),
        ("They have 65 percent of the trucks and fuel needed.", (65, "percent", None, "trucks and fuel")),
        ("Polls give her 64% of the vote.", (64, "percent", None, "vote")),
        ("Sixty-two percent said yes.", (62, "percent", None, None)),
        ("It lies about 180-km from the capital.", (180, "km", "about", None)),
        ("They will hold twelve days of exercises.", (12, "day", None, "exercises")),
        ("A 10-day drill starts soon.", (10, "day", None, "drill")),
        ("Congress approved $3 billion in aid.", (3e9, "USD", None, None)),
        ("The fund holds €1.5 million for repairs.", (1.5e6, "EUR", None, None)),
        ("The deal is worth 40 million euros overall.", (4e7, "EUR", None, None)),
        ("Some 4,000 residents fled the town.", (4000, None, "some", "residents")),
        ("An estimated 9,000 workers joined the strike.", (9000, None, "estimated", "workers")),
        ("Nearly 300 flights were cancelled.", (300, None, "nearly", "flights")),
        ("Three more warships sailed in.", (3, None, None, "warships")),
        ("It costs 2.5bn dollars a year.", (2.5e9, "USD", None, None)),
    ],
)
def test_figure_fields(text: str, expected: tuple[float, str | None, str | None, str | None]) -> None:
    value, unit, qualifier, obj = _one(text)
    assert (value, unit, qualifier) == expected[:3]
    if expected[3] is not None:
        assert obj is not None and expected[3] in obj


@pytest.mark.parametrize(
    "text",
    [
        "The S-400 and SU-35 systems arrived for Northern Anvil-2022.",
        "Russia annexed Crimea in 2014.",
        "The exercises end on 20 February and resume Feb. 21.",
        "The meeting starts at 10:30 a.m. local time.",
        "He came 3rd in the race and was the 21st speaker.",
        "The 45-year-old mayor resigned.",
        "One of the officials declined to comment.",
        "The Selwick Line 2 pipeline is finished.",
        "Crowds chanted in the 1990s.",
        "Unity is a two-way street in a three-way race.",
    ],
)
def test_not_figures(text: str) -> None:
    assert find_figures(text, split(text)) == []


def test_words_to_number() -> None:
    assert words_to_number("two hundred and forty-five") == 245
    assert words_to_number("Sixty-two") == 62
    assert words_to_number("a dozen") == 12
    assert words_to_number("three thousand") == 3000


def test_offsets_and_text_agree() -> None:
    text = "Officials said more than 90,000 soldiers and 70 percent of the equipment were ready."
    for f in find_figures(text, split(text)):
        assert text[f.start:f.end] == f.text


def _ent(text: str, surface: str, canonical: str, type_: str = "PERSON") -> Entity:
    start = text.index(surface)
    return Entity(text=surface, type=type_, canonical=canonical, start=start, end=start + len(surface))  # type: ignore[arg-type]


def test_claimant_from_reporting_clause() -> None:
    text = "Defence Minister Anna Petrenko said Russia has massed 95,000 troops in the region."
    ents = [_ent(text, "Anna Petrenko", "Anna Petrenko")]
    (fig,) = find_figures(text, split(text), ents)
    assert (fig.value, fig.source) == (95000, "Anna Petrenko")


def test_claimant_after_the_claim_and_group_claimants() -> None:
    text = "About 40,000 troops are on the border, Petrenko said. US officials said 60 percent is ready."
    ents = [_ent(text, "Petrenko", "Anna Petrenko")]
    figs = find_figures(text, split(text), ents)
    assert [(f.value, f.source) for f in figs] == [(40000, "Anna Petrenko"), (60, "US officials")]


def test_no_claimant_when_nobody_claims() -> None:
    text = "The river is 210 km long."
    assert find_figures(text, split(text))[0].source is None


def test_step_contract() -> None:
    text = "NATO said 30,000 troops are in the country."
    article = Article(id=article_id(text), source="t", text=text)
    ents = [_ent(text, "NATO", "NATO", "ORG")]
    (fig,) = FiguresStep().run(article, {"sentences": split(text), "entities": ents})
    assert (fig.value, fig.source) == (30000, "NATO")
    assert FiguresStep.requires == ("sentences", "entities")


_PIECES = st.sampled_from([
    "1", "0", ",", ".", "000", "$", "\u20ac", " million", " percent", "%", "-km", "-day", " more than ",
    " up to ", "ten", "Sixty", "-", "two", " hundred", " and ", " a dozen ", " S-400 ", " Feb. ", " 20 ",
    " 2014 ", ":", " said ", " troops", " in ", "\n", "bn", " of the ", "US$"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_any_text_gives_valid_figures(pieces: list[str]) -> None:
    text = "".join(pieces)
    for f in find_figures(text, split(text)):
        assert text[f.start:f.end] == f.text
        assert f.value == f.value and f.value >= 0  # a number, not NaN


def test_figure_inside_a_quote_is_claimed_by_its_speaker() -> None:
    text = '"We moved 5,000 troops to the north. It was hard work," Pavel Orlov said.'
    ents = [_ent(text, "Pavel Orlov", "Pavel Orlov")]
    (fig,) = find_figures(text, split(text), ents)
    assert (fig.value, fig.source) == (5000, "Pavel Orlov")


@pytest.mark.parametrize("text", ["He served 2 1/2 years in jail.", "He served 2-1/2 years in jail.",
                                  "He served 2\u00bd years in jail.", "He served two and a half years in jail."])
def test_a_mixed_fraction_is_read_whole(text: str) -> None:
    [fig] = find_figures(text)
    assert (fig.value, fig.unit) == (2.5, "year")
    assert fig.text.endswith("years")


def test_magnitudes_read_as_magnitudes() -> None:
    found = find_figures("A magnitude 5.6 quake hit; it was later put at 5.4 in magnitude.")
    assert [(f.value, f.unit) for f in found] == [(5.6, "magnitude"), (5.4, "magnitude")]
