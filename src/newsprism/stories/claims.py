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
from difflib import SequenceMatcher

from newsprism.stories.claim_text import (
    agree_reason,
    contradict_reason,
    number_text,
    show,
    update_reason,
    value_text,
)
from newsprism.stories.view_facts import Fact, lexicon
from newsprism.stories.view_records import Claim, ClaimValue, Span
from newsprism.stories.view_text import Roots, jaccard, trim, unique

__all__ = ["build_claims", "group_facts", "number_text", "show", "value_text"]

CONVERSION = 0.02  # distances converted between units agree within this
TOLERANCE = 0.05  # relative difference under which a hedged number ("about 30,000") is the same
BOUND_GAP = 0.25  # a figure inside another's bound still differs when the two are this far apart
LINK = 0.1  # evidence (shared words, names) for showing two facts of one value side by side
ALIGN_OUTCOME = 0.12  # ... of a toll (deaths, injuries, people missing)
LARGE = 1000  # counts this large of one known class in one story rarely count two things
TOLL_RATIO = 10.0  # two counts further apart than this count two things (3 wounded, 3,000 wounded)
MAX_RATIO = 3.0  # ... when they are within this factor of each other
ALIGN = 0.2  # evidence for comparing two different values of a known class ("deaths")
ALIGN_HEAD = 0.3  # ... of a class named only by the noun after the number ("magazines")
STATEMENT_OVERLAP = 0.3  # content words two statements must share to be the same statement
LOWER = {"more than", "at least", "over", "above"}
APPROX = {"about", "some", "estimated", "nearly", "around", "roughly", "approximately", "almost",
          "an estimated", "close to"}
UPPER = {"up to", "at most", "less than", "fewer than", "under", "below", "nearly"}
OUTCOMES = {"deaths", "injuries"}
MEASURES = {"money", "distance"}  # amounts whose scale a misread word changes a thousandfold
GENERIC_WORDS = {"people", "person"}  # "120,000 people" may be anyone: a population, a crowd
GENERIC = {"people"}  # counts of people: a crowd, a population, refugees... large is no evidence
CUMULATIVE = {"deaths", "injuries", "arrests", "cases"}  # tolls that grow as counting goes on
CHANGING_PREDICATES = {"injured", "arrested", "missing", "displaced", "affected"}


_OUTCOME_VERBS = frozenset(lexicon().predicates.values())


@dataclass
class Group:
    """Facts about one quantity or one dated event."""

    key: tuple[str, ...]
    facts: list[Fact] = field(default_factory=list)


# ---------------------------------------------------------------- evidence and alignment


def _known(f: Fact) -> bool:
    """Whether what the figure counts comes from the lexicon (not just the noun after it)."""
    return f.key[1].split(":")[0].split("/")[0] in _classes()


_CLASSES: set[str] = set()


def _classes() -> set[str]:
    if not _CLASSES:
        _CLASSES.update(lexicon().objects.values())
        _CLASSES.update({"deaths", "injuries", "distance"})  # money: what it pays for is unnamed
    return _CLASSES


def _of_person(f: Fact) -> bool:
    return f.key[1].startswith("age:")


def evidence(a: Fact, b: Fact) -> float:
    """How much two facts' sentences show one happening: shared content words (Jaccard), plus
    0.1 for each shared name (at most two) and 0.1 when both place the figure in one place."""
    same_place = 0.1 if a.place and a.place == b.place else 0.0
    return jaccard(a.words, b.words) + 0.1 * min(2, len(a.names & b.names)) + same_place


def _compatible_frames(a: Fact, b: Fact) -> bool:
    """Nothing in the frames says two facts are about different things: places, years."""
    if a.place and b.place and a.place != b.place:
        return False
    return not (a.years and b.years and not a.years & b.years)


def _other_people(a: Fact, b: Fact) -> bool:
    """Both sentences are about named people (not the ones who claim the figure) and share none:
    "Buckley fell 600 metres" and "Rait fell 60 metres" are two falls."""
    pa = a.persons - {a.claimant}
    pb = b.persons - {b.claimant}
    return bool(pa and pb and not pa & pb)


def linked(a: Fact, b: Fact) -> bool:
    """Evidence enough to put two facts in one claim (a verdict needs more: `aligned`)."""
    if not _compatible_frames(a, b):
        return False
    if _of_person(a):
        return True  # the age of one named person
    if same_value(a, b):
        return evidence(a, b) >= LINK or (a.kind == "figure" and _known(a) and a.number >= 10)
    return aligned(a, b) or (a.cue == "past" or b.cue == "past") and evidence(a, b) >= LINK


