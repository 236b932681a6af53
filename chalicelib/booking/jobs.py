"""Booking's schedules: reminders, releasing unconfirmed bookings, waiting-list offers."""

from __future__ import annotations

from chalicelib.platform.jobs import Job

JOBS: tuple[Job, ...] = (
    Job(
        "booking-reminders",
        "Remind citizens of tomorrow's appointments: Web Push where enabled, otherwise e-mail; once each.",
        "rate(15 minutes)",
        "chalicelib.booking.notify:send_reminders",
        description_de="An Termine von morgen erinnern: per Web-Push, wo eingeschaltet, sonst per E-Mail; je einmal.",
        schedule_de="alle 15 Minuten",
        schedule_en="every 15 minutes",
    ),
    Job(
        "booking-release-unconfirmed",
        "Give back the time of online bookings not confirmed by e-mail within the town's limit.",
        "rate(5 minutes)",
        "chalicelib.booking.manage:release_unconfirmed",
        description_de="Online-Buchungen freigeben, die nicht rechtzeitig per E-Mail bestätigt wurden.",
        schedule_de="alle 5 Minuten",
        schedule_en="every 5 minutes",
    ),
    Job(
        "booking-waitlist",
        "Offer freed earlier appointments to citizens on the waiting list (first to accept gets it).",
        "rate(10 minutes)",
        "chalicelib.booking.waitlist:send_offers",
        description_de="Frei gewordene frühere Termine der Warteliste anbieten (wer zuerst zusagt, erhält ihn).",
        schedule_de="alle 10 Minuten",
        schedule_en="every 10 minutes",
    ),
)
