"""Who said what and who is who on multi-outlet stories: quotes, speakers and person merges.

Gold: `bench/data/attribution_gold.jsonl`, annotated by reading ECB+ dev articles
(`../shared/data/stories/ecbplus-dev.jsonl`) before looking at any system output. It holds ids,
offsets and names only, never text of the data set. One JSON object per line, of two types:

- `{"type": "story", "story", "cluster", "articles": [ids], "quote_articles": [ids],
  "people": [{"name", "mentions": [[article id, start, end], ...]}]}`: one story (several outlets
  reporting one ECB+ event). `quote_articles` are the articles whose quotes are all annotated
  (precision is measured there). `people` are the distinct people the articles name, each with
  every mention of a name of theirs (full name, surname, given name, nickname; no pronouns, no
  titles in the span).
- `{"type": "quote", "story", "article", "start", "end", "kind", "speaker", "speaker_type",
  "cue"}`: one quote. `start`/`end` are character offsets [start, end) into the article's `text`
  in the JSONL (for direct and partial quotes, the words inside the quote marks; for indirect
  ones, the reported clause). `kind` is direct (a whole sentence or clause in quote marks),
  partial (a quoted fragment inside a reported sentence) or indirect (reported speech without
  quote marks; a reported clause holding a quoted fragment may have both, and a system quote over it
  may call it either). `speaker` is a canonical person or organisation name, or null when the text does
  not name who speaks (`speaker_type` "group" for "police said", "witnesses said"; "unknown" when
  nobody is said to speak); `speaker_type` is "person", "organisation", "group" or "unknown".
  `cue` is [start, end] of the speech verb ("said", "according to"), or null.

Run: the stories' articles are read as `newsprism ingest` reads a JSON Lines file (cleaning
included) and ingested into a temporary store through the default pipeline and the story hooks;
each gold story's view is built from its articles (`build_view_from`), and the figures are read
from what the view shows. Gold offsets are mapped onto the clean text by aligning the two.

Figures: quote recall (gold quotes at least half covered by system quotes) and precision (system
quotes at least half inside a gold quote), speaker accuracy over found quotes with a named gold
speaker (the system speaker resolves to the gold one: same surname, compatible given name; an
organisation by its words or initials), the share of wrong speakers among those the system names,
kind accuracy, pairwise merge precision and recall over gold person mentions the system finds as
people (same view person vs same gold person; `merge_recall_across` only counts pairs from two
articles), `wrong_merges` (pairs of different gold people shown as one), `mentions_found` and
`protagonists_found` (people named in two or more articles of a story: each article that names
them has a mention linked to their view person). `--errors` lists every error.

    .venv/bin/python bench/attribution.py [--data ../shared/data] [--stories N] [--errors]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
GOLD = ROOT / "bench" / "data" / "attribution_gold.jsonl"
SOURCE = "stories/ecbplus-dev.jsonl"

_QUOTES = str.maketrans({c: '"' for c in "\u201c\u201d\u201e\u00ab\u00bb\u2033"} | {c: "'" for c in "\u2018\u2019\u201a\u2032`"})
_TITLES = frozenset(["mr", "mrs", "ms", "dr", "sir", "sgt", "lt", "const", "gen", "capt", "col", "det", "dep", "deputy", "judge", "president", "prof", "professor", "sheriff", "undersheriff", "governor", "gov", "sen", "rep", "chancellor", "minister"])
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
_NICK = {"bill": "william", "will": "william", "bob": "robert", "rob": "robert", "jim": "james",
         "mike": "michael", "chris": "christopher", "ben": "benjamin", "tim": "timothy",
         "tony": "anthony", "gerry": "gerald", "jerry": "gerald", "andy": "andrew", "al": "albert",
         "joe": "joseph", "steve": "steven", "larry": "lawrence", "nick": "nicholas", "ken": "kenneth"}
_ORG_MINOR = frozenset(["of", "the", "and", "for", "s", "office", "department", "inc", "ltd", "co"])


# ---------------------------------------------------------------- gold and articles


@dataclass
class GoldQuote:
    article: str
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_type: str


@dataclass
class GoldStory:
    story: str
    articles: list[str]
    quote_articles: list[str]
    people: dict[str, list[tuple[str, int, int]]]
    quotes: list[GoldQuote] = field(default_factory=list)


def load_gold(path: Path = GOLD) -> list[GoldStory]:
    """The annotated stories with their quotes, in file order."""
    stories: dict[str, GoldStory] = {}
    quotes: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec["type"] == "story":
            people = {p["name"]: [(a, s, e) for a, s, e in p["mentions"]] for p in rec["people"] or []}
            stories[rec["story"]] = GoldStory(rec["story"], rec["articles"], rec["quote_articles"], people)
        else:
            quotes.append(rec)
    for q in quotes:
        stories[q["story"]].quotes.append(GoldQuote(q["article"], q["start"], q["end"], q["kind"],
                                                    q["speaker"], q["speaker_type"]))
    return list(stories.values())


def read_raw(data: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The data set's records for the wanted article ids."""
    out = {}
    with (data / SOURCE).open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in ids:
                out[rec["id"]] = rec
    return out


