"""Whether a matched verb phrase reports an event, and what kind: meaning before a code.

A pattern match is only a candidate. It is no event when its clause is conditional ("if it
attacks"), a capability or purpose ("troops needed to launch an invasion"), a question, or what a
denial governs ("denied that it attacked"); and a material-conflict verb is read as violence only
with its arguments agreeing: a noun in verb position is no act ("Sanders's attacks", "attack ads"),
a figurative object makes a figure of speech ("captured wins", "targeted voters", "fight for a
bill"), a passive whose agent is no actor is no assault ("struck by her story"), a strike among
workers is a labour strike (143), and an attack on a person with no force anywhere in the sentence
is criticism (111). The word lists are `data/event_senses.tsv`.

`syntax` (the dependency parser, when installed) can override the token rules: see
`events.code_sentence`.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsprism.analyze.event_patterns import Match, Token
from newsprism.lexicon import text as data_text

log = logging.getLogger(__name__)

ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "SPY", "INS", "UAF"})
POSSESSIVES = frozenset({"'s", "'", "his", "her", "its", "their", "our", "my", "your", "whose"})
VERB_LEADS = frozenset({"to", "has", "have", "had", "will", "would", "shall", "should", "can", "could",
                        "may", "might", "must", "is", "was", "are", "were", "be", "been", "being",
                        "did", "does", "do", "not", "never", "also", "then", "later", "who", "which",
                        "that", ",", "he", "she", "it", "they", "we", "i", "you", "again", "repeatedly",
                        "allegedly", "reportedly", "yesterday", "today", "first", "just", "already"})
NOUN_LEADS = frozenset({"a", "an", "the", "this", "that", "these", "those", "of", "in", "on", "for",
                        "with", "after", "before", "amid", "against", "from", "by", "about", "over",
                        "during", "no", "any", "every", "each", "such", "its", "more", "most", "some"})
CLAUSE_ENDS = frozenset({",", ";", ":", "\u2014", "(", ")"})
# Heads whose violent sense is literal wherever they are verbs (the object test still applies).
LITERAL = frozenset({"kill", "murder", "massacre", "assassinate", "behead", "torture", "rape", "wound",
                     "kidnap", "abduct", "slay", "lynch", "execute", "bomb", "shell", "invade",
                     "arrest", "detain", "deport", "jail", "imprison", "expel", "stab"})
VERBAL_ATTACK = frozenset({"attack", "assault", "blast", "slam", "lash", "target", "hit", "shoot"})
WORK_STOP = frozenset({"strike", "walkout", "stoppage"})
_IRREGULAR_PAST = frozenset({"shot", "hit", "struck", "fought", "seized", "held", "sent", "led", "beat",
                             "beaten", "took", "taken", "blew", "blown", "slew", "slain", "stabbed"})


@dataclass(frozen=True)
class Senses:
    conditional: frozenset[str]
    capability: frozenset[str]
    denial: frozenset[str]
    force: frozenset[str]
    figurative: frozenset[str]
    labour: frozenset[str]
    retort: frozenset[str]
    sport: frozenset[str]


@lru_cache(maxsize=1)
def senses() -> Senses:
    """The word lists of `data/event_senses.tsv`, loaded once."""
    text = data_text("event_senses.tsv")
    kinds: dict[str, set[str]] = {k: set() for k in Senses.__dataclass_fields__}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, word = line.partition("\t")
        if kind in kinds:
            kinds[kind].add(word.strip().lower())
    return Senses(**{k: frozenset(v) for k, v in kinds.items()})


def _base(word: str) -> str:
    """A rough base form for family tests ("attacked" -> "attack", "targeting" -> "target")."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return {"shot": "shoot", "struck": "strike", "fought": "fight"}.get(word, word)


def _family(word: str, family: frozenset[str]) -> bool:
    base = _base(word)
    undoubled = base[:-1] if len(base) > 3 and base[-1] == base[-2] else base  # "slammed"
    return bool({word, base, base + "e", undoubled} & family)


# ---------------------------------------------------------------- mood


