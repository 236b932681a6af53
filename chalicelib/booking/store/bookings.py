"""Bookings, their manage-link lookups, the per-e-mail cap and the anonymous statistics.

Tables and access patterns (all by key; no Scan outside the purge job):
- bookings (hash ``code``): GetItem by booking code (check-in, staff actions).
  GSI ``by_day`` (``day_key`` = "<office>#<YYYY-MM-DD>", range ``start``): day view, reminders.
  GSI ``by_pending`` (sparse ``pending`` = "P" only while unconfirmed, range ``confirm_by``):
  the release job's Query for bookings whose confirmation time has passed.
- booking_refs (hash ``ref`` = "manage#<sha256 of the manage token>"): GetItem for the
  cancel/rebook link; the token itself is never stored. The short links in e-mails are refs
  too: "manage#", "confirm#" (until the confirmation time) and "offer#" (a waitlist offer).
- booking_quota (hash ``owner`` = keyed hash of the e-mail, range ``slot`` 0..cap-1): one
  item per active booking of an address, expiring when the appointment ends. A booking puts
  a slot with the condition that it is free (absent or expired): the cap holds under races.
- booking_stats (hash ``month``, range "<YYYY-MM-DD>#<office>#<service>"): anonymous counters
  updated with ADD inside the booking transactions; never expire. One Query per month.
Personal data (bookings, refs) expires ``retention_days`` after the appointment.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import UpdateError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.booking.store import slots
from chalicelib.booking.store.tx import LabeledTransaction
from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live
from chalicelib.platform.aws.db import is_condition_failure as _is_condition_failure
from chalicelib.platform.aws.idempotency_store import IdempotencyModel, still_claimed_by

PENDING_MARK = "P"


class DayIndex(GlobalSecondaryIndex["BookingModel"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "by_day"
        projection = AllProjection()

    day_key = UnicodeAttribute(hash_key=True)
    start = UnicodeAttribute(range_key=True)


class PendingIndex(GlobalSecondaryIndex["BookingModel"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "by_pending"
        projection = AllProjection()

    pending = UnicodeAttribute(hash_key=True)
    confirm_by = NumberAttribute(range_key=True)


class BookingModel(BaseModel):
    table = "bookings"

    class Meta(TableMeta):
        pass

    code = UnicodeAttribute(hash_key=True)
    office = UnicodeAttribute()
    services = ListAttribute[str](of=UnicodeAttribute)  # type: ignore[arg-type]
    start = UnicodeAttribute()  # ISO 8601 with the Europe/Berlin offset
    end = UnicodeAttribute()
    day_key = UnicodeAttribute()
    counter = UnicodeAttribute()
    unit_pk = UnicodeAttribute()
    units = ListAttribute[str](of=UnicodeAttribute)  # type: ignore[arg-type]
    status = UnicodeAttribute()
    channel = UnicodeAttribute(default="online")
    name = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    language = UnicodeAttribute(default="de")
    email_hash = UnicodeAttribute(null=True)
    quota_slot = NumberAttribute(null=True)
    token_digest = UnicodeAttribute()
    push = UnicodeAttribute(null=True)  # the Web Push subscription as JSON
    order_reference = UnicodeAttribute(null=True)  # a document order to pick up (format-checked, opaque here)
    reminder_sent = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    pending = UnicodeAttribute(null=True)
    confirm_by = NumberAttribute(null=True)
    # Rises by one with every change a calendar must learn of (confirm, rebook, cancel, staff actions);
    # it is the SEQUENCE of the booking's calendar files (RFC 5545), which must never go back.
    revision = NumberAttribute(null=True)
    # The last staff action (check-in, no-show, done) and the status before it, so that it can be undone.
    last_action = UnicodeAttribute(null=True)
    last_from = UnicodeAttribute(null=True)
    last_at = UnicodeAttribute(null=True)
    by_day = DayIndex()
    by_pending = PendingIndex()

    def unit_keys(self) -> list[slots.Key]:
        return [(self.unit_pk, sk) for sk in self.units]


class BookingRefModel(BaseModel):
    table = "booking_refs"

    class Meta(TableMeta):
        pass

    ref = UnicodeAttribute(hash_key=True)
    code = UnicodeAttribute()
    data = UnicodeAttribute(null=True)  # what a short link stands for beyond the booking (a waitlist offer)


class QuotaModel(BaseModel):
    table = "booking_quota"

    class Meta(TableMeta):
        pass

    owner = UnicodeAttribute(hash_key=True)
    slot = NumberAttribute(range_key=True)
    code = UnicodeAttribute()


class StatsModel(BaseModel):
    table = "booking_stats"

    class Meta(TableMeta):
        pass

    month = UnicodeAttribute(hash_key=True)
    key = UnicodeAttribute(range_key=True)
    booked = NumberAttribute(null=True)
    cancelled = NumberAttribute(null=True)
    released = NumberAttribute(null=True)
    rebooked = NumberAttribute(null=True)
    checked_in = NumberAttribute(null=True)
    no_show = NumberAttribute(null=True)
    done = NumberAttribute(null=True)
    online = NumberAttribute(null=True)
    phone = NumberAttribute(null=True)


# Counter deltas keyed by (appointment day ISO, office, service) -> {event: delta}.
StatDeltas = Mapping[tuple[str, str, str], Mapping[str, int]]


@dataclass
class Quota:
    owner: str
    slot: int
    expires_at: int


@dataclass
class Effects:
    """Side items a booking change writes in the same transaction."""

    stats: StatDeltas = field(default_factory=dict)
    idempotency: IdempotencyModel | None = None  # the answer to store with the change (platform.idempotency)
    consume: tuple[BaseModel, Any] | None = None  # an item deleted on a condition (a waitlist entry)


def manage_ref(token_digest: str) -> str:
    return f"manage#{token_digest}"


# --- reads -------------------------------------------------------------------------------------


def get(code: str) -> BookingModel | None:
    return get_live(BookingModel, code)


def by_token_digest(token_digest: str) -> BookingModel | None:
    ref = get_live(BookingRefModel, manage_ref(token_digest))
    return get(ref.code) if ref else None


def put_ref(kind: str, token_digest: str, code: str, expires_at: int, data: str | None = None) -> None:
    """A short link: the digest of its random token stands for a booking (and ``data``) until it expires."""
    ensure_bound()
    BookingRefModel(f"{kind}#{token_digest}", code=code, data=data, expires_at=expires_at).save()


def get_ref(kind: str, token_digest: str) -> BookingRefModel | None:
    return get_live(BookingRefModel, f"{kind}#{token_digest}")


def day(office: str, day_iso: str) -> list[BookingModel]:
    ensure_bound()
    now = time.time()
    return [b for b in BookingModel.by_day.query(f"{office}#{day_iso}") if not b.is_expired(now)]


def pending_due(now: float) -> list[BookingModel]:
    ensure_bound()
    return list(BookingModel.by_pending.query(PENDING_MARK, BookingModel.confirm_by <= int(now)))


def quota_slots(owner: str) -> dict[int, QuotaModel]:
    """The live slots of one e-mail hash (expired ones count as free)."""
    ensure_bound()
    now = time.time()
    return {int(q.slot): q for q in QuotaModel.query(owner, consistent_read=True) if not q.is_expired(now)}


def stats_month(month: str) -> list[StatsModel]:
    ensure_bound()
    return list(StatsModel.query(month))


# --- transactions ------------------------------------------------------------------------------


def _stats(tx: LabeledTransaction, deltas: StatDeltas) -> None:
    for (day_iso, office, service), changes in deltas.items():
        actions = [getattr(StatsModel, event).add(n) for event, n in sorted(changes.items()) if n]
        if actions:
            tx.update("stats", StatsModel(day_iso[:7], f"{day_iso}#{office}#{service}"), actions)


def _side_effects(tx: LabeledTransaction, effects: Effects) -> None:
    _stats(tx, effects.stats)
    if effects.idempotency is not None:  # the answer replaces the request's own claim on its key
        tx.put("idempotency", effects.idempotency, still_claimed_by(str(effects.idempotency.owner)))
    if effects.consume is not None:
        item, condition = effects.consume
        tx.delete("consume", item, condition)


def _quota_put(tx: LabeledTransaction, quota: Quota, code: str) -> None:
    item = QuotaModel(quota.owner, quota.slot, code=code, expires_at=quota.expires_at)
    condition = (
        QuotaModel.owner.does_not_exist() | (QuotaModel.code == code) | (QuotaModel.expires_at <= int(time.time()))
    )
    tx.put("quota", item, condition)


def _quota_free(tx: LabeledTransaction, booking: BookingModel) -> None:
    if booking.email_hash and booking.quota_slot is not None:
        condition = (QuotaModel.code == booking.code) | QuotaModel.owner.does_not_exist()
        tx.delete("quota", QuotaModel(booking.email_hash, int(booking.quota_slot)), condition)


def insert(booking: BookingModel, quota: Quota | None, effects: Effects) -> int:
    """Take the units and write the booking, all or nothing; returns the number of items."""
    tx = LabeledTransaction()
    keys = booking.unit_keys()
    slots.check_not_blocked(tx, keys)
    slots.take_units(tx, keys, booking.code, slots.day_expiry(date.fromisoformat(booking.start[:10])))
    tx.put("code", booking, BookingModel.code.does_not_exist())
    ref = BookingRefModel(manage_ref(booking.token_digest), code=booking.code, expires_at=booking.expires_at)
    tx.put("code", ref, BookingRefModel.ref.does_not_exist())
    if quota is not None:
        _quota_put(tx, quota, booking.code)
    _side_effects(tx, effects)
    tx.commit(BookingModel)
    return len(tx)


def _revised(booking: BookingModel) -> tuple[Any, Any]:
    """The action that raises the revision by one, and the condition that nobody raised it meanwhile."""
    current = int(booking.revision or 0)
    unchanged = BookingModel.revision == current
    if current == 0:  # bookings made before revisions were kept have none
        unchanged = BookingModel.revision.does_not_exist() | unchanged
    return BookingModel.revision.set(current + 1), unchanged


def move(booking: BookingModel, new: Mapping[str, Any], quota: Quota | None, effects: Effects) -> None:
    """Rebook: free the old units and take the new ones in ONE transaction.

    ``new`` holds the booking's new field values (start, end, day_key, counter, unit_pk,
    units, expires_at). Units held before and after stay untouched.
    """
    tx = LabeledTransaction()
    old_keys = set(booking.unit_keys())
    new_keys = [(new["unit_pk"], sk) for sk in new["units"]]
    added = [k for k in new_keys if k not in old_keys]
    slots.check_not_blocked(tx, added)
    slots.free_units(tx, sorted(old_keys - set(new_keys)), booking.code)
    slots.take_units(tx, added, booking.code, slots.day_expiry(date.fromisoformat(new["start"][:10])))
    revise, unchanged = _revised(booking)
    actions = [getattr(BookingModel, name).set(value) for name, value in new.items()]
    actions += [BookingModel.reminder_sent.set(False), revise]
    condition = (BookingModel.start == booking.start) & BookingModel.status.is_in("pending", "confirmed") & unchanged
    tx.update("booking", BookingModel(booking.code), actions, condition)
    ref = BookingRefModel(manage_ref(booking.token_digest), code=booking.code, expires_at=new["expires_at"])
    tx.put("booking", ref)
    if quota is not None:
        _quota_put(tx, quota, booking.code)
    _side_effects(tx, effects)
    tx.commit(BookingModel)
    booking.revision = int(booking.revision or 0) + 1


def change_status(
    booking: BookingModel,
    status: str,
    *,
    free_time: bool,
    free_quota: bool,
    effects: Effects,
    extra_actions: Iterable[Any] = (),
) -> None:
    """Move a booking from its current status to ``status`` (condition: unchanged meanwhile)."""
    tx = LabeledTransaction()
    revise, unchanged = _revised(booking)
    actions = [BookingModel.status.set(status), revise, *extra_actions]
    if booking.pending:
        actions += [BookingModel.pending.remove(), BookingModel.confirm_by.remove()]
    tx.update("booking", BookingModel(booking.code), actions, (BookingModel.status == booking.status) & unchanged)
    if free_time:
        slots.free_units(tx, booking.unit_keys(), booking.code)
    if free_quota:
        _quota_free(tx, booking)
    _side_effects(tx, effects)
    tx.commit(BookingModel)
    booking.revision = int(booking.revision or 0) + 1


def set_fields(booking: BookingModel, condition: Any = None, **values: Any) -> None:
    """Update plain fields (push subscription, reminder flag) with an optional condition."""
    ensure_bound()
    actions = [
        getattr(BookingModel, name).remove() if value is None else getattr(BookingModel, name).set(value)
        for name, value in values.items()
    ]
    booking.update(actions=actions, condition=condition)


def claim_reminder(booking: BookingModel) -> bool:
    """Mark the reminder as sent unless someone already did; True when this caller may send it."""
    ensure_bound()
    not_yet = BookingModel.reminder_sent.does_not_exist() | (BookingModel.reminder_sent == False)  # noqa: E712
    try:
        booking.update(actions=[BookingModel.reminder_sent.set(True)], condition=not_yet)
    except UpdateError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True
