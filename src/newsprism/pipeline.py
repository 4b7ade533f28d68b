"""The per-article pipeline: an ordered list of small steps, checked once when built.

A step has a `name`, a `version`, the names of the steps whose outputs it `requires`, an `output`
type (used to decode stored results) and `run(article, inputs) -> output`. It never touches the
store. The pipeline records a failing step (step, error type, message), counts it and goes on;
with `strict=True` it re-raises. Steps that need a failed step's output are skipped and recorded.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from newsprism.errors import PipelineError, StepError
from newsprism.records import Article, ArticleResult, StepFailure

log = logging.getLogger(__name__)


@runtime_checkable
class Step(Protocol):
    name: str
    version: str
    requires: tuple[str, ...]
    output: Any

    def run(self, article: Article, inputs: Mapping[str, Any]) -> Any: ...


@dataclass
class StepStats:
    """Counters and timings every step gets for free."""

    runs: int = 0
    failures: int = 0
    skipped: int = 0
    seconds: float = 0.0

    def merge(self, other: StepStats) -> None:
        self.runs += other.runs
        self.failures += other.failures
        self.skipped += other.skipped
        self.seconds += other.seconds


class Pipeline:
    """An ordered list of steps whose requirements are met by earlier steps."""

    def __init__(self, steps: Sequence[Step]) -> None:
        seen: set[str] = set()
        for step in steps:
            if not isinstance(step, Step):
                raise PipelineError(f"{step!r} is not a step (needs name, version, requires, output, run)")
            if step.name in seen:
                raise PipelineError(f"step {step.name!r} appears twice")
            missing = [r for r in step.requires if r not in seen]
            if missing:
                raise PipelineError(
                    f"step {step.name!r} requires {', '.join(missing)}, which no earlier step provides",
                    hint="order the steps so that each comes after what it requires",
                )
            seen.add(step.name)
        self.steps: list[Step] = list(steps)
        self.stats: dict[str, StepStats] = {s.name: StepStats() for s in self.steps}
        self.keys: dict[str, str] = input_keys(self.steps)
        """Step name -> key of the inputs its output is computed from (see `input_keys`)."""

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def versions(self) -> dict[str, str]:
        return {s.name: s.version for s in self.steps}

    def select(self, names: Iterable[str]) -> Pipeline:
        """The sub-pipeline that computes `names` and everything they require."""
        by_name = {s.name: s for s in self.steps}
        wanted: set[str] = set()
        stack = list(names)
        while stack:
            name = stack.pop()
            if name not in by_name:
                raise PipelineError(f"no step named {name!r}", hint=f"steps: {', '.join(by_name)}")
            if name not in wanted:
                wanted.add(name)
                stack.extend(by_name[name].requires)
        return Pipeline([s for s in self.steps if s.name in wanted])

    def run(
        self,
        article: Article,
        *,
        strict: bool = False,
        done: Mapping[str, Any] | None = None,
    ) -> ArticleResult:
        """Run every step on one article; `done` holds outputs already computed (e.g. stored)."""
        outputs: dict[str, Any] = {}
        failures: list[StepFailure] = []
        failed: set[str] = set()
        for step in self.steps:
            stats = self.stats[step.name]
            if done is not None and step.name in done:
                outputs[step.name] = done[step.name]
                continue
            blocked = [r for r in step.requires if r in failed]
            if blocked:
                stats.skipped += 1
                failed.add(step.name)
                failures.append(StepFailure(step=step.name, error_type="Skipped",
                                            message=f"requires {', '.join(blocked)}, which failed"))
                continue
            inputs = {r: outputs[r] for r in step.requires}
            t0 = time.perf_counter()
            try:
                outputs[step.name] = step.run(article, inputs)
            except Exception as exc:
                stats.failures += 1
                if strict:
                    raise StepError(step.name, article.id, exc) from exc
                log.warning("step %s failed on %s: %s: %s", step.name, article.id, type(exc).__name__, exc)
                failed.add(step.name)
                failures.append(StepFailure(step=step.name, error_type=type(exc).__name__, message=str(exc)))
            finally:
                stats.runs += 1
                stats.seconds += time.perf_counter() - t0
        return ArticleResult(article=article, outputs=outputs, versions=self.versions(),
                             keys=dict(self.keys), failures=failures)


def input_keys(steps: Sequence[Step]) -> dict[str, str]:
    """Step name -> a key of everything its output was computed from, besides its own version:
    the names, versions and (recursively) input keys of the steps it read, optional ones included
    (a step that reads an optional input lists it in `requires` when it is there).

    A stored output is current only when its (version, input key) is the pipeline's: a new version
    of a step changes the keys of every step downstream of it, so they run again.
    """
    full: dict[str, str] = {}
    keys: dict[str, str] = {}
    for step in steps:
        parts = sorted(f"{r}={full[r]}" for r in step.requires)
        keys[step.name] = _digest("|".join(parts))
        full[step.name] = _digest(f"{step.name}@{step.version}|{keys[step.name]}")
    return keys


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]
