"""Shared passages: verbatim, edited and paraphrased runs found with offsets; unrelated text not."""

from __future__ import annotations

from newsprism.records import Sentence
from newsprism.stories.passages import coverage, shared_passages

WIRE = (
    "The harbour authority said on Monday that the container ship Ostrava Star ran aground at dawn "
    "near the northern breakwater. Nobody was hurt and no fuel has leaked, a spokesman said. "
    "Tugs will try to refloat the vessel at high tide on Tuesday evening, weather permitting. "
    "The port expects delays of up to two days for other ships."
)
EDITED = (
    "Local traders are worried about the season. The container ship Ostrava Star ran aground at "
    "dawn near the northern breakwater, the harbour authority said on Monday. Nobody was hurt and no "
    "fuel has leaked, a spokesman said. Tugs are expected to try to refloat the vessel at high tide "
    "on Tuesday evening if the weather allows. Fishermen said the breakwater lights had failed."
)
PARAPHRASE = (
    "Port officials reported on Monday that the Ostrava Star, a container vessel, had run aground "
    "close to the northern breakwater at dawn. The crew were all safe."
)
UNRELATED = (
    "The city library will extend its opening hours from next month, the culture department said. "
    "Readers will be able to borrow books until nine in the evening on weekdays."
)


def test_verbatim_and_edited_runs_with_offsets() -> None:
    found = shared_passages("a", WIRE, "b", EDITED)
    # three aligned sentences in a row (edited, verbatim, edited) make one edited passage
    assert [p.kind for p in found] == ["edited"]
    for p in found:
        assert p.a_id == "a" and p.b_id == "b"
        assert 0 <= p.a_start < p.a_end <= len(WIRE)
        assert 0 <= p.b_start < p.b_end <= len(EDITED)
        assert 0 < p.similarity <= 1
    assert WIRE[found[0].a_start:].startswith("The harbour authority")
    assert EDITED[found[0].b_start:found[0].b_end].endswith("if the weather allows.")
    assert not any("traders" in EDITED[p.b_start:p.b_end] for p in found)
    assert not any("Fishermen" in EDITED[p.b_start:p.b_end] for p in found)


def test_consecutive_aligned_sentences_join_into_one_passage() -> None:
    doubled = WIRE + " Then something else entirely happened at the fish market on Sunday."
    found = shared_passages("a", WIRE, "b", doubled)
    assert len(found) == 1
    assert found[0].a_start == 0 and found[0].a_end == len(WIRE)
    assert found[0].kind == "verbatim"


def test_paraphrase_is_found() -> None:
    found = shared_passages("a", WIRE, "b", PARAPHRASE)
    assert [p.kind for p in found] == ["paraphrase"]


def test_unrelated_texts_share_nothing() -> None:
    assert shared_passages("a", WIRE, "b", UNRELATED) == []


def test_sentences_from_the_sentences_step_are_used() -> None:
    sents = [Sentence(start=0, end=len(WIRE))]
    found = shared_passages("a", WIRE, "b", WIRE, sents, sents)
    assert len(found) == 1 and found[0].a_end == len(WIRE)


def test_coverage_counts_overlaps_once() -> None:
    found = shared_passages("a", WIRE, "b", WIRE)
    assert coverage(found, len(WIRE)) > 0.95
    assert coverage([], 100) == 0.0
