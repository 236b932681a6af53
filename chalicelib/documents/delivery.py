"""Marking orders ready in bulk from a delivery list (CSV): a preview first, then the same list applied."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from typing import Any

from chalicelib.documents import common, notify
from chalicelib.documents.rules import delivery as parsing
from chalicelib.documents.rules import notices
from chalicelib.documents.rules import orders as rules
from chalicelib.documents.store import orders as store
from chalicelib.documents.store.orders import OrderModel
from chalicelib.platform import audit
from chalicelib.platform.errors import Conflict, ValidationFailed

SHOWN = 200  # references listed per group in an answer; the counts are always complete
CHUNK = 100  # orders changed, told and recorded together
BUDGET_SECONDS = 12.0  # no new chunk after this; the console sends the list again for the rest
SEND_UNTIL_SECONDS = 20.0
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


def apply(text: str, previewed: str, clerk: str, office: str | None = None) -> dict[str, Any]:
    """Mark the previewed list's matches ready and tell their citizens, a chunk at a time.

    ``previewed`` is the preview's digest: a list changed since the preview is refused. Each order
    changes with a condition on its state, so a list applied twice (or by two clerks) tells each
    citizen once. Each chunk is changed, told and recorded before the next begins; past the
    request's budget the answer says how many remain, and sending the list again continues.
    Notices a chunk could not send in time stay pending for the notices job.
    """
    if previewed != digest(text):
        raise Conflict("The delivery list changed since its preview; please preview it again.", code="preview_outdated")
    started = time.monotonic()
    parsed, found = _read(text, office)
    matches = [found[ref] for ref in parsed.references if ref in found and found[ref].state in READY_FROM]
    moment = common.now()
    per_key: Counter[str] = Counter()
    sent: Counter[str] = Counter()
    ready, remaining = 0, 0
    for i in range(0, len(matches), CHUNK):
        if time.monotonic() - started > BUDGET_SECONDS:
            remaining = len(matches) - i
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
        ready += len(changed)
        due = [o for o in changed if o.notice_state == notify.PENDING]
        # Sends start until 20 s into the request; one started then ends within 8.5 s: < 29 s.
        left = max(SEND_UNTIL_SECONDS - (time.monotonic() - started), 0.5)
        sent.update(notify.deliver_many(due, notices.READY, budget_seconds=left))
    for key, n in per_key.items():
        store.count(moment.strftime("%Y-%m"), key, ready=n)
    if ready:
        audit.record(clerk, "documents.delivery_applied", previewed, ready=ready)
    counts = {name: sent.get(name, 0) for name in ("push", "email", "failed", "left_for_job")}
    return {"ready": ready, "remaining": remaining, "notices": counts}
