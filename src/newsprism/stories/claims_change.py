"""Change over time: whether two clashing values of one quantity are one count at two times.

A later value that says it changed ("rose to 17", "down from the 40 reported"), says it is the
latest ("so far"), or is a higher toll on a later day updates an earlier one; it does not
contradict it.
"""

from __future__ import annotations

from newsprism.stories.claims_align import CHANGING_PREDICATES
from newsprism.stories.claims_values import interval
from newsprism.stories.view_facts import Fact

CUMULATIVE = {"deaths", "injuries", "arrests", "cases"}  # tolls that grow as counting goes on


def _changing(f: Fact) -> bool:
    return f.key[1] in CUMULATIVE or f.key[3] in CHANGING_PREDICATES


def order(fa: Fact, fb: Fact) -> tuple[Fact, Fact] | None:
    """(earlier, later) when the dates or the words tell which came first, else None."""
    if fa.cue == "past" and fb.cue != "past":
        return fa, fb
    if fb.cue == "past" and fa.cue != "past":
        return fb, fa
    if fa.when and fb.when and fa.when != fb.when:
        return (fa, fb) if fa.when < fb.when else (fb, fa)
    if fa.cue in ("up", "down", "now") and not fb.cue:
        return fb, fa
    if fb.cue in ("up", "down", "now") and not fa.cue:
        return fa, fb
    return None


def is_update(fa: Fact, fb: Fact) -> bool:
    """Whether two clashing aligned values are one quantity at two times: the later one says it
    changed in the direction it moved ("rose to", "down from"), or says it is the latest, or a
    toll that only grows is higher on a later day."""
    pair = order(fa, fb)
    if pair is None:
        return False
    early, late = pair
    le, he = interval(early)
    ll, hl = interval(late)
    up, down = ll > he or (ll >= le and hl > he), hl < le or (hl <= he and ll < le)
    if early.cue == "past" and (late.cue in ("", "now") or late.cue == ("up" if up else "down")):
        return True
    if late.cue == "now" or (late.cue == "up" and up) or (late.cue == "down" and down):
        return True
    later_day = bool(early.when and late.when and early.when < late.when)
    return later_day and not late.cue and _changing(late) and (up or (down and late.key[3] == "missing"))
