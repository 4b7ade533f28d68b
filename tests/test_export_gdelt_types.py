"""GDELT files read with pandas under GDELT's published column names and types: integer dates,
float coordinates, every row dated, every typed location with coordinates and a country.

The articles are invented for the test; one has no publication date (its events take the date the
article was added, as GDELT fills them).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from newsprism.config import Settings
from newsprism.engine import Engine
from newsprism.export import Selection, export
from newsprism.export.gdelt import EVENT_COLUMNS, GKG_COLUMNS, MENTION_COLUMNS
from newsprism.export.geo import geo_fields
from newsprism.records import Article, article_id

ARTICLES = [
    ("Chilean police arrested 30 protesters in Santiago on Tuesday. Chile accused Peru of "
     "provocations, and Peru's foreign minister met Bolivian President Luis Arce in La Paz.",
     "2024-05-08"),
    ("Kenya sent humanitarian aid to Somalia. Kenyan troops attacked militants near Kismayo, "
     "killing four, officials said. Leaders in Europe welcomed the aid.", None),
    ("Texas Governor Ann Ruiz met Mexican President Carlos Vega in Austin, Texas, and Mexico "
     "accused Guatemala of blocking trade.", "2024-05-10T08:30:00Z"),
]

# GDELT 2.0 Events types (the codebook's and BigQuery's): integer dates and counts, float scores
# and coordinates; codes stay text (EventCode "0251" keeps its leading zero).
EVENT_TYPES: dict[str, str] = {c: "str" for c in EVENT_COLUMNS}
EVENT_TYPES.update({c: "int64" for c in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent",
                                         "QuadClass", "NumMentions", "NumSources", "NumArticles",
                                         "DATEADDED")})
EVENT_TYPES.update({c: "float64" for c in ("FractionDate", "GoldsteinScale", "AvgTone")})
for _g in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
    EVENT_TYPES[f"{_g}_Type"] = "int64"
    EVENT_TYPES[f"{_g}_Lat"] = EVENT_TYPES[f"{_g}_Long"] = "float64"
MENTION_TYPES: dict[str, str] = {c: "int64" for c in MENTION_COLUMNS}
MENTION_TYPES.update({c: "str" for c in ("MentionSourceName", "MentionIdentifier",
                                         "MentionDocTranslationInfo", "Extras")})
MENTION_TYPES["MentionDocTone"] = "float64"
GKG_TYPES: dict[str, str] = {c: "str" for c in GKG_COLUMNS}
GKG_TYPES.update({"V2.1DATE": "int64", "V2SOURCECOLLECTIONIDENTIFIER": "int64"})


@pytest.fixture
def filled(store):
    engine = Engine.build(Settings(), store, strict=True)  # with story assignment after each save
    engine.ingest(Article(id=article_id(text), source=f"t{n}.txt", text=text, url=f"https://news.example/{n}",
                          outlet="Example", published=published)
                  for n, (text, published) in enumerate(ARTICLES))
    return store


def _read(store, fmt: str, columns: list[str], types: dict[str, str]) -> pd.DataFrame:
    buf = io.BytesIO()
    written = export(store, fmt, buf, Selection())
    assert written > 0
    buf.seek(0)
    return pd.read_csv(buf, sep="\t", header=None, names=columns, dtype=types, quoting=3,
                       keep_default_na=False, na_values={c: [""] for c, t in types.items() if t != "str"})


def test_events_load_with_gdelt_types_and_every_row_is_dated(filled) -> None:
    df = _read(filled, "gdelt-events", EVENT_COLUMNS, EVENT_TYPES)
    assert len(df) >= 4
    assert df["SQLDATE"].between(19000101, 21001231).all()
    assert (df["MonthYear"] == df["SQLDATE"] // 100).all() and (df["Year"] == df["SQLDATE"] // 10000).all()
    assert ((df["FractionDate"] - df["Year"]).between(0, 1.1)).all()
    assert df["DATEADDED"].between(19000101000000, 21001231235959).all()
    assert set(df["SQLDATE"]) >= {20240508, 20240510}  # publication dates where the event has none
    undated = df[df["SOURCEURL"] == "https://news.example/1"]
    assert len(undated) > 0 and (undated["SQLDATE"] == undated["DATEADDED"] // 1000000).all()


def test_every_typed_location_has_coordinates_and_a_country(filled) -> None:
    df = _read(filled, "gdelt-events", EVENT_COLUMNS, EVENT_TYPES)
    typed = 0
    for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        rows = df[df[f"{geo}_Type"] > 0]
        typed += len(rows)
        assert rows[f"{geo}_Lat"].between(-90, 90).all() and rows[f"{geo}_Long"].between(-180, 180).all()
        assert (rows[f"{geo}_CountryCode"].str.len() == 2).all()
        assert (rows[f"{geo}_FeatureID"] != "").all() and (rows[f"{geo}_ADM1Code"] != "").all()
        untyped = df[df[f"{geo}_Type"] == 0]
        assert untyped[f"{geo}_Lat"].isna().all() and (untyped[f"{geo}_FullName"] == "").all()
    assert typed > 0


def test_mentions_and_gkg_load_with_gdelt_types(filled) -> None:
    mentions = _read(filled, "gdelt-mentions", MENTION_COLUMNS, MENTION_TYPES)
    assert mentions["EventTimeDate"].between(19000101000000, 21001231235959).all()
    assert mentions["MentionTimeDate"].between(19000101000000, 21001231235959).all()
    events = _read(filled, "gdelt-events", EVENT_COLUMNS, EVENT_TYPES)
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    gkg = _read(filled, "gkg", GKG_COLUMNS, GKG_TYPES)
    assert len(gkg) == 3 and gkg["V2.1DATE"].between(19000101000000, 21001231235959).all()
    for cell in gkg["V2ENHANCEDLOCATIONS"]:
        for block in filter(None, cell.split(";")):
            fields = block.split("#")
            assert len(fields) == 9 and fields[0] in "12345" and fields[2] and fields[5] and fields[6]


def test_geo_types() -> None:
    assert geo_fields("Europe", None)[0] == "0"  # a continent is no GDELT location
    country = geo_fields("France", "FRA")
    assert country[:4] == ["1", "France", "FR", "FR"] and country[5] and country[7] == "FR"
    state = geo_fields("Georgia", "USA", 32.7, -83.4, 4197000)
    assert state[0] == "2" and state[3] == "USGA" and state[2] == "US"
    assert geo_fields("Georgia", "GEO")[:3] == ["1", "Georgia", "GG"]
    city = geo_fields("Austin", "USA", 30.27, -97.74, 4671654)
    assert city[0] == "3" and city[3] == "USTX" and city[1] == "Austin, Texas, United States"
    world = geo_fields("Lyon", "FRA", 45.75, 4.85, 2996944)
    assert world[0] == "4" and world[3].startswith("FR") and len(world[3]) > 2
    # a site no gazetteer entry anchors (no GeoNames id): only its country, never a made-up town block
    site = geo_fields("Harbour Lane", "FRA", 43.1, 5.9, None)
    assert site[:4] == ["1", "France", "FR", "FR"] and site[7] == "FR"
    # a province the gazetteer knows by name but has no id for: its ADM1 code is the feature id
    from newsprism.analyze import gazetteer

    province = next(n for n in ("Oromia", "Bavaria", "Tuscany") if gazetteer.region_country(n))
    block = geo_fields(province, gazetteer.region_country(province), None, None, None)
    assert block[0] == "5" and block[7] == block[3] != "" and block[5] and block[6]


def test_tables_carry_dates_as_dates_a_story_id_and_the_sentence(filled, tmp_path) -> None:
    import datetime as dt

    path = tmp_path / "events.parquet"
    with open(path, "wb") as fh:
        export(filled, "parquet", fh, Selection())
    df = pd.read_parquet(path)
    assert {"story_id", "text", "date", "published"} <= set(df.columns)
    assert df["story_id"].notna().all() and df["story_id"].str.len().min() > 0
    assert str(df["published"].dtype).startswith("datetime64")
    dated = df["date"].dropna()
    assert len(dated) > 0 and all(isinstance(d, dt.date) for d in dated)
    for row in df.itertuples():
        assert row.start < row.end and row.text and row.text.strip()[-1:] in ".!?\"'"
