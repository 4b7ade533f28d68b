"""The quality gate: every bench named in bench/floors.toml must score at or above its floors.

Each table `[name]` imports bench/name.py and calls its `scores()` (with `[name.options]` as
keyword arguments); a key ending in `_max` is a ceiling. Skips when ../shared is absent.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
FLOORS = BENCH / "floors.toml"


def _floors() -> dict[str, dict[str, Any]]:
    with FLOORS.open("rb") as fh:
        return tomllib.load(fh)


def _bench(name: str) -> ModuleType:
    path = BENCH / f"{name}.py"
    if not path.exists():
        pytest.fail(f"bench/floors.toml names [{name}] but bench/{name}.py does not exist")
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look the module up by name
    spec.loader.exec_module(module)
    return module


def _kwargs(module: ModuleType, options: dict[str, Any], shared: Path) -> dict[str, Any]:
    """Options from the floors file, plus where the shared data is when scores() asks for it."""
    params = inspect.signature(module.scores).parameters
    kwargs = dict(options)
    if "data" in params:
        kwargs.setdefault("data", shared / "data")
    if "shared" in params:
        kwargs.setdefault("shared", shared)
    return kwargs


def check(scores: dict[str, float], floors: dict[str, Any]) -> list[str]:
    """The floors (and `_max` ceilings) that `scores` breaks, each named with both numbers."""
    broken = []
    for key, limit in floors.items():
        if isinstance(limit, dict):
            continue
        name, ceiling = (key[:-4], True) if key.endswith("_max") else (key, False)
        if name not in scores:
            broken.append(f"{name}: not among the scores ({', '.join(sorted(scores))})")
        elif ceiling and scores[name] > limit:
            broken.append(f"{name} = {scores[name]:.4g} is above its ceiling {limit}")
        elif not ceiling and scores[name] < limit:
            broken.append(f"{name} = {scores[name]:.4g} is below its floor {limit}")
    return broken


def test_check_names_broken_floors() -> None:
    assert check({"f1": 0.5, "mb": 900.0}, {"f1": 0.6, "mb_max": 1000}) == [
        "f1 = 0.5 is below its floor 0.6"]
    assert check({"mb": 1200.0}, {"mb_max": 1000}) == ["mb = 1200 is above its ceiling 1000"]
    assert check({}, {"f1": 0.1})[0].startswith("f1: not among the scores")


@pytest.mark.shared
@pytest.mark.parametrize("section", sorted(_floors()))
def test_floor(section: str, data_dir: Path) -> None:
    table = _floors()[section]
    module = _bench(section)
    scores = module.scores(**_kwargs(module, table.get("options", {}), data_dir.parent))
    broken = check(scores, table)
    assert not broken, f"bench/{section}.py: " + "; ".join(broken)
