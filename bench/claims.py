"""Claims benchmark: the story view's claim verdicts and brief against a hand annotation of
multi-outlet stories (ECB+ dev clusters and the project's demo corpus).

Run: .venv/bin/python bench/claims.py [--shared ../shared] [--check]
Reads ../shared/data/stories/ecbplus-dev.jsonl for measuring only; nothing is written outside a
temp dir. `--check` only validates the annotation against the texts and prints its counts.

The annotation: bench/data/claims_gold.jsonl, one story per line, made by reading the articles
before looking at any system output. No data set text is stored: article ids and character
offsets only (for the demo corpus, which the project wrote, values are kept too).

    story           ECB+ cluster id (e.g. "20ecb") or "demo-<name>" for the demo corpus
    source          "ecbplus" (articles are the JSONL rows of that cluster) or "demo"
    offsets         what the offsets index: the JSONL `text` field (ecbplus), or the clean text
                    that ingest stores for the demo file (newsprism.ingest.read_inputs)
    articles        the story's article ids (JSONL `id`; for the demo, the stored article id)
    article_names   demo only: article id -> file name in src/newsprism/data/demo
    main_event      the story's main event in the annotator's words (who did what, where, when)
    main_sentences  [{article, start, end}]: article sentences that state the main event
    pairs           every real relation between two claims of different articles about one thing:
      verdict       agree | contradict | update (one quantity at two times, e.g. a toll that
                    rose, a preliminary then revised magnitude) | complementary (a subset or
                    "other"/"extra" members of a count)
      type          number | money | percent | quantity | duration | date | time | place | name
      note          why, where the verdict is not plain (empty otherwise)
      a, b          the two claims, each {article, start, end, also, what, as_of} (+ value for
                    the demo): [start, end) is the figure/date/place expression in the article,
                    `also` more [start, end] spans of the same claim in that article (a figure
                    repeated in the title), `what` what is counted or dated (annotator's words),
                    `as_of` a label ordering the times of an update ("" when not an update)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path
from typing import Any

from newsprism.records import Article
from newsprism.stories.view_records import StoryView

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
GOLD = ROOT / "bench" / "data" / "claims_gold.jsonl"
VERDICTS = ("agree", "contradict", "update", "complementary")


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The annotated stories, one dict per story (format in this module's docstring)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ecbplus_texts(shared: Path) -> dict[str, dict[str, Any]]:
    """ECB+ dev rows by id (id, topic, cluster, text)."""
    path = shared / "data" / "stories" / "ecbplus-dev.jsonl"
    with path.open(encoding="utf-8") as fh:
        return {row["id"]: row for row in map(json.loads, fh)}


def demo_articles() -> dict[str, Article]:
    """The demo corpus's articles by id, read as `newsprism demo` reads them."""
    from newsprism.config import Settings
    from newsprism.ingest import read_inputs

    demo = ROOT / "src" / "newsprism" / "data" / "demo"
    return {a.id: a for a in read_inputs([str(demo)], Settings()) if isinstance(a, Article)}


def check_gold(gold: list[dict[str, Any]], texts: dict[str, str]) -> list[str]:
    """Problems in the annotation: unknown articles, spans outside the text, empty spans,
    pairs within one article, unknown verdicts."""
    problems = []
    for story in gold:
        name = story["story"]
        for aid in story["articles"]:
            if aid not in texts:
                problems.append(f"{name}: article {aid} not found")
        spans = [(m["article"], m["start"], m["end"]) for m in story["main_sentences"]]
        for pair in story["pairs"]:
            if pair["verdict"] not in VERDICTS:
                problems.append(f"{name}: unknown verdict {pair['verdict']}")
            if pair["a"]["article"] == pair["b"]["article"]:
                problems.append(f"{name}: a pair within one article ({pair['a']['article']})")
            for claim in (pair["a"], pair["b"]):
                spans.append((claim["article"], claim["start"], claim["end"]))
                spans.extend((claim["article"], s, e) for s, e in claim["also"])
        for aid, start, end in spans:
            text = texts.get(aid, "")
            if not 0 <= start < end <= len(text) or not text[start:end].strip():
                problems.append(f"{name}: bad span {aid} [{start}, {end})")
    return problems


