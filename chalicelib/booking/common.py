"""Shared pieces of the booking use cases: clock, occupancy around a day, views, links, tokens."""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from chalicelib.booking.config import Catalogue, Office
from chalicelib.booking.rules.calendar import BERLIN
from chalicelib.booking.rules.catalogue import Service
from chalicelib.booking.rules.slots import Slot, check_requested_start, free_starts
from chalicelib.booking.store import bookings as booking_store
from chalicelib.booking.store import slots as slots_store
from chalicelib.booking.store.bookings import BookingModel
from chalicelib.booking.store.slots import Occupancy
from chalicelib.platform.aws import tokens
from chalicelib.platform.errors import Conflict, Gone, NotFound, ValidationFailed
from chalicelib.platform.settings import get_settings

AUDIENCE = "booking"
CONFIRM_PURPOSE = "booking-confirm"
MANAGE_PURPOSE = "booking-manage"
OFFER_PURPOSE = "booking-offer"
MAX_TOKEN_LEN = 1000


def now() -> datetime:
    return datetime.now(UTC)


EARLIEST_YEAR, LATEST_YEAR = 2000, 2100  # outside these no office is open; beyond them date maths overflows


def plausible(day: date, field: str) -> date:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValidationFailed("This date is out of range.", fields={field: "is not a plausible date"})
    return day


def aware(start: datetime) -> datetime:
    if start.tzinfo is None:
        raise ValidationFailed("must include a UTC offset", fields={"start": "must include a UTC offset"})
    plausible(start.date(), "start")
    return start


def texts_ok(values: Mapping[str, Any]) -> None:
    """Refuse text that cannot be stored or mailed as UTF-8 (JSON may carry lone surrogates)."""
    bad = {}
    for name, value in values.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                bad[name] = "contains characters that are not allowed"
    if bad:
        raise ValidationFailed("Some fields contain characters that are not allowed.", fields=bad)


def token_ok(token: str) -> bool:
    """Tokens we hand out are short ASCII; anything else cannot be one of ours."""
    return bool(token) and len(token) <= MAX_TOKEN_LEN and token.isascii()


def iso(moment: datetime) -> str:
    return moment.astimezone(BERLIN).isoformat()


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def month_of(text: str, field: str = "month") -> tuple[int, int]:
    try:
        parsed = datetime.strptime(text, "%Y-%m")
    except ValueError:
        raise ValidationFailed("The month must look like 2026-06.", fields={field: "must be YYYY-MM"}) from None
    plausible(parsed.date(), field)
    return parsed.year, parsed.month


def service_ids(text: str) -> list[str]:
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise ValidationFailed("Choose at least one service.", fields={"services": "choose at least one service"})
    return ids


# --- occupancy ---------------------------------------------------------------------------------


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def occupancy_around(office: str, day: date, *, months: int = 1) -> Occupancy:
    """The month of ``day`` (and following months when asked), one Query each."""
    occ = Occupancy()
    year, month = day.year, day.month
    for _ in range(months):
        if year > LATEST_YEAR:
            break
        occ.merge(slots_store.load_month(office, year, month))
        year, month = _next_month(year, month)
    return occ


def occupancy_of_day(office: str, day: date) -> Occupancy:
    """What a booking needs to check its start: one Query of that office-day."""
    return slots_store.load_day(office, day)


def check_start(
    office: Office,
    services: list[Service],
    start: datetime,
    moment: datetime,
    *,
    own: AbstractSet[tuple[str, int]] = frozenset(),
    lead_minutes: int | None = None,
) -> Slot:
    """The slot for ``start`` on fresh data; when it is taken, a Conflict with the next free times.

    Only the day is read on the happy path; the two months searched for suggestions are read
    only when they are needed. ``lead_minutes`` replaces the services' lead time (staff bookings).
    """
    day = start.astimezone(BERLIN).date()
    occ = occupancy_of_day(office.id, day)
    try:
        return check_requested_start(
            office.hours,
            services,
            start,
            occ.taken_on(day) - own,
            moment,
            extra_pickup=occ.extra.get(day, 0),
            lead_minutes=lead_minutes,
        )
    except Conflict:
        raise taken(office, services, start, moment, lead_minutes=lead_minutes) from None


def taken(
    office: Office, services: list[Service], start: datetime, moment: datetime, *, lead_minutes: int | None = None
) -> Conflict:
    occ = occupancy_around(office.id, start.astimezone(BERLIN).date(), months=2)
    next_free = suggestions(office.hours, services, start, occ, moment, months=2, lead_minutes=lead_minutes)
    return Conflict("this time is no longer available", details={"next_free": next_free})


def later_days(occ: Occupancy, day: date, months: int = 1) -> dict[date, set[tuple[str, int]]]:
    """Every loaded day after ``day`` (empty days included: the slot engine searches only these)."""
    out: dict[date, set[tuple[str, int]]] = {}
    year, month = day.year, day.month
    for _ in range(months):
        last = stdlib_calendar.monthrange(year, month)[1]
        for d in range(1, last + 1):
            current = date(year, month, d)
            if current > day:
                out[current] = occ.taken_on(current)
        year, month = _next_month(year, month)
    return out


