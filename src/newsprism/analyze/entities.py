"""Named entities by rules: people (with role and country), organisations, places; aliases merged.

Capitalised word sequences are found with one regex pass. Each is split into a leading title
("French President", "Deputy Defence Minister") and a name, then typed from lexicons (countries,
cities, organisations, given names), word shapes (org and place suffixes, acronyms) and document
statistics (a word seen lower-case elsewhere is not a name). People are then merged within the
article: surnames and spelling variants (fold keys) join the full name, he/she join the most recent
compatible person. `key` (the fold of the canonical name) merges the same entity across articles.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from newsprism.analyze import gazetteer as gz
from newsprism.analyze import person_names as names
from newsprism.analyze.entity_orgs import (
    acronyms,
    org_evidence,
    org_short_names,
    place_evidence,
    vessels,
)
from newsprism.analyze.entity_roles import left_role, possessor_country, right_role, role_vocab
from newsprism.analyze.entity_rules import (
    ROLE_ABBREVS,
    Candidate,
    candidates,
    classify,
    lower_words,
)
from newsprism.records import Article, Entity, EntityType, Sentence

log = logging.getLogger(__name__)

# \b(He|he|She|she)\b written to open on one character class, which the regex engine scans for fast
_PRONOUN = re.compile(r"([HhSs](?<!\w[HhSs])(?:(?<=[Hh])e|(?<=[Ss])he))\b")


@dataclass
class Person:
    """One person of the article: every mention, the best role and country."""

    canonical: str
    key: str
    surname_key: str
    gender: str | None = None
    role: str | None = None
    country: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


class _People:
    """People of one article, merged by fold keys of full names and surnames."""

    def __init__(self) -> None:
        self.by_key: dict[str, Person] = {}
        self.by_surname: dict[str, Person] = {}
        self.by_first: dict[str, list[Person]] = {}
        self.order: list[Person] = []

    def add_full(self, name: str, role: str | None, country: str | None,
                 gender: str | None = None) -> Person:
        words = name.split()
        key = gz.fold(name)
        surname = gz.fold(words[-1])
        person = self.by_key.get(key) or self._same_surname(name, surname)
        if person is None:
            gender = (gz.given_names().get(words[0]) if len(words) > 1 else None) or gender
            person = Person(canonical=name, key=key, surname_key=surname, gender=gender)
            self.order.append(person)
            if len(words) > 1:
                self.by_first.setdefault(gz.fold(words[0]), []).append(person)
        elif len(name) > len(person.canonical) and len(words) <= 4:
            person.canonical = name
        self.by_key.setdefault(key, person)
        self.by_surname.setdefault(surname, person)
        person.role = person.role or role
        person.country = person.country or country
        return person

    def _same_surname(self, name: str, surname: str) -> Person | None:
        """The person already holding this surname, unless both have given names that conflict
        (spouses and relatives share a surname: 'Duncan Hunter' is not 'Margaret Hunter')."""
        person = self.by_surname.get(surname)
        if person is None or " " not in name or " " not in person.canonical:
            return person
        return person if names.match(name, person.canonical) >= 0.6 else None

    def find(self, name: str) -> Person | None:
        """The person a single name or a full-name variant refers to; a lone given name refers
        to the one person of the article with that first name ('Hillary')."""
        person = self.by_key.get(gz.fold(name))
        if person is None:
            person = self._same_surname(name, gz.fold(name.split()[-1]))
        if person is None and " " not in name and name in gz.given_names():
            same = self.by_first.get(gz.fold(name), [])
            person = same[0] if len(same) == 1 else None
        return person


def _dateline_country(article: Article) -> str | None:
    """The country of the article's dateline, when it names one."""
    if article.dateline is None:
        return None
    if article.dateline.country:
        return article.dateline.country
    if article.dateline.place:
        city = gz.best_city(article.dateline.place)
        return gz.country_code(article.dateline.place) or (city.country if city else None)
    return None


