"""Tables compiled once into the user cache: same tables as built fresh, rebuilt when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import compiled


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(compiled.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _table(calls: list[int]) -> dict[str, int]:
    calls.append(1)
    return {"alpha": 1, "beta": 2}


def _load(calls: list[int]) -> dict[str, int]:
    import json

    return compiled.load_or_build("demo", "k1", lambda: _table(calls),
                                  lambda t: json.dumps(t).encode(), json.loads)


def test_built_once_then_read_from_the_file(cache: Path) -> None:
    calls: list[int] = []
    assert _load(calls) == {"alpha": 1, "beta": 2} and calls == [1]
    assert _load(calls) == {"alpha": 1, "beta": 2} and calls == [1]  # from the file
    assert [p.name for p in cache.iterdir()] == ["demo-k1.bin"]


def test_a_damaged_file_is_rebuilt(cache: Path) -> None:
    calls: list[int] = []
    _load(calls)
    (cache / "demo-k1.bin").write_bytes(b"\xff not json")
    assert _load(calls) == {"alpha": 1, "beta": 2} and len(calls) == 2
    assert _load(calls) == {"alpha": 1, "beta": 2} and len(calls) == 3  # compiled again
    assert _load(calls) == {"alpha": 1, "beta": 2} and len(calls) == 3


def test_an_unwritable_cache_builds_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(compiled.CACHE_ENV, str(blocker / "cache"))
    calls: list[int] = []
    assert _load(calls) == {"alpha": 1, "beta": 2} and _load(calls) == {"alpha": 1, "beta": 2}
    assert len(calls) == 2


def test_source_key_changes_with_the_source(tmp_path: Path) -> None:
    src = tmp_path / "src.txt"
    src.write_text("one")
    first = compiled.source_key(src, "1.0")
    src.write_text("two")
    assert compiled.source_key(src, "1.0") != first and compiled.source_key(src, "1.1") != first


def test_the_compiled_gazetteer_is_the_built_one(cache: Path) -> None:
    from newsprism.analyze import gazetteer

    built = gazetteer._build_cities()
    assert gazetteer._decode_cities(gazetteer._encode_cities(built)) == built
    gazetteer.cities.cache_clear()
    try:
        gazetteer.cities()  # compiles
        gazetteer.cities.cache_clear()
        assert gazetteer.cities() == built  # read back
    finally:
        gazetteer.cities.cache_clear()


def test_the_cached_language_model_classifies_as_the_shipped_one(cache: Path) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from newsprism.ingest import meta

    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    meta._identifier.cache_clear()
    try:
        for _ in range(2):  # compiled, then read back
            ours = meta._identifier()
            meta._identifier.cache_clear()
            for text in ("The ferry to the island was cancelled because of the storm.",
                         "La biblioteca del pueblo abre de nuevo el lunes por la mañana."):
                assert ours.classify(text) == shipped.classify(text)  # type: ignore[attr-defined]
    finally:
        meta._identifier.cache_clear()


def test_a_damaged_cached_language_model_falls_back_to_the_shipped_one(cache: Path) -> None:
    from newsprism.ingest.langid_model import load_identifier

    text = "The council will vote on the new school budget next week, officials said."
    first = load_identifier().classify(text)
    damaged = next(cache.glob("langid-ptc-*.bin"))
    damaged.write_bytes(b"not an array")
    assert load_identifier().classify(text) == first  # the shipped model
    assert not damaged.exists()  # dropped: the next process compiles it again


def test_cli_start_up_leaves_the_story_and_alert_layers_unimported() -> None:
    """Every command pays the CLI's imports: the heavy read layers load only for their commands."""
    import subprocess
    import sys

    code = ("import sys, click, newsprism.cli as c\n"
            "heavy = [m for m in ('newsprism.read.stories', 'newsprism.alerts.store', 'newsprism.stories.view')"
            " if m in sys.modules]\n"
            "ctx = click.Context(c.main)\n"
            "from newsprism.cli.app import LAZY_COMMANDS\n"
            "found = [n for n in LAZY_COMMANDS if c.main.get_command(ctx, n) is not None]\n"
            "print(heavy, sorted(found) == sorted(LAZY_COMMANDS))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] True"
