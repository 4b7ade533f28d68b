"""Rules compiled once into lookup tables, and the article-level tests each kind makes.

An arriving article is checked only against the rules that can fire on it: query rules are filed
under one word of their query (an article wakes only the rules whose word it contains), quote
rules under their folded names, event rules under their event types. So the cost per article is
its own text, quotes and events plus the few rules they wake, whatever the number of rules.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from newsprism.alerts.rules import Alternative, Rule, Words, parse_query
from newsprism.analyze.gazetteer import fold as name_key
from newsprism.ingest.checks import url_host
from newsprism.lexicon import country_code
from newsprism.records import Actor, Analysis, Article, Event, Quote


class Arrival:
    """One stored article as the rules see it: its analysis, its story, its folded words."""

    def __init__(self, article: Article, analysis: Analysis, story_id: str | None) -> None:
        self.article = article
        self.analysis = analysis
        self.story_id = story_id
        self._words: Words | None = None

    @property
    def words(self) -> Words:
        if self._words is None:
            self._words = Words(f"{self.article.title or ''}\n{self.article.text}")
        return self._words

    @property
    def scope(self) -> str:
        """What unique keys are scoped by: the story, else the article."""
        return self.story_id or f"article:{self.article.id}"


def _names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in (name_key(v) for v in values) if k)


def _codes(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.strip().upper() for v in values if v.strip())


class Compiled:
    """One rule with its query parsed and its name lists folded."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.name = rule.name
        self.query = parse_query(rule.query)
        self.outlets = frozenset(v.strip().lower().removeprefix("www.") for v in rule.outlets)
        self.people = _names(rule.people)
        self.place_names = _names(rule.places)
        self.place_codes = _codes(rule.places)
        self.types = tuple(t.strip().upper() for t in rule.event_types)
        self.speakers = _names([rule.person, *rule.aliases]) if rule.kind == "quote" else frozenset()
        self.actor_codes = _codes(rule.actors)
        self.actor_names = _names(rule.actors)
        self.thresholds = rule.min_articles > 1 or rule.min_outlets > 1

    # ------------------------------------------------------------ article conditions

    def article_matches(self, arrival: Arrival) -> bool:
        """Query and every filter of a story or contradiction rule, on this one article."""
        a, an = arrival.article, arrival.analysis
        return (arrival.words.matches(self.query)
                and (not self.outlets or _outlet_matches(a, self.outlets))
                and (not self.people or any(_entity_key(e.canonical or e.text, e.key) & self.people
                                            for e in an.entities if e.type in ("PERSON", "ORG")))
                and (not (self.place_names or self.place_codes) or self._place_in(an))
                and (not self.types or any(self.type_matches(ev) for ev in an.events)))

    def _place_in(self, an: Analysis) -> bool:
        return any(name_key(p.name) in self.place_names or (p.country or "") in self.place_codes
                   for p in an.places) or any(name_key(e.canonical) in self.place_names
                                               for e in an.entities if e.type == "PLACE")

    def type_matches(self, ev: Event) -> bool:
        """A CAMEO code or root (prefix of the event's code) or a PLOVER type (exact)."""
        return any(ev.cameo.startswith(t) if t.isdigit() else ev.plover.upper() == t for t in self.types)

    def speaker_matches(self, quote: Quote) -> bool:
        """The speaker is a watched name, or ends with one of two words or more (a title the
        quote step left before the name: "Engineer Ana Ruiz" is "Ana Ruiz")."""
        if not quote.speaker or not name_matches(name_key(quote.speaker), self.speakers):
            return False
        if not self.rule.named_only:
            return True
        written = set(name_key(quote.speaker_text or "").split())  # "Ruiz" or "Ana Ruiz", not "she"
        return any(written & set(n.split()) for n in self.speakers)

    def topic_matches(self, quote: Quote) -> bool:
        return not self.query or Words(quote.text).matches(self.query)

    def event_matches(self, ev: Event, an: Analysis) -> bool:
        """Of a watched type, with a watched actor as source or target or in a watched place."""
        if not self.type_matches(ev):
            return False
        if any(self._actor(a) for a in (ev.source, ev.target) if a is not None):
            return True
        if not ev.place:
            return False
        if name_key(ev.place) in self.place_names or country_code(ev.place) in self.place_codes:
            return True
        return any(p.country in self.place_codes for p in an.places
                   if p.country and (p.name == ev.place or p.text == ev.place))

    def _actor(self, actor: Actor) -> bool:
        return (actor.code or "").upper() in self.actor_codes or name_key(actor.text) in self.actor_names


