"""The claims table: figures and dated facts grouped into claims, each with a verdict.

A claim compares only what can be compared. Facts (see `view_facts`, framed by `view_frames`)
meet in one claim when they count the same thing (class, unit, outcome) and the sentences around
them show they speak of one happening (shared words and names; no two different years; no two
different places). Then each pair of values from different sources is read:
- the same value (a hedged number within 5%) agrees;
- values that differ are compared only when their frames align: neither is "other" members, a
  subset or one part of a list, neither is background, both qualify the counted noun alike.
  Aligned values that differ are an update when the words or the dates say the quantity changed
  ("rose to 17" after 12; a toll reported higher a day later; "down from the 40 reported"), and a
  contradiction otherwise;
- values that are not aligned get no verdict: they are left out of the claim.
Parts that add up to another source's whole are complementary. Copies count as one source.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from newsprism.stories.claim_text import (
    agree_reason,
    contradict_reason,
    number_text,
    show,
    update_reason,
    value_text,
    who,
)
from newsprism.stories.claims_align import (
    MAGNITUDE_GAP,
    comparable,
    date_linked,
    evidence,
    linked,
    name_linked,
    place_aligned,
)
from newsprism.stories.claims_change import is_update, order
from newsprism.stories.claims_people import names_may_match
from newsprism.stories.claims_values import (
    TOLERANCE,
    Value,
    clash,
    interval,
    name_tokens,
    split_values,
    unique_values,
)
from newsprism.stories.view_facts import Fact
from newsprism.stories.view_records import Claim, ClaimValue, Span
from newsprism.stories.view_text import Roots, trim, unique

__all__ = ["build_claims", "group_facts", "number_text", "show", "value_text"]

UNSCALED = {"magnitude"}  # agencies measure on different scales: a difference is no verdict, a revision is an update
LEAD_SENTENCES = 3  # a report's first sentences: what it is about
NAME_MENTIONS = 12  # mentions of one name read against another's (the first ones: leads, titles)


@dataclass
class Group:
    """Facts about one quantity or one dated event."""

    key: tuple[str, ...]
    facts: list[Fact] = field(default_factory=list)


# ---------------------------------------------------------------- grouping


def group_facts(facts: Sequence[Fact]) -> list[Group]:
    """Facts grouped into claims (before any verdict)."""
    figures = [f for f in facts if f.kind == "figure"]
    places = [f for f in facts if f.kind == "place"]
    names = [f for f in facts if f.kind == "name"]
    dates = [f for f in facts if f.kind == "date" and not f.background]  # history is not compared
    return (_group(figures, lambda f: f.key[1:4], linked) + _group(dates, lambda f: f.key, date_linked)
            + _group(places, lambda f: f.key, place_aligned) + _group_names(names))


def _group_names(facts: list[Fact]) -> list[Group]:
    """Names of one office or given name, only where two different names may be one person's
    (two outlets writing one name alike make no claim): facts are bucketed by the name they give
    first, so the pairs read are pairs of names, not of mentions."""
    buckets: dict[tuple[str, ...], dict[tuple[str, str], list[Fact]]] = defaultdict(dict)
    for f in facts:
        toks = name_tokens(f.text)
        if toks:
            buckets[f.key].setdefault((toks[0][:1], toks[-1]), []).append(f)
    out: list[Group] = []
    for key, by_name in buckets.items():
        names = list(by_name.values())
        joined: list[set[int]] = []
        for i, j in combinations(range(len(names)), 2):
            first_i, first_j = names[i][0], names[j][0]
            if (key[1] == "office" or names_may_match(first_i, first_j)) and any(
                    name_linked(a, b) for a in names[i][:NAME_MENTIONS]
                    for b in names[j][:NAME_MENTIONS] if a.article_id != b.article_id):
                hit = [s for s in joined if i in s or j in s]
                merged = set().union({i, j}, *hit)
                joined = [s for s in joined if s not in hit] + [merged]
        out += [Group(key=key, facts=[f for i in sorted(s) for f in names[i]]) for s in joined]
    return out


def _group(facts: list[Fact], bucket_of, link) -> list[Group]:  # type: ignore[no-untyped-def]
    buckets: dict[tuple[str, ...], list[Group]] = defaultdict(list)
    for f in facts:
        groups = buckets[bucket_of(f)]
        hits = [g for g in groups if any(link(f, o) for o in g.facts)]
        if not hits:
            hits = [Group(key=f.key)]
            groups.append(hits[0])
        target = hits[0]
        for other in hits[1:]:  # a fact linked to two groups joins them: 12 -> 17 <- at least 40
            target.facts += other.facts
            groups.remove(other)
        target.facts.append(f)
    return [g for gs in buckets.values() for g in gs]


# ---------------------------------------------------------------- verdicts


@dataclass
class Reading:
    """What the pairs of a claim's values say."""

    contradictions: list[tuple[Value, Value, Fact, Fact]] = field(default_factory=list)
    updates: list[tuple[Value, Value]] = field(default_factory=list)
    related: set[tuple[int, int]] = field(default_factory=set)  # value index pairs read together


