"""Claims in a journalist's words: values as written ("at least 40", "2 in 3"), and the reason for
each verdict naming the outlets, what each says and when."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from newsprism.stories.view_facts import Fact
from newsprism.stories.view_text import Roots, unique

if TYPE_CHECKING:
    from newsprism.stories.claims_values import Value

Meta = Mapping[str, tuple[str, str | None]]  # article id -> (outlet, published)
_DURATIONS = ("day", "week", "month", "year", "hour", "minute")


def number_text(value: float, unit: str | None) -> str:
    """A number as a reader writes it: "30,000", "70%", "12 days", "3.5 billion USD", "4.2
    billion crowns"."""
    if unit == "ratio":
        return f"{value:.0%} (as a share)"
    n = _scaled(value)
    if unit in (None, "count"):
        return n
    if unit == "percent":
        return f"{n}%"
    if unit == "magnitude":
        return f"magnitude {n}"
    if len(unit) == 3 and unit.isalpha() and unit not in _DURATIONS:
        return f"{n} {unit.upper()}"  # a currency code
    plural = value != 1 and unit.isalpha() and len(unit) > 3 and not unit.endswith("s")
    return f"{n} {unit}s" if plural or (unit in _DURATIONS and value != 1) else f"{n} {unit}"


def _scaled(value: float) -> str:
    """A number as papers print it: "30,000", "2.5", "4.2 billion", "600 million"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size and round(value / size, 3) == value / size:
            return f"{value / size:g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def value_text(f: Fact) -> str:
    if f.kind == "figure":
        if f.unit == "ratio" or f.high is not None or f.key[1] == "distance":
            return " ".join(f.text.split())  # as written: "2,000ft" rather than "609.6 m"
        return number_text(f.number, f.unit)
    if f.weekday and not f.date:
        return f.weekday
    return f"{f.date} ({f.weekday})" if f.weekday and f.date else str(f.date)


def show(f: Fact) -> str:
    """A value as a reader says it: qualifier, number and unit, or the date as written."""
    if f.kind in ("place", "name"):
        return repr(f.text)
    if f.kind == "date":
        return f"{f.text.strip()!r} = {value_text(f)}" if f.date else repr(f.text.strip())
    if f.unit == "ratio" or f.high is not None or f.key[1] == "distance":
        return value_text(f)
    return " ".join(x for x in (f.qualifier, value_text(f)) if x)


def _n(k: int) -> str:
    return f"{k} source" if k == 1 else f"{k} sources"


def who(articles: Iterable[str], roots: Roots, meta: Meta) -> str:
    """The outlets behind a value ("Daily Lantern and Valdoria Today"), else "2 sources"."""
    ids = list(articles)
    names = unique(meta[a][0] for a in ids if a in meta and meta[a][0] != "unknown")
    if not names:
        return _n(roots.count(ids))
    if len(names) > 3:
        return f"{', '.join(names[:2])} and {len(names) - 2} other outlets"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def _when(f: Fact) -> str:
    if f.when_text:
        return f" ({f.when_text.strip()})"
    return f" (as of {f.when})" if f.when else ""


def agree_reason(v: Value, roots: Roots) -> str:
    k = roots.count(v.articles())
    if k < 2:
        return "only one independent source (the others copy it)"
    many = "both sources" if k == 2 else f"all {_n(k)}"
    if v.first.kind in ("place", "name"):
        return f"{many} give {v.first.text}"
    if v.first.kind == "date":
        return f"{many} give {value_text(v.first)}"
    written = unique(show(f) for f in v.facts)  # "about 30,000" and "30,000": one value, two hedges
    extra = f" (written {' and '.join(repr(w) for w in written[:3])})" if len(written) > 1 else ""
    return f"{many} give {value_text(v.first)}{extra}"


def contradict_reason(fa: Fact, fb: Fact, a: Value, b: Value, roots: Roots, meta: Meta) -> str:
    """Who says what, when, and why the two cannot both hold."""
    head = (f"{who(a.articles(), roots, meta)} say{_s(a, roots, meta)} {show(fa)}{_when(fa)}; "
            f"{who(b.articles(), roots, meta)} say{_s(b, roots, meta)} {show(fb)}{_when(fb)}")
    if fa.kind == "date":
        return f"sources date it differently: {head}"
    if fa.kind in ("place", "name"):
        return f"{_what_differs(fa)}: {head}"
    return f"{head}: {_logic(fa, fb)}"


def _what_differs(f: Fact) -> str:
    """What two different places or names are about, in a reporter's words."""
    if f.key[1] == "event":
        return f"sources place the {f.key[2]} in different towns"
    if f.key[1] == "home":
        return f"sources give different home towns for {f.subject.removeprefix('home town of ')}"
    if f.key[1] == "office":
        return f"sources name different people as {f.key[2]}"
    if f.key[1] == "person":
        return "sources spell one person's name differently"
    return "sources name the street differently"


def _s(v: Value, roots: Roots, meta: Meta) -> str:
    names = unique(meta[a][0] for a in v.articles() if a in meta and meta[a][0] != "unknown")
    return "s" if len(names) == 1 or (not names and roots.count(v.articles()) == 1) else ""


def _logic(fa: Fact, fb: Fact) -> str:
    from newsprism.stories.claims_values import interval, is_bound

    if is_bound(fa) != is_bound(fb):
        bound, point = (fa, fb) if is_bound(fa) else (fb, fa)
        low, high = interval(bound)
        if point.number < low:
            return f"{value_text(point)} is below the bound '{show(bound)}'"
        if point.number > high:
            return f"{value_text(point)} is above the bound '{show(bound)}'"
        gap = abs(fa.number - fb.number) / max(fa.number, fb.number)
        return (f"{value_text(point)} fits '{show(bound)}' only loosely ({gap:.0%} apart): two "
                f"different estimates of one quantity")
    return "different figures for one quantity"


def update_reason(series: list[Value], roots: Roots, meta: Meta) -> str:
    """The series in the order it held: "12 (Daily Lantern, 2025-03-12) -> 17 (...: 'rose to')"."""
    steps = []
    for v in series:
        f = v.first
        cue = {"up": ", said to have risen", "down": ", said to have fallen",
               "now": ", given as the latest"}.get(f.cue, "")
        when = f", {f.when}" if f.when else ""
        steps.append(f"{show(f)} ({who(v.articles(), roots, meta)}{when}{cue})")
    return "the figure changed as reporting went on: " + " -> ".join(steps)
