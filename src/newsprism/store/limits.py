"""Bounds on what one read may cost: a search's terms are normalised and capped, and a search
runs under a time budget (the SQLite backend stops it with a progress handler).

Full-text snippets cost time that grows with the square of repeated query words, so a query is
reduced to its distinct words and phrases (case-insensitive), at most `MAX_SEARCH_TERMS` words in
all; what is dropped could only have repeated or narrowed what is kept.
"""

from __future__ import annotations

import re

MAX_SEARCH_TERMS = 16  # words in one search (each word of a phrase counts)
MAX_TERM_CHARS = 64  # one word longer than this is cut (no real word is)
SEARCH_SECONDS = 5.0  # a search still running after this is stopped with QueryTooCostly

_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"\w[\w'\-]*")


def normalise_query(query: str, max_terms: int = MAX_SEARCH_TERMS) -> str:
    """The query's distinct words and "phrases", in order, at most `max_terms` words in all."""
    seen: set[str] = set()
    parts: list[str] = []
    budget = max_terms
    for m in _PART.finditer(query):
        phrase = m.group(1) is not None
        words = [w[:MAX_TERM_CHARS] for w in _WORD.findall(m.group(1) if phrase else m.group(2))]
        if phrase and len(words) > 1:
            words = words[:budget]
            key = " ".join(words).lower()
            if key not in seen and words:
                seen.add(key)
                parts.append('"' + " ".join(words) + '"')
                budget -= len(words)
        else:
            for w in words:
                if budget > 0 and w.lower() not in seen:
                    seen.add(w.lower())
                    parts.append(w)
                    budget -= 1
        if budget <= 0:
            break
    return " ".join(parts)
