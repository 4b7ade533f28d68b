"""The `figures` step: numbers with unit, qualifier, what they count and who claims them.

Digits (`140,000`, `1.5 million`, `$3 billion`, `3bn`) and number words (`ten`, `Sixty-two`,
`two hundred`) are found by one regular expression; lexicons in `newsprism/data/` give units,
currencies and qualifiers. Years, dates, times, ordinals, ages and numbers inside names (`S-400`,
`Allied Resolve-2022`) are not figures. The claimant comes from the attribution rules shared with
the quotes step (`X said ...`, `..., X said`, `according to X`).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from newsprism.analyze.cues import Attributor
from newsprism.analyze.quotes import quote_speaker
from newsprism.lexicon import month_pattern
from newsprism.lexicon import text as data_text
from newsprism.records import Article, Entity, Figure, Sentence

log = logging.getLogger(__name__)


def _load(name: str) -> Any:
    return json.loads(data_text(name))


def _alt(words: Sequence[str]) -> str:
    """A regex alternation of literal words, longest first (so 'per cent' beats 'per')."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Lexicon:
    """Number words, units, currencies and qualifiers, compiled once."""

    def __init__(self) -> None:
        nums = _load("number_words.json")
        self.words: dict[str, int] = {**nums["units"], **nums["tens"]}
        self.scales: dict[str, int] = nums["scales"]
        units: dict[str, list[str]] = _load("units.json")
        self.unit_of = {w.lower(): u for u, ws in units.items() for w in ws}
        cur = _load("currencies.json")
        self.symbols: dict[str, str] = cur["symbols"]
        self.cur_words: dict[str, str] = {w.lower(): c for w, c in cur["words"].items()}
        self.cur_words.update({c.lower(): c for c in cur["codes"]})
        quals: dict[str, list[str]] = _load("qualifiers.json")
        self.qual_of = {w: q for q, ws in quals.items() for w in ws}
        self.number = self._number_regex(nums)
        firsts = {w.split()[-1] for w in self.words} | set(nums["tens"])
        self.triggers = sorted(firsts)
        self.symbol_list = sorted(self.symbols, key=len, reverse=True)
        self.symbol_ends = frozenset(sym[-1] for sym in self.symbols)
        self.qualifier = re.compile(rf"(?:^|\W)({_alt(list(self.qual_of))})\s+$", re.IGNORECASE)
        unit_words = list(self.unit_of) + list(self.cur_words)
        self.unit = re.compile(rf"(?:\s?-\s?|\s)?({_alt(unit_words)})(?![A-Za-z])", re.IGNORECASE)
        self.scale = re.compile(rf"(?:\s|-)?({_alt(list(self.scales))})(?![A-Za-z])", re.IGNORECASE)

    def _number_regex(self, nums: dict[str, dict[str, int]]) -> re.Pattern[str]:
        small = _alt([w for w in nums["units"] if " " not in w])
        tens = _alt(list(nums["tens"]))
        multi = _alt([w for w in nums["units"] if " " in w])
        big = _alt([s for s in nums["scales"] if len(s) > 2])
        word = rf"(?:(?:{tens})(?:[-\s](?:{small}))?|{multi}|{small})"
        wordnum = rf"{word}(?:[\s-](?:and[\s-])?(?:{word}|{big}))*"
        digits = r"\d{1,3}(?:,\d{3}|,\s\d{3}(?![\d,]|\s(?:and|or)\b))+(?:\.\d+)?|\d+(?:\.\d+)?"  # "2, 000": tokenised
        cur = _alt(list(self.symbols))
        return re.compile(
            rf"(?P<cur>{cur})?\s?(?:(?P<dig>{digits})|(?<![A-Za-z-])(?P<word>{wordnum})(?![A-Za-z]))",
            re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """Number words, units, currencies and qualifiers, loaded once per process."""
    return _Lexicon()


_MONTH = rf"(?:{month_pattern()})"  # the one month table (newsprism.lexicon)
_MONTH_BEFORE = re.compile(rf"{_MONTH}\.?\s+$")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MONTH}\b")
_IDIOM_AFTER = re.compile(r"\s?[-\u2010\u2011\u2013]\s?(?:way|fold|sided|party|thirds|quarters|fifths|and-a-half)\b"
                          r"|-on-(?:one|two)\b")  # "a two-party system", "three-way talks": no count
