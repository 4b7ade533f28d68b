"""CLI input checks: one date parser (CLI, API, Python API), choices, --db anywhere, read commands
never create a store, config hides secrets, cut lists say what they left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.dates import parse_day
from newsprism.errors import InvalidArgument


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


@pytest.mark.parametrize("value", ["2016-13-45", "02/10/2022", "2019-02-29", "yesterday", "10 Feb 2022"])
def test_bad_dates_exit_2_with_the_reason(tmp_path: Path, value: str) -> None:
    db = str(tmp_path / "none.db")
    for args in (["search", "pier", "--since", value], ["events", "--until", value]):
        code, out = _run("--db", db, *args)
        assert code == 2, out
        assert "E030" in out and value in out
    assert not Path(db).exists()


def test_ambiguous_day_month_names_both_readings() -> None:
    with pytest.raises(InvalidArgument) as info:
        parse_day("02/10/2022", "since")
    assert "2022-02-10" in str(info.value) and "2022-10-02" in str(info.value)
    assert parse_day("2022-10") == "2022-10" and parse_day("") is None


def test_api_and_python_api_use_the_same_parser(tmp_path: Path) -> None:
    import asyncio

    import httpx

    from newsprism.store import open_store
    from newsprism.web.app import create_app

    db = str(tmp_path / "a.db")
    open_store(db).close()

    async def ask() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return await client.get("/api/articles", params={"since": "2016-13-45"})

    answer = asyncio.run(ask())
    assert answer.status_code == 400 and "calendar date" in answer.text
    import newsprism

    with pytest.raises(InvalidArgument):
        newsprism.events(db, since="02/10/2022")


def test_missing_store_is_an_error_for_readers_not_created(tmp_path: Path) -> None:
    import newsprism
    from newsprism.errors import NotFound

    db = tmp_path / "missing" / "x.db"
    for command in (["stats"], ["stories"], ["search", "pier"], ["story", "s123"]):
        code, out = _run("--db", str(db), *command)
        assert code == 2 and "E301" in out, (command, out)
    with pytest.raises(NotFound):
        newsprism.events(str(db))
    assert not db.parent.exists()


def test_enumerations_are_checked() -> None:
    code, out = _run("events", "--type", "BOGUS")
    assert code == 2 and "THREATEN" in out
    code, out = _run("--log-level", "LOUD", "stats")
    assert code == 2 and "LOUD" in out


def test_db_after_the_command(tmp_path: Path) -> None:
    from newsprism.store import open_store

    db = str(tmp_path / "s.db")
    open_store(db).close()
    before = _run("--db", db, "stats", "--json")
    after = _run("stats", "--json", "--db", db)
    assert before[0] == after[0] == 0 and before[1] == after[1]
    assert _run("stats", f"--db={db}", "--json") == before


def test_config_masks_secrets() -> None:
    code, out = _run("config", env={"NEWSPRISM_API_TOKEN": "hunter2-very-secret",
                                    "NEWSPRISM_DB": "postgresql://ann:pw123@db.example/news"})
    assert code == 0, out
    assert "hunter2" not in out and "pw123" not in out and "***" in out


def test_cut_lists_say_how_many_more() -> None:
    from newsprism.stories.view_render import MAX_TIMELINE, more

    assert more(MAX_TIMELINE + 7, MAX_TIMELINE) == ["  ... and 7 more (all of them in the JSON view)"]
    assert more(3, MAX_TIMELINE) == []


def test_serve_on_a_busy_port_says_so_before_serving(tmp_path: Path) -> None:
    import socket

    from newsprism.store import open_store

    db = str(tmp_path / "s.db")
    open_store(db).close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out = _run("--db", db, "serve", "--port", str(port))
    assert code == 1 and "in use" in out and "serving" not in out


def test_python_api_names_its_arguments() -> None:
    import inspect

    import newsprism

    params = inspect.signature(newsprism.events).parameters
    assert {"db", "story", "actor", "type", "since", "until"} == set(params)
    assert all(p.kind is not inspect.Parameter.VAR_KEYWORD for p in params.values())
    with pytest.raises(TypeError):
        newsprism.events(None, outlet="x")  # type: ignore[call-arg]


def _invented_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "one.txt").write_text("Tarnholm dock strike ends\n\nDock workers in Tarnholm ended a"
                                    " four-day strike on Monday, union leader Odile Brackwater said.\n")
    (folder / "two.txt").write_text("Velmora bridge reopens\n\nThe Velmora river bridge reopened on"
                                    " Tuesday after repairs, the town engineer Casimir Auld said.\n")
    return folder


def _ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool, *flags: str) -> str:
    from newsprism.cli import app

    monkeypatch.setattr(app, "interactive", lambda: terminal)
    corpus = tmp_path / "in" if (tmp_path / "in").exists() else _invented_corpus(tmp_path / "in")
    db = tmp_path / f"p{len(list(tmp_path.glob('p*.db')))}.db"
    result = CliRunner().invoke(main, ["--db", str(db), *flags[:1], "ingest", str(corpus),
                                       "--steps", "sentences", *flags[1:]])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_progress_on_a_terminal_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = _ingest(tmp_path, monkeypatch, True, "--strict")
    assert "ingesting: 2 articles" in drawn and "\r" in drawn
    assert _ingest(tmp_path, monkeypatch, False, "--strict") == ""  # a pipe: no progress
    assert "ingesting" not in _ingest(tmp_path, monkeypatch, True, "--quiet")
    assert "ingesting" not in _ingest(tmp_path, monkeypatch, True, "--strict", "--json")


def test_progress_line_counts_and_clears_for_messages(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from newsprism.cli import app

    monkeypatch.setattr(app, "interactive", lambda: True)
    with app.progress("reanalysing", 4) as bar:
        bar.update(1)
        app.err("error: x.txt: E102 undecodable")
        bar.update(2, failed=True)
    shown = capsys.readouterr().err
    assert "reanalysing: 1/4 articles (25%)" in shown
    assert app.Progress("ingesting", None, "articles", True).text() == "ingesting: 0 articles"
    one = app.Progress("ingesting", None, "articles", False)
    one.update(1)
    assert one.text() == "ingesting: 1 article"
    assert shown.rstrip().endswith("reanalysing: 3/4 articles (75%), 1 failed")
    assert "\rerror: x.txt" in shown  # the progress line is wiped first, not written over


def test_config_says_where_each_value_came_from(tmp_path: Path) -> None:
    import json

    cfg = tmp_path / "n.toml"
    cfg.write_text('story_window_days = 3\ncontact = "desk@example.org"\n')
    code, out = _run("--config", str(cfg), "--strict", "config", "--json",
                     env={"NEWSPRISM_API_TOKEN": "s3cret-token", "NEWSPRISM_CONTACT": "news@example.org"})
    assert code == 0, out
    doc = json.loads(out)
    given = doc["settings"]
    assert given["story_window_days"] == {"value": 3, "source": f"file {cfg}"}
    assert given["contact"] == {"value": "news@example.org", "source": "environment NEWSPRISM_CONTACT"}
    assert given["strict"] == {"value": True, "source": "flag --strict"}
    assert given["api_token"] == {"value": "***", "source": "environment NEWSPRISM_API_TOKEN"}
    assert given["max_input_bytes"]["source"] == "default"
    assert doc["config_file"] == str(cfg) and doc["config_file_read"] is True
    code, text = _run("--config", str(cfg), "config", env={"NEWSPRISM_API_TOKEN": "s3cret-token"})
    line = next(x for x in text.splitlines() if x.startswith("story_window_days"))
    assert f"file {cfg}" in line and "s3cret" not in text


def test_one_flag_name_per_idea_old_names_still_work(tmp_path: Path) -> None:
    from newsprism.store import open_store

    db = str(tmp_path / "s.db")
    open_store(db).close()
    help_text = _run("search", "--help")[1]
    assert "--type" in help_text and "--event-type" not in help_text
    assert "--out" in _run("story", "--help")[1] and "--output" not in _run("story", "--help")[1]
    result = CliRunner().invoke(main, ["--db", db, "search", "pier", "--event-type", "threaten"])
    assert result.exit_code == 0 and "--event-type is deprecated; use --type" in result.stderr
    assert _run("--db", db, "search", "pier", "--event-type", "BOGUS")[0] == 2  # still checked
    code, out = _run("--db", db, "search", "pier", "--event-type", "13", "--type", "14")
    assert code == 2 and "give only --type" in out
    out_file = tmp_path / "events.jsonl"
    result = CliRunner().invoke(main, ["--db", db, "export", "--format", "jsonl", "--output", str(out_file)])
    assert result.exit_code == 0 and out_file.exists(), result.output
    assert "--output is deprecated; use --out" in result.stderr


def test_story_text_has_no_empty_sections_and_counts_read_right() -> None:
    from newsprism.stories.view_records import StoryView
    from newsprism.stories.view_render import plural, render_markdown, render_text

    view = StoryView(story_id="s9", title="Quay crane topples in Ostrava Bay", size=1)
    text = render_text(view)
    assert "1 article from 0 outlets, undated" in text and "(s)" not in text
    assert not any(h in text for h in ("BRIEF", "CLAIMS", "QUOTES BY SPEAKER", "TIMELINE"))
    markdown = render_markdown(view)
    assert "## Claims" not in markdown and "## Timeline" not in markdown and "1 article from 0 outlets, undated." in markdown
    assert (plural(1, "copy", "copies"), plural(2, "copy", "copies")) == ("1 copy", "2 copies")


def test_db_named_like_a_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.cli.app import _db_first
    from newsprism.store import open_store

    commands = {"stats", "story"}
    assert _db_first(["--db", "stats", "stats", "--json"], commands) == ["--db", "stats", "stats", "--json"]
    assert _db_first(["--db", "stats", "stats", "--db", "b.db"], commands) == [
        "--db", "stats", "--db", "b.db", "stats"]
    assert _db_first(["story", "s1", "--", "--db"], commands) == ["story", "s1", "--", "--db"]
    monkeypatch.chdir(tmp_path)
    open_store("stats").close()  # a store file named like a command
    assert _run("--db", "stats", "stats", "--json")[0] == 0
    assert _run("stats", "--db", "stats", "--json") == _run("--db", "stats", "stats", "--json")


def test_empty_answers_say_so(tmp_path: Path) -> None:
    from newsprism.store import open_store

    db = str(tmp_path / "empty.db")
    open_store(db).close()
    for args, said in ((["events"], "no events stored"), (["events", "--type", "13"], "no events match"),
                       (["failures"], "no step failures recorded"), (["stories"], "no stories"),
                       (["search", "pier"], "no matches")):
        result = CliRunner().invoke(main, ["--db", db, *args])
        assert result.exit_code == 0 and said in result.stderr and result.stdout == "", (args, result.output)
        quiet = CliRunner().invoke(main, ["--db", db, *args, "--json"])
        assert quiet.exit_code == 0 and quiet.output == "", args  # --json: nothing, not even a note
