"""HTML-to-text quality on ../shared/data/article-extraction: bag-of-words token F1 of the body.

As the benchmark's own evaluation defines it: precision and recall over whitespace-tokenised
words (multisets), per page, averaged over pages. Prints the figures; `scores()` returns them.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared")) / "data" / "article-extraction"


def token_prf(truth: str, pred: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted words against true words (bags of words)."""
    t, p = Counter(truth.split()), Counter(pred.split())
    if not t and not p:
        return 1.0, 1.0, 1.0
    common = sum((t & p).values())
    precision = common / sum(p.values()) if p else 0.0
    recall = common / sum(t.values()) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _extract(html: bytes, name: str, url: str | None) -> str:
    from newsprism.errors import IngestError
    from newsprism.ingest.html import article_from_html

    try:
        return article_from_html(html, source=name, url=url).text
    except IngestError:
        return ""


def scores(limit: int | None = None) -> dict[str, float]:
    """Mean precision, recall and F1 over the benchmark pages, and pages per second."""
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[:limit]
    totals = [0.0, 0.0, 0.0]
    start = time.perf_counter()
    for name in names:
        html = gzip.decompress((DATA / "html" / f"{name}.html.gz").read_bytes())
        pred = _extract(html, name, truth[name].get("url"))
        for i, value in enumerate(token_prf(truth[name]["articleBody"], pred)):
            totals[i] += value
    seconds = time.perf_counter() - start
    n = len(names) or 1
    return {"pages": float(len(names)), "precision": totals[0] / n, "recall": totals[1] / n,
            "f1": totals[2] / n, "pages_per_second": len(names) / seconds if seconds else 0.0}


def main() -> None:
    if not DATA.exists():
        sys.exit(f"needs {DATA} (the shared benchmark data is not beside this checkout)")
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    for key, value in scores(limit).items():
        print(f"{key:<18} {value:.4f}")


if __name__ == "__main__":
    main()
