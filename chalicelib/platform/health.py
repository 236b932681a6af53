"""Health report: version and database reachability."""

from __future__ import annotations

import time
from typing import Any

from chalicelib.platform.settings import get_settings


def status() -> dict[str, Any]:
    from chalicelib.platform.aws import town_store
    from chalicelib.platform.aws.db import ensure_bound

    started = time.perf_counter()
    database: dict[str, object]
    try:
        ensure_bound()
        town_store.ConfigModel.describe_table()
        database = {"reachable": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    except Exception as exc:  # noqa: BLE001 - reported, not raised: this is the health check
        database = {"reachable": False, "error": type(exc).__name__}
    settings = get_settings()
    return {
        "status": "ok" if database["reachable"] else "degraded",
        "version": settings.version,
        "stage": settings.stage,
        "database": database,
    }
