"""The claims table: figures and dated facts grouped into claims, each with a verdict.

Facts (see `view_facts`) are bucketed by key; a figure with no place joins the bucket of the same
thing whose values are nearest (within a factor of 3), so "100,000 soldiers" meets "100,000 troops
around Ukraine". Values are compared with their qualifiers: the same number agrees whatever the
hedge ("up to", "some", "an estimated"); different point estimates, or a bound and an estimate that
differ by more than the tolerance, contradict; parts that add up to another source's whole are
complementary. Copies of one article count as one source.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism.stories.view_facts import Fact
from newsprism.stories.view_records import Claim, ClaimValue, Span
from newsprism.stories.view_text import Roots, jaccard, trim, unique

TOLERANCE = 0.05  # relative difference under which a hedged number ("about 30,000") is the same
MAX_RATIO = 3.0  # a placeless figure joins a claim only when within this factor of its values
STATEMENT_OVERLAP = 0.15  # content words two statements must share to be the same statement
LOWER = {"more than", "at least", "over", "above"}
APPROX = {"about", "some", "estimated", "nearly", "around", "roughly", "approximately", "almost",
          "an estimated", "close to"}
UPPER = {"up to", "at most", "less than", "fewer than", "under", "below", "nearly"}


@dataclass
class Group:
    """Facts about one quantity or one dated event."""

    key: tuple[str, ...]
    facts: list[Fact] = field(default_factory=list)

    def median(self) -> float:
        values = sorted(f.number for f in self.facts)
        return values[len(values) // 2]


def group_facts(facts: Sequence[Fact]) -> list[Group]:
    """Facts grouped into claims (before any verdict)."""
    figures = [f for f in facts if f.kind == "figure"]
    dates = [f for f in facts if f.kind == "date"]
    return _group_figures(figures) + _group_dates(dates)


def _group_figures(facts: list[Fact]) -> list[Group]:
    by_thing: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for f in facts:
        by_thing[f.key[:4]].append(f)
    groups: list[Group] = []
    for thing, members in by_thing.items():
        local: dict[str, Group] = {}
        for f in members:
            if f.place:
                local.setdefault(f.place, Group(key=(*thing, f.place))).facts.append(f)
        placeless: list[Group] = []
        for f in (f for f in members if not f.place):
            target = _nearest(f, [*local.values(), *placeless])
            if target is None:
                target = Group(key=(*thing, ""))
                placeless.append(target)
            target.facts.append(f)
        groups += [*local.values(), *placeless]
    return [sub for g in groups for sub in _split_by_identity(g)]


def _split_by_identity(group: Group) -> list[Group]:
    """A figure with another value stays in a claim only with evidence it counts the same thing
    (a shared name or shared words with a member): two unrelated rallies of 2,000 and 5,000
    people are not a contradiction."""
    subs: list[Group] = []
    for f in group.facts:
        target = next((g for g in subs
                       if any(same_value(f, o) or _same_happening(f, o, names=True)
                              for o in g.facts)), None)
        if target is None:
            target = Group(key=group.key)
            subs.append(target)
        target.facts.append(f)
    return subs


def _nearest(fact: Fact, groups: list[Group]) -> Group | None:
    best: tuple[float, Group] | None = None
    for g in groups:
        m = g.median()
        if m <= 0 or fact.number <= 0:
            continue
        ratio = abs(math.log(fact.number / m))
        if ratio <= math.log(MAX_RATIO) and (best is None or ratio < best[0]):
            best = (ratio, g)
    return best[1] if best else None


def _group_dates(facts: list[Fact]) -> list[Group]:
    by_key: dict[tuple[str, ...], list[Group]] = defaultdict(list)
    for f in facts:
        candidates = by_key[f.key]
        target = next((g for g in candidates if _fits(f, g)), None)
        if target is None:
            target = Group(key=f.key)
            candidates.append(target)
        target.facts.append(f)
    return [g for gs in by_key.values() for g in gs]


def _fits(fact: Fact, group: Group) -> bool:
    """Same statement (shared content), or same kind of event and phase with the same date, or a
    different date only with evidence it is the same happening (a shared person or shared words):
    two deliveries on different days are two deliveries, not a contradiction."""
    if fact.key[1] == "statement":
        return any(jaccard(fact.words, o.words) >= STATEMENT_OVERLAP for o in group.facts)
    return all(same_value(fact, o) or _same_happening(fact, o) for o in group.facts)


def _same_happening(a: Fact, b: Fact, names: bool = False) -> bool:
    """Evidence two facts are about one thing: a shared person (or, for figures, any shared name:
    the country whose troops are counted), or enough shared words. Dates need more than a shared
    place: every meeting of a crisis happens "in Moscow"."""
    return bool(a.persons & b.persons or (names and a.names & b.names)) or (
        jaccard(a.words, b.words) >= STATEMENT_OVERLAP)


# ---------------------------------------------------------------- values and verdicts


@dataclass
class Value:
    """The facts that give one value of a claim."""

    facts: list[Fact]

    @property
    def first(self) -> Fact:
        return self.facts[0]

    def articles(self) -> list[str]:
        return unique(f.article_id for f in self.facts)


def same_value(a: Fact, b: Fact) -> bool:
    """Whether two facts give the same value (numbers within tolerance; dates by day or weekday)."""
    if a.kind == "figure":
        if a.number == b.number:
            return True
        if not (_hedged(a) or _hedged(b)):
            return False  # 63 and 64 votes differ; only a hedged number has slack
        top = max(abs(a.number), abs(b.number))
        return abs(a.number - b.number) / top <= TOLERANCE
    if a.weekday and b.weekday:
        return a.weekday.lower() == b.weekday.lower()
    if a.date and b.date:
        return a.date.startswith(b.date) or b.date.startswith(a.date)
    return True


def split_values(group: Group) -> list[Value]:
    values: list[Value] = []
    for f in group.facts:
        target = next((v for v in values if same_value(v.first, f)), None)
        if target is None:
            values.append(Value(facts=[f]))
        else:
            target.facts.append(f)
    return values


def _hedged(f: Fact) -> bool:
    return (f.qualifier or "").lower() in APPROX


def interval(f: Fact) -> tuple[float, float]:
    """The range of numbers a figure with its qualifier allows."""
    q = (f.qualifier or "").lower()
    if q in LOWER:
        return f.number, math.inf
    if q in UPPER:
        return 0.0, f.number
    return f.number, f.number


def is_bound(f: Fact) -> bool:
    return (f.qualifier or "").lower() in LOWER | UPPER


def _exclusive(a: Value, b: Value) -> bool:
    """Some article gives a and not b, and another gives b and not a (a rewrite that changes a
    number disagrees with its original, so this is per article, not per independent source)."""
    ra, rb = set(a.articles()), set(b.articles())
    return bool(ra - rb) and bool(rb - ra)


def _clash(a: Value, b: Value) -> bool:
    fa, fb = a.first, b.first
    if fa.kind == "date":
        return True
    if is_bound(fa) and is_bound(fb):
        la, ha = interval(fa)
        lb, hb = interval(fb)
        return ha < lb or hb < la  # two bounds clash only when their ranges do not meet
    return True  # point estimates, or a bound and an estimate, that differ beyond tolerance


def _complementary(values: list[Value], roots: Roots) -> tuple[Value, list[Fact]] | None:
    """A value that other facts of one article add up to (3 vessels and 3 more = 6)."""
    by_article: dict[str, list[Fact]] = defaultdict(list)
    for v in values:
        for f in v.facts:
            by_article[f.article_id].append(f)
    for aid, parts in by_article.items():
        if len(parts) < 2:
            continue
        total = sum(p.number for p in parts)
        for v in values:
            other = [f for f in v.facts if roots.find(f.article_id) != roots.find(aid)]
            if other and abs(other[0].number - total) <= TOLERANCE * max(total, 1):
                return v, parts
    return None


def verdict(values: list[Value], roots: Roots) -> tuple[str, str]:
    """The verdict on a claim's values and a one-line reason."""
    if len(values) == 1 and roots.count(values[0].articles()) < 2:
        return "single", "only one independent source (the others copy it)"
    if len(values) == 1:
        return "agree", _agree_reason(values[0], roots)
    if values[0].first.kind == "figure":
        comp = _complementary(values, roots)
        if comp is not None:
            whole, parts = comp
            adds = " + ".join(show(p) for p in parts)
            return "complementary", (f"{adds} in one source add up to {show(whole.first)} in "
                                     f"{_n(roots.count(whole.articles()))}")
    clashes = [(a, b) for i, a in enumerate(values) for b in values[i + 1:]
               if _exclusive(a, b) and _clash(a, b)]
    if not clashes:
        return "agree", "the values are compatible: " + "; ".join(
            f"{show(v.first)} ({_n(roots.count(v.articles()))})" for v in values)
    a, b = clashes[0]
    return "contradict", _contradict_reason(a, b, roots)