def _office_country(person: Person, dateline: str | None) -> str | None:
    """A person's country when the text states none: the dateline's, only for someone holding a
    government office written without a country ('Interior Minister X' in a story from that
    capital). Never the story's most named country: that is what the story is about, not who
    the people in it are."""
    if dateline is None or not person.role or gz.role_sector(person.role) not in ("GOV", "MIL", "LEG", "JUD", "COP"):
        return None
    return dateline


_MIDDLE_INITIAL = re.compile(r"[A-Z][a-z'\u2019-]+ [A-Z]\. [A-Z][a-z'\u2019-]+")
_NAME_WORD = re.compile(r"[A-Z][a-z'\u2019-]+")


_NICKNAME_GAP = re.compile(r"[ \t]+[\"\u201c'\u2018](?:the[ \t]+)?[A-Z][\w.-]*(?:[ \t][\w.-]+)?[\"\u201d'\u2019][ \t]+")


def _nicknamed(text: str, cands: list[Candidate]) -> list[Candidate]:
    """`Vincent "the Chin" Gigante`: a given name and a surname around a quoted nickname are one
    person named 'Vincent Gigante'; the nickname is no entity of its own."""
    if '"' not in text and "\u201c" not in text:
        return cands
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        m = _NICKNAME_GAP.match(text, c.end) if " " not in c.name and c.type in ("PERSON", "OTHER") and (
            c.name in gz.given_names() or _NAME_WORD.fullmatch(c.name)) else None
        j = i + 1
        while m is not None and j < len(cands) and cands[j].start < m.end():
            j += 1  # the nickname's own candidates
        if m is not None and j < len(cands) and cands[j].start == m.end() and \
                _NAME_WORD.fullmatch(cands[j].name.split()[-1]):
            last = cands[j]
            name = f"{c.name} {last.name}"
            out.append(Candidate(c.start, last.end, name, "PERSON", canonical=name, known=True))
            i = j + 1
            continue
        out.append(c)
        i += 1
    return out


_ROLE_BEFORE = re.compile(r"\b([a-z]+)[ \t]+$")


def _role_evidence(text: str, cands: list[Candidate]) -> None:
    """An untyped two- or three-word name right after a lower-case role noun is a person
    ('the sect leader Orrin Blayde', 'club spokesman Ty Ames'), and so is a name of one to three
    words (even a guessed town) after a kinship noun ('his wife Naila'); the role is read by the
    people pass."""
    heads = gz.roles().heads
    for c in cands:
        words = c.name.split()
        if c.type not in ("OTHER", "PLACE") or not 1 <= len(words) <= 3 or \
                not all(_NAME_WORD.fullmatch(w) for w in words) or (c.type == "PLACE" and (c.known or not c.weak)):
            continue
        m = _ROLE_BEFORE.search(text, max(0, c.start - 24), c.start)
        if m is None:
            continue
        if (len(words) > 1 and c.type == "OTHER" and m.group(1) in heads) or m.group(1) in _KIN:
            c.type, c.weak, c.country, c.initial = "PERSON", False, None, False  # 'his wife Naila'


_PAREN_COUNTRY = re.compile(r"[ \t]*\([ \t]*([A-Z][\w.' -]{1,30}?)[ \t]*\)")


def _nationality_evidence(text: str, cands: list[Candidate]) -> None:
    """A two- or three-word name followed by a country in brackets is a person of that country
    ('Ilse Varnov (Austria)', as results and line-ups write athletes)."""
    for c in cands:
        words = c.name.split()
        if c.type not in ("OTHER", "PERSON") or c.country or not 2 <= len(words) <= 3 or \
                not all(_NAME_WORD.fullmatch(w) for w in words):
            continue
        m = _PAREN_COUNTRY.match(text, c.end)
        if m is None:
            continue
        code = gz.country_code(m.group(1))
        if code and not gz.is_region(m.group(1)):
            c.type, c.weak, c.country = "PERSON", False, code


# relatives named by a lower-case kinship noun just before the name: 'his wife Naila', 'her son Ivo'
_KIN = frozenset(str.split("""wife husband son daughter brother sister mother father grandson granddaughter
    grandmother grandfather nephew niece cousin uncle aunt widow widower fiancee fiance stepson stepdaughter
    stepmother stepfather partner girlfriend boyfriend"""))


