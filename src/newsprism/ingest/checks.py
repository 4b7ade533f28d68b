"""Inputs judged honestly before they become articles: URLs are parsed and validated (a bad one is
dropped with a warning, never stored raw), and a text that is not an article's (mostly replacement
characters or control bytes, too short, or longer than any news article) is refused."""

from __future__ import annotations

import ipaddress
import itertools
import logging
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from newsprism.errors import NotText, TooLarge

log = logging.getLogger(__name__)

MAX_URL_CHARS = 2048
MIN_LETTERS = 20  # fewer letters than this is no article (a headline alone has more)
MAX_BAD_SHARE = 0.05  # replacement characters and control bytes among the non-space characters
SAMPLE_CHARS = 65_536  # characters judged for replacement characters and control bytes
MAX_ARTICLE_CHARS = 1_000_000  # a long news article is ~100 KB of text; ten times that is not one

_HOST = re.compile(r"^[\w](?:[\w\-.]*[\w])?$", re.UNICODE)
_SCHEMES = ("http", "https")
_LETTER = re.compile(r"[^\W\d_]")
# replacement character, C0/C1 controls (not the whitespace ones), surrogates, private use
_BAD = re.compile("[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")


def valid_url(url: str | None, source: str = "") -> str | None:
    """The URL, normalised (scheme and host lower case), when it is a well-formed http(s) URL with
    a host; None otherwise (logged as a warning naming the input)."""
    if url is None:
        return None
    text = url.strip()
    if not text:
        return None
    reason = _url_problem(text)
    if reason:
        log.warning("%s: dropping the URL %r: %s", source or "input", text[:200], reason)
        return None
    parts = urlsplit(text)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme.lower(), netloc.lower(), parts.path, parts.query, parts.fragment))


def url_host(url: str | None) -> str | None:
    """The lower-case host of a stored or received URL; None when there is none or the URL is
    malformed (`http://[::1`, `http://]`, a bad port), where urllib's `.hostname`/`.port` raise
    ValueError. Every reader of a URL's host goes through this: stores made before ingest checked
    URLs hold such values."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return None
    return host or None


def _url_problem(text: str) -> str | None:
    if len(text) > MAX_URL_CHARS:
        return f"longer than {MAX_URL_CHARS} characters"
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in text):
        return "it holds spaces or control characters"
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in _SCHEMES:
        return "not an http or https URL"
    if not host:
        return "no host"
    if "[" in parts.netloc:
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return "a bracketed host that is not an IPv6 address"
    elif not _HOST.match(host):
        return "a malformed host"
    return None


def check_text(text: str, source: str) -> None:
    """Refuse what is not an article's text: NotText (E106) when mostly replacement characters or
    control bytes, or under MIN_LETTERS letters; TooLarge when over MAX_ARTICLE_CHARS."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise TooLarge(source, f"the article text is {len(text)} characters; a news article is at most "
                               f"{MAX_ARTICLE_CHARS}", hint="split it, or check that it is one article")
    sample = text[:SAMPLE_CHARS]  # binary data or a wrong encoding shows from the start
    visible = len("".join(sample.split()))  # the characters outside \s (str.split's whitespace is \s)
    bad = len(_BAD.findall(sample))
    letters = sum(1 for _ in itertools.islice(_LETTER.finditer(text), MIN_LETTERS))
    if visible and bad / visible > MAX_BAD_SHARE:
        raise NotText(source, f"{bad} of {visible} characters are replacement characters or control bytes",
                      hint="binary data or a wrong encoding: convert the file to UTF-8")
    if letters < MIN_LETTERS:
        raise NotText(source, f"only {letters} letter(s): too short to be an article",
                      hint=f"an article has at least {MIN_LETTERS} letters of text")
