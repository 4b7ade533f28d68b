"""Checking one arriving article against the compiled rules: what would fire, with its evidence.

What the rules need beyond the article (the story's size and outlets, earlier matches in the
story, the story's claims and their last verdicts) comes from a `State`: `LiveState` reads the
store (only the article's story), `ReplayState` keeps it in memory for `alerts test`.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from newsprism.alerts.claims import claim_key, values_key
from newsprism.alerts.match import Arrival, Compiled, RuleSet, find_span
from newsprism.alerts.records import Alert, AlertKind, Evidence
from newsprism.alerts.rules import fold
from newsprism.alerts.store import Pending, alert_id
from newsprism.records import Event, Quote
from newsprism.store.base import now_iso
from newsprism.stories.view_records import Claim

SNIPPET = 300


class State(Protocol):
    def story_size(self, story_id: str) -> tuple[int, int]:
        """(articles, distinct known outlets) of the story now."""
        ...

    def hits(self, story_id: str, rules: list[str]) -> dict[str, str]:
        """Rule -> an article of the story that met its article conditions before."""
        ...

    def claims(self, story_id: str) -> list[Claim]: ...

    def verdicts(self, story_id: str) -> dict[str, str]: ...

    def text_of(self, article_id: str) -> str: ...

    def fired(self, key: str) -> bool: ...


def make_alert(rule: Compiled, kind: AlertKind, key: str, arrival: Arrival, title: str,
               evidence: list[Evidence], details: dict[str, str] | None = None) -> Alert:
    full = f"{rule.name}|{kind}|{key}"  # story_key() spells the story kind's
    return Alert(id=alert_id(full), key=full, rule=rule.name, kind=kind, title=title[:300],
                 story_id=arrival.story_id, article_id=arrival.article.id, fired_at=now_iso(),
                 details=details or {}, evidence=evidence)


def story_key(rule: Compiled, arrival: Arrival) -> str:
    return f"{rule.name}|story|{arrival.scope}"


def _lead_line(text: str, limit: int = 120) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "\u2026"


def _lead(text: str) -> tuple[int, int]:
    end = text.find("\n")
    return 0, min(len(text) if end < 0 else end, SNIPPET)


def span(article_id: str, text: str, start: int, end: int, role: str) -> Evidence:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return Evidence(article_id=article_id, start=start, end=end, text=text[start:end][:SNIPPET], role=role)


class Evaluator:
    """The rules of one store, compiled; `evaluate` says what one article fires."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.stories = rules.of_kind("story")
        self.contradictions = rules.of_kind("contradiction")
        self.waiting = [c.name for c in self.stories if c.rule.kind == "story" and c.thresholds]
        self.waiting += [c.name for c in self.contradictions if c.query]

    def evaluate(self, arrival: Arrival, state: State) -> Pending:
        pending = Pending()
        if not self.rules:
            return pending
        earlier = state.hits(arrival.story_id, self.waiting) if arrival.story_id and self.waiting else {}
        self._stories(arrival, state, pending, earlier)
        self._contradictions(arrival, state, pending, earlier)
        self._quotes(arrival, pending)
        self._events(arrival, pending)
        return pending

    # ------------------------------------------------------------ new stories

    def _stories(self, arrival: Arrival, state: State, pending: Pending, earlier: dict[str, str]) -> None:
        if not self.stories or arrival.story_id is None:
            return
        matched = [c for c in self.rules.woken(arrival, "story") if c.article_matches(arrival)]
        names = {c.name for c in matched}
        waiting = [self.rules.rules[n] for n in earlier if n not in names
                   and self.rules.rules[n].rule.kind == "story"]
        size: tuple[int, int] | None = None
        for c in [*matched, *waiting]:
            if c.thresholds:
                size = size or state.story_size(arrival.story_id)
                if size[0] < c.rule.min_articles or size[1] < c.rule.min_outlets:
                    pending.hits.append((c.name, arrival.article.id))
                    continue
            if c.name not in names and state.fired(story_key(c, arrival)):
                continue  # fired already: no need to read the earlier article again
            source = arrival.article.id if c.name in names else earlier[c.name]
            pending.alerts.append((self._story_alert(c, arrival, state, source, size), c.rule))

    def _story_alert(self, c: Compiled, arrival: Arrival, state: State, source: str,
                     size: tuple[int, int] | None) -> Alert:
        text = arrival.article.text if source == arrival.article.id else state.text_of(source)
        found = find_span(text, c.query) or _lead(text)
        title = arrival.article.title or _lead_line(arrival.article.text)
        details = {"query": c.rule.query}
        if size:
            details.update(articles=str(size[0]), outlets=str(size[1]))
        return make_alert(c, "story", arrival.scope, arrival, f"New story: {title}",
                          [span(source, text, found[0], found[1], "match")], details)

    # ------------------------------------------------------------ contradictions

    def _contradictions(self, arrival: Arrival, state: State, pending: Pending,
                        earlier: dict[str, str]) -> None:
        if not self.contradictions or arrival.story_id is None:
            return
        woken = {c.name for c in self.rules.woken(arrival, "contradiction") if c.article_matches(arrival)}
        active = []
        for c in self.contradictions:
            if c.name in woken and c.query:
                pending.hits.append((c.name, arrival.article.id))
            if not c.query or c.name in woken or c.name in earlier:
                active.append(c)
        an = arrival.analysis
        if not active or not (an.figures or an.dates):
            return  # claims change only when the new article brings figures or dates
        claims = [c for c in state.claims(arrival.story_id) if c.verdict != "single"]
        before = state.verdicts(arrival.story_id) if claims else {}
        seen: set[str] = set()
        for claim in claims:  # contradictions first: a claim key taken twice keeps the first
            key = claim_key(claim)
            if key in seen:
                continue
            seen.add(key)
            previous = before.get(key)
            if previous != claim.verdict:
                pending.verdicts.append((arrival.story_id, key, claim.verdict))
            for c in active:
                alert = self._claim_alert(c, arrival, claim, key, previous)
                if alert is not None:
                    pending.alerts.append((alert, c.rule))

    def _claim_alert(self, c: Compiled, arrival: Arrival, claim: Claim, key: str,
                     previous: str | None) -> Alert | None:
        values = " vs ".join(v.text for v in claim.values[:4])
        details = {"subject": claim.subject, "verdict": claim.verdict, "previous": previous or "",
                   "explanation": claim.explanation}
        evidence = [Evidence(article_id=s.article_id, start=s.start, end=s.end, text=v.text[:SNIPPET],
                             role="value") for v in claim.values for s in v.spans[:3]]
        ident = f"{arrival.scope}|{key}|{values_key(claim)}"
        if claim.verdict == "contradict":
            return make_alert(c, "contradiction", ident, arrival,
                              f"Sources disagree on {claim.subject}: {values}", evidence, details)
        if c.rule.changes and previous and previous != claim.verdict and (
                "contradict" in (previous, claim.verdict) or "update" in (previous, claim.verdict)):
            return make_alert(c, "verdict", f"{ident}|{previous}>{claim.verdict}", arrival,
                              f"Verdict on {claim.subject} changed: {previous} -> {claim.verdict}",
                              evidence, details)
        return None

    # ------------------------------------------------------------ quotes and events

    def _quotes(self, arrival: Arrival, pending: Pending) -> None:
        text = arrival.article.text
        for q in arrival.analysis.quotes:
            for c in self.rules.quote_rules(q):
                if c.speaker_matches(q) and c.topic_matches(q):
                    pending.alerts.append((self._quote_alert(c, arrival, q, text), c.rule))

    def _quote_alert(self, c: Compiled, arrival: Arrival, q: Quote, text: str) -> Alert:
        aid = arrival.article.id
        evidence = [span(aid, text, q.start, q.end, "quote")]
        if q.speaker_start is not None and q.speaker_end is not None:
            evidence.append(span(aid, text, q.speaker_start, q.speaker_end, "speaker"))
        words = hashlib.sha1(fold(q.text).encode()).hexdigest()[:16]
        short = q.text if len(q.text) <= 160 else q.text[:160].rsplit(" ", 1)[0] + "\u2026"
        return make_alert(c, "quote", f"{arrival.scope}|{words}", arrival,
                          f"{q.speaker} ({q.kind}): {short}", evidence,
                          {"speaker": q.speaker or "", "kind": q.kind, "cue": q.cue or ""})

    def _events(self, arrival: Arrival, pending: Pending) -> None:
        an = arrival.analysis
        for ev in an.events:
            for c in self.rules.event_rules(ev):
                if c.event_matches(ev, an):
                    pending.alerts.append((self._event_alert(c, arrival, ev), c.rule))

    def _event_alert(self, c: Compiled, arrival: Arrival, ev: Event) -> Alert:
        src = _actor_name(ev.source)
        tgt = _actor_name(ev.target)
        # one event per story, CAMEO root, source and target: outlets code one report with
        # different leaf codes (170 / 173) and dates, and it must not fire once per outlet
        ident = f"{arrival.scope}|{ev.cameo[:2]}|{fold(src)}|{fold(tgt)}"
        where = f" in {ev.place}" if ev.place else ""
        title = f"{ev.plover} ({ev.cameo}): {src or '?'} -> {tgt or '?'}{where}"
        details = {"cameo": ev.cameo, "plover": ev.plover, "source": src, "target": tgt,
                   "place": ev.place or "", "date": ev.date or ""}
        return make_alert(c, "event", ident, arrival, title,
                          [span(arrival.article.id, arrival.article.text, ev.start, ev.end, "event")],
                          details)


def _actor_name(actor: object) -> str:
    if actor is None:
        return ""
    code = getattr(actor, "code", None)
    return str(code or getattr(actor, "text", ""))
