"""Hostile-input benchmark: what a careless scan, a large export or a nasty search costs.

Run: .venv/bin/python bench/hostile.py [--size 4000] [--copies 1] [--skip-store]

1. Pathological families (tests/hostile_inputs.py): CPU time (this process, best of 3) of one
   input at 1x and 8x its size, and the ratio (linear code: ~8; aim <= 10): sentence splitting,
   the HTML visible-text check, and clean + the whole default analysis.
2. Whole-store export memory: a large store is made from bench/out/api-10000.db (built by
   bench/api.py) by copying its articles `--copies` times (new ids, indexed by the store's triggers), then
   served by `newsprism serve` with a token; the peak resident memory of the server process
   (VmHWM) is read at start, after a HEAD of the Parquet export and after each whole-store download
   (token): `jsonl`, `csv` and `parquet` of the articles, `gkg`, `gdelt-events` (VmHWM only grows,
   so each figure is the peak so far).
3. Worst search: CPU time of the worst of a few nasty queries (300 x "the", long phrases, many
   distinct common words) through `store.search` with limit 200 on the large store.
4. `--exports N`: every export format and table written by `newsprism.export.export` (the CLI's
   path) on a store of N analysed articles WITH events (bench/out/hostile-events-N.db: polnear-train
   articles analysed by the whole default pipeline, then saved again as variants, see bench/api.py),
   each in a fresh process: CPU seconds, peak resident memory and bytes written.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BASE_DB = OUT / "api-10000.db"
sys.path.insert(0, str(ROOT / "tests"))

from hostile_inputs import HTML_FAMILIES, TEXT_FAMILIES  # noqa: E402

TOKEN = "bench-hostile-token"


def cpu(fn: Callable[[], object], min_sample: float = 0.05) -> float:
    """CPU seconds of one call: best of three samples, each repeated to last >= min_sample."""
    best = float("inf")
    for _ in range(3):
        reps, start = 0, time.process_time()
        while True:
            fn()
            reps += 1
            spent = time.process_time() - start
            if spent >= min_sample:
                break
        best = min(best, spent / reps)
    return best


def families(size: int) -> list[tuple[str, float, float]]:
    from newsprism.analyze.sentences import split_spans
    from newsprism.engine import default_pipeline
    from newsprism.errors import NewsprismError
    from newsprism.ingest.html import _check_html
    from newsprism.ingest.text import article_from_text

    pipeline = default_pipeline()
    pipeline.run(article_from_text(TEXT_FAMILIES["dots"](100), "warm"))
    rows = []
    for name, make in TEXT_FAMILIES.items():
        small, large = make(size), make(8 * size)
        rows.append((f"split:{name}", cpu(lambda t=small: split_spans(t)), cpu(lambda t=large: split_spans(t))))
    for name, make_html in HTML_FAMILIES.items():
        small_b, large_b = make_html(size), make_html(8 * size)

        def check(d: bytes) -> None:
            with contextlib.suppress(NewsprismError):  # a refusal is an answer too: its cost counts
                _check_html(d, "bench")

        rows.append((f"html:{name}", cpu(lambda d=small_b: check(d)), cpu(lambda d=large_b: check(d))))
    for name, make in TEXT_FAMILIES.items():
        small, large = make(size), make(8 * size)

        def analyse(t: str) -> None:
            pipeline.run(article_from_text(t, "bench"))

        rows.append((f"analysis:{name}", cpu(lambda t=small: analyse(t)), cpu(lambda t=large: analyse(t))))
    return rows


def grow_store(copies: int) -> Path:
    """bench/out/hostile-big.db: api-10000.db with its articles (and their outputs) copied."""
    if not BASE_DB.exists():
        raise SystemExit(f"needs {BASE_DB}: run bench/api.py once to build it")
    db = OUT / f"hostile-big-{copies}.db"
    if db.exists():
        return db
    shutil.copy(BASE_DB, db)
    from newsprism.store import open_store

    open_store(str(db)).close()  # at the current schema: its triggers index the copied rows' text
    conn = sqlite3.connect(db)
    top = conn.execute("SELECT MAX(seq) FROM articles").fetchone()[0]
    for k in range(1, copies + 1):
        tag = f"-c{k}"
        conn.execute(
            "INSERT INTO articles (id, seq, source, url, title, outlet, agency, published, language, text,"
            " record, ingested_at) SELECT id || ?, seq + ?, source, url, title, outlet, agency, published,"
            " language, text, replace(record, '\"id\":\"' || id || '\"', '\"id\":\"' || id || ? || '\"'),"
            " ingested_at FROM articles WHERE seq <= ?", (tag, k * top, tag, top))
        conn.execute(
            "INSERT INTO step_results (article_id, step, version, inputs, written, output)"
            " SELECT article_id || ?, step, version, inputs, written, output FROM step_results"
            " WHERE article_id NOT LIKE '%-c%'", (tag,))
        conn.commit()
    conn.execute("VACUUM")
    conn.close()
    return db


def _hwm_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _serve(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NEWSPRISM_API_TOKEN=TOKEN)
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", "--db", str(db), "serve", "--port", str(port),
                             "--warm", "0", "--token", TOKEN], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=30).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


SERVED = [("jsonl", "articles"), ("csv", "articles"), ("parquet", "articles"), ("gkg", "events"),
          ("gdelt-events", "events")]


def export_memory(db: Path) -> dict[str, float]:
    proc, base = _serve(db)
    out: dict[str, float] = {"server_start_mb": _hwm_kb(proc.pid) / 1024}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    try:
        head = httpx.head(f"{base}/api/exports/parquet?table=articles", timeout=600, headers=auth)
        out["head_status"] = head.status_code
        out["after_head_server_peak_mb"] = _hwm_kb(proc.pid) / 1024
        for fmt, table in SERVED:
            size = 0
            with httpx.stream("GET", f"{base}/api/exports/{fmt}?table={table}", timeout=3600, headers=auth) as resp:
                assert resp.status_code == 200, resp.status_code
                for chunk in resp.iter_bytes():
                    size += len(chunk)
            out[f"{fmt}_{table}_bytes_mb"] = size / 1e6
            out[f"{fmt}_{table}_server_peak_mb"] = _hwm_kb(proc.pid) / 1024
        anon = httpx.get(f"{base}/api/exports/jsonl?table=articles", timeout=60)
        out["anonymous_status"] = anon.status_code
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return out


NASTY = {
    "300x the": " ".join(["the"] * 300),
    "200x the said": " ".join(["the said"] * 100),
    "40 common words": ("the a of to in and said on for with at by from as is was that it he be "
                        "his her they we an are were has have had not but or this which their after"),
    "long phrase": '"' + " ".join(["the"] * 60) + '"',
    "one word": "police",
}


def worst_search(db: Path) -> dict[str, float]:
    from newsprism.errors import QueryTooCostly
    from newsprism.store import open_store

    store = open_store(str(db))
    out: dict[str, float] = {}
    try:
        for name, q in NASTY.items():
            start, wall = time.process_time(), time.perf_counter()
            try:
                store.search(q, limit=200)
            except QueryTooCostly:
                name += " (stopped: 503)"
            out[name] = round(time.process_time() - start, 3)
            out[name + " wall"] = round(time.perf_counter() - wall, 3)
    finally:
        store.close()
    return out


def events_store(total: int) -> Path:
    """bench/out/hostile-events-N.db: N articles with every default step's output, events too."""
    db = OUT / f"hostile-events-{total}.db"
    if db.exists():
        return db
    sys.path.insert(0, str(ROOT / "bench"))
    from api import _bases, _variant  # noqa: PLC0415 (the bench's own corpus reader)
    from newsprism.engine import default_pipeline
    from newsprism.ingest.text import article_from_text
    from newsprism.records import to_builtins
    from newsprism.store import open_store

    pipeline = default_pipeline()
    bases = []
    for b, (outlet, day, paras) in enumerate(_bases()[:max(1, total // 10)]):
        art = article_from_text("\n\n".join(paras), f"bench:{b}", outlet=outlet, published=day)
        bases.append((art, {k: to_builtins(v) for k, v in pipeline.run(art).outputs.items()}))
    store, stored, k = open_store(str(db)), 0, 0
    while stored < total:
        for art, outputs in bases:
            if stored < total and store.save_result(_variant(art, outputs, k, f"{art.outlet} {k % 7}",
                                                             str(art.published))):
                stored += 1
        k += 1
    store.close()
    return db


EXPORTS = [("gdelt-events", "events"), ("gdelt-mentions", "events"), ("gkg", "events"),
           ("jsonl", "events"), ("csv", "events"), ("parquet", "events"), ("jsonl", "articles"),
           ("csv", "articles"), ("parquet", "articles")]


def export_costs(db: Path) -> list[tuple[str, float, float, float, float]]:
    """(format/table, CPU s, peak RSS MB before and after, MB written) of each export in a fresh process."""
    code = ("import os,resource,sys,tempfile;from newsprism import export;from newsprism.store import open_store;"
            "s=open_store(sys.argv[1]);f=tempfile.TemporaryFile();"
            "r=resource.getrusage(resource.RUSAGE_SELF);t=r.ru_utime+r.ru_stime;m=r.ru_maxrss\n"
            "export.export(s,sys.argv[2],f,table=sys.argv[3])\n"
            "r=resource.getrusage(resource.RUSAGE_SELF)\n"
            "print(r.ru_utime+r.ru_stime-t,m/1024,r.ru_maxrss/1024,f.tell()/1e6)")
    out = []
    for fmt, table in EXPORTS:
        res = subprocess.run([sys.executable, "-c", code, str(db), fmt, table], capture_output=True,
                             text=True, timeout=3600)
        if res.returncode != 0:
            print(res.stderr[-2000:], file=sys.stderr)
            out.append((f"{fmt}/{table}", -1.0, -1.0, -1.0, -1.0))
            continue
        cpu_s, before, peak, mb = (float(x) for x in res.stdout.split()[-4:])
        out.append((f"{fmt}/{table}", cpu_s, before, peak, mb))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4000, help="1x size of each family, in characters")
    parser.add_argument("--copies", type=int, default=1, help="copies of api-10000.db's articles added")
    parser.add_argument("--skip-store", action="store_true", help="families only")
    parser.add_argument("--skip-families", action="store_true", help="the large store only")
    parser.add_argument("--exports", type=int, default=0, metavar="N",
                        help="only the export costs, on a store of N analysed articles with events")
    args = parser.parse_args()
    if args.exports:
        db = events_store(args.exports)
        print(f"{'export':24} {'CPU s':>8} {'RSS MB before':>14} {'peak MB':>8} {'MB out':>8}   ({db.name})")
        for name, cpu_s, before, peak, mb in export_costs(db):
            print(f"{name:24} {cpu_s:8.2f} {before:14.1f} {peak:8.1f} {mb:8.2f}", flush=True)
        return
    if not args.skip_families:
        print(f"{'family':32} {'1x CPU s':>10} {'8x CPU s':>10} {'ratio':>7}")
        worst = 0.0
        for name, small, large in families(args.size):
            ratio = large / small if small > 0 else float("inf")
            worst = max(worst, ratio)
            print(f"{name:32} {small:10.5f} {large:10.5f} {ratio:7.1f}", flush=True)
        print(f"worst ratio: {worst:.1f} (aim <= 10)")
    if args.skip_store:
        return
    t0 = time.perf_counter()
    db = grow_store(args.copies)
    conn = sqlite3.connect(db)
    n, chars = conn.execute("SELECT COUNT(*), SUM(LENGTH(text)) FROM articles").fetchone()
    conn.close()
    print(f"store: {db.name}: {n} articles, {chars / 1e6:.0f} M characters of text, "
          f"{db.stat().st_size / 1e9:.2f} GB on disk (made in {time.perf_counter() - t0:.0f} s wall)")
    for key, value in export_memory(db).items():
        print(f"export {key}: {value:.1f}")
    for key, value in worst_search(db).items():
        print(f"search {key}: {value}")
    print(f"this process peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
