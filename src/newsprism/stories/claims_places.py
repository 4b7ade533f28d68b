"""Where an event happened: the town a verb of happening places it in ("the quake was centred
near Millbrook", "the bomb exploded at a bank in Eastvale"), keyed by the event's class.

Two outlets placing one event in two different towns disagree only when the evidence is strong:
both places are towns (not a country, region or county, which hold towns), neither article names
the other's town anywhere (an article naming both may be giving the epicentre and the nearest
city), and their sentences share words. Otherwise there is no verdict.
"""

from __future__ import annotations

import re

from newsprism.lexicon import country_code
from newsprism.stories.view_facts import ArticleContext, Fact, lexicon, match_phrase
from newsprism.stories.view_text import fold

_HAPPENED = re.compile(
    r"(?i)\b(?:centred|centered|struck|hit|occurred|happened|located|exploded|erupted|crashed|"
    r"collapsed|broke out|took place|went off)\b((?:\s+[\w:.'-]+){0,4}?)\s+(?:in|near|at|outside|off)"
    r"\s+(?:the\s+(?:town|city|village)\s+of\s+)?([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)")
_AREAS = re.compile(r"(?i)\b(?:county|province|region|state|district|valley|island|islands|coast|"
                    r"area|bay|gulf|sea|ocean|mountains?|north|south|east|west|central)\b")
_CLASSES = frozenset({"disaster", "attack", "death", "arrest", "protest"})


def event_place_facts(ctx: ArticleContext) -> list[Fact]:
    """One fact per town a verb of happening places an event of the sentence in."""
    text = ctx.article.text
    out: list[Fact] = []
    towns = frozenset(fold(p[2]) for p in ctx.places)
    for m in _HAPPENED.finditer(text):
        if any(ch in m.group(1) for ch in ",;"):
            continue  # "hit, officials said, in ...": another clause
        name, start, end = m.group(2), m.start(2), m.end(2)
        known = ctx.place_at(start, end)
        if known is None or _AREAS.search(known) or _AREAS.search(name) or country_code(known):
            continue
        sent = ctx.sentences.around(start, end)
        cls = _event_class(ctx, sent)
        if cls is None and m.group(0)[:4].lower() == "cent":
            cls = "disaster"  # only quakes and storms are "centred" somewhere
        if cls is None:
            continue
        out.append(Fact(
            kind="place", article_id=ctx.article.id, key=("place", "event", cls),
            subject=f"where the {cls} happened", start=start, end=end, text=known, sentence=sent,
            persons=ctx.persons_in(*sent), names=ctx.names_in(*sent) - {known},
            words=ctx.content(sent) - {fold(w) for w in known.split()}, actors=towns,
            sentence_index=ctx.sentences.index_of(start)))
    return out


def _event_class(ctx: ArticleContext, sent: tuple[int, int]) -> str | None:
    """The class of the first event noun of the sentence that can be placed ("quake": disaster)."""
    toks = ctx.sentence_tokens(sent)
    events = lexicon().events
    for i in range(len(toks)):
        hit = match_phrase(toks, i, events)
        if hit is not None and hit[0] in _CLASSES:
            return hit[0]
    return None


def towns_may_differ(a: Fact, b: Fact) -> bool:
    """Two towns for one event, neither named anywhere in the other's article."""
    ta, tb = fold(a.text), fold(b.text)
    return ta != tb and ta not in b.actors and tb not in a.actors
