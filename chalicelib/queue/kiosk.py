"""Kiosk devices at the door: staff set one up once (it keeps a credential), revoke it at any time."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from typing import Any

from chalicelib.platform import audit
from chalicelib.platform.aws import tokens
from chalicelib.platform.errors import Forbidden, NotFound
from chalicelib.queue import plan
from chalicelib.queue.counter import check_staff
from chalicelib.queue.store import kiosks as kiosk_store


def set_up(user: Any, office_id: str, name: str) -> dict[str, Any]:
    """A new kiosk credential for this office; shown once, stored only as its digest."""
    cfg = plan.config(office_id)
    check_staff(cfg, user)
    kiosk_id, secret = tokens.random_token(6), tokens.random_token(24)
    kiosk_store.save(
        kiosk_store.KioskModel(
            office_id,
            kiosk_id,
            name=name.strip()[:60],
            secret_digest=tokens.digest(secret),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            created_by=user.username,
        )
    )
    audit.record(user.username, "queue.kiosk_setup", f"{office_id}.{kiosk_id}")
    return {"kiosk": {"id": kiosk_id, "name": name}, "credential": f"{kiosk_id}.{secret}", "office": office_id}


def listing(user: Any, office_id: str) -> dict[str, Any]:
    check_staff(plan.config(office_id), user)
    return {
        "kiosks": [
            {"id": k.kiosk_id, "name": k.name, "created_at": k.created_at, "created_by": k.created_by}
            for k in kiosk_store.for_office(office_id)
        ]
    }


def revoke(user: Any, office_id: str, kiosk_id: str) -> None:
    check_staff(plan.config(office_id), user)
    if not kiosk_store.delete(office_id, kiosk_id):
        raise NotFound("There is no such kiosk.", code="kiosk_not_found")
    audit.record(user.username, "queue.kiosk_revoke", f"{office_id}.{kiosk_id}")


def verify(office_id: str, credential: str) -> None:
    """Refuse a forged, revoked or other office's kiosk credential."""
    kiosk_id, _, secret = (credential or "").partition(".")
    found = kiosk_store.get(office_id, kiosk_id) if kiosk_id and secret and len(credential) < 200 else None
    if found is None or not hmac.compare_digest(found.secret_digest, tokens.digest(secret)):
        raise Forbidden("This kiosk is not set up (any more). Please ask the staff.", code="kiosk_refused")
