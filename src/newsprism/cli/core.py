"""Core commands: ingest, analyze, search, show, stats, failures, config."""

from __future__ import annotations

import re
import sys

import click

from newsprism.cli.app import (
    DATE,
    Context,
    emit_json,
    err,
    event_type_option,
    fail,
    main,
    pass_ctx,
    progress,
    renamed,
)
from newsprism.engine import Engine, RunReport
from newsprism.errors import NewsprismError
from newsprism.pipeline import StepStats
from newsprism.read import articles as read_articles
from newsprism.records import (
    Article,
    ArticleDetail,
    ArticleResult,
    IngestFailure,
    to_builtins,
)
from newsprism.store.base import Filters, SQLStore


def step_names(steps: str | None) -> list[str] | None:
    """`--steps a,b` as a list (None: every step)."""
    return [s.strip() for s in steps.split(",") if s.strip()] if steps else None


def engine_for(ctx: Context, steps: str | None, store: SQLStore | None = None) -> Engine:
    """The one engine of this command: the settings' pipeline (or its `--steps` part), the store
    and the after-save hooks."""
    return Engine.build(ctx.settings, store, steps=step_names(steps))


def _report_ingest_failure(item: IngestFailure) -> None:
    err(f"error: {item.item}: {item.code} {item.error_type}: {item.message}")


def print_step_table(stats: dict[str, StepStats]) -> None:
    err(f"{'step':<12} {'runs':>7} {'failed':>7} {'skipped':>8} {'ms/article':>11}")
    for name, st in stats.items():
        per = 1000 * st.seconds / st.runs if st.runs else 0.0
        err(f"{name:<12} {st.runs:>7} {st.failures:>7} {st.skipped:>8} {per:>11.2f}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--steps", default=None, help="Comma-separated steps to run (with what they need).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary line at the end.")
@click.option("--allow-private", is_flag=True, default=None,
              help="Let URLs reach private, loopback and link-local addresses.")
@pass_ctx
def ingest(ctx: Context, inputs: tuple[str, ...], steps: str | None, as_json: bool,
           allow_private: bool | None) -> None:
    """Read, clean, analyse and store articles from files, folders, URLs or - (stdin)."""
    from newsprism.ingest import read_inputs

    settings = ctx.settings
    if allow_private:
        settings.set("allow_private", True, "flag ingest --allow-private")
    try:
        store = ctx.store()
        engine = engine_for(ctx, steps, store)
    except NewsprismError as exc:
        raise fail(exc) from exc
    try:
        with progress("ingesting", quiet=as_json) as bar:

            def on_item(item: Article | IngestFailure, status: str) -> None:
                bar.update(1, failed=isinstance(item, IngestFailure))
                if isinstance(item, IngestFailure):
                    _report_ingest_failure(item)
                elif status == "unchanged" and not as_json:
                    err(f"unchanged: {item.source} (article {item.id} is already stored)")

            summary = engine.ingest(read_inputs(list(inputs), settings), on_item=on_item)
    except NewsprismError as exc:
        raise fail(exc) from exc
    finally:
        store.close()
    _finish(summary, as_json)


def _finish(summary: RunReport, as_json: bool) -> None:
    line = (f"{summary.new} new, {summary.unchanged} unchanged, {summary.failed} failed inputs,"
            f" {summary.step_failures} step failures"
            + (f", {summary.hook_failures} hook failures" if summary.hook_failures else ""))
    if as_json:
        emit_json({"new": summary.new, "unchanged": summary.unchanged, "failed": summary.failed,
                   "step_failures": summary.step_failures, "hook_failures": summary.hook_failures,
                   "healed": summary.healed, "new_ids": summary.new_ids, "errors": to_builtins(summary.ingest_failures)})
    else:
        click.echo(line)
    if not summary.ok:
        print_step_table(summary.stats)
        sys.exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--steps", default=None, help="Comma-separated steps to run (with what they need).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article on stdout.")
