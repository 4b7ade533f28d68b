"""Facts the claims table compares: each figure and date mention with what it is about.

A figure's key is its unit, the class of what it counts (troops, deaths, drills...) read from the
figure's object or the words after it, an outcome word (killed, injured) and the place it is in
("in Belarus", "around Ukraine"). A date's key is the event it dates (the nearest event noun and
phase: drills end, talks start) or, when a speech verb is nearest, the statement of a speaker.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from newsprism.records import Article
from newsprism.stories.view_text import (
    STOPWORDS,
    Sentences,
    content_words,
    fold,
    items,
    singular,
    words,
    wordset,
)

_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019\u00b4\-][^\W_]+)*'?|\d+(?:[.,]\d+)*"
                    r"|[,;:()\u2014\u2013]|--")
_POSSESSIVE = re.compile(r"'s?$")
_STOP_PUNCT = {",", ";", ":", "(", ")", "\u2014", "\u2013", "--"}
SMALL = 10  # counts under this are too common to be one claim unless the same word counts them
DURATION_UNITS = {"day", "week", "month", "year", "hour", "minute", "second", "days", "weeks",
                  "months", "years", "hours"}


@dataclass(frozen=True)
class Lexicon:
    """The story view's word lists, with multi-word phrases as token tuples."""

    objects: dict[tuple[str, ...], str]
    predicates: dict[str, str]
    more_words: frozenset[str]
    events: dict[tuple[str, ...], str]
    speech: frozenset[tuple[str, ...]]
    end_words: frozenset[str]
    start_words: frozenset[str]
    locatives: frozenset[str]
    not_places: frozenset[str]


