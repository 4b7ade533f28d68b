"""Stitched documents: two reports glued into one text, as scrapers and aggregators make them.

A sentence glued to the next without a space (`...countries."Meanwhile, Russia`) is where text from
different places met. Most such points are paragraph breaks a scraper lost inside one report; they
get their break back. Only the rare one that opens like a new report starts a new segment.
"""

from __future__ import annotations

import re

from newsprism.ingest.markup import Para

# A sentence glued to the next without a space: `...countries."Meanwhile, Russia` marks the seam
# where two reports were stitched together.
_GLUED = re.compile(r"(?<=[a-z0-9)][.!?])[\"”’']?(?=[A-Z][a-z]+[ ,])")
_MIN_SEGMENT_CHARS = 200


def split_stitched(paras: list[Para], restarts: set[int]) -> tuple[list[Para], set[int]]:
    """Restore paragraph breaks lost where sentences are glued together (`said.The`), and return
    the paragraphs with the indexes where a new report begins (a stitched document's seams)."""
    out: list[Para] = []
    starts = set(restarts)
    glued: list[int] = []
    for index, para in enumerate(paras):
        if index in restarts:
            starts.add(len(out))
        for j, piece in enumerate(_unglue(para)):
            if j > 0:
                glued.append(len(out))
            out.append(piece)
    if len(glued) <= _MAX_SEAMS:  # many glued sentences: a scraper lost breaks, no stitching
        starts.update(i for i in glued if _starts_report(out, i))
    return out, {s for s in starts if s > 0}


def _unglue(para: Para) -> list[Para]:
    """The paragraph cut where one sentence is glued to the next without a space."""
    pieces: list[Para] = []
    rest, offset = para, 0
    for match in _GLUED.finditer(para.text):
        end = match.end()
        mark = para.text[match.start():end]
        if mark in ("\"", "'") and para.text[:match.start()].count(mark) % 2 == 0:
            end -= 1  # the quote mark opens the next sentence
        left, rest = rest.split(end - offset)
        pieces.append(left)
        offset = end
    pieces.append(rest)
    return pieces


# A report does not open by pointing back at what came before: after these words a glued
# sentence is a lost break inside one report, not the start of a second report.
_ANAPHORIC = frozenset(
    ["he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "his", "her", "its", "their", "our", "but", "and", "so", "then", "also", "yet", "still", "there", "here", "such"]
)
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_NOT_FIRST_NAMES = frozenset(
    ["The", "A", "An", "In", "On", "At", "For", "From", "By", "With", "As", "But", "And", "Or", "If", "When", "While", "After", "Before", "Since", "Meanwhile", "This", "That", "These", "Those", "There", "Here", "It", "He", "She", "They", "We", "Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Prime", "Secretary", "General", "Chancellor", "Senator", "Sen", "Rep", "Gov", "Governor", "Mayor"]
)


_MAX_SEAMS = 3
_LEAD_WHEN = re.compile(
    r"\b(?:(?:on|by|until|from|since|last|next|this) )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:today|yesterday|tonight|this week|next week|last week)\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
)


def _starts_report(paras: list[Para], index: int) -> bool:
    """A glued boundary is a seam between two reports when there is enough text on both sides,
    the second opens like a news lead (not anaphorically, and saying when: "on Thursday"), and it
    introduces again by full name someone the first already named in full (one report names a
    person in full once, then by surname)."""
    before = "\n".join(p.text for p in paras[:index])
    after = "\n".join(p.text for p in paras[index:])
    if len(before) < _MIN_SEGMENT_CHARS or len(after) < _MIN_SEGMENT_CHARS:
        return False
    first = re.match(r"[A-Za-z]+", after)
    if first is None or first.group(0).lower() in _ANAPHORIC:
        return False
    lead = re.split(r"(?<=[.!?])[\"”’']?\s", after[:500], maxsplit=1)[0]
    if not _LEAD_WHEN.search(lead):
        return False
    return bool(_full_names(before) & _full_names(after))


def _full_names(text: str) -> set[str]:
    return {f"{a} {b}" for a, b in _FULL_NAME.findall(text) if a not in _NOT_FIRST_NAMES}


