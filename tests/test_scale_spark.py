"""The Spark runner in local mode gives the records the local runner and `analyze` give."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsprism.config import Settings
from newsprism.scale.local import run_local
from newsprism.scale.records import record_from_row
from scale_inputs import write_jsonl, write_text_folder, write_warc

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'newsprism[spark]')")
    if shutil.which("java") is None and not Path(str(Path.home() / ".sdkman")).exists():
        pytest.skip("no Java runtime for Spark (make system-deps installs one)")
    from newsprism.scale.spark import session

    s = session("local[2]", app="newsprism-tests")
    yield s
    s.stop()


def _records(out: Path) -> list[dict]:
    rows = [r for f in sorted(out.glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    return sorted((record_from_row(r) for r in rows), key=lambda r: (r["article"]["source"], r["article"]["id"]))


def test_spark_gives_the_local_runners_records(tmp_path: Path, spark) -> None:
    from newsprism.scale.spark import run_spark

    base = tmp_path / "in"
    write_text_folder(base / "texts", 0, 4)
    write_jsonl(base / "batch.jsonl", 10, 4)
    write_warc(base / "crawl.warc.gz", 20, 3)
    (base / "bad.warc.gz").write_bytes(b"\x1f\x8b\x08\x00 not a warc")
    manifest = [str(base / "texts"), str(base / "batch.jsonl"), f"file://{base / 'crawl.warc.gz'}",
                str(base / "bad.warc.gz")]
    settings = Settings.load({"db": ":memory:"}, environ={})
    local = run_local(manifest, str(tmp_path / "local"), workers=2, settings=settings)
    report = run_spark(manifest, str(tmp_path / "spark"), settings=settings, spark=spark)
    assert report.articles == local.articles == 11
    assert {f.item for s in report.shards for f in s.ingest_failures} | {f.item for f in report.ingest_failures} \
        and not report.ok
    assert _records(tmp_path / "spark") == _records(tmp_path / "local")
    assert sum(st.runs for st in report.stats.values()) == sum(st.runs for st in local.stats.values())
    again = run_spark(manifest, str(tmp_path / "spark"), settings=settings, spark=spark)
    assert again.shards == [] and len(again.skipped) == len(report.shards)


def test_spark_stories_equal_the_local_clusterers(tmp_path: Path, spark, seeds_dir: Path) -> None:
    """Stories from Spark-extracted features = the local clusterer's = what `load` assigns."""
    from newsprism.engine import Engine
    from newsprism.scale.load import load_dir
    from newsprism.scale.spark import run_spark
    from newsprism.scale.stories import cluster, final_stories, local_features, spark_features
    from newsprism.store import open_store
    from newsprism.stories.storage import story_of

    base = tmp_path / "in"
    write_jsonl(base / "a.jsonl", 0, 6)
    write_jsonl(base / "b.jsonl", 3, 6)  # overlaps a.jsonl: the same articles again
    settings = Settings.load({"db": ":memory:"}, environ={})
    out = tmp_path / "out"
    report = run_spark([str(seeds_dir), str(base)], str(out), settings=settings, spark=spark)
    assert report.ok and report.articles == 17
    on_spark = cluster(spark_features(spark, str(out)), str(out), keep_final=True)
    spark_rows = pq.read_table(out / "stories.parquet").to_pylist()
    local = cluster(local_features(str(out)), str(out), keep_final=True)
    assert pq.read_table(out / "stories.parquet").to_pylist() == spark_rows
    assert on_spark.final == local.final == final_stories(str(out))
    assert len(set(local.final.values())) < len(local.final)
    store = open_store(str(tmp_path / "loaded.db"))
    try:
        load_dir(str(out), Engine.build(settings, store))
        assert {aid: story_of(store, aid) for aid in local.final} == local.final
    finally:
        store.close()
