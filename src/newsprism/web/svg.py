"""The story timeline drawn server-side as SVG data (the map is web/map.py).

Only numbers computed here reach the SVG; texts go through the template's autoescape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date


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
    """The day of an ISO date; None for a year or month alone ("2014" is not 1 January 2014,
    so it is listed under the picture, never drawn at the start of its year)."""
    parts = (value or "").split("-")
    if len(parts) < 3:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
    except ValueError:
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

    Only entries dated to a day within the busiest `window_days` are drawn (background dates
    years away would squash the story into one pixel); `undated` counts the entries left out of
    the picture (no day, or outside that window).
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
