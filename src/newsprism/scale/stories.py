"""Story clustering over a scale-out run's output, locally or on Spark, with the same result.

The clusterer (`stories.cluster.StoryClusterer`) is a streaming one whose TF-IDF weights, copy
index and story centroids are shared by every article in its window, so a story decision depends
on everything before it: cutting the input into independent groups would change the answer. What
scales is the part that costs: reading the records and extracting each article's features
(tokens, stems, names, MinHash signatures). On Spark that runs per shard with `mapPartitions`,
grouped and sorted by the arrival key (shard, position), and the sorted features stream to one
clusterer on the driver (`toLocalIterator`: one partition in memory at a time) in exactly the
order `newsprism load` stores the articles. Output: `stories.parquet` (one row per article: its
story at assignment, copy relation, stories merged) and `story_merges.parquet` (merged -> survivor).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq

from newsprism.records import Analysis, Article
from newsprism.scale.shards import OutDir
from newsprism.stories.cluster import Assignment, ClusterConfig, StoryClusterer
from newsprism.stories.features import DocFeatures, extract

STORIES_SCHEMA = pa.schema([
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("story_id", pa.string(), nullable=False),
    pa.field("joined", pa.int64(), nullable=False),
    pa.field("score", pa.float64(), nullable=False),
    pa.field("new_story", pa.bool_(), nullable=False),
    pa.field("copy_of", pa.string()),
    pa.field("copy_kind", pa.string()),
    pa.field("merged", pa.list_(pa.string()), nullable=False),
])
MERGES_SCHEMA = pa.schema([pa.field("story_id", pa.string(), nullable=False),
                           pa.field("merged_into", pa.string(), nullable=False)])
BATCH = 1000


@dataclass
class StoriesReport:
    articles: int = 0
    stories: int = 0
    merges: int = 0
    final: dict[str, str] = field(default_factory=dict)  # filled only when asked (tests, small runs)


def shard_features(out_uri: str, name: str) -> Iterator[tuple[tuple[str, int], bytes]]:
    """((shard, position), encoded DocFeatures) for every article of one finished shard."""
    out = OutDir(out_uri)
    parquet = pq.ParquetFile(out.path(f"{name}.parquet"), filesystem=out.fs)
    for batch in parquet.iter_batches(batch_size=256, columns=["position", "article", "outputs"]):
        for row in batch.to_pylist():
            article = msgspec.json.decode(row["article"], type=Article)
            outputs = msgspec.json.decode(row["outputs"], type=dict[str, Any])
            analysis = Analysis.of(article.id, outputs)
            yield (name, int(row["position"])), msgspec.json.encode(extract(article, analysis))


def local_features(out_uri: str) -> Iterator[bytes]:
    """Every article's features in arrival order (the order `load` stores them), in one process."""
    for name in OutDir(out_uri).done_names():
        for _, data in shard_features(out_uri, name):
            yield data


def spark_features(spark: Any, out_uri: str) -> Iterator[bytes]:
    """The same features computed on Spark, one task per shard, streamed back in arrival order."""
    names = OutDir(out_uri).done_names()
    if not names:
        return iter(())

    def _part(part: Iterable[str]) -> Iterator[tuple[tuple[str, int], bytes]]:
        for name in part:
            yield from shard_features(out_uri, name)

    rdd = spark.sparkContext.parallelize(names, len(names)).mapPartitions(_part)
    ordered = rdd.sortByKey(numPartitions=max(1, len(names)))
    return (data for _, data in ordered.toLocalIterator())


def cluster(features: Iterable[bytes], out_uri: str, config: ClusterConfig | None = None,
            keep_final: bool = False) -> StoriesReport:
    """Feed features in order to one clusterer; write stories.parquet and story_merges.parquet."""
    out = OutDir(out_uri)
    clusterer = StoryClusterer(config)
    report = StoriesReport()
    tmp = out.path(f".stories.parquet.{uuid.uuid4().hex}")
    rows: list[dict[str, Any]] = []
    assigned: dict[str, str] = {}
    with pq.ParquetWriter(tmp, STORIES_SCHEMA, filesystem=out.fs, compression="zstd") as writer:
        for data in features:
            decision = clusterer.add(msgspec.json.decode(data, type=DocFeatures))
            rows.append(_row(decision))
            report.articles += 1
            report.stories += decision.new_story
            if keep_final:
                assigned[decision.article_id] = decision.story_id
            if len(rows) >= BATCH:
                writer.write_table(pa.Table.from_pylist(rows, schema=STORIES_SCHEMA))
                rows.clear()
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=STORIES_SCHEMA))
    merges = sorted(clusterer.alias.items())
    report.merges = len(merges)
    _write_merges(out, merges)
    out.fs.move(tmp, out.path("stories.parquet"))
    if keep_final:
        report.final = {aid: clusterer.live(sid) for aid, sid in assigned.items()}
    return report


def _row(d: Assignment) -> dict[str, Any]:
    copy = d.copy
    copy_of = None
    if copy is not None:
        copy_of = copy.original_id if copy.article_id == d.article_id else copy.article_id
    return {"article_id": d.article_id, "story_id": d.story_id, "joined": d.joined,
            "score": float(d.score), "new_story": d.new_story, "copy_of": copy_of,
            "copy_kind": copy.kind if copy is not None else None, "merged": list(d.merged)}


def _write_merges(out: OutDir, merges: list[tuple[str, str]]) -> None:
    tmp = out.path(f".story_merges.parquet.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    table = pa.Table.from_pylist([{"story_id": a, "merged_into": b} for a, b in merges],
                                 schema=MERGES_SCHEMA)
    pq.write_table(table, tmp, filesystem=out.fs)
    out.fs.move(tmp, out.path("story_merges.parquet"))


def final_stories(out_uri: str) -> dict[str, str]:
    """article id -> the story it belongs to after all merges, read back from the output files."""
    out = OutDir(out_uri)
    alias = dict(zip(*[pq.read_table(out.path("story_merges.parquet"), filesystem=out.fs)
                       .column(c).to_pylist() for c in ("story_id", "merged_into")], strict=True))
    table = pq.read_table(out.path("stories.parquet"), columns=["article_id", "story_id"],
                          filesystem=out.fs)
    result = {}
    for aid, sid in zip(table.column("article_id").to_pylist(), table.column("story_id").to_pylist(),
                        strict=True):
        while sid in alias:
            sid = alias[sid]
        result[aid] = sid
    return result
