"""Rules behind the entities step: capitalised sequences, titles, word shapes and lexicon typing.

`candidates` finds capitalised word runs in one regex pass and splits each into a title prefix
("Deputy Defence Minister") and name pieces (lexicon names like "NATO" or "Russia" cut a run);
`classify` types a piece; `left_role` and `right_role` read a role and country written beside a
name ("Kremlin spokesman Dmitry Peskov", "Dmytro Kuleba, Ukraine's foreign minister,").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsprism.analyze import gazetteer as gz
from newsprism.analyze.entity_roles import role_vocab

_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
_WORD = rf"[{_UP}](?:(?:\.[A-Z])+\.|[\w\-]*(?:['\u2019\u00b4][{_UP}][\w\-]*)?\.?)"
_CONN = r"(?:of|of the|for|for the|and|&|in|on|de|du|da|das|dos|van|von|der|den|al|bin|ibn|la|le|del|di|y|upon)"
_SEQ = re.compile(rf"{_WORD}(?:[ \t]+(?:{_CONN}[ \t]+){{0,2}}{_WORD})*")  # starts checked in code
_TOKEN = re.compile(r"\S+")
_LOWER = re.compile(r"\b[a-z][a-z\-]+")
_POSSESSIVE = re.compile(r"['\u2019\u00b4]s$")

_NOT_BEFORE = frozenset("-'.\u2019_0123456789") | frozenset(chr(c) for c in range(97, 123)) | frozenset(
    chr(c) for c in range(65, 91))
_CONNECTORS = frozenset(_CONN.replace("(?:", "").replace(")", "").split("|"))
_JOINERS = frozenset({"of", "of the", "for", "for the", "on", "&", "de", "du", "da", "das", "dos", "van", "von",
                      "der", "den", "al", "bin", "ibn", "la", "le", "del", "di", "y", "upon"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP = _words("""the a an this that these those he she it they we i you his her its their our my your
    but and or so yet however meanwhile in on at for after before while when if as with by from also
    some many most several one two three no not what who why how where there here then now still
    even though although because since until unless despite during under over about according
    all any each every both either neither other another such only just more less few much very
    is are was were be been has have had will would can could may might must should do does did
    mr mrs ms dr sir yes oh thus hence instead later earlier today tomorrow yesterday tonight
    last next first second third new old top senior local""")
SKIP = _words("""monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december i western eastern northern southern
    european african asian arab muslim christian jewish islamic catholic orthodox communist soviet
    latin nordic baltic balkan slavic sunni shia shiite kurdish jan feb mar apr jun jul aug sep sept
    oct nov dec mon tue wed thu fri sat sun god internet covid""")
ORG_SUFFIX = _words("""ministry council party inc inc. corp corp. corporation committee agency university
    bank group association union federation organisation organization institute commission court
    army navy forces fleet police service services department office league front movement
    foundation company co co. ltd ltd. llc plc airlines airways times news post journal club
    assembly parliament government administration authority bureau board fund trust exchange
    motors industries holdings systems technologies securities capital partners insurance network
    television radio press herald guardian telegraph tribune gazette mail magazine congress senate cabinet
    guard brigade battalion regiment division corps staff fc rovers wanderers athletic academy
    school college hospital church alliance coalition consortium centre center reserve bloc treasury""")
ORG_PREFIX = _words("""ministry university bank department office council institute commission court
    house federation league association academy school college church museum""")
PLACE_SUFFIX = _words("""sea ocean river mountains mountain island islands peninsula gulf bay strait
    straits valley desert canal coast region province oblast county district krai republic
    square airport bridge highway lake hills plain basin street avenue road boulevard park heights
    st. st drive lane parade quay fields tower towers hotel inn theatre theater prison side delta falls
    forest beach harbour harbor wharf pier garden gardens plaza stadium arena palace castle memorial
    monument cemetery""")
ROLE_ABBREVS = {"gen": "General", "sen": "Senator", "rep": "Representative", "gov": "Governor",
                "lt": "Lieutenant", "col": "Colonel", "adm": "Admiral", "capt": "Captain",
                "sgt": "Sergeant", "prof": "Professor", "maj": "Major", "cmdr": "Commander",
                "brig": "Brigadier", "pres": "President", "supt": "Superintendent", "insp": "Inspector",
                "dist": "District", "atty": "Attorney", "det": "Detective", "sgt.maj": "Sergeant Major",
                "cpl": "Corporal", "pvt": "Private", "lt.gen": "Lieutenant General", "asst": "Assistant",
                "const": "Constable", "cmdr.": "Commander", "supt.": "Superintendent"}
DATE_WORDS = _words("""monday tuesday wednesday thursday friday saturday sunday january february march
    april june july august september october november december""")
NOT_ORG_ACRONYMS = _words("""gmt gdp gnp aids hiv ceo tv pm am mp est utc id dna fm cd dvd cpi vat ok usd eur
    gbp jpy era rbi no vs st jr sr ii iii iv vi""")
EVENT_WORDS = _words("""cup series tour open championship championships games prix classic day revolution
    war award awards prize olympics festival trophy grand slam week summit conference treaty accord
    agreement act bill plan index pact breakfast lunch dinner forum debate rally convention caucus
    hearing meeting talks""")
PLACE_PREFIX = _words("lake mount mt. cape gulf port fort isle san santa saint st.")
# news outlets: the last word of a paper's or broadcaster's name, and agencies and outlets known by
# one word; an outlet is an organisation and never the speaker of what it reports
OUTLET_HEADS = _words("""times post journal news herald tribune gazette telegraph guardian courier chronicle
    observer inquirer examiner bulletin dispatch sentinel standard independent mirror express monitor
    magazine weekly daily star sun record register review press television radio tv network""")
OUTLET_NAMES = _words("""reuters bloomberg politico axios interfax xinhua tass ria afp ap cnn bbc npr msnbc
    cnbc nbc cbs abc fox pbs newsweek forbes slate vox breitbart buzzfeed yonhap kyodo anadolu
    al-jazeera aljazeera sputnik itar-tass""")
SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "enko", "sky", "ski", "skiy", "skyy", "vich", "ovic",
                   "evic", "son", "sen", "ez", "berg", "stein", "ini", "elli", "escu", "opoulos", "yan",
                   "ian", "shvili", "dze", "uk", "yuk", "chuk", "man", "mann", "ko")
_SPEECH_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:said|says|told|added|stressed|warned|noted|argued|wrote|who)\b")
_SPEECH_BEFORE = re.compile(r"(?:said|says|told|according to|by)[ \t]+$")


@dataclass(slots=True)
class Candidate:
    """A name piece: its span, type guess, role and country read around it."""

    start: int
    end: int
    name: str
    type: str = "OTHER"  # PERSON, ORG, PLACE, OTHER, SKIP
    canonical: str = ""
    role: str | None = None
    country: str | None = None
    is_country: bool = False
    known: bool = False  # typed by a lexicon
    weak: bool = False  # a guess that a surname match may overrule
    role_start: int = 0  # where a title prefix starts (a country may stand before it)
    initial: bool = False  # a single unknown word opening a sentence: kept only if it is a surname
    team: bool = False  # a place name used for its sports team
    gender: str | None = None  # from an honorific (Mr., Mrs., Ms.)
    person: Any = None


_OUTLETS_WITH_ARTICLES = frozenset(["le monde", "le figaro", "le parisien", "der spiegel", "die zeit", "die welt",
                                     "el pais", "el país", "el mundo", "la repubblica", "la stampa", "le temps"])


def is_outlet(name: str) -> bool:
    """A news outlet's name: 'Reuters', 'the Daily Courier', 'Fox News', 'The Weekly Standard'."""
    if name.lower() in _OUTLETS_WITH_ARTICLES:
        return True  # written with a foreign article, like a name with a particle
    words = name.lower().replace("the ", " ").split()
    if not words:
        return False
    if len(words) == 1:
        return words[0] in OUTLET_NAMES or words[0] in OUTLET_HEADS and words[0] not in _NOT_ALONE
    return words[-1] in OUTLET_HEADS and words[-1] not in _NOT_LAST or words[0] in OUTLET_NAMES


