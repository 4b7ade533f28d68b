"""People, aliases, organisations and places on the five seed articles against `gold/seeds.json`.

Each seed is read and cleaned as `ingest` reads it, then run through sentences, entities and places.
Scores:
- people_found: share of gold people (per document) found as a PERSON entity;
- people_role: share of gold people (over all five) found with their role in some seed, and
  people_role_doc the same per document where the person appears;
- people_country: share of gold people found with their country in some seed;
- aliases_merged: share of (document, person) with two or more mentions whose mentions all share
  one canonical name; aliases_across: share of people seen in two or more seeds whose `key` is the
  same in all of them (Sergei/Sergey Lavrov, Zelenskiy/Zelensky);
- orgs_found, places_found: share of gold organisations and places found; places_geocoded: share
  of gold places found with coordinates.
Names match by spelling-folded surname; a role matches when one role's words contain the other's,
or it has two thirds of the gold role's words ("head of the Russian general staff" ~ "Chief of the
General Staff").

    .venv/bin/python bench/seeds_entities.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path
from typing import Any

from newsprism.analyze.entities import EntitiesStep
from newsprism.analyze.gazetteer import fold
from newsprism.analyze.places import PlacesStep
from newsprism.analyze.sentences import SentencesStep
from newsprism.ingest.text import article_from_text
from newsprism.pipeline import Pipeline
from newsprism.records import ArticleResult

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
_WORD = re.compile(r"[a-z]+")
_DROP = frozenset({"the", "of", "a", "an", "s"})


def analyse(shared: Path) -> dict[str, ArticleResult]:
    pipeline = Pipeline([SentencesStep(), EntitiesStep(), PlacesStep()])
    out = {}
    for path in sorted((shared / "seeds").glob("*.txt")):
        article = article_from_text(path.read_text(encoding="utf-8"), str(path))
        out[path.name] = pipeline.run(article, strict=True)
    return out


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower().replace("-", " ")) if w not in _DROP}


def role_match(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    p, g = _words(pred), _words(gold)
    return p <= g or g <= p or len(p & g) * 3 >= len(g) * 2


def _surname(name: str) -> str:
    return fold(name).split()[-1] if fold(name) else ""


def mentions_of(person: str, info: dict[str, Any], ents: list[Any]) -> list[Any]:
    """PERSON mentions in one result whose canonical names the gold person."""
    surnames = {_surname(n) for n in [person, *info.get("aliases", [])]}
    return [e for e in ents if e.type == "PERSON" and _surname(e.canonical) in surnames]


def _share(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def _people_scores(results: dict[str, ArticleResult], gold: dict[str, Any]) -> dict[str, float]:
    found = total = doc_role = merged = multi = 0
    role_any: dict[str, bool] = {}
    country_any: dict[str, bool] = {}
    keys: dict[str, set[str]] = {}
    for name, doc in gold["documents"].items():
        ents = results[name].outputs.get("entities", [])
        for person in doc.get("people", []):
            info = gold["people"][person]
            total += 1
            ms = mentions_of(person, info, ents)
            role_any.setdefault(person, False)
            country_any.setdefault(person, False)
            if not ms:
                continue
            found += 1
            ok_role = any(role_match(m.role, info["role"]) for m in ms)
            doc_role += ok_role
            role_any[person] = role_any[person] or ok_role
            country_any[person] = country_any[person] or any(m.country == info["country"] for m in ms)
            keys.setdefault(person, set()).update(m.key for m in ms if m.key)
            if len(ms) >= 2:
                multi += 1
                merged += len({m.canonical for m in ms}) == 1
    across = [p for p, k in keys.items() if sum(1 for d in gold["documents"].values() if p in d.get("people", [])) >= 2]
    return {
        "people_found": _share(found, total),
        "people_role": _share(sum(role_any.values()), len(role_any)),
        "people_role_doc": _share(doc_role, total),
        "people_country": _share(sum(country_any.values()), len(country_any)),
        "aliases_merged": _share(merged, multi),
        "aliases_across": _share(sum(1 for p in across if len(keys[p]) == 1), len(across)),
    }


def _names_found(wanted: list[str], have: list[set[str]]) -> int:
    return sum(1 for w in wanted if fold(w) in have[0] or fold(w) in have[1])


def _org_place_scores(results: dict[str, ArticleResult], gold: dict[str, Any]) -> dict[str, float]:
    orgs = orgs_total = places = geocoded = places_total = 0
    for name, doc in gold["documents"].items():
        out = results[name].outputs
        ents = [e for e in out.get("entities", []) if e.type == "ORG"]
        org_names = [{fold(e.text) for e in ents}, {fold(e.canonical) for e in ents}]
        orgs += _names_found(doc.get("organizations", []), org_names)
        orgs_total += len(doc.get("organizations", []))
        pl = out.get("places", [])
        place_names = [{fold(p.text) for p in pl}, {fold(p.name) for p in pl}]
        coded = [{fold(p.text) for p in pl if p.lat is not None}, {fold(p.name) for p in pl if p.lat is not None}]
        places += _names_found(doc.get("places", []), place_names)
        geocoded += _names_found(doc.get("places", []), coded)
        places_total += len(doc.get("places", []))
    return {"orgs_found": _share(orgs, orgs_total), "places_found": _share(places, places_total),
            "places_geocoded": _share(geocoded, places_total)}


def scores(shared: Path = SHARED) -> dict[str, float]:
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    results = analyse(shared)
    return {**_people_scores(results, gold), **_org_place_scores(results, gold)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args()
    for k, v in scores(args.shared).items():
        print(f"{k}\t{v}")


if __name__ == "__main__":
    main()