def _n(k: int) -> str:
    return f"{k} source" if k == 1 else f"{k} sources"


def _agree_reason(v: Value, roots: Roots) -> str:
    hedges = unique((f.qualifier or "exact") for f in v.facts)
    k = roots.count(v.articles())
    who = "both sources" if k == 2 else f"all {_n(k)}"
    if v.first.kind == "date":
        return f"{who} give {value_text(v.first)}"
    extra = f", hedged as {', '.join(hedges)}" if len(hedges) > 1 else ""
    return f"{who} give {number_text(v.first.number, v.first.unit)}{extra}"


def _contradict_reason(a: Value, b: Value, roots: Roots) -> str:
    fa, fb = a.first, b.first
    head = (f"{show(fa)} ({_n(roots.count(a.articles()))}) vs {show(fb)} "
            f"({_n(roots.count(b.articles()))})")
    if fa.kind == "date":
        return f"sources date it differently: {head}"
    if is_bound(fa) != is_bound(fb):
        gap = abs(fa.number - fb.number) / max(fa.number, fb.number)
        la, ha = interval(fa if is_bound(fa) else fb)
        point = fb.number if is_bound(fa) else fa.number
        logic = "within" if la <= point <= ha else "outside"
        return (f"different estimates of one quantity: {head}; the estimate lies {logic} the bound "
                f"but they differ by {gap:.0%}")
    return f"different estimates of one quantity: {head}"


