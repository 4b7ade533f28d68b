"""The story view: what sources agree on and contradict, who said what, a timeline, a cited brief.

The contract (records) lives in `view_records` and is re-exported here; `build_view_from` builds a
view from in-memory articles and step outputs, `build_view` from the store.
"""

from __future__ import annotations

from newsprism.stories.view_records import (
    BriefSentence,
    Claim,
    ClaimValue,
    Coverage,
    Member,
    OutletCoverage,
    Person,
    QuoteItem,
    Span,
    SpeakerQuotes,
    StoryView,
    TimelineEntry,
)

__all__ = [
    "BriefSentence", "Claim", "ClaimValue", "Coverage", "Member", "OutletCoverage", "Person",
    "QuoteItem", "Span", "SpeakerQuotes", "StoryView", "TimelineEntry",
]
