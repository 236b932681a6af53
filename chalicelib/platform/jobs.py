"""Catalogue of scheduled jobs: each runs on a schedule in AWS and on demand locally and in tests."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.platform.errors import NotFound


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    schedule: str  # an EventBridge expression, e.g. "rate(1 hour)" or "cron(0 17 * * ? *)"
    target: str  # "module:function", imported only when the job runs
    description_de: str = ""
    schedule_de: str = ""
    schedule_en: str = ""

    def func(self) -> Callable[[], dict[str, Any]]:
        module, _, attr = self.target.partition(":")
        fn: Callable[[], dict[str, Any]] = getattr(importlib.import_module(module), attr)
        return fn


JOBS: tuple[Job, ...] = (
    Job(
        "purge-expired",
        "Delete personal data whose retention has ended, in every table.",
        "rate(1 hour)",
        "chalicelib.platform.retention:purge_expired",
        description_de="Personenbezogene Daten löschen, deren Aufbewahrungsfrist abgelaufen ist – in allen Tabellen.",
        schedule_de="stündlich",
        schedule_en="every hour",
    ),
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
    Job(
        "raffle-cleanup",
        "Delete every raffle entry once the winners' publication period is over.",
        "cron(15 2 * * ? *)",
        "chalicelib.surveys.raffle:clean_up",
        description_de="Alle Einträge einer Verlosung löschen, sobald die Gewinnerliste nicht mehr veröffentlicht ist.",
        schedule_de="täglich um 2:15 Uhr (UTC)",
        schedule_en="daily at 2:15 (UTC)",
    ),
)


def catalogue(lang: str = "en") -> list[dict[str, str]]:
    german = lang == "de"
    return [
        {
            "name": j.name,
            "description": (j.description_de if german and j.description_de else j.description),
            "schedule": (j.schedule_de if german else j.schedule_en) or j.schedule,
            "expression": j.schedule,
        }
        for j in JOBS
    ]


def run(name: str) -> dict[str, Any]:
    for job in JOBS:
        if job.name == name:
            return job.func()()
    raise NotFound("There is no job with this name.", code="job_not_found")
