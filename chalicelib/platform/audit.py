"""The staff audit log, written by every capability: who changed what, when. Never citizen personal data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chalicelib.platform.aws import audit_store
from chalicelib.platform.errors import ValidationFailed


def record(actor: str, action: str, target: str = "", **details: Any) -> None:
    audit_store.append_audit(actor, action, target, details)


def entries(month: str | None) -> list[dict[str, Any]]:
    import json

    month = month or datetime.now(UTC).strftime("%Y-%m")
    try:
        datetime.strptime(month, "%Y-%m")
    except ValueError:
        raise ValidationFailed("Month must look like 2026-11.", fields={"month": "must be YYYY-MM"}) from None
    return [
        {"at": e.at, "actor": e.actor, "action": e.action, "target": e.target, "details": json.loads(e.details)}
        for e in audit_store.list_audit(month)
    ]
