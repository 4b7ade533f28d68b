"""Typing of name pieces for the entities step: lexicons, word shapes and the words around a name.

`classify` types one candidate from `entity_spans.candidates`: organisation and place heads
("... Ministry", "... River"), gazetteer cities and regions, given names, a speech verb beside it,
surname endings; all-capitals headlines keep only names the lexicons know. Spans live in
`entity_spans`, the word lists in `entity_words`.
"""

from __future__ import annotations

import re

from newsprism.analyze import gazetteer as gz
from newsprism.analyze.entity_orgs import team_context
from newsprism.analyze.entity_roles import role_vocab
from newsprism.analyze.entity_spans import candidates
from newsprism.analyze.entity_words import (
    ADJECTIVE_ENDINGS,
    CLUB_PREFIX,
    COMPANY_HEADS,
    DATE_WORDS,
    EVENT_WORDS,
    NOT_ORG_ACRONYMS,
    ORG_PREFIX,
    ORG_SUFFIX,
    OUTLET_HEADS,
    OUTLET_NAMES,
    PARTICLES,
    PLACE_PREFIX,
    PLACE_SUFFIX,
    ROLE_ABBREVS,
    SKIP,
    STOP,
    SURNAME_ENDINGS,
    Candidate,
    is_outlet,
    lower_words,
)

__all__ = ["ORG_PREFIX", "ORG_SUFFIX", "ROLE_ABBREVS", "Candidate", "candidates", "classify", "is_outlet",
           "lower_words"]

_TOKEN = re.compile(r"\S+")
_SPEECH_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:said|says|told|added|stressed|warned|noted|argued|wrote|who)\b")
_SPEECH_BEFORE = re.compile(r"(?:said|says|told|according to|by)[ \t]+$")


_TRAILING_DAYS = DATE_WORDS | frozenset({"christmas", "easter", "thanksgiving", "ramadan", "hanukkah", "diwali",
                                          "halloween"})
# gerunds and adverbs opening a sentence ('Speaking', 'Currently'); not 'Tamberly', a place
_VERBAL_ENDINGS = ("ing", "ally", "ently", "antly", "ously", "ively", "arly", "ingly", "edly", "ately")
_LOWER_JOINERS = frozenset({"of", "the", "for", "and", "in", "on", "upon"})


def _strip_initial(c: Candidate, text: str, lowers: frozenset[str], sent_starts: set[int]) -> bool:
    """Drop a sentence-initial word that is an ordinary word ('The', 'But', 'Satellite')."""
    start = c.start
    while start > 0 and text[start - 1] in "\"'\u201c\u2018(":
        start -= 1
    if start not in sent_starts:
        return True
    first = c.name.split(" ", 1)[0]
    low = first.lower()
    gerund = low.endswith(_VERBAL_ENDINGS) and len(low) > 5 and first not in gz.given_names()  # "Currently X"
    if low in STOP or gerund or (low in lowers and not _in_lexicon(first)):
        rest = c.name[len(first):].lstrip()
        while rest and rest.split(" ", 1)[0] in _LOWER_JOINERS:  # "Heads of the Dock Union"
            rest = rest.split(" ", 1)[1] if " " in rest else ""
        if not rest:
            return False
        c.start = c.end - len(rest)
        c.name = rest
    return True


def _in_lexicon(word: str) -> bool:
    return bool(gz.country_code(word) or gz.org_info(word) or word in gz.given_names()
                or gz.best_city(word))


def _at_sentence_start(c: Candidate, text: str, sent_starts: set[int]) -> bool:
    start = c.start
    while start > 0 and text[start - 1] in "\"'\u201c\u2018(":
        start -= 1
    return start in sent_starts


_INITIAL = re.compile(r"[A-Z]\.$")


def classify(c: Candidate, text: str, lowers: frozenset[str], sent_starts: set[int],
             caps: dict[int, bool] | None = None) -> list[Candidate]:
    """Type one candidate (pieces of an all-capitals headline may come back as several)."""
    if c.known:
        return [c]
    if c.name.isupper() and _caps_line(text, c.start, {} if caps is None else caps):
        return _headline(c, text)
    if not _strip_initial(c, text, lowers, sent_starts):
        return []
    words = c.name.split()
    while len(words) > 1 and words[-1].lower() in _TRAILING_DAYS:  # "Vellor Ltd Christmas party"
        c.name = c.name[:c.name.rindex(words.pop())].rstrip()
        c.end = c.start + len(c.name)
    lw = [w.lower() for w in words]
    if all(w in SKIP or w in STOP or w.rstrip(".") in NOT_ORG_ACRONYMS for w in lw) or _PARTY_STATE.match(c.name) or all(len(w.rstrip(".")) == 1 for w in words):
        return []
    if len(words) == 1 and c.name.isupper() and len(c.name) > 5:
        known = _known_place(c.name.title())
        if known is None:
            return []
        c.type, c.canonical, c.country, c.known = "PLACE", known[0], known[1], True
        return [c]
    if gz.demonym_country(c.name) or gz.demonym_country(words[-1]) or lw[-1].endswith("-based"):
        return []
    if len(words) > 1 and (region := gz.region_country(c.name)) is not None:
        c.type, c.canonical, c.country, c.known = "PLACE", c.name, region or None, True
        return [c]
    if len(words) > 1 and gz.demonym_country(words[0]) and _head_words(lw)[-1] not in ORG_SUFFIX:
        c.country = gz.demonym_country(words[0])
        rest = c.name[len(words[0]):].lstrip()
        c.start, c.name, words, lw = c.end - len(rest), rest, words[1:], lw[1:]
    c.canonical = c.name
    c.initial = len(words) == 1 and _at_sentence_start(c, text, sent_starts)
    _type_by_shape(c, text, words, lw, lowers)
    if c.type == "OTHER" and len(words) == 1:
        c.weak = True
    c.initial = c.initial and c.type == "OTHER"
    return [c]