class OffsetMap:
    """Raw (data set) offsets to clean-text offsets, from an alignment of the two texts."""

    def __init__(self, raw: str, clean: str) -> None:
        matcher = difflib.SequenceMatcher(None, raw.translate(_QUOTES), clean.translate(_QUOTES),
                                          autojunk=False)
        self.to_clean: list[int | None] = [None] * (len(raw) + 1)
        for a, b, size in matcher.get_matching_blocks():
            for i in range(size):
                self.to_clean[a + i] = b + i
        self.to_clean[len(raw)] = len(clean)
        self.to_raw: dict[int, int] = {c: r for r, c in enumerate(self.to_clean) if c is not None}

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The clean span of raw [start, end): first and last aligned characters inside it."""
        inside = [c for c in self.to_clean[start:end] if c is not None]
        if not inside:
            return (0, 0)
        return inside[0], inside[-1] + 1

    def raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of clean [start, end) (for error reports)."""
        inside = [self.to_raw[c] for c in range(start, end) if c in self.to_raw]
        return (inside[0], inside[-1] + 1) if inside else (-1, -1)


# ---------------------------------------------------------------- names


def fold(name: str) -> list[str]:
    """A name as lower-case words without accents, titles or suffixes."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text.replace("'s ", " "))
    return [w for w in words if w not in _TITLES and w not in _SUFFIXES]


def _given_ok(a: str, b: str) -> bool:
    a, b = _NICK.get(a, a), _NICK.get(b, b)
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b or a.startswith(b) or b.startswith(a)


def same_person(gold: str, system: str | None) -> bool:
    """Whether a system name can be the gold person: same surname, compatible given name (a
    role left in the name, "Special Agent John Doe", still names John Doe: see `name_form`)."""
    g, s = fold(gold), fold(system or "")
    if not g or not s or g[-1] != s[-1]:
        return False
    if len(g) == 1 or len(s) == 1 or set(s) <= set(g):  # "Sawarmi Khalid" for "Al-Sawarmi Khalid"
        return True
    return any(_given_ok(g[0], w) for w in s[:-1])


def same_org(gold: str, system: str | None) -> bool:
    """Whether a system name can be the gold organisation (words, stems or initials)."""
    g = [w for w in fold(gold) if w not in _ORG_MINOR]
    s = [w for w in fold(system or "") if w not in _ORG_MINOR]
    if not g or not s:
        return False
    if "".join(w[0] for w in g) == "".join(s) or "".join(w[0] for w in s) == "".join(g):
        return True
    gs, ss = {w[:5] for w in g}, {w[:5] for w in s}
    return gs <= ss or ss <= gs


def same_speaker(quote: GoldQuote, system: str | None) -> bool:
    if quote.speaker is None:
        return system is None
    if quote.speaker_type == "person":
        return same_person(quote.speaker, system)
    return same_org(quote.speaker, system)


# ---------------------------------------------------------------- the system's answers


@dataclass
class SysQuote:
    article: str
    start: int  # clean-text offsets
    end: int
    kind: str
    speaker: str | None


@dataclass
class SysStory:
    """What the story view of one gold story shows, with the maps back to the gold offsets."""

    maps: dict[str, OffsetMap]
    texts: dict[str, str]  # clean texts
    quotes: list[SysQuote]
    mentions: dict[str, list[tuple[int, int, int | str]]]  # article -> (start, end, view person)
    others: dict[str, list[tuple[int, int, str]]]  # article -> non-person entities (start, end, type)
    together: bool  # the clusterer put all the story's articles in one story


def ingest(raw: dict[str, dict[str, Any]], db: str) -> tuple[Any, dict[str, Any]]:
    """Read the records as `ingest` reads JSON Lines, store and analyse them; the articles by id."""
    from newsprism.config import Settings
    from newsprism.engine import Engine
    from newsprism.ingest.jsonl import articles_from_jsonl
    from newsprism.store import open_store

    ids = list(raw)
    lines = b"\n".join(json.dumps({"id": i, "text": raw[i]["text"]}).encode() for i in ids)
    items = list(articles_from_jsonl(lines, "ecbplus-dev.jsonl"))
    articles = {}
    for aid, item in zip(ids, items, strict=True):
        if not hasattr(item, "text"):
            raise RuntimeError(f"{aid} could not be read: {item}")
        articles[aid] = item
    store = open_store(db)
    Engine.build(Settings(), store).ingest(list(articles.values()))
    return store, articles


def system_story(store: Any, articles: dict[str, Any], raw: dict[str, dict[str, Any]],
                 gold: GoldStory) -> SysStory:
    """Build the gold story's view from the stored articles and read what it shows."""
    from newsprism.stories.storage import copies_in, passages_in, stories_of
    from newsprism.stories.view import build_view_from

    ids = [articles[a].id for a in gold.articles]
    back = {articles[a].id: a for a in gold.articles}
    analyses = store.get_analyses(ids)
    view = build_view_from(store.get_articles(ids), analyses, copies_in(store, ids), passages_in(store, ids))
    quotes = [SysQuote(back[s.article_id], s.start, s.end, item.kind,
                       None if sq.speaker == "unknown" else sq.speaker)
              for sq in view.quotes for item in sq.quotes for s in item.spans if s.article_id in back]
    lookup = _person_lookup(view.people)
    mentions: dict[str, list[tuple[int, int, int | str]]] = defaultdict(list)
    others: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for aid in ids:
        for e in analyses[aid].entities:
            if e.type == "PERSON":
                who = _linked(lookup, e.canonical, e.text, f"{aid}:{e.start}")
                mentions[back[aid]].append((e.start, e.end, who))
            else:
                others[back[aid]].append((e.start, e.end, e.type))
    maps = {a: OffsetMap(raw[a]["text"], articles[a].text) for a in gold.articles}
    together = len(set(stories_of(store, ids).values())) == 1
    return SysStory(maps, {a: articles[a].text for a in gold.articles}, quotes, mentions, others, together)


