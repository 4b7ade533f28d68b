"""CAMEO code table and the verb-pattern lexicon: loading, inflection and matching over tokens.

The data files (`data/cameo_codes.tsv`, `data/verb_patterns.tsv`) are written by the project. Patterns
are indexed by every inflected form of their first word, so a sentence costs one dict lookup per
token plus the few candidate patterns that start there.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from newsprism.errors import PatternDataError
from newsprism.lexicon import text as data_text

log = logging.getLogger(__name__)

GAP_MAX = 5
GAP_STOPS = frozenset({".", ";", ":", "?", "!", "\u2014"})
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|\d+(?:[.,]\d+)+|\w+(?:[-']\w+)*|[^\w\s]"
)


# ---------------------------------------------------------------- tokens


@dataclass(slots=True)
class Token:
    """One word or punctuation mark: `text` as written, `low` folded, offsets in the article."""

    text: str
    low: str
    start: int
    end: int


_APOS = str.maketrans({"\u2019": "'", "\u00b4": "'"})


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words, numbers and punctuation of `text`; a possessive 's becomes its own token.

    `findall` plus `str.find` for offsets: no match object per token (this is the hot loop).
    """
    norm = text.translate(_APOS)  # same length: offsets hold
    low = norm.lower()
    if len(low) != len(norm):  # a letter whose lower case is longer ("\u0130"): fold per word
        low = "".join(ch.lower()[:1] or ch for ch in norm)
    tokens: list[Token] = []
    append, find, pos = tokens.append, norm.find, 0
    for word in _TOKEN.findall(norm):
        start = find(word, pos)
        end = pos = start + len(word)
        if "'" in word and len(word) > 3 and word[-2:].lower() == "'s" and word[-3].isalpha():
            append(Token(word[:-2], low[start:end - 2], offset + start, offset + end - 2))
            append(Token("'s", "'s", offset + end - 2, offset + end))
            continue
        append(Token(word, low[start:end], offset + start, offset + end))
    return tokens


# ---------------------------------------------------------------- CAMEO table


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str
    mode: str


