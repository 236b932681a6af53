"""Office staff and one office day: the day view, its CSV export, finding a booking by code, undo.

Undo takes back the last staff action on a booking (check-in, no-show, done) on the day it was
made: the booking keeps that action and the status before it until the next change. The undo
itself is written to the audit log like every other change.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from chalicelib.booking import common
from chalicelib.booking import desk as admin
from chalicelib.booking.config import catalogue
from chalicelib.booking.rules import lifecycle as rules
from chalicelib.booking.rules.calendar import BERLIN, UNIT_MINUTES, is_open_day
from chalicelib.booking.rules.slots import ALL_COUNTERS, PICKUP_PREFIX, REGULAR_PREFIX
from chalicelib.booking.store import bookings as booking_store
from chalicelib.booking.store import slots as slots_store
from chalicelib.booking.store.bookings import BookingModel, Effects
from chalicelib.booking.store.tx import TransactionFailed
from chalicelib.platform import audit
from chalicelib.platform.errors import Conflict

UNDOABLE = ("check_in", "no_show", "done")


def _clock(unit: int) -> str:
    minute = unit * UNIT_MINUTES
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _undo_view(b: BookingModel, today: str) -> str | None:
    """The action that can still be undone on this booking today, if any."""
    action = b.last_action
    if action not in UNDOABLE or not b.last_from or not b.last_at:
        return None
    if b.status != rules.TRANSITIONS[action][1] or b.last_at[:10] != today:
        return None
    return action


def day_view(office_id: str, day: date) -> dict[str, Any]:
    """The day's appointments by counter; of personal data only the name (and the code)."""
    cat = catalogue()
    office = cat.office(office_id)
    common.plausible(day, "date")
    occ = slots_store.load_day(office.id, day)
    weekday = day.weekday()
    regular = max((r.counters for r in office.hours.counters.get(weekday, ())), default=0)
    pickup = max((r.counters for r in office.hours.pickup.get(weekday, ())), default=0) + occ.extra.get(day, 0)
    today = _today()
    appointments, cancelled = [], 0
    for b in booking_store.day(office.id, day.isoformat()):
        if b.status in (rules.CANCELLED, rules.RELEASED):
            cancelled += 1
            continue
        appointments.append({**admin.staff_view(b, cat, with_office=False), "undo": _undo_view(b, today)})
    is_open, reason = is_open_day(office.hours, day)
    return {
        "office": {"id": office.id, "name": office.name},
        "date": day.isoformat(),
        "closed": None if is_open else reason,
        "counters": [f"{REGULAR_PREFIX}{i}" for i in range(1, regular + 1)],
        "pickup_places": [f"{PICKUP_PREFIX}{i}" for i in range(1, pickup + 1)],
        "extra_pickup": occ.extra.get(day, 0),
        "appointments": sorted(appointments, key=lambda a: (a["start"], a["counter"])),
        "cancelled": cancelled,
        "blocks": [
            {
                "id": blk.block_id,
                "counter": None if blk.counter == ALL_COUNTERS else blk.counter,
                "from": _clock(blk.first_unit),
                "to": _clock(blk.end_unit),
                "reason": blk.reason,
            }
            for blk in sorted(occ.blocks, key=lambda x: (x.first_unit, x.counter))
        ],
    }


def _today() -> str:
    return common.now().astimezone(BERLIN).date().isoformat()


def find(code: str) -> dict[str, Any]:
    """One booking by its code, on any day: where and when, to open its day."""
    b = admin.get_booking(code)
    return {"booking": {**admin.staff_view(b, catalogue()), "date": b.start[:10], "undo": _undo_view(b, _today())}}


# --- undo ----------------------------------------------------------------------------------------


