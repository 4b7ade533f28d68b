"""The `quotes` step: direct, partial and indirect speech with speaker and speech verb.

Rules over a speech-verb lexicon (`newsprism/data/speech_verbs.json`): quoted spans are paired
from straight, curly and doubled-apostrophe marks (a quote left open at a paragraph end runs on to
the next paragraph); each is attributed from the words right after it (`"...," she said`, `said X,
a Y`), right before it (`Truss added: "..."`), its sentence's reporting clause (partial quotes), or
the previous quote it continues. Reported speech is `SPEAKER [adverbs] VERB [that] CLAUSE` and
`CLAUSE, SPEAKER VERB.`. Speakers resolve to entities, pronouns to the most recent person outside
quotes, role nouns (`the president`) to the last person holding that role, and groups
(`US officials`) stay as written. Short quoted names with no speaker (`one "Union State"`) are
scare quotes, not quotes.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsprism.records import Article, Entity, Quote, Sentence

log = logging.getLogger(__name__)

_OPEN, _CLOSE, _BOTH = "\u201c\u00ab\u201e", "\u201d\u00bb", '"'
_MARKS = re.compile("''|[\"\u201c\u201d\u00ab\u00bb\u201e]|\n")
_ADVERBS = (r"(?:(?:also|meanwhile|however|too|now|instead|subsequently|initially|first|finally|"
            r"simply|flatly|openly|bluntly|angrily|[a-z]+ed\s+and|later|previously|earlier|then|recently|again|repeatedly|publicly|privately|"
            r"reportedly|has|have|had|would|will|could|may|might|quickly|separately|further|once|"
            r"never|long|had|last\s+\w+day|on\s+\w+day|in\s+a\s+statement|in\s+an\s+interview|"
            r"on\s+Twitter|(?:in|on|during|since)\s+(?:(?:late|early|mid)-?\s*)?(?:January|February|March|"
            r"April|May|June|July|August|September|October|November|December|\w+day|\d{4})|at\s+a\s+[\w\s]{0,30}?(?:conference|briefing|rally|meeting))\s+)*")
_ADVERBS_END = re.compile(_ADVERBS + "$")
_PRONOUNS = {"he": "PERSON", "she": "PERSON", "they": "ORG", "it": "ORG", "i": "SELF", "we": "SELF"}
_GROUP_MOD = (r"(?:(?:[A-Z][\w.'\u2019&-]*|senior|top|local|western|military|government|intelligence|"
              r"administration|federal|state|former|some|many|other|several|unnamed|anonymous|"
              r"defen[cs]e|foreign|security|campaign|party|police|health|election|news|u\.s\.)\s+)")


def _load(name: str = "speech_verbs.json") -> dict[str, Any]:
    text = resources.files("newsprism.data").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


class _Lexicon:
    """Speech verbs, group nouns and role nouns, compiled once."""

    def __init__(self) -> None:
        data = _load()
        self.clause_verbs = frozenset(data["clause_verbs"])
        self.ambiguous = frozenset(data["ambiguous"])
        self.object_verbs = frozenset(data["object_verbs"])
        self.titles = frozenset(data["name_titles"])
        names = _load("given_names.json")
        self.gender = {n: "f" for n in names["female"]} | {n: "m" for n in names["male"]}
        self.cue = re.compile(rf"\b(?:{_alt(data['verbs'])})\b(?:\s+(?:reporters|journalists))?")
        self.cue_first = frozenset(v.split()[0] for v in data["verbs"]) | {"according", "According"}
        groups = _alt(data["group_nouns"])
        self.group_left = re.compile(
            rf"(?:^|(?<=[\s(]))(?:the\s+|a\s+|an\s+)?({_GROUP_MOD}{{0,4}}(?i:{groups}))\s*$")
        self.group_right = re.compile(rf"(?:the\s+|a\s+|an\s+)?({_GROUP_MOD}{{0,4}}(?i:{groups}))\b")
        roles = _alt(data["roles"])
        self.roles = frozenset(data["roles"])
        self.role_left = re.compile(rf"\b[Tt]he\s+((?:[\w-]+\s+){{0,2}}({roles}))\s*$", re.IGNORECASE)
        self.role_right = re.compile(rf"[Tt]he\s+((?:[\w-]+\s+){{0,2}}({roles}))\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    return _Lexicon()


_NAME_LEFT = re.compile(r"(?<![\w'\u2019.-])((?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019-]+)\s*$")
_NAME_RIGHT = re.compile(r"((?:Mr\.|Mrs\.|Ms\.|Dr\.)?\s?(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019-]+)")
_PRONOUN_LEFT = re.compile(r"(?<![\w'\u2019])([Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)\s*$")
_PRONOUN_RIGHT = re.compile(r"(he|she|they|it)\b")
_TAIL_CLAUSE = re.compile(r"(?:,\s*who|\s*\([^()]{1,40}\))\s*$")
_TITLE_RUN = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+|[a-z-]+\s+){0,5}")
_NP_LEFT = re.compile(r"(?<![\w-])((?:[Tt]he|[Mm]any|[Ss]ome|[Mm]ost|[Oo]ther|[Tt]wo|[Tt]hree|[Ss]everal)\s+"
                      r"(?:[a-z][\w-]*\s+){0,2}([a-z]+s?))\s*$")
_NOT_HEADS = frozenset(["way", "fact", "time", "case", "idea", "point", "thing", "one", "same", "rest",
                        "most", "least", "latter", "former", "other", "others", "more", "less",
                        "to", "of", "for", "and", "or", "that", "who", "which", "not", "also"])
_LOCATIVE = re.compile(r"\s+(?:in|at|from)\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*\s*$")
_DETERMINER = re.compile(r"(?:\b(?:the|a|an|his|her|its|their|our|this|that|these|those|whose|my|your)|[-\u00b4'\u2019]s?)\s*$", re.IGNORECASE)
_AMBIGUOUS_OK = re.compile(r"\s*(?:that\b|[:,\"\u201c\u201d])")
_APPOSITIVE = re.compile(r",[^,;:\"\u201c\u201d]{1,90},\s*$")
_NOT_NAMES = frozenset(
    ["But", "And", "The", "A", "An", "In", "On", "At", "As", "If", "When", "While", "This", "That",
     "It", "He", "She", "They", "We", "I", "Meanwhile", "However", "Also", "So", "Yet", "Still",
     "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
     "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December", "Today", "Yesterday", "Earlier", "Later"])
_LEAD = re.compile(r"(?:(?:{})\s+)*".format("|".join(_NOT_NAMES)))


@dataclass
class Speaker:
    """Who a cue attributes speech to: canonical name (or None), the words and where they are."""

    name: str | None
    text: str
    start: int
    end: int
    how: str = "entity"  # entity, pronoun, role, group or name (a capitalised run no entity covers)


@dataclass
class _Span:
    """A quoted span: content offsets and the offsets including the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int


