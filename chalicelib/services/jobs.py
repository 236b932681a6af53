"""Catalogue of scheduled jobs: each runs on a schedule in AWS and on demand locally and in tests."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.errors import NotFound


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    schedule: str  # an EventBridge expression, e.g. "rate(1 hour)" or "cron(0 17 * * ? *)"
    target: str  # "module:function", imported only when the job runs

    def func(self) -> Callable[[], dict[str, Any]]:
        module, _, attr = self.target.partition(":")
        fn: Callable[[], dict[str, Any]] = getattr(importlib.import_module(module), attr)
        return fn


JOBS: tuple[Job, ...] = (
    Job(
        "purge-expired",
        "Delete personal data whose retention has ended, in every table.",
        "rate(1 hour)",
        "chalicelib.services.retention:purge_expired",
    ),
    Job(
        "booking-reminders",
        "Remind citizens of tomorrow's appointments: Web Push where enabled, otherwise e-mail; once each.",
        "rate(15 minutes)",
        "chalicelib.services.booking_notify:send_reminders",
    ),
    Job(
        "booking-release-unconfirmed",
        "Give back the time of online bookings not confirmed by e-mail within the town's limit.",
        "rate(5 minutes)",
        "chalicelib.services.booking_manage:release_unconfirmed",
    ),
    Job(
        "booking-waitlist",
        "Offer freed earlier appointments to citizens on the waiting list (first to accept gets it).",
        "rate(10 minutes)",
        "chalicelib.services.booking_waitlist:send_offers",
    ),
    Job(
        "raffle-cleanup",
        "Delete every raffle entry once the winners' publication period is over.",
        "cron(15 2 * * ? *)",
        "chalicelib.services.raffle:clean_up",
    ),
)


def catalogue() -> list[dict[str, str]]:
    return [{"name": j.name, "description": j.description, "schedule": j.schedule} for j in JOBS]


def run(name: str) -> dict[str, Any]:
    for job in JOBS:
        if job.name == name:
            return job.func()()
    raise NotFound("There is no job with this name.", code="job_not_found")
