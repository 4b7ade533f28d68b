"""Cleaning of article bodies as they arrive in the wild, with the metadata found on the way.

`clean_text(raw)` turns a scraped or pasted article into the clean body every analysis step reads:
link markup removed (links kept), header lines, bylines, captions and credits, related links,
original-URL lines, reporters' credits, scraper notes and subheads taken out (kept in `removed`,
`subheads` and the metadata fields), sentences broken across paragraphs joined, stitched documents
split into segments, and apostrophes and quote marks normalised one character for one, so offsets
into the clean text stay valid. Everything here is a pure function of its input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from newsprism.ingest import boiler
from newsprism.ingest.markup import Para, strip_markup
from newsprism.ingest.meta import agency_name, find_date, parse_byline, parse_dateline
from newsprism.ingest.stitch import split_stitched
from newsprism.records import Link, Removed, Segment


@dataclass
class Cleaned:
    """The clean body with what cleaning took out and the metadata it found."""

    text: str
    links: list[Link] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    outlet: str | None = None
    apostrophe: str = "'"  # the apostrophe the document mostly uses; all others become it

    def drop(self, kind: str, text: str) -> None:
        """Record something cleaning took out of the body."""
        self.removed.append(Removed(kind=kind, text=self.normalise(text.strip())))  # type: ignore[arg-type]

    def normalise(self, text: str) -> str:
        """Quote marks and apostrophes as in the clean text."""
        return normalise_quotes(text, self.apostrophe)


# ---------------------------------------------------------------- characters

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile("[\u00a0\u2007\u202f\t]")
_ODD_BREAK = re.compile("[\u2028\x0b\x0c]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def normalise_input(raw: str) -> str:
    """Unicode NFC, one newline convention, no invisible or control characters, plain spaces."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = _INVISIBLE.sub("", text)
        text = _ODD_BREAK.sub("\n", text).replace("\u2029", "\n\n")
    text = _ODD_SPACE.sub(" ", text)
    return _CONTROL.sub("", text)


_APOSTROPHE = re.compile(r"(?<=\w)(?:[´ʼ`′](?=\w|\s|$)|[’'](?=\w))")
_ODD_OPEN = str.maketrans({"„": "“", "‟": "“", "«": "“", "‹": "‘", "‚": "‘"})
_ODD_CLOSE = str.maketrans({"»": "”", "›": "’", "″": "”"})
_ODD_QUOTE = re.compile("[„‟«‹‚»›″]")


def apostrophe_style(text: str) -> str:
    """The apostrophe the text mostly uses inside words: ’ or ' (' on a tie)."""
    if "’" not in text:
        return "'"
    curly = len(re.findall(r"(?<=\w)’(?=\w)", text))
    straight = len(re.findall(r"(?<=\w)'(?=\w)", text))
    return "’" if curly > straight else "'"


def normalise_quotes(text: str, apostrophe: str | None = None) -> str:
    """Every apostrophe (Russia´s, Russiaʼs) becomes the one the text mostly uses (or `apostrophe`)
    and odd quote marks („ « ») become curly ones, one character for one: offsets do not move."""
    if text.isascii() and apostrophe in (None, "'") and "`" not in text:
        return text
    mark = apostrophe or apostrophe_style(text)
    text = _APOSTROPHE.sub(mark, text)
    if _ODD_QUOTE.search(text):
        text = text.translate(_ODD_OPEN).translate(_ODD_CLOSE)
    return text


# ---------------------------------------------------------------- paragraphs

_LIST_OR_HEADER_LINE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|by\s|[A-Za-z][\w ]{0,24}:\s)", re.I)


def split_blocks(text: str) -> list[str]:
    """Paragraphs: blank-line separated blocks (soft-wrapped lines joined), else one per line."""
    lines = [line.strip() for line in text.strip().split("\n")]
    if "" not in lines:
        return [line for line in lines if line]
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk_lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not chunk_lines:
            continue
        if len(chunk_lines) > 1 and any(_LIST_OR_HEADER_LINE.match(line) for line in chunk_lines):
            blocks.extend(chunk_lines)
        else:
            blocks.append(" ".join(chunk_lines))
    return blocks


# ---------------------------------------------------------------- the header

_DATE_HEADER = re.compile(
    r"^\s*(?:date|dated|published|posted|updated|last updated|pubdate)\s*:?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})\s*(?:[|,;:–—-]\s*)?",
    re.I,
)
_KEY_VALUE = re.compile(r"^(?P<key>title|headline|author|authors|byline|source|outlet|publisher|site|url|link|date|published)\s*:\s*(?P<value>.+)$", re.I)
_MAX_HEADER_PARAS = 8