class _Context:
    """One article's text, entities and quoted spans, indexed for the attribution rules."""

    def __init__(self, text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> None:
        self.text = text
        self.lex = lexicon()
        self.entities = sorted(entities, key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.entities]
        named = [e for e in self.entities if e.type != "OTHER" and e.text.lower() not in _PRONOUNS]
        self.by_end = {e.end: e for e in named}
        self.by_start = {e.start: e for e in named}
        self.pronoun_links = {e.start: e for e in self.entities if e.text.lower() in _PRONOUNS}
        self.sentences = sorted((s.start, s.end) for s in sentences) or _crude_sentences(text)
        self.sent_starts = [s for s, _ in self.sentences]
        self.spans = quoted_spans(text)
        self.span_starts = [s.outer_start for s in self.spans]
        self.speakers: list[tuple[int, str]] = []  # (position, canonical) of named cue speakers so far

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return (max(0, pos - 200), min(len(self.text), pos + 200))

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.span_starts, pos) - 1
        return i >= 0 and self.spans[i].outer_start < pos < self.spans[i].outer_end

    def canonical(self, ent: Entity, pos: int) -> str:
        """An entity's canonical name; a bare surname takes the full name of an earlier mention."""
        if ent.type != "PERSON" or " " in ent.canonical:
            return ent.canonical
        i = bisect.bisect_left(self.ent_starts, pos)
        for other in reversed(self.entities[:i]):
            if other.type == "PERSON" and other.canonical.split()[-1] == ent.canonical:
                return other.canonical
        return ent.canonical

    def gender(self, ent: Entity) -> str | None:
        """'f', 'm' or None from the given name or a gendered role word."""
        for word in ent.canonical.split()[:-1] or ent.text.split()[:1]:
            if word in self.lex.gender:
                return self.lex.gender[word]
        role = (ent.role or "").lower()
        if re.search(r"woman\b|\b(?:queen|mrs|ms)\b", role):
            return "f"
        if re.search(r"(?<!wo)man\b|\b(?:king|mr)\b", role):
            return "m"
        return None

    def resolve_pronoun(self, pos: int, word: str) -> str | None:
        """he/she: the most recent person of that gender nearby, else the last named speaker, else
        the most recent person of unknown gender; they/it: the most recent organisation."""
        if word.lower() in ("i", "we"):
            return None  # the writer or a group the text does not name
        want = {"he": "m", "she": "f"}.get(word.lower())
        if want is None:
            return self.last_person(pos, kind="ORG")
        i = bisect.bisect_left(self.ent_starts, pos)
        recent = [self._as_person(e) for e in reversed(self.entities[max(0, i - 40):i])
                  if self._person_like(e) and e.text.lower() not in _PRONOUNS and not self.in_quote(e.start)]
        genders = [(e, self.gender(self._full(e))) for e in recent]
        for at, name in reversed(self.speakers):
            if pos - at > 400:
                break
            if self._gender_of_name(name) == want or (
                    self._gender_of_name(name) is None and not any(g == want for e, g in genders if e.start > at)):
                return name
        for ent, g in genders:
            if pos - ent.end > 700:
                break
            if g == want:
                return self.canonical(ent, ent.start)
        for at, name in reversed(self.speakers):
            if pos - at > 1200:
                break
            if self._gender_of_name(name) in (want, None):
                return name
        for ent, g in genders:
            if g is None and pos - ent.end < 1200:
                return self.canonical(ent, ent.start)
        return None

    def _person_like(self, ent: Entity) -> bool:
        """A person, or an untyped name that holds a known given name (`Sen. Claire McCaskill`)."""
        return ent.type == "PERSON" or (ent.type == "OTHER" and any(
            w in self.lex.gender for w in ent.text.split()[:-1]))

    def _as_person(self, ent: Entity) -> Entity:
        if ent.type == "PERSON":
            return ent
        words = ent.canonical.split()
        while len(words) > 2 and words[0] not in self.lex.gender:
            words = words[1:]
        return Entity(text=ent.text, type="PERSON", canonical=" ".join(words), start=ent.start, end=ent.end)

    def _full(self, ent: Entity) -> Entity:
        name = self.canonical(ent, ent.start)
        return ent if name == ent.canonical else Entity(text=ent.text, type=ent.type, canonical=name,
                                                        role=ent.role, start=ent.start, end=ent.end)

    def _gender_of_name(self, name: str) -> str | None:
        first = name.split()[0] if " " in name else ""
        return self.lex.gender.get(first)

    def last_person(self, pos: int, role: str | None = None, kind: str = "PERSON") -> str | None:
        """The most recent entity of `kind` before `pos` outside quotes (holding `role` if given)."""
        i = bisect.bisect_left(self.ent_starts, pos)
        for ent in reversed(self.entities[max(0, i - 60):i]):
            if ent.type != kind or self.in_quote(ent.start):
                continue
            if role is not None and role not in (ent.role or "").lower():
                continue
            return self.canonical(ent, ent.start)
        return None


