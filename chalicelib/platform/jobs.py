"""Scheduled jobs: what one is, the catalogue the capabilities register into, running one by name.

Each job runs on a schedule in AWS and on demand locally and in tests. The platform's own job
(purging expired personal data) is built in; each capability lists its jobs in its ``jobs.py``.
"""

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


PURGE_EXPIRED = Job(
    "purge-expired",
    "Delete personal data whose retention has ended, in every table.",
    "rate(1 hour)",
    "chalicelib.platform.retention:purge_expired",
    description_de="Personenbezogene Daten löschen, deren Aufbewahrungsfrist abgelaufen ist – in allen Tabellen.",
    schedule_de="stündlich",
    schedule_en="every hour",
)

# Every capability's jobs, in the order the console lists them; app.py registers the capabilities'.
_jobs: list[Job] = [PURGE_EXPIRED]


def register(*jobs: Job) -> None:
    """Add a capability's jobs (again is harmless: a job with the same name is replaced)."""
    for job in jobs:
        names = [j.name for j in _jobs]
        if job.name in names:
            _jobs[names.index(job.name)] = job
        else:
            _jobs.append(job)


def all_jobs() -> tuple[Job, ...]:
    return tuple(_jobs)


def catalogue(lang: str = "en") -> list[dict[str, str]]:
    german = lang == "de"
    return [
        {
            "name": j.name,
            "description": (j.description_de if german and j.description_de else j.description),
            "schedule": (j.schedule_de if german else j.schedule_en) or j.schedule,
            "expression": j.schedule,
        }
        for j in _jobs
    ]


def run(name: str) -> dict[str, Any]:
    for job in _jobs:
        if job.name == name:
            return job.func()()
    raise NotFound("There is no job with this name.", code="job_not_found")
