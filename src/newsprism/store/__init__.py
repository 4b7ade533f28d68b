"""Stores: SQLite by default, PostgreSQL for a server, behind one interface (`SQLStore`)."""

from __future__ import annotations

from newsprism.store.base import Filters, SearchHit, SQLStore


def open_store(db: str) -> SQLStore:
    """Open (and migrate) the store named by a path or a `postgresql://` URL."""
    if db.startswith(("postgresql://", "postgres://")):
        from newsprism.store.postgres import PostgresStore  # optional backend

        return PostgresStore(db)
    from newsprism.store.sqlite import SQLiteStore

    path = db[len("sqlite:///"):] if db.startswith("sqlite:///") else db
    return SQLiteStore(path)


__all__ = ["Filters", "SQLStore", "SearchHit", "open_store"]
