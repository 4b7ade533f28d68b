"""The LSH index's buckets (one key held as a str, more as a list) answer as a list of keys would."""

from __future__ import annotations

import numpy as np

from newsprism.stories.copies import BANDS, ROWS, LSHIndex


def sig(seed: int, shared_bands: int = 0) -> np.ndarray:
    """A signature; its first `shared_bands` bands are the same for every seed."""
    values = np.random.default_rng(seed).integers(0, 2**32, BANDS * ROWS, dtype=np.uint32)
    values[: shared_bands * ROWS] = 7
    return values


def test_candidates_in_arrival_order_and_removal_of_single_and_shared_buckets() -> None:
    index = LSHIndex()
    a, b, c = sig(1, shared_bands=2), sig(2, shared_bands=2), sig(3)
    index.add("a", a)
    index.add("b", b)
    index.add("c", c)
    assert index.candidates(b) == ["a", "b"]  # a shares two bands with b
    assert index.candidates(c) == ["c"]
    assert index.candidates(sig(4)) == []
    index.remove("a", a)
    assert index.candidates(b) == ["b"] and index.candidates(a) == ["b"]
    index.remove("b", b)
    index.remove("c", c)
    assert len(index) == 0 and index.candidates(b) == []


def test_removing_an_unknown_key_changes_nothing() -> None:
    index = LSHIndex()
    a = sig(1, shared_bands=1)
    index.add("a", a)
    index.remove("z", a)
    index.remove("z", sig(9))
    assert index.candidates(a) == ["a"] and len(index) == BANDS
