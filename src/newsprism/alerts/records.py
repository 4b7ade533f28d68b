"""The records of alerts: an alert with its evidence, deliveries and their log, rule summaries."""

from __future__ import annotations

from typing import Literal

from newsprism.alerts.rules import Rule
from newsprism.records import Record

AlertKind = Literal["story", "contradiction", "verdict", "quote", "event"]


class Evidence(Record, kw_only=True):
    """Where the alert can be checked: an article and offsets into its clean text."""

    article_id: str
    start: int
    end: int
    text: str  # the words at [start, end) (cut at 300 characters)
    role: str = ""  # what the span is: "match", "quote", "speaker", "event", "value"


class Alert(Record, kw_only=True):
    """One alert: a rule fired once for one story, claim, quote or event.

    This is the JSON Lines line and the webhook body, and what `GET /api/alerts` lists.
    """

    id: str  # stable: a hash of `key` (the receiver's idempotency key)
    key: str  # what makes it unique: rule + kind + story + the claim, quote or event
    rule: str
    kind: AlertKind
    title: str  # one line for people
    story_id: str | None = None
    article_id: str  # the article whose arrival fired it
    fired_at: str  # ISO 8601 UTC
    details: dict[str, str] = {}  # kind-specific: speaker, claim subject, verdicts, CAMEO code...
    evidence: list[Evidence] = []
    read: bool = False


class Delivery(Record, kw_only=True):
    """One alert to one destination (the outbox row)."""

    alert_id: str
    channel: Literal["file", "webhook"]
    target: str  # the file path or the webhook URL
    status: Literal["pending", "done", "failed"]
    attempts: int = 0
    next_at: float = 0.0  # epoch seconds of the next attempt (pending only)
    last_error: str | None = None
    done_at: str | None = None


class Attempt(Record, kw_only=True):
    """One delivery attempt (the delivery log)."""

    alert_id: str
    channel: str
    attempt: int
    at: str
    status: int | None = None  # HTTP status of a webhook answer; None when none came
    error: str | None = None


class RuleSummary(Record, kw_only=True):
    """A stored rule with its counts (the secret is never shown)."""

    rule: Rule
    alerts: int = 0
    unread: int = 0
    pending: int = 0  # deliveries not done yet
    failed: int = 0  # deliveries given up
