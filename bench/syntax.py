"""The shipped syntax model on GUM's test documents (never trained on): tag accuracy (Penn
Treebank XPOS, all words), UPOS accuracy, UAS and LAS (non-punctuation words, gold tokens),
and speed through the public API (`newsprism.analyze.syntax.parse`, raw sentence text, the
model's own tokenizer) in words per CPU-second, plus the CPU time to import and load the model.

    .venv/bin/python bench/syntax.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))


def _trainer() -> ModuleType:
    """scripts/train_syntax.py: the one reader of the CoNLL-U files and the one scorer."""
    path = ROOT / "scripts" / "train_syntax.py"
    spec = importlib.util.spec_from_file_location("train_syntax", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def scores(shared: Path = SHARED) -> dict[str, float]:
    c0 = time.process_time()
    from newsprism.analyze import syntax

    nlp = syntax._model()
    load_cpu = time.process_time() - c0
    trainer = _trainer()
    test = trainer.load_data(shared / "training")["test"]
    figures = trainer.score(nlp, test)
    texts = ["".join(w + (" " if sp else "") for w, sp in zip(s.words, s.spaces, strict=True)).strip()
             for s in test]
    c1 = time.process_time()
    parses = syntax.parse(texts)
    cpu = time.process_time() - c1
    words = sum(len(s.words) for s in test)
    return {
        "tag_acc": figures["tag_acc"], "pos_acc": figures["pos_acc"],
        "uas": figures["uas"], "las": figures["las"],
        "words_per_cpu_s": words / cpu if cpu else 0.0,
        "load_cpu_s": load_cpu,
        "sentences": float(len(parses)), "words": float(words),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args()
    if not (args.shared / "training" / "gum" / "splits.md").exists():
        sys.exit(f"needs {args.shared / 'training'} (GUM and EWT)")
    s = scores(args.shared)
    print(f"GUM test: {int(s['sentences'])} sentences, {int(s['words'])} words")
    print(f"tag accuracy (XPOS) {s['tag_acc']:.4f}   UPOS accuracy {s['pos_acc']:.4f}")
    print(f"UAS {s['uas']:.4f}   LAS {s['las']:.4f}   (non-punctuation words, gold tokens)")
    print(f"speed: {s['words_per_cpu_s']:.0f} words per CPU-second through parse() on raw text")
    print(f"import spaCy + load model: {s['load_cpu_s']:.2f} CPU-seconds")


if __name__ == "__main__":
    main()
