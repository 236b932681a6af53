"""A day spelled out for people, in German or English: "Dienstag, 8. Dezember 2026" / "Tuesday, 8 December 2026"."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from chalicelib.booking.rules.calendar import BERLIN
from chalicelib.booking.rules.messages import when

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
