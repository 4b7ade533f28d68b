"""Story commands: `stories` (list) and `recluster`; `story ID` is the story view (story_view.py)."""

from __future__ import annotations

import click

from newsprism.cli.app import Context, emit_json, err, fail, main, pass_ctx, progress
from newsprism.errors import NewsprismError
from newsprism.read import stories as read_stories


@main.command("stories")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, 10_000_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@pass_ctx
def stories_cmd(ctx: Context, limit: int, offset: int, as_json: bool) -> None:
    """Stories, newest first: id, title, size, outlets, first and last seen."""
    try:
        store = ctx.store()
    except NewsprismError as exc:
        raise fail(exc) from exc
    try:
        rows = read_stories.list_stories(store, limit=limit, offset=offset)
    finally:
        store.close()
    for s in rows:
        if as_json:
            emit_json(s)
        else:
            click.secho(f"{s.id}  {s.title or '(untitled)'}", bold=True)
            click.echo(f"    {s.size} article{'' if s.size == 1 else 's'}  {', '.join(s.outlets) or '-'}"
                       f"  {f'{s.first_seen} .. {s.last_seen}' if s.first_seen else 'undated'}")
    if not rows and not as_json:
        err("no stories (ingest articles, or run `newsprism recluster`)")


@main.command("recluster")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary line.")
@pass_ctx
def recluster_cmd(ctx: Context, as_json: bool) -> None:
    """Rebuild every story, copy and passage from scratch, in arrival order."""
    from newsprism.stories import storage
    from newsprism.stories.service import StoryService, config_from

    try:
        store = ctx.store()
        try:
            with progress("reclustering", store.count_articles(), quiet=as_json) as bar:
                service = StoryService(store, config_from(ctx.settings))
                n = service.recluster(lambda _aid: bar.update(1))
            count = storage.count_stories(store)
        finally:
            store.close()
    except NewsprismError as exc:
        raise fail(exc) from exc
    if as_json:
        emit_json({"articles": n, "stories": count})
    else:
        click.echo(f"{n} articles in {count} stories")
