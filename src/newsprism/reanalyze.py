"""Re-run the analysis steps whose stored output is not the current one (after an upgrade).

An output is current when its step's version and input key (`Pipeline.keys`: what it read,
optional inputs included) are stored. Current outputs are reused (decoded to their record types)
as inputs of the steps that run again; new outputs are stored beside the old ones (an output of
the same key is replaced, so `force` rewrites everything), one transaction per article, and the
article's search-filter terms are re-derived.
"""

from __future__ import annotations

from typing import Any

import msgspec

from newsprism.pipeline import Pipeline
from newsprism.records import Article
from newsprism.store.base import SQLStore


def stale_steps(pipeline: Pipeline, stored: dict[str, set[tuple[str, str]]]) -> list[str]:
    """Steps of the pipeline whose current (version, input key) is not stored, and the steps
    after them that require them (their inputs change)."""
    stale: set[str] = set()
    for step in pipeline.steps:
        current = (step.version, pipeline.keys[step.name])
        if current not in stored.get(step.name, set()) or any(r in stale for r in step.requires):
            stale.add(step.name)
    return [s.name for s in pipeline.steps if s.name in stale]


def reanalyze_one(store: SQLStore, pipeline: Pipeline, article: Article, *, force: bool = False,
                  strict: bool = False) -> tuple[list[str], int]:
    """Re-run the stale steps of one stored article and store what they give (one transaction),
    then re-derive its search-filter terms; the steps re-run and how many of them failed."""
    stored = {} if force else store.stored_keys(article.id)
    todo = stale_steps(pipeline, stored)
    if not todo:
        return [], 0
    done = _reusable(store, pipeline, article.id, todo)
    result = pipeline.run(article, strict=strict, done=done)
    result.outputs = {k: v for k, v in result.outputs.items() if k in todo}
    store.save_reanalysis(result, {**done, **result.outputs})
    return todo, sum(1 for f in result.failures if f.error_type != "Skipped")


def _reusable(store: SQLStore, pipeline: Pipeline, article_id: str, todo: list[str]) -> dict[str, Any]:
    """Stored outputs of the current keys of the steps that need not run, as their records."""
    keep = {s.name: s for s in pipeline.steps if s.name not in todo}
    raw = store.stored_outputs(article_id, {name: step.version for name, step in keep.items()},
                               {name: pipeline.keys[name] for name in keep})
    return {name: msgspec.json.decode(value, type=keep[name].output) for name, value in raw.items()}
