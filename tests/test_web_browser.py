"""The pages in a real headless Chromium (Debian's, driven by Playwright) over the served seeds.

Screenshots go to test-results/. Skips with the reason when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from test_api_support import running_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
RESULTS = Path(__file__).resolve().parent.parent / "test-results"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "browser-test-token"
HOSTILE = ("HOSTILE PAGE: the outlet wrote <script>window.pwned = 'script'</script> and "
           "<img src=x onerror=\"window.pwned = 'img'\"> and <a href=\"javascript:alert(1)\">click</a> "
           "into an otherwise ordinary report about a ferry timetable change announced on Friday.")

_state: dict[str, Any] = {}


def _ingest_seeds(seeds: Path, db: str) -> None:
    """The seeds through the real ingest, pipeline and story hooks, as `newsprism ingest` does."""
    from newsprism.config import Settings
    from newsprism.engine import Engine
    from newsprism.ingest.text import article_from_text
    from newsprism.store import open_store

    store = open_store(db)
    try:
        articles = [article_from_text(p.read_text(encoding="utf-8"), str(p))
                    for p in sorted(seeds.glob("*.txt"))]
        summary = Engine.build(Settings(db=db), store).ingest(articles)
        assert summary.new == len(articles) == 5
    finally:
        store.close()


@pytest.fixture(scope="module", autouse=True)
def _teardown() -> Iterator[None]:
    yield
    stack = _state.pop("stack", None)
    if stack is not None:
        stack.close()


@pytest.fixture
def site(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A server over the ingested seeds and a browser page, shared by this module's tests."""
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium; make system-deps)")
    if "base" not in _state:
        from playwright.sync_api import sync_playwright

        db = str(tmp_path_factory.mktemp("browser") / "seeds.db")
        _ingest_seeds(seeds_dir, db)
        stack = ExitStack()
        _state["stack"] = stack
        _state["base"] = stack.enter_context(running_server(db, token=TOKEN))
        pw = stack.enter_context(sync_playwright())
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            headless=True, args=ARGS, viewport={"width": 1280, "height": 900})
        stack.callback(context.close)
        _state["context"] = context
        RESULTS.mkdir(exist_ok=True)
    return _state


def _page(site: dict[str, Any]) -> Any:
    page = site["context"].new_page()
    page.set_default_timeout(15_000)
    return page


def _story_url(site: dict[str, Any]) -> str:
    stories = httpx.get(site["base"] + "/api/stories").json()["items"]
    assert len(stories) == 1, f"the five seeds make one story, got {len(stories)}"
    assert stories[0]["size"] == 5
    return f"{site['base']}/stories/{stories[0]['id']}"


def test_story_page_shows_both_contradictions(site: dict[str, Any]) -> None:
    page = _page(site)
    page.goto(site["base"] + "/")
    page.locator("a.story-title").first.click()
    page.wait_for_selector("table.claims")
    rows = page.locator("table.claims tr.verdict-contradict")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    page.screenshot(path=str(RESULTS / "story.png"), full_page=True)
    troops = [t for t in texts if re.search(r"100,?000", t) and re.search(r"140,?000", t)]
    when = [t for t in texts if "Monday" in t and "Thursday" in t]
    assert troops, f"no contradiction of 100,000 vs 140,000 troops in the claims table: {texts}"
    assert when, f"no contradiction of last Monday vs last Thursday in the claims table: {texts}"
    color = rows.first.evaluate("r => getComputedStyle(r).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent"), "contradictions must be highlighted"
    assert page.locator("svg.map .marker").count() >= 1
    assert page.locator("section#coverage tbody tr").count() == 5
    page.close()


