"""Entity recognition on CoNLL-2003 English dev (eng.testa): span F1 for PER, ORG and LOC.

Each -DOCSTART- document is rebuilt as text (tokens joined by spaces, one sentence per paragraph)
and run through the sentences and entities steps. A predicted entity counts only if its span starts
and ends on the gold token boundaries and its type matches (CoNLL's exact match). Types map
PERSON->PER, ORG->ORG, PLACE->LOC; OTHER, pronoun mentions and MISC are left out. Prints micro
precision, recall and F1 overall and per type, and the CPU time per document.

    .venv/bin/python bench/ner.py [--shared ../shared] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from newsprism.analyze.entities import EntitiesStep
from newsprism.analyze.sentences import SentencesStep
from newsprism.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
TYPES = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC"}
Span = tuple[int, int, str]


def read_docs(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, IOB tag)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sent and docs:
                docs[-1].append(sent)
            sent = []
        elif parts[0] == "-DOCSTART-":
            docs.append([])
        else:
            sent.append((parts[0], parts[-1]))
    if sent and docs:
        docs[-1].append(sent)
    return [d for d in docs if d]


def build(doc: list[list[tuple[str, str]]]) -> tuple[str, set[Span], set[int], set[int]]:
    """The document text, gold spans (chars) and the sets of token starts and ends."""
    parts: list[str] = []
    gold: set[Span] = set()
    starts: set[int] = set()
    ends: set[int] = set()
    pos = 0
    for sent in doc:
        open_span: list = []
        for i, (tok, tag) in enumerate(sent):
            if i:
                parts.append(" ")
                pos += 1
            starts.add(pos)
            kind = tag[2:] if tag != "O" else ""
            if open_span and (tag == "O" or tag.startswith("B-") or kind != open_span[2]):
                gold.add((open_span[0], open_span[1], open_span[2]))
                open_span = []
            if kind:
                if open_span:
                    open_span[1] = pos + len(tok)
                else:
                    open_span = [pos, pos + len(tok), kind]
            parts.append(tok)
            pos += len(tok)
            ends.add(pos)
        if open_span:
            gold.add((open_span[0], open_span[1], open_span[2]))
        parts.append("\n\n")
        pos += 2
    return "".join(parts), {g for g in gold if g[2] != "MISC"}, starts, ends


def predict(text: str, sentences: SentencesStep, entities: EntitiesStep) -> set[Span]:
    art = Article(id="conll", source="conll", text=text)
    sents = sentences.run(art, {})
    out: set[Span] = set()
    for e in entities.run(art, {"sentences": sents}):
        if e.type in TYPES and e.text.lower() not in ("he", "she"):
            out.add((e.start, e.end, TYPES[e.type]))
    return out


def scores(shared: Path = SHARED, limit: int | None = None) -> dict[str, float]:
    docs = read_docs(shared / "data" / "conll2003" / "dev.conll")[:limit]
    sentences, entities = SentencesStep(), EntitiesStep()
    predict("Warm-up: lexicons load in Paris.", sentences, entities)
    counts = {t: [0, 0, 0] for t in ("PER", "ORG", "LOC")}  # tp, predicted, gold
    seconds = 0.0
    for doc in docs:
        text, gold, _, _ = build(doc)
        t0 = time.process_time()
        pred = predict(text, sentences, entities)
        seconds += time.process_time() - t0
        for t, c in counts.items():
            g = {s for s in gold if s[2] == t}
            p = {s for s in pred if s[2] == t}
            c[0] += len(g & p)
            c[1] += len(p)
            c[2] += len(g)
    out: dict[str, float] = {}
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    for name, (tp, npred, ngold) in [*counts.items(), ("overall", tuple(total))]:
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        out[f"{name.lower()}_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
        out[f"{name.lower()}_precision"] = round(p, 4)
        out[f"{name.lower()}_recall"] = round(r, 4)
    out["ms_per_doc"] = round(seconds / max(1, len(docs)) * 1000, 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    for k, v in scores(args.shared, args.limit).items():
        print(f"{k}\t{v}")


if __name__ == "__main__":
    main()
