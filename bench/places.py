"""Toponym recognition and geocoding on GeoWebNews dev (96 news articles with gold toponyms).

Each article's text runs through sentences, entities and places. Gold toponyms are every annotated
type except the non-toponym ones (Literal_Expression, Non_Lit_Expression, Non_Toponym) and the
adjectival ones (Demonym, Language: "French" is not a place name here). Scores:
- toponym_precision/recall/f1: exact character-span match of predicted places with gold toponyms;
- geocoded_161km: of the gold toponyms that carry coordinates and were recognised, the share
  placed within 161 km (100 miles) of the gold point (a place left without coordinates misses);
- ms_per_doc: CPU time of the three steps per article.

    .venv/bin/python bench/places.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import math
import os
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from newsprism.analyze.entities import EntitiesStep
from newsprism.analyze.places import PlacesStep
from newsprism.analyze.sentences import SentencesStep
from newsprism.pipeline import Pipeline
from newsprism.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
NOT_TOPONYMS = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Demonym", "Language"}
Gold = dict[tuple[int, int], tuple[float, float] | None]


def read_articles(path: Path) -> list[tuple[str, Gold]]:
    """(text, {(start, end): (lat, lon) or None}) per article."""
    out = []
    for art in ET.parse(path).getroot():
        text = art.findtext("text") or ""
        gold: Gold = {}
        for top in art.iter("toponym"):
            if (top.findtext("type") or "") in NOT_TOPONYMS:
                continue
            span = (int(top.findtext("start") or 0), int(top.findtext("end") or 0))
            lat, lon = top.findtext("latitude"), top.findtext("longitude")
            gold[span] = (float(lat), float(lon)) if lat and lon else None
        out.append((text, gold))
    return out


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def scores(shared: Path = SHARED) -> dict[str, float]:
    articles = read_articles(shared / "data" / "geowebnews" / "dev.xml")
    pipeline = Pipeline([SentencesStep(), EntitiesStep(), PlacesStep()])
    warm = "Warm-up: Russian envoys met in Paris, the Toronto Police Service and the town of Avdiivka."
    pipeline.run(Article(id="w", source="w", text=warm), strict=True)
    tp = npred = ngold = near = coded_gold = 0
    seconds = 0.0
    for i, (text, gold) in enumerate(articles):
        t0 = time.process_time()
        result = pipeline.run(Article(id=str(i), source=str(i), text=text), strict=True)
        seconds += time.process_time() - t0
        pred = {(p.start, p.end): p for p in result.outputs["places"]}
        npred += len(pred)
        ngold += len(gold)
        for span, point in gold.items():
            if span not in pred:
                continue
            tp += 1
            if point is None:
                continue
            coded_gold += 1
            p = pred[span]
            near += p.lat is not None and p.lon is not None and km((p.lat, p.lon), point) <= 161.0
    prec = tp / npred if npred else 0.0
    rec = tp / ngold if ngold else 0.0
    return {
        "toponym_precision": round(prec, 4),
        "toponym_recall": round(rec, 4),
        "toponym_f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        "geocoded_161km": round(near / coded_gold, 4) if coded_gold else 0.0,
        "ms_per_doc": round(seconds / max(1, len(articles)) * 1000, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args()
    for k, v in scores(args.shared).items():
        print(f"{k}\t{v}")


if __name__ == "__main__":
    main()
