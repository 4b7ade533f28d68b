"""Story assignment speed and memory as the store grows: articles per second at 10k and 100k.

Volume is synthesised from the real articles in `corpus/polnear-train`: each synthetic story takes
one real article, renames its capitalised words with invented names of its own, and each member
drops and reorders a few sentences, so there are many distinct stories of realistic text. Dates
advance by one day every `per_day` articles. Between checkpoints the clusterer is filled; at each
checkpoint the next `sample` articles are timed, in CPU time (fair on a shared machine): feature
extraction (per article, parallel like the analysis steps) and assignment (the sequential part:
index lookup, scoring, copies, index upkeep), and both on one core. No store.

    .venv/bin/python bench/stories_speed.py [--sizes 10000,100000] [--sample 2000]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from newsprism.records import Article, ArticleResult
from newsprism.store import open_store
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.features import extract
from newsprism.stories.service import after_save_hooks

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "polnear-train"
_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")
_SYLLABLES = ["ka", "ro", "mi", "ten", "vas", "lu", "dor", "bel", "ni", "sar", "qu", "ost", "fen", "ix"]


class Synth:
    """Endless perturbed articles grouped in synthetic stories (deterministic for a seed)."""

    def __init__(self, texts: list[str], seed: int = 7, per_day: int = 1000) -> None:
        self.texts = texts
        self.rng = random.Random(seed)
        self.per_day = per_day
        self.n = 0
        self.story: tuple[list[str], dict[str, str]] = ([], {})
        self.left = 0

    def _name(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(3)).capitalize()

    def _new_story(self) -> None:
        base = self.rng.choice(self.texts)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", base) if s.strip()]
        names = {w: self._name() for w in set(_CAP.findall(base))}
        self.story = (sentences, names)
        self.left = self.rng.randint(1, 8)

    def next(self) -> Article:
        if self.left == 0:
            self._new_story()
        self.left -= 1
        sentences, names = self.story
        keep = [s for s in sentences if self.rng.random() > 0.15] or sentences[:1]
        if len(keep) > 3:
            i = self.rng.randrange(1, len(keep) - 1)
            keep[i], keep[i + 1] = keep[i + 1], keep[i]
        text = _CAP.sub(lambda m: names.get(m.group(), m.group()), " ".join(keep))
        day = date(2020, 1, 1) + timedelta(days=self.n // self.per_day)
        self.n += 1
        return Article(id=f"{self.n:016x}", source="synthetic", text=text, published=day.isoformat(),
                       title=text[:70])


def hook_rate(texts: list[str], n: int = 300) -> dict[str, float]:
    """The whole after-save hook on a SQLite store: assignment, passages and the writes."""

    synth = Synth(texts, seed=11)
    batch = [synth.next() for _ in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "speed.db"))
        try:
            hook = after_save_hooks(None)[0]
            results = [ArticleResult(article=a) for a in batch]
            for r in results:
                store.save_result(r)
            c0, t0 = time.process_time(), time.perf_counter()
            for r in results:
                hook(store, r)
            cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        finally:
            store.close()
    return {"hook_per_s": n / cpu, "hook_wall_per_s": n / wall}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scores(sizes: tuple[int, ...] = (10_000, 100_000), sample: int = 2000,
           corpus: Path = CORPUS, hook_sample: int = 300) -> dict[str, float]:
    out: dict[str, float] = {}
    for figures in checkpoints(sizes, sample, corpus, hook_sample):
        out |= figures
    return out


def checkpoints(sizes: tuple[int, ...], sample: int, corpus: Path,
                hook_sample: int) -> Iterator[dict[str, float]]:
    """The figures at each store size as soon as they are measured, then the hook's."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.glob("*.txt"))]
    synth = Synth(texts)
    clusterer = StoryClusterer()
    for size in sizes:
        out: dict[str, float] = {}
        while synth.n < size:
            clusterer.add(extract(synth.next()))
        batch = [synth.next() for _ in range(sample)]
        c0 = time.process_time()
        features = [extract(article) for article in batch]
        c1 = time.process_time()
        t1 = time.perf_counter()
        for f in features:
            clusterer.add(f)
        elapsed, c2 = time.perf_counter() - t1, time.process_time()
        label = f"{size // 1000}k"
        # assignment is the sequential part; features are per article (parallel like the analysis)
        out[f"assign_per_s_at_{label}"] = sample / (c2 - c1)
        out[f"assign_wall_per_s_at_{label}"] = sample / elapsed
        out[f"features_ms_at_{label}"] = 1000 * (c1 - c0) / sample
        out[f"assign_ms_at_{label}"] = 1000 * (c2 - c1) / sample
        out[f"one_core_per_s_at_{label}"] = sample / (c2 - c0)
        out[f"peak_rss_mb_at_{label}"] = _rss_mb()
        out[f"index_docs_at_{label}"] = float(len(clusterer.docs))
        out[f"live_stories_at_{label}"] = float(len(clusterer.stories))
        yield out
    yield hook_rate(texts, hook_sample)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="store sizes to time at")
    parser.add_argument("--sample", type=int, default=2000, help="articles timed at each size")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--hook-sample", type=int, default=300, help="articles through the hook")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    for figures in checkpoints(sizes, args.sample, args.corpus, args.hook_sample):
        for key, value in figures.items():
            print(f"{key:<28} {value:.2f}", flush=True)


if __name__ == "__main__":
    main()
