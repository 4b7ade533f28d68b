"""Records the read layer returns beside the shared ones of `newsprism.records`."""

from __future__ import annotations

from newsprism.records import Event, Quote, Record


class ArticleSummary(Record, kw_only=True):
    """The fields of an article listing (no text)."""

    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    authors: list[str] = []
    chars: int = 0  # length of the clean text
    snippet: str = ""  # search hits: the matching passage, matches in [brackets]
    score: float = 0.0  # search hits: relevance (higher first)


class AttributedQuote(Quote, kw_only=True):
    """A quote with the article it was read in."""

    article_id: str
    article_title: str | None = None
    outlet: str | None = None
    published: str | None = None


class ArticleEvent(Event, kw_only=True):
    """A coded event with the article it was read in."""

    article_id: str
    article_title: str | None = None
    outlet: str | None = None
    published: str | None = None


class EntityCount(Record, kw_only=True):
    """An entity name with how many articles mention it."""

    name: str
    kind: str  # person, org or place
    articles: int


class EntityProfile(Record, kw_only=True):
    """A person, organisation or place across the store."""

    name: str  # the canonical name as the entities step writes it
    kind: str  # person, org or place (most frequent)
    roles: list[str] = []  # most cited first
    aliases: list[str] = []  # other spellings seen in the text
    countries: list[str] = []
    articles: int = 0  # articles that mention or quote it
    article_ids: list[str] = []  # the newest of them (up to 100)
    stories: list[str] = []  # stories of those articles
    quote_count: int = 0
    quotes: list[AttributedQuote] = []
