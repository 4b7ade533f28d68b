"""Article identity. The store's behaviour is tested on both backends in test_store_backends.py."""

from newsprism.records import article_id


def test_id_ignores_case_spacing_and_quote_style() -> None:
    assert article_id("Russia\u00b4s  drills") == article_id("russia's drills")
    assert article_id("a") != article_id("b")
