"""`newsprism demo`: analyse the bundled FICTIONAL sample corpus, print what was found, maybe serve.

The corpus (`newsprism/data/demo/`) is written by the project: invented events, people and outlets,
three stories across five outlets and a wire agency, with an exact wire copy, a lightly edited copy,
a rewrite, quotes, and figures that disagree. It shows every input format newsprism reads.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import click

from newsprism.cli.app import Context, fail, main, pass_ctx
from newsprism.engine import Engine, RunReport
from newsprism.errors import NewsprismError
from newsprism.records import Article, IngestFailure

CORPUS = Path(__file__).resolve().parent.parent / "data" / "demo"


@main.command()
@click.option("--serve", "serve_ui", is_flag=True, help="Then serve the web UI over the demo store.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on (with --serve).")
@click.option("--port", default=8000, show_default=True, help="Port to serve on (with --serve).")
@pass_ctx
def demo(ctx: Context, serve_ui: bool, host: str, port: int) -> None:
    """Ingest the bundled FICTIONAL sample corpus into --db and print what was found."""
    from newsprism.cli.core import _report_ingest_failure
    from newsprism.ingest import read_inputs

    settings = ctx.settings
    click.secho("newsprism demo: a FICTIONAL SAMPLE corpus (invented events, people and outlets)", bold=True)
    click.echo(f"reading {CORPUS}\nstore   {settings.db}\n")
    try:
        store = ctx.store()
        engine = Engine.build(settings, store)
    except NewsprismError as exc:
        raise fail(exc) from exc

    def on_item(item: Article | IngestFailure, status: str) -> None:
        if isinstance(item, IngestFailure):
            _report_ingest_failure(item)
        elif status == "unchanged":
            click.echo(f"  unchanged: {Path(item.source).name} (the same text as article {item.id}, already stored)")

    try:
        summary = engine.ingest(read_inputs([str(CORPUS)], settings), on_item=on_item)
        _print_found(store, summary)
        db = f"--db {shlex.quote(settings.db)}"
        click.echo(f"\nexplore: newsprism {db} stories, newsprism {db} story ID, newsprism {db} search QUERY,"
                   f" newsprism {db} serve")
    except NewsprismError as exc:
        raise fail(exc) from exc
    finally:
        store.close()
    if serve_ui:
        _serve(settings.db, host, port)
    if not summary.ok:
        sys.exit(1)


def _print_found(store: Any, summary: RunReport) -> None:
    click.echo(f"{summary.new} new, {summary.unchanged} unchanged, {summary.failed} failed inputs,"
               f" {summary.step_failures} step failures\n")
    articles = sorted(store.list_articles(limit=1000), key=lambda a: (a.published or "", a.title or ""))
    click.secho(f"Articles ({len(articles)})", bold=True)
    for a in articles:
        click.echo(f"  {(a.published or '')[:10]:<10}  {(a.outlet or '-')[:24]:<24}  {a.title or '(untitled)'}")
        extras = [f"by {', '.join(a.authors)}" if a.authors else "",
                  f"dateline {a.dateline.text}" if a.dateline else "",
                  f"subheads {len(a.subheads)}" if a.subheads else "",
                  f"removed {len(a.removed)}" if a.removed else ""]
        click.echo(f"  {'':<10}  {a.id}  {'; '.join(e for e in extras if e)}")
    click.echo()
    _print_stories(store)


def _print_stories(store: Any) -> None:
    from newsprism.read.stories import list_stories, story_members

    stories = list_stories(store, 100, 0)
    click.secho(f"Stories ({len(stories)})", bold=True)
    for story in stories:
        outlets = ", ".join(story.outlets)
        click.echo(f"  {story.title or '(untitled)'}  [{story.size} articles; {outlets}]")
        for member in story_members(store, story.id):
            click.echo(f"    - {(member.published or '')[:10]:<10} {(member.outlet or '-')[:24]:<24} {member.title or ''}")
        _print_view(store, story.id)


def _print_view(store: Any, story_id: str) -> None:
    """What the story view found: contradictions, copies, quotes and the cited brief."""
    from newsprism.read.stories import story_view

    view = story_view(store, story_id)
    titles = {m.id: (m.outlet or m.id) for m in view.members}
    for claim in view.claims:
        if claim.verdict == "contradict":
            click.secho(f"    contradiction: {claim.subject}: {claim.explanation}", fg="red")
    for rel in view.coverage.copies:
        click.echo(f"    {rel.kind} copy: {titles.get(rel.article_id)} of {titles.get(rel.original_id)}"
                   f" (similarity {rel.similarity:.2f})")
    speakers = [f"{q.speaker} ({len(q.quotes)})" for q in view.quotes if q.speaker != "unknown"]
    if speakers:
        click.echo(f"    quoted: {', '.join(speakers[:6])}")
    for sentence in view.brief[:3]:
        cites = ", ".join(titles.get(a, a) for a in sentence.citations)
        flag = " [contested]" if sentence.contested else ""
        click.echo(f"    brief: {sentence.text}{flag} [{cites}]")


def _serve(db: str, host: str, port: int) -> None:
    try:
        from newsprism.web import address, serve
    except ImportError as exc:
        raise click.ClickException(f"the web UI is not available in this build ({exc})") from exc
    click.secho(f"\nserving the demo at {address(host, port)} (Ctrl+C to stop)", bold=True)
    serve(db, host, port)