def _surname_evidence(cands: list[Candidate], lowers: frozenset[str]) -> None:
    """An untyped two- or three-word name whose last word the article uses for a person, alone
    or in another full name, is a person too: the same one ('Orrin Blayde' ... 'Blayde said') or a
    relative ('Ada Blayde'), told apart later by the given names."""
    surnames = {c.name.split()[-1] for c in cands if c.type == "PERSON"}
    for c in cands:
        words = c.name.split()
        if c.type != "OTHER" or not 2 <= len(words) <= 3:
            continue
        if len(words) == 3 and _MIDDLE_INITIAL.fullmatch(c.name):
            c.type, c.weak = "PERSON", False  # 'Regina M. Benjamin'
        elif all(_NAME_WORD.fullmatch(w) and w.lower() not in lowers for w in words) and words[-1] in surnames:
            c.type, c.weak = "PERSON", False


def _split_lead_title(c: Candidate) -> None:
    """'Special Agent John Broadway', 'Dist. Atty. Jane Roe': capitalised words before the first
    given name, none of them a given name, are a title (the role), not part of the name."""
    words = c.name.split()
    if len(words) < 3:
        return
    given = gz.given_names()
    k = next((i for i, w in enumerate(words[:-1]) if w in given), 0)
    if k == 0:  # no known given name: after the last abbreviated title ('Dist. Atty. Mona Keel')
        k = max((i + 1 for i, w in enumerate(words[:-2]) if w.endswith(".") and w.lower().rstrip(".") in ROLE_ABBREVS),
                default=0)
        if not all(_NAME_WORD.fullmatch(w) for w in words[k:]) or len(words) - k > 3:
            return
    if k == 0 or not all(w[:1].isupper() and w not in given for w in words[:k]):
        return
    titled = any((w.lower().rstrip(".") in role_vocab() and w.lower() not in ("the", "of", "a")) or
                 w.lower().rstrip(".") in ROLE_ABBREVS for w in words[:k])  # not 'The Notorious X Y
    if c.type == "OTHER" and not titled:
        return  # an untyped run becomes a titled person only when a title word says so
    c.type = "PERSON"
    cut = c.name.index(words[k], len(" ".join(words[:k])))
    # no title word: a headline's verb ('Sixers Hire X Y'), cut off but no role
    c.role = " ".join(words[:k]).rstrip(",") if titled else None
    c.role_start = c.start
    c.start += cut
    c.name = c.name[cut:]
    c.canonical = c.name


def _resolve_people(text: str, cands: list[Candidate], people: _People) -> None:
    """First pass: full names (two words or more, or titled) found as PERSON fix the people."""
    for cand in cands:
        if cand.type != "PERSON":
            continue
        role, country = cand.role, cand.country
        start = cand.start if role is None else cand.role_start
        role2, country2 = left_role(text, start)
        if role2 and role and " " not in role:  # "chief of the General Staff, Gen. Valery Gerasimov"
            role = role2
        role, country = role or role2, country or country2
        if role is None or country is None:
            role2, country2 = right_role(text, cand.end)
            role, country = role or role2, country or country2
        cand.role, cand.country = role, country
        if " " in cand.name or role is not None:
            cand.person = people.add_full(cand.name, role, country, cand.gender)


def _attach_singles(cands: list[Candidate], people: _People) -> None:
    """Second pass: surnames and variants join known people; other single names stay alone."""
    for cand in cands:
        if cand.person is not None:
            continue
        person = people.find(cand.name) if cand.type in ("PERSON", "OTHER", "ORG", "PLACE") else None
        if person is not None and (cand.type == "PERSON" or cand.weak):
            cand.type = "PERSON"
            cand.person = person
        elif cand.type == "PERSON" and " " not in cand.name and cand.name.lower() in gz.roles().heads:
            cand.type = "OTHER"  # "The Commissioner says": a role, not a person's name
        elif cand.type == "PERSON":
            cand.person = people.add_full(cand.name, cand.role, cand.country)


