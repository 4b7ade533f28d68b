"""The Python API (`newsprism.events/articles/quotes/stories/claims`) over a small hand-made store."""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import newsprism
from newsprism.errors import InvalidArgument, NotFound
from test_api import fill_store

FUNCTIONS = (newsprism.events, newsprism.articles, newsprism.quotes, newsprism.stories, newsprism.claims)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    db = str(tmp_path_factory.mktemp("pyapi") / "py.db")
    return db, fill_store(db)


def _utc_datetimes(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.DatetimeTZDtype) and str(column.dtype.tz) == "UTC"


def test_signatures_are_explicit_and_documented() -> None:
    for fn in FUNCTIONS:
        params = inspect.signature(fn).parameters
        assert all(p.kind is not inspect.Parameter.VAR_KEYWORD for p in params.values()), fn.__name__
        assert list(params)[0] == "db" and all(p.kind is inspect.Parameter.KEYWORD_ONLY
                                               for name, p in params.items() if name != "db")
        doc = type(fn).__call__.__doc__ if fn is newsprism.stories else fn.__doc__
        assert doc and all(name in doc for name in params if name != "db"), fn
    with pytest.raises(TypeError):
        newsprism.quotes(None, outlet="x")  # type: ignore[call-arg]


def test_events_carry_story_ids_and_datetimes(store: tuple[str, dict[str, str]]) -> None:
    db, ids = store
    frame = newsprism.events(db)
    assert list(frame["story_id"]) == ["story-1"] and list(frame["article_id"]) == [ids["a1"]]
    assert _utc_datetimes(frame["published"]) and _utc_datetimes(frame["date"])
    assert frame["date"][0] == pd.Timestamp("2022-02-08", tz="UTC")
    assert newsprism.events(db, type="CONSULT", story="story-1").shape[0] == 1
    assert newsprism.events(db, since=date(2022, 2, 9)).empty


def test_articles_and_quotes(store: tuple[str, dict[str, str]]) -> None:
    db, ids = store
    arts = newsprism.articles(db)
    assert len(arts) == 7 and _utc_datetimes(arts["published"])
    by_id = dict(zip(arts["id"], arts["story_id"], strict=True))
    assert by_id[ids["a1"]] == by_id[ids["a2"]] == "story-1" and pd.isna(by_id[ids["xss"]])
    assert len(newsprism.articles(db, story="story-1")) == 2
    quotes = newsprism.quotes(db, speaker="marta quellane")
    assert sorted(quotes["kind"]) == ["direct", "partial"] and set(quotes["story_id"]) == {"story-1"}
    assert _utc_datetimes(quotes["published"])
    assert len(newsprism.quotes(db, until="2022-02-09")) == 1
    assert newsprism.quotes(db, speaker="Nobody Here").empty


def test_stories_and_claims(store: tuple[str, dict[str, str]]) -> None:
    db, _ = store
    stories = newsprism.stories(db)
    assert "story-1" in set(stories["story_id"]) and _utc_datetimes(stories["first_seen"])
    one = stories[stories["story_id"] == "story-1"].iloc[0]
    assert one["size"] == 2 and one["first_seen"] == pd.Timestamp("2022-02-08", tz="UTC")
    assert "story-1" not in set(newsprism.stories(db, since="2023")["story_id"])
    assert "story-1" in set(newsprism.stories(db, since="2022-02-10", until="2022-02")["story_id"])
    assert set(newsprism.stories(db, min_size=2)["story_id"]) == {"story-1"}
    claims = newsprism.claims(db, story="story-1")
    assert list(claims.columns)[:3] == ["story_id", "claim_id", "kind"]
    assert set(claims["story_id"]) <= {"story-1"}
    with pytest.raises(InvalidArgument):
        newsprism.claims(db, verdict="maybe")
    with pytest.raises(NotFound):
        newsprism.claims(db, story="no-such-story")
    with pytest.raises(InvalidArgument):
        newsprism.stories(db, min_size=0)


@pytest.mark.parametrize("bad", ["02/10/2022", "2016-13-45", "yesterday", "2022-02-30"])
def test_bad_dates_are_refused(store: tuple[str, dict[str, str]], bad: str) -> None:
    db, _ = store
    for fn in (newsprism.events, newsprism.articles, newsprism.quotes, newsprism.stories):
        with pytest.raises(InvalidArgument):
            fn(db, since=bad)


def test_a_missing_database_is_an_error_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "none.db"
    for fn in FUNCTIONS:
        with pytest.raises(NotFound):
            fn(str(missing))
    assert not missing.exists() and not missing.parent.exists()