_NAME_BEFORE = re.compile(r"(?<=[a-z,;] )(?!(?:About|Over|Some|Nearly|Almost|Around|Up|More|At|Only|Just|The|In|On|By|Of)\s)[A-Z][a-z]+\s$")
_TIME_AFTER = re.compile(r"(?::\s?\d\d|\s?[ap]\.\s?m\.|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|[AP]M\b|o'clock|hrs\b|BST|EST|CET))")
_AGE_AFTER = re.compile(r"-year-old|\s+years?\s+old|-month-old")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S")
_STOP_WORDS = (
    "the a an of to in on at by for from with and or but as than that which who whom whose this these "
    "those it its their his her our your was were is are be been being has have had will would could "
    "should may might can said says say told according while when where if into onto over under up "
    "down out off about after before since during against between near across around per each more "
    "also not no so just only through via thought think believe believed expect expected want wanted "
    "support supported oppose opposed saw see sees say feel felt")
_STOP = frozenset(_STOP_WORDS.split())


class FiguresStep:
    """Numbers with what they count, their unit, qualifier and claimant."""

    name = "figures"
    version = "2"
    requires: tuple[str, ...] = ("sentences", "entities")
    output: Any = list[Figure]

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[Figure]:
        return find_figures(article.text, inputs.get("sentences") or (), inputs.get("entities") or ())


def find_figures(text: str, sentences: Sequence[Sentence] = (),
                 entities: Sequence[Entity] = ()) -> list[Figure]:
    """Every figure in `text`, in text order."""
    lex = lexicon()
    out: list[Figure] = []
    last_end = -1
    for pos in _candidates(text, lex):
        if pos < last_end:
            continue
        m = lex.number.match(text, pos)
        if m is None:
            continue
        last_end = m.end()
        if _in_url(text, pos):
            continue
        fig = _figure(text, m, lex)
        if fig is not None:
            last_end = max(last_end, fig.end)
            out.append(fig)
    if out:
        att = Attributor.shared(text, sentences, entities)
        for fig in out:
            who = att.claimant(fig.start) or quote_speaker(att, fig.start)
            fig.source = who.name if who is not None else None
    return out


_DIGITS = re.compile(r"\d[\d,.]*")


def _candidates(text: str, lex: _Lexicon) -> list[int]:
    """Where a number (or its currency sign) may start: found with C-speed scans, not one big regex."""
    out = []
    for m in _DIGITS.finditer(text):
        pos = m.start()
        if pos and (text[pos - 1].isdigit() or text[pos - 1] in ",."):
            continue
        out.append(_currency_start(text, pos, lex))
    low = text.lower()
    for word in lex.triggers:
        i = low.find(word)
        while i >= 0:
            if (i == 0 or not low[i - 1].isalpha()) and not low[i + len(word):i + len(word) + 1].isalpha():
                out.extend(_word_starts(low, i))
            i = low.find(word, i + len(word))
    out.sort()
    return out


def _currency_start(text: str, pos: int, lex: _Lexicon) -> int:
    """Where a currency sign right before the digits at `pos` starts (`$3`, `US$ 5`), else `pos`."""
    before = text[max(0, pos - 2):pos].rstrip()[-1:]
    if not before or before not in lex.symbol_ends:
        return pos
    for sym in lex.symbol_list:
        if text.endswith(sym, 0, pos):
            return pos - len(sym)
        if text.endswith(sym + " ", 0, pos):
            return pos - len(sym) - 1
    return pos


def _word_starts(low: str, i: int) -> list[int]:
    """A number word at `i`, or the `a`/`half a` before `dozen`, `couple`, `pair`."""
    for lead in ("half a ", "a "):
        if low.endswith(lead, 0, i) and (i == len(lead) or not low[i - len(lead) - 1].isalpha()):
            return [i - len(lead), i]
    return [i]


