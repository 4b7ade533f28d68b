from collections.abc import Mapping
from typing import Any

import pytest

from newsprism.errors import PipelineError, StepError
from newsprism.pipeline import Pipeline
from newsprism.records import Article, article_id


class Words:
    name, version, requires, output = "words", "1", (), list[str]

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[str]:
        return article.text.split()


class Boom:
    name, version, requires, output = "boom", "1", ("words",), int

    def run(self, article: Article, inputs: Mapping[str, Any]) -> int:
        raise ValueError(f"no good: {len(inputs['words'])}")


class AfterBoom:
    name, version, requires, output = "after", "2", ("boom",), int

    def run(self, article: Article, inputs: Mapping[str, Any]) -> int:
        return 1


def _article(text: str = "one two three") -> Article:
    return Article(id=article_id(text), source="t", text=text)


def test_requirements_checked_once_at_build() -> None:
    with pytest.raises(PipelineError, match="requires words"):
        Pipeline([Boom(), Words()])
    with pytest.raises(PipelineError, match="twice"):
        Pipeline([Words(), Words()])


def test_failure_recorded_counted_and_dependents_skipped() -> None:
    p = Pipeline([Words(), Boom(), AfterBoom()])
    result = p.run(_article())
    assert result.outputs == {"words": ["one", "two", "three"]}
    assert [(f.step, f.error_type) for f in result.failures] == [("boom", "ValueError"), ("after", "Skipped")]
    assert "no good: 3" in result.failures[0].message
    assert p.stats["boom"].failures == 1 and p.stats["after"].skipped == 1
    assert result.versions == {"words": "1", "boom": "1", "after": "2"}


def test_strict_reraises_with_step_and_article() -> None:
    p = Pipeline([Words(), Boom()])
    with pytest.raises(StepError, match="boom") as info:
        p.run(_article(), strict=True)
    assert isinstance(info.value.__cause__, ValueError)


def test_select_pulls_in_requirements() -> None:
    p = Pipeline([Words(), Boom(), AfterBoom()])
    assert p.select(["boom"]).names == ["words", "boom"]
    with pytest.raises(PipelineError):
        p.select(["nope"])
