"""The per-article record of a scale-out run and its Parquet schema.

One Parquet row carries the whole analysis of one article: the article and the step outputs,
versions, input keys and failures as JSON strings (exactly what `store.save_result` writes), plus a few plain
columns for pandas and Spark to filter on. `analysis_record` is the `analyze --json` contract;
every runner produces it, so `analyze`, the local runner and Spark can be compared record by record.
The Arrow schema is in `scale/parquet.py` (kept apart so the CLI does not import pyarrow).
"""

from __future__ import annotations

from typing import Any

import msgspec

from newsprism.records import (
    Article,
    ArticleDetail,
    ArticleResult,
    StepFailure,
    to_builtins,
    to_json,
)


def analysis_record(result: ArticleResult) -> dict[str, Any]:
    """The `analyze --json` contract: the article record {article, analysis, story_id, failures}."""
    record: dict[str, Any] = to_builtins(ArticleDetail.of_result(result))
    return record


def to_row(result: ArticleResult, shard: str, position: int) -> dict[str, Any]:
    """One Parquet row (a dict keyed by column) for one analysed article."""
    a = result.article
    return {
        "id": a.id,
        "shard": shard,
        "position": position,
        "source": a.source,
        "url": a.url,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published,
        "language": a.language,
        "article": to_json(a).decode(),
        "outputs": to_json(result.outputs).decode(),
        "versions": to_json(result.versions).decode(),
        "failures": to_json(result.failures).decode(),
        "keys": to_json(result.keys).decode(),
    }


def from_row(row: dict[str, Any]) -> ArticleResult:
    """The stored result back from a Parquet row; outputs stay JSON builtins (as the store keeps them)."""
    return ArticleResult(
        article=msgspec.json.decode(row["article"], type=Article),
        outputs=msgspec.json.decode(row["outputs"], type=dict[str, Any]),
        versions=msgspec.json.decode(row["versions"], type=dict[str, str]),
        failures=msgspec.json.decode(row["failures"], type=list[StepFailure]),
        keys=msgspec.json.decode(row.get("keys") or "{}", type=dict[str, str]),
    )


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The `analyze --json` record of a Parquet row."""
    return analysis_record(from_row(row))
