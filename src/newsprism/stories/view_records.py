"""The story view contract: one JSON shape used by the CLI, the HTTP API and the pages.

Every item carries the ids of the articles it comes from and `Span`s (article id plus offsets into
that article's clean text, end exclusive) so a reader can open the passage and check it.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from newsprism.records import CopyRelation, SharedPassage


class ViewRecord(msgspec.Struct, kw_only=True):
    """Base of the story view records."""


class Span(ViewRecord, kw_only=True):
    """Where something was read: `article_id` and offsets into its clean text (end exclusive)."""

    article_id: str  # the article the offsets index
    start: int  # offset of the first character in the article's clean text
    end: int  # offset after the last character (end exclusive)


class Member(ViewRecord, kw_only=True):
    """One article of the story, with what it is a copy of when it is one."""

    id: str  # the article id
    title: str | None = None  # the article's title, when known
    outlet: str | None = None  # outlet, else dateline outlet, URL host, agency, or "unknown"
    published: str | None = None  # ISO publication date or datetime
    url: str | None = None  # where it was published
    copy_of: str | None = None  # id of the earlier article this one copies or rewrites
    copy_kind: str | None = None  # "exact", "near" or "rewrite" when `copy_of` is set


class Person(ViewRecord, kw_only=True):
    """A person or organisation merged across the story's articles."""

    name: str  # the canonical name
    type: Literal["PERSON", "ORG"]
    aliases: list[str] = []  # other spellings and short forms seen ("Zelensky", "Lavrov")
    roles: list[str] = []  # roles stated in the articles ("Foreign Minister"), most cited first
    country: str | None = None  # ISO 3166 alpha-3 or organisation code where stated
    articles: list[str] = []  # ids of the articles that mention them
    mentions: int = 0  # mentions over all articles
    quotes: int = 0  # distinct quotes attributed to them in the story
    spans: list[Span] = []  # the first mention in each article


class ClaimValue(ViewRecord, kw_only=True):
    """One value a group of sources gives for a claim."""

    value: str  # normalised: a number ("30000") or a date ("2022-02-20", "Monday" if unresolved)
    text: str  # as written in the first article that gives it ("up to 30,000 troops")
    qualifier: str | None = None  # "more than", "up to", "about", "estimated"... or None
    low: float | None = None  # the interval the value and qualifier allow (numbers only)
    high: float | None = None  # null when unbounded above
    unit: str | None = None  # "percent", "day", "USD"... None for a count
    claimants: list[str] = []  # who the articles say claims it ("Jens Stoltenberg", "US officials")
    articles: list[str] = []  # every article giving this value, copies included
    sources: int = 0  # independent sources among `articles` (copies of one article count once)
    sentence: str = ""  # the sentence it was read in (first article)
    spans: list[Span] = []  # the figure or date in each article
    outlets: list[str] = []  # the outlets of `articles`, in first-reported order
    when: str | None = None  # figures: the ISO day the value holds for (its clause's date, else publication)


class Claim(ViewRecord, kw_only=True):
    """The same quantity or dated fact reported by sources, with a verdict on their values."""

    id: str  # stable within the view ("c1", "c2"...)
    kind: Literal["figure", "date", "place", "name"]
    subject: str  # what is counted or dated ("troops in Belarus", "drills end")
    key: list[str] = []  # the normalised words the grouping used
    unit: str | None = None  # the unit its figures share (None for counts and dates)
    values: list[ClaimValue] = []  # one entry per distinct value, in first-reported order
    verdict: Literal["agree", "contradict", "update", "complementary", "single"]
    explanation: str  # one line saying why the verdict
    sources: int = 0  # independent sources over all values
    articles: list[str] = []  # every article giving any value, copies included


