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


def _stories(dialect: str) -> list[str]:
    """Stories: memberships, merges, copies, shared passages and the clusterer's per-article state."""
    return [
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            size BIGINT NOT NULL,
            first_seen TEXT,
            last_seen TEXT,
            first_joined BIGINT NOT NULL,
            last_joined BIGINT NOT NULL,
            merged_into TEXT
        )""",
        "CREATE INDEX stories_last_seen ON stories(last_seen)",
        """CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL,
            joined BIGINT NOT NULL,
            score DOUBLE PRECISION NOT NULL
        )""",
        "CREATE INDEX story_members_story ON story_members(story_id, joined)",
        "CREATE UNIQUE INDEX story_members_joined ON story_members(joined)",
        """CREATE TABLE copies (
            article_id TEXT NOT NULL,
            original_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            similarity DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (article_id, original_id)
        )""",
        "CREATE INDEX copies_original ON copies(original_id)",
        """CREATE TABLE passages (
            a_id TEXT NOT NULL,
            b_id TEXT NOT NULL,
            a_start BIGINT NOT NULL,
            a_end BIGINT NOT NULL,
            b_start BIGINT NOT NULL,
            b_end BIGINT NOT NULL,
            similarity DOUBLE PRECISION NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (a_id, b_id, a_start, b_start)
        )""",
        "CREATE INDEX passages_b ON passages(b_id)",
        # The clusterer's per-article state (terms, weights, signature), by arrival number, so a
        # new process rebuilds its in-memory index from the recent window without re-analysing.
        """CREATE TABLE story_docs (
            article_id TEXT PRIMARY KEY,
            joined BIGINT NOT NULL,
            state TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX story_docs_joined ON story_docs(joined)",
    ]


def _keyed_results(dialect: str) -> list[str]:
    """Step results keyed by what they were computed from: (article, step, version, inputs).

    `inputs` is the key of the step outputs a result read (`Pipeline.keys`); rows stored before
    it existed get '' (unknown), so `reanalyze` treats them as stale. `written` numbers an
    article's writes, so the newest of several rows of one step version is the one readers take.
    """
    return [
        """CREATE TABLE step_results_keyed (
            article_id TEXT NOT NULL,
            step TEXT NOT NULL,
            version TEXT NOT NULL,
            inputs TEXT NOT NULL,
            written BIGINT NOT NULL,
            output TEXT NOT NULL,
            PRIMARY KEY (article_id, step, version, inputs)
        )""",
        "INSERT INTO step_results_keyed (article_id, step, version, inputs, written, output)"
        " SELECT article_id, step, version, '', 0, output FROM step_results",
        "DROP TABLE step_results",
        "ALTER TABLE step_results_keyed RENAME TO step_results",
    ]


def _views_and_speakers(dialect: str) -> list[str]:
    """Stored story views, and quotes' speakers in the `mentions` index (kind 'speaker').

    A story view is stored with the signature of what it was built from (members and the step
    results it read), so a page reads one row instead of rebuilding it; `brief` is its first brief
    sentence, for story listings. Speakers of already stored quotes are indexed from their JSON.
    """
    if dialect == "postgresql":
        speakers = (
            "INSERT INTO mentions (article_id, kind, value) SELECT DISTINCT r.article_id, 'speaker',"
            " q->>'speaker' FROM step_results r, jsonb_array_elements(CASE WHEN"
            " jsonb_typeof(r.output::jsonb) = 'array' THEN r.output::jsonb ELSE '[]'::jsonb END) q"
            " WHERE r.step = 'quotes' AND jsonb_typeof(q) = 'object' AND q->>'speaker' IS NOT NULL"
            " ON CONFLICT DO NOTHING")
    else:
        speakers = (
            "INSERT INTO mentions (article_id, kind, value) SELECT DISTINCT r.article_id, 'speaker',"
            " json_extract(j.value, '$.speaker') FROM step_results r, json_each(CASE WHEN"
            " json_valid(r.output) AND json_type(r.output) = 'array' THEN r.output ELSE '[]' END) j"
            " WHERE r.step = 'quotes' AND j.type = 'object'"
            " AND json_type(j.value, '$.speaker') = 'text' ON CONFLICT DO NOTHING")
    return [
        """CREATE TABLE story_views (
            story_id TEXT PRIMARY KEY,
            signature TEXT NOT NULL,
            brief TEXT NOT NULL,
            view TEXT NOT NULL,
            built_at TEXT NOT NULL
        )""",
        speakers,
    ]


