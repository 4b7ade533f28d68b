"""The HTML pages: home, story, article, entity, search and the API docs, over the read layer
(the same records the API returns).

Templates are Jinja2 with autoescape on; every value from an article reaches the page escaped.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

import jinja2
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from newsprism import __version__
from newsprism.api.routes import Page, filter_params, get_store, page_params
from newsprism.errors import NewsprismError
from newsprism.read import articles as read_articles
from newsprism.read import entities as read_entities
from newsprism.read import stories as read_stories
from newsprism.read.records import EntityProfile
from newsprism.records import StorySummary
from newsprism.store.base import Filters, SQLStore
from newsprism.web import TEMPLATE_DIR
from newsprism.web.article_parts import part_of
from newsprism.web.cache import ViewCache
from newsprism.web.highlight import Mark, analysis_marks, entity_link, parse_span, pieces
from newsprism.web.story import story_html

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def web_url(url: str | None) -> str:
    """The URL when it is http(s), else "" (no javascript: or data: links from articles)."""
    text = (url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}:\d{2}))?)?)?")


def human_date(value: str | None, undated: str = "undated") -> str:
    """'2016-10-12' -> '12 Oct 2016'; with a time, '12 Oct 2016, 10:31'; None -> `undated`."""
    match = _ISO.match(value or "")
    if not match:
        return value or undated
    year, month, day, clock = match.groups()
    if not month or not 1 <= int(month) <= 12:
        return year
    text = f"{_MONTHS[int(month) - 1]} {year}" if not day else f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
    return f"{text}, {clock}" if clock else text


def date_range(first: str | None, last: str | None) -> str:
    """'12 Oct 2016' or '12 Oct 2016 to 14 Oct 2016'; 'undated' when neither is known."""
    a, b = human_date(first, ""), human_date(last, "")
    if not (a or b):
        return "undated"
    return a or b if (first or "")[:10] == (last or "")[:10] or not (a and b) else f"{a} to {b}"


def _same_text(a: str | None, b: str | None) -> bool:
    """Whether two lines say the same (a brief that only repeats the title)."""
    def fold(text: str | None) -> str:
        return re.sub(r"\W+", " ", text or "").strip().lower()
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa == fb or fa.startswith(fb) or fb.startswith(fa))


_env.globals.update(version=__version__, entity_link=entity_link, web_url=web_url)
_env.filters.update(human_date=human_date)
_env.globals.update(date_range=date_range)
templates = Jinja2Templates(env=_env)

PEOPLE_SCAN = 40  # articles read per person on the search page (the entity page reads more)
_SNIPPET = re.compile(r"\[([^\[\]]*)\]")


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet cut into (text, is_match) parts from the store's [match] markers."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _SNIPPET.finditer(snippet):
        out.append((snippet[pos:m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    out.append((snippet[pos:], False))
    return [p for p in out if p[0]]


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, code: str, type_: str, message: str,
               hint: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, code=code,
                  type=type_, message=message, hint=hint)


def biggest_to_show(biggest: list[StorySummary], latest: list[StorySummary]) -> list[StorySummary]:
    """The biggest stories, unless fewer than two or the latest list already opens with them."""
    if len(biggest) < 2 or {b.id for b in biggest} <= {s.id for s in latest[:5]}:
        return []
    return biggest


@router.get("/", response_class=HTMLResponse)
def home(request: Request, page: Page = Depends(page_params),
         store: SQLStore = Depends(get_store)) -> HTMLResponse:
    stories = read_stories.list_stories(store, page.limit + 1, page.offset)
    biggest = read_stories.list_stories(store, 5, 0, biggest=True) if page.offset == 0 else []
    shown = stories[: page.limit]
    briefs = read_stories.briefs(store, sorted({s.id for s in shown + biggest}))
    titles = {s.id: s.title for s in shown + biggest}
    briefs = {sid: b for sid, b in briefs.items() if not _same_text(b, titles.get(sid))}
    latest = [] if stories else read_articles.list_articles(store, Filters(), page.limit, page.offset)
    return render(request, "home.html", stories=shown, biggest=biggest_to_show(biggest, shown),
                  briefs=briefs, latest=latest, more=len(stories) > page.limit, page=page,
                  stats=store.stats())


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str, store: SQLStore = Depends(get_store)) -> HTMLResponse:
    return HTMLResponse(story_page(store, request.app.state.views, story_id))


def story_page(store: SQLStore, cache: ViewCache, story_id: str) -> str:
    """The story page's HTML (rendered again only when the stored view changes; the template is
    looked up only to render, so a stored page costs no template compilation)."""
    return story_html(store, cache, story_id,
                      lambda m: _env.get_template("story.html").render(m=m, view=m.view))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, hl: str | None = Query(None),
            part: int = Query(1, ge=1, le=1_000_000), store: SQLStore = Depends(get_store)) -> HTMLResponse:
    detail = read_articles.article_detail(store, article_id)
    text, analysis = detail.article.text, detail.analysis
    marks = analysis_marks(analysis)
    span = parse_span(hl, len(text))
    if span:
        marks.append(Mark(span[0], span[1], "cited", "the passage cited", anchor="hl"))
    counts = {step: len(items) for step, items in analysis.outputs().items()}
    shown = part_of(text, marks, analysis.quotes, analysis.events, part, span)  # long texts in parts
    return render(request, "article.html", a=detail.article, story_id=detail.story_id,
                  pieces=pieces(shown.text, shown.marks), counts=counts, cited=span, events=shown.events,
                  quotes=shown.quotes, part=shown)


_PRONOUNS = frozenset(["i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she",
                       "her", "hers", "they", "them", "their", "theirs", "it", "its", "this", "that",
                       "who", "whom"])


def other_spellings(name: str, aliases: list[str]) -> list[str]:
    """The spellings worth showing beside a name: not pronouns ("she"), not a part of the name
    itself ("Truss" for "Liz Truss"), one per spelling whatever its capitals."""
    own = {w.lower() for w in re.findall(r"\w+", name)}
    seen: set[str] = {name.lower()}
    out = []
    for alias in aliases:
        words = [w.lower() for w in re.findall(r"\w+", re.sub(r"['\u2019]s$", "", alias))]
        if not words or alias.lower() in seen or all(w in _PRONOUNS for w in words) or set(words) <= own:
            continue
        seen.add(alias.lower())
        out.append(alias)
    return out


@router.get("/entities/{name}", response_class=HTMLResponse)
def entity(request: Request, name: str, page: Page = Depends(page_params),
           store: SQLStore = Depends(get_store)) -> HTMLResponse:
    data = read_entities.entity(store, name, quote_limit=page.offset + page.limit + 1)
    quotes = data.quotes[page.offset:]
    titles = {s: _story_title(store, s) for s in data.stories}
    return render(request, "entity.html", e=data, quotes=quotes[: page.limit],
                  aliases=other_spellings(data.name, data.aliases),
                  more=len(quotes) > page.limit, page=page, story_titles=titles)


def _story_title(store: SQLStore, story_id: str) -> str:
    try:
        return read_stories.get_story(store, story_id).title or story_id
    except NewsprismError:
        return story_id


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query(""), page: Page = Depends(page_params),
           filters: Filters = Depends(filter_params),
           store: SQLStore = Depends(get_store)) -> HTMLResponse:
    hits = read_articles.search(store, q, filters, page.limit + 1, page.offset) if q.strip() else []
    parts = {h.id: snippet_parts(h.snippet) for h in hits}
    people: list[EntityProfile] = []
    if q.strip() and page.offset == 0:
        for name in read_entities.people_in_hits(store, q, [h.id for h in hits]):
            people.append(read_entities.entity(store, name, quote_limit=5, scan=PEOPLE_SCAN))
    next_url = str(request.url.include_query_params(offset=page.offset + page.limit))
    return render(request, "search.html", q=q, hits=hits[: page.limit], parts=parts,
                  more=len(hits) > page.limit, page=page, filters=filters, people=people,
                  next_url=next_url)


def _warm(app: FastAPI, count: int, stop: threading.Event) -> None:
    """Build the pages of the latest `count` stories into the cache, oldest work first."""
    store, cache, built = app.state.store, app.state.views, 0
    try:
        for summary in read_stories.list_stories(store, count, 0):
            if stop.is_set():
                break
            story_page(store, cache, summary.id)
            built += 1
    except Exception as exc:  # a warm-up failure must never take the server down
        log.warning("warming story pages stopped after %d: %s: %s", built, type(exc).__name__, exc)
        return
    log.info("warmed %d story pages", built)


def start_warming(app: FastAPI, count: int, stop: threading.Event) -> threading.Thread:
    """Start building the latest stories' pages in a background thread (see `create_app`)."""
    thread = threading.Thread(target=_warm, args=(app, count, stop), name="warm-stories", daemon=True)
    thread.start()
    return thread
