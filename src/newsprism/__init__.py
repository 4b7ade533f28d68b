"""newsprism: a cross-checked picture of what happened, from a pile or a stream of news articles."""

from __future__ import annotations

__version__ = "0.1.0"

from typing import Any


def events(db: str | None = None, *, story: str | None = None, actor: str | None = None,
           type: str | None = None, since: str | None = None,  # noqa: A002
           until: str | None = None) -> Any:
    """Coded events as a pandas DataFrame, one row per event (columns as `newsprism export
    --format csv`: article id, story id, date, CAMEO and PLOVER codes, actors, Goldstein...).

    db: SQLite path or postgresql:// URL (default: the configured store; a missing SQLite file is
        NotFound E301, never created). story: a story id. actor: a source or target code (RUS,
        NATO). type: a PLOVER type (THREATEN) or a CAMEO code prefix (13). since / until:
        publication dates `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (anything else is InvalidArgument
        E030). pandas is imported only when called.
    """
    from newsprism import frames

    return frames.events(db, story=story, actor=actor, type=type, since=since, until=until)


def articles(db: str | None = None, *, story: str | None = None, since: str | None = None,
             until: str | None = None) -> Any:
    """Stored articles as a pandas DataFrame, one row per article: its fields and one column per
    step output. Arguments as for `events`; pandas is imported only when called."""
    from newsprism import frames

    return frames.articles(db, story=story, since=since, until=until)
