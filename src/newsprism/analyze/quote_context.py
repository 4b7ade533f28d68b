"""Shared ground of the quotes and figures steps: the speech lexicon, quoted spans and one
article's text, sentences and entities indexed for attribution (pronouns, roles, genders).

Lexicons written for newsprism: `newsprism/data/speech_verbs.json` (speech verbs, group and role
nouns, titles) and the one given-names table (`newsprism.lexicon.given_names`) for he/she.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsprism.analyze.entity_rules import is_outlet
from newsprism.lexicon import given_names, json_file, month_names, role_heads
from newsprism.lexicon import roles as role_rows
from newsprism.records import Entity, Sentence

log = logging.getLogger(__name__)

_OPEN, _CLOSE, _BOTH = "\u201c\u00ab\u201e", "\u201d\u00bb", '"'
# '' or one quote mark or a newline, written to open on one character class (a fast scan)
_MARKS = re.compile("[\"\u201c\u201d\u00ab\u00bb\u201e\n'](?:(?<=')'|(?<!'))")
PRONOUNS = {"he": "PERSON", "she": "PERSON", "they": "ORG", "it": "ORG", "i": "SELF", "we": "SELF"}
_GROUP_MOD = (r"(?:(?:[A-Z][\w.'\u2019&-]*|senior|top|local|western|military|government|intelligence|"
              r"administration|federal|state|former|some|many|other|several|unnamed|anonymous|"
              r"defen[cs]e|foreign|security|campaign|party|police|health|election|news|u\.s\.)\s+)")




def _load(name: str = "speech_verbs.json") -> dict[str, Any]:
    data: dict[str, Any] = json_file(name)  # read once, by the lexicon layer
    return data


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


class Lexicon:
    """Speech verbs, group nouns and role nouns, compiled once."""

    def __init__(self) -> None:
        data = _load()
        self.clause_verbs = frozenset(data["clause_verbs"])
        self.ambiguous = frozenset(data["ambiguous"])
        self.object_verbs = frozenset(data["object_verbs"])
        # title words: every word of the roles table ("foreign", "minister") and the few others
        # (honorifics, nationalities, parties) listed as name_titles
        self.titles = frozenset(data["name_titles"]) | frozenset(w for r in role_rows() for w in r[0].split())
        self.gender = {n: g for n, g in given_names().items() if g in ("m", "f")}
        self.cue = re.compile(rf"\b(?:{_alt(data['verbs'])})\b(?:\s+(?:reporters|journalists))?")
        self.cue_first = frozenset(v.split()[0] for v in data["verbs"]) | {"according", "According"}
        groups = _alt(data["group_nouns"])
        self.group_left = re.compile(
            rf"(?:^|(?<=[\s(]))(?:the\s+|a\s+|an\s+|one\s+)?({_GROUP_MOD}{{0,4}}(?i:{groups}))\s*$")
        self.group_right = re.compile(rf"(?:the\s+|a\s+|an\s+|one\s+)?({_GROUP_MOD}{{0,4}}(?i:{groups}))\b")
        # role nouns: the one roles table's heads, and nouns naming a person by what they are
        role_words = role_heads() | frozenset(str(w) for w in data["person_nouns"])
        roles = _alt(sorted(role_words))
        self.roles = role_words
        self.role_left = re.compile(rf"\b[Tt]he\s+((?:[\w-]+\s+){{0,2}}({roles}))\s*$", re.IGNORECASE)
        self.role_right = re.compile(rf"[Tt]he\s+((?:[\w-]+\s+){{0,2}}({roles}))\b", re.IGNORECASE)
        # last words of group and role nouns, for a cheap test before the right-anchored searches
        self.group_tails = tuple({w.split()[-1].lower() for w in data["group_nouns"]})
        self.role_tails = tuple({w.split()[-1].lower() for w in role_words})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The speech lexicon, loaded once per process."""
    return Lexicon()


_FRONTED_APPOSITIVE = re.compile(r"\s*(?:A|An|The|His|Her|Their)\s[^,;:.\"\u201c\u201d]{1,80},\s*")

NOT_NAMES = frozenset(
    ["But", "And", "The", "A", "An", "In", "On", "At", "As", "If", "When", "While", "This", "That",
     "It", "He", "She", "They", "We", "I", "Meanwhile", "However", "Also", "So", "Yet", "Still",
     "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", *month_names(),
     "Today", "Yesterday", "Earlier", "Later"])


