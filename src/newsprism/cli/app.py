"""The `newsprism` command group and what every command shares: settings, output, progress.

The cli package is the only place that prints.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import click
import msgspec

from newsprism.config import Settings
from newsprism.errors import NewsprismError
from newsprism.records import to_builtins

# Commands that only read: a store that is not there is an error for them, never created.
READ_COMMANDS = frozenset({"stories", "story", "search", "show", "stats", "failures", "events",
                           "export", "feeds"})
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


@dataclass
class Context:
    settings: Settings
    quiet: bool = False
    config_file: str = ""

    def store(self) -> Any:
        """The store; for a read command a missing SQLite file is a usage error (exit 2)."""
        from newsprism.errors import NotFound
        from newsprism.store import open_store

        current = click.get_current_context(silent=True)
        reading = current is not None and current.info_name in READ_COMMANDS
        try:
            return open_store(self.settings.db, must_exist=reading)
        except NotFound as exc:
            raise click.UsageError(f"{exc.code} {exc}") from exc


class DateParam(click.ParamType):  # type: ignore[type-arg]
    """A date option checked by the one shared parser (`newsprism.dates`): bad -> exit 2."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str | None:
        from newsprism.dates import parse_day
        from newsprism.errors import InvalidArgument

        try:
            return parse_day(value, param.opts[-1] if param is not None else "date")
        except InvalidArgument as exc:
            self.fail(f"{exc.code} {exc}", param, ctx)


DATE = DateParam()


def event_type_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A PLOVER type (THREATEN) or a CAMEO code prefix (13, 0231) that exists, upper-cased; else exit 2."""
    if value is None or not value.strip():
        return None
    from newsprism.analyze.event_patterns import cameo_table

    wanted = value.strip().upper()
    table = cameo_table()
    plover = sorted({row.plover for row in table.values() if row.plover})
    if wanted in plover or wanted.isdigit() and any(code.startswith(wanted) for code in table):
        return wanted
    raise click.BadParameter(f"{value!r} is neither a PLOVER type ({', '.join(plover)}) nor a CAMEO code"
                             " prefix (01-20)", ctx=ctx, param=param)


def renamed(old: str, new: str, dest: str, **option: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Keep `old` working as a hidden, deprecated name of the option `new` (parameter `dest`):
    it fills `dest` when `new` is not given, with a note on stderr; both with different values
    is a usage error (exit 2). `option` are extra click.option arguments (e.g. a `callback`)."""
    hidden = f"_renamed_{dest}"

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            value = kwargs.pop(hidden, None)
            if value is not None:
                if kwargs.get(dest) not in (None, value):
                    raise click.UsageError(f"{old} is the old name of {new}: give only {new}")
                err(f"note: {old} is deprecated; use {new}")
                kwargs[dest] = value
            return command(*args, **kwargs)

        return click.option(old, hidden, default=None, hidden=True, **option)(wrapper)

    return decorate


# Commands whose modules import the story and alert read layers: imported when asked for, so
# that every other command starts without them (~0.1 CPU-s per call).
LAZY_COMMANDS = {"stories": "newsprism.cli.stories", "recluster": "newsprism.cli.stories",
                 "story": "newsprism.cli.story_view", "alerts": "newsprism.cli.alerts"}


class _Group(click.Group):
    """The command group; `--db X` is also accepted after the command (`newsprism stats --db x.db`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _db_first(args, set(self.commands) | set(LAZY_COMMANDS)))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            import importlib

            importlib.import_module(LAZY_COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(LAZY_COMMANDS))


def _db_first(args: list[str], commands: set[str]) -> list[str]:
    """`--db X` / `--db=X` found after the command name moved before it (never after `--`)."""
    at = _command_at(args, commands)
    if at is None:
        return args
    head, tail = args[:at + 1], args[at + 1:]
    moved: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(tail):
        arg = tail[i]
        if arg == "--":
            rest += tail[i:]
            break
        if arg == "--db" and i + 1 < len(tail):
            moved += tail[i:i + 2]
            i += 2
            continue
        (moved if arg.startswith("--db=") else rest).append(arg)
        i += 1
    return args[:at] + moved + head[at:] + rest


_VALUED = frozenset({"--db", "--config", "--log-level"})  # the group's options that take a value


def _command_at(args: list[str], commands: set[str]) -> int | None:
    """Where the command name is: the first known command that is not a group option's value."""
    i = 0
    while i < len(args):
        if args[i] in _VALUED:
            i += 2
            continue
        if args[i] == "--":
            return None
        if args[i] in commands:
            return i
        i += 1
    return None