def test_brief_citation_opens_highlighted_passage(site: dict[str, Any]) -> None:
    page = _page(site)
    page.goto(_story_url(site))
    cite = page.locator("ol.brief a.cite").first
    href = cite.get_attribute("href") or ""
    m = re.search(r"/articles/(\w+)\?hl=(\d+)-(\d+)", href)
    assert m, f"a brief citation must point at a passage: {href!r}"
    sentence = page.locator("ol.brief li").first.inner_text()
    cite.click()
    page.wait_for_url(re.compile(r"/articles/"))
    marked = page.locator("#hl")
    marked.wait_for()
    assert marked.is_visible() and marked.evaluate("e => e.classList.contains('cited')")
    box = marked.bounding_box()
    assert box is not None and box["y"] + box["height"] > 0 and box["y"] < 900, \
        "the cited passage is scrolled into view"
    text = httpx.get(f"{site['base']}/api/articles/{m.group(1)}").json()["article"]["text"]
    passage = text[int(m.group(2)):int(m.group(3))]
    shown = "".join(e.inner_text() for e in page.locator(".text .cited").all())
    assert re.sub(r"\s+", " ", shown).strip() == re.sub(r"\s+", " ", passage).strip()
    assert passage.split()[0] in sentence
    page.screenshot(path=str(RESULTS / "citation.png"), full_page=False)
    page.close()


def test_search_finds_stoltenberg_quotes(site: dict[str, Any]) -> None:
    page = _page(site)
    page.goto(site["base"] + "/")
    page.fill("form.search input[name=q]", "Stoltenberg")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Stoltenberg"))
    assert page.locator("ol.results li").count() >= 1
    person = page.locator(".person-result").filter(has_text="Stoltenberg").first
    person.wait_for()
    quotes = person.locator("ul.quotes li")
    assert quotes.count() >= 1, "his quotes are listed"
    page.screenshot(path=str(RESULTS / "search.png"), full_page=True)
    person.locator("h3 a").click()
    page.wait_for_url(re.compile(r"/entities/"))
    assert page.locator("ul.entity-quotes li").count() >= 1
    page.close()


def test_hostile_article_is_shown_as_text(site: dict[str, Any]) -> None:
    resp = httpx.post(site["base"] + "/api/articles", json={"text": HOSTILE, "title": "<i>Ferry</i>"},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code == 201, resp.text
    page = _page(site)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{site['base']}/articles/{resp.json()['id']}")
    page.wait_for_selector(".text")
    shown = page.locator(".text").inner_text()
    assert "<script>window.pwned = 'script'</script>" in shown
    assert "<img src=x onerror=" in shown
    assert page.evaluate("() => window.pwned === undefined")
    assert page.locator(".text script, .text img, main img").count() == 0
    assert page.locator("h1").inner_text() == "<i>Ferry</i>"
    assert dialogs == []
    page.screenshot(path=str(RESULTS / "hostile.png"))
    page.close()


def test_api_docs_try_calls_the_endpoint(site: dict[str, Any]) -> None:
    page = _page(site)
    page.goto(site["base"] + "/api/docs")
    form = page.locator('form.try[data-path="/api/search"]')
    form.locator('input[name="q"]').fill("Stoltenberg")
    form.locator('input[name="limit"]').fill("2")
    form.locator("button").click()
    result = form.locator("xpath=following-sibling::pre[1]")
    result.wait_for()
    page.wait_for_function("e => /\\n200\\n/.test(e.textContent)", arg=result.element_handle())
    body = result.inner_text()
    assert "/api/search?q=Stoltenberg&limit=2" in body and '"items"' in body
    page.close()


def test_map_draws_countries_and_its_labels_never_overlap(site: dict[str, Any]) -> None:
    stories = httpx.get(site["base"] + "/api/stories").json()["items"]
    seeds = [s for s in stories if s["size"] == 5]  # other tests may add a one-article story
    assert len(seeds) == 1, stories
    page = _page(site)
    page.goto(f"{site['base']}/stories/{seeds[0]['id']}")
    land = page.locator("svg.map .land path")
    assert land.count() >= 5, "country outlines around the places"
    assert page.locator("svg.map .land path.named").count() >= 1, "the countries the story names are shaded"
    boxes = page.evaluate("() => [...document.querySelectorAll('svg.map .marker text')].map(t => {"
                          " const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
    assert boxes, "the places are labelled"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    page.locator("section#map").screenshot(path=str(RESULTS / "map.png"))
    page.close()
