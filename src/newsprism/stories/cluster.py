"""Streaming story clustering: each article joins the most similar recent story or starts one.

One pass, bounded cost: an article is compared only with the stories an inverted index retrieves
for its heaviest terms (each posting list keeps the most recent `posting_cap` stories), and the
index holds a window of the last `capacity` articles. Terms are weighted TF-IDF over that window;
names, entities and places count as extra terms, so two stories of the same kind (two earthquakes)
stay apart when their places and people differ. Publication dates more than `window_days` away
from a story's dates rule it out, and so does a date that would stretch the story's dated
members over more than twice that window (no chain of weekly articles grows into a months-long
"story"). An undated article joins a dated story (and a dated article an undated one) only on
strong evidence (`undated_join`). Exact and near copies (MinHash/LSH) join their original's story.
When one article is close to two stories, they merge into the older one.

Everything is deterministic: same articles in the same order give the same stories and ids (a
story's id is "s" + its first article's id); no wall clock, no salted hashes, ties broken by id.
The state is a list of `DocState`s, serialisable with msgspec (`snapshot` / `from_snapshot`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

import msgspec
import numpy as np

from newsprism.records import CopyRelation
from newsprism.stories.copies import LSHIndex, first_of, similarity
from newsprism.stories.features import DocFeatures

_TF = [0.0] + [1.0 + math.log(c) for c in range(1, 64)]  # sublinear term frequency, small counts
PRIOR_DOCS = 20.0  # pseudo-documents of the idf prior
PRIOR_RATE = 0.05  # share of them a content word is assumed to occur in


class ClusterConfig(msgspec.Struct, kw_only=True):
    """Clustering parameters; defaults are principled round values, not fitted to any data set."""

    join: float = 0.25  # cosine to a story's centroid needed to join it
    merge: float = 0.40  # cosine to a second story that makes the two merge
    near_copy: float = 0.5  # estimated Jaccard of word 4-grams for a near copy
    window_days: int = 7  # a story more than this many days from an article's date is out of reach
    undated_join: float = 0.40  # cosine needed when only one of article and story is dated
    capacity: int = 20_000  # articles held in the index (older ones leave it)
    retrieve_terms: int = 24  # heaviest terms of an article used to index and retrieve stories
    posting_cap: int = 64  # stories kept per term (the most recent)
    candidates: int = 12  # stories scored in full per article
    vector_terms: int = 80  # terms kept in an article's vector
    centroid_terms: int = 300  # terms kept in a story's centroid
    related: int = 5  # story members returned as candidates for shared passages
    semantic_weight: float = 0.3  # share of the embedding cosine in a score, when embeddings exist


class DocState(msgspec.Struct, kw_only=True):
    """What the clusterer keeps of one article; persisted to rebuild the index in a new process."""

    id: str
    joined: int
    story: str
    vec: dict[str, float]
    terms: list[str]
    date: int | None = None
    published: str | None = None
    exact: str = ""
    sig: list[int] = []
    embedding: list[float] = []


class Assignment(msgspec.Struct, kw_only=True):
    """The clusterer's decision for one article."""

    article_id: str
    story_id: str
    joined: int
    score: float
    new_story: bool
    copy: CopyRelation | None = None
    merged: list[str] = []  # stories merged into `story_id` because of this article
    related: list[str] = []  # earlier members most similar to it (for shared passages)
    state: DocState


class _Story:
    __slots__ = ("centroid", "emb", "first_date", "first_joined", "id", "indexed", "last_date",
                 "members", "norm2")

    def __init__(self, sid: str, joined: int) -> None:
        self.id = sid
        self.centroid: dict[str, float] = {}
        self.norm2 = 0.0  # squared length of the centroid, kept up to date incrementally
        self.first_date: int | None = None
        self.last_date: int | None = None
        self.first_joined = joined
        self.members: list[str] = []  # ids of members in the window, in joining order
        self.emb: np.ndarray | None = None  # sum of the members' embeddings, when they have any
        self.indexed: set[str] = set()  # terms whose posting lists name this story


class Snapshot(msgspec.Struct, kw_only=True):
    config: ClusterConfig
    joined: int
    alias: dict[str, str]
    docs: list[DocState]