def read_pairs(values: list[Value], roots: Roots) -> Reading:
    out = Reading()
    for i, a in enumerate(values):
        for j in range(i + 1, len(values)):
            b = values[j]
            explicit = _explicit_update(a, b)
            if explicit is not None:
                out.updates.append(explicit)
                out.related.add((i, j))
                continue
            if not (a.current() - b.current() and b.current() - a.current()):
                continue  # one article gives both (parts, two counts): no verdict between them
            pair = _aligned_pair(a, b, roots)
            if pair is None:
                continue
            fa, fb = pair
            if not clash(fa, fb):
                out.related.add((i, j))
            elif fa.kind == "figure" and is_update(fa, fb):
                out.related.add((i, j))
                early = a if order(fa, fb) == (fa, fb) else b
                out.updates.append((early, b if early is a else a))
            elif fa.key[1] not in UNSCALED:
                out.related.add((i, j))
                out.contradictions.append((a, b, fa, fb))
    return out


def _explicit_update(a: Value, b: Value) -> tuple[Value, Value] | None:
    """One article gives one value as earlier ("down from the 40 reported") and the other as now."""
    for x, y in ((a, b), (b, a)):
        past = {(f.article_id, f.sentence) for f in x.facts if f.cue == "past"}
        if past and x.current() and any((f.article_id, f.sentence) in past and f.cue != "past"
                                        for f in y.facts):
            return x, y  # the earlier value was also reported as current elsewhere
    return None


def _aligned_pair(a: Value, b: Value, roots: Roots) -> tuple[Fact, Fact] | None:
    """The best aligned pair of facts from two values, from different articles."""
    best: tuple[float, Fact, Fact] | None = None
    for fa in a.facts:
        for fb in b.facts:
            if fa.cue == "past" or fb.cue == "past" or fa.article_id == fb.article_id:
                continue  # a rewrite that changes a number disagrees with its original
            if comparable(fa, fb):  # a source's own figure rather than a rival it cites
                score = evidence(fa, fb) - 0.5 * ((fa.cue == "rival") + (fb.cue == "rival"))
                if best is None or score > best[0]:
                    best = (score, fa, fb)
    return (best[1], best[2]) if best else None


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
        if any(p.number >= (1 - TOLERANCE) * total for p in parts):
            continue  # one "part" is already the whole
        for v in values:
            other = [f for f in v.facts if roots.find(f.article_id) != roots.find(aid)]
            if other and abs(other[0].number - total) <= TOLERANCE * max(total, 1):
                return v, parts
    return None