pass_ctx = click.make_pass_decorator(Context)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", default=None, help="Store: SQLite path or postgresql:// URL [env NEWSPRISM_DB];"
              " also accepted after the command.")
@click.option("--config", "config_path", default=None, type=click.Path(dir_okay=False),
              help="TOML config file (default: the user config dir's newsprism.toml).")
@click.option("--strict", is_flag=True, default=None, help="Re-raise the first step failure.")
@click.option("--log-level", default=None, type=click.Choice(LOG_LEVELS, case_sensitive=False),
              help="DEBUG, INFO, WARNING or ERROR.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line (it is only drawn on a terminal anyway).")
@click.version_option(package_name="newsprism")
@click.pass_context
def main(ctx: click.Context, db: str | None, config_path: str | None, strict: bool | None,
         log_level: str | None, quiet: bool) -> None:
    """newsprism: stories, events, quotes, figures and contradictions from news articles."""
    from newsprism.config import default_config_path

    try:
        settings = Settings.load({"db": db, "strict": strict, "log_level": log_level}, config_path)
    except NewsprismError as exc:
        raise click.ClickException(f"{exc.code} {exc}") from exc
    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.WARNING),
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    ctx.obj = Context(settings=settings, quiet=quiet, config_file=str(config_path or default_config_path()))


def emit_json(obj: Any) -> None:
    """One JSON document on one line of stdout."""
    sys.stdout.buffer.write(msgspec.json.encode(to_builtins(obj)) + b"\n")
    sys.stdout.buffer.flush()


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 rule', '3 rules' (`many` when the plural is not word + s)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def err(message: str) -> None:
    """One line on stderr (a progress line being drawn is cleared first, then redrawn)."""
    bar = Progress.active
    if bar is not None:
        bar.clear()
    click.echo(message, err=True)
    if bar is not None:
        bar.draw(force=True)


def interactive() -> bool:
    return sys.stderr.isatty()


class Progress:
    """A progress line on stderr, rewritten in place: `ingesting: 120/840 articles, 2 failed`.

    Drawn only when stderr is a terminal and neither `--quiet` nor `--json` was given; otherwise
    every call is a no-op. Redrawn at most ten times a second, and once more at the end.
    """

    active: Progress | None = None
    INTERVAL = 0.1

    def __init__(self, label: str, total: int | None, unit: str, shown: bool) -> None:
        self.label, self.total, self.unit, self.shown = label, total, unit, shown
        self.pos = 0
        self.failed = 0
        self._last = float("-inf")
        self._width = 0

    def update(self, n: int = 1, current_item: Any = None, failed: bool = False) -> None:
        self.pos += n
        self.failed += int(failed)
        self.draw()

    def text(self) -> str:
        of = f"/{self.total}" if self.total is not None else ""
        pct = f" ({100 * self.pos // self.total}%)" if self.total else ""
        bad = f", {self.failed} failed" if self.failed else ""
        one = self.total is None and self.pos == 1 and self.unit.endswith("s")
        return f"{self.label}: {self.pos}{of} {self.unit[:-1] if one else self.unit}{pct}{bad}"

    def draw(self, force: bool = False) -> None:
        import time

        if not self.shown:
            return
        now = time.monotonic()
        if not force and now - self._last < self.INTERVAL:
            return
        self._last = now
        line = self.text()
        sys.stderr.write("\r" + line.ljust(self._width))
        sys.stderr.flush()
        self._width = len(line)

    def clear(self) -> None:
        if self.shown and self._width:
            sys.stderr.write("\r" + " " * self._width + "\r")
            sys.stderr.flush()
            self._width = 0

    def finish(self) -> None:
        if self.shown:
            self.draw(force=True)
            sys.stderr.write("\n")
            sys.stderr.flush()


@contextmanager
def progress(label: str, length: int | None = None, unit: str = "articles",
             quiet: bool = False) -> Iterator[Progress]:
    """A progress line for long work (`Progress`); `quiet` (e.g. `--json`) or the global
    `--quiet` hide it, and it is never drawn when stderr is not a terminal."""
    current = click.get_current_context(silent=True)
    obj = current.find_object(Context) if current is not None else None
    shown = interactive() and not quiet and not (obj is not None and obj.quiet)
    bar = Progress(label, length, unit, shown)
    Progress.active = bar if shown else None
    try:
        yield bar
    finally:
        Progress.active = None
        bar.finish()


def fail(exc: NewsprismError) -> click.ClickException:
    return click.ClickException(f"{exc.code} {exc}")
