"""Stories in the store: memberships, copies, shared passages and clusterer state (portable SQL).

Every function takes an `SQLStore` and runs the same SQL (`?` parameters) on SQLite and PostgreSQL.
Reads go through `store.query`, writes through one `store.transaction()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import msgspec

from newsprism.errors import NotFound
from newsprism.records import CopyRelation, SharedPassage, StorySummary
from newsprism.store.base import SQLStore, now_iso

PRUNE_EVERY = 500  # arrivals between two prunings of old clusterer states


class StoryMember(msgspec.Struct, kw_only=True):
    """One article of a story, in the order it joined."""

    article_id: str
    story_id: str
    joined: int  # the clusterer's arrival number: lower joined earlier
    score: float  # similarity to the story when it joined (1.0 for the first member or a copy)
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


class Membership(msgspec.Struct, kw_only=True):
    """What the clusterer decided for one article, ready to be written."""

    article_id: str
    story_id: str
    joined: int
    score: float
    title: str | None = None
    seen: str | None = None  # the article's publication date (None: undated)
    merged: list[str] = []  # story ids merged into `story_id` by this article
    state: bytes = b""  # the clusterer's per-article state, for rebuilding the index lazily
    keep_states: int = 0  # states older than the last `keep_states` are pruned (0: keep all)


# ---------------------------------------------------------------- reads


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


def resolve_story(store: SQLStore, story_id: str) -> str:
    """The live id of a story, following merges; NotFound when there is no such story."""
    seen: set[str] = set()
    current = story_id
    while current not in seen:
        seen.add(current)
        rows = store.query("SELECT merged_into FROM stories WHERE id = ?", (current,))
        if not rows:
            raise NotFound(f"no story {story_id!r}", hint="list stories with `newsprism stories`")
        if not rows[0][0]:
            return current
        current = str(rows[0][0])
    return current


def list_stories(store: SQLStore, limit: int = 50, offset: int = 0, *,
                 biggest: bool = False) -> list[StorySummary]:
    """Live stories, newest first (by the last day seen, the biggest first on one day, then last
    arrival); undated ones last. `biggest`: stories of 2+ articles, the biggest first (then newest)."""
    order = ("size DESC, COALESCE(last_seen, '') DESC" if biggest
             else "COALESCE(substr(last_seen, 1, 10), '') DESC, size DESC")
    rows = store.query(
        "SELECT id, title, size, first_seen, last_seen FROM stories WHERE merged_into IS NULL"
        + (" AND size > 1" if biggest else "")
        + f" ORDER BY {order}, last_joined DESC, id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    outlets = _outlets(store, [str(r[0]) for r in rows])
    return [
        StorySummary(id=str(r[0]), title=r[1], size=int(r[2]), outlets=outlets.get(str(r[0]), []),
                     first_seen=r[3], last_seen=r[4])
        for r in rows
    ]


def count_stories(store: SQLStore) -> int:
    return int(store.query("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL")[0][0])


def get_story(store: SQLStore, story_id: str) -> StorySummary:
    """One story's summary (a merged-away id resolves to the story it joined)."""
    sid = resolve_story(store, story_id)
    rows = store.query(
        "SELECT id, title, size, first_seen, last_seen FROM stories WHERE id = ?", (sid,)
    )
    r = rows[0]
    return StorySummary(id=sid, title=r[1], size=int(r[2]), outlets=_outlets(store, [sid]).get(sid, []),
                        first_seen=r[3], last_seen=r[4])


def _outlets(store: SQLStore, story_ids: Sequence[str]) -> dict[str, list[str]]:
    if not story_ids:
        return {}
    rows = store.query(
        "SELECT DISTINCT m.story_id, a.outlet FROM story_members m JOIN articles a ON a.id = m.article_id"
        f" WHERE m.story_id IN ({_marks(len(story_ids))}) AND a.outlet IS NOT NULL"
        " ORDER BY m.story_id, a.outlet",
        list(story_ids),
    )
    out: dict[str, list[str]] = {}
    for sid, outlet in rows:
        out.setdefault(str(sid), []).append(str(outlet))
    return out


