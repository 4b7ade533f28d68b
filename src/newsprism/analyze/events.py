"""The `events` step: who did what to whom, where and when, coded in CAMEO and PLOVER.

Per sentence: verb phrases from the pattern lexicon (`event_patterns`), actors from the gazetteer
and the entities step (`actors`), the source the verb's subject and the target its object as the
clause's words show them (`event_clauses`; passive voice swaps them). Negation, refusal, intent and
threats change the code the way CAMEO does (`event_modality`): "refused to meet" is 125, "plans to
send aid" 033, "threatened to invade" 138. What is no event is told apart in `event_senses`
(conditional, figurative...) and `event_time` (violence recalled from months back).
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsprism.analyze.actors import (
    COMPASS,
    LOCATIVE,
    ArticleActors,
    Mention,
    find_mentions,
    home_code,
    place_overrides,
    relabel,
    remember_names,
    reporter,
    sector_of_role,
)
from newsprism.analyze.event_clauses import (
    ARTICLES,
    AUXILIARIES,
    CLAUSE_STOPS,
    COMPLEMENT_MARKERS,
    DETERMINERS,
    NOUN_PREPOSITIONS,
    QUOTE_MARKS,
    by_agent,
    coordinated,
    participial,
    passive_voice,
    plain_gap,
    reduced_passive,
    source_of,
    target_of,
)
from newsprism.analyze.event_modality import modality, transform
from newsprism.analyze.event_patterns import (
    Match,
    Token,
    best_matches,
    cameo,
    folded,
    may_match,
    tokenize,
    words_of,
)
from newsprism.analyze.event_reactions import Acts, object_roots
from newsprism.analyze.event_senses import (
    blocked_mood,
    conditional_consequence,
    conflict_sense,
    demand_frame,
    historical,
    latest_year,
    noun_reading,
    sports,
)
from newsprism.analyze.event_syntax import parse_sentences, refine
from newsprism.analyze.event_time import recalled, recalled_month
from newsprism.analyze.leaders import leader_named
from newsprism.records import Actor, Article, Event, Sentence

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- per sentence


@dataclass
class Context:
    article: Article
    memory: ArticleActors
    default_date: str | None
    default_country: str | None
    acts: Acts = field(default_factory=Acts)
    folded: str = ""  # the article folded for word sets (event_patterns.folded)
    sentence: int = 0
    last_actor: Mention | None = None  # the latest event source, for "it"/"they" subjects
    overrides: dict[str, str] = field(default_factory=dict)  # "Georgia" placed in the USA here
    year: str | None = None  # the publication year, else the latest year the article names
    parsed: bool = True  # read source and target from the dependency parse (event_syntax)


def _complement(m: Match, earlier: Sequence[Match], tokens: list[Token]) -> bool:
    """The verb phrase is the content of an earlier verb ("urged X to withdraw", "accused X of")."""
    k = m.start - 1
    while k > 0 and tokens[k].low in {"having", "being", "been", "be", "not", "never"}:
        k -= 1  # "accused X of having ignored"
    if k < 0 or tokens[k].low not in COMPLEMENT_MARKERS:
        return False
    return any(e.head < m.start and m.start - e.end <= 12 for e in earlier)


def _same_clause(m: Match, src: Mention | None, coded: Sequence[tuple[Match, str, Any, Any]],
                 tokens: list[Token]) -> bool:
    """A later phrase with the same subject and no "and" between is the first verb's object."""
    if not coded or src is None:
        return False
    prev, _code, prev_src, _tgt = coded[-1]
    if prev_src is not src:
        return False
    between = {t.low for t in tokens[prev.end:m.start]}
    return not (between & {"and", ",", ";", "then"})


