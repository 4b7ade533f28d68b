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

False events, on text with no political violence in it:
- `polnear_violent_per_100`: ASSAULT and COERCE events (PLOVER 0.5b1's FIGHT is folded into
  ASSAULT) per 100 articles of `corpus/polnear-train/` (a year of US campaign news);
- `polnear_quad4_per_100`: material-conflict events (QuadClass 4) per 100 of those articles;
- `demo_violent_per_100`, `demo_quad4_per_100`: the same two rates on the demo corpus;
  `demo_quad4_labour_budget`: QuadClass 4 events in its port-strike and budget stories (there
  should be none); `demo_quad4`: in the whole demo corpus.
`--sample N` lists N of the polnear-train violent events (sentence and code) for reading.

    .venv/bin/python bench/events.py [--data ../shared/data] [--errors] [--sample 20]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsprism.analyze.actors import is_igo
from newsprism.engine import default_pipeline
from newsprism.records import Article, Event, article_id

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
DEMO = ROOT / "src" / "newsprism" / "data" / "demo"
VIOLENT = frozenset({"ASSAULT", "COERCE"})
CALM_DEMO_STORIES = ("strike", "budget")  # demo file names of its labour and budget stories
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


def corpus_events(paths: list[Path]) -> list[tuple[str, Event]]:
    """(file name, event) for every event coded in the articles of some files, read as ingest does."""
    from newsprism.ingest import read_path

    pipeline = default_pipeline()
    out: list[tuple[str, Event]] = []
    for path in paths:
        for art in read_path(path, 50_000_000):
            if isinstance(art, Article):
                out.extend((path.name, ev) for ev in pipeline.run(art).outputs.get("events") or [])
    return out


def polnear_paths(data: Path, limit: int | None = None) -> list[Path]:
    return sorted((data / "corpus" / "polnear-train").glob("*.txt"))[:limit]


def false_events(data: Path = DATA, limit: int | None = None) -> dict[str, float]:
    """Violent and material-conflict events per 100 articles of election news, and on the demo."""
    paths = polnear_paths(data, limit)
    events = corpus_events(paths)
    per = 100 / max(1, len(paths))
    demo_paths = sorted(p for p in DEMO.iterdir() if p.is_file())
    demo = corpus_events(demo_paths)
    demo_per = 100 / max(1, demo_articles(demo_paths))
    calm = [ev for name, ev in demo if any(k in name for k in CALM_DEMO_STORIES)]
    return {
        "polnear_articles": float(len(paths)),
        "polnear_violent_per_100": per * sum(1 for _n, ev in events if ev.plover in VIOLENT),
        "polnear_quad4_per_100": per * sum(1 for _n, ev in events if ev.quad_class == 4),
        "demo_violent_per_100": demo_per * sum(1 for _n, ev in demo if ev.plover in VIOLENT),
        "demo_quad4_per_100": demo_per * sum(1 for _n, ev in demo if ev.quad_class == 4),
        "demo_quad4": float(sum(1 for _n, ev in demo if ev.quad_class == 4)),
        "demo_quad4_labour_budget": float(sum(1 for ev in calm if ev.quad_class == 4)),
    }


def demo_articles(paths: list[Path]) -> int:
    """How many articles the demo files hold (JSON Lines files hold several)."""
    from newsprism.ingest import read_path

    return sum(1 for path in paths for art in read_path(path, 50_000_000) if isinstance(art, Article))


def sample(data: Path, n: int, limit: int | None = None) -> list[str]:
    """Up to n violent or QuadClass 4 events of polnear-train, spread over the corpus, to read."""
    found = [(name, ev) for name, ev in corpus_events(polnear_paths(data, limit))
             if ev.plover in VIOLENT or ev.quad_class == 4]
    step = max(1, len(found) // max(1, n))
    lines = []
    for name, ev in found[::step][:n]:
        src = ev.source.code if ev.source else "-"
        tgt = ev.target.code if ev.target else "-"
        text = " ".join(ev.text.split())
        lines.append(f"{ev.cameo}\t{ev.plover}\t{src}->{tgt}\t{name}\t{text[:240]}")
    return lines


def scores(data: Path = DATA, corpus_limit: int | None = None) -> dict[str, float]:
    records = load(data)
    preds, seconds = predict(records)
    result = evaluate(records, preds)
    result["ms_per_sentence"] = 1000 * seconds / max(1, len(records))
    result.update(false_events(data, corpus_limit))
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
    parser.add_argument("--sample", type=int, default=0, help="list N polnear-train violent events")
    parser.add_argument("--limit", type=int, default=None, help="read only N polnear-train articles")
    args = parser.parse_args()
    for key, value in scores(args.data, args.limit).items():
        print(f"{key}\t{value:.3f}")
    if args.errors:
        for (g, p), count in confusion(args.data).most_common():
            print(f"confusion\t{g}\t{p}\t{count}")
    for line in sample(args.data, args.sample, args.limit) if args.sample else []:
        print(f"sample\t{line}")


if __name__ == "__main__":
    main()
