"""The `events` step: who did what to whom, where and when, coded in CAMEO and PLOVER.

Per sentence: verb phrases from the pattern lexicon (`event_patterns`), actors from the gazetteer
and the entities step (`actors`), the source the nearest actor before the verb, the target the first
after it (passive voice swaps them). Negation, refusal, intent and threats change the code the way
CAMEO does: "refused to meet" is 125, "plans to send aid" 033, "threatened to invade" 138.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as date_cls
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
from newsprism.analyze.leaders import leader_named
from newsprism.lexicon import months
from newsprism.records import Actor, Article, Event, Sentence

log = logging.getLogger(__name__)

AUX_PASSIVE = frozenset({"was", "were", "been", "being", "is", "are", "be", "got", "get", "gets"})
CLAUSE_STOPS = frozenset({";", ":", "\u2014", "but", "while", "whereas", "said", "says", "according",
                          "who", "which", "after", "before", "because", "although", "saying"})
COMPLEMENT_MARKERS = frozenset({"to", "of", "for", "from", "against"})

# ---------------------------------------------------------------- actors around a verb


def _passive(tokens: list[Token], m: Match) -> bool:
    head = tokens[m.head].low
    if not (head.endswith(("ed", "en", "wn")) or head in {"met", "held", "sent", "shot", "hit",
                                                         "struck", "fought", "led", "seized"}):
        return False
    before = {t.low for t in tokens[max(0, m.head - 3):m.head]}
    return bool(before & AUX_PASSIVE)


def _after_by(tokens: list[Token], m: Match, mentions: list[Mention]) -> Mention | None:
    for k in range(m.head + 1, min(len(tokens), m.end + 5)):
        if tokens[k].low == "by":
            return next((x for x in mentions if x.first == k + 1 or x.first == k + 2), None)
    return None


def _reduced_passive(tokens: list[Token], m: Match, mentions: list[Mention]) -> bool:
    """"workers held hostage by the regime": a past participle after a noun, with a "by" agent."""
    head = tokens[m.head].low
    if m.head > 0 and tokens[m.head - 1].low == "," and head.endswith(("ed", "en", "wn")):
        return _after_by(tokens, m, mentions) is not None  # "a portrait, captured by ..."
    if m.head == 0 or tokens[m.head - 1].low in AUX_PASSIVE or not (
            head.endswith(("ed", "en", "wn")) or head in {"held", "shot", "hit", "struck", "seized"}):
        return False
    prev, nxt = tokens[m.head - 1], tokens[m.head + 1] if m.head + 1 < len(tokens) else None
    common = prev.text.islower() or any(x.last == m.head and x.kind == "sector" for x in mentions)
    return prev.text.isalpha() and common and prev.low not in AUXILIARIES \
        and nxt is not None and nxt.low not in ARTICLES and _after_by(tokens, m, mentions) is not None


PREPOSITIONS = frozenset({"to", "of", "with", "against", "from", "by", "for", "on", "in", "at", "into",
                          "toward", "towards", "between", "about", "over", "near"})
AIMED = frozenset({"with", "at", "against", "on", "upon"})  # "clashed with police": police the target
COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "as", "became", "become"})
DETERMINERS = frozenset({"a", "an", "the", "very", "more", "most", "its", "their", "his", "her", "this",
                         "that", "increasingly", "less"})
REPORTING = frozenset({"said", "says", "say", "told", "reported", "reports", "announced", "added",
                       "claimed", "stated", "confirmed", "alleged"})
NOUN_PREPOSITIONS = frozenset({"in", "under", "of", "for", "with", "after", "before", "amid", "despite",
                               "against", "from", "following", "during", "without", "over"})
ARTICLES = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her"})
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"})
AUXILIARIES = frozenset({"has", "have", "had", "will", "would", "is", "was", "are", "were", "also",
                         "then", "later", "did", "could", "can"})


def _subject_candidates(before: list[Mention], tokens: list[Token]) -> list[Mention]:
    """Mentions before the verb that can be its subject: not a predicate ("was the latest diplomat")."""
    out = []
    for x in before:
        lead = {t.low for t in tokens[max(0, x.first - 4):x.first]}
        if x.kind == "sector" and lead & COPULAS:
            continue
        out.append(x)
    return [x for x in out or before if not _oblique(x, tokens)]


OBLIQUE = frozenset({"to", "with", "against", "from", "at", "into", "toward", "towards", "about",
                     "over", "under", "between", "among", "like", "than", "in", "on", "near", "inside",
                     "across", "throughout"})


def _oblique(x: Mention, tokens: list[Token]) -> bool:
    """A mention that cannot be a later verb's subject: the object of a preposition ("a man
    claiming allegiance to the group", "a complaint with the WTO"), or the speaker of an
    attribution set off by commas (", officials said, before ...")."""
    k = x.first - 1
    if k >= 1 and tokens[k].low == "'s":
        k -= 2  # "in Hitler's Germany"
    if k >= 0 and tokens[k].low in ARTICLES:
        k -= 1
    relative = x.last + 1 < len(tokens) and tokens[x.last].low == "," \
        and tokens[x.last + 1].low in {"which", "who"}  # "concerns about Iran, which has ..."
    if k >= 0 and tokens[k].low in OBLIQUE and not relative:
        return True
    return x.first > 0 and tokens[x.first - 1].low == "," and x.last < len(tokens) \
        and tokens[x.last].low in REPORTING


def _source(m: Match, mentions: list[Mention], tokens: list[Token]) -> tuple[Mention | None, Mention | None]:
    """Nearest actor before the verb phrase, and its partner in "X and Y" (a compound subject)."""
    before = _subject_candidates([x for x in mentions if x.last <= m.start], tokens)
    if not before:
        return None, None
    if _participial(m, tokens):
        return before[0], None
    aside = _parenthetical(m, tokens)
    if aside is not None and any(x.last <= aside for x in before):
        before = [x for x in before if x.last <= aside]  # "Serbia, which lost Kosovo, rejected"
    src = before[-1]
    if not _subject_of_clause(src, m, tokens):
        return None, None
    if len(before) > 1:
        prev = before[-2]
        gap = [t.low for t in tokens[prev.last:src.first]]
        lead = tokens[prev.first - 1].low if prev.first > 0 else ""
        if gap in (["and"], ["and", "the"]) and lead not in PREPOSITIONS:
            return prev, src
    return src, None


SUBORDINATORS = frozenset({"after", "before", "when", "because", "since", "until", "although", "though",
                           "whereas", "unless", "while", "if"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you"})
_NOT_PERSONAL = frozenset({"country", "seat", "org", "demonym", "place"})
_SKIPPED = AUXILIARIES | frozenset({"not", "never", "been", "being", "be", "already", "just", "still",
                                    "reportedly", "allegedly", "apparently", "also"})


def _subject_of_clause(src: Mention, m: Match, tokens: list[Token]) -> bool:
    """Whether the nearest actor before a verb phrase can be its subject. Not when a clause opens
    between them with its own subject ("X said 80 people were killed", "Y called for a ban after
    two gunmen killed 14", a new clause after ";"), nor when the verb's subject is a pronoun that
    cannot stand for it ("he" for a country or an agency, "it" for a person)."""
    k = m.start - 1
    while k > src.last and (tokens[k].low in _SKIPPED or tokens[k].low.endswith("ly")):
        k -= 1
    between = tokens[src.last:m.start]
    cut = max((i for i, t in enumerate(between)
               if t.low == ";" or t.low in SUBORDINATORS or t.low in REPORTING), default=-1)
    rest = between[cut + 1:]
    pronoun = tokens[k].low if k >= src.last and tokens[k].low in PRONOUNS else \
        next((t.low for t in rest if t.low in PRONOUNS), None) if cut >= 0 else None
    if pronoun is not None:  # "Israel said it had ...": the pronoun stands for the actor, if it can
        return not ((pronoun in {"he", "she"} and src.kind in _NOT_PERSONAL)
                    or (pronoun in {"it", "they"} and src.kind in {"person", "title", "entity-person"})
                    or (pronoun == "they" and src.kind == "sector" and not tokens[src.last - 1].low.endswith("s")))
    if cut < 0 or any(t.low == "," for t in rest):  # "Russia, after talks failed, attacked"
        return True
    if between[cut].low in REPORTING and not _clause_follows(rest, tokens[m.head].low):
        return True  # "Kyiv announced its own drills": the object of the report, no clause
    return not any(t.low.isalpha() and t.low not in _SKIPPED and t.low != "that" for t in rest)


def _clause_follows(rest: Sequence[Token], head: str) -> bool:
    """After a reporting verb, a clause of its own ("said that 80 people were killed", "said
    rebels attacked") rather than a noun phrase object ("announced new drills")."""
    return any(t.low == "that" or t.low in AUX_PASSIVE or t.low in AUXILIARIES for t in rest) \
        or head.endswith("ed") or head in {"shot", "hit", "struck", "fought", "seized", "took", "sent"}


def _parenthetical(m: Match, tokens: list[Token]) -> int | None:
    """Where ", which ...," or an apposition before the verb opens (its first comma), if any."""
    k = m.start - 1
    while k >= 0 and (tokens[k].low in AUXILIARIES or tokens[k].low == "to" or (
            k + 1 < len(tokens) and tokens[k + 1].low == "to" and tokens[k].low.isalpha())):
        k -= 1  # "Pakistan, a U.S. ally, has refused to deploy": past the modal verb too
    if k < 1 or tokens[k].low != ",":
        return None
    for j in range(k - 1, -1, -1):
        if tokens[j].low == ",":
            return j
    return None


def _participial(m: Match, tokens: list[Token]) -> bool:
    """", accusing Russia of ...": the subject is the main clause's (the sentence's first actor)."""
    if not tokens[m.head].low.endswith("ing") or m.head != m.start or m.start < 2:
        return False
    prev = tokens[m.start - 1].low
    return prev == "," or (prev == "and" and any(t.low == "," for t in tokens[:m.start - 1]))


def _coordinated(m: Match, tokens: list[Token]) -> bool:
    """"... and has massed troops": a second verb phrase sharing the first one's subject."""
    k = m.start - 1
    while k >= 0 and tokens[k].low in AUXILIARIES:
        k -= 1
    if k >= 0 and tokens[k].low == "," and k == m.start - 1 and m.head == m.start:
        head = tokens[m.head].low  # "seized towns, beheaded hostages and ...": a list of acts
        return head.endswith("ed") or head in {"shot", "hit", "struck", "fought", "seized", "took"}
    return k >= 0 and tokens[k].low == "and" and k < m.start - 0


_OPENS_CLAUSE = SUBORDINATORS | PRONOUNS | frozenset({"that", "which", "who", "whom", "whose", ";"})


def _plain_gap(prev: Match, m: Match, tokens: list[Token]) -> bool:
    """No clause opens between an earlier coded verb and this one ("defended X that Nazis forced
    Jews to wear before they ... murdered them": "murdered" is not the first verb's conjunct)."""
    return not any(t.low in _OPENS_CLAUSE for t in tokens[prev.end:m.start])


def _target(m: Match, mentions: list[Mention], tokens: list[Token], source: Mention | None,
            places: Sequence[Mention] = ()) -> Mention | None:
    start = m.gap[0] if m.gap else m.head + 1
    if m.pattern.code.startswith("042"):  # a visit's target is the host: "arrived in Moscow"
        mentions = sorted([*mentions, *places], key=lambda x: x.first)
    for x in mentions:
        if x.first < start or x is source:
            continue
        if any(t.low in CLAUSE_STOPS for t in tokens[m.end:x.first]) or _next_clause(tokens[m.end:x.first]):
            return None
        if x.kind == "sector" and x.first < m.end and tokens[x.first - 1].low not in AIMED:
            continue  # the verb's own object noun: "sent troops", "deployed forces"
        if x.last < len(tokens) and tokens[x.last].low in REPORTING or (
                tokens[x.first - 1].low == "," and any(t.low in REPORTING for t in tokens[x.last:x.last + 4])):
            return None  # ", Japan said", ", officials in Lima said": who reports it, not the target
        if source is not None and x.code and x.code == source.code:
            continue
        if x.kind == "place":
            return Mention(x.first, x.last, x.start, x.end, x.code, "GOV", "seat")
        return x
    return None


def _next_clause(between: Sequence[Token]) -> bool:
    """"charged the officer with murder and Emanuel fired ...": after the verb's own object, an
    "and" opens another clause; an actor after it is no target of this verb."""
    for k, t in enumerate(between):
        if t.low == "and" and k >= 1 and between[k - 1].low not in PREPOSITIONS and any(
                w.text.isalpha() and w.low not in ARTICLES and w.low not in PREPOSITIONS for w in between[:k]):
            return True
    return False


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
        src, partner = _source(m, mentions, tokens)
        if coded and (_participial(m, tokens) or _coordinated(m, tokens)) and _plain_gap(coded[-1][0], m, tokens):
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
        tgt = _target(m, mentions, tokens, src, places)
        passive = _passive(tokens, m) or _reduced_passive(tokens, m, mentions)
        if passive:
            src, tgt = _after_by(tokens, m, mentions), src
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


RECALL_DAYS = 45


def recalled(text: str, dates: Sequence[Any], published: str | None) -> bool:
    """The sentence dates what it tells to more than six weeks before publication ("in March"
    in a July article, "on Dec. 2" in February): a past event recalled as background. A date
    after "since" or "until" bounds something still going on, and says nothing of the kind."""
    if not published or len(published) < 10:
        return False
    try:
        now = date_cls.fromisoformat(published[:10])
    except ValueError:
        return False
    for d in dates:
        value = d.value or ""
        before = text[max(0, d.start - 12):d.start].lower().split()
        if len(value) < 7 or (before and before[-1] in {"since", "until", "till"}):
            continue
        try:
            day = date_cls.fromisoformat(value) if len(value) == 10 else \
                date_cls.fromisoformat(value[:7] + "-01").replace(day=28)
        except ValueError:
            continue
        if (now - day).days > RECALL_DAYS:
            return True
    return False


_MONTH_LEADS = frozenset({"in", "last", "early", "late", "mid"})


def recalled_month(tokens: list[Token], published: str | None) -> bool:
    """A month named without a day ("In March, ...", "last December"), the latest one not after
    publication, ending more than six weeks before it (the dates step resolves only full dates)."""
    if not published or len(published) < 10 or not published[5:7].isdigit():
        return False
    month = int(published[5:7])
    table = months()
    for k in range(1, len(tokens) - 1):
        if tokens[k].low in {"years", "decades", "centuries"} and tokens[k + 1].low in {"ago", "since", "earlier"}:
            return True  # "two decades ago", "101 years since the massacre"
    for k in range(1, len(tokens)):
        named = table.get(tokens[k].low) if tokens[k].text[:1].isupper() and len(tokens[k].low) > 3 else None
        if named is None or tokens[k - 1].low not in _MONTH_LEADS or (
                k > 1 and tokens[k - 2].low in {"since", "until", "till"}):
            continue  # "since last November": still going on
        if k + 1 < len(tokens) and tokens[k + 1].low[:1].isdigit():
            continue  # "in March 2015", "in March 3": the dates step's business
        back = (month - named) % 12  # months between the one named and publication's
        if back * 30 - 3 > RECALL_DAYS:
            return True
    return False


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
