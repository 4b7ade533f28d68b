"""Scale-out commands: `run` (process pool), `spark-submit` (Apache Spark) and `load` (Parquet to store)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsprism.cli.app import Context, emit_json, err, fail, main, pass_ctx, progress
from newsprism.errors import NewsprismError
from newsprism.records import IngestFailure, ShardSummary, to_builtins

if TYPE_CHECKING:
    from newsprism.engine import RunReport


def _steps(steps: str | None) -> list[str] | None:
    from newsprism.cli.core import step_names

    return step_names(steps)


def _finish_run(report: RunReport, as_json: bool, extra: dict[str, int]) -> None:
    """The end of `run` and `spark-submit`: one summary, the step table, the exit code."""
    from newsprism.cli.core import print_step_table

    failed_articles = sum(len(s.ingest_failures) for s in report.shards)
    step_failures = report.step_failures
    if as_json:
        emit_json({"shards_done": len(report.shards), "shards_skipped": len(report.skipped),
                   "shards_failed": report.failed, "articles": report.articles,
                   "failed_inputs": failed_articles, "step_failures": step_failures,
                   "errors": to_builtins(report.ingest_failures), **extra})
    else:
        click.echo(f"{len(report.shards)} shards done, {len(report.skipped)} already done,"
                   f" {report.failed} failed; {report.articles} articles,"
                   f" {failed_articles} failed inputs, {step_failures} step failures")
        if extra:
            click.echo(f"{extra['stories']} stories from {extra['story_articles']} articles"
                       f" ({extra['story_merges']} merges)")
    if not report.ok:
        print_step_table(report.stats)
        sys.exit(1)


def _report_shard_errors(report: RunReport) -> None:
    for failure in report.ingest_failures:
        err(f"error: {failure.item}: {failure.code} {failure.error_type}: {failure.message}")
    for summary in report.shards:
        for item in summary.ingest_failures:
            err(f"error: {item.item}: {item.code} {item.error_type}: {item.message}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "-o", "out", required=True, help="Output folder (or pyarrow filesystem URI).")
@click.option("--workers", default=2, show_default=True, help="Worker processes.")
@click.option("--steps", default=None, help="Comma-separated steps to run (with what they need).")
@click.option("--stories", is_flag=True, help="Then cluster stories into stories.parquet.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary line at the end.")
@pass_ctx
def run(ctx: Context, inputs: tuple[str, ...], out: str, workers: int, steps: str | None,
        stories: bool, as_json: bool) -> None:
    """Analyse input shards on a process pool into Parquet files; finished shards are skipped."""
    from newsprism.scale.local import run_local

    try:
        with progress("running", unit="shards", quiet=as_json) as bar:

            def on_shard(result: ShardSummary | IngestFailure) -> None:
                bar.update(1)
                if isinstance(result, ShardSummary) and not as_json:
                    err(f"done: {result.key} ({result.articles} articles, {result.seconds:.1f}s)")

            report = run_local(list(inputs), out, workers=workers, settings=ctx.settings,
                               steps=_steps(steps), on_shard=on_shard)
        extra = _stories(ctx, out, None) if stories else {}
    except NewsprismError as exc:
        raise fail(exc) from exc
    _report_shard_errors(report)
    _finish_run(report, as_json, extra)


@main.command("spark-submit")
@click.argument("manifest", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "-o", "out", required=True, help="Output folder or Hadoop filesystem URI.")
@click.option("--master", default=None, help="Spark master (default: spark-submit's, else local[*]).")
@click.option("--steps", default=None, help="Comma-separated steps to run (with what they need).")
@click.option("--stories", is_flag=True, help="Then cluster stories on Spark into stories.parquet.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary line at the end.")
@pass_ctx
def spark_submit(ctx: Context, manifest: str, out: str, master: str | None, steps: str | None,
                 stories: bool, as_json: bool) -> None:
    """Run the per-article pipeline on Apache Spark over the input paths listed in MANIFEST."""
    try:
        from newsprism.scale.spark import run_spark, session
    except ImportError as exc:
        raise click.ClickException(
            f"pyspark is not installed ({exc}): pip install 'newsprism[spark]'") from exc
    from newsprism.scale.shards import read_manifest

    inputs = read_manifest(Path(manifest).read_text(encoding="utf-8"))
    try:
        spark = session(master)
        report = run_spark(inputs, out, settings=ctx.settings, steps=_steps(steps), spark=spark)
        extra = _stories(ctx, out, spark) if stories else {}
    except NewsprismError as exc:
        raise fail(exc) from exc
    _report_shard_errors(report)
    _finish_run(report, as_json, extra)


def _stories(ctx: Context, out: str, spark: object) -> dict[str, int]:
    """Cluster the run's articles into stories (on Spark when given a session)."""
    from newsprism.scale.stories import cluster, local_features, spark_features
    from newsprism.stories.service import config_from

    features = spark_features(spark, out) if spark is not None else local_features(out)
    report = cluster(features, out, config_from(ctx.settings))
    return {"story_articles": report.articles, "stories": report.stories, "story_merges": report.merges}


@main.command()
@click.argument("out_dir")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary line at the end.")
@pass_ctx
def load(ctx: Context, out_dir: str, as_json: bool) -> None:
    """Bulk-load the Parquet output of `run` or `spark-submit` into the store (--db)."""
    from newsprism.engine import Engine
    from newsprism.scale.load import load_dir

    try:
        store = ctx.store()
        engine = Engine.build(ctx.settings, store)
    except NewsprismError as exc:
        raise fail(exc) from exc
    try:
        with progress("loading", unit="shards", quiet=as_json) as bar:

            def on_shard(name: str, report: RunReport) -> None:
                bar.update(1)

            report = load_dir(out_dir, engine, on_shard=on_shard)
    except NewsprismError as exc:
        raise fail(exc) from exc
    finally:
        store.close()
    if as_json:
        emit_json({"shards": len(report.loaded), "new": report.new, "unchanged": report.unchanged,
                   "hook_failures": report.hook_failures})
    else:
        click.echo(f"{len(report.loaded)} shards: {report.new} new, {report.unchanged} unchanged,"
                   f" {report.hook_failures} hook failures")
    if report.hook_failures:
        sys.exit(1)
