"""Modality of a verb phrase: negation, refusal, intent, offer, threat or speculation in the words
before it, and the CAMEO code an act takes under each ("refused to meet" 125, "plans to send aid"
033, "threatened to invade" 138), as CAMEO codes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from newsprism.analyze.event_patterns import Token
from newsprism.analyze.event_senses import hypothetical

NEGATORS = frozenset({"not", "never", "cannot", "no"})
INTENT_VERBS = frozenset({"plan", "intend", "aim", "promise", "pledge", "vow", "offer", "agree",
                          "propose", "expect", "seek", "want", "hope", "prepare", "ready", "willing",
                          "set", "going", "decide", "move", "pledged", "sought", "vowed",
                          "determined", "poised", "eager", "swear", "swore", "sworn", "resolve", "resolved"})
COOP_INTENT_VERBS = frozenset({"agree", "offer", "pledge", "promise", "propose", "pledged"})
REFUSE_VERBS = frozenset({"refuse", "decline", "fail", "reject"})
THREAT_VERBS = frozenset({"threaten", "warn"})
SPECULATIVE = frozenset({"could", "might", "may", "likely", "possibly", "should", "must", "ought"})
FUTURE = frozenset({"will", "would", "shall", "'ll"})

_NEGATE = {"04": "125", "036": "125", "046": "125", "045": "126", "038": "126", "06": "121",
           "061": "1211", "062": "1212", "07": "122", "071": "1221", "072": "1222", "073": "1223",
           "074": "1224", "08": "124", "081": "1241", "082": "1242", "084": "1243", "085": "1244",
           "086": "1245", "087": "1246", "057": "127", "03": "120", "05": "120"}
_INTENT = {"04": "036", "045": "039", "05": "032", "057": "030", "06": "031", "061": "0311",
           "062": "0312", "063": "0313", "064": "0314", "07": "033", "071": "0331", "072": "0332",
           "073": "0333", "074": "0334", "08": "035", "081": "0351", "082": "0352", "084": "0353",
           "085": "0354", "086": "0355", "087": "0356", "14": "133"}
_THREAT = {"15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134",
           "165": "135", "166": "136", "17": "137", "172": "132", "18": "1383", "19": "1384",
           "191": "1381", "192": "1382", "20": "1385", "14": "133"}


def _lookup(table: Mapping[str, str], code: str) -> str | None:
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


def transform(code: str, modality: str) -> str | None:
    """The CAMEO code for an act under a modality; None when CAMEO codes nothing."""
    if modality == "act":
        return code
    if modality == "negated":
        return _lookup(_NEGATE, code)
    if modality == "speculative":
        return None
    material_conflict = code[:2] >= "15"
    if modality == "offer" and code[:2] == "15":
        return "0312"  # "agreed to send troops": military cooperation promised, not a threat
    if modality == "threat":
        return _lookup(_THREAT, code) if code[:2] >= "14" else "130"
    # intent
    if material_conflict:
        return _lookup(_THREAT, code)
    return _lookup(_INTENT, code) or code


# ---------------------------------------------------------------- modality


@dataclass
class Modality:
    kind: str  # act, negated, intent, threat, speculative
    consumed: int | None  # token index of a modal verb ("threatened to") whose own match is dropped


def _stem(low: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "d"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            base = low[: -len(suffix)]
            return base
    return low


def _stem_in(low: str, verbs: frozenset[str]) -> bool:
    return low in verbs or _stem(low) in verbs or _stem(low) + "e" in verbs


def modality(tokens: list[Token], start: int, floor: int) -> Modality:
    """Negation, refusal, threat, intent or speculation in the words before a verb phrase."""
    lo = max(floor, start - 6, 0)
    window = range(start - 1, lo - 1, -1)
    kind, consumed = "act", None
    for k in window:
        low = tokens[k].low
        if low in {",", ";", ":"}:
            break
        nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
        if low in NEGATORS or low.endswith("n't"):
            return Modality("negated", consumed)
        if nxt == "to" and _stem_in(low, REFUSE_VERBS):
            return Modality("negated", k)
        if nxt == "to" and _stem_in(low, THREAT_VERBS):
            return Modality("threat", k)
        if kind == "act" and nxt == "to" and _stem_in(low, COOP_INTENT_VERBS):
            kind, consumed = "offer", k
        elif kind == "act" and nxt == "to" and _stem_in(low, INTENT_VERBS):
            kind, consumed = "intent", k
        elif kind == "act" and low == "would" and hypothetical(tokens, k):
            kind = "speculative"  # "an invasion would ...": no report of an intention
        elif kind == "act" and low in FUTURE:
            kind = "intent"
        elif kind == "act" and low in SPECULATIVE:
            kind = "speculative"
    return Modality(kind, consumed)
