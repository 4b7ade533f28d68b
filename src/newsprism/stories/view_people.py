"""People and organisations merged across a story's articles, and their quotes grouped by speaker.

Names are compared in a folded, transliteration-tolerant form (Zelenskiy/Zelensky/Zelenskyy,
Sergei/Sergey); a surname alone joins the full name that carries it. The same quote reported by
several outlets (identical or lightly edited wording) is shown once with all of them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from newsprism.analyze import person_names as names
from newsprism.records import Analysis, Entity, Quote
from newsprism.stories.quote_wording import wording_difference
from newsprism.stories.view_records import Person, QuoteItem, Span, SpeakerQuotes
from newsprism.stories.view_text import Roots, unique, words

_TRANSLIT = [("kh", "h"), ("ph", "f"), ("ck", "k"), ("y", "i"), ("ii", "i"), ("j", "i")]
_DOUBLE = re.compile(r"(.)\1+")
COMMON_TRIPLE = 40  # a word triple in more of one speaker's quotes than this is not evidence
SAME_QUOTE = 0.6  # share of the shorter quote's word triples two reports must share


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> tuple[str, ...]:
    """A person's name folded for matching: accents, transliteration variants, doubled letters."""
    out = []
    for w in words(name):
        w = w.strip("'-.")
        for a, b in _TRANSLIT:
            w = w.replace(a, b)
        out.append(_DOUBLE.sub(r"\1", w))
    return tuple(w for w in out if w)


@dataclass
class _Who:
    type: str
    names: Counter[str] = field(default_factory=Counter)
    texts: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    spans: dict[str, Span] = field(default_factory=dict)
    mentions: int = 0

    def absorb(self, other: _Who) -> None:
        self.names.update(other.names)
        self.texts |= other.texts
        self.roles.update(other.roles)
        self.countries.update(other.countries)
        for aid, span in other.spans.items():
            self.spans.setdefault(aid, span)
        self.mentions += other.mentions

    def name(self) -> str:
        full = [n for n in self.names if len(n.split()) > 1] or list(self.names)
        return max(full, key=lambda n: (self.names[n], len(n)))


class People:
    """The merged people and organisations of a story, with a lookup from any name to its entry."""

    def __init__(self, entities_by_article: dict[str, list[Entity]]) -> None:
        exact: dict[tuple[str, tuple[str, ...]], _Who] = {}
        for aid, ents in entities_by_article.items():
            for e in ents:
                if e.type not in ("PERSON", "ORG"):
                    continue
                canonical = (e.canonical or e.text).strip()
                key = name_key(canonical)
                if not key:
                    continue
                who = exact.get((e.type, key))
                if who is None:
                    who = exact[(e.type, key)] = _Who(type=e.type)
                _note(who, aid, canonical, e)
        self.entries = _merge_surnames(exact)
        self.lookup: dict[tuple[str, ...], _Who] = {}
        for who in self.entries:
            for n in [*who.names, *who.texts]:
                self.lookup.setdefault(name_key(n), who)

    def canonical(self, name: str) -> str:
        """The merged name for any spelling seen in the story (the name itself when unseen)."""
        who = self.lookup.get(name_key(name))
        return who.name() if who else name

    def find(self, name: str) -> _Who | None:
        return self.lookup.get(name_key(name))

    def records(self, quote_counts: dict[str, int]) -> list[Person]:
        out = []
        for who in self.entries:
            name = who.name()
            aliases = unique(n for n in [*who.names, *sorted(who.texts)] if _alias(n, name))
            out.append(Person(
                name=name, type=who.type,  # type: ignore[arg-type]
                aliases=aliases, roles=[r for r, _ in who.roles.most_common()],
                country=who.countries.most_common(1)[0][0] if who.countries else None,
                articles=list(who.spans), mentions=who.mentions, quotes=quote_counts.get(name, 0),
                spans=list(who.spans.values()),
            ))
        out.sort(key=lambda p: (-len(p.articles), -p.quotes, -p.mentions, p.name))
        return out


_PRONOUNS = frozenset(["he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its", "we", "us", "i", "you"])


def _alias(text: str, name: str) -> bool:
    """Another way of writing the name: not the name itself, a pronoun or a lower-case mention."""
    return (text != name and text[:1].isupper() and text.lower() not in _PRONOUNS
            and words(text) != words(name))


def _note(who: _Who, aid: str, canonical: str, e: Entity) -> None:
    who.names[canonical] += 1
    text = e.text.strip()
    if text and text != canonical:
        who.texts.add(text)
    if e.role:
        who.roles[e.role] += 1
    if e.country:
        who.countries[e.country] += 1
    if aid not in who.spans:
        who.spans[aid] = Span(article_id=aid, start=e.start, end=e.end)
    who.mentions += 1


