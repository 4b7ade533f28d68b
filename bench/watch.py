"""Pages per second through the whole live path (fetch, extract, analyze, store) against a local
server with many feeds and pages, and the share of time per stage.

Pages are built from real article text (`../shared/data/corpus/polnear-train/`), each made unique
by a numbered lead sentence. The server runs in a second process on 127.0.0.1.

    python bench/watch.py [--feeds 200] [--pages 5000] [--workers 8]
"""

from __future__ import annotations

import argparse
import html
import multiprocessing as mp
import shutil
import sys
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "polnear-train"
OUT = ROOT / "bench" / "out"


def _texts() -> list[str]:
    if not CORPUS.exists():
        sys.exit(f"needs {CORPUS} (the shared benchmark data)")
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.glob("*"))[:840] if p.is_file()]


def _site(n_feeds: int, n_pages: int, port: int) -> dict[str, bytes]:
    texts = _texts()
    routes: dict[str, bytes] = {}
    per_feed = max(1, n_pages // n_feeds)
    for f in range(n_feeds):
        items = []
        for j in range(per_feed):
            n = f * per_feed + j
            text = f"Bulletin {n}: a numbered sample page for the benchmark.\n" + texts[n % len(texts)]
            title = f"Page {n}"
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
            routes[f"/p/{n}.html"] = (f"<html><head><title>{title}</title></head><body><article>"
                                      f"<h1>{title}</h1>{paras}</article></body></html>").encode()
            items.append(f"<item><title>{title}</title><link>http://127.0.0.1:{port}/p/{n}.html</link>"
                         f"<guid>p{n}</guid></item>")
        routes[f"/f/{f}.xml"] = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Feed '
                                 f"{f}</title>{''.join(items)}</channel></rss>").encode()
    return routes


def _serve(n_feeds: int, n_pages: int, port_q: mp.Queue) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    routes = _site(n_feeds, n_pages, httpd.server_address[1])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            body = routes.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    httpd.RequestHandlerClass = Handler
    port_q.put(httpd.server_address[1])
    httpd.serve_forever()


def run(n_feeds: int, n_pages: int, workers: int) -> dict[str, float]:
    from newsprism.config import Settings
    from newsprism.engine import Engine
    from newsprism.ingest.fetch import Fetcher
    from newsprism.ingest.watch import FeedSpec
    from newsprism.store import open_store
    from newsprism.watch import Watcher

    q: mp.Queue = mp.Queue()
    server = mp.Process(target=_serve, args=(n_feeds, n_pages, q), daemon=True)
    server.start()
    port = q.get(timeout=120)
    shutil.rmtree(OUT / "watch", ignore_errors=True)
    (OUT / "watch").mkdir(parents=True)
    store = open_store(str(OUT / "watch" / "watch.db"))
    settings = Settings.load(environ={})
    fetcher = Fetcher(allow_networks=["127.0.0.0/8"], host_interval=0.0, host_concurrency=workers,
                      respect_robots=True)
    watcher = Watcher(Engine.build(settings, store), fetcher, workers=workers)
    feeds = [FeedSpec(f"http://127.0.0.1:{port}/f/{f}.xml") for f in range(n_feeds)]
    tracemalloc.start()
    t0 = time.perf_counter()
    report = watcher.run(feeds, once=True)
    wall = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    fetcher.close()
    store.close()
    server.terminate()
    stages = report.seconds
    total = sum(stages.values()) or 1.0
    scores = {"pages": float(report.new_articles), "seconds": wall,
              "pages_per_second": report.new_articles / wall, "peak_mb_python": peak / 1e6,
              "item_errors": float(len(report.item_errors)), "feed_errors": float(len(report.feed_errors))}
    scores.update({f"share_{k}": v / total for k, v in stages.items()})
    return scores


def scores() -> dict[str, float]:
    return run(20, 200, 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=8)
    a = ap.parse_args()
    result = run(a.feeds, a.pages, a.workers)
    print(f"watch: {a.feeds} feeds, {a.pages} pages, {a.workers} fetch workers")
    for k, v in result.items():
        print(f"  {k:<22} {v:10.3f}")
    print("  (shares are of summed stage time: fetch and extract run on worker threads,"
          " analysis and store on the one writer)")


if __name__ == "__main__":
    main()