def _crude_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"[.!?][\"'\u201d\u2019]*\s+|\n+", text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def quoted_spans(text: str) -> list[_Span]:
    """Quoted spans from paired marks; a quote still open at a paragraph end stops there."""
    spans: list[_Span] = []
    open_at, open_len = -1, 0
    for m in _MARKS.finditer(text):
        mark = m.group(0)
        if mark == "\n":
            if open_at >= 0 and m.start() - open_at > open_len + 1:
                spans.append(_Span(open_at + open_len, m.start(), open_at, m.start()))
            open_at = -1
        elif open_at < 0 and (mark in _OPEN or mark in (_BOTH, "''")):
            open_at, open_len = m.start(), len(mark)
        elif open_at >= 0 and (mark in _CLOSE or mark in (_BOTH, "''")):
            if m.start() > open_at + open_len:
                spans.append(_Span(open_at + open_len, m.start(), open_at, m.end()))
            open_at = -1
        elif mark in _OPEN:
            open_at, open_len = m.start(), len(mark)
    if open_at >= 0 and len(text) - open_at > open_len + 1:
        spans.append(_Span(open_at + open_len, len(text), open_at, len(text)))
    return spans


# ---------------------------------------------------------------- speakers


def speaker_left(ctx: _Context, pos: int, lo: int) -> Speaker | None:
    """The speaker whose words end right before `pos` (a cue), looking no further back than `lo`."""
    text = ctx.text
    window = text[max(lo, pos - 160):pos]
    base = pos - len(window)
    adv = _ADVERBS_END.search(window, max(0, len(window) - 70))
    cut = adv.start() if adv else len(window)
    tail = _TAIL_CLAUSE.search(window, max(0, cut - 50), cut)
    if tail is not None:  # "Lavrov, who noted", "Schumer (D-N.Y.) said"
        cut = tail.start()
    if window[:cut].rstrip().endswith(","):
        comma = base + len(window[:cut].rstrip()) - 1
        if comma in ctx.by_end:
            return _speaker_ending_at(ctx, comma, lo)
    app = _APPOSITIVE.search(window, max(0, cut - 100), cut)
    if app is not None:
        cut = app.start()
    end = base + cut
    while end > lo and text[end - 1].isspace():
        end -= 1
    return _speaker_ending_at(ctx, end, max(lo, end - 90))