@dataclass
class Span:
    """A quoted span: content offsets and the offsets including the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int


class Context:
    """One article's text, entities and quoted spans, indexed for the attribution rules."""

    def __init__(self, text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> None:
        self.text = text
        self.lex = lexicon()
        self.entities = sorted(entities, key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.entities]
        named = [e for e in self.entities if e.type != "OTHER" and e.text.lower() not in PRONOUNS]
        self.by_end = {e.end: e for e in named}
        self.by_start = {e.start: e for e in named}
        self.pronoun_links = {e.start: e for e in self.entities if e.text.lower() in PRONOUNS}
        self.sentences = sorted((s.start, s.end) for s in sentences) or _crude_sentences(text)
        self.sent_starts = [s for s, _ in self.sentences]
        self.spans = quoted_spans(text)
        self.span_starts = [s.outer_start for s in self.spans]
        self._lowers: dict[str, bool] = {}
        self._first: dict[str, int] | None = None  # first mention of each person, built when needed
        self.speakers: list[tuple[int, str]] = []  # (position, canonical) of named cue speakers so far

    def written_lower(self, word: str) -> bool:
        """Whether the text writes `word` in lower case somewhere (a common word, not a name);
        one search per word asked, as few are."""
        low = word.lower()
        if low not in self._lowers:
            self._lowers[low] = re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", self.text) is not None
        return self._lowers[low]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `pos`."""
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return (max(0, pos - 200), min(len(self.text), pos + 200))

    def in_quote(self, pos: int) -> bool:
        """Whether `pos` lies inside quote marks."""
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
                  if self._person_like(e) and e.text.lower() not in PRONOUNS and not self.in_quote(e.start)]
        genders = [(e, self.gender(self._full(e))) for e in recent]
        loose = True
        for at, name in reversed(self.speakers):
            if pos - at > 400 or not loose:
                break
            loose = self._gender_of_name(name) != want
        for at, name in reversed(self.speakers):
            if pos - at > 400:
                break
            subject = self._subject_person(genders, want, at, loose=loose)
            if subject is not None:
                return subject
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

    def person_by_surname(self, surname: str, pos: int) -> str | None:
        """The person named earlier whose name ends with `surname` (most recent first)."""
        i = bisect.bisect_left(self.ent_starts, pos)
        for ent in reversed(self.entities[max(0, i - 80):i]):
            if ent.type == "PERSON" and " " in ent.canonical and ent.canonical.split()[-1] == surname:
                return ent.canonical
        return None

    def _subject_person(self, genders: list[tuple[Entity, str | None]], want: str, after: int,
                        loose: bool = False) -> str | None:
        """The most recent person of gender `want` (or of unknown gender when `loose`: the last
        speaker's gender does not fit either) opening a sentence after `after`: the subject the
        next 'she says' most likely continues ("X is describing ... She says ...")."""
        for ent, g in genders:
            if ent.start <= after:
                break
            unknown_ok = g is None and " " in self.canonical(ent, ent.start) and (loose or self._introduced(ent))
            if (g == want or unknown_ok) and self._opens_sentence(ent.start):
                return self.canonical(ent, ent.start)
        return None

    def _introduced(self, ent: Entity) -> bool:
        """Whether `ent` is the first mention of its person: someone brought into the story just
        now is the one the next quote most likely belongs to."""
        if self._first is None:
            self._first = {}
            for e in self.entities:
                if e.type == "PERSON":
                    self._first.setdefault(e.canonical, e.start)
        return self._first.get(ent.canonical) == ent.start

    def _opens_sentence(self, pos: int) -> bool:
        """Whether only title words (`Senator`, `The chief executive`) precede `pos` in its sentence."""
        lo = self.sentence(pos)[0]
        if _FRONTED_APPOSITIVE.fullmatch(self.text, lo, pos):
            return True  # "A professor of economics, Jan Roe, stayed home."
        words = self.text[lo:pos].split()
        return len(words) <= 4 and all(
            w[:1].isupper() or w.lower() in self.lex.titles or w.lower() in self.lex.roles for w in words)

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
            if ent.type != kind or self.in_quote(ent.start) or kind == "ORG" and is_outlet(ent.canonical):
                continue  # 'it said' is not the news outlet that reports it
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


_NEXT_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb\u201e]")


def _runs_on(text: str, pos: int) -> bool:
    """Whether a quote open at a line break goes on at `pos` (text written one sentence per
    line or paragraph): the next line does not open with a mark and the first mark in the next
    two lines closes a quote (a closing curly mark, or a straight one followed by a space or
    punctuation, as in `..., " she said`)."""
    while text[pos:pos + 1] == "\n":
        pos += 1
    if text[pos:pos + 1] in ('"', "\u201c", "\u201e", "\u00ab"):
        return False
    m = _NEXT_MARK.search(text, pos, pos + 400)
    if m is None or len(text[pos:m.start()].split("\n\n")) > 2 or text.count("\n", pos, m.start()) > 4:
        return False
    mark, after = m.group(0), text[m.end():m.end() + 1]
    return mark in ("\u201d", "\u00bb") or (mark == '"' and (not after or after in " \t\n,.;:!?)"))


def quoted_spans(text: str) -> list[Span]:
    """Quoted spans from paired marks; a quote still open at a paragraph end stops there."""
    spans: list[Span] = []
    open_at, open_len = -1, 0
    for m in _MARKS.finditer(text):
        mark = m.group(0)
        if mark == "\n":
            if open_at >= 0 and _runs_on(text, m.end()):
                continue  # one sentence per line: the quote closes on a later line
            if open_at >= 0 and m.start() - open_at > open_len + 1:
                spans.append(Span(open_at + open_len, m.start(), open_at, m.start()))
            open_at = -1
        elif open_at < 0 and (mark in _OPEN or mark in (_BOTH, "''")):
            open_at, open_len = m.start(), len(mark)
        elif open_at >= 0 and (mark in _CLOSE or mark in (_BOTH, "''")):
            if m.start() > open_at + open_len:
                spans.append(Span(open_at + open_len, m.start(), open_at, m.end()))
            open_at = -1
        elif mark in _OPEN:
            open_at, open_len = m.start(), len(mark)
    if open_at >= 0 and len(text) - open_at > open_len + 1:
        spans.append(Span(open_at + open_len, len(text), open_at, len(text)))
    return spans