def _figure(text: str, m: re.Match[str], lex: _Lexicon) -> Figure | None:
    """A Figure from one number match, or None when the number is a year, date, name, time..."""
    core_start = m.start("dig") if m.group("dig") else m.start("word")
    start, end = (m.start("cur") if m.group("cur") else core_start), m.end()
    if _magnitude_at(text, m, core_start, end):
        return _magnitude(text, m, core_start, end, lex)
    fm = _FRACTION.match(text, end)
    if fm is None and _not_a_figure(text, m, core_start, end):
        return None
    value = _value(m, lex)
    if fm is not None:  # "2 1/2 years", "2-1/2", "2½", "two and a half": not 2
        value, end = value + _FRACTIONS[fm.group(1) or fm.group(2) or fm.group(3).lower()], fm.end()
    currency = lex.symbols[m.group("cur")] if m.group("cur") else None
    sm = lex.scale.match(text, end)
    if sm and (m.group("dig") or sm.group(1).lower() in ("hundred", "thousand", "million", "billion", "trillion")):
        value *= lex.scales[sm.group(1).lower()]
        end = sm.end()
    unit = currency
    um = lex.unit.match(text, end)
    if um:
        word = um.group(1).lower()
        if word in lex.cur_words and unit is None:
            unit, end = lex.cur_words[word], um.end()
        elif word in lex.unit_of and currency is None:
            unit, end = lex.unit_of[word], um.end()
    paired = _ratio_or_range(text, start, end, value, unit, lex)
    if paired is not None:
        return paired
    if unit is None and m.group("word") and m.group("word").lower() == "one":
        return None
    if _IDIOM_AFTER.match(text, end):
        return None  # "a two-way street", "a three-way race", "tenfold"
    if unit is None and m.group("dig") and _looks_like_year(m.group("dig")):
        return None
    if unit == "year" and _AGE_AFTER.match(text, um.start() if um else end):
        return None
    qualifier, qstart = _qualifier(text, start, lex)
    return Figure(value=value, unit=unit, qualifier=qualifier, object=_object(text, end, unit),
                  text=text[qstart:end], start=qstart, end=end)


def _magnitude_at(text: str, m: re.Match[str], start: int, end: int) -> bool:
    """A quake's magnitude: "magnitude 5.6", "a 5.2-magnitude quake", "4.1 on the Richter scale"."""
    before = text[max(0, start - 14):start]
    return bool(_MAGNITUDE.search(before) or _MAGNITUDE_AFTER.match(text, end))


def _magnitude(text: str, m: re.Match[str], start: int, end: int, lex: _Lexicon) -> Figure | None:
    """A magnitude as a figure (unit "magnitude"), when written whole ("6. 1", a decimal a
    tokeniser split, is left out) and plausible (under 10)."""
    before = text[max(0, start - 12):start]
    if not m.group("dig") or _DECIMAL_BEFORE.search(before) or _DECIMAL_AFTER.match(text, end):
        return None
    value = _value(m, lex)
    if not 0 < value < 10:
        return None
    qualifier, qstart = _qualifier(text, start, lex)
    return Figure(value=value, unit="magnitude", qualifier=qualifier, object=None,
                  text=text[qstart:end], start=qstart, end=end)


def _not_a_figure(text: str, m: re.Match[str], start: int, end: int) -> bool:
    """Numbers inside names and codes, ordinals, dates, times, addresses and scores."""
    before = text[max(0, start - 12):start]
    if before and (before[-1].isalnum() or before[-1] in "-/#:." and len(before) > 1 and before[-2].isalnum()):
        return True
    if _CLOCK_BEFORE.search(before) or _ADDRESS_AFTER.match(text, end) or _score(text, m, end):
        return True
    split_decimal = m.group("dig") and len(m.group("dig")) <= 2 and _DECIMAL_BEFORE.search(before)
    if split_decimal or _DECIMAL_AFTER.match(text, end):
        return True  # "6. 1" (a decimal split by a tokeniser)
    sb = _SCORE_BEFORE.search(before)
    if sb and m.group("dig") and "," not in m.group("dig") and int(sb.group(1)) >= int(m.group("dig")):
        return True  # the second number of "a 162 - 139 record"
    after = text[end:end + 3]
    if after[:1].isalpha() and not re.match(r"(?:bn|mn|mln|km|kg|ft|k|m)\b|%", after, re.IGNORECASE):
        return True
    if after[:1] in "/" or (after[:1] == "-" and after[1:2].isdigit() and m.group("dig")
                            and _MONTH_AFTER.match(text, end)):
        return True
    if m.group("dig"):
        if _NAME_BEFORE.search(before) and "," not in m.group("dig"):
            return True
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(text, end) or _TIME_AFTER.match(text, end):
            return True
        if after[:1] == "." and after[1:2].isdigit():
            return True
    return False