def aligned(a: Fact, b: Fact) -> bool:
    """Two figures framed alike, with evidence they count one thing at one happening: only then
    can different values be a contradiction or an update."""
    if _of_person(a):
        return True  # one named person's age: the person is the frame
    if a.marker or b.marker or a.background or b.background or a.mods != b.mods:
        return False  # other members, a subset, a list part, a change, a conversion; history
    if a.key[1] == "distance" and (not a.mods or a.mods != b.mods):
        return False  # "14 miles north of X" and "a depth of 6 miles": say from where, or no verdict
    if a.verb != b.verb and {a.verb, b.verb} & _OUTCOME_VERBS:
        return False  # "killed 3" and "wounded 3,000": two outcomes, not two estimates of one
    if not _compatible_frames(a, b) or _other_people(a, b):
        return False
    low, high = sorted((a.number, b.number))
    if high > TOLL_RATIO * max(low, 1e-9):
        return False  # 3 wounded in one strike is not the 3,000 of a whole war
    if a.key[1] in OUTCOMES or a.key[3] in CHANGING_PREDICATES:
        need = ALIGN_OUTCOME
    elif a.key[1] in MEASURES and high > MAX_RATIO * max(low, 1e-9):
        return False  # "$334" and "$334 million", "2 miles" and "20 miles": not one amount
    elif _known(a) and a.key[1] not in GENERIC and low >= LARGE and high <= MAX_RATIO * low:
        need = ALIGN_OUTCOME  # a toll, or a large count of one known thing, is itself evidence
    else:
        generic = a.head in GENERIC_WORDS or b.head in GENERIC_WORDS
        need = ALIGN_HEAD if not _known(a) or low < 2 or generic else ALIGN
    if is_bound(a) != is_bound(b) and high > MAX_RATIO * max(low, 1e-9) and not clash_outside(a, b):
        return False  # "more than 3,000 employees" is not a loose estimate of 15,000
    return evidence(a, b) >= need


# ---------------------------------------------------------------- grouping


def group_facts(facts: Sequence[Fact]) -> list[Group]:
    """Facts grouped into claims (before any verdict)."""
    figures = [f for f in facts if f.kind == "figure"]
    places = [f for f in facts if f.kind == "place"]
    dates = [f for f in facts if f.kind == "date" and not f.background]  # history is not compared
    return (_group(figures, lambda f: f.key[1:4], linked) + _group(dates, lambda f: f.key, _date_linked)
            + _group(places, lambda f: f.key, place_aligned))


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


def _date_linked(a: Fact, b: Fact) -> bool:
    """Dates of one event: the same statement (one speaker, shared wording) or the same event and
    phase with a shared person or organisation and shared words. Two deliveries on different days
    are two deliveries; every meeting of a crisis happens "in Moscow" (places are no evidence)."""
    if a.key[1] == "statement":
        return jaccard(a.words, b.words) >= STATEMENT_OVERLAP
    if same_value(a, b):
        return True  # one event and phase on one day: the key already says which event
    return date_aligned(a, b)


def date_aligned(a: Fact, b: Fact) -> bool:
    """Two date mentions that can contradict: one event, one precision, one person or org."""
    if a.background or b.background or _precision(a) != _precision(b):
        return False
    if (a.marker == "edge" or b.marker == "edge") and _adjacent(a, b):
        return False  # "Friday night" and "early Saturday" may be one night
    if a.key[1] == "statement":
        return jaccard(a.words, b.words) >= STATEMENT_OVERLAP
    return bool(a.actors & b.actors) and jaccard(a.words, b.words) >= ALIGN


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _adjacent(a: Fact, b: Fact) -> bool:
    """Whether two dates are consecutive days (by ISO date, else by weekday)."""
    from datetime import date

    if a.date and b.date and len(a.date) >= 10 and len(b.date) >= 10:
        try:
            gap = date.fromisoformat(a.date[:10]) - date.fromisoformat(b.date[:10])
        except ValueError:
            return False
        return abs(gap.days) == 1
    if a.weekday and b.weekday and a.weekday.lower() in _WEEKDAYS and b.weekday.lower() in _WEEKDAYS:
        diff = (_WEEKDAYS.index(a.weekday.lower()) - _WEEKDAYS.index(b.weekday.lower())) % 7
        return diff in (1, 6)
    return False


SPELLING = 0.75  # two street names this close in spelling may be one street written two ways


def place_aligned(a: Fact, b: Fact) -> bool:
    """Two street names that may be one street: the same name, or a close spelling of it, with the
    same kind ("Alder Street" / "Alden Street") in sentences about one happening."""
    if same_value(a, b):
        return evidence(a, b) >= LINK
    na, _, ka = a.text.rpartition(" ")
    nb, _, kb = b.text.rpartition(" ")
    close = SequenceMatcher(None, na.lower(), nb.lower()).ratio() >= SPELLING
    return close and ka == kb and evidence(a, b) >= ALIGN


