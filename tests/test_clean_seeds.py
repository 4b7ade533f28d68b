"""Cleaning and metadata on the five seed articles, against what gold/seeds.json lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.ingest.text import article_from_text
from newsprism.records import Article, normalise_for_id

SEED_NAMES = [
    "000_272d7700f356fb79.txt",
    "001_e25edcae6324a0c0.txt",
    "002_4d294eaf58eb1626.txt",
    "003_c69a83af02cbb3b2.txt",
    "004_fdc70cb8fe78471d.txt",
]


def _article(seeds_dir: Path, name: str) -> Article:
    path = seeds_dir / name
    return article_from_text(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_metadata_matches_gold(seeds_dir: Path, gold: dict, name: str) -> None:
    doc = gold["documents"][name]
    article = _article(seeds_dir, name)
    for key in ("published", "title", "url", "outlet", "agency"):
        if key in doc:
            assert getattr(article, key) == doc[key], key
    if "authors" in doc:
        assert article.authors == doc["authors"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_not_in_body(seeds_dir: Path, gold: dict, name: str) -> None:
    article = _article(seeds_dir, name)
    for snippet in gold["documents"][name].get("not_in_body", []):
        assert snippet not in article.text
    assert "](" not in article.text and "**" not in article.text


@pytest.mark.parametrize("name", SEED_NAMES)
def test_segments(seeds_dir: Path, gold: dict, name: str) -> None:
    article = _article(seeds_dir, name)
    expected = gold["documents"][name].get("segments", {"count": 1})
    assert len(article.segments) == expected["count"]
    assert article.segments[0].start == 0 and article.segments[-1].end == len(article.text)
    for a, b in zip(article.segments, article.segments[1:], strict=False):
        assert a.end == b.start
    if "second_starts_with" in expected:
        second = article.segments[1]
        assert article.text[second.start:].startswith(expected["second_starts_with"])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_joined_sentence_and_dateline(seeds_dir: Path, gold: dict, name: str) -> None:
    doc = gold["documents"][name]
    article = _article(seeds_dir, name)
    if "joined_sentence" in doc:
        assert normalise_for_id(doc["joined_sentence"]) in normalise_for_id(article.text)
        assert doc["joined_sentence"] in article.text
    if "dateline" in doc:
        assert article.dateline is not None
        assert article.dateline.place is not None
        assert doc["dateline"].startswith(article.dateline.place)


def test_apostrophes_normalised_without_moving_offsets(seeds_dir: Path) -> None:
    article = _article(seeds_dir, SEED_NAMES[0])
    assert "´" not in article.text
    assert "Russia’s ultimate goal" in article.text  # the document mostly writes ’
    assert "'" not in article.text
    assert article.language == "en"


def test_subheads_kept(seeds_dir: Path) -> None:
    assert _article(seeds_dir, SEED_NAMES[1]).subheads == ["Psychological pressure", "Warning time going down"]
    assert _article(seeds_dir, SEED_NAMES[3]).subheads == ["SNOW LINES"]


def test_removed_kinds(seeds_dir: Path) -> None:
    kinds = {r.kind for r in _article(seeds_dir, SEED_NAMES[1]).removed}
    assert {"byline", "caption", "credit", "related", "original_url", "subhead"} <= kinds
    kinds = {r.kind for r in _article(seeds_dir, SEED_NAMES[2]).removed}
    assert {"note", "credit"} <= kinds


def test_same_seed_same_id(seeds_dir: Path) -> None:
    a = _article(seeds_dir, SEED_NAMES[2])
    b = _article(seeds_dir, SEED_NAMES[2])
    assert a.id == b.id
    assert len({_article(seeds_dir, n).id for n in SEED_NAMES}) == 5
