"""What the app and the console offer: document types, offices, pickup ways; the locker code's QR."""

from __future__ import annotations

from typing import Any

from chalicelib.documents import config
from chalicelib.documents.orders import find
from chalicelib.documents.rules import orders as rules
from chalicelib.platform.errors import NotFound


def view() -> dict[str, Any]:
    r = config.rules()
    return {
        "types": [
            {
                "id": t.id,
                "name": {"de": t.name_de, "en": t.name_en},
                "locker": t.locker,
                "bring": {"de": list(t.bring_de), "en": list(t.bring_en)},
            }
            for t in r.types.values()
        ],
        "offices": [{"id": o.id, "name": o.name, "address": o.address} for o in config.offices().values()],
        "pickup": list(rules.PICKUP_WAYS),
        "code_days": r.code_days,
        "keep_days": {
            "collected": rules.KEEP_AFTER[rules.COLLECTED].days,
            "returned": rules.KEEP_AFTER[rules.RETURNED].days,
        },
    }


def code_qr(reference: str) -> str:
    from chalicelib.platform.aws import qr

    order = find(reference)
    if order.state != rules.IN_LOCKER or not order.code:
        raise NotFound("This order has no locker code (yet).", code="no_locker_code")
    return qr.qr_svg(order.code)