def _person_lookup(people: list[Any]) -> dict[str, int]:
    """Every name and alias the view shows for a person, exact and folded, to its index."""
    lookup: dict[str, int] = {}
    for i, p in enumerate(people):
        for n in [p.name, *p.aliases]:
            lookup.setdefault(n.strip(), i)
    for i, p in enumerate(people):
        for n in [p.name, *p.aliases]:
            lookup.setdefault("~" + " ".join(fold(n)), i)
    return lookup


def _linked(lookup: dict[str, int], canonical: str, text: str, alone: str) -> int | str:
    for key in (canonical.strip(), text.strip(), "~" + " ".join(fold(canonical)), "~" + " ".join(fold(text))):
        if key in lookup:
            return lookup[key]
    return alone  # in no view entry: a person of its own


# ---------------------------------------------------------------- scoring


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str, int, int, str, str]] = field(default_factory=list)
    by_story: dict[str, Counter[str]] = field(default_factory=dict)

    def error(self, kind: str, article: str, span: tuple[int, int], gold: str, system: str) -> None:
        self.counts["err_" + kind] += 1
        self.errors.append((kind, article, span[0], span[1], gold, system))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covered(span: tuple[int, int], others: list[tuple[int, int]]) -> int:
    """Characters of `span` inside the union of `others`."""
    marks = set()
    for o in others:
        marks.update(range(max(span[0], o[0]), min(span[1], o[1])))
    return len(marks)


