"""SQLite backend: WAL mode, FTS5 over title and text (external content: the text is kept once, in
`articles`), foreign keys enforced, one writer, a reader per thread.

All SQLite-specific SQL lives here.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsprism.errors import QueryTooCostly, StoreError
from newsprism.records import Article
from newsprism.store.base import SQLStore

_TOKEN = re.compile(r"[\w][\w'\-]*", re.UNICODE)


def fts_query(query: str) -> str:
    """A user's words as a safe FTS5 query: each word quoted, all required; "phrases" kept."""
    parts: list[str] = []
    for match in re.finditer(r'"([^"]+)"|(\S+)', query):
        phrase, word = match.group(1), match.group(2)
        if phrase:
            words = _TOKEN.findall(phrase)
            if words:
                parts.append('"' + " ".join(w.replace('"', "") for w in words) + '"')
        elif word:
            for w in _TOKEN.findall(word):
                parts.append('"' + w.replace('"', "") + '"')
    return " AND ".join(parts)


class SQLiteStore(SQLStore):
    dialect = "sqlite"
    driver_errors = (sqlite3.Error,)

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        try:
            self._write_conn = self._connect()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite store {self.path}: {exc}") from exc
        self.migrate()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    def _writer(self) -> sqlite3.Connection:
        return self._write_conn

    def _reader(self) -> sqlite3.Connection:
        if self.path == ":memory:":
            return self._write_conn
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            self._readers.append(conn)
        return conn

    @contextmanager
    def time_budget(self, seconds: float) -> Iterator[None]:
        """A progress handler on this thread's reader stops its queries `seconds` from now."""
        conn = self._reader()
        deadline = time.monotonic() + seconds
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            raise QueryTooCostly(f"the query ran over its {seconds:g} s budget and was stopped") from exc
        finally:
            conn.set_progress_handler(None, 0)

    def _begin(self, cur: Any) -> None:
        cur.execute("BEGIN IMMEDIATE")

    def _fts_migrations(self, version: int) -> list[str]:
        if version == 1:
            return [
                "CREATE VIRTUAL TABLE articles_fts USING fts5("
                "id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
            ]
        if version == 9:
            # The index becomes an external-content table over `articles` (the text is kept once),
            # kept in step by triggers; `content="articles"` is also how Datasette finds it.
            return [
                "DROP TABLE articles_fts",
                "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content=\"articles\","
                " content_rowid=\"seq\", tokenize='unicode61 remove_diacritics 2')",
                "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
                " INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); END",
                "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
                " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
                " VALUES ('delete', old.seq, old.title, old.text); END",
                "CREATE TRIGGER articles_fts_update AFTER UPDATE OF seq, title, text ON articles BEGIN"
                " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
                " VALUES ('delete', old.seq, old.title, old.text);"
                " INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); END",
                "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
            ]
        return []

    def _fts_index(self, cur: Any, article: Article, seq: int) -> None:
        """Nothing to do: a trigger on `articles` indexes every new row."""

    def _fts_delete(self, cur: Any, article_id: str) -> None:
        """Nothing to do: a trigger on `articles` unindexes every deleted row."""

    def _search_sql(self, query: str) -> tuple[str, list[Any]]:
        match = fts_query(query)
        if not match:
            return "SELECT rowid AS seq, 0.0 AS score FROM articles_fts WHERE 0", []
        return (
            "SELECT rowid AS seq, -bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts"
            " WHERE articles_fts MATCH ?",
            [match],
        )

    def _snippet_sql(self, query: str, hits: list[tuple[str, int]]) -> tuple[str, list[Any]]:
        marks = ", ".join("?" for _ in hits)
        return (
            "SELECT a.id, snippet(articles_fts, 1, '[', ']', '…', 16) FROM articles_fts"
            f" JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?"
            f" AND articles_fts.rowid IN ({marks})",
            [fts_query(query), *(seq for _, seq in hits)],
        )

    def sizes(self) -> dict[str, int]:
        q = self.query
        pages = int(q("PRAGMA page_count")[0][0]) * int(q("PRAGMA page_size")[0][0])
        wal = Path(self.path + "-wal") if self.path != ":memory:" else None
        return {"store": pages + (wal.stat().st_size if wal is not None and wal.exists() else 0),
                "text": int(q("SELECT COALESCE(SUM(LENGTH(CAST(text AS BLOB))), 0) FROM articles")[0][0]),
                "outputs": int(q("SELECT COALESCE(SUM(LENGTH(CAST(output AS BLOB))), 0) FROM step_results")[0][0])}

    def close(self) -> None:
        for conn in self._readers:
            conn.close()
        self._readers.clear()
        self._write_conn.close()
