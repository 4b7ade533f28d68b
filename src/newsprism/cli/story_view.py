"""`newsprism story ID`: the full story view on a terminal, as the JSON contract, or as Markdown.

The view comes from the read layer (built once and stored, like the API's and the page's).
"""

from __future__ import annotations

from pathlib import Path

import click
import msgspec

from newsprism.cli.app import Context, emit_json, fail, main, pass_ctx, renamed
from newsprism.errors import NewsprismError
from newsprism.read.stories import story_view
from newsprism.stories.view import StoryView
from newsprism.stories.view_render import render_markdown, render_text


@click.command("story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print the story view JSON contract.")
@click.option("--markdown", "markdown", is_flag=True,
              help="Print a Markdown report (or write it to --out).")
@click.option("--out", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report (text, JSON or Markdown) to this file instead of stdout.")
@renamed("--output", "--out", "output", type=click.Path(dir_okay=False, writable=True))
@pass_ctx
def story_view_cmd(ctx: Context, story_id: str, as_json: bool, markdown: bool,
                   output: str | None) -> None:
    """One story: people, claims compared across sources, quotes, timeline, coverage and brief."""
    if as_json and markdown:
        raise click.UsageError("choose one of --json and --markdown")
    try:
        store = ctx.store()
        try:
            view = story_view(store, story_id)
        finally:
            store.close()
    except NewsprismError as exc:
        raise fail(exc) from exc
    _emit(view, as_json, markdown, output)


def _emit(view: StoryView, as_json: bool, markdown: bool, output: str | None) -> None:
    if output is None and as_json:
        emit_json(view)
        return
    if as_json:
        text = msgspec.json.encode(view).decode() + "\n"
    else:
        text = render_markdown(view) if markdown else render_text(view)
    if output is None:
        click.echo(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from exc
    click.echo(f"wrote {output}", err=True)


main.add_command(story_view_cmd, name="story")
