"""People, organisations and places across the store: counts, profiles, quotes.

Everything is found through the `search_terms` index (kinds person, org, place, and speaker for
quotes' speakers), then the few articles it names are decoded with `get_analyses`.
"""

from __future__ import annotations

import re
from collections import Counter

from newsprism.errors import NotFound
from newsprism.read.records import AttributedQuote, EntityCount, EntityProfile
from newsprism.read.stories import stories_of
from newsprism.records import Quote
from newsprism.store.base import SQLStore

ENTITY_KINDS = ("person", "org", "place")
ENTITY_SCAN = 200
ROLE_SAMPLE = 30

_EXACT, _ANY_CASE = "m.value = ?", "LOWER(m.value) = LOWER(?)"
_NEWEST = "ORDER BY COALESCE(a.published, '') DESC, a.seq DESC"


def _mention_kinds(store: SQLStore, name: str, kinds: tuple[str, ...]) -> tuple[Counter[str], str]:
    """How many articles index the name under each of `kinds`, and the match that found them
    (the exact name, using the index; any capitalisation only when it finds none)."""
    marks = ", ".join("?" for _ in kinds)
    for clause in (_EXACT, _ANY_CASE):
        rows = store.query(f"SELECT m.kind, COUNT(*) FROM search_terms m WHERE m.kind IN ({marks})"
                           f" AND {clause} GROUP BY m.kind", (*kinds, name))
        if rows:
            return Counter({str(r[0]): int(r[1]) for r in rows}), clause
    return Counter(), _EXACT


def _article_ids(store: SQLStore, name: str, kinds: tuple[str, ...], match: str, total: int,
                 scan: int) -> list[str]:
    """The newest `scan` articles indexing the name under `kinds`, found `total` times.

    A rare name sorts its few articles; a frequent one walks the publication-date index from the
    newest article and stops early (sorting thousands of rows per request would be slow).
    """
    where = f"m.kind IN ({', '.join('?' for _ in kinds)}) AND {match}"
    if total > 4 * scan:
        sql = (f"SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM search_terms m WHERE"
               f" m.article_id = a.id AND {where}) {_NEWEST} LIMIT ?")
    else:
        sql = (f"SELECT DISTINCT a.id, COALESCE(a.published, '') AS day, a.seq FROM search_terms m"
               f" JOIN articles a ON a.id = m.article_id WHERE {where} ORDER BY day DESC, a.seq DESC"
               f" LIMIT ?")
    return [str(r[0]) for r in store.query(sql, (*kinds, name, scan))]


def entity(store: SQLStore, name: str, quote_limit: int = 20, scan: int = ENTITY_SCAN) -> EntityProfile:
    """A person, organisation or place across the store: roles, aliases, quotes, stories.

    Quotes and stories come from the newest `scan` articles that mention or quote it; roles and
    spellings from the newest ROLE_SAMPLE of those that mention it.
    """
    kinds, match = _mention_kinds(store, name, ENTITY_KINDS)
    mention_ids = _article_ids(store, name, ENTITY_KINDS, match, sum(kinds.values()), scan) if kinds else []
    spoke, smatch = _mention_kinds(store, name, ("speaker",))
    speaker_ids = _article_ids(store, name, ("speaker",), smatch, sum(spoke.values()), scan) if spoke else []
    ids = list(dict.fromkeys(mention_ids + speaker_ids))
    if not ids:
        raise NotFound(f"no entity {name!r}", hint="names are canonical, as entity links show them")
    profile = EntityProfile(name=name, kind=kinds.most_common(1)[0][0] if kinds else "person",
                            articles=max(max(kinds.values(), default=0), len(ids)),
                            article_ids=ids[:100], stories=stories_of(store, ids[:100]))
    _add_names(store, profile, mention_ids[:ROLE_SAMPLE])
    quotes = quotes_by(store, speaker_ids, name)
    profile.quote_count, profile.quotes = len(quotes), quotes[:quote_limit]
    return profile


