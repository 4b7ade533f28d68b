"""Web/API benchmark: requests per second and p50/p95/p99 latency of the story page and search on
a store of 10,000 articles, served by `newsprism serve` in a subprocess and driven from this one.

Run: .venv/bin/python bench/api.py [--articles 10000] [--requests 400] [--workers 4] [--processes 1]
     [--rebuild]    (--workers: concurrent clients; --processes: server processes)

The store is built once into bench/out/ from the sample corpus in ../shared/data/corpus (real news
text, read for measuring only), perturbed into variants (paragraphs dropped and swapped, outlets
and dates varied). Each base article and its variants form one story; the default analysis
pipeline runs on every article (story clustering is skipped for volume, memberships are written
directly).

Story pages, in this process on CPU time (wall time is distorted on a loaded machine), for a
sample of stories: `build` (no stored view: the first read ever builds and stores it), `cold` (a
new process: the stored view is read, decoded and rendered) and `warm` (the same process again:
the rendered page is cached), with the SQL queries each page ran (`*_queries_max`). Then over
HTTP against `newsprism serve`: story pages (first requests after start: stored views, not yet
rendered; then repeated), search and the search page, in wall-clock milliseconds.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "data" / "corpus" / "polnear-train"
OUT = ROOT / "bench" / "out"
_NAME = re.compile(r"^(?P<outlet>[^_]+)_(?P<date>\d{4}-\d{2}-\d{2})_")


def shifted(value: Any, delta: int) -> Any:
    """A copy of JSON builtins with every offset (`start`, `end`, `*_start`, `*_end`) moved by delta."""
    if isinstance(value, list):
        return [shifted(v, delta) for v in value]
    if isinstance(value, dict):
        return {k: (v + delta if isinstance(v, int) and (k in ("start", "end") or k.endswith(("_start", "_end")))
                    else shifted(v, delta)) for k, v in value.items()}
    return value


def _variant(base: Any, outputs: dict[str, Any], k: int, outlet: str, published: str) -> Any:
    """Variant k of an analysed article: a lead-in line and an update line around the same text,
    so the base's analysis holds with its offsets moved (k=0 is the original)."""
    import msgspec

    from newsprism.records import Article, ArticleResult, article_id, to_builtins

    if k == 0:
        return ArticleResult(article=base, outputs=outputs, versions={s: "bench" for s in outputs})
    lead = f"{outlet.upper()} ({published}) — "
    text = lead + base.text + f"\n\nThis report was updated {k} time{'s' if k > 1 else ''}."
    record = shifted(to_builtins(base), len(lead))
    record.update(id=article_id(text), text=text, source=f"{base.source}#v{k}", outlet=outlet,
                  published=published)
    article = msgspec.convert(record, Article)
    return ArticleResult(article=article, outputs=shifted(outputs, len(lead)),
                         versions={s: "bench" for s in outputs})


def _bases() -> list[tuple[str, str, list[str]]]:
    if not CORPUS.exists():
        sys.exit(f"needs the sample corpus at {CORPUS}")
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        m = _NAME.match(path.name)
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        if m and len(paras) >= 2:
            out.append((m.group("outlet"), m.group("date"), paras))
    return out


def _analysed_bases(limit: int) -> list[tuple[Any, dict[str, Any]]]:
    """Base articles read and analysed once, by every default step but the slow event coder."""
    from newsprism.engine import default_pipeline
    from newsprism.ingest.text import article_from_text
    from newsprism.records import to_builtins

    full = default_pipeline()
    pipeline = full.select([n for n in full.names if n != "events"])
    out = []
    for b, (outlet, day, paras) in enumerate(_bases()[:limit]):
        art = article_from_text("\n\n".join(paras), f"bench:{b}", outlet=outlet, published=day)
        out.append((art, {k: to_builtins(v) for k, v in pipeline.run(art).outputs.items()}))
    return out


