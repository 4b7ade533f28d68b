"""A web address above a headline (often spaced out by a tokeniser) is never a story's title, an
outlet's lead or a timeline line; a year or month alone sorts after the days it holds."""

from __future__ import annotations

import msgspec
import pytest

from newsprism.ingest.boiler import first_words, leading_url, url_line

SPACED = "http: / / www. valdmark - post. example / news / harbour / 4471 - crane - collapse. html"


def test_leading_url_spaced_out_or_not() -> None:
    assert url_line(SPACED) and url_line("https://valdmark.example/a/b?x=1") and url_line("www.valdmark.example")
    assert leading_url(SPACED + " Crane collapses at Valdmark harbour") == len(SPACED)
    assert not url_line("Crane collapses at Valdmark harbour") and leading_url("Crane falls") == 0
    assert leading_url("www.valdmark.example is down again") == 0, "a bare host in prose is a headline"
    assert first_words(SPACED + "\nCrane collapses at Valdmark harbour\n\nBody.") == \
        "Crane collapses at Valdmark harbour"
    assert first_words(SPACED + " Crane collapses\nBody.") == "Crane collapses"
    assert first_words("  \n" + SPACED) == "" and first_words("") == ""


def test_a_spaced_out_address_tells_the_outlet() -> None:
    from newsprism.ingest.text import article_from_text, leading_address

    assert leading_address(SPACED + " Crane collapses") == \
        "http://www.valdmark-post.example/news/harbour/4471-crane-collapse.html"
    assert leading_address("Crane collapses at Valdmark harbour") is None
    assert leading_address("www. valdmark. example / a") is None, "no scheme: not taken as the page"
    article = article_from_text(TEXTS[0], "0.txt")
    assert article.url == "http://www.valdmark-post.example/news/harbour/4471-crane-collapse.html"
    assert article.outlet == "Valdmark Post" and article.text.startswith("http: / /"), "text unchanged"
    given = article_from_text(TEXTS[0], "0.txt", url="https://other.example/x", outlet="Other")
    assert given.url == "https://other.example/x" and given.outlet == "Other"


TEXTS = [
    SPACED + " Crane collapses at Valdmark harbour 14 June 2019, 09: 10\n\n"
    "A container crane collapsed at Valdmark harbour on 14 June 2019, injuring two dock workers, "
    "the port authority said. The harbour opened its new terminal in 2019 after years of delays. "
    "Inspectors will examine the crane's base, port director Maren Holt said.",
    "http: / / radio - valdmark. example / local / 88213 /\n"
    "A crane fell onto a quay at Valdmark harbour on 14 June 2019 and two dock workers were hurt, "
    "the port authority said. Port director Maren Holt said inspectors would examine the crane's "
    "base. The terminal where it stood opened in 2019.",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from newsprism.config import Settings
    from newsprism.engine import Engine
    from newsprism.ingest.text import article_from_text
    from newsprism.store import open_store

    path = str(tmp_path_factory.mktemp("titles") / "t.db")
    store = open_store(path)
    try:
        items = [msgspec.structs.replace(article_from_text(t, f"{n}.txt"), published="2019-06-15")
                 for n, t in enumerate(TEXTS)]
        Engine.build(Settings(db=path), store).ingest(items)
    finally:
        store.close()
    return path


def test_story_title_lead_and_timeline_skip_the_address(db: str) -> None:
    from newsprism.read import stories as read_stories
    from newsprism.store import open_store
    from newsprism.web.story import build_model, member_leads

    store = open_store(db)
    try:
        summaries = read_stories.list_stories(store, 10, 0)
        assert len(summaries) == 1, [s.title for s in summaries]
        assert (summaries[0].title or "").startswith("Crane collapses at Valdmark harbour")
        view = read_stories.story_view(store, summaries[0].id)
        leads, heads = member_leads(store, view)
    finally:
        store.close()
    assert all("http" not in lead and lead for lead in leads.values()), leads
    model = build_model(view, leads, heads)
    assert all("http" not in o.lead for o in model.outlets)
    assert {o.outlet for o in model.outlets} == {"Valdmark Post", "Radio Valdmark"}
    heads_shown = {o.outlet: o.title for o in model.outlets}
    assert heads_shown["Valdmark Post"].startswith("Crane collapses at Valdmark harbour"), heads_shown
    assert heads_shown["Radio Valdmark"] == "(no headline)", "a long first sentence is no headline"
    assert view.timeline and all(not t.text.lower().startswith("http") for t in view.timeline)
    order = [t.date for t in view.timeline if t.date and t.date.startswith("2019")]
    assert "2019-06-14" in order and "2019" in order
    assert order.index("2019-06-14") < order.index("2019"), "the year alone sorts after its days"


def test_page_of_the_story_has_no_address_as_heading(db: str) -> None:
    import asyncio

    import httpx

    from newsprism.web.app import create_app

    async def get() -> str:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            sid = (await client.get("/api/stories")).json()["items"][0]["id"]
            return (await client.get(f"/stories/{sid}")).text

    html = asyncio.run(get())
    heading = html.split('<h1 class="story-heading">', 1)[1].split("</h1>", 1)[0]
    assert heading.startswith("Crane collapses") and "http" not in heading


def test_date_stamps_are_not_happenings() -> None:
    from newsprism.stories.timeline import says_something

    assert not says_something("Posted on: Tue, 2 May 2023 at 10: 41 GMT", "2 May 2023")
    assert not says_something("Wed May 3 2023, 07: 12 hrs", "May 3 2023")
    assert not says_something("Thursday, May 4, 2023", "May 4, 2023")
    assert not says_something("Last updated on: May 4, 2023 19: 04 IST", "May 4, 2023")
    assert says_something("It closed on 3 May.", "3 May")
    assert says_something("Talks end on Friday.", "Friday")
    assert not says_something("TNN May 4, 2023, 05.", "May 4, 2023")


def test_weekdays_without_a_date_list_in_week_order() -> None:
    from newsprism.stories.timeline import _weekday_sort

    days = ["Friday", "Monday", "Thursday", "Tuesday", "Wednesday", "Sunday"]
    assert sorted(days, key=lambda d: _weekday_sort(None, d)) == \
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"]
    assert _weekday_sort("2023-05-04", "Tuesday") == "2023-05-02~"
    assert "2023-05-02~" < _weekday_sort(None, "Monday") < _weekday_sort(None, "Sunday"), "after dated ones"


def test_spaced_address_with_a_query_is_cut_whole() -> None:
    line = "http: / / www. valdmark - post. example / 2019 / 06 / 14 / crane. html? _ r = 0 Crane falls"
    assert line[leading_url(line):] == " Crane falls"
