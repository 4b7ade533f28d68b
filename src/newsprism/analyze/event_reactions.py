"""Targets of reactions: "Kyiv denounced the war games" answers an earlier act, not a named actor.

Verbal conflict (CAMEO 10-14) with no target in its sentence takes the actor of the latest act of
the kind its object names (drills, strikes, sanctions...), within a few sentences; with no such
noun, the latest material act. The inferred target carries no offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsprism.analyze.event_patterns import Match, Token
from newsprism.records import Actor

WINDOW = 4  # sentences a reaction may look back
ACT_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("drill", "drills", "exercise", "exercises", "games", "manoeuvres", "maneuvers",
                     "manoeuvre", "maneuver", "wargames"), frozenset({"06", "15"})),
    **dict.fromkeys(("deployment", "deployments", "buildup", "build-up", "mobilisation",
                     "mobilization", "warships", "troops", "presence"), frozenset({"15"})),
    **dict.fromkeys(("attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "shelling",
                     "bombing", "bombings", "offensive", "invasion", "raid", "raids", "incursion",
                     "killing", "killings", "assault"), frozenset({"18", "19", "20"})),
    **dict.fromkeys(("sanctions", "embargo", "boycott", "expulsion", "expulsions"), frozenset({"16"})),
    **dict.fromkeys(("arrest", "arrests", "detention", "detentions", "crackdown", "ban", "seizure"),
                    frozenset({"17"})),
    **dict.fromkeys(("aid", "assistance", "shipment", "shipments", "deliveries", "weapons"),
                    frozenset({"07"})),
    **dict.fromkeys(("withdrawal", "pullback", "pullout", "ceasefire", "truce", "release"),
                    frozenset({"08"})),
}
MATERIAL = frozenset({"06", "07", "08", "15", "16", "17", "18", "19", "20"})


@dataclass
class Acts:
    """Material acts coded so far in one article: (sentence index, CAMEO root, actor)."""

    seen: list[tuple[int, str, Actor]] = field(default_factory=list)

    def add(self, sentence: int, cameo: str, actor: Actor | None) -> None:
        if actor is not None and actor.code and cameo[:2] in MATERIAL:
            self.seen.append((sentence, cameo[:2], actor))

    def target_for(self, sentence: int, roots: frozenset[str], source: Actor) -> Actor | None:
        """The actor of the latest act of one of `roots` (any material act when empty)."""
        for n, root, actor in reversed(self.seen):
            if sentence - n > WINDOW:
                return None
            if actor.code != source.code and (not roots or root in roots):
                return Actor(text=actor.text, code=actor.code, sector=actor.sector)
        return None


def object_roots(tokens: list[Token], m: Match) -> frozenset[str]:
    """The kinds of act the words after a verb name ("denounced the war games" -> 06, 15)."""
    roots: set[str] = set()
    for tok in tokens[m.head + 1:m.head + 8]:
        if tok.low in {".", ";", "\u2014"}:
            break
        roots |= ACT_NOUNS.get(tok.low, frozenset())
    return frozenset(roots)