def blocked_mood(tokens: Sequence[Token], m: Match) -> str | None:
    """Why the phrase reports no act ("conditional", "capability", "denied", "question"), or None."""
    lex = senses()
    last = next((t.low for t in reversed(tokens) if t.low not in {'"', "\u201d", "'", "\u2019"}), "")
    if last == "?":
        return "question"
    for k in range(m.start - 1, -1, -1):
        low = tokens[k].low
        if low in CLAUSE_ENDS:
            break
        if low in lex.conditional:
            return "conditional"
    k = m.start - 1
    if k >= 1 and tokens[k].low == "to" and tokens[k - 1].low in lex.capability:
        return "capability"
    return "denied" if _denied(tokens, m, lex) else None


def _denied(tokens: Sequence[Token], m: Match, lex: Senses) -> bool:
    """A denial before the phrase that governs it ("denied that its troops had fired",
    "denied attacking", "rejected claims that ...")."""
    for k in range(m.start - 1, -1, -1):
        low = tokens[k].low
        if low in {";", ":"}:
            return False
        if low in lex.denial:
            between = [t.low for t in tokens[k + 1:m.start]]
            return (not between and tokens[m.head].low.endswith("ing")) or "that" in between \
                or any(w in {"claims", "claim", "reports", "allegations", "accusations", "suggestions",
                             "charges"} for w in between)
    return False


def hypothetical(tokens: Sequence[Token], k: int) -> bool:
    """"would" at k is hypothetical unless a reporting verb before it makes it a reported
    intention ("said it would send aid"); "would have" is always counterfactual."""
    if k + 1 < len(tokens) and tokens[k + 1].low == "have":
        return True
    return not any(t.low in _REPORTED for t in tokens[:k])


_REPORTED = frozenset({"said", "says", "say", "told", "announced", "pledged", "promised", "vowed",
                       "stated", "declared", "insisted", "added", "confirmed", "warned", "threatened",
                       "agreed", "decided"})


# ---------------------------------------------------------------- conflict verbs


def noun_reading(tokens: Sequence[Token], m: Match, mentions: Sequence[Any], strict: bool) -> bool:
    """The head is a noun, not a verb: after a possessive ("Sanders's attacks", "an hour's
    warning"); with `strict` (material conflict) also after a preposition or a modifier word
    ("terrorist attacks", "a primary fight") unless it is a past form ("forces bombed")."""
    k = m.head - 1
    while k >= 0 and tokens[k].low in {'"', "\u201c", "'", "\u2018"} and tokens[k].text != "'s":
        k -= 1
    if k < 0:
        return strict  # a sentence opening on the word: a name or a noun ("Lynch announced")
    prev = tokens[k].low
    if prev in POSSESSIVES:
        return True
    if strict and prev == "," and tokens[m.head].low.endswith("ing") and \
            m.head + 1 < len(tokens) and tokens[m.head + 1].low in {",", "and", "or"}:
        return True  # "slavery, segregation, lynching and ...": a list of nouns
    if not strict or prev in VERB_LEADS or (prev.endswith("ly") and prev not in _LY_ADJECTIVES):
        return False
    past = tokens[m.head].low.endswith("ed") or tokens[m.head].low in _IRREGULAR_PAST
    if past and _takes_object(tokens, m.head):
        return False  # "bombers killed 23 people", "a blast on Sunday killed two"
    if prev in NOUN_LEADS:
        return True
    actor = next((x for x in mentions if x.last == k + 1), None)
    if actor is not None:  # "Russia attacked", "troops fired": an actor right before
        lead = tokens[actor.first - 1] if actor.first > 0 else None
        if past:  # with no object after it, "Americans killed in the attack" is a participle
            return (lead is not None and lead.low in {"of", "the", "and"}) or not _takes_object(tokens, m.head)
        # "the Paris attacks", "the initial Kabul attack": a name modifying the noun
        return lead is not None and (lead.low in NOUN_LEADS or lead.low in POSSESSIVES or (
            lead.text.islower() and lead.low not in VERB_LEADS and lead.low not in _OPENERS))
    if tokens[k].text[:1].isupper():
        j = k
        while j > 0 and tokens[j - 1].text[:1].isupper() and tokens[j - 1].low not in NOUN_LEADS:
            j -= 1  # "The Orlando massacre": the capitalised article is no part of the name
        lead = tokens[j - 1] if j > 0 else None  # "the Orlando massacre", "last week's Paris attack"
        return lead is not None and (lead.low in NOUN_LEADS or lead.low in POSSESSIVES or (
            lead.text.islower() and lead.low not in VERB_LEADS and lead.low not in _OPENERS))
    return True  # "terrorist attacks", "people killed by police": a noun or a reduced relative


