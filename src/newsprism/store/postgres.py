"""PostgreSQL backend (psycopg 3): the server store behind the same interface as SQLite.

Full-text search is a side table of `tsvector`s with a GIN index. Both documents and queries are
tokenised here in Python the way SQLite's FTS5 `unicode61 remove_diacritics 2` tokenizer does
(letters and digits, case and accents folded), then handed to the `simple` configuration, so a
query finds the same articles on both backends. All PostgreSQL-specific SQL lives here.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from typing import Any

from newsprism.errors import StoreError
from newsprism.records import Article
from newsprism.store.base import SQLStore

log = logging.getLogger(__name__)

_QUERY_TOKEN = re.compile(r"[\w][\w'\-]*", re.UNICODE)  # the same split as the SQLite backend
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_FTS_CHARS = 1_000_000  # a tsvector is at most 1 MB; longer texts are indexed up to here
MAX_TOKEN = 2000  # PostgreSQL ignores words over 2047 bytes; so do we
_MIGRATE_LOCK = 7_310_442_118  # advisory lock key: one migrating process at a time
WRITER_LOCK = 0x6E657773  # "news": the advisory lock all writers of one database share
HEADLINE = "StartSel=[, StopSel=], MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…"


def fold_tokens(text: str) -> list[str]:
    """Words as FTS5's unicode61 tokenizer sees them: letters/digits runs, lower case, no accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [w for w in _WORD.findall(stripped.casefold()) if len(w.encode("utf-8")) <= MAX_TOKEN]


def fts_document(text: str | None) -> str:
    """Text to index: folded words separated by spaces."""
    return " ".join(fold_tokens((text or "")[:MAX_FTS_CHARS]))


def ts_query(query: str) -> str:
    """A user's words as a safe `to_tsquery` string: every word required, "phrases" kept."""
    parts: list[str] = []
    for match in re.finditer(r'"([^"]+)"|(\S+)', query):
        phrase, word = match.group(1), match.group(2)
        groups = [" ".join(_QUERY_TOKEN.findall(phrase))] if phrase else _QUERY_TOKEN.findall(word or "")
        for group in groups:
            tokens = fold_tokens(group)
            if tokens:
                parts.append("(" + " <-> ".join(f"'{t}'" for t in tokens) + ")")
    return " & ".join(parts)


@functools.lru_cache(maxsize=1024)
def to_pyformat(sql: str) -> str:
    """`?` parameters to psycopg's `%s`, `%` to `%%`; quoted text and comments keep their `?`."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            j = _end_of_quoted(sql, i, c)
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        else:
            out.append("%s" if c == "?" else "%%" if c == "%" else c)
            i += 1
    return "".join(out)


def _end_of_quoted(sql: str, start: int, quote: str) -> int:
    """Index just past the quoted literal or identifier opening at `start` (doubled quotes escape)."""
    i = start + 1
    while i < len(sql):
        if sql[i] == quote:
            if i + 1 < len(sql) and sql[i + 1] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    return len(sql)


class PostgresStore(SQLStore):
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        super().__init__()
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("the PostgreSQL store needs psycopg",
                             hint="pip install 'newsprism[postgres]'") from exc
        self._psycopg = psycopg
        self.driver_errors = (psycopg.Error,)
        self.url = url
        self._local = threading.local()
        self._readers: list[Any] = []
        self._readers_lock = threading.Lock()
        self._write_conn = self._connect(autocommit=False)
        self.migrate()

    def _begin(self, cur: Any) -> None:
        # One writer across processes, as SQLite's BEGIN IMMEDIATE gives: arrival numbers
        # (MAX(seq) + 1) and story join order are computed inside the transaction that uses them.
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))

    def _connect(self, *, autocommit: bool) -> Any:
        try:
            return self._psycopg.connect(self.url, autocommit=autocommit)
        except self._psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL store: {exc}".strip(),
                             hint="check the postgresql:// URL and that the server runs") from exc

    def _writer(self) -> Any:
        return self._write_conn

    def _reader(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = self._connect(autocommit=True)  # no idle transactions holding locks
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def _sql(self, sql: str) -> str:
        return to_pyformat(sql)

    def migrate(self) -> None:
        """Migrate under an advisory lock, so processes starting together do not race."""
        conn = self._write_conn
        conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATE_LOCK,))
        conn.commit()
        try:
            super().migrate()
        finally:
            conn.rollback()
            conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATE_LOCK,))
            conn.commit()

    def _fts_migrations(self, version: int) -> list[str]:
        if version == 1:
            return [
                "CREATE TABLE articles_fts (id TEXT PRIMARY KEY, doc tsvector NOT NULL)",
                "CREATE INDEX articles_fts_doc ON articles_fts USING GIN (doc)",
                # ISO dates compare byte-wise, as in SQLite, whatever the database's locale
                'ALTER TABLE articles ALTER COLUMN published TYPE TEXT COLLATE "C"',
            ]
        if version == 9:  # the search index is keyed by an article too (see schema._text_once)
            return ["DELETE FROM articles_fts WHERE id NOT IN (SELECT id FROM articles)",
                    "ALTER TABLE articles_fts ADD CONSTRAINT articles_fts_id_fk FOREIGN KEY (id)"
                    " REFERENCES articles(id) ON DELETE CASCADE"]
        return []

    def _fts_index(self, cur: Any, article: Article, seq: int) -> None:
        self.execute(
            cur,
            "INSERT INTO articles_fts (id, doc) VALUES (?, setweight(to_tsvector('simple', ?), 'A')"
            " || setweight(to_tsvector('simple', ?), 'B')) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc",
            (article.id, fts_document(article.title), fts_document(article.text)),
        )

    def _fts_delete(self, cur: Any, article_id: str) -> None:
        self.execute(cur, "DELETE FROM articles_fts WHERE id = ?", (article_id,))

    def _search_sql(self, query: str) -> tuple[str, list[Any]]:
        match = ts_query(query)
        if not match:
            return "SELECT 0 AS seq, 0.0 AS score FROM articles_fts WHERE false", []
        return (
            "SELECT t.seq AS seq, ts_rank('{0.1, 0.2, 0.2, 1.0}', f.doc, q.q) AS score"
            " FROM articles_fts f JOIN articles t ON t.id = f.id"
            " CROSS JOIN (SELECT to_tsquery('simple', ?) AS q) q WHERE f.doc @@ q.q",
            [match],
        )

    def _snippet_sql(self, query: str, hits: list[tuple[str, int]]) -> tuple[str, list[Any]]:
        marks = ", ".join("?" for _ in hits)
        return (
            "SELECT t.id, ts_headline('simple', t.text, to_tsquery('simple', ?), ?)"
            f" FROM articles t WHERE t.id IN ({marks})",
            [ts_query(query), HEADLINE, *(i for i, _ in hits)],
        )

    def sizes(self) -> dict[str, int]:
        q = self.query
        return {"store": int(q("SELECT pg_database_size(current_database())")[0][0]),
                "text": int(q("SELECT COALESCE(SUM(octet_length(text)), 0) FROM articles")[0][0]),
                "outputs": int(q("SELECT COALESCE(SUM(octet_length(output)), 0) FROM step_results")[0][0])}

    def close(self) -> None:
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        self._write_conn.close()
