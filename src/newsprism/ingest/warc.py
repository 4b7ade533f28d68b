"""WARC archives (gzipped or not): every response (or resource) record holding an HTML page.

Records are streamed: the archive is never read into memory whole; each page is capped by
`max_input_bytes`. A truncated or corrupt archive yields the pages read so far, then one failure.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from newsprism.errors import DecodeError, EmptyInput, IngestError, TooLarge
from newsprism.ingest.html import article_from_html
from newsprism.ingest.jsonl import failure
from newsprism.records import Article, IngestFailure

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def articles_from_warc(stream: BinaryIO, name: str, cap: int) -> Iterator[Article | IngestFailure]:
    """One article per HTML response record; `name#N` names the N-th record of the archive."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    pages = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            number += 1
            page = _page(record, f"{name}#{number}", cap)
            if page is None:
                continue
            pages += 1
            yield _article(page, f"{name}#{number}", record.rec_headers.get_header("WARC-Target-URI"))
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        yield failure(DecodeError(name, f"truncated or corrupt archive after record {number}: {exc}"))
        return
    if number == 0:
        yield failure(EmptyInput(name, "no WARC records"))
    elif pages == 0:
        log.info("%s: %d records, none an HTML page", name, number)


def _page(record: object, item: str, cap: int) -> bytes | IngestError | None:
    """The HTML payload of a record (TooLarge when over the cap), or None for other records."""
    if getattr(record, "rec_type", None) not in ("response", "resource"):
        return None
    http = getattr(record, "http_headers", None)
    ctype = (http.get_header("Content-Type") if http else None) or \
        record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    if not ctype.lower().startswith(_HTML_TYPES):
        return None
    if http is not None and not str(http.get_statuscode() or "200").startswith("2"):
        return None
    data = record.content_stream().read(cap + 1)  # type: ignore[attr-defined]
    if len(data) > cap:
        return TooLarge(item, f"page larger than max_input_bytes ({cap} bytes)")
    if getattr(record.raw_stream, "limit", 0) > 0:  # type: ignore[attr-defined]
        raise EOFError(f"record {item} ends before its declared length")
    return bytes(data)


def _article(page: bytes | IngestError, item: str, url: str | None) -> Article | IngestFailure:
    if isinstance(page, IngestError):
        return failure(page)
    try:
        return article_from_html(page, source=item, url=url)
    except IngestError as exc:
        return failure(exc)
