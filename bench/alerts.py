"""Alert rule checking as the store grows: 100 rules over `corpus/polnear-train` (840 texts).

The texts are ingested one by one in date order (date and outlet from the file name) through the
engine, into a temporary store, exactly as `newsprism ingest` would: analysis, story assignment,
then the alerts hook. The rules are generic (news topics, public offices, world leaders of the
period, CAMEO roots with country actors), written without looking at the texts. Printed:
rule-checking CPU time per article (the hook's own time, not analysis nor delivery) per bucket of
100 articles, of which the part rebuilding a story's claims for contradiction rules; the alerts
fired by kind and rule; and a sample of alerts for reading.

    .venv/bin/python bench/alerts.py [--data ../shared/data] [--limit N] [--sample 12]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsprism.alerts import store as alert_store
from newsprism.alerts.live import LiveState, watcher_for
from newsprism.alerts.rules import Rule
from newsprism.config import Settings
from newsprism.engine import Engine
from newsprism.ingest.text import article_from_text
from newsprism.records import Article
from newsprism.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
_NAME = re.compile(r"^([a-z-]+)_(\d{4}-\d{2}-\d{2})_")

TOPICS = ["election", "tax", "immigration", "police", "court ruling", "refugees", "climate",
          "health care", "terror attack", "shooting", "budget", "trade deal", "military",
          "sanctions", "protest", "debate", "poll", "congress vote", "nuclear", "border wall",
          "oil prices", "jobs report", "interest rates", "supreme court", "scandal", "campaign",
          "pipeline", "minimum wage", "drug prices", "cyber attack"]
PHRASES = ['"white house"', '"state department"', '"united nations"', '"federal reserve"',
           '"islamic state" OR isis', '"gun control"', '"planned parenthood"',
           '"death toll"', '"prime minister"', '"human rights"']
LEADERS = ["Barack Obama", "Hillary Clinton", "Donald Trump", "Bernie Sanders", "Ted Cruz",
           "Marco Rubio", "Jeb Bush", "Ben Carson", "Paul Ryan", "Mitch McConnell",
           "John Kerry", "Vladimir Putin", "Angela Merkel", "David Cameron", "Francois Hollande",
           "Bashar al-Assad", "Xi Jinping", "Justin Trudeau", "Nancy Pelosi", "Joe Biden",
           "Chris Christie", "Carly Fiorina", "John Kasich", "Rand Paul", "Loretta Lynch"]
EVENTS = [("19", "USA"), ("19", "RUS"), ("19", "SYR"), ("18", "FRA"), ("18", "USA"),
          ("14", "USA"), ("14", "GBR"), ("16", "RUS"), ("16", "IRN"), ("17", "USA"),
          ("12", "CHN"), ("13", "PRK"), ("04", "USA"), ("04", "RUS"), ("05", "IRN"),
          ("03", "USA"), ("11", "USA"), ("10", "ISR"), ("20", "SYR"), ("15", "TUR"),
          ("ASSAULT", "IRQ"), ("PROTEST", "USA"), ("SANCTION", "USA"), ("COERCE", "USA"),
          ("CONSULT", "DEU")]


def rules() -> list[Rule]:
    """100 rules: 40 story, 10 contradiction, 25 quote, 25 event."""
    out = [Rule(name=f"topic-{i}", kind="story", query=q, min_outlets=1 + i % 3)
           for i, q in enumerate(TOPICS)]
    out += [Rule(name=f"phrase-{i}", kind="story", query=q, min_articles=1 + i % 2)
            for i, q in enumerate(PHRASES)]
    out += [Rule(name="contra-any", kind="contradiction"),
            Rule(name="contra-any-no-changes", kind="contradiction", changes=False)]
    out += [Rule(name=f"contra-{i}", kind="contradiction", query=q)
            for i, q in enumerate(["election", "killed OR dead OR died", "poll", "budget", "tax",
                                   "refugees", "police", "jobs"])]
    out += [Rule(name=f"quote-{i}", kind="quote", person=p, query="" if i % 3 else "president OR war")
            for i, p in enumerate(LEADERS)]
    out += [Rule(name=f"event-{i}", kind="event", event_types=[t], actors=[a])
            for i, (t, a) in enumerate(EVENTS)]
    assert len(out) == 100
    return out


def load(data: Path, limit: int | None) -> list[Article]:
    """The corpus as articles in date order (then by file name), outlet and date from the name."""
    found = []
    for path in sorted((data / "corpus" / "polnear-train").glob("*.txt")):
        m = _NAME.match(path.name)
        outlet, day = (m.group(1), m.group(2)) if m else (None, None)
        article = article_from_text(path.read_text(encoding="utf-8"), str(path))
        article.outlet = article.outlet or outlet
        article.published = article.published or day
        found.append((article.published or "", path.name, article))
    found.sort(key=lambda t: (t[0], t[1]))
    return [a for _, _, a in found][:limit]


class TimedState(LiveState):
    """The live state, timing the claims rebuilds (the story-sized part of rule checking)."""

    claim_seconds = 0.0

    def claims(self, story_id: str) -> Any:
        t0 = time.process_time()
        try:
            return super().claims(story_id)
        finally:
            TimedState.claim_seconds += time.process_time() - t0


def run(articles: list[Article], sample: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        store = open_store(db)
        alert_store.save_rules(store, rules())
        engine = Engine.build(Settings(db=db), store)
        watcher = watcher_for(store)
        watcher.state = TimedState(store)
        per_article: list[float] = []
        claims_per: list[float] = []
        sizes: list[int] = []
        for article in articles:
            before, claims_before = watcher.seconds, TimedState.claim_seconds
            engine.ingest([article])
            per_article.append(1000 * (watcher.seconds - before))
            claims_per.append(1000 * (TimedState.claim_seconds - claims_before))
            sizes.append(_story_size(store, article.id))
        report(store, per_article, claims_per, sample)
        slow = sorted(range(len(per_article)), key=lambda i: -per_article[i])[:5]
        print("slowest articles (arrival #, CPU ms, of which claims, story size then): "
              + "; ".join(f"#{i + 1} {per_article[i]:.1f} ms, {claims_per[i]:.1f}, {sizes[i]}" for i in slow))
        print(f"largest story: {max(sizes)} articles")
        store.close()


def _story_size(store: Any, article_id: str) -> int:
    rows = store.query("SELECT COUNT(*) FROM story_members WHERE story_id ="
                       " (SELECT story_id FROM story_members WHERE article_id = ?)", (article_id,))
    return int(rows[0][0]) if rows else 0


def report(store: Any, per_article: list[float], claims_per: list[float], sample: int) -> None:
    print(f"articles ingested: {len(per_article)}; rules: 100 (40 story, 10 contradiction, 25 quote, 25 event)")
    print("rule checking, CPU ms per article, by arrival bucket (store size at the bucket's end):")
    print("  bucket        mean  median   p95    max | claims part mean | rest mean")
    for i in range(0, len(per_article), 100):
        part, cl = per_article[i:i + 100], claims_per[i:i + 100]
        rest = [a - c for a, c in zip(part, cl, strict=True)]
        p95 = sorted(part)[max(0, int(0.95 * len(part)) - 1)]
        print(f"  {i + 1:>4}-{i + len(part):<4}  {statistics.mean(part):6.2f} {statistics.median(part):6.2f}"
              f" {p95:6.2f} {max(part):6.1f} | {statistics.mean(cl):16.2f} | {statistics.mean(rest):9.2f}")
    rest_all = [a - c for a, c in zip(per_article, claims_per, strict=True)]
    print(f"  all          {statistics.mean(per_article):6.2f} {statistics.median(per_article):6.2f}"
          f"  (without claims rebuilds: mean {statistics.mean(rest_all):.2f}, median"
          f" {statistics.median(rest_all):.2f})")
    alerts = alert_store.list_alerts(store, limit=100_000)
    kinds = Counter(a.kind for a in alerts)
    print(f"alerts fired: {len(alerts)}  " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    top = Counter(a.rule for a in alerts).most_common(12)
    print("  most firing rules: " + ", ".join(f"{r} {n}" for r, n in top))
    print(f"sample of alerts (every {max(1, len(alerts) // max(1, sample))}th):")
    step = max(1, len(alerts) // max(1, sample))
    for a in alerts[::step][:sample]:
        print(f"- [{a.rule}/{a.kind}] {a.title[:150]}")
        for e in a.evidence[:2]:
            print(f"    {e.role} {e.article_id}[{e.start}:{e.end}] {e.text[:110]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sample", type=int, default=12)
    args = parser.parse_args()
    corpus = args.data / "corpus" / "polnear-train"
    if not corpus.is_dir():
        print(f"skipped: {corpus} is absent (the shared benchmark data is not beside this checkout)")
        return 0
    run(load(args.data, args.limit), args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
