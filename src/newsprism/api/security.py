"""HTTP hygiene for every response of the app (pages, API, static files, errors), as one ASGI
middleware: security headers, HEAD answered as GET without a body, and over-long request lines
refused before any route sees them.

- Content-Security-Policy: scripts, styles, images and fonts from this server only (no inline
  script or style), no framing (`frame-ancestors 'none'`), no plugins, forms post here only;
  X-Frame-Options DENY, X-Content-Type-Options nosniff, Referrer-Policy same-origin.
- HEAD: every GET route answers HEAD with the GET's status and headers and no body (the scope
  carries HEAD_KEY, so a costly body, an export, need not be made).
- A path longer than MAX_PATH or a query longer than MAX_QUERY answers 414 in the error shape.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import msgspec

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_PATH = 2048
MAX_QUERY = 8192
MAX_ECHO = 200  # characters of a client's input an error message may repeat
HEAD_KEY = "newsprism.head"  # set in the scope of a HEAD request answered as GET

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
_OWN = {name for name, _ in HEADERS}


def cap(text: str, limit: int = MAX_ECHO) -> str:
    """A client's input as an error message may echo it: at most `limit` characters."""
    return text if len(text) <= limit else text[:limit] + f"\u2026 ({len(text)} characters)"


class SecurityMiddleware:
    """Wraps the app: see the module docstring."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("path", "")) > MAX_PATH or len(scope.get("query_string", b"")) > MAX_QUERY:
            await _too_long(send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET", **{HEAD_KEY: True})  # a route may skip its body

        async def send_hygienic(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, _allow(v) if k.lower() == b"allow" else v)
                           for k, v in message.get("headers", []) if k.lower() not in _OWN]
                message = dict(message, headers=headers + HEADERS)
            elif message["type"] == "http.response.body" and head:
                message = dict(message, body=b"")
            await send(message)

        await self.app(scope, receive, send_hygienic)


def _allow(value: bytes) -> bytes:
    """An Allow header names HEAD wherever it names GET (HEAD is answered for every GET)."""
    methods = [m.strip() for m in value.decode("latin-1").split(",") if m.strip()]
    if "GET" in methods and "HEAD" not in methods:
        methods.append("HEAD")
    return ", ".join(methods).encode("latin-1")


async def _too_long(send: Send) -> None:
    body = msgspec.json.encode({"error": {
        "status": 414, "code": "E601", "type": "BadRequest",
        "message": f"the request path or query is too long (at most {MAX_PATH} and {MAX_QUERY} characters)",
        "hint": ""}})
    await send({"type": "http.response.start", "status": 414, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
