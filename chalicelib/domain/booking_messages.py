"""Texts of the booking e-mails and push notifications, German and English, without any I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.calendar import BERLIN

_DAYS_DE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_DE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
RULE = "\n" + "-" * 60 + "\n\n"


@dataclass(frozen=True)
class Facts:
    """Everything a message about one appointment may mention."""

    code: str
    office_name: str
    office_address: str
    start: datetime
    end: datetime
    services_de: tuple[str, ...]
    services_en: tuple[str, ...]
    documents_de: tuple[str, ...]
    documents_en: tuple[str, ...]
    manage_url: str
    qr_url: str
    language: str = "de"
    confirm_url: str | None = None
    confirm_minutes: int = 30


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    push_title: str = ""
    push_body: str = ""


def when(moment: datetime, lang: str) -> str:
    """A date and time in Europe/Berlin as people write it, e.g. "Dienstag, 9. Juni 2026, 08:00 Uhr"."""
    local = moment.astimezone(BERLIN)
    if lang == "en":
        return f"{_DAYS_EN[local.weekday()]}, {local.day} {_MONTHS_EN[local.month - 1]} {local.year}, {local:%H:%M}"
    return f"{_DAYS_DE[local.weekday()]}, {local.day}. {_MONTHS_DE[local.month - 1]} {local.year}, {local:%H:%M} Uhr"


def _both(de: str, en: str, lang: str) -> str:
    """The citizen's language first, the other one below."""
    return (en + RULE + de) if lang == "en" else (de + RULE + en)


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"  [ ] {item}" for item in items) or "  -"


def _details_de(f: Facts) -> str:
    return (
        f"Buchungsnummer: {f.code}\n"
        f"Termin: {when(f.start, 'de')} (bis {f.end.astimezone(BERLIN):%H:%M} Uhr)\n"
        f"Ort: {f.office_name}, {f.office_address}\n"
        f"Anliegen: {', '.join(f.services_de)}\n\n"
        f"Bitte bringen Sie mit:\n{_bullets(f.documents_de)}\n\n"
        f"QR-Code zum Einchecken: {f.qr_url}\n"
        f"Termin ansehen, verschieben oder absagen: {f.manage_url}\n"
    )


def _details_en(f: Facts) -> str:
    return (
        f"Booking code: {f.code}\n"
        f"Appointment: {when(f.start, 'en')} (until {f.end.astimezone(BERLIN):%H:%M})\n"
        f"Place: {f.office_name}, {f.office_address}\n"
        f"Services: {', '.join(f.services_en)}\n\n"
        f"Please bring:\n{_bullets(f.documents_en)}\n\n"
        f"QR code for check-in: {f.qr_url}\n"
        f"View, move or cancel the appointment: {f.manage_url}\n"
    )


def confirmation(f: Facts) -> Message:
    if f.confirm_url:
        ask_de = (
            f"Bitte bestätigen Sie Ihren Termin innerhalb von {f.confirm_minutes} Minuten über diesen Link, "
            f"sonst wird er wieder freigegeben:\n{f.confirm_url}\n\n"
        )
        ask_en = (
            f"Please confirm your appointment within {f.confirm_minutes} minutes using this link, "
            f"otherwise it is released again:\n{f.confirm_url}\n\n"
        )
        subject_de, subject_en = "Bitte bestätigen: Ihr Termin", "Please confirm: your appointment"
    else:
        ask_de = ask_en = ""
        subject_de, subject_en = "Ihr Termin ist gebucht", "Your appointment is booked"
    de = f"Guten Tag,\n\nvielen Dank für Ihre Buchung.\n\n{ask_de}{_details_de(f)}"
    en = f"Hello,\n\nthank you for your booking.\n\n{ask_en}{_details_en(f)}"
    subject = subject_en if f.language == "en" else subject_de
    return Message(f"{subject} {f.code} – {f.office_name}", _both(de, en, f.language))


def rebooked(f: Facts) -> Message:
    de = f"Guten Tag,\n\nIhr Termin wurde verschoben. Die neuen Angaben:\n\n{_details_de(f)}"
    en = f"Hello,\n\nyour appointment has been moved. The new details:\n\n{_details_en(f)}"
    subject = "Your appointment was moved" if f.language == "en" else "Ihr Termin wurde verschoben"
    return Message(f"{subject} – {f.code}", _both(de, en, f.language))


def cancelled(f: Facts) -> Message:
    de = (
        f"Guten Tag,\n\nIhr Termin am {when(f.start, 'de')} im {f.office_name} "
        f"(Buchungsnummer {f.code}) ist abgesagt. Die Zeit ist für andere wieder frei.\n"
    )
    en = (
        f"Hello,\n\nyour appointment on {when(f.start, 'en')} at {f.office_name} "
        f"(booking code {f.code}) is cancelled. The time is free for others again.\n"
    )
    subject = "Your appointment is cancelled" if f.language == "en" else "Ihr Termin ist abgesagt"
    return Message(f"{subject} – {f.code}", _both(de, en, f.language))


def reminder(f: Facts) -> Message:
    de = f"Guten Tag,\n\nwir erinnern Sie an Ihren Termin.\n\n{_details_de(f)}"
    en = f"Hello,\n\nthis is a reminder of your appointment.\n\n{_details_en(f)}"
    if f.language == "en":
        subject, title = "Reminder: your appointment", "Appointment reminder"
        body = f"{when(f.start, 'en')}, {f.office_name}. Code {f.code}."
    else:
        subject, title = "Erinnerung: Ihr Termin", "Terminerinnerung"
        body = f"{when(f.start, 'de')}, {f.office_name}. Buchungsnummer {f.code}."
    return Message(f"{subject} – {f.code}", _both(de, en, f.language), title, body)


def waitlist_offer(
    office_name: str, offered: datetime, claim_url: str, minutes: int, language: str, current: datetime | None
) -> Message:
    now_de = f" statt am {when(current, 'de')}" if current else ""
    now_en = f" instead of {when(current, 'en')}" if current else ""
    de = (
        f"Guten Tag,\n\nim {office_name} ist ein früherer Termin frei geworden: {when(offered, 'de')}{now_de}.\n\n"
        f"Wer zuerst zusagt, bekommt ihn. Dieses Angebot gilt {minutes} Minuten:\n{claim_url}\n\n"
        "Wenn Sie nichts tun, bleibt alles, wie es ist.\n"
    )
    en = (
        f"Hello,\n\nan earlier appointment became free at {office_name}: {when(offered, 'en')}{now_en}.\n\n"
        f"The first to accept gets it. This offer is valid for {minutes} minutes:\n{claim_url}\n\n"
        "If you do nothing, everything stays as it is.\n"
    )
    if language == "en":
        subject, title, body = "Earlier appointment available", "Earlier appointment", when(offered, "en")
    else:
        subject, title, body = "Früherer Termin frei", "Früherer Termin", when(offered, "de")
    return Message(f"{subject} – {office_name}", _both(de, en, language), title, f"{body}, {office_name}")