@pass_ctx
def analyze(ctx: Context, inputs: tuple[str, ...], steps: str | None, as_json: bool) -> None:
    """Analyse articles without a store; with --json, one JSON object per article."""
    from newsprism.ingest import read_inputs

    engine = engine_for(ctx, steps)
    failed = 0
    try:
        for item in read_inputs(list(inputs), ctx.settings):
            if isinstance(item, IngestFailure):
                _report_ingest_failure(item)
                failed += 1
                continue
            result = engine.analyze(item)
            failed += len([f for f in result.failures if f.error_type != "Skipped"])
            if as_json:
                emit_json(ArticleDetail.of_result(result))
            else:
                _print_analysis(result)
    except NewsprismError as exc:
        raise fail(exc) from exc
    if failed:
        print_step_table(engine.pipeline.stats)
        sys.exit(1)


def _print_analysis(result: ArticleResult) -> None:
    a = result.article
    click.secho(a.title or "(untitled)", bold=True)
    meta = [("id", a.id), ("source", a.source), ("url", a.url), ("outlet", a.outlet),
            ("published", a.published), ("authors", ", ".join(a.authors) or None),
            ("agency", a.agency), ("language", a.language),
            ("dateline", a.dateline.text if a.dateline else None),
            ("segments", str(len(a.segments)) if len(a.segments) > 1 else None)]
    for key, value in meta:
        if value:
            click.echo(f"  {key:<10} {value}")
    for step, output in result.outputs.items():
        n = len(output) if isinstance(output, list) else 1
        click.echo(f"  {step:<10} {n}")
    for failure in result.failures:
        click.echo(f"  failed     {failure.step}: {failure.error_type}: {failure.message}")
    click.echo()


@main.command()
@click.argument("query")
@click.option("--since", default=None, type=DATE, help="Published on or after (YYYY-MM-DD).")
@click.option("--until", default=None, type=DATE, help="Published on or before (YYYY-MM-DD).")
@click.option("--outlet", default=None)
@click.option("--person", default=None, help="Canonical person name.")
@click.option("--org", default=None, help="Canonical organisation name.")
@click.option("--place", default=None)
@click.option("--type", "event_type", default=None, callback=event_type_option,
              help="PLOVER type or CAMEO root code (as in `events --type`).")
@renamed("--event-type", "--type", "event_type", callback=event_type_option)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, 10_000_000))
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def search(ctx: Context, query: str, since: str | None, until: str | None, outlet: str | None,
           person: str | None, org: str | None, place: str | None, event_type: str | None,
           limit: int, offset: int, as_json: bool) -> None:
    """Full-text search over titles and texts, with filters."""
    store = ctx.store()
    try:
        hits = read_articles.search(store, query, Filters(
            since=since, until=until, outlet=outlet, person=person, org=org, place=place,
            event_type=event_type), limit=limit, offset=offset)
    finally:
        store.close()
    for hit in hits:
        if as_json:
            emit_json(hit)
        else:
            click.secho(f"{hit.id}  {hit.title or '(untitled)'}", bold=True)
            click.echo(f"    {hit.outlet or '-'} {hit.published or ''}  {hit.snippet}")
    if not hits and not as_json:
        err("no matches")


@main.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="The article with its stored step outputs.")
@pass_ctx
def show(ctx: Context, article_id: str, as_json: bool) -> None:
    """Show one stored article with its analysis."""
    store = ctx.store()
    try:
        detail = read_articles.article_detail(store, article_id)
    except NewsprismError as exc:
        raise fail(exc) from exc
    finally:
        store.close()
    if as_json:
        emit_json(detail)
        return
    _print_analysis(ArticleResult(article=detail.article, outputs=detail.analysis.outputs(),
                                  failures=detail.failures))
    if detail.story_id:
        click.echo(f"  {'story':<10} {detail.story_id}")
    click.echo(detail.article.text)


