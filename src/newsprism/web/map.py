"""The story map, drawn server-side as SVG: country outlines, the places named, their labels.

Land is Natural Earth's 1:110m countries (public domain), shipped in the package as
data/world_110m.json (built by scripts/make_world_shapes.py from the npm package world-atlas; see
the file's "about"): no tiles, no network. The projection is equirectangular (x = lon + 180,
y = 90 - lat). Countries the story names are shaded; towns and cities get a marker sized by
mentions. Labels are placed so that no two overlap (a label that fits nowhere is left out: the page
lists every place under the map). Only numbers computed here reach the SVG; names go through the
template's autoescape.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from newsprism import lexicon

SHAPES = "world_110m.json"
WORLD = (-180.0, -60.0, 180.0, 80.0)  # the frame when no place is known
SMALL_COUNTRY = 30.0  # degrees: a named country this size or larger frames the map by its towns


class Place(NamedTuple):
    """A place to draw: its name, point, mentions and country (ISO alpha-3)."""

    name: str
    lat: float
    lon: float
    mentions: int = 1
    country: str | None = None


@dataclass
class MapMarker:
    x: float
    y: float
    r: float  # 0 for a country (shaded, no dot)
    name: str
    count: int
    label: bool = True  # whether the name is written on the map
    lx: float = 0.0  # where the label goes, and how it is anchored
    ly: float = 0.0
    anchor: str = "start"


@dataclass
class LandShape:
    name: str
    d: str  # SVG path data (rings; drawn with the even-odd rule)
    named: bool = False  # the story names this country


@dataclass
class MapPicture:
    view_box: str
    land: list[LandShape] = field(default_factory=list)
    markers: list[MapMarker] = field(default_factory=list)
    width: float = 360.0
    height: float = 180.0
    font: float = 10.0  # label size in map units
    stroke: float = 0.3  # border width in map units
    x0: float = 0.0
    y0: float = 0.0


@dataclass(frozen=True)
class _Country:
    name: str
    iso3: str | None
    box: tuple[float, float, float, float]  # west, south, east, north in degrees
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) points


@lru_cache(maxsize=1)
def countries() -> tuple[_Country, ...]:
    """The shipped country outlines, decoded once per process."""
    doc = lexicon.json_file(SHAPES)
    unit = float(doc["unit"])
    out = []
    for c in doc["countries"]:
        rings = []
        for flat in c["rings"]:
            x, y, points = 0, 0, []
            for i in range(0, len(flat) - 1, 2):
                x, y = (flat[i], flat[i + 1]) if i == 0 else (x + flat[i], y + flat[i + 1])
                points.append((x / unit, y / unit))
            rings.append(tuple(points))
        w, s, e, n = (v / unit for v in c["box"])
        out.append(_Country(name=str(c["name"]), iso3=c.get("iso3"), box=(w, s, e, n),
                            rings=tuple(rings)))
    return tuple(out)


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return lon + 180.0, 90.0 - lat


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around (lon, lat) points with a margin; the world when none."""
    if not points:
        return WORLD
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    span = max(max(lons) - min(lons), (max(lats) - min(lats)) * 1.6, 16.0)
    cx, cy = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    half_w, half_h = span * 0.65, span * 0.65 / 1.6
    return (max(cx - half_w, -180.0), max(cy - half_h, -85.0),
            min(cx + half_w, 180.0), min(cy + half_h, 85.0))


def _ring_path(ring: tuple[tuple[float, float], ...], tol: float, digits: int) -> str:
    """One ring as "M..L..Z", points closer than `tol` to the last kept one dropped."""
    kept: list[tuple[float, float]] = []
    for lon, lat in ring:
        x, y = _xy(lon, lat)
        if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= tol:
            kept.append((x, y))
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x:.{digits}f} {y:.{digits}f}" for x, y in kept) + "Z"


@lru_cache(maxsize=64)
def _land(frame: tuple[float, float, float, float]) -> tuple[tuple[str, str | None, str], ...]:
    """(name, iso3, path) of the countries that reach into the frame, simplified to its scale."""
    west, south, east, north = frame
    tol = (east - west) / 450.0
    digits = 1 if east - west > 90 else 2
    out = []
    for c in countries():
        w, s, e, n = c.box
        if e < west or w > east or n < south or s > north:
            continue
        d = "".join(_ring_path(r, tol, digits) for r in c.rings
                    if max(p[0] for p in r) - min(p[0] for p in r) + max(p[1] for p in r)
                    - min(p[1] for p in r) >= tol)
        if d:
            out.append((c.name, c.iso3, d))
    return tuple(out)


@lru_cache(maxsize=1)
def _spans() -> dict[str, float]:
    """ISO alpha-3 -> the larger side of the country's outline box, in degrees."""
    return {c.iso3: max(c.box[2] - c.box[0], c.box[3] - c.box[1]) for c in countries() if c.iso3}


