"""The dates step: absolute dates, ranges, years, weekdays and deictic words against a publication date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.analyze.dates import DatesStep, find_dates, parse_published
from newsprism.analyze.sentences import split
from newsprism.records import Article, article_id

PUB = "2022-02-10"  # a Thursday


def _values(text: str, published: str | None = PUB) -> dict[str, str | None]:
    return {d.text: d.value for d in find_dates(text, published, split(text))}


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The minister spoke on Wednesday in Kyiv.", "Wednesday", "2022-02-09"),
        ("The minister spoke on Thursday in Kyiv.", "Thursday", "2022-02-10"),
        ("The drills will start on Saturday near the border.", "Saturday", "2022-02-12"),
        ("Talks are due to resume on Monday.", "Monday", "2022-02-14"),
        ("He made the forecast last Monday.", "last Monday", "2022-02-07"),
        ("He made the forecast last Thursday.", "last Thursday", "2022-02-03"),
        ("They meet again next Thursday.", "next Thursday", "2022-02-17"),
        ("The exercises end on 20 February.", "20 February", "2022-02-20"),
        ("The exercises end Feb. 20, officials said.", "Feb. 20", "2022-02-20"),
        ("It was signed on March 3, 2019 in Minsk.", "March 3, 2019", "2019-03-03"),
        ("The peninsula was annexed in 2014.", "2014", "2014"),
        ("Prices have risen since March 2014.", "March 2014", "2014-03"),
        ("He arrived yesterday.", "yesterday", "2022-02-09"),
        ("A summit is planned next week.", "next week", "2022-W07"),
        ("The report came out last month.", "last month", "2022-01"),
        ("Filed on 2021-12-31 in court.", "2021-12-31", "2021-12-31"),
    ],
)
def test_resolves_against_publication_date(text: str, mention: str, value: str) -> None:
    assert _values(text)[mention] == value


def test_range_is_an_iso_interval() -> None:
    assert _values("Joint drills run 10-20 February near the border.")["10-20 February"] == (
        "2022-02-10/2022-02-20")


def test_month_far_from_publication_takes_the_nearer_year() -> None:
    assert _values("The vote was held on Dec. 28.", "2022-01-05")["Dec. 28"] == "2021-12-28"


def test_unresolved_without_publication_date_keeps_weekday() -> None:
    found = find_dates("Officials said on Monday the talks failed.", None)
    assert len(found) == 1
    d = found[0]
    assert (d.value, d.weekday, d.relative) == (None, "Monday", True)


def test_offsets_index_the_text() -> None:
    text = "Nothing happened. Then on Friday, 4 March 2022, troops moved."
    for d in find_dates(text, PUB):
        assert text[d.start:d.end] == d.text


@pytest.mark.parametrize("text", [
    "He scored 2014 points over his career.",  # a number, not a year after a preposition
    "Sales rose 30 percent in May.",  # a month alone is not a date
    "The S-400 systems arrived at 10:30.",
    "Sunday Times reporters may 5 times ask.",
])
def test_not_dates(text: str) -> None:
    assert [d.text for d in find_dates(text, PUB) if d.value and d.value[:1].isdigit() and "-" in d.value] == []
    assert "2014" not in [d.text for d in find_dates(text, PUB)]


def test_bad_publication_date_is_unresolved_not_an_error() -> None:
    assert parse_published("not a date") is None
    assert find_dates("Talks resume on Monday.", "not a date")[0].value is None


def test_step_contract() -> None:
    text = "Varnia and Ostmere will begin joint drills on Thursday."
    article = Article(id=article_id(text), source="t", text=text, published="2022-02-09T10:00:00Z")
    out = DatesStep().run(article, {"sentences": split(text)})
    assert [(d.text, d.value) for d in out] == [("Thursday", "2022-02-10")]
    assert DatesStep.requires == ("sentences",)


def test_seed_drills_end(seeds_dir, gold) -> None:
    from newsprism.ingest.text import article_from_text

    for name, doc in gold["documents"].items():
        article = article_from_text((seeds_dir / name).read_text(encoding="utf-8"), name)
        if article.published is None:
            continue
        values = {v for d in find_dates(article.text, article.published) if d.value
                  for v in d.value.split("/")}
        assert doc["dates"]["drills_end"] in values, name


_PIECES = st.sampled_from([
    "Monday", "Feb.", " 30", " 20", "-", "31", " February", " 2022", " in ", " last ", " next ", "on ",
    "this week", "yesterday", "Sunday Times", " will ", ", ", "10-20 ", "2022-02-30", "May", " ", "\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=25), st.sampled_from([None, PUB, "2020-02-29", "bad"]))
def test_any_text_gives_valid_dates(pieces: list[str], published: str | None) -> None:
    text = "".join(pieces)
    for d in find_dates(text, published, split(text)):
        assert text[d.start:d.end] == d.text


def test_many_mentions_stay_fast() -> None:
    import time

    text = "On Monday " * 5000
    t0 = time.process_time()
    assert len(find_dates(text, PUB, split(text))) == 5000
    assert time.process_time() - t0 < 5
