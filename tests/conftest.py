"""Shared fixtures. Tests that need ../shared skip with a clear reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
DATA = SHARED / "data"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (the shared seeds and benchmark data are not beside this checkout)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return _need(SEEDS)


@pytest.fixture
def gold() -> dict:
    import json

    return json.loads(_need(GOLD).read_text(encoding="utf-8"))


@pytest.fixture
def data_dir() -> Path:
    return _need(DATA)


@pytest.fixture
def store(tmp_path: Path):
    from newsprism.store import open_store

    s = open_store(str(tmp_path / "test.db"))
    yield s
    s.close()
