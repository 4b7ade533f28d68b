"""newsprism: a cross-checked picture of what happened, from a pile or a stream of news articles."""

from __future__ import annotations

__version__ = "0.1.0"