def score_quotes(gold: GoldStory, sys: SysStory, tally: Tally) -> None:
    """Recall, precision, speaker and kind of the story's quotes, into `tally`."""
    names = list(gold.people)
    for aid in gold.quote_articles:
        golds = [(g, sys.maps[aid].span(g.start, g.end)) for g in gold.quotes if g.article == aid]
        preds = [q for q in sys.quotes if q.article == aid]
        gspans = [sp for _, sp in golds]
        for q in preds:
            tally.counts["pred"] += 1
            if _covered((q.start, q.end), gspans) * 2 >= q.end - q.start:
                tally.counts["pred_ok"] += 1
            else:
                tally.error("quote_extra", aid, sys.maps[aid].raw(q.start, q.end), "-", f"{q.kind} {q.speaker}")
        for g, sp in golds:
            _score_one(g, sp, preds, names, tally, _kinds(g, golds))


def _kinds(g: GoldQuote, golds: list[tuple[GoldQuote, tuple[int, int]]]) -> set[str]:
    """The kinds a system quote may give `g`: a reported clause with a quoted fragment inside
    (both annotated) is one quote that may be called partial or indirect."""
    mixed = any(o is not g and {o.kind, g.kind} == {"partial", "indirect"}
                and (o.start <= g.start and g.end <= o.end or g.start <= o.start and o.end <= g.end)
                for o, _ in golds)
    return {"partial", "indirect"} if mixed else {g.kind}


def _score_one(g: GoldQuote, sp: tuple[int, int], preds: list[SysQuote], names: list[str],
               tally: Tally, kinds: set[str]) -> None:
    tally.counts["gold"] += 1
    tally.counts["gold_" + g.kind] += 1
    pspans = [(q.start, q.end) for q in preds]
    where, want = (g.start, g.end), f"{g.kind} {g.speaker}"
    if not pspans or _covered(sp, pspans) * 2 < sp[1] - sp[0]:
        tally.error("quote_missed", g.article, where, want, "-")
        return
    best = max(preds, key=lambda q: _overlap(sp, (q.start, q.end)))
    tally.counts["found"] += 1
    tally.counts["found_" + g.kind] += 1
    got = f"{best.kind} {best.speaker}"
    if best.kind in kinds:
        tally.counts["kind_ok"] += 1
    else:
        tally.error("kind", g.article, where, want, got)
    if g.speaker is None:
        if best.speaker is not None and any(same_person(n, best.speaker) for n in names):
            tally.error("speaker_for_unnamed", g.article, where, want, got)
        return
    tally.counts["named"] += 1
    if same_speaker(g, best.speaker):
        tally.counts["speaker_ok"] += 1
        shown = fold(best.speaker or "")
        if g.speaker_type == "person" and len(shown) > 1 and shown[:1] != fold(g.speaker)[:1]:
            tally.error("speaker_name_form", g.article, where, want, got)
    elif best.speaker is None:
        tally.error("speaker_none", g.article, where, want, got)
    else:
        tally.counts["speaker_wrong"] += 1
        tally.error("speaker_wrong", g.article, where, want, got)
    tally.counts["named_sys"] += best.speaker is not None


