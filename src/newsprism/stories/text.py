"""Text primitives shared by copies, passages and clustering: tokens, stems, sentences, hashes.

Tokens keep their offsets into the clean text so passages can point back at it. Spelling variants
that only differ in British/American endings or quote styles fold to one key.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from newsprism.lexicon import text as data_text
from newsprism.records import QUOTE_FOLD, Sentence

_TOKEN = re.compile(r"[^\W_](?:[\w]|[-'.,](?=[^\W_]))*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"\u201c])")


class Token(NamedTuple):
    """A word of the clean text: surface form, folded key and offsets."""

    text: str
    key: str
    start: int
    end: int


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function words and reporting verbs that say nothing about which story an article is."""
    raw = data_text("stories_stopwords.txt")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light, deterministic English stem: plurals, -ing/-ed, British -ise/-our folded."""
    w = word.lower().translate(QUOTE_FOLD)
    if w.endswith("'s"):
        w = w[:-2]
    if not w.isalpha() or len(w) <= 3:
        return w.replace(",", "")
    for old, new in (("ies", "y"), ("sses", "ss"), ("ise", "ize"), ("ised", "ized"),
                     ("ising", "izing"), ("isation", "ization"), ("our", "or"), ("ence", "ense")):
        if w.endswith(old) and len(w) - len(old) >= 3:
            w = w[: -len(old)] + new
            break
    if w.endswith("ing") and len(w) > 6:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 5:
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    return w.rstrip("e") if len(w) > 5 else w


def tokens(text: str) -> list[Token]:
    """Words with offsets; numbers keep their inner separators (30,000; 7.1; S-400)."""
    folded = fold_quotes(text)
    return [Token(m.group(), stem(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


_WORD = re.compile(r"\w+(?:[-'.,]\w+)*")
_STEM_CACHE: dict[str, str] = {}


def stems(folded: str) -> list[str]:
    """Stems of the words of an already quote-folded text (fast path: no offsets kept)."""
    cache = _STEM_CACHE
    out = []
    for w in _WORD.findall(folded):
        key = cache.get(w)
        if key is None:
            key = stem(w)
            if len(cache) < 200_000:
                cache[w] = key
        out.append(key)
    return out


def content_keys(text: str) -> list[str]:
    """Stems of the words that are not stop words, in order."""
    stop = stopwords()
    return [t.key for t in tokens(text) if t.key not in stop and t.text.lower() not in stop]


def is_name(tok: Token, text: str) -> bool:
    """A capitalised word that does not open a sentence: most likely part of a name."""
    if not tok.text[:1].isupper() or tok.text.isupper() and len(tok.text) > 5:
        return False
    i = tok.start - 1
    while i >= 0 and text[i] in " \t\"'\u201c\u2018(":
        i -= 1
    return i >= 0 and text[i] not in ".!?\n:"


def sentence_spans(text: str, sentences: Sequence[Sentence] = ()) -> list[tuple[int, int]]:
    """Sentence offsets: from the sentences step when it ran, else a rule-based split."""
    spans = [(s.start, s.end) for s in sentences if s.start < s.end]
    if spans:
        return spans
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.start()].strip():
            spans.append(_trim(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def hash32(value: str) -> int:
    """A stable 32-bit hash (Python's own hash() is salted per process)."""
    return zlib.crc32(value.encode("utf-8"))


_FOLDS = [(chr(k), str(v)) for k, v in QUOTE_FOLD.items()]
_NON_WORD = re.compile(r"[\W_]+")


def fold_quotes(text: str) -> str:
    """Quote and apostrophe styles folded, one character for one (offsets do not move)."""
    if text.isascii():
        return text
    for src, dst in _FOLDS:  # str.replace is far faster than str.translate with a table
        if src in text:
            text = text.replace(src, dst)
    return text


def normal_form(text: str) -> str:
    """Only the words, folded: what must be equal for two texts to be exact copies."""
    return _NON_WORD.sub(" ", fold_quotes(text).lower()).strip()