def _small(iso3: str | None) -> bool:
    """Whether a country is small enough for its centre point to frame the map (Somalia is;
    Russia's centre lies in Siberia, far from whatever a story about it names)."""
    return _spans().get(iso3 or "", 360.0) < SMALL_COUNTRY


def _is_country(place: Place) -> bool:
    """Whether the place is a country itself (drawn as its shaded outline, not a dot)."""
    return bool(place.country) and lexicon.country_code(place.name) == place.country


def map_picture(places: Iterable[Place], labels: int = 10) -> MapPicture:
    """A map of the story's places: one marker per name sized by mentions, named countries shaded.

    The frame fits the places mentioned at least a quarter as often as the most mentioned one (a
    passing mention of Australia should not zoom a European story out to the world); a large
    country among them frames it only when nothing else does (its centre may lie far from the
    story); markers outside the frame are left out of the picture (the page lists every place).
    """
    merged: dict[str, Place] = {}
    for p in places:
        if -90 <= p.lat <= 90 and -180 <= p.lon <= 180 and p.mentions > 0:
            old = merged.get(p.name)
            merged[p.name] = p if old is None else old._replace(mentions=old.mentions + p.mentions)
    top = max((p.mentions for p in merged.values()), default=0)
    core = [p for p in merged.values() if p.mentions * 4 >= top]
    framing = [p for p in core if not _is_country(p) or _small(p.country)] or core
    west, south, east, north = _bounds([(p.lon, p.lat) for p in framing])
    width, height = east - west, north - south
    x0, y0 = _xy(west, north)
    font = round(width / 40.0, 3)  # about 16 px on a desktop (the map is at most 420 px tall), 9 on a phone
    named = {p.country for p in merged.values() if p.country}
    land = [LandShape(name=name, d=d, named=iso3 in named)
            for name, iso3, d in _land((round(west, 2), round(south, 2), round(east, 2), round(north, 2)))]
    markers = []
    for p in sorted(merged.values(), key=lambda p: (-p.mentions, p.name)):
        if not (west <= p.lon <= east and south <= p.lat <= north):
            continue
        x, y = _xy(p.lon, p.lat)
        r = 0.0 if _is_country(p) else width / 360.0 * (2 + math.sqrt(p.mentions))
        markers.append(MapMarker(x=round(x, 3), y=round(y, 3), r=round(r, 3), name=p.name,
                                 count=p.mentions))
    place_labels(markers, font, (x0, y0, x0 + width, y0 + height), labels)
    return MapPicture(view_box=f"{x0:.2f} {y0:.2f} {width:.2f} {height:.2f}", land=land,
                      markers=markers, width=width, height=height, font=font,
                      stroke=round(width / 900.0, 3), x0=x0, y0=y0)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_box(mk: MapMarker, font: float) -> Box:
    """The box a marker's label covers (text width estimated from its length)."""
    w = 0.64 * font * len(mk.name)  # generous: an overlap is worse than a missing label
    left = {"start": mk.lx, "end": mk.lx - w}.get(mk.anchor, mk.lx - w / 2)
    return left, mk.ly - 0.8 * font, left + w, mk.ly + 0.25 * font


def place_labels(markers: list[MapMarker], font: float, frame: Box, limit: int) -> None:
    """Label the first `limit` markers where the label overlaps no other label or dot and stays
    in the frame: right of the dot, else left, above or below; a label that fits nowhere is
    dropped (`label` False)."""
    dots = [(m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r) for m in markers if m.r > 0]
    placed: list[Box] = []
    for rank, mk in enumerate(markers):
        mk.label = False
        if rank >= limit:
            continue
        gap = mk.r + font * 0.3
        options = ([(mk.x, mk.y + font * dy, "middle") for dy in (0.35, 1.5, -0.8)] if mk.r == 0 else
                   [(mk.x + gap, mk.y + font * 0.35, "start"), (mk.x - gap, mk.y + font * 0.35, "end"),
                    (mk.x, mk.y - gap, "middle"), (mk.x, mk.y + gap + font * 0.8, "middle")])
        own = (mk.x - mk.r, mk.y - mk.r, mk.x + mk.r, mk.y + mk.r)
        for lx, ly, anchor in options:
            mk.lx, mk.ly, mk.anchor = round(lx, 3), round(ly, 3), anchor
            box = label_box(mk, font)
            inside = box[0] >= frame[0] and box[2] <= frame[2] and box[1] >= frame[1] and box[3] <= frame[3]
            if inside and not any(_overlaps(box, o) for o in placed) and \
                    not any(_overlaps(box, d) for d in dots if d != own):
                placed.append(box)
                mk.label = True
                break
