"""newsprism: a cross-checked picture of what happened, from a pile or a stream of news articles."""

from __future__ import annotations

__version__ = "0.1.0"

from typing import Any


def events(db: str | None = None, **filters: Any) -> Any:
    """Coded events as a pandas DataFrame (see `newsprism.frames.events`); imports pandas lazily."""
    from newsprism import frames

    return frames.events(db, **filters)


def articles(db: str | None = None, **filters: Any) -> Any:
    """Stored articles as a pandas DataFrame (see `newsprism.frames.articles`); imports pandas lazily."""
    from newsprism import frames

    return frames.articles(db, **filters)
