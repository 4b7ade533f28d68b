"""A small in-process cache of rendered story pages, invalidated when the stored view changes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable


class ViewCache:
    """LRU of `(signature, page)` by key; a changed signature renders the page again."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def peek(self, key: str, signature: str, default: str | None = None) -> str | None:
        """The cached page when present and current, else `default` (nothing is built)."""
        with self._lock:
            item = self._items.get(key)
        return item[1] if item is not None and item[0] == signature else default

    def get(self, key: str, signature: str, build: Callable[[], str]) -> str:
        """The cached page for `key` when its signature still matches, else `build()`."""
        with self._lock:
            item = self._items.get(key)
            if item is not None and item[0] == signature:
                self._items.move_to_end(key)
                self.hits += 1
                return item[1]
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:  # concurrent misses on one key build it once; the others wait for it
            with self._lock:
                item = self._items.get(key)
                if item is not None and item[0] == signature:
                    self.hits += 1
                    return item[1]
            value = build()
            with self._lock:
                self.misses += 1
                self._items[key] = (signature, value)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    evicted, _ = self._items.popitem(last=False)
                    self._building.pop(evicted, None)
        return value