_LY_ADJECTIVES = frozenset({"deadly", "daily", "weekly", "monthly", "yearly", "nightly", "early", "friendly",
                            "costly", "cowardly", "elderly", "likely", "unlikely", "only", "holy", "ugly",
                            "lonely", "timely", "lovely", "silly", "bloody", "orderly", "brotherly", "kindly"})


def conditional_consequence(tokens: Sequence[Token], m: Match) -> bool:
    """The phrase is in the main clause after a sentence-opening "if" or "unless" clause ("If the
    board breaks the law, there is little chance of officials being prosecuted"): what would
    follow, not what happened. (A consequence with "will" is a threat, coded before this.)"""
    k = 0
    while k < len(tokens) and tokens[k].low in {"and", "but", "so", "yet", '"', "\u201c"}:
        k += 1
    if k >= len(tokens) or tokens[k].low not in senses().conditional:
        return False
    return any(t.low == "," for t in tokens[k:m.start])


_NOT_OBJECT = frozenset({"by", "in", "at", "on", "during", "after", "before", "since", "for", "from", "as",
                         "with", "near", "when", "while", "under", "over", "last", "this", "and", "or",
                         "but", "to", "into", "than", "because", "is", "was", "are", "were"})


def _takes_object(tokens: Sequence[Token], k: int) -> bool:
    """An object or particle follows the verb at k ("killed 23 people", "cracked down")."""
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return nxt is not None and nxt.low not in _NOT_OBJECT and nxt.low.isalnum()


def conflict_sense(code: str, m: Match, tokens: Sequence[Token], source: Any, target: Any,
                   passive: bool, by_actor: bool) -> str | None:
    """The code a material-conflict phrase keeps (QuadClass 4, roots 15-20), another code it is
    (143 labour strike, 111 criticism), or None for a figure of speech."""
    lex = senses()
    head = tokens[m.head].low
    words = {t.low for t in tokens}
    base = _base(head)
    if (base in WORK_STOP or base == "strik" or head == "struck") and words & lex.labour:
        return "143"
    literal = _family(head, LITERAL)
    if passive and not by_actor and not literal and any(t.low == "by" for t in tokens[m.head + 1:m.head + 3]):
        return None  # "struck by her story": the agent is no actor
    if _figurative_object(tokens, m, lex) or (passive and _figurative_subject(tokens, m, lex)) or (base.startswith("seiz") and _next_low(tokens, m.head) in
                                                {"on", "upon"}):
        return None  # "captured wins", "seized on the remark"
    if _quoted(tokens, m.head) or _background(tokens, m):
        return None  # a speaker's words, or an aside, not the outlet's report of violence
    if code[:2] in ("15", "16", "17") and not _state_actor(source):
        return None  # "the scandal forced him to resign": coercion needs an agent that can coerce
    if base.startswith(("captur", "seiz", "nab")) and _people_object(tokens, m):
        code = "173"  # "captured 23 pirates": people are detained, not territory taken
    if code[:2] in ("16", "17"):
        if head.startswith("forcing") and m.head > 0 and tokens[m.head - 1].low == ",":
            return None  # ", forcing candidates to scramble": a consequence, not an act
        if target is None:  # a ban with no one banned is policy ("banned smoking in bars")
            keep = _COERCIVE if code == "172" else STATE_SECTORS
            return code if code != "170" and getattr(source, "sector", None) in keep else None
        official = bool({getattr(a, "sector", None) for a in (source, target)} & _COERCIVE) or (
            getattr(source, "sector", None) == "GOV"
            and getattr(target, "sector", None) not in {None, "GOV", "LEG"})  # a state on its citizens
        codes = {getattr(source, "code", None), getattr(target, "code", None)}
        domestic = None in codes or len(codes) == 1
        return None if domestic and not official else code  # "Democrats pressure Sanders": politics
    armed = any(a is not None and getattr(a, "sector", None) in ARMED_SECTORS for a in (source, target))
    context = {t.low for i, t in enumerate(tokens) if i != m.head}
    states = all(getattr(a, "kind", "") in {"country", "seat", "demonym"} and getattr(a, "sector", None)
                 in {None, "GOV", "MIL"} for a in (source, target))  # "Russia attacked Georgia"
    forced = armed or states or bool(context & lex.force)
    retort = len(m.pattern.elements) == 1 and m.head + 1 < len(tokens) \
        and tokens[m.head + 1].low in lex.retort
    if retort and not forced:
        return "111" if base in {"hit", "shoot", "fire", "lash"} and tokens[m.head + 1].low == "back" \
            else None
    if forced or literal:
        return code
    if any(_family(t.low, VERBAL_ATTACK) for t in tokens[m.start:m.end]) and target is not None \
            and source is not None:
        return "111"  # "attacked her record": criticism, not force
    return None


