"""Whether two outlets' versions of one quote differ in a way that changes what was said.

Outlets trim and re-punctuate quotes all the time; that is not news. A negation present in one
version and not the other ("we will not stop" / "we will stop"), or different numbers in the
same sentence, changes the meaning: the view shows both versions side by side instead of merging
them into one.
"""

from __future__ import annotations

import re

_NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "cannot", "none", "nothing",
                        "neither", "nobody"})
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d[\d,.]*\d|\d")


def _negations(text: str) -> int:
    n = 0
    for w in _WORD.findall(text.lower()):
        w = w.replace("\u2019", "'")
        n += w in _NEGATIONS or w.endswith("n't")
    return n


def _numbers(text: str) -> set[str]:
    return {w.replace(",", "") for w in _WORD.findall(text) if w[:1].isdigit()}


def wording_difference(a: str, b: str) -> str | None:
    """How two versions of one quote differ materially, in words, or None when they do not."""
    na, nb = _negations(a), _negations(b)
    if na != nb:
        return "one version is negated and the other is not"
    xa, xb = _numbers(a), _numbers(b)
    if xa and xb and xa != xb:
        return f"the versions give different numbers ({', '.join(sorted(xa))} vs {', '.join(sorted(xb))})"
    return None
