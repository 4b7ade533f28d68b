"""The claims of one story (figures and dates with verdicts), for contradiction rules.

Built the way the story view builds them, from the story's own articles only: the cost grows with
the story, never with the store. Only the claims are built, not the whole view.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from newsprism.records import Analysis, Article, CopyRelation
from newsprism.stories.claims import build_claims
from newsprism.stories.view import outlet_of
from newsprism.stories.view_dates import date_facts
from newsprism.stories.view_facts import ArticleContext, Fact
from newsprism.stories.view_figures import figure_facts
from newsprism.stories.view_records import Claim
from newsprism.stories.view_text import Roots

MAX_MEMBERS = 200  # a story's latest articles read for its claims (bounds one article's cost)


def claims_of(articles: Sequence[Article], analyses: Mapping[str, Analysis],
              copies: Sequence[CopyRelation]) -> list[Claim]:
    """The claims reported by at least two of these articles (copies count as their original)."""
    if len(articles) < 2:
        return []
    ids = [a.id for a in articles]
    idset = set(ids)
    roots = Roots(ids, [c for c in copies if c.article_id in idset and c.original_id in idset])
    latest = max((a.published for a in articles if a.published), default=None)
    years = [a.published[:4] for a in articles if a.published and a.published[:4].isdigit()]
    year = int(max(set(years), key=years.count)) if years else None
    facts: list[Fact] = []
    for article in articles:
        analysis = analyses.get(article.id) or Analysis(article_id=article.id)
        ctx = ArticleContext(article, analysis, year, latest)
        facts += figure_facts(ctx, analysis.figures)
        facts += date_facts(ctx, analysis.dates)
    return build_claims(facts, roots, {a.id: a.text for a in articles},
                        {a.id: (outlet_of(a), a.published) for a in articles})


def claim_key(claim: Claim) -> str:
    """What a claim is about, stable as articles arrive: kind, subject, unit and the value first
    reported (later values are appended after it)."""
    first = claim.values[0].value if claim.values else ""
    return f"{claim.kind}|{claim.subject.lower()}|{claim.unit or ''}|{first}"


def values_key(claim: Claim) -> str:
    """A short hash of a claim's distinct values (a new value makes a new contradiction)."""
    values = sorted({v.value for v in claim.values})
    return hashlib.sha1("\x1f".join(values).encode()).hexdigest()[:12]
