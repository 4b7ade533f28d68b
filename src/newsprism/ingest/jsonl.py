"""JSON Lines articles: one object per line with `text` (required) and optional `title`, `url`,
`published`, `outlet`, `authors`, `id`. A `.json` file may also hold one object or an array."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import msgspec

from newsprism.errors import DecodeError, EmptyInput, IngestError
from newsprism.ingest.text import article_from_text
from newsprism.records import Article, IngestFailure

log = logging.getLogger(__name__)

FIELDS = ("text", "title", "url", "published", "outlet", "authors", "id")


def articles_from_jsonl(data: bytes, name: str) -> Iterator[Article | IngestFailure]:
    """One article per record; a bad record yields its failure (`name#line`) and reading goes on."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        yield from _array(stripped, name)
        return
    found = False
    for number, line in enumerate(stripped.split(b"\n"), 1):
        if not line.strip():
            continue
        found = True
        yield _guarded(f"{name}#{number}", lambda line=line, number=number: _record(_decode(line, f"{name}#{number}"), name, number))
    if not found:
        yield failure(EmptyInput(name, "no JSON records"))


def _array(data: bytes, name: str) -> Iterator[Article | IngestFailure]:
    try:
        data.decode("utf-8")
        records = msgspec.json.decode(data)
    except UnicodeDecodeError as exc:
        yield failure(DecodeError(name, f"invalid UTF-8 at byte {exc.start}"))
        return
    except msgspec.DecodeError as exc:
        yield failure(DecodeError(name, f"malformed JSON: {exc}"))
        return
    if not isinstance(records, list) or not records:
        yield failure(EmptyInput(name, "no JSON records"))
        return
    for number, record in enumerate(records, 1):
        yield _guarded(f"{name}#{number}", lambda record=record, number=number: _record(record, name, number))


def _guarded(item: str, make: Any) -> Article | IngestFailure:
    try:
        article: Article = make()
        return article
    except IngestError as exc:
        return failure(exc)


def _decode(line: bytes, item: str) -> Any:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(item, f"invalid UTF-8 at byte {exc.start} of the line") from exc
    try:
        return msgspec.json.decode(line)
    except msgspec.DecodeError as exc:
        raise DecodeError(item, f"malformed JSON: {exc}") from exc


def _record(record: Any, name: str, number: int) -> Article:
    """An article from one decoded record."""
    item = f"{name}#{number}"
    if not isinstance(record, dict):
        raise DecodeError(item, "a record must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EmptyInput(item, "the record has no 'text'", hint=f"fields: {', '.join(FIELDS)} ('text' is required)")
    if record.get("id") not in (None, ""):
        item = f"{name}#{record['id']}"
    meta = {k: record.get(k) for k in ("title", "url", "published", "outlet") if isinstance(record.get(k), str | int)}
    authors = record.get("authors")
    if isinstance(authors, str | list):
        meta["authors"] = [str(a) for a in authors] if isinstance(authors, list) else authors
    return article_from_text(text, item, **meta)


def failure(exc: IngestError) -> IngestFailure:
    """The record of one input item that could not be read."""
    return IngestFailure(item=exc.item, error_type=type(exc).__name__, code=exc.code, message=str(exc))
