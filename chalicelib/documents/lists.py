"""The office's lists: waiting too long, ready but not collected, lockers to load or past their
deadline, notices that failed; and the anonymous statistics."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib.documents import common, config, notify
from chalicelib.documents.orders import find
from chalicelib.documents.rules import notices
from chalicelib.documents.rules import orders as rules
from chalicelib.documents.store import orders as store
from chalicelib.platform import audit
from chalicelib.platform.errors import Conflict


def lists(office: str) -> dict[str, Any]:
    config.office(office)
    r = config.rules()
    moment = common.now()
    waiting_before = common.iso(moment - timedelta(days=r.waiting_days))
    uncollected_before = common.iso(moment - timedelta(days=r.uncollected_days))
    waiting = store.in_state(office, rules.APPLIED, waiting_before) + store.in_state(
        office, rules.IN_PRODUCTION, waiting_before
    )
    ready = store.in_state(office, rules.READY)
    in_locker = store.in_state(office, rules.IN_LOCKER)
    now_iso = common.iso(moment)
    failed = [o for o in store.notices(notify.FAILED) if o.office == office]
    view = common.staff_view
    return {
        "office": office,
        "days": {"waiting": r.waiting_days, "uncollected": r.uncollected_days},
        "waiting_too_long": [view(o) for o in waiting],
        "uncollected": [view(o) for o in ready if o.since < uncollected_before and o.pickup != rules.LOCKER],
        "to_load": [view(o) for o in ready if o.pickup == rules.LOCKER and o.locker_consent and not o.loaded_by],
        "to_confirm": [view(o) for o in ready if o.loaded_by],
        "waiting_for_door": [view(o) for o in in_locker if not o.door_closed_at],
        "locker_overdue": [view(o) for o in in_locker if o.code_deadline and o.code_deadline <= now_iso],
        "failed_notices": [view(o) for o in failed],
    }


def remind(reference: str, clerk: str) -> dict[str, Any]:
    """Tell the citizen again that the document is waiting (push and e-mail, as given)."""
    order = find(reference)
    if order.state != rules.READY:
        raise Conflict("Only a ready order can be reminded of.", code="order_state", details={"state": order.state})
    channel = notify.deliver(order, notices.WAITING)
    audit.record(clerk, "documents.reminded", reference, channel=channel)
    return {"order": common.staff_view(find(reference)), "channel": channel}


def statistics(month: str) -> dict[str, Any]:
    """Anonymous counters per office, document type and pickup way; no reference, no person."""
    rows = []
    for item in store.stats_month(month):
        office, doc_type, pickup = [*item.key.split("#"), "", ""][:3]
        collected = int(item.collected or 0)
        rows.append(
            {
                "office": office,
                "type": doc_type,
                "pickup": pickup,
                "registered": int(item.registered or 0),
                "ready": int(item.ready or 0),
                "collected": collected,
                "returned": int(item.returned or 0),
                "avg_hours_ready_to_collected": round(int(item.ready_to_collected_hours or 0) / collected, 1)
                if collected
                else None,
            }
        )
    months = [
        {
            "month": item.key,
            "registered": int(item.registered or 0),
            "ready": int(item.ready or 0),
            "collected": int(item.collected or 0),
            "returned": int(item.returned or 0),
        }
        for item in store.stats_months()
    ]
    return {"month": month, "rows": rows, "months": months}


def remind_uncollected() -> dict[str, Any]:
    """Job: one reminder for counter and appointment pickups still ready on day N (the town's
    ``pickup_reminder_day``; 0: none), by push and e-mail as given. Returning stays a clerk's act."""
    day = config.rules().pickup_reminder_day
    if not day:
        return {"reminded": 0}
    before = common.iso(common.now() - timedelta(days=day))
    reminded = 0
    for office in config.offices():
        for order in store.in_state(office, rules.READY, before):
            if order.pickup == rules.LOCKER or order.pickup_reminded or not (order.push or order.email):
                continue
            if store.claim_reminder(order, rules.READY, "pickup_reminded"):
                notify.deliver(order, notices.WAITING)
                reminded += 1
    return {"reminded": reminded}
