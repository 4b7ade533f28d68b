"""Exports as downloads: the formats `newsprism.export` offers, streamed from the store."""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response

from newsprism.api.queries import optional_module
from newsprism.errors import NotFound
from newsprism.store.base import Filters, SQLStore


def _export() -> Any:
    return optional_module("newsprism.export")


def available_formats() -> list[str]:
    """Format names the installed export package offers (none when it is not installed)."""
    module = _export()
    if module is None:
        return []
    return sorted(getattr(module, "FORMATS", {}))


def export_response(store: SQLStore, fmt: str, filters: Filters) -> Response:
    """One export format as a file download."""
    if fmt not in available_formats():
        raise NotFound(f"no export format {fmt!r}", hint=f"formats: {', '.join(available_formats()) or 'none'}")
    raise NotFound(f"export {fmt!r} is not wired to this server yet")
