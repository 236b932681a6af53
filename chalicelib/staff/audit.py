"""The staff audit log: who changed what, when. Never citizen personal data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chalicelib.platform.errors import ValidationFailed
from chalicelib.staff.store import accounts as staff_store


def record(actor: str, action: str, target: str = "", **details: Any) -> None:
    staff_store.append_audit(actor, action, target, details)


def entries(month: str | None) -> list[dict[str, Any]]:
    import json

    month = month or datetime.now(UTC).strftime("%Y-%m")
    try:
        datetime.strptime(month, "%Y-%m")
    except ValueError:
        raise ValidationFailed("Month must look like 2026-11.", fields={"month": "must be YYYY-MM"}) from None
    return [
        {"at": e.at, "actor": e.actor, "action": e.action, "target": e.target, "details": json.loads(e.details)}
        for e in staff_store.list_audit(month)
    ]