def gold_counts(gold: list[dict[str, Any]]) -> dict[str, int]:
    """Pairs per verdict and per verdict x type, stories and main-event sentences."""
    out: Counter[str] = Counter()
    for story in gold:
        out["stories"] += 1
        out["main_sentences"] += len(story["main_sentences"])
        for pair in story["pairs"]:
            out[f"pairs_{pair['verdict']}"] += 1
            out[f"pairs_{pair['verdict']}_{pair['type']}"] += 1
    return dict(sorted(out.items()))


def all_texts(shared: Path) -> dict[str, str]:
    """Every annotated text by article id: ECB+ JSONL texts and the demo's clean texts."""
    texts = {rid: row["text"] for rid, row in ecbplus_texts(shared).items()}
    texts.update({aid: a.text for aid, a in demo_articles().items()})
    return texts


# ---------------------------------------------------------------- articles through the real pipeline


@dataclass(frozen=True)
class Loc:
    """A span in a stored article's clean text (end exclusive)."""

    article: str
    start: int
    end: int

    def overlaps(self, other: Loc) -> bool:
        return self.article == other.article and self.start < other.end and other.start < self.end


class Aligner:
    """Maps offsets in a raw text to offsets in its cleaned text (cleaning folds spacing, joins
    or drops lines), through the blocks the two texts share."""

    def __init__(self, raw: str, clean: str) -> None:
        self.same = raw == clean
        blocks = [] if self.same else SequenceMatcher(None, raw, clean, autojunk=False).get_matching_blocks()
        self.blocks = [(a, b, n) for a, b, n in blocks if n]

    def _at(self, pos: int) -> int | None:
        for a, b, n in self.blocks:
            if a <= pos < a + n:
                return b + pos - a
        return None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        if self.same:
            return start, end
        s, e = self._at(start), self._at(end - 1)
        if s is None or e is None or e < s or e + 1 - s > 2 * (end - start) + 8:
            return None
        return s, e + 1


@dataclass
class Story:
    """One annotated story: its stored articles, their aligners, gold mapped to stored offsets."""

    name: str
    articles: list[Article]
    stored_id: dict[str, str]  # gold article id -> stored article id
    aligners: dict[str, Aligner]  # gold article id -> raw-to-clean offsets
    gold: dict[str, Any]

    def loc(self, aid: str, start: int, end: int) -> Loc | None:
        if aid not in self.stored_id:
            return None
        span = self.aligners[aid].span(start, end)
        return Loc(self.stored_id[aid], *span) if span else None


def story_articles(story: dict[str, Any], rows: dict[str, dict[str, Any]],
                   demo: dict[str, Article]) -> Story:
    """The story's articles as `ingest` reads them (the JSONL reader for ECB+, every format
    for the demo); an article the reader rejects is left out."""
    if story["source"] == "demo":
        arts = [demo[aid] for aid in story["articles"] if aid in demo]
        return Story(story["story"], arts, {a.id: a.id for a in arts},
                     {a.id: Aligner(a.text, a.text) for a in arts}, story)
    from newsprism.ingest.jsonl import articles_from_jsonl

    picked = [rows[aid] for aid in story["articles"]]
    data = "\n".join(json.dumps({"id": r["id"], "text": r["text"]}) for r in picked).encode()
    arts, ids, aligners = [], {}, {}
    for row, item in zip(picked, articles_from_jsonl(data, f"{story['story']}.jsonl"), strict=True):
        if isinstance(item, Article):
            arts.append(item)
            ids[row["id"]] = item.id
            aligners[row["id"]] = Aligner(row["text"], item.text)
    return Story(story["story"], arts, ids, aligners, story)


