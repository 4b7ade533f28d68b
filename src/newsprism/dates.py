"""The one parser of the dates a user types to select by time (`--since`, `since=`, `since`).

CLI options, API query parameters and the Python API all call `parse_day`, so a date means the
same everywhere and a bad one fails the same way: InvalidArgument (E030) saying why, with the
ISO form to write instead. Accepted: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (real calendar days, years
1000-2999). Day/month orders (`02/10/2022`) are refused as ambiguous; written dates
(`10 Feb 2022`) are refused with their ISO spelling as the hint.
"""

from __future__ import annotations

import re
from datetime import date

from newsprism.errors import InvalidArgument

_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4})$")
_YEAR_FIRST = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})$")


def parse_day(value: str | date | None, name: str = "date") -> str | None:
    """`value` checked and written as ISO (`2022`, `2022-02`, `2022-02-10`); None for None or ''.

    Raises InvalidArgument for anything else (an impossible day, an ambiguous or written date)."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        _check(name, text, int(match["y"]), int(match["m"] or 1), int(match["d"] or 1))
        return text
    raise InvalidArgument(f"{name}: {text!r} is not a date", hint=_hint(text))


def _check(name: str, text: str, year: int, month: int, day: int) -> None:
    if not 1000 <= year <= 2999:
        raise InvalidArgument(f"{name}: {text!r} is out of range", hint="write a year between 1000 and 2999")
    try:
        date(year, month, day)
    except ValueError as exc:
        raise InvalidArgument(f"{name}: {text!r} is not a calendar date ({exc})",
                              hint="write it as YYYY-MM-DD, YYYY-MM or YYYY") from None


def _hint(text: str) -> str:
    """What to write instead of `text`."""
    numeric = _NUMERIC.match(text)
    if numeric:
        a, b, year = int(numeric["a"]), int(numeric["b"]), int(numeric["y"])
        readings = sorted({iso for m, d in ((a, b), (b, a)) if (iso := _iso(year, m, d))})
        if len(readings) == 2:
            return f"day and month order is ambiguous: write {readings[0]} or {readings[1]}"
        if readings:
            return f"write it as {readings[0]}"
    year_first = _YEAR_FIRST.match(text)
    if year_first:
        iso = _iso(int(year_first["y"]), int(year_first["m"]), int(year_first["d"]))
        if iso:
            return f"write it as {iso}"
    return "write it as YYYY-MM-DD, YYYY-MM or YYYY"


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