def _merge_surnames(exact: dict[tuple[str, tuple[str, ...]], _Who]) -> list[_Who]:
    """Full names merge when surnames match and given names agree (Bill/William, John G./John);
    a lone surname joins its full name when one person of the story holds it (or one clearly
    dominates); organisations merge with their acronyms. Relatives sharing a surname stay apart."""
    by_surname: dict[str, list[_Who]] = defaultdict(list)
    singles: list[tuple[str, _Who]] = []
    out: list[_Who] = []
    orgs: list[_Who] = []
    for (typ, _key), who in sorted(exact.items(), key=lambda kv: (-len(kv[0][1]), kv[0][1])):
        if typ != "PERSON":
            orgs.append(who)
            continue
        parts = names.parts(who.name())
        if not parts.given:
            singles.append((parts.surname, who))
            continue
        owner = _best_owner(who.name(), by_surname[parts.surname])
        if owner is not None:
            owner.absorb(who)
        else:
            by_surname[parts.surname].append(who)
            out.append(who)
    for surname, who in singles:
        owner = _surname_owner(by_surname.get(surname, []))
        if owner is not None:
            owner.absorb(who)
        else:
            out.append(who)
    return _merge_acronyms(orgs) + out


MERGE_MIN = 0.6  # names.match confidence below which two names stay two people


def _best_owner(name: str, owners: list[_Who]) -> _Who | None:
    """The one merged person `name` can be; None when none fits or the choice is doubtful."""
    scored = [(names.match(name, w.name()), w) for w in owners]
    fits = [(s, w) for s, w in scored if s >= MERGE_MIN]
    if len(fits) > 1:
        fits = [(s, w) for s, w in fits if s >= 0.9]
    return fits[0][1] if len(fits) == 1 else None


def _surname_owner(owners: list[_Who]) -> _Who | None:
    """Who a bare surname names: the only holder, or one mentioned three times as often as the
    others together; else nobody (the surname stays its own entry rather than a wrong merge)."""
    if len(owners) <= 1:
        return owners[0] if owners else None
    top = max(owners, key=lambda w: w.mentions)
    rest = sum(w.mentions for w in owners if w is not top)
    return top if top.mentions >= 3 * rest else None


_ORG_MINOR = frozenset(["of", "the", "and", "for", "&", "on", "in", "de"])


def _merge_acronyms(orgs: list[_Who]) -> list[_Who]:
    """`RNC` joins `Republican National Committee` when the story names exactly one organisation
    with those initials."""
    by_initials: dict[str, list[_Who]] = defaultdict(list)
    for who in orgs:
        ws = who.name().split()
        if len(ws) >= 2:
            by_initials["".join(w[0] for w in ws if w.lower() not in _ORG_MINOR).upper()].append(who)
    out = []
    for who in orgs:
        name = who.name().replace(".", "")
        full = by_initials.get(name) if name.isupper() and name.isalpha() and 2 <= len(name) <= 6 else None
        if full is not None and len(full) == 1 and full[0] is not who:
            full[0].absorb(who)
        else:
            out.append(who)
    return out


@dataclass
class _Quote:
    text: str
    kind: str
    cue: str | None
    triples: set[tuple[str, ...]]
    spans: list[Span] = field(default_factory=list)
    discrepancy: str | None = None  # how another outlet's version of it differs materially


def _triples(text: str) -> set[tuple[str, ...]]:
    ws = words(text)
    if len(ws) < 3:
        return {tuple(ws)} if ws else set()
    return set(zip(ws, ws[1:], ws[2:], strict=False))


class _SpeakerBook:
    """One speaker's quotes, with an index of word triples so merging is not all-pairs."""

    def __init__(self) -> None:
        self.quotes: list[_Quote] = []
        self.index: dict[tuple[str, ...], list[int]] = defaultdict(list)

    def add(self, q: _Quote) -> None:
        shared: dict[int, int] = {}
        for t in q.triples:
            posting = self.index.get(t)
            if posting and len(posting) <= COMMON_TRIPLE:  # "of the united": too common to tell apart
                for i in posting:
                    shared[i] = shared.get(i, 0) + 1
        for i, n in sorted(shared.items(), key=lambda kv: -kv[1])[:3]:
            other = self.quotes[i]
            if n >= SAME_QUOTE * min(len(other.triples), len(q.triples)):
                mine = {s.article_id for s in q.spans}
                differs = None if mine <= {s.article_id for s in other.spans} else (
                    wording_difference(other.text, q.text))
                if differs is not None:  # one quote, two materially different wordings: keep both
                    q.discrepancy = other.discrepancy = differs
                    break
                other.spans += [s for s in q.spans
                                if s.article_id not in {x.article_id for x in other.spans}]
                if len(q.text) > len(other.text) and q.kind == "direct":
                    other.text, other.kind = q.text, q.kind
                return
        for t in q.triples:
            self.index[t].append(len(self.quotes))
        self.quotes.append(q)


