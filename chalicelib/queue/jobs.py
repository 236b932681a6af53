"""The queue's schedule: keep each finished day's anonymous counts before its tickets expire."""

from __future__ import annotations

from chalicelib.platform.jobs import Job

JOBS: tuple[Job, ...] = (
    Job(
        "queue-statistics",
        "Keep the anonymous counts of the last walk-in days before their tickets expire.",
        "rate(6 hours)",
        "chalicelib.queue.statistics:roll_up",
        description_de=(
            "Die anonymen Zahlen der letzten offenen Sprechstunden behalten, bevor deren Wartemarken ablaufen."
        ),
        schedule_de="alle 6 Stunden",
        schedule_en="every 6 hours",
    ),
)