def _precision(f: Fact) -> str:
    if f.date and len(f.date) >= 10:
        return "day" if not f.weekday else "weekday"
    if f.weekday:
        return "weekday"
    return "week" if f.date and "W" in f.date else ("month" if f.date and len(f.date) == 7 else "year")


# ---------------------------------------------------------------- values


@dataclass
class Value:
    """The facts that give one value of a claim."""

    facts: list[Fact]
    shown: Fact | None = None  # the fact whose sentence the claim shows, when not the first

    @property
    def first(self) -> Fact:
        return next((f for f in self.facts if f.cue != "past"), self.facts[0])

    def articles(self) -> list[str]:
        return unique(f.article_id for f in self.facts)

    def current(self) -> set[str]:
        """Articles giving this value as theirs now (not as an earlier figure they cite)."""
        return {f.article_id for f in self.facts if f.cue != "past"}

    def when(self) -> str:
        return min((f.when for f in self.facts if f.when), default="")


def same_value(a: Fact, b: Fact) -> bool:
    """Whether two facts give the same value (numbers within tolerance; dates by day or weekday)."""
    if a.kind == "figure":
        if a.number == b.number and a.high == b.high:
            return True
        top = max(abs(a.number), abs(b.number))
        if a.key[1] == "distance" and abs(a.number - b.number) / top <= CONVERSION:
            return True  # "609 metres (2,000 feet)": a conversion rounds
        if not (_hedged(a) or _hedged(b)) or a.high or b.high:
            return False  # 63 and 64 votes differ; only a hedged number has slack
        return abs(a.number - b.number) / top <= TOLERANCE
    if a.kind == "place":  # "West American Boulevard" is a fuller "American Boulevard"
        wa, wb = set(a.text.lower().split()), set(b.text.lower().split())
        return wa <= wb or wb <= wa
    if a.weekday and b.weekday:
        return a.weekday.lower() == b.weekday.lower()
    if a.date and b.date:
        if "W" in a.date or "W" in b.date:
            return _same_week(a.date, b.date)
        return a.date.startswith(b.date) or b.date.startswith(a.date)
    return True


def _same_week(a: str, b: str) -> bool:
    """An ISO week ("2030-W19") holds a day of it ("2030-05-10"): "this week" and "Wednesday"."""
    from datetime import date

    def week(x: str) -> str | None:
        if "W" in x:
            return x
        try:
            y, w, _ = date.fromisoformat(x[:10]).isocalendar()
        except ValueError:
            return None
        return f"{y:04d}-W{w:02d}"

    return week(a) == week(b) and week(a) is not None


def split_values(group: Group) -> list[Value]:
    values: list[Value] = []
    for f in group.facts:
        target = next((v for v in values if same_value(v.facts[0], f)), None)
        if target is None:
            values.append(Value(facts=[f]))
        else:
            target.facts.append(f)
    return values


def _hedged(f: Fact) -> bool:
    return (f.qualifier or "").lower() in APPROX


def interval(f: Fact) -> tuple[float, float]:
    """The range of numbers a figure with its qualifier allows."""
    if f.high is not None:
        return f.number, f.high
    q = (f.qualifier or "").lower()
    if q in LOWER:
        return f.number, math.inf
    if q in UPPER:
        return 0.0, f.number
    return f.number, f.number


def is_bound(f: Fact) -> bool:
    return f.high is not None or (f.qualifier or "").lower() in LOWER | UPPER


def clash_outside(fa: Fact, fb: Fact) -> bool:
    """Whether the ranges two figures allow do not meet (12 against "at least 40")."""
    la, ha = interval(fa)
    lb, hb = interval(fb)
    return ha < lb or hb < la


def clash(fa: Fact, fb: Fact) -> bool:
    """Whether two aligned values cannot both hold: different points; a point outside a bound or
    range; two bounds that do not meet; a point inside a bound but far from it ("more than
    2,000" and "5,000" are two different estimates)."""
    if fa.kind != "figure":
        return not same_value(fa, fb)
    if same_value(fa, fb):
        return False
    la, ha = interval(fa)
    lb, hb = interval(fb)
    if ha < lb or hb < la:
        return True
    if is_bound(fa) and is_bound(fb):
        return False
    if fa.high is not None or fb.high is not None:
        return False  # a point inside a stated range
    if is_bound(fa) or is_bound(fb):
        gap = abs(fa.number - fb.number) / max(fa.number, fb.number, 1e-9)
        return gap >= BOUND_GAP
    return True


