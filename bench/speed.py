"""Analysis throughput on real news text (`corpus/polnear-train/`), one core, one process.

Articles are read and cleaned first (timed apart, as `clean_per_s`), then the default analysis
steps run over all of them: `articles_per_s` for all steps together, `<step>_per_s` for each step
alone, `peak_rss_mb` (the process's peak resident memory), and, as the floor to compare against,
`regex_tokenise_per_s`: a bare `\\w+` tokenisation of the same texts. Rates are per CPU second
of this process (`time.process_time`), so other load on the machine does not skew them;
`articles_per_wall_s` is the same run by the wall clock.

    .venv/bin/python bench/speed.py [--data ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from pathlib import Path
from typing import Any

from newsprism.analyze import default_steps
from newsprism.ingest.text import article_from_text
from newsprism.pipeline import Step
from newsprism.records import Article

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
_WORD = re.compile(r"\w+")


def load(data: Path, limit: int | None = None) -> tuple[list[Article], float]:
    """The corpus as clean Articles, and the seconds cleaning took."""
    paths = sorted((data / "corpus" / "polnear-train").glob("*.txt"))[:limit]
    raws = [(p.read_text(encoding="utf-8"), str(p)) for p in paths]
    t0 = time.process_time()
    articles = [article_from_text(text, source) for text, source in raws]
    return articles, time.process_time() - t0


def tokenise_seconds(articles: list[Article]) -> float:
    t0 = time.process_time()
    for a in articles:
        _WORD.findall(a.text)
    return time.process_time() - t0


def run_timed(steps: list[Step], articles: list[Article]) -> tuple[dict[str, float], int]:
    """CPU seconds per step over all articles (as the pipeline runs them), and failures."""
    seconds = dict.fromkeys((s.name for s in steps), 0.0)
    failures = 0
    for article in articles:
        outputs: dict[str, Any] = {}
        for step in steps:
            if any(r not in outputs for r in step.requires):
                continue
            t0 = time.process_time()
            try:
                outputs[step.name] = step.run(article, {r: outputs[r] for r in step.requires})
            except Exception:  # counted, as the pipeline records it
                failures += 1
            seconds[step.name] += time.process_time() - t0
    return seconds, failures


def scores(data: Path = DATA, limit: int | None = None) -> dict[str, float]:
    articles, clean_s = load(data, limit)
    steps = default_steps()
    run_timed(steps, articles[:1])  # lexicons load once per process; not part of the rate
    wall = time.perf_counter()
    seconds, failures = run_timed(steps, articles)
    wall = time.perf_counter() - wall
    n = len(articles)
    total = sum(seconds.values())
    out: dict[str, float] = {"articles": float(n), "articles_per_s": n / total,
                             "articles_per_wall_s": n / wall, "clean_per_s": n / clean_s}
    for name, secs in seconds.items():
        out[f"{name}_per_s"] = n / secs if secs else float("inf")
    out["regex_tokenise_per_s"] = n / tokenise_seconds(articles)
    out["step_failures"] = float(failures)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main(argv: Any = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    for key, val in scores(args.data, args.limit).items():
        print(f"{key:22s} {val:,.1f}")


if __name__ == "__main__":
    main()
