"""Bounded cost: every pathological input family costs CPU time linear in its size.

Each family is timed at 1x and 8x its size (CPU time of this process, the best of a few runs, so
other load on the machine does not count). Linear code grows about 8x; the bound is 20x, which
a quadratic scan (64x at these sizes) is far over while noise on a loaded machine stays under.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_inputs import HTML_FAMILIES, TEXT_FAMILIES  # noqa: E402
from newsprism.analyze.sentences import split_spans  # noqa: E402
from newsprism.ingest.html import _check_html, _without_hidden  # noqa: E402

GROWTH_BOUND = 20.0
MIN_SAMPLE = 0.02  # CPU seconds: a run is repeated until a sample lasts at least this long


def cpu_time(fn: Callable[[], object]) -> float:
    """CPU seconds of one call: the best of three samples, each repeated to last >= MIN_SAMPLE."""
    best = float("inf")
    for _ in range(3):
        reps = 0
        start = time.process_time()
        while True:
            fn()
            reps += 1
            spent = time.process_time() - start
            if spent >= MIN_SAMPLE:
                break
        best = min(best, spent / reps)
    return best


def growth(make: Callable[[int], object], run: Callable[[object], object], n: int) -> float:
    """How much one call's CPU time grows when the input grows 8x."""
    small, large = make(n), make(8 * n)
    run(small)  # warm caches (lexicons, compiled patterns)
    return cpu_time(lambda: run(large)) / cpu_time(lambda: run(small))


@pytest.mark.parametrize("family", ["dots", "bangs", "ellipses", "dots_quotes", "initials", "titles",
                                    "newlines", "spaces", "quotes"])
def test_sentence_splitting_is_linear(family: str) -> None:
    ratio = growth(TEXT_FAMILIES[family], lambda t: split_spans(str(t)), 2000)
    assert ratio < GROWTH_BOUND, f"{family}: 8x input took {ratio:.1f}x CPU time"


def test_long_punctuation_run_is_cheap() -> None:
    text = "It ended" + "." * 200_000 + "there. Then it went on."
    start = time.process_time()
    spans = split_spans(text)
    assert time.process_time() - start < 2.0  # the quadratic scan took hours on this
    assert text[spans[-1][0]:spans[-1][1]] == "Then it went on."


@pytest.mark.parametrize("family", sorted(HTML_FAMILIES))
def test_hidden_element_scan_is_linear(family: str) -> None:
    ratio = growth(HTML_FAMILIES[family], lambda d: _without_hidden(bytes(d)), 4000)  # type: ignore[arg-type]
    assert ratio < GROWTH_BOUND, f"{family}: 8x input took {ratio:.1f}x CPU time"


def test_visible_text_check_is_linear_on_many_empty_scripts() -> None:
    ratio = growth(HTML_FAMILIES["empty_scripts"], lambda d: _check_html(bytes(d), "page"), 4000)  # type: ignore[arg-type]
    assert ratio < GROWTH_BOUND, f"8x input took {ratio:.1f}x CPU time"


def test_hidden_elements_are_removed() -> None:
    page = b"<p>one</p><SCRIPT>x()</script><style>p{}</style>two<noscript>n</noscript><template>t"
    assert _without_hidden(page) == b"<p>one</p>two"


@pytest.fixture(scope="module")
def analyse() -> Callable[[object], object]:
    from newsprism.engine import default_pipeline
    from newsprism.ingest.text import article_from_text

    pipeline = default_pipeline()
    return lambda text: pipeline.run(article_from_text(str(text), "hostile"), strict=True)


@pytest.mark.parametrize("family", ["dots", "bangs", "ellipses", "dots_quotes", "long_word", "capitals",
                                    "digits", "brackets", "hyphens", "newlines", "spaces", "commas",
                                    "open_quotes"])
def test_whole_analysis_is_linear(family: str, analyse: Callable[[object], object]) -> None:
    ratio = growth(TEXT_FAMILIES[family], analyse, 2000)
    assert ratio < GROWTH_BOUND, f"{family}: 8x input took {ratio:.1f}x CPU time"
