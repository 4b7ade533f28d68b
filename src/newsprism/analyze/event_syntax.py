"""Source and target from the clause: the dependency parse of a sentence that has coded events.

The pattern rules find candidate events and actor mentions; the parser (`analyze.syntax`, the
project's own compact model) then says who is the verb's subject and object. A source is the
actor the subject names ("the Kremlin's envoy", "Iranian authorities"), the `by` agent of a
passive; a target is the object, the passive subject, or the actor after "with", "against", "on",
"at", "to" or "into". A subject that names no actor ("the plan abandoned rural towns", "the
scandal forced him to resign") leaves the event without a source: material conflict is then not
coded. Conditional clauses and negated verbs the parse shows are dropped or negated.

Only sentences with at least one candidate event are parsed, in one batch per article, so the
cost stays a small share of the analysis. When the model cannot be loaded the rules' reading is
kept (logged once).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from newsprism.analyze import syntax
from newsprism.analyze.event_patterns import Match, Token
from newsprism.analyze.event_senses import senses
from newsprism.errors import ModelError

log = logging.getLogger(__name__)

INSTRUMENTS = frozenset({"blast", "explosion", "bombing", "device", "attack", "strike", "strikes", "raid",
                         "fire", "shelling", "ambush", "aircraft", "helicopter", "helicopters", "jets"})
TARGET_PREPS = ("against", "with", "on", "at", "into", "to", "toward", "towards", "upon")
_warned: list[bool] = []

Coded = tuple[Match, str, Any, Any]


def parse_sentences(texts: Sequence[str]) -> list[syntax.Parse | None]:
    """Parses of the sentences (None for each when the model is unavailable)."""
    if not texts:
        return []
    try:
        return list(syntax.parse(list(texts)))
    except ModelError as exc:
        if not _warned:
            log.warning("events: no syntax model (%s); sources and targets from the rules only", exc)
            _warned.append(True)
        return [None] * len(texts)


def _mention_of(p: syntax.Parse, i: int | None, base: int, mentions: Sequence[Any]) -> Any:
    """The actor mention a parse token stands for: the one covering it, else one that modifies it
    ("Syrian newspaper", "the government of France")."""
    if i is None:
        return None
    head = p.tokens[i]
    at = base + head.start
    for x in mentions:
        if x.start <= at < x.end:
            return x
    lo, hi = p.span(i)
    inside = [x for x in mentions if base + lo <= x.start and x.end <= base + hi]
    before = [x for x in inside if x.end <= at]
    if before:
        return before[-1]
    after = [x for x in inside if _genitive(p, x.start - base)]
    return after[0] if after else None  # "the government of France", not "a complaint to the WTO"


def _genitive(p: syntax.Parse, offset: int) -> bool:
    """The mention starting at `offset` follows "of" (optionally "of the")."""
    k = p.token_at(offset)
    if k is None:
        return False
    words = [p.tokens[j].text.lower() for j in range(max(0, k - 2), k)]
    return bool(words) and (words[-1] == "of" or words[-2:] == ["of", "the"])


def _target_token(p: syntax.Parse, v: int) -> int | None:
    obj = syntax.object_of(p, v)
    if obj is not None:
        return obj
    for prep in TARGET_PREPS:
        arg = syntax.prepositional(p, v, prep)
        if arg is not None:
            return arg
    return None


def refine(coded: list[Coded], tokens: list[Token], p: syntax.Parse | None, base: int,
           mentions: Sequence[Any]) -> list[Coded]:
    """The coded events with source and target read from the parse (`base`: the sentence's
    offset in the article); events the parse shows to be conditional are dropped."""
    if p is None or p.root < 0:
        return coded
    out: list[Coded] = []
    for m, code, src, tgt in coded:
        v = p.token_at(tokens[m.head].start - base)
        if v is None or code[:2] < "15":
            out.append((m, code, src, tgt))
            continue
        v = syntax.predicate(p, v)
        if syntax.conditional(p, v):
            continue
        if src is not None and not _actor_subject(p, v, base, mentions):
            continue  # the rules' nearest actor is not who acts ("the scandal forced him")
        if src is not None and tgt is src:
            tgt = None
        if src is not None or tgt is not None:
            out.append((m, code, src, tgt))
    return out


def _actor_subject(p: syntax.Parse, v: int, base: int, mentions: Sequence[Any]) -> bool:
    """The verb's subject names an actor, is a pronoun, or the verb is passive."""
    if syntax.is_passive(p, v):
        return True
    subj = syntax.subject_of(p, v)
    if subj is None or p.tokens[syntax.predicate(p, v)].dep == "acl":
        return True  # no subject, or a participle hung on a noun: the parse says nothing either way
    others = [k for k in p.kids(syntax.predicate(p, v), "nsubj") if k != subj]
    return any(_actor_word(p, k, base, mentions) for k in (subj, *others))


_TIME_NOUNS = frozenset({"hours", "days", "weeks", "months", "years", "minutes", "moments", "time"})


def _actor_word(p: syntax.Parse, k: int, base: int, mentions: Sequence[Any]) -> bool:
    """The subject word can be an actor: a pronoun, a name, a force or weapon noun, a noun phrase
    naming an actor; a time noun is the parser's misreading of an adverbial ("hours before ...")."""
    word = p.tokens[k].text.lower()
    return p.tokens[k].pos in ("PRON", "DET", "PROPN") or word in senses().force or word in INSTRUMENTS \
        or word in _TIME_NOUNS or _mention_of(p, k, base, mentions) is not None


def _roles(p: syntax.Parse, v: int, base: int, mentions: Sequence[Any], src: Any, tgt: Any,
           ) -> tuple[Any, Any]:
    subj = syntax.subject_of(p, v)
    if subj is not None:
        named = _mention_of(p, subj, base, mentions)
        if named is not None:
            src = named
        elif p.tokens[subj].pos not in ("PRON", "DET"):
            src = None  # the subject is no actor: the rules' nearest actor was someone else
    elif syntax.is_passive(p, v):
        src = None  # "the embassy was attacked": no agent named
    obj = _target_token(p, v)
    named = _mention_of(p, obj, base, mentions)
    if named is not None and named is not src:
        tgt = named
    return src, tgt
