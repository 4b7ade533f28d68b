"""Date facts: the event each date mention dates, keyed for the claims table and the timeline.

A date dates the nearest event noun with its phase ("drills end", "talks start") or, when a speech
verb is nearer, the statement of the person who spoke ("the day Stoltenberg spoke"); a trailing
"..., officials said." attributes the sentence and dates nothing. A month and day written without
a year is read in the story's year.
"""

from __future__ import annotations

import re

from newsprism.lexicon import months
from newsprism.records import DateMention
from newsprism.stories.view_facts import ArticleContext, Fact, Tok, lexicon, match_phrase
from newsprism.stories.view_text import content_words, fold

_MONTHS = months()  # the one month table (newsprism.lexicon)
_MONTH_DAY = re.compile(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([a-z]{3,9})\b")


def dated(ctx: ArticleContext, mention: DateMention) -> str | None:
    """A mention's ISO value; a month and day without a year is read in the story's year."""
    if mention.value:
        return mention.value
    m = _MONTH_DAY.search(mention.text)
    if m is None or ctx.year is None:
        return None
    month = _MONTHS.get((m.group(1) or m.group(4) or "").lower())
    day = int(m.group(2) or m.group(3))
    if month is None or not 1 <= day <= 31:
        return None
    return f"{ctx.year:04d}-{month:02d}-{day:02d}"


_NEAR_SPEECH = 8  # tokens between a date and the speech verb it dates
_NEAR_EVENT = 12  # tokens between a date and the event noun it dates
_NEAR_PHASE = 6  # tokens between a date and an end/start word


def date_facts(ctx: ArticleContext, dates: list[DateMention]) -> list[Fact]:
    """One fact per resolved or weekday date mention whose event can be named."""
    out: list[Fact] = []
    for mention in dates:
        value = dated(ctx, mention)
        if not (value or mention.weekday):
            continue
        fact = _date_fact(ctx, mention, value)
        if fact is not None:
            out.append(fact)
    return out


def _date_fact(ctx: ArticleContext, mention: DateMention, value: str | None) -> Fact | None:
    text = ctx.article.text
    start, end = mention.start, mention.end
    if value and len(value) >= 10 and _STAMP.match(text, end):
        return None  # "26 May 2031, 10:00 (GMT)": when a page was posted, not when anything happened
    sent = ctx.sentences.around(start, end)
    toks = ctx.sentence_tokens(sent)
    di = next((i for i, t in enumerate(toks) if t.end > start), len(toks))
    dj = next((i for i, t in enumerate(toks) if t.start >= end), len(toks))
    picked = _event_key(ctx, toks, di, dj, sent)
    if picked is None:
        return None
    key, subject = picked
    sentence_words = ctx.content(sent) - content_words(text[start:end])
    return Fact(
        kind="date", article_id=ctx.article.id, key=key, subject=subject, start=start, end=end,
        text=mention.text or text[start:end], sentence=sent,
        date=_for_phase(value, key[-1]), weekday=mention.weekday,
        persons=ctx.persons_in(*sent), names=ctx.names_in(*sent), words=sentence_words,
        sentence_index=ctx.sentences.index_of(start), actors=ctx.actors_in(*sent),
        background=_background(ctx, value), marker="edge" if _edge(text, start, end) else "",
    )


_STAMP = re.compile(r",?\s*\d{1,2}\s?:\s?\d{2}\b")  # a clock time right after a full date
_EDGE_BEFORE = re.compile(r"(?i)\b(?:early|late|overnight)\s+(?:on\s+)?$")
_EDGE_AFTER = re.compile(r"(?i)\s+(?:night|evening|overnight)\b")


def _edge(text: str, start: int, end: int) -> bool:
    """A day's edge ("Friday night", "early Saturday"): one night may be dated either day."""
    return bool(_EDGE_BEFORE.search(text, max(0, start - 14), start) or _EDGE_AFTER.match(text, end)
                or text[start:end].lower().startswith(("early", "late")))


def _background(ctx: ArticleContext, value: str | None) -> bool:
    """A date in another year than the story's: history, not the event the story reports."""
    return bool(value and ctx.year and value[:4].isdigit() and int(value[:4]) != ctx.year)


def _event_key(ctx: ArticleContext, toks: list[Tok], di: int, dj: int,
               sent: tuple[int, int]) -> tuple[tuple[str, ...], str] | None:
    """The key and subject of the event a date dates: a speaker's statement or an event phase."""
    for cls, where in _nearest_event(toks, di, dj):
        if cls == "statement":  # the day someone spoke; unnamed speakers cannot be compared
            speaker = _speaker_near(ctx, toks, where, sent)
            if speaker is None:
                return None
            return ("date", "statement", speaker), f"day {speaker} made the statement"
        phase = _phase(toks, di, dj, where)
        return ("date", cls, phase), (f"{cls} {phase}" if phase != "on" else f"{cls} date")
    return None


def _for_phase(value: str | None, phase: str) -> str | None:
    """A range ("2022-02-10/2022-02-20") compared by the end it speaks of: its start for a start,
    its end for an end; the whole range otherwise."""
    if not value or "/" not in value:
        return value
    first, _, last = value.partition("/")
    return first if phase == "start" else last if phase == "end" else value


def _distance(i: int, di: int, dj: int) -> int:
    return di - i if i < di else i - dj + 1


def _nearest_event(toks: list[Tok], di: int, dj: int) -> list[tuple[str, int]]:
    """Candidate events a date dates, nearest first: ("statement", verb index) or (class, index).

    A speech verb closing the sentence after the date and a comma attributes the whole sentence
    ("..., officials said."); it is not the event dated.
    """
    lex = lexicon()
    found: list[tuple[int, int, int, str, int]] = []  # (distance, after, speech first, class, i)
    i = 0
    while i < len(toks):
        if di <= i < dj:
            i += 1
            continue
        d = _distance(i, di, dj)
        hit = match_phrase(toks, i, lex.events)
        if (toks[i].word,) in lex.speech and d <= _NEAR_SPEECH and not _after_comma(toks, dj, i):
            found.append((d, 0 if i < di else 1, 0, "statement", i))
        if hit is not None:
            n = hit[1]
            near = min(_distance(k, di, dj) for k in range(i, i + n))
            if near <= _NEAR_EVENT:
                found.append((near, 0 if i < di else 1, 1, hit[0], i))
            i += n
            continue
        i += 1
    found.sort()
    return [(cls, idx) for *_, cls, idx in found]


def _after_comma(toks: list[Tok], dj: int, i: int) -> bool:
    """A trailing attribution: the verb follows the date after a comma and ends the sentence."""
    return i >= dj and len(toks) - i <= 4 and any(t.raw == "," for t in toks[dj:i])


def _phase(toks: list[Tok], di: int, dj: int, noun: int) -> str:
    """"end", "start" or "on": the phase word nearest the date or the event noun it dates
    ("will begin 10 days of joint drills on Thursday": begin is far from Thursday, near drills)."""
    lex = lexicon()
    best: tuple[int, str] | None = None
    for i in range(max(0, min(di, noun) - _NEAR_PHASE), min(len(toks), max(dj, noun + 1) + _NEAR_PHASE)):
        if di <= i < dj:
            continue
        word = fold(toks[i].raw)
        phase = "end" if word in lex.end_words else "start" if word in lex.start_words else None
        d = min(_distance(i, di, dj), abs(i - noun))
        if phase and d <= _NEAR_PHASE and (best is None or d < best[0]):
            best = (d, phase)
    return best[1] if best else "on"


def _speaker_near(ctx: ArticleContext, toks: list[Tok], verb: int, sent: tuple[int, int]) -> str | None:
    """The person (else organisation) named nearest before a speech verb, else nearest at all."""
    pos = toks[verb].start
    named = [(s, e, n, t) for s, e, n, t in ctx.named if sent[0] <= s and e <= sent[1]]
    if not named:
        return None
    before = [x for x in named if x[1] <= pos]
    pool = before or named
    pool.sort(key=lambda x: (x[3] != "PERSON", abs(pos - x[1])))
    return pool[0][2]
