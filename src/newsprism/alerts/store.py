"""Alert rules, alerts and the delivery outbox in the store (tables of `alerts.schema`).

Recording is the outbox pattern: an alert and its pending deliveries are written in one
transaction, so an alert is either recorded with everything it must be sent to, or not at all;
`alerts.key` is unique, so a rule fires once per story, claim, quote or event, whichever process
tries again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec

from newsprism.alerts.records import Alert, Attempt, Delivery, RuleSummary
from newsprism.alerts.rules import Rule, validate
from newsprism.errors import RuleError
from newsprism.store.base import SQLStore, now_iso

_encode = msgspec.json.Encoder().encode


def alert_id(key: str) -> str:
    """The stable id of the alert with this unique key."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


# ---------------------------------------------------------------- rules


def save_rules(store: SQLStore, rules: Iterable[Rule]) -> list[str]:
    """Add rules, replacing stored rules of the same names; returns the names saved."""
    rules = [validate(r) for r in rules]
    with store.transaction() as cur:
        store.execute(cur, "SELECT COALESCE(MAX(changed), 0) FROM alert_rules")
        changed = int(cur.fetchone()[0])
        for rule in rules:
            changed += 1
            store.execute(
                cur,
                "INSERT INTO alert_rules (name, kind, rule, changed, created_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, rule = excluded.rule,"
                " changed = excluded.changed",
                (rule.name, rule.kind, _encode(rule).decode(), changed, now_iso()))
    return [r.name for r in rules]


def remove_rule(store: SQLStore, name: str) -> None:
    """Forget a rule (its alerts stay); RuleError when there is none of that name."""
    with store.transaction() as cur:
        store.execute(cur, "DELETE FROM alert_rules WHERE name = ?", (name,))
        if cur.rowcount == 0:
            raise RuleError(f"no alert rule named {name!r}", hint="list them with `newsprism alerts list`")
        store.execute(cur, "DELETE FROM alert_hits WHERE rule = ?", (name,))


def get_rules(store: SQLStore) -> list[Rule]:
    """Every stored rule, by name."""
    rows = store.query("SELECT rule FROM alert_rules ORDER BY name")
    return [msgspec.json.decode(r[0], type=Rule) for r in rows]


def get_rule(store: SQLStore, name: str) -> Rule:
    rows = store.query("SELECT rule FROM alert_rules WHERE name = ?", (name,))
    if not rows:
        raise RuleError(f"no alert rule named {name!r}", hint="list them with `newsprism alerts list`")
    return msgspec.json.decode(rows[0][0], type=Rule)


def rules_signature(store: SQLStore) -> tuple[int, int, int]:
    """Changes whenever a rule is added, replaced or removed (one small query)."""
    row = store.query("SELECT COUNT(*), COALESCE(MAX(changed), 0), COALESCE(SUM(changed), 0)"
                      " FROM alert_rules")[0]
    return int(row[0]), int(row[1]), int(row[2])


def rule_summaries(store: SQLStore) -> list[RuleSummary]:
    """Every rule with its alert, unread and delivery counts."""
    counts = {str(r[0]): (int(r[1]), int(r[2] or 0)) for r in store.query(
        "SELECT rule, COUNT(*), SUM(CASE WHEN is_read = 0 THEN 1 ELSE 0 END) FROM alerts GROUP BY rule")}
    outbox = {(str(r[0]), str(r[1])): int(r[2]) for r in store.query(
        "SELECT a.rule, d.status, COUNT(*) FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"
        " WHERE d.status <> 'done' GROUP BY a.rule, d.status")}
    out = []
    for rule in get_rules(store):
        total, unread = counts.get(rule.name, (0, 0))
        out.append(RuleSummary(rule=msgspec.structs.replace(rule, secret="***" if rule.secret else ""),
                               alerts=total, unread=unread,
                               pending=outbox.get((rule.name, "pending"), 0),
                               failed=outbox.get((rule.name, "failed"), 0)))
    return out


# ---------------------------------------------------------------- recording


class Pending(msgspec.Struct, kw_only=True):
    """What one article's evaluation wants written, in one transaction."""

    alerts: list[tuple[Alert, Rule]] = []
    hits: list[tuple[str, str]] = []  # (rule, article id)
    verdicts: list[tuple[str, str, str]] = []  # (story id, claim key, verdict)

    def empty(self) -> bool:
        return not (self.alerts or self.hits or self.verdicts)


def record(store: SQLStore, pending: Pending, now: float | None = None) -> list[Alert]:
    """Write alerts (each once), their deliveries, hits and verdicts; returns the new alerts."""
    if pending.empty():
        return []
    new: list[Alert] = []
    at = time.time() if now is None else now
    with store.transaction() as cur:
        for name, article in pending.hits:
            store.execute(cur, "INSERT INTO alert_hits (rule, article_id) VALUES (?, ?)"
                          " ON CONFLICT DO NOTHING", (name, article))
        for story, claim, verdict in pending.verdicts:
            store.execute(cur, "INSERT INTO alert_verdicts (story_id, claim, verdict) VALUES (?, ?, ?)"
                          " ON CONFLICT (story_id, claim) DO UPDATE SET verdict = excluded.verdict",
                          (story, claim, verdict))
        if pending.alerts:
            store.execute(cur, "SELECT COALESCE(MAX(seq), 0) FROM alerts")
            seq = int(cur.fetchone()[0])
        for alert, rule in pending.alerts:
            if _insert_alert(store, cur, alert, seq + 1):
                seq += 1
                _queue(store, cur, alert.id, rule, at)
                new.append(alert)
    return new


