"""Scale-out benchmark: throughput and peak memory of the runners on synthetic WARCs of real text.

Builds gzipped WARC shards (1,000 articles each) from `../shared/data/corpus/` texts and the
article-extraction HTML pages, each record perturbed so ids differ, in a temp folder. Prints:
articles per second (wall) and per CPU second of the whole process tree (what one worker does with
one CPU second; wall time on a shared machine says little), peak memory of the tree and of the
largest single worker (and the JVM) for the local runner with 1 and 2 workers and for Spark
local[2]; then wall and CPU seconds per 10k articles and peak memory at growing input sizes (default 10k and 100k; `--sizes 10000,100000,1000000` for the 1M point) so
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
from dataclasses import dataclass
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


def _procs() -> dict[int, tuple[int, int, float, str]]:
    """Every process: pid -> (parent pid, RSS bytes, own CPU seconds (user + system), name)."""
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    out: dict[int, tuple[int, int, float, str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        name = stat[stat.find("(") + 1:stat.rfind(")")]
        fields = stat.rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / tick  # utime, stime (fields 14 and 15)
        out[int(entry)] = (int(fields[1]), int(statm[1]) * page, cpu, name)
    return out


def _descendants(procs: dict[int, tuple[int, int, float, str]], root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    found, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    procs = _procs()
    return sum(procs[p][1] for p in [root, *_descendants(procs, root)] if p in procs)


def _own_cpu() -> float:
    """CPU seconds of this process and of its children it has reaped (pool workers that ended)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class PeakMemory:
    """Samples this process tree in a thread: `peak` (bytes, the whole tree), `worker_peak`
    (bytes, the largest single process below this one that is not a JVM), `jvm_peak`, and after
    the block `cpu`: CPU seconds of the whole tree during the block (this process and the workers
    it reaped exactly, others by their last sample, less what they had used before the block)."""

    def __init__(self, every: float = 0.2) -> None:
        self.peak = self.worker_peak = self.jvm_peak = 0
        self.cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, args=(every,), daemon=True)
        self._before: dict[int, float] = {}
        self._last: dict[int, tuple[int, float]] = {}  # pid -> (parent pid, CPU seconds)

    def _sample(self) -> None:
        me = os.getpid()
        procs = _procs()
        below = _descendants(procs, me)
        self.peak = max(self.peak, sum(procs[p][1] for p in [me, *below] if p in procs))
        for pid in below:
            ppid, rss, cpu, name = procs[pid]
            if name.startswith("java"):
                self.jvm_peak = max(self.jvm_peak, rss)
            else:
                self.worker_peak = max(self.worker_peak, rss)
            self._last[pid] = (ppid, cpu)

    def _loop(self, every: float) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(every)

    def __enter__(self) -> PeakMemory:
        procs = _procs()
        self._before = {p: procs[p][2] for p in _descendants(procs, os.getpid())}
        self._cpu0 = _own_cpu()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        alive, me = _procs(), os.getpid()
        others = sum(cpu - self._before.get(pid, 0.0) for pid, (ppid, cpu) in self._last.items()
                     if pid in alive or ppid != me)  # a reaped child of ours is in _own_cpu already
        self.cpu = _own_cpu() - self._cpu0 + others


@dataclass
class Measured:
    """One run's figures."""

    rate: float  # articles per wall-clock second
    cpu_rate: float  # articles per CPU second of the whole tree (= per worker CPU second)
    peak_mb: float  # the whole tree
    worker_peak_mb: float  # the largest single worker process
    jvm_peak_mb: float


def measure(run: Callable[[str], Any], n: int) -> Measured:
    """The figures of one run into a fresh output folder."""
    out = tempfile.mkdtemp(prefix="newsprism-bench-out-")
    try:
        with PeakMemory() as mem:
            t0 = time.perf_counter()
            report = run(out)
            seconds = time.perf_counter() - t0
        if report.articles != n or report.ingest_failures:
            raise SystemExit(f"run processed {report.articles} of {n} articles; failed: {report.ingest_failures[:3]}")
        return Measured(n / seconds, n / mem.cpu if mem.cpu else 0.0, mem.peak / 1e6,
                        mem.worker_peak / 1e6, mem.jvm_peak / 1e6)
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
    got = measure(lambda out: runner(str(src), out), articles)
    yield f"{name}_articles_per_s", round(got.rate, 1)
    yield f"{name}_articles_per_cpu_s", round(got.cpu_rate, 1)
    yield f"{name}_peak_mb", round(got.peak_mb, 1)
    yield f"{name}_worker_peak_mb", round(got.worker_peak_mb, 1)
    if got.jvm_peak_mb:
        yield f"{name}_jvm_peak_mb", round(got.jvm_peak_mb, 1)


def _series(work: Path, sizes: tuple[int, ...], steps: list[str] | None) -> Iterator[tuple[str, float]]:
    from newsprism.config import Settings
    from newsprism.scale.local import run_local

    settings = Settings.load({"db": ":memory:"}, environ={})
    for size in sizes:
        folder = work / f"n{size}"
        build_warcs(folder, size)
        got = measure(lambda out, f=folder: run_local([str(f)], out, workers=2,
                                                    settings=settings, steps=steps), size)
        yield f"s_per_10k_at_{size}", round(10_000 / got.rate, 1)
        yield f"cpu_s_per_10k_at_{size}", round(10_000 / got.cpu_rate, 1) if got.cpu_rate else 0.0
        yield f"articles_per_cpu_s_at_{size}", round(got.cpu_rate, 1)
        yield f"peak_mb_at_{size}", round(got.peak_mb, 1)
        yield f"worker_peak_mb_at_{size}", round(got.worker_peak_mb, 1)
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
