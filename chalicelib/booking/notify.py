"""Booking messages: confirmation, change, cancellation, reminders (Web Push first, else e-mail)."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

from chalicelib.booking import common
from chalicelib.booking import links as booking_links
from chalicelib.booking.config import Catalogue, catalogue
from chalicelib.booking.rules import ics, mails
from chalicelib.booking.rules import lifecycle as rules
from chalicelib.booking.rules import messages as texts
from chalicelib.booking.rules.calendar import BERLIN
from chalicelib.booking.store import bookings as booking_store
from chalicelib.booking.store.bookings import BookingModel
from chalicelib.platform import mailer
from chalicelib.platform.aws import push, qr

log = logging.getLogger("buergerservice.booking")


def facts(
    b: BookingModel, cat: Catalogue, manage_token: str, confirm_url: str | None = None, rebook_url: str = ""
) -> texts.Facts:
    office = cat.offices.get(b.office)
    chosen = [cat.services[s] for s in b.services if s in cat.services]
    checklist = common.checklist(cat, list(b.services))
    link = common.links(manage_token)
    return texts.Facts(
        code=b.code,
        office_name=office.name if office else b.office,
        office_address=office.address if office else "",
        start=common.parse_iso(b.start),
        end=common.parse_iso(b.end),
        services_de=tuple(s.name_de for s in chosen),
        services_en=tuple(s.name_en for s in chosen),
        documents_de=tuple(checklist["de"]),
        documents_en=tuple(checklist["en"]),
        manage_url=link["manage"],
        qr_url=link["qr"],
        language=b.language,
        confirm_url=confirm_url,
        confirm_minutes=cat.rules.confirm_minutes,
        rebook_url=rebook_url,
        status=b.status,
        revision=int(b.revision or 0),
        order_reference=b.order_reference,
    )


def calendar_file(f: texts.Facts, *, cancelled: bool = False) -> bytes:
    """The appointment's .ics: SEQUENCE is the booking's revision, TENTATIVE until it is confirmed."""
    lang = f.language
    services = ", ".join(f.services_en if lang == "en" else f.services_de)
    summary = f"{'Appointment' if lang == 'en' else 'Termin'}: {services} – {f.office_name}"
    docs = f.documents_en if lang == "en" else f.documents_de
    if lang == "en":
        description = f"Booking code: {f.code}\nPlease bring: {'; '.join(docs)}\nView, move or cancel: {f.manage_url}"
    else:
        description = f"Buchungsnummer: {f.code}\nBitte mitbringen: {'; '.join(docs)}\nVerwalten: {f.manage_url}"
    return ics.appointment(
        uid=f"{f.code}@buergerservice",
        start=f.start,
        end=f.end,
        summary=summary,
        location=f"{f.office_name}, {f.office_address}",
        description=description,
        url=f.manage_url,
        sequence=f.revision,
        status=ics.CANCELLED if cancelled else _event_status(f.status),
    )


def _event_status(status: str) -> str:
    if status in (rules.CANCELLED, rules.RELEASED):
        return ics.CANCELLED
    return ics.TENTATIVE if status == rules.PENDING else ics.CONFIRMED  # released unless confirmed


def _attachments(f: texts.Facts) -> tuple[mailer.Attachment, ...]:
    return (
        mailer.Attachment(f"termin-{f.code}.ics", "text/calendar", calendar_file(f)),
        mailer.Attachment(f"checkin-{f.code}.png", "image/png", qr.qr_png(f.code)),
    )


def _send(to: str | None, message: texts.Message, attachments: tuple[mailer.Attachment, ...] = ()) -> bool:
    if not to:
        return False
    try:
        mailer.send(to, message.subject, message.text, attachments, html=message.html or None)
    except Exception as exc:  # noqa: BLE001 - the booking stands; the citizen still has the page and the link
        # Only the error's type: SES messages can name the address.
        log.warning(json.dumps({"event": "booking_mail_failed", "error": type(exc).__name__}))
        return False
    return True


def send_text(to: str | None, message: texts.Message) -> bool:
    return _send(to, message)


def booking_made(b: BookingModel, cat: Catalogue, manage_token: str) -> bool:
    """The first mail; its links are short ones of its own (the device keeps ``manage_token``)."""
    if not b.email:
        return False
    confirm = booking_links.confirm_url(b) if b.status == rules.PENDING else None
    f = facts(b, cat, booking_links.manage_token(b), confirm)
    return _send(b.email, mails.confirmation(f), _attachments(f))


def booking_confirmed(b: BookingModel, cat: Catalogue) -> bool:
    """The "Termin bestätigt" mail after the citizen confirmed by the link, with the confirmed calendar file."""
    if not b.email:
        return False
    f = facts(b, cat, booking_links.manage_token(b))
    return _send(b.email, mails.confirmed(f), _attachments(f))


def booking_moved(b: BookingModel, cat: Catalogue, manage_token: str = "") -> bool:
    if not b.email:
        return False
    f = facts(b, cat, booking_links.manage_token(b))
    return _send(b.email, mails.rebooked(f), _attachments(f))


def booking_cancelled(b: BookingModel, cat: Catalogue) -> bool:
    """The cancellation, the calendar file that removes the event, and a link to book again."""
    if not b.email:
        return False
    f = facts(b, cat, booking_links.manage_token(b), rebook_url=booking_links.rebook_url(b))
    ics_file = mailer.Attachment(f"termin-{f.code}.ics", "text/calendar", calendar_file(f, cancelled=True))
    return _send(b.email, mails.cancelled(f), (ics_file,))


def deliver(b: BookingModel, message: texts.Message, url: str, tag: str) -> str:
    """Web Push when the citizen enabled it and the push service accepts; otherwise e-mail."""
    if b.push:
        payload = {"title": message.push_title, "body": message.push_body, "url": url, "tag": tag, "lang": b.language}
        result = push.send(json.loads(b.push), payload, ttl=12 * 3600)
        if result.outcome == push.SENT:
            return "push"
        if result.outcome == push.GONE:
            booking_store.set_fields(b, push=None)  # the browser unsubscribed: forget it
    return "email" if _send(b.email, message) else "none"


def send_reminders() -> dict[str, Any]:
    """Job: remind confirmed bookings starting within the next ``reminder_hours``, once each."""
    cat = catalogue()
    moment = common.now()
    until = moment + timedelta(hours=cat.rules.reminder_hours)
    first, last = moment.astimezone(BERLIN).date(), until.astimezone(BERLIN).date()
    counts = {"push": 0, "email": 0, "none": 0}
    for office in cat.offices:
        day = first
        while day <= last:
            for b in booking_store.day(office, day.isoformat()):
                start = common.parse_iso(b.start)
                if b.status != rules.CONFIRMED or b.reminder_sent or not moment < start <= until:
                    continue
                counts[_remind(b, cat)] += 1
            day += timedelta(days=1)
    return {"reminded": counts["push"] + counts["email"], **counts}


def _remind(b: BookingModel, cat: Catalogue) -> str:
    # Claim first (condition: not yet reminded), so two overlapping runs never both send.
    if not booking_store.claim_reminder(b):
        return "none"
    f = facts(b, cat, booking_links.manage_token(b))
    channel = deliver(b, mails.reminder(f), f.manage_url, f"booking-{b.code}")
    if channel == "none":
        booking_store.set_fields(b, reminder_sent=False)  # nothing went out: the next run tries again
    return channel
