"""Web Push to a ticket's own subscription: "Gleich sind Sie dran" and "Bitte zu Schalter 2"."""

from __future__ import annotations

import logging
from typing import Any

from chalicelib.platform.aws import push
from chalicelib.queue.rules.day import Ticket

log = logging.getLogger("buergerservice.queue")

TEXTS = {
    "called": {
        "de": ("Nummer {number}: Sie sind dran", "Bitte zu Schalter {counter}."),
        "en": ("Number {number}: it is your turn", "Please go to counter {counter}."),
    },
    "recalled": {
        "de": ("Nummer {number}: letzter Aufruf", "Bitte jetzt zu Schalter {counter}."),
        "en": ("Number {number}: calling again", "Please go to counter {counter} now."),
    },
    "missed": {
        "de": (
            "Nummer {number}: nicht erschienen",
            "Sie wurden mehrmals aufgerufen. Ziehen Sie eine neue Wartemarke oder melden Sie sich am Empfang.",
        ),
        "en": (
            "Number {number}: missed",
            "You were called several times. Take a new ticket or ask at the information desk.",
        ),
    },
    "soon": {
        "de": ("Nummer {number}: gleich sind Sie dran", "Noch {ahead} vor Ihnen. Bitte kommen Sie zum Wartebereich."),
        "en": ("Number {number}: almost your turn", "{ahead} ahead of you. Please come to the waiting area."),
    },
    "closed": {
        "de": ("Wartemarke {number}", "Die offene Sprechstunde endet heute vorzeitig. Bitte buchen Sie einen Termin."),
        "en": ("Ticket {number}", "Today's walk-in morning ends early. Please book an appointment."),
    },
}


def send(subscription: dict[str, Any] | None, kind: str, ticket: Ticket, url: str, lang: str, **values: Any) -> str:
    """One message to one ticket's browser; never raises (the open page polls as well)."""
    if not subscription:
        return "none"
    title, body = TEXTS[kind]["en" if lang == "en" else "de"]
    payload = {
        "title": title.format(number=ticket.display, **values),
        "body": body.format(number=ticket.display, **values),
        "url": url,
        "tag": f"queue-{ticket.id}",
        "lang": lang,
    }
    result = push.send(subscription, payload, ttl=600)  # a call is stale after minutes
    log.info('{"event": "queue_push", "kind": "%s", "outcome": "%s"}', kind, result.outcome)
    return result.outcome
