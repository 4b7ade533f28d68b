"""Exact and near copies: a normalised-text hash, and MinHash signatures with LSH banding.

Exact copies have the same words in the same order once case, punctuation and quote styles are
folded. Near copies share most of their word 4-grams: a 128-permutation MinHash estimates the
Jaccard similarity, and 32 bands of 4 rows make pairs above ~0.42 likely to meet in a bucket.
Everything is deterministic: fixed permutations, stable hashes, ordered buckets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from newsprism.stories.text import fold_quotes, hash32, tokens

PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SHINGLE = 4
MAX_SHINGLES = 400  # a sample (the smallest hashes) bounds the cost on long texts
MIN_SHINGLES = 8  # shorter texts get no signature: too little text to call anything a copy

def _constants(label: str) -> np.ndarray:
    """Fixed 64-bit constants from a stable hash: every process and numpy version agrees."""
    return np.array([int.from_bytes(hashlib.blake2b(f"{label}{i}".encode(), digest_size=8).digest(), "big")
                     for i in range(PERMUTATIONS)], dtype=np.uint64)


_A = _constants("minhash-a") | np.uint64(1)
_B = _constants("minhash-b")
_SHIFT = np.uint64(32)


_DROP = bytes(range(0, 48)) + bytes(range(58, 65)) + bytes(range(91, 97)) + bytes(range(123, 128))


def exact_key(text: str) -> str:
    """Identity of a text for exact-copy purposes: case, ASCII punctuation, spacing and quote
    styles do not count (bytes.translate keeps this fast on long texts)."""
    raw = fold_quotes(text).lower().encode("utf-8").translate(None, _DROP)
    return hashlib.blake2b(raw, digest_size=10).hexdigest()


def shingles(text: str, n: int = SHINGLE, limit: int = 3000) -> list[int]:
    """Stable hashes of the word n-grams of the first `limit` words."""
    words = [t.key for t in tokens(text)[:limit]]
    return sorted({hash32(" ".join(words[i:i + n])) for i in range(max(0, len(words) - n + 1))})


def signature(hashes: Sequence[int] | np.ndarray) -> np.ndarray:
    """MinHash signature (uint32 x PERMUTATIONS); empty when there are too few shingles."""
    if len(hashes) < MIN_SHINGLES:
        return np.zeros(0, dtype=np.uint32)
    x = np.asarray(hashes, dtype=np.uint64)[:MAX_SHINGLES]
    mixed = np.multiply.outer(x, _A)  # multiply-shift hashing mod 2**64, one column per permutation
    mixed += _B
    out: np.ndarray = (mixed.min(axis=0) >> _SHIFT).astype(np.uint32)
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    if a.size == 0 or b.size == 0:
        return 0.0
    return float(np.count_nonzero(a == b)) / float(a.size)


def band_keys(sig: np.ndarray) -> list[bytes]:
    """One bucket key per band (the band number is part of the key)."""
    if sig.size == 0:
        return []
    raw = sig.tobytes()
    width = ROWS * 4
    return [bytes([i]) + raw[i * width:(i + 1) * width] for i in range(BANDS)]


class LSHIndex:
    """Buckets of signatures by band; candidates come back in the order they were added.

    A bucket of one key holds the key itself, a list only from its second key on: most buckets
    have one key, and a str is not a container the garbage collector has to walk (with lists the
    full collections grew with the index and were a third of the assignment cost at 10k)."""

    def __init__(self) -> None:
        self._buckets: dict[bytes, str | list[str]] = {}

    def add(self, key: str, sig: np.ndarray) -> None:
        buckets = self._buckets
        for band in band_keys(sig):
            held = buckets.get(band)
            if held is None:
                buckets[band] = key
            elif isinstance(held, str):
                buckets[band] = [held, key]
            else:
                held.append(key)

    def remove(self, key: str, sig: np.ndarray) -> None:
        for band in band_keys(sig):
            held = self._buckets.get(band)
            if held is None:
                continue
            if isinstance(held, str):
                if held == key:
                    del self._buckets[band]
                continue
            if key in held:
                held.remove(key)
            if len(held) == 1:
                self._buckets[band] = held[0]
            elif not held:
                del self._buckets[band]

    def candidates(self, sig: np.ndarray) -> list[str]:
        seen: dict[str, None] = {}
        for band in band_keys(sig):
            held = self._buckets.get(band)
            if held is None:
                continue
            if isinstance(held, str):
                seen.setdefault(held, None)
            else:
                for key in held:
                    seen.setdefault(key, None)
        return list(seen)

    def __len__(self) -> int:
        return len(self._buckets)


def first_of(ids_dates: Iterable[tuple[str, str | None, int]]) -> str:
    """Which of several copies came first: earliest publication date, then earliest arrival."""
    ranked = sorted(ids_dates, key=lambda x: (x[1] is None, x[1] or "", x[2]))
    return ranked[0][0]
