"""Scale-out: shards, the local runner (same records as `analyze`), resume after kill -9, `load`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.config import Settings
from newsprism.errors import ScaleError
from newsprism.scale.local import run_local
from newsprism.scale.records import record_from_row
from newsprism.scale.shards import OutDir, discover_shards, read_manifest, shard_name
from pg import pg_server, pg_url  # noqa: F401  (fixtures)
from scale_inputs import write_jsonl, write_text_folder, write_warc

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """Four shards: a folder of text files (with a subfolder), a JSON Lines file, a WARC."""
    base = tmp_path / "in"
    write_text_folder(base / "texts", 0, 6)
    write_text_folder(base / "texts" / "more", 6, 3)
    write_jsonl(base / "batch.jsonl", 20, 5)
    write_warc(base / "crawl.warc.gz", 40, 4)
    return [str(base)]


def _settings() -> Settings:
    return Settings.load({"db": ":memory:"}, environ={})


def _records(out: Path) -> list[dict]:
    rows = []
    for f in sorted(out.glob("*.parquet")):
        rows.extend(pq.read_table(f).to_pylist())
    return [record_from_row(r) for r in rows]


def _analyze_json(inputs: list[str]) -> list[dict]:
    res = CliRunner().invoke(main, ["analyze", "--json", *inputs])
    assert res.exit_code in (0, 1), res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]


def _key(rec: dict) -> tuple[str, str]:
    return rec["article"]["source"], rec["article"]["id"]


def test_discovery_names_and_manifest(tmp_path: Path, inputs: list[str]) -> None:
    shards, failures = discover_shards([*inputs, str(tmp_path / "missing.warc")])
    assert sorted(len(s.inputs) for s in shards) == [1, 1, 3, 6]
    assert [f.item for f in failures] == [str(tmp_path / "missing.warc")]
    assert len({s.name for s in shards}) == 4
    assert shard_name("hdfs://nn/x/crawl-01.warc.gz").startswith("crawl-01-")
    assert shard_name(inputs[0]) == shard_name(inputs[0] + "/")
    assert read_manifest("# comment\n\n a.warc \nhdfs://nn/b.jsonl\n") == ["a.warc", "hdfs://nn/b.jsonl"]


def test_local_runner_gives_analyze_records_and_resumes(tmp_path: Path, inputs: list[str]) -> None:
    out = tmp_path / "out"
    report = run_local(inputs, str(out), workers=2, settings=_settings())
    assert report.ingest_failures == [] and len(report.shards) == 4 and report.articles == 18
    assert len(list(out.glob("*.done"))) == 4
    got = sorted(_records(out), key=_key)
    want = sorted(_analyze_json(inputs), key=_key)
    assert got == want
    assert sum(s.runs for s in report.stats.values()) == 18 * len(report.stats)
    # a shard half done (no marker, a stray temp file) is redone whole; finished ones are skipped
    victim = sorted(out.glob("*.done"))[0]
    victim.unlink()
    (out / f".{victim.stem}.parquet.123.abcdef01").write_bytes(b"partial")
    again = run_local(inputs, str(out), workers=1, settings=_settings())
    assert [s.shard for s in again.shards] == [victim.stem] and len(again.skipped) == 3
    assert sorted(_records(out), key=_key) == want
    assert not [p for p in os.listdir(out) if ".parquet." in p or ".done." in p]


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    base = tmp_path / "in"
    write_jsonl(base / "good.jsonl", 0, 3)
    (base / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    (base / "notes").mkdir()
    (base / "notes" / "blob.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["run", "--workers", "2", "--out", str(out), "--json",
                                    str(base), str(tmp_path / "nope")])
    assert res.exit_code == 1
    assert "broken.warc.gz" in res.stderr and "nope" in res.stderr
    summary = json.loads(res.stdout.splitlines()[-1])
    assert summary["articles"] >= 3 and summary["shards_failed"] >= 1
    assert len(_records(out)) == summary["articles"]


def test_one_run_per_output_folder(tmp_path: Path, inputs: list[str]) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".newsprism-run.lock", os.O_CREAT | os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(ScaleError, match="another newsprism run"):
            run_local(inputs, str(out), workers=1, settings=_settings())
    finally:
        os.close(fd)
    with pytest.raises(ScaleError):
        run_local(inputs, str(out), workers=0, settings=_settings())


def test_kill_9_then_rerun_no_shard_missing_none_doubled(tmp_path: Path) -> None:
    base = tmp_path / "in"
    expected: dict[str, int] = {}
    for k in range(8):
        path = base / f"part-{k}.jsonl"
        base.mkdir(exist_ok=True)
        expected[shard_name(str(path))] = len(write_jsonl(path, 100 * k, 40))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "newsprism", "run", "--workers", "1", "--out", str(out), str(base)]
    env = {**os.environ, "NEWSPRISM_DB": str(tmp_path / "unused.db")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not list(out.glob("*.done")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    done_before = len(list(out.glob("*.done")))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 1 <= done_before < 8, "the run should be killed mid-way"
    rerun = subprocess.run([*cmd, "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout.splitlines()[-1])
    assert summary["shards_skipped"] >= done_before
    assert summary["shards_skipped"] + summary["shards_done"] == 8
    assert sorted(OutDir(str(out)).done_names()) == sorted(expected)
    for name, count in expected.items():
        table = pq.read_table(out / f"{name}.parquet")
        assert table.num_rows == count
        assert table.column("position").to_pylist() == list(range(count))
    ids = [r["article"]["id"] for r in _records(out)]
    assert len(ids) == len(set(ids)) == sum(expected.values())
    assert not [p for p in os.listdir(out) if ".parquet." in p or ".done." in p]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_load_stores_what_ingest_stores(tmp_path: Path, inputs: list[str], backend: str,
                                        request: pytest.FixtureRequest) -> None:
    from newsprism.store import open_store

    out = tmp_path / "out"
    assert run_local(inputs, str(out), workers=2, settings=_settings()).ok
    ingested = str(tmp_path / "ingested.db")
    res = CliRunner().invoke(main, ["--db", ingested, "ingest", *inputs])
    assert res.exit_code in (0, 1), res.output
    if backend == "sqlite":
        loaded = str(tmp_path / "loaded.db")
    else:
        loaded = request.getfixturevalue("pg_url")
    first = CliRunner().invoke(main, ["--db", loaded, "load", str(out), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["new"] == 18
    second = CliRunner().invoke(main, ["--db", loaded, "load", str(out), "--json"])
    assert json.loads(second.stdout) | {"shards": 4} == {"shards": 4, "new": 0, "unchanged": 18,
                                                          "hook_failures": 0}
    a, b = open_store(ingested), open_store(loaded)
    try:
        ids = sorted(x.id for x in a.iter_articles())
        assert ids == sorted(x.id for x in b.iter_articles())
        for aid in ids:
            assert a.get_article(aid) == b.get_article(aid)
            assert a.get_outputs(aid) == b.get_outputs(aid)
        assert a.search("council workers", limit=100) and (
            sorted(h.id for h in a.search("council workers", limit=100))
            == sorted(h.id for h in b.search("council workers", limit=100)))
    finally:
        a.close()
        b.close()


def test_load_of_an_empty_folder_says_why(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "load", str(tmp_path)])
    assert res.exit_code == 1 and "no finished shards" in res.output


def test_a_bug_in_a_shard_is_recorded_as_one_and_reraised_under_strict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsprism.scale.shards as shards
    from newsprism.engine import Engine
    from newsprism.pipeline import Pipeline

    path = tmp_path / "one.jsonl"
    write_jsonl(path, 0, 2)
    [shard], _ = discover_shards([str(path)])
    out = OutDir(str(tmp_path / "out"))

    def buggy(*args: object, **kwargs: object) -> None:
        raise KeyError("position")

    monkeypatch.setattr(shards, "to_row", buggy)
    job = shards.ShardJob(engine=Engine(Pipeline([])), settings=_settings())
    failure = shards.run_shard(shard, out, job)
    assert isinstance(failure, shards.IngestFailure)
    assert (failure.item, failure.error_type, failure.code) == (str(path), "KeyError", "E001")
    strict = Settings.load({"db": ":memory:", "strict": True}, environ={})
    with pytest.raises(KeyError):
        shards.run_shard(shard, out, shards.ShardJob(engine=Engine(Pipeline([])), settings=strict))