def _pronouns(text: str, sentences: list[Sentence], mentions: list[tuple[int, Person]]) -> list[tuple[int, int, Person]]:
    """he/she -> the most recent gender-compatible person mentioned within the last two sentences."""
    out: list[tuple[int, int, Person]] = []
    if not mentions:
        return out
    starts = [s.start for s in sentences]
    import bisect

    for m in _PRONOUN.finditer(text):
        gender = "f" if m.group(1).lower() == "she" else "m"
        idx = bisect.bisect_right(starts, m.start()) - 1
        window_start = max(starts[max(0, idx - 2)] if starts else 0, m.start() - 1500)
        pos = bisect.bisect_left(mentions, m.start(), key=lambda t: t[0]) - 1
        recent = []
        while pos >= 0 and mentions[pos][0] >= window_start:
            recent.append(mentions[pos][1])
            pos -= 1
        person = next((p for p in recent if p.gender == gender), None) or next(
            (p for p in recent if p.gender in (None, "u")), None)
        if person is not None:
            out.append((m.start(), m.end(), person))
    return out


def extract(article: Article, sentences: list[Sentence]) -> list[Entity]:
    """Entities of one article, people merged and pronouns resolved."""
    text = article.text
    lowers = lower_words(text)
    sent_starts = {s.start for s in sentences}
    caps: dict[int, bool] = {}
    cands = [k for c in candidates(text) for k in classify(c, text, lowers, sent_starts, caps)]
    for c in cands:
        if c.type in ("PERSON", "OTHER") and c.role is None:
            _split_lead_title(c)
    cands = _nicknamed(text, cands)
    _role_evidence(text, cands)
    _nationality_evidence(text, cands)
    _surname_evidence(cands, lowers)
    org_evidence(text, cands)
    vessels(text, cands)
    place_evidence(text, cands)
    people = _People()
    _resolve_people(text, cands, people)
    _attach_singles(cands, people)
    org_short_names(text, cands)
    acronyms(text, cands)
    for c in cands:
        if c.type == "ORG" and c.country is None:
            c.country = possessor_country(text, c.start)
    cands = [c for c in cands if not (c.initial and c.person is None and c.type == "OTHER")]
    _nearby_countries(text, cands)
    fallback = _dateline_country(article)
    return _emit(text, sentences, cands, people, fallback)


def _nearby_countries(text: str, cands: list[Candidate]) -> None:
    """A person with no stated country takes a country named just before, in the same sentence
    ('traveling to Poland to meet Prime Minister Mateusz Morawiecki')."""
    last: Candidate | None = None
    for c in cands:
        if c.type == "PLACE" and c.is_country:
            last = c
        elif c.person is not None and c.person.country is None and c.person.role and last is not None:
            gap = text[last.end:c.start]
            if len(gap) < 40 and not any(mark in gap for mark in (". ", ", ", "\n", "'s", "\u2019s")):
                c.person.country = last.country


def _emit(text: str, sentences: list[Sentence], cands: list[Candidate], people: _People,
          fallback: str | None) -> list[Entity]:
    out: list[Entity] = []
    mentions: list[tuple[int, Person]] = []
    for c in cands:
        if c.person is not None:
            p = c.person
            mentions.append((c.start, p))
            out.append(Entity(text=text[c.start:c.end], type="PERSON", canonical=p.canonical,
                              role=p.role, country=p.country or _office_country(p, fallback), start=c.start, end=c.end,
                              key=p.key))
        else:
            out.append(Entity(text=text[c.start:c.end], type=cast(EntityType, c.type), canonical=c.canonical,
                              role=None, country=c.country, start=c.start, end=c.end,
                              key=gz.fold(c.canonical)))
    for start, end, p in _pronouns(text, sentences, mentions):
        out.append(Entity(text=text[start:end], type="PERSON", canonical=p.canonical, role=p.role,
                          country=p.country or _office_country(p, fallback), start=start, end=end, key=p.key))
    out.sort(key=lambda e: e.start)
    return out


class EntitiesStep:
    """Pipeline step `entities`: [{text, type, canonical, role, country, start, end, key}]."""

    name = "entities"
    version = "1"
    requires: tuple[str, ...] = ("sentences",)
    output: Any = list[Entity]

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[Entity]:
        return extract(article, inputs["sentences"])
