"""Places: toponyms geocoded offline, disambiguated by the article's countries and dateline."""

from __future__ import annotations

from pathlib import Path

from newsprism.analyze.entities import extract
from newsprism.analyze.places import PlacesStep, locate
from newsprism.analyze.sentences import split
from newsprism.records import Article, Dateline, Place


def run(text: str, dateline: Dateline | None = None) -> list[Place]:
    art = Article(id="p", source="p", text=text, dateline=dateline)
    return locate(art, extract(art, split(text)))


def by_text(places: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in places}


def test_cities_and_countries_geocoded() -> None:
    ps = by_text(run("Troops gathered near Minsk while talks went on in Moscow and Kiev. Belarus said no."))
    assert ps["Minsk"].country == "BLR" and ps["Minsk"].geonameid == 625144
    assert ps["Moscow"].country == "RUS" and abs(ps["Moscow"].lat - 55.75) < 0.1
    assert ps["Kiev"].name == "Kyiv" and ps["Kiev"].country == "UKR"
    assert ps["Belarus"].country == "BLR" and ps["Belarus"].lat is not None


def test_context_disambiguates_same_names() -> None:
    uk = by_text(run("Police in Britain said the man was arrested in Birmingham. England was calm."))
    us = by_text(run("Police in Alabama said the man was arrested in Birmingham. Alabama was calm."))
    assert uk["Birmingham"].country == "GBR"
    assert us["Birmingham"].country == "USA"


def test_dateline_country_and_folded_spelling() -> None:
    ps = by_text(run("Officials spoke in the frontline town of Kupiansk.",
                     Dateline(text="KUPYANSK, Ukraine", place="Kupiansk", country="UKR")))
    assert ps["Kupiansk"].country == "UKR" and ps["Kupiansk"].name == "Kupyansk"  # one town, two spellings
    assert ps["Kupiansk"].lat is not None and 49 < ps["Kupiansk"].lat < 50.5


def test_regions_keep_their_name_and_offsets_hold() -> None:
    text = "Russia annexed Crimea in 2014."
    ps = run(text)
    crimea = by_text(ps)["Crimea"]
    assert crimea.name == "Crimea" and crimea.country == "UKR"
    for p in ps:
        assert text[p.start:p.end] == p.text


def test_step_and_nothing_found() -> None:
    art = Article(id="n", source="n", text="nothing to see here.")
    assert PlacesStep().run(art, {"entities": []}) == []
    assert run("the cat sat on the mat.") == []


def test_seed_places(seeds_dir: Path, gold: dict) -> None:
    found: set[str] = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        found.update(p.name for p in run(path.read_text(encoding="utf-8")) if p.lat is not None)
    assert {"Moscow", "Kyiv", "Minsk", "Ukraine", "Russia", "Belarus"} <= found


def test_adjectives_and_embedded_places() -> None:
    text = "Russian troops moved while the Toronto Police Service and English speakers watched."
    ps = by_text(run(text))
    assert ps["Russian"].name == "Russia" and ps["Russian"].country == "RUS"
    assert ps["Toronto"].country == "CAN"
    assert "English" not in ps
    assert all(text[p.start:p.end] == p.text for p in ps.values())


def test_seas_and_regions_have_points() -> None:
    ps = by_text(run("Warships sailed from the Black Sea to the Mediterranean past Crimea."))
    assert ps["Black Sea"].lat is not None and ps["Crimea"].country == "UKR"
    assert ps["Mediterranean"].country is None and ps["Mediterranean"].lat is not None


def test_streets_take_the_dateline_city_and_exonyms_keep_their_sound() -> None:
    ps = by_text(run("Crowds gathered on Frenchmen Street late on Friday.",
                     Dateline(text="NEW ORLEANS", place="New Orleans", country="USA")))
    street = ps["Frenchmen Street"]
    assert street.lat is not None and abs(street.lat - 29.95) < 0.5 and street.geonameid is None
    from newsprism.analyze import gazetteer as gz

    assert gz.best_city("Wien").name == "Vienna" and gz.best_city("Kiev").name == "Kyiv"
    city = gz.best_city("Garden City")
    assert city is None or city.country != "SGP"