def _speaker_ending_at(ctx: _Context, end: int, lo: int) -> Speaker | None:
    text = ctx.text
    loc = _LOCATIVE.search(text, max(lo, end - 50), end)
    if loc is not None:  # "US officials in Washington said": the speaker is before the place
        found = _speaker_ending_at(ctx, loc.start(), lo)
        if found is not None and found.how in ("group", "role", "entity"):
            return found
    ent = ctx.by_end.get(end)
    if ent is not None:
        return Speaker(ctx.canonical(ent, ent.start), ent.text, ent.start, ent.end)
    m = _PRONOUN_LEFT.search(text, max(lo, end - 6), end)
    if m:
        return _pronoun(ctx, m.group(1), m.start(1))
    m = ctx.lex.role_left.search(text, max(lo, end - 60), end)
    if m:
        s = m.start(1) - 4
        return Speaker(ctx.last_person(s, m.group(2).lower()), text[s:end], s, end, "role")
    m = ctx.lex.group_left.search(text, max(lo, end - 80), end)
    if m:
        return Speaker(_group_name(m.group(1)), m.group(1), m.start(1), end, "group")
    m = _NAME_LEFT.search(text, max(lo, end - 70), end)
    if m:
        return _name(ctx, m.group(1), m.start(1))
    m = _NP_LEFT.search(text, max(lo, end - 50), end)
    if m and m.group(2).lower() not in _NOT_HEADS:
        return Speaker(_group_name(m.group(1)), m.group(1), m.start(1), end, "np")
    return None


def speaker_right(ctx: _Context, pos: int, hi: int) -> Speaker | None:
    """The speaker named right after a cue at `pos` (`said Artyom Shraibman`, `said the minister`)."""
    text = ctx.text
    while pos < hi and text[pos] == " ":
        pos += 1
    person = _titled_person(ctx, pos, hi)
    if person is not None:
        return Speaker(ctx.canonical(person, person.start), person.text, person.start, person.end)
    ent = ctx.by_start.get(pos)
    if ent is not None:
        return Speaker(ctx.canonical(ent, ent.start), ent.text, ent.start, ent.end)
    window = text[pos:min(hi, pos + 120)]
    m = _PRONOUN_RIGHT.match(window)
    if m:
        return _pronoun(ctx, m.group(1), pos)
    m = ctx.lex.role_right.match(window)
    if m:
        return Speaker(ctx.last_person(pos, m.group(2).lower()), m.group(0), pos, pos + m.end(), "role")
    m = ctx.lex.group_right.match(window)
    if m:
        return Speaker(_group_name(m.group(1)), m.group(1), pos + m.start(1), pos + m.end(1), "group")
    m = _NAME_RIGHT.match(window)
    if m and m.group(1).strip() not in _NOT_NAMES:
        return _name(ctx, m.group(1).strip(), pos + m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip())))
    return None


def _clause_subject(ctx: _Context, lo: int, pos: int) -> Speaker | None:
    """The person or organisation opening the sentence, as the subject of a participle cue."""
    i = bisect.bisect_left(ctx.ent_starts, lo)
    for ent in ctx.entities[i:i + 3]:
        if ent.start >= pos or ent.start - lo > 60:
            break
        if ent.type in ("PERSON", "ORG") and ent.text.lower() not in _PRONOUNS:
            return Speaker(ctx.canonical(ent, ent.start), ent.text, ent.start, ent.end)
    return None


def _titled_person(ctx: _Context, pos: int, hi: int) -> Entity | None:
    """A person named after a run of title words (`according to Kremlin spokesman Dmitry Peskov`)."""
    i = bisect.bisect_left(ctx.ent_starts, pos)
    for ent in ctx.entities[i:i + 4]:
        if ent.start >= min(hi, pos + 70):
            break
        if ent.type == "PERSON" and ent.text.lower() not in _PRONOUNS:
            gap = ctx.text[pos:ent.start]
            words = gap.split()
            if _TITLE_RUN.fullmatch(gap) and all(w[:1].isupper() or w.lower() in ctx.lex.titles
                                                 or w.lower() in ctx.lex.roles for w in words):
                return ent
            return None
    return None


def _pronoun(ctx: _Context, word: str, start: int) -> Speaker:
    name = ctx.resolve_pronoun(start, word)
    ent = ctx.pronoun_links.get(start)
    if name is None and ent is not None:  # the entities step linked the pronoun
        name = ctx.canonical(ent, ent.start)
    return Speaker(name, word, start, start + len(word), "pronoun")