# ---------------------------------------------------------------- change over time


def _changing(f: Fact) -> bool:
    return f.key[1] in CUMULATIVE or f.key[3] in CHANGING_PREDICATES


def order(fa: Fact, fb: Fact) -> tuple[Fact, Fact] | None:
    """(earlier, later) when the dates or the words tell which came first, else None."""
    if fa.cue == "past" and fb.cue != "past":
        return fa, fb
    if fb.cue == "past" and fa.cue != "past":
        return fb, fa
    if fa.when and fb.when and fa.when != fb.when:
        return (fa, fb) if fa.when < fb.when else (fb, fa)
    if fa.cue in ("up", "down", "now") and not fb.cue:
        return fb, fa
    if fb.cue in ("up", "down", "now") and not fa.cue:
        return fa, fb
    return None


def is_update(fa: Fact, fb: Fact) -> bool:
    """Whether two clashing aligned values are one quantity at two times: the later one says it
    changed in the direction it moved ("rose to", "down from"), or says it is the latest, or a
    toll that only grows is higher on a later day."""
    pair = order(fa, fb)
    if pair is None:
        return False
    early, late = pair
    le, he = interval(early)
    ll, hl = interval(late)
    up, down = ll > he or (ll >= le and hl > he), hl < le or (hl <= he and ll < le)
    if early.cue == "past" and (late.cue in ("", "now") or late.cue == ("up" if up else "down")):
        return True
    if late.cue == "now" or (late.cue == "up" and up) or (late.cue == "down" and down):
        return True
    later_day = bool(early.when and late.when and early.when < late.when)
    return later_day and not late.cue and _changing(late) and (up or (down and late.key[3] == "missing"))


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
            out.related.add((i, j))
            if not clash(fa, fb):
                continue
            if fa.kind == "figure" and is_update(fa, fb):
                early = a if order(fa, fb) == (fa, fb) else b
                out.updates.append((early, b if early is a else a))
            else:
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
            ok = (aligned(fa, fb) if fa.kind == "figure" else
                  place_aligned(fa, fb) if fa.kind == "place" else date_aligned(fa, fb))
            if ok:
                score = evidence(fa, fb)
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
    values = split_values(group)
    if group.facts[0].kind == "figure" and len(values) > 1:
        comp = _complementary(values, roots)
        if comp is not None and any(p.marker in ("other", "part") for p in comp[1]):
            whole, parts = comp
            adds = " + ".join(show(p) for p in parts)
            return [("complementary", f"{adds} in one source add up to {show(whole.first)} in "
                     f"{_n(roots.count(whole.articles()))}", values)]
    reading = read_pairs(values, roots)
    out: list[tuple[str, str, list[Value]]] = []
    used: set[int] = set()  # each disagreement an analyst can check: two values, best aligned first
    for a, b, fa, fb in sorted(reading.contradictions, key=lambda c: -evidence(c[2], c[3])):
        if id(a) in used or id(b) in used:
            continue
        used |= {id(a), id(b)}
        a.shown, b.shown = fa, fb  # the sentences shown are the ones compared
        out.append(("contradict", contradict_reason(fa, fb, a, b, roots, meta), [a, b]))
    if reading.updates:
        series = _series(reading.updates)
        out.append(("update", update_reason(series, roots, meta), series))
    if out:
        return out
    for comp_values in _components(values, reading.related):
        if len(comp_values) == 1:
            verdict = "agree" if roots.count(comp_values[0].articles()) >= 2 else "single"
            out.append((verdict, agree_reason(comp_values[0], roots), comp_values))
        else:
            out.append(("agree", "the values are compatible: " + "; ".join(
                f"{show(v.first)} ({_n(roots.count(v.articles()))})" for v in comp_values), comp_values))
    return out


def unique_values(values: list[Value]) -> list[Value]:
    out: list[Value] = []
    for v in values:
        if all(v is not o for o in out):
            out.append(v)
    return out


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
            if len(articles) < 2:
                continue
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
        value=(f"{f.number:g}" if f.kind == "figure" else f.text if f.kind == "place"
               else (f.date or f.weekday or "")),
        text=f.text, qualifier=f.qualifier, low=low, high=None if high == math.inf else high,
        unit=f.unit, claimants=unique(x.claimant for x in v.facts if x.claimant),
        articles=v.articles(), sources=roots.count(v.articles()), sentence=trim(sentence, 300),
        spans=[Span(article_id=x.article_id, start=x.start, end=x.end) for x in v.facts],
        outlets=unique(meta[a][0] for a in v.articles() if a in meta),
        when=f.when if f.kind == "figure" else None,
    )
