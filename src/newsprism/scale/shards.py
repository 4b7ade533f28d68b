"""Shards: the unit of scale-out work. One input shard in; one Parquet file plus a done-marker out.

A shard is a WARC file, a JSON Lines file, or the loose article files of one folder. Its output is
`<name>.parquet` (every article's full analysis, written row group by row group so memory stays
bounded) and `<name>.done` (a JSON summary), both made visible by an atomic rename, the Parquet file
first. A shard counts as finished only when both exist, so a run killed mid-shard redoes that shard
whole on the next run and never writes it twice. The output directory may be a local path or any
URI pyarrow's filesystems open (hdfs://, s3://, gs://); inputs too (copied to a temp file to read).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsprism.config import Settings
from newsprism.engine import Engine, RunReport
from newsprism.errors import InternalError, NewsprismError, ScaleError
from newsprism.pipeline import StepStats
from newsprism.records import IngestFailure, ShardSummary
from newsprism.scale.parquet import PARQUET_SCHEMA, SCHEMA_VERSION, rows_to_table
from newsprism.scale.records import to_row

log = logging.getLogger(__name__)

CONTAINER_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz", ".jsonl", ".jsonl.gz", ".ndjson")
"""Files that hold many articles: each is a shard of its own, even inside a folder."""

ROWS_PER_GROUP = 256
"""Articles buffered before a Parquet row group is written (bounds a worker's memory)."""


class Shard(msgspec.Struct, frozen=True, kw_only=True):
    """One unit of work: `inputs` read together, written as `<name>.parquet`."""

    key: str  # the input as named: a file, a folder (its loose files), or a URI
    inputs: tuple[str, ...]
    name: str  # stable and file-safe: readable stem plus a hash of the key


def is_uri(path: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path)) and not path.startswith("file://")


def shard_name(key: str) -> str:
    """`<stem>-<hash>`: readable, unique per input, the same on every run."""
    full = key if is_uri(key) else os.path.abspath(key.removeprefix("file://"))
    stem = os.path.basename(full.rstrip("/")) or "root"
    for suffix in (".gz", ".warc", ".arc", ".jsonl", ".ndjson"):
        stem = stem.removesuffix(suffix)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem)[:60] or "shard"
    return f"{stem}-{hashlib.sha1(full.encode('utf-8')).hexdigest()[:12]}"


def _is_container(name: str) -> bool:
    return name.lower().endswith(CONTAINER_SUFFIXES)


def discover_shards(inputs: list[str]) -> tuple[list[Shard], list[IngestFailure]]:
    """Shards for the given files, folders and URIs; a missing input is a failure, the rest go on."""
    shards: list[Shard] = []
    failures: list[IngestFailure] = []
    for raw in inputs:
        if is_uri(raw):
            shards.append(Shard(key=raw, inputs=(raw,), name=shard_name(raw)))
            continue
        path = Path(raw.removeprefix("file://"))
        if path.is_file():
            shards.append(Shard(key=raw, inputs=(str(path),), name=shard_name(raw)))
        elif path.is_dir():
            shards.extend(_folder_shards(path))
        else:
            failures.append(IngestFailure(item=raw, error_type="ScaleError", code=ScaleError.code,
                                          message="no such file or folder"))
    unique: dict[str, Shard] = {}
    for shard in shards:  # an input named twice (or inside a folder also given) is one shard
        unique.setdefault(shard.name, shard)
    return list(unique.values()), failures


def _folder_shards(root: Path) -> list[Shard]:
    """Each container file is a shard; the loose article files of each folder make one more."""
    shards: list[Shard] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        loose: list[str] = []
        for name in sorted(f for f in files if not f.startswith(".")):
            path = os.path.join(folder, name)
            if _is_container(name):
                shards.append(Shard(key=path, inputs=(path,), name=shard_name(path)))
            else:
                loose.append(path)
        if loose:
            shards.append(Shard(key=folder, inputs=tuple(loose), name=shard_name(folder)))
    return shards