def _name(ctx: _Context, words: str, start: int) -> Speaker | None:
    """A capitalised name the entities step did not give: titles dropped, matched by surname."""
    lead = _LEAD.match(words)
    if lead is not None and lead.end():
        start, words = start + lead.end(), words[lead.end():]
    tokens = words.split()
    while len(tokens) > 1 and tokens[0].lower() in ctx.lex.titles:
        cut = words.index(tokens[1], len(tokens[0]))
        start, words, tokens = start + cut, words[cut:], tokens[1:]
    if not tokens or words in _NOT_NAMES or tokens[-1] in _NOT_NAMES or \
            tokens[-1].lower() in ctx.lex.titles or re.search(r"['\u2019\u00b4]s$", words):
        return None
    i = bisect.bisect_left(ctx.ent_starts, start)
    for ent in reversed(ctx.entities[max(0, i - 60):i]):
        if ent.type == "PERSON" and ent.canonical.split()[-1] == tokens[-1]:
            return Speaker(ent.canonical, words, start, start + len(words), "name")
    return Speaker(words, words, start, start + len(words), "name")


def _group_name(words: str) -> str:
    words = re.sub(r"^(?:the|a|an)\s+", "", words.strip(), flags=re.IGNORECASE)
    return words[0].upper() + words[1:] if words[:1].islower() else words


# ---------------------------------------------------------------- cues and attributions

_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:while|as|but|although|though|whereas|amid|even as)\b|\s\u2014\s|"
    r"\b(?:fears?|concerns?|worries|reports|suspicions?|speculation|rumou?rs?)\s+(?:\w+\s+){0,4}?that\b")
_SENTENCE_END = re.compile(r"[\s,.;!?\"'\u201d\u2019)]*|\s+(?:on|last|this)\s+\w+day[.\s]*|\s+\w+day[.\s]*")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\b")
_BETWEEN_AFTER = re.compile(r"[ \t,\u2014\u2013-]*")
_BETWEEN_BEFORE = re.compile(r"\s*(?:that\s*)?[:,\u2014\u2013-]?\s*")
_TAIL = re.compile(r"[\s,.;:!?\"'\u201d\u2019)]*$")
_OBJECT_SKIP = re.compile(
    r"\s+(?:reporters|journalists|him|her|them|us|me|the\s+\w+|[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)")
_THAT = re.compile(r"[^,;:\"\u201c\u201d.]{0,110}?\bthat\s+")
_CONTENT_SKIP = re.compile(
    r"(?:\s*,?\s+(?:(?:on|last|this|next|late|early)\s+)?(?:\w+day|yesterday|today|earlier|later|"
    r"\w+\s+(?:week|night|morning|afternoon|evening)))?"
    r"(?:\s+(?:in|at|during)\s+an?\s+(?:statement|interview|briefing|speech|news\s+conference|press\s+conference))?"
    r"(?:\s*,)?\s*(?:that\s+)?")


@dataclass
class Cue:
    """A speech verb outside quotes with the speaker it attributes to (`side` says where it is)."""

    start: int
    end: int
    text: str
    speaker: Speaker | None
    side: str


_PUNCT = "\"'.,;:!?()[]\u201c\u201d\u2018\u2019\u2014\u2013-\u00b4"


def cue_hits(text: str, lex: _Lexicon) -> list[tuple[int, int, str]]:
    """Speech verbs in `text` as (start, end, words): a split-and-set scan, then an anchored match
    at each hit (one big alternation over the whole text is several times slower)."""
    first = lex.cue_first
    words = {w for tok in text.split() if (w := tok.strip(_PUNCT)) in first}
    if not words:
        return []
    out = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            if (i == 0 or not text[i - 1].isalnum()) and not text[i + len(word):i + len(word) + 1].isalnum():
                if word in ("according", "According"):
                    m = _ACCORDING.match(text, i)
                    if m:
                        out.append((i, m.end(), "according to"))
                else:
                    m = lex.cue.match(text, i)
                    if m:
                        out.append((i, m.end(), m.group(0)))
            i = text.find(word, i + len(word))
    out.sort()
    return out


