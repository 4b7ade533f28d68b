"""Properties of cleaning that must hold for any input: offsets valid, nothing raised, linear time."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.ingest.clean import clean_text, normalise_quotes

ALPHABET = st.sampled_from(list("aZ .,!?:-–—'\"“”‘’´`*_#[]()<>/\n") + ["\n\n", "By ", "http://x.example/a", "date 2020-01-02 ",
                                                                      "Word ", "WORD ", "Related: ", "Photo: "])
TEXTS = st.lists(ALPHABET, max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offsets_stay_valid(raw: str) -> None:
    out = clean_text(raw)
    text = out.text
    for link in out.links:
        assert 0 <= link.start <= link.end <= len(text)
        assert text[link.start:link.end] == link.text
    if text:
        assert out.segments[0].start == 0 and out.segments[-1].end == len(text)
        for a, b in zip(out.segments, out.segments[1:], strict=False):
            assert a.end == b.start < b.end


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_quote_normalisation_is_one_for_one(raw: str) -> None:
    assert len(normalise_quotes(raw)) == len(raw)
    assert len(normalise_quotes(raw, "’")) == len(raw)


def test_hostile_inputs_take_linear_time() -> None:
    hostile = [
        "__x " * 20000,
        "*a " * 20000,
        "Intro sentence here. " + "AB " * 3000 + "/ Reuters",
        "[" * 20000 + "](" * 10000,
        "A" * 50000 + " -- text",
        "word " * 100000,
        "It ended.Then " * 10000,
    ]
    for raw in hostile:
        start = time.perf_counter()
        clean_text(raw)
        assert time.perf_counter() - start < 15, raw[:20]
