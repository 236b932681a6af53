"""Calendar files (.ics, RFC 5545) for appointments, written with the icalendar library."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chalicelib.domain.calendar import BERLIN


def appointment(
    *,
    uid: str,
    start: datetime,
    end: datetime,
    summary: str,
    location: str,
    description: str,
    url: str,
    sequence: int = 0,
    cancelled: bool = False,
) -> bytes:
    """One VEVENT in Europe/Berlin with its VTIMEZONE, so every calendar shows the right hour."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//Buergerservice//Terminbuchung//DE")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", start.astimezone(BERLIN))
    event.add("dtend", end.astimezone(BERLIN))
    event.add("summary", summary)
    event.add("location", location)
    event.add("description", description)
    event.add("url", url)
    event.add("sequence", sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if not cancelled:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(hours=-2))
        event.add_component(alarm)
    cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
