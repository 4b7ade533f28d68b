"""GDELT 2.0 Events (61 columns), Mentions (16) and GKG 2.1 (27): tab-separated, no header.

Rows are lists of strings in the published column order. Events with the same actors, code, date
and place across the selected articles become one event row (GDELT's NumMentions/NumSources/
NumArticles count them: `Seen`); each occurrence is a Mentions row. The rows are made here, one
at a time; export/gdelt_stream.py reads the store and counts the mentions without holding it.
What newsprism cannot derive (themes, images, ADM2 codes) is an empty field.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from newsprism.analyze import gazetteer
from newsprism.analyze.actors import is_igo
from newsprism.errors import ExportError
from newsprism.export.geo import geo_fields
from newsprism.export.tables import Stored
from newsprism.ingest.checks import url_host
from newsprism.records import Actor, Event, Place

log = logging.getLogger(__name__)

EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
GKG_COLUMNS = [
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER", "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS", "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
]
# CAMEO known-group codes for the intergovernmental organisations whose code differs from ours.
KNOWN_GROUPS = {"UN": "UNO", "EU": "EEC", "NATO": "NAT", "WB": "WBK", "AU": "AFU", "ARL": "ARL"}
_CONTROL = re.compile(r"[\t\r\n]+")


def clean(value: Any, banned: str = "") -> str:
    """A field value: no tabs or newlines, none of the format's delimiters in `banned`."""
    if value is None:
        return ""
    text = _CONTROL.sub(" ", str(value))
    for ch in banned:
        text = text.replace(ch, " ")
    return text.strip()


def _num(value: float) -> str:
    return f"{value:g}"


def stamp(value: str | None) -> str:
    """YYYYMMDDHHMMSS from an ISO date or datetime ('' when unknown)."""
    digits = re.sub(r"\D", "", value or "")[:14]
    return digits.ljust(14, "0") if len(digits) >= 8 else ""


def event_id(*parts: Any) -> int:
    """A stable 60-bit id: the same event exported twice gets the same GLOBALEVENTID."""
    key = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return int(hashlib.sha1(key).hexdigest()[:15], 16)


# ---------------------------------------------------------------- geography


def _place_record(item: Stored, name: str | None) -> Place | None:
    if not name:
        return None
    return next((p for p in item.analysis.places if p.name == name), None)


def _action_geo(item: Stored, event: Event) -> list[str]:
    place = _place_record(item, event.place)
    if place is not None:
        return geo_fields(place.name, place.country, place.lat, place.lon, place.geonameid)
    return geo_fields(event.place, gazetteer.country_code(event.place) if event.place else None)


# ---------------------------------------------------------------- actors


def actor_fields(actor: Actor | None) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1, Religion2, Type1-3."""
    if actor is None or not (actor.code or actor.sector):
        return [""] * 10
    code, sector = actor.code or "", actor.sector or ""
    if is_igo(code):
        group = KNOWN_GROUPS.get(code, code)
        return ["IGO" + group, clean(actor.text.upper()), "", group, "", "", "", sector, "", ""]
    name = gazetteer.country_names().get(code, actor.text) if len(code) == 3 else actor.text
    country = code if len(code) == 3 and code.isalpha() else ""
    return [code + sector, clean(name.upper()), country, "", "", "", "", sector, "", ""]


def _actor_geo(actor: Actor | None) -> list[str]:
    if actor is None or not actor.code or is_igo(actor.code):
        return geo_fields(None, None)
    return geo_fields(None, actor.code)


# ---------------------------------------------------------------- events and mentions


def event_key(ev: Event) -> tuple[Any, ...]:
    """What makes two coded events one GDELT event: actors' codes, CAMEO code, date and place."""
    return (ev.source.code if ev.source else None, ev.target.code if ev.target else None,
            ev.cameo, ev.date, ev.place)


@dataclass(frozen=True)
class Seen:
    """How one GDELT event was reported across the selection."""

    gid: int
    mentions: int
    sources: int
    articles: int
    tone: float | None  # mean tone of the distinct articles mentioning it


def _as_date(value: str | None) -> date | None:
    """A full date from an ISO date or datetime, or from 14/8 GDELT digits; None otherwise."""
    text = (value or "").strip()
    try:
        if len(text) >= 10 and text[4] == "-":
            return date.fromisoformat(text[:10])
        if len(text) >= 8 and text[:8].isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    return None


def _dates(*values: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate of the first value that is a full date: the event's
    date, else the article's publication date, else the date added (GDELT's order). FractionDate
    is YEAR + (MONTH * 30 + DAY) / 365, as GDELT computes it."""
    for value in values:
        d = _as_date(value)
        if d is not None:
            fraction = d.year + (d.month * 30 + d.day) / 365.0
            return [d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year), f"{fraction:.4f}"]
    raise ExportError("an event has no date, no publication date and no date added (a bug in the store)")


def added(item: Stored) -> str:
    """DATEADDED: when the article was added to the store (YYYYMMDDHHMMSS), else its publication."""
    return stamp(item.ingested_at) or stamp(item.article.published) or \
        datetime.now(UTC).strftime("%Y%m%d%H%M%S")


def event_row(item: Stored, ev: Event, seen: Seen) -> list[str]:
    """The Events row of an event first seen as `ev` in `item`."""
    sentences = item.analysis.sentences
    is_root = "1" if ev.start <= (sentences[0].start if sentences else 0) else "0"
    return [str(seen.gid), *_dates(ev.date, item.article.published, item.ingested_at),
            *actor_fields(ev.source), *actor_fields(ev.target),
            is_root, ev.cameo, ev.cameo[:3], ev.cameo[:2], str(ev.quad_class), _num(ev.goldstein),
            str(seen.mentions), str(seen.sources), str(seen.articles),
            "" if seen.tone is None else _num(round(seen.tone, 4)),
            *_actor_geo(ev.source), *_actor_geo(ev.target), *_action_geo(item, ev),
            added(item), clean(item.article.url or item.article.source)]


def source_name(item: Stored) -> str:
    """The outlet an article counts for in NumSources, MentionSourceName and GKG's common name, as
    the story pages count outlets: its name, the outlet its dateline names, its web host without
    `www.` (GDELT's form), its agency; "" when none is known (or the stored URL is malformed)."""
    art = item.article
    host = (url_host(art.url) or "").removeprefix("www.")
    return art.outlet or (art.dateline.outlet if art.dateline else None) or host or art.agency or ""


def _sentence_id(item: Stored, offset: int) -> int:
    return sum(1 for s in item.analysis.sentences if s.start <= offset) or 1


def mention_row(item: Stored, ev: Event, gid: int, event_time: str, doc_tone: float) -> list[str]:
    """The Mentions row of one occurrence of event `gid` (first added at `event_time`)."""
    art = item.article
    both = ev.source is not None and ev.target is not None
    offsets = [str(a.start) if a is not None and a.start is not None else "-1" for a in (ev.source, ev.target)]
    return [str(gid), event_time, stamp(art.published) or added(item), "1", clean(source_name(item)),
            clean(art.url or art.source), str(_sentence_id(item, ev.start)), *offsets, str(ev.start), "1",
            "100" if both else "50", str(len(art.text)), _num(round(doc_tone, 4)), "", ""]
