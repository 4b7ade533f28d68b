"""Cross-article work: copies, story clustering and the story view."""

from __future__ import annotations

from typing import Any


def after_save_hooks(settings: Any) -> list[Any]:
    """Hooks run after each newly stored article: assign it to a story, record copies and passages."""
    from newsprism.stories.service import after_save_hooks as hooks

    return list(hooks(settings))


__all__ = ["after_save_hooks"]