def code_sentence(tokens: list[Token], mentions: list[Mention], ctx: Context | None = None,
                  places: Sequence[Mention] = (), matches: Sequence[Match] | None = None,
                  ) -> list[tuple[Match, str, Mention | None, Mention | None]]:
    """(match, code, source, target) for every event in one sentence, in text order."""
    coded: list[tuple[Match, str, Mention | None, Mention | None]] = []
    consumed: set[int] = set()
    kept: list[Match] = []
    for m in best_matches(tokens) if matches is None else matches:
        if _adjectival(m, tokens):
            continue
        src, partner = source_of(m, mentions, tokens)
        if coded and (participial(m, tokens) or coordinated(m, tokens)) and plain_gap(coded[-1][0], m, tokens):
            src, partner = coded[-1][2], None  # ", killing five": the main verb's subject
        if src is None and ctx is not None and ctx.last_actor is not None and _pronoun_subject(m, tokens):
            src = ctx.last_actor  # "It also accused ...": the actor the article was just about
        mod = modality(tokens, m.start, src.last if src and src.last <= m.start else 0)
        if mod.consumed is not None:
            consumed.add(mod.consumed)
        elif _complement(m, kept, tokens) or _same_clause(m, src, coded, tokens):
            continue
        code = transform(m.pattern.code, mod.kind)
        kept.append(m)
        demand = demand_frame(tokens, m, mentions) if mod.kind == "speculative" else None
        if demand is not None:  # "Britain said Libya must hand over ...": Britain demands
            coded.append((m, "100", demand[0], demand[1]))
            continue
        if code is None or blocked_mood(tokens, m) or (
                code[:2] >= "13" and noun_reading(tokens, m, mentions, _strict(m, code))):
            continue
        tgt = target_of(m, mentions, tokens, src, places)
        passive = passive_voice(tokens, m) or reduced_passive(tokens, m, mentions)
        if passive:
            src, tgt = by_agent(tokens, m, mentions), src
        elif tgt is None and partner is not None:
            tgt = partner
        if tgt is None and code[:2] == "07":
            tgt = _recipient(mentions, tokens, src)
        if code == "130" and tgt is None and m.pattern.code == "130":
            continue  # a warning with no one warned or threatened ("warned the toll could rise")
        if code[:2] >= "15" and conditional_consequence(tokens, m):
            continue  # "If the board breaks the law, officials are prosecuted": not reported as done
        if code[:2] >= "15":
            code = conflict_sense(code, m, tokens, src, tgt, passive, passive and src is not None)
            if code is None or (code[:2] >= "15" and ctx is not None and historical(tokens, ctx.year)):
                continue
        coded.append((m, code, src, tgt))
    kept_events = [c for c in coded if c[0].head not in consumed]
    return [c for c in _lend_agents(kept_events) if c[2] or c[3]]


def _strict(m: Match, code: str) -> bool:
    """A material-conflict phrase whose head must be read as a verb: one whose head is its last
    inflected word ("+attack", "+clash with"), not a noun phrase ("+drill * +start")."""
    if code[:2] < "15":
        return False
    parts = m.pattern.source.split()
    return not any("+" in p for p in parts[m.pattern.head + 1:])


def _recipient(mentions: list[Mention], tokens: list[Token], src: Mention | None) -> Mention | None:
    """Aid with no object actor goes to the one the sentence names after "to" ("supplies to Kyiv
    and the US delivered its tenth shipment"), as CAMEO coders read an implied recipient."""
    for x in mentions:
        if x.first > 0 and tokens[x.first - 1].low == "to" and x is not src \
                and (src is None or x.code != src.code):
            return x
    return None


def _lend_agents(coded: list[tuple[Match, str, Mention | None, Mention | None]],
                 ) -> list[tuple[Match, str, Mention | None, Mention | None]]:
    """"Three were wounded when troops opened fire": an agentless event takes the agent of a
    material conflict event in the same sentence."""
    agents = [c[2] for c in coded if c[2] is not None and c[1][:2] >= "15"]
    if not agents:
        return coded
    out = []
    for m, code, src, tgt in coded:
        if src is None and tgt is not None and code[:2] >= "15" and agents[0] is not tgt:
            src = agents[0]
        out.append((m, code, src, tgt))
    return out


