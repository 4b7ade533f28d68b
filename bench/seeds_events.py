"""The seeds' clear events (`gold/seeds.json` story.events): how many the events step finds.

Every seed runs through the default pipeline (read and cleaned as `newsprism ingest` does); a gold
event counts as found when some coded event has its source, its target (or none when the gold has
none) and its CAMEO root (or an accepted alternative root).

    .venv/bin/python bench/seeds_events.py [--shared ../shared] [--list]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from newsprism.engine import default_pipeline
from newsprism.ingest.text import article_from_text
from newsprism.records import Event

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def coded(shared: Path) -> list[Event]:
    pipeline = default_pipeline()
    events: list[Event] = []
    for path in sorted((shared / "seeds").iterdir()):
        article = article_from_text(path.read_text(encoding="utf-8"), str(path))
        events.extend(pipeline.run(article).outputs.get("events") or [])
    return events


def _found(gold: dict[str, Any], events: list[Event]) -> bool:
    roots = {gold["cameo_root"], *gold.get("alt_roots", [])}
    for ev in events:
        src = ev.source.code if ev.source else None
        tgt = ev.target.code if ev.target else None
        if src == gold["source"] and tgt == gold["target"] and ev.cameo[:2] in roots:
            return True
    return False


def results(shared: Path = SHARED) -> list[tuple[dict[str, Any], bool]]:
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    events = coded(shared)
    return [(g, _found(g, events)) for g in gold["story"]["events"]]


def scores(shared: Path = SHARED) -> dict[str, float]:
    found = results(shared)
    hits = sum(1 for _g, ok in found if ok)
    return {"clear_events": float(len(found)), "found": float(hits),
            "recall": hits / len(found) if found else 0.0,
            "coded_events": float(len(coded(shared)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--list", action="store_true", help="print each gold event and whether it was found")
    args = parser.parse_args()
    for key, value in scores(args.shared).items():
        print(f"{key}\t{value:.3f}")
    if args.list:
        for g, ok in results(args.shared):
            print(f"{'found' if ok else 'MISSED'}\t{g['source']}\t{g['target']}\t{g['cameo_root']}\t{g['what']}")


if __name__ == "__main__":
    main()