def build_store(db: Path, total: int) -> float:
    """Fill a fresh store with `total` articles in stories; returns the seconds it took."""
    from newsprism.store import open_store
    from newsprism.stories.storage import Membership, save_assignment

    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    bases = _analysed_bases(max(1, total // 12))
    store, stored, k = open_store(str(db)), 0, 0
    while stored < total:
        for b, (art, outputs) in enumerate(bases):
            if stored >= total:
                break
            published = (date.fromisoformat(art.published or "2016-01-01") + timedelta(days=k // 4)).isoformat()
            result = _variant(art, outputs, k, f"{art.outlet} {k % 9}" if k else str(art.outlet), published)
            if store.save_result(result):
                stored += 1
                save_assignment(store, Membership(article_id=result.article.id, story_id=f"bench-{b}",
                                                  joined=stored, score=1.0, title=art.title,
                                                  seen=published), [], [])
        k += 1
    store.close()
    return time.perf_counter() - t0


def _count(db: Path) -> int:
    from newsprism.store import open_store

    store = open_store(str(db))
    try:
        return store.count_articles()
    finally:
        store.close()


def start_server(db: Path, processes: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", "--db", str(db), "serve",
                             "--host", "127.0.0.1", "--port", str(port), "--workers", str(processes), "--warm", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not start")


def drive(client: httpx.Client, urls: list[str], workers: int) -> tuple[float, list[float]]:
    """Request every URL with `workers` concurrent clients; (requests per second, latencies in ms)."""
    def one(url: str) -> float:
        t = time.perf_counter()
        resp = client.get(url)
        if resp.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {resp.status_code}")
        return 1000 * (time.perf_counter() - t)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        latencies = list(pool.map(one, urls))
    return len(urls) / (time.perf_counter() - t0), latencies


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))], 2)


def page_costs(db: Path, sample: int = 50) -> tuple[dict[str, float], list[str]]:
    """CPU milliseconds and SQL queries of story pages: built, cold (stored view, new process
    cache) and warm (cached page), for `sample` stories chosen at random."""
    from newsprism.read.stories import list_stories
    from newsprism.store import open_store
    from newsprism.web.cache import ViewCache
    from newsprism.web.pages import story_page

    store = open_store(str(db))
    query, counted = store.query, [0]

    def counting(sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        counted[0] += 1
        return query(sql, params)

    try:
        with store.transaction() as cur:
            store.execute(cur, "DELETE FROM story_views")
        ids = [s.id for s in list_stories(store, 100_000, 0)]
        chosen = random.Random(5).sample(ids, min(sample, len(ids)))
        store.query = counting  # type: ignore[method-assign]
        out: dict[str, float] = {}
        warm_cache = ViewCache()
        for phase in ("build", "cold", "warm"):
            cpu, queries = [], []
            for sid in chosen:
                cache = warm_cache if phase == "warm" else ViewCache()
                counted[0], t0 = 0, time.process_time()
                story_page(store, cache, sid)
                cpu.append(1000 * (time.process_time() - t0))
                queries.append(counted[0])
                if phase == "cold":
                    story_page(store, warm_cache, sid)  # what the warm phase finds cached
            out.update({f"story_{phase}_cpu_p50_ms": pct(cpu, 50), f"story_{phase}_cpu_p95_ms": pct(cpu, 95),
                        f"story_{phase}_queries_max": float(max(queries))})
        return out, chosen
    finally:
        store.close()


def _figures(prefix: str, rps: float, lat: list[float]) -> dict[str, float]:
    return {f"{prefix}_rps": round(rps, 1), f"{prefix}_p50_ms": pct(lat, 50),
            f"{prefix}_p95_ms": pct(lat, 95), f"{prefix}_p99_ms": pct(lat, 99)}


def _search_words(client: httpx.Client, rng: random.Random) -> list[str]:
    words: list[str] = []
    for item in client.get("/api/articles?limit=200").json()["items"]:
        words += [w for w in re.findall(r"[A-Za-z]{5,}", item.get("title") or "")]
    return rng.sample(sorted(set(words)), min(60, len(set(words)))) or ["president"]


def measure(base: str, requests: int, workers: int, sample: list[str]) -> dict[str, float]:
    """HTTP figures; `sample`: stories whose views are stored (a new server has rendered none)."""
    rng = random.Random(11)
    out: dict[str, float] = {}
    with httpx.Client(base_url=base, timeout=60, limits=httpx.Limits(max_connections=workers)) as client:
        # the server's first page (home: no story view in it) pays for its threads, reader
        # connections and templates; reported apart, so that cold means "view not in memory"
        _, first = drive(client, ["/"] * workers, workers)
        out["http_first_pages_max_ms"] = round(max(first), 1)
        rps, lat = drive(client, [f"/stories/{s}" for s in sample], workers)
        out.update({"http_story_cold_p50_ms": pct(lat, 50), "http_story_cold_p95_ms": pct(lat, 95)})
        rps, lat = drive(client, [f"/stories/{rng.choice(sample)}" for _ in range(requests)], workers)
        out.update(_figures("http_story_warm", rps, lat))
        words = _search_words(client, rng)
        urls = [f"/api/search?q={rng.choice(words)}" + ("&since=2016-01-01" if i % 3 == 0 else "")
                for i in range(requests)]
        rps, lat = drive(client, urls, workers)
        out.update(_figures("search", rps, lat))
        rps, lat = drive(client, [u.replace("/api/search", "/search") for u in urls[: requests // 2]],
                         workers)
        out.update(_figures("search_page", rps, lat))
    return out


def scores(articles: int = 10_000, requests: int = 400, workers: int = 4,
           rebuild: bool = False, processes: int = 1) -> dict[str, float]:
    db = OUT / f"api-{articles}.db"
    figures: dict[str, float] = {}
    if rebuild or not db.exists() or _count(db) != articles:
        figures["build_s"] = round(build_store(db, articles), 1)
    figures["articles"] = float(_count(db))
    pages, sample = page_costs(db)
    figures.update(pages)
    proc, base = start_server(db, processes)
    try:
        figures.update(measure(base, requests, workers, sample))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--processes", type=int, default=1, help="server processes (serve --workers)")
    args = parser.parse_args()
    figures = scores(args.articles, args.requests, args.workers, args.rebuild, args.processes)
    for key, value in figures.items():
        print(f"{key:<22} {value}")


if __name__ == "__main__":
    main()
