"""Actors around a matched verb phrase: who is its subject (source) and object (target), read
from the words of its clause. Voice ("was attacked by"), appositions ("Pakistan, a U.S. ally,
has refused"), participles and coordinated verbs sharing a subject, and where a clause of its
own begins ("X said that 80 people were killed", "after two gunmen killed ..."): an actor
before such a boundary is not the later verb's subject.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.analyze.actors import Mention
from newsprism.analyze.event_patterns import Match, Token

AUX_PASSIVE = frozenset({"was", "were", "been", "being", "is", "are", "be", "got", "get", "gets"})
CLAUSE_STOPS = frozenset({";", ":", "\u2014", "but", "while", "whereas", "said", "says", "according",
                          "who", "which", "after", "before", "because", "although", "saying"})
COMPLEMENT_MARKERS = frozenset({"to", "of", "for", "from", "against"})

# ---------------------------------------------------------------- actors around a verb


def passive_voice(tokens: list[Token], m: Match) -> bool:
    head = tokens[m.head].low
    if not (head.endswith(("ed", "en", "wn")) or head in {"met", "held", "sent", "shot", "hit",
                                                         "struck", "fought", "led", "seized"}):
        return False
    before = {t.low for t in tokens[max(0, m.head - 3):m.head]}
    return bool(before & AUX_PASSIVE)


def by_agent(tokens: list[Token], m: Match, mentions: list[Mention]) -> Mention | None:
    for k in range(m.head + 1, min(len(tokens), m.end + 5)):
        if tokens[k].low == "by":
            return next((x for x in mentions if x.first == k + 1 or x.first == k + 2), None)
    return None


def reduced_passive(tokens: list[Token], m: Match, mentions: list[Mention]) -> bool:
    """"workers held hostage by the regime": a past participle after a noun, with a "by" agent."""
    head = tokens[m.head].low
    if m.head > 0 and tokens[m.head - 1].low == "," and head.endswith(("ed", "en", "wn")):
        return by_agent(tokens, m, mentions) is not None  # "a portrait, captured by ..."
    if m.head == 0 or tokens[m.head - 1].low in AUX_PASSIVE or not (
            head.endswith(("ed", "en", "wn")) or head in {"held", "shot", "hit", "struck", "seized"}):
        return False
    prev, nxt = tokens[m.head - 1], tokens[m.head + 1] if m.head + 1 < len(tokens) else None
    common = prev.text.islower() or any(x.last == m.head and x.kind == "sector" for x in mentions)
    return prev.text.isalpha() and common and prev.low not in AUXILIARIES \
        and nxt is not None and nxt.low not in ARTICLES and by_agent(tokens, m, mentions) is not None


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
    return x.first > 0 and tokens[x.first - 1].low == "," and x.last + 1 < len(tokens) \
        and tokens[x.last].low in REPORTING and tokens[x.last + 1].low == ","


def source_of(m: Match, mentions: list[Mention], tokens: list[Token]) -> tuple[Mention | None, Mention | None]:
    """Nearest actor before the verb phrase, and its partner in "X and Y" (a compound subject)."""
    before = _subject_candidates([x for x in mentions if x.last <= m.start], tokens)
    if not before:
        return None, None
    if participial(m, tokens):
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


def participial(m: Match, tokens: list[Token]) -> bool:
    """", accusing Russia of ...": the subject is the main clause's (the sentence's first actor)."""
    if not tokens[m.head].low.endswith("ing") or m.head != m.start or m.start < 2:
        return False
    prev = tokens[m.start - 1].low
    return prev == "," or (prev == "and" and any(t.low == "," for t in tokens[:m.start - 1]))


def coordinated(m: Match, tokens: list[Token]) -> bool:
    """"... and has massed troops": a second verb phrase sharing the first one's subject."""
    k = m.start - 1
    while k >= 0 and tokens[k].low in AUXILIARIES:
        k -= 1
    if k >= 0 and tokens[k].low == "," and k == m.start - 1 and m.head == m.start:
        head = tokens[m.head].low  # "seized towns, beheaded hostages and ...": a list of acts
        return head.endswith("ed") or head in {"shot", "hit", "struck", "fought", "seized", "took"}
    return k >= 0 and tokens[k].low == "and" and k < m.start - 0


_OPENS_CLAUSE = SUBORDINATORS | PRONOUNS | frozenset({"that", "which", "who", "whom", "whose", ";"})


def plain_gap(prev: Match, m: Match, tokens: list[Token]) -> bool:
    """No clause opens between an earlier coded verb and this one ("defended X that Nazis forced
    Jews to wear before they ... murdered them": "murdered" is not the first verb's conjunct)."""
    return not any(t.low in _OPENS_CLAUSE for t in tokens[prev.end:m.start])


def target_of(m: Match, mentions: list[Mention], tokens: list[Token], source: Mention | None,
            places: Sequence[Mention] = ()) -> Mention | None:
    start = m.gap[0] if m.gap else m.head + 1
    if m.pattern.code.startswith("042"):  # a visit's target is the host: "arrived in Moscow"
        mentions = sorted([*mentions, *places], key=lambda x: x.first)
    for x in mentions:
        if x.first < start or x is source:
            continue
        if any(t.low in CLAUSE_STOPS for t in tokens[m.end:x.first]) or _next_clause(tokens[m.end:x.first], tokens, x):
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


_PAST = frozenset({"put", "sent", "took", "made", "held", "gave", "left", "fled", "told", "said", "shot",
                   "hit", "won", "led", "set", "went", "began", "kept", "met", "brought", "fought"})


def _verbal(word: str) -> bool:
    return word.endswith("ed") or word in _PAST


def _next_clause(between: Sequence[Token], tokens: Sequence[Token], x: Mention) -> bool:
    """"charged the officer with murder and Emanuel fired ...", "arrested him and put him on a
    plane to ...": after the verb's own object, "and" opens another verb phrase; an actor in it
    is no target of this verb ("arrested Somali and Yemeni pirates" joins two words, no clause)."""
    for k, t in enumerate(between):
        if t.low != "and" or k < 1 or between[k - 1].low in PREPOSITIONS:
            continue
        nxt = between[k + 1].low if k + 1 < len(between) else ""
        after = tokens[x.last].low if x.last < len(tokens) else ""
        if _verbal(nxt) or (k + 1 == len(between) and _verbal(after)):
            return True
    return False
