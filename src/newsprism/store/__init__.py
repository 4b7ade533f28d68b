"""Stores: SQLite by default, PostgreSQL for a server, behind one interface (`SQLStore`)."""

from __future__ import annotations

from pathlib import Path

from newsprism.errors import NotFound
from newsprism.store.base import Filters, SearchHit, SQLStore


def open_store(db: str, *, must_exist: bool = False) -> SQLStore:
    """Open (and migrate) the store named by a path or a `postgresql://` URL. With `must_exist`
    (readers), a SQLite file that is not there is NotFound instead of a new empty store."""
    if db.startswith(("postgresql://", "postgres://")):
        from newsprism.store.postgres import PostgresStore  # optional backend

        return PostgresStore(db)
    from newsprism.store.sqlite import SQLiteStore

    path = db[len("sqlite:///"):] if db.startswith("sqlite:///") else db
    if must_exist and path != ":memory:" and not Path(path).is_file():
        raise NotFound(f"no database at {path!r}", hint="ingest articles into it first, or give the right --db / db")
    return SQLiteStore(path)


__all__ = ["Filters", "SQLStore", "SearchHit", "open_store"]
