"""The brief: 5 to 8 sentences taken word for word from the articles, each citing its sources.

Sentences are scored by how many independent sources share their words (a centroid over sources,
so what several outlets report ranks first), with a bonus for stating a claim several sources make
and for leads. The brief reads like the top of a news story: it opens on the best-shared lead that
states what happened (not a remark or a quote), then sentences stating key figures, then other
facts, then reactions. Picked greedily without repeats (word overlap or the same claim twice);
headlines, fragments and sentences opening on a pronoun or a connective ("He", "But") are not
used. A sentence cites its own article and every article whose text holds it (most of its word
triples, every number it states and every capitalised word inside it: a name): a shared
passage over part of it is not enough. A sentence stating a claim whose verdict is "contradict"
is marked contested with the values sources give.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism.records import SharedPassage
from newsprism.stories.view_facts import ArticleContext
from newsprism.stories.view_records import BriefSentence, Claim, Span
from newsprism.stories.view_text import STOPWORDS, Roots, jaccard, unique, words

MIN_SENTENCES, MAX_SENTENCES = 5, 8
MIN_CHARS, MAX_CHARS, MIN_WORDS = 40, 360, 7
REPEAT = 0.35  # word overlap above which a sentence repeats one already chosen
OVERLAP = 0.5  # share of the shorter sentence's words another holds when it says the same thing
NOVELTY = 0.5  # weight (of the top score) against a sentence's words the brief already holds
COVERED = 0.6  # share of a sentence's word triples another article must contain to be cited
PASSAGE_COVER = 0.5  # share of a sentence a shared passage must cover to cite the other article
CARRIER_BONUS = 0.3  # per other article carrying the same wording
CLAIM_BONUS = 0.5  # per claim a sentence states (not for the lead: more figures is not more news)
PER_ARTICLE = 3
LEAD_SENTENCES = 15  # news puts what matters first: later sentences are not brief material  # at most this many sentences from one article
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<=[\s\u201c\"(])[A-Z][a-z][\w'\u2019-]*")  # a capitalised word inside a sentence
_ENDS = re.compile(r"[.!]['\"\u2019\u201d)]*\s*$")
_OPENS_ON_REFERENCE = re.compile(
    r"(?:He|She|They|It|His|Her|Their|Its|This|These|That|Those|Him|Them|We|Our|I|But|And|Also|"
    r"However|Meanwhile|Still|So|Then|Instead|Yet)\b")
_REACTION = re.compile(  # a quote, or a remark whose speaker opens it ("Mayor X said the town...");
    # a lead that ends ", the fire service said." reports what happened
    r"^[\"'\u201c\u2018]|[\"\u201c\u201d]|^(?:\S+\s+){0,7}?(?:said|says|told|added|warned|urged|"
    r"promised|vowed|called|insisted|stressed|argued)\b")
_JUNK = re.compile(r"click here|subscribe|cookies|all rights reserved|newsletter|sign up", re.I)


@dataclass
class _Cand:
    ctx: ArticleContext
    start: int
    end: int
    index: int
    words: set[str]
    claims: list[str] = field(default_factory=list)
    score: float = 0.0
    rank: int = 0  # its place among the article's usable sentences (0: the lead)
    reaction: bool = False  # a quote or a reported remark ("X said ...")


def build_brief(contexts: Sequence[ArticleContext], roots: Roots, claims: Sequence[Claim],
                passages: Sequence[SharedPassage]) -> list[BriefSentence]:
    """The cited brief of a story (fewer than 5 sentences only when the articles have fewer)."""
    cands = _candidates(contexts)
    if not cands:
        return []
    _score(cands, roots, claims)
    _carrier_bonus(cands, passages)
    chosen = _choose(cands)
    triples = _TripleIndex(contexts)
    by_id = {c.id: c for c in claims}
    return [_record(c, triples, by_id) for c in chosen]


def _candidates(contexts: Sequence[ArticleContext]) -> list[_Cand]:
    out = []
    for ctx in contexts:
        text = ctx.article.text
        rank = 0
        for i, (s, e) in enumerate(ctx.sentences.spans[:LEAD_SENTENCES]):
            sentence = text[s:e]
            if not MIN_CHARS <= len(sentence) <= MAX_CHARS or _JUNK.search(sentence):
                continue
            if not sentence[:1].isupper() and sentence[:1] not in "\"'\u201c":
                continue
            if (not _ENDS.search(sentence) or _OPENS_ON_REFERENCE.match(sentence) or _shouting(sentence)
                    or _quote_tail(sentence)):
                continue  # a headline or fragment; a pronoun whose antecedent the brief may lack
            ws = ctx.content((s, e))
            if len(ws) >= MIN_WORDS:
                out.append(_Cand(ctx=ctx, start=s, end=e, index=i, words=ws, rank=rank,
                                 reaction=bool(_REACTION.search(sentence))))
                rank += 1
    return out


def _score(cands: list[_Cand], roots: Roots, claims: Sequence[Claim]) -> None:
    """Centroid over independent sources, plus bonuses for shared claims and leads."""
    per_word: dict[str, set[str]] = {}
    for c in cands:
        root = roots.find(c.ctx.article.id)
        for w in c.words:
            per_word.setdefault(w, set()).add(root)
    n_roots = max(1, len({roots.find(c.ctx.article.id) for c in cands}))
    spans = _claim_spans(claims)
    for c in cands:
        shared = sum(len(per_word[w]) - 1 for w in c.words) / n_roots
        c.score = shared / math.sqrt(len(c.words))
        c.claims = unique(cid for cid, s in spans.get(c.ctx.article.id, ())
                          if c.start <= s.start and s.end <= c.end)
        c.score += CLAIM_BONUS * len(c.claims) + (0.3 if c.index < 3 else 0.0)


def _carrier_bonus(cands: list[_Cand], passages: Sequence[SharedPassage]) -> None:
    """Among near-duplicates, prefer the wording other articles carry too (copies, passages)."""
    same: dict[str, set[str]] = {}
    keys = []
    for c in cands:
        key = " ".join(c.ctx.words((c.start, c.end)))
        keys.append(key)
        same.setdefault(key, set()).add(c.ctx.article.id)
    by_article: dict[str, list[tuple[int, int]]] = {}
    for p in passages:
        by_article.setdefault(p.a_id, []).append((p.a_start, p.a_end))
        by_article.setdefault(p.b_id, []).append((p.b_start, p.b_end))
    for c, key in zip(cands, keys, strict=True):
        need = PASSAGE_COVER * (c.end - c.start)
        shared = sum(1 for s, e in by_article.get(c.ctx.article.id, ())
                     if min(e, c.end) - max(s, c.start) >= need)
        c.score += CARRIER_BONUS * (len(same[key]) - 1 + shared)


def _claim_spans(claims: Sequence[Claim]) -> dict[str, list[tuple[str, Span]]]:
    out: dict[str, list[tuple[str, Span]]] = {}
    for claim in claims:
        if claim.verdict == "single":
            continue
        for value in claim.values:
            for span in value.spans:
                out.setdefault(span.article_id, []).append((claim.id, span))
    return out


def _quote_tail(sentence: str) -> bool:
    """The end of a quotation opened in an earlier sentence ('I will clear my name."'): the
    speaker and the start of what was said are not in it."""
    return sentence.count("\u201d") > sentence.count("\u201c") or (
        sentence.count('"') % 2 == 1 and not sentence.lstrip().startswith('"'))


def _shouting(sentence: str) -> bool:
    """A sentence written in capitals (a wire slug, a shouted headline)."""
    letters = [ch for ch in sentence if ch.isalpha()]
    return len(letters) > 20 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def _lead(cands: list[_Cand]) -> _Cand:
    """The sentence that opens the brief: the best-shared lead of an article that states what
    happened (not a remark or a quote), else the best-shared sentence. No bonus for the claims it
    states: a lead stating more figures does not state the main event more."""
    for ok in (lambda c: c.rank == 0 and not c.reaction, lambda c: c.rank <= 2 and not c.reaction,
               lambda c: c.rank == 0):
        leads = [c for c in cands if ok(c)]
        if leads:
            return max(leads, key=lambda c: (c.score - CLAIM_BONUS * len(c.claims), -c.rank,
                                             c.ctx.article.id))
    return max(cands, key=lambda c: c.score)


def _in_order(chosen: list[_Cand]) -> list[_Cand]:
    """The lead, then sentences stating claims (key figures), then other facts, then reactions."""
    lead, rest = chosen[0], chosen[1:]
    return [lead, *sorted(rest, key=lambda c: (c.reaction, not c.claims, -c.score))]


def _choose(cands: list[_Cand]) -> list[_Cand]:
    """The lead, then at each step the best-shared sentence that adds the most not yet said
    (its score less what it shares with the sentences chosen), without repeats."""
    lead = _lead(cands)
    top = max(c.score for c in cands) or 1.0
    chosen = [lead]
    per_article: Counter[str] = Counter({lead.ctx.article.id: 1})
    claims_used = set(lead.claims)
    pool = [c for c in cands if c is not lead and not _repeats(c, lead)]
    while pool and len(chosen) < MAX_SENTENCES:
        pool = [c for c in pool if per_article[c.ctx.article.id] < PER_ARTICLE
                and not claims_used & set(c.claims) and not _repeats(c, chosen[-1])]
        if not pool:
            break
        best = max(pool, key=lambda c: (c.score - NOVELTY * top * _said(c, chosen), c.ctx.article.id))
        if len(chosen) >= MIN_SENTENCES and best.score < 0.4 * top:
            break
        chosen.append(best)
        pool.remove(best)
        per_article[best.ctx.article.id] += 1
        claims_used |= set(best.claims)
    return _in_order(chosen)


def _said(c: _Cand, chosen: list[_Cand]) -> float:
    """The largest share of c's words one chosen sentence already holds."""
    return max(len(c.words & o.words) / max(1, len(c.words)) for o in chosen)


