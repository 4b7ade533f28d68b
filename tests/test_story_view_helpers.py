"""Builders for hand-made story view inputs: articles and step outputs written by the tests."""

from __future__ import annotations

from typing import Any

from newsprism.records import Article, article_id


def find(text: str, snippet: str) -> tuple[int, int]:
    start = text.index(snippet)
    return start, start + len(snippet)


def make(text: str, *, published: str | None = "2030-05-10", outlet: str | None = None,
         figures: list[tuple[str, float, str | None, str | None]] = (),  # type: ignore[assignment]
         dates: list[tuple[str, str | None, str | None]] = (),  # type: ignore[assignment]
         entities: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
         quotes: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
         ) -> tuple[Article, dict[str, Any]]:
    """An article and its outputs; spans are located by snippet in the text."""
    art = Article(id=article_id(text), source="test", text=text, published=published, outlet=outlet)
    out: dict[str, Any] = {"figures": [], "dates": [], "entities": [], "quotes": []}
    for snippet, value, qualifier, unit in figures:
        s, e = find(text, snippet)
        out["figures"].append({"value": value, "qualifier": qualifier, "unit": unit, "object": None,
                               "source": None, "text": snippet, "start": s, "end": e})
    for snippet, value, weekday in dates:
        s, e = find(text, snippet)
        out["dates"].append({"text": snippet, "value": value, "weekday": weekday,
                             "relative": weekday is not None, "start": s, "end": e})
    for snippet, typ, canonical in entities:
        s, e = find(text, snippet)
        out["entities"].append({"text": snippet, "type": typ, "canonical": canonical, "role": None,
                                "country": None, "start": s, "end": e})
    for snippet, speaker, kind in quotes:
        s, e = find(text, snippet)
        out["quotes"].append({"text": snippet, "kind": kind, "speaker": speaker, "speaker_text": None,
                              "cue": "said", "start": s, "end": e})
    return art, out


def inputs(*pairs: tuple[Article, dict[str, Any]]) -> tuple[list[Article], dict[str, dict[str, Any]]]:
    return [a for a, _ in pairs], {a.id: o for a, o in pairs}
