"""The `newsprism` command line. Each module of this package adds its commands to `main`;
`stories`, `recluster`, `story` and `alerts` are imported when asked for (cli/app.py LAZY_COMMANDS)."""

from __future__ import annotations

from newsprism.cli import core as _core  # noqa: F401  (registers commands)
from newsprism.cli import demo as _demo  # noqa: F401
from newsprism.cli import events as _events  # noqa: F401
from newsprism.cli import scale as _scale  # noqa: F401
from newsprism.cli import serve as _serve  # noqa: F401
from newsprism.cli import watch as _watch  # noqa: F401
from newsprism.cli.app import main

__all__ = ["main"]