class QuoteItem(ViewRecord, kw_only=True):
    """One quote, reported by one or more articles (near-identical wording merged)."""

    text: str  # the quoted or reported words (the longest direct wording seen)
    kind: Literal["direct", "partial", "indirect"]
    cue: str | None = None  # the speech verb ("said", "told reporters")
    articles: list[str] = []  # every article reporting it
    sources: int = 0  # independent sources (copies count once)
    spans: list[Span] = []  # the quote in each article
    discrepancy: str | None = None  # another outlet prints this quote with a materially different wording (how)


class SpeakerQuotes(ViewRecord, kw_only=True):
    """Everything one speaker is reported to have said in the story."""

    speaker: str  # canonical name, or "unknown" when no article names the speaker
    role: str | None = None  # their most cited role
    country: str | None = None  # ISO 3166 alpha-3 or organisation code
    quotes: list[QuoteItem] = []  # most reported first
    articles: list[str] = []  # articles quoting them


class TimelineEntry(ViewRecord, kw_only=True):
    """A dated happening from the story's articles."""

    date: str | None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD); None for an unresolved weekday
    weekday: str | None = None  # "Monday" for weekday expressions
    precision: Literal["year", "month", "day", "weekday"]
    text: str  # the sentence (trimmed) that dates it
    date_text: str  # the date expression as written ("on 20 February", "last Monday")
    articles: list[str] = []  # articles reporting it
    sources: int = 0  # independent sources (copies count once)
    spans: list[Span] = []  # the date expression in each article


class OutletCoverage(ViewRecord, kw_only=True):
    """One outlet's part in the story."""

    outlet: str  # the outlet name, or the article's source host/path when none is known
    articles: list[str] = []  # its articles in the story
    first_published: str | None = None  # when it first reported the story
    first_article: str | None = None  # its first article
    copies: int = 0  # how many of its articles copy or rewrite an earlier one


class Coverage(ViewRecord, kw_only=True):
    """Who reported the story, when, and what is original."""

    outlets: list[OutletCoverage] = []  # ordered by first report
    first_published: str | None = None  # the story's first publication date
    last_published: str | None = None  # its latest
    originals: list[str] = []  # articles that copy no other article of the story
    copies: list[CopyRelation] = []  # copy and rewrite relations inside the story


class BriefSentence(ViewRecord, kw_only=True):
    """One sentence of the brief, taken word for word from `span`'s article."""

    text: str  # the sentence as written (spacing folded)
    span: Span  # where the sentence was taken from
    citations: list[str] = []  # every article that contains this sentence or a shared passage of it
    contested: bool = False  # it states a claim sources contradict
    note: str | None = None  # for contested sentences: the values sources give ("100000 vs 140000")
    claims: list[str] = []  # ids of the claims the sentence states


class MapPlace(ViewRecord, kw_only=True):
    """A geocoded place the story's articles name, for its map."""

    name: str  # the gazetteer name ("Kharkiv")
    country: str | None = None  # ISO 3166 alpha-3
    lat: float
    lon: float
    articles: list[str] = []  # articles that name it
    mentions: int = 0  # mentions over all articles


class StoryView(ViewRecord, kw_only=True):
    """The whole story view: the one JSON contract of `newsprism story ID --json` and the API."""

    story_id: str  # the story (a merged-away id resolves to the live one)
    title: str | None = None  # the story's title
    size: int = 0  # number of member articles
    members: list[Member] = []  # by publication date
    people: list[Person] = []  # people and organisations, most widely reported first
    claims: list[Claim] = []  # claims reported by two or more articles, contradictions first
    quotes: list[SpeakerQuotes] = []  # quotes by speaker
    timeline: list[TimelineEntry] = []  # dated happenings in date order
    coverage: Coverage = msgspec.field(default_factory=Coverage)  # outlets, first reports, copies
    brief: list[BriefSentence] = []
    copies: list[CopyRelation] = []
    passages: list[SharedPassage] = []
    places: list[MapPlace] = []  # geocoded places, most mentioned first
    build_ms: float = 0.0  # time it took to build the view
