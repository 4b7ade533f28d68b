"""Ingest speed and memory: articles per second and peak memory for text, HTML and WARC input.

Text: ../shared/data/corpus/polnear-train (plain text). HTML: the article-extraction pages.
WARC: the same pages written into a gzipped WARC with warcio's writer. Each kind runs in its own
process (read, clean, extract metadata; no analysis steps) so its peak RSS is its own. Rates are
given per wall-clock second and per CPU second (the latter does not suffer from a busy machine).
"""

from __future__ import annotations

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


def _child(target: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--one", target], check=True,
                         capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def scores() -> dict[str, float]:
    """Articles per second and peak memory (MB) per input kind."""
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
    return figures


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_one(sys.argv[2])))
        return
    if not TEXT_DIR.exists() or not HTML_DIR.exists():
        sys.exit(f"needs {DATA} (the shared benchmark data is not beside this checkout)")
    for key, value in scores().items():
        print(f"{key:<28} {value:.2f}")


if __name__ == "__main__":
    main()
