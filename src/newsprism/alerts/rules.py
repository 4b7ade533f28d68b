"""Alert rules: what a user watches for, read from TOML, the CLI or the API, checked once.

A rule is one of four kinds:
- `story`: a story with an article matching `query` and the filters (`outlets`, `people`,
  `places`, `event_types`, all in that one article), once the story has `min_articles` articles
  from `min_outlets` outlets;
- `contradiction`: a claim of a story whose verdict is "contradict" (or, with `changes`, whose
  verdict changed), in a story with an article matching `query` (any story when it is empty);
- `quote`: a quote whose speaker is `person` or one of its `aliases`, optionally only when the
  quoted words match `query`;
- `event`: a coded event of one of `event_types` (CAMEO root such as "14", or PLOVER type such as
  "PROTEST") whose source or target is one of `actors`, or which happened in one of `places`.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import msgspec

from newsprism.errors import RuleError
from newsprism.ingest.checks import url_host

Kind = Literal["story", "contradiction", "quote", "event"]
KINDS: tuple[str, ...] = ("story", "contradiction", "quote", "event")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_CAMEO = re.compile(r"^\d{2,4}$")
MAX_QUERY = 500
MAX_LIST = 200


class Rule(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """One alert rule (the fields of a `[[rule]]` table of the rules file)."""

    name: str  # unique; letters, digits, '_', '.', '-'
    kind: Kind
    query: str = ""  # full-text query (words, "phrases", -excluded, OR)
    outlets: list[str] = []  # story: the article's outlet (name or web host)
    people: list[str] = []  # story: a person or organisation named in the article
    places: list[str] = []  # story/event: a place (name or ISO 3166 alpha-3 country code)
    event_types: list[str] = []  # story/event: CAMEO code/root ("14") or PLOVER type ("PROTEST")
    min_articles: int = 1  # story: articles the story needs
    min_outlets: int = 1  # story: distinct known outlets the story needs
    person: str = ""  # quote: the watched person or organisation
    aliases: list[str] = []  # quote: other names of `person`
    named_only: bool = False  # quote: only quotes whose speaker is named where quoted (not "she")
    actors: list[str] = []  # event: actor code ("RUS", "NATO") or name
    changes: bool = True  # contradiction: also fire when a claim's verdict changes
    file: str = ""  # deliver to this JSON Lines file
    webhook: str = ""  # deliver by POST to this http(s) URL
    secret: str = ""  # HMAC-SHA256 key of the webhook signature (required with `webhook`)
    allow_private: bool = False  # let the webhook reach private or loopback addresses


def fold(text: str) -> str:
    """Case, accents and apostrophes folded, words separated by single spaces."""
    text = text.lower()
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text)).replace("\u2019", "")
    return " ".join(_WORD.findall(text.replace("'", "")))


_WORD = re.compile(r"\w+")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


class Alternative(msgspec.Struct, frozen=True):
    """One OR-branch of a query: every `need` phrase present, no `avoid` phrase."""

    need: tuple[str, ...]  # folded words or phrases ("troops", "border crossing")
    avoid: tuple[str, ...]

    def anchor(self) -> str:
        """The word an index files this branch under: the longest first word of a needed phrase."""
        return max((p.split(" ", 1)[0] for p in self.need), key=len)


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def parse_query(query: str) -> tuple[Alternative, ...]:
    """A query as OR-branches; () for an empty query (matches everything)."""
    if len(query) > MAX_QUERY:
        raise RuleError(f"query is longer than {MAX_QUERY} characters")
    branches: list[Alternative] = []
    need: list[str] = []
    avoid: list[str] = []
    for m in _TOKEN.finditer(query):
        if m.group(3) == "OR":
            branches.append(_branch(need, avoid, query))
            need, avoid = [], []
            continue
        negative = bool(m.group(1)) if m.group(2) is not None else m.group(3).startswith("-")
        raw = m.group(2) if m.group(2) is not None else m.group(3).lstrip("-")
        phrase = fold(raw)
        if phrase:
            (avoid if negative else need).append(phrase)
    if need or avoid or branches:
        branches.append(_branch(need, avoid, query))
    return tuple(branches)


def _branch(need: list[str], avoid: list[str], query: str) -> Alternative:
    if not need:
        raise RuleError(f"query {query!r}: every OR-branch needs a word that must be present",
                        hint='e.g. "flood -football" or "strike OR walkout"')
    return Alternative(tuple(need), tuple(avoid))


class Words:
    """A text folded for query matching: its word set and its words joined by spaces."""

    __slots__ = ("joined", "words")

    def __init__(self, text: str) -> None:
        folded = fold(text)
        self.words = frozenset(folded.split())
        self.joined = f" {folded} "

    def has(self, phrase: str) -> bool:
        return phrase in self.words if " " not in phrase else f" {phrase} " in self.joined

    def matches(self, branches: tuple[Alternative, ...]) -> bool:
        return not branches or any(self.branch(b) for b in branches)

    def branch(self, b: Alternative) -> bool:
        return all(self.has(p) for p in b.need) and not any(self.has(p) for p in b.avoid)


def validate(rule: Rule) -> Rule:
    """The rule when it is well formed and complete for its kind, else RuleError saying why."""
    if not _NAME.match(rule.name):
        raise RuleError(f"rule name {rule.name!r} is not valid",
                        hint="1-64 letters, digits, '_', '.' or '-', starting with a letter or digit")
    parse_query(rule.query)
    for field in ("outlets", "people", "places", "event_types", "aliases", "actors"):
        values = getattr(rule, field)
        if len(values) > MAX_LIST or any(not fold(v) for v in values):
            raise RuleError(f"rule {rule.name}: {field} must hold 1-{MAX_LIST} non-empty names")
    if rule.min_articles < 1 or rule.min_outlets < 1:
        raise RuleError(f"rule {rule.name}: min_articles and min_outlets are at least 1")
    _check_kind(rule)
    _check_delivery(rule)
    return rule


def _check_kind(rule: Rule) -> None:
    for t in rule.event_types:
        if not _CAMEO.match(t.strip()) and not t.strip().replace("_", "").isalpha():
            raise RuleError(f"rule {rule.name}: event type {t!r} is neither a CAMEO code nor a PLOVER type")
    if rule.kind == "quote" and not fold(rule.person):
        raise RuleError(f"rule {rule.name}: a quote rule needs `person`")
    if rule.kind == "event" and not rule.event_types:
        raise RuleError(f"rule {rule.name}: an event rule needs `event_types`")
    if rule.kind == "event" and not (rule.actors or rule.places):
        raise RuleError(f"rule {rule.name}: an event rule needs `actors` or `places`")
    if rule.kind == "story" and not (rule.query or rule.outlets or rule.people or rule.places
                                     or rule.event_types):
        raise RuleError(f"rule {rule.name}: a story rule needs a query or a filter",
                        hint="it would fire for every story")


def _check_delivery(rule: Rule) -> None:
    if rule.webhook:
        parts = urlsplit(rule.webhook.strip()) if url_host(rule.webhook) else None  # None: malformed
        if parts is None or parts.scheme not in ("http", "https"):
            raise RuleError(f"rule {rule.name}: webhook {rule.webhook!r} is not an http(s) URL")
        if not rule.secret:
            raise RuleError(f"rule {rule.name}: a webhook needs a `secret` to sign its payloads")
    if rule.file and "\x00" in rule.file:
        raise RuleError(f"rule {rule.name}: file {rule.file!r} is not a path")


def rule_from(data: Any) -> Rule:
    """A validated rule from a mapping (a TOML table or a JSON object)."""
    try:
        rule = msgspec.convert(data, Rule)
    except msgspec.ValidationError as exc:
        name = data.get("name", "?") if isinstance(data, dict) else "?"
        raise RuleError(f"rule {name}: {exc}", hint="see the README's alerts section for the fields") from exc
    return validate(rule)


def _with_secret(item: Any) -> Any:
    """A table whose `secret_env` names an environment variable gets `secret` from it."""
    if not isinstance(item, dict) or "secret_env" not in item:
        return item
    item = dict(item)
    var = str(item.pop("secret_env"))
    secret = os.environ.get(var, "")
    if not secret:
        raise RuleError(f"rule {item.get('name', '?')}: environment variable {var!r} is empty or not set")
    item["secret"] = secret
    return item


def load_rules(path: str | Path) -> list[Rule]:
    """The rules of a TOML file: an array of `[[rule]]` tables (names must be distinct)."""
    try:
        table = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"cannot read rules file {path}: {exc}") from exc
    unknown = set(table) - {"rule"}
    if unknown:
        raise RuleError(f"rules file {path}: unknown table(s) {sorted(unknown)}",
                        hint="rules are [[rule]] tables")
    raw = table.get("rule", [])
    if not isinstance(raw, list):
        raise RuleError(f"rules file {path}: `rule` must be an array of tables ([[rule]])")
    rules = [rule_from(_with_secret(item)) for item in raw]
    names = [r.name for r in rules]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise RuleError(f"rules file {path}: rule names used twice: {dupes}")
    return rules