class Attributor:
    """Finds cues and their speakers once per article; answers who claims what at a position."""

    _last: Attributor | None = None  # figures and quotes run one after the other on one article

    @classmethod
    def shared(cls, text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> Attributor:
        """The Attributor for exactly these objects, built once for the steps that need it."""
        last = cls._last
        if last is not None and last.text is text and last.sentences is sentences and last.entities is entities:
            return last
        cls._last = cls(text, sentences, entities)
        return cls._last

    def __init__(self, text: str, sentences: Sequence[Sentence] = (), entities: Sequence[Entity] = ()) -> None:
        self.text, self.sentences, self.entities = text, sentences, entities
        self.ctx = _Context(text, sentences, entities)
        self.cues = self._find_cues()
        self.cue_starts = [c.start for c in self.cues]

    def _find_cues(self) -> list[Cue]:
        ctx, out = self.ctx, []
        hits = cue_hits(ctx.text, ctx.lex)
        for start, end, word in sorted(hits):
            if ctx.in_quote(start) or self._noun_use(start, end, word):
                continue
            s_lo, s_hi = ctx.sentence(start)
            lo = max(s_lo, self._last_quote_end(start))
            speaker, side = None, "left"
            if word != "according to":
                speaker = speaker_left(ctx, start, lo)
            if speaker is None and word.endswith("ing") and ctx.text[lo:start].rstrip().endswith(","):
                speaker = _clause_subject(ctx, lo, start)  # "Truss took a message to Moscow, accusing"
            if speaker is None:
                speaker, side = speaker_right(ctx, end, s_hi), "right"
                if speaker is not None and speaker.how != "pronoun" and \
                        word.split()[0].lower() in ctx.lex.object_verbs and " " not in word:
                    speaker = None  # "told Washington Post Live": the hearer, not the speaker
            if speaker is not None and word.split()[0].lower() in ctx.lex.ambiguous and \
                    speaker.how in ("name", "np") and not _AMBIGUOUS_OK.match(ctx.text, end):
                continue
            if speaker is not None and speaker.name and (speaker.how == "name" or (
                    speaker.how == "entity" and ctx.by_start[speaker.start].type == "PERSON")):
                ctx.speakers.append((start, speaker.name))
            out.append(Cue(start, end, word, speaker, side))
        return out

    def _noun_use(self, start: int, end: int, word: str) -> bool:
        """`the report`, `a statement`, `state´s borders`: the cue word is a noun here."""
        text = self.ctx.text
        if text[end:end + 1] in ("\u00b4", "'", "\u2019", "-") or text[start - 1:start] == "-":
            return True
        if text[max(0, start - 3):start] == "to ":
            return True  # "declined to say", "urged the party to acknowledge": not this clause's speech
        return word.split()[0].lower() in self.ctx.lex.ambiguous and (
            bool(_DETERMINER.search(text, max(0, start - 8), start)) or text.startswith(" to ", end)
            or text.startswith(" for ", end))

    def _last_quote_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.ctx.span_starts, pos) - 1
        return self.ctx.spans[i].outer_end if i >= 0 and self.ctx.spans[i].outer_end <= pos else 0

    def in_sentence(self, pos: int) -> list[Cue]:
        lo, hi = self.ctx.sentence(pos)
        i, j = bisect.bisect_left(self.cue_starts, lo), bisect.bisect_left(self.cue_starts, hi)
        return [c for c in self.cues[i:j] if c.speaker is not None]

    def claimant(self, pos: int) -> Speaker | None:
        """Who claims what is said at `pos`: the reporting clause before it in its sentence (unless
        a new clause starts in between: `, with`, `; `), or an inverted one ending the sentence."""
        text = self.ctx.text
        cues = self.in_sentence(pos)
        before = [c for c in cues if c.end <= pos]
        if before and not _CLAUSE_BREAK.search(text, before[-1].end, pos):
            return before[-1].speaker
        _, hi = self.ctx.sentence(pos)
        for cue in (c for c in cues if c.start >= pos):
            last = max(cue.end, cue.speaker.end if cue.speaker else cue.end)
            if _SENTENCE_END.fullmatch(text, last, hi) and not _CLAUSE_BREAK.search(text, pos, cue.start):
                return cue.speaker
        return None


def attribute_span(text: str, span: tuple[int, int], pos: int, entities: Sequence[Entity]) -> tuple[str | None, str] | None:
    """(canonical, words) of who claims what is said at `pos` in the sentence `span`, if anyone."""
    who = Attributor(text, [Sentence(start=span[0], end=span[1])], entities).claimant(pos)
    return (who.name, who.text) if who is not None else None


# ---------------------------------------------------------------- the step


class QuotesStep:
    """Direct, partial and indirect speech with speakers resolved to entities where possible."""

    name = "quotes"
    version = "1"
    requires: tuple[str, ...] = ("sentences", "entities")
    output = list[Quote]

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[Quote]:
        return find_quotes(article.text, inputs.get("sentences") or (), inputs.get("entities") or ())


def find_quotes(text: str, sentences: Sequence[Sentence] = (), entities: Sequence[Entity] = ()) -> list[Quote]:
    """Every quote and reported statement in `text`, in text order."""
    att = Attributor.shared(text, sentences, entities)
    quotes, used = _quoted(att)
    quotes += _reported(att, used)
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _make(text: str, start: int, end: int, kind: str, cue: Cue | None, who: Speaker | None) -> Quote:
    return Quote(text=text[start:end], kind=kind, speaker=who.name if who else None,  # type: ignore[arg-type]
                 speaker_text=who.text if who else None, cue=cue.text if cue else None,
                 start=start, end=end, speaker_start=who.start if who else None,
                 speaker_end=who.end if who else None)


