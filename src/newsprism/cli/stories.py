"""Story commands: `stories` (list), `story ID` (members, copies, passages), `recluster`."""

from __future__ import annotations

from typing import Any

import click

from newsprism.cli.app import Context, emit_json, err, fail, main, pass_ctx, progress
from newsprism.errors import NewsprismError
from newsprism.records import to_builtins
from newsprism.store.base import SQLStore


def story_record(store: SQLStore, story_id: str) -> dict[str, Any]:
    """The `story --json` document: summary, members in joining order, copies and passages."""
    from newsprism.stories import storage

    summary = storage.get_story(store, story_id)
    members = storage.story_members(store, summary.id)
    ids = [m.article_id for m in members]
    record: dict[str, Any] = to_builtins(summary)
    record["members"] = to_builtins(members)
    record["copies"] = to_builtins(storage.copies_in(store, ids))
    record["passages"] = to_builtins(storage.passages_in(store, ids))
    return record


@main.command("stories")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@pass_ctx
def stories_cmd(ctx: Context, limit: int, offset: int, as_json: bool) -> None:
    """Stories, newest first: id, title, size, outlets, first and last seen."""
    from newsprism.stories import storage

    try:
        store = ctx.store()
    except NewsprismError as exc:
        raise fail(exc) from exc
    try:
        rows = storage.list_stories(store, limit=limit, offset=offset)
    finally:
        store.close()
    for s in rows:
        if as_json:
            emit_json(s)
        else:
            click.secho(f"{s.id}  {s.title or '(untitled)'}", bold=True)
            click.echo(f"    {s.size} article(s)  {', '.join(s.outlets) or '-'}"
                       f"  {s.first_seen or '?'} .. {s.last_seen or '?'}")
    if not rows and not as_json:
        err("no stories (ingest articles, or run `newsprism recluster`)")


@main.command("story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Members with copy relations and shared passages.")
@pass_ctx
def story_cmd(ctx: Context, story_id: str, as_json: bool) -> None:
    """One story: its articles in joining order, which are copies, which passages they share."""
    try:
        store = ctx.store()
        try:
            record = story_record(store, story_id)
        finally:
            store.close()
    except NewsprismError as exc:
        raise fail(exc) from exc
    if as_json:
        emit_json(record)
        return
    print_story(record)


def print_story(record: dict[str, Any]) -> None:
    click.secho(f"{record['id']}  {record.get('title') or '(untitled)'}", bold=True)
    click.echo(f"  {record['size']} article(s), {record.get('first_seen') or '?'} .."
               f" {record.get('last_seen') or '?'}")
    copies = {c["article_id"]: c for c in record["copies"]}
    for m in record["members"]:
        mark = ""
        if m["article_id"] in copies:
            c = copies[m["article_id"]]
            mark = f"  [{c['kind']} copy of {c['original_id']}, {c['similarity']:.2f}]"
        click.echo(f"  {m['article_id']}  {m.get('outlet') or '-':<20} {m.get('published') or '':<10}"
                   f"  {m.get('title') or ''}{mark}")
    if record["passages"]:
        click.echo(f"  {len(record['passages'])} shared passage(s):")
        for p in record["passages"]:
            click.echo(f"    {p['a_id']}[{p['a_start']}:{p['a_end']}] ~ {p['b_id']}[{p['b_start']}:{p['b_end']}]"
                       f"  {p['kind']} {p['similarity']:.2f}")


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
            with progress("reclustering", store.count_articles()) as bar:
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