def _phrases(table: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for cls, entries in table.items():
        for entry in entries:
            out[tuple(singular(w) for w in entry.split())] = cls
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped in `newsprism/data/story_view.json`."""
    raw = json.loads(resources.files("newsprism.data").joinpath("story_view.json").read_text("utf-8"))
    preds = {w: k for k, ws in raw["predicates"].items() for w in ws}
    return Lexicon(
        objects=_phrases(raw["object_classes"]), predicates=preds,
        more_words=frozenset(raw["more_words"]), events=_phrases(raw["event_nouns"]),
        speech=frozenset(tuple(s.split()) for s in raw["speech_verbs"]),
        end_words=frozenset(raw["end_words"]), start_words=frozenset(raw["start_words"]),
        locatives=frozenset(raw["locatives"]), not_places=frozenset(raw["not_places"]),
    )


@dataclass
class Fact:
    """One figure or date mention in one article, with the key of what it is about."""

    kind: str  # "figure" or "date"
    article_id: str
    key: tuple[str, ...]
    subject: str
    start: int
    end: int
    text: str
    sentence: tuple[int, int]
    number: float = 0.0
    unit: str | None = None
    qualifier: str | None = None
    date: str | None = None
    weekday: str | None = None
    claimant: str | None = None
    place: str | None = None
    persons: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # people, organisations and places named in the sentence
    words: set[str] = field(default_factory=set)
    sentence_index: int = 0


@dataclass(slots=True)
class Tok:
    word: str  # folded, singular
    raw: str
    start: int
    end: int


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of text[start:end] with absolute offsets."""
    return [Tok(_word(m.group()), m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(text, start, end)]


@lru_cache(maxsize=1 << 16)
def _word(raw: str) -> str:
    """A token as compared: folded, possessive dropped, singular."""
    folded = fold(raw)
    return singular(_POSSESSIVE.sub("", folded) if "'" in folded else folded)


_FIRSTS: dict[int, frozenset[str]] = {}


def _firsts(table: dict[tuple[str, ...], str]) -> frozenset[str]:
    """The words lexicon phrases start with, to skip most tokens with one set lookup."""
    found = _FIRSTS.get(id(table))
    if found is None:
        found = _FIRSTS[id(table)] = frozenset(k[0] for k in table)
    return found


def match_phrase(toks: list[Tok], i: int, table: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
    """The longest lexicon phrase starting at token i: (class, length)."""
    if toks[i].word not in _firsts(table):
        return None
    for n in (3, 2, 1):
        key = tuple(t.word for t in toks[i:i + n])
        if len(key) == n and key in table:
            return table[key], n
    return None


def _within(spans: list[Any], start: int, end: int) -> list[Any]:
    """The items of a list sorted by start whose (start, end) lies within [start, end)."""
    i = bisect_left(spans, (start,))
    out = []
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] <= end:
            out.append(spans[i])
        i += 1
    return out


class ArticleContext:
    """What fact extraction needs from one article: text, sentences, entities, places, quotes."""

    def __init__(self, article: Article, outputs: dict[str, Any], year: int | None = None,
                 reference: str | None = None) -> None:
        self.article = article
        self.year = _year(article.published) or year  # for dates written without one
        self.reference = article.published or reference  # the day relative dates count from
        self.sentences = Sentences(article, outputs.get("sentences"))
        self._tokens: dict[tuple[int, int], list[Tok]] = {}
        self._content: dict[tuple[int, int], set[str]] = {}
        self._words: dict[tuple[int, int], list[str]] = {}
        ents = items(outputs.get("entities"))
        self.persons = sorted((int(e["start"]), int(e["end"]), str(e.get("canonical") or e.get("text")))
                              for e in ents if e.get("type") == "PERSON")
        self.named = sorted((int(e["start"]), int(e["end"]), str(e.get("canonical") or e.get("text")),
                             str(e.get("type"))) for e in ents if e.get("type") in ("PERSON", "ORG"))
        places = [(int(p["start"]), int(p["end"]), str(p.get("name") or p.get("text")))
                  for p in items(outputs.get("places"))]
        places += [(int(e["start"]), int(e["end"]), str(e.get("canonical") or e.get("text")))
                   for e in ents if e.get("type") == "PLACE"]
        self.places = sorted(places)
        self.known_places = bool(outputs.get("places") is not None or ents)
        self.quotes = [(int(q["start"]), int(q["end"]), q.get("speaker"))
                       for q in items(outputs.get("quotes")) if q.get("speaker")]

    def sentence_tokens(self, sent: tuple[int, int]) -> list[Tok]:
        """Tokens of one sentence, computed once per article."""
        toks = self._tokens.get(sent)
        if toks is None:
            toks = self._tokens[sent] = tokens(self.article.text, *sent)
        return toks

    def words(self, sent: tuple[int, int]) -> list[str]:
        """Folded words of one sentence, computed once per article."""
        found = self._words.get(sent)
        if found is None:
            found = self._words[sent] = words(self.article.text[sent[0]:sent[1]])
        return found

    def content(self, sent: tuple[int, int]) -> set[str]:
        """Content words of one sentence, computed once per article."""
        found = self._content.get(sent)
        if found is None:
            found = self._content[sent] = {singular(w) for w in self.words(sent)
                                           if w not in STOPWORDS and len(w) > 1}
        return found

    def names_in(self, start: int, end: int) -> frozenset[str]:
        """Canonical names of the people, organisations and places within [start, end)."""
        named = {x[2] for x in _within(self.named, start, end)}
        return frozenset(named | {x[2] for x in _within(self.places, start, end)})

    def persons_in(self, start: int, end: int) -> frozenset[str]:
        return frozenset(x[2] for x in _within(self.persons, start, end))

    def place_at(self, start: int, end: int) -> str | None:
        for s, e, name in self.places:
            if s <= start < e or start <= s < end:
                return name
        return None

    def speaker_of(self, start: int, end: int) -> str | None:
        """The speaker of a quote that holds [start, end)."""
        for s, e, speaker in self.quotes:
            if s <= start and end <= e:
                return str(speaker)
        return None


_MONTHS = {m: i for i, ms in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), 1)
    for m in ms.split()}
