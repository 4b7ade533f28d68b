"""Story clustering quality on ECB+ and AllSides: B-cubed, pairwise F1, ARI, number of stories.

Articles are fed to the streaming clusterer one by one in file order, with no dates (the sets have
none), exactly as `ingest` would assign them. Gold: ECB+ `cluster` (the event, not the topic),
AllSides `cluster`.

    .venv/bin/python bench/stories.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsprism.records import Analysis, Article, article_id
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.features import extract

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SETS = {"ecbplus": "stories/ecbplus-dev.jsonl", "allsides": "stories/allsides-dev.jsonl"}


def cluster_file(path: Path, analyse: bool = False) -> tuple[list[str], list[str]]:
    """Predicted and gold cluster labels, in file order (with `analyse`, entities and places
    from the analysis steps are used too)."""
    pipeline = _analysis() if analyse else None
    clusterer = StoryClusterer()
    pred, gold = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = row["text"]
            article = Article(id=article_id((row.get("title") or "") + "\n" + text) + row["id"],
                              source=row["id"], text=text, title=row.get("title"))
            outputs = pipeline.run(article).outputs if pipeline is not None else {}
            pred.append(clusterer.add(extract(article, Analysis.of(article.id, outputs))).story_id)
            gold.append(str(row["cluster"]))
    return [clusterer.live(p) for p in pred], gold


def _analysis() -> Any:
    from newsprism.engine import default_pipeline

    pipeline = default_pipeline()
    wanted = [n for n in ("sentences", "entities", "places") if n in pipeline.stats]
    return pipeline.select(wanted)


def bcubed(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    pc, gc = Counter(pred), Counter(gold)
    both = Counter(zip(pred, gold, strict=True))
    p = sum(both[(a, b)] / pc[a] for a, b in zip(pred, gold, strict=True)) / len(pred)
    r = sum(both[(a, b)] / gc[b] for a, b in zip(pred, gold, strict=True)) / len(pred)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _pairs(counter: Counter[object]) -> float:
    return sum(n * (n - 1) / 2 for n in counter.values())


def pairwise_f1(pred: list[str], gold: list[str]) -> float:
    same = _pairs(Counter(zip(pred, gold, strict=True)))
    p_pairs, g_pairs = _pairs(Counter(pred)), _pairs(Counter(gold))
    p = same / p_pairs if p_pairs else 1.0
    r = same / g_pairs if g_pairs else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def ari(pred: list[str], gold: list[str]) -> float:
    n = len(pred)
    index = _pairs(Counter(zip(pred, gold, strict=True)))
    a, b = _pairs(Counter(pred)), _pairs(Counter(gold))
    expected = a * b / (n * (n - 1) / 2)
    top = (a + b) / 2
    return (index - expected) / (top - expected) if not math.isclose(top, expected) else 1.0


def scores(data: Path = DATA, analyse: bool = False) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, rel in SETS.items():
        t0 = time.perf_counter()
        pred, gold = cluster_file(data / rel, analyse)
        p, r, f = bcubed(pred, gold)
        out |= {f"{name}_bcubed_p": p, f"{name}_bcubed_r": r, f"{name}_bcubed_f1": f,
                f"{name}_pairwise_f1": pairwise_f1(pred, gold), f"{name}_ari": ari(pred, gold),
                f"{name}_stories": float(len(set(pred))), f"{name}_gold_stories": float(len(set(gold))),
                f"{name}_articles_per_s": len(pred) / (time.perf_counter() - t0)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--analyse", action="store_true",
                        help="run the entities and places steps first and use their outputs")
    args = parser.parse_args()
    for key, value in scores(args.data, args.analyse).items():
        print(f"{key:<28} {value:.4f}")


if __name__ == "__main__":
    main()
