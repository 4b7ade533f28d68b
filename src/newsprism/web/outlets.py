"""The per-outlet comparison of one story: each outlet's headline and lead side by side, and what
it alone reports (what Ground News and Google's Full Coverage are read for).

Built from the story view only. "Alone" means no article of another outlet carries it: a claim
value (a figure or date) only this outlet gives, a quote only it prints, a dated happening only it
reports, a person or place only it names. Items are listed most telling first (figures and dates
that differ from what others say, then quotes, happenings, people, places), at most `SHOWN`, and
the rest counted. Each item links to the passage in the outlet's own article when the view has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsprism.ingest.boiler import first_words, leading_url
from newsprism.read.stories import lead_sentence
from newsprism.records import Figure
from newsprism.stories.view import Span, StoryView
from newsprism.stories.view_records import Member, Person, TimelineEntry

SHOWN = 5  # items shown per outlet; the rest are counted
CUT = 140  # characters of a quote or happening shown
HEAD_WORDS, HEAD_CHARS = 20, 160  # an untitled article's first line longer than this is no headline
STAMP_WORDS = frozenset(["posted", "published", "updated", "last", "ist", "gmt", "utc", "edt", "est",
                         "bst", "cet", "am", "pm", "on", "at", "by"])


@dataclass
class OnlyItem:
    kind: str  # "figure", "date", "place", "quote", "happening", "person"
    text: str
    href: str | None = None  # the passage in this outlet's article


@dataclass
class OutletLine:
    """One outlet's first original report of the story: its headline and lead, side by side,
    and what it alone reports."""

    outlet: str
    article_id: str
    number: int
    title: str
    lead: str
    published: str | None
    articles: int
    only: list[OnlyItem] = field(default_factory=list)
    more: int = 0  # items it alone reports beyond `only`


def _words(line: str) -> int:
    """Words of three letters or more that are not part of a date or time stamp."""
    return sum(1 for w in re.findall(r"[^\W\d_]{3,}", line)
               if w.lower() not in STAMP_WORDS and w.lower() not in _CALENDAR and len(w) > 3
               or w.lower() in _SHORT_WORDS)


def head_and_lead(text: str, titled: bool, scan: int = 8) -> tuple[str | None, str]:
    """(headline, lead) of an article's text. Its first `scan` lines are read past a leading web
    address and date or time stamps ("Published on: Fri, 11 Nov 2011 at 09:56 IST"): for an
    untitled article a short first line is its headline; the lead is the first sentence of the
    next line that reads as prose (six words or more), else of the text when it says something."""
    lines = [ln.strip() for ln in text.strip().split("\n", scan)[:scan]]
    if lines:
        lines[0] = lines[0][leading_url(lines[0]):].strip()
    head = None
    for line in lines:
        if not titled and head is None and _words(line) >= 2:
            if len(line) <= HEAD_CHARS and len(line.split()) <= HEAD_WORDS:
                head = line
                continue
            titled = True  # a long first line is prose: no headline, and it is the lead
        if _words(line) >= 6:
            return head, lead_sentence(line, 300)
    lead = lead_sentence(first_words(text), 300)
    return head, lead if _words(lead) >= 3 else ""


def _cut(text: str, limit: int = CUT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "\u2026"


def _link(spans: Iterable[Span], mine: set[str]) -> str | None:
    span = next((s for s in spans if s.article_id in mine), None)
    return f"/articles/{span.article_id}?hl={span.start}-{span.end}#hl" if span else None


def _happening(t: TimelineEntry) -> bool:
    """Whether a timeline entry tells something besides its date (not a 'Posted on 11 Nov 2011,
    09:56 IST' stamp): at least three words of four letters or more besides the date words."""
    rest = t.text.replace(t.date_text, " ")
    words = [w for w in re.findall(r"[^\W\d_]{4,}", rest) if w.lower() not in STAMP_WORDS
             and w.lower() not in _CALENDAR]
    return len(words) >= 3


_SHORT_WORDS = frozenset(["the", "and", "for", "was", "has", "had", "are", "off", "new", "out", "two",
                          "six", "ten", "war", "sea", "say", "says", "said", "its", "his", "her"])
_CALENDAR = frozenset(["january", "february", "march", "april", "june", "july", "august",
                       "september", "october", "november", "december", "monday", "tuesday",
                       "wednesday", "thursday", "friday", "saturday", "sunday", "sept"])


def _named_person(p: Person) -> bool:
    """A person named by two or more name words written as names ("Ines Vale", not "MUST SEE")."""
    words = p.name.split()
    return p.type == "PERSON" and len(words) >= 2 and all(
        w[:1].isupper() and not w.isupper() for w in words if w[:1].isalpha())


class _Outlets:
    """Which outlet each article counts for, and who alone carries a list of articles."""

    def __init__(self, members: Sequence[Member]) -> None:
        self.of = {m.id: m.outlet or "unknown" for m in members}
        self.articles: dict[str, set[str]] = {}
        for m in members:
            self.articles.setdefault(self.of[m.id], set()).add(m.id)

    def alone(self, articles: Iterable[str]) -> str | None:
        """The one outlet all these articles belong to, else None."""
        outlets = {self.of.get(a) for a in articles}
        return next(iter(outlets)) if len(outlets) == 1 and None not in outlets else None


def _claimed(view: StoryView) -> set[float]:
    """The numeric values the view's claims already compare."""
    out = set()
    for c in view.claims:
        for v in c.values:
            try:
                out.add(float(v.value))
            except ValueError:
                continue
    return out


Sentenced = tuple[Figure, str]  # a figure and the sentence it was read in


def _figures_by_value(figures: Mapping[str, Sequence[Sentenced]],
                      claimed: set[float]) -> list[list[tuple[str, Sentenced]]]:
    """Amounts of money and percentages, grouped by value and unit (the values the claims compare
    left out), in the order first seen. Other numbers are too often an age, a time, a measure
    another outlet gives in other units ("48 km" and "30 miles"), or misread, to be called a
    fact only one outlet reports."""
    groups: dict[tuple[float, str | None], list[tuple[str, Sentenced]]] = {}
    for aid, figs in figures.items():
        for f, sentence in figs:
            money = bool(f.unit) and (f.unit == "percent" or re.fullmatch(r"[A-Z]{3}", f.unit or ""))
            if money and f.value not in claimed:
                groups.setdefault((f.value, f.unit), []).append((aid, (f, sentence)))
    return list(groups.values())


def sentence_around(text: str, start: int, end: int, reach: int = 160) -> str:
    """The sentence holding text[start:end] (at most `reach` characters either side)."""
    back = max(0, start - reach)
    lo = max(text.rfind(". ", back, start), text.rfind("\n", back, start))
    ends = [i for i in (text.find(". ", end, end + reach), text.find("\n", end, end + reach)) if i >= 0]
    first = lo + 1 if lo >= 0 else back
    last = min(ends) + 1 if ends else end + reach
    return " ".join(text[first:last].split())


def exclusives(view: StoryView, figures: Mapping[str, Sequence[Sentenced]] | None = None,
               ) -> dict[str, list[OnlyItem]]:
    """Per outlet, what no other outlet's article carries (empty with fewer than two outlets).
    `figures` (article id -> its figures with their sentences) adds the numbers only one outlet
    gives that no claim compares."""
    outlets = _Outlets(view.members)
    found: dict[str, list[OnlyItem]] = {o: [] for o in outlets.articles}
    if len(found) < 2:
        return found

    def add(articles: Iterable[str], kind: str, text: str, spans: Iterable[Span] = ()) -> None:
        arts = list(articles)
        who = outlets.alone(arts)
        if who is not None and text:
            found[who].append(OnlyItem(kind=kind, text=text, href=_link(spans, outlets.articles[who])))

    for c in view.claims:
        if len({outlets.of.get(a) for a in c.articles}) < 2:
            continue
        for v in c.values:
            others = [w.text for w in c.values if w is not v]
            tail = f" (others: {'; '.join(others)})" if others else ""
            add(v.articles, c.kind, f"{c.subject}: {v.text}{tail}", v.spans)
    for seen in _figures_by_value(figures or {}, _claimed(view)):
        first, sentence = seen[0][1]
        add([a for a, _ in seen], "figure", f"{first.text}: {_cut(sentence)}",
            [Span(article_id=a, start=f.start, end=f.end) for a, (f, _) in seen])
    for named in (True, False):  # quotes of named speakers first, unattributed ones after
        for sq in (sq for sq in view.quotes if (sq.speaker != "unknown") is named):
            who = sq.speaker if named else "unnamed source"
            for q in sq.quotes:
                words = f"\u201c{_cut(q.text)}\u201d" if q.kind != "indirect" else _cut(q.text)
                add(q.articles, "quote", f"{who}: {words}", q.spans)
    for t in view.timeline:
        if _happening(t):
            add(t.articles, "happening", f"{t.date_text}: {_cut(t.text)}", t.spans)
    for p in view.people:
        if _named_person(p):
            add(p.articles, "person", p.name + (f" ({p.roles[0]})" if p.roles else ""), p.spans)
    for pl in view.places:
        add(pl.articles, "place", pl.name)
    return found


def varied(items: Sequence[OnlyItem], limit: int) -> list[OnlyItem]:
    """At most `limit` items, taking each kind in turn (a figure, a quote, a happening...) so
    that no one kind fills the card; within a kind, in the given order."""
    kinds: dict[str, list[OnlyItem]] = {}
    for it in items:
        kinds.setdefault(it.kind, []).append(it)
    out: list[OnlyItem] = []
    depth = 0
    while len(out) < min(limit, len(items)):
        out += [group[depth] for group in kinds.values() if depth < len(group)][: limit - len(out)]
        depth += 1
    return out


def outlet_lines(view: StoryView, leads: dict[str, str], heads: dict[str, str] | None = None,
                 figures: Mapping[str, Sequence[Sentenced]] | None = None) -> list[OutletLine]:
    """Per outlet, its first report that is not a copy (else its first), with headline, lead and
    what it alone reports; outlets in order of first report."""
    numbers = {m.id: n for n, m in enumerate(view.members, start=1)}
    firsts: dict[str, Member] = {}
    counts: dict[str, int] = {}

    def rank(m: Member) -> tuple[bool, str, int]:
        return m.copy_of is not None, m.published or "9999", numbers[m.id]

    for m in view.members:
        outlet = m.outlet or "unknown"
        counts[outlet] = counts.get(outlet, 0) + 1
        if outlet not in firsts or rank(m) < rank(firsts[outlet]):
            firsts[outlet] = m
    only = exclusives(view, figures)
    out = []
    for outlet, m in firsts.items():
        title = m.title or (heads or {}).get(m.id) or "(no headline)"
        lead = leads.get(m.id, "")
        items = [i for i in only.get(outlet, [])  # a dated headline or lead is already on the card
                 if not (i.kind == "happening" and _said(i.text, (title, lead)))]
        out.append(OutletLine(outlet=outlet, article_id=m.id, number=numbers[m.id], title=title,
                              lead=lead, published=m.published, articles=counts[outlet],
                              only=varied(items, SHOWN), more=max(len(items) - SHOWN, 0)))
    return sorted(out, key=lambda o: (o.published or "9999", o.number))


def _said(text: str, lines: Sequence[str]) -> bool:
    """Whether a line on the card (headline, lead) already says the item's text."""
    body = " ".join(text.split(": ", 1)[-1].split()).rstrip("\u2026")
    return any(body and line and (body in " ".join(line.split()) or " ".join(line.split()) in body)
               for line in lines)
