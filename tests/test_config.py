from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.errors import ConfigError


def test_precedence_defaults_file_env_cli(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('db = "from-file.db"\nstory_window_days = 3\nstrict = true\n')
    s = Settings.load(config_path=cfg, environ={})
    assert (s.db, s.story_window_days, s.strict) == ("from-file.db", 3, True)
    s = Settings.load(config_path=cfg, environ={"NEWSPRISM_DB": "env.db", "NEWSPRISM_STRICT": "no"})
    assert (s.db, s.strict) == ("env.db", False)
    s = Settings.load({"db": "cli.db", "strict": None}, config_path=cfg, environ={"NEWSPRISM_DB": "env.db"})
    assert s.db == "cli.db" and s.strict is True


def test_bad_values_name_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="story_window_days"):
        Settings.load(environ={"NEWSPRISM_STORY_WINDOW_DAYS": "soon"}, config_path=None)
    cfg = tmp_path / "c.toml"
    cfg.write_text("nonsense = 1\n")
    with pytest.raises(ConfigError, match="unknown setting 'nonsense'"):
        Settings.load(config_path=cfg, environ={})
    with pytest.raises(ConfigError, match="does not exist"):
        Settings.load(config_path=tmp_path / "missing.toml", environ={})


def test_each_value_says_where_it_came_from(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("story_window_days = 3\nstrict = true\n")
    s = Settings.load({"db": "cli.db", "log_level": None}, config_path=cfg,
                      environ={"NEWSPRISM_STRICT": "no", "NEWSPRISM_CONTACT": "x@example.org"})
    assert s.source("story_window_days") == f"file {cfg}"
    assert s.source("strict") == "environment NEWSPRISM_STRICT"  # the later source wins, and says so
    assert s.source("db") == "flag --db" and s.source("log_level") == "default"
    s.set("allow_private", True, "flag ingest --allow-private")
    assert s.allow_private is True and s.source("allow_private") == "flag ingest --allow-private"
    assert "sources" not in Settings.names() and "sources" not in Settings.help()
    with pytest.raises(ConfigError, match="is not a int"):
        s.set("story_window_days", "soon", "flag --x")