def ingest_and_view(story: Story, db: str) -> StoryView:
    """Ingest the story's articles into a fresh store (analysis, story hooks) and build the view
    of exactly these articles (so a clustering split does not hide claims)."""
    from newsprism.analyze import default_steps
    from newsprism.config import Settings
    from newsprism.pipeline import Pipeline
    from newsprism.store import open_store
    from newsprism.stories.service import after_save_hooks
    from newsprism.stories.storage import copies_in, passages_in
    from newsprism.stories.view import build_view_from

    store = open_store(db)
    try:
        hooks, pipeline = after_save_hooks(Settings()), Pipeline(default_steps())
        try:
            from newsprism.engine import Engine
        except ImportError:  # before the engine: the runner's loop
            from newsprism.runner import ingest_items  # type: ignore[import-not-found]

            ingest_items(story.articles, store, pipeline, after_save=hooks)
        else:
            Engine(pipeline, store, hooks).ingest(story.articles)
        ids = list(dict.fromkeys(story.stored_id.values()))
        analyses = (store.get_analyses(ids) if hasattr(store, "get_analyses")  # typed, or dicts before
                    else {aid: store.get_outputs(aid) for aid in ids})
        articles = list({a.id: a for a in story.articles}.values())  # as stored (same text, same id)
        return build_view_from(articles, analyses, copies_in(store, ids), passages_in(store, ids),
                               story_id=story.name)
    finally:
        store.close()


# ---------------------------------------------------------------- comparisons: system vs gold


@dataclass
class GoldPair:
    story: str
    verdict: str
    type: str
    what: str
    a: list[Loc]
    b: list[Loc]


@dataclass
class SysPair:
    """One comparison the view makes: two values' evidence in two articles, with a verdict."""

    story: str
    verdict: str
    claim: str  # "c3: subject"
    a: Loc
    b: Loc
    values: tuple[str, str]


def gold_pairs(story: Story) -> tuple[list[GoldPair], int]:
    """The story's gold pairs in stored offsets, and how many could not be mapped (a claim whose
    every span fell in text that cleaning removed, e.g. a first line taken as the title). A pair
    of two articles whose clean texts are identical (stored once) is left out: nothing to compare."""
    out, lost = [], 0
    for p in story.gold["pairs"]:
        sides = []
        for c in (p["a"], p["b"]):
            spans = [(c["start"], c["end"]), *map(tuple, c["also"])]
            sides.append([loc for s, e in spans if (loc := story.loc(c["article"], s, e))])
        if not (sides[0] and sides[1]):
            lost += 1
        elif sides[0][0].article != sides[1][0].article:
            out.append(GoldPair(story.name, p["verdict"], p["type"], p["a"]["what"], *sides))
    return out, lost


def system_pairs(name: str, view: StoryView) -> list[SysPair]:
    """Every comparison a claim implies: two articles giving one value agree; two giving different
    values carry the claim's verdict (contradict, update, complementary)."""
    out = []
    for claim in view.claims:
        if claim.verdict not in VERDICTS:
            continue
        spans = [(i, v.value, s) for i, v in enumerate(claim.values) for s in v.spans]
        for (i, va, sa), (j, vb, sb) in combinations(spans, 2):
            if sa.article_id == sb.article_id:
                continue
            verdict = "agree" if i == j else claim.verdict
            out.append(SysPair(name, verdict, f"{claim.id}: {claim.subject}",
                               Loc(sa.article_id, sa.start, sa.end), Loc(sb.article_id, sb.start, sb.end),
                               (va, vb)))
    return out


def _touches(side: list[Loc], loc: Loc) -> bool:
    return any(g.overlaps(loc) for g in side)


def match(pairs: list[SysPair], gold: list[GoldPair]) -> list[tuple[SysPair, GoldPair | None]]:
    """Each system comparison with the gold pair whose two claims its two spans overlap (one of
    the same verdict when several do), or None."""
    index: dict[frozenset[str], list[GoldPair]] = defaultdict(list)
    for g in gold:
        index[frozenset((g.a[0].article, g.b[0].article))].append(g)
    out: list[tuple[SysPair, GoldPair | None]] = []
    for p in pairs:
        hits = [g for g in index.get(frozenset((p.a.article, p.b.article)), [])
                if (_touches(g.a, p.a) and _touches(g.b, p.b)) or (_touches(g.a, p.b) and _touches(g.b, p.a))]
        same = [g for g in hits if g.verdict == p.verdict]
        out.append((p, (same or hits or [None])[0]))
    return out


NUMERIC = {"number", "money", "percent", "quantity", "duration"}
TYPE_GROUPS = {"numeric": NUMERIC, "date": {"date", "time"}, "place": {"place", "name"}}


