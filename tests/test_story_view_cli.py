"""`newsprism story ID`: terminal text, the --json contract, a Markdown report; bad ids exit non-zero."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsprism.cli import main
from newsprism.records import ArticleResult
from newsprism.store import open_store
from newsprism.stories.service import StoryService
from newsprism.stories.storage import list_stories
from test_story_view_helpers import make

TEXTS = [
    ("Harbour workers in Portavel walked out on Monday over pay, closing the container terminal. "
     "The union said 1,200 workers joined the strike, which will last until 14 May. "
     "Shipping lines diverted vessels to Northgate while talks with the port authority stalled."),
    ("A strike closed the container terminal at Portavel on Monday as harbour workers walked out "
     "over pay. The port authority said 800 workers joined the strike <script>alert(1)</script>. "
     "Shipping lines diverted vessels to Northgate, and the strike will last until 14 May."),
    ("Harbour workers in Portavel began a strike over pay on Monday, shutting the container "
     "terminal until 14 May. Union leaders said 1,200 workers had joined the walkout. "
     "Talks with the port authority stalled as shipping lines diverted vessels to Northgate."),
]


def _store(tmp_path: Path) -> tuple[str, str]:
    db = str(tmp_path / "cli.db")
    store = open_store(db)
    try:
        service = StoryService(store)
        for n, text in enumerate(TEXTS):
            figures = [(s, 1200.0 if "1,200" in s else 800.0, None, None)
                       for s in ("1,200 workers", "800 workers") if s in text]
            dates = [("14 May", "2030-05-14", None)]
            article, analysis = make(text, outlet=f"Outlet {n}", published=f"2030-05-0{n + 1}",
                                     figures=figures, dates=dates)
            result = ArticleResult(article=article, outputs=analysis.outputs(),
                                   versions=analysis.versions)
            store.save_result(result)
            service.assign(result)
        story = max(list_stories(store), key=lambda s: s.size)
    finally:
        store.close()
    return db, story.id


def test_story_json_is_the_contract(tmp_path: Path) -> None:
    db, sid = _store(tmp_path)
    out = CliRunner().invoke(main, ["--db", db, "story", sid, "--json"])
    assert out.exit_code == 0, out.output
    view = json.loads(out.output)
    for key in ("story_id", "members", "people", "claims", "quotes", "timeline", "coverage",
                "brief", "copies", "passages"):
        assert key in view
    assert view["size"] == 3
    workers = [c for c in view["claims"] if c["kind"] == "figure"]
    assert workers and workers[0]["verdict"] == "contradict"


def test_story_text_and_markdown(tmp_path: Path) -> None:
    db, sid = _store(tmp_path)
    text = CliRunner().invoke(main, ["--db", db, "story", sid])
    assert text.exit_code == 0 and "CLAIMS" in text.output and "CONTRADICT" in text.output
    report = tmp_path / "report.md"
    md = CliRunner().invoke(main, ["--db", db, "story", sid, "--markdown", "-o", str(report)])
    assert md.exit_code == 0, md.output
    body = report.read_text(encoding="utf-8")
    assert body.startswith("# ") and "## Claims" in body and "## Sources" in body
    assert "<script>" not in body


def test_unknown_story_exits_non_zero(tmp_path: Path) -> None:
    db, _ = _store(tmp_path)
    out = CliRunner().invoke(main, ["--db", db, "story", "no-such-story"])
    assert out.exit_code != 0 and "E301" in out.output