def read_manifest(text: str) -> list[str]:
    """Input paths or URIs, one per line; blank lines and `#` comments ignored."""
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]


# ------------------------------------------------------------------ the output directory


class OutDir:
    """Where shard files go: a local folder or a pyarrow filesystem URI."""

    def __init__(self, out: str) -> None:
        self.uri = out
        if is_uri(out):
            fs, base = pafs.FileSystem.from_uri(out)
            self.fs: pafs.FileSystem = fs
            self.base = base.rstrip("/")
        else:
            self.fs = pafs.LocalFileSystem()
            self.base = os.path.abspath(out.removeprefix("file://"))
        try:
            self.fs.create_dir(self.base, recursive=True)
        except OSError as exc:
            raise ScaleError(f"cannot create output directory {out}: {exc}") from exc

    def path(self, name: str) -> str:
        return f"{self.base}/{name}"

    def _exists(self, name: str) -> bool:
        return bool(self.fs.get_file_info(self.path(name)).type == pafs.FileType.File)

    def is_done(self, shard: Shard) -> bool:
        return self._exists(f"{shard.name}.done") and self._exists(f"{shard.name}.parquet")

    def done_names(self) -> list[str]:
        """Names of finished shards, sorted."""
        infos = self.fs.get_file_info(pafs.FileSelector(self.base, allow_not_found=True))
        names = {os.path.basename(i.path) for i in infos if i.type == pafs.FileType.File}
        return sorted(n[: -len(".done")] for n in names
                      if n.endswith(".done") and n[: -len(".done")] + ".parquet" in names)

    def read_marker(self, name: str) -> ShardSummary:
        with self.fs.open_input_stream(self.path(f"{name}.done")) as f:
            return msgspec.json.decode(f.read(), type=ShardSummary)

    def publish(self, tmp: str, shard: Shard, summary: ShardSummary) -> None:
        """Make a finished shard visible: Parquet file by rename, then the marker by rename."""
        self.fs.move(tmp, self.path(f"{shard.name}.parquet"))
        marker_tmp = self.path(f".{shard.name}.done.{uuid.uuid4().hex}")
        with self.fs.open_output_stream(marker_tmp) as f:
            f.write(msgspec.json.encode(summary))
        self.fs.move(marker_tmp, self.path(f"{shard.name}.done"))

    def clean_stale(self) -> int:
        """Delete temp files left by runs that died (call only while no run writes here)."""
        infos = self.fs.get_file_info(pafs.FileSelector(self.base, allow_not_found=True))
        stale = [i.path for i in infos if i.type == pafs.FileType.File
                 and re.match(r"^\..+\.(parquet|done)\.[0-9a-f.]+$", os.path.basename(i.path))]
        for path in stale:
            self.discard(path)
        return len(stale)

    def discard(self, path: str) -> None:
        try:
            self.fs.delete_file(path)
        except (OSError, FileNotFoundError):
            log.debug("nothing to discard at %s", path)


# ------------------------------------------------------------------ processing one shard


