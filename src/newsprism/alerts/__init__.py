"""Alerts: rules checked as each article arrives; alerts recorded once, then delivered.

`alert_hooks(settings)` is the engine's after-save hook; `alerts.store` keeps rules, alerts and
the outbox; `alerts.outbox` delivers to JSON Lines files and signed webhooks; `alerts.replay`
says what a rule would have fired over the stored articles.
"""

from __future__ import annotations

from typing import Any


def alert_hooks(settings: Any) -> list[Any]:
    """The after-save hook that checks alert rules on each new article (after its story)."""
    from newsprism.alerts.live import alert_hooks as hooks

    return hooks(settings)


__all__ = ["alert_hooks"]
