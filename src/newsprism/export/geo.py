"""GDELT geography blocks: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.

GDELT's geo types all sit inside a country: 1 country, 2 US state, 3 US city, 4 world city,
5 world state (a province); 0 means no location. A place with no country (a continent, an ocean) gets no block rather
than a wrong one. Every typed block carries coordinates (the gazetteer's point, else the country's
reference point), the FIPS 10-4 country code, an ADM1 code where the gazetteer knows one (FIPS
country code + the GeoNames first-level code: "USTX" for Texas, "UP14"; the country code alone
for a country or a province whose code is unknown) and a feature id: the GeoNames id of a city or
state, the FIPS code of a country (as GDELT uses it), the ADM1 code of a province the gazetteer
has no id for. A town or site with no GeoNames id (a street, a hotel the places step placed) is
not anchored to a gazetteer entry, so only its country is exported (Type 1).
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from newsprism.analyze import gazetteer

log = logging.getLogger(__name__)

EMPTY = ["0", "", "", "", "", "", "", ""]  # GDELT writes type 0 for "no location"


@cache
def _fips() -> dict[str, str]:
    return {c["iso3"]: c.get("fips", "") for c in gazetteer.geonames().get_countries().values()}


def fips(iso3: str | None) -> str:
    """FIPS 10-4 country code (GDELT's geography codes) for an ISO alpha-3 code."""
    return _fips().get(iso3 or "", "")


@cache
def _us_states() -> dict[str, tuple[str, int]]:
    """US state name (key form) -> (postal code, GeoNames id)."""
    return {gazetteer.norm_key(s["name"]): (s["code"], int(s["geonameid"]))
            for s in gazetteer.geonames().get_us_states().values()}


@cache
def _cities_by_id() -> dict[int, gazetteer.City]:
    table: dict[int, gazetteer.City] = {}
    for entries in gazetteer.cities().values():
        for city in entries:
            table.setdefault(city.geonameid, city)
    return table


def country_point(iso3: str | None) -> tuple[float, float] | None:
    """The reference point of a country (places' table), or None when it has none."""
    from newsprism.analyze.places import country_points

    return country_points().get(iso3 or "")


def _num(value: float) -> str:
    return f"{round(value, 5):g}"


def _kind(name: str, country: str, feature: int | None) -> tuple[str, str, str]:
    """(GDELT geo type, ADM1 code, feature id) of a named place in `country`."""
    code = fips(country)
    if gazetteer.country_code(name) == country:
        return "1", code, code
    state = _us_states().get(gazetteer.norm_key(name)) if country == "USA" else None
    if state is not None:
        return "2", f"US{state[0]}", str(state[1])
    city = _cities_by_id().get(feature) if feature else None
    if city is None and gazetteer.region_country(name) == country:
        return "5", code, str(feature or code)  # a province the gazetteer has no id for: its ADM1 code
    if not feature:  # a town or site no gazetteer entry anchors: only its country is known
        return "1", code, code
    adm1 = f"{code}{city.admin1}" if city is not None and city.admin1 else code
    return ("3" if country == "USA" else "4"), adm1, str(feature)


def _full_name(kind: str, name: str, country: str, adm1: str) -> str:
    cname = gazetteer.country_names().get(country, country)
    if kind == "1":
        return cname
    if kind == "3" and adm1.startswith("US") and len(adm1) == 4:
        state = next((n for n, (code, _gid) in _us_states().items() if code == adm1[2:]), "")
        return f"{name}, {state.title()}, {cname}" if state else f"{name}, {cname}"
    return f"{name}, {cname}"


def geo_fields(name: str | None, country: str | None, lat: Any = None, lon: Any = None,
               feature: Any = None) -> list[str]:
    """The eight fields of one GDELT location block; all empty when there is no country."""
    if not country or not fips(country):
        return list(EMPTY)
    if not name:
        name = gazetteer.country_names().get(country, country)
        lat = lon = feature = None
    kind, adm1, feat = _kind(name, country, int(feature) if feature else None)
    if kind == "1":
        lat = lon = None  # a country stands at its reference point, whatever the mention said
    if lat is None or lon is None:
        point = country_point(country)
        if point is None:
            return list(EMPTY)
        lat, lon = point
    full = _full_name(kind, name, country, adm1).replace("#", " ").replace(";", " ")
    return [kind, full, fips(country), adm1, "", _num(float(lat)), _num(float(lon)), feat]
