"""What in a paragraph is not the report: scraper notes, credits, captions, related links, subheads.

Each test looks at one paragraph (markup already removed) and answers with the kind of thing it
is, in the vocabulary of `records.Removed`, or None for body text. The rules are general patterns
of how news pages and scrapers write these lines, not a list of known articles.
"""

from __future__ import annotations

import re

from newsprism.ingest.markup import Para
from newsprism.ingest.outlets import PHOTO_CREDITS

_NOTE_PATTERNS = [
    r"indexed (?:to|on|in) (?:our|this) (?:site|website|platform)",
    r"we do not claim (?:any )?(?:legitimacy|ownership|copyright)",
    r"(?:to )?(?:see|read|view) (?:the )?(?:full |complete )?(?:article|story|post) (?:at|on|from) (?:the )?original",
    r"\bclick here\b",
    r"this (?:story|article|report) has not been edited by",
    r"(?:is )?(?:auto-?generated|published) from a syndicated feed",
    r"(?:sign up|subscribe) (?:for|to) (?:our|the) (?:\w+ )?newsletter",
    r"\ball rights reserved\b",
    r"^(?:copyright|\(c\)|©)\s",
    r"follow (?:us|\w+) on (?:twitter|facebook|instagram|telegram|x)\b",
    r"^(?:share|share this|share this article|advertisement|ad|sponsored|continue reading|read more|"
    r"loading|skip advertisement|subscribe|log in|sign in|print|email|comments?)\W*$",
    r"^(?:this (?:article|story|post) )?(?:originally|first) (?:appeared|published) (?:on|in|at)\b",
    r"(?:this|the) (?:article|story|post) (?:was|is) (?:originally |first )?(?:published|posted) (?:on|by|at)\b",
    r"(?:download|get) (?:our|the) (?:free )?app\b",
    r"we use cookies\b",
    r"^(?:disclaimer|editor'?s note|editor’s note)\s*:",
]
_NOTE = re.compile("|".join(f"(?:{p})" for p in _NOTE_PATTERNS), re.I)
_NOTE_START = re.compile(r"(?:^|(?<=[.!?]\s))(?:Note|Disclaimer|Editor's note|Editor’s note)\s*:", re.I)

_CREDIT_ANYWHERE = re.compile(r"contributed (?:reporting |to )?(?:to )?(?:this|the) (?:report|story|article)", re.I)
_CREDIT_START = re.compile(
    r"\(?(?:additional )?(?:reporting|writing|editing|research|compiled|translated)(?: and \w+)? by\b"
    r"|(?:[A-Z][\w.'\-]+\s?){1,4} reported from [A-Z]"
    r"|\(?(?:reporting|writing) by .*(?:editing by|;)",
    re.I,
)
_RELATED = re.compile(
    r"^(?:related(?: articles?| stories| story| content| coverage| reading| news| links?)?"
    r"|read (?:more|also|next)|see also|also read|more on this(?: story)?|recommended(?: reading)?"
    r"|more from \w+|trending|most read|you may also like|also on \w+)\s*:?",
    re.I,
)
_ORIGINAL_URL = re.compile(
    r"^(?:original (?:url|link|article|source|story)|source (?:url|link)|canonical(?: url)?|source|via|link)"
    r"\s*:\s*(?P<url>\S*)\s*$",
    re.I,
)
_URL_ONLY = re.compile(r"^<?(?P<url>(?:https?://|www\.)\S+?)>?$")
_CAPTION_START = re.compile(r"^(?:photo|image|picture|pictured|caption|file photo|illustration|video)\s*(?:\(|:)", re.I)
_CAPTION_TAIL = re.compile(
    r"(?:\(\s*(?:photo|image|picture|credit|photograph)s?\s*(?:by|:|credit:)?[^()]{1,80}\)"
    r"|(?:photo|image|picture|photograph|credit)s?\s*(?:by|:)\s*[^.]{1,80})\s*$",
    re.I,
)
_CAPTION_WORDS = ("photo", "image", "picture", "credit")  # one of them is in every caption tail
_TERMINAL = tuple('.!?:;…"”’\')]。！？」')


