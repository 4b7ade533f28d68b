"""Event commands: `events` lists coded events from the store, `export` writes GDELT, Parquet, JSONL, CSV."""

from __future__ import annotations

import sys
from typing import IO, Any

import click

from newsprism.cli.app import (
    DATE,
    Context,
    Progress,
    emit_json,
    err,
    event_type_option,
    fail,
    main,
    pass_ctx,
    progress,
    renamed,
)
from newsprism.errors import NewsprismError
from newsprism.export import FORMATS, TABLES, Selection


def _selection(story: str | None, since: str | None, until: str | None, actor: str | None = None,
               event_type: str | None = None) -> Selection:
    return Selection(story=story, since=since, until=until, actor=actor, type=event_type)


def _who(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    return f"{actor.get('code') or '?'}{('/' + actor['sector']) if actor.get('sector') else ''}"


@main.command("events")
@click.option("--story", default=None, help="Only events of this story's articles.")
@click.option("--actor", default=None, help="Source or target code (RUS, NATO).")
@click.option("--type", "event_type", default=None, callback=event_type_option, help="PLOVER type (THREATEN) or CAMEO code prefix (13).")
@click.option("--since", default=None, type=DATE, help="Articles published on or after this ISO date.")
@click.option("--until", default=None, type=DATE, help="Articles published on or before this ISO date.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100_000),
              help="Most events to print.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event.")
@pass_ctx
def events_cmd(ctx: Context, story: str | None, actor: str | None, event_type: str | None,
               since: str | None, until: str | None, limit: int, as_json: bool) -> None:
    """Coded events (CAMEO and PLOVER) from stored articles, in arrival order."""
    from newsprism.export.tables import event_row, iter_events

    sel = _selection(story, since, until, actor, event_type)
    try:
        store = ctx.store()
    except NewsprismError as exc:
        raise fail(exc) from exc
    shown = 0
    try:
        for shown, (item, n, ev) in enumerate(iter_events(store, sel), 1):
            if shown > limit:
                break
            row = event_row(item, n, ev)
            if as_json:
                emit_json(row)
                continue
            src = _who({"code": row["source_code"], "sector": row["source_sector"]} if ev.source else None)
            tgt = _who({"code": row["target_code"], "sector": row["target_sector"]} if ev.target else None)
            click.echo(f"{ev.date or '':<10} {ev.cameo:<5} {ev.plover:<10} {src:<10} -> {tgt:<10} "
                       f"{ev.goldstein:>5} {row['article_id']}  {ev.text[:80]}")
    except NewsprismError as exc:
        raise fail(exc) from exc
    finally:
        store.close()
    if not shown and not as_json:
        err("no events" + (" match these filters" if story or actor or event_type or since or until else
                           " stored (ingest articles with the events step)"))


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("--out", "-o", "out_path", default=None, type=click.Path(dir_okay=False),
              help="Output file (default: stdout; Parquet needs a file).")
@renamed("--output", "--out", "out_path", type=click.Path(dir_okay=False))
@click.option("--table", type=click.Choice(TABLES), default="events", show_default=True,
              help="For parquet, jsonl and csv: one row per event or per article with all step outputs.")
@click.option("--story", default=None, help="Only this story's articles.")
@click.option("--since", default=None, type=DATE, help="Articles published on or after this ISO date.")
@click.option("--until", default=None, type=DATE, help="Articles published on or before this ISO date.")
@click.option("--actor", default=None, help="Events with this source or target code.")
@click.option("--type", "event_type", default=None, callback=event_type_option, help="Events of this PLOVER type or CAMEO prefix.")
@pass_ctx
def export_cmd(ctx: Context, fmt: str, out_path: str | None, table: str, story: str | None,
               since: str | None, until: str | None, actor: str | None, event_type: str | None) -> None:
    """Export stored events and articles: GDELT 2.0 Events/Mentions, GKG 2.1, Parquet, JSONL, CSV."""
    from newsprism.export import export

    if fmt == "parquet" and not out_path:
        raise click.UsageError("--format parquet needs --out FILE")
    sel = _selection(story, since, until, actor, event_type)
    try:
        store = ctx.store()
    except NewsprismError as exc:
        raise fail(exc) from exc
    tmp = f"{out_path}.part" if out_path else None
    total = None if (story or since or until) else store.count_articles()
    try:
        with progress("exporting", total, quiet=out_path is None and sys.stdout.isatty()) as bar:
            counted = _Counted(store, bar)
            if tmp:
                with open(tmp, "wb") as fh:
                    count = export(counted, fmt, fh, sel, table)
                _replace(tmp, out_path or "")
            else:
                count = export(counted, fmt, _stdout(), sel, table)
    except BrokenPipeError:
        _quiet_stdout()  # the reader (head, less) stopped reading: not an error of ours
        return
    except (NewsprismError, OSError) as exc:
        _remove(tmp)
        if isinstance(exc, NewsprismError):
            raise fail(exc) from exc
        raise click.ClickException(f"E400 cannot write {out_path or 'stdout'}: {exc}") from exc
    finally:
        store.close()
    err(f"exported {count} rows ({fmt})")


class _Counted:
    """The store as the export reads it, moving the progress line by the articles whose step
    outputs it reads (the export reads them in batches, in arrival order)."""

    def __init__(self, store: Any, bar: Progress) -> None:
        self._store, self._bar = store, bar

    def get_analyses(self, article_ids: Any, *args: Any, **kwargs: Any) -> Any:
        found = self._store.get_analyses(article_ids, *args, **kwargs)
        self._bar.update(len(found))
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _stdout() -> IO[bytes]:
    return sys.stdout.buffer


def _quiet_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _replace(tmp: str, final: str) -> None:
    import os

    os.replace(tmp, final)


def _remove(path: str | None) -> None:
    import os

    if path and os.path.exists(path):
        os.remove(path)
