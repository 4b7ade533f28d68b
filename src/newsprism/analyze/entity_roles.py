"""Roles and countries written beside a name, for the entities step.

`left_role` reads a role just before a name ("Kremlin spokesman Dmitry Peskov", "the Russian
president, Vladimir Putin"), `right_role` one in an apposition after it ("Dmytro Kuleba, Ukraine's
foreign minister,"), `possessor_country` the country of a possessive ("Russia's Defense Ministry").
Words count as role words when the roles lexicon (`data/roles.tsv`) has them.
"""

from __future__ import annotations

import re
from functools import cache

from newsprism.analyze import gazetteer as gz

_POSSESSIVE = re.compile(r"['\u2019\u00b4]s$")


@cache
def role_vocab() -> frozenset[str]:
    lex = gz.roles()
    words: set[str] = set(lex.mods) | set(lex.leads)
    for head in lex.heads:
        words.update(head.split())
    return frozenset(words)


_LEFT_TOKEN = re.compile(r"[\w.\-]+(?:['\u2019\u00b4]s?)?|,")
_RIGHT_HEAD = re.compile(r"[ \t]*,[ \t]+(?:(?:the|a|an)[ \t]+)?")
_RIGHT_TOKEN = re.compile(r"[\w\-]+(?:['\u2019\u00b4]s?)?|[.,;:()\"\u201c\u201d]")


def _role_word(word: str) -> bool:
    low = word.lower().rstrip("'\u2019\u00b4")
    return low.rstrip(".") in role_vocab() or low in role_vocab()


def _actor_code(word: str) -> str | None:
    """Country or org code of a demonym, country, seat or organisation word (possessive allowed)."""
    base = _POSSESSIVE.sub("", word).rstrip("'\u2019\u00b4")
    found = gz.resolve_actor(base)
    return found[0] if found else None


_POSSESSOR = re.compile(r"([A-Z][\w.]*)['\u2019\u00b4]s[ \t]+$")


def possessor_country(text: str, start: int) -> str | None:
    """The country or organisation code of a possessive just before `start` ("Russia's ")."""
    if not text[max(0, start - 30):start].rstrip(" \t\n").endswith(("'s", "\u2019s", "\u00b4s")):
        return None  # most names follow no possessive; this spares the right-anchored search
    m = _POSSESSOR.search(text, max(0, start - 30), start)
    if m is None:
        return None
    found = gz.resolve_actor(m.group(1))
    return found[0] if found else None


def _left_tokens(text: str, start: int) -> list[re.Match[str]]:
    """Tokens before `start`: the last eleven are all `left_role` reads, so a short window is
    scanned first and the 120-character one only when the short one holds fewer than twelve
    (its first token may be cut; from the second on both scans agree)."""
    toks = list(_LEFT_TOKEN.finditer(text, max(0, start - 60), start))
    return toks if len(toks) >= 12 or start <= 60 else list(_LEFT_TOKEN.finditer(text, max(0, start - 120), start))


def left_role(text: str, start: int) -> tuple[str | None, str | None]:
    """A role (and country) written just before a name: 'Kremlin spokesman', 'the Russian president,'."""
    toks = _left_tokens(text, start)
    if toks and text[toks[-1].end():start].strip():
        return None, None
    i = len(toks) - 1
    if i >= 0 and toks[i].group() == ",":
        i -= 1
    last, first, country = i, -1, None
    while i >= 0 and i > last - 8:
        word = toks[i].group()
        code = _actor_code(word)
        if _POSSESSIVE.search(word) or (code and gz.demonym_country(word)) or (code and gz.country_code(word)):
            country = code
            break
        if _role_word(word) or (code and word[0].isupper()):
            first = i
            country = country or code
            i -= 1
            continue
        pair = _actor_code(toks[i - 1].group() + " " + word) if i > 0 and word[0].isupper() else None
        if pair:  # a two-word seat or organisation: "White House press secretary"
            first, country = i - 1, country or pair
            i -= 2
            continue
        break
    if first < 0:
        return None, country if last == len(toks) - 1 else None
    role = _trim_role(text[toks[first].start():toks[last].end()])
    return (role, country) if role and gz.role_sector(role) else (None, country)


_US_PARTY = re.compile(r"[ \t]*\((?:D|R|I)-[A-Z][A-Za-z.]*\)")


def right_role(text: str, end: int) -> tuple[str | None, str | None]:
    """A role in an apposition after a name: ', Ukraine's foreign minister,'; '(D-N.J.)' -> USA."""
    if _US_PARTY.match(text, end):
        return None, "USA"
    m = _RIGHT_HEAD.match(text, end)
    if m is None:
        return None, None
    first = last = -1
    country = None
    toks = list(_RIGHT_TOKEN.finditer(text, m.end(), min(len(text), m.end() + 100)))
    for i, t in enumerate(toks[:9]):
        word = t.group()
        code = _actor_code(word)
        if first < 0 and code and (_POSSESSIVE.search(word) or gz.demonym_country(word)):
            country = code
            if _POSSESSIVE.search(word) and not gz.country_code(_POSSESSIVE.sub("", word)):
                first = last = i  # "the Kremlin's Ukraine envoy": the seat is part of the role
            continue
        if _role_word(word) or (word[0].isupper() and word[0].isalpha()) or word in ("of", "the"):
            first = i if first < 0 else first
            last = i
            country = country or (code if code and gz.demonym_country(word) else None)
            continue
        break
    if first < 0:
        return None, None
    role = _trim_role(text[toks[first].start():toks[last].end()])
    return (role, country) if role and gz.role_sector(role) else (None, None)


def _trim_role(role: str) -> str:
    words = role.split()
    while words and words[0].lower() in ("the", "of", "a", "an"):
        words.pop(0)
    while words and words[-1].lower() in ("the", "of", "and"):
        words.pop()
    return " ".join(words)
