"""Bad input through the CLI: one error line per bad item, the rest stored, exit code 1."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from newsprism.cli import main
from newsprism.store import open_store

GOOD = ("The harbour authority of Port Ellery said on Monday that the new ferry line would open in "
        "spring, after two years of delays and a dispute over the berth fees charged to operators.")
GOOD2 = ("Officials told reporters the first crossings would carry freight only, with passenger "
         "services to follow once the terminal building is finished later in the year.")


def _bad_folder(root: Path) -> dict[str, str]:
    """Write one good article and every kind of bad input; return bad file -> expected code."""
    root.mkdir()
    (root / "good.txt").write_text(f"{GOOD}\n\n{GOOD2}", encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "latin1.txt").write_bytes("Caf\xe9 au lait, said the minister on Monday.".encode("latin-1"))
    (root / "empty.md").write_bytes(b"")
    (root / "script.html").write_text("<html><head><script>var x = 1;</script></head><body><script>go()</script></body></html>")
    (root / "malformed.html").write_bytes(b"<html><body><div><p>\x00\x01\x02\x03\x04\x05\x06\x07" * 50)
    (root / "truncated.txt.gz").write_bytes(gzip.compress(GOOD.encode() * 20)[:60])
    (root / "notafeed.rss").write_text("this is not xml at all")
    (root / "huge.txt").write_bytes(b"a" * 2048)
    return {"binary.txt": "E102", "latin1.txt": "E102", "empty.md": "E103", "script.html": "E103",
            "malformed.html": "E102", "truncated.txt.gz": "E102", "notafeed.rss": "E102", "huge.txt": "E104"}


def _run(args: list[str], db: Path) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db), *args], env={"NEWSPRISM_MAX_INPUT_BYTES": "1500"})
    return result.exit_code, result.stdout, result.stderr


def test_bad_inputs_each_one_error_line_rest_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "in"
    expected = _bad_folder(root)
    db = tmp_path / "s.db"
    code, out, err = _run(["ingest", "--steps", "sentences", str(root)], db)
    assert code == 1
    error_lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(error_lines) == len(expected)
    for name, wanted in expected.items():
        (line,) = [x for x in error_lines if x.startswith(f"error: {root / name}:")]
        assert f": {wanted} " in line
    assert "1 new, 0 unchanged, 8 failed inputs" in out
    store = open_store(str(db))
    try:
        assert store.count_articles() == 1
    finally:
        store.close()


def test_reingest_changes_nothing_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{GOOD}\n\n{GOOD2}")
    db = tmp_path / "s.db"
    assert _run(["ingest", "--steps", "sentences", str(tmp_path / "a.txt")], db)[0] == 0
    code, out, err = _run(["ingest", "--steps", "sentences", "--json", str(tmp_path / "a.txt")], db)
    assert code == 0
    summary = json.loads(out)
    assert summary["new"] == 0 and summary["unchanged"] == 1


def test_jsonl_bad_records_named(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(json.dumps({"text": GOOD}).encode() + b"\n{oops\n" + b'{"title": "x"}\n' + b'{"text": "\xff\xfe"}\n')
    code, out, err = _run(["ingest", "--steps", "sentences", str(path)], tmp_path / "s.db")
    assert code == 1
    items = [line.split(": ")[1] for line in err.splitlines() if line.startswith("error: ")]
    assert items == [f"{path}#2", f"{path}#3", f"{path}#4"]


def test_missing_path_and_unknown_kind(tmp_path: Path) -> None:
    (tmp_path / "x.bin").write_bytes(bytes(range(256)))
    code, _, err = _run(["analyze", str(tmp_path / "nope.txt"), str(tmp_path / "x.bin")], tmp_path / "s.db")
    assert code == 1
    assert "E101" in err and err.count("error: ") == 2


def test_hundred_megabyte_file_refused_without_reading(tmp_path: Path) -> None:
    from newsprism.config import Settings
    from newsprism.ingest import read_inputs
    from newsprism.records import IngestFailure

    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100_000_000)
    (item,) = list(read_inputs([str(big)], Settings.load({}, environ={})))
    assert isinstance(item, IngestFailure) and item.code == "E104" and item.item == str(big)


def test_stdin_through_the_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    ok = runner.invoke(main, ["--db", db, "ingest", "--steps", "sentences", "-"], input=f"{GOOD}\n\n{GOOD2}\n")
    assert ok.exit_code == 0 and "1 new" in ok.stdout
    empty = runner.invoke(main, ["--db", db, "ingest", "--steps", "sentences", "-"], input="   \n")
    assert empty.exit_code == 1 and "error: stdin: E103" in empty.stderr


def test_hostile_comment_runs_are_sniffed_in_linear_time() -> None:
    """Thousands of empty HTML comments before a non-HTML byte must not backtrack exponentially."""
    import time

    from newsprism.ingest.files import sniff

    head = b"<!---->" * 600 + b"x"
    t0 = time.perf_counter()
    sniff(head)
    assert time.perf_counter() - t0 < 1.0


def test_a_file_longer_than_its_head_is_read_whole_and_the_cap_still_holds(tmp_path: Path) -> None:
    from newsprism.errors import TooLarge
    from newsprism.ingest import read_path
    from newsprism.records import Article, IngestFailure

    para = "The river ferry ran late on Sunday because fog covered the crossing for most of the morning."
    text = "\n\n".join(f"{para} Report {i}." for i in range(80))  # ~7 KB: longer than the 4 KB head
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    (item,) = list(read_path(path, 1_000_000))
    assert isinstance(item, Article) and item.text.endswith("Report 79.")
    (refused,) = list(read_path(path, 5_000))
    assert isinstance(refused, IngestFailure) and refused.code == TooLarge.code
