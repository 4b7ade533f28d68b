"""The HTTP API (FastAPI): `create_app(db, settings)` serves JSON under /api and the pages at /."""

from __future__ import annotations

from newsprism.api.app import create_app

__all__ = ["create_app"]
