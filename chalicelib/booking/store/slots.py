"""Taken appointment capacity: one item per occupied (office, day, counter, 5-minute unit).

Table ``booking_slots``, keys:
- pk ``"<office>#<YYYY-MM>"``: one partition per office and month, so ONE Query (paginated)
  returns everything that limits a month's availability.
- sk ``"<YYYY-MM-DD>#<counter>#<unit:03d>"``: a unit taken by a booking (kind "unit") or blocked
  by staff (kind "block"); counter ``"*"`` blocks the unit on every counter and pickup place.
- sk ``"<YYYY-MM-DD>#~extra"``: extra pickup places staff added for that day (``places``).
- sk ``"<YYYY-MM-DD>#~block#<id>"``: the record of a staff block (range, counter, reason).

Access patterns: Query pk (month view, bookings), Query pk + begins_with(date) (day view, day
slots); conditional Put/Delete of units inside the booking transactions; UpdateItem ADD for
extra places; conditional Put per unit for blocks. Items expire the day after their date.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError, PutError, UpdateError

from chalicelib.booking.rules.calendar import BERLIN, UNIT_MINUTES, local_dt
from chalicelib.booking.store.tx import LabeledTransaction
from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, epoch

ALL = "*"
EXTRA = "~extra"
BLOCK = "~block"

Key = tuple[str, str]  # (pk, sk)


class SlotItemModel(BaseModel):
    table = "booking_slots"

    class Meta(TableMeta):
        pass

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute(default="unit")  # unit | block | extra | blockrec
    owner = UnicodeAttribute(null=True)  # booking code or block id
    places = NumberAttribute(null=True)
    counter = UnicodeAttribute(null=True)
    first_unit = NumberAttribute(null=True)
    end_unit = NumberAttribute(null=True)
    reason = UnicodeAttribute(null=True)


@dataclass(frozen=True)
class BlockRecord:
    block_id: str
    day: date
    counter: str
    first_unit: int
    end_unit: int
    reason: str


@dataclass
class Occupancy:
    """What the slot engine needs for some days of one office, plus who holds each unit."""

    taken: dict[date, set[tuple[str, int]]] = field(default_factory=dict)
    owners: dict[tuple[date, str, int], str] = field(default_factory=dict)
    extra: dict[date, int] = field(default_factory=dict)
    blocks: list[BlockRecord] = field(default_factory=list)
    queries: int = 0

    def taken_on(self, day: date) -> set[tuple[str, int]]:
        return self.taken.get(day, set())

    def merge(self, other: Occupancy) -> None:
        self.taken.update(other.taken)
        self.owners.update(other.owners)
        self.extra.update(other.extra)
        self.blocks.extend(other.blocks)
        self.queries += other.queries


def month_pk(office: str, day: date) -> str:
    return f"{office}#{day:%Y-%m}"


def unit_key(office: str, day: date, counter: str, unit: int) -> Key:
    return month_pk(office, day), f"{day.isoformat()}#{counter}#{unit:03d}"


def day_expiry(day: date) -> int:
    """Capacity items matter until their day is over; keep them one more day for the day view."""
    return epoch(local_dt(day + timedelta(days=2), datetime.min.time()))


def _read(items: Iterable[SlotItemModel], now: float) -> Occupancy:
    occ = Occupancy()
    for item in items:
        if item.is_expired(now):
            continue
        day_text, _, rest = item.sk.partition("#")
        day = date.fromisoformat(day_text)
        if rest == EXTRA:
            occ.extra[day] = int(item.places or 0)
        elif rest.startswith(BLOCK):
            occ.blocks.append(
                BlockRecord(
                    item.owner or "",
                    day,
                    item.counter or ALL,
                    int(item.first_unit or 0),
                    int(item.end_unit or 0),
                    item.reason or "",
                )
            )
        else:
            counter, _, unit_text = rest.partition("#")
            unit = int(unit_text)
            occ.taken.setdefault(day, set()).add((counter, unit))
            occ.owners[(day, counter, unit)] = item.owner or ""
    return occ


def load_month(office: str, year: int, month: int) -> Occupancy:
    """Everything taken in one office-month: one Query (pages of 1 MB follow automatically).

    Eventually consistent (half the read cost): it feeds what citizens browse and the
    suggestions after a conflict; the booking itself checks its day with a consistent read
    and, in the end, with the transaction's conditions.
    """
    ensure_bound()
    results = SlotItemModel.query(f"{office}#{year:04d}-{month:02d}")
    occ = _read(results, time.time())
    occ.queries = 1
    return occ


def load_day(office: str, day: date) -> Occupancy:
    ensure_bound()
    results = SlotItemModel.query(
        month_pk(office, day), SlotItemModel.sk.startswith(f"{day.isoformat()}#"), consistent_read=True
    )
    occ = _read(results, time.time())
    occ.taken.setdefault(day, set())
    occ.queries = 1
    return occ


# --- inside booking transactions -----------------------------------------------------------


def check_not_blocked(tx: LabeledTransaction, keys: Iterable[Key]) -> None:
    """Fail the transaction if staff blocked any of these units on all counters meanwhile.

    Blocks on all counters are written once as ("*", unit) rather than onto every counter:
    the number of counters varies during a day and staff may add pickup places after a block,
    which a per-counter copy would miss. The price is one ConditionCheck per booked unit.
    """
    for pk, sk in keys:
        day, _, rest = sk.partition("#")
        unit = rest.rpartition("#")[2]
        tx.check("slot", SlotItemModel, pk, f"{day}#{ALL}#{unit}", SlotItemModel.pk.does_not_exist())


def take_units(tx: LabeledTransaction, keys: Iterable[Key], owner: str, expires_at: int) -> None:
    for pk, sk in keys:
        item = SlotItemModel(pk, sk, kind="unit", owner=owner, expires_at=expires_at)
        tx.put("slot", item, SlotItemModel.pk.does_not_exist())


def free_units(tx: LabeledTransaction, keys: Iterable[Key], owner: str) -> None:
    # Only the owner's own units go; a unit that is already gone is fine.
    condition = (SlotItemModel.owner == owner) | SlotItemModel.pk.does_not_exist()
    for pk, sk in keys:
        tx.delete("slot", SlotItemModel(pk, sk), condition)


# --- staff: extra pickup places and blocks ----------------------------------------------------


def add_extra_places(office: str, day: date, places: int, limit: int) -> int | None:
    """Add pickup places for a day; None when the total would exceed ``limit``."""
    ensure_bound()
    item = SlotItemModel(month_pk(office, day), f"{day.isoformat()}#{EXTRA}")
    condition = SlotItemModel.places.does_not_exist() | (SlotItemModel.places <= limit - places)
    try:
        item.update(
            actions=[
                SlotItemModel.places.add(places),
                SlotItemModel.kind.set("extra"),
                SlotItemModel.expires_at.set(day_expiry(day)),
            ],
            condition=condition,
        )
    except UpdateError as exc:
        if getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException":
            return None
        raise
    return int(item.places or 0)


def write_block(office: str, day: date, block: BlockRecord, units: Iterable[int]) -> list[int]:
    """Block units of one counter (or ``*``); returns the units that were already taken.

    Each unit is a conditional Put of its own: a whole-day block is more units than one
    transaction holds, and a unit someone booked first simply stays booked (staff see it).
    """
    ensure_bound()
    pk = month_pk(office, day)
    expires = day_expiry(day)
    SlotItemModel(
        pk,
        f"{day.isoformat()}#{BLOCK}#{block.block_id}",
        kind="blockrec",
        owner=block.block_id,
        counter=block.counter,
        first_unit=block.first_unit,
        end_unit=block.end_unit,
        reason=block.reason,
        expires_at=expires,
    ).save()
    skipped = []
    for unit in units:
        item = SlotItemModel(pk, unit_key(office, day, block.counter, unit)[1], kind="block", owner=block.block_id)
        item.expires_at = expires
        try:
            item.save(condition=SlotItemModel.pk.does_not_exist())
        except PutError as exc:
            if getattr(exc, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise
            skipped.append(unit)
    return skipped


def delete_block(office: str, day: date, block_id: str) -> bool:
    ensure_bound()
    pk = month_pk(office, day)
    try:
        record = SlotItemModel.get(pk, f"{day.isoformat()}#{BLOCK}#{block_id}", consistent_read=True)
    except SlotItemModel.DoesNotExist:
        return False
    for unit in range(int(record.first_unit or 0), int(record.end_unit or 0)):
        item = SlotItemModel(pk, unit_key(office, day, record.counter or ALL, unit)[1])
        try:
            item.delete(condition=SlotItemModel.owner == block_id)
        except DeleteError as exc:  # a unit someone else holds is not ours to free
            if getattr(exc, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise
    record.delete()
    return True


def minutes_to_unit(minute: int) -> int:
    return minute // UNIT_MINUTES


def berlin_day(moment: datetime) -> date:
    return moment.astimezone(BERLIN).date()