_NOT_ALONE = frozenset(["press", "record", "review", "network", "news", "star", "sun", "standard", "express"])
_NOT_LAST = frozenset(["record", "review", "network"])


_URL = re.compile(r"(?:https?:|www\.)[^\n]*")


def lower_words(text: str) -> frozenset[str]:
    """Words written in lower case somewhere in the text (document statistic); web addresses
    aside ('.../polygamist-leader-jeffs/...' says nothing about how the text writes a name)."""
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    return frozenset(_LOWER.findall(text))


def _keeps_period(word: str) -> bool:
    core = word.rstrip(".")
    return len(core) == 1 or "." in core or core.lower() in _PERIOD_ABBREVS or word in gz.state_abbreviations()


def _ahead(words: list[str], i: int) -> list[str]:
    """The words from i on, as far as the longest lexicon name starting there can reach (copying
    the whole rest of a run for every word made long capitalised runs quadratic)."""
    return words[i:i + max(1, gz.longest_name_from(words[i]))]


def _lexicon_piece(words: list[str]) -> tuple[int, str, str, str | None]:
    """Longest lexicon name at the start of `words`: (length, type, canonical, code)."""
    longest = gz.longest_name_from(words[0])
    for size in range(min(len(words), longest), 0, -1):
        phrase = " ".join(words[:size])
        if (size == 1 and phrase.lower() in _CONNECTORS) or words[0] in ("The", "THE"):
            continue
        code = gz.country_code(phrase)
        if code:
            canonical = phrase if gz.is_region(phrase) else gz.country_names().get(code, phrase)
            return size, "PLACE", canonical, code
        org = gz.org_info(phrase)
        if org:
            return size, "ORG", org.canonical, org.code
        seat = gz.seat_of_power(phrase)
        if seat and (gz.is_named_seat(phrase) or gz.best_city(phrase) is None):
            return size, "ORG", phrase, seat[0]
    return 0, "", "", None


