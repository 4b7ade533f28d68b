"""The store interface and its portable SQL implementation.

`SQLStore` holds every query that SQLite and PostgreSQL share (written with `?` parameters);
a backend module supplies connections, full-text search and the few statements that differ.
All writes go through one writer connection; a write is all-or-nothing per article (a
transaction, or a savepoint inside a batch's transaction).
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import msgspec

from newsprism.errors import MigrationError, NotFound
from newsprism.records import Analysis, Article, ArticleResult, StepFailure, from_json, to_json
from newsprism.store.limits import SEARCH_SECONDS, normalise_query
from newsprism.store.outputs import decode_analysis, index_terms, typed_outputs
from newsprism.store.schema import MIGRATIONS


class SearchHit(msgspec.Struct, kw_only=True):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    snippet: str
    score: float


class Filters(msgspec.Struct, kw_only=True):
    """Search and listing filters; all optional, combined with AND."""

    since: str | None = None  # published >= since (ISO date)
    until: str | None = None  # published <= until (ISO date; the whole day counts)
    outlet: str | None = None
    person: str | None = None  # canonical name
    org: str | None = None
    place: str | None = None
    event_type: str | None = None  # PLOVER type or CAMEO root


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SQLStore(ABC):
    """Store of articles, step results and everything derived from them."""

    dialect: str = ""
    driver_errors: tuple[type[Exception], ...] = ()
    """The database driver's exceptions (a failed write), as opposed to bugs in the caller."""

    def __init__(self) -> None:
        self._write_lock = threading.RLock()

    # ------------------------------------------------------------ backend hooks

    @abstractmethod
    def _writer(self) -> Any:
        """The one connection all writes go through."""

    @abstractmethod
    def _reader(self) -> Any:
        """A connection for reads (per thread)."""

    @abstractmethod
    def _fts_migrations(self, version: int) -> list[str]:
        """Backend-specific statements to run after portable migration `version` (1-based)."""

    @abstractmethod
    def _fts_index(self, cur: Any, article: Article, seq: int) -> None:
        """Index one new article (arrival number `seq`) for full-text search."""

    @abstractmethod
    def _fts_delete(self, cur: Any, article_id: str) -> None:
        """Remove one article from the full-text index."""

    @abstractmethod
    def _search_sql(self, query: str) -> tuple[str, list[Any]]:
        """SELECT seq, score ... of every article matching a user query (no ORDER, no LIMIT)."""

    @abstractmethod
    def _snippet_sql(self, query: str, hits: list[tuple[str, int]]) -> tuple[str, list[Any]]:
        """SELECT id, snippet ... for (id, seq) hits: run only for the page of results shown."""

    @abstractmethod
    def sizes(self) -> dict[str, int]:
        """Bytes on disk of the whole store (`store`), and of what it holds: article texts (`text`)
        and step outputs (`outputs`), UTF-8. Reads every text and output: for reports, not pages."""

    @abstractmethod
    def close(self) -> None: ...

    def _sql(self, sql: str) -> str:
        """Placeholders are written `?`; backends with another style override this."""
        return sql

    # ------------------------------------------------------------ plumbing

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction: everything in it lands, or nothing does."""
        with self._write_lock:
            conn = self._writer()
            cur = conn.cursor()
            try:
                self._begin(cur)
                yield cur
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            finally:
                cur.close()

    def _begin(self, cur: Any) -> None:  # noqa: B027  (a no-op by default, on purpose)
        """Start a write transaction (backends that autocommit by default override)."""

    def execute(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query on a reader connection and return all rows."""
        conn = self._reader()
        cur = conn.cursor()
        try:
            cur.execute(self._sql(sql), tuple(params))
            return list(cur.fetchall())
        finally:
            cur.close()

    @contextmanager
    def time_budget(self, seconds: float) -> Iterator[None]:
        """Stop this thread's reads that run past `seconds` (QueryTooCostly); backends that cannot
        interrupt a query run it to its end."""
        yield

    def query_in(self, sql: str, values: Sequence[Any], params: Sequence[Any] = (),
                 chunk: int = 500) -> list[tuple[Any, ...]]:
        """Run `sql`, whose `{in}` stands for a list of `?` marks, over `values` in chunks (SQLite
        caps the number of parameters); `params` come before the chunk's values."""
        values = list(values)
        rows: list[tuple[Any, ...]] = []
        for i in range(0, len(values), chunk):
            part = values[i:i + chunk]
            marks = ", ".join("?" for _ in part)
            rows += self.query(sql.replace("{in}", marks), [*params, *part])
        return rows

    def schema_version(self) -> int:
        """The schema version the store is at (the store is migrated when opened)."""
        rows = self.query("SELECT version FROM schema_version")
        return int(rows[0][0]) if rows else 0

    def migrate(self) -> None:
        """Bring the schema up to date; refuse a schema newer than this code."""
        with self.transaction() as cur:
            self.execute(cur, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            self.execute(cur, "SELECT version FROM schema_version")
            row = cur.fetchone()
            current = int(row[0]) if row else 0
            if row is None:
                self.execute(cur, "INSERT INTO schema_version (version) VALUES (0)")
            if current > len(MIGRATIONS):
                raise MigrationError(
                    f"store schema version {current} is newer than this newsprism ({len(MIGRATIONS)})",
                    hint="upgrade newsprism",
                )
            for version in range(current, len(MIGRATIONS)):
                for stmt in MIGRATIONS[version](self.dialect) + self._fts_migrations(version + 1):
                    self.execute(cur, stmt)
                self.execute(cur, "UPDATE schema_version SET version = ?", (version + 1,))

    # ------------------------------------------------------------ articles

    def has_article(self, article_id: str) -> bool:
        return bool(self.query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def add_article(self, article: Article) -> bool:
        """Store one article; False (and nothing changes) when it is already there."""
        with self.transaction() as cur:
            return self._insert_article(cur, article)

    def _insert_article(self, cur: Any, article: Article) -> bool:
        self.execute(cur, "SELECT 1 FROM articles WHERE id = ?", (article.id,))
        if cur.fetchone():
            return False
        self.execute(cur, "SELECT COALESCE(MAX(seq), 0) + 1 FROM articles")
        seq = int(cur.fetchone()[0])
        self.execute(
            cur,
            "INSERT INTO articles (id, seq, source, url, title, outlet, agency, published, language,"
            " text, record, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, seq, article.source, article.url, article.title, article.outlet,
             article.agency, article.published, article.language, article.text,
             to_json(msgspec.structs.replace(article, text="")).decode(), now_iso()),
        )
        self._fts_index(cur, article, seq)
        return True

    def save_result(self, result: ArticleResult) -> bool:
        """Store an article with its step outputs and failures in one transaction.

        Returns True when the article is new. An output is keyed by (article, step, version,
        input key): writing one whose key is stored replaces it; another key is stored beside.
        """
        with self.transaction() as cur:
            new = self._insert_article(cur, result.article)
            self._save_outputs(cur, result)
            return new

    def save_results(self, results: Sequence[ArticleResult]) -> list[ArticleResult]:
        """Store many analysed articles as `save_result` does, all in one transaction (a bulk
        load); the results whose article was new."""
        new: list[ArticleResult] = []
        with self.transaction() as cur:
            for result in results:
                if self._insert_article(cur, result.article):
                    new.append(result)
                self._save_outputs(cur, result)
        return new

    def save_each(self, results: Sequence[ArticleResult]
                  ) -> tuple[list[ArticleResult], list[tuple[ArticleResult, Exception]]]:
        """Store many analysed articles in one transaction, each inside its own savepoint: an
        article whose save fails leaves nothing behind while the others land. Returns the results
        whose article was new, and the failed ones with their errors."""
        new: list[ArticleResult] = []
        failed: list[tuple[ArticleResult, Exception]] = []
        with self.transaction() as cur:
            for result in results:
                self.execute(cur, "SAVEPOINT one_article")
                try:
                    is_new = self._insert_article(cur, result.article)
                    self._save_outputs(cur, result)
                except Exception as exc:  # this article only: the caller decides what it means
                    self.execute(cur, "ROLLBACK TO SAVEPOINT one_article")
                    failed.append((result, exc))
                else:
                    if is_new:
                        new.append(result)
                self.execute(cur, "RELEASE SAVEPOINT one_article")
        return new, failed

    def save_reanalysis(self, result: ArticleResult, outputs: dict[str, Any]) -> None:
        """Store the outputs of the steps re-run on a stored article and re-derive its search
        terms from all its current `outputs`, in one transaction."""
        with self.transaction() as cur:
            self._save_outputs(cur, result)
            self._replace_mentions(cur, result.article.id, outputs)

    def _save_outputs(self, cur: Any, result: ArticleResult) -> None:
        aid = result.article.id
        outputs = typed_outputs(result.article, result.outputs)
        written = self._last_written(cur, aid)
        for step, output in outputs.items():
            written += 1
            self.execute(
                cur,
                "INSERT INTO step_results (article_id, step, version, inputs, written, output)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, step, version, inputs)"
                " DO UPDATE SET written = excluded.written, output = excluded.output",
                (aid, step, result.versions.get(step, "0"), result.keys.get(step, ""), written,
                 to_json(output).decode()),
            )
            self.execute(cur, "DELETE FROM step_failures WHERE article_id = ? AND step = ?", (aid, step))
        for failure in result.failures:
            self._insert_failure(cur, aid, failure, result.versions.get(failure.step, "0"))
        for kind, value in sorted(index_terms(outputs)):
            self.execute(
                cur,
                "INSERT INTO search_terms (article_id, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (aid, kind, value),
            )

    def record_failure(self, article_id: str, failure: StepFailure, version: str) -> None:
        """Record that a step (or an after-save hook) failed on a stored article."""
        with self.transaction() as cur:
            self._insert_failure(cur, article_id, failure, version)

    def _insert_failure(self, cur: Any, article_id: str, failure: StepFailure, version: str) -> None:
        self.execute(
            cur,
            "INSERT INTO step_failures (article_id, step, version, error_type, message, at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, step, version) DO UPDATE SET"
            " error_type = excluded.error_type, message = excluded.message, at = excluded.at",
            (article_id, failure.step, version, failure.error_type, failure.message, now_iso()),
        )

    def _last_written(self, cur: Any, article_id: str) -> int:
        self.execute(cur, "SELECT COALESCE(MAX(written), 0) FROM step_results WHERE article_id = ?",
                     (article_id,))
        return int(cur.fetchone()[0])

    def get_article(self, article_id: str) -> Article:
        rows = self.query("SELECT record, text FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFound(f"no article {article_id!r}")
        return stored_article(rows[0][0], rows[0][1])

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """Several articles in the order asked (unknown ids left out), in one query per 500."""
        found = {str(r[0]): (r[1], r[2]) for r in self.query_in(
            "SELECT id, record, text FROM articles WHERE id IN ({in})", list(dict.fromkeys(article_ids)))}
        return [stored_article(*found[aid]) for aid in dict.fromkeys(article_ids) if aid in found]

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """All articles in arrival order, read in batches."""
        last = 0
        while True:
            rows = self.query(
                "SELECT seq, record, text FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (last, batch)
            )
            if not rows:
                return
            for seq, record, text in rows:
                last = int(seq)
                yield stored_article(record, text)

    def count_articles(self) -> int:
        return int(self.query("SELECT COUNT(*) FROM articles")[0][0])

    def list_articles(
        self, filters: Filters | None = None, limit: int = 50, offset: int = 0
    ) -> list[Article]:
        """Articles newest first (by publication date, then arrival), filtered."""
        where, params = self.filter_sql(filters or Filters())
        rows = self.query(
            f"SELECT record, text FROM articles a WHERE {where}"
            " ORDER BY COALESCE(a.published, '') DESC, a.seq DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [stored_article(r[0], r[1]) for r in rows]

    def search(
        self, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        """Full-text search over title and text, best first, with filters.

        The query is reduced to its distinct words (`limits.normalise_query`) and the search runs
        under `limits.SEARCH_SECONDS` (QueryTooCostly past it, where the backend can stop it)."""
        query = normalise_query(query)
        fts_sql, fts_params = self._search_sql(query)
        where, params = self.filter_sql(filters or Filters())
        with self.time_budget(SEARCH_SECONDS):
            rows = self.query(
                f"SELECT a.id, a.title, a.outlet, a.published, a.url, f.score, a.seq"
                f" FROM ({fts_sql}) f JOIN articles a ON a.seq = f.seq WHERE {where}"
                f" ORDER BY f.score DESC, a.seq LIMIT ? OFFSET ?",
                [*fts_params, *params, limit, offset],
            )
            snippets: dict[str, str] = {}
            if rows:
                snip_sql, snip_params = self._snippet_sql(query, [(r[0], int(r[6])) for r in rows])
                snippets = {str(i): str(snip or "") for i, snip in self.query(snip_sql, snip_params)}
        return [
            SearchHit(id=r[0], title=r[1], outlet=r[2], published=r[3], url=r[4],
                      snippet=snippets.get(r[0], ""), score=float(r[5]))
            for r in rows
        ]

    def filter_sql(self, f: Filters) -> tuple[str, list[Any]]:
        """SQL condition (on articles aliased `a`) and parameters for search and listing filters."""
        clauses, params = ["1 = 1"], []
        if f.since:
            clauses.append("a.published >= ?")
            params.append(f.since)
        if f.until:
            clauses.append("a.published <= ?")
            params.append(f.until + "\uffff")
        if f.outlet:
            clauses.append("LOWER(a.outlet) = LOWER(?)")
            params.append(f.outlet)
        for kind, value in (("person", f.person), ("org", f.org), ("place", f.place)):
            if value:
                clauses.append(
                    "EXISTS (SELECT 1 FROM search_terms m WHERE m.article_id = a.id AND m.kind = ?"
                    " AND LOWER(m.value) = LOWER(?))"
                )
                params += [kind, value]
        if f.event_type:
            clauses.append(
                "EXISTS (SELECT 1 FROM search_terms m WHERE m.article_id = a.id"
                " AND m.kind IN ('event_type', 'cameo_root') AND UPPER(m.value) = UPPER(?))"
            )
            params.append(f.event_type)
        return " AND ".join(clauses), params

    # ------------------------------------------------------------ step results

    def get_outputs(self, article_id: str, versions: dict[str, str] | None = None,
                    keys: dict[str, str] | None = None) -> dict[str, Any]:
        """Stored step outputs of one article as records (`list[Entity]`...), by step name.

        With `versions`, only those step versions; with `keys` (step -> input key, as
        `Pipeline.keys`), only outputs computed from those inputs; otherwise the newest stored
        version of each step (of several rows of one version, the last written).
        """
        return self.get_analysis(article_id, versions, keys).outputs()

    def get_analysis(self, article_id: str, versions: dict[str, str] | None = None,
                     keys: dict[str, str] | None = None) -> Analysis:
        """One article's stored outputs, each decoded with its step's type (see `get_outputs`)."""
        rows = self.query(
            "SELECT article_id, step, version, inputs, written, output FROM step_results"
            " WHERE article_id = ?", (article_id,))
        return decode_analysis(article_id, _newest(rows, versions, keys).get(article_id, {}))

    def get_analyses(self, article_ids: Sequence[str],
                     steps: Sequence[str] | None = None) -> dict[str, Analysis]:
        """The `Analysis` of many articles (newest outputs), in one query per 500 ids; with
        `steps`, only those steps' outputs are read."""
        ids = list(dict.fromkeys(article_ids))
        only = f"step IN ({', '.join('?' for _ in steps)}) AND " if steps else ""
        rows = self.query_in(
            "SELECT article_id, step, version, inputs, written, output FROM step_results"
            f" WHERE {only}article_id IN ({{in}})", ids, params=list(steps or ()))
        picked = _newest(rows, None, None)
        return {aid: decode_analysis(aid, picked.get(aid, {})) for aid in ids}

    def stored_outputs(self, article_id: str, versions: dict[str, str] | None = None,
                       keys: dict[str, str] | None = None) -> dict[str, str]:
        """The JSON text of one article's stored outputs of every step, known to `Analysis` or
        not, picked as `get_outputs` picks them; the caller decodes each with its step's type."""
        rows = self.query(
            "SELECT article_id, step, version, inputs, written, output FROM step_results"
            " WHERE article_id = ?", (article_id,))
        picked = _newest(rows, versions, keys).get(article_id, {})
        return {step: str(output) for step, (_, output) in picked.items()}

    def stored_versions(self, article_id: str) -> dict[str, set[str]]:
        """Which versions of which steps are stored for one article."""
        return {step: {v for v, _ in pairs} for step, pairs in self.stored_keys(article_id).items()}

    def stored_keys(self, article_id: str) -> dict[str, set[tuple[str, str]]]:
        """Which (version, input key) pairs of which steps are stored for one article."""
        found: dict[str, set[tuple[str, str]]] = {}
        for step, version, inputs in self.query(
            "SELECT step, version, inputs FROM step_results WHERE article_id = ?", (article_id,)
        ):
            found.setdefault(str(step), set()).add((str(version), str(inputs)))
        return found

    def replace_mentions(self, article_id: str, outputs: dict[str, Any]) -> None:
        """Re-derive one article's search-filter terms from (new) step outputs."""
        with self.transaction() as cur:
            self._replace_mentions(cur, article_id, outputs)

    def _replace_mentions(self, cur: Any, article_id: str, outputs: dict[str, Any]) -> None:
        self.execute(cur, "DELETE FROM search_terms WHERE article_id = ?", (article_id,))
        for kind, value in sorted(index_terms(outputs)):
            self.execute(cur, "INSERT INTO search_terms (article_id, kind, value) VALUES (?, ?, ?)",
                         (article_id, kind, value))

    def get_step(self, article_id: str, step: str, version: str, type_: Any) -> Any:
        rows = self.query(
            "SELECT output FROM step_results WHERE article_id = ? AND step = ? AND version = ?"
            " ORDER BY written DESC LIMIT 1",
            (article_id, step, version),
        )
        if not rows:
            raise NotFound(f"no {step} v{version} result for article {article_id!r}")
        return msgspec.json.decode(rows[0][0], type=type_)

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT article_id, step, version, error_type, message, at FROM step_failures"
            " ORDER BY at DESC LIMIT ?",
            (limit,),
        )
        keys = ("article_id", "step", "version", "error_type", "message", "at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def article_failures(self, article_id: str) -> list[StepFailure]:
        """The step failures recorded for one article."""
        rows = self.query("SELECT step, error_type, message FROM step_failures WHERE article_id = ?"
                          " ORDER BY step", (article_id,))
        return [StepFailure(step=str(r[0]), error_type=str(r[1]), message=str(r[2])) for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts a user wants at a glance."""
        q = self.query
        return {
            "articles": int(q("SELECT COUNT(*) FROM articles")[0][0]),
            "outlets": int(q("SELECT COUNT(DISTINCT outlet) FROM articles")[0][0]),
            "first_published": q("SELECT MIN(published) FROM articles")[0][0],
            "last_published": q("SELECT MAX(published) FROM articles")[0][0],
            "step_results": {
                str(step): int(n)
                for step, n in q("SELECT step, COUNT(*) FROM step_results GROUP BY step ORDER BY step")
            },
            "step_failures": {
                str(step): int(n)
                for step, n in q("SELECT step, COUNT(*) FROM step_failures GROUP BY step ORDER BY step")
            },
            "languages": {
                str(lang): int(n)
                for lang, n in q(
                    "SELECT language, COUNT(*) FROM articles WHERE language IS NOT NULL"
                    " GROUP BY language ORDER BY COUNT(*) DESC"
                )
            },
            "schema_version": self.schema_version(),
        }

    def delete_article(self, article_id: str) -> None:
        with self.transaction() as cur:
            for table, col in (("step_results", "article_id"), ("step_failures", "article_id"),
                               ("search_terms", "article_id"), ("articles", "id")):
                self.execute(cur, f"DELETE FROM {table} WHERE {col} = ?", (article_id,))
            self._fts_delete(cur, article_id)


def stored_article(record: str, text: str) -> Article:
    """An article from its stored row: the JSON `record` (whose `text` is "" since schema 9; the
    text is kept once, in `articles.text`) and the `text` column."""
    article = from_json(record, Article)
    return msgspec.structs.replace(article, text=text) if article.text != text else article


def version_key(version: str) -> tuple[int, str]:
    """Versions compare as numbers where they are numbers ("10" after "9"), else as text."""
    return (int(version), "") if version.isdigit() else (-1, version)


def _newest(rows: Sequence[tuple[Any, ...]], versions: dict[str, str] | None,
            keys: dict[str, str] | None) -> dict[str, dict[str, tuple[str, str]]]:
    """The output to read per (article, step) from (article_id, step, version, inputs, written,
    output) rows: the newest version, and of one version the last written; with `versions` or
    `keys`, only rows of those versions or input keys."""
    best: dict[tuple[str, str], tuple[tuple[int, str], int, str, str]] = {}
    for aid, step, version, inputs, written, output in rows:
        if versions is not None and versions.get(step) != version:
            continue
        if keys is not None and keys.get(step) != inputs:
            continue
        rank = (version_key(str(version)), int(written))
        key = (str(aid), str(step))
        if key not in best or rank > best[key][:2]:
            best[key] = (*rank, str(version), output)
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for (aid, step), (_, _, version, output) in sorted(best.items()):
        out.setdefault(aid, {})[step] = (version, output)
    return out
