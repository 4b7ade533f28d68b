"""The store's schema as numbered migrations in portable SQL (SQLite and PostgreSQL both run it).

Each migration is a function of the dialect name ("sqlite" or "postgresql") returning statements.
Full-text search differs by backend and lives in the backend modules. Append new migrations; never
edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable


def _v1(dialect: str) -> list[str]:
    return [
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            seq BIGINT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            title TEXT,
            outlet TEXT,
            agency TEXT,
            published TEXT,
            language TEXT,
            text TEXT NOT NULL,
            record TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX articles_seq ON articles(seq)",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_url ON articles(url)",
        """CREATE TABLE step_results (
            article_id TEXT NOT NULL,
            step TEXT NOT NULL,
            version TEXT NOT NULL,
            output TEXT NOT NULL,
            PRIMARY KEY (article_id, step, version)
        )""",
        """CREATE TABLE step_failures (
            article_id TEXT NOT NULL,
            step TEXT NOT NULL,
            version TEXT NOT NULL,
            error_type TEXT NOT NULL,
            message TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (article_id, step, version)
        )""",
        # Terms for search filters, derived from step outputs: kind is person, org, place,
        # event_type (PLOVER), cameo_root, actor (country/organisation code).
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (article_id, kind, value)
        )""",
        "CREATE INDEX mentions_value ON mentions(kind, value)",
    ]


MIGRATIONS: list[Callable[[str], list[str]]] = [_v1]
"""MIGRATIONS[i] brings the schema from version i to version i + 1."""