def group_quotes(quotes_by_article: dict[str, list[Quote]], people: People,
                 roots: Roots) -> list[SpeakerQuotes]:
    """Quotes grouped by merged speaker; the same quote from several outlets appears once."""
    books: dict[str, _SpeakerBook] = defaultdict(_SpeakerBook)
    entries = [(aid, q, q.text.strip(), people.canonical(q.speaker) if q.speaker else "unknown")
               for aid, quotes in quotes_by_article.items() for q in quotes if q.text.strip()]
    speakers = agreed_speakers([(aid, speaker, _triples(text)) for aid, _, text, speaker in entries])
    for (aid, q, text, _), speaker in zip(entries, speakers, strict=True):
        books[speaker].add(_Quote(
            text=text, kind=q.kind, cue=q.cue, triples=_triples(text),
            spans=[Span(article_id=aid, start=q.start, end=q.end)]))
    out = [_speaker_record(name, book, people, roots) for name, book in books.items()]
    out.sort(key=lambda s: (s.speaker == "unknown", -len(s.articles), -len(s.quotes), s.speaker))
    return out


def agreed_speakers(entries: list[tuple[str, str, set[tuple[str, ...]]]]) -> list[str]:
    """One speaker for each report of one remark across outlets: entries are (article, speaker,
    word triples); reports sharing most of their triples are one remark, which goes to the speaker
    at least two reports name when they outvote all other names together, and to the one named
    speaker when the rest name nobody; when outlets disagree evenly each keeps its own."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    group = list(range(len(entries)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i, (_, _, triples) in enumerate(entries):
        shared: Counter[int] = Counter()
        for t in triples:
            posting = index.get(t)
            if posting and len(posting) <= COMMON_TRIPLE:
                shared.update({root(j) for j in posting})
        for j, n in shared.most_common(3):
            if n >= SAME_QUOTE * min(len(triples), len(entries[j][2])) and entries[j][0] != entries[i][0]:
                group[root(i)] = root(j)
                break
        for t in triples:
            index[t].append(i)
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for i, (_aid, speaker, _) in enumerate(entries):
        if speaker != "unknown":
            votes[root(i)][speaker] += 1
    return [_winner(votes.get(root(i)), speaker) for i, (_, speaker, _) in enumerate(entries)]


def _winner(votes: Counter[str] | None, own: str) -> str:
    if not votes or len(votes) == 1:
        return next(iter(votes)) if votes else own
    (top, n), *rest = votes.most_common()
    return top if n >= 2 and n > sum(m for _, m in rest) else own


def _speaker_record(name: str, book: _SpeakerBook, people: People, roots: Roots) -> SpeakerQuotes:
    items_ = []
    for q in book.quotes:
        arts = unique(s.article_id for s in q.spans)
        items_.append(QuoteItem(text=q.text, kind=q.kind,  # type: ignore[arg-type]
                                cue=q.cue, articles=arts, sources=roots.count(arts), spans=q.spans,
                                discrepancy=q.discrepancy))
    items_.sort(key=lambda i: (-i.sources, i.spans[0].article_id, i.spans[0].start))
    who = people.find(name)
    return SpeakerQuotes(
        speaker=name,
        role=who.roles.most_common(1)[0][0] if who and who.roles else None,
        country=who.countries.most_common(1)[0][0] if who and who.countries else None,
        quotes=items_, articles=unique(a for i in items_ for a in i.articles),
    )


def entities_of(analyses: Mapping[str, Analysis]) -> dict[str, list[Entity]]:
    return {aid: a.entities for aid, a in analyses.items()}


def quotes_of(analyses: Mapping[str, Analysis]) -> dict[str, list[Quote]]:
    return {aid: a.quotes for aid, a in analyses.items()}


def said(text: str, kind: str, cue: str | None) -> str:
    """A quote as a reader should see it: direct and partial words in quotation marks; reported
    (indirect) speech never in them, as a paraphrase that keeps its speech verb and any negation
    ('reported: did not deny that troops were moving')."""
    if kind != "indirect":
        return f"\u201c{text}\u201d"
    return f"reported: {cue} {text}" if cue and cue != "according to" else f"reported: {text}"
