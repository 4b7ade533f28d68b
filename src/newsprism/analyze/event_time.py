"""When what a sentence tells happened: violence dated months before publication ("In March" in
a July article, "two decades ago") is background recalled, not news of an event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date as date_cls
from typing import Any

from newsprism.analyze.event_patterns import Token
from newsprism.lexicon import months

RECALL_DAYS = 45


def recalled(text: str, dates: Sequence[Any], published: str | None) -> bool:
    """The sentence dates what it tells to more than six weeks before publication ("in March"
    in a July article, "on Dec. 2" in February): a past event recalled as background. A date
    after "since" or "until" bounds something still going on, and says nothing of the kind."""
    if not published or len(published) < 10:
        return False
    try:
        now = date_cls.fromisoformat(published[:10])
    except ValueError:
        return False
    for d in dates:
        value = d.value or ""
        before = text[max(0, d.start - 12):d.start].lower().split()
        if len(value) < 7 or (before and before[-1] in {"since", "until", "till"}):
            continue
        try:
            day = date_cls.fromisoformat(value) if len(value) == 10 else \
                date_cls.fromisoformat(value[:7] + "-01").replace(day=28)
        except ValueError:
            continue
        if (now - day).days > RECALL_DAYS:
            return True
    return False


_MONTH_LEADS = frozenset({"in", "last", "early", "late", "mid"})


def recalled_month(tokens: list[Token], published: str | None) -> bool:
    """A month named without a day ("In March, ...", "last December"), the latest one not after
    publication, ending more than six weeks before it (the dates step resolves only full dates)."""
    if not published or len(published) < 10 or not published[5:7].isdigit():
        return False
    month = int(published[5:7])
    table = months()
    for k in range(1, len(tokens) - 1):
        if tokens[k].low in {"years", "decades", "centuries"} and tokens[k + 1].low in {"ago", "since", "earlier"}:
            return True  # "two decades ago", "101 years since the massacre"
    for k in range(1, len(tokens)):
        named = table.get(tokens[k].low) if tokens[k].text[:1].isupper() and len(tokens[k].low) > 3 else None
        if named is None or tokens[k - 1].low not in _MONTH_LEADS or (
                k > 1 and tokens[k - 2].low in {"since", "until", "till"}):
            continue  # "since last November": still going on
        if k + 1 < len(tokens) and tokens[k + 1].low[:1].isdigit():
            continue  # "in March 2015", "in March 3": the dates step's business
        back = (month - named) % 12  # months between the one named and publication's
        if back * 30 - 3 > RECALL_DAYS:
            return True
    return False
