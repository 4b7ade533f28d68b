"""The story page's downloads: the story as Markdown, its claims and its quotes as CSV.

CSV is RFC 4180 (quoted where needed by the csv module, "\\r\\n" line ends, UTF-8, a header row).
A cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return, and not a plain number) is written with a leading apostrophe, as OWASP advises: article
text is untrusted. Lists in a cell (articles, outlets, claimants, spans) are joined with "; ".
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from newsprism.api.routes import get_store
from newsprism.read import stories as read_stories
from newsprism.store.base import SQLStore
from newsprism.stories.view_records import Span, StoryView

router = APIRouter(include_in_schema=False)

CLAIM_COLUMNS = ["story_id", "claim_id", "kind", "subject", "unit", "verdict", "explanation",
                 "value", "value_text", "qualifier", "low", "high", "when", "claimants", "outlets",
                 "articles", "sources", "sentence", "spans"]
QUOTE_COLUMNS = ["story_id", "speaker", "role", "kind", "text", "cue", "outlets", "articles",
                 "sources", "discrepancy", "spans"]
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A value as CSV text a spreadsheet shows and never evaluates."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if value == value else ""
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def _spans(spans: Iterable[Span]) -> str:
    return "; ".join(f"{s.article_id}:{s.start}-{s.end}" for s in spans)


def _outlets(view: StoryView, articles: Iterable[str]) -> str:
    of = {m.id: m.outlet or "unknown" for m in view.members}
    return "; ".join(dict.fromkeys(of.get(a, "unknown") for a in articles))


def claims_csv(view: StoryView) -> str:
    """One row per value of each claim (a claim's columns repeat on its values' rows)."""
    rows = []
    for c in view.claims:
        for v in c.values:
            rows.append([view.story_id, c.id, c.kind, c.subject, c.unit or v.unit, c.verdict,
                         c.explanation, v.value, v.text, v.qualifier, v.low, v.high, v.when,
                         "; ".join(v.claimants), "; ".join(v.outlets) or _outlets(view, v.articles),
                         "; ".join(v.articles), v.sources, v.sentence, _spans(v.spans)])
    return to_csv(CLAIM_COLUMNS, rows)


def quotes_csv(view: StoryView) -> str:
    """One row per quote, speakers in the view's order ("unknown" when no article names one)."""
    rows = []
    for sq in view.quotes:
        for q in sq.quotes:
            rows.append([view.story_id, sq.speaker, sq.role, q.kind, q.text, q.cue,
                         _outlets(view, q.articles), "; ".join(q.articles), q.sources,
                         q.discrepancy, _spans(q.spans)])
    return to_csv(QUOTE_COLUMNS, rows)


def _download(body: str, view: StoryView, suffix: str, media: str) -> Response:
    name = re.sub(r"[^A-Za-z0-9_-]", "", view.story_id) or "story"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}{suffix}"'})


@router.get("/stories/{story_id}/story.md")
def story_markdown(story_id: str, store: SQLStore = Depends(get_store)) -> Response:
    """The story view as a Markdown download (the same text as `newsprism story ID --markdown`)."""
    from newsprism.stories.view_render import render_markdown

    view = read_stories.story_view(store, story_id)
    return _download(render_markdown(view), view, ".md", "text/markdown; charset=utf-8")


@router.get("/stories/{story_id}/claims.csv")
def story_claims_csv(story_id: str, store: SQLStore = Depends(get_store)) -> Response:
    """The story's claims as CSV, one row per value."""
    view = read_stories.story_view(store, story_id)
    return _download(claims_csv(view), view, "-claims.csv", "text/csv; charset=utf-8")


@router.get("/stories/{story_id}/quotes.csv")
def story_quotes_csv(story_id: str, store: SQLStore = Depends(get_store)) -> Response:
    """The story's quotes as CSV, one row per quote."""
    view = read_stories.story_view(store, story_id)
    return _download(quotes_csv(view), view, "-quotes.csv", "text/csv; charset=utf-8")
