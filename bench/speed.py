"""Analysis throughput on real news text (`corpus/polnear-train/`), one core, one process.

Articles are read and cleaned first (timed apart, as `clean_per_s`), then the default analysis
steps run over all of them: `articles_per_s` for all steps together, `<step>_per_s` for each step
alone, `peak_rss_mb` (the process's peak resident memory), and, as the floor to compare against,
`regex_tokenise_per_s`: a bare `\\w+` tokenisation of the same texts. Rates are per CPU second
of this process (`time.process_time`), so other load on the machine does not skew them;
`articles_per_wall_s` is the same run by the wall clock.

End to end: `ingest_per_s` is `newsprism ingest` of the same plain-text files through the Engine
into a temporary SQLite store (reading, cleaning, analysis, saving, story and alert hooks), with
its parts in CPU milliseconds per article: `ingest_save_ms` (the store's save path) and
`ingest_hooks_ms` (the after-save hooks); `outside_steps_share` is the share of the end-to-end
CPU spent outside the analysis steps.

    .venv/bin/python bench/speed.py [--data ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import contextlib
import re
import resource
import tempfile
import time
from collections.abc import Callable
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


class _Clock:
    """CPU seconds spent inside wrapped callables."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.process_time() - t0
        return timed


def ingest_scores(data: Path, limit: int | None) -> dict[str, float]:
    """`newsprism ingest` of the plain-text files into a temporary SQLite store, by CPU time."""
    from newsprism.config import Settings
    from newsprism.engine import Engine
    from newsprism.ingest import read_inputs
    from newsprism.store.sqlite import SQLiteStore

    paths = [str(p) for p in sorted((data / "corpus" / "polnear-train").glob("*.txt"))[:limit]]
    settings = Settings.load({}, environ={})
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        try:
            engine = Engine.build(settings, store)
            save, hooks, analysis = _Clock(), _Clock(), _Clock()
            engine.analyze = analysis.wrap(engine.analyze)  # type: ignore[method-assign]
            for name in ("save_result", "save_results", "save_each"):
                setattr(store, name, save.wrap(getattr(store, name)))
            engine.hooks = [hooks.wrap(h) for h in engine.hooks]
            t0 = time.process_time()
            report = engine.ingest(read_inputs(paths, settings))
            total = time.process_time() - t0
        finally:
            store.close()
    n = report.new
    return {"ingest_articles": float(n), "ingest_per_s": n / total if total else 0.0,
            "ingest_save_ms": 1000 * save.seconds / max(n, 1),
            "ingest_hooks_ms": 1000 * hooks.seconds / max(n, 1),
            "ingest_analysis_ms": 1000 * analysis.seconds / max(n, 1),
            "outside_steps_share": (total - analysis.seconds) / total if total else 0.0}


def _load_parser() -> None:
    """Load the dependency parser the quotes and events steps share (skipped when absent)."""
    from newsprism.analyze import syntax
    from newsprism.errors import ModelError

    with contextlib.suppress(ModelError):
        syntax.parse(["The board met."])


def scores(data: Path = DATA, limit: int | None = None) -> dict[str, float]:
    articles, clean_s = load(data, limit)
    steps = default_steps()
    run_timed(steps, articles[:1])  # lexicons load once per process; not part of the rate
    _load_parser()  # so is the parser (whichever step parses first would pay ~1 CPU-s for it)
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
    out.update(ingest_scores(data, limit))
    return out


def main(argv: Any = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    for key, val in scores(args.data, args.limit).items():
        print(f"{key:22s} {val:,.3f}" if abs(val) < 10 else f"{key:22s} {val:,.1f}")


if __name__ == "__main__":
    main()