_FRACTIONS = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75, "\u00bd": 0.5, "\u00bc": 0.25, "\u00be": 0.75,
              "half": 0.5, "quarter": 0.25}
_FRACTION = re.compile(r"(?:[\s-](1/2|1/4|3/4)(?![\d/])|(\u00bd|\u00bc|\u00be)|\s+and\s+an?\s+(half|quarter)\b)",
                       re.IGNORECASE)
_DECIMAL_BEFORE = re.compile(r"(?<![\d,])\d{1,3}\.\s$")
_DECIMAL_AFTER = re.compile(r"\.\s\d{1,2}(?![\d,.])\s(?![A-Z])")
_MAGNITUDE = re.compile(r"(?i)\bmagnitude(?:\s+of)?(?:\s+|\s?-\s?)$")
_MAGNITUDE_AFTER = re.compile(r"(?i)\s?-?\s?(?:magnitude|in magnitude|on the richter)\b")
_SCORE_BEFORE = re.compile(r"(?<![\d,.])(\d{1,3})\s?[-\u2013]\s?$")
_CLOCK_BEFORE = re.compile(r"\d\s?:\s?$")  # "3: 30 p. m." as tokenised text writes a time
_ADDRESS_AFTER = re.compile(r"\s+block\b", re.IGNORECASE)  # "the 1200 block of Main Street"
_SCORE_AFTER = re.compile(r"\s?[-\u2013]\s?(\d{1,3})(?![\d,.]|\s?[-\u2013]?\s?(?:year|month|week|day|hour|minute)s?\b)")
_URL_MARK = re.compile(r"https?\s?:\s?/\s?/|\bwww\s?\.", re.IGNORECASE)


def _in_url(text: str, pos: int) -> bool:
    """A number on a line holding a web address ("/2013/09/19/...-169150416.html") names a page,
    not a quantity."""
    reach = 500  # bounded: a line of thousands of numbers must not be rescanned for each one
    lo = text.rfind("\n", max(0, pos - reach), pos) + 1 or max(0, pos - reach)
    hi = text.find("\n", pos, pos + reach)
    line = text[lo:hi if hi >= 0 else min(len(text), pos + reach)]
    return line.count("/") >= 3 and _URL_MARK.search(line) is not None


def _score(text: str, m: re.Match[str], end: int) -> bool:
    """A tally written with a dash, larger number first ("a 9-3 split", "a 162-139 record"): a score,
    not a count (a range is written smaller first: "10-20 people")."""
    if not m.group("dig") or "," in m.group("dig") or "." in m.group("dig"):
        return False
    sm = _SCORE_AFTER.match(text, end)
    return sm is not None and int(m.group("dig")) >= int(sm.group(1))


_RATIO = re.compile(r"\s+(?:in|out\s+of)\s+(?:every\s+)?")
_RANGE = re.compile(r"\s*(?:-|\u2013|to|and)\s*")
_BETWEEN = re.compile(r"(?i)\bbetween\s+$")
_FROM = re.compile(r"(?i)\bfrom\s+(?:the\s+)?$")  # "rose from 12 to 17": a change, not a range


def _ratio_or_range(text: str, start: int, end: int, value: float, unit: str | None,
                    lex: _Lexicon) -> Figure | None:
    """"2 in 3", "one out of five" (a ratio: value is the share, unit "ratio") and "between 10 and
    20", "10 to 20 people" (a range: value is the low end, qualifier "between", `range_of` gives
    both ends), read as one figure each."""
    rm = _RATIO.match(text, end)
    if rm and unit is None:
        second = lex.number.match(text, rm.end())
        if second is not None and (second.group("dig") or second.group("word")) and not second.group("cur"):
            whole = _value(second, lex)
            if 0 < value <= whole and whole >= 2:
                return Figure(value=value / whole, unit="ratio", qualifier=None,
                              object=_object(text, second.end(), None), text=text[start:second.end()],
                              start=start, end=second.end())
    gm = _RANGE.match(text, end)
    if gm is None or _FROM.search(text, max(0, start - 10), start):
        return None
    second = lex.number.match(text, gm.end())
    if second is None or not (second.group("dig") or second.group("word")) or second.group("cur"):
        return None
    between = _BETWEEN.search(text, max(0, start - 10), start) is not None
    word = gm.group().strip().lower()
    if word == "and" and not between:
        return None  # "12 Somali and 11 Yemeni": two counts, not a range
    high = _value(second, lex)
    send = second.end()
    sm = lex.scale.match(text, send)
    if sm and (second.group("dig") or sm.group(1).lower() in _BIG_SCALES):
        high *= lex.scales[sm.group(1).lower()]
        send = sm.end()
        if lex.scale.match(text, end) is None and value * lex.scales[sm.group(1).lower()] < high:
            value *= lex.scales[sm.group(1).lower()]  # "between 3 and 5 million": one scale for both
    if not value < high <= 100 * max(value, 1):
        return None
    if word == "to" and not between and _MONTH_AFTER.match(text, send):
        return None
    um = lex.unit.match(text, send)
    if unit is None and um and um.group(1).lower() in lex.unit_of:
        unit, send = lex.unit_of[um.group(1).lower()], um.end()
    qstart = _BETWEEN.search(text, max(0, start - 10), start)
    first = qstart.start() if qstart else start
    return Figure(value=value, unit=unit, qualifier="between", object=_object(text, send, unit),
                  text=text[first:send], start=first, end=send)


