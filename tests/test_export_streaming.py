"""Exports stream in every format, from the CLI's path and the API's alike: at most one batch of
stored articles is held at once, whatever the size of the store, and HEAD builds nothing.

Counted, not timed: the test swaps in a `Stored` that counts how many stored articles are alive
at once (CPython frees one the moment the exporter lets go of it), so the bound is exact on any
machine. The articles and their events are invented and saved directly (no analysis to run).
"""

from __future__ import annotations

import io
import weakref
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsprism import export
from newsprism.export import tables, writers
from newsprism.export.gdelt import EVENT_COLUMNS, GKG_COLUMNS, MENTION_COLUMNS
from newsprism.records import Actor, Article, ArticleResult, Event, Sentence, article_id
from newsprism.store import open_store

BATCH = 4
FORMATS = [(fmt, "events") for fmt in export.FORMATS] + [(f, "articles") for f in ("parquet", "jsonl", "csv")]


class Live:
    """How many `Stored` articles are alive now, and at most."""

    now = 0
    peak = 0
    made = 0

    @classmethod
    def reset(cls) -> None:
        cls.now = cls.peak = cls.made = 0

    @classmethod
    def gone(cls) -> None:
        cls.now -= 1


class CountedStored(tables.Stored):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        Live.now += 1
        Live.made += 1
        Live.peak = max(Live.peak, Live.now)
        weakref.finalize(self, Live.gone)


def _result(n: int, url: str | None = None) -> ArticleResult:
    """Article n: one meeting every article reports (one GDELT event) and one of its own day."""
    first = "Envoys of Arvania met ministers of Belmark in the harbour town."
    second = f"Report {n}: the council of Arvania praised Belmark for the grain deal on day {n}."
    text = f"{first} {second}"
    day = (date(2023, 1, 1) + timedelta(days=n)).isoformat()
    shared = Event(source=Actor(text="Arvania", code="FRA", start=10), target=Actor(text="Belmark", code="DEU"),
                   cameo="040", plover="CONSULT", goldstein=1.0, quad_class=1, date="2024-02-01",
                   text=first, start=0, end=len(first))
    own = Event(source=Actor(text="Arvania", code="FRA"), target=Actor(text="Belmark", code="DEU"),
                cameo="051", plover="COOPERATE", goldstein=3.4, quad_class=1, date=day,
                text=second, start=len(first) + 1, end=len(text))
    art = Article(id=article_id(text), source=f"inv-{n}.txt", text=text, url=url or f"https://paper{n % 3}.example/{n}",
                  outlet=None, published=day)
    sentences = [Sentence(start=0, end=len(first)), Sentence(start=len(first) + 1, end=len(text))]
    return ArticleResult(article=art, outputs={"events": [shared, own], "sentences": sentences},
                         versions={"events": "t", "sentences": "t"})


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[Live]:
    monkeypatch.setattr(tables, "BATCH", BATCH)
    monkeypatch.setattr(tables, "ARTICLE_BATCH", BATCH)
    monkeypatch.setattr(tables, "Stored", CountedStored)
    monkeypatch.setattr(writers, "EVENT_ROW_GROUP", BATCH)
    monkeypatch.setattr(writers, "ARTICLE_ROW_GROUP", BATCH)
    Live.reset()
    return Live


def _fill(store: Any, start: int, stop: int) -> None:
    for n in range(start, stop):
        store.save_result(_result(n))


def _peak(chunks: Iterator[bytes]) -> tuple[int, bytes]:
    Live.reset()
    data = b"".join(chunks)
    return Live.peak, data


def _reads(store: Any) -> list[int]:
    """Record how many articles' outputs each read of the store decodes at once."""
    sizes: list[int] = []
    real = store.get_analyses

    def get_analyses(ids: Any, steps: Any = None) -> Any:
        sizes.append(len(ids))
        return real(ids, steps=steps)

    store.get_analyses = get_analyses
    return sizes


@pytest.mark.parametrize(("fmt", "table"), FORMATS)
def test_every_export_holds_one_batch_whatever_the_store(tmp_path, counted, fmt: str, table: str) -> None:
    store = open_store(str(tmp_path / "s.db"))
    reads = _reads(store)
    try:
        _fill(store, 0, 3 * BATCH)
        small, _ = _peak(export.chunks(store, fmt, tables.Selection(), table))
        _fill(store, 3 * BATCH, 12 * BATCH)
        large, data = _peak(export.chunks(store, fmt, tables.Selection(), table))
    finally:
        store.close()
    assert 0 < small <= BATCH and 0 < large <= BATCH, (small, large)  # the old GDELT path held all 48
    assert reads and max(reads) <= BATCH  # read a batch at a time, never the whole store
    if fmt == "parquet":  # rows went out a group at a time
        meta = pq.ParquetFile(io.BytesIO(data)).metadata
        rows = 24 * BATCH if table == "events" else 12 * BATCH
        assert meta.num_rows == rows and meta.num_row_groups == rows // BATCH


