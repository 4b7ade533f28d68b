"""Ages of named people ("61-year-old Ana Ruiz", "Ana Ruiz, 61,"): a figure whose frame is the
person, so two outlets giving one person two ages disagree whatever else their sentences say.

The figures step leaves ages out (an age is not a count); the claims table reads them here. A bare
surname is not enough: relatives share one ("Gomes, 61" may be the mother or the son).
"""

from __future__ import annotations

import re

from newsprism.analyze.figures import words_to_number
from newsprism.stories.view_facts import ArticleContext, Fact

_WORD = r"[A-Za-z]+(?:-[A-Za-z]+)?"
_BEFORE = re.compile(rf"(?<![\w-])(\d{{1,3}}|{_WORD})(?:\s?-\s?|\s)years?(?:\s?-\s?|\s)old(?:\s+[a-z][\w'-]*){{0,3}}\s+$",
                     re.IGNORECASE)
_AFTER = re.compile(r"\s*(?:,\s*(?:aged?\s+)?|\()(\d{1,3})(?:\)|,|\s+(?:and|was|is|who|of|with)\b)")
_FUSED = re.compile(rf"^({_WORD}|\d{{1,3}})-years?-old\s+(?=[A-Z])")  # "Sixty-year-old Ana Ruiz" read as one name
_LOOKBACK = 60


def age_facts(ctx: ArticleContext) -> list[Fact]:
    """One fact per stated age of a person named with at least two words."""
    out: list[Fact] = []
    text = ctx.article.text
    for start, end, name in _people(ctx):
        if " " not in name.strip():
            continue
        found = _age_at(text, start, end)
        if found is None:
            continue
        value, a, b = found
        sent = ctx.sentences.around(a, b)
        out.append(Fact(
            kind="figure", article_id=ctx.article.id, key=("figure", f"age:{name}", "year", "", ""),
            subject=f"age of {name}", start=a, end=b, text=text[a:b], sentence=sent,
            number=float(value), unit="year", persons=ctx.persons_in(*sent),
            names=ctx.names_in(*sent), words=ctx.content(sent),
            sentence_index=ctx.sentences.index_of(a),
            when=ctx.article.published[:10] if ctx.article.published else None,
        ))
    return out


def _people(ctx: ArticleContext) -> list[tuple[int, int, str]]:
    """The article's people, and names an age opening the sentence was fused into ("Sixty-year-old
    Ana Ruiz" taken as one name): the name without the age, whose age stands before it."""
    out = list(ctx.persons)
    for e in ctx.entities:
        m = _FUSED.match(e.text)
        if m is not None and e.text == (e.canonical or e.text) and len(e.text[m.end():].split()) >= 2:
            out.append((e.start + m.end(), e.end, e.text[m.end():]))
    return out


def _age_at(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(age, start, end of the age words) stated next to the name at [start, end)."""
    m = _AFTER.match(text, end)
    if m is not None:
        value = int(m.group(1))
        return (value, m.start(1), m.end(1)) if 0 < value < 120 else None
    lo = max(0, start - _LOOKBACK)
    m = _BEFORE.search(text, lo, start)
    if m is None:
        return None
    raw = m.group(1)
    value = int(raw) if raw.isdigit() else words_to_number(raw)
    if not 0 < value < 120:
        return None
    return value, m.start(1), m.end(1)