def verdict_scores(matched: list[tuple[SysPair, GoldPair | None]], gold: list[GoldPair]) -> dict[str, float]:
    """Precision and recall per verdict. Precision counts a comparison with no gold relation as
    wrong (every real contradiction, update and subset was annotated), except for agree, where
    trivial agreements were not all annotated: agree precision is over the judged comparisons
    and `agree_unjudged` counts the rest. Nothing reported gives precision 1.0."""
    out: dict[str, float] = {}
    for v in VERDICTS:
        reported = [(p, g) for p, g in matched if p.verdict == v]
        judged = [(p, g) for p, g in reported if g is not None]
        right = sum(g.verdict == v for _, g in judged)
        base = len(judged) if v == "agree" else len(reported)
        found = {id(g) for p, g in judged if g.verdict == v}
        want = [g for g in gold if g.verdict == v]
        out[f"{v}_precision"] = right / base if base else 1.0
        out[f"{v}_recall"] = len(found) / len(want) if want else 1.0
        out[f"{v}_reported"] = float(len(reported))
        out[f"{v}_gold"] = float(len(want))
    out["agree_unjudged"] = float(sum(p.verdict == "agree" and g is None for p, g in matched))
    found = {id(g) for p, g in matched if g is not None and p.verdict == g.verdict == "contradict"}
    for group, types in TYPE_GROUPS.items():
        want = [g for g in gold if g.verdict == "contradict" and g.type in types]
        if want:  # the annotated stories may hold no disagreement of a kind
            out[f"contradict_recall_{group}"] = sum(id(g) in found for g in want) / len(want)
    for v, name in (("update", "updates"), ("complementary", "subsets")):
        out[f"{name}_as_contradictions"] = float(len(
            {id(g) for p, g in matched if g is not None and g.verdict == v and p.verdict == "contradict"}))
    return out


# ---------------------------------------------------------------- the brief


WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“‘])|\n+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _held(sentence: str, text: str) -> bool:
    """The article text holds the sentence or a near copy: most of its word triples, or one
    sentence of the text with 80% of its words."""
    from newsprism.stories.brief import triples

    mine = triples(sentence)
    if mine and len(mine & triples(text)) >= 0.6 * len(mine):
        return True
    words = _words(sentence)
    return bool(words) and any(len(words & _words(s)) >= 0.8 * len(words) for s in SENTENCE_END.split(text))


def brief_checks(story: Story, view: StoryView, matched: list[tuple[SysPair, GoldPair | None]],
                 texts: dict[str, str]) -> tuple[dict[str, float], list[tuple[str, str]]]:
    """Support (every cited article holds the sentence or a near copy: a shared passage found by
    the system does not count, the text must hold it), the first sentence against the gold
    main-event sentences, and whether each contested mark sits on a real contradiction."""
    out: Counter[str] = Counter()
    errors: list[tuple[str, str]] = []
    for b in view.brief:
        out["brief_sentences"] += 1
        bad = [aid for aid in b.citations if aid != b.span.article_id and not _held(b.text, texts.get(aid, ""))]
        out["brief_supported"] += not bad
        if bad:
            errors.append(("brief: a cited article does not hold the sentence",
                           f"{story.name}: {', '.join(bad)}: {_short(b.text)}"))
        if b.contested:
            right = _contested_right(b, matched, story)
            out["contested_marks"] += 1
            out["contested_right"] += right
            if not right:
                errors.append(("brief: false contested mark", f"{story.name}: {_short(b.text)} ({b.note})"))
    if view.brief:
        first = view.brief[0]
        ok = _states_main_event(story, first, texts)
        out["briefs"] += 1
        out["first_sentence_main_event"] += ok
        if not ok:
            errors.append(("brief: first sentence is not the main event", f"{story.name}: {_short(first.text)}"))
    return {k: float(v) for k, v in out.items()}, errors


def _states_main_event(story: Story, first: Any, texts: dict[str, str]) -> bool:
    span = Loc(first.span.article_id, first.span.start, first.span.end)
    for m in story.gold["main_sentences"]:
        loc = story.loc(m["article"], m["start"], m["end"])
        if loc and (loc.overlaps(span) or _held(first.text, texts[loc.article][loc.start:loc.end])):
            return True
    return False