def _pronoun_subject(m: Match, tokens: list[Token]) -> bool:
    k = m.start - 1
    while k >= 0 and (tokens[k].low in AUXILIARIES or tokens[k].low.endswith("ly")):
        k -= 1
    return k >= 0 and tokens[k].low in {"it", "they", "he", "she"}


def _adjectival(m: Match, tokens: list[Token]) -> bool:
    """"a threatening posture", "the disputed islands": -ing and -ed words after a determiner are
    no verbs; nor is
    a capitalised word inside a sentence ("in March", "Operation Strike")."""
    if m.head > 0 and tokens[m.head].text[:1].isupper() and tokens[m.head - 1].low not in QUOTE_MARKS:
        return True
    if m.head > 0 and tokens[m.head - 1].low in NOUN_PREPOSITIONS and not tokens[m.head].low.endswith("ing"):
        return True  # "under pressure", "after talks": a noun, not the verb
    head = tokens[m.head].low
    k = m.head - 1
    while k >= 0 and tokens[k].low in QUOTE_MARKS:
        k -= 1
    if k >= 0 and tokens[k].low in ARTICLES:
        return True  # "the attack", "an arrest": the act named, not done here
    if head.endswith("ed") and k == m.head - 1 and k > 0 and tokens[k].low.endswith("ed") \
            and tokens[k].low.isalpha() and m.head + 1 < len(tokens) and tokens[m.head + 1].text[:1].isalpha():
        return True  # "exchanged imprisoned fighters": a participle modifying the object noun
    return head.endswith(("ing", "ed")) and k >= 0 and tokens[k].low in DETERMINERS


def _actor(article: Article, m: Mention | None, country: str | None) -> Actor | None:
    if m is None:
        return None
    return Actor(text=article.text[m.start:m.end], code=home_code(m.code) or country, sector=m.sector,
                 start=m.start, end=m.end)


def code_article(
    article: Article,
    sentences: Sequence[Sentence],
    entities: Sequence[Any] = (),
    places: Sequence[Any] = (),
    dates: Sequence[Any] = (),
) -> list[Event]:
    """Every coded event of one article."""
    memory = ArticleActors()
    people = dict.fromkeys((e.canonical, e.text, e.country, e.role) for e in entities if e.type == "PERSON")
    for canonical, text, country, role in people:
        sector = sector_of_role(role)
        memory.remember(canonical, country, sector, strong=False)
        memory.remember(text, country, sector, strong=False)
    dateline = article.dateline.country if article.dateline else None
    ctx = Context(article, memory, (article.published or "")[:10] or None,
                  dateline or dominant_country(places))
    ctx.folded = folded(article.text)
    ctx.overrides = place_overrides(article.text, places)
    ctx.year = ctx.default_date[:4] if ctx.default_date else latest_year(article.text)
    ents, plcs, dts = (_bucket(spans, sentences) for spans in (entities, places, dates))
    events: list[Event] = []
    for n, sent in enumerate(sentences):
        ctx.sentence = n
        events.extend(_sentence_events(ctx, sent, ents[n], plcs[n], dts[n]))
    return events


def dominant_country(places: Sequence[Any]) -> str | None:
    """The article's main country when its places make it clear: the only country they are in,
    or one with more than half of them (at least two). Generic actors ("police", "the
    government") without a country of their own take it, as CAMEO coders do."""
    counts = Counter(p.country for p in places if getattr(p, "country", None))
    if not counts:
        return None
    (top, n), total = counts.most_common(1)[0], sum(counts.values())
    if len(counts) == 1 or (n >= 2 and 2 * n > total):
        return str(top)
    return None


def _bucket(spans: Sequence[Any], sentences: Sequence[Sentence]) -> list[list[Any]]:
    """The spans inside each sentence, by sentence index (one pass, sentences in text order)."""
    starts = [s.start for s in sentences]
    out: list[list[Any]] = [[] for _ in sentences]
    for span in spans:
        k = bisect_right(starts, span.start) - 1
        if k >= 0 and span.end <= sentences[k].end:
            out[k].append(span)
    return out