@lru_cache(maxsize=1)
def _head_vocab() -> frozenset[str]:
    """Every word of every role head: a run with none of them has no title prefix."""
    return frozenset(w for head in gz.roles().heads for w in head.split())


def _title_prefix(words: list[str]) -> tuple[int, int, str | None]:
    """(role start, role end) token indices of a leading title and the country it names."""
    vocab = _head_vocab()
    if not any(w.lower().rstrip(",") in vocab for w in words):
        return 0, 0, None  # the common case, decided without the walk below
    lex = gz.roles()
    i, head_end, role_start, country = 0, 0, -1, None
    while i < len(words):
        low = [w.lower().rstrip(",") for w in words[i:i + lex.first_words.get(words[i].lower(), 1)]]
        size = next((n for n in range(len(low), 0, -1) if " ".join(low[:n]) in lex.heads), 0)
        if size and i + size < len(words):
            role_start = i if role_start < 0 else role_start
            i += size
            head_end = i
            continue
        w = low[0]
        code = gz.demonym_country(words[i]) or gz.country_code(words[i])
        if code and role_start < 0:
            country = country or code
        elif w in lex.mods or w in lex.leads or w in ("of", "the") or gz.org_info(words[i]) or gz.seat_of_power(words[i]):
            role_start = i if role_start < 0 else role_start
            if country is None:
                country = gz.org_code(words[i]) or (gz.seat_of_power(words[i]) or (None,))[0]
        else:
            break
        i += 1
    if head_end == 0:
        return 0, 0, None
    return role_start, head_end, country