def _components(values: list[Value], related: set[tuple[int, int]]) -> list[list[Value]]:
    """Values read together (aligned or an update), apart from values nothing aligns with."""
    parent = list(range(len(values)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in related:
        parent[find(i)] = find(j)
    comps: dict[int, list[Value]] = defaultdict(list)
    for i, v in enumerate(values):
        comps[find(i)].append(v)
    return list(comps.values())


Meta = Mapping[str, tuple[str, str | None]]  # article id -> (outlet, published)


def verdicts(group: Group, roots: Roots, meta: Meta) -> list[tuple[str, str, list[Value]]]:
    """(verdict, reason, values) for the claims one group of facts makes."""
    values = split_values(group.facts)
    if group.facts[0].kind == "figure" and len(values) > 1:
        comp = _complementary(values, roots)
        if comp is not None and any(p.marker in ("other", "part") for p in comp[1]):
            whole, parts = comp
            adds = " + ".join(show(p) for p in parts)
            return [("complementary", f"{adds} in one source add up to {show(whole.first)} in "
                     f"{_n(roots.count(whole.articles()))}", values)]
    reading = read_pairs(values, roots)
    out = _contradictions(reading, roots, meta)
    if reading.updates:
        series = _series(reading.updates)
        out.append(("update", update_reason(series, roots, meta), series))
    if out:
        return out
    comps = _components(values, reading.related)
    for comp_values in comps:
        if len(comp_values) == 1:
            verdict = "agree" if roots.count(comp_values[0].articles()) >= 2 else "single"
            out.append((verdict, agree_reason(comp_values[0], roots), comp_values))
        else:
            out.append(("agree", "the values are compatible: " + "; ".join(
                f"{show(v.first)} ({_n(roots.count(v.articles()))})" for v in comp_values), comp_values))
    if group.facts[0].key[1] in UNSCALED and len(comps) > 1:  # say what else was given, unjudged
        out = [(v, f"{r} (also given: {others}; no verdict: another scale or agency)"
                if (others := _others(vals, values, roots, meta)) else r, vals) for v, r, vals in out]
    return out


def _others(mine: list[Value], values: list[Value], roots: Roots, meta: Meta) -> str:
    """Other values given for the story's quake (in a report's first sentences, within
    MAGNITUDE_GAP: a quake recalled further down is another quake), unjudged."""
    near = [v for v in values if all(v is not m for m in mine) and not v.first.background
            and abs(v.first.number - mine[0].first.number) < MAGNITUDE_GAP
            and any(f.sentence_index < LEAD_SENTENCES for f in v.facts)]
    return ", ".join(f"{show(v.first)} by {who(v.articles(), roots, meta)}" for v in near)


def _contradictions(reading: Reading, roots: Roots, meta: Meta) -> list[tuple[str, str, list[Value]]]:
    """Contradiction claims an analyst can check: the best aligned pair of values first, then any
    other value that contradicts every value already in the claim ("about 2,500", "1,800" and
    "some 3,000" of one count); a value compared with only some of them starts no claim."""
    clashing = {frozenset((id(a), id(b))) for a, b, _, _ in reading.contradictions}
    claims: list[tuple[list[Value], list[str]]] = []
    used: dict[int, int] = {}  # value -> the claim it is in
    for a, b, fa, fb in sorted(reading.contradictions, key=lambda c: -evidence(c[2], c[3])):
        if id(a) not in used and id(b) not in used:
            used[id(a)] = used[id(b)] = len(claims)
            a.shown, b.shown = fa, fb  # the sentences shown are the ones compared
            claims.append(([a, b], [contradict_reason(fa, fb, a, b, roots, meta)]))
            continue
        old, new, f_new = (a, b, fb) if id(a) in used else (b, a, fa)
        if id(new) in used:
            continue
        members, reason = claims[used[id(old)]]
        if all(frozenset((id(new), id(m))) in clashing for m in members):
            new.shown = f_new
            used[id(new)] = used[id(old)]
            members.append(new)
            reason.append(f"{who(new.articles(), roots, meta)}: {show(f_new)}")
    return [("contradict", "; also ".join(reason), members) for members, reason in claims]


def _series(updates: list[tuple[Value, Value]]) -> list[Value]:
    """The values of updates in the order they held (earlier first)."""
    vals = unique_values([v for pair in updates for v in pair])
    later = {id(b) for _, b in updates}
    earlier = {id(a) for a, _ in updates}
    return sorted(vals, key=lambda v: (id(v) in later and id(v) not in earlier, v.when(),
                                       vals.index(v)))


def _n(k: int) -> str:
    return f"{k} source" if k == 1 else f"{k} sources"


# ---------------------------------------------------------------- records


def build_claims(facts: Sequence[Fact], roots: Roots, text_of: dict[str, str],
                 meta: Meta | None = None) -> list[Claim]:
    """Claims reported by at least two articles, contradictions first, then by sources."""
    meta = meta or {}
    claims: list[Claim] = []
    for group in group_facts(facts):
        if len({f.article_id for f in group.facts}) < 2:
            continue
        for kind, reason, values in verdicts(group, roots, meta):
            articles = unique(a for v in values for a in v.articles())
            if len(articles) < 2 or (group.facts[0].kind == "name" and kind != "contradict"):
                continue  # two outlets writing a name alike is no news
            first = values[0].first
            claims.append(Claim(
                id="", kind=first.kind, subject=first.subject,  # type: ignore[arg-type]
                key=[k for k in group.key if k], unit=first.unit,
                values=[_value_record(v, roots, text_of, meta) for v in values],
                verdict=kind,  # type: ignore[arg-type]
                explanation=reason, sources=roots.count(articles), articles=articles,
            ))
    rank = {"contradict": 0, "update": 1, "complementary": 2, "agree": 3, "single": 4}
    claims.sort(key=lambda c: (rank[c.verdict], -c.sources, c.subject))
    for i, c in enumerate(claims, 1):
        c.id = f"c{i}"
    return claims


def _value_record(v: Value, roots: Roots, text_of: dict[str, str], meta: Meta) -> ClaimValue:
    f = v.first
    low, high = interval(f) if f.kind == "figure" else (None, None)
    shown = v.shown or f
    sentence = text_of.get(shown.article_id, "")[shown.sentence[0]:shown.sentence[1]]
    return ClaimValue(
        value=(f"{f.number:g}" if f.kind == "figure" else f.text if f.kind in ("place", "name")
               else (f.date or f.weekday or "")),
        text=f.text, qualifier=f.qualifier, low=low, high=None if high == math.inf else high,
        unit=f.unit, claimants=unique(x.claimant for x in v.facts if x.claimant),
        articles=v.articles(), sources=roots.count(v.articles()), sentence=trim(sentence, 300),
        spans=[Span(article_id=x.article_id, start=x.start, end=x.end) for x in v.facts],
        outlets=unique(meta[a][0] for a in v.articles() if a in meta),
        when=f.when if f.kind == "figure" else None,
    )
