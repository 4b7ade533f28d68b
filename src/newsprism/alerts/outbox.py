"""Delivering recorded alerts: a JSON Lines file or a signed webhook, from the outbox table.

An attempt first claims its delivery row (attempts + 1 and a lease on `next_at`, committed), then
sends, then marks it done (only after the file is synced or the webhook answered 2xx) or schedules
a retry with exponential backoff. A process killed anywhere leaves the row pending: the next
process sends it again, with the same `Idempotency-Key` (the alert id) so a receiver can drop the
repeat, and a file is searched for the alert id before a retry appends it again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from newsprism.alerts import store as alert_store
from newsprism.alerts.rules import Rule
from newsprism.errors import DeliveryError, NewsprismError
from newsprism.ingest.checks import url_host
from newsprism.ingest.fetch import (
    AddressPolicy,
    GuardedTransport,
    Resolver,
    check_host,
    system_resolver,
    user_agent,
)
from newsprism.store.base import SQLStore, now_iso

log = logging.getLogger(__name__)

LEASE_SECONDS = 120.0  # a claimed delivery is not tried by another process for this long
TAIL_BYTES = 1 << 20  # how much of a file's end a retry searches for the alert id
SIGNATURE_HEADER = "X-Newsprism-Signature"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=` + hex HMAC-SHA256 of `timestamp.body` under the rule's secret."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class Outbox:
    """Sends due deliveries of one store; transport and resolver are swappable for tests."""

    def __init__(self, store: SQLStore, *, transport: httpx.BaseTransport | None = None,
                 resolver: Resolver = system_resolver, clock: Callable[[], float] = time.time,
                 timeout: float = 10.0, backoff: float = 2.0, backoff_max: float = 3600.0,
                 max_attempts: int = 8) -> None:
        self.store = store
        self.transport, self.resolver, self.clock = transport, resolver, clock
        self.timeout, self.backoff, self.backoff_max = timeout, backoff, backoff_max
        self.max_attempts = max_attempts
        self._clients: dict[bool, httpx.Client] = {}

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def due(self, limit: int = 50) -> list[tuple[str, str, str, int]]:
        rows = self.store.query(
            "SELECT alert_id, channel, target, attempts FROM alert_deliveries"
            " WHERE status = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?", (self.clock(), limit))
        return [(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]

    def deliver_due(self, limit: int = 50) -> int:
        """Try every delivery that is due once; returns how many were delivered."""
        done = 0
        for aid, channel, target, attempts in self.due(limit):
            if self._claim(aid, channel):
                done += self._attempt(aid, channel, target, attempts + 1)
        return done

    def next_due(self) -> float | None:
        """When the earliest pending delivery is due (epoch seconds), None when none is pending."""
        rows = self.store.query("SELECT MIN(next_at) FROM alert_deliveries WHERE status = 'pending'")
        return float(rows[0][0]) if rows and rows[0][0] is not None else None

    def drain(self, sleep: Callable[[float], None] = time.sleep, max_wait: float = 600.0) -> int:
        """Deliver until nothing is pending (retries wait their backoff), or `max_wait` passed."""
        done, start = 0, self.clock()
        while True:
            done += self.deliver_due()
            nxt = self.next_due()
            if nxt is None or nxt - start > max_wait:
                return done
            sleep(max(0.0, nxt - self.clock()))

    # ------------------------------------------------------------ one attempt

    def _claim(self, aid: str, channel: str) -> bool:
        now = self.clock()
        with self.store.transaction() as cur:
            self.store.execute(
                cur, "UPDATE alert_deliveries SET attempts = attempts + 1, next_at = ? WHERE alert_id = ?"
                " AND channel = ? AND status = 'pending' AND next_at <= ?", (now + LEASE_SECONDS, aid, channel, now))
            return bool(cur.rowcount == 1)

    def _attempt(self, aid: str, channel: str, target: str, attempt: int) -> int:
        status: int | None = None
        try:
            body = self._body(aid)
            if channel == "file":
                _append_once(Path(target), aid, body, retry=attempt > 1)
            else:
                rule = alert_store.get_rule(self.store, alert_store.get_alert(self.store, aid).rule)
                status = self._post(rule, target, aid, body, attempt)
                if not 200 <= status < 300:
                    raise DeliveryError(f"webhook {target} answered HTTP {status}")
        except NewsprismError as exc:
            self._failed(aid, channel, attempt, status, exc)
            return 0
        self._finish(aid, channel, attempt, status, None, "done")
        return 1

    def _body(self, aid: str) -> bytes:
        rows = self.store.query("SELECT payload FROM alerts WHERE id = ?", (aid,))
        return str(rows[0][0]).encode("utf-8")

    def _post(self, rule: Rule, url: str, aid: str, body: bytes, attempt: int) -> int:
        host = url_host(url)  # None when malformed (a rule stored before rules were checked)
        if host is None:
            raise DeliveryError(f"webhook {url[:200]!r} is not a well-formed URL")
        parts = urlsplit(url.strip())
        policy = AddressPolicy(rule.allow_private)
        if not rule.allow_private:
            check_host(url, host, parts.port or (443 if parts.scheme == "https" else 80), self.resolver, policy)
        stamp = str(int(self.clock()))
        headers = {"Content-Type": "application/json", "Idempotency-Key": aid, "X-Newsprism-Alert": aid,
                   "X-Newsprism-Attempt": str(attempt), "X-Newsprism-Timestamp": stamp,
                   SIGNATURE_HEADER: signature(rule.secret, stamp, body)}
        try:
            with self._client(rule.allow_private).stream("POST", url, content=body, headers=headers) as resp:
                status = resp.status_code
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook {url}: {type(exc).__name__}: {exc}") from exc
        return status

    def _client(self, allow_private: bool) -> httpx.Client:
        client = self._clients.get(allow_private)
        if client is None:
            transport = self.transport or GuardedTransport(AddressPolicy(allow_private), self.resolver)
            client = self._clients[allow_private] = httpx.Client(
                transport=transport, timeout=httpx.Timeout(self.timeout), follow_redirects=False,
                headers={"User-Agent": user_agent()})
        return client

    def _failed(self, aid: str, channel: str, attempt: int, status: int | None, exc: Exception) -> None:
        final = attempt >= self.max_attempts
        log.warning("alert %s to %s: attempt %d failed: %s", aid, channel, attempt, exc)
        self._finish(aid, channel, attempt, status, str(exc), "failed" if final else "pending")

    def _finish(self, aid: str, channel: str, attempt: int, status: int | None, error: str | None,
                outcome: str) -> None:
        delay = min(self.backoff_max, self.backoff * 2 ** (attempt - 1)) * random.uniform(0.8, 1.2)
        with self.store.transaction() as cur:
            self.store.execute(
                cur, "UPDATE alert_deliveries SET status = ?, next_at = ?, last_error = ?, done_at = ?"
                " WHERE alert_id = ? AND channel = ?",
                (outcome, self.clock() + delay, error, now_iso() if outcome == "done" else None, aid, channel))
            self.store.execute(
                cur, "INSERT INTO alert_delivery_log (alert_id, channel, attempt, at, status, error)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", (aid, channel, attempt, now_iso(), status, error))


def _append_once(path: Path, aid: str, body: bytes, retry: bool) -> None:
    """Append one JSON line, synced; a retry first looks for the alert id near the file's end."""
    try:
        if retry and path.exists() and _tail_has(path, aid):
            return
        with path.open("ab") as fh:
            fh.write(body + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise DeliveryError(f"cannot append to {path}: {exc}") from exc


def _tail_has(path: Path, aid: str) -> bool:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - TAIL_BYTES))
        return f'"id":"{aid}"'.encode() in fh.read()