def _quoted(att: Attributor) -> tuple[list[Quote], set[int]]:
    """Quotes in marks, attributed by adjacency, by their sentence or by the quote they continue."""
    ctx, out, used = att.ctx, [], set()
    prev: tuple[int, Cue | None, Speaker | None] | None = None
    for sp in ctx.spans:
        start, end = _trim(ctx.text, sp.start, sp.end)
        if end <= start:
            continue
        content = ctx.text[start:end]
        words = len(content.split())
        if _title(content):
            continue
        cue, adjacent = _adjacent_cue(att, sp)
        if cue is None:
            cue = _dash_cue(att, sp)
            adjacent = cue is not None
        if cue is not None:
            used.add(cue.start)
            kind = "direct" if _starts_clause(ctx, sp, cue) else "partial"
        else:
            cue, kind = _sentence_cue(att, sp), "partial"
        if cue is None and prev is not None and sp.outer_start - prev[0] < 400 and words >= 3 \
                and not _cue_between(att, prev[0], sp.outer_start):
            out.append(_make(ctx.text, start, end, "direct", prev[1], prev[2]))
            prev = (sp.outer_end, prev[1], prev[2])
            continue
        if cue is None or (not adjacent and _scare(content, words)):
            if words >= 8 and content[:1].isupper():
                out.append(_make(ctx.text, start, end, "direct", None, None))
            continue
        if kind == "partial" and _whole_sentence(ctx, sp):
            kind = "direct"
        out.append(_make(ctx.text, start, end, kind, cue, cue.speaker))
        prev = (max(sp.outer_end, cue.end, cue.speaker.end if cue.speaker else 0), cue, cue.speaker)
    return out, used


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def _adjacent_cue(att: Attributor, sp: _Span) -> tuple[Cue | None, bool]:
    """A cue with a speaker right after the quote (`," she said`) or right before it (`said: "`)."""
    text = att.ctx.text
    i = bisect.bisect_left(att.cue_starts, sp.outer_end)
    for cue in att.cues[i:i + 2]:
        if cue.speaker is None or cue.start - sp.outer_end > 90:
            break
        first = min(cue.start, cue.speaker.start)
        closed = text[sp.start:sp.end].rstrip().endswith(".") and text[first:first + 1].isupper()
        if not closed and _only_titles_between(att.ctx, sp.outer_end, first):
            return cue, True
    j = bisect.bisect_left(att.cue_starts, sp.outer_start) - 1
    if j >= 0:
        cue = att.cues[j]
        last = max(cue.end, cue.speaker.end if cue.speaker else 0)
        if cue.speaker is not None and _BETWEEN_BEFORE.fullmatch(text, last, sp.outer_start):
            return cue, True
    return None, False


_DASH = re.compile(r"[ \t]*[\u2015\u2014\u2013]+[ \t]*")


def _dash_cue(att: Attributor, sp: _Span) -> Cue | None:
    """`"..." \u2015 Esther Tapia`: a quote signed with a dash and a name."""
    m = _DASH.match(att.ctx.text, sp.outer_end)
    if m is None:
        return None
    who = speaker_right(att.ctx, m.end(), min(len(att.ctx.text), m.end() + 80))
    if who is None or who.how not in ("entity", "name"):
        return None
    tail = att.ctx.text[who.end:who.end + 3]
    if tail[:1] not in ("", "\n", ",", ".", " ") or re.match(r" [a-z]", tail):
        return None
    return Cue(m.start(), m.end(), m.group(0).strip(), who, "right")


def _only_titles_between(ctx: _Context, lo: int, hi: int) -> bool:
    """Nothing but separators and title words (`Rep.`, `Kremlin spokesman`) between a quote and
    its speaker."""
    m = _BETWEEN_AFTER.match(ctx.text, lo, hi)
    words = ctx.text[m.end() if m else lo:hi].split()
    return len(words) <= 4 and "\n" not in ctx.text[lo:hi] and all(
        w[:1].isupper() or w.lower() in ctx.lex.titles or w.lower() in ctx.lex.roles for w in words)


def _sentence_cue(att: Attributor, sp: _Span) -> Cue | None:
    """The reporting clause of the quote's sentence, for quotes embedded in reported speech."""
    cues = att.in_sentence(sp.outer_start)
    before = [c for c in cues if c.end <= sp.outer_start]
    if before:
        return before[-1]
    after = [c for c in cues if c.start >= sp.outer_end]
    return after[0] if after else None


def _cue_between(att: Attributor, lo: int, hi: int) -> bool:
    i, j = bisect.bisect_left(att.cue_starts, lo), bisect.bisect_left(att.cue_starts, hi)
    return any(c.speaker is not None for c in att.cues[i:j])


