"""Document orders, their notice queue and the anonymous statistics.

Tables and access patterns (all by key; no Scan outside the purge job):
- document_orders (hash ``reference``): GetItem by reference (citizen page, staff, terminal);
  BatchGetItem for a delivery list's preview. Each change is one conditional UpdateItem on the
  state it starts from, so two clerks (or a clerk and a terminal) never both win.
  GSI ``by_state`` (``list_key`` = "<office>#<state>", range ``since``): staff lists (waiting
  too long, ready but not collected, lockers past their deadline).
  GSI ``by_notice`` (sparse ``notice_state`` = "pending" | "failed", range ``since``): notices
  still to send (the job) and notices that failed (a staff list).
- document_deliveries (hash ``key`` = "<digest of the list>#<office or *>"): a delivery list being
  applied: the references still to mark ready, the clerk, the counts so far. GetItem for its
  progress; GSI ``by_open`` (sparse ``open`` = "1" while references remain, range ``created_at``):
  the notices job's Query for lists to finish. Expires two days after it was applied.
- document_stats (hash ``month``, range "<office>#<type>#<pickup way>"): anonymous counters (ADD);
  they never expire and hold no reference. Hash "months" (range "<YYYY-MM>") holds each month's
  totals, updated with its rows: one Query lists the months that have statistics.
Personal data (the order item) expires a week after collection, a month after return.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import UpdateError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live, insert_new
from chalicelib.platform.aws.db import is_condition_failure as _is_condition_failure

BATCH = 100  # BatchGetItem's limit


class StateIndex(GlobalSecondaryIndex["OrderModel"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "by_state"
        projection = AllProjection()

    list_key = UnicodeAttribute(hash_key=True)
    since = UnicodeAttribute(range_key=True)


class NoticeIndex(GlobalSecondaryIndex["OrderModel"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "by_notice"
        projection = AllProjection()

    notice_state = UnicodeAttribute(hash_key=True)
    since = UnicodeAttribute(range_key=True)


class OrderModel(BaseModel):
    table = "document_orders"

    class Meta(TableMeta):
        pass

    reference = UnicodeAttribute(hash_key=True)
    doc_type = UnicodeAttribute()
    office = UnicodeAttribute()
    state = UnicodeAttribute()
    since = UnicodeAttribute()  # ISO 8601 UTC: when the order entered its state
    list_key = UnicodeAttribute()
    applied_at = UnicodeAttribute()
    ready_at = UnicodeAttribute(null=True)
    pickup = UnicodeAttribute()  # counter | appointment | locker
    locker_consent = BooleanAttribute(default=False)
    # Only that a fingerprint match is required (explicit consent, GDPR Art. 9): never a template.
    biometric = BooleanAttribute(default=False)
    email = UnicodeAttribute(null=True)
    language = UnicodeAttribute(default="de")
    push = UnicodeAttribute(null=True)  # the Web Push subscription as JSON
    registered_by = UnicodeAttribute(null=True)
    revision = NumberAttribute(default=0)
    notice_state = UnicodeAttribute(null=True)  # pending | failed (sparse index)
    notice_kind = UnicodeAttribute(null=True)  # the notice due or last sent
    notice_channel = UnicodeAttribute(null=True)  # push | email | push+email | none
    # Locker: compartment, both staff members, the door, the code and its deadline.
    terminal = UnicodeAttribute(null=True)
    compartment = UnicodeAttribute(null=True)
    loaded_by = UnicodeAttribute(null=True)
    confirmed_by = UnicodeAttribute(null=True)
    door_closed_at = UnicodeAttribute(null=True)
    code = UnicodeAttribute(null=True)
    code_deadline = UnicodeAttribute(null=True)
    reminder_sent = BooleanAttribute(default=False)  # the locker's day-5 reminder
    pickup_reminded = BooleanAttribute(default=False)  # the counter/appointment reminder on day N
    opened_at = UnicodeAttribute(null=True)
    finger_matched = BooleanAttribute(null=True)  # the terminal's yes/no, nothing more
    by_state = StateIndex()
    by_notice = NoticeIndex()


class OpenIndex(GlobalSecondaryIndex["DeliveryModel"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "by_open"
        projection = AllProjection()

    open = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


OPEN_MARK = "1"
DELIVERY_COUNTS = ("ready", "push", "email", "failed", "left_for_job")


class DeliveryModel(BaseModel):
    table = "document_deliveries"
    point_in_time_recovery = False  # lives two days

    class Meta(TableMeta):
        pass

    key = UnicodeAttribute(hash_key=True)
    clerk = UnicodeAttribute()
    office = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    total = NumberAttribute(default=0)  # orders the list matched when first applied
    remaining = ListAttribute[str](of=UnicodeAttribute, default=list)  # type: ignore[arg-type]
    ready = NumberAttribute(default=0)
    push = NumberAttribute(default=0)
    email = NumberAttribute(default=0)
    failed = NumberAttribute(default=0)
    left_for_job = NumberAttribute(default=0)
    open = UnicodeAttribute(null=True)  # OPEN_MARK while references remain (sparse index)
    by_open = OpenIndex()


MONTHS = "months"  # the month index: range key "<YYYY-MM>", the month's totals over all offices


class StatsModel(BaseModel):
    table = "document_stats"

    class Meta(TableMeta):
        pass

    month = UnicodeAttribute(hash_key=True)
    key = UnicodeAttribute(range_key=True)
    registered = NumberAttribute(null=True)
    ready = NumberAttribute(null=True)
    collected = NumberAttribute(null=True)
    returned = NumberAttribute(null=True)
    ready_to_collected_hours = NumberAttribute(null=True)  # sum; divide by ``collected``


def set_actions(model: type[BaseModel], values: dict[str, Any]) -> list[Any]:
    """SET each named attribute of ``model``, or REMOVE it where the value is None."""
    return [
        getattr(model, name).remove() if value is None else getattr(model, name).set(value)
        for name, value in values.items()
    ]


def insert(order: OrderModel) -> bool:
    return insert_new(order)


def get(reference: str) -> OrderModel | None:
    return get_live(OrderModel, reference)


def get_many(references: list[str]) -> dict[str, OrderModel]:
    """BatchGetItem in chunks of 100; expired items count as missing."""
    ensure_bound()
    found: dict[str, OrderModel] = {}
    for i in range(0, len(references), BATCH):
        for item in OrderModel.batch_get(references[i : i + BATCH], consistent_read=True):
            if not item.is_expired():
                found[item.reference] = item
    return found


def change(order: OrderModel, from_states: Iterable[str], condition: Any = None, **values: Any) -> bool:
    """One conditional UpdateItem: only while the order is in one of ``from_states`` (and ``condition``).

    The item is refreshed with the stored values; False when the condition failed.
    """
    ensure_bound()
    states = list(from_states)
    cond = OrderModel.state.is_in(*states) & OrderModel.reference.exists()
    if condition is not None:
        cond = cond & condition
    actions = [*set_actions(OrderModel, values), OrderModel.revision.add(1)]
    try:
        order.update(actions=actions, condition=cond)
    except UpdateError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True


def set_fields(order: OrderModel, **values: Any) -> None:
    """Fields that need no condition (subscription, notice bookkeeping)."""
    ensure_bound()
    order.update(actions=set_actions(OrderModel, values), condition=OrderModel.reference.exists())


def claim_reminder(order: OrderModel, state: str = "in_locker", flag: str = "reminder_sent") -> bool:
    """Mark the reminder (``flag``) as sent while the order is in ``state``; True when this caller may send it."""
    ensure_bound()
    attribute = getattr(OrderModel, flag)
    not_yet = attribute.does_not_exist() | (attribute == False)  # noqa: E712
    try:
        order.update(actions=[attribute.set(True)], condition=not_yet & (OrderModel.state == state))
    except UpdateError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True


def in_state(office: str, state: str, before: str | None = None, limit: int = 500) -> list[OrderModel]:
    """Orders of an office in a state, oldest first; ``before`` limits to those since earlier than it."""
    ensure_bound()
    condition = OrderModel.since < before if before else None
    items = OrderModel.by_state.query(f"{office}#{state}", condition, limit=limit)
    return [o for o in items if not o.is_expired()]


def notices(state: str, limit: int = 500) -> Iterator[OrderModel]:
    ensure_bound()
    for item in OrderModel.by_notice.query(state, limit=limit):
        if not item.is_expired():
            yield item


def count(month: str, key: str, **deltas: int) -> None:
    """ADD anonymous counters: the month's row (one UpdateItem) and the month's totals in the index."""
    ensure_bound()
    for hash_key, range_key in ((month, key), (MONTHS, month)):
        actions = [getattr(StatsModel, name).add(value) for name, value in deltas.items() if value]
        if actions:
            StatsModel(hash_key, range_key).update(actions=actions)


def stats_month(month: str) -> list[StatsModel]:
    ensure_bound()
    return list(StatsModel.query(month))


def stats_months(limit: int = 120) -> list[StatsModel]:
    """The months with statistics, newest first, with their totals over all offices (one Query)."""
    ensure_bound()
    return list(StatsModel.query(MONTHS, scan_index_forward=False, limit=limit))


def delivery(key: str) -> DeliveryModel | None:
    return get_live(DeliveryModel, key)


def start_delivery(item: DeliveryModel) -> None:
    """Write a list's first record (over one that expired)."""
    ensure_bound()
    item.save()


def advance_delivery(key: str, remaining: list[str], moment: str, **counts: int) -> None:
    """ADD the counts of one step and SET what remains (closing the list when nothing does)."""
    ensure_bound()
    actions = [getattr(DeliveryModel, name).add(n) for name, n in counts.items() if n]
    actions += [DeliveryModel.remaining.set(remaining), DeliveryModel.updated_at.set(moment)]
    actions.append(DeliveryModel.open.set(OPEN_MARK) if remaining else DeliveryModel.open.remove())
    DeliveryModel(key).update(actions=actions, condition=DeliveryModel.key.exists())


def open_deliveries(limit: int = 50) -> list[DeliveryModel]:
    ensure_bound()
    return [d for d in DeliveryModel.by_open.query(OPEN_MARK, limit=limit) if not d.is_expired()]
