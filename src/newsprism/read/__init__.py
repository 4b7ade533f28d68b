"""The read layer: the queries behind the CLI's read commands, the JSON API and the HTML pages.

Every function takes a store and returns records (msgspec Structs), the same ones to all three
faces: the CLI prints or encodes them, the API encodes them, the pages read their fields.
Data flows one way: ingest -> analyze -> store -> stories -> read -> cli / api / web.
"""

from __future__ import annotations
