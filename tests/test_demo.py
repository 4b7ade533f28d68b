"""The bundled FICTIONAL sample corpus and `newsprism demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.cli.demo import CORPUS
from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.records import Article


def test_corpus_is_marked_fictional_and_varied() -> None:
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    assert {p.suffix for p in files} >= {".txt", ".md", ".html", ".jsonl"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        marks = text.count("FICTIONAL SAMPLE")
        records = text.count("\n") if path.suffix == ".jsonl" else 1
        assert marks >= records, path
    items = list(read_inputs([str(CORPUS)], Settings.load({}, environ={})))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == len(items) and 12 <= len(articles) <= 16
    assert len({a.outlet for a in articles}) >= 5
    assert all("FICTIONAL" not in a.text for a in articles)
    assert len({a.id for a in articles}) == len(articles) - 1  # one exact wire copy


def test_demo_command_ingests_and_prints(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(db), "demo"])
    assert result.exit_code == 0, result.output
    assert "FICTIONAL SAMPLE" in result.stdout
    assert "13 new, 1 unchanged, 0 failed inputs" in result.stdout
    assert "Articles (13)" in result.stdout and "Marrowick flood: 12 dead after dam failure" in result.stdout
    again = CliRunner().invoke(main, ["--db", str(db), "demo"])
    assert again.exit_code == 0 and "0 new, 14 unchanged" in again.stdout


def test_demo_serve_hands_the_store_to_the_web_ui(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    web = pytest.importorskip("newsprism.web")
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(web, "serve", lambda db, host, port: calls.append((db, host, port)))
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(db), "demo", "--serve", "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert calls == [(str(db), "127.0.0.1", 8765)]
    assert "http://127.0.0.1:8765/" in result.stdout
