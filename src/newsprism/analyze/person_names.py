"""Parts of a person's name and whether two names can belong to one person.

A name splits into given names, surname and a generational suffix (`Jr.`, `III`); two names are
compatible when their surnames fold alike and their given names agree: the same name, an initial
of it (`J.` / `John`), a short form (`Bill` / `William`, `Chris` / `Christopher`, from the written
table `data/nicknames.tsv`) or a spelling variant (`Sergei` / `Sergey`). `match` grades the
evidence so that a doubtful pair (a bare surname, a lone initial) can stay two people.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from newsprism.analyze import gazetteer as gz
from newsprism.lexicon import text as data_text

SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "v"])
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lady", "lord"])


@cache
def nicknames() -> dict[str, frozenset[str]]:
    """Short form -> the full given names it stands for (folded)."""
    text = data_text("nicknames.tsv")
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, _, full = line.partition("\t")
        out[gz.fold(short)] = frozenset(gz.fold(f) for f in full.split(",") if f.strip())
    return out


@dataclass(frozen=True)
class NameParts:
    """Folded given names (initials as one letter), folded surname and suffix."""

    given: tuple[str, ...]
    surname: str
    suffix: str = ""


@lru_cache(maxsize=1 << 14)
def parts(name: str) -> NameParts:
    """`John G. Roberts Jr.` -> given ('john', 'g'), surname 'roberts', suffix 'jr'."""
    raw = [w.strip(".").lower() for w in name.replace(",", " ").split()]
    raw = [w for w in raw if w]
    while raw and raw[0] in _HONORIFICS:
        raw = raw[1:]
    suffix = ""
    if len(raw) > 1 and raw[-1] in SUFFIXES:
        suffix, raw = raw[-1], raw[:-1]
    words = [f for w in raw if (f := gz.fold(w).replace(" ", ""))]
    if not words:
        return NameParts((), "")
    return NameParts(tuple(words[:-1]), words[-1], suffix)


def given_match(a: str, b: str) -> float:
    """How well two folded given names agree: 1 same, 0.9 short form or prefix of at least three
    letters, 0.6 an initial against a name, 0 a conflict."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.6 if a[0] == b[0] else 0.0
    nick = nicknames()
    if b in nick.get(a, ()) or a in nick.get(b, ()) or (nick.get(a, frozenset()) & nick.get(b, frozenset())):
        return 0.9
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return 0.9
    if len(short) >= 4 and _glide(a) and _glide(a) == _glide(b):
        return 0.9
    return 0.0


_VOWELS = frozenset("aeiou")


def _glide(name: str) -> str:
    """A folded given name without the glide that transliterations write before its first vowel
    (Yiannis / Giannis / Iannis fold to 'ianis', 'hianis', 'ianis': all give 'anis'), or '' when it
    opens on none: a name without the glide is another name (Jamal is not Amal)."""
    if name[:2] == "hi" and name[2:3] in _VOWELS:
        name = name[1:]
    return name[1:] if name[:1] == "i" and name[1:2] in _VOWELS else ""


def match(a: str, b: str) -> float:
    """Confidence in [0, 1] that names `a` and `b` name one person (0: different people).

    Different surnames or suffixes (`Jr.` / `Sr.`), or given names in conflict, give 0; a
    surname alone against a full name gives 0.5 (it may be a relative); given names are compared
    first to first, and middle names only when both have them."""
    pa, pb = parts(a), parts(b)
    if not pa.surname or pa.surname != pb.surname:
        return 0.0
    if pa.suffix and pb.suffix and pa.suffix != pb.suffix:
        return 0.0
    if not pa.given or not pb.given:
        return 1.0 if pa.given == pb.given else 0.5
    score = given_match(pa.given[0], pb.given[0])
    if len(pa.given) > 1 and len(pb.given) > 1:
        score = min(score, given_match(pa.given[1], pb.given[1]))
    return score