def _role_text(text: str, toks: list[tuple[int, int]], start: int, end: int) -> str:
    """The role as written, abbreviated ranks spelled out ('Lt. Gen.' -> 'Lieutenant General')."""
    words = text[toks[start][0]:toks[end - 1][1]].split()
    return " ".join(ROLE_ABBREVS.get(w.lower().rstrip("."), w) if w.endswith(".") else w for w in words)


def candidates(text: str) -> list[Candidate]:
    """Name pieces of every capitalised sequence of `text`, titles split off."""
    out: list[Candidate] = []
    for m in _SEQ.finditer(text):
        if m.start() and text[m.start() - 1] in _NOT_BEFORE:
            continue  # inside a word ("iPhone"), after a period ("D-N.J.") or a hyphen
        plans = _plan(m.group())
        if not plans:
            continue
        base = m.start()
        for p in plans:
            out.append(Candidate(p.start + base, p.end + base, p.name, p.type, p.canonical, p.role,
                                 p.country, p.is_country, p.known, p.weak, p.role_start + base,
                                 gender=p.gender))
    return out


@lru_cache(maxsize=65536)
def _plan(seq: str) -> tuple[Candidate, ...]:
    """Candidates of one sequence with offsets relative to it; sequences repeat, so it is cached."""
    if " " not in seq and "\t" not in seq and "-" not in seq:
        return _single(seq)
    out: list[Candidate] = []
    for run in _runs(seq):
        for toks in _split_and(seq, run):
            if len(toks) == 1 and seq[toks[0][0]:toks[0][1]].lower() in STOP:
                continue
            out.extend(_sequence(seq, toks))
    return tuple(out)


def _single(seq: str) -> tuple[Candidate, ...]:
    """`_plan` of a one-word sequence (the most common kind), without the run machinery: a
    lone word has no title prefix, no splitter and no connector to cut at."""
    end = len(seq) - 1 if seq.endswith(".") and not _keeps_period(seq) else len(seq)
    word = seq[:end]
    if word.lower() in STOP:
        return ()
    size, typ, canonical, code = _lexicon_piece([word])
    if size:
        return (Candidate(0, end, word, typ, canonical=canonical, country=code,
                          is_country=typ == "PLACE" and not gz.is_region(word), known=True),)
    if word.lower() in _CONNECTORS or word.lower() in DATE_WORDS:
        return ()  # "Of", "Al" and month names alone are no names
    return (Candidate(0, end, word),)


_SPLITTERS = frozenset({"and", "in", "on", "y"})
_ADJECTIVE_COMPOUND = re.compile(r"^[A-Z][\w.]*-[a-z]+$")  # Ontario-based, Communist-led