def detect_mentions(gold: GoldStory, sys: SysStory, tally: Tally) -> list[tuple[str, str, int | str]]:
    """(gold person, article, view person) for every gold mention the system finds as a person."""
    found = []
    for name, mentions in gold.people.items():
        for aid, s, e in mentions:
            tally.counts["mentions"] += 1
            sp = sys.maps[aid].span(s, e)
            hits = [(_overlap(sp, (a, b)), who) for a, b, who in sys.mentions.get(aid, [])]
            hits = [h for h in hits if h[0] > 0]
            if hits:
                found.append((name, aid, max(hits, key=lambda h: h[0])[1]))
                continue
            typed = [t for a, b, t in sys.others.get(aid, []) if _overlap(sp, (a, b)) > 0]
            tally.error("mention_typed" if typed else "mention_missed", aid, (s, e), name,
                        typed[0] if typed else "-")
    tally.counts["mentions_found"] += len(found)
    return found


def score_merges(gold: GoldStory, sys: SysStory, tally: Tally) -> None:
    """Pairwise merge precision and recall, wrong merges, splits and protagonists, into `tally`."""
    found = detect_mentions(gold, sys, tally)
    merged: set[tuple[str, str]] = set()
    for i, (p1, a1, w1) in enumerate(found):
        for p2, a2, w2 in found[i + 1:]:
            same_gold, same_sys = p1 == p2, w1 == w2
            tally.counts["pair_tp"] += same_gold and same_sys
            tally.counts["pair_fp"] += same_sys and not same_gold
            tally.counts["pair_fn"] += same_gold and not same_sys
            if a1 != a2 and same_gold:
                tally.counts["across_gold"] += 1
                tally.counts["across_tp"] += same_sys
            if same_sys and not same_gold:
                merged.add((min(p1, p2), max(p1, p2)))
    for p1, p2 in sorted(merged):
        tally.error("wrong_merge", gold.story, (0, 0), p1, p2)
    tally.counts["wrong_merges"] += len(merged)
    _protagonists(gold, found, tally)


def _protagonists(gold: GoldStory, found: list[tuple[str, str, int | str]], tally: Tally) -> None:
    for name, mentions in gold.people.items():
        arts = {a for a, _, _ in mentions}
        whos = Counter(w for p, _, w in found if p == name)
        if len(whos) > 1:
            tally.error("split", gold.story, (0, 0), name, f"{len(whos)} view entries")
        if len(arts) < 2:
            continue
        main = whos.most_common(1)[0][0] if whos else None
        for aid in sorted(arts):
            tally.counts["protagonist_articles"] += 1
            if any(p == name and a == aid and w == main for p, a, w in found):
                tally.counts["protagonist_found"] += 1
            else:
                tally.error("protagonist_missing", aid, (0, 0), name, "-")


def figures(c: Counter[str], stories: int, together: int, cpu: float) -> dict[str, float]:
    """The scores from the tallied counts."""
    def div(a: str | float, b: str | float) -> float:
        num = c[a] if isinstance(a, str) else a
        den = c[b] if isinstance(b, str) else b
        return num / den if den else 0.0

    p, r = div("pred_ok", "pred"), div("found", "gold")
    mp = div("pair_tp", c["pair_tp"] + c["pair_fp"])
    mr = div("pair_tp", c["pair_tp"] + c["pair_fn"])
    return {
        "stories": float(stories), "gold_quotes": float(c["gold"]), "system_quotes": float(c["pred"]),
        "quote_recall": r, "quote_precision": p, "quote_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "direct_recall": div("found_direct", "gold_direct"), "partial_recall": div("found_partial", "gold_partial"),
        "indirect_recall": div("found_indirect", "gold_indirect"),
        "speaker_accuracy": div("speaker_ok", "named"), "speaker_wrong_share": div("speaker_wrong", "named_sys"),
        "speaker_for_unnamed": float(c["err_speaker_for_unnamed"]), "kind_accuracy": div("kind_ok", "found"),
        "mentions_found": div("mentions_found", "mentions"), "merge_precision": mp, "merge_recall": mr,
        "merge_f1": 2 * mp * mr / (mp + mr) if mp + mr else 0.0, "merge_recall_across": div("across_tp", "across_gold"),
        "wrong_merges": float(c["wrong_merges"]), "protagonists_found": div("protagonist_found", "protagonist_articles"),
        "stories_together": together / stories if stories else 0.0, "cpu_s": round(cpu, 2),
    }