def _stored_pages(dialect: str) -> list[str]:
    """The rendered story page beside its stored view, keyed by the view's signature and the
    page code, so a story page in a new server process is one row read."""
    return ["ALTER TABLE story_views ADD COLUMN page TEXT",
            "ALTER TABLE story_views ADD COLUMN page_key TEXT"]


def _alerts(dialect: str) -> list[str]:
    """Alerts (newsprism.alerts): rules, each alert once, the delivery outbox and its log.

    - `alert_rules`: the rules (JSON of `Rule`), by name; `changed` numbers edits so evaluators
      notice a changed rule set with one small query.
    - `alerts`: each alert once (`key` is unique: rule + what fired it), with its payload.
    - `alert_hits`: articles that met a story or contradiction rule's article conditions before the
      story met its thresholds (so a later article of the story can fire it).
    - `alert_verdicts`: the last verdict seen per story claim (to tell a changed verdict).
    - `alert_deliveries`: the outbox, written in the same transaction as the alert.
    - `alert_delivery_log`: one row per delivery attempt.
    """
    return [
        """CREATE TABLE alert_rules (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            rule TEXT NOT NULL,
            changed BIGINT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE alerts (
            id TEXT PRIMARY KEY,
            key TEXT NOT NULL,
            seq BIGINT NOT NULL,
            rule TEXT NOT NULL,
            kind TEXT NOT NULL,
            story_id TEXT,
            article_id TEXT NOT NULL,
            title TEXT NOT NULL,
            fired_at TEXT NOT NULL,
            payload TEXT NOT NULL,
            is_read BIGINT NOT NULL DEFAULT 0
        )""",
        "CREATE UNIQUE INDEX alerts_key ON alerts(key)",
        "CREATE UNIQUE INDEX alerts_seq ON alerts(seq)",
        "CREATE INDEX alerts_rule ON alerts(rule, seq)",
        """CREATE TABLE alert_hits (
            rule TEXT NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (rule, article_id)
        )""",
        "CREATE INDEX alert_hits_article ON alert_hits(article_id)",
        """CREATE TABLE alert_verdicts (
            story_id TEXT NOT NULL,
            claim TEXT NOT NULL,
            verdict TEXT NOT NULL,
            PRIMARY KEY (story_id, claim)
        )""",
        """CREATE TABLE alert_deliveries (
            alert_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            target TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0,
            next_at DOUBLE PRECISION NOT NULL,
            last_error TEXT,
            done_at TEXT,
            PRIMARY KEY (alert_id, channel)
        )""",
        "CREATE INDEX alert_deliveries_due ON alert_deliveries(status, next_at)",
        """CREATE TABLE alert_delivery_log (
            alert_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            attempt BIGINT NOT NULL,
            at TEXT NOT NULL,
            status BIGINT,
            error TEXT,
            PRIMARY KEY (alert_id, channel, attempt)
        )""",
    ]


