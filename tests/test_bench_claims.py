"""bench/claims.py's scoring: offsets through cleaning, claims expanded into comparisons, matching
to gold pairs by span overlap, and the figures per verdict (texts invented for these tests)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from newsprism.stories.view_records import Claim, ClaimValue, Span, StoryView

BENCH = Path(__file__).resolve().parent.parent / "bench" / "claims.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_claims_under_test", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


C = _bench()


def _value(value: str, *spans: tuple[str, int, int]) -> ClaimValue:
    return ClaimValue(value=value, text=value, spans=[Span(article_id=a, start=s, end=e) for a, s, e in spans])


def _claim(cid: str, verdict: str, *values: ClaimValue) -> Claim:
    return Claim(id=cid, kind="figure", subject="ferries", values=list(values), verdict=verdict,  # type: ignore[arg-type]
                 explanation="")


def _gold(verdict: str, a: tuple[str, int, int], b: tuple[str, int, int], kind: str = "number") -> object:
    return C.GoldPair("s", verdict, kind, "ferries", [C.Loc(*a)], [C.Loc(*b)])


def test_aligner_follows_folded_spacing_and_a_dropped_line() -> None:
    raw = "Ferry sinks\nSeven ferries sailed  on Monday.\nTwo sank."
    clean = "Seven ferries sailed on Monday.\n\nTwo sank."
    al = C.Aligner(raw, clean)
    s, e = raw.index("Monday"), raw.index("Monday") + len("Monday")
    got = al.span(s, e)
    assert got is not None and clean[got[0]:got[1]] == "Monday"
    two = raw.index("Two")
    got = al.span(two, two + 3)
    assert got is not None and clean[got[0]:got[1]] == "Two"
    assert al.span(0, len("Ferry sinks")) is None  # the first line was dropped


def test_claim_gives_agree_within_a_value_and_its_verdict_across_values() -> None:
    view = StoryView(story_id="s", claims=[
        _claim("c1", "contradict", _value("7", ("a", 0, 5), ("b", 10, 15)), _value("9", ("c", 3, 4))),
        _claim("c2", "single", _value("3", ("a", 20, 21))),
    ])
    pairs = C.system_pairs("s", view)
    verdicts = sorted((p.a.article, p.b.article, p.verdict) for p in pairs)
    assert verdicts == [("a", "b", "agree"), ("a", "c", "contradict"), ("b", "c", "contradict")]


def test_scores_count_a_rising_toll_reported_as_contradiction() -> None:
    gold = [_gold("update", ("a", 0, 5), ("c", 3, 4)), _gold("agree", ("a", 0, 5), ("b", 10, 15)),
            _gold("contradict", ("b", 40, 42), ("c", 50, 52))]
    view = StoryView(story_id="s", claims=[
        _claim("c1", "contradict", _value("12", ("a", 1, 3), ("b", 11, 13)), _value("17", ("c", 3, 4))),
    ])
    matched = C.match(C.system_pairs("s", view), gold)
    scores = C.verdict_scores(matched, gold)
    assert scores["updates_as_contradictions"] == 1.0
    assert scores["contradict_precision"] == 0.0 and scores["contradict_recall"] == 0.0
    assert scores["agree_precision"] == 1.0 and scores["agree_recall"] == 1.0
    assert scores["update_recall"] == 0.0


def test_comparison_of_unrelated_figures_is_a_false_contradiction() -> None:
    gold = [_gold("contradict", ("a", 0, 2), ("b", 0, 2))]
    view = StoryView(story_id="s", claims=[
        _claim("c1", "contradict", _value("5", ("a", 30, 31)), _value("8", ("b", 60, 61))),
    ])
    matched = C.match(C.system_pairs("s", view), gold)
    assert matched[0][1] is None
    scores = C.verdict_scores(matched, gold)
    assert scores["contradict_precision"] == 0.0 and scores["contradict_reported"] == 1.0
    errors = C.comparison_errors(matched, gold, {"a": "x" * 80, "b": "y" * 80})
    assert any(cls.startswith("false contradict") for cls, _ in errors)
    assert any(cls.startswith("missed contradict") for cls, _ in errors)


def test_near_copy_holds_a_sentence_but_another_sentence_does_not() -> None:
    text = "The harbour master said on Friday that seven ferries had been held in port by the storm."
    assert C._held("The harbour master said seven ferries had been held in port by the storm.", text)
    assert not C._held("The mayor closed every school in the district after the flood.", text)