def number_text(value: float, unit: str | None) -> str:
    n = f"{value:,.0f}" if value == int(value) else f"{value:,g}"
    if unit in (None, "count"):
        return n
    if unit in ("day", "week", "month", "year", "hour", "minute") and value != 1:
        return f"{n} {unit}s"
    return f"{n}%" if unit == "percent" else f"{n} {unit}"


def value_text(f: Fact) -> str:
    if f.kind == "figure":
        return number_text(f.number, f.unit)
    if f.weekday and not f.date:
        return f.weekday
    return f"{f.date} ({f.weekday})" if f.weekday and f.date else str(f.date)


def show(f: Fact) -> str:
    """A value as a reader says it: qualifier, number and unit, or the date as written."""
    if f.kind == "date":
        return f"{f.text.strip()!r} = {value_text(f)}" if f.date else repr(f.text.strip())
    return " ".join(x for x in (f.qualifier, value_text(f)) if x)


# ---------------------------------------------------------------- records


def build_claims(facts: Sequence[Fact], roots: Roots, text_of: dict[str, str]) -> list[Claim]:
    """Claims reported by at least two articles, contradictions first, then by sources."""
    claims: list[Claim] = []
    for group in group_facts(facts):
        articles = unique(f.article_id for f in group.facts)
        if len(articles) < 2:
            continue
        values = split_values(group)
        kind, reason = verdict(values, roots)
        claims.append(Claim(
            id="", kind="figure" if group.facts[0].kind == "figure" else "date",
            subject=group.facts[0].subject, key=[k for k in group.key if k],
            unit=group.facts[0].unit, values=[_value_record(v, roots, text_of) for v in values],
            verdict=kind,  # type: ignore[arg-type]
            explanation=reason, sources=roots.count(articles), articles=articles,
        ))
    rank = {"contradict": 0, "complementary": 1, "agree": 2, "single": 3}
    claims.sort(key=lambda c: (rank[c.verdict], -c.sources, c.subject))
    for i, c in enumerate(claims, 1):
        c.id = f"c{i}"
    return claims


def _value_record(v: Value, roots: Roots, text_of: dict[str, str]) -> ClaimValue:
    f = v.first
    low, high = interval(f) if f.kind == "figure" else (None, None)
    sentence = text_of.get(f.article_id, "")[f.sentence[0]:f.sentence[1]]
    return ClaimValue(
        value=(f"{f.number:g}" if f.kind == "figure" else (f.date or f.weekday or "")),
        text=f.text, qualifier=f.qualifier, low=low, high=None if high == math.inf else high,
        unit=f.unit, claimants=unique(x.claimant for x in v.facts if x.claimant),
        articles=v.articles(), sources=roots.count(v.articles()), sentence=trim(sentence, 300),
        spans=[Span(article_id=x.article_id, start=x.start, end=x.end) for x in v.facts],
    )