def _locative_country(text: str, places: Sequence[Any], sent: Sentence) -> str | None:
    """Country of a place the sentence says something happened in ("in Cairo"), for local actors."""
    for p in places:
        if p.country:
            before = [w.lower() for w in text[max(sent.start, p.start - 24):p.start].split()]
            if before and before[-1] in COMPASS:
                before.pop()
            if before and before[-1] in LOCATIVE:
                return str(p.country)
    return None


def _entity_mentions(tokens: list[Token], entities: Sequence[Any], memory: ArticleActors) -> list[Mention]:
    """Mentions of people and organisations from the entities step ("she" resolved to a person);
    a country the text states next to the name ("British ... Truss") wins over the inferred one."""
    out = []
    starts = [t.start for t in tokens]
    for ent in entities:
        stated = memory.strong.get(ent.canonical) if ent.type == "PERSON" else None
        country = stated[0] if stated is not None and stated[0] else ent.country
        sector = sector_of_role(ent.role)
        if ent.type == "PERSON" and not (stated is not None and stated[0]):
            listed = leader_named(ent.canonical) or leader_named(ent.text)  # a known leader's own
            country, sector = listed if listed is not None else (country, sector)  # country wins
        if ent.type not in ("PERSON", "ORG") or not country:
            continue
        first = bisect_left(starts, ent.start)
        last = bisect_left(starts, ent.end)
        while last > first and tokens[last - 1].end > ent.end:
            last -= 1
        if last > first:
            kind = "entity-person" if ent.type == "PERSON" else "entity"
            out.append(Mention(first, last, ent.start, ent.end, country, sector, kind))
    return out


def _ethnic(mentions: list[Mention], tokens: list[Token], country: str | None) -> list[Mention]:
    """"ethnic Albanians in Macedonia": an ethnic group, coded with the country where it lives
    (the sentence's place), not the state its name comes from."""
    if country is None:
        return mentions
    return [Mention(x.first, x.last, x.start, x.end, country, x.sector, x.kind)
            if x.kind == "demonym" and x.first > 0 and tokens[x.first - 1].low == "ethnic" else x
            for x in mentions]


def _merge(own: list[Mention], extra: list[Mention]) -> list[Mention]:
    merged = list(own)
    for x in extra:
        if not any(x.first < o.last and o.first < x.last for o in own):
            merged.append(x)
    return sorted(merged, key=lambda x: x.first)


