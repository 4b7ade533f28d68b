"""Whether two outlets' versions of one quote differ in a way that changes what was said.

Outlets trim and re-punctuate quotes all the time; that is not news. A negation present in one
version and not the other ("we will not stop" / "we will stop"), or different numbers in the
same sentence, changes the meaning: the view shows both versions side by side instead of merging
them into one.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "cannot", "none", "nothing",
                        "neither", "nobody"})
_CLOCK = re.compile(r"\b\d{1,2}\s?[:.]\s?\d{2}\s?(?:[ap]\.?\s?m\b\.?)?")  # 6:41pm and 18:41: one time
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d[\d,.]*\d|\d")


def _is_negation(word: str) -> bool:
    w = word.replace("\u2019", "'")
    return w in _NEGATIONS or w.endswith("n't")


def _numbers(words: list[str]) -> set[str]:
    return {w.replace(",", "") for w in words if w[:1].isdigit()}


def wording_difference(a: str, b: str) -> str | None:
    """How two versions of one quote differ materially, in words, or None when they do not.

    Only the stretch both versions cover is read: an outlet that quotes less (a trimmed start or
    end) does not differ; a "not" or a number changed inside the shared wording does.
    """
    wa, wb = _WORD.findall(_CLOCK.sub(" ", a.lower())), _WORD.findall(_CLOCK.sub(" ", b.lower()))
    ops = SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    if len(equal) < 2:
        return None
    for tag, i1, i2, j1, j2 in ops[equal[0] + 1:equal[-1]]:
        if tag == "equal":
            continue
        sa, sb = wa[i1:i2], wb[j1:j2]
        if sum(map(_is_negation, sa)) != sum(map(_is_negation, sb)):
            return "one version is negated where the other is not"
        na, nb = _numbers(sa), _numbers(sb)
        if na and nb and na != nb:
            return f"the versions give different numbers ({', '.join(sorted(na))} vs {', '.join(sorted(nb))})"
    return None
