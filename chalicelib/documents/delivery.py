"""Marking orders ready in bulk from a delivery list (CSV): a preview first, then the same list applied."""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from chalicelib.documents import common, notify
from chalicelib.documents.rules import delivery as parsing
from chalicelib.documents.rules import notices
from chalicelib.documents.rules import orders as rules
from chalicelib.documents.store import orders as store
from chalicelib.documents.store.orders import DeliveryModel, OrderModel
from chalicelib.platform import audit
from chalicelib.platform.errors import Conflict, NotFound, ValidationFailed

SHOWN = 200  # references listed per group in an answer; the counts are always complete
CHUNK = 100  # orders changed, told and recorded together
BUDGET_SECONDS = 12.0  # no new chunk after this; the notices job (or the clerk sending again) does the rest
SEND_UNTIL_SECONDS = 20.0
JOB_BUDGET_SECONDS = 12.0  # the notices job marks ready for this long, sends until 20 s, ends < 30 s
JOB_SECONDS = 24.0  # and sends pending notices until then
KEEP_LIST = timedelta(days=2)  # an unfinished list is kept this long for the job
NOTICE_COUNTS = ("push", "email", "failed", "left_for_job")
DELIVERY_ID = re.compile(r"[0-9a-f]{32}(\.[a-z0-9][a-z0-9_-]{0,63})?")
READY_FROM = rules.TRANSITIONS["ready"][0]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _read(text: str, office: str | None) -> tuple[parsing.DeliveryList, dict[str, OrderModel]]:
    if not text.strip():
        raise ValidationFailed("The delivery list is empty.", fields={"csv": "must not be empty"})
    parsed = parsing.parse(text)
    found = store.get_many(parsed.references)
    if office:
        found = {ref: o for ref, o in found.items() if o.office == office}
    return parsed, found


def preview(text: str, office: str | None = None) -> dict[str, Any]:
    """What applying the list would do; nothing is written or sent."""
    parsed, found = _read(text, office)
    matches = [ref for ref in parsed.references if ref in found and found[ref].state in READY_FROM]
    other = [ref for ref in parsed.references if ref in found and found[ref].state not in READY_FROM]
    unknown = [ref for ref in parsed.references if ref not in found]
    with_notice = sum(
        1 for ref in matches if found[ref].pickup != rules.LOCKER and (found[ref].push or found[ref].email)
    )
    return {
        "digest": digest(text),
        "rows": len(parsed.references) + len(parsed.broken) + parsed.repeated,
        "matches": {"count": len(matches), "references": matches[:SHOWN], "notices": with_notice},
        "not_changeable": {
            "count": len(other),
            "orders": [{"reference": ref, "state": found[ref].state} for ref in other[:SHOWN]],
        },
        "unknown": {"count": len(unknown), "references": unknown[:SHOWN]},
        "broken": {"count": len(parsed.broken), "rows": parsed.broken[:SHOWN]},
        "repeated": parsed.repeated,
    }


@dataclass
class Progress:
    """What one step over a list's matches did, and the references it left for the next step."""

    ready: int = 0
    rest: list[str] = field(default_factory=list)
    sent: Counter[str] = field(default_factory=Counter)


def _mark_ready(matches: list[OrderModel], budget: float, send_until: float) -> Progress:
    """Mark ready and tell, a chunk at a time, until ``budget`` seconds have passed; count them."""
    started = time.monotonic()
    moment = common.now()
    per_key: Counter[str] = Counter()
    done = Progress()
    for i in range(0, len(matches), CHUNK):
        if i and time.monotonic() - started > budget:  # every step marks at least one chunk
            done.rest = [o.reference for o in matches[i:]]
            break
        changed = []
        for order in matches[i : i + CHUNK]:
            values = {
                "state": rules.READY,
                "since": common.iso(moment),
                "list_key": f"{order.office}#{rules.READY}",
                **notify.ready_fields(order),
            }
            if store.change(order, READY_FROM, **values):
                changed.append(order)
                per_key[f"{order.office}#{order.doc_type}#{order.pickup}"] += 1
        done.ready += len(changed)
        due = [o for o in changed if o.notice_state == notify.PENDING]
        # Sends start until 20 s into the request; one started then ends within 8.5 s: < 29 s.
        left = max(send_until - (time.monotonic() - started), 0.5)
        done.sent.update(notify.deliver_many(due, notices.READY, budget_seconds=left))
    for key, n in per_key.items():
        store.count(moment.strftime("%Y-%m"), key, ready=n)
    return done


