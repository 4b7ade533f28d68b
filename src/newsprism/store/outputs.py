"""Step outputs as the store writes and reads them: typed, with offsets checked once on the way in.

On the way in, every output of a step an `Analysis` holds is converted to the step's declared type
and items whose offsets do not fit the article's text are dropped (logged), so no reader has to
check them again. On the way out, each stored output is decoded with the same type.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

import msgspec

from newsprism.records import (
    Analysis,
    Article,
    DateMention,
    Entity,
    Event,
    Figure,
    Place,
    Quote,
    Sentence,
    output_type,
)

log = logging.getLogger(__name__)


def typed_outputs(article: Article, outputs: Mapping[str, Any]) -> dict[str, Any]:
    """`outputs` with each known step's output in its declared type and only items that fit the
    text (0 <= start <= end <= len(text); figures with a finite value). Other steps pass as given.

    Raises msgspec.ValidationError when an output is not of its step's type at all.
    """
    n = len(article.text)
    out: dict[str, Any] = {}
    for step, value in outputs.items():
        kind = output_type(step)
        if kind is None:
            out[step] = value
            continue
        items = msgspec.convert(value, kind)
        kept = [item for item in items if _fits(item, n)]
        if len(kept) < len(items):
            log.warning("article %s: dropped %d %s item(s) whose offsets do not fit its text",
                        article.id, len(items) - len(kept), step)
        out[step] = kept
    return out


def _fits(item: Sentence | Entity | Place | DateMention | Figure | Quote | Event, n: int) -> bool:
    if not 0 <= item.start <= item.end <= n:
        return False
    if isinstance(item, Figure):
        return math.isfinite(item.value)
    if isinstance(item, Event):
        return all(a is None or a.start is None or a.end is None or 0 <= a.start <= a.end <= n
                   for a in (item.source, item.target))
    return True


def decode_analysis(article_id: str, stored: Mapping[str, tuple[str, str | bytes]]) -> Analysis:
    """An `Analysis` from stored outputs (step -> (version, JSON)), each decoded with its step's
    type; an output that no longer decodes is left out (logged), never guessed at."""
    fields: dict[str, Any] = {}
    versions: dict[str, str] = {}
    for step, (version, output) in stored.items():
        kind = output_type(step)
        if kind is None:
            continue
        try:
            fields[step] = msgspec.json.decode(output, type=kind)
        except msgspec.DecodeError as exc:
            log.warning("article %s: stored %s v%s does not decode, left out: %s",
                        article_id, step, version, exc)
            continue
        versions[step] = str(version)
    return Analysis(article_id=article_id, versions=versions, **fields)


def index_terms(outputs: Mapping[str, Any] | Analysis) -> set[tuple[str, str]]:
    """Index terms from typed step outputs (entities, places, events, quotes' speakers): the search
    filters and the entity pages find articles through them, whatever steps ran."""
    analysis = outputs if isinstance(outputs, Analysis) else Analysis.of("", outputs)
    terms: set[tuple[str, str]] = set()
    kinds = {"PERSON": "person", "ORG": "org", "PLACE": "place"}
    for ent in analysis.entities:
        kind = kinds.get(ent.type)
        if kind and ent.canonical:
            terms.add((kind, ent.canonical))
    terms.update(("place", p.name) for p in analysis.places if p.name)
    for ev in analysis.events:
        if ev.plover:
            terms.add(("event_type", ev.plover))
        if ev.cameo:
            terms.add(("cameo_root", ev.cameo[:2]))
        terms.update(("actor", a.code) for a in (ev.source, ev.target) if a is not None and a.code)
    terms.update(("speaker", q.speaker) for q in analysis.quotes if q.speaker)
    return terms