def _add_names(store: SQLStore, profile: EntityProfile, ids: list[str]) -> None:
    """Roles, spellings and countries of the entity in these articles."""
    roles: Counter[str] = Counter()
    aliases: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    wanted = profile.name.lower()
    for analysis in store.get_analyses(ids, ("entities",)).values():
        for ent in analysis.entities:
            if ent.canonical.lower() != wanted:
                continue
            profile.name = ent.canonical
            aliases[ent.text] += 1
            roles.update([ent.role] if ent.role else [])
            countries.update([ent.country] if ent.country else [])
    aliases.pop(profile.name, None)
    profile.roles = [r for r, _ in roles.most_common()]
    profile.aliases = [a for a, _ in aliases.most_common()]
    profile.countries = [c for c, _ in countries.most_common()]


def quotes_by(store: SQLStore, ids: list[str], name: str) -> list[AttributedQuote]:
    """Quotes whose speaker is `name` (any capitalisation) in these articles, in their order."""
    analyses = store.get_analyses(ids, ("quotes",))
    articles = {a.id: a for a in store.get_articles(ids)}
    wanted = name.lower()
    out: list[AttributedQuote] = []
    for aid in ids:
        article = articles.get(aid)
        if article is None:
            continue
        out += [attributed(q, aid, article.title, article.outlet, article.published)
                for q in analyses[aid].quotes if (q.speaker or "").lower() == wanted]
    return out


def attributed(q: Quote, article_id: str, title: str | None, outlet: str | None,
               published: str | None) -> AttributedQuote:
    """A quote with the article it was read in."""
    return AttributedQuote(
        text=q.text, kind=q.kind, speaker=q.speaker, speaker_text=q.speaker_text, cue=q.cue,
        start=q.start, end=q.end, speaker_start=q.speaker_start, speaker_end=q.speaker_end,
        article_id=article_id, article_title=title, outlet=outlet, published=published)


def people_in_hits(store: SQLStore, q: str, hit_ids: list[str], limit: int = 3) -> list[str]:
    """Canonical names of people and organisations in the hit articles whose name or mention
    contains a word of the query, most mentioned first (cheap: reads only the hits' entities)."""
    words = [w.lower() for w in re.findall(r"\w{3,}", q)]
    if not words:
        return []
    counts: Counter[str] = Counter()
    for analysis in store.get_analyses(hit_ids, ("entities",)).values():
        for ent in analysis.entities:
            if ent.type not in ("PERSON", "ORG") or not ent.canonical:
                continue
            names = f"{ent.canonical} {ent.text}".lower()
            if any(re.search(rf"\b{re.escape(w)}", names) for w in words):
                counts[ent.canonical] += 1
    return [name for name, _ in counts.most_common(limit)]


def entity_quotes(store: SQLStore, name: str, limit: int, offset: int) -> list[AttributedQuote]:
    """Quotes attributed to an entity, newest article first."""
    return entity(store, name, quote_limit=offset + limit).quotes[offset:offset + limit]


def list_entities(store: SQLStore, kind: str | None, q: str, limit: int, offset: int) -> list[EntityCount]:
    """Entities by how many articles mention them; `q` matches a part of the name."""
    kinds = [kind] if kind else list(ENTITY_KINDS)
    marks = ", ".join("?" for _ in kinds)
    rows = store.query(
        f"SELECT value, kind, COUNT(*) FROM search_terms WHERE kind IN ({marks})"
        " AND LOWER(value) LIKE LOWER(?) ESCAPE '\\' GROUP BY value, kind"
        " ORDER BY COUNT(*) DESC, value LIMIT ? OFFSET ?",
        [*kinds, f"%{_like(q)}%", limit, offset],
    )
    return [EntityCount(name=str(r[0]), kind=str(r[1]), articles=int(r[2])) for r in rows]


def _like(text: str) -> str:
    """`text` with LIKE's wildcards escaped, so a `%` in a query matches a `%`."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
