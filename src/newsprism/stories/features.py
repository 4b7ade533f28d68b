"""What the clusterer knows of one article: weighted terms, names, entities, places, date, copy keys.

Built in one pass over the title and the first `LEAD_WORDS` words of the text (news puts what
identifies a story first), plus the entities and places steps' outputs when they ran.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from datetime import date

import msgspec
import numpy as np

from newsprism.records import Analysis, Article
from newsprism.stories.copies import MIN_SHINGLES, SHINGLE, exact_key, signature
from newsprism.stories.semantic import Embedder, embed_article
from newsprism.stories.text import fold_quotes, stem, stopwords

LEAD_WORDS = 400
_WORD = re.compile(r"\w+(?:[-'.,]\w+)*")
# A capitalised word after a word or a comma inside a sentence: most likely part of a name.
_NAME = re.compile(r"(?<=[\w,;)][ \t])[\"'(]?([A-Z][\w]*(?:[-'][\w]+)*)")
_STEMS: dict[str, str] = {}
_HASHES: dict[str, int] = {}
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
                dtype=np.uint64)


class DocFeatures(msgspec.Struct, kw_only=True):
    """Raw term counts and copy keys of one article, before any corpus weighting."""

    id: str
    counts: dict[str, int]  # term -> count; "n:" names, "e:" entities, "p:" places
    date: int | None = None  # proleptic ordinal of the publication day
    exact: str = ""
    sig: list[int] = []
    published: str | None = None
    title: str | None = None
    embedding: list[float] = []  # unit vector from an optional embedder (see stories.semantic)


def _stem(word: str) -> str:
    key = _STEMS.get(word)
    if key is None:
        key = stem(word)
        if len(_STEMS) < 200_000:
            _STEMS[word] = key
    return key


def _words(text: str, limit: int) -> tuple[list[str], list[str]]:
    """Stems of the first `limit` words, and stems of the capitalised words inside sentences."""
    lead = fold_quotes(text[: limit * 12])
    words = _WORD.findall(lead)[:limit]
    cache = _STEMS
    keys = [cache[w] if w in cache else _stem(w) for w in words]
    end = sum(len(w) + 1 for w in words) if len(words) >= limit else len(lead)
    names = [cache[w] if w in cache else _stem(w) for w in _NAME.findall(lead, 0, end)]
    return keys, names


def shingle_hashes(keys: list[str]) -> np.ndarray:
    """Stable 64-bit hashes of the word 4-grams of `keys`, computed in numpy."""
    if len(keys) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    cache = _HASHES
    h = np.array([cache[k] if k in cache else _hash(k) for k in keys], dtype=np.uint64)
    n = len(keys) - SHINGLE + 1
    acc = np.zeros(n, dtype=np.uint64)
    for i in range(SHINGLE):
        acc ^= h[i:i + n]
        acc *= _MIX[i]
    # duplicates are harmless: a minimum over a multiset is the minimum over its set
    return acc >> np.uint64(32)


def _hash(key: str) -> int:
    value = zlib.crc32(key.encode())
    if len(_HASHES) < 200_000:
        _HASHES[key] = value
    return value


def publication_day(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def extract(article: Article, analysis: Analysis | None = None,
            embedder: Embedder | None = None) -> DocFeatures:
    """Term counts (title words count twice, names once more), entities, places and copy keys.

    Names come from the entities and places steps when they ran; otherwise capitalised words
    inside sentences stand in for them (never both, so names are not counted twice over).
    """
    stop = stopwords()
    analysis = analysis or Analysis(article_id=article.id)
    analysed = bool(analysis.entities or analysis.places)
    keys, names = _words(article.text, LEAD_WORDS)
    counts: Counter[str] = Counter(k for k in keys if k not in stop and len(k) > 1)
    if not analysed:
        counts.update("n:" + k for k in names if k not in stop)
    if article.title:
        tkeys, tnames = _words(article.title, 60)
        for k in tkeys:
            if k not in stop and len(k) > 1:
                counts[k] += 2
        counts.update("n:" + k for k in tnames if k not in stop)
    _add_outputs(counts, analysis)
    hashes = shingle_hashes(keys)
    sig = signature(hashes) if hashes.size >= MIN_SHINGLES else np.zeros(0, dtype=np.uint32)
    return DocFeatures(id=article.id, counts=dict(counts), date=publication_day(article.published),
                       exact=exact_key(article.text) if len(keys) >= MIN_SHINGLES else "", sig=sig.tolist(),
                       published=article.published, title=article.title,
                       embedding=embed_article(embedder, article) if embedder is not None else [])


def _add_outputs(counts: Counter[str], analysis: Analysis) -> None:
    """Entities (people, organisations) and places from the analysis steps, when they ran."""
    for ent in analysis.entities:
        name = ent.canonical or ent.text
        if name and ent.type in ("PERSON", "ORG"):
            counts["e:" + name.lower()] += 1
    for place in analysis.places:
        name = place.name or place.text
        if name:
            counts["p:" + name.lower()] += 1
