"""Stories: listings, summaries, members, and the story view, stored once built.

A story's view is stored with a signature of what it was built from: the story's live id and
title, every member's stored step results (step, version, input key, write number) and the code
that builds views. A read compares the signature (two small queries) and returns the stored JSON
(one row); only a changed story, new results or new view code rebuild it. So a view is built
once, not after every restart nor in every server worker.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import msgspec

from newsprism import lexicon
from newsprism.ingest.boiler import first_words
from newsprism.records import StorySummary
from newsprism.store.base import SQLStore
from newsprism.stories import storage
from newsprism.stories.storage import StoryMember
from newsprism.stories.view import StoryView, build_view


def list_stories(store: SQLStore, limit: int, offset: int, *, biggest: bool = False) -> list[StorySummary]:
    """Latest stories first (undated last); `biggest`: stories of 2+ articles, biggest first."""
    return storage.list_stories(store, limit=limit, offset=offset, biggest=biggest)


def get_story(store: SQLStore, story_id: str) -> StorySummary:
    """One story's summary (a merged-away id resolves to the live story); NotFound when unknown."""
    return storage.get_story(store, story_id)


def story_members(store: SQLStore, story_id: str) -> list[StoryMember]:
    """The articles of a story in the order they joined."""
    return storage.story_members(store, story_id)


class ViewKey(NamedTuple):
    """A live story id and the signature of what its view is built from."""

    story_id: str
    signature: str


def view_key(store: SQLStore, story_id: str) -> ViewKey:
    """The live id of a story and its view's signature (NotFound for an unknown story)."""
    sid, title = storage.live_story(store, story_id)
    digest = hashlib.sha1(_code_key().encode())
    digest.update(msgspec.json.encode([sid, title, storage.view_inputs(store, sid)]))
    return ViewKey(sid, digest.hexdigest())


def story_view_json(store: SQLStore, key: ViewKey) -> bytes:
    """The story view as JSON: the stored one when its signature holds, else built and stored."""
    found = storage.stored_view(store, key.story_id)
    if found is not None and found[0] == key.signature:
        return found[1]
    view = build_view(store, key.story_id)
    body = msgspec.json.encode(view)
    storage.save_view(store, key.story_id, key.signature, view.brief[0].text if view.brief else "",
                      body)
    return body


def story_page(store: SQLStore, key: ViewKey, code: str, render: Callable[[StoryView], str]) -> str:
    """A story's rendered page: stored beside its view, keyed by the view's signature and `code`
    (a fingerprint of what renders it); otherwise rendered by `render` and stored."""
    page_key = f"{key.signature}:{code}"
    page = storage.stored_page(store, key.story_id, page_key)
    if page is None:
        page = render(decode_view(story_view_json(store, key)))
        storage.save_page(store, key.story_id, key.signature, page_key, page)
    return page


def story_view(store: SQLStore, story_id: str) -> StoryView:
    """The story view of one story (NotFound for an unknown story)."""
    return decode_view(story_view_json(store, view_key(store, story_id)))


def decode_view(body: bytes) -> StoryView:
    """A story view from its JSON."""
    return msgspec.json.decode(body, type=StoryView)


@lru_cache(maxsize=1)
def _code_key() -> str:
    """A fingerprint of the code and data that build story views: new code rebuilds them."""
    digest = hashlib.sha1()
    package = resources.files("newsprism.stories")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        digest.update(name.encode() + package.joinpath(name).read_bytes())
    digest.update(lexicon.path("story_view.json").read_bytes())
    return digest.hexdigest()


def briefs(store: SQLStore, story_ids: list[str]) -> dict[str, str]:
    """A one-line brief per story: the first brief sentence of its stored view, else the lead
    sentence of its first article (listings must not build views)."""
    found = storage.stored_briefs(store, story_ids)
    missing = [sid for sid in story_ids if not found.get(sid)]
    rows = store.query_in(
        "SELECT m.story_id, a.text FROM story_members m JOIN articles a ON a.id = m.article_id"
        " WHERE m.story_id IN ({in}) AND m.joined = (SELECT MIN(f.joined) FROM story_members f"
        " WHERE f.story_id = m.story_id)", missing) if missing else []
    leads = {str(sid): lead_sentence(str(text)) for sid, text in rows}
    return {sid: found.get(sid) or leads.get(sid, "") for sid in story_ids}


def stories_of(store: SQLStore, article_ids: list[str]) -> list[str]:
    """Distinct live story ids of some articles, in order of first appearance."""
    found = storage.stories_of(store, article_ids)
    return list(dict.fromkeys(found[aid] for aid in article_ids if aid in found))


def lead_sentence(text: str, limit: int = 240) -> str:
    """The first sentence of a text (cut at `limit` characters on a word boundary); a first line
    that is only a web address is skipped."""
    para = first_words(text)
    match = re.search(r"[.!?][\"'\u201d\u2019]?(\s|$)", para)
    line = para[: match.end()].strip() if match else para
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "\u2026"