def _contested_right(b: Any, matched: list[tuple[SysPair, GoldPair | None]], story: Story) -> bool:
    """A contested mark is right when one of its claims' contradictions is a gold contradiction
    (or, for a sentence naming no claim, when it holds a claim of a gold contradiction)."""
    ids = {f"{c}:" for c in b.claims}
    if ids:
        return any(p.verdict == "contradict" and g is not None and g.verdict == "contradict"
                   and p.claim.split(" ", 1)[0] in ids for p, g in matched)
    span = Loc(b.span.article_id, b.span.start, b.span.end)
    gold, _ = gold_pairs(story)
    return any(g.verdict == "contradict" and (_touches(g.a, span) or _touches(g.b, span)) for g in gold)


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------- errors, the run, the figures


def _surface(texts: dict[str, str], loc: Loc) -> str:
    return _short(texts.get(loc.article, "")[loc.start:loc.end], 40)


def comparison_errors(matched: list[tuple[SysPair, GoldPair | None]], gold: list[GoldPair],
                      texts: dict[str, str]) -> list[tuple[str, str]]:
    """(class, line) for each wrong verdict (one line per claim and class) and each gold
    contradiction, update or subset the view does not report as such."""
    by_claim: dict[tuple[str, str], list[SysPair]] = defaultdict(list)
    said: dict[int, set[str]] = defaultdict(set)
    for p, g in matched:
        if g is not None:
            said[id(g)].add(p.verdict)
        if g is None and p.verdict != "agree":
            by_claim[(f"false {p.verdict}: no gold relation (different things compared)", p.claim)].append(p)
        elif g is None:  # not counted against precision: trivial agreements were not all annotated
            by_claim[("agree with no gold relation (unjudged: trivial, or different things)", p.claim)].append(p)
        elif g is not None and g.verdict != p.verdict:
            by_claim[(f"gold {g.verdict} reported as {p.verdict}", p.claim)].append(p)
    out = []
    for (cls, claim), ps in by_claim.items():
        p = ps[0]
        out.append((cls, f"{p.story} {claim!r}: {_surface(texts, p.a)!r} ({p.a.article}) vs "
                         f"{_surface(texts, p.b)!r} ({p.b.article}) [{len(ps)} comparison(s)]"))
    for g in gold:
        if g.verdict == "agree" or g.verdict in said[id(g)]:
            continue
        got = "/".join(sorted(said[id(g)])) or "not compared"
        out.append((f"missed {g.verdict} ({g.type}), system: {got}",
                    f"{g.story} {g.what!r}: {_surface(texts, g.a[0])!r} ({g.a[0].article}) vs "
                    f"{_surface(texts, g.b[0])!r} ({g.b[0].article})"))
    for g in gold:
        if g.verdict == "agree" and "agree" not in said[id(g)]:
            got = "/".join(sorted(said[id(g)])) or "not compared"
            out.append((f"missed agree ({g.type}), system: {got}", f"{g.story} {g.what!r}"))
    return out


def story_row(name: str, here: list[tuple[SysPair, GoldPair | None]], pairs: list[GoldPair],
              brief: dict[str, float], claims: int) -> str:
    """One line of the per-story table: comparisons right/reported and gold pairs found/annotated
    per verdict, then the brief."""
    cells = []
    for v in VERDICTS:
        reported = [g for p, g in here if p.verdict == v]
        right = sum(g is not None and g.verdict == v for g in reported)
        found = len({id(g) for p, g in here if g is not None and p.verdict == g.verdict == v})
        cells.append(f"{v[:6]} {right}/{len(reported)} {found}/{sum(g.verdict == v for g in pairs)}")
    first = "-" if not brief.get("briefs") else "yes" if brief.get("first_sentence_main_event") else "NO"
    return (f"{name:<12} claims {claims:>2} | " + " | ".join(cells)
            + f" | brief {int(brief.get('brief_supported', 0))}/{int(brief.get('brief_sentences', 0))}"
            f" supported, first sentence main event: {first}")