# Words one of the note patterns needs: paragraphs without any of them skip the regex.
_NOTE_TRIGGERS = ("index", "claim", "original", "click", "edited", "syndicated", "newsletter",
                  "rights", "copyright", "(c)", "©", "follow", "appeared", "published", "posted",
                  " app", "cookies", "disclaimer", "editor")


def note_kind(text: str) -> bool:
    """A scraper's or site's note about the page rather than the report."""
    if len(text) > 600:
        return False
    if len(text) > 40:
        lower = text.lower()
        if not any(t in lower for t in _NOTE_TRIGGERS):
            return False
    return bool(_NOTE.search(text))


def note_cut(text: str) -> int | None:
    """Where a trailing note starts inside a body paragraph ("... Note: This article was indexed")."""
    if ":" not in text:
        return None
    for match in _NOTE_START.finditer(text):
        if match.start() > 0 and note_kind(text[match.start():]):
            return match.start()
    return None


def credit_kind(text: str) -> bool:
    """A reporters' credit line ("X reported from Sydney. Y in Washington contributed to this report.")."""
    if len(text) >= 400:
        return False
    if "contribut" in text.lower() and _CREDIT_ANYWHERE.search(text):
        return True
    return _CREDIT_START.match(text) is not None


def related_kind(text: str) -> bool:
    """A 'Related article:' or 'Read more:' line pointing to other pages."""
    return len(text) < 300 and bool(_RELATED.match(text)) and ":" in text[:40]


def original_url(text: str) -> tuple[bool, str | None]:
    """Whether the line is an 'Original url:' line, and the URL it carries (None: on the next line)."""
    match = _ORIGINAL_URL.match(text.strip())
    if not match:
        return False, None
    url = match.group("url").strip("<>") or None
    if url is not None and not url.startswith(("http://", "https://", "www.")):
        return False, None
    return True, url


def url_only(text: str) -> str | None:
    """The URL when the paragraph is nothing but a URL."""
    match = _URL_ONLY.match(text.strip())
    return match.group("url") if match else None


# a web address at the start of a text, also as a tokeniser spaces it out ("http: / / example.
# org / news / 12. html"): parts joined by URL punctuation, ending where two words meet with only a space
_LEADING_URL = re.compile(
    r"(?:https?[ \t]*:[ \t]*/[ \t]*/[ \t]*|www[ \t]*\.[ \t]*)[\w%~+]+"
    r"(?:(?:[ \t]*[./\-_?=&#:,;])+[ \t]*[\w%~+]+)*(?:[ \t]*/)?",
    re.I,
)


def leading_url(text: str) -> int:
    """How many characters of `text` a leading web address takes (0 when it starts otherwise;
    "www.x.org" without a path counts only as a whole line: "www.x.org is down" is a headline)."""
    match = _LEADING_URL.match(text)
    if match is None:
        return 0
    whole = not text[match.end():].strip()
    return match.end() if whole or text[:4].lower() == "http" or "/" in match.group(0) else 0


def first_words(text: str, lines: int = 8) -> str:
    """The first of the first `lines` lines that says something besides a leading web address,
    without that address ("" when none does)."""
    for line in text.strip().split("\n", lines)[:lines]:
        rest = line[leading_url(line):].strip(" \t\r")
        if rest:
            return rest
    return ""


def url_line(text: str) -> bool:
    """Whether a line is only a web address (spaced out or not): never a title or a lead."""
    line = text.strip()
    return bool(line) and leading_url(line) == len(line)


