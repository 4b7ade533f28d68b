"""The README documents every input kind, JSON Lines field, removed kind and demo option."""

from __future__ import annotations

import typing
from pathlib import Path

from newsprism.cli.demo import demo
from newsprism.ingest.files import EXTENSIONS
from newsprism.ingest.jsonl import FIELDS
from newsprism.records import Removed

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_extensions_documented() -> None:
    for ext in EXTENSIONS:
        assert f"`{ext}`" in README, ext


def test_jsonl_fields_documented() -> None:
    section = README.split("JSON Lines fields:", 1)[1][:600]
    for name in FIELDS:
        assert f"`{name}`" in section, name


def test_removed_kinds_documented() -> None:
    kinds = typing.get_args(typing.get_type_hints(Removed)["kind"])
    assert "subhead" in kinds
    section = README.split("### Cleaning and metadata", 1)[1]
    for kind in kinds:
        assert f"`{kind}`" in section, kind


def test_demo_options_documented() -> None:
    line = next(x for x in README.splitlines() if x.startswith("| `newsprism demo"))
    for param in demo.params:
        assert f"--{param.name.replace('_ui', '')}" in line, param.name
