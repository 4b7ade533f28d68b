"""Sources of articles: text and Markdown, HTML pages, JSON Lines, WARC archives, RSS/Atom feed
files, folders (recursive, sorted), standard input (`-`) and URLs (through the fetcher).

`read_inputs` yields an Article for every article read and an IngestFailure for every item that
could not be read; one bad item never stops the others. A parser error on hostile input is bad
input (DecodeError); anything else a reader raises (KeyError, TypeError...) is a bug: re-raised
with `strict`, otherwise an IngestFailure with the bug's own type and code E001 (InternalError).
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsprism.config import Settings
from newsprism.errors import (
    DecodeError,
    EmptyInput,
    IngestError,
    InternalError,
    TooLarge,
    UnsupportedInput,
)
from newsprism.ingest.files import (
    EXTENSIONS,
    Kind,
    decode_text,
    gunzip,
    gzip_head,
    is_gzip,
    kind_of,
    read_capped,
    read_file,
    to_utf8,
)
from newsprism.ingest.jsonl import articles_from_jsonl, failure
from newsprism.records import Article, IngestFailure

log = logging.getLogger(__name__)

STDIN = "-"

__all__ = ["read_inputs", "read_bytes", "iter_files"]


def read_inputs(inputs: list[str], settings: Settings) -> Iterator[Article | IngestFailure]:
    """Every article in the inputs, in order; failures are yielded, never raised."""
    for name in inputs:
        yield from _one_input(name, settings)


def _one_input(name: str, settings: Settings) -> Iterator[Article | IngestFailure]:
    if name == STDIN:
        yield from _stdin(settings)
    elif name[:8].lower().startswith(("http://", "https://")):
        from newsprism.ingest.checks import valid_url
        from newsprism.ingest.urls import read_url

        yield from read_url(valid_url(name, name) or name, settings)
    else:
        path = Path(name)
        if path.is_dir():
            found = False
            for file in iter_files(path):
                found = True
                yield from read_path(file, settings.max_input_bytes, strict=settings.strict)
            if not found:
                yield failure(EmptyInput(name, "no file of a kind newsprism reads in this folder",
                                         hint=f"extensions: {' '.join(sorted(EXTENSIONS))}"))
        elif path.exists():
            yield from read_path(path, settings.max_input_bytes, strict=settings.strict)
        else:
            yield failure(UnsupportedInput(name, "no such file or folder", hint="check the path"))


def iter_files(folder: Path) -> Iterator[Path]:
    """The readable files under a folder, recursively, in sorted order (hidden ones skipped)."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        name = path.name.lower().removesuffix(".gz")
        if Path(name).suffix in EXTENSIONS:
            yield path
        else:
            log.debug("skipping %s (not a kind of input newsprism reads)", path)


def read_path(path: Path, cap: int, *, strict: bool = False) -> Iterator[Article | IngestFailure]:
    """The articles of one file."""
    name = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
            if not head.strip():
                raise EmptyInput(name, "the file is empty")
            packed = is_gzip(head)
            if packed:
                head = gzip_head(path) or head
            kind = kind_of(name, to_utf8(head, name, partial=True))
            if kind == "warc":
                data = b""
            elif packed:
                data = read_file(path, cap)
            else:  # the rest from the same handle: one open per file
                data = head + _rest(fh, name, cap, len(head))
        if kind == "warc":
            yield from _warc_file(path, cap)
            return
        data = to_utf8(data, name)
    except IngestError as exc:
        yield failure(exc)
        return
    except OSError as exc:
        yield failure(UnsupportedInput(name, f"cannot read: {exc.strerror or exc}"))
        return
    yield from read_bytes(data, name, kind, cap, strict=strict)


def _rest(fh: BinaryIO, name: str, cap: int, done: int) -> bytes:
    """The bytes after the first `done` of an open plain file, within the size cap (TooLarge)."""
    size = os.fstat(fh.fileno()).st_size
    if size > cap:
        raise TooLarge(name, f"{size} bytes is larger than max_input_bytes ({cap} bytes)")
    return read_capped(fh, name, cap - done)


def _warc_file(path: Path, cap: int) -> Iterator[Article | IngestFailure]:
    from newsprism.ingest.warc import articles_from_warc

    with path.open("rb") as fh:
        yield from articles_from_warc(fh, str(path), cap)


def read_bytes(data: bytes, name: str, kind: Kind, cap: int, *,
               strict: bool = False) -> Iterator[Article | IngestFailure]:
    """The articles in some bytes of a known kind; one EmptyInput failure when there are none."""
    try:
        yielded = False
        for item in _dispatch(data, name, kind, cap):
            yielded = True
            yield item
        if not yielded:
            yield failure(EmptyInput(name, f"no article in this {kind} input"))
    except IngestError as exc:
        yield failure(exc)
    except Exception as exc:
        if not _is_bad_input(exc):
            if strict:
                raise
            log.exception("reading %s hit a bug", name)
            yield IngestFailure(item=name, error_type=type(exc).__name__, code=InternalError.code,
                                message=f"internal error while reading: {exc}")
            return
        # A parser choking on hostile input must not end the batch: name the item and go on.
        log.debug("reading %s failed", name, exc_info=True)
        yield failure(DecodeError(name, f"cannot parse: {type(exc).__name__}: {exc}"))


def _is_bad_input(exc: Exception) -> bool:
    """Whether a parser's exception says the input is malformed, not that our code is wrong:
    ValueError (UnicodeError included), a nesting too deep, an unknown codec named by the input
    (a bare LookupError). KeyError, IndexError, TypeError, AttributeError... are bugs."""
    return isinstance(exc, ValueError | RecursionError) or type(exc) is LookupError


def _dispatch(data: bytes, name: str, kind: Kind, cap: int) -> Iterator[Article | IngestFailure]:
    if kind == "jsonl":
        yield from articles_from_jsonl(data, name)
    elif kind == "warc":
        from newsprism.ingest.warc import articles_from_warc

        yield from articles_from_warc(io.BytesIO(data), name, cap)
    elif kind == "feed":
        from newsprism.ingest.feeds import articles_from_feed

        yield from articles_from_feed(data, name, cap)
    elif kind == "html":
        from newsprism.ingest.html import article_from_html

        yield article_from_html(data, source=name)
    else:
        from newsprism.ingest.text import article_from_text

        yield article_from_text(decode_text(data, name), name)


def _stdin(settings: Settings) -> Iterator[Article | IngestFailure]:
    """Articles from standard input, whose kind is sniffed from its content."""
    name = "stdin"
    cap = settings.max_input_bytes
    try:
        data = read_capped(sys.stdin.buffer, name, cap)
        if is_gzip(data):
            if data[:2] == b"\x1f\x8b" and _is_warc_gz(data):
                yield from read_bytes(data, name, "warc", cap, strict=settings.strict)
                return
            data = gunzip(data, name, cap)
        data = to_utf8(data, name)
        if not data.strip():
            raise EmptyInput(name, "standard input is empty")
        kind = kind_of(name, data[:4096])
    except IngestError as exc:
        yield failure(exc)
        return
    yield from read_bytes(data, name, kind, cap, strict=settings.strict)


def _is_warc_gz(data: bytes) -> bool:
    import zlib

    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")
