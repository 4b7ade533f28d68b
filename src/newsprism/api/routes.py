"""The JSON endpoints under /api: read-only queries, paginated lists, and the token-guarded ingest.

Lists answer `{"items": [...], "limit": N, "offset": M, "next": URL or null}`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from newsprism import __version__
from newsprism.api.app import JSONResponse
from newsprism.dates import parse_day
from newsprism.errors import BadRequest, InvalidArgument
from newsprism.read import articles as read_articles
from newsprism.read import entities as read_entities
from newsprism.read import events as read_events
from newsprism.read import stories as read_stories
from newsprism.store.base import Filters, SQLStore

router = APIRouter()

MAX_LIMIT = 200
MAX_OFFSET = 10_000  # deep pages cost scans; search and filters narrow instead


def get_store(request: Request) -> SQLStore:
    store: SQLStore = request.app.state.store
    return store


@dataclass
class Page:
    limit: int
    offset: int


def page_params(
    limit: int = Query(20, ge=1, le=MAX_LIMIT, description="items per page (1-200)"),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="items to skip (at most 10,000)"),
) -> Page:
    return Page(limit=limit, offset=offset)


def _date(name: str, value: str | None) -> str | None:
    """The shared date parser (`newsprism.dates`), its refusal as a 400 (E601)."""
    try:
        return parse_day(value, name)
    except InvalidArgument as exc:
        raise BadRequest(str(exc)) from None


def filter_params(
    since: str | None = Query(None, description="published on or after (YYYY-MM-DD)"),
    until: str | None = Query(None, description="published on or before (YYYY-MM-DD)"),
    outlet: str | None = Query(None, description="outlet name (case-insensitive)"),
    person: str | None = Query(None, description="canonical person name"),
    org: str | None = Query(None, description="canonical organisation name"),
    place: str | None = Query(None, description="place name"),
    event_type: str | None = Query(None, description="PLOVER event type or CAMEO root code"),
) -> Filters:
    return Filters(since=_date("since", since), until=_date("until", until), outlet=outlet or None,
                   person=person or None, org=org or None, place=place or None,
                   event_type=event_type or None)


def paged(request: Request, page: Page, fetch: Callable[[int, int], Sequence[Any]]) -> dict[str, Any]:
    """One page of items; `fetch(limit, offset)` is asked for one more to know if a next exists."""
    items = fetch(page.limit + 1, page.offset)
    more = len(items) > page.limit
    next_url = None
    if more:
        nxt = request.url.include_query_params(offset=page.offset + page.limit)
        base = str(getattr(request.app.state.settings, "base_url", "") or "").rstrip("/")
        next_url = f"{base}{nxt.path}?{nxt.query}"  # never from the Host header
    return {"items": items[: page.limit], "limit": page.limit, "offset": page.offset, "next": next_url}


# ---------------------------------------------------------------- service


@router.get("/health", tags=["service"], summary="Liveness and store check")
def health(store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse({"status": "ok", "version": __version__, "articles": store.count_articles(),
                         "schema_version": store.schema_version()})


@router.get("/stats", tags=["service"], summary="Counts of articles, outlets, step results, failures")
def stats(store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(store.stats())


# ---------------------------------------------------------------- articles


@router.get("/articles", tags=["articles"], summary="Articles newest first, filtered")
def articles(request: Request, page: Page = Depends(page_params),
             filters: Filters = Depends(filter_params), store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(paged(request, page, lambda n, o: read_articles.list_articles(store, filters, n, o)))


@router.get("/articles/{article_id}", tags=["articles"], summary="One article with its analysis")
def article(article_id: str = Path(description="article id"),
            store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(read_articles.article_detail(store, article_id))


@router.get("/search", tags=["articles"], summary="Full-text search with filters")
def search(request: Request, q: str = Query("", description="words or \"a phrase\""),
           page: Page = Depends(page_params), filters: Filters = Depends(filter_params),
           store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(paged(request, page, lambda n, o: read_articles.search(store, q, filters, n, o)))


# ---------------------------------------------------------------- stories


@router.get("/stories", tags=["stories"], summary="Stories, latest first")
def stories(request: Request, page: Page = Depends(page_params),
            store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(paged(request, page, lambda n, o: read_stories.list_stories(store, n, o)))


@router.get("/stories/{story_id}", tags=["stories"], summary="The story view of one story")
def story(story_id: str = Path(description="story id"),
          store: SQLStore = Depends(get_store)) -> Response:
    body = read_stories.story_view_json(store, read_stories.view_key(store, story_id))
    return Response(body, media_type="application/json")


@router.get("/stories/{story_id}/articles", tags=["stories"], summary="A story's articles")
def story_articles(request: Request, story_id: str = Path(description="story id"),
                   page: Page = Depends(page_params), store: SQLStore = Depends(get_store)) -> JSONResponse:
    members = read_stories.story_members(store, story_id)
    return JSONResponse(paged(request, page, lambda n, o: members[o:o + n]))


# ---------------------------------------------------------------- entities and events


@router.get("/entities", tags=["entities"], summary="People, organisations and places by mentions")
def entities(request: Request,
             kind: str | None = Query(None, pattern="^(person|org|place)$",
                                      description="person, org or place"),
             q: str = Query("", description="part of the name"),
             page: Page = Depends(page_params), store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(paged(request, page, lambda n, o: read_entities.list_entities(store, kind, q, n, o)))


@router.get("/entities/{name}", tags=["entities"], summary="One entity: roles, aliases, stories, quotes")
def entity(name: str = Path(description="canonical name"), store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(read_entities.entity(store, name))


@router.get("/entities/{name}/quotes", tags=["entities"], summary="Quotes attributed to an entity")
def entity_quotes(request: Request, name: str = Path(description="canonical name"),
                  page: Page = Depends(page_params), store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(paged(request, page, lambda n, o: read_entities.entity_quotes(store, name, n, o)))


@router.get("/events", tags=["events"], summary="Coded events (CAMEO, PLOVER) with their articles")
def events(request: Request, page: Page = Depends(page_params),
           filters: Filters = Depends(filter_params), store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(paged(request, page, lambda n, o: read_events.list_events(store, filters, n, o)))


# ---------------------------------------------------------------- exports and ingest


@router.get("/exports", tags=["exports"], summary="The export formats this server offers")
def exports() -> JSONResponse:
    from newsprism.api.exports import available_formats

    return JSONResponse({"formats": available_formats()})


@router.get("/exports/{fmt}", tags=["exports"], summary="Download the store in one export format",
            response_class=Response)
def export(request: Request, fmt: str = Path(description="format name, as /api/exports lists"),
           table: str = Query("events", pattern="^(events|articles)$",
                              description="parquet, jsonl and csv: events or articles"),
           since: str | None = Query(None, description="published on or after (YYYY-MM-DD)"),
           until: str | None = Query(None, description="published on or before (YYYY-MM-DD)"),
           story: str | None = Query(None, description="only this story's articles"),
           actor: str | None = Query(None, description="source or target actor code (RUS, NATO)"),
           event_type: str | None = Query(None, description="PLOVER event type or CAMEO code prefix"),
           store: SQLStore = Depends(get_store)) -> Response:
    from newsprism.api.exports import export_response

    selection = {"since": _date("since", since), "until": _date("until", until), "story": story or None,
                 "actor": actor or None, "type": event_type or None}
    return export_response(store, fmt, table, selection, request.app.state.settings.api_token,
                           request.headers.get("authorization"))


@router.post("/articles", tags=["ingest"], summary="Ingest one article (bearer token required)",
             status_code=201)
async def ingest(request: Request) -> JSONResponse:
    from newsprism.api.ingest import ingest_request

    return await ingest_request(request)
