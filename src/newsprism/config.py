"""Settings with a name, a default and help; defaults < config file < environment < command line.

The config file is TOML (`newsprism.toml` in the user config dir, or `--config PATH`), a flat table
of setting names. Environment variables are `NEWSPRISM_<NAME>` in upper case. `Settings.source(name)`
says where a value came from ("default", "file PATH", "environment NEWSPRISM_X", "flag --x").
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from newsprism.errors import ConfigError

APP = "newsprism"


def default_db() -> str:
    return str(Path(platformdirs.user_data_dir(APP)) / "newsprism.db")


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "newsprism.toml"


@dataclass
class Settings:
    """Every setting newsprism reads. The `help` metadata is what the README documents."""

    db: str = field(default_factory=default_db, metadata={"help": "store: a SQLite path or postgresql:// URL"})
    strict: bool = field(default=False, metadata={"help": "re-raise the first step failure instead of recording it"})
    max_input_bytes: int = field(default=50_000_000, metadata={"help": "largest input file or page read, in bytes"})
    log_level: str = field(default="WARNING", metadata={"help": "logging level: DEBUG, INFO, WARNING, ERROR"})
    contact: str = field(default="", metadata={"help": "contact (URL or e-mail) put in the fetcher's User-Agent"})
    allow_private: bool = field(default=False, metadata={"help": "let the fetcher reach private and loopback addresses"})
    poll_floor_seconds: float = field(default=300.0, metadata={"help": "shortest wait between two polls of one feed"})
    poll_ceiling_seconds: float = field(default=21600.0, metadata={"help": "longest wait between two polls of one feed"})
    host_interval_seconds: float = field(default=1.0, metadata={"help": "least time between two requests to one host"})
    story_window_days: int = field(default=7, metadata={"help": "how far back a new article looks for its story"})
    api_token: str = field(default="", metadata={"help": "bearer token that enables the ingest endpoint of the API"})
    base_url: str = field(default="", metadata={"help": "the server's public URL: absolute links in API answers (empty: paths)"})

    # Where each value came from (name -> "file PATH", "environment NEWSPRISM_X", "flag --x");
    # not a setting: left out of names() and help().
    sources: dict[str, str] = field(default_factory=dict, repr=False, compare=False,
                                    metadata={"internal": True})

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls) if not f.metadata.get("internal")]

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: str(f.metadata.get("help", "")) for f in fields(cls) if not f.metadata.get("internal")}

    def source(self, name: str) -> str:
        """Where the value of setting `name` came from: "default", "file PATH",
        "environment NEWSPRISM_NAME" or "flag --name" (or what the caller who set it said)."""
        return self.sources.get(name, "default")

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, Any] | None = None,
        config_path: str | Path | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        """Build settings from defaults, then the config file, then the environment, then overrides."""
        settings = cls()
        path = Path(config_path) if config_path else default_config_path()
        if path.exists():
            try:
                table = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"cannot read config file {path}: {exc}") from exc
            settings._apply(table, f"config file {path}", lambda _name: f"file {path}")
        elif config_path:
            raise ConfigError(f"config file {path} does not exist")
        env = os.environ if environ is None else environ
        from_env = {
            name: env[f"NEWSPRISM_{name.upper()}"]
            for name in cls.names()
            if f"NEWSPRISM_{name.upper()}" in env
        }
        settings._apply(from_env, "environment", lambda name: f"environment NEWSPRISM_{name.upper()}")
        settings._apply({k: v for k, v in (overrides or {}).items() if v is not None}, "command line",
                        lambda name: f"flag --{name.replace('_', '-')}")
        return settings

    def set(self, name: str, value: Any, source: str) -> None:
        """Set one setting after loading (a command's own option), saying where it came from."""
        self._apply({name: value}, source, lambda _name: source)

    def _apply(self, values: Mapping[str, Any], origin: str, source: Callable[[str], str]) -> None:
        known = self.names()
        for name, raw in values.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r} in {origin}", hint=f"known: {', '.join(known)}")
            default = getattr(type(self)(), name)
            setattr(self, name, _coerce(name, raw, type(default), origin))
            self.sources[name] = source(name)


def _coerce(name: str, raw: Any, kind: type, origin: str) -> Any:
    try:
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} from {origin}: {raw!r} is not a {kind.__name__}") from exc