def _starts_clause(ctx: _Context, sp: _Span, cue: Cue) -> bool:
    """A direct quote right after or before its cue is capitalised, or is a whole `that` clause."""
    first = ctx.text[sp.start:sp.start + 3].lstrip()[:1]
    if cue.start < sp.outer_start:
        # `said "..."` / `said that "..."` running to the sentence end quotes the whole clause
        _, hi = ctx.sentence(sp.outer_start)
        if re.fullmatch(r"[\s.!?\"'\u201d\u2019)]*", ctx.text[sp.outer_end:hi]):
            return True
        if ctx.text[max(0, sp.outer_start - 6):sp.outer_start].rstrip().endswith("that"):
            return False
    return first.isupper() or first.isdigit() or first in "'\u2018."


def _whole_sentence(ctx: _Context, sp: _Span) -> bool:
    lo, hi = ctx.sentence(sp.outer_start)
    head = ctx.text[lo:sp.outer_start].strip(" \t\n-\u2014")
    return not head and ctx.text[sp.start:sp.start + 1].isupper()


def _scare(content: str, words: int) -> bool:
    """Scare quotes and quoted names: a few words, capitalised like a title, or one word."""
    if words <= 1:
        return not content.endswith((".", "!", "?"))
    caps = sum(1 for w in content.split() if w[:1].isupper())
    return words <= 4 and caps == words


_MINOR = frozenset(["a", "an", "the", "of", "on", "in", "and", "to", "for", "at", "by", "with", "is", "or", "but", "from", "as", "vs"])


def _title(content: str) -> bool:
    """A title or name in quotes (`"Face the Nation"`, `"A Change Is Gonna Come"`): every word but
    the minor ones capitalised, and no comma closing it as speech does (`"Enough," he said`)."""
    words = content.rstrip(".").split()
    if len(words) < 2 or content.endswith((",", "?", "!")) or ". " in content:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _MINOR for w in words) and \
        words[0][:1].isupper()


def _reported(att: Attributor, used: set[int]) -> list[Quote]:
    """Indirect speech: `SPEAKER VERB (that) CLAUSE` and `CLAUSE, SPEAKER VERB.`."""
    ctx, lex, out = att.ctx, att.ctx.lex, []
    for cue in att.cues:
        if cue.speaker is None or cue.start in used:
            continue
        verb = cue.text.split()[0].lower()
        if verb not in lex.clause_verbs and cue.text != "according to":
            continue
        s_lo, s_hi = ctx.sentence(cue.start)
        span = _forward_content(ctx, cue, s_hi) or _backward_content(ctx, cue, s_lo, s_hi)
        if span is not None:
            out.append(_make(ctx.text, span[0], span[1], "indirect", cue, cue.speaker))
    return out


def _forward_content(ctx: _Context, cue: Cue, hi: int) -> tuple[int, int] | None:
    text = ctx.text
    pos = cue.end if cue.side == "left" else cue.speaker.end if cue.speaker else cue.end
    if cue.text == "according to":
        return None
    verb = cue.text.split()[0].lower()
    if verb in ctx.lex.object_verbs and " " not in cue.text:
        obj = _OBJECT_SKIP.match(text, pos, hi)
        pos = obj.end() if obj else pos
    that = _THAT.match(text, pos, hi) if verb in ctx.lex.object_verbs else None
    m = _CONTENT_SKIP.match(text, pos, hi)
    start = that.end() if that else m.end() if m else pos
    if start < hi and text[start] in "\"\u201c\u201d'\u2018:":
        return None
    end = hi
    tail = _TAIL.search(text, start, end)
    end = tail.start() if tail else end
    if len(text[start:end].split()) < 3 or ctx.in_quote(start):
        return None
    return start, end


def _backward_content(ctx: _Context, cue: Cue, lo: int, hi: int) -> tuple[int, int] | None:
    """`Russia is still considering its response, Ryabkov said.` and `..., according to X.`"""
    text = ctx.text
    first = min(cue.start, cue.speaker.start) if cue.speaker else cue.start
    last = max(cue.end, cue.speaker.end) if cue.speaker else cue.end
    if not re.fullmatch(r"[\s,.;!?\"'\u201d\u2019)]*|\s+(?:on|last|this)\s+\w+day[.\s]*", text[last:hi]):
        return None
    head = text[lo:first].rstrip()
    if not head.endswith(",") or _has_mark(head):
        return None
    start, end = _trim(text, lo, lo + len(head) - 1)
    if len(text[start:end].split()) < 3:
        return None
    return start, end


def _has_mark(s: str) -> bool:
    return any(ch in s for ch in "\"\u201c\u201d")
