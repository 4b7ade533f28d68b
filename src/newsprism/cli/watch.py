"""Live watching commands: `watch` polls feeds and ingests new items; `feeds` shows their health."""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Any

import click

from newsprism.cli.app import Context, emit_json, err, fail, interactive, main, pass_ctx, plural
from newsprism.engine import Engine
from newsprism.errors import NewsprismError
from newsprism.records import Article, IngestFailure


@main.command()
@click.option("--feeds", "feeds_file", default=None, type=click.Path(dir_okay=False),
              help="Feed list: one URL per line, optional name after it (default: the shipped list).")
@click.option("--once", is_flag=True, help="Poll each feed one time and exit (for cron and tests).")
@click.option("--allow-private", is_flag=True, default=None,
              help="Allow fetching from private, loopback and link-local addresses.")
@click.option("--workers", default=8, show_default=True, help="Pages fetched in parallel.")
@click.option("--json", "as_json", is_flag=True, help="One JSON summary line per polling round.")
@pass_ctx
def watch(ctx: Context, feeds_file: str | None, once: bool, allow_private: bool | None,
          workers: int, as_json: bool) -> None:
    """Poll feeds on their own schedules and ingest new items as they land (Ctrl-C stops)."""
    from newsprism.ingest.fetch import Fetcher
    from newsprism.ingest.watch import default_feed_list, load_feed_list
    from newsprism.watch import Watcher

    settings = ctx.settings
    if allow_private:
        settings.set("allow_private", True, "flag watch --allow-private")
    try:
        feeds = load_feed_list(feeds_file or default_feed_list())
        store = ctx.store()
        engine = Engine.build(settings, store)
    except NewsprismError as exc:
        raise fail(exc) from exc
    fetcher = Fetcher.from_settings(settings, host_interval=settings.host_interval_seconds)
    watcher = Watcher(engine, fetcher, floor=settings.poll_floor_seconds,
                      ceiling=settings.poll_ceiling_seconds, workers=workers)
    watcher.on_article = _article_printer(as_json)
    previous = _install_stop(watcher)
    failed = False
    try:
        def on_round(report: Any) -> None:
            nonlocal failed
            failed = failed or not report.ok
            _print_round(report, as_json)

        watcher.run(feeds, once=once, on_round=on_round)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        fetcher.close()
        store.close()
    if failed and once:
        sys.exit(1)


def _install_stop(watcher: Any) -> dict[int, Any]:
    """First Ctrl-C or SIGTERM: finish the article in hand, then exit. A second Ctrl-C aborts."""
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        if watcher.stopping and signum == signal.SIGINT:
            raise KeyboardInterrupt
        err("stopping after the article in hand...")
        watcher.stop()

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handler)
    return previous


def _article_printer(as_json: bool) -> Any:
    def on_article(item: Article | IngestFailure, status: str) -> None:
        if isinstance(item, IngestFailure):
            err(f"error: {item.item}: {item.code} {item.error_type}: {item.message}")
        elif status == "new" and interactive() and not as_json:
            err(f"new: {item.title or item.source}")
    return on_article


def _print_round(report: Any, as_json: bool) -> None:
    for url, message in report.feed_errors:
        err(f"error: feed {url}: {message}")
    if as_json:
        emit_json({"feeds_polled": report.feeds_polled, "not_modified": report.not_modified,
                   "feed_errors": len(report.feed_errors), "new_articles": report.new_articles,
                   "unchanged": report.unchanged, "item_errors": len(report.item_errors),
                   "seconds": report.seconds})
        return
    click.echo(f"{report.feeds_polled} feeds polled ({report.not_modified} not modified,"
               f" {len(report.feed_errors)} failed), {report.new_articles} new articles,"
               f" {report.unchanged} unchanged, {len(report.item_errors)} item errors")


@main.command()
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def feeds(ctx: Context, as_json: bool) -> None:
    """Per-feed health: last poll, last success, last error, articles ingested."""
    from newsprism.watch import FeedState

    store = ctx.store()
    try:
        rows = FeedState(store).all()
    finally:
        store.close()
    for row in rows:
        if as_json:
            emit_json(row)
            continue
        health = "ok" if not row["last_error_at"] or (row["last_success"] or "") > row["last_error_at"] else "FAILING"
        click.secho(f"{row['url']}  [{health}]", bold=True)
        click.echo(f"    {row['title'] or '-'}: {plural(row['articles'], 'article')}, {plural(row['polls'], 'poll')},"
                   f" {plural(row['errors'], 'error')}; last success {row['last_success'] or 'never'}")
        if row["last_error"]:
            click.echo(f"    last error {row['last_error_at']}: {row['last_error']}")
    if not rows and not as_json:
        err("no feeds yet: run newsprism watch")
