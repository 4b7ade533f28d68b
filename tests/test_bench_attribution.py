"""The scoring of bench/attribution.py on invented stories (no shared data needed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "attribution.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_attribution_test", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_person_names_need_surname_and_compatible_given_name(bench: ModuleType) -> None:
    assert bench.same_person("Marta Q. Olsen", "Olsen")
    assert bench.same_person("Marta Q. Olsen", "Marta Olsen")
    assert bench.same_person("William Greaves", "Bill Greaves")
    assert bench.same_person("Tomas Reyes", "Detective Sergeant Tomas Reyes")
    assert not bench.same_person("Marta Olsen", "Henrik Olsen")  # relatives sharing a surname
    assert not bench.same_person("Marta Olsen", "Marta Lund")
    assert not bench.same_person("Marta Olsen", None)


def test_organisations_match_by_words_stems_or_initials(bench: ModuleType) -> None:
    assert bench.same_org("Northfield Water Authority", "NWA")
    assert bench.same_org("Northfield Water Authority", "the Northfield Water Authority")
    assert bench.same_org("Harbour Defence Forces", "Harbour Defense Force")
    assert not bench.same_org("Northfield Water Authority", "Company")


def test_offsets_follow_cleaning(bench: ModuleType) -> None:
    raw = 'header line\nThe mayor said "we will rebuild."\n'
    clean = "The mayor said \u201cwe will rebuild.\u201d"
    start = raw.index("we will")
    span = bench.OffsetMap(raw, clean).span(start, start + len("we will rebuild"))
    assert clean[span[0]:span[1]] == "we will rebuild"
    assert bench.OffsetMap(raw, clean).raw(*span) == (start, start + len("we will rebuild"))


def _story(bench: ModuleType) -> tuple[object, object]:
    gold = bench.GoldStory(
        story="s", articles=["a", "b"], quote_articles=["a"],
        people={"Marta Olsen": [("a", 0, 5), ("b", 0, 5)], "Henrik Olsen": [("a", 20, 25)]},
        quotes=[bench.GoldQuote("a", 40, 60, "direct", "Marta Olsen", "person"),
                bench.GoldQuote("a", 70, 90, "indirect", None, "group")])
    text = "x" * 100
    maps = {k: bench.OffsetMap(text, text) for k in ("a", "b")}
    sys_story = bench.SysStory(
        maps=maps, texts={"a": text, "b": text},
        quotes=[bench.SysQuote("a", 40, 60, "direct", "Henrik Olsen"),
                bench.SysQuote("a", 70, 90, "indirect", "Marta Olsen"),
                bench.SysQuote("a", 92, 99, "direct", None)],
        mentions={"a": [(0, 5, 1), (20, 25, 1)], "b": [(0, 5, 1)]}, others={}, together=True)
    return gold, sys_story


def test_story_scores_count_wrong_speakers_and_wrong_merges(bench: ModuleType) -> None:
    gold, sys_story = _story(bench)
    tally = bench.Tally()
    bench.score_quotes(gold, sys_story, tally)
    bench.score_merges(gold, sys_story, tally)
    out = bench.figures(tally.counts, 1, 1, 0.0)
    assert out["quote_recall"] == 1.0
    assert out["quote_precision"] == pytest.approx(2 / 3)
    assert out["speaker_accuracy"] == 0.0  # Henrik named for Marta's words
    assert out["speaker_for_unnamed"] == 1.0  # a story person named for a group's words
    assert out["wrong_merges"] == 1.0  # Marta and Henrik shown as one person
    assert out["merge_precision"] == pytest.approx(1 / 3)
    assert out["protagonists_found"] == 1.0
    kinds = {e[0] for e in tally.errors}
    assert {"speaker_wrong", "speaker_for_unnamed", "quote_extra", "wrong_merge"} <= kinds


def test_a_reported_clause_with_a_quoted_fragment_may_be_called_either_kind(bench: ModuleType) -> None:
    clause = bench.GoldQuote("a", 10, 60, "indirect", "Marta Olsen", "person")
    fragment = bench.GoldQuote("a", 30, 50, "partial", "Marta Olsen", "person")
    alone = bench.GoldQuote("a", 70, 90, "partial", "Marta Olsen", "person")
    golds = [(q, (q.start, q.end)) for q in (clause, fragment, alone)]
    assert bench._kinds(fragment, golds) == {"partial", "indirect"}
    assert bench._kinds(clause, golds) == {"partial", "indirect"}
    assert bench._kinds(alone, golds) == {"partial"}
