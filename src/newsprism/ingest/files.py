"""Reading input bytes safely: size caps without reading huge files, UTF-8 checks, kind sniffing."""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from pathlib import Path
from typing import BinaryIO, Literal

from newsprism.errors import DecodeError, EmptyInput, TooLarge, UnsupportedInput

log = logging.getLogger(__name__)

Kind = Literal["text", "html", "jsonl", "warc", "feed"]

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
}
_HTML_START = re.compile(rb"^\s*(?:<!--(?:(?!-->).)*+-->\s*+)*+(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<article|<div|<p[\s>])", re.I | re.S)
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1f]")
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*+-->\s*+)*+<(?:rss|feed|rdf:RDF)\b", re.I | re.S)


def kind_of(name: str, head: bytes) -> Kind:
    """The kind of an input from its first bytes, else its extension; UnsupportedInput if neither."""
    sniffed = sniff(head)
    if sniffed is not None:
        return sniffed
    suffix = _suffix(name)
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix == "" and head and looks_like_text(head):
        return "text"
    raise UnsupportedInput(name, f"cannot tell what kind of input this is (extension {suffix or 'none'!r})")


def sniff(head: bytes) -> Kind | None:
    """A kind recognised from content alone (WARC, feed, HTML, JSON Lines), else None."""
    body = head.lstrip(b"\xef\xbb\xbf")
    if body.startswith(b"WARC/"):
        return "warc"
    if _FEED_START.match(body):
        return "feed"
    if _HTML_START.match(body):
        return "html"
    if body.lstrip()[:1] in (b"{", b"[") and b'"text"' in body[:65536]:
        return "jsonl"
    return None


def _suffix(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return Path(lower).suffix


def is_gzip(head: bytes) -> bool:
    """Gzip magic bytes."""
    return head[:2] == b"\x1f\x8b"


def looks_like_text(head: bytes) -> bool:
    """No NUL bytes and few control characters: text rather than binary data."""
    if b"\x00" in head:
        return False
    controls = len(_CONTROL_BYTES.findall(head))
    return controls <= max(2, len(head) // 100)


def read_capped(stream: BinaryIO, name: str, cap: int) -> bytes:
    """All bytes of a stream, refusing (TooLarge) as soon as more than `cap` arrive."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise TooLarge(name, f"larger than max_input_bytes ({cap} bytes)")
    return data


def read_file(path: Path, cap: int) -> bytes:
    """The bytes of a file (gunzipped when gzipped), checked against the size cap before reading."""
    size = path.stat().st_size
    if size > cap:
        raise TooLarge(str(path), f"{size} bytes is larger than max_input_bytes ({cap} bytes)")
    with path.open("rb") as fh:
        data = read_capped(fh, str(path), cap)
    if not data.strip():
        raise EmptyInput(str(path), "the file is empty")
    return gunzip(data, str(path), cap) if is_gzip(data) else data


def gunzip(data: bytes, name: str, cap: int) -> bytes:
    """Decompressed gzip data, bounded by the cap; DecodeError when truncated or corrupt."""
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decomp.decompress(data, cap + 1)
    except zlib.error as exc:
        raise DecodeError(name, f"corrupt gzip data: {exc}") from exc
    if len(out) > cap:
        raise TooLarge(name, f"decompresses to more than max_input_bytes ({cap} bytes)")
    if not decomp.eof:
        raise DecodeError(name, "truncated gzip data (the file ends before the compressed stream does)")
    return out


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped); DecodeError for binary data or invalid UTF-8."""
    if not looks_like_text(data[:8192]):
        raise DecodeError(name, "binary data, not text", hint="newsprism reads UTF-8 text, HTML, JSON Lines, WARC and feeds")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodeError(name, f"invalid UTF-8 at byte {exc.start}", hint="convert the file to UTF-8") from exc
    if not text.strip():
        raise EmptyInput(name, "the input is empty")
    return text


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def to_utf8(data: bytes, name: str, *, partial: bool = False) -> bytes:
    """UTF-16 or UTF-32 bytes that open with a byte-order mark, as UTF-8 (other bytes unchanged);
    DecodeError when they do not decode. `partial`: a head cut anywhere (its last unit ignored)."""
    codec = next((c for bom, c in _BOMS if data.startswith(bom)), None)
    if codec is None:
        return data
    try:
        return data.decode(codec, errors="ignore" if partial else "strict").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(name, f"invalid {codec.upper()} at byte {exc.start}",
                          hint="the byte-order mark says UTF-16/32; convert the file to UTF-8") from exc


def gzip_head(path: Path, size: int = 4096) -> bytes:
    """The first decompressed bytes of a gzipped file (empty when unreadable)."""
    try:
        with gzip.open(path, "rb") as fh:
            return fh.read(size)
    except (OSError, EOFError, zlib.error):
        return b""