def _data_text(name: str) -> str:
    return data_text(name)


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code with its name, Goldstein value, QuadClass and PLOVER type and mode."""
    table: dict[str, CameoCode] = {}
    for n, line in enumerate(_data_text("cameo_codes.tsv").splitlines(), 1):
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 6:
            raise PatternDataError(f"cameo_codes.tsv line {n}: expected 6 columns, got {len(parts)}")
        code, name, goldstein, quad, plover, mode = parts
        table[code] = CameoCode(code, name, float(goldstein), int(quad), plover, mode)
    return table


def cameo(code: str) -> CameoCode:
    """The table row of a code; unknown sub-codes fall back to their base code, then their root."""
    table = cameo_table()
    for candidate in (code, code[:3], code[:2]):
        if candidate in table:
            return table[candidate]
    raise PatternDataError(f"unknown CAMEO code {code!r}")


# ---------------------------------------------------------------- inflection

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "meet": ("met",), "hold": ("held",), "send": ("sent",), "shoot": ("shot",), "fight": ("fought",),
    "take": ("took", "taken"), "retake": ("retook", "retaken"), "give": ("gave", "given"), "bring": ("brought",), "lead": ("led",),
    "make": ("made",), "sell": ("sold",), "strike": ("struck", "stricken"), "win": ("won",),
    "withdraw": ("withdrew", "withdrawn"), "begin": ("began", "begun"), "break": ("broke", "broken"),
    "speak": ("spoke", "spoken"), "throw": ("threw", "thrown"), "beat": ("beaten",), "lay": ("laid",),
    "forgive": ("forgave", "forgiven"), "drive": ("drove", "driven"), "lose": ("lost",),
    "leave": ("left",), "keep": ("kept",), "tell": ("told",), "seek": ("sought",), "say": ("said",),
    "pay": ("paid",), "buy": ("bought",), "stand": ("stood",), "undertake": ("undertook", "undertaken"),
    "overthrow": ("overthrew", "overthrown"), "blow": ("blew", "blown"), "flee": ("fled",),
    "forbid": ("forbade", "forbidden"), "freeze": ("froze", "frozen"), "go": ("went", "gone"),
    "have": ("had", "has"), "do": ("did", "done", "does"), "build": ("built",), "fly": ("flew", "flown"),
    "slay": ("slew", "slain"), "sink": ("sank", "sunk"), "put": ("put",), "set": ("set",),
    "cut": ("cut",), "hit": ("hit",), "shut": ("shut",), "quit": ("quit",), "lend": ("lent",),
    "spend": ("spent",), "come": ("came",), "get": ("got", "gotten"), "kick": ("kicked",),
    "wage": ("waged",), "mislead": ("misled",), "bid": ("bid",), "catch": ("caught",),
    "arise": ("arose", "arisen"), "rise": ("rose", "risen"), "write": ("wrote", "written"),
    "choose": ("chose", "chosen"), "swear": ("swore", "sworn"), "tear": ("tore", "torn"),
}
_VOWELS = set("aeiou")


def inflections(word: str) -> set[str]:
    """Every verb form and the plural of a base word (over-generating is harmless)."""
    forms = {word, *_IRREGULAR.get(word, ())}
    if word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing", word + "ing"}
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    else:
        plural = word + "es" if word.endswith(("s", "sh", "ch", "x", "z", "o")) else word + "s"
        forms |= {plural, word + "ed", word + "ing"}
        if len(word) > 2 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS \
                and word[-3] not in _VOWELS:
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


# ---------------------------------------------------------------- patterns

Alt = tuple[frozenset[str], ...]  # a sequence of token sets: one alternative of an element


@dataclass(frozen=True, slots=True)
class Element:
    """One pattern element: alternatives (each a word sequence), a gap, or a negative look-ahead."""

    kind: str  # "word", "gap" or "not"
    alts: tuple[Alt, ...] = ()
    banned: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    source: str  # the pattern as written
    elements: tuple[Element, ...]
    head: int  # index of the head element
    literals: int  # how many words it pins down: more means more specific
    order: int  # line order in the file: earlier wins ties
    required: frozenset[str]  # one of these words must be in the sentence (its last word element)


def _word_set(word: str) -> frozenset[str]:
    if word.startswith("+"):
        return frozenset(inflections(word[1:].lower()))
    return frozenset({word.lower()})


def _element(text: str) -> Element:
    if text == "*":
        return Element("gap")
    if text.startswith("!"):
        return Element("not", banned=frozenset(w.lower() for w in text[1:].split("|")))
    alts = tuple(tuple(_word_set(w) for w in alt.split("_")) for alt in text.split("|"))
    return Element("word", alts=alts)


def compile_pattern(code: str, text: str, order: int = 0) -> Pattern:
    """Parse one pattern line (see the header of data/verb_patterns.tsv)."""
    parts = text.split()
    if not parts or parts[0] == "*" or parts[0].startswith("!"):
        raise PatternDataError(f"pattern {text!r} must start with a word")
    elements = tuple(_element(p) for p in parts)
    head = next((i for i, p in enumerate(parts) if p.startswith("+") or "|+" in p), 0)
    literals = sum(len(e.alts[0]) for e in elements if e.kind == "word")
    last = [e for e in elements if e.kind == "word"][-1]
    required = frozenset().union(*(alt[0] for alt in last.alts))
    return Pattern(code, text, elements, head, literals, order, required)


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    """The shipped verb-pattern lexicon, checked against the CAMEO table."""
    table = cameo_table()
    out: list[Pattern] = []
    for n, line in enumerate(_data_text("verb_patterns.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        code, _, text = line.partition("\t")
        if code not in table:
            raise PatternDataError(f"verb_patterns.tsv line {n}: unknown CAMEO code {code!r}")
        out.append(compile_pattern(code, text.strip(), n))
    return tuple(out)


@lru_cache(maxsize=1)
def pattern_index() -> dict[str, tuple[Pattern, ...]]:
    """Patterns by every form their first word can take."""
    index: dict[str, list[Pattern]] = {}
    for pat in patterns():
        for alt in pat.elements[0].alts:
            for form in alt[0]:
                index.setdefault(form, []).append(pat)
    return {k: tuple(v) for k, v in index.items()}


_SPACE_OUT = str.maketrans({c: " " for c in ",.;:!?\"()[]{}\u201c\u201d\u2018\u2014\u2013/"}
                           | {"\u2019": "'", "\u00b4": "'"})


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(pattern_index())


def words_of(text: str) -> set[str]:
    """The lower-case words of `text` (a fast pre-check, no offsets)."""
    return set(text.lower().translate(_SPACE_OUT).split())


def folded(text: str) -> str:
    """`text` lower-cased with punctuation as spaces, offsets kept, for `words_of` by slices of one
    article (one pass instead of one per sentence); "" when folding changes the length."""
    out = text.lower().translate(_SPACE_OUT)
    return out if len(out) == len(text) else ""


def may_match(words: set[str]) -> bool:
    """False when no pattern can match among `words` (its first and last words both absent)."""
    index = pattern_index()
    for word in _first_words().intersection(words):
        for pat in index[word]:
            if len(pat.elements) == 1 or not pat.required.isdisjoint(words):
                return True
    return False


@dataclass(frozen=True, slots=True)
class Match:
    """A pattern found in a token list: token span [start, end), its head token and any gap."""

    pattern: Pattern
    start: int
    end: int
    head: int
    gap: tuple[int, int] | None  # token span of the first gap


def _match_alt(alt: Alt, tokens: list[Token], i: int) -> int:
    """End index when the word sequence `alt` matches at i, else -1."""
    for k, words in enumerate(alt):
        if i + k >= len(tokens) or tokens[i + k].low not in words:
            return -1
    return i + len(alt)


def _match_from(
    elements: tuple[Element, ...], tokens: list[Token], e: int, i: int, marks: list[int]
) -> int:
    """Match elements[e:] at token i; returns the end index or -1. `marks[e]` gets each element's start."""
    if e == len(elements):
        return i
    el = elements[e]
    marks[e] = i
    if el.kind == "not":
        ahead = {t.low for t in tokens[i:i + 2]}
        return -1 if ahead & el.banned else _match_from(elements, tokens, e + 1, i, marks)
    if el.kind == "gap":
        for j in range(i, min(i + GAP_MAX, len(tokens)) + 1):
            if j > i and tokens[j - 1].low in GAP_STOPS:
                break
            end = _match_from(elements, tokens, e + 1, j, marks)
            if end >= 0:
                return end
        return -1
    for alt in el.alts:
        nxt = _match_alt(alt, tokens, i)
        if nxt >= 0:
            end = _match_from(elements, tokens, e + 1, nxt, marks)
            if end >= 0:
                return end
    return -1


