"""The read queries behind the HTTP API and the pages: one place, so JSON and HTML agree.

Every function takes a store and returns JSON builtins (dicts, lists, strings, numbers). Parts
built by other packages (stories, the story view, exports) are used when they are installed and
reported as unavailable otherwise, so the API and pages grow as those land.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections import Counter
from typing import Any

from newsprism.errors import NotFound, StoreError
from newsprism.records import Article, to_builtins
from newsprism.store.base import Filters, SQLStore

log = logging.getLogger(__name__)

ENTITY_KINDS = ("person", "org", "place")
ENTITY_SCAN = 200
ROLE_SAMPLE = 30
EVENT_SCAN_BATCH = 200
EVENT_SCAN_LIMIT = 20_000


def optional_module(name: str) -> Any:
    """Import another package's module when it exists; None only means "not installed"."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        if exc.name and name.startswith(exc.name):
            return None
        raise


def article_summary(article: Article) -> dict[str, Any]:
    """The fields of an article listing (no text)."""
    return {
        "id": article.id, "title": article.title, "outlet": article.outlet,
        "published": article.published, "url": article.url, "language": article.language,
        "authors": list(article.authors), "chars": len(article.text),
    }


def list_articles(store: SQLStore, filters: Filters, limit: int, offset: int) -> list[dict[str, Any]]:
    return [article_summary(a) for a in store.list_articles(filters, limit=limit, offset=offset)]


def search(store: SQLStore, q: str, filters: Filters, limit: int, offset: int) -> list[dict[str, Any]]:
    """Full-text hits; without a query, the filtered listing (so filters alone work too)."""
    if not q.strip():
        return [dict(item, snippet="", score=0.0)
                for item in list_articles(store, filters, limit, offset)]
    return [to_builtins(hit) for hit in store.search(q, filters, limit=limit, offset=offset)]


def article_detail(store: SQLStore, article_id: str) -> dict[str, Any]:
    """The article with its stored analysis outputs and the story it belongs to."""
    article = store.get_article(article_id)
    record: dict[str, Any] = to_builtins(article)
    record["outputs"] = store.get_outputs(article_id)
    record["story_id"] = story_of(store, article_id)
    return record


# ---------------------------------------------------------------- stories


def _storage() -> Any:
    return optional_module("newsprism.stories.storage")


def stories_available() -> bool:
    return _storage() is not None


def story_of(store: SQLStore, article_id: str) -> str | None:
    storage = _storage()
    if storage is None:
        return None
    try:
        value = storage.story_of(store, article_id)
    except NotFound:
        return None
    return str(value) if value else None


def list_stories(store: SQLStore, limit: int, offset: int) -> list[dict[str, Any]]:
    """Latest stories first, as `StorySummary` builtins."""
    storage = _storage()
    if storage is None:
        return []
    return [to_builtins(s) for s in storage.list_stories(store, limit=limit, offset=offset)]


def story_view(store: SQLStore, story_id: str) -> Any:
    """The `StoryView` of one story (raises NotFound for an unknown story)."""
    view_mod = optional_module("newsprism.stories.view")
    if view_mod is None or not hasattr(view_mod, "build_view"):
        raise StoreError("the story view is not available in this installation",
                         hint="install a newsprism with the stories package")
    return view_mod.build_view(store, story_id)


def get_story(store: SQLStore, story_id: str) -> dict[str, Any]:
    """One story's summary (size, outlets, first and last seen); NotFound when unknown."""
    storage = _storage()
    if storage is None:
        raise NotFound(f"no story {story_id!r}", hint="stories are not available in this installation")
    return dict(to_builtins(storage.get_story(store, story_id)))


def story_members(store: SQLStore, story_id: str) -> list[dict[str, Any]]:
    """The articles of a story in the order they joined."""
    storage = _storage()
    if storage is None:
        raise NotFound(f"no story {story_id!r}", hint="stories are not available in this installation")
    return [to_builtins(m) for m in storage.story_members(store, story_id)]


