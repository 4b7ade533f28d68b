"""Property test of the HTTP API against its own OpenAPI document (schemathesis, driven without its
pytest plugin): generated requests for every operation, each answer checked for no server error,
a documented status code and content type, and a body that fits the documented schema."""

from __future__ import annotations

from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from test_api_support import make_article, running_server, save  # noqa: E402

TEXTS = ["The ferry to Corrin was cancelled on Friday because of the storm, the harbour office said.",
         "Council members in Dunmere voted 7 to 2 on Tuesday to rebuild the market hall by 2027.",
         "Firefighters in Elsford put out a barn fire on Sunday; no one was hurt, chief Lena Sato said."]


def _failures(base: str, examples: int) -> dict[str, str]:
    schema = schemathesis.openapi.from_url(f"{base}/api/openapi.json")
    failures: dict[str, str] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        label = operation.label

        @given(operation.as_strategy())
        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: object) -> None:
            try:
                case.call_and_validate()  # type: ignore[attr-defined]
            except BaseException as exc:  # noqa: BLE001 (schemathesis raises an exception group)
                if isinstance(exc, KeyboardInterrupt):
                    raise
                failures.setdefault(label, str(exc)[:600])  # noqa: B023 (run() is called below)

        run()
    return failures


@pytest.mark.parametrize("token", ["", "schema-test-token"])
def test_every_operation_answers_as_documented(tmp_path: Path, token: str) -> None:
    db = str(tmp_path / "s.db")
    for n, text in enumerate(TEXTS):
        save(db, make_article(text, title=f"Report {n}", outlet="Town Courier", published=f"2024-05-0{n + 1}"))
    with running_server(db, token) as base:
        failures = _failures(base, examples=20)
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())
