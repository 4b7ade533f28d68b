"""Spelling variants a search folds together: a query for one transliteration of a name finds
articles that write another (Zelensky / Zelenskiy / Zelenskyy), as the entities step joins them.

The variants are the spellings one person's row of `data/leaders.tsv` lists (name and aliases)
that the entities step's fold key (`analyze.gazetteer.fold`) joins; a word with no listed variant leaves the query as it is. Only whole
words outside "phrases" are varied, and a query becomes at most `MAX_QUERIES` searches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsprism.analyze.gazetteer import fold
from newsprism.lexicon import text as data_text

MAX_QUERIES = 4  # the query as typed plus at most three variant spellings
MIN_CHARS = 4  # shorter words are too ambiguous to vary ("Li", "Lee")
_WORD = re.compile(r"[^\W\d_][\w'\-]*")
_PART = re.compile(r'"[^"]*"|\S+')


def _rows() -> list[list[str]]:
    """Each person of `leaders.tsv` as the list of their name and aliases."""
    rows = []
    for line in data_text("leaders.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            rows.append([parts[0], *(parts[3] if len(parts) > 3 else "").split("|")])
    return rows


def _plain(word: str) -> str:
    """Case and accents off: spellings equal here already match (the search index drops accents)."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().casefold()


@lru_cache(maxsize=1)
def groups() -> dict[str, tuple[str, ...]]:
    """Fold key -> the spellings of one name word that ONE person's row lists (name and aliases)
    and that differ by more than accents: Zelensky / Zelenskiy / Zelenskyy. Words of different
    people are never joined, even when they fold alike (Barack and Barak, Milei and Milley)."""
    spellings: dict[str, set[str]] = {}
    for names in _rows():
        own: dict[str, set[str]] = {}
        for name in names:
            for word in _WORD.findall(name):
                if len(word) >= MIN_CHARS and word[0].isupper():
                    own.setdefault(fold(word), set()).add(word)
        for key, words in own.items():
            if len({_plain(w) for w in words}) > 1:
                spellings.setdefault(key, set()).update(words)
    return {key: tuple(sorted(words)) for key, words in spellings.items()}


def variants(word: str) -> tuple[str, ...]:
    """Other spellings of `word` (any case) the lexicon lists, empty when none."""
    if len(word) < MIN_CHARS or not _WORD.fullmatch(word):
        return ()
    same = groups().get(fold(word), ())
    seen = {_plain(word)}
    out = []
    for w in same:
        if _plain(w) not in seen:
            seen.add(_plain(w))
            out.append(w)
    return tuple(out)


def expand(query: str) -> list[str]:
    """The query as typed, then the query with one word replaced by each of its variant spellings
    (first words first), at most MAX_QUERIES in all."""
    parts = _PART.findall(query)
    queries = [query]
    for i, part in enumerate(parts):
        if part.startswith('"'):
            continue
        for other in variants(part):
            if len(queries) >= MAX_QUERIES:
                return queries
            queries.append(" ".join([*parts[:i], other, *parts[i + 1:]]))
    return queries
