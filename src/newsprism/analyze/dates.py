"""The `dates` step: absolute and relative date expressions, resolved against the publication date.

Rules, not a model: month-day forms (`Feb. 20`, `20 February 2022`, `10-20 February`), years after a
preposition (`in 2014`), ISO dates, weekdays (`on Wednesday`, `last Monday`, `next Friday`) and
deictic words (`yesterday`, `next week`). A weekday with no qualifier is read as the most recent one
on or before the publication date, unless its sentence speaks of the future (`will`, `is due to`),
then as the next one on or after it. Without a publication date relative expressions keep
`value=None` and their `weekday`.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from newsprism.lexicon import month_abbreviations, month_names, month_pattern, months
from newsprism.records import Article, DateMention, Sentence

log = logging.getLogger(__name__)

MONTHS = months()  # the one month table (newsprism.lexicon): name or abbreviation -> 1..12
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = ("(?P<mon>" + "|".join(month_names()) + "|"
        + "|".join(rf"{a}\.?" for a in month_abbreviations()) + ")")  # a full name first: "June", not "Jun"
_DAY = r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*(?:-|–|to|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?"
_YEAR = r"(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b)?"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d1>[0-3]\d)\b")),
    ("day_month", re.compile(rf"\b{_DAY}{_DAY2}\s+(?:of\s+)?{_MON}(?![a-z]){_YEAR}")),
    ("month_day", re.compile(rf"\b{_MON}\s+{_DAY}{_DAY2}\b(?!\s*(?:%|percent|per cent)){_YEAR}")),
    ("month_year", re.compile(rf"\b{_MON}\s+(?P<year>(?:1[89]|20)\d\d)\b")),
    ("weekday", re.compile(
        rf"\b(?:(?P<pre>(?i:on|last|next|this past|this coming|this|coming|past|early|late|by|since|until))\s+)?"
        rf"{_WD}\b")),
    ("deictic", re.compile(
        r"\b(?P<deictic>today|yesterday|tomorrow|tonight|"
        r"(?:last|next|this|past|coming)\s+(?:week|month|year|weekend))\b", re.IGNORECASE)),
    ("year", re.compile(
        r"\b(?P<pre>in|since|by|until|from|during|before|after|of|through|early|late|mid-?)\s+"
        r"(?P<year>(?:1[89]|20)\d\d)\b(?![-\d]|\s*(?:%|percent|troops|people))")),
]

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|is due|are due|is set to|are set to|is scheduled|are scheduled|"
    r"is expected to|are expected to|plans? to|going to|is to|are to|would begin|next)\b",
    re.IGNORECASE)


class DatesStep:
    """Date expressions with ISO values where the text and publication date allow."""

    name = "dates"
    version = "1"
    requires: tuple[str, ...] = ("sentences",)
    output: Any = list[DateMention]

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[DateMention]:
        return find_dates(article.text, article.published, inputs.get("sentences") or ())


def parse_published(published: str | None) -> date | None:
    """The publication day from an ISO date or datetime; None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        log.debug("unreadable publication date %r", published)
        return None


def find_dates(text: str, published: str | None, sentences: Sequence[Sentence] = ()) -> list[DateMention]:
    """Every date expression in `text`, leftmost-longest, without overlaps, in text order."""
    ref = parse_published(published)
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    starts = _candidate_starts(text)
    for kind, pattern in _PATTERNS:
        for pos in starts[kind]:
            m = pattern.match(text, pos)
            if m is None:
                continue
            s, e = m.span()
            if _overlaps(taken, s, e):
                continue
            mention = _mention(kind, m, text, ref, sentences)
            if mention is not None:
                bisect.insort(taken, (s, e))
                out.append(mention)
    out.sort(key=lambda d: d.start)
    return out


_MONTH_ANCHOR = re.compile(rf"(?:{month_pattern()})(?![a-z])")
_WEEKDAY_ANCHOR = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])")
_YEAR_ANCHOR = re.compile(r"(?:1[89]|20)\d\d(?!\d)")
_DEICTIC_ANCHOR = re.compile("|".join(
    w for word in ["today", "yesterday", "tomorrow", "tonight"] + [
        f"{p} {u}" for p in ("last", "next", "this", "past", "coming") for u in ("week", "month", "year", "weekend")]
    for w in (word, word.capitalize())))
_DAY_BEFORE = re.compile(r"[0-3]?\d(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?$")
_PRE_BEFORE = re.compile(r"(?i:\b(?:on|last|next|this past|this coming|this|coming|past|early|late|by|since|"
                         r"until|in|from|during|before|after|of|through|mid-?))\s+$")


def _candidate_starts(text: str) -> dict[str, list[int]]:
    """Where each pattern may match, from scans that start on a literal (one regex with a leading
    `\\b` or an optional prefix would try every position of the text and be several times slower)."""
    months = [m.start() for m in _MONTH_ANCHOR.finditer(text)]
    weekdays = [m.start() for m in _WEEKDAY_ANCHOR.finditer(text)]
    years = [m.start() for m in _YEAR_ANCHOR.finditer(text)]
    return {
        "iso": years,
        "day_month": [d for m in months if (d := _lookback(_DAY_BEFORE, text, m, 24)) is not None],
        "month_day": months,
        "month_year": months,
        "weekday": [_first(_lookback(_PRE_BEFORE, text, w, 16), w) for w in weekdays],
        "deictic": [m.start() for m in _DEICTIC_ANCHOR.finditer(text)],
        "year": [p for y in years if (p := _lookback(_PRE_BEFORE, text, y, 16)) is not None],
    }


