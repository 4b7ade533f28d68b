"""Story view benchmark: claims and contradictions against the seeds' gold, brief citation
precision on the seeds and the sample corpus, and the time to build a view of 5, 50 and 500 articles.

Run: .venv/bin/python bench/story_view.py [--shared ../shared]
Reads ../shared (seeds, gold, corpus) for measuring only; nothing is written outside a temp dir.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsprism.engine import Engine
from newsprism.pipeline import Pipeline, Step
from newsprism.records import Analysis, Article, SharedPassage
from newsprism.stories.brief import triples
from newsprism.stories.view import Claim, StoryView, build_view, build_view_from

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
STEPS = [("sentences", "SentencesStep"), ("entities", "EntitiesStep"), ("places", "PlacesStep"),
         ("dates", "DatesStep"), ("figures", "FiguresStep"), ("quotes", "QuotesStep")]


def analysis_pipeline() -> Pipeline:
    """The steps the story view reads (the default pipeline's, or those present in this tree)."""
    from newsprism.analyze import default_steps

    wanted = {name for name, _ in STEPS}
    steps: list[Step] = [s for s in default_steps() if s.name in wanted]
    have = {s.name for s in steps}
    for module, cls in STEPS:
        if module in have:
            continue
        try:
            steps.append(getattr(importlib.import_module(f"newsprism.analyze.{module}"), cls)())
        except (ImportError, AttributeError):
            continue
    order = [name for name, _ in STEPS]
    return Pipeline(sorted(steps, key=lambda s: order.index(s.name)))


def read_articles(paths: Iterable[Path]) -> list[Article]:
    from newsprism.ingest.text import article_from_text

    return [article_from_text(p.read_text(encoding="utf-8"), source=str(p)) for p in paths]


def demo_articles() -> list[Article]:
    """The project's fictional sample corpus (every format it ships), read as `ingest` reads it."""
    from newsprism.config import Settings
    from newsprism.ingest import read_inputs

    demo = ROOT / "src" / "newsprism" / "data" / "demo"
    if not demo.exists():
        return []
    return [a for a in read_inputs([str(demo)], Settings()) if isinstance(a, Article)]


def stored_story(articles: list[Article], db: str) -> tuple[Any, str]:
    """Ingest articles into a fresh store (analysis + stories) and return it with the largest story."""
    from newsprism.config import Settings
    from newsprism.store import open_store
    from newsprism.stories.service import after_save_hooks
    from newsprism.stories.storage import list_stories

    store = open_store(db)
    Engine(analysis_pipeline(), store, after_save_hooks(Settings())).ingest(articles)
    stories = list_stories(store, limit=1000)
    return store, max(stories, key=lambda s: s.size).id


# ---------------------------------------------------------------- scoring against gold


def _values(claim: Claim) -> set[str]:
    return {v.value for v in claim.values}


def _docs(claim: Claim, names: dict[str, str]) -> set[str]:
    return {names.get(a, a) for a in claim.articles}


def gold_scores(view: StoryView, gold: dict[str, Any], names: dict[str, str]) -> dict[str, float]:
    """Gold agreements and disagreements found; contradictions found and false ones."""
    story = gold["story"]
    found_dis = 0
    for dis in story["disagreements"]:
        want = {str(v["value"]) if isinstance(v["value"], str) else f"{float(v['value']):g}"
                for v in dis["values"]}
        if any(c.verdict == "contradict" and want <= _values(c) for c in view.claims):
            found_dis += 1
    found_agree, false_contra = 0, 0
    for agr in story["agreements"]:
        value = agr["value"] if isinstance(agr["value"], str) else f"{float(agr['value']):g}"
        docs = set(agr["documents"]) if isinstance(agr["documents"], list) else set(names.values())
        hits = [c for c in view.claims if value in _values(c) and len(_docs(c, names) & docs) >= 2]
        found_agree += any(c.verdict == "agree" for c in hits)
        false_contra += any(c.verdict == "contradict" for c in hits)
    gold_n = len(story["agreements"]) + len(story["disagreements"])
    contradictions = [c for c in view.claims if c.verdict == "contradict"]
    return {
        "seeds_claims_found": (found_agree + found_dis) / gold_n,
        "seeds_claims_total": float(len(view.claims)),
        "seeds_contradictions_found": float(found_dis),
        "seeds_contradictions_gold": float(len(story["disagreements"])),
        "seeds_false_contradictions": float(false_contra),
        "seeds_contradictions_reported": float(len(contradictions)),
    }


def citation_precision(view: StoryView, texts: dict[str, str]) -> float:
    """Share of brief citations whose article holds the sentence (most word triples) or a
    shared passage over it."""
    total = good = 0
    for b in view.brief:
        mine = triples(b.text)
        for aid in b.citations:
            total += 1
            held = len(mine & triples(texts[aid])) >= 0.6 * len(mine)
            good += held or _passage_over(view.passages, b.span.article_id, b.span.start,
                                          b.span.end, aid)
    return good / total if total else 0.0


def _passage_over(passages: list[SharedPassage], aid: str, start: int, end: int, other: str) -> bool:
    for p in passages:
        for mine, them, s, e in ((p.a_id, p.b_id, p.a_start, p.a_end), (p.b_id, p.a_id, p.b_start, p.b_end)):
            if mine == aid and them == other and min(e, end) - max(s, start) >= 0.5 * (end - start):
                return True
    return False


# ---------------------------------------------------------------- the runs


def seed_scores(tmp: str) -> dict[str, float]:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    articles = read_articles(seeds)
    names = {a.id: Path(a.source).name for a in articles}
    store, story_id = stored_story(articles, str(Path(tmp) / "seeds.db"))
    try:
        view = build_view(store, story_id)
    finally:
        store.close()
    out = gold_scores(view, gold, names)
    out["seeds_story_size"] = float(view.size)
    out["seeds_brief_sentences"] = float(len(view.brief))
    out["seeds_brief_citation_precision"] = citation_precision(view, {a.id: a.text for a in articles})
    return out


def demo_scores(tmp: str) -> dict[str, float]:
    """Citation precision and contradictions over the stories of the project's sample corpus."""
    articles = demo_articles()
    if not articles:
        return {}
    from newsprism.stories.storage import list_stories

    store, _ = stored_story(articles, str(Path(tmp) / "demo.db"))
    texts = {a.id: a.text for a in articles}
    precisions, claims, contradictions = [], 0, 0
    try:
        for story in list_stories(store, limit=1000):
            if story.size < 2:
                continue
            view = build_view(store, story.id)
            precisions.append(citation_precision(view, texts))
            claims += len(view.claims)
            contradictions += sum(c.verdict == "contradict" for c in view.claims)
    finally:
        store.close()
    return {
        "demo_stories": float(len(precisions)),
        "demo_claims": float(claims),
        "demo_contradictions": float(contradictions),
        "demo_brief_citation_precision": sum(precisions) / len(precisions) if precisions else 0.0,
    }


def timing_scores(sizes: tuple[int, ...] = (5, 50, 500)) -> dict[str, float]:
    """Milliseconds to build one view of n real articles (analysed once beforehand; best of 3)."""
    corpus = sorted((SHARED / "data" / "corpus" / "polnear-train").glob("*.txt"))[: max(sizes)]
    articles = read_articles(corpus)
    pipeline = analysis_pipeline()
    outputs = {}
    for a in articles:
        result = pipeline.run(a)
        outputs[a.id] = Analysis.of(a.id, result.outputs, result.versions)
    out: dict[str, float] = {"python_loop_cpu_ms": _reference_ms()}
    for n in sizes:
        subset = articles[:n]
        runs = [_timed(subset, outputs) for _ in range(3 if n <= 50 else 1)]
        out[f"view_ms_{n}_articles"] = round(min(r[0] for r in runs), 1)
        out[f"view_cpu_ms_{n}_articles"] = round(min(r[1] for r in runs), 1)
        out[f"claims_cpu_ms_{n}_articles"] = round(min(_claims_cpu(subset, outputs)
                                                       for _ in range(3 if n <= 50 else 1)), 1)
    return out


def _reference_ms() -> float:
    """CPU ms of a fixed pure-Python loop (10**6 additions), to scale the timings to another
    machine: about 40 ms on an idle laptop core."""
    best = math.inf
    for _ in range(3):
        c0 = time.process_time()
        total = 0
        for i in range(10**6):
            total += i
        best = min(best, 1000 * (time.process_time() - c0))
    return round(best, 1)


def _claims_cpu(articles: list[Article], outputs: dict[str, Any]) -> float:
    """CPU milliseconds of the claims table alone: facts read from every article (figures and
    dates with their frames) and grouped into claims with verdicts."""
    from newsprism.stories.claims import build_claims
    from newsprism.stories.view import _facts
    from newsprism.stories.view_facts import ArticleContext
    from newsprism.stories.view_text import Roots

    c0 = time.process_time()
    contexts = [ArticleContext(a, outputs[a.id]) for a in articles]
    facts = _facts(contexts, outputs)
    build_claims(facts, Roots([a.id for a in articles], []), {a.id: a.text for a in articles})
    return 1000 * (time.process_time() - c0)


def _timed(articles: list[Article], outputs: dict[str, Any]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one build (CPU is steadier on a shared machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    build_view_from(articles, outputs)
    return 1000 * (time.perf_counter() - t0), 1000 * (time.process_time() - c0)


def scores(shared: Path | None = None, sizes: Iterable[int] = (5, 50, 500)) -> dict[str, float]:
    """Every figure of this bench; `shared` is the folder with seeds, gold and data."""
    global SHARED
    if shared is not None:
        SHARED = Path(shared)
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out.update(seed_scores(tmp))
        out.update(demo_scores(tmp))
    out.update(timing_scores(tuple(sizes)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=None, help="the shared folder (seeds, gold, data)")
    parser.add_argument("--sizes", default="5,50,500", help="story sizes to time (articles)")
    args = parser.parse_args()
    shared = Path(args.shared) if args.shared else SHARED
    if not (shared / "seeds").exists():
        sys.exit(f"needs {shared}/seeds (the shared seeds and data are not beside this checkout)")
    sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    for name, value in scores(shared, sizes).items():
        print(f"{name:<36} {value:g}")


if __name__ == "__main__":
    main()
