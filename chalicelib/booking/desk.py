"""Office staff: check-in, no-show, done, phone bookings, blocks, extra pickup places, statistics.

Every change is written to the audit log with the booking code or block id as its target and
never a citizen's name, e-mail address or phone number.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import Any

from chalicelib.booking import common
from chalicelib.booking.config import Catalogue, Office, catalogue
from chalicelib.booking.rules import lifecycle as rules
from chalicelib.booking.rules.calendar import BERLIN, UNIT_MINUTES, is_open_day
from chalicelib.booking.rules.slots import ALL_COUNTERS, PICKUP_PREFIX, REGULAR_PREFIX
from chalicelib.booking.store import bookings as booking_store
from chalicelib.booking.store import slots as slots_store
from chalicelib.booking.store.bookings import BookingModel, Effects
from chalicelib.booking.store.tx import TransactionFailed
from chalicelib.platform import audit, day_names
from chalicelib.platform.aws import tokens
from chalicelib.platform.errors import Conflict, DomainError, NotFound, ValidationFailed

log = logging.getLogger("buergerservice.booking")
MAX_EXTRA_PICKUP = 20


def _office(office_id: str) -> tuple[Catalogue, Office]:
    cat = catalogue()
    return cat, cat.office(office_id)


def normalise_code(code: str) -> str:
    """The stored form of a typed, read or scanned code (any case, with or without spaces and dashes)."""
    canonical = tokens.canonical_code(code)
    if canonical is None:  # also every code of the old alphabet, such as "8EBDZRPS"
        raise ValidationFailed(
            "This is not a booking code.",
            fields={"code": "is not a booking code: 8 characters from 3-9, F, K, R, U and X, like 7KXR-94FU"},
        )
    return canonical


def get_booking(code: str) -> BookingModel:
    b = booking_store.get(normalise_code(code))
    if b is None:
        raise NotFound("There is no booking with this code.", code="booking_not_found")
    return b


def staff_view(b: BookingModel, cat: Catalogue, *, with_office: bool = True) -> dict[str, Any]:
    return {
        "code": b.code,
        "name": b.name,
        **({"office": common.office_view(cat, b.office)} if with_office else {}),
        "start": b.start,
        "end": b.end,
        "counter": b.counter,
        "services": [{"id": s["id"], "name": s["name"]} for s in common.services_view(cat, list(b.services))],
        "status": b.status,
        "channel": b.channel,
        "order_reference": b.order_reference,
    }


def _transition(actor: str, code: str, action: str, check: Any = None) -> tuple[BookingModel, Catalogue]:
    cat = catalogue()
    for _ in range(3):
        b = get_booking(code)
        target = rules.TRANSITIONS[action][1]
        if b.status == target:
            return b, cat  # pressing the button twice changes nothing
        rules.next_status(action, b.status)
        if check:
            check(b)
        event = rules.stat_event(target) or action
        stats = common.add_stats({}, b.start[:10], b.office, rules.per_service(b.services, event))
        done = target in (rules.NO_SHOW, rules.DONE)
        # Remember this action and the status before it: staff may undo it today (day.undo).
        moment = common.iso(common.now())
        last = [
            BookingModel.last_action.set(action),
            BookingModel.last_from.set(b.status),
            BookingModel.last_at.set(moment),
        ]
        try:
            booking_store.change_status(
                b, target, free_time=False, free_quota=done, effects=Effects(stats), extra_actions=last
            )
        except TransactionFailed:
            continue
        audit.record(actor, f"booking.{action}", b.code, office=b.office, status=target)
        b.last_action, b.last_from, b.last_at = action, b.status, moment
        b.status = target
        return b, cat
    raise Conflict("The booking is being changed; please try again.", code="busy")


def check_in(actor: str, code: str, office_id: str | None) -> dict[str, Any]:
    def same_day_and_office(b: BookingModel) -> None:
        if office_id and b.office != office_id:
            raise Conflict(
                "This appointment is booked at another office.", code="wrong_office", details={"office": b.office}
            )
        today = common.now().astimezone(BERLIN).date().isoformat()
        if b.start[:10] != today:
            spelled = day_names.spelled(date.fromisoformat(b.start[:10]), "en")
            raise Conflict(
                f"This appointment is on {spelled}, not today.", code="not_today", details={"date": b.start[:10]}
            )

    b, cat = _transition(actor, code, "check_in", same_day_and_office)
    return {"booking": staff_view(b, cat)}


def no_show(actor: str, code: str) -> dict[str, Any]:
    def begun(b: BookingModel) -> None:
        if common.parse_iso(b.start) > common.now():
            raise Conflict("The appointment has not begun yet.", code="not_begun")

    b, cat = _transition(actor, code, "no_show", begun)
    return {"booking": staff_view(b, cat)}


def done(actor: str, code: str, survey_id: str | None) -> dict[str, Any]:
    b, cat = _transition(actor, code, "done")
    answer: dict[str, Any] = {"booking": staff_view(b, cat)}
    link = _visit_link(b, cat, survey_id) if survey_id else None
    if link:
        answer["rate_visit_url"] = link["url"]
        answer["rate_visit_qr_svg"] = link.get("qr_svg")
    return answer


def _visit_link(b: BookingModel, cat: Catalogue, survey_id: str) -> dict[str, Any] | None:
    """A "rate this visit" link from the survey module, when it is installed and the survey open."""
    try:
        from chalicelib.surveys import visit_links  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    category = next((cat.categories.get(s) for s in b.services if cat.categories.get(s)), None)
    if not category:
        return None
    try:
        link: dict[str, Any] = visit_links.create(survey_id, b.office, category, None)
    except DomainError as exc:
        log.info("no visit link: %s", exc.code)
        return None
    return link


def cancel(actor: str, code: str) -> dict[str, Any]:
    from chalicelib.booking.manage import cancel_booking

    cat = catalogue()
    b = cancel_booking(get_booking(code), cat)
    audit.record(actor, "booking.cancel", b.code, office=b.office)
    return {"booking": staff_view(b, cat)}


def book_for_caller(actor: str, body: dict[str, Any], idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
    """Book on behalf of a caller: confirmed at once; the e-mail is optional (read the code out)."""
    from chalicelib.booking.book import Request, book

    common.texts_ok({k: body.get(k) for k in ("name", "email", "phone")})
    request = Request(
        office=body["office"],
        services=body["services"],
        start=body["start"],
        name=body["name"],
        email=body.get("email"),
        phone=body.get("phone"),
        language=body.get("language") or "de",
        channel=rules.PHONE,
        confirmed=True,
        send_mail=bool(body.get("send_confirmation", True)),
    )
    status, answer = book(request, idempotency_key=idempotency_key, rate_limited=False)
    code = answer["booking"]["code"]
    audit.record(actor, "booking.phone", code, office=request.office)
    return status, answer


# --- capacity: blocks and extra pickup places -------------------------------------------------


def _units(day: date, start: str, end: str) -> tuple[int, int]:
    first = datetime.combine(day, time.fromisoformat(start))
    last = datetime.combine(day, time.fromisoformat(end))
    first_min, last_min = first.hour * 60 + first.minute, last.hour * 60 + last.minute
    off_grid = {
        name: "must be a multiple of 5" for name, m in (("from", first_min), ("to", last_min)) if m % UNIT_MINUTES
    }
    if off_grid:
        raise ValidationFailed("Times must be multiples of 5 minutes.", fields=off_grid)
    if last_min <= first_min:
        raise ValidationFailed("The end must be after the start.", fields={"to": "must be after from"})
    return first_min // UNIT_MINUTES, last_min // UNIT_MINUTES


def block(actor: str, body: dict[str, Any]) -> dict[str, Any]:
    office = catalogue().office(body["office"])
    day: date = common.plausible(body["date"], "date")
    common.texts_ok({"reason": body.get("reason")})
    counter = body.get("counter") or ALL_COUNTERS
    if counter != ALL_COUNTERS and not (counter[:1] in (REGULAR_PREFIX, PICKUP_PREFIX) and counter[1:].isdigit()):
        raise ValidationFailed("Name a counter like C1 or a pickup place like P1.", fields={"counter": "unknown"})
    if day < common.now().astimezone(BERLIN).date():
        raise ValidationFailed("The day lies in the past.", fields={"date": "lies in the past"})
    first, end = _units(day, body["from"], body["to"])
    block_id = f"{office.id}.{day.isoformat()}.{tokens.random_token(6)}"
    record = slots_store.BlockRecord(block_id, day, counter, first, end, body.get("reason") or "")
    skipped = slots_store.write_block(office.id, day, record, range(first, end))
    occ = slots_store.load_day(office.id, day)
    owners = {
        owner
        for (d, c, u), owner in occ.owners.items()
        # block ids contain dots, booking codes never do
        if d == day and first <= u < end and (counter == ALL_COUNTERS or c == counter) and "." not in owner
    }
    # Only appointments still to come need moving; finished ones keep their units for the record.
    affected = sorted(
        code for code in owners if (b := booking_store.get(code)) is not None and b.status in ("pending", "confirmed")
    )
    audit.record(actor, "booking.block", block_id, office=office.id, counter=counter, units=end - first)
    return {
        "block": {"id": block_id, "counter": None if counter == ALL_COUNTERS else counter},
        "already_taken_units": len(skipped),
        "affected_bookings": affected,  # codes: staff decide whether to move or cancel them
    }


def unblock(actor: str, block_id: str) -> None:
    parts = block_id.split(".")
    try:
        day = date.fromisoformat(parts[1]) if len(parts) == 3 else None
    except ValueError:
        day = None
    if day is None or not slots_store.delete_block(parts[0], day, block_id):
        raise NotFound("There is no such block.", code="block_not_found")
    audit.record(actor, "booking.unblock", block_id, office=parts[0])


def add_pickup(actor: str, office_id: str, day: date, places: int) -> dict[str, Any]:
    office = catalogue().office(office_id)
    common.plausible(day, "date")
    is_open, reason = is_open_day(office.hours, day)
    if not is_open:
        raise ValidationFailed(f"The office is closed on this day: {reason}.", fields={"date": "office closed"})
    if day < common.now().astimezone(BERLIN).date():
        raise ValidationFailed("The day lies in the past.", fields={"date": "lies in the past"})
    total = slots_store.add_extra_places(office.id, day, places, MAX_EXTRA_PICKUP)
    if total is None:
        raise Conflict(f"At most {MAX_EXTRA_PICKUP} extra pickup places per day.", code="too_many_places")
    audit.record(actor, "booking.extra_pickup", f"{office.id}.{day.isoformat()}", places=places, total=total)
    return {"office": office.id, "date": day.isoformat(), "extra_pickup": total}


def statistics(month: str, office_id: str | None) -> dict[str, Any]:
    """Anonymous counts per day, office and service; they outlive the bookings' personal data."""
    common.month_of(month)
    rows = []
    totals: dict[str, int] = dict.fromkeys(rules.STAT_EVENTS, 0)
    by_service: dict[str, dict[str, int]] = {}
    for item in booking_store.stats_month(month):
        day_iso, office, service = item.key.split("#", 2)
        if office_id and office != office_id:
            continue
        counts = {event: int(getattr(item, event) or 0) for event in rules.STAT_EVENTS}
        rows.append({"date": day_iso, "office": office, "service": service, **counts})
        for event, n in counts.items():
            totals[event] += n
            by_service.setdefault(service, dict.fromkeys(rules.STAT_EVENTS, 0))[event] += n
    return {"month": month, "office": office_id, "rows": rows, "totals": totals, "by_service": by_service}