def _type_by_shape(c: Candidate, text: str, words: list[str], lw: list[str], lowers: frozenset[str]) -> None:
    """Org and place word shapes, gazetteer cities, given names, speech context, surname endings."""
    head = _head_words(lw)
    if _outlet_mention(text, c, lw):
        c.type = "ORG"
    elif (head[-1] in ORG_SUFFIX and len(lw) > 1 and (len(head) > 1 or head[0] not in COMPANY_HEADS)) or (
            len(head) < len(lw) and head[0] in ORG_PREFIX) or "&" in words or (len(lw) > 1 and lw[0] in CLUB_PREFIX):
        c.type = "ORG"
        c.country = c.country or _demonym_in(words)
    elif (head[-1] in PLACE_SUFFIX or lw[0] in PLACE_PREFIX) and len(lw) > 1:
        c.type = "PLACE"
    elif lw[-1] in EVENT_WORDS:
        c.type = "OTHER"
    elif len(words) > 1 and (words[0] in gz.given_names() or _INITIAL.match(words[0])
                             or any(w in PARTICLES for w in words[1:-1])):
        c.type = "PERSON"
    elif len(words) == 1 and c.name in gz.given_names() and lw[0] not in lowers:
        c.type, c.weak = "PERSON", True
    elif (region := gz.region_country(c.name)) is not None:
        c.type, c.country, c.weak = "PLACE", region or None, True
        if team_context(text, c.start, c.end):
            c.type, c.country, c.team = "ORG", None, True
    elif (city := gz.best_city(c.name)) is not None and _city_plausible(c, city, lw, lowers):
        c.type, c.canonical, c.country, c.weak = "PLACE", city.name, city.country, True
        if team_context(text, c.start, c.end):
            c.type, c.country, c.team = "ORG", None, True
    elif c.name.isupper() and len(words) == 1 and 1 < len(c.name) <= 5 and lw[0] not in NOT_ORG_ACRONYMS:
        c.type, c.weak = "ORG", True
    elif len(words) == 1 and _CAMEL.match(words[0]) and not words[0].startswith(_NAME_PREFIXES):
        c.type, c.weak = "ORG", True  # "BrightPath": a brand's shape (a longer run may be a headline)
    elif _not_a_person(text, c, words):
        c.type = "OTHER"  # "a Witch Hunt", "the Rose Garden", "Title VII": a thing, not someone
    elif _person_shape(text, c, words, lw):
        c.type, c.weak = "PERSON", len(words) == 1
    elif 2 <= len(words) <= 3 and not any(w in lowers for w in lw) and _name_like(words, lw):
        c.type = "PERSON"


def _outlet_mention(text: str, c: Candidate, lw: list[str]) -> bool:
    """A news outlet named in full ('the Daily Courier'), by an agency's name ('Reuters') or by
    its head word after 'the' ('the Courier', 'the Times')."""
    if len(lw) > 1:
        return is_outlet(c.name)
    return lw[0] in OUTLET_NAMES or (lw[0] in OUTLET_HEADS and text[max(0, c.start - 4):c.start].lower() == "the ")




def _head_words(lw: list[str]) -> list[str]:
    """The words before a joining 'of'/'for' ('national bank' in 'National Bank of Poland')."""
    for i, w in enumerate(lw):
        if i and w in ("of", "for", "on"):
            return lw[:i]
    return lw


def _city_plausible(c: Candidate, city: gz.City, lw: list[str], lowers: frozenset[str]) -> bool:
    """A one-word city name that is also a common word needs to be a large city."""
    if len(lw) > 1:
        return True
    return lw[0] not in lowers and (city.population >= 100_000 or not c.initial)


