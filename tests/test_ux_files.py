"""Dates and outlets from file names and folders; headlines whatever punctuation ends them."""

from __future__ import annotations

from pathlib import Path

from newsprism.ingest import read_path
from newsprism.ingest.meta import path_hints
from newsprism.ingest.text import article_from_text
from newsprism.records import Article

BODY = ("The harbour board of Selwick voted on Tuesday to close the old ferry pier after inspectors "
        "found the pilings rotten, a decision that leaves the island with one crossing for the winter.\n\n"
        "Board members said repairs would cost more than a new pier and could not start before spring, "
        "when the water is calm enough for divers to work under the deck.\n")


def _read(path: Path) -> Article:
    items = list(read_path(path, 1_000_000))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_outlet_and_date_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "selwick-gazette_2019-03-05_pier-closes.txt"
    path.write_text("Pier closes for the winter.\n\n" + BODY)
    article = _read(path)
    assert article.published == "2019-03-05"
    assert article.outlet == "Selwick Gazette"
    notes = [r.text for r in article.removed if r.kind == "file_name"]
    assert any("2019-03-05" in n for n in notes) and any("Selwick Gazette" in n for n in notes)


def test_date_from_folders(tmp_path: Path) -> None:
    folder = tmp_path / "archive" / "2018" / "11" / "07"
    folder.mkdir(parents=True)
    path = folder / "pier.txt"
    path.write_text(BODY)
    article = _read(path)
    assert article.published == "2018-11-07"
    assert article.outlet is None  # folders give no outlet


def test_text_header_and_caller_win_over_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "selwick-gazette_2019-03-05_pier.txt"
    path.write_text("Date: 2019-03-04\nSource: Island Radio\n\n" + BODY)
    article = _read(path)
    assert (article.published, article.outlet) == ("2019-03-04", "Island Radio")
    assert not [r for r in article.removed if r.kind == "file_name"]
    given = article_from_text(BODY, str(path), published="2019-01-01", outlet="Harbour Weekly")
    assert (given.published, given.outlet) == ("2019-01-01", "Harbour Weekly")


def test_no_hint_from_urls_records_or_impossible_days() -> None:
    assert path_hints("https://example.org/2019/03/05/pier.html") == (None, None, None)
    assert path_hints("/data/batch_2019-03-05_x.jsonl#4") == (None, None, None)
    assert path_hints("/data/gazette_2019-13-45_x.txt") == (None, None, None)
    assert path_hints("/data/2019/02/30/x.txt") == (None, None, None)
    assert path_hints("/data/notes.txt") == (None, None, None)
    assert path_hints("/data/2019-03-05/x.txt")[0] == "2019-03-05"
    assert path_hints("/data/2019-03-05_selwick.txt")[:2] == ("2019-03-05", None)  # date first: no outlet


def test_headline_ending_with_a_full_stop_is_the_title() -> None:
    article = article_from_text("Ferry pier to close after inspection.\n\n" + BODY, "x")
    assert article.title == "Ferry pier to close after inspection."
    assert article.text.startswith("The harbour board")
    quoted = article_from_text("Harbour chief on the pier: 'It Had to Go.'\n\n" + BODY, "x")
    assert quoted.title == "Harbour chief on the pier: 'It Had to Go.'"
    semi = article_from_text("Selwick loses its pier; islanders fear a hard winter\n\n" + BODY, "x")
    assert semi.title == "Selwick loses its pier; islanders fear a hard winter"


def test_a_lead_sentence_is_not_a_title() -> None:
    lead = ("The harbour board of Selwick voted on Tuesday night, after a long and angry public meeting, "
            "to close the old ferry pier for good.")
    article = article_from_text(lead + "\n\n" + BODY, "x")
    assert article.title is None
    assert article.text.startswith("The harbour board of Selwick voted on Tuesday night")
    # without blank lines a line ending with a full stop is body text, not a headline
    lines = "Ferry pier to close after inspection.\n" + BODY.replace("\n\n", "\n")
    assert article_from_text(lines, "x").title is None
