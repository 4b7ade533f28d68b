"""Alerts: each rule kind fires on invented articles ingested one by one, not on near misses;
alerts are recorded once; deliveries are signed, retried, and survive a kill -9."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from newsprism.alerts import store as alert_store
from newsprism.alerts.outbox import Outbox, signature
from newsprism.alerts.rules import Rule, Words, load_rules, parse_query, rule_from
from newsprism.config import Settings
from newsprism.engine import Engine
from newsprism.errors import RuleError
from newsprism.records import Article, article_id
from newsprism.store import open_store

DAY = "2025-05-06"

# Invented reports: a dam failure in an invented valley, told by two invented outlets.
DAM_A = ("The Orlen Valley dam collapsed early on Tuesday after days of heavy rain, sending a wall "
         "of water through the village of Varkos. Twelve people died, the regional fire "
         "service said. \"We heard a sound like thunder and then the water came,\" said Ilse "
         "Drummond, who lives below the dam. Engineer Paulo Serrat said the spillway had been "
         "blocked for weeks.")
DAM_B = ("Rescue teams searched the village of Varkos on Tuesday after the Orlen Valley dam "
         "collapsed following days of heavy rain. The regional fire service said 19 people died. "
         "Engineer Paulo Serrat said the spillway had been blocked for weeks and warned that a "
         "second dam upstream was at risk. \"Nobody listened to our warnings,\" Serrat said.")
DAM_C = ("Villagers in Varkos began clearing mud on Tuesday after the Orlen Valley dam collapsed "
         "in heavy rain. \"Nobody listened to our warnings,\" Engineer Paulo Serrat said again on "
         "Tuesday, the regional fire service said.")
FAIR = ("The Brenna county fair opened on Saturday with a record number of cattle on show. "
        "Organiser Tomas Serrat said 40 farms had entered animals this year. \"The dam-building "
        "contest for children was the highlight,\" Tomas Serrat said.")
SHELLING = "Russian forces shelled the Ukrainian town of Kupiansk overnight, the regional governor said."
SANCTIONS = "Germany imposed new sanctions on Iran on Monday, the foreign ministry said."
ARRESTS = ("Police in Lyon arrested dozens of protesters on Tuesday after a march against a new "
           "fuel tax turned violent, officials in France said.")


def _article(text: str, outlet: str, title: str) -> Article:
    return Article(id=article_id(text), source="test", text=text, outlet=outlet, title=title,
                   published=DAY)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    store = open_store(str(tmp_path / "alerts.db"))
    yield Engine.build(Settings(db=str(tmp_path / "alerts.db")), store, strict=True)
    store.close()


def _ingest(engine: Engine, text: str, outlet: str = "Northvale Herald", title: str = "") -> set[str]:
    """Ingest one article; returns the names of the rules that fired on it."""
    before = {a.id for a in alert_store.list_alerts(engine.store, limit=1000)}
    report = engine.ingest([_article(text, outlet, title or text[:40])])
    assert report.new == 1 and report.hook_failures == 0
    return {a.rule for a in alert_store.list_alerts(engine.store, limit=1000) if a.id not in before}


# ---------------------------------------------------------------- rules and queries


def test_query_words_phrases_exclusions_and_or() -> None:
    words = Words("The dam collapsed; the Dam-building contest was cancelled. Café opened.")
    assert words.matches(parse_query("dam collapsed"))
    assert words.matches(parse_query('"dam building"'))
    assert not words.matches(parse_query('"dam collapsed building"'))
    assert not words.matches(parse_query("dam -contest"))
    assert words.matches(parse_query("flood OR cafe"))
    assert not Words("damage to the bridge").matches(parse_query("dam"))  # words, not substrings
    with pytest.raises(RuleError):
        parse_query("-only -exclusions")


def test_rules_file_is_validated(tmp_path: Path) -> None:
    good = tmp_path / "rules.toml"
    good.write_text('[[rule]]\nname = "dams"\nkind = "story"\nquery = "dam"\nmin_outlets = 2\n'
                    '[[rule]]\nname = "serrat"\nkind = "quote"\nperson = "Paulo Serrat"\n'
                    'aliases = ["P. Serrat"]\nfile = "out.jsonl"\n', encoding="utf-8")
    rules = load_rules(good)
    assert [r.name for r in rules] == ["dams", "serrat"] and rules[0].min_outlets == 2
    env = tmp_path / "env.toml"
    env.write_text('[[rule]]\nname = "w"\nkind = "quote"\nperson = "X Y"\n'
                   'webhook = "https://example.org/h"\nsecret_env = "NP_TEST_ALERT_SECRET"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="NP_TEST_ALERT_SECRET"):
        load_rules(env)
    os.environ["NP_TEST_ALERT_SECRET"] = "from-env"
    try:
        assert load_rules(env)[0].secret == "from-env"
    finally:
        del os.environ["NP_TEST_ALERT_SECRET"]
    bad = {"name": "w", "kind": "quote", "person": "X Y", "webhook": "http://example.org/hook"}
    with pytest.raises(RuleError, match="secret"):
        rule_from(bad)
    for broken in ({"name": "e", "kind": "event", "event_types": ["19"]},  # no actor or place
                   {"name": "q", "kind": "quote"},  # no person
                   {"name": "s", "kind": "story"},  # would fire on every story
                   {"name": "bad name!", "kind": "story", "query": "x"},
                   {"name": "u", "kind": "story", "query": "x", "colour": "red"}):
        with pytest.raises(RuleError):
            rule_from(broken)


# ---------------------------------------------------------------- each kind, one article at a time


def test_story_rule_waits_for_its_outlets_and_fires_once(engine: Engine) -> None:
    alert_store.save_rules(engine.store, [
        Rule(name="dams", kind="story", query='"dam collapsed"', min_outlets=2),
        Rule(name="dams-one-outlet", kind="story", query="dam collapsed", outlets=["Coast Daily"]),
        Rule(name="fairs", kind="story", query="fair cattle -dam"),
    ])
    assert _ingest(engine, DAM_A, "Northvale Herald") == set()  # one outlet so far; wrong outlet
    assert _ingest(engine, DAM_B, "Coast Daily") == {"dams", "dams-one-outlet"}
    assert _ingest(engine, DAM_C, "Hill Courier") == set()  # the story fired already
    assert _ingest(engine, FAIR, "Brenna Post") == set()  # "dam-building" is excluded by -dam
    alerts = alert_store.list_alerts(engine.store, rule="dams")
    assert len(alerts) == 1 and alerts[0].kind == "story"
    ev = alerts[0].evidence[0]
    text = engine.store.get_article(ev.article_id).text
    assert text[ev.start:ev.end].lower() == "dam collapsed"


def test_quote_rule_matches_the_speaker_and_aliases_not_a_namesake(engine: Engine) -> None:
    alert_store.save_rules(engine.store, [
        Rule(name="serrat", kind="quote", person="Paulo Serrat", aliases=["Pavlo Serrat"]),
        Rule(name="serrat-warnings", kind="quote", person="Paulo Serrat", query="warnings"),
    ])
    assert _ingest(engine, DAM_A) == {"serrat"}  # indirect speech about the spillway
    assert _ingest(engine, DAM_B, "Coast Daily") == {"serrat", "serrat-warnings"}
    assert _ingest(engine, FAIR, "Brenna Post") == set()  # Tomas Serrat is someone else
    quotes = alert_store.list_alerts(engine.store, rule="serrat")
    assert all(a.details["speaker"].endswith("Paulo Serrat") for a in quotes)
    for a in quotes:
        q = a.evidence[0]
        assert engine.store.get_article(q.article_id).text[q.start:q.end] == q.text


def test_named_only_skips_a_quote_whose_speaker_is_a_pronoun() -> None:
    from newsprism.alerts.match import Compiled
    from newsprism.records import Quote

    rule = Compiled(Rule(name="r", kind="quote", person="Ana Ruiz", named_only=True))
    loose = Compiled(Rule(name="l", kind="quote", person="Ana Ruiz"))
    by_name = Quote(text="We will reopen the port", kind="direct", speaker="Ana Ruiz",
                    speaker_text="Ruiz", start=0, end=5)
    by_pronoun = Quote(text="We will reopen the port", kind="direct", speaker="Ana Ruiz",
                       speaker_text="she", start=0, end=5)
    other = Quote(text="We will reopen the port", kind="direct", speaker="Luis Ruiz",
                  speaker_text="Ruiz", start=0, end=5)
    assert rule.speaker_matches(by_name) and not rule.speaker_matches(by_pronoun)
    assert loose.speaker_matches(by_pronoun)
    assert not rule.speaker_matches(other) and not loose.speaker_matches(other)


def test_the_same_quote_in_a_later_article_of_the_story_does_not_fire_again(engine: Engine) -> None:
    alert_store.save_rules(engine.store, [
        Rule(name="warnings", kind="quote", person="Paulo Serrat", query="nobody listened")])
    _ingest(engine, DAM_A)
    assert _ingest(engine, DAM_B, "Coast Daily") == {"warnings"}
    assert _ingest(engine, DAM_C, "Hill Courier") == set()  # same words, same story
    assert len(alert_store.list_alerts(engine.store, rule="warnings")) == 1


def test_contradiction_rule_fires_on_disagreeing_tolls_not_on_agreement(engine: Engine) -> None:
    alert_store.save_rules(engine.store, [
        Rule(name="any", kind="contradiction"),
        Rule(name="dams", kind="contradiction", query="dam"),
        Rule(name="elections", kind="contradiction", query="election"),
    ])
    assert _ingest(engine, DAM_A) == set()
    assert _ingest(engine, DAM_B, "Coast Daily") == {"any", "dams"}
    alert = alert_store.list_alerts(engine.store, rule="any")[0]
    assert alert.kind == "contradiction" and alert.details["verdict"] == "contradict"
    assert {e.text for e in alert.evidence} >= {"Twelve", "19"}
    assert _ingest(engine, DAM_C, "Hill Courier") == set()  # nothing new disagrees, no verdict changed
    from newsprism.alerts.live import LiveState, watcher_for
    from newsprism.records import to_builtins

    assert alert.story_id is not None
    cached = watcher_for(engine.store).state.claims(alert.story_id)  # facts from memory
    fresh = LiveState(engine.store).claims(alert.story_id)  # everything read again
    assert cached and to_builtins(cached) == to_builtins(fresh)


def test_agreeing_sources_raise_no_contradiction(engine: Engine) -> None:
    alert_store.save_rules(engine.store, [Rule(name="any", kind="contradiction")])
    _ingest(engine, DAM_A)
    same = DAM_B.replace("19 people died", "12 people died")
    assert same != DAM_B
    assert _ingest(engine, same, "Coast Daily") == set()


def test_event_rule_needs_the_type_and_a_watched_actor(engine: Engine) -> None:
    alert_store.save_rules(engine.store, [
        Rule(name="ru-fights", kind="event", event_types=["19"], actors=["RUS"]),
        Rule(name="de-fights", kind="event", event_types=["19"], actors=["DEU"]),
        Rule(name="fr-sanctions", kind="event", event_types=["SANCTION"], actors=["France"]),
        Rule(name="sanctions-de", kind="event", event_types=["SANCTION"], actors=["Germany"]),
    ])
    assert _ingest(engine, SHELLING) == {"ru-fights"}
    assert _ingest(engine, SANCTIONS, "Coast Daily") == {"sanctions-de"}
    alert = alert_store.list_alerts(engine.store, rule="ru-fights")[0]
    alert_store.save_rules(engine.store, [
        Rule(name="in-france", kind="event", event_types=["17", "COERCE"], places=["FRA"]),
        Rule(name="in-spain", kind="event", event_types=["17", "COERCE"], places=["Spain", "ESP"])])
    assert _ingest(engine, ARRESTS, "Hill Courier") == {"in-france"}
    assert alert.details["cameo"].startswith("19") and alert.details["source"] == "RUS"


def test_a_recorded_alert_is_never_recorded_twice(engine: Engine) -> None:
    alert_store.save_rules(engine.store, [Rule(name="serrat", kind="quote", person="Paulo Serrat")])
    _ingest(engine, DAM_A)
    first = alert_store.list_alerts(engine.store)
    pending = alert_store.Pending(alerts=[(first[0], Rule(name="serrat", kind="quote", person="P S"))])
    assert alert_store.record(engine.store, pending) == []
    assert len(alert_store.list_alerts(engine.store)) == len(first)


# ---------------------------------------------------------------- delivery


class Receiver:
    """A webhook receiver on 127.0.0.1: answers from a script, drops repeated idempotency keys."""

    def __init__(self, statuses: list[int], hold: bool = False) -> None:
        self.statuses, self.requests = list(statuses), []  # type: ignore[var-annotated]
        self.seen: set[str] = set()
        self.arrived, self.release = threading.Event(), threading.Event()
        self.hold = hold
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                receiver.arrived.set()
                if receiver.hold:
                    receiver.release.wait(60)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                if 200 <= status < 300:
                    receiver.seen.add(self.headers["Idempotency-Key"])
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


class Clock:
    """Epoch seconds that move only when the test moves them (starting just after now)."""

    def __init__(self) -> None:
        self.now = time.time() + 1

    def __call__(self) -> float:
        return self.now


def test_webhook_is_signed_and_retried_after_500(tmp_path: Path) -> None:
    receiver = Receiver([500, 500, 200])
    store = open_store(str(tmp_path / "w.db"))
    try:
        rule = Rule(name="hook", kind="quote", person="Paulo Serrat", webhook=receiver.url,
                    secret="s3cret", allow_private=True, file=str(tmp_path / "alerts.jsonl"))
        alert_store.save_rules(store, [rule])
        engine = Engine.build(Settings(db=str(tmp_path / "w.db")), store, strict=True)
        clock = Clock()
        outbox = Outbox(store, clock=clock, backoff=10.0)
        from newsprism.alerts.live import watcher_for

        watcher_for(store).outbox = outbox  # the hook delivers through our clock
        engine.ingest([_article(DAM_A, "Northvale Herald", "Dam")])
        assert len(receiver.requests) == 1  # first attempt, right after recording: 500
        assert outbox.deliver_due() == 0  # not due yet: backing off
        for _ in range(2):
            clock.now += 10_000
            outbox.deliver_due()
        assert len(receiver.requests) == 3 and receiver.seen == {receiver.requests[0][0]["Idempotency-Key"]}
        for headers, body in receiver.requests:
            expected = signature("s3cret", headers["X-Newsprism-Timestamp"], body)
            assert hmac.compare_digest(headers["X-Newsprism-Signature"], expected)
            assert json.loads(body)["rule"] == "hook"
        assert [h["X-Newsprism-Attempt"] for h, _ in receiver.requests] == ["1", "2", "3"]
        hook = [d for d in alert_store.deliveries(store) if d.channel == "webhook"]
        assert [d.status for d in hook] == ["done"] and hook[0].attempts == 3
        log = alert_store.attempts_of(store, hook[0].alert_id)
        assert [a.status for a in log if a.channel == "webhook"] == [500, 500, 200]
        lines = (tmp_path / "alerts.jsonl").read_text().splitlines()
        assert len(lines) == 1 and json.loads(lines[0])["id"] == hook[0].alert_id
    finally:
        receiver.close()
        store.close()


def test_a_wrong_signature_would_not_verify() -> None:
    body = b'{"id":"x"}'
    assert signature("a", "1", body) != signature("b", "1", body)
    assert signature("a", "1", body) != signature("a", "2", body)
    mac = hmac.new(b"a", b"1." + body, hashlib.sha256).hexdigest()
    assert signature("a", "1", body) == "sha256=" + mac


def test_webhook_to_loopback_is_refused_unless_allowed(tmp_path: Path) -> None:
    receiver = Receiver([200])
    store = open_store(str(tmp_path / "b.db"))
    try:
        alert_store.save_rules(store, [Rule(name="hook", kind="quote", person="Paulo Serrat",
                                            webhook=receiver.url, secret="k")])
        engine = Engine.build(Settings(db=str(tmp_path / "b.db")), store, strict=True)
        engine.ingest([_article(DAM_A, "Northvale Herald", "Dam")])
        sent = alert_store.deliveries(store)
        assert receiver.requests == [] and sent and all(d.status != "done" for d in sent)
        assert "non-public" in (sent[0].last_error or "")
    finally:
        receiver.close()
        store.close()


CHILD = """
import sys
from newsprism.config import Settings
from newsprism.engine import Engine
from newsprism.records import ArticleResult, from_json
from newsprism.store import open_store
db, result = sys.argv[1], sys.argv[2]
store = open_store(db)
engine = Engine.build(Settings(db=db), store, steps=["sentences"], strict=True)
report = engine.report()
engine.save_batch([from_json(open(result, "rb").read(), ArticleResult)], report)
print("finished", report.new, flush=True)
"""


def test_kill_9_between_fire_and_delivery_loses_nothing_and_records_once(tmp_path: Path) -> None:
    receiver = Receiver([200, 200], hold=True)
    db = str(tmp_path / "k.db")
    store = open_store(db)
    try:
        alert_store.save_rules(store, [Rule(name="hook", kind="quote", person="Paulo Serrat",
                                            webhook=receiver.url, secret="k", allow_private=True)])
        engine = Engine.build(Settings(db=db), store, strict=True)
        result = engine.analyze(_article(DAM_A, "Northvale Herald", "Dam"))
        from newsprism.records import to_json

        (tmp_path / "result.json").write_bytes(to_json(result))
        child = subprocess.Popen([sys.executable, "-c", CHILD, db, str(tmp_path / "result.json")],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env={**os.environ, "NEWSPRISM_CONFIG": ""})
        assert receiver.arrived.wait(120), child.stderr.read().decode() if child.poll() is not None else ""
        os.kill(child.pid, signal.SIGKILL)  # the alert is recorded; its delivery is in flight
        child.wait()
        receiver.hold = False
        receiver.release.set()
        alerts = alert_store.list_alerts(store)
        assert len(alerts) == 1
        [pending] = alert_store.deliveries(store)
        assert pending.status == "pending" and pending.attempts == 1
        clock = Clock()
        clock.now = pending.next_at + 1  # after the dead process's lease
        assert Outbox(store, clock=clock).deliver_due() == 1  # "after a restart"
        [done] = alert_store.deliveries(store)
        assert done.status == "done"
        keys = [h["Idempotency-Key"] for h, _ in receiver.requests]
        assert keys == [alerts[0].id, alerts[0].id] and receiver.seen == {alerts[0].id}
        assert engine.ingest([result.article]).unchanged == 1  # arriving again changes nothing
        assert len(alert_store.list_alerts(store)) == 1
    finally:
        receiver.close()
        store.close()


def test_file_retry_after_a_crash_does_not_append_twice(tmp_path: Path) -> None:
    from newsprism.alerts.outbox import _append_once

    path = tmp_path / "a.jsonl"
    _append_once(path, "abc", b'{"id":"abc"}', retry=False)
    _append_once(path, "abc", b'{"id":"abc"}', retry=True)  # the crash came after the write
    _append_once(path, "def", b'{"id":"def"}', retry=True)
    assert path.read_text().splitlines() == ['{"id":"abc"}', '{"id":"def"}']


# ---------------------------------------------------------------- CLI, API, page and feed


def test_cli_add_test_list_log_remove(engine: Engine, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsprism.cli import main

    _ingest(engine, DAM_A)
    _ingest(engine, DAM_B, "Coast Daily")  # stored before any rule: nothing fired live
    db = str(tmp_path / "alerts.db")
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "serrat"\nkind = "quote"\nperson = "Paulo Serrat"\n'
                     '[[rule]]\nname = "tolls"\nkind = "contradiction"\n', encoding="utf-8")
    run = CliRunner().invoke
    assert run(main, ["--db", db, "alerts", "add", "--rules", str(rules)]).exit_code == 0
    out = run(main, ["--db", db, "alerts", "add", "fair", "--kind", "story", "--query", "cattle fair"])
    assert out.exit_code == 0, out.output
    bad = run(main, ["--db", db, "alerts", "add", "x", "--kind", "quote"])
    assert bad.exit_code != 0 and "E801" in bad.output
    replay = run(main, ["--db", db, "alerts", "test", "serrat", "--json"])
    fired = [json.loads(line) for line in replay.stdout.splitlines()]
    assert fired and {a["rule"] for a in fired} == {"serrat"} and len({a["key"] for a in fired}) == len(fired)
    tolls = run(main, ["--db", db, "alerts", "test", "tolls", "--json"]).stdout.splitlines()
    assert [json.loads(line)["kind"] for line in tolls] == ["contradiction"]
    assert alert_store.list_alerts(engine.store) == []  # a replay records nothing
    listed = [json.loads(line) for line in run(main, ["--db", db, "alerts", "list", "--json"]).stdout.splitlines()]
    assert [s["rule"]["name"] for s in listed] == ["fair", "serrat", "tolls"]
    _ingest(engine, DAM_C, "Hill Courier")
    log = run(main, ["--db", db, "alerts", "log", "--json"]).stdout.splitlines()
    # live now: Serrat is quoted again, and the story's tolls (12 vs 19) disagree
    assert sorted(json.loads(line)["rule"] for line in log) == ["serrat", "tolls"]
    assert run(main, ["--db", db, "alerts", "remove", "serrat"]).exit_code == 0
    assert run(main, ["--db", db, "alerts", "remove", "serrat"]).exit_code != 0


def _hostile_alert(store: Any) -> str:
    from newsprism.alerts.records import Alert, Evidence

    nasty = '<script>alert("x")</script> & \x01 "quoted"'
    alert = Alert(id="a1", key="k|quote|1", rule="watch", kind="quote", title=nasty, story_id="s1",
                  article_id="art1", fired_at="2026-01-02T03:04:05Z", details={"speaker": nasty},
                  evidence=[Evidence(article_id="art1", start=0, end=5, text=nasty, role="quote")])
    rule = Rule(name="watch", kind="quote", person="X Y")
    alert_store.save_rules(store, [rule])
    assert alert_store.record(store, alert_store.Pending(alerts=[(alert, rule)])) == [alert]
    return nasty


def test_page_feed_and_api_escape_alert_text(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    import httpx

    from test_api_support import running_server

    db = str(tmp_path / "web.db")
    store = open_store(db)
    nasty = _hostile_alert(store)
    store.close()
    auth = {"Authorization": "Bearer tok"}
    with running_server(db, token="tok") as base, httpx.Client(base_url=base, timeout=30) as client:
        page = client.get("/alerts")
        assert page.status_code == 200 and "<script>alert" not in page.text
        assert "&lt;script&gt;" in page.text and "1 unread" in page.text
        feed = client.get("/alerts.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(feed.content)  # well-formed despite the control character
        titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
        assert "[watch] " + nasty.replace("\x01", "") in titles
        body = client.get("/api/alerts").json()
        assert body["items"][0]["title"] == nasty and body["items"][0]["read"] is False
        assert client.post("/api/alerts/read", json={}).status_code == 401
        assert client.post("/api/alerts/read", json={}, headers=auth).json() == {"marked": 1}
        assert client.post("/alerts/read", data={"rule": ""}).status_code == 403  # not same-origin
        added = client.post("/api/alerts/rules", headers=auth, json={
            "name": "w2", "kind": "quote", "person": "A B", "webhook": "https://example.org/h",
            "secret": "hidden"})
        assert added.status_code == 201
        listed = client.get("/api/alerts/rules").json()["items"]
        assert {r["rule"]["name"] for r in listed} == {"watch", "w2"}
        assert "hidden" not in json.dumps(listed)
        bad = client.post("/api/alerts/rules", headers=auth, json={"name": "w3", "kind": "event"})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "E801"


# ---------------------------------------------------------------- both stores

from pg import BACKENDS, open_backend, pg_server, pg_url  # noqa: E402, F401  (fixtures)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    with open_backend(request, tmp_path) as s:
        yield s


def test_alerts_on_both_stores(backend: Any, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    alert_store.save_rules(backend, [
        Rule(name="tolls", kind="contradiction", query="dam"),
        Rule(name="serrat", kind="quote", person="Paulo Serrat", file=str(out)),
        Rule(name="dams", kind="story", query="dam", min_outlets=2)])
    engine = Engine.build(Settings(db="unused"), backend, strict=True)
    assert _ingest(engine, DAM_A) == {"serrat"}
    assert _ingest(engine, DAM_B, "Coast Daily") == {"tolls", "serrat", "dams"}
    assert _ingest(engine, DAM_C, "Hill Courier") == set()
    alerts = alert_store.list_alerts(backend, limit=100)
    assert len({a.key for a in alerts}) == len(alerts)
    assert alert_store.unread_counts(backend)["serrat"] == len(alert_store.list_alerts(backend, rule="serrat"))
    lines = out.read_text().splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(
        a.id for a in alerts if a.rule == "serrat")
    assert alert_store.mark_read(backend, rule="serrat") == len(lines)
    assert alert_store.unread_counts(backend).get("serrat") is None
    summaries = {s.rule.name: s for s in alert_store.rule_summaries(backend)}
    assert summaries["serrat"].pending == 0 and summaries["tolls"].alerts >= 1
    alert_store.remove_rule(backend, "dams")
    with pytest.raises(RuleError):
        alert_store.remove_rule(backend, "dams")


def test_a_changed_verdict_fires_once_and_an_unchanged_one_never() -> None:
    from newsprism.alerts.evaluate import Evaluator
    from newsprism.alerts.match import Arrival, RuleSet
    from newsprism.records import Analysis, Figure
    from newsprism.stories.view_records import Claim, ClaimValue

    def claim(verdict: str, *values: str) -> Claim:
        return Claim(id="c1", kind="figure", subject="deaths", verdict=verdict,  # type: ignore[arg-type]
                     explanation="", values=[ClaimValue(value=v, text=v) for v in values])

    class Stub:
        def __init__(self) -> None:
            self.now: list[Claim] = []
            self.stored: dict[str, str] = {}

        def claims(self, story_id: str) -> list[Claim]:
            return self.now

        def verdicts(self, story_id: str) -> dict[str, str]:
            return dict(self.stored)

    state = Stub()
    evaluator = Evaluator(RuleSet([Rule(name="any", kind="contradiction"),
                                   Rule(name="quiet", kind="contradiction", changes=False)]))
    article = _article("A report with one figure: 12.", "Northvale Herald", "t")
    analysis = Analysis(article_id=article.id, figures=[Figure(value=12, text="12", start=27, end=29)])

    def arrive(*claims: Claim) -> list[tuple[str, str]]:
        state.now = list(claims)
        pending = evaluator.evaluate(Arrival(article, analysis, "s1"), state)  # type: ignore[arg-type]
        state.stored.update({k: v for _, k, v in pending.verdicts})
        return sorted((a.rule, a.kind) for a, _ in pending.alerts)

    assert arrive(claim("agree", "12", "12")) == []
    assert arrive(claim("agree", "12", "12")) == []  # unchanged: nothing
    assert arrive(claim("contradict", "12", "19")) == [("any", "contradiction"), ("quiet", "contradiction")]
    assert arrive(claim("update", "12", "19")) == [("any", "verdict")]  # quiet: changes = false
    assert arrive(claim("complementary", "12", "19")) == [("any", "verdict")]