def _item_views(dialect: str) -> list[str]:
    """SQL views for other tools (Datasette, DuckDB, `sqlite3`): one row per item, no JSON code.

    - `latest_results`: per (article, step) the output readers take: the highest version (numbers
      compare as numbers), then the last written.
    - `entities`, `quotes`, `events`: one row per item of that step's latest output, with its
      index `n` in the article and its fields as columns (character offsets into `articles.text`).
    - `claims`: one row per claim of each stored story view (`story_views`; a view is stored when
      its story is first shown or built), values as a JSON list.
    """
    pg = dialect == "postgresql"
    number = ("CASE WHEN version ~ '^[0-9]{1,18}$' THEN CAST(version AS BIGINT) ELSE -1 END" if pg else
              "CASE WHEN version <> '' AND version NOT GLOB '*[^0-9]*' AND length(version) <= 18"
              " THEN CAST(version AS INTEGER) ELSE -1 END")
    latest = (
        "CREATE VIEW latest_results AS SELECT article_id, step, version, output FROM ("
        " SELECT article_id, step, version, output, ROW_NUMBER() OVER (PARTITION BY article_id, step"
        f" ORDER BY {number} DESC, version DESC, written DESC) AS rank_in_step FROM step_results) ranked"
        " WHERE rank_in_step = 1")

    def items(step: str) -> str:
        if pg:
            return (" FROM latest_results r CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN"
                    " jsonb_typeof(r.output::jsonb) = 'array' THEN r.output::jsonb ELSE '[]'::jsonb END)"
                    f" WITH ORDINALITY AS j(item, pos) WHERE r.step = '{step}'")
        return (" FROM latest_results r, json_each(CASE WHEN json_valid(r.output) AND"
                f" json_type(r.output) = 'array' THEN r.output ELSE '[]' END) j WHERE r.step = '{step}'")

    def cols(fields: dict[str, str]) -> str:
        if pg:
            out = ["r.article_id", "CAST(j.pos - 1 AS BIGINT) AS n"]
            out += [f"{'CAST(' if cast else ''}j.item #>> '{{{path.replace('.', ',')}}}'"
                    f"{' AS ' + cast + ')' if cast else ''} AS {name}"
                    for name, (path, cast) in ((n, _split(p)) for n, p in fields.items())]
        else:
            out = ["r.article_id", "CAST(j.key AS INTEGER) AS n"]
            out += [f"json_extract(j.value, '$.{path}') AS {name}"
                    for name, (path, _) in ((n, _split(p)) for n, p in fields.items())]
        return ", ".join(out + ["r.version"])

    entity = {"text": "text", "type": "type", "canonical": "canonical", "role": "role",
              "country": "country", "char_start": "start:BIGINT", "char_end": "end:BIGINT"}
    quote = {"text": "text", "kind": "kind", "speaker": "speaker", "speaker_text": "speaker_text",
             "cue": "cue", "char_start": "start:BIGINT", "char_end": "end:BIGINT"}
    event = {"cameo": "cameo", "plover": "plover", "mode": "mode", "goldstein": "goldstein:DOUBLE PRECISION",
             "quad_class": "quad_class:BIGINT", "source_text": "source.text", "source_code": "source.code",
             "target_text": "target.text", "target_code": "target.code", "place": "place",
             "event_date": "date", "text": "text", "char_start": "start:BIGINT", "char_end": "end:BIGINT"}
    if pg:
        claims = ("CREATE VIEW claims AS SELECT v.story_id, c.item ->> 'id' AS claim_id, c.item ->> 'kind' AS kind,"
                  " c.item ->> 'subject' AS subject, c.item ->> 'verdict' AS verdict,"
                  " c.item ->> 'explanation' AS explanation, c.item ->> 'unit' AS unit,"
                  " CAST(c.item ->> 'sources' AS BIGINT) AS sources, c.item -> 'values' AS claim_values"
                  " FROM story_views v CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN"
                  " jsonb_typeof(v.view::jsonb -> 'claims') = 'array' THEN v.view::jsonb -> 'claims'"
                  " ELSE '[]'::jsonb END) AS c(item)")
    else:
        claims = ("CREATE VIEW claims AS SELECT v.story_id, json_extract(c.value, '$.id') AS claim_id,"
                  " json_extract(c.value, '$.kind') AS kind, json_extract(c.value, '$.subject') AS subject,"
                  " json_extract(c.value, '$.verdict') AS verdict,"
                  " json_extract(c.value, '$.explanation') AS explanation, json_extract(c.value, '$.unit') AS unit,"
                  " json_extract(c.value, '$.sources') AS sources, json_extract(c.value, '$.values') AS claim_values"
                  " FROM story_views v, json_each(CASE WHEN json_valid(v.view) AND"
                  " json_type(v.view, '$.claims') = 'array' THEN json_extract(v.view, '$.claims') ELSE '[]' END) c")
    return [latest,
            f"CREATE VIEW entities AS SELECT {cols(entity)}{items('entities')}",
            f"CREATE VIEW quotes AS SELECT {cols(quote)}{items('quotes')}",
            f"CREATE VIEW events AS SELECT {cols(event)}{items('events')}",
            claims]


def _split(spec: str) -> tuple[str, str]:
    """'start:BIGINT' -> ('start', 'BIGINT'); 'text' -> ('text', '')."""
    path, _, cast = spec.partition(":")
    return path, cast