def _take_header(paras: list[Para], out: Cleaned, blocks: bool = False) -> list[Para]:
    """Header lines at the top: date headers, key: value lines, the title, bylines, date lines.
    `blocks`: the text separates its paragraphs by blank lines (a headline then stands alone)."""
    body: list[Para] = []
    seen_body = False
    for index, para in enumerate(paras):
        if seen_body or index >= _MAX_HEADER_PARAS:
            body.append(para)
            continue
        prose_follows = any(len(p.text.split()) >= 20 for p in paras[index + 1:index + 4])
        rest = _header_line(para, out, title_allowed=not body and prose_follows, blocks=blocks)
        if rest is None:
            continue
        body.append(rest)
        seen_body = len(rest.text.split()) > 12 or parse_dateline(rest.text) is not None
    return body


def _header_line(para: Para, out: Cleaned, title_allowed: bool, blocks: bool = False) -> Para | None:
    """What remains of a top paragraph once header metadata is taken out (None: all of it)."""
    text = para.text.strip()
    match = _DATE_HEADER.match(text)
    if match and find_date(match.group("date")):
        out.published = out.published or find_date(match.group("date"))
        out.drop("header", match.group(0))
        rest = para.split(match.end())[1]
        return rest if rest.text else None
    if _key_value(text, out) or _byline(text, out) or _date_line(text, out):
        return None
    if boiler.note_kind(text):
        out.drop("note", text)
        return None
    if (title_allowed or para.heading) and _title_like(para, out, blocks):
        return None
    return para


def _key_value(text: str, out: Cleaned) -> bool:
    match = _KEY_VALUE.match(text)
    if not match or len(text) > 300:
        return False
    key, value = match.group("key").lower(), match.group("value").strip()
    if key in {"title", "headline"}:
        out.title = out.title or value
    elif key in {"author", "authors", "byline"}:
        out.authors = out.authors or [a.strip() for a in re.split(r",|;| and ", value) if a.strip()]
    elif key in {"url", "link"} and value.startswith("http"):
        out.url = out.url or value.strip("<>")
    elif key in {"date", "published"} and find_date(value):
        out.published = out.published or find_date(value)
    elif key in {"source", "outlet", "publisher", "site"} and not value.startswith("http"):
        out.outlet = out.outlet or value
    else:
        return False
    out.drop("header", text)
    return True


def _byline(text: str, out: Cleaned) -> bool:
    parsed = parse_byline(text)
    if parsed is None:
        return False
    names, agency = parsed
    out.authors = out.authors or names
    out.agency = out.agency or agency
    out.drop("byline", text)
    return True


def _date_line(text: str, out: Cleaned) -> bool:
    """A line that is only a publication date ("February 10, 2022", "Updated: 10 Feb 2022 10:31")."""
    if len(text) > 160 or len(text.split()) > 10:
        return False
    found = find_date(text)
    if not found:
        return False
    leftover = re.sub(r"[\d:,./\-]+|\b(?:am|pm|gmt|utc|est|edt|cet|msk|updated|published|posted|on|at)\b",
                      "", text, flags=re.I)
    if len(re.findall(r"[A-Za-z]{4,}", leftover)) > 2:
        return False
    out.published = out.published or found
    out.drop("header", text)
    return True


def _title_like(para: Para, out: Cleaned, blocks: bool = False) -> bool:
    """The first paragraph is the headline when it reads like one (or equals the known title):
    2-25 words without sentence-final punctuation, or, standing alone above a blank line, at most
    _SHORT_TITLE words whatever punctuation ends it ("Mayor quits over port deal." / "...: 'No.'")."""
    text = para.text.strip()
    if out.title and _fold(out.title) == _fold(text):
        out.drop("header", text)
        return True
    words = text.split()
    stops = text.rstrip("\"'”’»)]").endswith((".", ";", ":"))
    limit = _SHORT_TITLE if stops else 25
    if out.title or not (2 <= len(words) <= limit) or text.endswith(","):
        return False
    if text.endswith((".", ";", ":")) and not blocks:
        return False
    if parse_dateline(text) is not None or not (text[0].isupper() or text[0].isdigit()):
        return False
    out.title = text
    out.drop("header", text)
    return True


_SHORT_TITLE = 20  # a lead sentence is longer; a headline rarely is


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


# ---------------------------------------------------------------- the body


