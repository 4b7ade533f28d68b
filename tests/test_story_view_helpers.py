"""Builders for hand-made story view inputs: articles and the step records the pipeline would store.

The outputs are real records (`Figure`, `DateMention`, `Entity`, `Quote`), so renaming a field of
one breaks these builders, and with them the story view tests, instead of leaving them green.
"""

from __future__ import annotations

from typing import Literal

from newsprism.records import (
    Analysis,
    Article,
    DateMention,
    Entity,
    EntityType,
    Figure,
    Quote,
    article_id,
)

QuoteKind = Literal["direct", "partial", "indirect"]


def find(text: str, snippet: str) -> tuple[int, int]:
    start = text.index(snippet)
    return start, start + len(snippet)


def make(text: str, *, published: str | None = "2030-05-10", outlet: str | None = None,
         figures: list[tuple[str, float, str | None, str | None]] | None = None,
         dates: list[tuple[str, str | None, str | None]] | None = None,
         entities: list[tuple[str, EntityType, str]] | None = None,
         quotes: list[tuple[str, str, QuoteKind]] | None = None,
         ) -> tuple[Article, Analysis]:
    """An article and its analysis; spans are located by snippet in the text."""
    art = Article(id=article_id(text), source="test", text=text, published=published, outlet=outlet)
    analysis = Analysis(article_id=art.id, versions=dict.fromkeys(
        ("figures", "dates", "entities", "quotes"), "1"))
    for snippet, value, qualifier, unit in figures or []:
        s, e = find(text, snippet)
        analysis.figures.append(Figure(value=value, qualifier=qualifier, unit=unit, text=snippet,
                                       start=s, end=e))
    for snippet, iso, weekday in dates or []:
        s, e = find(text, snippet)
        analysis.dates.append(DateMention(text=snippet, value=iso, weekday=weekday,
                                          relative=weekday is not None, start=s, end=e))
    for snippet, typ, canonical in entities or []:
        s, e = find(text, snippet)
        analysis.entities.append(Entity(text=snippet, type=typ, canonical=canonical, start=s, end=e))
    for snippet, speaker, kind in quotes or []:
        s, e = find(text, snippet)
        analysis.quotes.append(Quote(text=snippet, kind=kind, speaker=speaker, cue="said",
                                     start=s, end=e))
    return art, analysis


def inputs(*pairs: tuple[Article, Analysis]) -> tuple[list[Article], dict[str, Analysis]]:
    return [a for a, _ in pairs], {a.id: o for a, o in pairs}