def stories_of(store: SQLStore, article_ids: list[str]) -> list[str]:
    """Distinct story ids of some articles, in order of first appearance."""
    seen: dict[str, None] = {}
    for aid in article_ids:
        sid = story_of(store, aid)
        if sid:
            seen.setdefault(sid, None)
    return list(seen)


# ---------------------------------------------------------------- entities


_EXACT, _ANY_CASE = "m.value = ?", "LOWER(m.value) = LOWER(?)"


def _mention_kinds(store: SQLStore, name: str) -> tuple[Counter[str], str]:
    """How many articles mention the name as a person, an organisation, a place, and the match
    that found them (the exact name, using the index; any capitalisation only when it finds none)."""
    for clause in (_EXACT, _ANY_CASE):
        rows = store.query("SELECT m.kind, COUNT(*) FROM mentions m WHERE m.kind IN ('person', 'org',"
                           f" 'place') AND {clause} GROUP BY m.kind", (name,))
        if rows:
            return Counter({str(r[0]): int(r[1]) for r in rows}), clause
    return Counter(), _EXACT


def _entity_article_ids(store: SQLStore, name: str, match: str, total: int, scan: int) -> list[str]:
    """The newest `scan` articles mentioning an entity mentioned in `total` articles.

    A rare name sorts its few articles; a frequent one walks the publication-date index from the
    newest article and stops early (sorting thousands of rows per request would be slow).
    """
    where = f"m.kind IN ('person', 'org', 'place') AND {match}"
    if total > 4 * scan:
        sql = (f"SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM mentions m WHERE"
               f" m.article_id = a.id AND {where}) ORDER BY a.published DESC, a.seq DESC LIMIT ?")
    else:
        sql = (f"SELECT DISTINCT a.id, a.published, a.seq FROM mentions m JOIN articles a"
               f" ON a.id = m.article_id WHERE {where} ORDER BY a.published DESC, a.seq DESC LIMIT ?")
    return [str(r[0]) for r in store.query(sql, (name, scan))]


def _speaker_article_ids(store: SQLStore, name: str, among: list[str], scan: int) -> list[str]:
    """Articles whose quotes name this speaker: among `among` when given (fast), else the newest
    `scan` of the whole store (for speakers never indexed as an entity, e.g. "US officials")."""
    pattern = '%"speaker":' + _json_str(name) + "%"
    if among:
        out: list[str] = []
        for i in range(0, len(among), 400):
            chunk = among[i:i + 400]
            rows = store.query(
                "SELECT article_id FROM step_results WHERE step = 'quotes' AND article_id IN"
                f" ({', '.join('?' for _ in chunk)}) AND output LIKE ? ESCAPE '\\'", [*chunk, pattern])
            found = {str(r[0]) for r in rows}
            out += [aid for aid in chunk if aid in found]
        return out
    rows = store.query(
        "SELECT s.article_id FROM step_results s JOIN articles a ON a.id = s.article_id"
        " WHERE s.step = 'quotes' AND s.output LIKE ? ESCAPE '\\'"
        " ORDER BY COALESCE(a.published, '') DESC, a.seq DESC LIMIT ?",
        (pattern, scan),
    )
    return [str(r[0]) for r in rows]