def _drop_boilerplate(paras: list[Para], out: Cleaned) -> tuple[list[Para], set[int]]:
    """Body paragraphs without notes, credits, captions, related and URL lines and subheads.

    Also returns the indexes (into the kept list) where a second report begins (a repeated header).
    """
    kept: list[Para] = []
    restarts: set[int] = set()
    want_url = False
    for index, para in enumerate(paras):
        text = para.text.strip()
        if want_url and boiler.url_only(text):
            out.url = out.url or boiler.url_only(text)
            out.drop("original_url", text)
            want_url = False
            continue
        want_url = False
        is_url_line, url = boiler.original_url(text)
        if is_url_line:
            out.url = out.url or url
            want_url = url is None
            out.drop("original_url", text)
            continue
        header = _DATE_HEADER.match(text)
        if header and kept and find_date(header.group("date")):
            out.drop("header", header.group(0))
            restarts.add(len(kept))
            para = para.split(header.end())[1]
        nxt = paras[index + 1].text.strip() if index + 1 < len(paras) else ""
        prev = paras[index - 1].text.strip() if index else ""
        body = _body_part(para, (prev, nxt), out, is_last=index == len(paras) - 1)
        if body is not None:
            kept.append(body)
    return kept, restarts


def _body_part(para: Para, around: tuple[str, str], out: Cleaned, is_last: bool) -> Para | None:
    """The part of one paragraph that is body text (None when none of it is)."""
    text = para.text.strip()
    if not text:
        return None
    kind = _paragraph_kind(para, around, out, is_last)
    if kind is not None:
        return None
    cut = boiler.note_cut(text)
    if cut is not None:
        out.drop("note", text[cut:])
        return para.split(cut)[0]
    return para


def _paragraph_kind(para: Para, around: tuple[str, str], out: Cleaned, is_last: bool) -> str | None:
    """Classify one paragraph; record it in `out` unless it is body text (then None)."""
    text = para.text.strip()
    if boiler.related_kind(text):
        out.drop("related", text)
        return "related"
    if boiler.note_kind(text):
        out.drop("note", text)
        return "note"
    if boiler.credit_kind(text):
        out.drop("credit", text)
        return "credit"
    if _agency_line(text, out):
        return "credit"
    if boiler.url_only(text):
        out.drop("other", text)
        return "other"
    caption = boiler.caption_split(para)
    if caption is not None:
        out.drop("caption", caption[0])
        if caption[1]:
            out.drop("credit", caption[1])
        return "caption"
    return _subhead(para, around, out, is_last)


def _agency_line(text: str, out: Cleaned) -> bool:
    """A paragraph that only names the agency the report came from ("AFP", "(Reuters)", "— AP")."""
    if len(text) > 40:
        return False
    name = agency_name(text.strip(" -–—©.|"))
    if name is None:
        return False
    out.agency = out.agency or name
    out.drop("credit", text)
    return True


def _subhead(para: Para, around: tuple[str, str], out: Cleaned, is_last: bool) -> str | None:
    prev, nxt = around
    if is_last or (nxt[:1].islower()):
        return None
    head = boiler.subhead_text(para, prev, nxt)
    if head is None:
        return None
    out.subheads.append(out.normalise(head))
    out.drop("subhead", para.text)
    return "subhead"


def _join_broken(paras: list[Para], restarts: set[int]) -> tuple[list[Para], set[int]]:
    """Join each paragraph that breaks off mid-sentence with the one that continues it."""
    joined: list[Para] = []
    moved: set[int] = set()
    for index, para in enumerate(paras):
        if joined and index not in restarts and boiler.joins_next(joined[-1].text, para.text):
            joined[-1] = joined[-1] + para
            continue
        if index in restarts:
            moved.add(len(joined))
        joined.append(para)
    return joined, moved


def _assemble(paras: list[Para], starts: set[int], out: Cleaned) -> None:
    """The clean text: paragraphs joined by blank lines; links and segments with final offsets."""
    parts: list[str] = []
    seg_starts: list[int] = [0]
    pos = 0
    for index, para in enumerate(paras):
        if index:
            pos += 2
        if index in starts:
            seg_starts.append(pos)
        for start, end, url in para.links:
            out.links.append(Link(text=para.text[start:end], url=url, start=pos + start, end=pos + end))
        parts.append(para.text)
        pos += len(para.text)
    out.text = out.normalise("\n\n".join(parts))
    bounds = [*seg_starts, len(out.text)]
    out.segments = [Segment(start=a, end=b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    for link in out.links:
        link.text = out.text[link.start:link.end]


def clean_text(raw: str, title: str | None = None) -> Cleaned:
    """The clean body of a raw article, with everything cleaning took out and found."""
    raw = normalise_input(raw)
    out = Cleaned(text="", title=title, apostrophe=apostrophe_style(raw))
    paras = [strip_markup(block) for block in split_blocks(raw)]
    paras = [p for p in paras if p.text.strip()]
    paras = _take_header(paras, out, blocks=bool(re.search(r"\n[ \t]*\n", raw.strip())))
    paras, restarts = _drop_boilerplate(paras, out)
    paras, restarts = _join_broken(paras, restarts)
    paras, starts = split_stitched(paras, restarts)
    _assemble(paras, starts, out)
    if out.title:
        out.title = out.normalise(out.title)
    return out
