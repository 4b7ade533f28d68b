"""GDELT-style document tone from a small lexicon written for newsprism (`data/tone_words.tsv`).

Tone = (positive - negative) / words * 100; positive and negative scores are the shares of words
(in percent); polarity is their sum; self/group reference density is the share of first-person
plural pronouns; activity reference density is left at 0 (no activity lexicon).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsprism.lexicon import text as data_text

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_GROUP = frozenset({"we", "us", "our", "ours", "ourselves"})


@dataclass(frozen=True)
class Tone:
    tone: float
    positive: float
    negative: float
    polarity: float
    group_density: float
    words: int

    def gkg(self) -> str:
        """V1.5TONE: Tone,Positive,Negative,Polarity,ActivityDensity,SelfGroupDensity,WordCount."""
        vals = (self.tone, self.positive, self.negative, self.polarity, 0.0, self.group_density)
        return ",".join(f"{v:.4f}".rstrip("0").rstrip(".") or "0" for v in vals) + f",{self.words}"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, int]:
    text = data_text("tone_words.tsv")
    out: dict[str, int] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, value = line.partition("\t")
            out[word.strip()] = int(value)
    return out


def tone(text: str) -> Tone:
    """The tone of one text."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    if not words:
        return Tone(0.0, 0.0, 0.0, 0.0, 0.0, 0)
    lex = lexicon()
    pos = sum(1 for w in words if lex.get(w) == 1)
    neg = sum(1 for w in words if lex.get(w) == -1)
    group = sum(1 for w in words if w in _GROUP)
    n = len(words)
    p, q = 100 * pos / n, 100 * neg / n
    return Tone(p - q, p, q, p + q, 100 * group / n, n)
