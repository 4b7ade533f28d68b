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
