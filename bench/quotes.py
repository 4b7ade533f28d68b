"""Attribution quality on PolNeAr (`polnear/dev/`): precision, recall, F1 and speaker accuracy.

Gold: the BRAT standoff files in `attributions/` (the first file per article when several
annotators did it); every `Attribution` event gives a Content span (possibly in fragments), a Cue
and a Source (none for `Attribution-no-source`). A gold attribution is direct when its content is
all inside quote marks, indirect when it has none, partial otherwise. Predictions: the `quotes`
step on the raw text (no cleaning, so offsets agree), after sentences and entities.

Matching: a prediction is correct when at least half of it lies inside a gold content of the same
class; a gold one is found when the predictions together cover at least half of it (a quote
split by its attribution, `"...," he said, "..."`, is one gold content in fragments and two
predictions). Speaker accuracy is over found gold attributions: the prediction overlapping most
has speaker words that overlap the gold Source span, or name the same words, or both have none. Classes: direct, indirect and all (partial counts in all).

    .venv/bin/python bench/quotes.py [--data ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.analyze.entities import EntitiesStep
from newsprism.analyze.quotes import QuotesStep
from newsprism.analyze.sentences import SentencesStep
from newsprism.pipeline import Pipeline
from newsprism.records import Article, Quote, article_id, normalise_for_id

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb]|''")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class Gold:
    """One gold attribution: content fragments, source span (or None) and its class."""

    fragments: list[tuple[int, int]]
    source: tuple[int, int] | None
    source_text: str | None
    kind: str = "indirect"
    size: int = field(init=False)

    def __post_init__(self) -> None:
        self.size = sum(e - s for s, e in self.fragments)


def read_ann(path: Path, text: str) -> list[Gold]:
    """Attribution events of one BRAT .ann file."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            frags = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
            spans[parts[0]] = (label, frags, parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for ev in events:
        head = next((k for k in ev if k.startswith("Attribution")), None)
        if head is None or "Content" not in ev or ev["Content"] not in spans:
            continue
        frags = spans[ev["Content"]][1]
        src = spans.get(ev.get("Source", ""))
        source = (src[1][0][0], src[1][-1][1]) if src else None
        out.append(Gold(frags, source, src[2] if src else None, _gold_kind(text, frags)))
    return out


def _gold_kind(text: str, frags: list[tuple[int, int]]) -> str:
    content = " ".join(text[s:e] for s, e in frags).strip(" ,.\n")
    marks = _MARK.findall(content)
    if not marks:
        return "indirect"
    inner = _MARK.sub("", content).strip(" ,.")
    quoted = "".join(re.findall("(?:[\"\u201c\u00ab]|'')(.*?)(?:[\"\u201d\u00bb]|'')", content, re.S))
    return "direct" if len(quoted.strip(" ,.")) >= 0.9 * len(inner) else "partial"


def _overlap(frags: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in frags)


def _pred_kind(q: Quote) -> str:
    return q.kind


def _same_speaker(q: Quote, g: Gold) -> bool:
    if g.source is None or q.speaker_text is None:
        return g.source is None and q.speaker_text is None
    if q.speaker_start is not None and q.speaker_end is not None and \
            min(q.speaker_end, g.source[1]) > max(q.speaker_start, g.source[0]):
        return True
    gw = set(_WORD.findall(normalise_for_id(g.source_text or "")))
    pw = set(_WORD.findall(normalise_for_id(q.speaker or q.speaker_text)))
    return bool(gw & pw - {"the", "a", "mr", "mrs", "ms", "dr", "he", "she", "they", "it"})


def evaluate(pairs: list[tuple[list[Gold], list[Quote]]]) -> dict[str, float]:
    """P, R, F1 and speaker accuracy per class over (gold, predicted) pairs of articles."""
    out: dict[str, float] = {}
    for cls in ("direct", "indirect", "all"):
        tp_p = n_p = tp_g = n_g = spk = 0
        for golds, preds in pairs:
            gs = [g for g in golds if cls == "all" or g.kind == cls]
            ps = [q for q in preds if cls == "all" or _pred_kind(q) == cls]
            n_p, n_g = n_p + len(ps), n_g + len(gs)
            tp_p += sum(any(_overlap(g.fragments, q.start, q.end) * 2 >= q.end - q.start for g in gs) for q in ps)
            for g in gs:
                overlaps = [(_overlap(g.fragments, q.start, q.end), i) for i, q in enumerate(ps)]
                covered = sum(o for o, _ in overlaps)
                best = ps[max(overlaps)[1]] if overlaps else None
                if best is not None and covered * 2 >= g.size:
                    tp_g += 1
                    spk += _same_speaker(best, g)
        p = tp_p / n_p if n_p else 0.0
        r = tp_g / n_g if n_g else 0.0
        out[f"{cls}_p"], out[f"{cls}_r"] = p, r
        out[f"{cls}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
        out[f"{cls}_speaker"] = spk / tp_g if tp_g else 0.0
    return out


def load(data: Path, limit: int | None = None) -> list[tuple[str, str, list[Gold]]]:
    root = data / "polnear" / "dev"
    out = []
    for txt in sorted((root / "text").glob("*.txt"))[:limit]:
        anns = sorted((root / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        out.append((txt.name, text, read_ann(anns[0], text)))
    return out


def scores(data: Path = DATA, limit: int | None = None) -> dict[str, float]:
    pipeline = Pipeline([SentencesStep(), EntitiesStep(), QuotesStep()])
    pairs: list[tuple[list[Gold], list[Quote]]] = []
    for name, text, golds in load(data, limit):
        result = pipeline.run(Article(id=article_id(text), source=name, text=text))
        pairs.append((golds, result.outputs.get("quotes", [])))
    return evaluate(pairs)


def main(argv: Any = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    for key, val in scores(args.data, args.limit).items():
        print(f"{key:18s} {val:.3f}")


if __name__ == "__main__":
    main()