def _json_str(value: str) -> str:
    """A JSON string literal escaped for LIKE."""
    import msgspec

    text = msgspec.json.encode(value).decode()
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _step_outputs(store: SQLStore, ids: list[str], step: str) -> dict[str, list[dict[str, Any]]]:
    """One step's stored output (newest version) for many articles, in few queries."""
    import msgspec

    out: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(ids), 400):
        chunk = ids[i:i + 400]
        rows = store.query(
            f"SELECT article_id, output FROM step_results WHERE step = ? AND article_id IN"
            f" ({', '.join('?' for _ in chunk)}) ORDER BY article_id, version", [step, *chunk])
        for aid, output in rows:
            value = msgspec.json.decode(output)
            out[str(aid)] = [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
    return out


def _article_meta(store: SQLStore, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """(title, outlet, published) by article id."""
    out: dict[str, tuple[Any, ...]] = {}
    for i in range(0, len(ids), 400):
        chunk = ids[i:i + 400]
        rows = store.query(f"SELECT id, title, outlet, published FROM articles WHERE id IN"
                           f" ({', '.join('?' for _ in chunk)})", chunk)
        out.update({str(r[0]): tuple(r[1:]) for r in rows})
    return out


def entity(store: SQLStore, name: str, quote_limit: int = 20, scan: int = ENTITY_SCAN) -> dict[str, Any]:
    """A person, organisation or place across the store: roles, aliases, quotes, stories.

    Quotes and stories come from the newest `scan` articles that mention it; roles and spellings
    from the newest ROLE_SAMPLE of those.
    """
    kinds, match = _mention_kinds(store, name)
    mention_ids = _entity_article_ids(store, name, match, sum(kinds.values()), scan) if kinds else []
    speaker_ids = _speaker_article_ids(store, name, mention_ids, scan)
    ids = list(dict.fromkeys(mention_ids + speaker_ids))
    if not ids:
        raise NotFound(f"no entity {name!r}", hint="names are canonical, as entity links show them")
    roles: Counter[str] = Counter()
    aliases: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    canonical = name
    wanted = name.lower()
    for ents in _step_outputs(store, mention_ids[:ROLE_SAMPLE], "entities").values():
        for ent in ents:
            if str(ent.get("canonical", "")).lower() != wanted:
                continue
            canonical = str(ent["canonical"])
            aliases[str(ent.get("text"))] += 1
            roles.update([str(ent["role"])] if ent.get("role") else [])
            countries.update([str(ent["country"])] if ent.get("country") else [])
    aliases.pop(canonical, None)
    quotes = _quotes_by(store, speaker_ids, name)
    return {
        "name": canonical,
        "kind": kinds.most_common(1)[0][0] if kinds else "person",
        "roles": [r for r, _ in roles.most_common()],
        "aliases": [a for a, _ in aliases.most_common()],
        "countries": [c for c, _ in countries.most_common()],
        "articles": max(max(kinds.values(), default=0), len(ids)),
        "article_ids": ids[:100],
        "stories": stories_of(store, ids[:100]),
        "quote_count": len(quotes),
        "quotes": quotes[:quote_limit],
    }


def _quotes_by(store: SQLStore, ids: list[str], name: str) -> list[dict[str, Any]]:
    """Quotes whose speaker is `name` in these articles, in the articles' order."""
    by_article = _step_outputs(store, ids, "quotes")
    meta = _article_meta(store, ids)
    out = []
    for aid in ids:
        title, outlet, published = meta.get(aid, (None, None, None))
        out += [dict(q, article_id=aid, article_title=title, outlet=outlet, published=published)
                for q in by_article.get(aid, []) if str(q.get("speaker") or "").lower() == name.lower()]
    return out


def people_in_hits(store: SQLStore, q: str, hit_ids: list[str], limit: int = 3) -> list[str]:
    """Canonical names of people and organisations in the hit articles whose name or mention
    contains a word of the query, most mentioned first (cheap: reads only the hits' entities)."""
    words = [w.lower() for w in re.findall(r"\w{3,}", q)]
    if not words:
        return []
    counts: Counter[str] = Counter()
    for ents in _step_outputs(store, hit_ids, "entities").values():
        for ent in ents:
            if ent.get("type") not in ("PERSON", "ORG") or not ent.get("canonical"):
                continue
            names = f"{ent['canonical']} {ent.get('text', '')}".lower()
            if any(re.search(rf"\b{re.escape(w)}", names) for w in words):
                counts[str(ent["canonical"])] += 1
    return [name for name, _ in counts.most_common(limit)]


def entity_quotes(store: SQLStore, name: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Quotes attributed to an entity, newest article first."""
    data = entity(store, name, quote_limit=offset + limit)
    return list(data["quotes"][offset:offset + limit])


def list_entities(store: SQLStore, kind: str | None, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Entities by how many articles mention them; `q` matches a part of the name."""
    kinds = [kind] if kind else list(ENTITY_KINDS)
    marks = ", ".join("?" for _ in kinds)
    rows = store.query(
        f"SELECT value, kind, COUNT(*) FROM mentions WHERE kind IN ({marks})"
        " AND LOWER(value) LIKE LOWER(?) GROUP BY value, kind"
        " ORDER BY COUNT(*) DESC, value LIMIT ? OFFSET ?",
        [*kinds, f"%{q}%", limit, offset],
    )
    return [{"name": str(r[0]), "kind": str(r[1]), "articles": int(r[2])} for r in rows]


# ---------------------------------------------------------------- events


def _events_of(store: SQLStore, article_id: str) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT output FROM step_results WHERE article_id = ? AND step = 'events'"
        " ORDER BY version DESC LIMIT 1",
        (article_id,),
    )
    if not rows:
        return []
    import msgspec

    value = msgspec.json.decode(rows[0][0])
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def _event_matches(event: dict[str, Any], event_type: str | None) -> bool:
    if not event_type:
        return True
    wanted = event_type.upper()
    return str(event.get("plover", "")).upper() == wanted or str(event.get("cameo", ""))[:2] == wanted


def list_events(store: SQLStore, filters: Filters, limit: int, offset: int) -> list[dict[str, Any]]:
    """Coded events of the filtered articles, newest article first, each with its article."""
    out: list[dict[str, Any]] = []
    skip, scanned = offset, 0
    while len(out) < limit and scanned < EVENT_SCAN_LIMIT:
        batch = store.list_articles(filters, limit=EVENT_SCAN_BATCH, offset=scanned)
        if not batch:
            break
        scanned += len(batch)
        for article in batch:
            for event in _events_of(store, article.id):
                if not _event_matches(event, filters.event_type):
                    continue
                if skip:
                    skip -= 1
                    continue
                out.append(dict(event, article_id=article.id, article_title=article.title,
                                outlet=article.outlet, published=article.published))
                if len(out) >= limit:
                    return out
    return out


def story_key(store: SQLStore, story_id: str) -> tuple[str, tuple[Any, ...]]:
    """The live id of a story and a signature that changes when the story does."""
    summary = get_story(store, story_id)
    return str(summary["id"]), (summary.get("size"), summary.get("last_seen"), summary.get("title"))


def cached_view(store: SQLStore, cache: Any, story_id: str) -> Any:
    """The story view, rebuilt only when the story's signature changed."""
    sid, signature = story_key(store, story_id)
    return cache.get("view:" + sid, signature, lambda: story_view(store, sid))


def cached_view_json(store: SQLStore, cache: Any, story_id: str) -> bytes:
    """The story view encoded as JSON, cached like the view."""
    import msgspec

    sid, signature = story_key(store, story_id)
    body: bytes = cache.get("json:" + sid, signature,
                            lambda: msgspec.json.encode(cached_view(store, cache, sid)))
    return body


def one_line_brief(store: SQLStore, cache: Any, summary: dict[str, Any]) -> str:
    """A story's first brief sentence when its view is built, else the lead of its first article.

    The home page lists many stories; building every view there would make it slow.
    """
    sid = str(summary["id"])
    signature = (summary.get("size"), summary.get("last_seen"), summary.get("title"))
    view = cache.peek("view:" + sid, signature, None)
    if view is not None and view.brief:
        return str(view.brief[0].text)
    rows = store.query(
        "SELECT a.text FROM story_members m JOIN articles a ON a.id = m.article_id"
        " WHERE m.story_id = ? ORDER BY m.joined LIMIT 1", (sid,))
    return lead_sentence(str(rows[0][0])) if rows else ""


def lead_sentence(text: str, limit: int = 240) -> str:
    """The first sentence of a text (cut at `limit` characters on a word boundary)."""
    para = text.strip().split("\n", 1)[0]
    match = re.search(r"[.!?][\"'\u201d\u2019]?(\s|$)", para)
    line = para[: match.end()].strip() if match else para
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "\u2026"
