"""Pages a journalist reads without help: biggest and newest stories first with human dates,
a per-outlet comparison, downloads, tables that fit a phone, a timeline labelled without hovering.
The browser part (headless Chromium at 1280 and 390 px) skips when Chromium is absent."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsprism.records import Article, article_id
from newsprism.web.pages import date_range, human_date

# Three invented outlets on one invented event, and one unrelated invented report.
REPORTS = [
    ("Selwick Gazette", "2023-05-02", "Ferry pier at Selwick closed after inspectors find rotten pilings",
     "SELWICK - The harbour board of Selwick closed the old ferry pier on Tuesday, May 2, 2023 after "
     "inspectors found its pilings rotten. Harbour master Ilse Varga said the island would keep one "
     "crossing from the north quay. \"We cannot risk a collapse with passengers aboard,\" Varga said. "
     "The board said repairs would cost 4 million euros and take until March 2024."),
    ("Island Radio", "2023-05-03", "Selwick loses its main ferry pier for the winter",
     "The main ferry pier of Selwick closed on Tuesday, May 2, 2023 after inspectors reported rotten "
     "pilings, the harbour board said. Harbour master Ilse Varga told listeners the north quay would "
     "take every crossing. Repairs would cost 5 million euros, the board said, and would last until "
     "March 2024. Islanders fear long queues at the north quay."),
    ("Northbridge Courier", "2023-05-04", "Rotten pilings shut Selwick pier; north quay takes ferries",
     "Ferries to Selwick now leave only from the north quay after the harbour board shut the old pier "
     "on Tuesday, May 2, 2023, when inspectors found rotten pilings. Harbour master Ilse Varga said "
     "the board had no choice. The repairs, costing 4 million euros, are due to end in March 2024."),
    ("Meridale Post", "2023-04-20", "Meridale council approves bus depot",
     "Meridale council approved a new bus depot on the old brickworks site on Thursday, April 20, "
     "2023, ending a dispute of several years between residents and the transport company over noise."),
]


def test_human_dates() -> None:
    assert human_date("2016-10-12") == "12 Oct 2016"
    assert human_date("2016-10-12T10:31:00+00:00") == "12 Oct 2016, 10:31"
    assert human_date(None) == "undated" and human_date("2016-02") == "Feb 2016"
    assert date_range("2016-10-12", "2016-10-14") == "12 Oct 2016 to 14 Oct 2016"
    assert date_range("2016-10-12", "2016-10-12T09:00") == "12 Oct 2016"
    assert date_range(None, None) == "undated"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from newsprism.config import Settings
    from newsprism.engine import Engine
    from newsprism.store import open_store

    path = str(tmp_path_factory.mktemp("pages") / "pages.db")
    store = open_store(path)
    items = [Article(id=article_id(text), source=f"{outlet}.txt", text=text, title=title, outlet=outlet,
                     published=day) for outlet, day, title, text in REPORTS]
    Engine.build(Settings(db=path), store).ingest(items)
    store.close()
    return path


def _get(db: str, *paths: str) -> list[httpx.Response]:
    from newsprism.web.app import create_app

    async def ask() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return [await client.get(p) for p in paths]

    return asyncio.run(ask())


def _story_id(db: str) -> str:
    from newsprism.read import stories as read_stories
    from newsprism.store import open_store

    store = open_store(db)
    try:
        return read_stories.list_stories(store, 1, 0, biggest=True)[0].id
    finally:
        store.close()


def test_home_lists_the_biggest_story_first_with_human_dates(db: str) -> None:
    (home,) = _get(db, "/")
    assert home.status_code == 200
    html = home.text
    assert "Biggest stories" not in html or html.index("Selwick") < html.index("Meridale")
    latest = html[html.index('class="stories latest"'):]
    assert latest.index("Selwick") < latest.index("Meridale")  # newer day first
    assert "2 May 2023" in html and "2023-05-02" not in html


def test_biggest_stories_are_not_repeated_at_the_top_of_the_latest() -> None:
    from newsprism.records import StorySummary
    from newsprism.web.pages import biggest_to_show

    a, b, c = (StorySummary(id=x, size=n) for x, n in (("sa", 9), ("sb", 4), ("sc", 1)))
    assert biggest_to_show([a, b], [a, b, c]) == []
    assert biggest_to_show([a, b], [c] * 5 + [a, b]) == [a, b]
    assert biggest_to_show([a], [c]) == [], "one big story is no list"


def test_story_page_compares_outlets_and_offers_downloads(db: str) -> None:
    sid = _story_id(db)
    page, markdown = _get(db, f"/stories/{sid}", f"/stories/{sid}/story.md")
    assert page.status_code == 200 and markdown.status_code == 200
    for _, _, title, _ in REPORTS[:3]:
        assert title in page.text
    assert page.text.count('class="outlet-card"') == 3
    assert "inspectors" in page.text.split('id="outlets"')[1].split("</section>")[0]  # the leads
    assert f'href="/stories/{sid}/story.md"' in page.text and f'href="/api/stories/{sid}"' in page.text
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "attachment" in markdown.headers["content-disposition"] and markdown.text.startswith("# ")


def test_each_outlet_card_lists_what_it_alone_reports(db: str) -> None:
    sid = _story_id(db)
    (page,) = _get(db, f"/stories/{sid}")
    section = page.text.split('id="outlets"')[1].split("</section>")[0]
    cards = {c.split("</h3>")[0].split(">", 2)[-1].split("<")[0].strip(): c
             for c in section.split('class="outlet-card"')[1:]}
    assert set(cards) == {"Selwick Gazette", "Island Radio", "Northbridge Courier"}
    assert "the board had no choice" in cards["Northbridge Courier"]
    assert "We cannot risk a collapse" in cards["Selwick Gazette"]
    assert "We cannot risk a collapse" not in cards["Island Radio"] + cards["Northbridge Courier"]
    assert "Islanders fear" not in section or "Islanders fear" in cards["Island Radio"]
    assert "5 million euros" in cards["Island Radio"], "the figure only it gives (others say 4 million)"
    assert "5 million euros" not in cards["Selwick Gazette"] + cards["Northbridge Courier"]


def test_exclusives_from_a_view() -> None:
    from newsprism.stories.view_records import (
        Claim,
        ClaimValue,
        Member,
        QuoteItem,
        Span,
        SpeakerQuotes,
        StoryView,
    )
    from newsprism.web.outlets import exclusives, outlet_lines

    members = [Member(id="a1", outlet="Alpha"), Member(id="a2", outlet="Alpha"),
               Member(id="b1", outlet="Beta")]
    claim = Claim(id="c1", kind="figure", subject="people rescued", verdict="contradict",
                  explanation="x", articles=["a1", "a2", "b1"],
                  values=[ClaimValue(value="12", text="12 people", articles=["a1", "a2"],
                                     spans=[Span(article_id="a2", start=3, end=12)]),
                          ClaimValue(value="15", text="15 people", articles=["b1"])])
    quotes = [SpeakerQuotes(speaker="Oda Brenn", quotes=[
        QuoteItem(text="We got everyone out", kind="direct", articles=["a1", "b1"]),
        QuoteItem(text="the water rose fast", kind="indirect", articles=["b1"])])]
    view = StoryView(story_id="s1", members=members, claims=[claim], quotes=quotes)
    only = exclusives(view)
    assert [i.text for i in only["Alpha"]] == ["people rescued: 12 people (others: 15 people)"]
    assert only["Alpha"][0].href == "/articles/a2?hl=3-12#hl"
    assert [i.text for i in only["Beta"]] == ["people rescued: 15 people (others: 12 people)",
                                              "Oda Brenn: the water rose fast"]
    lines = {o.outlet: o for o in outlet_lines(view, {})}
    assert lines["Alpha"].articles == 2 and lines["Beta"].only[1].kind == "quote"
    from newsprism.records import Figure
    from newsprism.web.outlets import OnlyItem, varied

    figures = {"b1": [(Figure(value=3.0, unit="percent", text="3%", start=0, end=2), "Prices rose 3%."),
                      (Figure(value=48.0, unit="km", text="48 km", start=3, end=8), "It spread 48 km.")],
               "a1": [(Figure(value=2019.0, text="2019", start=0, end=4), "In 2019 it flooded."),
                      (Figure(value=12.0, object="people", text="12 people", start=5, end=14), "x")]}
    only = exclusives(view, figures)
    assert [i.text for i in only["Beta"]][1:3] == ["3%: Prices rose 3%.", "Oda Brenn: the water rose fast"], \
        "money and percentages only: a distance may be another outlet's in other units"
    assert [i.text for i in only["Alpha"]] == ["people rescued: 12 people (others: 15 people)"], \
        "a year and a value the claims compare are not listed again"
    items = [OnlyItem(kind=k, text=str(n)) for n, k in enumerate("qqqqfhp")]
    assert [i.kind for i in varied(items, 5)] == ["q", "f", "h", "p", "q"] and len(varied(items, 99)) == 7
    alone = StoryView(story_id="s2", members=members[:2], claims=[claim])
    assert exclusives(alone) == {"Alpha": []}, "one outlet has nothing to compare with"


def test_untitled_article_headline_and_lead_skip_addresses_and_stamps() -> None:
    from newsprism.web.outlets import head_and_lead

    text = ("http: / / www. lakeside - herald. example / news / 5521. html\n"
            "Ferry operator cuts winter crossings to Selwick\n"
            "Posted on: Tue, 2 May 2023 at 10: 41 GMT\n\n"
            "The ferry operator serving Selwick will halve its winter crossings from November, its "
            "chief executive told staff on Monday. Islanders said they were not consulted.")
    head, lead = head_and_lead(text, titled=False)
    assert head == "Ferry operator cuts winter crossings to Selwick"
    assert lead.startswith("The ferry operator serving Selwick will halve") and lead.endswith("Monday.")
    assert head_and_lead(text, titled=True)[0] is None
    prose = ("The ferry operator serving Selwick will halve its winter crossings from November, its chief "
             "executive told staff on Monday, after a year of losses on the route.\nSecond line here.")
    assert head_and_lead(prose, titled=False) == (None, prose.split("\n")[0]), "a long first line is the lead"
    assert head_and_lead("- - 4471.", titled=False) == (None, ""), "no prose: no lead"


def test_only_lists_leave_out_stamps_and_junk_names() -> None:
    from newsprism.stories.view_records import Member, Person, StoryView, TimelineEntry
    from newsprism.web.outlets import exclusives, outlet_lines

    members = [Member(id="a1", outlet="Alpha"), Member(id="b1", outlet="Beta")]
    stamp = TimelineEntry(date="2023-05-02", precision="day", date_text="2 May 2023",
                          text="Posted on: Tue, 2 May 2023 at 10: 41 GMT", articles=["a1"])
    news = TimelineEntry(date="2023-05-02", precision="day", date_text="2 May 2023",
                         text="The harbour board closed the old pier on 2 May 2023.", articles=["a1"])
    people = [Person(name="MUST SEE", type="PERSON", articles=["a1"]),
              Person(name="Ilse Varga", type="PERSON", articles=["a1"]),
              Person(name="Harbour Board", type="ORG", articles=["a1"])]
    view = StoryView(story_id="s", members=members, timeline=[stamp, news], people=people)
    assert [i.text for i in exclusives(view)["Alpha"]] == [
        "2 May 2023: The harbour board closed the old pier on 2 May 2023.", "Ilse Varga"]
    members[0].title = "The harbour board closed the old pier on 2 May 2023"
    cards = {o.outlet: o for o in outlet_lines(view, {})}
    assert [i.text for i in cards["Alpha"].only] == ["Ilse Varga"], "the headline is already on the card"


def test_claims_and_quotes_download_as_csv(db: str) -> None:
    import csv
    import io

    from newsprism.web.downloads import CLAIM_COLUMNS, QUOTE_COLUMNS

    sid = _story_id(db)
    page, claims, quotes, missing = _get(db, f"/stories/{sid}", f"/stories/{sid}/claims.csv",
                                         f"/stories/{sid}/quotes.csv", "/stories/s0000/quotes.csv")
    assert f'href="/stories/{sid}/claims.csv"' in page.text and f'href="/stories/{sid}/quotes.csv"' in page.text
    for resp, columns in ((claims, CLAIM_COLUMNS), (quotes, QUOTE_COLUMNS)):
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
        assert "attachment" in resp.headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(resp.text)))
        assert rows[0] == columns and all(len(r) == len(columns) for r in rows)
        assert all(r[0] == sid for r in rows[1:])
    quote_rows = list(csv.DictReader(io.StringIO(quotes.text)))
    said = [r for r in quote_rows if "We cannot risk a collapse" in r["text"]]
    assert said and said[0]["speaker"] == "Ilse Varga" and said[0]["outlets"] == "Selwick Gazette"
    assert missing.status_code == 404


def test_csv_cells_are_never_formulas_and_round_trip() -> None:
    import csv
    import io

    from newsprism.web.downloads import safe_cell, to_csv

    assert safe_cell("=HYPERLINK(\"http://x\",\"y\")").startswith("'=")
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell("+1+cmd") == "'+1+cmd"
    assert safe_cell("-12.5") == "-12.5" and safe_cell("-") == "'-" and safe_cell(None) == ""
    assert safe_cell(4000000.0) == "4000000.0" and safe_cell("\tx") == "'\tx"
    tricky = ['He said, "no"\nthen left', "=1+1", "plain"]
    text = to_csv(["a", "b", "c"], [tricky])
    assert list(csv.reader(io.StringIO(text)))[1] == [tricky[0], "'=1+1", "plain"]


def test_person_page_lists_real_other_spellings_and_one_country_at_most(db: str) -> None:
    from newsprism.web.pages import other_spellings

    assert other_spellings("Ilse Varga", ["she", "Varga", "She", "Ilse Vargaova", "Varga's", "her"]) == \
        ["Ilse Vargaova"]
    assert other_spellings("Oleh Marchuk", ["Oleg Marchuk", "oleg marchuk", "Marchuk"]) == ["Oleg Marchuk"]
    (page,) = _get(db, "/entities/Ilse%20Varga")
    assert page.status_code == 200 and "Ilse Varga" in page.text
    also = page.text.split("Also written:</strong>", 1)[1].split("</p>", 1)[0] if "Also written" in page.text else ""
    assert not {w.strip().lower() for w in also.split(",")} & {"she", "he", "varga", "her"}
    (first,) = _get(db, "/entities/Ilse%20Varga?limit=1")
    count = int(first.text.split("Quotes (", 1)[1].split(")", 1)[0])
    assert count >= 2 and f"{count - 1} more quote" in first.text, "a cut list says how many more"
    country = page.text.split("Country:</strong>", 1)[1].split("</p>", 1)[0] if "Country:" in page.text else ""
    assert "," not in country, "two countries for one person is a doubt, not a fact: none is shown"


# ---------------------------------------------------------------- in a real browser

CHROMIUM = Path("/usr/bin/chromium")
RESULTS = Path(__file__).resolve().parent.parent / "test-results"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser(db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium; make system-deps)")
    from playwright.sync_api import sync_playwright

    from test_api_support import running_server

    with running_server(db) as base, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("ux-chromium")), executable_path=str(CHROMIUM), headless=True,
            args=ARGS, viewport={"width": 1280, "height": 900})
        RESULTS.mkdir(exist_ok=True)
        try:
            yield base, context
        finally:
            context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_fit_the_screen_and_label_the_timeline(browser: tuple[str, Any], db: str, width: int) -> None:
    base, context = browser
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    sid = _story_id(db)
    try:
        from newsprism.store import open_store

        store = open_store(db)
        some_article = store.query("SELECT id FROM articles ORDER BY seq LIMIT 1")[0][0]
        store.close()
        for path in ("/", f"/stories/{sid}", f"/articles/{some_article}", "/search?q=pier",
                     "/entities/Ilse%20Varga", "/docs", "/alerts"):
            page.goto(base + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            page.screenshot(path=str(RESULTS / f"ux-{width}-{path.strip('/').split('/')[0] or 'home'}.png"),
                            full_page=True)
            assert overflow <= 0, (path, width, overflow)
            wide = page.evaluate("() => [...document.querySelectorAll('main table')].filter("
                                 "t => t.getBoundingClientRect().right > window.innerWidth + 1).length")
            assert wide == 0 or width > 600, f"{path}: {wide} tables wider than a {width} px screen"
        page.goto(base + f"/stories/{sid}")
        labels = page.locator("svg.timeline text.point-label")
        assert labels.count() > 0 and labels.first.is_visible()
        key = page.locator("ol.timeline-key li")
        assert key.count() == labels.count() and key.first.is_visible()
        headlines = [t.strip() for t in page.locator(".outlet-headline a").all_inner_texts()]
        assert sorted(headlines) == sorted(title for _, _, title, _ in REPORTS[:3])
        assert page.locator(".outlet-headline").first.is_visible()
        assert page.locator("ul.only li").first.is_visible(), "what each outlet alone reports"
        land = page.locator("svg.map .land path")
        assert land.count() >= 3, "the map draws country outlines"
        d = land.first.get_attribute("d") or ""
        assert d.startswith("M") and d.rstrip().endswith("Z") and d.count("L") >= 3, "land is polygons"
        box = page.locator("svg.map .land").bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50
        page.locator("section#map").screenshot(path=str(RESULTS / f"ux-{width}-map.png"))
    finally:
        page.close()
