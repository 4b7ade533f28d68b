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


def _feeds(dialect: str) -> list[str]:
    """Live watching: feed state (conditional GET, schedule, health) and items already seen."""
    return [
        """CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            title TEXT,
            etag TEXT,
            last_modified TEXT,
            last_poll TEXT,
            last_success TEXT,
            last_error TEXT,
            last_error_at TEXT,
            next_poll DOUBLE PRECISION NOT NULL DEFAULT 0,
            interval_seconds DOUBLE PRECISION,
            articles BIGINT NOT NULL DEFAULT 0,
            polls BIGINT NOT NULL DEFAULT 0,
            errors BIGINT NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE feed_items (
            feed_url TEXT NOT NULL,
            item_key TEXT NOT NULL,
            article_id TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed_url, item_key)
        )""",
    ]


MIGRATIONS: list[Callable[[str], list[str]]] = [_v1, _feeds]
"""MIGRATIONS[i] brings the schema from version i to version i + 1."""
