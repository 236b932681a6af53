"""'Tell me if something earlier frees up': join the list, offer freed times, take an offer.

Offers are first come, first served rather than held: every waiting citizen for whom a freed
time is earlier gets the same offer (Web Push or e-mail) with a signed link valid for
``waitlist_offer_minutes``. Taking it is an ordinary booking transaction, so the database
lets exactly one win and the others get 409 with the next free times. A hold would keep the
time from everyone (online bookers and staff too) while a possibly absent citizen decides.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from chalicelib.booking import common
from chalicelib.booking.config import Catalogue, Office, catalogue
from chalicelib.booking.rules import lifecycle as rules
from chalicelib.booking.rules import mails as booking_mails
from chalicelib.booking.rules.calendar import BERLIN
from chalicelib.booking.rules.catalogue import Service
from chalicelib.booking.rules.slots import Slot, free_starts
from chalicelib.booking.store import bookings as booking_store
from chalicelib.booking.store import waitlist as store
from chalicelib.booking.store.bookings import BookingModel
from chalicelib.booking.store.slots import Occupancy, load_month
from chalicelib.platform import idempotency
from chalicelib.platform.aws import tokens
from chalicelib.platform.aws.keyring import keyed_hash
from chalicelib.platform.errors import Conflict, ValidationFailed


def _expiry(moment: datetime, days: int) -> int:
    return int((moment + timedelta(days=days)).timestamp())


def join(body: dict[str, Any], client_ip: str) -> dict[str, Any]:
    cat = catalogue()
    moment = common.now()
    if body.get("token"):
        extra = {k: "is not allowed together with a booking token" for k in body if k != "token"}
        if extra:
            raise ValidationFailed("Send either a booking token or office, services and e-mail.", fields=extra)
        b = common.by_token(body["token"])
        if b.status not in rules.CHANGEABLE or common.parse_iso(b.start) <= moment:
            raise Conflict("This booking cannot be moved any more.", code="booking_status")
        entry = store.WaitlistModel(
            b.office,
            store.entry_of_booking(b.code),
            services=list(b.services),
            code=b.code,
            language=b.language,
            created_at=moment.isoformat(timespec="seconds"),
            expires_at=int(common.parse_iso(b.start).timestamp()),
        )
    else:
        entry = _entry_without_booking(body, cat, moment, client_ip)
    store.save(entry)
    return {
        "waitlist": {
            "office": entry.office,
            "services": list(entry.services),
            "booking": entry.code,
            "until": common.iso(datetime.fromtimestamp(entry.expires_at or 0, BERLIN)),
        }
    }


def _entry_without_booking(body: dict[str, Any], cat: Catalogue, moment: datetime, client_ip: str) -> Any:
    from chalicelib.booking.book import _rate_limit

    missing = {k: "is required" for k in ("office", "services", "name", "email", "consent") if body.get(k) is None}
    if missing:
        raise ValidationFailed("Some fields are missing or invalid.", fields=missing)
    common.texts_ok({k: body.get(k) for k in ("name", "email")})
    if body["consent"] is not True:
        raise ValidationFailed("Please agree to the processing of your data.", fields={"consent": "must be true"})
    office = cat.office(body["office"])
    services = cat.select(office, body["services"])
    _rate_limit(client_ip, cat.rules.rate_limit_per_hour)
    owner = keyed_hash("email", body["email"])
    return store.WaitlistModel(
        office.id,
        f"e:{owner[:32]}:{'+'.join(body['services'])}",
        services=list(body["services"]),
        name=body["name"],
        email=body["email"],
        language=body.get("language") or "de",
        created_at=moment.isoformat(timespec="seconds"),
        expires_at=_expiry(moment, min(s.horizon_days for s in services)),
    )


# --- the offer job -----------------------------------------------------------------------------


class _Months:
    """Office-months loaded once per job run."""

    def __init__(self, office: str) -> None:
        self.office = office
        self.loaded: dict[tuple[int, int], Occupancy] = {}

    def on(self, day: date) -> Occupancy:
        key = (day.year, day.month)
        if key not in self.loaded:
            self.loaded[key] = load_month(self.office, *key)
        return self.loaded[key]


def _earliest(office: Office, services: list[Service], b: BookingModel | None, months: _Months) -> Slot | None:
    moment = common.now()
    day = moment.astimezone(BERLIN).date()
    last = day + timedelta(days=min(s.horizon_days for s in services))
    current = common.parse_iso(b.start) if b else None
    if current:
        last = min(last, current.astimezone(BERLIN).date())
    while day <= last:
        occ = months.on(day)
        taken = occ.taken_on(day) - (common.own_units(b, day) if b else set())
        for slot in free_starts(office.hours, day, services, taken, moment, occ.extra.get(day, 0)):
            if current is None or slot.start < current:
                return slot
        day += timedelta(days=1)
    return None


def send_offers() -> dict[str, Any]:
    """Job: offer each waiting citizen the earliest free time that beats what they have."""
    cat = catalogue()
    offers = 0
    for office in cat.offices.values():
        months = _Months(office.id)
        for entry in store.of_office(office.id):
            offers += _offer(entry, office, cat, months)
    return {"offers": offers}


def _offer(entry: Any, office: Office, cat: Catalogue, months: _Months) -> int:
    from chalicelib.booking import links as booking_links
    from chalicelib.booking import notify as booking_notify

    try:
        services = cat.select(office, list(entry.services))
    except ValidationFailed:
        store.delete(entry.office, entry.entry)
        return 0
    b = booking_store.get(entry.code) if entry.code else None
    if entry.code and (b is None or b.status not in rules.CHANGEABLE):
        store.delete(entry.office, entry.entry)
        return 0
    slot = _earliest(office, services, b, months)
    if slot is None or entry.offered_start == common.iso(slot.start):
        return 0
    start = common.iso(slot.start)
    claims = {"o": entry.office, "e": entry.entry, "s": start, "c": entry.code or ""}
    ttl = cat.rules.waitlist_offer_minutes * 60
    url = booking_links.offer_url(claims, int(common.now().timestamp()) + ttl)
    current = common.parse_iso(b.start) if b else None
    message = booking_mails.waitlist_offer(
        office.name, slot.start, url, cat.rules.waitlist_offer_minutes, entry.language, current
    )
    tag = f"offer-{entry.office}"
    if b is not None:
        booking_notify.deliver(b, message, url, tag)
    else:
        booking_notify.send_text(entry.email, message)
    store.mark_offered(entry, start)
    return 1


# --- taking an offer ---------------------------------------------------------------------------


def claim(offer: str) -> tuple[int, dict[str, Any]]:
    """Take an offer; the offer link is the idempotency key, so a second click gets the first answer."""
    from chalicelib.booking import book as booking

    if not common.token_ok(offer):
        raise common.gone("This offer has expired. You stay on the list for the next one.", "offer_expired")
    outcome = idempotency.run(
        booking.scope("offer"), offer, {"offer": tokens.digest(offer)}, lambda held: _take(offer, held)
    )
    return outcome.status, outcome.body


def _take(offer: str, held: idempotency.Claim) -> tuple[int, dict[str, Any]]:
    from chalicelib.booking import book as booking
    from chalicelib.booking import links as booking_links
    from chalicelib.booking import manage as booking_manage
    from chalicelib.booking import notify as booking_notify

    claims = booking_links.offer_claims(offer)
    if not claims:
        raise common.gone("This offer has expired. You stay on the list for the next one.", "offer_expired")
    cat = catalogue()
    start = common.parse_iso(str(claims["s"]))
    entry = store.get(str(claims["o"]), str(claims["e"]))
    code = str(claims["c"])
    if entry is None:  # taken already: by this citizen (before its answer was kept) or by someone else
        b = booking_store.get(code) if code else None
        if b is not None and common.parse_iso(b.start) == start:
            return 200, {"booking": common.booking_view(b, cat)}
        raise common.gone("This offer is no longer available.", "offer_taken")
    consume = store.consume(entry.office, entry.entry)
    if code:
        b = booking_store.get(code)
        if b is None:
            raise common.gone("This offer is no longer available.", "offer_taken")
        # Moving is idempotent by itself (a booking already at ``start`` stays), so the answer is kept after it.
        moved = booking_manage.move_booking(b, cat, start, consume=consume)
        booking_notify.booking_moved(moved, cat)
        return 200, {"booking": common.booking_view(moved, cat)}
    request = booking.Request(
        office=entry.office,
        services=list(entry.services),
        start=start,
        name=entry.name or "",
        email=entry.email,
        phone=None,
        language=entry.language,
        confirmed=True,  # the offer reached this address: that is the e-mail confirmation
        consume=consume,
    )
    return booking.book_claimed(request, held)
