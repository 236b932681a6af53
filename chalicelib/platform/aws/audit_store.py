"""The audit log's storage: one partition per month, newest first.

Access patterns: PutItem per staff action; Query one month's partition, newest first.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any

from pynamodb.attributes import UnicodeAttribute

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound


class AuditModel(BaseModel):
    table = "audit"

    class Meta(TableMeta):
        pass

    month = UnicodeAttribute(hash_key=True)
    sort = UnicodeAttribute(range_key=True)
    at = UnicodeAttribute()
    actor = UnicodeAttribute()
    action = UnicodeAttribute()
    target = UnicodeAttribute(default="")
    details = UnicodeAttribute(default="{}")


AUDIT_RETENTION_DAYS = 730


def append_audit(actor: str, action: str, target: str, details: dict[str, Any]) -> None:
    ensure_bound()
    now = datetime.now(UTC)
    AuditModel(
        now.strftime("%Y-%m"),
        f"{now.isoformat()}#{secrets.token_hex(4)}",
        at=now.isoformat(timespec="seconds"),
        actor=actor,
        action=action,
        target=target,
        details=json.dumps(details, sort_keys=True, ensure_ascii=False),
        expires_at=int(now.timestamp()) + AUDIT_RETENTION_DAYS * 86400,
    ).save()


def list_audit(month: str, limit: int = 200) -> list[AuditModel]:
    ensure_bound()
    return list(AuditModel.query(month, scan_index_forward=False, limit=limit))
