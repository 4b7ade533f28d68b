"""Exports as downloads: the formats `newsprism.export` writes, streamed to the client as they are
written (`api.streaming`), never built whole in memory or on disk first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from newsprism import export
from newsprism.api.security import HEAD_KEY
from newsprism.errors import NotFound
from newsprism.store.base import SQLStore

KINDS = {  # format -> (file extension, media type)
    "gdelt-events": ("tsv", "text/tab-separated-values"),
    "gdelt-mentions": ("tsv", "text/tab-separated-values"),
    "gkg": ("tsv", "text/tab-separated-values"),
    "parquet": ("parquet", "application/vnd.apache.parquet"),
    "jsonl": ("jsonl", "application/x-ndjson"),
    "csv": ("csv", "text/csv"),
}


def available_formats() -> list[str]:
    """Format names the export package writes."""
    return list(export.FORMATS)


class ExportResponse(StreamingResponse):
    """A streamed export that starts only when a body is wanted: HEAD answers the headers without
    reading the store, and a GET reads its first chunk before the status is sent, so an error
    found there still answers in the JSON error shape."""

    def __init__(self, chunks: Iterator[bytes], **kwargs: Any) -> None:
        self.chunks = chunks
        super().__init__(self._body(), **kwargs)
        self.first: bytes | None = None

    def _body(self) -> Iterator[bytes]:
        if self.first:
            yield self.first
        yield from self.chunks

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get(HEAD_KEY):
            close = getattr(self.chunks, "close", None)
            if close is not None:
                close()
            await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
            await send({"type": "http.response.body", "body": b""})
            return
        self.first = await run_in_threadpool(next, self.chunks, b"")
        await super().__call__(scope, receive, send)


def export_response(store: SQLStore, fmt: str, table: str, selection: dict[str, str | None],
                    token: str = "", authorization: str | None = None) -> StreamingResponse:
    """One export as a download, streamed (constant memory, see `newsprism.export.chunks`).
    Selections of more than `streaming.OPEN_EXPORT_ARTICLES` articles need the bearer token."""
    from newsprism.api import streaming
    from newsprism.export import tables

    if fmt not in export.FORMATS:
        raise NotFound(f"no export format {fmt!r}", hint=f"formats: {', '.join(export.FORMATS)}")
    export.check(fmt, table)
    sel = export.Selection(**selection)
    tables.selection_sql(store, sel)  # an unknown story is a 404 now, not a broken download later
    streaming.check_export_allowed(store, sel, token, authorization)
    ext, media = KINDS.get(fmt, ("dat", "application/octet-stream"))
    name = f"newsprism-{fmt}{'-' + table if fmt in ('parquet', 'jsonl', 'csv') else ''}.{ext}"
    return ExportResponse(streaming.stream(store, fmt, table, sel), media_type=media,
                          headers={"Content-Disposition": f'attachment; filename="{name}"'})