def run(shared: Path, only: Iterable[str] | None = None
        ) -> tuple[dict[str, float], list[tuple[str, str]], list[str]]:
    """Ingest every annotated story, compare its view with the gold; figures, the error list and
    a per-story table."""
    gold_stories = [s for s in load_gold() if only is None or s["story"] in set(only)]
    rows, demo = ecbplus_texts(shared), demo_articles()
    matched: list[tuple[SysPair, GoldPair | None]] = []
    gold: list[GoldPair] = []
    counts: Counter[str] = Counter()
    errors: list[tuple[str, str]] = []
    table: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, st in enumerate(gold_stories):
            story = story_articles(st, rows, demo)
            view = ingest_and_view(story, str(Path(tmp) / f"story{i}.db"))
            texts = {a.id: a.text for a in story.articles}
            pairs, lost = gold_pairs(story)
            here = match(system_pairs(story.name, view), pairs)
            brief, brief_errors = brief_checks(story, view, here, texts)
            counts.update(brief)
            counts.update({"stories": 1, "articles": len(texts), "gold_pairs_unmapped": lost,
                           "claims": len(view.claims)})
            errors += comparison_errors(here, pairs, texts)
            errors += brief_errors
            table.append(story_row(story.name, here, pairs, brief, len(view.claims)))
            matched += here
            gold += pairs
    out = verdict_scores(matched, gold)
    out.update({k: float(v) for k, v in counts.items()})
    out["brief_support"] = counts["brief_supported"] / counts["brief_sentences"] if counts["brief_sentences"] else 0.0
    out["first_sentence_main_event"] = counts["first_sentence_main_event"] / counts["briefs"] if counts["briefs"] else 0.0
    out["contested_precision"] = counts["contested_right"] / counts["contested_marks"] if counts["contested_marks"] else 1.0
    return out, errors, table


def scores(shared: Path | None = None, stories: list[str] | None = None) -> dict[str, float]:
    """Every figure of this bench; `shared` is the folder with data/stories, `stories` a subset
    of the annotated stories (all by default)."""
    return run(Path(shared) if shared is not None else SHARED, stories)[0]


def print_errors(errors: list[tuple[str, str]], per_class: int = 12) -> None:
    classes = Counter(cls for cls, _ in errors)
    print(f"\nerror classes ({len(errors)} lines)")
    for cls, n in classes.most_common():
        print(f"  {n:>4}  {cls}")
    for cls, _ in classes.most_common():
        counted = Counter(line for c, line in errors if c == cls)
        lines = [f"{line} (x{n})" if n > 1 else line for line, n in counted.most_common()]
        print(f"\n{cls} ({classes[cls]})")
        for line in lines[:per_class]:
            print(f"  - {line}")
        if len(lines) > per_class:
            print(f"  ... {len(lines) - per_class} more")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=None, help="the shared folder (data/stories)")
    parser.add_argument("--check", action="store_true", help="only validate the annotation and count it")
    parser.add_argument("--stories", default="", help="comma-separated story names (default: all)")
    parser.add_argument("--errors", type=int, default=12, help="error lines shown per class")
    args = parser.parse_args()
    shared = Path(args.shared) if args.shared else SHARED
    if not (shared / "data" / "stories" / "ecbplus-dev.jsonl").exists():
        print(f"skipped: needs {shared}/data/stories/ecbplus-dev.jsonl (the shared data is not beside this checkout)")
        return
    gold = load_gold()
    problems = check_gold(gold, all_texts(shared))
    for p in problems:
        print("annotation:", p)
    if args.check or problems:
        for name, count in gold_counts(gold).items():
            print(f"{name:<36} {count}")
        sys.exit(1 if problems else 0)
    only = [s for s in args.stories.split(",") if s] or None
    c0 = time.process_time()
    figures, errors, table = run(shared, only)
    figures["cpu_s"] = round(time.process_time() - c0, 1)
    for name, value in figures.items():
        print(f"{name:<36} {value:.4g}")
    print("\nper story (verdict: comparisons right/reported, gold pairs found/annotated)")
    for line in table:
        print(f"  {line}")
    print_errors(errors, args.errors)


if __name__ == "__main__":
    main()