def _repeats(a: _Cand, b: _Cand) -> bool:
    """Two sentences saying the same thing: many shared words, or half the shorter one's words
    ("a 5.6 quake shook Qeshm island on Sunday" told twice in other words)."""
    shared = len(a.words & b.words)
    return jaccard(a.words, b.words) >= REPEAT or shared >= OVERLAP * min(len(a.words), len(b.words))


class _TripleIndex:
    """Finds the articles that contain a chosen sentence: a substring test on its longest words
    first (C speed), then its words and word triples in the article's folded word string, built
    only for the articles that pass."""

    def __init__(self, contexts: Sequence[ArticleContext]) -> None:
        self.lower = {ctx.article.id: ctx.article.text.lower() for ctx in contexts}
        self.texts = {ctx.article.id: ctx.article.text for ctx in contexts}
        self.folded: dict[str, tuple[set[str], str, set[str]]] = {}

    def _folded(self, aid: str) -> tuple[set[str], str, set[str]]:
        found = self.folded.get(aid)
        if found is None:
            text = self.texts[aid]
            ws = words(text)
            found = self.folded[aid] = (set(ws), " " + " ".join(ws) + " ",
                                        set(_NUMBER.findall(text)))
        return found

    def containing(self, sentence: str) -> list[str]:
        """Articles holding most of the sentence's word triples and every number it states."""
        ws = words(sentence)
        mine = [" " + " ".join(ws[i:i + 3]) + " " for i in range(len(ws) - 2)]
        if not mine:
            return []
        content = {w for w in ws if w not in STOPWORDS and len(w) > 1}
        raw = sentence.lower()
        probes = sorted((w for w in content if w.isalpha() and w in raw), key=len)[-3:]
        numbers = set(_NUMBER.findall(sentence))
        names = {w for w in words(" ".join(_NAME.findall(sentence[1:])))}  # "A.J. Ruiz" is not "A.J. Ortiz"
        out = []
        for aid, lower in self.lower.items():
            if not all(p in lower for p in probes):
                continue
            vocab, joined, nums = self._folded(aid)
            if len(content & vocab) < COVERED * len(content) or not numbers <= nums or not names <= vocab:
                continue
            if sum(1 for t in mine if t in joined) >= COVERED * len(mine):
                out.append(aid)
        return out


def triples(text: str) -> set[str]:
    """Word triples of a text, joined, for containment tests."""
    ws = words(text)
    return {" ".join(ws[i:i + 3]) for i in range(len(ws) - 2)}


def _record(c: _Cand, triples_: _TripleIndex, claims: dict[str, Claim]) -> BriefSentence:
    aid = c.ctx.article.id
    sentence = c.ctx.article.text[c.start:c.end]
    cites = unique([aid, *triples_.containing(sentence)])  # a shared passage over half of it is not the sentence
    contested = [claims[i] for i in c.claims if claims[i].verdict == "contradict"]
    note = None
    if contested:
        note = "; ".join(f"contested: {cl.subject}: {cl.explanation}" for cl in contested)
    return BriefSentence(
        text=" ".join(sentence.split()), span=Span(article_id=aid, start=c.start, end=c.end),
        citations=cites, contested=bool(contested), note=note, claims=c.claims,
    )
