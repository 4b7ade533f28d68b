"""The README documents every command and every setting (a new one without docs fails here)."""

from __future__ import annotations

from pathlib import Path

import click

from newsprism.cli import main
from newsprism.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "newsprism") -> list[str]:
    names = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # lazily imported commands too (cli/app.py LAZY_COMMANDS)
        cmd = group.get_command(ctx, name)
        full = f"{prefix} {name}"
        names.append(full)
        if isinstance(cmd, click.Group):
            names.extend(_commands(cmd, full))
    return names


def test_every_command_is_documented() -> None:
    missing = [c for c in _commands(main) if f"`{c}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_setting_is_documented() -> None:
    missing = [name for name in Settings.names() if f"`{name}`" not in README]
    assert not missing, f"settings missing from README.md: {missing}"
