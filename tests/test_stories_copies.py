"""Copies: exact and near copies by MinHash/LSH, rewrites told from copies, unrelated pairs apart."""

from __future__ import annotations

import numpy as np

from newsprism.records import Article, article_id
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.copies import LSHIndex, exact_key, shingles, signature, similarity
from newsprism.stories.features import extract

FLOOD = (
    "Heavy rain flooded the river town of Marwick on Tuesday, forcing about 2,000 residents to leave "
    "their homes as the Tessel burst its banks. Emergency crews used boats to reach families trapped "
    "on upper floors, and the regional council opened three shelters in school gymnasiums. Mayor "
    "Helen Strand said the water had risen faster than in the floods of 1998 and asked people to stay "
    "away from the old bridge, which engineers closed after cracks appeared in its central pier. "
    "Forecasters expect more rain on Thursday before the weather clears at the weekend."
)
FLOOD_NEAR = (
    "Heavy rain flooded the river town of Marwick on Tuesday, forcing about 2,000 residents to leave "
    "their homes as the Tessel burst its banks. Emergency crews used boats to reach families trapped "
    "on upper floors, and the council opened three shelters in school halls. Mayor Helen Strand said "
    "the water had risen faster than in the floods of 1998 and asked people to stay away from the old "
    "bridge, which engineers closed after cracks appeared in its central pier. Forecasters expect "
    "more rain on Thursday before the weather clears at the weekend, the agency reported."
)
FLOOD_REWRITE = (
    "Around 2,000 people in Marwick had to abandon their houses on Tuesday after torrential rain sent "
    "the Tessel over its banks. Rescuers in boats reached families stuck on upper storeys while the "
    "council set up three shelters inside school sports halls. According to mayor Helen Strand, the "
    "river climbed more quickly than during the 1998 floods; she urged residents to avoid the old "
    "bridge, shut by engineers once its central pier cracked. More rain is forecast for Thursday."
)
CHESS = (
    "The national chess championship opened in Dornfeld on Saturday with 64 players, among them the "
    "defending champion Ilse Varga, who won last year's title after a tense playoff. Organisers moved "
    "the event to the city's old grain exchange to make room for spectators, and games will be shown "
    "on large screens in the main hall. The winner qualifies for the continental finals in the autumn."
)


def _art(text: str, published: str | None = None, title: str | None = None) -> Article:
    return Article(id=article_id(text), source="test", text=text, published=published, title=title)


def test_exact_key_ignores_case_punctuation_and_quote_styles() -> None:
    assert exact_key("Varga said: \u201cno\u201d.") == exact_key('varga said "no"')
    assert exact_key("Russia\u00b4s troops") == exact_key("Russia's troops")
    assert exact_key(FLOOD) != exact_key(FLOOD_NEAR)


def test_minhash_estimates_jaccard() -> None:
    a, b = set(shingles(FLOOD)), set(shingles(FLOOD_NEAR))
    true = len(a & b) / len(a | b)
    est = similarity(signature(sorted(a)), signature(sorted(b)))
    assert abs(est - true) < 0.15
    assert similarity(signature(shingles(FLOOD)), signature(shingles(CHESS))) < 0.1


def test_short_texts_get_no_signature() -> None:
    assert signature(shingles("Too short to say.")).size == 0


def test_lsh_finds_near_copy_not_unrelated() -> None:
    index = LSHIndex()
    index.add("flood", signature(shingles(FLOOD)))
    index.add("chess", signature(shingles(CHESS)))
    assert index.candidates(signature(shingles(FLOOD_NEAR))) == ["flood"]
    index.remove("flood", signature(shingles(FLOOD)))
    assert index.candidates(signature(shingles(FLOOD_NEAR))) == []


def test_clusterer_marks_exact_copy_with_first_article() -> None:
    c = StoryClusterer()
    first = c.add(extract(_art(FLOOD, "2024-03-05")))
    copy_text = FLOOD.upper().replace(",", " ,")
    second = c.add(extract(_art(copy_text, "2024-03-05")))
    assert second.copy is not None
    assert second.copy.kind == "exact"
    assert second.copy.original_id == first.article_id
    assert second.story_id == first.story_id


def test_near_copy_published_earlier_is_the_original() -> None:
    c = StoryClusterer()
    late = c.add(extract(_art(FLOOD, "2024-03-06")))
    early = c.add(extract(_art(FLOOD_NEAR, "2024-03-05")))
    assert early.copy is not None and early.copy.kind == "near"
    assert early.copy.original_id == early.article_id
    assert early.copy.article_id == late.article_id
    assert 0.5 <= early.copy.similarity < 1.0


def test_rewrite_and_unrelated_are_not_copies() -> None:
    c = StoryClusterer()
    c.add(extract(_art(FLOOD)))
    rewrite = c.add(extract(_art(FLOOD_REWRITE)))
    unrelated = c.add(extract(_art(CHESS)))
    assert rewrite.copy is None
    assert unrelated.copy is None
    assert unrelated.story_id != rewrite.story_id


def test_signature_is_the_same_in_every_process() -> None:
    sig = signature(shingles(FLOOD))
    assert sig.dtype == np.uint32 and sig.size == 128
    assert sig.tolist() == signature(shingles(FLOOD)).tolist()
    # pinned: stored signatures must stay comparable across processes and library versions
    words = "one two three four five six seven eight nine ten eleven twelve thirteen"
    assert signature(shingles(words))[:3].tolist() == [1005037740, 850441869, 1161636746]


def test_empty_and_tiny_texts_are_never_copies() -> None:
    c = StoryClusterer()
    first = c.add(extract(Article(id="e1", source="t", text="")))
    second = c.add(extract(Article(id="e2", source="t", text=" ")))
    third = c.add(extract(Article(id="e3", source="t", text="Yes.")))
    assert first.copy is None and second.copy is None and third.copy is None
    assert len({first.story_id, second.story_id, third.story_id}) == 3
