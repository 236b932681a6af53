"""Document orders' schedules: notices left pending, the locker reminder on day 5."""

from __future__ import annotations

from chalicelib.platform.jobs import Job

JOBS: tuple[Job, ...] = (
    Job(
        "documents-notices",
        "Send 'your document is ready' notices that a large delivery list left pending.",
        "rate(5 minutes)",
        "chalicelib.documents.notify:send_pending",
        description_de="Benachrichtigungen „Dokument liegt bereit“ senden, die eine große Lieferliste offen ließ.",
        schedule_de="alle 5 Minuten",
        schedule_en="every 5 minutes",
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
