"""Inline Markdown in article text: link markup becomes plain anchor text plus kept links.

Scraped articles arrive as Markdown (or plain text with stray Markdown). The body keeps the words a
reader sees; the link targets are kept with offsets into the paragraph, so they survive cleaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# [anchor](target "title") and ![alt](src); the target may be empty or "#".
_LINK = re.compile(r"(!?)\[([^\[\]\n]{0,300})\]\(\s*<?([^()\s<>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+)>")
_BOLD = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,300}?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_REF_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\[[^\[\]\n]*\]")
_MARKUP_CHAR = re.compile(r"[\[`*_<#]")


@dataclass
class Para:
    """A paragraph of text with the links it carries (offsets into `text`)."""

    text: str
    links: list[tuple[int, int, str]] = field(default_factory=list)
    bold_tail: str = ""  # a bold run that closed the paragraph (photo credits are written so)
    heading: bool = False

    def __add__(self, other: Para) -> Para:
        """Join two paragraphs with one space (a sentence broken across paragraphs)."""
        shift = len(self.text) + 1
        moved = [(s + shift, e + shift, u) for s, e, u in other.links]
        return Para(self.text + " " + other.text, self.links + moved, other.bold_tail)

    def split(self, at: int) -> tuple[Para, Para]:
        """Two paragraphs cut at `at` (whitespace at the cut is dropped)."""
        left, right = self.text[:at].rstrip(), self.text[at:].lstrip()
        skip = len(self.text) - len(self.text[at:].lstrip())
        a = [(s, e, u) for s, e, u in self.links if e <= len(left)]
        b = [(s - skip, e - skip, u) for s, e, u in self.links if s >= skip]
        return Para(left, a), Para(right, b, self.bold_tail)


def strip_markup(raw: str) -> Para:
    """One paragraph with its Markdown link, image, emphasis and heading markup removed."""
    if _MARKUP_CHAR.search(raw) is None:  # every pattern below needs one of these characters
        return Para(raw)
    heading = _HEADING.match(raw)
    text = heading.group(1) if heading else raw
    text = _REF_LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    bold_tail = _bold_tail(text)
    text = _BOLD.sub(r"\2", text)
    text = _EMPH.sub(r"\1", text)
    para = _take_links(text)
    para.bold_tail = bold_tail
    para.heading = heading is not None
    return para


def _bold_tail(text: str) -> str:
    """The bold run that ends the paragraph, if the paragraph also has other text."""
    stripped = text.rstrip()
    match = re.search(r"(\*\*|__)([^*_\n]{2,160})\1$", stripped)
    if match and stripped[: match.start()].strip():
        return match.group(2).strip()
    return ""


def _take_links(text: str) -> Para:
    """Replace link and autolink markup by the anchor text; images disappear."""
    out: list[str] = []
    links: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for match in _merged_matches(text):
        out.append(text[pos : match.start()])
        length += match.start() - pos
        pos = match.end()
        if match.re is _LINK:
            if match.group(1):  # image: the alt text is not part of the article
                continue
            anchor, url = match.group(2), match.group(3)
        else:
            anchor = url = match.group(1)
        out.append(anchor)
        if anchor.strip():
            links.append((length, length + len(anchor), url))
        length += len(anchor)
    out.append(text[pos:])
    return Para("".join(out), links)


def _merged_matches(text: str) -> list[re.Match[str]]:
    """Link and autolink matches in text order, without overlaps."""
    found = sorted([*_LINK.finditer(text), *_AUTOLINK.finditer(text)], key=lambda m: m.start())
    kept: list[re.Match[str]] = []
    end = -1
    for match in found:
        if match.start() >= end:
            kept.append(match)
            end = match.end()
    return kept
