"""Capitalised word runs cut into name pieces, for the entities step.

`candidates` finds capitalised word runs in one regex pass and splits each into a title prefix
("Deputy Defence Minister") and name pieces: lexicon names like "NATO" or "Russia" cut a run, and so
do connectors that do not join ("Russia and Belarus"; "Ministry of Defence" stays one).
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache

from newsprism.analyze import gazetteer as gz
from newsprism.analyze.entity_roles import role_vocab
from newsprism.analyze.entity_words import (
    ADJECTIVE_ENDINGS,
    CONN,
    CONNECTORS,
    DATE_WORDS,
    JOINERS,
    LEGAL_FORMS,
    ORG_OR_EVENT,
    ORG_SUFFIX,
    ORG_WORDS,
    OUTLET_HEADS,
    PERIOD_ABBREVS,
    ROLE_ABBREVS,
    STOP,
    Candidate,
    joining_heads,
)

_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
# a plural possessive ("Workers'") is part of a word only before another capitalised word; `_runs`
# keeps it inside an organisation's name ("the Harbour Workers' Union") and cuts the run after it
_WORD = rf"[{_UP}](?:(?:\.[A-Z])+\.|[\w\-]*(?:['\u2019\u00b4][{_UP}][\w\-]*)?(?:(?<=s)['\u2019](?=[ \t]+[{_UP}]))?\.?)"
_SEQ = re.compile(rf"{_WORD}(?:[ \t]+(?:{CONN}[ \t]+){{0,2}}{_WORD})*")  # starts checked in code
_TOKEN = re.compile(r"\S+")
_NOT_BEFORE = frozenset("-'.\u2019_0123456789") | frozenset(chr(c) for c in range(97, 123)) | frozenset(
    chr(c) for c in range(65, 91))


def _keeps_period(word: str) -> bool:
    core = word.rstrip(".")
    return len(core) == 1 or "." in core or core.lower() in PERIOD_ABBREVS or word in gz.state_abbreviations()


def _ahead(words: list[str], i: int) -> list[str]:
    """The words from i on, as far as the longest lexicon name starting there can reach (copying
    the whole rest of a run for every word made long capitalised runs quadratic)."""
    return words[i:i + max(1, gz.longest_name_from(words[i]))]


def _lexicon_piece(words: list[str]) -> tuple[int, str, str, str | None]:
    """Longest lexicon name at the start of `words`: (length, type, canonical, code)."""
    longest = gz.longest_name_from(words[0])
    for size in range(min(len(words), longest), 0, -1):
        phrase = " ".join(words[:size])
        if (size == 1 and phrase.lower() in CONNECTORS) or words[0] in ("The", "THE"):
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
        elif not head_end and _domain_word(words, i, lex.heads):
            role_start = i if role_start < 0 else role_start  # "Fisheries Minister", "Tourism Secretary"
        else:
            break
        i += 1
    if head_end == 0:
        return 0, 0, None
    return role_start, head_end, country


def _domain_word(words: list[str], i: int, heads: Container[str]) -> bool:
    """A capitalised word naming a minister's or director's field, right before the head word
    and itself no given name: 'Privatisation' in 'Privatisation Minister Ada Kovac'."""
    word = words[i]
    return i + 2 < len(words) and word[:1].isupper() and word.isalpha() and word not in gz.given_names() \
        and words[i + 1].lower() in heads


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
    if word.lower() in CONNECTORS or word.lower() in DATE_WORDS:
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
    if "and" in words and _one_org(words):
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


def _one_org(words: list[str]) -> bool:
    """'Relief and Works Agency' is one organisation; 'Tessamere Pharmaceuticals and Dobrin
    Laboratories' are two (an org head before 'and' ends the first), as are two people."""
    if words[-1].lower() not in ORG_SUFFIX or any(w in gz.given_names() for w in words):
        return False
    return not any(w == "and" and k and words[k - 1].lower() in ORG_SUFFIX for k, w in enumerate(words))


def _org_before(words: list[str], i: int) -> bool:
    return i > 0 and words[i - 1].lower() in ORG_SUFFIX


def _runs(seq: str) -> list[list[tuple[int, int]]]:
    """Tokens of a sequence, cut after a word whose period ends a sentence ('February. Even',
    'Washington D.C. He')."""
    runs: list[list[tuple[int, int]]] = [[]]
    toks = [m.span() for m in _TOKEN.finditer(seq)]
    for k, (s, e) in enumerate(toks):
        cut = seq[e - 1] == "." and not _keeps_period(seq[s:e])
        possessive = seq[e - 1] in "'\u2019" and not any(  # "the Workers' Party": an org's name goes on
            seq[a:b].lower().rstrip(".") in ORG_SUFFIX for a, b in toks[k + 1:])
        runs[-1].append((s, e - 1 if cut or possessive else e))
        if cut or possessive or (seq[e - 1] == "." and k + 1 < len(toks) and seq[slice(*toks[k + 1])].lower() in STOP):
            runs.append([])
    return [r for r in runs if r]