@main.command()
@click.option("--sizes", is_flag=True,
              help="Also the bytes of the store, its texts and its step outputs (reads them all).")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def stats(ctx: Context, sizes: bool, as_json: bool) -> None:
    """Counts of articles, outlets, step results and failures in the store."""
    store = ctx.store()
    try:
        data = store.stats()
        if sizes:
            data["sizes"] = store.sizes()
    finally:
        store.close()
    if as_json:
        emit_json(data)
        return
    for key, value in data.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for k, v in value.items():
                click.echo(f"  {k:<14} {v}")
        else:
            click.echo(f"{key:<16} {value}")
    if sizes:
        held = data["sizes"]["text"] + data["sizes"]["outputs"]
        ratio = f"{data['sizes']['store'] / held:.2f}x" if held else "-"
        click.echo(f"{'store/held':<16} {ratio} (store bytes over text + step output bytes)")


@main.command()
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def failures(ctx: Context, limit: int, as_json: bool) -> None:
    """Recorded step failures, newest first."""
    store = ctx.store()
    try:
        rows = store.failures(limit)
    finally:
        store.close()
    for row in rows:
        if as_json:
            emit_json(row)
        else:
            click.echo(f"{row['at']} {row['article_id']} {row['step']} v{row['version']}:"
                       f" {row['error_type']}: {row['message']}")
    if not rows and not as_json:
        err("no step failures recorded")


_SECRET_NAMES = ("token", "secret", "password", "key")


def _masked(name: str, value: object) -> object:
    """A secret setting as `***` (set) or '' (unset); a password inside a URL as `***`."""
    if any(word in name for word in _SECRET_NAMES):
        return "***" if value else value
    if isinstance(value, str) and "://" in value:
        return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", value)
    return value


@main.command("config")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object: {name: {value, source}} and the config file.")
@pass_ctx
def show_config(ctx: Context, as_json: bool) -> None:
    """The settings in force, where each came from (default, file, environment, flag) and what
    it does; secrets masked."""
    from pathlib import Path

    settings = ctx.settings
    values = {name: _masked(name, getattr(settings, name)) for name in settings.names()}
    read = Path(ctx.config_file).is_file()
    if as_json:
        emit_json({"settings": {name: {"value": value, "source": settings.source(name)}
                                for name, value in values.items()},
                   "config_file": ctx.config_file, "config_file_read": read})
        return
    helps = settings.help()
    click.echo(f"config file: {ctx.config_file} ({'read' if read else 'not present'})")
    rows = [(name, str(value) if value != "" else "(empty)", settings.source(name), helps[name])
            for name, value in values.items()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)) + "  " + row[3])


@main.command()
@click.option("--steps", default=None, help="Only these steps (with what they need).")
@click.option("--force", is_flag=True, help="Re-run every step on every article, whatever is stored.")
@click.option("--json", "as_json", is_flag=True, help="One JSON summary line.")
@pass_ctx
def reanalyze(ctx: Context, steps: str | None, force: bool, as_json: bool) -> None:
    """Re-run the steps whose stored version is not the current one (after an upgrade)."""
    store = ctx.store()
    try:
        engine = Engine.build(ctx.settings, store, steps=step_names(steps), hooks=False)
        with progress("reanalysing", store.count_articles(), quiet=as_json) as bar:
            summary = engine.reanalyze(force=force, on_article=lambda article, todo: bar.update(1))
    except NewsprismError as exc:
        raise fail(exc) from exc
    finally:
        store.close()
    if as_json:
        emit_json({"articles": summary.articles, "updated": summary.updated,
                   "step_failures": summary.step_failures})
    else:
        click.echo(f"{summary.articles} articles, {summary.updated} reanalysed,"
                   f" {summary.step_failures} step failures")
    if summary.step_failures:
        print_step_table(summary.stats)
        sys.exit(1)
