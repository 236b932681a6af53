"""A day spelled out for people, in German or English: "Dienstag, 8. Dezember 2026" / "Tuesday, 8 December 2026"."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

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


# An English spelled day inside a message, to translate it (see german.py).
ENGLISH_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} [A-Z][a-z]+ \d{4}"


def spelled(day: date, lang: str) -> str:
    """The day as the e-mails write it, without the time of day."""
    return when(datetime.combine(day, time(12), BERLIN), "de" if lang == "de" else "en").rsplit(", ", 1)[0]


def english_to_german(text: str) -> str:
    """English "Tuesday, 8 December 2026" as German "Dienstag, 8. Dezember 2026"; other text unchanged."""
    match = re.fullmatch(r"[A-Za-z]+, (\d{1,2}) [A-Za-z]+ (\d{4})", text)
    if not match:
        return text
    for month in range(1, 13):
        try:
            day = date(int(match[2]), month, int(match[1]))
        except ValueError:
            continue
        if spelled(day, "en") == text:
            return spelled(day, "de")
    return text
