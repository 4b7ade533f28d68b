"""Well-known leaders and officials (`data/leaders.tsv`), so that a person the text names without a
role ("Putin said", "Netanyahu's government") still gets the actor code a CAMEO coder would give.

Names match case-sensitively and token by token (full names and listed aliases only, never a bare
common surname), and only as a fallback: a role or country the article states wins.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from newsprism.analyze.event_patterns import Token, tokenize
from newsprism.errors import PatternDataError
from newsprism.lexicon import text as data_text

log = logging.getLogger(__name__)

Coded = tuple[str, str | None]  # (code, sector); IGO heads have no sector, as IGO mentions


@dataclass(frozen=True, slots=True)
class Leaders:
    names: dict[tuple[str, ...], Coded]  # token texts of a name or alias -> code, sector
    firsts: frozenset[str]  # first token of every name (a fast guard)
    longest: int


def _parse(line: str, number: int) -> list[tuple[str, str, str | None]]:
    parts = line.split("\t")
    if len(parts) < 3 or not parts[0].strip() or not parts[1].strip():
        raise PatternDataError(f"leaders.tsv line {number}: expected name, code, sector: {line!r}")
    code, sector = parts[1].strip(), parts[2].strip() or None
    sector = None if sector == "IGO" else sector
    aliases = [a.strip() for a in (parts[3] if len(parts) > 3 else "").split("|") if a.strip()]
    return [(name, code, sector) for name in [parts[0].strip(), *aliases]]


@lru_cache(maxsize=1)
def leaders() -> Leaders:
    """The table, loaded once; a name listed twice keeps its first row."""
    text = data_text("leaders.tsv")
    names: dict[tuple[str, ...], Coded] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        for name, code, sector in _parse(line, number):
            key = tuple(t.text for t in tokenize(name))
            names.setdefault(key, (code, sector))
    firsts = frozenset(k[0] for k in names)
    return Leaders(names, firsts, max((len(k) for k in names), default=0))


@lru_cache(maxsize=65536)
def leader_named(name: str) -> Coded | None:
    """Code and sector of a whole name ("Vladimir Putin", "Putin"), None when not listed."""
    return leaders().names.get(tuple(t.text for t in tokenize(name)))


def leader_at(tokens: list[Token], i: int) -> tuple[int, Coded] | None:
    """The longest listed name starting at token i: (its token count, (code, sector))."""
    table = leaders()
    if tokens[i].text not in table.firsts:
        return None
    for n in range(min(table.longest, len(tokens) - i), 0, -1):
        hit = table.names.get(tuple(t.text for t in tokens[i:i + n]))
        if hit is not None:
            return n, hit
    return None
