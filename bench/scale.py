"""Scale-out benchmark: throughput and peak memory of the runners on synthetic WARCs of real text.

Builds gzipped WARC shards (1,000 articles each) from `../shared/data/corpus/` texts and the
article-extraction HTML pages, each record perturbed so ids differ, in a temp folder. Prints:
articles/s and peak memory (RSS of the whole process tree, workers and JVM included) for the local
runner with 1 and 2 workers and for Spark local[2]; then seconds per 10k articles and peak memory
at growing input sizes (default 10k and 100k; `--sizes 10000,100000,1000000` for the 1M point) so
one can see the cost per article stay flat and memory not grow with input size.

    .venv/bin/python bench/scale.py [--articles 2000] [--sizes 10000,100000] [--steps a,b] [--no-spark]
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared")) / "data"
PER_SHARD = 1000


# ------------------------------------------------------------------ synthetic input


def _sources() -> list[tuple[str, bytes]]:
    """(kind, content) of every real text and HTML page available."""
    out: list[tuple[str, bytes]] = []
    for path in sorted((DATA / "corpus").rglob("*.txt")):
        out.append(("text", path.read_bytes()))
    for path in sorted((DATA / "article-extraction" / "html").glob("*.html.gz")):
        out.append(("html", gzip.decompress(path.read_bytes())))
    if not out:
        raise SystemExit(f"no benchmark data under {DATA}")
    return out


def _html_of(kind: str, content: bytes, variant: int) -> bytes:
    """An HTML page for record `variant` of a source: text wrapped in paragraphs, or the page itself,
    with a short variant paragraph so every record is a distinct article."""
    note = f"<p>Revision {variant}: this copy was filed as update number {variant}.</p>".encode()
    if kind == "html":
        cut = content.lower().rfind(b"</p>")
        return content[: cut + 4] + note + content[cut + 4:] if cut >= 0 else content + note
    text = content.decode("utf-8", "replace")
    title, _, body = text.partition("\n")
    paras = "".join(f"<p>{_esc(p)}</p>" for p in body.split("\n") if p.strip())
    return (f"<html><head><title>{_esc(title)}</title></head><body><article><h1>{_esc(title)}</h1>"
            f"{paras}</article></body></html>").encode() + note


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_warcs(folder: Path, n: int) -> list[str]:
    """`n` articles as gzipped WARC shards of PER_SHARD records; returns the shard paths."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sources = _sources()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, n, PER_SHARD):
        path = folder / f"synthetic-{start // PER_SHARD:05d}.warc.gz"
        with path.open("wb") as f:
            writer = WARCWriter(f, gzip=True)
            for i in range(start, min(n, start + PER_SHARD)):
                kind, content = sources[i % len(sources)]
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://synthetic.example/{i}", "response",
                    payload=io.BytesIO(_html_of(kind, content, i // len(sources))), http_headers=headers))
        paths.append(str(path))
    return paths


# ------------------------------------------------------------------ measuring


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = int(statm[1]) * page
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


class PeakMemory:
    """Samples this process tree's RSS in a thread; `peak` in bytes."""

    def __init__(self, every: float = 0.2) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, args=(every,), daemon=True)

    def _loop(self, every: float) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            self._stop.wait(every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss(os.getpid()))


def measure(run: Callable[[str], Any], n: int) -> tuple[float, float]:
    """(articles per second, peak MB) of one run into a fresh output folder."""
    out = tempfile.mkdtemp(prefix="newsprism-bench-out-")
    try:
        with PeakMemory() as mem:
            t0 = time.perf_counter()
            report = run(out)
            seconds = time.perf_counter() - t0
        if report.articles != n or report.ingest_failures:
            raise SystemExit(f"run processed {report.articles} of {n} articles; failed: {report.ingest_failures[:3]}")
        return n / seconds, mem.peak / 1e6
    finally:
        shutil.rmtree(out, ignore_errors=True)


# ------------------------------------------------------------------ the benchmark


def _runners(steps: list[str] | None, spark: bool) -> Iterator[tuple[str, Callable[[str, str], Any]]]:
    from newsprism.config import Settings
    from newsprism.scale.local import run_local

    settings = Settings.load({"db": ":memory:"}, environ={})
    for workers in (1, 2):
        yield (f"local_{workers}w",
               lambda src, out, w=workers: run_local([src], out, workers=w, settings=settings, steps=steps))
    if spark:
        from newsprism.scale.spark import run_spark, session

        yield ("spark_local2",
               lambda src, out: run_spark([src], out, settings=settings, steps=steps,
                                          spark=session("local[2]")))


def scores(articles: int = 2000, sizes: tuple[int, ...] = (10_000, 100_000),
           steps: list[str] | None = None, spark: bool = True) -> dict[str, float]:
    """Throughput/memory per runner on `articles`, then time per 10k articles at each size."""
    return dict(figures(articles, sizes, steps, spark))


def figures(articles: int, sizes: tuple[int, ...], steps: list[str] | None,
            spark: bool) -> Iterator[tuple[str, float]]:
    """The figures one by one, as each measurement ends (a long run shows progress)."""
    work = Path(tempfile.mkdtemp(prefix="newsprism-bench-in-"))
    try:
        small = work / "small"
        build_warcs(small, articles)
        runners = list(_runners(steps, spark))
        for name, runner in runners[:2]:
            yield from _runner_figures(name, runner, small, articles)
        yield from _series(work, sizes, steps)
        # Spark last: its JVM outlives the session and would count in every later peak
        for name, runner in runners[2:]:
            yield from _runner_figures(name, runner, small, articles)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _runner_figures(name: str, runner: Callable[[str, str], Any], src: Path,
                    articles: int) -> Iterator[tuple[str, float]]:
    rate, peak = measure(lambda out: runner(str(src), out), articles)
    yield f"{name}_articles_per_s", round(rate, 1)
    yield f"{name}_peak_mb", round(peak, 1)


def _series(work: Path, sizes: tuple[int, ...], steps: list[str] | None) -> Iterator[tuple[str, float]]:
    from newsprism.config import Settings
    from newsprism.scale.local import run_local

    settings = Settings.load({"db": ":memory:"}, environ={})
    for size in sizes:
        folder = work / f"n{size}"
        build_warcs(folder, size)
        rate, peak = measure(lambda out, f=folder: run_local([str(f)], out, workers=2,
                                                           settings=settings, steps=steps), size)
        yield f"s_per_10k_at_{size}", round(10_000 / rate, 1)
        yield f"peak_mb_at_{size}", round(peak, 1)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000, help="articles for the runner comparison")
    ap.add_argument("--sizes", default="10000,100000", help="input sizes for the flatness series")
    ap.add_argument("--steps", default=None, help="comma-separated steps (default: all)")
    ap.add_argument("--no-spark", action="store_true", help="skip the Spark local[2] figure")
    args = ap.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    steps = [s for s in args.steps.split(",") if s] if args.steps else None
    for key, value in figures(args.articles, sizes, steps, not args.no_spark):
        print(f"{key:<32} {value}", flush=True)


if __name__ == "__main__":
    main()