def _first(found: int | None, default: int) -> int:
    return default if found is None else found


def _lookback(pattern: re.Pattern[str], text: str, pos: int, span: int) -> int | None:
    m = pattern.search(text, max(0, pos - span), pos)
    return m.start() if m else None


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint spans in `taken`."""
    i = bisect.bisect_left(taken, (end, end))
    return i > 0 and taken[i - 1][1] > start


def _mention(kind: str, m: re.Match[str], text: str, ref: date | None,
             sentences: Sequence[Sentence]) -> DateMention | None:
    """One DateMention from a match of the named pattern (None when the match is not a date)."""
    if kind in ("iso", "day_month", "month_day", "month_year", "year"):
        return _absolute(kind, m, ref)
    if kind == "weekday":
        return _weekday(m, text, ref, sentences)
    return _deictic(m, ref)


def _absolute(kind: str, m: re.Match[str], ref: date | None) -> DateMention | None:
    g = m.groupdict()
    start, end = m.span()
    if kind == "year":
        start = m.start("year")
        return DateMention(text=m.group("year"), value=m.group("year"), start=start, end=end)
    month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].rstrip(".").lower()]
    if kind == "month_year":
        return DateMention(text=m.group(0), value=f"{int(g['year']):04d}-{month:02d}", start=start, end=end)
    year = int(g["year"]) if g.get("year") else _nearest_year(ref, month)
    d1, d2 = int(g["d1"]), (int(g["d2"]) if g.get("d2") else None)
    first = _safe_date(year or 2000, month, d1)
    if first is None or (d2 is not None and (_safe_date(year or 2000, month, d2) is None or d2 <= d1)):
        return None
    relative = not g.get("year")
    if year is None:
        return DateMention(text=m.group(0), value=None, relative=True, start=start, end=end)
    value = f"{year:04d}-{month:02d}-{d1:02d}"
    if d2 is not None:
        value += f"/{year:04d}-{month:02d}-{d2:02d}"
    return DateMention(text=m.group(0), value=value, relative=relative, start=start, end=end)


def _nearest_year(ref: date | None, month: int) -> int | None:
    """The year that puts `month` closest to the publication date (December seen in January...)."""
    if ref is None:
        return None
    if month - ref.month > 6:
        return ref.year - 1
    if ref.month - month > 6:
        return ref.year + 1
    return ref.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(m: re.Match[str], text: str, ref: date | None,
             sentences: Sequence[Sentence]) -> DateMention | None:
    wd_name = m.group("wd")
    pre = (m.group("pre") or "").lower()
    if not pre and _NAME_AFTER.match(text, m.end()):
        return None  # "Sunday Times", "Monday Night Football": part of a name
    start = m.start() if pre in ("last", "next", "this", "this past", "this coming", "coming", "past") else m.start("wd")
    wd = WEEKDAYS.index(wd_name.lower())
    value = None
    if ref is not None:
        future = pre in ("next", "coming", "this coming", "until") or (
            pre not in ("last", "past", "this past", "since") and _future_context(text, m.start(), sentences))
        value = _resolve_weekday(ref, wd, pre, future).isoformat()
    return DateMention(text=text[start:m.end()], value=value, weekday=wd_name.capitalize(),
                       relative=True, start=start, end=m.end())


_NAME_AFTER = re.compile(rf"\s+(?!(?:{month_pattern()})\b)[A-Z][a-z]")


def _resolve_weekday(ref: date, wd: int, pre: str, future: bool) -> date:
    """The day a weekday expression names, seen from the publication day `ref`."""
    delta_back = (ref.weekday() - wd) % 7
    delta_fwd = (wd - ref.weekday()) % 7
    if pre in ("last", "past", "this past"):
        return ref - timedelta(days=delta_back or 7)
    if pre == "next":
        return ref + timedelta(days=delta_fwd or 7)
    if future:
        return ref + timedelta(days=delta_fwd)
    return ref - timedelta(days=delta_back)


def _future_context(text: str, pos: int, sentences: Sequence[Sentence]) -> bool:
    """Whether the clause around `pos` speaks of the future (will, is due to, plans to...)."""
    lo, hi = max(0, pos - 120), min(len(text), pos + 40)
    i = bisect.bisect_right(sentences, pos, key=lambda s: s.start) - 1
    if i >= 0 and sentences[i].start <= pos < sentences[i].end:
        lo, hi = max(sentences[i].start, pos - 160), min(sentences[i].end, pos + 60)
    return bool(_FUTURE.search(text, lo, hi))


def _deictic(m: re.Match[str], ref: date | None) -> DateMention:
    word = m.group("deictic").lower()
    words = word.split()
    value = None
    if ref is not None:
        value = _resolve_deictic(ref, words)
    return DateMention(text=m.group(0), value=value, relative=True, start=m.start(), end=m.end())


def _resolve_deictic(ref: date, words: list[str]) -> str:
    if words[0] in ("today", "tonight"):
        return ref.isoformat()
    if words[0] == "yesterday":
        return (ref - timedelta(days=1)).isoformat()
    if words[0] == "tomorrow":
        return (ref + timedelta(days=1)).isoformat()
    step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[words[0]]
    unit = words[1]
    if unit in ("week", "weekend"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        iso = monday.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{ref.year + step:04d}"
