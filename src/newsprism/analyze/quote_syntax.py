"""Reported speech read from the dependency parse where the quote rules are unsure.

The rules (`quotes._reported`) take everything after a speech verb up to the sentence end as
what was reported, and the words before the verb as who said it. That is right for the plain
`X said the bridge would reopen in May.`, and wrong when the sentence goes on with another clause
(`X said A, but Y disputed it`), when the words after the verb are no clause at all (`said in an
interview`, `spoke about the budget`), or when the words before the verb are not its subject
(`After aides insisted in June that ...`). Those sentences, and only those (a cheap text test
picks them), are parsed with newsprism's own model (`analyze.syntax`) in one batch per article:

- the content is the verb's clausal complement (ccomp or parataxis after it), its `that` left out;
  a verb of demand or proposal (`urged X to act`, `called for talks`) may report an infinitive or
  a noun phrase; a speech verb with no complement reports nothing (the statement is dropped);
- the speaker is the verb's subject (through coordination and control, the `by` agent of a
  passive); where the rules named someone else and their answer is not a named person, the
  parse's subject is taken, and where that reads as no one, no speaker is given (a wrong speaker
  is worse than none).

When the model cannot be loaded the rules' reading stands (logged once).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.analyze import syntax
from newsprism.analyze.cues import Attributor, Cue
from newsprism.analyze.speakers import Speaker, speaker_ending_at
from newsprism.errors import ModelError

log = logging.getLogger(__name__)

_warned: list[bool] = []
MAX_PARSED = 6  # sentences parsed per article at most (each costs ~2 CPU-ms)


@dataclass
class Reported:
    """A reported statement the rules found: its cue, content span and speaker."""

    cue: Cue
    start: int
    end: int
    forward: bool  # the content follows the cue (`X said CONTENT`), else it precedes it
    speaker: Speaker | None


# what makes the rules' reading doubtful: a second clause after a strong break in the content...
_STRONG_BREAK = re.compile(r"\s*;|\s[\u2014\u2013]\s|\s--\s|,\s+(?:but|while|although|though|whereas|yet)\b")
# a break where the clause reported may end (the parse says whether it does)
_BREAK = re.compile(r";|\s[\u2014\u2013]\s|\s--\s|,\s+(?:but|and|while|although|though|whereas|as|which|who|"
                    r"when|after|before|because|since|even|so|yet|then|[a-z]+ing\b)")
# ...content opening with a preposition or subordinator (where or when it was said, not what)
_ADVERBIAL_START = re.compile(r"(?:in|on|at|of|for|about|during|after|before|when|while|as|since|to|with|from|"
                              r"by|over|against|outside|inside|into|through|following|amid|despite)\b", re.IGNORECASE)
_CLAUSAL = ("ccomp", "parataxis")
_PROPOSAL_VERBS = frozenset(["urge", "urges", "urged", "urging", "call", "calls", "called", "calling", "demand",
                             "demands", "demanded", "demanding", "propose", "proposes", "proposed",
                             "proposing", "ask", "asks", "asked", "asking", "promise", "promises", "promised",
                             "promising", "pledge", "pledges", "pledged", "pledging", "vow", "vows", "vowed",
                             "vowing", "warn", "warns", "warned", "warning", "tell", "tells", "told", "telling",
                             "accuse", "accuses", "accused", "accusing", "deny", "denies", "denied", "denying"])
_NOMINAL = frozenset(["NOUN", "PROPN", "PRON", "NUM"])


def unsure(att: Attributor, item: Reported) -> bool:
    """Whether the rules' reading of this statement needs the parse."""
    if not item.forward or item.cue.text == "according to":
        return False
    text = att.ctx.text
    if _ADVERBIAL_START.match(text, item.start):
        return True
    if item.cue.text.lower() in _OBJECT_SENSE and _DETERMINER_START.match(text, item.start):
        return True  # "tweeted a photo", "boasts a pool": an object, or a clause ("showed the plan failed")?
    return item.speaker is not None and _doubtful(item)


# verbs whose noun-phrase object is a thing, not words ("posted a video", "found a gun")
_OBJECT_SENSE = frozenset(["boast", "boasts", "boasted", "tweet", "tweets", "tweeted", "post", "posts", "posted",
                           "show", "shows", "showed", "find", "finds", "found", "reveal", "reveals", "revealed",
                           "signal", "signals", "signaled", "signalled"])
_DETERMINER_START = re.compile(r"(?:a|an|the|his|her|its|their|this|these|those|some|several|one|two|three|"
                               r"\d[\d,.]*)\s", re.IGNORECASE)


