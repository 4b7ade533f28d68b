"""Exports as downloads: the formats `newsprism.export` writes, spooled then streamed to the client."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO

from fastapi.responses import StreamingResponse

from newsprism import export
from newsprism.errors import NotFound
from newsprism.store.base import SQLStore

SPOOL_BYTES = 16 * 1024 * 1024
CHUNK = 256 * 1024
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


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        spool.seek(0)
        while block := spool.read(CHUNK):
            yield block
    finally:
        spool.close()


def export_response(store: SQLStore, fmt: str, table: str, selection: dict[str, str | None],
                    token: str = "", authorization: str | None = None) -> StreamingResponse:
    """One export as a download. JSON Lines and CSV stream as they are read (constant memory);
    the other formats are written into a spool (memory, then disk when large) before the
    response starts, so their errors answer with the JSON error shape. Selections of more than
    `streaming.OPEN_EXPORT_ARTICLES` articles need the bearer token."""
    from newsprism.api import streaming

    if fmt not in export.FORMATS:
        raise NotFound(f"no export format {fmt!r}", hint=f"formats: {', '.join(export.FORMATS)}")
    sel = export.Selection(**selection)
    streaming.check_export_allowed(store, sel, token, authorization)
    ext, media = KINDS.get(fmt, ("dat", "application/octet-stream"))
    name = f"newsprism-{fmt}{'-' + table if fmt in ('parquet', 'jsonl', 'csv') else ''}.{ext}"
    if fmt in streaming.STREAMED or (fmt == "parquet" and table == "articles"):
        return StreamingResponse(streaming.stream(store, fmt, table, sel), media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (closed by _chunks)
    try:
        rows = export.export(store, fmt, spool, sel, table=table)
    except BaseException:
        spool.close()
        raise
    return StreamingResponse(_chunks(spool), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}"', "X-Rows": str(rows)})
