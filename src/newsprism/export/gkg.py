"""GKG 2.1 rows (27 columns) from one stored article's step outputs, with GKG's own delimiters.

Blocks are separated by ";" (quotations by "#"), fields inside a block by "#" (locations, counts,
dates), "," (names with offsets, amounts) or "|" (quotations). Delimiter characters inside values
are replaced by spaces so every row reads back with the published column list.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from newsprism.export.gdelt import added, clean, geo_fields, source_name, stamp
from newsprism.export.tables import Stored
from newsprism.export.tone import tone
from newsprism.records import DateMention, Entity, Figure, Place, Quote

# GKG count types for what a figure counts (written for newsprism; GKG's own list is larger).
COUNT_TYPES = {
    "killed": "KILL", "dead": "KILL", "deaths": "KILL", "died": "KILL", "fatalities": "KILL",
    "wounded": "WOUND", "injured": "WOUND", "injuries": "WOUND", "arrested": "ARREST",
    "arrests": "ARREST", "detained": "ARREST", "kidnapped": "KIDNAP", "abducted": "KIDNAP",
    "hostages": "KIDNAP", "protesters": "PROTEST", "demonstrators": "PROTEST", "refugees": "REFUGEES",
    "displaced": "DISPLACED", "evacuated": "EVACUATION", "troops": "MILITARY", "soldiers": "MILITARY",
}
_WORDS = re.compile(r"\w+")


def _count_type(obj: str | None) -> str | None:
    for word in _WORDS.findall((obj or "").lower()):
        if word in COUNT_TYPES:
            return COUNT_TYPES[word]
    return None


def counts(figures: list[Figure], enhanced: bool) -> str:
    """V1COUNTS / V2.1COUNTS: CountType#Number#ObjectType#<7 location fields>[#Offset];..."""
    blocks = []
    for f in figures:
        kind = _count_type(f.object)
        if kind is None:
            continue
        fields = [kind, f"{f.value:g}", clean(f.object, "#;,"), "", "", "", "", "", "", ""]
        if enhanced:
            fields.append(str(f.start))
        blocks.append("#".join(fields))
    return ";".join(blocks)


def locations(places: list[Place], enhanced: bool) -> str:
    """V1LOCATIONS (Type#FullName#CountryCode#ADM1Code#Lat#Long#FeatureID) and V2 (+ADM2, offset)."""
    blocks: list[str] = []
    seen: set[str] = set()
    for p in places:
        geo = geo_fields(p.name, p.country, p.lat, p.lon, p.geonameid)
        if geo[0] == "0":
            continue  # no country (a continent, an ocean): GDELT has no type for it
        if not enhanced:
            key = geo[1]
            if key in seen:
                continue
            seen.add(key)
            blocks.append("#".join([geo[0], geo[1], geo[2], geo[3], geo[5], geo[6], geo[7]]))
        else:
            blocks.append("#".join([*geo, str(p.start)]))
    return ";".join(blocks)


def names(entities: list[Entity], types: set[str], enhanced: bool) -> str:
    """V1PERSONS / V1ORGANIZATIONS (name;...) and the V2 forms (name,offset;...)."""
    out: list[str] = []
    seen: set[str] = set()
    for e in entities:
        if e.type not in types:
            continue
        name = clean(e.canonical or e.text, ",;#")
        if enhanced:
            out.append(f"{name},{e.start}")
        elif name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return ";".join(out)


def enhanced_dates(dates: list[DateMention]) -> str:
    """V2.1ENHANCEDDATES: Resolution#Month#Day#Year#Offset;... (1 year, 3 full date, 4 month)."""
    blocks = []
    for d in dates:
        value = d.value or ""
        parts = value.split("-")
        if len(parts[0]) != 4 or not all(x.isdigit() for x in parts):
            continue
        if len(parts) == 3:
            res, month, day = "3", parts[1], parts[2]
        elif len(parts) == 2:
            res, month, day = "4", parts[1], "0"
        else:
            res, month, day = "1", "0", "0"
        blocks.append("#".join([res, str(int(month)), str(int(day)), parts[0], str(d.start)]))
    return ";".join(blocks)


def quotations(quotes: list[Quote]) -> str:
    """V2.1QUOTATIONS: Offset|Length|Verb|Quote#... (direct quotes)."""
    blocks = []
    for q in quotes:
        if q.kind != "direct":
            continue
        text = clean(q.text, "|#")
        blocks.append("|".join([str(q.start), str(len(text)), clean(q.cue, "|#"), text]))
    return "#".join(blocks)


def amounts(figures: list[Figure]) -> str:
    """V2.1AMOUNTS: Amount,Object,Offset;..."""
    return ";".join(f"{f.value:g},{clean(f.object or f.unit, ',;#')},{f.start}" for f in figures)


def extras_xml(item: Stored) -> str:
    art = item.article
    parts = []
    if art.title:
        parts.append(f"<PAGE_TITLE>{escape(clean(art.title))}</PAGE_TITLE>")
    if art.authors:
        parts.append(f"<PAGE_AUTHORS>{escape(clean(', '.join(art.authors)))}</PAGE_AUTHORS>")
    return "".join(parts)


def gkg_row(item: Stored, n: int) -> list[str]:
    """One GKG 2.1 record for one article; `n` numbers records within the export."""
    art, out = item.article, item.analysis
    when = stamp(art.published) or added(item)
    ents, figs = out.entities, out.figures
    words = len(_WORDS.findall(art.text))
    return [
        f"{when}-{n}", when, "1", clean(source_name(item)), clean(art.url or art.source),
        counts(figs, False), counts(figs, True), "", "",
        locations(out.places, False), locations(out.places, True),
        names(ents, {"PERSON"}, False), names(ents, {"PERSON"}, True),
        names(ents, {"ORG"}, False), names(ents, {"ORG"}, True),
        tone(art.text).gkg(), enhanced_dates(out.dates), f"wc:{words}", "", "", "", "",
        quotations(out.quotes), names(ents, {"PERSON", "ORG", "OTHER"}, True),
        amounts(figs), "", extras_xml(item),
    ]