_DOUBTFUL_SPEAKERS = ("name", "np", "place")  # a capitalised run, a bare noun phrase, a place


def _doubtful(item: Reported) -> bool:
    """A speaker of the kinds the rules often get wrong, or a pronoun after the verb taken because
    no subject was read before it (`Nearly 80 percent of voters said they ...`)."""
    who = item.speaker
    return who is not None and (who.how in _DOUBTFUL_SPEAKERS or (who.how == "pronoun" and item.cue.side == "right"))


def refine(att: Attributor, items: Sequence[Reported]) -> list[Reported]:
    """The statements with the doubtful ones read again from their sentence's parse; a statement
    the parse shows to report nothing is left out."""
    todo = [k for k, item in enumerate(items) if unsure(att, item)][:MAX_PARSED]
    if not todo:
        return list(items)
    bounds = [att.ctx.sentence(items[k].cue.start) for k in todo]
    parses = _parse([att.ctx.text[lo:hi] for lo, hi in bounds])
    out = list(items)
    drop = set()
    for k, (lo, _), p in zip(todo, bounds, parses, strict=True):
        if p is None:
            continue
        better = _reread(att, items[k], p, lo)
        if better is None:
            drop.add(k)
        else:
            out[k] = better
    return [item for k, item in enumerate(out) if k not in drop]


def _parse(texts: list[str]) -> list[syntax.Parse | None]:
    try:
        return list(syntax.parse(texts))
    except ModelError as exc:
        if not _warned:
            log.warning("quotes: no syntax model (%s); reported speech from the rules only", exc)
            _warned.append(True)
        return [None] * len(texts)


def _reread(att: Attributor, item: Reported, p: syntax.Parse, base: int) -> Reported | None:
    """One statement read from the parse of its sentence (`base`: the sentence's offset)."""
    v = p.token_at(item.cue.start - base)
    if v is None or p.tokens[v].pos not in ("VERB", "AUX"):
        return item  # the tagger disagrees with the rules about the verb: the rules stand
    span = _content(p, v, item.cue.text, item.start - base, item.end - base)
    if span is None:
        return None
    start, end = base + span[0], base + span[1]
    if not start < end:
        return None
    who = _speaker(att, item, p, v, base)
    rule = item.speaker
    if rule is not None and who is not rule and rule.how == "pronoun" and rule.start < start:
        start = rule.start  # the pronoun was no speaker: it opens what is reported
    return Reported(item.cue, start, end, True, who)


def _content(p: syntax.Parse, v: int, cue: str, start: int, end: int) -> tuple[int, int] | None:
    """What verb `v` reports, within the rules' span [start, end): from the start of its clausal
    complement (adverbials and `that` before it left out) to the end of that clause when a
    punctuated break follows it; None when all that follows the verb is adverbial (`said in an
    interview`, `said before the vote`)."""
    words = cue.split()
    last = v + len(words) - 1  # "pointed out": the content follows "out"
    right = [c for c in p.children[v] if c > last and p.tokens[c].dep != "punct"]
    comps = [c for c in right if p.tokens[c].dep in _CLAUSAL]
    if comps:
        ids = _own_clause(p, comps[0])
        while len(ids) > 1 and p.tokens[ids[0]].text.lower() in ("that", ",", ":", "\u2014", "--"):
            ids.pop(0)
        while len(ids) > 1 and p.tokens[ids[-1]].dep == "punct":
            ids.pop()
        lo, hi = p.tokens[ids[0]].start, p.tokens[ids[-1]].end
        new_start = lo if start <= lo < end and _SKIPPABLE.fullmatch(p.text, start, lo) else start
        new_end = hi if new_start < hi < end and _BREAK.match(p.text, hi) else end
        return new_start, new_end
    if words[0].lower() in _OBJECT_SENSE and not any(p.tokens[c].dep in ("xcomp", "parataxis") for c in right):
        return None  # "tweeted a photo of the crowd": no words reported
    first = p.token_at(start)
    if first is None or p.tokens[first].pos not in ("ADP", "SCONJ") or \
            p.tokens[first].text.lower() in _CLAUSE_OPENERS or _COMPARATIVE.match(p.text, p.tokens[first].start):
        return start, end
    if words[0].lower() in _PROPOSAL_VERBS or p.tokens[first].text.lower() == "about":
        return start, end  # "called for talks", "warned of a flood", "spoke about the budget"
    return _after_adverbial(p, v, first, end)


