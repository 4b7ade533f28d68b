"""Export downloads that stream: rows are read in batches and sent as they are written (every
format: `newsprism.export.chunks`), so the server's memory stays the same whatever the size of
the store.

Anonymous clients may export at most `OPEN_EXPORT_ARTICLES` selected articles (narrow with story=
or since/until); a larger selection, up to the whole store, needs the bearer token (`api_token`).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator

from newsprism import export
from newsprism.errors import Forbidden, Unauthorized
from newsprism.export import tables
from newsprism.store.base import SQLStore

OPEN_EXPORT_ARTICLES = 1000  # articles an anonymous client may export in one request


def selected_articles(store: SQLStore, sel: tables.Selection) -> int:
    """How many stored articles the selection covers (one COUNT over the articles)."""
    where, params = tables.selection_sql(store, sel)
    return int(store.query(f"SELECT COUNT(*) FROM articles a WHERE {where}", params)[0][0])


def has_token(token: str, header: str | None) -> bool:
    scheme, _, given = (header or "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode())


def check_export_allowed(store: SQLStore, sel: tables.Selection, token: str, header: str | None) -> None:
    """Large exports need the bearer token: 401 without it (403 when the server has none)."""
    if has_token(token, header):
        return
    count = selected_articles(store, sel)
    if count <= OPEN_EXPORT_ARTICLES:
        return
    hint = ("narrow it with story= or since/until, or export with `newsprism export` on the server"
            if not token else "narrow it with story= or since/until, or send Authorization: Bearer <api_token>")
    message = (f"the selection covers {count} articles; anonymous exports are limited to "
               f"{OPEN_EXPORT_ARTICLES}")
    if not token:
        raise Forbidden(message, hint=hint)
    raise Unauthorized(message, hint=hint)


def stream(store: SQLStore, fmt: str, table: str, sel: tables.Selection) -> Iterator[bytes]:
    """The bytes of one export in any format, written as the store is read."""
    return export.chunks(store, fmt, sel, table)
