"""Cleaning and metadata rules on hand-made texts (no shared data needed)."""

from __future__ import annotations

import pytest

from newsprism.errors import EmptyInput
from newsprism.ingest.clean import clean_text, normalise_quotes, split_blocks
from newsprism.ingest.meta import (
    detect_language,
    find_date,
    normalise_published,
    outlet_from_url,
    parse_byline,
    parse_dateline,
    split_credits,
)
from newsprism.ingest.text import article_from_text

BODY = (
    "The harbour authority of Port Ellery said on Monday that the new ferry line would open in "
    "spring, after two years of delays and a dispute over the berth fees charged to operators."
)
BODY2 = (
    "Officials told reporters the first crossings would carry freight only, with passenger "
    "services to follow once the terminal building is finished later in the year."
)


def test_links_become_anchor_text_with_offsets() -> None:
    raw = f"{BODY}\n\nThe plan was [approved by the council](https://example.org/vote) last week.\n\n{BODY2}"
    out = clean_text(raw)
    assert "[" not in out.text and "https://example.org" not in out.text
    (link,) = out.links
    assert link.url == "https://example.org/vote"
    assert out.text[link.start:link.end] == "approved by the council" == link.text


def test_image_markup_and_bold_removed() -> None:
    out = clean_text(f"![a ferry](pic.jpg)\n\n{BODY}\n\nThe **new** line is *busy*, officials said.\n\n{BODY2}")
    assert "pic.jpg" not in out.text and "**" not in out.text and "*busy*" not in out.text
    assert "The new line is busy, officials said." in out.text


def test_sentence_broken_across_paragraphs_is_joined() -> None:
    raw = (f"{BODY}\n\nThe mayor of the town took the proposal to the regional assembly on Friday, urging\n\n"
           f"Members to approve the money before the summer recess.\n\n{BODY2}")
    out = clean_text(raw)
    assert "on Friday, urging Members to approve" in out.text


def test_lowercase_continuation_is_joined() -> None:
    out = clean_text(f"{BODY}\n\nShort line about\n\nthe ferry that continues here.\n\n{BODY2}")
    assert "Short line about the ferry that continues here." in out.text
    assert out.subheads == []


def test_subheads_removed_and_kept() -> None:
    raw = f"{BODY}\n\n'Harbour politics'\n\n{BODY2}\n\nA LONG WAIT\n\n{BODY}"
    out = clean_text(raw)
    assert out.subheads == ["Harbour politics", "A LONG WAIT"]
    assert "Harbour politics" not in out.text and "A LONG WAIT" not in out.text


def test_stitched_document_split_at_glued_seam() -> None:
    raw = (f"Mayor Ilse Varga opened the terminal. {BODY} {BODY2} Varga said: \"It is done.\"Elsewhere, "
           f"the rail strike entered its third day on Friday, and Mayor Ilse Varga urged talks. {BODY2} {BODY}")
    out = clean_text(raw)
    assert len(out.segments) == 2
    assert out.text[out.segments[1].start:].startswith("Elsewhere, the rail strike")
    assert out.segments[0].end == out.segments[1].start and out.segments[1].end == len(out.text)


def test_glued_sentences_inside_one_report_only_get_their_break_back() -> None:
    raw = f"Mayor Ilse Varga opened the terminal. {BODY} \"It is done,\" Varga said.She left on Friday. {BODY2}"
    out = clean_text(raw)
    assert len(out.segments) == 1
    assert 'Varga said.\n\nShe left on Friday.' in out.text
    opened = clean_text(f"{BODY} {BODY2} Varga said.\"We won on Friday,\" said Ilse Varga. {BODY} {BODY2}")
    assert 'Varga said.\n\n"We won on Friday,"' in opened.text and len(opened.segments) == 1


def test_no_split_on_abbreviation_or_short_glue() -> None:
    out = clean_text(f"The U.S.Army said so.Then it left. {BODY}")
    assert len(out.segments) == 1


def test_repeated_date_header_starts_a_segment() -> None:
    out = clean_text(f"date 2021-03-04 {BODY}\n\n{BODY2}\n\ndate 2021-03-05 {BODY2}\n\n{BODY}")
    assert out.published == "2021-03-04"
    assert len(out.segments) == 2
    assert "date 2021" not in out.text


def test_quote_normalisation_keeps_length() -> None:
    raw = "The port´s chief said „yes“ and the town’s «mood» changed, didn't it?"
    assert len(normalise_quotes(raw)) == len(raw)
    assert normalise_quotes(raw) == "The port's chief said “yes“ and the town's “mood” changed, didn't it?"
    assert normalise_quotes("It´s the town’s and the port’s", None) == "It’s the town’s and the port’s"
    assert normalise_quotes("It´s the town’s", "'") == "It's the town's"


