"""Exports: GDELT column counts and round trips through pandas, Parquet/JSONL/CSV, the CLI, the pandas API."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from newsprism.analyze.event_patterns import cameo
from newsprism.cli import main
from newsprism.engine import default_pipeline
from newsprism.export import Selection, export
from newsprism.export.gdelt import EVENT_COLUMNS, GKG_COLUMNS, MENTION_COLUMNS, clean
from newsprism.records import Article, article_id

TEXTS = [
    "OSLO, Norway: Norway accused Sweden of provocations on Monday.\tSwedish troops were attacked "
    "by Danish forces near Malmo. Finnish President Anna Koski held talks with Estonian Prime "
    "Minister Kaja Tamm in Helsinki.",
    "Kenya sent humanitarian aid to Somalia. Kenyan police arrested 40 protesters in Nairobi; "
    "\"We will help,\" said Koski.",
]


def test_published_column_counts() -> None:
    assert len(EVENT_COLUMNS) == 61 and EVENT_COLUMNS[0] == "GLOBALEVENTID" and EVENT_COLUMNS[-1] == "SOURCEURL"
    assert len(MENTION_COLUMNS) == 16 and MENTION_COLUMNS[-1] == "Extras"
    assert len(GKG_COLUMNS) == 27 and GKG_COLUMNS[0] == "GKGRECORDID" and GKG_COLUMNS[-1] == "V2EXTRASXML"
    assert EVENT_COLUMNS[25:35] == ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                                    "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                                    "NumArticles", "AvgTone"]


def test_clean_removes_separators() -> None:
    assert clean("a\tb\nc;d#e", ";#") == "a b c d e"


@pytest.fixture
def filled(store):
    pipeline = default_pipeline()
    for n, text in enumerate(TEXTS):
        art = Article(id=article_id(text), source=f"t{n}.txt", text=text, url=f"https://news.example/{n}",
                      outlet="Example", published=f"2024-03-0{n + 1}")
        store.save_result(pipeline.run(art, strict=True))
    return store


def _tsv(store, fmt: str, columns: list[str]) -> pd.DataFrame:
    buf = io.BytesIO()
    written = export(store, fmt, buf, Selection())
    raw = buf.getvalue().decode("utf-8")
    lines = raw.splitlines()
    assert len(lines) == written > 0
    assert all(len(line.split("\t")) == len(columns) for line in lines)
    return pd.read_csv(io.StringIO(raw), sep="\t", header=None, names=columns, dtype=str,
                       keep_default_na=False, quoting=3)


def test_gdelt_events_round_trip(filled) -> None:
    df = _tsv(filled, "gdelt-events", EVENT_COLUMNS)
    rows = df.to_dict("records")
    codes = {(r["Actor1CountryCode"], r["Actor2CountryCode"], r["EventRootCode"]) for r in rows}
    assert ("NOR", "SWE", "11") in codes
    for r in rows:
        assert r["EventCode"].startswith(r["EventRootCode"]) and r["EventBaseCode"] == r["EventCode"][:3]
        assert r["QuadClass"] in {"1", "2", "3", "4"}
        assert -10 <= float(r["GoldsteinScale"]) <= 10
        assert float(r["GoldsteinScale"]) == cameo(r["EventCode"]).goldstein
        assert int(r["QuadClass"]) == cameo(r["EventCode"]).quad_class
        assert r["SQLDATE"].startswith("2024") and r["SOURCEURL"].startswith("https://news.example/")
    ids = set(df["GLOBALEVENTID"])
    mentions = _tsv(filled, "gdelt-mentions", MENTION_COLUMNS)
    assert set(mentions["GLOBALEVENTID"]) == ids
    assert all(int(x) >= 0 for x in mentions["ActionCharOffset"])


def test_gkg_round_trip(filled) -> None:
    df = _tsv(filled, "gkg", GKG_COLUMNS)
    assert len(df) == 2
    first = df.iloc[0]
    assert first["V2.1DATE"] == "20240301000000"
    assert first["V2DOCUMENTIDENTIFIER"] == "https://news.example/0"
    assert first["V2GCAM"].startswith("wc:")
    for block in filter(None, first["V2ENHANCEDLOCATIONS"].split(";")):
        assert len(block.split("#")) == 9
    for block in filter(None, first["V2ENHANCEDPERSONS"].split(";")):
        name, offset = block.rsplit(",", 1)
        assert name and offset.isdigit()


def test_tables_formats(filled, tmp_path) -> None:
    buf = io.BytesIO()
    n = export(filled, "jsonl", buf, Selection(actor="NOR"))
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(rows) > 0 and all("NOR" in (r["source_code"], r["target_code"]) for r in rows)
    buf = io.BytesIO()
    export(filled, "csv", buf, Selection(type="ASSAULT"))
    df = pd.read_csv(io.BytesIO(buf.getvalue()))
    assert set(df["plover"]) == {"ASSAULT"}
    path = tmp_path / "a.parquet"
    with open(path, "wb") as fh:
        export(filled, "parquet", fh, Selection(), table="articles")
    table = pd.read_parquet(path)
    assert len(table) == 2 and json.loads(table.iloc[0]["events"])


def test_cli_and_pandas_api(filled, tmp_path) -> None:
    db = str(tmp_path / "test.db")
    runner = CliRunner()
    res = runner.invoke(main, ["--db", db, "events", "--actor", "KEN", "--json"])
    assert res.exit_code == 0, res.output
    assert all(json.loads(line)["source_code"] == "KEN" for line in res.output.splitlines() if line.startswith("{"))
    out = tmp_path / "e.tsv"
    res = runner.invoke(main, ["--db", db, "export", "--format", "gdelt-events", "--out", str(out)])
    assert res.exit_code == 0 and out.read_text().count("\n") > 0
    res = runner.invoke(main, ["--db", db, "export", "--format", "csv", "--story", "nope"])
    assert res.exit_code != 0 and "E301" in res.output
    import newsprism

    df = newsprism.events(db, actor="NOR")
    assert len(df) > 0 and "cameo" in df.columns
    assert len(newsprism.articles(db)) == 2


def test_tone() -> None:
    from newsprism.export.tone import tone

    good, bad = tone("The peace agreement was welcomed."), tone("Troops attacked and killed them.")
    assert good.tone > 0 > bad.tone and good.words == 5
    fields = bad.gkg().split(",")
    assert len(fields) == 7 and fields[-1] == "5"
    assert tone("").tone == 0.0


def test_tone_columns(filled) -> None:
    events = _tsv(filled, "gdelt-events", EVENT_COLUMNS)
    assert all(v != "" for v in events["AvgTone"]) and all(float(v) <= 100 for v in events["AvgTone"])
    gkg = _tsv(filled, "gkg", GKG_COLUMNS)
    assert all(len(v.split(",")) == 7 for v in gkg["V1.5TONE"])


def test_gdelt_values_round_trip_exactly(filled) -> None:
    from newsprism.export import gdelt, gdelt_stream

    expected = {
        "gdelt-events": (list(gdelt_stream.event_rows(filled, Selection())), EVENT_COLUMNS),
        "gdelt-mentions": (list(gdelt_stream.mention_rows(filled, Selection())), MENTION_COLUMNS),
        "gkg": (list(gdelt_stream.gkg_rows(filled, Selection())), GKG_COLUMNS),
    }
    for fmt, (rows, columns) in expected.items():
        df = _tsv(filled, fmt, columns)
        assert df.values.tolist() == [[gdelt.clean(v) for v in row] for row in rows], fmt