def _sequence(text: str, toks: list[tuple[int, int]]) -> list[Candidate]:
    """Title prefix and name pieces of one run of capitalised words."""
    words = [text[s:e] for s, e in toks]
    titled = _titled(text, toks, words)
    if titled is None:
        return _pieces(text, toks, words)
    cut = next((i for i, w in enumerate(words) if w in _NAME_BREAKS and toks[i][0] > titled.start), 0)
    nxt = next((i for i in range(cut + 1, len(words)) if words[i][:1].isupper()), len(words)) if cut else 0
    if not cut or nxt == len(words) or not _place_word(words[nxt]):
        return [titled]
    # "Senator Alan Cole of Ohio": the name ends at the connector; the place after it is named apart
    head = _titled(text, toks[:cut], words[:cut])
    return ([head] if head else _pieces(text, toks[:cut], words[:cut])) + _pieces(text, toks[nxt:], words[nxt:])


def _place_word(word: str) -> bool:
    return bool(gz.country_code(word)) or gz.region_country(word) is not None or gz.best_city(word) is not None


_NAME_BREAKS = frozenset({"of", "for", "and", "&", "in", "on", "upon"})


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
    if rest_low[0].endswith(ADJECTIVE_ENDINGS) and words[re_] not in gz.given_names() or \
            any(w in role_vocab() for w in rest_low):
        return None  # "Republican Presidential", "Democratic Governor"
    role = _role_text(text, toks, rs, re_)
    rest = toks[re_:]
    return Candidate(rest[0][0], rest[-1][1], text[rest[0][0]:rest[-1][1]], "PERSON",
                     role=role, country=country, known=True, role_start=toks[0][0])


def _pieces(text: str, toks: list[tuple[int, int]], words: list[str]) -> list[Candidate]:
    """Cut a run at lexicon names and at connectors that do not join names; a one-word place after
    a given name is a surname ('Eddie Jordan', 'Ruth Chad')."""
    out: list[Candidate] = []
    run: list[int] = []
    i = 0
    while i < len(words):
        size, typ, canonical, code = _lexicon_piece(_ahead(words, i))
        last = words[-1].lower()
        inside_org = i + size < len(words) and (last in ORG_OR_EVENT or last in OUTLET_HEADS or (  # 'China Daily'
            typ == "ORG" and words[i + size] in ("on", "of", "for")))  # European Council on Foreign Relations
        surname = size == 1 and typ == "PLACE" and bool(run) and words[run[-1]] in gz.given_names()
        if size and not inside_org and not surname and not (run and _org_continues(words, run, i)):
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
    """'Bank of England', 'University of Kyiv', an airline ('Air Canada'): a lexicon name inside an
    org name stays in it."""
    prev = words[run[-1]].lower()
    if prev == "air" and len(run) == 1:
        return True
    return prev in ("of", "for") and len(run) >= 2 and words[run[-2]].lower() in ORG_WORDS and \
        words[run[-2]].lower() not in LEGAL_FORMS


def _flush(text: str, toks: list[tuple[int, int]], words: list[str], run: list[int],
           out: list[Candidate]) -> None:
    """Split a run at connectors that do not join, then emit the pieces."""
    piece: list[int] = []
    org_and = bool(run) and _one_org([words[j] for j in run])
    for k, i in enumerate(run + [-1]):
        low = words[i] if i >= 0 else ""
        if i >= 0 and low not in CONNECTORS and low.lower() not in DATE_WORDS:
            if piece or low != "the":  # "Heads of the Dock Union": the piece starts at 'Dock'
                piece.append(i)
            continue
        if i >= 0 and (low in JOINERS or low == "and" and org_and) and piece and _joins(words, piece, low, words[run[k + 1]] if k + 1 < len(run) else ""):
            piece.append(i)
            continue
        while piece and words[piece[-1]].lower() in CONNECTORS:
            piece.pop()
        if piece:
            sub = [toks[j] for j in piece]
            titled = _titled(text, sub, [words[j] for j in piece]) if len(piece) > 1 else None
            s, e = sub[0][0], sub[-1][1]
            out.append(titled or Candidate(s, e, text[s:e]))
        piece = []


def _joins(words: list[str], piece: list[int], low: str, after: str) -> bool:
    """'Ministry of Defence', 'Jean de la Fontaine' join; 'Russia and Belarus' do not; nor does a
    place after a titled name ('Senator Alan Cole of Ohio': a person and a place)."""
    if low == "&":
        return True
    if low in ("of", "of the", "for", "for the", "on"):
        if words[piece[-1]].lower() in LEGAL_FORMS:
            return False  # 'Vellor Corp of Tarvin': a company's legal form ends its name
        heads = ORG_WORDS if low == "on" else joining_heads()
        if words[piece[-1]].lower() in heads:
            return True  # 'Ministry of', 'Minister for', 'Gulf of'
        if low == "on" or not any(words[j].lower() in heads for j in piece):
            return False
        return any(words[j].lower() in ORG_WORDS for j in piece) or not _place_word(after)
    return True