def test_metadata_lines_removed() -> None:
    raw = (
        "Ferry Line To Open In Spring\n\nBy Jane Roe and John Doe, Reuters\n\n3 March 2021\n\n"
        f"{BODY}\n\nRead more: [Port fees rise](https://example.org/fees)\n\n{BODY2}\n\n"
        "A crane unloads containers in Port Ellery. Jane Roe / Reuters\n\n"
        "Jane Roe reported from Port Ellery. Additional reporting by John Doe.\n\n"
        "Original url: https://www.northbridge-courier.co.uk/news/ferry\n\n"
        "Note: This article was indexed to our site automatically. Click Here for the source."
    )
    out = clean_text(raw)
    assert out.title == "Ferry Line To Open In Spring"
    assert out.authors == ["Jane Roe", "John Doe"] and out.agency == "Reuters"
    assert out.published == "2021-03-03"
    assert out.url == "https://www.northbridge-courier.co.uk/news/ferry"
    for gone in ("Read more", "Jane Roe", "Original url", "Click Here", "crane", "3 March"):
        assert gone not in out.text
    kinds = [r.kind for r in out.removed]
    assert kinds.count("header") == 2 and "related" in kinds and "caption" in kinds and "note" in kinds


def test_title_over_a_single_paragraph_and_no_title_over_fragments() -> None:
    assert clean_text(f"Ferry line to open\n\n{BODY}").title == "Ferry line to open"
    assert clean_text("Short line\n\nAnother short line\n\nA third").title is None


def test_split_blocks_one_per_line_without_blank_lines() -> None:
    assert split_blocks("a b\nc d\n") == ["a b", "c d"]
    assert split_blocks("a\nb\n\nc") == ["a b", "c"]


def test_dates_and_bylines() -> None:
    assert find_date("Updated Thu, Feb. 10, 2022 at 10:31") == "2022-02-10"
    assert find_date("10th of September 2019") == "2019-09-10"
    assert find_date("2019-02-30") is None
    assert normalise_published("2022-02-10T08:00:00Z") == "2022-02-10T08:00:00+00:00"
    assert normalise_published("Feb 3, 2020") == "2020-02-03"
    assert parse_byline("By AFP") == ([], "AFP")
    assert split_credits("Tom Krisher, AP Auto Writer") == (["Tom Krisher"], "AP")
    assert split_credits(["Reuters"]) == ([], "Reuters")
    assert split_credits("Jane Roe; News Bureau") == (["Jane Roe"], None)
    assert parse_byline("By the way, this is a sentence about ferries.") is None


def test_datelines() -> None:
    found = parse_dateline("PORT ELLERY, Northland (Reuters) - The ferry left.")
    assert found is not None
    dateline, end = found
    assert dateline.place == "Port Ellery" and dateline.outlet is None
    assert found[0].text == "PORT ELLERY, Northland (Reuters) -"
    assert parse_dateline("FRANCE (The Northbridge Courier) – Text")[0].outlet == "The Northbridge Courier"  # type: ignore[index]
    assert parse_dateline("The ferry left: it was late.") is None
    capital = parse_dateline("MOSCOW — Troops left.")
    assert capital is not None and capital[0].place == "Moscow" and capital[0].country == "RUS"
    mixed = parse_dateline("Port Ellery, March 3, 2021 (Reuters) - The ferry left.")
    assert mixed is not None and mixed[0].place == "Port Ellery"
    dated = article_from_text(f"PORT ELLERY, March 3, 2021 (AP) - {BODY}", "d.txt")
    assert dated.published == "2021-03-03" and dated.agency == "AP"


def test_outlets_from_hosts() -> None:
    assert outlet_from_url("https://www.themoscowtimes.com/2022/a") == "The Moscow Times"
    assert outlet_from_url("https://news.bbc.co.uk/x") == "BBC"
    assert outlet_from_url("https://www.northbridge-courier.co.uk/a") == "Northbridge Courier"
    assert outlet_from_url(None) is None


def test_language() -> None:
    assert detect_language(BODY) == "en"
    assert detect_language("Le conseil municipal a voté mardi le nouveau budget de la ville.") == "fr"
    assert detect_language("ok") is None


def test_article_from_text_meta_wins_and_agency_from_dateline() -> None:
    article = article_from_text(f"PORT ELLERY (AFP) - {BODY}", "x.txt", title="Given",
                                published="2021-05-06", authors="Ann Lee; Bo Chan")
    assert article.title == "Given" and article.published == "2021-05-06"
    assert article.authors == ["Ann Lee", "Bo Chan"] and article.agency == "AFP"
    assert article.dateline is not None and article.dateline.place == "Port Ellery"


def test_empty_after_cleaning_raises() -> None:
    with pytest.raises(EmptyInput):
        article_from_text("Click Here\n\nAdvertisement\n", "x.txt")
    with pytest.raises(EmptyInput):
        article_from_text("   \n", "x.txt")


def test_same_text_same_id_different_spacing() -> None:
    a = article_from_text(f"{BODY}\n\n{BODY2}", "a.txt")
    b = article_from_text(f"{BODY}\n{BODY2}\n", "b.txt")
    assert a.id == b.id
