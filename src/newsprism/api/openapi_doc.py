"""The OpenAPI document tells what the server really answers: every JSON success is an object
(not the "string" FastAPI infers from our msgspec response class), every error is the one error
shape under the statuses the app can answer (400 for a malformed parameter, never 422; 404, 414,
500, 503; 401/403 where a token is checked), and date parameters carry the pattern they are held to.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from newsprism.api import models

ERROR_SHAPE: dict[str, Any] = {
    "type": "object", "required": ["error"],
    "properties": {"error": {
        "type": "object", "required": ["status", "code", "type", "message", "hint"],
        "properties": {"status": {"type": "integer"}, "code": {"type": "string"}, "type": {"type": "string"},
                       "message": {"type": "string"}, "hint": {"type": "string"}}}},
}
ERRORS = {
    "400": "a parameter or the body is malformed (E601), or the input cannot be read (E1xx)",
    "404": "no such article, story, entity, alert or format (E301)",
    "414": "the path or the query is too long",
    "500": "a bug or a failing store (the server log has it)",
    "503": "the query ran over its time budget (E303)",
}
TOKEN_ERRORS = {
    "401": "the bearer token is missing or wrong (E602)",
    "403": "disabled: the server has no api_token (E603)",
}
# YYYY, YYYY-MM or YYYY-MM-DD with a year 1000-2999 and a day the month has (29 February, which
# only leap years have, is left out of the pattern though the server accepts it in those years)
DATE_PATTERN = (r"^[12]\d{3}(-((0[13578]|1[02])(-(0[1-9]|[12]\d|3[01]))?|(0[469]|11)(-(0[1-9]|[12]\d|30))?"
                r"|02(-(0[1-9]|1\d|2[0-8]))?))?$")
DATE_PARAMS = frozenset({"since", "until"})
BUDGETED = frozenset({"/api/search"})  # routes whose queries run under a time budget (E303, 503)


def install(app: FastAPI) -> None:
    """Build the app's OpenAPI document once, corrected as the module docstring says."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, description=app.description,
                              routes=app.routes)
            correct(doc)
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def correct(doc: dict[str, Any]) -> None:
    components = doc.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SHAPE
    ref = {"$ref": "#/components/schemas/Error"}
    for path, ops in doc.get("paths", {}).items():
        for method, op in ops.items():
            responses = op.setdefault("responses", {})
            responses.pop("422", None)
            for response in responses.values():
                media = response.get("content", {}).get("application/json")
                if media is not None and media.get("schema") == {"type": "string"}:
                    media["schema"] = {"type": "object"}
            errors = _errors_of(path, method, op)
            for status, what in errors.items():
                responses.setdefault(status, {"description": what,
                                              "content": {"application/json": {"schema": ref}}})
            for param in op.get("parameters", []):
                if param.get("name") in DATE_PARAMS and param.get("in") == "query":
                    _date_pattern(param.setdefault("schema", {}))
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    models.apply(doc)


def _errors_of(path: str, method: str, op: dict[str, Any]) -> dict[str, str]:
    """The error statuses one operation can really answer: 400 only with parameters or a body,
    404 only with a path parameter, 503 only where a query runs under a time budget (search)."""
    errors = {status: what for status, what in ERRORS.items() if status in ("414", "500")}
    if op.get("parameters") or method != "get":
        errors["400"] = ERRORS["400"]
    if "{" in path:
        errors["404"] = ERRORS["404"]
    if path in BUDGETED:
        errors["503"] = ERRORS["503"]
    if method != "get" or path.startswith("/api/exports/"):
        errors.update(TOKEN_ERRORS)
    return dict(sorted(errors.items()))


def _date_pattern(schema: dict[str, Any]) -> None:
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "string":
            option["pattern"] = DATE_PATTERN