def _sentence_events(ctx: Context, sent: Sentence, entities: Sequence[Any], places: Sequence[Any],
                     dates: Sequence[Any]) -> list[Event]:
    text = ctx.article.text
    chunk = text[sent.start:sent.end]
    words = set(ctx.folded[sent.start:sent.end].split()) if ctx.folded else words_of(chunk)
    if not may_match(words):
        return []  # people named here are known from the entities step
    tokens = tokenize(chunk, sent.start)
    matches = [m for m in best_matches(tokens) if not _adjectival(m, tokens)]
    if not matches:
        remember_names(tokens, ctx.memory)
        return []
    found = relabel(find_mentions(tokens, ctx.memory), text, ctx.overrides)
    mentions = [x for x in _merge([m for m in found if m.kind != "place"],
                                  _entity_mentions(tokens, entities, ctx.memory))
                if not reporter(x, tokens, text)]
    if not mentions or sports(tokens):
        return []
    place = places[0] if places else None
    located = [m for m in found if m.kind == "place"]
    local = located[0].code if located else _locative_country(text, places, sent)
    country = local or (place.country if place is not None else None) or ctx.default_country
    mentions = _ethnic(mentions, tokens, country)
    date = next((d.value for d in dates if d.value and len(d.value) == 10), None)
    seen: dict[tuple[Any, ...], Event] = {}
    sources: list[Mention] = []
    coded = code_sentence(tokens, mentions, ctx, located, matches)
    if recalled(text, dates, ctx.default_date) or recalled_month(tokens, ctx.default_date):
        coded = [c for c in coded if c[1][:2] < "15"]
    if ctx.parsed and any(c[1][:2] >= "15" for c in coded):  # parse only for material conflict
        coded = refine(coded, tokens, parse_sentences([chunk])[0], sent.start, mentions)
    for m, code, src, tgt in coded:
        if src is not None and src.first >= 0 and src.code:
            sources.append(src)
        source, target = _actor(ctx.article, src, country), _actor(ctx.article, tgt, country)
        code = _by_sectors(code, source, target)
        row = cameo(code)
        if not row.plover:
            continue
        if source and target and (source.code, source.sector) == (target.code, target.sector):
            target = None
        if target is None and source is not None and row.quad_class == 3:
            target = ctx.acts.target_for(ctx.sentence, object_roots(tokens, m), source)
        if target is None and source is not None:
            target = _scene(ctx.article, tokens, m, places)
        key = (source.code if source else None, target.code if target else None,
               row.plover if row.quad_class == 4 else code)  # "targeted and killed": one act
        if key in seen and not (row.quad_class == 4 and len(code) > len(seen[key].cameo)):
            continue  # the same act again, unless this code says more of it (kill vs attack)
        seen[key] = Event(source=source, target=target, cameo=code, plover=row.plover,
                            mode=row.mode or None, goldstein=row.goldstein, quad_class=row.quad_class,
                            place=place.name if place is not None else None,
                            date=date or ctx.default_date, text=text[sent.start:sent.end],
                            start=sent.start, end=sent.end)
    events = list(seen.values())
    for ev in events:
        ctx.acts.add(ctx.sentence, ev.cameo, ev.source)
    if sources:
        ctx.last_actor = _detached(sources[-1])
    return events


def _scene(article: Article, tokens: list[Token], m: Match, places: Sequence[Any]) -> Actor | None:
    """Where an event with no target actor happens, as its target: the country of the first place
    after the verb in its clause, named after "in", "at", "near"... ("lifted the curfew in
    Montenegro", "rallied in Lagos"). PLOVER codes an undirected act as aimed at the country
    where it is done."""
    starts = [t.start for t in tokens]
    for p in places:
        k = bisect_left(starts, p.start)
        if k <= m.end or not p.country or k >= len(tokens) or tokens[k].start != p.start:
            continue
        j = k - 1
        if tokens[j].low in COMPASS or tokens[j].low in ARTICLES:
            j -= 1
        if any(t.low in CLAUSE_STOPS or t.low == "," for t in tokens[m.end:j]) or tokens[j].low not in LOCATIVE:
            return None
        return Actor(text=article.text[p.start:p.end], code=str(p.country), start=p.start, end=p.end)
    return None



def _by_sectors(code: str, source: Actor | None, target: Actor | None) -> str:
    """Violence by protesters is a violent protest (145), as CAMEO codes it. Shooting or killing
    protesters stays an assault (PLOVER's ASSAULT): repression (175) is what its own verbs say
    ("dispersed", "fired tear gas")."""
    if code[:2] in ("18", "19") and source is not None and source.sector == "OPP":
        return "145"
    return code


def _detached(m: Mention) -> Mention:
    """A mention carried to a later sentence: no token positions there, no offsets to copy."""
    return Mention(-1, -1, m.start, m.end, m.code, m.sector, m.kind)


class EventsStep:
    """Code events from the sentences, entities, places and dates of one article."""

    name = "events"
    version = "1"
    output: Any = list[Event]
    wants: tuple[str, ...] = ("sentences", "entities", "places", "dates")

    def __init__(self, available: Sequence[str] | None = None) -> None:
        """`available`: the steps before this one; events uses those of `wants` that exist."""
        have = self.wants if available is None else tuple(w for w in self.wants if w in available)
        self.requires: tuple[str, ...] = have

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[Event]:
        return code_article(article, inputs.get("sentences") or [], inputs.get("entities") or [],
                            inputs.get("places") or [], inputs.get("dates") or [])