_MONTH_DAY = re.compile(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([a-z]{3,9})\b")


def _year(published: str | None) -> int | None:
    try:
        return int((published or "")[:4])
    except ValueError:
        return None


def dated(ctx: ArticleContext, mention: dict[str, Any]) -> str | None:
    """A mention's ISO value; a month and day without a year is read in the story's year."""
    if mention.get("value"):
        return str(mention["value"])
    m = _MONTH_DAY.search(str(mention.get("text") or ""))
    if m is None or ctx.year is None:
        return None
    month = _MONTHS.get((m.group(1) or m.group(4) or "").lower())
    day = int(m.group(2) or m.group(3))
    if month is None or not 1 <= day <= 31:
        return None
    return f"{ctx.year:04d}-{month:02d}-{day:02d}"


# ---------------------------------------------------------------- figures


def figure_facts(ctx: ArticleContext, figures: list[dict[str, Any]]) -> list[Fact]:
    """One fact per figure whose counted thing can be named; others cannot be compared."""
    out: list[Fact] = []
    previous: dict[tuple[int, int], tuple[str, int]] = {}  # sentence -> (class, end) of the last
    for fig in sorted(figures, key=lambda f: int(f["start"])):
        fact = _figure_fact(ctx, fig, previous)
        if fact is not None:
            previous[fact.sentence] = (fact.key[1], fact.end)
            out.append(fact)
    return out


def _figure_fact(ctx: ArticleContext, fig: dict[str, Any],
                 previous: dict[tuple[int, int], tuple[str, int]]) -> Fact | None:
    text = ctx.article.text
    start, end = int(fig["start"]), int(fig["end"])
    sent = ctx.sentences.around(start, end)
    unit = _unit(fig.get("unit"))
    toks = ctx.sentence_tokens(sent)
    own = [t for t in toks if start <= t.start < end]
    after = [t for t in toks if end <= t.start < end + 80]
    before = [t for t in toks if start - 80 <= t.start < start]
    cls, pred, head = _object_class(str(fig.get("object") or ""),
                                    [t for t in own if not _numeric(t)] + after, unit)
    if cls is None:
        cls, pred, head = _counted_before(before, unit)  # "the number of people killed rose to 17"
    if cls is None:
        cls = _inherited(previous.get(sent), own, after, before, text, start)
    if cls is None:
        return None
    if float(fig["value"]) < SMALL and head and not cls.endswith(":" + head):
        cls = f"{cls}:{head}"  # "four nations" and "6 of 7 countries" are not one claim
    if pred in OUTCOME_CLASSES:
        cls, pred = OUTCOME_CLASSES[pred], None  # "12 people dead" and "17 killed": deaths
    place = _place_near(ctx, sent, start, end)
    key = ("figure", cls, unit or "count", pred or "", place or "")
    claimant = fig.get("source") or ctx.speaker_of(start, end)
    return Fact(
        kind="figure", article_id=ctx.article.id, key=key, subject=_subject(cls, pred, place, unit),
        start=start, end=end, text=str(fig.get("text") or text[start:end]), sentence=sent,
        number=float(fig["value"]), unit=unit, qualifier=fig.get("qualifier"),
        claimant=str(claimant) if claimant else None, place=place,
        persons=ctx.persons_in(*sent), names=ctx.names_in(*sent), words=ctx.content(sent),
        sentence_index=ctx.sentences.index_of(start),
    )


OUTCOME_CLASSES = {"killed": "deaths", "injured": "injuries"}
_COUNT_CUES = frozenset({"toll", "tally", "total", "number", "count", "figure"})
_PAIR_LINKS = frozenset({"to", "against", "versus", "vs", "and", "-", "\u2013"})


def _subject(cls: str, pred: str | None, place: str | None, unit: str | None) -> str:
    """What a claim is about, in words: "troops in Belarus", "drills (days)", "votes (second of
    a pair)"."""
    name, _, second = cls.partition("/")
    words_ = [name.split(":")[0], pred, f"({_UNIT_WORDS.get(unit, unit)})" if unit else None,
              f"in {place}" if place else None]
    subject = " ".join(w for w in words_ if w)
    return f"{subject} (second of a pair)" if second else subject


_UNIT_WORDS = {"day": "days", "week": "weeks", "month": "months", "year": "years",
               "hour": "hours", "percent": "%"}


def _counted_before(before: list[Tok], unit: str | None) -> tuple[str | None, str | None, str | None]:
    """What a figure counts when a cue before it names it: "the death toll rose to 17"."""
    clause = before[-12:]
    for i in range(len(clause) - 1, -1, -1):
        if clause[i].raw in _STOP_PUNCT:
            clause = clause[i + 1:]
            break
    cue = next((i for i, t in enumerate(clause) if t.word in _COUNT_CUES), None)
    if cue is None:
        return None, None, None
    if any(t.word == "death" for t in clause[:cue]):
        return "deaths", None, None
    return _object_class("", clause[cue + 1:], unit)


def _inherited(prev: tuple[str, int] | None, own: list[Tok], after: list[Tok], before: list[Tok],
               text: str, start: int) -> str | None:
    """The class of the figure just before in the sentence, for "three more" and "71 votes to 64"
    (a pair's second number is its own claim: votes against are not votes for)."""
    if prev is None:
        return None
    cls, prev_end = prev
    if any(t.word in lexicon().more_words for t in (own[-1:] + after[:1])):
        return cls  # "three vessels ... and three more": the same thing
    gap = [t for t in before if t.start >= prev_end]
    if len(gap) <= 2 and any(t.word in _PAIR_LINKS for t in gap):
        return cls if "/" in cls else f"{cls}/2"
    return None


NUMBER_WORDS = wordset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion trillion dozen dozens score half quarter"""
)


def _numeric(t: Tok) -> bool:
    """A number, a number word or a hedge inside a figure's text."""
    word = t.word.split("-")[0]
    return t.raw[:1].isdigit() or word in NUMBER_WORDS or t.word in STOPWORDS


def _unit(unit: Any) -> str | None:
    if not unit:
        return None
    u = fold(str(unit))
    return singular(u) if u in DURATION_UNITS else u


def _object_class(obj: str, after: list[Tok],
                  unit: str | None) -> tuple[str | None, str | None, str | None]:
    """The class of what a figure counts, an outcome word (killed, injured) when one follows, and
    the head word that named it."""
    lex = lexicon()
    window = _until_punct(after, 6)
    clause = _clause(after, 8)  # "12 people were confirmed dead": the outcome may follow a verb
    pred = next((lex.predicates[t.word] for t in clause if t.word in lex.predicates), None)
    obj_toks = tokens(obj, 0, len(obj))
    for toks in (obj_toks, window):
        for i in range(len(toks)):
            hit = match_phrase(toks, i, lex.objects)
            if hit is not None:
                return hit[0], pred, toks[i + hit[1] - 1].word
    if unit is None and pred == "killed":
        return "deaths", None, None
    if unit in DURATION_UNITS:  # "the next 12 days": a duration needs a named thing that lasts
        return None, None, None
    head = _head_noun(obj_toks or window[:3])
    return head, pred, head


_LINKS = frozenset({"of", "the", "a", "an"})


def _clause(toks: list[Tok], limit: int) -> list[Tok]:
    """Up to `limit` tokens, ending at punctuation."""
    out: list[Tok] = []
    for t in toks[:limit]:
        if t.raw in _STOP_PUNCT:
            break
        out.append(t)
    return out


def _until_punct(toks: list[Tok], limit: int) -> list[Tok]:
    """The noun phrase after a number: up to `limit` tokens, ending at punctuation or a function
    word other than of/the/a ("12 days with concern" names nothing; "10 days of drills" does)."""
    out: list[Tok] = []
    for t in toks[:limit]:
        if t.raw in _STOP_PUNCT or (t.word in STOPWORDS and t.word not in _LINKS):
            break
        out.append(t)
    return out


def _head_noun(toks: list[Tok]) -> str | None:
    """The last word of a short run of content words right after a number ("battalions")."""
    head = None
    for t in toks[:3]:
        if not t.word[0].isalpha() or t.word in STOPWORDS:
            break
        head = t.word
    return head


_NEAR_PLACE = 20  # tokens between a figure and the place it is in


def _token_gap(toks: list[Tok], tok: Tok, start: int, end: int) -> int:
    """Tokens between `tok` and the span [start, end)."""
    if tok.start >= end:
        return sum(1 for t in toks if end <= t.start < tok.start)
    return sum(1 for t in toks if tok.end <= t.start < start)


def _place_near(ctx: ArticleContext, sent: tuple[int, int], start: int, end: int) -> str | None:
    """The place a locative preposition in the sentence names, nearest to the figure."""
    lex = lexicon()
    toks = ctx.sentence_tokens(sent)
    best: tuple[int, str] | None = None
    for i, t in enumerate(toks[:-1]):
        if t.word not in lex.locatives:
            continue
        nxt = toks[i + 1]
        if not nxt.raw[:1].isupper() or nxt.word in lex.not_places:
            continue
        name = ctx.place_at(nxt.start, nxt.end)
        if name is None and ctx.places:
            continue
        if name is None:
            name = re.sub(r"['\u2019\u00b4]s?$", "", nxt.raw)
        if nxt.end <= start and any((t.word,) in lex.speech for t in toks[i:] if t.start < start):
            continue  # "officials in Washington said ... 70 percent": the place is the speaker's
        dist = _token_gap(toks, nxt, start, end)
        if dist <= _NEAR_PLACE and (best is None or dist < best[0]):
            best = (dist, name)
    return best[1] if best else None


# ---------------------------------------------------------------- dates

_NEAR_SPEECH = 8  # tokens between a date and the speech verb it dates
_NEAR_EVENT = 12  # tokens between a date and the event noun it dates
_NEAR_PHASE = 6  # tokens between a date and an end/start word


def date_facts(ctx: ArticleContext, dates: list[dict[str, Any]]) -> list[Fact]:
    """One fact per resolved or weekday date mention whose event can be named."""
    out: list[Fact] = []
    for mention in dates:
        mention = {**mention, "value": dated(ctx, mention)}
        if not (mention.get("value") or mention.get("weekday")):
            continue
        fact = _date_fact(ctx, mention)
        if fact is not None:
            out.append(fact)
    return out


def _date_fact(ctx: ArticleContext, mention: dict[str, Any]) -> Fact | None:
    text = ctx.article.text
    start, end = int(mention["start"]), int(mention["end"])
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
        text=str(mention.get("text") or text[start:end]), sentence=sent,
        date=mention.get("value"), weekday=mention.get("weekday"),
        persons=ctx.persons_in(*sent), names=ctx.names_in(*sent), words=sentence_words,
        sentence_index=ctx.sentences.index_of(start),
    )


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