def undo(actor: str, code: str, expected: str | None) -> dict[str, Any]:
    """Take back the last check-in, no-show or done of a booking, on the day it was made.

    A booking that was unconfirmed before goes back to confirmed: staff have dealt with the
    citizen in person. The e-mail's quota place freed by no-show or done is not taken again;
    it would end with today's appointment anyway.
    """
    cat = catalogue()
    for _ in range(3):
        b = admin.get_booking(code)
        action = _undo_view(b, _today())
        if action is None:
            if b.last_action in UNDOABLE and b.last_at and b.last_at[:10] != _today():
                raise Conflict("Only changes made today can be undone.", code="undo_too_late")
            raise Conflict("There is nothing to undo for this booking.", code="nothing_to_undo")
        if expected and expected != action:
            raise Conflict("The last change of this booking was a different one.", code="undo_other_action")
        target = rules.CONFIRMED if b.last_from == rules.PENDING else str(b.last_from)
        event = rules.stat_event(b.status) or action
        stats = common.add_stats({}, b.start[:10], b.office, rules.per_service(b.services, event, sign=-1))
        forget = [BookingModel.last_action.remove(), BookingModel.last_from.remove(), BookingModel.last_at.remove()]
        try:
            booking_store.change_status(
                b, target, free_time=False, free_quota=False, effects=Effects(stats), extra_actions=forget
            )
        except TransactionFailed:
            continue
        audit.record(actor, "booking.undo", b.code, office=b.office, undone=action, status=target)
        b.status, b.last_action, b.last_from, b.last_at = target, None, None, None
        return {"booking": admin.staff_view(b, cat), "undone": action}
    raise Conflict("The booking is being changed; please try again.", code="busy")


# --- export --------------------------------------------------------------------------------------

COLUMNS = {
    "de": ("Beginn", "Ende", "Schalter", "Name", "Buchungscode", "Leistungen", "Status", "Kanal"),
    "en": ("Start", "End", "Counter", "Name", "Booking code", "Services", "Status", "Channel"),
}
STATUS_WORDS = {
    "de": {
        rules.PENDING: "Unbestätigt",
        rules.CONFIRMED: "Bestätigt",
        rules.CHECKED_IN: "Eingecheckt",
        rules.NO_SHOW: "Nicht erschienen",
        rules.DONE: "Erledigt",
    },
    "en": {
        rules.PENDING: "Not confirmed",
        rules.CONFIRMED: "Confirmed",
        rules.CHECKED_IN: "Checked in",
        rules.NO_SHOW: "No-show",
        rules.DONE: "Done",
    },
}
CHANNEL_WORDS = {
    "de": {rules.ONLINE: "Online", rules.PHONE: "Telefon"},
    "en": {rules.ONLINE: "Online", "phone": "Phone"},
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character is quoted away."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def day_csv(office_id: str, day: date, lang: str) -> tuple[str, str]:
    """The day's list as CSV (file name, text): semicolons for German spreadsheets, commas for English."""
    view = day_view(office_id, day)
    lang = "en" if lang == "en" else "de"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "de" else ",", lineterminator="\r\n")
    writer.writerow(COLUMNS[lang])
    for a in view["appointments"]:
        writer.writerow(
            [
                _wall(a["start"]),
                _wall(a["end"]),
                a["counter"],
                _cell(a["name"]),
                a["code"],
                _cell(", ".join(s["name"][lang] for s in a["services"])),
                STATUS_WORDS[lang].get(a["status"], a["status"]),
                CHANNEL_WORDS[lang].get(a["channel"], a["channel"]),
            ]
        )
    prefix = "termine" if lang == "de" else "appointments"
    return f"{prefix}-{view['office']['id']}-{view['date']}.csv", "\ufeff" + out.getvalue()


def _wall(iso_text: str) -> str:
    return datetime.fromisoformat(iso_text).astimezone(BERLIN).strftime("%H:%M")


def checked_in(office_id: str, day: date) -> list[tuple[str, datetime]]:
    """Codes and start times of today's appointments checked in at the desk and not finished yet:
    the walk-in queue calls them in the same order as its tickets (one Query)."""
    return [
        (b.code, common.parse_iso(b.start))
        for b in booking_store.day(office_id, day.isoformat())
        if b.status == rules.CHECKED_IN
    ]