def _tsv(data: bytes, columns: list[str]) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep="\t", header=None, names=columns, dtype=str,
                       keep_default_na=False, quoting=3)


def test_streamed_gdelt_counts_every_mention(tmp_path, counted) -> None:
    store = open_store(str(tmp_path / "s.db"))
    try:
        _fill(store, 0, 10)
        events = _tsv(b"".join(export.chunks(store, "gdelt-events")), EVENT_COLUMNS)
        mentions = _tsv(b"".join(export.chunks(store, "gdelt-mentions")), MENTION_COLUMNS)
        gkg = _tsv(b"".join(export.chunks(store, "gkg")), GKG_COLUMNS)
    finally:
        store.close()
    assert len(events) == 11 and len(mentions) == 20 and len(gkg) == 10
    shared = events[events["EventCode"] == "040"].iloc[0]
    # first seen in the first article; all ten mention it, from three hosts
    assert (shared["NumMentions"], shared["NumArticles"], shared["NumSources"]) == ("10", "10", "3")
    assert shared["SOURCEURL"] == "https://paper0.example/0" and shared["SQLDATE"] == "20240201"
    assert list(events["EventCode"]) == ["040"] + ["051"] * 10  # in the order first seen
    own = events[events["EventCode"] == "051"]
    assert set(own["NumMentions"]) == {"1"} and own["SQLDATE"].is_unique
    by_event = mentions.groupby("GLOBALEVENTID")["EventTimeDate"].nunique()
    assert set(by_event) == {1} and set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    assert set(mentions["MentionSourceName"]) == {"paper0.example", "paper1.example", "paper2.example"}


def test_a_store_holding_malformed_urls_exports_and_alerts(tmp_path) -> None:
    from newsprism.alerts.live import outlet_name
    from newsprism.alerts.match import _outlet_matches
    from newsprism.ingest.checks import url_host

    bad = ["http://[::1", "http://]", "http://[1.2.3.4]/", "https://paper.example:99999/x"]
    assert [url_host(u) for u in bad] == [None] * 4 and url_host("HTTP://Paper.Example/a") == "paper.example"
    store = open_store(str(tmp_path / "s.db"))
    try:
        for n, url in enumerate(bad):
            store.save_result(_result(n, url=url))  # as a store made before ingest checked URLs holds them
        outputs = {(fmt, table): b"".join(export.chunks(store, fmt, tables.Selection(), table))
                   for fmt, table in FORMATS}
    finally:
        store.close()
    events = _tsv(outputs["gdelt-events", "events"], EVENT_COLUMNS)
    assert len(events) == 5 and set(events["NumSources"]) == {"1"}  # no outlet, no host: one unknown source
    mentions = _tsv(outputs["gdelt-mentions", "events"], MENTION_COLUMNS)
    assert len(mentions) == 8 and set(mentions["MentionSourceName"]) == {""}
    assert set(mentions["MentionIdentifier"]) == set(bad)
    assert len(_tsv(outputs["gkg", "events"], GKG_COLUMNS)) == 4
    assert all(outputs.values())
    art = _result(0, url=bad[0]).article
    assert outlet_name(None, bad[0], "Wire Agency") == "wire agency"
    assert not _outlet_matches(art, frozenset({"paper.example"}))


def test_malformed_webhook_and_fetch_urls_are_refused_not_raised() -> None:
    from newsprism.alerts.rules import Rule, _check_delivery
    from newsprism.errors import FetchError, RuleError
    from newsprism.ingest.fetch import Fetcher

    with pytest.raises(RuleError):
        _check_delivery(Rule(name="r", kind="story", webhook="http://[::1", secret="s"))
    with pytest.raises(FetchError):
        Fetcher()._check_url("feed", "http://host.example:70000/")


def test_http_exports_stream_and_head_builds_nothing(tmp_path, counted) -> None:
    import httpx

    from test_api_support import running_server

    db = str(tmp_path / "s.db")
    store = open_store(db)
    _fill(store, 0, 6 * BATCH)
    store.close()
    with running_server(db) as base, httpx.Client(base_url=base, timeout=60) as client:
        for fmt in ("gdelt-events", "gkg", "parquet"):
            Live.reset()
            head = client.head(f"/api/exports/{fmt}")
            assert head.status_code == 200 and head.content == b""
            assert head.headers["content-disposition"].startswith("attachment;")
            assert Live.made == 0, f"HEAD {fmt} read {Live.made} articles"
            Live.reset()
            got = client.get(f"/api/exports/{fmt}")
            assert got.status_code == 200 and got.content
            assert 0 < Live.peak <= BATCH and Live.made >= 6 * BATCH
        assert len(client.get("/api/exports/gdelt-events").text.splitlines()) == 6 * BATCH + 1
        missing = client.get("/api/exports/gdelt-events?story=no-such-story")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "E301"