_BACKGROUND = frozenset({"who", "which", "whom", "whose", "where", "when"})
_ONGOING = frozenset({"attempt", "attempted", "tried", "began", "begun", "begin", "begins", "started", "start", "starts", "continued",
                      "continue", "continues", "resumed", "resume", "went", "kept", "keep"})


def _background(tokens: Sequence[Token], m: Match) -> bool:
    """An aside, not the sentence's report: a relative clause ("the men who had attacked"), a
    bare infinitive ("a way to fight", "used to kill"), or a participle with no main verb coded
    ("protests fighting discrimination")."""
    k = m.start - 1
    while k >= 0 and (tokens[k].low in VERB_LEADS - {"to", ",", "who", "which", "that"}
                      or tokens[k].low.endswith("ly")):
        k -= 1
    if k < 0:
        return False
    prev = tokens[k].low
    if prev in _BACKGROUND:
        return True
    if prev == "to":
        return k == 0 or tokens[k - 1].low not in _ONGOING
    head = tokens[m.head].low
    if head.endswith("ing") and m.head == m.start and k == m.start - 1 and prev != ",":
        return True
    return _subordinate(tokens, m.start)


_SUBORDINATORS = frozenset({"which", "where", "who", "whom", "whose"})  # not "when": "were wounded when
# troops opened fire" reports the event itself


def _subordinate(tokens: Sequence[Token], start: int) -> bool:
    """The phrase sits in a relative clause opened within its own clause ("the attack in which
    four Americans were killed", "the school where 20 students were killed")."""
    for k in range(start - 1, max(-1, start - 9), -1):
        low = tokens[k].low
        if low in CLAUSE_ENDS:
            return False
        if low in _SUBORDINATORS:
            return True
    return False


_PEOPLE = frozenset({"pirates", "pirate", "suspects", "suspect", "militants", "militant", "rebels", "rebel",
                     "soldiers", "soldier", "fighters", "fighter", "people", "men", "women", "civilians",
                     "hostages", "crew", "sailors", "fishermen", "members", "leader", "leaders", "commander",
                     "gunmen", "gunman", "insurgents", "smugglers", "migrants", "protesters", "journalists",
                     "troops", "officers", "guards", "activists", "opponents", "prisoners"})


def _people_object(tokens: Sequence[Token], m: Match) -> bool:
    """The verb's object names people ("captured 23 pirates", "seized two suspects")."""
    for t in tokens[m.head + 1:min(len(tokens), m.head + 5)]:
        if t.low in CLAUSE_ENDS or t.low in {"in", "at", "on", "from", "near", "after", "and"}:
            return False
        if t.low in _PEOPLE:
            return True
    return False


def _next_low(tokens: Sequence[Token], k: int) -> str:
    return tokens[k + 1].low if k + 1 < len(tokens) else ""


_OPENERS = frozenset({"and", "but", "or", "after", "before", "when", "as", "while", "because", "since", "until",
                      "if", "though", "although", "so", "where", "once", "whether", "unless", "then", "said",
                      "says", "say"})


def _quoted(tokens: Sequence[Token], k: int) -> bool:
    """Inside a quotation: an odd number of quotation marks ('"', curly ones, or two
    apostrophes written as one mark) before token k in the sentence."""
    opens = sum(1 for t in tokens[:k] if t.low in {'"', "\u201c", "\u201d"})
    opens += sum(1 for a, b in zip(tokens[:k], tokens[1:k], strict=False)
                 if a.low == "'" and b.low == "'" and a.end == b.start)
    if opens == 0:  # a quotation opened in an earlier sentence closes in this one
        return sum(1 for t in tokens[k:] if t.low in {'"', "\u201c", "\u201d"}) % 2 == 1
    return opens % 2 == 1


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def latest_year(text: str) -> str | None:
    """The year an undated article names most often (the latest among equals): a stand-in for
    its publication year, or None when it names none."""
    counts = Counter(_YEAR.findall(text))
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def historical(tokens: Sequence[Token], published: str | None) -> bool:
    """The sentence dates what it tells to a year at least two before publication ("in 2012",
    "during the 1990s"): a past event recalled, not news of one."""
    if not published or len(published) < 4 or not published[:4].isdigit():
        return False
    now = int(published[:4])
    for t in tokens:
        low = t.low[:-1] if t.low.endswith("s") and len(t.low) == 5 else t.low
        if len(low) == 4 and low.isdigit() and 1800 <= int(low) <= now - 2:
            return True
    return False


