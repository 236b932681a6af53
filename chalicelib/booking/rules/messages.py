"""What booking e-mails and push notifications are about, and dates as people write them; no I/O.

The mails themselves (one language each) are in ``booking_mails``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from chalicelib.booking.rules.calendar import BERLIN

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
    rebook_url: str = ""
    status: str = "confirmed"  # the booking's status: an unconfirmed one is only tentative in a calendar
    revision: int = 0  # the booking's revision, the SEQUENCE of its calendar files


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    push_title: str = ""
    push_body: str = ""
    html: str = ""


def day_text(day: date, lang: str) -> str:
    """A date as people write it: "28. Februar 2027" or "28 February 2027"."""
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day}. {_MONTHS_DE[day.month - 1]} {day.year}"


def when(moment: datetime, lang: str) -> str:
    """A date and time in Europe/Berlin as people write it, e.g. "Dienstag, 9. Juni 2026, 08:00 Uhr"."""
    local = moment.astimezone(BERLIN)
    if lang == "en":
        return f"{_DAYS_EN[local.weekday()]}, {local.day} {_MONTHS_EN[local.month - 1]} {local.year}, {local:%H:%M}"
    return f"{_DAYS_DE[local.weekday()]}, {local.day}. {_MONTHS_DE[local.month - 1]} {local.year}, {local:%H:%M} Uhr"
