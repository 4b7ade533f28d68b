"""Search folds the spelling variants one person's lexicon row lists (invented sentences)."""

from __future__ import annotations

from pathlib import Path

from newsprism.read import articles as read_articles
from newsprism.read import variants
from newsprism.store import open_store
from newsprism.store.base import Filters
from test_api_support import make_article, save

TEXTS = {
    "ii": "President Zelenskiy visited a bakery in Lutsk on Friday and thanked the volunteers there.",
    "yy": "A letter signed by Zelenskyy was read aloud at the harbour festival in Odesa.",
    "plain": "The mayor said the new tram line would open in spring, weather permitting.",
    "ehud": "Ehud Barak spoke at a conference on water policy in Haifa.",
}


def _store(tmp: Path) -> tuple[str, dict[str, str]]:
    db = str(tmp / "variants.db")
    ids = {}
    for key, text in TEXTS.items():
        art = make_article(text, outlet=f"Outlet {key}", published="2030-03-0" + str(len(ids) + 1))
        save(db, art)
        ids[key] = art.id
    return db, ids


def test_a_transliteration_finds_the_others(tmp_path: Path) -> None:
    db, ids = _store(tmp_path)
    store = open_store(db)
    try:
        found = {h.id for h in read_articles.search(store, "Zelensky", Filters(), 10, 0)}
        assert found == {ids["ii"], ids["yy"]}
        assert {h.id for h in read_articles.search(store, "zelenskiy bakery", Filters(), 10, 0)} == {ids["ii"]}
        page = read_articles.search(store, "Zelensky", Filters(), 1, 1)
        assert len(page) == 1 and page[0].id in found
        assert all(h.snippet for h in read_articles.search(store, "Zelenskyy", Filters(), 10, 0))
        # different people whose names fold alike are never joined; phrases are taken as typed
        assert {h.id for h in read_articles.search(store, "Barack", Filters(), 10, 0)} == set()
        assert read_articles.search(store, '"Zelensky visited"', Filters(), 10, 0) == []
    finally:
        store.close()


def test_variants_are_bounded_and_within_one_person() -> None:
    assert set(variants.variants("zelensky")) == {"Zelenskiy", "Zelenskyy"}
    assert variants.variants("Barak") == () and variants.variants("Lopez") == ()  # accents: the index folds them
    assert variants.expand("tram line") == ["tram line"]
    many = variants.expand("Zelensky Sergei Alexei Dmitry")
    assert len(many) == variants.MAX_QUERIES and many[0] == "Zelensky Sergei Alexei Dmitry"