# ---------------------------------------------------------------- the runs


def run(data: Path = DATA, stories: int | None = None, gold_path: Path = GOLD) -> tuple[dict[str, float], Tally]:
    """Ingest the gold stories' articles into a temporary store and score what the views show."""
    golds = load_gold(gold_path)[:stories]
    raw = read_raw(data, {a for g in golds for a in g.articles})
    missing = {a for g in golds for a in g.articles} - set(raw)
    if missing:
        raise FileNotFoundError(f"{data / SOURCE} lacks annotated articles {sorted(missing)}")
    tally, together = Tally(), 0
    c0 = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        store, articles = ingest(raw, str(Path(tmp) / "attribution.db"))
        try:
            for gold in golds:
                sys_story = system_story(store, articles, raw, gold)
                together += sys_story.together
                before = tally.counts.copy()
                score_quotes(gold, sys_story, tally)
                score_merges(gold, sys_story, tally)
                tally.by_story[gold.story] = tally.counts - before
        finally:
            store.close()
    return figures(tally.counts, len(golds), together, time.process_time() - c0), tally


def scores(data: Path = DATA, stories: int | None = None) -> dict[str, float]:
    """Every figure of this bench (`stories` limits the run to the first N gold stories)."""
    return run(data, stories)[0]


def print_errors(tally: Tally, raw: dict[str, dict[str, Any]] | None = None) -> None:
    """The error list, by class (with a short excerpt of the article when `raw` is given)."""
    by_kind = defaultdict(list)
    for err in tally.errors:
        by_kind[err[0]].append(err)
    for kind, errs in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        print(f"\n## {kind} ({len(errs)})")
        for _, aid, s, e, gold, got in errs:
            where = f"{aid} [{s}, {e})" if e else aid
            excerpt = ""
            if raw is not None and aid in raw and e > s:
                text = raw[aid]["text"][s:e].replace("\n", " ")
                excerpt = "  | " + (text if len(text) <= 70 else text[:40] + " ... " + text[-25:])
            print(f"  {where:28s} gold: {gold:34s} system: {got}{excerpt}")


def main(argv: Any = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--stories", type=int, default=None, help="only the first N gold stories")
    parser.add_argument("--errors", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    if not (args.data / SOURCE).exists():
        sys.exit(f"needs {args.data / SOURCE} (the shared benchmark data is not beside this checkout)")
    result, tally = run(args.data, args.stories)
    for key, val in result.items():
        print(f"{key:22s} {val:.3f}")
    print(f"\n{'story':22s} quote_R speaker kind merge_R wrong_merges protagonists")
    for story, counts in tally.by_story.items():
        f = figures(counts, 1, 0, 0.0)
        print(f"{story:22s} {f['quote_recall']:7.2f} {f['speaker_accuracy']:7.2f} {f['kind_accuracy']:4.2f} "
              f"{f['merge_recall']:7.2f} {f['wrong_merges']:12.0f} {f['protagonists_found']:12.2f}")
    print("\nerrors: " + ", ".join(f"{k[4:]} {v}" for k, v in tally.counts.most_common() if k.startswith("err_")))
    if args.errors:
        ids = {e[1] for e in tally.errors}
        print_errors(tally, read_raw(args.data, ids))


if __name__ == "__main__":
    main()
