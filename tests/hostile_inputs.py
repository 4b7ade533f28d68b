"""Pathological inputs for the cost tests and `bench/hostile.py`: each family is one shape that a
careless scan or regex handles in time quadratic in its length. `family(n)` gives about `n`
characters (or bytes) of that shape inside an otherwise ordinary short article."""

from __future__ import annotations

from collections.abc import Callable

_LEAD = "The council met on Tuesday in the old hall and voted on the plan.\n\n"
_TAIL = "\n\nThe mayor said the vote would be held again next week."


def _wrap(run: str) -> str:
    return _LEAD + "It ended" + run + "there." + _TAIL


def _repeat(unit: str, n: int) -> str:
    return unit * max(1, n // len(unit))


TEXT_FAMILIES: dict[str, Callable[[int], str]] = {
    "dots": lambda n: _wrap(_repeat(".", n)),
    "bangs": lambda n: _wrap(_repeat("!?", n)),
    "ellipses": lambda n: _wrap(_repeat("\u2026", n)),
    "dots_quotes": lambda n: _wrap(_repeat('."', n)),
    "long_word": lambda n: _wrap(" " + _repeat("x", n) + " "),
    "capitals": lambda n: _wrap(" " + _repeat("Grand ", n)),
    "initials": lambda n: _wrap(" " + _repeat("A. ", n)),
    "digits": lambda n: _wrap(" " + _repeat("1,2", n) + " "),
    "numbers": lambda n: _wrap(" " + _repeat("12 ", n)),
    "quotes": lambda n: _wrap(" " + _repeat('"', n)),
    "open_quotes": lambda n: _wrap(" " + _repeat("\u201cA ", n)),
    "brackets": lambda n: _wrap(" " + _repeat("(", n)),
    "hyphens": lambda n: _wrap(" " + _repeat("-", n)),
    "newlines": lambda n: _wrap(_repeat("a\n", n)),
    "spaces": lambda n: _wrap(_repeat(" ", n) + "a"),
    "commas": lambda n: _wrap(" " + _repeat("a, ", n)),
    "said": lambda n: _wrap(" " + _repeat("he said ", n)),
    "titles": lambda n: _wrap(" " + _repeat("Mr. ", n)),
}

HTML_FAMILIES: dict[str, Callable[[int], bytes]] = {
    "empty_scripts": lambda n: b"<html><body><p>" + _LEAD.encode() + b"</p>"
    + _repeat("<script></script>", n).encode() + b"<p>" + _TAIL.encode() + b"</p></body></html>",
    "open_tags": lambda n: b"<html><body><p>" + _LEAD.encode() + b"</p>"
    + _repeat("<a", n).encode() + b"</body></html>",
}
