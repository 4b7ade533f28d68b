"""Ingest speed and memory: articles per second and peak memory for text, HTML and WARC input.

Text: ../shared/data/corpus/polnear-train (plain text). HTML: the article-extraction pages.
WARC: the same pages written into a gzipped WARC with warcio's writer. Each kind runs in its own
process (read, clean, extract metadata; no analysis steps) so its peak RSS is its own. Rates are
given per wall-clock second and per CPU second (the latter does not suffer from a busy machine).

HTML side by side (`html_compare_*`, one more process): newsprism's `article_from_html` and
`trafilatura.extract` with its defaults on the same pages (decompressed in memory first, one page
of each as warm-up), by CPU time, with the token F1 of each against the benchmark's ground truth
(as bench/extraction.py scores it), and `html_compare_speed_ratio` (newsprism / trafilatura).

    .venv/bin/python bench/ingest.py [--compare-only] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared")) / "data"
TEXT_DIR = DATA / "corpus" / "polnear-train"
HTML_DIR = DATA / "article-extraction" / "html"


def write_warc(path: Path) -> int:
    """A gzipped WARC of the benchmark's HTML pages (one response record each)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for page in sorted(HTML_DIR.glob("*.html.gz")):
            body = gzip.decompress(page.read_bytes())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            uri = f"https://bench.invalid/{page.name.split('.')[0]}"
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
            n += 1
    return n


def run_one(target: str) -> dict[str, float]:
    """Read every article of `target` (in this process); count, time and peak RSS."""
    from newsprism.config import Settings
    from newsprism.ingest import read_inputs
    from newsprism.records import Article

    settings = Settings.load({}, environ={})
    start = time.perf_counter()
    cpu_start = time.process_time()
    ok = failed = chars = 0
    for item in read_inputs([target], settings):
        if isinstance(item, Article):
            ok += 1
            chars += len(item.text)
        else:
            failed += 1
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"articles": ok, "failed": failed, "seconds": seconds,
            "articles_per_second": ok / seconds if seconds else 0.0, "peak_rss_mb": peak_kb / 1024,
            "articles_per_cpu_second": ok / cpu if cpu else 0.0,
            "chars_per_second": chars / seconds if seconds else 0.0}


def compare_html(limit: int | None = None) -> dict[str, float]:
    """Pages per CPU second and token F1: newsprism's HTML read vs `trafilatura.extract` defaults."""
    import trafilatura

    sys.path.insert(0, str(ROOT / "bench"))
    from extraction import DATA as EXTRACTION
    from extraction import _extract, token_prf

    truth = json.loads((EXTRACTION / "ground-truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[:limit]
    pages = [(n, gzip.decompress((HTML_DIR / f"{n}.html.gz").read_bytes()), truth[n].get("url"))
             for n in names]

    def newsprism_read(html: bytes, name: str, url: str | None) -> str:
        return _extract(html, name, url)

    def trafilatura_read(html: bytes, name: str, url: str | None) -> str:
        return trafilatura.extract(html, url=url) or ""

    out: dict[str, float] = {"html_compare_pages": float(len(pages))}
    for label, read in (("newsprism", newsprism_read), ("trafilatura", trafilatura_read)):
        read(pages[0][1], pages[0][0], pages[0][2])  # warm-up: imports, first-call set-up
        f1 = 0.0
        cpu = time.process_time()
        texts = [read(html, name, url) for name, html, url in pages]
        cpu = time.process_time() - cpu
        for (name, _, _), text in zip(pages, texts, strict=True):
            f1 += token_prf(truth[name]["articleBody"], text)[2]
        out[f"html_compare_{label}_pages_per_cpu_s"] = len(pages) / cpu if cpu else 0.0
        out[f"html_compare_{label}_f1"] = f1 / max(len(pages), 1)
    ours, theirs = out["html_compare_newsprism_pages_per_cpu_s"], out["html_compare_trafilatura_pages_per_cpu_s"]
    out["html_compare_speed_ratio"] = ours / theirs if theirs else 0.0
    return out


def _child(target: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--one", target], check=True,
                         capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def scores(compare_only: bool = False, limit: int | None = None) -> dict[str, float]:
    """Articles per second and peak memory (MB) per input kind, then the HTML comparison."""
    out = subprocess.run([sys.executable, __file__, "--compare", str(limit or 0)], check=True,
                         capture_output=True, text=True)
    compared: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    if compare_only:
        return compared
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "pages.warc.gz"
        write_warc(warc)
        for kind, target in (("text", TEXT_DIR), ("html", HTML_DIR), ("warc", warc)):
            result = _child(str(target))
            figures[f"{kind}_articles"] = result["articles"]
            figures[f"{kind}_failed"] = result["failed"]
            figures[f"{kind}_articles_per_second"] = result["articles_per_second"]
            figures[f"{kind}_articles_per_cpu_second"] = result["articles_per_cpu_second"]
            figures[f"{kind}_peak_rss_mb"] = result["peak_rss_mb"]
    return figures | compared


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_one(sys.argv[2])))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--compare":
        print(json.dumps(compare_html(int(sys.argv[2]) or None)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare-only", action="store_true", help="only the HTML comparison")
    parser.add_argument("--limit", type=int, default=None, help="first N pages in the comparison")
    args = parser.parse_args()
    if not TEXT_DIR.exists() or not HTML_DIR.exists():
        sys.exit(f"needs {DATA} (the shared benchmark data is not beside this checkout)")
    for key, value in scores(args.compare_only, args.limit).items():
        print(f"{key:<42} {value:.4f}" if "f1" in key else f"{key:<42} {value:.2f}")


if __name__ == "__main__":
    main()
