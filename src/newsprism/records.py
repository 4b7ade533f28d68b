"""Every record type newsprism passes around: the shared vocabulary of all modules.

Records are msgspec Structs: fast to build, one strict JSON codec (`to_json`/`from_json`).
Character offsets (`start`, `end`) always index the article's clean `text`, end exclusive.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any, Literal, TypeVar

import msgspec

T = TypeVar("T")


class Record(msgspec.Struct, kw_only=True, omit_defaults=False):
    """Base of all records."""


# ---------------------------------------------------------------- articles


class Link(Record, kw_only=True):
    """A hyperlink that was markup in the source; its anchor text stays in the clean text."""

    text: str
    url: str
    start: int
    end: int


class Dateline(Record, kw_only=True):
    """The dateline that opens a report: `MOSCOW —`, `AVDIVKA, Ukraine:`."""

    text: str  # as written
    place: str | None = None  # normalised place name ("Avdiivka")
    country: str | None = None  # ISO 3166 alpha-3 where known
    outlet: str | None = None  # an outlet named inside the dateline


class Segment(Record, kw_only=True):
    """A part of a stitched document: one report of several glued together."""

    start: int
    end: int


class Removed(Record, kw_only=True):
    """Something cleaning took out of the body, kept because it is metadata or for audit."""

    kind: Literal[
        "header", "byline", "caption", "credit", "related", "original_url", "note", "subhead", "file_name",
        "other"
    ]
    text: str


class Article(Record, kw_only=True):
    """One clean article with its metadata."""

    id: str
    source: str  # the path or URL it was read from (path#n for a record inside a file)
    text: str  # the clean body
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = []
    agency: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    language: str | None = None  # ISO 639-1
    dateline: Dateline | None = None
    segments: list[Segment] = []
    links: list[Link] = []
    removed: list[Removed] = []
    subheads: list[str] = []


_WS = re.compile(r"\s+")


def normalise_for_id(text: str) -> str:
    """Text as it counts for identity: case, spacing and quote styles folded.

    The same as `_WS.sub(" ", text.translate(QUOTE_FOLD).lower()).strip()`, 6x cheaper: a
    replace only for the quote marks present, str.split for the spacing (the same whitespace)."""
    for mark, plain in _QUOTE_PAIRS:
        if mark in text:
            text = text.replace(mark, plain)
    return " ".join(text.lower().split())


QUOTE_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u00b4": "'", "\u02bc": "'", "`": "'",
     "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'}
)
_QUOTE_PAIRS = tuple((chr(code), str(plain)) for code, plain in QUOTE_FOLD.items())


def article_id(text: str) -> str:
    """Stable id from normalised content: the same article read twice gets the same id."""
    return hashlib.sha1(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- analysis outputs


class Sentence(Record, kw_only=True):
    start: int
    end: int


EntityType = Literal["PERSON", "ORG", "PLACE", "OTHER"]


class Entity(Record, kw_only=True):
    """A mention of a person, organisation, place or other named thing."""

    text: str
    type: EntityType
    canonical: str  # the merged name all mentions of one entity share ("Volodymyr Zelenskiy")
    role: str | None = None  # "Foreign Secretary"
    country: str | None = None  # ISO 3166 alpha-3, or an organisation code (NATO)
    start: int
    end: int
    key: str | None = None  # spelling-folded canonical: merges Zelenskiy/Zelensky across articles


class Quote(Record, kw_only=True):
    """Direct, partial or indirect (reported) speech with its speaker."""

    text: str  # the quoted or reported content
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = None  # canonical entity, organisation or group; None when unknown
    speaker_text: str | None = None  # the words in the text naming the speaker
    cue: str | None = None  # the speech verb ("said", "told reporters")
    start: int
    end: int
    speaker_start: int | None = None  # offsets of speaker_text, when the speaker is named in the text
    speaker_end: int | None = None


class Figure(Record, kw_only=True):
    """A number with what it counts and who claims it."""

    value: float
    unit: str | None = None  # "percent", "km", "day", "USD"...
    qualifier: str | None = None  # "more than", "up to", "about", "estimated"...
    object: str | None = None  # what is counted ("soldiers")
    source: str | None = None  # who claims it (canonical), else None
    text: str
    start: int
    end: int


class DateMention(Record, kw_only=True):
    """A date expression; `value` is ISO (YYYY, YYYY-MM, YYYY-MM-DD) when resolvable."""

    text: str
    value: str | None = None
    weekday: str | None = None  # "Monday" for weekday expressions, resolved or not
    relative: bool = False
    start: int
    end: int


class Place(Record, kw_only=True):
    """A toponym geocoded against the offline gazetteer."""

    text: str
    name: str
    country: str | None = None  # ISO 3166 alpha-3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    start: int
    end: int


class Actor(Record, kw_only=True):
    text: str
    code: str | None = None  # ISO 3166 alpha-3 or organisation code (NATO, EU, UN...)
    sector: str | None = None  # GOV, MIL, ...
    start: int | None = None  # offsets of the mention in the article text, where known
    end: int | None = None


class Event(Record, kw_only=True):
    """A coded event: who did what to whom, where and when (CAMEO and PLOVER)."""

    source: Actor | None = None
    target: Actor | None = None
    cameo: str
    plover: str
    mode: str | None = None
    goldstein: float
    quad_class: int
    place: str | None = None
    date: str | None = None
    text: str
    start: int
    end: int


# ---------------------------------------------------------------- pipeline bookkeeping


class StepFailure(Record, kw_only=True):
    """One step that failed on one article."""

    step: str
    error_type: str
    message: str


class IngestFailure(Record, kw_only=True):
    """One input item that could not be read."""

    item: str
    error_type: str
    code: str
    message: str


class ShardSummary(msgspec.Struct, kw_only=True):
    """What processing one scale-out shard did; also the body of its done-marker (`scale/`)."""

    shard: str
    key: str
    articles: int = 0
    ingest_failures: list[IngestFailure] = []
    step_failures: int = 0
    stats: dict[str, list[float]] = {}  # step -> [runs, failures, skipped, seconds]
    seconds: float = 0.0
    versions: dict[str, str] = {}
    schema: str = "1"  # the shard's Parquet schema version (scale.parquet.SCHEMA_VERSION)
    skipped: bool = False  # finished by an earlier run

    @property
    def ok(self) -> bool:
        return not self.ingest_failures and self.step_failures == 0


class ArticleResult(Record, kw_only=True):
    """An article with the outputs of the steps that ran on it."""

    article: Article
    outputs: dict[str, Any] = {}
    versions: dict[str, str] = {}
    keys: dict[str, str] = {}  # step -> key of the inputs its output was computed from
    failures: list[StepFailure] = []


class Analysis(Record, kw_only=True):
    """One article's stored step outputs, each decoded with its step's declared type.

    A step that did not run (or whose output no longer decodes) is absent from `versions` and
    its list is empty. The field names are the step names (`ANALYSIS_STEPS`).
    """

    article_id: str
    versions: dict[str, str] = {}  # step -> version of the stored output read
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    places: list[Place] = []
    dates: list[DateMention] = []
    figures: list[Figure] = []
    quotes: list[Quote] = []
    events: list[Event] = []

    def ran(self, step: str) -> bool:
        """Whether a stored output of `step` was read."""
        return step in self.versions

    def outputs(self) -> dict[str, list[Any]]:
        """The outputs that were read, by step name (the shape `Pipeline.run` produces)."""
        return {step: getattr(self, step) for step in ANALYSIS_STEPS if step in self.versions}

    @classmethod
    def of(cls, article_id: str, outputs: Mapping[str, Any],
           versions: Mapping[str, str] | None = None) -> Analysis:
        """The `Analysis` of in-memory step outputs (records, or their JSON builtins), each
        converted to its step's type (msgspec.ValidationError when one is not of it)."""
        fields = {step: msgspec.convert(value, _OUTPUT_TYPES[step])
                  for step, value in outputs.items() if step in _OUTPUT_TYPES}
        ran = {step: (versions or {}).get(step, "") for step in fields}
        return cls(article_id=article_id, versions=ran, **fields)


