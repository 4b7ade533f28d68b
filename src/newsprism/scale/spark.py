"""The Spark runner: the same per-shard function as the local runner, run with `mapPartitions`.

The driver lists the shards of a manifest (local paths or any Hadoop/pyarrow filesystem URI),
skips finished ones, and hands one shard per partition to the executors. Each Python worker builds
its pipeline once and writes exactly the Parquet file and done-marker the local runner writes, so
the two runners' outputs are interchangeable and `newsprism load` reads either.

Run it with `newsprism spark-submit MANIFEST --out DIR`, or on a cluster with
`spark-submit --py-files newsprism.whl newsprism/__main__.py spark-submit MANIFEST --out OUT`
(see README).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

from newsprism.config import Settings
from newsprism.engine import Engine, RunReport
from newsprism.records import IngestFailure, ShardSummary
from newsprism.scale.shards import (
    OutDir,
    Shard,
    ShardJob,
    add_outcome,
    plan,
    run_shard,
)

log = logging.getLogger(__name__)

_JOBS: dict[tuple[str, ...], ShardJob] = {}


def session(master: str | None = None, app: str = "newsprism") -> Any:
    """A SparkSession: the given master, spark-submit's, or local[*]; no UI, small shuffles."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    builder = (builder.config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "8")
               .config("spark.python.worker.reuse", "true"))
    # Python workers run this interpreter (its packages), unless the user chose one
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return builder.getOrCreate()


def _job(settings: Settings, steps: list[str] | None) -> ShardJob:
    """The worker's engine for these steps, built once per Python worker process."""
    key = tuple(steps or ())
    if key not in _JOBS:
        _JOBS[key] = ShardJob(engine=Engine.build(settings, steps=steps), settings=settings)
    return _JOBS[key]


def process_partition(encoded: Iterable[bytes], out_uri: str, settings: Settings,
                      steps: list[str] | None) -> Iterator[tuple[str, bytes]]:
    """Executor side: process each shard of a partition; yield ("ok"|"error", JSON)."""
    job = _job(settings, steps)
    out = OutDir(out_uri)
    for data in encoded:
        outcome = run_shard(msgspec.json.decode(data, type=Shard), out, job)
        yield ("error" if isinstance(outcome, IngestFailure) else "ok"), msgspec.json.encode(outcome)


def run_spark(inputs: list[str], out_uri: str, *, settings: Settings,
              steps: list[str] | None = None, master: str | None = None,
              spark: Any = None) -> RunReport:
    """Process every unfinished shard of `inputs` into `out_uri` on Spark."""
    out = OutDir(out_uri)
    report = Engine.build(settings, steps=steps).report()
    pending = plan(inputs, out, report)
    if not pending:
        return report
    spark = spark or session(master)
    rdd = spark.sparkContext.parallelize([msgspec.json.encode(s) for s in pending],
                                         numSlices=len(pending))
    uri = out.uri

    def _partition(part: Iterable[bytes]) -> Iterator[tuple[str, bytes]]:
        return process_partition(part, uri, settings, steps)

    for status, data in rdd.mapPartitions(_partition).collect():
        outcome: ShardSummary | IngestFailure = (
            msgspec.json.decode(data, type=ShardSummary) if status == "ok"
            else msgspec.json.decode(data, type=IngestFailure))
        add_outcome(report, outcome)
    return report
