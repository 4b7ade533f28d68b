"""Street names of one story ("a flat on Alder Street", "arrested at 12 Mill Road"): outlets that
name the same street slightly differently ("Alder Street" / "Alden Street") disagree on a place,
which a reader should check. Only names that are close in spelling are compared (two different
streets of one story are not a disagreement), and only in sentences that speak of one happening.
"""

from __future__ import annotations

import re

from newsprism.stories.view_facts import ArticleContext, Fact

_KINDS = {"street": "street", "st": "street", "road": "road", "rd": "road", "avenue": "avenue",
          "ave": "avenue", "boulevard": "boulevard", "blvd": "boulevard", "lane": "lane",
          "drive": "drive"}  # not "Court": "Superior Court" is an institution
_STREET = re.compile(
    r"\b((?:[A-Z][a-z]+\s){1,3})(Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd\.|Lane|Drive)"
    r"(?![A-Za-z])")
_NOT_NAMES = frozenset({"The", "A", "An", "On", "In", "At", "Of", "And", "Wall", "Main", "High",
                        "Downing", "Fleet"})  # leading words, and streets that stand for institutions


def street_facts(ctx: ArticleContext) -> list[Fact]:
    """One fact per street name written with its kind (Street, Road, Avenue...)."""
    text = ctx.article.text
    out: list[Fact] = []
    for m in _STREET.finditer(text):
        words = [w for w in m.group(1).split() if w not in _NOT_NAMES]
        if not words or words[0] in ("Wall", "Downing", "Fleet"):
            continue
        kind = _KINDS[m.group(2).rstrip(".").lower()]
        name = " ".join(words)
        start = m.start(1) + m.group(1).index(words[0])
        sent = ctx.sentences.around(start, m.end())
        out.append(Fact(
            kind="place", article_id=ctx.article.id, key=("place", "street", "", ""),
            subject="street", start=start, end=m.end(), text=f"{name} {kind.title()}",
            sentence=sent, persons=ctx.persons_in(*sent), names=ctx.names_in(*sent) - {name},
            words=ctx.content(sent) - {w.lower() for w in words},
            sentence_index=ctx.sentences.index_of(start),
        ))
    return out