def suggestions(
    office_hours: Any,
    services: list[Service],
    after: datetime,
    occ: Occupancy,
    moment: datetime,
    *,
    months: int = 1,
    limit: int = 3,
    lead_minutes: int | None = None,
) -> list[str]:
    """Up to ``limit`` free starts after ``after`` among the loaded days (the ``months`` from its month)."""
    day = after.astimezone(BERLIN).date()
    found: list[Slot] = []
    for current in [day, *sorted(later_days(occ, day, months))]:
        taken, extra = occ.taken_on(current), occ.extra.get(current, 0)
        starts = free_starts(office_hours, current, services, taken, moment, extra, lead_minutes=lead_minutes)
        found.extend(s for s in starts if s.start > after)
        if len(found) >= limit:
            break
    return [iso(s.start) for s in found[:limit]]


def own_units(b: BookingModel, day: date) -> set[tuple[str, int]]:
    """The units a booking itself holds on ``day`` (a rebook may shift onto them)."""
    out = set()
    for pk, sk in b.unit_keys():
        day_text, counter, unit = sk.split("#")
        if day_text == day.isoformat() and pk.startswith(f"{b.office}#"):
            out.add((counter, int(unit)))
    return out


# --- statistics deltas ---------------------------------------------------------------------------


def add_stats(
    acc: dict[tuple[str, str, str], dict[str, int]], day_iso: str, office: str, deltas: Mapping[str, Mapping[str, int]]
) -> dict[tuple[str, str, str], dict[str, int]]:
    for service, changes in deltas.items():
        slot = acc.setdefault((day_iso, office, service), {})
        for event, n in changes.items():
            slot[event] = slot.get(event, 0) + n
    return acc


# --- tokens and links ----------------------------------------------------------------------------


def base_url() -> str:
    return get_settings().public_base_url


def links(token: str) -> dict[str, str]:
    t = quote(token, safe="")
    base = base_url()
    return {
        "manage": f"{base}/termin/verwalten?token={t}",
        "ics": f"{base}/api/booking/ics?token={t}",
        "qr": f"{base}/api/booking/qr?token={t}",
    }


def confirm_link(token: str) -> str:
    return f"{base_url()}/termin/bestaetigen?token={quote(token, safe='')}"


def confirm_token(code: str, minutes: int) -> str:
    return tokens.sign({"c": code}, purpose=CONFIRM_PURPOSE, ttl_seconds=minutes * 60, audience=AUDIENCE)


def signed_manage_token(b: BookingModel) -> str:
    """A manage link for later messages (reminders): we keep only the digest of the random one."""
    end = parse_iso(b.end)
    ttl = max(int((end - now()).total_seconds()) + 86400, 3600)
    return tokens.sign({"c": b.code}, purpose=MANAGE_PURPOSE, ttl_seconds=ttl, audience=AUDIENCE)


def by_token(token: str) -> BookingModel:
    """The booking a manage token (random, or signed for reminders) stands for."""
    booking = None
    if token_ok(token):
        if token.count(".") == 2:
            claims = tokens.verify(token, purpose=MANAGE_PURPOSE, audience=AUDIENCE, required=("c",))
            booking = booking_store.get(str(claims["c"])) if claims else None
        else:
            booking = booking_store.by_token_digest(tokens.digest(token))
    if booking is None:
        raise NotFound("This link is not valid (any more). Please use the link from your latest e-mail.")
    return booking


def gone(message: str, code: str = "gone") -> Gone:
    return Gone(message, code=code)


# --- views -----------------------------------------------------------------------------------------


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def services_view(cat: Catalogue, ids: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for service_id in ids:
        s = cat.services.get(service_id)
        if s is None:
            out.append({"id": service_id, "name": {"de": service_id, "en": service_id}})
            continue
        out.append(
            {
                "id": s.id,
                "name": {"de": s.name_de, "en": s.name_en},
                "duration_minutes": s.duration_minutes,
                "documents": {"de": list(s.documents_de), "en": list(s.documents_en)},
            }
        )
    return out


def checklist(cat: Catalogue, ids: list[str]) -> dict[str, list[str]]:
    chosen = [cat.services[i] for i in ids if i in cat.services]
    return {
        "de": _unique(d for s in chosen for d in s.documents_de),
        "en": _unique(d for s in chosen for d in s.documents_en),
    }


def office_view(cat: Catalogue, office_id: str) -> dict[str, Any]:
    office = cat.offices.get(office_id)
    if office is None:
        return {"id": office_id, "name": office_id, "address": ""}
    return {"id": office.id, "name": office.name, "address": office.address}


def booking_view(b: BookingModel, cat: Catalogue) -> dict[str, Any]:
    """What the holder of the manage link (or the booking's own answer) shows."""
    return {
        "code": b.code,
        "status": b.status,
        "office": office_view(cat, b.office),
        "services": services_view(cat, list(b.services)),
        "checklist": checklist(cat, list(b.services)),
        "start": b.start,
        "end": b.end,
        "counter": b.counter,
        "name": b.name,
        "email": b.email,
        "phone": b.phone,
        "language": b.language,
        "channel": b.channel,
        "confirm_by": iso(datetime.fromtimestamp(b.confirm_by, UTC)) if b.confirm_by else None,
        "push": bool(b.push),
        "order_reference": b.order_reference,
    }


def expires_after(end: datetime, retention_days: int) -> int:
    return int((end + timedelta(days=retention_days)).timestamp())
