"""Streaming clustering: same-kind stories kept apart, long stories kept whole, merges, determinism,
snapshots; the five seeds form one story with shared passages between 000/001 and 003/004."""

from __future__ import annotations

from pathlib import Path

from newsprism.records import Analysis, Article, article_id
from newsprism.stories.cluster import ClusterConfig, StoryClusterer
from newsprism.stories.features import extract
from newsprism.stories.passages import shared_passages

QUAKE_A = [
    "A magnitude 6.1 earthquake struck near the mountain town of Velden in the north of Carpania on "
    "Sunday, collapsing houses and killing at least 12 people, officials in Velden said.",
    "Rescuers in Velden searched the rubble through the night after Sunday's earthquake. Governor "
    "Anton Reisz said 12 people died and dozens were injured in Velden and nearby Oberau.",
    "Aftershocks rattled Velden on Monday as Governor Anton Reisz asked Carpania's army for tents; "
    "the earthquake destroyed 300 houses around Velden and Oberau.",
]
QUAKE_B = [
    "A strong earthquake of magnitude 7.0 hit the coast of Isla Marena on Wednesday, triggering a "
    "small tsunami warning for the port of San Telmo, the Marena seismic institute said.",
    "Residents of San Telmo fled to higher ground after Wednesday's earthquake off Isla Marena. "
    "President Lucia Ferro said the tsunami warning for San Telmo had been lifted.",
]
CHESS = (
    "The national chess championship opened in Dornfeld on Saturday with 64 players, among them the "
    "defending champion Ilse Varga, who won last year's title after a tense playoff."
)


def _art(text: str, published: str | None = None, title: str | None = None) -> Article:
    return Article(id=article_id(text), source="test", text=text, published=published, title=title)


def _run(texts: list[str], config: ClusterConfig | None = None) -> list[str]:
    c = StoryClusterer(config)
    ids = [c.add(extract(_art(t))).story_id for t in texts]
    return [c.live(i) for i in ids]


def test_two_earthquakes_stay_apart_and_each_stays_one() -> None:
    order = [QUAKE_A[0], QUAKE_B[0], CHESS, QUAKE_A[1], QUAKE_B[1], QUAKE_A[2]]
    got = _run(order)
    a, b, chess = got[0], got[1], got[2]
    assert len({a, b, chess}) == 3
    assert got[3] == a and got[5] == a
    assert got[4] == b


def test_story_ids_come_from_the_first_member() -> None:
    c = StoryClusterer()
    first = c.add(extract(_art(QUAKE_A[0])))
    assert first.new_story and first.story_id == "s" + first.article_id
    second = c.add(extract(_art(QUAKE_A[1])))
    assert not second.new_story and second.story_id == first.story_id
    assert first.article_id in second.related


def test_same_input_same_stories() -> None:
    order = [QUAKE_A[0], QUAKE_B[0], CHESS, QUAKE_A[1], QUAKE_B[1], QUAKE_A[2]]
    assert _run(order) == _run(order)


def test_dates_far_apart_keep_stories_apart() -> None:
    c = StoryClusterer(ClusterConfig(window_days=3))
    one = c.add(extract(_art(QUAKE_A[0], "2024-01-01")))
    far = c.add(extract(_art(QUAKE_A[1], "2024-02-01")))
    near = c.add(extract(_art(QUAKE_A[2], "2024-01-03")))
    assert far.story_id != one.story_id
    assert near.story_id == one.story_id


def test_a_story_going_on_for_days_stays_one() -> None:
    c = StoryClusterer(ClusterConfig(window_days=2))
    days = ["2024-01-01", "2024-01-03", "2024-01-05"]
    got = {c.add(extract(_art(t, d))).story_id for t, d in zip(QUAKE_A, days, strict=True)}
    assert len(got) == 1


def test_bridging_article_merges_two_stories_into_the_older() -> None:
    c = StoryClusterer(ClusterConfig(join=0.3, merge=0.3))
    left = "Velden Velden Oberau Reisz earthquake rubble tents army rescuers houses aftershocks"
    right = "Marena Telmo Ferro tsunami warning port coast institute seismic higher ground fled"
    a = c.add(extract(_art(left)))
    b = c.add(extract(_art(right)))
    assert a.story_id != b.story_id
    bridge = c.add(extract(_art(left + " " + right)))
    assert bridge.story_id == a.story_id
    assert bridge.merged == [b.story_id]
    assert c.live(b.story_id) == a.story_id


def test_snapshot_restores_the_same_decisions() -> None:
    c = StoryClusterer()
    for t in [QUAKE_A[0], QUAKE_B[0], CHESS]:
        c.add(extract(_art(t)))
    copy = StoryClusterer.from_snapshot(c.snapshot())
    nxt = extract(_art(QUAKE_B[1]))
    assert copy.add(nxt).story_id == c.add(nxt).story_id
    assert copy.joined == c.joined


