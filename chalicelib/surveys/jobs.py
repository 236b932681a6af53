"""The surveys' schedules: deleting raffle entries once the winners are no longer published."""

from __future__ import annotations

from chalicelib.platform.jobs import Job

JOBS: tuple[Job, ...] = (
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
