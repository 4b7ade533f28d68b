"""The HTTP API (FastAPI): JSON routes under /api over the read layer, and the one error shape.

`newsprism.web.app.create_app(db, settings)` serves these routes together with the pages.
"""

from __future__ import annotations