def find_matches(tokens: list[Token]) -> list[Match]:
    """Every pattern match starting at every token (overlaps included)."""
    index = pattern_index()
    found: list[Match] = []
    words = {t.low for t in tokens}
    for i, tok in enumerate(tokens):
        for pat in index.get(tok.low, ()):
            if len(pat.elements) > 1 and pat.required.isdisjoint(words):
                continue
            marks = [i] * (len(pat.elements) + 1)
            end = _match_from(pat.elements, tokens, 0, i, marks)
            if end < 0:
                continue
            marks[len(pat.elements)] = end
            gap = next(((marks[k], marks[k + 1]) for k, el in enumerate(pat.elements)
                        if el.kind == "gap"), None)
            found.append(Match(pat, i, end, marks[pat.head], gap))
    return found


def best_matches(tokens: list[Token]) -> list[Match]:
    """Non-redundant matches in text order: per head the most specific; contained ones dropped."""
    by_head: dict[int, Match] = {}
    for m in find_matches(tokens):
        cur = by_head.get(m.head)
        if cur is None or _better(m, cur):
            by_head[m.head] = m
    kept = sorted(by_head.values(), key=lambda m: m.head)
    return [m for m in kept if not any(_contains(o, m) for o in kept if o is not m)]


def _better(a: Match, b: Match) -> bool:
    ka = (a.pattern.literals, a.end - a.start, -a.pattern.order)
    kb = (b.pattern.literals, b.end - b.start, -b.pattern.order)
    return ka > kb


def _contains(outer: Match, inner: Match) -> bool:
    """`outer` spans `inner` and pins down more words (it is the fuller reading)."""
    return (outer.start <= inner.start and inner.end <= outer.end
            and outer.pattern.literals > inner.pattern.literals
            and (outer.gap is None or not outer.gap[0] <= inner.head < outer.gap[1]))
