"""Calendar files (.ics, RFC 5545/5546) for appointments, written with the icalendar library.

A calendar keeps one event per UID and replaces it only by a file with a higher SEQUENCE (or the
same SEQUENCE and a newer DTSTAMP), so every file of one appointment carries the booking's
revision, which only rises. An appointment that still has to be confirmed is TENTATIVE; a
cancelled one is sent as METHOD:CANCEL with STATUS:CANCELLED, which removes the event.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chalicelib.booking.rules.calendar import BERLIN

TENTATIVE = "TENTATIVE"
CONFIRMED = "CONFIRMED"
CANCELLED = "CANCELLED"


def appointment(
    *,
    uid: str,
    start: datetime,
    end: datetime,
    summary: str,
    location: str,
    description: str,
    url: str,
    sequence: int,
    status: str = CONFIRMED,
) -> bytes:
    """One VEVENT in Europe/Berlin with its VTIMEZONE, so every calendar shows the right hour."""
    import icalendar

    from chalicelib.platform.settings import get_settings

    if status not in (TENTATIVE, CONFIRMED, CANCELLED):
        raise ValueError(f"not an event status: {status}")
    if sequence < 0:
        raise ValueError("SEQUENCE is never negative")
    cancelled = status == CANCELLED
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
    event.add("organizer", f"mailto:{get_settings().mail_from}")  # RFC 5546 asks for one in PUBLISH and CANCEL
    event.add("sequence", sequence)
    event.add("status", status)
    if not cancelled:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(hours=-2))
        event.add_component(alarm)
    cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