@contextmanager
def localized(inputs: tuple[str, ...]) -> Iterator[list[str]]:
    """Local paths for the inputs; remote URIs are streamed into a temp folder first."""
    if not any(is_uri(i) for i in inputs):
        yield [i.removeprefix("file://") for i in inputs]
        return
    tmpdir = tempfile.mkdtemp(prefix="newsprism-shard-")
    try:
        paths = []
        for i, uri in enumerate(inputs):
            if not is_uri(uri):
                paths.append(uri.removeprefix("file://"))
                continue
            fs, path = pafs.FileSystem.from_uri(uri)
            local = os.path.join(tmpdir, f"{i}-{os.path.basename(path)}")
            with fs.open_input_stream(path) as src, open(local, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            paths.append(local)
        yield paths
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


@dataclass
class ShardJob:
    """Everything a worker needs to process shards: built once per worker."""

    engine: Engine  # no store: a worker writes Parquet
    settings: Settings
    should_stop: Callable[[], bool] = lambda: False
    rows_per_group: int = ROWS_PER_GROUP


def run_shard(shard: Shard, out: OutDir, job: ShardJob) -> ShardSummary | IngestFailure:
    """Process one shard (what every runner's worker calls). An error becomes a failure naming
    the shard, with its own type: a NewsprismError keeps its code, anything else is a bug (E001,
    logged with its traceback). Under `strict` both are re-raised instead."""
    try:
        return process_shard(shard, out, job)
    except NewsprismError as exc:
        if job.settings.strict:
            raise
        return IngestFailure(item=shard.key, error_type=type(exc).__name__, code=exc.code,
                             message=str(exc))
    except Exception as exc:  # a bug: one shard must not take the run down, unless --strict
        if job.settings.strict:
            raise
        log.exception("shard %s hit a bug", shard.key)
        return IngestFailure(item=shard.key, error_type=type(exc).__name__, code=InternalError.code,
                             message=str(exc))


def process_shard(shard: Shard, out: OutDir, job: ShardJob) -> ShardSummary:
    """Analyse every article of one shard into `<name>.parquet` and mark it done."""
    from newsprism.ingest import read_inputs

    t0 = time.perf_counter()
    pipeline = job.engine.pipeline
    pipeline.stats = {name: StepStats() for name in pipeline.names}
    summary = ShardSummary(shard=shard.name, key=shard.key, versions=pipeline.versions(),
                           schema=SCHEMA_VERSION)
    tmp = out.path(f".{shard.name}.parquet.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    writer = pq.ParquetWriter(tmp, PARQUET_SCHEMA, filesystem=out.fs, compression="zstd")
    try:
        with localized(shard.inputs) as paths:
            rows: list[dict[str, Any]] = []
            for item in read_inputs(paths, job.settings):
                if job.should_stop():
                    raise ScaleError(f"shard {shard.key}: stopped (the run was cancelled)")
                _one(item, shard, job, summary, rows)
                if len(rows) >= job.rows_per_group:
                    writer.write_table(rows_to_table(rows))
                    rows.clear()
            if rows:
                writer.write_table(rows_to_table(rows))
        writer.close()
    except BaseException:
        writer.close()
        out.discard(tmp)
        raise
    summary.stats = {n: [s.runs, s.failures, s.skipped, s.seconds] for n, s in pipeline.stats.items()}
    summary.seconds = time.perf_counter() - t0
    out.publish(tmp, shard, summary)
    return summary


def _one(item: Any, shard: Shard, job: ShardJob, summary: ShardSummary,
         rows: list[dict[str, Any]]) -> None:
    if isinstance(item, IngestFailure):
        summary.ingest_failures.append(item)
        return
    result = job.engine.analyze(item)
    summary.step_failures += len([f for f in result.failures if f.error_type != "Skipped"])
    rows.append(to_row(result, shard.name, summary.articles))
    summary.articles += 1


def plan(inputs: list[str], out: OutDir, report: RunReport) -> list[Shard]:
    """The shards of `inputs` still to process; missing inputs and shards finished by an earlier
    run go into the report. The loop every runner shares, with `add_outcome` at its end."""
    shards, report.ingest_failures = discover_shards(inputs)
    pending: list[Shard] = []
    for shard in shards:
        if out.is_done(shard):
            report.skipped.append(shard.name)
        else:
            pending.append(shard)
    return pending


def add_outcome(report: RunReport, outcome: ShardSummary | IngestFailure) -> None:
    """Count one shard's outcome: its summary (articles, failures, per-step counters) or why it failed."""
    if isinstance(outcome, IngestFailure):
        report.ingest_failures.append(outcome)
        return
    report.shards.append(outcome)
    report.articles += outcome.articles
    report.step_failures += outcome.step_failures
    for name, (runs, failures, skipped, seconds) in outcome.stats.items():
        report.stats.setdefault(name, StepStats()).merge(
            StepStats(runs=int(runs), failures=int(failures), skipped=int(skipped), seconds=seconds))
