"""The alert endpoints under /api/alerts: fired alerts (read), rules (read; write with the token).

Writing (adding or removing a rule, marking alerts read) needs the bearer token of `api_token`,
like the ingest endpoint; secrets of rules are never returned.
"""

from __future__ import annotations

from typing import Any

import msgspec
from fastapi import APIRouter, Depends, Path, Query, Request

from newsprism.alerts import store as alert_store
from newsprism.alerts.rules import rule_from
from newsprism.api.app import JSONResponse
from newsprism.api.ingest import check_token
from newsprism.api.routes import Page, get_store, page_params, paged
from newsprism.errors import BadRequest
from newsprism.store.base import SQLStore

router = APIRouter()
MAX_BODY = 64_000


class ReadBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Which alerts to mark read: `ids`, else all of `rule`, else all."""

    rule: str | None = None
    ids: list[str] = []


async def _json_body(request: Request) -> Any:
    check_token(request.app.state.settings, request.headers.get("authorization"))
    body = await request.body()
    if len(body) > MAX_BODY:
        raise BadRequest(f"the body is larger than {MAX_BODY} bytes")
    try:
        return msgspec.json.decode(body or b"{}")
    except msgspec.DecodeError as exc:
        raise BadRequest(f"the body is not JSON: {exc}") from exc


@router.get("/alerts", tags=["alerts"], summary="Fired alerts, newest first")
def alerts(request: Request, rule: str | None = Query(None, description="only this rule's alerts"),
           unread: bool = Query(False, description="only unread alerts"),
           page: Page = Depends(page_params), store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(paged(request, page, lambda n, o: alert_store.list_alerts(
        store, rule=rule or None, unread=unread, limit=n, offset=o)))


@router.get("/alerts/rules", tags=["alerts"], summary="Alert rules with alert, unread and delivery counts")
def rules(store: SQLStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse({"items": alert_store.rule_summaries(store)})


@router.post("/alerts/rules", tags=["alerts"], summary="Add or replace a rule (bearer token required)",
             status_code=201)
async def add_rule(request: Request, store: SQLStore = Depends(get_store)) -> JSONResponse:
    data = await _json_body(request)
    if not isinstance(data, dict):
        raise BadRequest("the body must be one rule object", hint="see the README's alerts section")
    rule = rule_from(data)
    alert_store.save_rules(store, [rule])
    return JSONResponse({"saved": rule.name}, status_code=201)


@router.delete("/alerts/rules/{name}", tags=["alerts"], summary="Remove a rule (bearer token required)")
def remove_rule(request: Request, name: str = Path(description="rule name"),
                store: SQLStore = Depends(get_store)) -> JSONResponse:
    check_token(request.app.state.settings, request.headers.get("authorization"))
    alert_store.remove_rule(store, name)
    return JSONResponse({"removed": name})


@router.post("/alerts/read", tags=["alerts"], summary="Mark alerts read (bearer token required)")
async def mark_read(request: Request, store: SQLStore = Depends(get_store)) -> JSONResponse:
    data = await _json_body(request)
    try:
        body = msgspec.convert(data, ReadBody)
    except msgspec.ValidationError as exc:
        raise BadRequest(f"the body is not {{rule, ids}}: {exc}") from exc
    return JSONResponse({"marked": alert_store.mark_read(store, body.rule, body.ids)})


@router.get("/alerts/{alert_id}", tags=["alerts"], summary="One alert with its deliveries and attempts")
def alert(alert_id: str = Path(description="alert id"), store: SQLStore = Depends(get_store)) -> JSONResponse:
    found = alert_store.get_alert(store, alert_id)
    return JSONResponse({"alert": found, "deliveries": alert_store.deliveries(store, alert_id),
                         "attempts": alert_store.attempts_of(store, alert_id)})
