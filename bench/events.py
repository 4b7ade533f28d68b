"""Event coding on the PLOVER gold sentences (`plover/dev.jsonl`): type accuracy, macro F1, actors.

Each sentence runs through the default analysis pipeline as a one-sentence article (published on
the record's date); the first event coded is compared with the record. Labels are PLOVER 0.5b1;
they are mapped to the 16 current types (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE,
FIGHT -> ASSAULT). A sentence with no event counts as wrong for every figure.

- `type_accuracy`, `type_macro_f1` (over the 16 types present in gold or predicted);
- `source_accuracy`: our source code is one of the gold source codes (IGO members map to "IGO");
- `target_accuracy`: over records with a gold target, ours is one of them; over records without
  one (compound actors coded SRC/TAR), ours is none or one of the gold sources;
- `coverage`: share of sentences with any event; `ms_per_sentence`.

    .venv/bin/python bench/events.py [--data ../shared/data] [--errors]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsprism.analyze.actors import is_igo
from newsprism.pipeline import default_pipeline
from newsprism.records import Article, Event, article_id

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def load(data: Path) -> list[dict[str, Any]]:
    path = data / "plover" / "dev.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _codes(actors: Any) -> set[str]:
    return {str(a.get("code")) for a in actors if isinstance(a, dict) and a.get("code")} \
        if isinstance(actors, list) else set()


def _ours(code: str | None) -> str | None:
    return "IGO" if is_igo(code) else code


def predict(records: list[dict[str, Any]]) -> tuple[list[Event | None], float]:
    """The first event of each sentence (None when none), and the seconds it took."""
    pipeline = default_pipeline()
    out: list[Event | None] = []
    t0 = time.process_time()
    for rec in records:
        text = rec["text"]
        art = Article(id=article_id(text), source=rec["id"], text=text, published=rec.get("date"))
        events = pipeline.run(art).outputs.get("events") or []
        out.append(events[0] if events else None)
    return out, time.process_time() - t0


def _macro_f1(gold: list[str], pred: list[str | None]) -> float:
    labels = set(gold) | {p for p in pred if p}
    f1s = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def _target_ok(rec: dict[str, Any], ev: Event) -> bool:
    ours = _ours(ev.target.code) if ev.target else None
    gold_t = _codes(rec.get("target"))
    if gold_t:
        return ours in gold_t
    return ours is None or ours in _codes(rec.get("source"))


def evaluate(records: list[dict[str, Any]], preds: list[Event | None]) -> dict[str, float]:
    gold = [OLD_TO_NEW.get(r["event"], r["event"]) for r in records]
    types = [p.plover if p else None for p in preds]
    n = len(records)
    src = sum(1 for r, p in zip(records, preds, strict=True)
              if p and p.source and _ours(p.source.code) in _codes(r.get("source")))
    tgt = sum(1 for r, p in zip(records, preds, strict=True) if p and _target_ok(r, p))
    return {
        "sentences": float(n),
        "coverage": sum(1 for p in preds if p) / n,
        "type_accuracy": sum(1 for g, t in zip(gold, types, strict=True) if g == t) / n,
        "type_macro_f1": _macro_f1(gold, types),
        "source_accuracy": src / n,
        "target_accuracy": tgt / n,
    }


def scores(data: Path = DATA) -> dict[str, float]:
    records = load(data)
    preds, seconds = predict(records)
    result = evaluate(records, preds)
    result["ms_per_sentence"] = 1000 * seconds / max(1, len(records))
    return result


def confusion(data: Path = DATA) -> Counter[tuple[str, str]]:
    """(gold, predicted) type pairs that differ, for reading errors."""
    records = load(data)
    preds, _ = predict(records)
    return Counter((OLD_TO_NEW.get(r["event"], r["event"]), p.plover if p else "-")
                   for r, p in zip(records, preds, strict=True)
                   if (p.plover if p else "-") != OLD_TO_NEW.get(r["event"], r["event"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="also print the type confusions")
    args = parser.parse_args()
    for key, value in scores(args.data).items():
        print(f"{key}\t{value:.3f}")
    if args.errors:
        for (g, p), count in confusion(args.data).most_common():
            print(f"confusion\t{g}\t{p}\t{count}")


if __name__ == "__main__":
    main()