# Tables keyed by an article: (table, its article columns, its other columns, primary key, indexes).
_ARTICLE_TABLES: list[tuple[str, tuple[str, ...], str, str, list[str]]] = [
    ("step_results", ("article_id",), "step TEXT NOT NULL, version TEXT NOT NULL, inputs TEXT NOT NULL,"
     " written BIGINT NOT NULL, output TEXT NOT NULL", "article_id, step, version, inputs", []),
    ("step_failures", ("article_id",), "step TEXT NOT NULL, version TEXT NOT NULL, error_type TEXT NOT NULL,"
     " message TEXT NOT NULL, at TEXT NOT NULL", "article_id, step, version", []),
    ("search_terms", ("article_id",), "kind TEXT NOT NULL, value TEXT NOT NULL", "article_id, kind, value",
     ["CREATE INDEX search_terms_value ON search_terms(kind, value)"]),
    ("story_members", ("article_id",), "story_id TEXT NOT NULL, joined BIGINT NOT NULL,"
     " score DOUBLE PRECISION NOT NULL", "article_id",
     ["CREATE INDEX story_members_story ON story_members(story_id, joined)",
      "CREATE UNIQUE INDEX story_members_joined ON story_members(joined)"]),
    ("story_docs", ("article_id",), "joined BIGINT NOT NULL, state TEXT NOT NULL", "article_id",
     ["CREATE UNIQUE INDEX story_docs_joined ON story_docs(joined)"]),
    ("copies", ("article_id", "original_id"), "kind TEXT NOT NULL, similarity DOUBLE PRECISION NOT NULL",
     "article_id, original_id", ["CREATE INDEX copies_original ON copies(original_id)"]),
    ("passages", ("a_id", "b_id"), "a_start BIGINT NOT NULL, a_end BIGINT NOT NULL, b_start BIGINT NOT NULL,"
     " b_end BIGINT NOT NULL, similarity DOUBLE PRECISION NOT NULL, kind TEXT NOT NULL",
     "a_id, b_id, a_start, b_start", ["CREATE INDEX passages_b ON passages(b_id)"]),
]
_ARTICLE_COLUMNS = "id, seq, source, url, title, outlet, agency, published, language, text, record, ingested_at"


def _text_once(dialect: str) -> list[str]:
    """The text kept once, foreign keys, and the search-terms table named for what it is.

    - `articles.record` (the article's JSON) no longer repeats the text: its `text` is "" and
      readers take `articles.text`. On SQLite the full-text index becomes an FTS5 external-content
      table over `articles` (the backend's part of this migration), so `articles.seq` becomes the
      table's INTEGER PRIMARY KEY: the rowid tools such as Datasette join the index on.
    - Every table keyed by an article references `articles(id)` with ON DELETE CASCADE; rows of
      articles that are not stored (none should exist) are dropped.
    - `mentions` (search-filter terms) is renamed `search_terms`.
    """
    if dialect == "postgresql":
        out = ["UPDATE articles SET record = jsonb_set(record::jsonb, '{text}', '\"\"'::jsonb)::text",
               "ALTER TABLE mentions RENAME TO search_terms",
               "ALTER INDEX mentions_value RENAME TO search_terms_value"]
        for table, keys, _, _, _ in _ARTICLE_TABLES:
            for key in keys:
                out += [f"DELETE FROM {table} WHERE {key} NOT IN (SELECT id FROM articles)",
                        f"ALTER TABLE {table} ADD CONSTRAINT {table}_{key}_fk FOREIGN KEY ({key})"
                        " REFERENCES articles(id) ON DELETE CASCADE"]
        return out
    # SQLite cannot add a constraint to a table: each table is rebuilt and copied. The views that
    # read step_results are dropped first and made again at the end (as migration 8 made them).
    out = [f"DROP VIEW {view}" for view in ("entities", "quotes", "events", "claims", "latest_results")]
    stripped = _ARTICLE_COLUMNS.replace("record", "json_set(record, '$.text', '')")
    out += [
        """CREATE TABLE articles_v9 (
            id TEXT NOT NULL UNIQUE,
            seq INTEGER PRIMARY KEY,
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
        f"INSERT INTO articles_v9 ({_ARTICLE_COLUMNS}) SELECT {stripped} FROM articles",
        "DROP TABLE articles",
        "ALTER TABLE articles_v9 RENAME TO articles",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_url ON articles(url)",
    ]
    for table, keys, rest, primary, indexes in _ARTICLE_TABLES:
        source = "mentions" if table == "search_terms" else table
        refs = ", ".join(f"{k} TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE" for k in keys)
        names = ", ".join([*keys, *(column.split()[0] for column in rest.split(", "))])
        stored = " AND ".join(f"{k} IN (SELECT id FROM articles)" for k in keys)
        out += [f"CREATE TABLE {table}_v9 ({refs}, {rest}, PRIMARY KEY ({primary}))",
                f"INSERT INTO {table}_v9 ({names}) SELECT {names} FROM {source} WHERE {stored}",
                f"DROP TABLE {source}",
                f"ALTER TABLE {table}_v9 RENAME TO {table}",
                *indexes]
    return out + _item_views(dialect)


MIGRATIONS: list[Callable[[str], list[str]]] = [_v1, _feeds, _stories, _keyed_results,
                                                _views_and_speakers, _stored_pages, _alerts,
                                                _item_views, _text_once]
"""MIGRATIONS[i] brings the schema from version i to version i + 1."""
