"""Quotes, figures and dates on the five seed articles against the analyst's gold (`gold/seeds.json`).

Each seed is read and cleaned as `ingest` reads it, then run through sentences, entities, dates,
figures and quotes. Scores:
- quotes_speaker: share of gold quotes (direct and partial) found with the right speaker;
- quotes_kind: found with the right speaker and kind (direct or partial);
- reported_speaker: the same as quotes_speaker for gold reported (indirect) speech;
- figures_value: share of gold figures found with the right value;
- figures_all: share found with the right value, qualifier and claimant (None must be None);
- dates_found: share of gold date values found.
A gold quote is found when a predicted quote's text contains its snippet (quote styles, case and
spacing folded). Speakers match when one name's words all match words of the other (a word matches
one it equals or starts, from four letters: "Russia's" ~ "Russian"), or through the gold aliases.

    .venv/bin/python bench/seeds_facts.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from newsprism.analyze.dates import DatesStep
from newsprism.analyze.entities import EntitiesStep
from newsprism.analyze.figures import FiguresStep
from newsprism.analyze.quotes import QuotesStep
from newsprism.analyze.sentences import SentencesStep
from newsprism.ingest.text import article_from_text
from newsprism.pipeline import Pipeline
from newsprism.records import ArticleResult, normalise_for_id

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_WORD = re.compile(r"[a-z0-9]+")
_DROP = frozenset({"the", "s", "of", "a", "an"})


def facts_pipeline() -> Pipeline:
    """The steps these facts need, in pipeline order."""
    return Pipeline([SentencesStep(), EntitiesStep(), DatesStep(), FiguresStep(), QuotesStep()])


def analyse(shared: Path) -> dict[str, ArticleResult]:
    pipeline = facts_pipeline()
    out = {}
    for path in sorted((shared / "seeds").glob("*.txt")):
        article = article_from_text(path.read_text(encoding="utf-8"), str(path))
        out[path.name] = pipeline.run(article, strict=True)
    return out


def _words(name: str) -> list[str]:
    return [w for w in _WORD.findall(normalise_for_id(name)) if w not in _DROP]


def _word_match(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def same_speaker(pred: str | None, gold: str | None, people: dict[str, Any]) -> bool:
    """Whether a predicted speaker or claimant names the gold one (None only matches None)."""
    if pred is None or gold is None:
        return pred is None and gold is None
    names = [gold, *people.get(gold, {}).get("aliases", [])]
    pw = _words(pred)
    for name in names:
        gw = _words(name)
        if not gw or not pw:
            continue
        if all(any(_word_match(g, p) for p in pw) for g in gw) or \
                all(any(_word_match(p, g) for g in gw) for p in pw):
            return True
    return False


def _found(snippet: str, quotes: list[Any]) -> list[Any]:
    key = normalise_for_id(snippet)
    return [q for q in quotes if key in normalise_for_id(q.text)]


def score_quotes(results: dict[str, ArticleResult], gold: dict[str, Any], field: str,
                 kind: bool = False) -> float:
    """Share of gold quotes found with the right speaker (and kind, when `kind`)."""
    hits = total = 0
    for name, doc in gold["documents"].items():
        quotes = results[name].outputs.get("quotes", [])
        for g in doc.get(field, []):
            total += 1
            hits += any(same_speaker(q.speaker, g["speaker"], gold["people"])
                        and (not kind or q.kind == g["kind"]) for q in _found(g["contains"], quotes))
    return hits / total if total else 0.0


def score_figures(results: dict[str, ArticleResult], gold: dict[str, Any]) -> tuple[float, float]:
    value = full = total = 0
    for name, doc in gold["documents"].items():
        figures = results[name].outputs.get("figures", [])
        for g in doc.get("figures", []):
            total += 1
            same = [f for f in figures if abs(f.value - g["value"]) < 1e-6]
            value += bool(same)
            full += any(f.qualifier == g.get("qualifier")
                        and same_speaker(f.source, g.get("source"), gold["people"]) for f in same)
    return (value / total, full / total) if total else (0.0, 0.0)


def score_dates(results: dict[str, ArticleResult], gold: dict[str, Any]) -> float:
    hits = total = 0
    for name, doc in gold["documents"].items():
        values = {v for d in results[name].outputs.get("dates", []) if d.value for v in d.value.split("/")}
        for want in doc.get("dates", {}).values():
            total += 1
            hits += want in values
    return hits / total if total else 0.0


def scores(shared: Path = SHARED) -> dict[str, float]:
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    results = analyse(shared)
    fig_value, fig_all = score_figures(results, gold)
    return {
        "quotes_speaker": score_quotes(results, gold, "quotes"),
        "quotes_kind": score_quotes(results, gold, "quotes", kind=True),
        "reported_speaker": score_quotes(results, gold, "reported_speech"),
        "figures_value": fig_value,
        "figures_all": fig_all,
        "dates_found": score_dates(results, gold),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    for key, val in scores(args.shared).items():
        print(f"{key:18s} {val:.3f}")


if __name__ == "__main__":
    main()