class ArticleDetail(Record, kw_only=True):
    """One article with its analysis: the one shape of `newsprism analyze --json`,
    `newsprism show --json`, `GET /api/articles/{id}` and the article page."""

    article: Article
    analysis: Analysis
    story_id: str | None = None  # the story it belongs to (stored articles only)
    failures: list[StepFailure] = []  # steps that failed on it

    @classmethod
    def of_result(cls, result: ArticleResult) -> ArticleDetail:
        """The record of a freshly analysed article (not stored: no story)."""
        return cls(article=result.article, failures=result.failures,
                   analysis=Analysis.of(result.article.id, result.outputs, result.versions))


ANALYSIS_STEPS: tuple[str, ...] = (
    "sentences", "entities", "places", "dates", "figures", "quotes", "events")
"""The steps whose outputs an `Analysis` holds, in pipeline order."""


def output_type(step: str) -> Any:
    """The declared output type of a step an `Analysis` holds (`list[Entity]`...), else None."""
    return _OUTPUT_TYPES.get(step)


# ---------------------------------------------------------------- stories


class CopyRelation(Record, kw_only=True):
    """`article_id` is a copy (exact or near) or a rewrite of `original_id`, which came first."""

    article_id: str
    original_id: str
    kind: Literal["exact", "near", "rewrite"]
    similarity: float


class SharedPassage(Record, kw_only=True):
    """A run of text reused between two articles, with offsets in both."""

    a_id: str
    b_id: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float
    kind: Literal["verbatim", "edited", "paraphrase"]


class StorySummary(Record, kw_only=True):
    id: str
    title: str | None = None
    size: int
    outlets: list[str] = []
    first_seen: str | None = None
    last_seen: str | None = None


# ---------------------------------------------------------------- codec

_encoder = msgspec.json.Encoder()


def to_json(obj: Any) -> bytes:
    return _encoder.encode(obj)


def from_json(data: bytes | str, type: type[T]) -> T:  # noqa: A002
    return msgspec.json.decode(data, type=type)


def to_builtins(obj: Any) -> Any:
    return msgspec.to_builtins(obj)


_OUTPUT_TYPES: dict[str, Any] = {
    f.name: f.type for f in msgspec.structs.fields(Analysis) if f.name in ANALYSIS_STEPS}