def name_matches(key: str, names: frozenset[str]) -> bool:
    if key in names:
        return True
    words = key.split()
    return any(" ".join(words[i:]) in names for i in range(1, len(words) - 1))


def _last_word(key: str) -> str:
    return key.rsplit(" ", 1)[-1]


def _entity_key(name: str, key: str | None) -> set[str]:
    return {name_key(name), key} if key else {name_key(name)}


def _outlet_matches(article: Article, outlets: frozenset[str]) -> bool:
    if article.outlet and article.outlet.strip().lower() in outlets:
        return True
    host = (url_host(article.url) or "").removeprefix("www.")
    return bool(host) and any(host == o or host.endswith("." + o) for o in outlets if "." in o)


class RuleSet:
    """Every rule compiled, with the indexes that pick the rules an article can wake."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = {r.name: Compiled(r) for r in rules}
        self.by_word: dict[str, list[Compiled]] = defaultdict(list)
        self.open: dict[str, list[Compiled]] = defaultdict(list)  # kind -> rules with no query
        self.by_speaker: dict[str, list[Compiled]] = defaultdict(list)
        self.by_type: dict[str, list[Compiled]] = defaultdict(list)
        for c in self.rules.values():
            self._file(c)

    def _file(self, c: Compiled) -> None:
        kind = c.rule.kind
        if kind in ("story", "contradiction"):
            if c.query:
                for anchor in {b.anchor() for b in c.query}:
                    self.by_word[anchor].append(c)
            else:
                self.open[kind].append(c)
        elif kind == "quote":
            for name in {_last_word(n) for n in c.speakers}:
                self.by_speaker[name].append(c)
        else:
            for t in c.types:
                self.by_type[t].append(c)

    def __bool__(self) -> bool:
        return bool(self.rules)

    def of_kind(self, kind: str) -> list[Compiled]:
        return [c for c in self.rules.values() if c.rule.kind == kind]

    def woken(self, arrival: Arrival, kind: str) -> list[Compiled]:
        """Story or contradiction rules whose query can match the article (then checked fully)."""
        found = dict.fromkeys(self.open.get(kind, ()))
        if self.by_word:
            for word in self.by_word.keys() & arrival.words.words:
                found.update(dict.fromkeys(c for c in self.by_word[word] if c.rule.kind == kind))
        return list(found)

    def quote_rules(self, quote: Quote) -> list[Compiled]:
        return self.by_speaker.get(_last_word(name_key(quote.speaker)), []) if quote.speaker else []

    def event_rules(self, ev: Event) -> list[Compiled]:
        keys = [ev.plover.upper(), *{ev.cameo[:n] for n in range(2, len(ev.cameo) + 1)}]
        found: dict[Compiled, None] = {}
        for k in keys:
            found.update(dict.fromkeys(self.by_type.get(k, ())))
        return list(found)


def find_span(text: str, branches: tuple[Alternative, ...]) -> tuple[int, int] | None:
    """Offsets of the first needed word or phrase of a query in the original text, if found."""
    for branch in branches:
        for phrase in branch.need:
            pattern = r"\W+".join(re.escape(w) for w in phrase.split())
            m = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)
            if m:
                return m.start(), m.end()
    return None