def test_capacity_bounds_the_index() -> None:
    c = StoryClusterer(ClusterConfig(capacity=2))
    for t in [QUAKE_A[0], QUAKE_B[0], CHESS, QUAKE_A[1]]:
        c.add(extract(_art(t)))
    assert len(c.docs) == 2
    assert sum(1 for v in c.df.values() if v > 2) == 0


def _seed_articles(seeds_dir: Path) -> list[Article]:
    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append(Article(id=article_id(text), source=path.name, text=text))
    return out


def test_seeds_form_one_story(seeds_dir: Path) -> None:
    c = StoryClusterer()
    ids = [c.add(extract(a)).story_id for a in _seed_articles(seeds_dir)]
    assert len({c.live(i) for i in ids}) == 1


def test_seed_pairs_share_passages(seeds_dir: Path) -> None:
    """A wire copy shares an edited (or verbatim) passage with its source, a rewrite shares at
    least a paraphrase, and every passage's two spans say much the same words."""
    arts = _seed_articles(seeds_dir)
    wire = shared_passages(arts[0].id, arts[0].text, arts[1].id, arts[1].text)
    assert any(p.kind in ("verbatim", "edited") for p in wire)
    spun = shared_passages(arts[3].id, arts[3].text, arts[4].id, arts[4].text)
    assert spun
    for (a, b), found in (((arts[0], arts[1]), wire), ((arts[3], arts[4]), spun)):
        for p in found:
            one = set(a.text[p.a_start:p.a_end].lower().split())
            two = set(b.text[p.b_start:p.b_end].lower().split())
            assert len(one & two) / len(one | two) >= 0.2, (p, one ^ two)


_SCRIPT = """
import sys
from newsprism.records import Article, article_id
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.features import extract
texts = sys.stdin.read().split("\\n---\\n")
c = StoryClusterer()
out = [c.add(extract(Article(id=article_id(t), source="t", text=t))) for t in texts]
print(c.snapshot().decode())
print([(c.live(a.story_id), round(a.score, 12)) for a in out])
"""


def test_same_decisions_under_any_hash_seed() -> None:
    """Workers (process pool, Spark) have different hash seeds: decisions must not depend on it."""
    import os
    import subprocess
    import sys

    texts = "\n---\n".join([QUAKE_A[0], QUAKE_B[0], CHESS, QUAKE_A[1], QUAKE_B[1], QUAKE_A[2]])
    outs = []
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", _SCRIPT], input=texts, text=True,
                              capture_output=True, env=env, timeout=120, check=True)
        outs.append(proc.stdout)
    assert outs[0] == outs[1]


def test_seeds_form_one_story_with_the_analysis_outputs(seeds_dir: Path) -> None:
    """As `ingest` runs it: the default analysis first, its entities and places as features."""
    from newsprism.engine import default_pipeline

    pipeline = default_pipeline()
    c = StoryClusterer()
    ids = [c.add(extract(a, Analysis.of(a.id, pipeline.run(a).outputs))).story_id
           for a in _seed_articles(seeds_dir)]
    assert len({c.live(i) for i in ids}) == 1


class _TopicEmbedder:
    """A hand-made embedder: one axis per topic word it finds (stands in for a real model)."""

    name = "topics"
    axes = ("harbour", "library")

    def encode(self, text: str) -> list[float]:
        low = text.lower()
        vec = [1.0 if a in low else 0.0 for a in self.axes]
        norm = sum(v * v for v in vec) ** 0.5 or 1.0
        return [v / norm for v in vec]


def test_optional_semantic_signal_joins_what_words_alone_keep_apart() -> None:
    one = "The harbour pilots union called a strike over night shifts at the container terminal."
    two = ("Ferry services were cancelled on Friday after harbour staff walked out, stranding "
           "travellers with cars and caravans at the quay.")
    plain = StoryClusterer()
    a, b = (plain.add(extract(_art(t))) for t in (one, two))
    assert a.story_id != b.story_id
    semantic = StoryClusterer(ClusterConfig(semantic_weight=0.5))
    a, b = (semantic.add(extract(_art(t), embedder=_TopicEmbedder())) for t in (one, two))
    assert b.story_id == a.story_id
    assert b.state.embedding == [1.0, 0.0]


def test_an_embedding_model_that_is_not_installed_is_a_config_error() -> None:
    import pytest

    from newsprism.errors import ConfigError
    from newsprism.stories.semantic import SentenceTransformerEmbedder

    with pytest.raises(ConfigError):
        SentenceTransformerEmbedder("/nonexistent/newsprism-test-model")


def test_evicted_stories_leave_the_posting_lists() -> None:
    c = StoryClusterer(ClusterConfig(capacity=2))
    for t in [QUAKE_A[0], QUAKE_B[0], CHESS, QUAKE_A[1], QUAKE_B[1]]:
        c.add(extract(_art(t)))
    live = set(c.stories)
    named = {sid for posting in c.postings.values() for sid in posting}
    assert named <= live
    assert all(c.postings.values())
