"""The town document: the installation's configuration that every capability reads, cached per warm function."""

from __future__ import annotations

import time
from typing import Any

from chalicelib.platform.aws import town_store
from chalicelib.platform.errors import NotFound

_CACHE: dict[str, tuple[float, dict[str, Any]]] = {}
CACHE_SECONDS = 60.0


def document() -> dict[str, Any]:
    """The whole town document; cached for a minute per warm function."""
    hit = _CACHE.get("town")
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    doc = town_store.load("town")
    if doc is None:
        raise NotFound("This installation has no town configured yet.", code="town_not_configured")
    _CACHE["town"] = (time.monotonic(), doc)
    return doc


def save(doc: dict[str, Any]) -> None:
    """Store a document already checked by staff's town settings; this function's cache forgets the old one."""
    town_store.save("town", doc)
    _CACHE.pop("town", None)
