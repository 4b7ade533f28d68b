"""`newsprism alerts add|list|remove|test|log|deliver|read`: alert rules, fired alerts, deliveries."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from newsprism.alerts import store as alert_store
from newsprism.alerts.records import Alert
from newsprism.alerts.rules import KINDS, Rule, load_rules, rule_from
from newsprism.cli.app import Context, emit_json, err, fail, main, pass_ctx, plural
from newsprism.errors import NewsprismError, RuleError


@main.group("alerts")
def alerts_group() -> None:
    """Alert rules (new story, contradiction, quoted name, event) and the alerts they fired."""


@contextmanager
def _store(ctx: Context) -> Iterator[Any]:
    try:
        store = ctx.store()
    except NewsprismError as exc:
        raise fail(exc) from exc
    try:
        yield store
    except NewsprismError as exc:
        raise fail(exc) from exc
    finally:
        store.close()


def _many(name: str, help_: str) -> Callable[[Any], Any]:
    return click.option(name, multiple=True, help=help_ + " (repeatable)")


@alerts_group.command("add")
@click.argument("name", required=False)
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False),
              help="Add every [[rule]] of this TOML file (same names are replaced).")
@click.option("--kind", type=click.Choice(KINDS), help="What the rule watches for.")
@click.option("--query", default="", help='Full-text query: words, "phrases", -excluded, OR.')
@_many("--outlet", "story: the article's outlet (name or web host)")
@_many("--person", "story: a person or organisation named; quote: the watched speaker")
@_many("--alias", "quote: another name of the watched speaker")
@_many("--place", "story/event: place name or ISO 3166 alpha-3 code")
@_many("--event-type", "story/event: CAMEO code or root, or PLOVER type")
@_many("--actor", "event: actor code (RUS, NATO) or name")
@click.option("--min-articles", default=1, show_default=True, help="story: articles the story needs.")
@click.option("--min-outlets", default=1, show_default=True, help="story: outlets the story needs.")
@click.option("--no-changes", is_flag=True, help="contradiction: do not fire on changed verdicts.")
@click.option("--named-only", is_flag=True, help="quote: only quotes whose speaker is named where quoted.")
@click.option("--jsonl", default="", help="Deliver to this JSON Lines file.")
@click.option("--webhook", default="", help="Deliver by signed POST to this URL.")
@click.option("--secret-env", default="", help="Environment variable holding the webhook secret.")
@click.option("--allow-private", is_flag=True, help="Let the webhook reach private/loopback addresses.")
@pass_ctx
def add_cmd(ctx: Context, name: str | None, rules_path: str | None, kind: str | None,
            **fields: Any) -> None:
    """Add a rule given by options, or every rule of a TOML file (--rules)."""
    try:
        rules = load_rules(rules_path) if rules_path else [_rule_from_options(name, kind, fields)]
    except NewsprismError as exc:
        raise fail(exc) from exc
    with _store(ctx) as store:
        names = alert_store.save_rules(store, rules)
    click.echo(f"saved {plural(len(names), 'rule')}: {', '.join(names)}")


def _rule_from_options(name: str | None, kind: str | None, f: dict[str, Any]) -> Rule:
    if not name or not kind:
        raise RuleError("give a rule NAME and --kind, or --rules FILE")
    people = list(f["person"])
    secret = os.environ.get(f["secret_env"], "") if f["secret_env"] else ""
    if f["secret_env"] and not secret:
        raise RuleError(f"environment variable {f['secret_env']} is empty or not set")
    data: dict[str, Any] = {
        "name": name, "kind": kind, "query": f["query"], "outlets": list(f["outlet"]),
        "places": list(f["place"]), "event_types": list(f["event_type"]),
        "actors": list(f["actor"]), "aliases": list(f["alias"]),
        "min_articles": f["min_articles"], "min_outlets": f["min_outlets"],
        "changes": not f["no_changes"], "named_only": f["named_only"], "file": f["jsonl"],
        "webhook": f["webhook"],
        "secret": secret, "allow_private": f["allow_private"]}
    if kind == "quote":
        if len(people) != 1:
            raise RuleError("a quote rule watches one --person (other names go in --alias)")
        data["person"] = people[0]
    else:
        data["people"] = people
    return rule_from(data)


@alerts_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per rule.")
@pass_ctx
def list_cmd(ctx: Context, as_json: bool) -> None:
    """Rules with their alert, unread and undelivered counts (secrets hidden)."""
    with _store(ctx) as store:
        summaries = alert_store.rule_summaries(store)
    for s in summaries:
        if as_json:
            emit_json(s)
            continue
        r = s.rule
        click.secho(f"{r.name}  [{r.kind}]  {plural(s.alerts, 'alert')}, {s.unread} unread", bold=True)
        what = r.query or r.person or ", ".join(r.event_types)
        to = ", ".join(x for x in (r.file, r.webhook) if x) or "store only"
        click.echo(f"    {what or '(any)'}  -> {to}  pending {s.pending}, failed {s.failed}")
    if not summaries and not as_json:
        err("no alert rules (add one with `newsprism alerts add`)")


@alerts_group.command("remove")
@click.argument("name")
@pass_ctx
def remove_cmd(ctx: Context, name: str) -> None:
    """Remove a rule (the alerts it fired stay)."""
    with _store(ctx) as store:
        alert_store.remove_rule(store, name)
    click.echo(f"removed {name}")


@alerts_group.command("test")
@click.argument("name", required=False)
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False),
              help="Test the rules of this TOML file instead of stored ones.")
@click.option("--limit", default=50, show_default=True, help="Stop after this many alerts.")
@click.option("--json", "as_json", is_flag=True, help="One JSON alert per line.")
@pass_ctx
def test_cmd(ctx: Context, name: str | None, rules_path: str | None, limit: int, as_json: bool) -> None:
    """Replay a stored rule (or a file's rules) over the stored articles; nothing is recorded."""
    from newsprism.alerts.replay import replay

    with _store(ctx) as store:
        if rules_path:
            rules = [r for r in load_rules(rules_path) if not name or r.name == name]
        elif name:
            rules = [alert_store.get_rule(store, name)]
        else:
            raise fail(RuleError("give a rule NAME or --rules FILE"))
        n = 0
        for alert in replay(store, rules):
            _show(alert, as_json)
            n += 1
            if n >= limit:
                break
    if not as_json:
        err(f"{plural(n, 'alert')} would have fired" + (" (limit reached)" if n >= limit else ""))


def _show(alert: Alert, as_json: bool, extra: str = "") -> None:
    if as_json:
        emit_json(alert)
        return
    mark = "" if alert.read else "* "
    click.secho(f"{mark}{alert.fired_at}  {alert.rule}  [{alert.kind}]  {alert.title}", bold=not alert.read)
    click.echo(f"    story {alert.story_id or '-'}  article {alert.article_id}{extra}")
    for e in alert.evidence[:4]:
        click.echo(f"    {e.role or 'at'} {e.article_id}[{e.start}:{e.end}]  {e.text[:100]!r}")


@alerts_group.command("log")
@click.option("--rule", default=None, help="Only this rule's alerts.")
@click.option("--unread", is_flag=True, help="Only unread alerts.")
@click.option("--limit", default=50, show_default=True)
@click.option("--deliveries", is_flag=True, help="Show every delivery attempt too.")
@click.option("--json", "as_json", is_flag=True, help="One JSON alert per line.")
@pass_ctx
def log_cmd(ctx: Context, rule: str | None, unread: bool, limit: int, deliveries: bool,
            as_json: bool) -> None:
    """Fired alerts, newest first, with their delivery status."""
    with _store(ctx) as store:
        alerts = alert_store.list_alerts(store, rule=rule, unread=unread, limit=limit)
        for alert in alerts:
            sent = alert_store.deliveries(store, alert.id)
            status = "; ".join(f"{d.channel} {d.status} ({d.attempts} tries)"
                               + (f": {d.last_error}" if d.last_error and d.status != "done" else "")
                               for d in sent)
            _show(alert, as_json, f"  {status}" if status else "")
            if deliveries and not as_json:
                for a in alert_store.attempts_of(store, alert.id):
                    click.echo(f"      {a.at} {a.channel} #{a.attempt} {a.status or '-'} {a.error or 'ok'}")
    if not alerts and not as_json:
        err("no alerts")


@alerts_group.command("deliver")
@click.option("--wait", is_flag=True, help="Keep retrying (with backoff) until nothing is pending.")
@pass_ctx
def deliver_cmd(ctx: Context, wait: bool) -> None:
    """Send the deliveries that are due (after a failure or a restart)."""
    from newsprism.alerts.outbox import Outbox

    with _store(ctx) as store:
        outbox = Outbox(store)
        try:
            done = outbox.drain() if wait else outbox.deliver_due()
        finally:
            outbox.close()
        pending = alert_store.deliveries(store, status="pending")
        failed = alert_store.deliveries(store, status="failed")
    click.echo(f"{done} delivered, {len(pending)} pending, {len(failed)} failed")


@alerts_group.command("read")
@click.option("--rule", default=None, help="Only this rule's alerts.")
@pass_ctx
def read_cmd(ctx: Context, rule: str | None) -> None:
    """Mark alerts read (all, or one rule's)."""
    with _store(ctx) as store:
        n = alert_store.mark_read(store, rule=rule)
    click.echo(f"{plural(n, 'alert')} marked read")