_PARTY_STATE = re.compile(r"^[DRI]-[A-Z][A-Za-z]{0,4}\.?$")
_UPPER_CH = re.compile(r"[A-Z]")
_LOWER_CH = re.compile(r"[a-z]")


def _caps_line(text: str, pos: int, cache: dict[int, bool]) -> bool:
    """True inside a line written in capitals (a headline or a results table)."""
    a = text.rfind("\n", 0, pos) + 1
    if a not in cache:
        b = text.find("\n", pos)
        line = text[a:b if b >= 0 else len(text)]
        upper = len(_UPPER_CH.findall(line))
        cache[a] = upper >= 4 and len(_LOWER_CH.findall(line)) * 4 < upper
    return cache[a]


# a capital inside a word: brands and companies ("BrightPath"), or names with a prefix ("McAdam")
_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z][a-z]")
_NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz", "St", "Del", "Dos")
_DETERMINER_BEFORE = re.compile(r"(?:^|[^\w])(?:a|an|the|this|that|its|their|our)[ \t]+$")
_ROMAN = re.compile(r"[IVX]{1,5}")


def _not_a_person(text: str, c: Candidate, words: list[str]) -> bool:
    """Unknown capitalised words after a lower-case determiner ('a Witch Hunt', 'the Rose
    Garden') or ending in a roman numeral without a given name ('Title VII') name no person."""
    if words[0] in gz.given_names():
        return False
    if len(words) > 1 and _ROMAN.fullmatch(words[-1]):
        return True
    return bool(_DETERMINER_BEFORE.search(text, max(0, c.start - 6), c.start))


def _person_shape(text: str, c: Candidate, words: list[str], lw: list[str]) -> bool:
    """A speech verb beside it, or a surname ending (-enko, -ov, -sky...)."""
    if len(words) <= 3 and not c.initial and _speech_context(text, c.start, c.end):
        return len(words) == 1 or _name_like(words, lw)
    return len(lw[-1]) > 4 and lw[-1].endswith(SURNAME_ENDINGS) and not lw[-1].endswith("ian")




def _name_like(words: list[str], lw: list[str]) -> bool:
    """Unknown words that may be a personal name: no place word, no adjective-shaped first word."""
    if gz.best_city(words[0]) or gz.country_code(words[0]) or gz.region_country(words[-1]) is not None:
        return False
    if gz.region_country(words[0]) is not None or any(w in role_vocab() for w in lw):
        return False
    return not lw[0].endswith(ADJECTIVE_ENDINGS) or words[0] in gz.given_names()


def _demonym_in(words: list[str]) -> str | None:
    for w in words:
        code = gz.demonym_country(w) or gz.country_code(w)
        if code:
            return code
    return None


_CLAUSE_AFTER = re.compile(r"[ \t]+[a-z]")


def _speech_context(text: str, start: int, end: int) -> bool:
    """A speech verb right after the name, or right before it when the name ends the clause
    ('said Smith.', 'according to Smith,'); when a clause follows ('said Wal-Mart had'), only a
    name opening on a known given name counts."""
    if _SPEECH_AFTER.match(text, end):
        return True
    if not _SPEECH_BEFORE.search(text, max(0, start - 16), start):
        return False
    return not _CLAUSE_AFTER.match(text, end) or text[start:end].split()[0] in gz.given_names()


def _headline(c: Candidate, text: str) -> list[Candidate]:
    """All-capitals runs (headlines): keep only names the lexicons know, longest first."""
    toks = [m.span() for m in _TOKEN.finditer(text, c.start, c.end)]
    words = [text[s:e].title() for s, e in toks]
    out: list[Candidate] = []
    i = 0
    while i < len(words):
        for size in range(min(3, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + size])
            found = _known_place(phrase)
            if found is not None:
                s, e = toks[i][0], toks[i + size - 1][1]
                team = not found[2] and team_context(text, s, e)  # results table: "CHICAGO 62 70"
                out.append(Candidate(s, e, text[s:e], "ORG" if team else "PLACE", found[0],
                                     country=None if team else found[1], is_country=found[2],
                                     known=True, team=team))
                i += size
                break
        else:
            s, e = toks[i]
            if len(words[i]) > 2 and words[i].lower() not in STOP and words[i].lower() not in SKIP:
                # kept only if it turns out to be the surname of someone in the article
                out.append(Candidate(s, e, text[s:e], "OTHER", text[s:e], weak=True, initial=True))
            i += 1
    return out


def _known_place(phrase: str) -> tuple[str, str | None, bool] | None:
    """(canonical, country, is a country) for a country, US state or city name."""
    code = gz.country_code(phrase)
    if code:
        return gz.country_names().get(code, phrase), code, not gz.is_region(phrase)
    region = gz.region_country(phrase)
    if region is not None:
        return phrase, region or None, False
    city = gz.best_city(phrase) if len(phrase) > 3 else None
    if city is not None:
        return city.name, city.country, False
    return None
