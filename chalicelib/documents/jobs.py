"""Document orders' schedules: delivery lists and notices left pending, the reminders at the counter
(day N) and at the locker (day 5)."""

from __future__ import annotations

from chalicelib.platform.jobs import Job

JOBS: tuple[Job, ...] = (
    Job(
        "documents-notices",
        "Finish large delivery lists (mark the rest ready) and send the 'your document is ready' notices left pending.",
        "rate(1 minute)",
        "chalicelib.documents.delivery:finish_open",
        description_de="Große Lieferlisten zu Ende führen (den Rest abholbereit melden) und offene Benachrichtigungen "
        "„Dokument liegt bereit“ senden.",
        schedule_de="jede Minute",
        schedule_en="every minute",
    ),
    Job(
        "documents-pickup-reminders",
        "Remind citizens whose document has waited at the counter since day N (pickup_reminder_day); once each.",
        "rate(1 hour)",
        "chalicelib.documents.lists:remind_uncollected",
        description_de="An Dokumente erinnern, die seit Tag N (pickup_reminder_day) am Schalter bereitliegen; "
        "je einmal.",
        schedule_de="stündlich",
        schedule_en="every hour",
    ),
    Job(
        "documents-locker-reminders",
        "Remind citizens whose document has waited in the locker since day 5 of its code; once each.",
        "rate(1 hour)",
        "chalicelib.documents.locker:remind_due",
        description_de="An Dokumente im Abholterminal erinnern (ab Tag 5 des Codes); je einmal.",
        schedule_de="stündlich",
        schedule_en="every hour",
    ),
)