def delivery_id(previewed: str, office: str | None) -> str:
    return f"{previewed}.{office}" if office else previewed


def _counts(sent: Counter[str]) -> dict[str, int]:
    return {name: sent.get(name, 0) for name in NOTICE_COUNTS}


def apply(text: str, previewed: str, clerk: str, office: str | None = None) -> dict[str, Any]:
    """Mark the previewed list's matches ready and tell their citizens, a chunk at a time.

    ``previewed`` is the preview's digest: a list changed since the preview is refused. Each order
    changes with a condition on its state, so a list applied twice (or by two clerks, or by a clerk
    and the job) tells each citizen once. Each chunk is changed, told and recorded before the next
    begins; past the request's budget the answer says how many remain, and the list is kept (two
    days) for the notices job, which finishes it (``finish_open``); sending it again continues now.
    Notices a chunk could not send in time stay pending for the notices job.
    """
    if previewed != digest(text):
        raise Conflict("The delivery list changed since its preview; please preview it again.", code="preview_outdated")
    parsed, found = _read(text, office)
    matches = [found[ref] for ref in parsed.references if ref in found and found[ref].state in READY_FROM]
    key = delivery_id(previewed, office)
    if store.delivery(key) is None:
        moment = common.iso(common.now())
        store.start_delivery(
            DeliveryModel(
                key,
                clerk=clerk,
                office=office,
                created_at=moment,
                updated_at=moment,
                total=len(matches),
                remaining=[o.reference for o in matches],
                open=store.OPEN_MARK if matches else None,
                expires_at=int(time.time() + KEEP_LIST.total_seconds()),
            )
        )
    done = _mark_ready(matches, BUDGET_SECONDS, SEND_UNTIL_SECONDS)
    store.advance_delivery(key, done.rest, common.iso(common.now()), ready=done.ready, **_counts(done.sent))
    if done.ready:
        audit.record(clerk, "documents.delivery_applied", previewed, ready=done.ready)
    return {"ready": done.ready, "remaining": len(done.rest), "notices": _counts(done.sent), "delivery": key}


def progress(key: str) -> dict[str, Any]:
    """How far a delivery list has come: ready so far, still to do, the notices sent."""
    item = store.delivery(key) if DELIVERY_ID.fullmatch(key) else None
    if item is None:
        raise NotFound("There is no such delivery list (any more).", code="delivery_not_found")
    return {
        "delivery": item.key,
        "total": int(item.total),
        "ready": int(item.ready),
        "remaining": len(item.remaining or []),
        "done": not item.remaining,
        "notices": {name: int(getattr(item, name) or 0) for name in NOTICE_COUNTS},
        "updated_at": item.updated_at,
    }


def finish_open() -> dict[str, Any]:
    """Job: continue every delivery list a request left unfinished, then send the notices left pending."""
    started = time.monotonic()
    lists, ready = 0, 0
    for item in store.open_deliveries():
        left = JOB_BUDGET_SECONDS - (time.monotonic() - started)
        if left <= 0:
            break
        found = store.get_many(list(item.remaining or []))
        matches = [
            found[ref]
            for ref in item.remaining or []
            if ref in found and found[ref].state in READY_FROM and (not item.office or found[ref].office == item.office)
        ]
        done = _mark_ready(matches, left, left + SEND_UNTIL_SECONDS - BUDGET_SECONDS)
        store.advance_delivery(item.key, done.rest, common.iso(common.now()), ready=done.ready, **_counts(done.sent))
        if done.ready:
            audit.record(item.clerk, "documents.delivery_finished", item.key.split(".")[0], ready=done.ready)
        lists, ready = lists + 1, ready + done.ready
    sent = notify.send_pending(budget_seconds=max(JOB_SECONDS - (time.monotonic() - started), 1.0))
    return {**sent, "lists": lists, "ready": ready}