def story_members(store: SQLStore, story_id: str) -> list[StoryMember]:
    """The articles of a story in the order they joined, with outlet, title and date."""
    sid = resolve_story(store, story_id)
    rows = store.query(
        "SELECT m.article_id, m.story_id, m.joined, m.score, a.title, a.outlet, a.published, a.url"
        " FROM story_members m JOIN articles a ON a.id = m.article_id"
        " WHERE m.story_id = ? ORDER BY m.joined",
        (sid,),
    )
    return [
        StoryMember(article_id=r[0], story_id=r[1], joined=int(r[2]), score=float(r[3]), title=r[4],
                    outlet=r[5], published=r[6], url=r[7])
        for r in rows
    ]


def story_of(store: SQLStore, article_id: str) -> str:
    """The story an article belongs to; NotFound when it has not been assigned."""
    rows = store.query("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,))
    if not rows:
        raise NotFound(f"article {article_id!r} is in no story",
                       hint="ingest it, or run `newsprism recluster`")
    return str(rows[0][0])


def stories_of(store: SQLStore, article_ids: Iterable[str]) -> dict[str, str]:
    """The story of each assigned article among `article_ids` (unassigned ones left out)."""
    rows = store.query_in("SELECT article_id, story_id FROM story_members WHERE article_id IN ({in})",
                          sorted(set(article_ids)))
    return {str(r[0]): str(r[1]) for r in rows}


def copies_in(store: SQLStore, ids: Iterable[str]) -> list[CopyRelation]:
    """Copy relations whose copy is one of `ids` (originals may be anywhere)."""
    rows = store.query_in(
        "SELECT article_id, original_id, kind, similarity FROM copies WHERE article_id IN ({in})",
        sorted(set(ids)))
    return [CopyRelation(article_id=r[0], original_id=r[1], kind=r[2], similarity=float(r[3]))
            for r in sorted(rows, key=lambda r: (r[0], r[1]))]


def passages_in(store: SQLStore, ids: Iterable[str]) -> list[SharedPassage]:
    """Shared passages between two articles that are both among `ids`."""
    keep = set(ids)
    rows = store.query_in(
        "SELECT a_id, b_id, a_start, a_end, b_start, b_end, similarity, kind FROM passages"
        " WHERE a_id IN ({in})", sorted(keep))
    return [SharedPassage(a_id=r[0], b_id=r[1], a_start=int(r[2]), a_end=int(r[3]),
                          b_start=int(r[4]), b_end=int(r[5]), similarity=float(r[6]), kind=r[7])
            for r in sorted(rows, key=lambda r: (r[0], r[1], int(r[2]), int(r[4]))) if r[1] in keep]


def recent_states(store: SQLStore, limit: int) -> list[tuple[str, int, str, str]]:
    """The last `limit` clusterer states: (article id, joined, story id, state JSON), oldest first."""
    rows = store.query(
        "SELECT d.article_id, d.joined, m.story_id, d.state FROM story_docs d"
        " JOIN story_members m ON m.article_id = d.article_id ORDER BY d.joined DESC LIMIT ?",
        (limit,),
    )
    return [(str(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in reversed(rows)]


def unassigned_articles(store: SQLStore) -> list[str]:
    """Stored articles not in any story, in arrival order."""
    rows = store.query(
        "SELECT a.id FROM articles a WHERE NOT EXISTS"
        " (SELECT 1 FROM story_members m WHERE m.article_id = a.id) ORDER BY a.seq"
    )
    return [str(r[0]) for r in rows]


# ---------------------------------------------------------------- writes


def save_assignment(store: SQLStore, m: Membership, copies: Sequence[CopyRelation],
                    passages: Sequence[SharedPassage]) -> None:
    """Write one article's membership, merges, copies and passages in one transaction."""
    with store.transaction() as cur:
        _write_membership(store, cur, m)
        if m.keep_states and m.joined % PRUNE_EVERY == 0:  # only the window is ever read back
            store.execute(cur, "DELETE FROM story_docs WHERE joined <= ?", (m.joined - m.keep_states,))
        for old in m.merged:
            _merge(store, cur, old, m.story_id)
        _write_copies(store, cur, copies)
        _write_passages(store, cur, passages)


def _write_membership(store: SQLStore, cur: Any, m: Membership) -> None:
    store.execute(cur, "DELETE FROM story_members WHERE article_id = ?", (m.article_id,))
    store.execute(cur, "INSERT INTO story_members (article_id, story_id, joined, score) VALUES (?, ?, ?, ?)",
                  (m.article_id, m.story_id, m.joined, m.score))
    if m.state:
        store.execute(cur, "DELETE FROM story_docs WHERE article_id = ?", (m.article_id,))
        store.execute(cur, "INSERT INTO story_docs (article_id, joined, state) VALUES (?, ?, ?)",
                      (m.article_id, m.joined, m.state.decode()))
    store.execute(cur, "SELECT 1 FROM stories WHERE id = ?", (m.story_id,))
    if cur.fetchone() is None:
        store.execute(
            cur,
            "INSERT INTO stories (id, title, size, first_seen, last_seen, first_joined, last_joined)"
            " VALUES (?, ?, 0, ?, ?, ?, ?)",
            (m.story_id, m.title, m.seen, m.seen, m.joined, m.joined),
        )
    _refresh(store, cur, m.story_id)


def _refresh(store: SQLStore, cur: Any, story_id: str) -> None:
    """Recompute a story's size, dates and last arrival from its members.

    Dates are publication dates only: a story none of whose members is dated has no dates (it is
    undated, and lists after the dated ones), never its ingestion time. The title
    is the earliest member's title (a snippet of the first article when none has one).
    """
    members = "FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?"
    store.execute(
        cur,
        "UPDATE stories SET size = (SELECT COUNT(*) FROM story_members WHERE story_id = ?),"
        f" first_seen = (SELECT MIN(a.published) {members}),"
        f" last_seen = (SELECT MAX(a.published) {members}),"
        " last_joined = (SELECT MAX(joined) FROM story_members WHERE story_id = ?),"
        f" title = COALESCE((SELECT a.title {members} AND a.title IS NOT NULL AND a.title <> ''"
        "   ORDER BY m.joined LIMIT 1), title)"
        " WHERE id = ?",
        (story_id, story_id, story_id, story_id, story_id, story_id),
    )


def _merge(store: SQLStore, cur: Any, old: str, new: str) -> None:
    store.execute(cur, "UPDATE story_members SET story_id = ? WHERE story_id = ?", (new, old))
    store.execute(cur, "UPDATE stories SET merged_into = ?, size = 0 WHERE id = ?", (new, old))
    store.execute(cur, "UPDATE stories SET merged_into = ? WHERE merged_into = ?", (new, old))
    _refresh(store, cur, new)


def _write_copies(store: SQLStore, cur: Any, copies: Sequence[CopyRelation]) -> None:
    for c in copies:
        store.execute(cur, "DELETE FROM copies WHERE article_id = ? AND original_id = ?",
                      (c.article_id, c.original_id))
        store.execute(cur, "INSERT INTO copies (article_id, original_id, kind, similarity) VALUES (?, ?, ?, ?)",
                      (c.article_id, c.original_id, c.kind, c.similarity))


def _write_passages(store: SQLStore, cur: Any, passages: Sequence[SharedPassage]) -> None:
    """Each passage is stored once, `a` being the article that arrived first."""
    for p in passages:
        store.execute(cur, "DELETE FROM passages WHERE a_id = ? AND b_id = ? AND a_start = ? AND b_start = ?",
                      (p.a_id, p.b_id, p.a_start, p.b_start))
        store.execute(
            cur,
            "INSERT INTO passages (a_id, b_id, a_start, a_end, b_start, b_end, similarity, kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (p.a_id, p.b_id, p.a_start, p.a_end, p.b_start, p.b_end, p.similarity, p.kind),
        )


def clear_all(store: SQLStore) -> None:
    """Forget every story, copy, passage and clusterer state (before a recluster)."""
    with store.transaction() as cur:
        for table in ("story_members", "stories", "copies", "passages", "story_docs", "story_views"):
            store.execute(cur, f"DELETE FROM {table}")


# ---------------------------------------------------------------- stored story views


def live_story(store: SQLStore, story_id: str) -> tuple[str, str | None]:
    """The live id and title of a story (following merges), in one query for a live one."""
    seen: set[str] = set()
    current = story_id
    while current not in seen:
        seen.add(current)
        rows = store.query("SELECT merged_into, title FROM stories WHERE id = ?", (current,))
        if not rows:
            raise NotFound(f"no story {story_id!r}", hint="list stories with `newsprism stories`")
        if not rows[0][0]:
            return current, rows[0][1]
        current = str(rows[0][0])
    return current, None


def view_inputs(store: SQLStore, story_id: str) -> list[tuple[str, str, str, str, int]]:
    """What a live story's view is built from, in one query: (member, step, version, input key,
    write number) of every stored result of every member (a member without results: one row of
    empty values). Any change to the members or their results changes these rows."""
    rows = store.query(
        "SELECT m.article_id, r.step, r.version, r.inputs, r.written FROM story_members m"
        " LEFT JOIN step_results r ON r.article_id = m.article_id WHERE m.story_id = ?",
        (story_id,))
    return sorted((str(r[0]), str(r[1] or ""), str(r[2] or ""), str(r[3] or ""), int(r[4] or 0))
                  for r in rows)


def stored_view(store: SQLStore, story_id: str) -> tuple[str, bytes] | None:
    """The stored view of a story as (signature, JSON), None when none is stored."""
    rows = store.query("SELECT signature, view FROM story_views WHERE story_id = ?", (story_id,))
    if not rows:
        return None
    view = rows[0][1]
    return str(rows[0][0]), view.encode() if isinstance(view, str) else bytes(view)


def stored_page(store: SQLStore, story_id: str, page_key: str) -> str | None:
    """The stored rendered page of a story when it was rendered under `page_key`."""
    rows = store.query("SELECT page FROM story_views WHERE story_id = ? AND page_key = ?",
                       (story_id, page_key))
    return str(rows[0][0]) if rows and rows[0][0] is not None else None


def save_page(store: SQLStore, story_id: str, signature: str, page_key: str, page: str) -> None:
    """Store a story's rendered page beside its view (only while the view is the one rendered)."""
    with store.transaction() as cur:
        store.execute(cur, "UPDATE story_views SET page = ?, page_key = ? WHERE story_id = ?"
                      " AND signature = ?", (page, page_key, story_id, signature))


def save_view(store: SQLStore, story_id: str, signature: str, brief: str, view: bytes) -> None:
    """Store (or replace) a story's built view with the signature of what it was built from."""
    with store.transaction() as cur:
        store.execute(
            cur,
            "INSERT INTO story_views (story_id, signature, brief, view, built_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET"
            " signature = excluded.signature, brief = excluded.brief, view = excluded.view,"
            " built_at = excluded.built_at, page = NULL, page_key = NULL",
            (story_id, signature, brief, view.decode(), now_iso()))


def stored_briefs(store: SQLStore, story_ids: Sequence[str]) -> dict[str, str]:
    """The first brief sentence of each story whose view is stored (stale ones too)."""
    rows = store.query_in("SELECT story_id, brief FROM story_views WHERE story_id IN ({in})",
                          list(story_ids))
    return {str(r[0]): str(r[1]) for r in rows if r[1]}