def _split_and(seq: str, toks: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Cut 'Boris Johnson and NATO Secretary General Jens Stoltenberg' at 'and', unless a lexicon
    name spans the word ('Organization for Security and Cooperation in Europe')."""
    words = [seq[s:e] for s, e in toks]
    if not any(w in _SPLITTERS or "-" in w for w in words):
        return [toks]
    if words[-1].lower() in ORG_SUFFIX and "and" in words and not any(w in gz.given_names() for w in words):
        return [toks]  # "Relief and Works Agency": one organisation, not two names
    parts: list[list[tuple[int, int]]] = [[]]
    i = 0
    while i < len(toks):
        size = _lexicon_piece(_ahead(words, i))[0]
        if size > 1:
            parts[-1].extend(toks[i:i + size])
            i += size
            continue
        if words[i] in _SPLITTERS and not (words[i] == "on" and _org_before(words, i)) or \
                _ADJECTIVE_COMPOUND.match(words[i]):
            parts.append([])
        else:
            parts[-1].append(toks[i])
        i += 1
    return [p for p in parts if p]


def _org_before(words: list[str], i: int) -> bool:
    return i > 0 and words[i - 1].lower() in ORG_SUFFIX


def _runs(seq: str) -> list[list[tuple[int, int]]]:
    """Tokens of a sequence, cut after a word whose period ends a sentence ('February. Even',
    'Washington D.C. He')."""
    runs: list[list[tuple[int, int]]] = [[]]
    toks = [m.span() for m in _TOKEN.finditer(seq)]
    for k, (s, e) in enumerate(toks):
        cut = seq[e - 1] == "." and not _keeps_period(seq[s:e])
        runs[-1].append((s, e - 1 if cut else e))
        if cut or (seq[e - 1] == "." and k + 1 < len(toks) and seq[slice(*toks[k + 1])].lower() in STOP):
            runs.append([])
    return [r for r in runs if r]


def _sequence(text: str, toks: list[tuple[int, int]]) -> list[Candidate]:
    """Title prefix and name pieces of one run of capitalised words."""
    words = [text[s:e] for s, e in toks]
    titled = _titled(text, toks, words)
    return [titled] if titled is not None else _pieces(text, toks, words)


_HONORIFICS = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "dr.": None,
               "sir": "m", "dame": "f", "lord": "m", "lady": "f"}


def _titled(text: str, toks: list[tuple[int, int]], words: list[str]) -> Candidate | None:
    """A PERSON with the title that opens the run ('Federal Reserve Governor Lawrence Lindsey'
    gives 'Governor' once the organisation is cut off) or an honorific ('Mr. Cruz'), else None."""
    if len(words) > 1 and words[0].lower() in _HONORIFICS and words[1][:1].isupper():
        rest = toks[1:]
        return Candidate(rest[0][0], rest[-1][1], text[rest[0][0]:rest[-1][1]], "PERSON", known=True,
                         role_start=toks[0][0], gender=_HONORIFICS[words[0].lower()])
    rs, re_, country = _title_prefix(words)
    if not re_ or words[-1].lower() in ORG_SUFFIX or gz.country_code(" ".join(words[re_:])):
        return None
    rest_low = [w.lower() for w in words[re_:]]
    if rest_low[0].endswith(_ADJECTIVE_ENDINGS) and words[re_] not in gz.given_names() or \
            any(w in role_vocab() for w in rest_low):
        return None  # "Republican Presidential", "Democratic Governor"
    role = _role_text(text, toks, rs, re_)
    rest = toks[re_:]
    return Candidate(rest[0][0], rest[-1][1], text[rest[0][0]:rest[-1][1]], "PERSON",
                     role=role, country=country, known=True, role_start=toks[0][0])


def _pieces(text: str, toks: list[tuple[int, int]], words: list[str]) -> list[Candidate]:
    """Cut a run at lexicon names and at connectors that do not join names."""
    out: list[Candidate] = []
    run: list[int] = []
    i = 0
    while i < len(words):
        size, typ, canonical, code = _lexicon_piece(_ahead(words, i))
        inside_org = i + size < len(words) and (words[-1].lower() in _ORG_OR_EVENT or (
            typ == "ORG" and words[i + size] in ("on", "of", "for")))  # European Council on Foreign Relations
        if size and not inside_org and not (run and _org_continues(words, run, i)):
            _flush(text, toks, words, run, out)
            run = []
            s, e = toks[i][0], toks[i + size - 1][1]
            out.append(Candidate(s, e, text[s:e], typ, canonical=canonical, country=code,
                                 is_country=typ == "PLACE" and not gz.is_region(text[s:e]), known=True))
            i += size
            continue
        run.append(i)
        i += 1
    _flush(text, toks, words, run, out)
    return out


def _org_continues(words: list[str], run: list[int], i: int) -> bool:
    """'Bank of England', 'University of Kyiv': a lexicon name inside an org name stays in it."""
    prev = words[run[-1]].lower()
    return prev in ("of", "for") and len(run) >= 2 and words[run[-2]].lower() in _ORG_WORDS


def _flush(text: str, toks: list[tuple[int, int]], words: list[str], run: list[int],
           out: list[Candidate]) -> None:
    """Split a run at connectors that do not join, then emit the pieces."""
    piece: list[int] = []
    org_and = bool(run) and words[run[-1]].lower() in ORG_SUFFIX and not any(words[j] in gz.given_names() for j in run)
    for i in run + [-1]:
        low = words[i] if i >= 0 else ""
        if i >= 0 and low not in _CONNECTORS and low.lower() not in DATE_WORDS:
            piece.append(i)
            continue
        if i >= 0 and (low in _JOINERS or low == "and" and org_and) and piece and _joins(words, piece, low):
            piece.append(i)
            continue
        while piece and words[piece[-1]].lower() in _CONNECTORS:
            piece.pop()
        if piece:
            sub = [toks[j] for j in piece]
            titled = _titled(text, sub, [words[j] for j in piece]) if len(piece) > 1 else None
            s, e = sub[0][0], sub[-1][1]
            out.append(titled or Candidate(s, e, text[s:e]))
        piece = []


def _joins(words: list[str], piece: list[int], low: str) -> bool:
    """'Ministry of Defence', 'Jean de la Fontaine' join; 'Russia and Belarus' do not."""
    if low == "&":
        return True
    if low in ("of", "of the", "for", "for the", "on"):
        heads = _ORG_WORDS if low == "on" else _joining_heads()
        return words[piece[-1]].lower() in heads or (low != "on" and any(words[j].lower() in heads for j in piece))
    return True


def _strip_initial(c: Candidate, text: str, lowers: frozenset[str], sent_starts: set[int]) -> bool:
    """Drop a sentence-initial word that is an ordinary word ('The', 'But', 'Satellite')."""
    start = c.start
    while start > 0 and text[start - 1] in "\"'\u201c\u2018(":
        start -= 1
    if start not in sent_starts:
        return True
    first = c.name.split(" ", 1)[0]
    low = first.lower()
    gerund = low.endswith("ing") and len(low) > 5 and first not in gz.given_names()
    if low in STOP or gerund or (low in lowers and not _in_lexicon(first)):
        rest = c.name[len(first):].lstrip()
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
    lw = [w.lower() for w in words]
    if all(w in SKIP or w in STOP for w in lw) or _PARTY_STATE.match(c.name) or all(len(w.rstrip(".")) == 1 for w in words):
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
    if c.type == "OTHER" and _result_line(text, c.start):
        c.type, c.team = "ORG", True  # "Stranraer 2 Dumbarton 1"
    c.initial = c.initial and c.type == "OTHER"
    return [c]


def _type_by_shape(c: Candidate, text: str, words: list[str], lw: list[str], lowers: frozenset[str]) -> None:
    """Org and place word shapes, gazetteer cities, given names, speech context, surname endings."""
    head = _head_words(lw)
    if _outlet_mention(text, c, lw):
        c.type = "ORG"
    elif (head[-1] in ORG_SUFFIX and len(lw) > 1) or (len(head) < len(lw) and head[0] in ORG_PREFIX) or "&" in words:
        c.type = "ORG"
        c.country = c.country or _demonym_in(words)
    elif (head[-1] in PLACE_SUFFIX or lw[0] in PLACE_PREFIX) and len(lw) > 1:
        c.type = "PLACE"
    elif lw[-1] in EVENT_WORDS:
        c.type = "OTHER"
    elif len(words) > 1 and (words[0] in gz.given_names() or _INITIAL.match(words[0])
                             or any(w in _PARTICLES for w in words[1:-1])):
        c.type = "PERSON"
    elif len(words) == 1 and c.name in gz.given_names() and lw[0] not in lowers:
        c.type, c.weak = "PERSON", True
    elif (region := gz.region_country(c.name)) is not None:
        c.type, c.country, c.weak = "PLACE", region or None, True
        if _team_context(text, c.start, c.end):
            c.type, c.country, c.team = "ORG", None, True
    elif (city := gz.best_city(c.name)) is not None and _city_plausible(c, city, lw, lowers):
        c.type, c.canonical, c.country, c.weak = "PLACE", city.name, city.country, True
        if _team_context(text, c.start, c.end):
            c.type, c.country, c.team = "ORG", None, True
    elif c.name.isupper() and len(words) == 1 and 1 < len(c.name) <= 5 and lw[0] not in NOT_ORG_ACRONYMS:
        c.type, c.weak = "ORG", True

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


_ORG_WORDS = ORG_PREFIX | ORG_SUFFIX  # unions built once, not at every test
_ORG_OR_EVENT = ORG_SUFFIX | EVENT_WORDS


@lru_cache(maxsize=1)
def _joining_heads() -> frozenset[str]:
    """Words a joining 'of'/'for' may follow ('Ministry of', 'Minister for', 'Gulf of')."""
    return _ORG_WORDS | PLACE_SUFFIX | role_vocab()


_PERIOD_ABBREVS = frozenset(ROLE_ABBREVS) | {"co", "corp", "inc", "ltd", "jr", "sr", "st", "mt", "ft",
                                              "messrs", "mr", "mrs", "ms", "dr", "no"}
_PARTICLES = frozenset({"de", "da", "das", "dos", "van", "von", "der", "den", "del", "di", "bin", "ibn", "le", "la"})


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


_TEAM_AFTER = re.compile(r"[ \t]+(?:\d{1,3}\b(?![.,:]\d)|beat\b|beats\b|drew\b|v\b|vs\b|defeated\b|"
                         r"edged\b|routed\b|thrashed\b|lost to\b)")
_TEAM_BEFORE = re.compile(r"\b(?:beat|v|vs\.?|defeated|drew with|lost to|edged|routed|thrashed)[ \t]+$")


def _team_context(text: str, start: int, end: int) -> bool:
    """A city named in a sports result is its team: 'Chicago 5 Boston 3', 'Leeds beat Everton'."""
    return bool(_TEAM_AFTER.match(text, end)) or bool(_TEAM_BEFORE.search(text, max(0, start - 14), start))


_PARTY_STATE = re.compile(r"^[DRI]-[A-Z][A-Za-z]{0,4}\.?$")
_UPPER_CH = re.compile(r"[A-Z]")
_LOWER_CH = re.compile(r"[a-z]")


_RESULT_LINE = re.compile(r"[ \t]*[A-Z][\w.' -]*?[ \t]+\d{1,3}[ \t]+[A-Z][\w.' -]*?[ \t]+\d{1,3}[ \t]*(?:\(|$)",
                          re.MULTILINE)


def _result_line(text: str, pos: int) -> bool:
    """True inside a sports result line: 'Stranraer 2 Dumbarton 1'."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    if (b if b >= 0 else len(text)) - a > 200:
        return False  # result lines are short; this also keeps long lines linear
    return bool(_RESULT_LINE.match(text, a))


def _caps_line(text: str, pos: int, cache: dict[int, bool]) -> bool:
    """True inside a line written in capitals (a headline or a results table)."""
    a = text.rfind("\n", 0, pos) + 1
    if a not in cache:
        b = text.find("\n", pos)
        line = text[a:b if b >= 0 else len(text)]
        upper = len(_UPPER_CH.findall(line))
        cache[a] = upper >= 4 and len(_LOWER_CH.findall(line)) * 4 < upper
    return cache[a]


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


_ADJECTIVE_ENDINGS = ("ed", "ing", "al", "ic", "ive", "ary", "ern", "ese")


def _name_like(words: list[str], lw: list[str]) -> bool:
    """Unknown words that may be a personal name: no place word, no adjective-shaped first word."""
    if gz.best_city(words[0]) or gz.country_code(words[0]) or gz.region_country(words[-1]) is not None:
        return False
    if gz.region_country(words[0]) is not None or any(w in role_vocab() for w in lw):
        return False
    return not lw[0].endswith(_ADJECTIVE_ENDINGS) or words[0] in gz.given_names()


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
                team = not found[2] and _team_context(text, s, e)  # results table: "CHICAGO 62 70"
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
