"""The values of a claim: which facts give one value, and what range of numbers each allows.

Only this module knows what a qualifier means ("at least 40" allows 40 and above, "about 30,000"
allows 5% either way) and when two values cannot both hold (`clash`); the claims table, its
alignment rules and its wording (`claim_text`) all read values through it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from newsprism.stories.view_facts import Fact
from newsprism.stories.view_text import fold, unique

CONVERSION = 0.02  # distances converted between units agree within this
TOLERANCE = 0.05  # relative difference under which a hedged number ("about 30,000") is the same
BOUND_GAP = 0.25  # a figure inside another's bound still differs when the two are this far apart
LOWER = {"more than", "at least", "over", "above"}
APPROX = {"about", "some", "estimated", "nearly", "around", "roughly", "approximately", "almost",
          "an estimated", "close to"}
UPPER = {"up to", "at most", "less than", "fewer than", "under", "below", "nearly"}


@dataclass
class Value:
    """The facts that give one value of a claim."""

    facts: list[Fact]
    shown: Fact | None = None  # the fact whose sentence the claim shows, when not the first

    @property
    def first(self) -> Fact:
        return next((f for f in self.facts if f.cue not in ("past", "rival")), self.facts[0])

    def articles(self) -> list[str]:
        return unique(f.article_id for f in self.facts)

    def current(self) -> set[str]:
        """Articles giving this value as theirs now (not as an earlier figure, nor as a rival
        count they set theirs against: "far fewer than the 3,000 claimed by the union")."""
        return {f.article_id for f in self.facts if f.cue not in ("past", "rival")}

    def when(self) -> str:
        return min((f.when for f in self.facts if f.when), default="")


def same_value(a: Fact, b: Fact) -> bool:
    """Whether two facts give the same value (numbers within tolerance; dates by day or weekday;
    places and names by their words, "American Boulevard" inside "West American Boulevard")."""
    if a.kind == "figure":
        if a.number == b.number and a.high == b.high:
            return True
        top = max(abs(a.number), abs(b.number))
        if a.key[1] == "distance" and abs(a.number - b.number) / top <= CONVERSION:
            return True  # "609 metres (2,000 feet)": a conversion rounds
        if not (hedged(a) or hedged(b)) or a.high or b.high:
            return False  # 63 and 64 votes differ; only a hedged number has slack
        return abs(a.number - b.number) / top <= TOLERANCE
    if a.kind == "name":  # "A.J. Butler" and "AJ Butler"; "Tomas Brell" and "Tomas J. Brell"
        ta, tb = name_tokens(a.text), name_tokens(b.text)
        return bool(ta and tb) and ta[-1] == tb[-1] and ta[0][:1] == tb[0][:1]
    if a.kind == "place":
        wa, wb = set(a.text.lower().split()), set(b.text.lower().split())
        return wa <= wb or wb <= wa
    if a.weekday and b.weekday:
        return a.weekday.lower() == b.weekday.lower()
    if a.date and b.date:
        if "W" in a.date or "W" in b.date:
            return _same_week(a.date, b.date)
        return a.date.startswith(b.date) or b.date.startswith(a.date)
    return True


def name_tokens(text: str) -> list[str]:
    """A name's words as compared: folded, dots dropped ("A.J." and "AJ" are one)."""
    return [fold(w).replace(".", "") for w in text.split()]


def _same_week(a: str, b: str) -> bool:
    """An ISO week ("2030-W19") holds a day of it ("2030-05-10"): "this week" and "Wednesday"."""

    def week(x: str) -> str | None:
        if "W" in x:
            return x
        try:
            y, w, _ = date.fromisoformat(x[:10]).isocalendar()
        except ValueError:
            return None
        return f"{y:04d}-W{w:02d}"

    return week(a) == week(b) and week(a) is not None


def split_values(facts: list[Fact]) -> list[Value]:
    """The facts of one claim grouped by the value they give (in order of first mention)."""
    values: list[Value] = []
    for f in facts:
        target = next((v for v in values if same_value(v.facts[0], f)), None)
        if target is None:
            values.append(Value(facts=[f]))
        else:
            target.facts.append(f)
    return values


def unique_values(values: list[Value]) -> list[Value]:
    out: list[Value] = []
    for v in values:
        if all(v is not o for o in out):
            out.append(v)
    return out


def hedged(f: Fact) -> bool:
    return (f.qualifier or "").lower() in APPROX


def interval(f: Fact) -> tuple[float, float]:
    """The range of numbers a figure with its qualifier allows."""
    if f.high is not None:
        return f.number, f.high
    q = (f.qualifier or "").lower()
    if q in LOWER:
        return f.number, math.inf
    if q in UPPER:
        return 0.0, f.number
    return f.number, f.number


def is_bound(f: Fact) -> bool:
    return f.high is not None or (f.qualifier or "").lower() in LOWER | UPPER


def clash_outside(fa: Fact, fb: Fact) -> bool:
    """Whether the ranges two figures allow do not meet (12 against "at least 40")."""
    la, ha = interval(fa)
    lb, hb = interval(fb)
    return ha < lb or hb < la


def clash(fa: Fact, fb: Fact) -> bool:
    """Whether two aligned values cannot both hold: different points; a point outside a bound or
    range; two bounds that do not meet; a point inside a bound but far from it ("more than
    2,000" and "5,000" are two different estimates)."""
    if fa.kind != "figure":
        return not same_value(fa, fb)
    if same_value(fa, fb):
        return False
    la, ha = interval(fa)
    lb, hb = interval(fb)
    if ha < lb or hb < la:
        return True
    if is_bound(fa) and is_bound(fb):
        return False
    if fa.high is not None or fb.high is not None:
        return False  # a point inside a stated range
    if is_bound(fa) or is_bound(fb):
        gap = abs(fa.number - fb.number) / max(fa.number, fb.number, 1e-9)
        return gap >= BOUND_GAP
    return True
