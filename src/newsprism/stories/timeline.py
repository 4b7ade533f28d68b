"""The story timeline: dated happenings from all articles, merged across sources and ordered.

Each resolved (or weekday) date mention becomes an entry with its sentence. Entries with the same
date whose sentences share enough words, or that date the same event, are one happening reported by
several sources. Unresolved weekdays are placed in the week before their article's publication.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsprism import lexicon
from newsprism.ingest.boiler import leading_url
from newsprism.records import Analysis, DateMention
from newsprism.stories.view_dates import dated
from newsprism.stories.view_facts import ArticleContext
from newsprism.stories.view_records import Span, TimelineEntry
from newsprism.stories.view_text import Roots, content_words, jaccard, trim, unique

SAME_HAPPENING = 0.25  # share of content words two same-day sentences need to be one happening
MAX_ENTRIES = 200
COMMON_WORD = 50
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass
class _Entry:
    sort: str
    date: str | None
    weekday: str | None
    precision: str
    date_text: str
    sentence: str
    words: set[str]
    spans: list[Span] = field(default_factory=list)
    event: tuple[str, ...] | None = None  # the event the date dates ("drills", "end"), if named


def build_timeline(contexts: Sequence[ArticleContext], analyses: Mapping[str, Analysis],
                   roots: Roots, events: dict[tuple[str, int], tuple[str, ...]] | None = None,
                   ) -> list[TimelineEntry]:
    """Timeline entries from every article's date mentions, ordered by date then by sources.

    `events` maps (article id, mention start) to the event a mention dates (from the claims'
    date facts), so "launched drills Thursday" and "will begin drills on Thursday" are one entry.
    """
    by_day: dict[str, _Day] = defaultdict(_Day)
    for ctx in contexts:
        analysis = analyses.get(ctx.article.id)
        for mention in analysis.dates if analysis is not None else []:
            entry = _entry(ctx, mention)
            if entry is not None:
                entry.event = (events or {}).get((ctx.article.id, mention.start))
                by_day[entry.sort].add(entry)
    entries = [e for day in by_day.values() for e in day.entries]
    entries.sort(key=lambda e: -roots.count(s.article_id for s in e.spans))
    kept = sorted(entries[:MAX_ENTRIES], key=lambda e: (e.sort, e.spans[0].article_id,
                                                          e.spans[0].start))
    return [_record(e, roots) for e in kept]


def _entry(ctx: ArticleContext, mention: DateMention) -> _Entry | None:
    value, weekday = dated(ctx, mention), mention.weekday
    if not value and not weekday:
        return None
    start, end = mention.start, mention.end
    s, e = ctx.sentences.around(start, end)
    sentence = _after_url(ctx.article.text[s:e], start - s)
    if not says_something(sentence, mention.text or ctx.article.text[start:end]):
        return None  # a "Posted on Fri, 11 Nov 2011 09:56 IST" stamp dates the page, not a happening
    if value:
        precision = {4: "year", 7: "month"}.get(len(str(value)), "day")
        sort = _sort_key(str(value))
    else:
        precision = "weekday"
        sort = _weekday_sort(ctx.reference, str(weekday))
    return _Entry(sort=sort, date=str(value) if value else None, weekday=weekday,
                  precision=precision, date_text=mention.text or ctx.article.text[start:end],
                  sentence=sentence, words=content_words(sentence),
                  spans=[Span(article_id=ctx.article.id, start=start, end=end)])


_STAMP_WORDS = frozenset(["posted", "published", "updated", "last", "modified", "hrs", "ist", "gmt",
                          "utc", "est", "edt", "cet", "bst", "pst", "am", "pm", "on", "at", "by",
                          "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
                          *WEEKDAYS])


def says_something(sentence: str, date_text: str) -> bool:
    """Whether a dated sentence tells more than a date or a time stamp ("Posted on: Fri, 11 Nov
    2011 at 09:56 IST"): a word of three letters or more besides the date, month and weekday
    names, stamp words and short capitals ("It closed on 3 March" does)."""
    rest = sentence.replace(date_text, " ") if date_text else sentence
    months = lexicon.months()
    words = (w for w in re.findall(r"[^\W\d_]{3,}", rest)
             if w.lower() not in _STAMP_WORDS and w.lower() not in months
             and not (w.isupper() and len(w) <= 4))  # "TNN", "IST": agency and zone codes
    return next(words, None) is not None


def _after_url(sentence: str, mention: int) -> str:
    """The sentence without a leading web address (a page's URL printed above its headline), when
    the date mention (at offset `mention`) lies after it."""
    cut = leading_url(sentence)
    return sentence[cut:].lstrip() if 0 < cut <= mention else sentence


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def _sort_key(value: str) -> str:
    """Where an ISO value sorts: a week ("2022-W06") at its Monday, a year or month alone after
    the days it holds ("2014" after "2014-12-31": it is not 1 January), the rest as written."""
    if len(value) in (4, 7) and value[:4].isdigit():
        return value + "-~"
    m = _WEEK.match(value)
    if m is None:
        return value
    try:
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat() + "w"
    except ValueError:
        return value


def _weekday_sort(reference: str | None, weekday: str) -> str:
    """Where an unresolved weekday sorts: its last occurrence up to the article's publication (the
    story's latest date for an undated article), else at the end in week order (Monday first, not
    alphabetical: days named without a date most likely fall in one week)."""
    day = weekday.lower()
    order = WEEKDAYS.index(day) if day in WEEKDAYS else len(WEEKDAYS)
    try:
        published: date | None = date.fromisoformat((reference or "")[:10])
    except ValueError:
        published = None
    if published is None or order == len(WEEKDAYS):
        return f"9999~{order}{weekday}"
    back = (published.weekday() - order) % 7
    return (published - timedelta(days=back)).isoformat() + "~"


class _Day:
    """The entries of one date, with an index of their words so merging is not all-pairs."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.by_event: dict[tuple[str, ...], list[int]] = defaultdict(list)

    def add(self, entry: _Entry) -> None:
        shared: dict[int, int] = {}
        for w in entry.words:
            posting = self.index.get(w)
            if posting and len(posting) <= COMMON_WORD:  # a word most entries share tells nothing
                for i in posting:
                    shared[i] = shared.get(i, 0) + 1
        candidates = [i for i, _ in sorted(shared.items(), key=lambda kv: -kv[1])[:5]]
        if entry.event is not None:
            candidates = [i for i in self.by_event.get(entry.event, ())] + candidates
        for i in candidates:
            other = self.entries[i]
            if (entry.event is not None and other.event == entry.event) or (
                    jaccard(other.words, entry.words) >= SAME_HAPPENING):
                if entry.spans[0].article_id not in {s.article_id for s in other.spans}:
                    other.spans += entry.spans
                return
        for w in entry.words:
            self.index[w].append(len(self.entries))
        if entry.event is not None:
            self.by_event[entry.event].append(len(self.entries))
        self.entries.append(entry)


def _record(e: _Entry, roots: Roots) -> TimelineEntry:
    articles = unique(s.article_id for s in e.spans)
    return TimelineEntry(
        date=e.date, weekday=e.weekday, precision=e.precision,  # type: ignore[arg-type]
        text=trim(e.sentence, 280), date_text=e.date_text, articles=articles,
        sources=roots.count(articles), spans=e.spans,
    )