class StoryClusterer:
    """Assigns articles to stories one at a time (see the module docstring)."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self.joined = 0
        self.docs: dict[str, DocState] = {}
        self.sigs: dict[str, np.ndarray] = {}
        self.df: dict[str, int] = {}
        self.stories: dict[str, _Story] = {}
        self.alias: dict[str, str] = {}
        self.postings: dict[str, dict[str, None]] = {}
        self.exact: dict[str, str] = {}
        self.lsh = LSHIndex()

    # ------------------------------------------------------------ public

    def add(self, features: DocFeatures) -> Assignment:
        """Assign one article (its features) to a story, and index it."""
        if features.id in self.docs:
            doc = self.docs[features.id]
            return Assignment(article_id=doc.id, story_id=self.live(doc.story), joined=doc.joined,
                              score=1.0, new_story=False, state=doc)
        self.joined += 1
        vec = self._weigh(features.counts)
        self._count_terms(features.counts, +1)
        sig = np.asarray(features.sig, dtype=np.uint32)
        copy = self._find_copy(features, sig)
        merged: list[str] = []
        if copy is not None:
            original = copy.original_id if copy.article_id == features.id else copy.article_id
            sid, score = self.live(self.docs[original].story), copy.similarity
        else:
            sid, score, merged = self._choose(vec, features.date, features.id, features.embedding)
        new_story = sid not in self.stories
        doc = DocState(id=features.id, joined=self.joined, story=sid, vec=vec,
                       terms=list(features.counts), date=features.date,
                       published=features.published, exact=features.exact, sig=features.sig,
                       embedding=features.embedding)
        related = self._related(sid, vec, copy)
        self._index(doc, sig)
        self._evict()
        return Assignment(article_id=features.id, story_id=sid, joined=self.joined, score=score,
                          new_story=new_story, copy=copy, merged=merged, related=related, state=doc)

    def restore(self, doc: DocState) -> None:
        """Put back an article already assigned (from the store or a snapshot), in joining order."""
        if doc.id in self.docs:
            return
        self.joined = max(self.joined, doc.joined)
        self._count_terms(doc.terms, +1)
        self._index(doc, np.asarray(doc.sig, dtype=np.uint32))
        self._evict()

    def live(self, story_id: str) -> str:
        """The story an id now stands for, following merges."""
        while story_id in self.alias:
            story_id = self.alias[story_id]
        return story_id

    def snapshot(self) -> bytes:
        """The whole state as JSON: restoring it gives a clusterer that decides the same way."""
        docs = [msgspec.structs.replace(d, story=self.live(d.story), sig=self._sig_list(d.id))
                for d in self.docs.values()]
        return msgspec.json.encode(Snapshot(config=self.config, joined=self.joined,
                                            alias=dict(sorted(self.alias.items())), docs=docs))

    def _sig_list(self, doc_id: str) -> list[int]:
        sig = self.sigs.get(doc_id)
        return [] if sig is None else [int(v) for v in sig]

    @classmethod
    def from_snapshot(cls, data: bytes) -> StoryClusterer:
        snap = msgspec.json.decode(data, type=Snapshot)
        clusterer = cls(snap.config)
        for doc in snap.docs:
            clusterer.restore(doc)
        clusterer.alias.update(snap.alias)
        clusterer.joined = snap.joined
        return clusterer

    # ------------------------------------------------------------ weighting

    def _count_terms(self, terms: Iterable[str], sign: int) -> None:
        df = self.df
        for term in terms:
            n = df.get(term, 0) + sign
            if n > 0:
                df[term] = n
            else:
                df.pop(term, None)

    def _weigh(self, counts: dict[str, int]) -> dict[str, float]:
        """TF-IDF over the window before this article, top terms, unit length.

        idf = ln((1 + n + M) / (1 + df + M * P)) + 1: smoothed, with a prior of M pseudo-documents
        in which a content word occurs at rate P, so a small window (a new store, a short feed)
        does not take every shared word for a common one. The prior fades as the window fills.
        """
        n = len(self.docs)
        df = self.df
        base = math.log(1 + n + PRIOR_DOCS) + 1.0
        floor = 1 + PRIOR_DOCS * PRIOR_RATE
        idf: dict[int, float] = {}
        weights = []
        for t, c in counts.items():
            d = df.get(t, 0)
            i = idf.get(d)
            if i is None:
                i = idf[d] = base - math.log(floor + d)
            weights.append((-(_TF[c] if c < 64 else 1.0 + math.log(c)) * i, t))
        weights.sort()  # heaviest first, ties by term
        top = weights[: self.config.vector_terms]
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        return {t: -w / norm for w, t in top}

    # ------------------------------------------------------------ copies

    def _find_copy(self, f: DocFeatures, sig: np.ndarray) -> CopyRelation | None:
        """The earliest exact copy, else the most similar near copy, in the window."""
        kind: Literal["exact", "near"] = "exact"
        match, best = self.exact.get(f.exact) if f.exact else None, 1.0
        if match is None:
            kind, best = "near", self.config.near_copy
            for cand in self.lsh.candidates(sig):
                sim = similarity(sig, self.sigs[cand])
                if sim > best or match is None and sim >= best:  # ties: the earliest stays
                    match, best = cand, sim
        if match is None:
            return None
        other = self.docs[match]
        first = first_of([(other.id, other.published, other.joined), (f.id, f.published, self.joined)])
        copy_id = f.id if first == other.id else other.id
        return CopyRelation(article_id=copy_id, original_id=first, kind=kind, similarity=round(best, 4))

    # ------------------------------------------------------------ stories

    def _choose(self, vec: dict[str, float], day: int | None, article_id: str,
                embedding: list[float]) -> tuple[str, float, list[str]]:
        """Best story above the join threshold (merging others above the merge threshold)."""
        scored = [(score, sid) for score, sid in self._score(vec, day, np.asarray(embedding) if embedding else None)
                  if score >= self._needed(self.stories[sid], day)]
        if not scored:
            return "s" + article_id, 1.0, []
        best_score, best = scored[0]
        group = [sid for score, sid in scored if score >= self.config.merge and sid != best
                 and self._span_ok(self.stories[best], self.stories[sid], day)]
        if not group:
            return best, best_score, []
        everyone = sorted([best, *group], key=lambda s: (self.stories[s].first_joined, s))
        survivor = everyone[0]
        for other in everyone[1:]:
            self._merge(other, survivor)
        return survivor, best_score, everyone[1:]

    def _score(self, vec: dict[str, float], day: int | None,
               emb: np.ndarray | None = None) -> list[tuple[float, str]]:
        """Candidate stories from the index, scored by cosine to their centroid, best first."""
        acc: dict[str, float] = {}
        for term in list(vec)[: self.config.retrieve_terms]:
            posting = self.postings.get(term)
            if not posting:
                continue
            w = vec[term]
            for sid in posting:
                acc[sid] = acc.get(sid, 0.0) + w
        live: dict[str, float] = {}
        for sid, w in acc.items():
            real = self.live(sid)
            if real in self.stories:
                live[real] = max(live.get(real, 0.0), w)
        ranked = sorted(live.items(), key=lambda x: (-x[1], x[0]))[: self.config.candidates]
        out = []
        for sid, _ in ranked:
            story = self.stories[sid]
            if self._in_reach(story, day):
                out.append((self._blend(_cosine(vec, story), emb, story), sid))
        out.sort(key=lambda x: (-x[0], x[1]))
        return out

    def _blend(self, score: float, emb: np.ndarray | None, story: _Story) -> float:
        """Mix in the embedding cosine when both the article and the story have embeddings."""
        w = self.config.semantic_weight
        if emb is None or story.emb is None or w <= 0:
            return score
        norm = float(np.linalg.norm(story.emb))
        return score if norm <= 0 else (1 - w) * score + w * float(emb @ story.emb) / norm

    def _in_reach(self, story: _Story, day: int | None) -> bool:
        """The date is within the window of the story's dates, and joining keeps the story's
        dated members within twice the window."""
        if day is None or story.first_date is None or story.last_date is None:
            return True
        w = self.config.window_days
        span = max(story.last_date, day) - min(story.first_date, day)
        return story.first_date - w <= day <= story.last_date + w and span <= 2 * w

    def _needed(self, story: _Story, day: int | None) -> float:
        """The score an article needs to join: higher when only one side has a date (an undated
        article cannot be placed in time, so wording alone must be strong)."""
        dated_story = story.first_date is not None
        return self.config.join if dated_story == (day is not None) else max(self.config.join, self.config.undated_join)

    def _span_ok(self, a: _Story, b: _Story, day: int | None) -> bool:
        """Two stories may merge (over an article of `day`) when their dated members and the
        article together stay within twice the window."""
        first = _min(_min(a.first_date, b.first_date), day)
        last = _max(_max(a.last_date, b.last_date), day)
        return first is None or last is None or last - first <= 2 * self.config.window_days

    def _merge(self, other: str, survivor: str) -> None:
        a, b = self.stories[survivor], self.stories.pop(other)
        _add_into(a, b.centroid, 1.0)
        for term in b.indexed:  # the postings now name the survivor (each term on its own)
            posting = self.postings.get(term)
            if posting is not None and posting.pop(other, 0) is None:
                posting.setdefault(survivor, None)
        a.indexed |= b.indexed
        a.members = sorted(a.members + b.members, key=lambda m: self.docs[m].joined)
        if b.emb is not None:
            a.emb = b.emb.copy() if a.emb is None else a.emb + b.emb
        a.first_date = _min(a.first_date, b.first_date)
        a.last_date = _max(a.last_date, b.last_date)
        _prune(a, self.config.centroid_terms)
        self.alias[other] = survivor

    def _related(self, sid: str, vec: dict[str, float], copy: CopyRelation | None) -> list[str]:
        """Members of the story most similar to the article (candidates for shared passages)."""
        story = self.stories.get(sid)
        if story is None:
            return []
        scored = []
        for mid in story.members[-12:]:
            other = self.docs[mid].vec
            scored.append((-math.fsum([vec[t] * other[t] for t in vec.keys() & other.keys()]), mid))
        scored.sort()
        out = [mid for s, mid in scored[: self.config.related] if -s > 0.1]
        if copy is not None:
            for mid in (copy.article_id, copy.original_id):
                if mid in self.docs and mid not in out:
                    out.insert(0, mid)
        return out

    # ------------------------------------------------------------ index upkeep

    def _index(self, doc: DocState, sig: np.ndarray) -> None:
        sid = self.live(doc.story)
        story = self.stories.get(sid)
        if story is None:
            story = self.stories[sid] = _Story(sid, doc.joined)
        _add_into(story, doc.vec, 1.0)
        _prune(story, self.config.centroid_terms)
        story.members.append(doc.id)
        if doc.embedding:
            emb = np.asarray(doc.embedding)
            story.emb = emb.copy() if story.emb is None else story.emb + emb
        story.first_date = _min(story.first_date, doc.date)
        story.last_date = _max(story.last_date, doc.date)
        cap = self.config.posting_cap
        top = list(doc.vec)[: self.config.retrieve_terms]
        story.indexed.update(top)
        for term in top:
            posting = self.postings.setdefault(term, {})
            posting.pop(sid, None)
            posting[sid] = None
            if len(posting) > cap:
                del posting[next(iter(posting))]
        # the signature lives once, as a compact array; the record keeps none in memory
        self.docs[doc.id] = msgspec.structs.replace(doc, sig=[]) if doc.sig else doc
        if sig.size:
            self.sigs[doc.id] = sig
            self.lsh.add(doc.id, sig)
        if doc.exact:
            self.exact.setdefault(doc.exact, doc.id)

    def _drop(self, story: _Story) -> None:
        """A story with no article left in the window leaves the index and its posting lists."""
        del self.stories[story.id]
        for term in story.indexed:
            posting = self.postings.get(term)
            if posting is not None:
                posting.pop(story.id, None)
                if not posting:
                    del self.postings[term]

    def _evict(self) -> None:
        """Drop the oldest articles beyond capacity: their terms, signatures and centroid share."""
        while len(self.docs) > self.config.capacity:
            doc = self.docs.pop(next(iter(self.docs)))
            self._count_terms(doc.terms, -1)
            sig = self.sigs.pop(doc.id, None)
            if sig is not None:
                self.lsh.remove(doc.id, sig)
            if self.exact.get(doc.exact) == doc.id:
                del self.exact[doc.exact]
            story = self.stories.get(self.live(doc.story))
            if story is None:
                continue
            story.members = [m for m in story.members if m != doc.id]
            if not story.members:
                self._drop(story)
                continue
            _add_into(story, {t: w for t, w in doc.vec.items() if t in story.centroid}, -1.0)
            if doc.embedding and story.emb is not None:
                story.emb = story.emb - np.asarray(doc.embedding)
            _prune(story, self.config.centroid_terms)


def _cosine(vec: dict[str, float], story: _Story) -> float:
    if story.norm2 <= 1e-12:
        return 0.0
    c = story.centroid
    # fsum is exact, so the (hash-seeded) order of the set does not change the result
    return math.fsum([vec[t] * c[t] for t in vec.keys() & c.keys()]) / math.sqrt(story.norm2)


def _add_into(story: _Story, vec: dict[str, float], sign: float) -> None:
    """Add (or subtract) a vector to a centroid, keeping its squared length current."""
    c = story.centroid
    n2 = story.norm2
    for t, w in vec.items():
        old = c.get(t, 0.0)
        new = old + sign * w
        c[t] = new
        n2 += new * new - old * old
    story.norm2 = n2


def _prune(story: _Story, keep: int) -> None:
    """Keep the heaviest centroid terms (ties by term) and recompute the length exactly."""
    c = story.centroid
    if len(c) > 2 * keep:
        top = sorted(c.items(), key=lambda x: (-x[1], x[0]))[:keep]
        story.centroid = c = dict(top)
        story.norm2 = math.fsum(w * w for w in c.values())


def _min(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)
