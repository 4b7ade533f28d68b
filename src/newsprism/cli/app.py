"""The `newsprism` command group and what every command shares: settings, output, progress.

The cli package is the only place that prints.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import click
import msgspec

from newsprism.config import Settings
from newsprism.errors import NewsprismError
from newsprism.records import to_builtins


@dataclass
class Context:
    settings: Settings

    def store(self) -> Any:
        from newsprism.store import open_store

        return open_store(self.settings.db)


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", default=None, help="Store: SQLite path or postgresql:// URL [env NEWSPRISM_DB].")
@click.option("--config", "config_path", default=None, type=click.Path(dir_okay=False),
              help="TOML config file (default: the user config dir's newsprism.toml).")
@click.option("--strict", is_flag=True, default=None, help="Re-raise the first step failure.")
@click.option("--log-level", default=None, help="DEBUG, INFO, WARNING or ERROR.")
@click.version_option(package_name="newsprism")
@click.pass_context
def main(ctx: click.Context, db: str | None, config_path: str | None, strict: bool | None,
         log_level: str | None) -> None:
    """newsprism: stories, events, quotes, figures and contradictions from news articles."""
    try:
        settings = Settings.load({"db": db, "strict": strict, "log_level": log_level}, config_path)
    except NewsprismError as exc:
        raise click.ClickException(f"{exc.code} {exc}") from exc
    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.WARNING),
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    ctx.obj = Context(settings=settings)


def emit_json(obj: Any) -> None:
    """One JSON document on one line of stdout."""
    sys.stdout.buffer.write(msgspec.json.encode(to_builtins(obj)) + b"\n")
    sys.stdout.buffer.flush()


def err(message: str) -> None:
    click.echo(message, err=True)


def interactive() -> bool:
    return sys.stderr.isatty()


@contextmanager
def progress(label: str, length: int | None = None) -> Iterator[Any]:
    """A progress bar on a terminal; a no-op in pipes."""
    if interactive():
        with click.progressbar(length=length or 0, label=label, file=sys.stderr,
                               show_pos=True, show_eta=length is not None) as bar:
            yield bar
    else:
        yield _NoBar()


class _NoBar:
    def update(self, n: int, current_item: Any = None) -> None:
        return None


def fail(exc: NewsprismError) -> click.ClickException:
    return click.ClickException(f"{exc.code} {exc}")
