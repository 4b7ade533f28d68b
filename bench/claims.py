"""Claims benchmark: the story view's claim verdicts and brief against a hand annotation of
multi-outlet stories (ECB+ dev clusters and the project's demo corpus).

Run: .venv/bin/python bench/claims.py [--shared ../shared] [--check]
Reads ../shared/data/stories/ecbplus-dev.jsonl for measuring only; nothing is written outside a
temp dir. `--check` only validates the annotation against the texts and prints its counts.

The annotation: bench/data/claims_gold.jsonl, one story per line, made by reading the articles
before looking at any system output. No data set text is stored: article ids and character
offsets only (for the demo corpus, which the project wrote, values are kept too).

    story           ECB+ cluster id (e.g. "20ecb") or "demo-<name>" for the demo corpus
    source          "ecbplus" (articles are the JSONL rows of that cluster) or "demo"
    offsets         what the offsets index: the JSONL `text` field (ecbplus), or the clean text
                    that ingest stores for the demo file (newsprism.ingest.read_inputs)
    articles        the story's article ids (JSONL `id`; for the demo, the stored article id)
    article_names   demo only: article id -> file name in src/newsprism/data/demo
    main_event      the story's main event in the annotator's words (who did what, where, when)
    main_sentences  [{article, start, end}]: article sentences that state the main event
    pairs           every real relation between two claims of different articles about one thing:
      verdict       agree | contradict | update (one quantity at two times, e.g. a toll that
                    rose, a preliminary then revised magnitude) | complementary (a subset or
                    "other"/"extra" members of a count)
      type          number | money | percent | quantity | duration | date | time | place | name
      note          why, where the verdict is not plain (empty otherwise)
      a, b          the two claims, each {article, start, end, also, what, as_of} (+ value for
                    the demo): [start, end) is the figure/date/place expression in the article,
                    `also` more [start, end] spans of the same claim in that article (a figure
                    repeated in the title), `what` what is counted or dated (annotator's words),
                    `as_of` a label ordering the times of an update ("" when not an update)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
GOLD = ROOT / "bench" / "data" / "claims_gold.jsonl"
VERDICTS = ("agree", "contradict", "update", "complementary")


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The annotated stories, one dict per story (format in this module's docstring)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ecbplus_texts(shared: Path) -> dict[str, dict[str, Any]]:
    """ECB+ dev rows by id (id, topic, cluster, text)."""
    path = shared / "data" / "stories" / "ecbplus-dev.jsonl"
    with path.open(encoding="utf-8") as fh:
        return {row["id"]: row for row in map(json.loads, fh)}


def demo_texts() -> dict[str, str]:
    """The demo corpus's clean texts by article id, read as `newsprism demo` reads them."""
    from newsprism.config import Settings
    from newsprism.ingest import read_inputs
    from newsprism.records import Article

    demo = ROOT / "src" / "newsprism" / "data" / "demo"
    return {a.id: a.text for a in read_inputs([str(demo)], Settings()) if isinstance(a, Article)}


def check_gold(gold: list[dict[str, Any]], texts: dict[str, str]) -> list[str]:
    """Problems in the annotation: unknown articles, spans outside the text, empty spans,
    pairs within one article, unknown verdicts."""
    problems = []
    for story in gold:
        name = story["story"]
        for aid in story["articles"]:
            if aid not in texts:
                problems.append(f"{name}: article {aid} not found")
        spans = [(m["article"], m["start"], m["end"]) for m in story["main_sentences"]]
        for pair in story["pairs"]:
            if pair["verdict"] not in VERDICTS:
                problems.append(f"{name}: unknown verdict {pair['verdict']}")
            if pair["a"]["article"] == pair["b"]["article"]:
                problems.append(f"{name}: a pair within one article ({pair['a']['article']})")
            for claim in (pair["a"], pair["b"]):
                spans.append((claim["article"], claim["start"], claim["end"]))
                spans.extend((claim["article"], s, e) for s, e in claim["also"])
        for aid, start, end in spans:
            text = texts.get(aid, "")
            if not 0 <= start < end <= len(text) or not text[start:end].strip():
                problems.append(f"{name}: bad span {aid} [{start}, {end})")
    return problems


def gold_counts(gold: list[dict[str, Any]]) -> dict[str, int]:
    """Pairs per verdict and per verdict x type, stories and main-event sentences."""
    out: Counter[str] = Counter()
    for story in gold:
        out["stories"] += 1
        out["main_sentences"] += len(story["main_sentences"])
        for pair in story["pairs"]:
            out[f"pairs_{pair['verdict']}"] += 1
            out[f"pairs_{pair['verdict']}_{pair['type']}"] += 1
    return dict(sorted(out.items()))


def all_texts(shared: Path) -> dict[str, str]:
    rows = ecbplus_texts(shared)
    texts = {rid: row["text"] for rid, row in rows.items()}
    texts.update(demo_texts())
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=None, help="the shared folder (data/stories)")
    parser.add_argument("--check", action="store_true", help="only validate the annotation and count it")
    args = parser.parse_args()
    shared = Path(args.shared) if args.shared else SHARED
    if not (shared / "data" / "stories" / "ecbplus-dev.jsonl").exists():
        sys.exit(f"needs {shared}/data/stories/ecbplus-dev.jsonl (the shared data is not beside this checkout)")
    gold = load_gold()
    problems = check_gold(gold, all_texts(shared))
    for p in problems:
        print("annotation:", p)
    for name, value in gold_counts(gold).items():
        print(f"{name:<36} {value}")
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
