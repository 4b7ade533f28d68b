"""Sentence splitting: abbreviations, initials, quotes, datelines, paragraphs, stitched reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.analyze.sentences import SentencesStep, split, split_spans
from newsprism.records import Article


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sen. Dana Whitcombe (D-N.J.) said so. Gen. Paul Ardent agreed.",
         ["Sen. Dana Whitcombe (D-N.J.) said so.", "Gen. Paul Ardent agreed."]),
        ("The U.S. Army left. It was late.", ["The U.S. Army left.", "It was late."]),
        ("Sanctions came from the U.S. The Kremlin replied.",
         ["Sanctions came from the U.S.", "The Kremlin replied."]),
        ("Drills run until Feb. 20 in the region. Then they end.",
         ["Drills run until Feb. 20 in the region.", "Then they end."]),
        ('He said: "No. We will not." Then he left.',
         ['He said: "No.', 'We will not."', "Then he left."]),
        ('"We are ready," she said. "Are you?" he asked.',
         ['"We are ready," she said.', '"Are you?" he asked.']),
        ("MOSCOW \u2014 Russia said no. Kyiv said yes.", ["MOSCOW \u2014 Russia said no.", "Kyiv said yes."]),
        ("He met J. R. Smith at 5 p.m. on Monday.", ["He met J. R. Smith at 5 p.m. on Monday."]),
        ("Growth was 3.5 percent. Prices rose.", ["Growth was 3.5 percent.", "Prices rose."]),
        ('the pacts of the northern ports."Meanwhile, Varnia moved.',
         ['the pacts of the northern ports."', "Meanwhile, Varnia moved."]),
        ("A heading\n\nThe body starts here", ["A heading", "The body starts here"]),
        ("a sentence broken\nacross lines ends here.", ["a sentence broken\nacross lines ends here."]),
    ],
)
def test_split_cases(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_index_the_text_and_are_trimmed() -> None:
    text = "  One here.   Two there!  \n\n Three?  "
    spans = split(text)
    assert [text[s.start:s.end] for s in spans] == ["One here.", "Two there!", "Three?"]
    assert all(s.start < s.end for s in spans)


def test_empty_and_blank_text() -> None:
    assert split("") == []
    assert split(" \n\n ") == []


def test_step_runs_on_article() -> None:
    art = Article(id="x", source="t", text="First one. Second one.")
    out = SentencesStep().run(art, {})
    assert [(s.start, s.end) for s in out] == [(0, 10), (11, 22)]


def test_seeds_split_without_losing_text(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = split_spans(text)
        assert len(spans) > 10, path.name
        covered = "".join(text[s:e] for s, e in spans)
        assert covered.replace(" ", "") == "".join(text.split()), path.name
        assert not any(text[s:e].startswith(("Gen.", "Sen.")) and e - s < 6 for s, e in spans)