def _insert_alert(store: SQLStore, cur: Any, alert: Alert, seq: int) -> bool:
    """Insert the alert unless its key is recorded (also when another writer just did)."""
    store.execute(
        cur,
        "INSERT INTO alerts (id, key, seq, rule, kind, story_id, article_id, title, fired_at, payload)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
        (alert.id, alert.key, seq, alert.rule, alert.kind, alert.story_id, alert.article_id,
         alert.title, alert.fired_at, _encode(alert).decode()))
    return bool(cur.rowcount == 1)


def _queue(store: SQLStore, cur: Any, aid: str, rule: Rule, at: float) -> None:
    for channel, target in (("file", rule.file), ("webhook", rule.webhook)):
        if target:
            store.execute(cur, "INSERT INTO alert_deliveries (alert_id, channel, target, status,"
                          " attempts, next_at) VALUES (?, ?, ?, 'pending', 0, ?)", (aid, channel, target, at))


def fired_keys(store: SQLStore, keys: Sequence[str]) -> set[str]:
    """Which of these alert keys are recorded already."""
    rows = store.query_in("SELECT key FROM alerts WHERE key IN ({in})", list(keys))
    return {str(r[0]) for r in rows}


def story_hits(store: SQLStore, story_id: str, rules: Sequence[str]) -> set[str]:
    """The rules some member of the story met the article conditions of."""
    if not rules:
        return set()
    rows = store.query_in(
        "SELECT DISTINCT h.rule FROM alert_hits h JOIN story_members m ON m.article_id = h.article_id"
        " WHERE m.story_id = ? AND h.rule IN ({in})", list(rules), (story_id,))
    return {str(r[0]) for r in rows}


def story_verdicts(store: SQLStore, story_id: str) -> dict[str, str]:
    rows = store.query("SELECT claim, verdict FROM alert_verdicts WHERE story_id = ?", (story_id,))
    return {str(r[0]): str(r[1]) for r in rows}


# ---------------------------------------------------------------- reading


_ALERT_COLS = "payload, is_read"


def list_alerts(store: SQLStore, *, rule: str | None = None, unread: bool = False,
                limit: int = 50, offset: int = 0, after_seq: int = 0) -> list[Alert]:
    """Alerts, newest first."""
    where: list[str] = ["seq > ?"]
    params: list[Any] = [after_seq]
    if rule:
        where.append("rule = ?")
        params.append(rule)
    if unread:
        where.append("is_read = 0")
    rows = store.query(f"SELECT {_ALERT_COLS} FROM alerts WHERE {' AND '.join(where)}"
                       " ORDER BY seq DESC LIMIT ? OFFSET ?", [*params, limit, offset])
    return [_alert(r) for r in rows]


def _alert(row: tuple[Any, ...]) -> Alert:
    alert = msgspec.json.decode(row[0], type=Alert)
    alert.read = bool(row[1])
    return alert


def get_alert(store: SQLStore, aid: str) -> Alert:
    rows = store.query(f"SELECT {_ALERT_COLS} FROM alerts WHERE id = ?", (aid,))
    if not rows:
        from newsprism.errors import NotFound

        raise NotFound(f"no alert {aid!r}")
    return _alert(rows[0])


def unread_counts(store: SQLStore) -> dict[str, int]:
    rows = store.query("SELECT rule, COUNT(*) FROM alerts WHERE is_read = 0 GROUP BY rule")
    return {str(r[0]): int(r[1]) for r in rows}


def mark_read(store: SQLStore, rule: str | None = None, ids: Sequence[str] = ()) -> int:
    """Mark alerts read: the given ids, else those of `rule`, else all; returns how many changed."""
    with store.transaction() as cur:
        if ids:
            changed = 0
            for aid in ids:
                store.execute(cur, "UPDATE alerts SET is_read = 1 WHERE id = ? AND is_read = 0", (aid,))
                changed += cur.rowcount
            return changed
        if rule:
            store.execute(cur, "UPDATE alerts SET is_read = 1 WHERE rule = ? AND is_read = 0", (rule,))
        else:
            store.execute(cur, "UPDATE alerts SET is_read = 1 WHERE is_read = 0")
        return int(cur.rowcount)


def deliveries(store: SQLStore, aid: str | None = None, status: str | None = None,
               limit: int = 100) -> list[Delivery]:
    where, params = ["1 = 1"], []
    if aid:
        where.append("alert_id = ?")
        params.append(aid)
    if status:
        where.append("status = ?")
        params.append(status)
    rows = store.query(
        "SELECT alert_id, channel, target, status, attempts, next_at, last_error, done_at"
        f" FROM alert_deliveries WHERE {' AND '.join(where)} ORDER BY next_at LIMIT ?", [*params, limit])
    return [Delivery(alert_id=r[0], channel=r[1], target=r[2], status=r[3], attempts=int(r[4]),
                     next_at=float(r[5]), last_error=r[6], done_at=r[7]) for r in rows]


def attempts_of(store: SQLStore, aid: str) -> list[Attempt]:
    rows = store.query("SELECT alert_id, channel, attempt, at, status, error FROM alert_delivery_log"
                       " WHERE alert_id = ? ORDER BY channel, attempt", (aid,))
    return [Attempt(alert_id=r[0], channel=r[1], attempt=int(r[2]), at=r[3],
                    status=None if r[4] is None else int(r[4]), error=r[5]) for r in rows]