def caption_split(para: Para) -> tuple[str, str] | None:
    """(caption, credit) when the paragraph is a photo caption with a credit; None otherwise."""
    text = para.text.strip()
    if len(text) > 500:
        return None
    if para.bold_tail and text.endswith(para.bold_tail) and _looks_like_credit(para.bold_tail):
        return text[: -len(para.bold_tail)].strip(), para.bold_tail
    lower = text.lower()
    tail = _CAPTION_TAIL.search(text) if any(w in lower for w in _CAPTION_WORDS) else None
    if tail and tail.start() > 0:
        return text[: tail.start()].strip(), tail.group(0).strip(" ()")
    if _CAPTION_START.match(text) and len(text) < 300:
        return text, ""
    credit = _slash_credit(text)
    if credit:
        return text[: -len(credit)].strip(), credit
    return None


def _looks_like_credit(tail: str) -> bool:
    words = tail.split()
    if "/" in tail or tail.lower() in PHOTO_CREDITS:
        return True
    return len(words) <= 6 and any(w.strip("()").lower() in PHOTO_CREDITS for w in words)


def _slash_credit(text: str) -> str | None:
    """A credit closing a caption: '... in Kyiv. Jane Roe / Reuters'."""
    head, sep, desk = text.rpartition("/")
    if not sep or desk.strip().lower() not in PHOTO_CREDITS:
        return None
    match = re.search(r"(?<=[.!?])\s+((?:[A-Z][\w.'\-]*\s){0,4}[A-Z][\w.'\-]*)\s?$", head[-120:])
    if match is None:
        return None
    return text[len(head) - len(head[-120:]) + match.start(1):]


_PROSE_WORDS = 8


def _prose(text: str) -> bool:
    """A full paragraph of running text (what stands on both sides of a subhead)."""
    return len(text.split()) >= _PROSE_WORDS and not ends_open(text)


def subhead_text(para: Para, prev: str = "", nxt: str = "") -> str | None:
    """The subhead (without wrapping quotes) when the paragraph is one; None for body text.

    A subhead is a short line standing alone between paragraphs of prose; short lines next to
    other short lines are lists, tables or schedules and stay in the body.
    """
    text = para.text.strip()
    if not (_prose(prev) and len(nxt.split()) >= _PROSE_WORDS):
        return None
    inner = _unwrap_quotes(text)
    words = inner.split()
    if not words or len(words) > 10 or len(inner) > 90:
        return None
    if para.heading:
        return inner
    if inner.endswith(_TERMINAL) or not inner[0].isupper() and not inner[0].isdigit():
        return None
    wrapped = inner != text
    letters = [c for c in inner if c.isalpha()]
    shouting = bool(letters) and all(c.isupper() for c in letters) and len(letters) > 3
    if wrapped or shouting or len(words) <= 8:
        return inner
    return None


def _unwrap_quotes(text: str) -> str:
    pairs = {"'": "'", "‘": "’", "“": "”", '"': '"', "´": "´", "`": "'"}
    if len(text) >= 3 and text[0] in pairs and text[-1] in (pairs[text[0]], "’", "'"):
        inner = text[1:-1].strip()
        if not re.search(r"[\"“”]", inner):
            return inner
    return text


def ends_open(text: str) -> bool:
    """A paragraph that stops mid-sentence (no closing punctuation)."""
    return not text.rstrip().endswith(_TERMINAL)


_FUNCTION_END = re.compile(
    r"\b(?:a|an|the|and|or|but|of|to|in|on|at|for|with|by|from|that|which|who|as|is|was|were|are|"
    r"be|been|has|have|had|its|their|his|her|this|these|those|than|into|about|said|says)$",
    re.I,
)


def joins_next(text: str, next_text: str) -> bool:
    """True when `text` is a sentence broken off and `next_text` continues it."""
    if not ends_open(text) or not next_text:
        return False
    stripped = text.rstrip()
    if next_text[0].islower() or stripped.endswith((",", "-", "–", "—")):
        return True
    last = stripped.split()[-1] if stripped.split() else ""
    long_enough = len(stripped.split()) >= 8
    return long_enough and (last[:1].islower() or bool(_FUNCTION_END.search(stripped)))
