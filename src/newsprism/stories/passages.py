"""Shared passages between two articles: verbatim runs, lightly edited runs and paraphrases.

Sentences are aligned one to one: a pair is `verbatim` when nearly all word trigrams of the
shorter sentence appear in the other, `edited` when at least half do, and `paraphrase` when the
trigrams differ but most content words (names, numbers, nouns) are shared. Aligned sentences that
follow each other in both articles join into one passage. Offsets index each article's clean text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from newsprism.records import Sentence, SharedPassage
from newsprism.stories.text import fold_quotes, sentence_spans, stems, stopwords

VERBATIM = 0.9  # trigram containment of the shorter sentence
EDITED = 0.5
PARAPHRASE = 0.5  # Dice overlap of content words
MIN_SHARED = 5  # content words a paraphrase must share at least
MIN_WORDS = 6  # shorter sentences are not compared (headlines, "he said.")

Kind = Literal["verbatim", "edited", "paraphrase"]
_RANK = {"verbatim": 0, "edited": 1, "paraphrase": 2}


class Prepared(NamedTuple):
    """One sentence ready for alignment: offsets, content stems, word trigrams, length."""

    start: int
    end: int
    content: frozenset[str]
    trigrams: frozenset[tuple[str, str, str]]
    words: int


class _Match(NamedTuple):
    i: int
    j: int
    similarity: float
    kind: Kind


def prepare(text: str, sentences: Sequence[Sentence] = ()) -> list[Prepared]:
    """An article's sentences ready for alignment (compute once, compare with many)."""
    stop = stopwords()
    out = []
    folded = fold_quotes(text)
    for start, end in sentence_spans(text, sentences):
        keys = stems(folded[start:end])
        content = frozenset(k for k in keys if k not in stop and len(k) > 1)
        tri = frozenset(zip(keys, keys[1:], keys[2:], strict=False))
        out.append(Prepared(start, end, content, tri, len(keys)))
    return out


def _compare(a: Prepared, b: Prepared) -> tuple[float, Kind] | None:
    if min(a.words, b.words) < MIN_WORDS:
        return None
    if a.trigrams and b.trigrams:
        contained = len(a.trigrams & b.trigrams) / min(len(a.trigrams), len(b.trigrams))
        if contained >= VERBATIM and min(a.words, b.words) / max(a.words, b.words) >= 0.8:
            return contained, "verbatim"
        if contained >= EDITED:
            return contained, "edited"
    shared = len(a.content & b.content)
    if shared >= MIN_SHARED:
        dice = 2 * shared / (len(a.content) + len(b.content))
        if dice >= PARAPHRASE:
            return dice, "paraphrase"
    return None


def _align(sa: list[Prepared], sb: list[Prepared]) -> list[_Match]:
    """One-to-one sentence alignment, best pairs first (ties by position: deterministic)."""
    index: dict[str, list[int]] = {}
    for j, s in enumerate(sb):
        for k in s.content:
            index.setdefault(k, []).append(j)
    found: list[_Match] = []
    for i, s in enumerate(sa):
        hits: dict[int, int] = {}
        for k in s.content:
            for j in index.get(k, ()):
                hits[j] = hits.get(j, 0) + 1
        for j, n in hits.items():
            if n >= 3:
                res = _compare(s, sb[j])
                if res is not None:
                    found.append(_Match(i, j, res[0], res[1]))
    found.sort(key=lambda m: (_RANK[m.kind], -m.similarity, m.i, m.j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for m in found:
        if m.i not in used_a and m.j not in used_b:
            used_a.add(m.i)
            used_b.add(m.j)
            chosen.append(m)
    return sorted(chosen, key=lambda m: (m.i, m.j))


def shared_passages(a_id: str, a_text: str, b_id: str, b_text: str,
                    a_sentences: Sequence[Sentence] = (),
                    b_sentences: Sequence[Sentence] = ()) -> list[SharedPassage]:
    """Passages of `a_text` reused in `b_text`, with offsets in both and a similarity."""
    return align(a_id, prepare(a_text, a_sentences), b_id, prepare(b_text, b_sentences))


def align(a_id: str, sa: list[Prepared], b_id: str, sb: list[Prepared]) -> list[SharedPassage]:
    """Shared passages between two prepared articles."""
    runs: list[list[_Match]] = []
    for m in _align(sa, sb):
        last = runs[-1][-1] if runs else None
        if last is not None and m.i == last.i + 1 and m.j == last.j + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return [_passage(a_id, b_id, sa, sb, run) for run in runs]


def _passage(a_id: str, b_id: str, sa: list[Prepared], sb: list[Prepared], run: list[_Match]) -> SharedPassage:
    weights = [sa[m.i].end - sa[m.i].start for m in run]
    sim = sum(m.similarity * w for m, w in zip(run, weights, strict=True)) / sum(weights)
    kind = max((m.kind for m in run), key=lambda k: _RANK[k])
    return SharedPassage(a_id=a_id, b_id=b_id, a_start=sa[run[0].i].start, a_end=sa[run[-1].i].end,
                         b_start=sb[run[0].j].start, b_end=sb[run[-1].j].end,
                         similarity=round(min(sim, 1.0), 4), kind=kind)


def coverage(passages: list[SharedPassage], text_length: int, side: str = "b") -> float:
    """Share of one article's text covered by its passages (for telling rewrites apart)."""
    if text_length <= 0:
        return 0.0
    spans = sorted((p.b_start, p.b_end) if side == "b" else (p.a_start, p.a_end) for p in passages)
    covered, reach = 0, 0
    for start, end in spans:
        start = max(start, reach)
        if end > start:
            covered += end - start
            reach = end
    return covered / text_length
