"""What the claims table compares, and what reading it needs: facts, tokens, the lexicon, and an
article's context (sentences, names, places, quotes) looked up by offset.

A fact is one figure (`view_figures`) or date mention (`view_dates`) in one article with the key
of what it is about; facts with one key from several articles make a claim (`claims`).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsprism.lexicon import speech_verbs
from newsprism.lexicon import text as data_text
from newsprism.records import Analysis, Article
from newsprism.stories.view_text import (
    STOPWORDS,
    Sentences,
    fold,
    singular,
    words,
)

_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019\u00b4\-][^\W_]+)*'?|\d+(?:[.,]\d+)*"
                    r"|[,;:()\u2014\u2013]|--")
_POSSESSIVE = re.compile(r"'s?$")
STOP_PUNCT = {",", ";", ":", "(", ")", "\u2014", "\u2013", "--"}
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
    raw = json.loads(data_text("story_view.json"))
    preds = {w: k for k, ws in raw["predicates"].items() for w in ws}
    return Lexicon(
        objects=_phrases(raw["object_classes"]), predicates=preds,
        more_words=frozenset(raw["more_words"]), events=_phrases(raw["event_nouns"]),
        speech=frozenset(tuple(s.split()) for s in speech_verbs() | set(raw["speech_nouns"])),
        end_words=frozenset(raw["end_words"]), start_words=frozenset(raw["start_words"]),
        locatives=frozenset(raw["locatives"]), not_places=frozenset(raw["not_places"]),
    )


@dataclass
class Fact:
    """One figure or date mention in one article, with the key of what it is about."""

    kind: str  # "figure", "date", "place" or "name"
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
    high: float | None = None  # the upper end of a range ("between 10 and 20")
    marker: str = ""  # "other", "subset" or "part" (see view_frames), else ""
    mods: frozenset[str] = frozenset()  # words qualifying the counted noun ("partner" nations)
    cue: str = ""  # "up", "down", "now", "past" (what the words say about change) or "rival"
    # (another's count the sentence sets against its own: "fewer than the 3,000 claimed")
    when: str | None = None  # the ISO day it holds for (its clause's date, else publication)
    when_text: str | None = None  # the date words that gave `when`
    background: bool = False  # said of another time than the story's ("last year", a past year)
    years: frozenset[str] = frozenset()  # years written in its sentence
    actors: frozenset[str] = frozenset()  # people and organisations named in its sentence (a name
    # fact: every person its article names, folded, so two names of one article are two people)
    verb: str = ""  # the verb governing a figure ("kill", "attack"), see view_frames
    head: str = ""  # the word that named what a figure counts ("people", "workers")


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

    def __init__(self, article: Article, analysis: Analysis, year: int | None = None,
                 reference: str | None = None) -> None:
        self.article = article
        self.year = _year(article.published) or year  # for dates written without one
        self.reference = article.published or reference  # the day relative dates count from
        self.sentences = Sentences(article, analysis.sentences)
        self._tokens: dict[tuple[int, int], list[Tok]] = {}
        self._content: dict[tuple[int, int], set[str]] = {}
        self._words: dict[tuple[int, int], list[str]] = {}
        ents = analysis.entities
        outlet = (article.outlet or "").casefold()  # an outlet read as a person is not one
        self.persons = sorted((e.start, e.end, e.canonical or e.text) for e in ents
                              if e.type == "PERSON" and (e.canonical or e.text).casefold() != outlet)
        self.named = sorted((e.start, e.end, e.canonical or e.text, e.type)
                            for e in ents if e.type in ("PERSON", "ORG"))
        places = [(p.start, p.end, p.name or p.text) for p in analysis.places]
        places += [(e.start, e.end, e.canonical or e.text) for e in ents if e.type == "PLACE"]
        self.places = sorted(places)
        self.known_places = analysis.ran("places") or bool(ents)
        self.quotes = [(q.start, q.end, q.speaker) for q in analysis.quotes if q.speaker]
        self.entities = sorted(ents, key=lambda e: e.start)  # for facts framed by a person
        self.dates = sorted(((d.start, d.end, d.value, d.text) for d in analysis.dates),
                            key=lambda d: (d[0], d[1]))

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

    def actors_in(self, start: int, end: int) -> frozenset[str]:
        """Canonical names of the people and organisations within [start, end)."""
        return frozenset(x[2] for x in _within(self.named, start, end))

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


def _year(published: str | None) -> int | None:
    try:
        return int((published or "")[:4])
    except ValueError:
        return None
