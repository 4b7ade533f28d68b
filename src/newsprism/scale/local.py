"""The local runner: shards on a process pool, each worker building its pipeline once.

Finished shards (Parquet file and done-marker present) are skipped, so a run killed at any point
resumes where it stopped. One run at a time per output folder (an advisory lock that dies with
the process). Workers stop on their own when the parent dies, so a killed run leaves no orphans.
"""

from __future__ import annotations

import fcntl
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager

from newsprism.config import Settings
from newsprism.engine import Engine, RunReport
from newsprism.errors import ScaleError
from newsprism.records import IngestFailure, ShardSummary
from newsprism.scale.shards import (
    OutDir,
    Shard,
    ShardJob,
    add_outcome,
    is_uri,
    plan,
    run_shard,
)

log = logging.getLogger(__name__)

LOCK_NAME = ".newsprism-run.lock"


# ------------------------------------------------------------------ worker side

_JOB: ShardJob | None = None


def _init_worker(settings: Settings, steps: list[str] | None, parent: int) -> None:
    """Pool initializer: build the engine once per worker; stop if the parent goes away."""
    global _JOB
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True,
                     name="parent-watch").start()
    _JOB = ShardJob(engine=Engine.build(settings, steps=steps), settings=settings,
                    should_stop=lambda: os.getppid() != parent)


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    """An idle worker waits on the pool's queue and never sees a shard's stop check: when the
    parent is gone (killed), leave at once instead of lingering as an orphan."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _work(shard: Shard, out_uri: str) -> ShardSummary | IngestFailure:
    """Process one shard in a worker (see `run_shard`)."""
    if _JOB is None:
        raise ScaleError("worker used before its initializer ran")
    return run_shard(shard, OutDir(out_uri), _JOB)


# ------------------------------------------------------------------ parent side


@contextmanager
def run_lock(out: OutDir) -> Iterator[None]:
    """One run per local output folder; the lock is released even by kill -9."""
    if is_uri(out.uri):
        yield
        return
    fd = os.open(out.path(LOCK_NAME), os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ScaleError(f"another newsprism run is writing to {out.uri}",
                             hint="wait for it to finish or use another --out") from exc
        yield
    finally:
        os.close(fd)


def run_local(
    inputs: list[str],
    out_uri: str,
    *,
    workers: int,
    settings: Settings,
    steps: list[str] | None = None,
    on_shard: Callable[[ShardSummary | IngestFailure], None] | None = None,
) -> RunReport:
    """Process every unfinished shard of `inputs` into `out_uri` on `workers` processes."""
    if workers < 1:
        raise ScaleError(f"--workers must be at least 1, not {workers}")
    out = OutDir(out_uri)
    report = Engine.build(settings, steps=steps).report()
    with run_lock(out):
        out.clean_stale()
        pending = plan(inputs, out, report)
        if pending:
            _run_pool(pending, out, workers, settings, steps, report, on_shard)
    return report


def _run_pool(pending: list[Shard], out: OutDir, workers: int, settings: Settings,
              steps: list[str] | None, report: RunReport,
              on_shard: Callable[[ShardSummary | IngestFailure], None] | None) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(pending)), mp_context=ctx,
                             initializer=_init_worker,
                             initargs=(settings, steps, os.getpid())) as pool:
        futures: dict[Future[ShardSummary | IngestFailure], Shard] = {
            pool.submit(_work, shard, out.uri): shard for shard in pending
        }
        for fut in as_completed(futures):
            result = _outcome(fut, futures[fut])
            add_outcome(report, result)
            if on_shard is not None:
                on_shard(result)


def _outcome(fut: Future[ShardSummary | IngestFailure], shard: Shard) -> ShardSummary | IngestFailure:
    try:
        return fut.result()  # a shard's own error is re-raised here only under --strict
    except BrokenExecutor as exc:  # the worker process died (killed, out of memory)
        return IngestFailure(item=shard.key, error_type=type(exc).__name__, code=ScaleError.code,
                             message=f"worker died: {exc}")