def range_of(fig_text: str, value: float) -> tuple[float, float]:
    """The two ends of a range figure ("between 10 and 20" -> (10, 20)), read back from its text."""
    lex = lexicon()
    found = [m for m in lex.number.finditer(fig_text) if m.group("dig") or m.group("word")]
    if len(found) < 2:
        return value, value
    last = found[-1]
    high = _value(last, lex)
    sm = lex.scale.match(fig_text, last.end())
    if sm and (last.group("dig") or sm.group(1).lower() in _BIG_SCALES):
        high *= lex.scales[sm.group(1).lower()]
    return (value, high) if high > value else (value, value)


_BIG_SCALES = ("hundred", "thousand", "million", "billion", "trillion")


def _looks_like_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2099


def _value(m: re.Match[str], lex: _Lexicon) -> float:
    if m.group("dig"):
        return float(m.group("dig").replace(",", "").replace(" ", ""))
    return float(words_to_number(m.group("word"), lex))


def words_to_number(words: str, lex: _Lexicon | None = None) -> int:
    """`two hundred and forty-five` -> 245; `Sixty-two` -> 62; `a dozen` -> 12."""
    lex = lex or lexicon()
    low = words.lower()
    for phrase, val in lex.words.items():
        if " " in phrase and phrase in low:
            low = low.replace(phrase, str(val))
    total, current = 0, 0
    for tok in re.split(r"[\s-]+", low):
        if tok == "and" or not tok:
            continue
        if tok.isdigit():
            current += int(tok)
        elif tok in lex.words:
            current += lex.words[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in lex.scales:
            total += max(current, 1) * lex.scales[tok]
            current = 0
    return total + current


def _qualifier(text: str, start: int, lex: _Lexicon) -> tuple[str | None, int]:
    """The qualifier right before the number (normalised) and where it starts."""
    window = text[max(0, start - 24):start]
    qm = lex.qualifier.search(window)
    if qm is None:
        return None, start
    word = qm.group(1).lower()
    return lex.qual_of[word], start - len(window) + qm.start(1)


def _object(text: str, end: int, unit: str | None) -> str | None:
    """What the number counts: the few content words after it (after `of the` for percentages)."""
    rest = text[end:end + 80]
    if unit in ("percent", None) or unit in ("day", "week", "month", "year", "hour", "km", "mile", "ft"):
        pm = re.match(r"\s*-?\s*(?:more\s+|additional\s+|extra\s+|other\s+)?(?:of\s+(?:the\s+|all\s+|its\s+|their\s+)?)?", rest)
        if pm:
            rest = rest[pm.end():]
    words: list[str] = []
    tokens = _TOKEN.findall(rest)
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if low == "and" and words and i + 1 < len(tokens) and _content_word(tokens[i + 1]):
            words.append(tok)  # "troops and equipment"
            continue
        if not _content_word(tok) or (words and low.endswith(("ed", "ing")) and len(low) > 4):
            break
        words.append(tok)
        if len(words) == 5:
            break
    while words and words[-1] == "and":
        words.pop()
    return " ".join(words) if words else None


def _content_word(tok: str) -> bool:
    return tok[0].isalpha() and tok.lower() not in _STOP
