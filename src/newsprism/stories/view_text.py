"""Text helpers the story view shares: sentences by offset, content words, copy roots.

Kept apart so claims, timeline and brief use one tokeniser and one notion of "independent source"
(copies of one article count once).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from newsprism.records import QUOTE_FOLD, Article, CopyRelation, Sentence

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:[.,]\d+)*")
_POSSESSIVE = re.compile(r"'s?$")
_QUOTE_PAIRS = [(chr(k), str(v)) for k, v in QUOTE_FOLD.items()]
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPLIT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n?")

def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = wordset(
    """a an the and or but if of to in on at by for with from into onto as is are was were be been
    being has have had do does did will would shall should can could may might must that this these
    those it its it's he she they them his her their we our you your i me my not no nor so than then
    there here who whom whose which what when where why how also just about after before over under
    up down out off again more most some such only own same too very s t said says say told according
    while during since until through per one two three mr mrs ms"""
)


def fold(text: str) -> str:
    """Lower case, quotes folded, accents removed: the form words are compared in."""
    if text.isascii():
        return text.lower()
    for a, b in _QUOTE_PAIRS:
        if a in text:
            text = text.replace(a, b)
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def words(text: str) -> list[str]:
    """Folded word tokens of `text`, possessives dropped ("russia's" -> "russia")."""
    folded = fold(text)
    found = _WORD.findall(folded)
    if "'" not in folded:
        return found
    return [_POSSESSIVE.sub("", w) if "'" in w else w for w in found]


def content_words(text: str) -> set[str]:
    """Folded words that carry meaning (no stopwords, no one-letter tokens), crudely singularised."""
    return {singular(w) for w in words(text) if w not in STOPWORDS and len(w) > 1}


@lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """A crude English singular: enough to match troops/troop, drills/drill, countries/country."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class Sentences:
    """An article's sentences as (start, end) spans, looked up by offset in O(log n)."""

    def __init__(self, article: Article, sentences: Sequence[Sentence] = ()) -> None:
        spans = [(s.start, s.end) for s in sentences] or split_sentences(article.text)
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.text = article.text

    def around(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The sentence holding offset `start` (the whole text when none does)."""
        i = bisect_right(self.starts, start) - 1
        if 0 <= i < len(self.spans) and self.spans[i][1] >= (end if end is not None else start):
            return self.spans[i]
        if 0 <= i < len(self.spans) and self.spans[i][0] <= start < self.spans[i][1]:
            return self.spans[i]
        return _fallback_sentence(self.text, start)

    def index_of(self, start: int) -> int:
        return max(0, bisect_right(self.starts, start) - 1)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """A plain splitter for articles without a `sentences` output."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SPLIT.finditer(text):
        _add_span(text, pos, m.start(), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _fallback_sentence(text: str, pos: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    right_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return (left + 1 if left >= 0 else 0, right)


class Roots:
    """Union of articles into independent sources: a copy and its original are one source."""

    def __init__(self, ids: Iterable[str], copies: Sequence[CopyRelation]) -> None:
        self.parent = {i: i for i in ids}
        self.order = {i: n for n, i in enumerate(self.parent)}
        for rel in copies:
            if rel.article_id in self.parent and rel.original_id in self.parent:
                self._union(rel.article_id, rel.original_id)

    def find(self, aid: str) -> str:
        root = self.parent.setdefault(aid, aid)
        while root != self.parent[root]:
            root = self.parent[root]
        while self.parent[aid] != root:
            self.parent[aid], aid = root, self.parent[aid]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.order.get(ra, 0) > self.order.get(rb, 0):
            ra, rb = rb, ra
        self.parent[rb] = ra

    def count(self, ids: Iterable[str]) -> int:
        """Independent sources among `ids`."""
        return len({self.find(i) for i in ids})


def unique(seq: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(seq))


def trim(text: str, limit: int = 240) -> str:
    """One line of at most `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
