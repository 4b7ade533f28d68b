"""The claims of one story (figures and dates with verdicts), for contradiction rules.

Built the way the story view builds them, from the story's own articles only: the cost grows with
the story, never with the store. Only the claims are built, not the whole view.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

from newsprism.records import Analysis, Article, CopyRelation
from newsprism.stories.claims import build_claims
from newsprism.stories.view import outlet_of
from newsprism.stories.view_dates import date_facts
from newsprism.stories.view_facts import ArticleContext, Fact
from newsprism.stories.view_figures import figure_facts
from newsprism.stories.view_records import Claim
from newsprism.stories.view_text import Roots

MAX_MEMBERS = 200  # a story's latest articles read for its claims (bounds one article's cost)


Loader = Callable[[list[str]], Mapping[str, Analysis]]


class FactCache:
    """Each article's figure and date facts, kept between arrivals (least recently used out).

    Keyed by the article, the key of its stored results (a reanalysis makes new facts) and, for an
    article without a date, the story's year and latest date its relative dates resolve against.
    """

    def __init__(self, size: int = 5000) -> None:
        self.size = size
        self._facts: OrderedDict[tuple[str, ...], list[Fact]] = OrderedDict()

    def get(self, key: tuple[str, ...]) -> list[Fact] | None:
        found = self._facts.get(key)
        if found is not None:
            self._facts.move_to_end(key)
        return found

    def put(self, key: tuple[str, ...], facts: list[Fact]) -> None:
        self._facts[key] = facts
        while len(self._facts) > self.size:
            self._facts.popitem(last=False)


def claims_of(articles: Sequence[Article], load: Loader, copies: Sequence[CopyRelation],
              cache: FactCache | None = None, keys: Mapping[str, str] | None = None) -> list[Claim]:
    """The claims reported by at least two of these articles (copies count as their original).

    `load(ids)` reads analyses; with a `cache` and each article's results key in `keys`, only
    articles whose facts are not cached are read and extracted.
    """
    if len(articles) < 2:
        return []
    ids = [a.id for a in articles]
    idset = set(ids)
    roots = Roots(ids, [c for c in copies if c.article_id in idset and c.original_id in idset])
    latest = max((a.published for a in articles if a.published), default=None)
    years = [a.published[:4] for a in articles if a.published and a.published[:4].isdigit()]
    year = int(max(set(years), key=years.count)) if years else None
    known = {a.id: (a.id, (keys or {}).get(a.id, ""), "" if a.published else f"{year}|{latest}")
             for a in articles}
    found = {aid: cache.get(k) for aid, k in known.items()} if cache is not None and keys else {}
    missing = [aid for aid in ids if found.get(aid) is None]
    analyses = load(missing) if missing else {}
    facts: list[Fact] = []
    for article in articles:
        mine = found.get(article.id)
        if mine is None:
            analysis = analyses.get(article.id) or Analysis(article_id=article.id)
            ctx = ArticleContext(article, analysis, year, latest)
            mine = figure_facts(ctx, analysis.figures) + date_facts(ctx, analysis.dates)
            if cache is not None and keys:
                cache.put(known[article.id], mine)
        facts += mine
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
