"""A long article's page in parts: the text is cut at line breaks into parts of about PART_CHARS
characters, and the page shows one part with its highlights, quotes and events (`?part=N`; a
cited passage `?hl=` opens the part holding it). The cost of a page is then bounded whatever the
article's length: at most MAX_MARKS highlights and MAX_LISTED quotes and events, each quote's text
cut at QUOTE_CHARS (its full span is one `show` link away)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import msgspec

from newsprism.records import Event, Quote
from newsprism.web.highlight import Mark

PART_CHARS = 40_000
MAX_MARKS = 2_000
MAX_LISTED = 200
QUOTE_CHARS = 600


@dataclass
class ArticlePart:
    """What one page of an article shows."""

    number: int  # 1-based
    count: int
    start: int  # offsets of the part in the whole text
    end: int
    text: str
    marks: list[Mark] = field(default_factory=list)  # offsets into `text`
    quotes: list[Quote] = field(default_factory=list)  # offsets into the whole text (for ?hl=)
    events: list[Event] = field(default_factory=list)
    more_listed: bool = False  # quotes or events of this part left out of the lists
    quotes_total: int = 0  # quotes and events in this part, listed or not
    events_total: int = 0


def bounds(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """The parts' (start, end): cut at the last line break of each stretch of `size` characters
    (in its second half), else at `size`."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text) or not out:
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut > start:
                end = cut + 1
        out.append((start, end))
        start = end
    return out


def part_of(text: str, marks: list[Mark], quotes: list[Quote], events: list[Event], number: int,
            span: tuple[int, int] | None) -> ArticlePart:
    """Part `number` (clamped), or the part holding the cited `span`, with what falls in it."""
    parts = bounds(text)
    index = min(max(number, 1), len(parts)) - 1
    if span is not None:
        index = next(i for i, (s, e) in enumerate(parts) if s <= span[0] < e or e == len(text))
    start, end = parts[index]
    inside = [replace(m, start=max(m.start, start) - start, end=min(m.end, end) - start)
              for m in marks if m.start < end and m.end > start]
    part_quotes = [q for q in quotes if start <= q.start < end]
    part_events = [e for e in events if start <= e.start < end]
    return ArticlePart(number=index + 1, count=len(parts), start=start, end=end, text=text[start:end],
                       marks=inside[:MAX_MARKS], quotes=[_short(q) for q in part_quotes[:MAX_LISTED]],
                       events=part_events[:MAX_LISTED],
                       more_listed=len(part_quotes) > MAX_LISTED or len(part_events) > MAX_LISTED,
                       quotes_total=len(part_quotes), events_total=len(part_events))


def _short(quote: Quote) -> Any:
    if len(quote.text) <= QUOTE_CHARS:
        return quote
    return msgspec.structs.replace(quote, text=quote.text[:QUOTE_CHARS] + "\u2026")