def _own_clause(p: syntax.Parse, c: int) -> list[int]:
    """The tokens of clause `c` without a conjoined clause of its own subject after a strong
    break (`A, but the board denied it`, `A; B`): the parser hangs it on the reported clause as
    often as on the verb of saying, and it is most often the writer's, not the speaker's."""
    ids = p.subtree(c)
    for k in p.kids(c, "conj", "parataxis"):
        if k < c or not p.kids(k, *syntax.SUBJECT_DEPS):
            continue
        first = p.subtree(k)[0]
        prev = max((i for i in ids if i < first), default=c)
        if _STRONG_BREAK.match(p.text, p.tokens[prev].end) is not None:
            return [i for i in ids if i < first and p.tokens[i].dep != "cc" or i == c]
    return ids


def _after_adverbial(p: syntax.Parse, v: int, first: int, end: int) -> tuple[int, int] | None:
    """The content after an adverbial opening it (`said on Tuesday that ...`), None when the
    adverbial is all there is (`said before the vote`)."""
    top = first
    for _ in range(len(p.tokens)):
        if p.tokens[top].head == v or p.tokens[top].head == top:
            break
        top = p.tokens[top].head
    if p.tokens[top].head != v or (p.tokens[first].pos == "ADP" and any(
            p.tokens[k].dep in syntax.SUBJECT_DEPS for k in p.subtree(top))):
        return p.tokens[first].start, end  # a clause inside "after ..." is more likely a misparse
    rest = [t for t in p.tokens if t.start >= p.tokens[p.subtree(top)[-1]].end and t.end <= end
            and t.dep != "punct" and t.text.lower() != "that"]
    if len(rest) < 3:
        return None
    return rest[0].start, end


# adverbials before the complement that may be left out (`said on Tuesday that`, `said, however,`)
_SKIPPABLE = re.compile(r"[^\"\u201c\u201d\u2018\u2019'\u2014\u2013]{0,80}?(?:\bthat|,)\s*")
_COMPARATIVE = re.compile(r"as\s+(?:many|much|few|little|long|far|well|soon|early|late|recently)\b", re.IGNORECASE)
_CLAUSE_OPENERS = frozenset(["that", "whether", "if", "how", "why", "what", "who", "where", "when"])
_COMPLEMENTS = frozenset(["ccomp", "parataxis", "xcomp", "obj", "dobj", "iobj", "csubj"])


def _speaker(att: Attributor, item: Reported, p: syntax.Parse, v: int, base: int) -> Speaker | None:
    """Who the parse says speaks, asked only where the rules' speaker is a bare capitalised word
    or phrase (`Keeps`, `After campaign aides`) or a place: the verb's subject when it stands
    before the verb; the rules' answer where it lies inside that subject (`a spokesman for X`)
    or the parse finds none; every other speaker of the rules stands."""
    rule = item.speaker
    if rule is not None and not _doubtful(item):
        return rule
    subj = syntax.subject_of(p, v)
    if subj is None or subj > v or p.tokens[subj].pos not in _NOMINAL:
        return rule
    lo, hi = (base + k for k in p.phrase(subj))
    top_lo, top_hi = (base + k for k in p.span(subj))
    if rule is not None and _named_in(att, rule, top_lo, min(top_hi, item.cue.start)):
        return rule  # "X, a guide who ..., said he ...": the pronoun stands for the subject
    inside = rule is not None and rule.start < top_hi and top_lo < rule.end
    if rule is not None and rule.how == "pronoun" and rule.start >= top_lo:
        inside = False  # a pronoun after the verb is never inside its subject
    if inside and rule is not None and rule.how != "np":
        return rule
    while hi > lo and att.ctx.text[hi - 1].isspace():
        hi -= 1  # the tokenizer keeps runs of spaces as tokens
    if item.cue.start - hi > 60 or hi <= lo:
        return rule if inside else None
    found = speaker_ending_at(att.ctx, hi, max(0, lo - 20))
    if found is None and not inside and p.tokens[subj].tag in ("NNS", "NN", "CD") and 0 < top_hi - top_lo <= 60 \
            and top_hi <= item.cue.start:
        words = att.ctx.text[top_lo:top_hi]  # "nearly eight in 10 passengers": someone unnamed
        return Speaker(None, words, top_lo, top_hi, "np")
    return found if found is not None or not inside else rule


def _named_in(att: Attributor, rule: Speaker, lo: int, hi: int) -> bool:
    """Whether the pronoun `rule` stands for a person named in text[lo:hi] (the verb's subject)."""
    if rule.how != "pronoun" or not rule.name:
        return False
    ctx = att.ctx
    return any(e.type == "PERSON" and lo <= e.start < hi and ctx.canonical(e, e.start) == rule.name
               for e in ctx.entities)
