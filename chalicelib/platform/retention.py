"""Retention: remove what has outlived its purpose (DynamoDB's own TTL deletes only eventually)."""

from __future__ import annotations

from typing import Any


def purge_expired() -> dict[str, Any]:
    from chalicelib.platform.aws.db import purge_expired as purge

    counts = purge()
    return {"deleted": counts, "total": sum(counts.values())}
