"""Waiting list for earlier appointments.

Table ``booking_waitlist``: hash ``office``, range ``entry`` ("b:<booking code>" for a citizen
with a booking, "e:<e-mail hash>:<service ids>" without one), so joining twice is one entry.
Access patterns: Query by office (the offer job), GetItem/PutItem/DeleteItem by key; a taken
offer deletes the entry inside the booking transaction (condition: it still exists).
Entries expire at the booked appointment, or at the services' booking horizon.
"""

from __future__ import annotations

import time
from typing import Any

from pynamodb.attributes import ListAttribute, UnicodeAttribute

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live


class WaitlistModel(BaseModel):
    table = "booking_waitlist"
    point_in_time_recovery = False

    class Meta(TableMeta):
        pass

    office = UnicodeAttribute(hash_key=True)
    entry = UnicodeAttribute(range_key=True)
    services = ListAttribute[str](of=UnicodeAttribute)  # type: ignore[arg-type]
    code = UnicodeAttribute(null=True)
    name = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    language = UnicodeAttribute(default="de")
    created_at = UnicodeAttribute()
    offered_start = UnicodeAttribute(null=True)


def save(entry: WaitlistModel) -> None:
    ensure_bound()
    entry.save()


def get(office: str, entry: str) -> WaitlistModel | None:
    return get_live(WaitlistModel, office, entry)


def of_office(office: str) -> list[WaitlistModel]:
    ensure_bound()
    now = time.time()
    return [e for e in WaitlistModel.query(office, consistent_read=True) if not e.is_expired(now)]


def delete(office: str, entry: str) -> None:
    ensure_bound()
    WaitlistModel(office, entry).delete()


def forget_booking(office: str, code: str) -> None:
    """Drop a cancelled booking's wish for an earlier time (cancelling and the offer job both need it)."""
    delete(office, entry_of_booking(code))


def entry_of_booking(code: str) -> str:
    return f"b:{code}"


def mark_offered(entry: WaitlistModel, start: str) -> None:
    ensure_bound()
    entry.update(actions=[WaitlistModel.offered_start.set(start)])


def consume(office: str, entry: str) -> tuple[WaitlistModel, Any]:
    """The (item, condition) a booking transaction deletes when an offer is taken."""
    return WaitlistModel(office, entry), WaitlistModel.office.exists()