_COERCIVE = frozenset({"COP", "JUD", "MIL", "SPY", "REB", "INS"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG", "REB", "INS", "UAF"})


def _state_actor(actor: Any) -> bool:
    """An actor able to coerce: a state body or armed group, a country or an organisation."""
    if actor is None:
        return False
    sector = getattr(actor, "sector", None)
    if sector in STATE_SECTORS:
        return True
    return getattr(actor, "kind", "") in {"country", "seat", "org", "demonym", "person", "title"} \
        and sector not in {"MED", "CVL", "EDU", "LAB", "BUS", "OPP", "REF", "HLH", "AGR"}


def _figurative_object(tokens: Sequence[Token], m: Match, lex: Senses) -> bool:
    """A figurative noun as the phrase's object, within four words after its head."""
    first = m.head + 1
    if first + 1 < len(tokens) and tokens[first].low == "," and tokens[first + 1].low in {"a", "an", "the"}:
        first += 1  # "drawing attention to, and ultimately killing, a bill"
    end = min(len(tokens), max(m.end, first) + 4)
    for t in tokens[first:end]:
        if t.low in CLAUSE_ENDS or t.low in {".", "and", "but", "said", "says", "when", "while", "after"}:
            return False
        if t.low in lex.figurative or (len(t.low) > 6 and t.low.endswith(("ism", "ness"))):
            return True  # "killing journalism", "destroying their credibility"
    return False


def _figurative_subject(tokens: Sequence[Token], m: Match, lex: Senses) -> bool:
    """The passive's subject is a figurative noun ("a portrait, captured by the photographer",
    "the bill was killed in committee"): the word before the verb group."""
    k = m.head - 1
    while k >= 0 and (tokens[k].low in VERB_LEADS or tokens[k].low.endswith("ly")):
        k -= 1
    return k >= 0 and tokens[k].low in lex.figurative


_SCORE = frozenset("0123456789")


def sports(tokens: Sequence[Token]) -> bool:
    """A sports report ("Brazil beat Chile 2-1 in the final"): countries and cities there are
    teams, and what they do to each other is no political event."""
    lex = senses()
    hits = sum(1 for t in tokens if t.low in lex.sport)
    score = any(len(t.low) <= 5 and "-" in t.low and set(t.low) <= _SCORE | {"-"} and t.low[0] != "-"
                for t in tokens)
    return hits >= 2 or (hits >= 1 and score)


_OBLIGATION = frozenset({"must", "should", "ought"})
_DECLARE = _REPORTED | frozenset({"reiterated", "concluded", "stressed", "declared", "demanded", "argued",
                                  "maintained", "repeated", "urged", "says", "say", "tells"})


def demand_frame(tokens: Sequence[Token], m: Match, mentions: Sequence[Any]) -> tuple[Any, Any] | None:
    """(speaker, addressee) when the phrase is what one actor says another must do ("Britain
    said Libya must hand over the suspects"): CAMEO codes that as the speaker's demand (100)."""
    k = m.start - 1
    while k >= 0 and (tokens[k].low.endswith("ly") or tokens[k].low in {"not", "also", "now", "first"}):
        k -= 1
    if k < 1 or tokens[k].low not in _OBLIGATION:
        return None
    addressee = next((x for x in reversed(mentions) if k - 3 <= x.last <= k and x.first < k), None)
    if addressee is None:
        return None
    for r in range(addressee.first - 1, -1, -1):
        if tokens[r].low in _DECLARE:
            speaker = next((x for x in reversed(mentions) if x.last <= r), None)
            if speaker is not None and speaker.code != addressee.code:
                return speaker, addressee
            return None
    return None
