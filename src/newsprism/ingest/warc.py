"""WARC archives (gzipped or not): every response (or resource) record holding an HTML page.

Records are streamed: the archive is never read into memory whole; each page is capped by
`max_input_bytes`. A truncated or corrupt archive yields the pages read so far, then one failure.
"""

from __future__ import annotations

import contextlib
import io
import logging
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsprism.errors import DecodeError, EmptyInput, IngestError, TooLarge
from newsprism.ingest.html import article_from_html
from newsprism.ingest.jsonl import failure
from newsprism.records import Article, IngestFailure

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def articles_from_warc(stream: BinaryIO, name: str, cap: int) -> Iterator[Article | IngestFailure]:
    """One article per HTML response record; `name#N` names the N-th record of the archive.

    An archive with no HTML page yields one EmptyInput failure; what warcio writes to stderr on a
    corrupt archive is captured and summed up in the one error of the archive."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    pages = 0
    noise = io.StringIO()
    records = iter(ArchiveIterator(stream, arc2warc=True))
    try:
        while True:
            with contextlib.redirect_stderr(noise):  # only while warcio reads, never across a yield
                record = next(records, None)
                page = _page(record, f"{name}#{number + 1}", cap) if record is not None else None
            if record is None:
                break
            number += 1
            if page is None:
                continue
            pages += 1
            yield _article(page, f"{name}#{number}", record.rec_headers.get_header("WARC-Target-URI"))
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        yield failure(DecodeError(name, f"truncated or corrupt archive after record {number}: "
                                        f"{one_line(str(exc))}{_noise(noise)}"))
        return
    if number == 0:
        yield failure(EmptyInput(name, f"no WARC records{_noise(noise)}"))
    elif pages == 0:
        yield failure(EmptyInput(name, f"{number} WARC record(s), none an HTML page{_noise(noise)}",
                                 hint="newsprism reads the HTML response and resource records"))


def one_line(text: str, limit: int = 200) -> str:
    """A library's message on one line, whitespace collapsed, cut at `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "\u2026"


def _noise(noise: io.StringIO) -> str:
    lines = [line for line in noise.getvalue().splitlines() if line.strip()]
    if not lines:
        return ""
    log.debug("warcio wrote: %s", noise.getvalue())
    return f" (warcio: {one_line(lines[0], 120)}; {len(lines)} line(s) in all)"


def _page(record: Any, item: str, cap: int) -> bytes | IngestError | None:
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
