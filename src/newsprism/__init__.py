"""newsprism: a cross-checked picture of what happened, from a pile or a stream of news articles.

The Python API reads a store as pandas DataFrames: `events()`, `articles()`, `quotes()`,
`stories()` and `claims()`. Each takes the store (`db`: a SQLite path or a postgresql:// URL;
None: the configured store) and keyword filters. Every frame has a `story_id` column and its
dates as timezone-aware datetimes (UTC; NaT when unknown). Dates given as filters are
`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `datetime.date` objects; anything else raises
`newsprism.errors.InvalidArgument` (E030). A SQLite file that does not exist raises
`newsprism.errors.NotFound` (E301) and is never created. pandas is imported only when called.
"""

from __future__ import annotations

__version__ = "0.1.0"

import types
from datetime import date
from typing import TYPE_CHECKING

from newsprism import stories  # the package (light); made callable below

if TYPE_CHECKING:
    import pandas as pd


def events(db: str | None = None, *, story: str | None = None, actor: str | None = None,
           type: str | None = None, since: str | date | None = None,  # noqa: A002
           until: str | date | None = None) -> pd.DataFrame:
    """Coded events, one row per event (columns as `newsprism export --format csv`: article_id,
    story_id, event_index, url, outlet, published, source/target text, code and sector, cameo,
    cameo_root, plover, mode, goldstein, quad_class, place, date, text, start, end).

    story: a story id (an unknown one is NotFound). actor: a source or target actor code
    (`RUS`, `NATO`). type: a PLOVER type (`THREATEN`) or a CAMEO code prefix (`13`).
    since / until: publication dates, both ends included. `published` and `date` are datetimes.
    """
    from newsprism import frames

    return frames.events(db, story=story, actor=actor, type=type, since=since, until=until)


def articles(db: str | None = None, *, story: str | None = None, since: str | date | None = None,
             until: str | date | None = None) -> pd.DataFrame:
    """Stored articles, one row per article: id, story_id, its fields (title, outlet, published,
    url, text...), ingested_at, and one column per step output (records as dicts).

    story: only this story's articles. since / until: publication dates, both ends included.
    """
    from newsprism import frames

    return frames.articles(db, story=story, since=since, until=until)


def quotes(db: str | None = None, *, story: str | None = None, speaker: str | None = None,
           since: str | date | None = None, until: str | date | None = None) -> pd.DataFrame:
    """Quotes, one row per quote read in an article: article_id, story_id, outlet, published,
    title, speaker (canonical name, None when nobody is named), speaker_text, kind (`direct`,
    `partial`, `indirect`), text, cue (the speech verb), start and end (offsets into the text).

    story: only this story's articles. speaker: only quotes of this canonical name (any case).
    since / until: publication dates, both ends included.
    """
    from newsprism import frames

    return frames.quotes(db, story=story, speaker=speaker, since=since, until=until)


class _StoriesPackage(types.ModuleType):
    """`newsprism.stories` is the package of the story code and, called, the Python API's
    `stories()` (a function of that name would be replaced by the package on its first import)."""

    def __call__(self, db: str | None = None, *, since: str | date | None = None,
                 until: str | date | None = None, min_size: int = 1) -> pd.DataFrame:
        """Stories, latest first, one row per story: story_id, title, size (articles), outlets,
        first_seen and last_seen (the first and last publication dates; NaT for undated stories).

        since / until: stories whose publication dates reach into the range (undated stories are
        then left out). min_size: only stories of at least this many articles (1 or more).
        """
        from newsprism import frames

        return frames.stories(db, since=since, until=until, min_size=min_size)


stories.__class__ = _StoriesPackage  # newsprism.stories(db, since=..., until=..., min_size=...)


def claims(db: str | None = None, *, story: str | None = None, verdict: str | None = None,
           min_size: int = 2) -> pd.DataFrame:
    """Claims the story views compare, one row per claim: story_id, claim_id, kind (`figure`,
    `date`, `place`), subject, unit, verdict, explanation, sources (independent sources), values
    (one dict per distinct value: value, text, qualifier, claimants, articles...) and articles.

    story: one story (else every story of at least `min_size` articles; claims need two).
    verdict: `agree`, `contradict`, `update`, `complementary` or `single`. A story's view is
    built (and stored for the next read) when it is missing or stale, as `newsprism story` does.
    """
    from newsprism import frames

    return frames.claims(db, story=story, verdict=verdict, min_size=min_size)
