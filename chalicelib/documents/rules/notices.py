"""What a citizen is told and how: Declarative Web Push payloads and e-mails, in German and English.

Push payloads carry no personal data: no name, no e-mail, no locker code; only the document type
and a link to the order page (whose address is the order's unguessable reference).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.documents.rules.orders import DocumentType
from chalicelib.platform.day_names import when

READY, LOCKER, REMINDER, COLLECTED, RETURNED = "ready", "locker", "reminder", "collected", "returned"
WAITING = "waiting"  # still ready at the counter: the clerk's reminder and the one on day N
KINDS = (READY, LOCKER, REMINDER, WAITING, COLLECTED, RETURNED)
# RFC 8030 Urgency per notice: ready and locker news should wake the phone; a thank-you need not.
URGENCY = {READY: "high", LOCKER: "high", REMINDER: "normal", WAITING: "normal", COLLECTED: "low", RETURNED: "normal"}

_PUSH = {
    "de": {
        READY: ("{doc} liegt bereit", "Ihr {doc} liegt zur Abholung bereit."),
        LOCKER: ("{doc} im Schließfach", "Ihr {doc} liegt im Abholterminal bereit. Den Code sehen Sie in der App."),
        REMINDER: ("Erinnerung: {doc}", "Ihr {doc} liegt noch im Abholterminal. Bitte holen Sie es bald ab."),
        WAITING: ("Erinnerung: {doc}", "Ihr {doc} liegt noch zur Abholung bereit. Bitte holen Sie es bald ab."),
        COLLECTED: ("{doc} abgeholt", "Ihr {doc} wurde abgeholt – danke!"),
        RETURNED: ("{doc} nicht abgeholt", "Ihr {doc} wurde nicht abgeholt. Bitte melden Sie sich bei uns."),
    },
    "en": {
        READY: ("{doc} is ready", "Your {doc} is ready for collection."),
        LOCKER: ("{doc} in the locker", "Your {doc} is waiting in the pickup terminal. See the code in the app."),
        REMINDER: ("Reminder: {doc}", "Your {doc} is still in the pickup terminal. Please collect it soon."),
        WAITING: ("Reminder: {doc}", "Your {doc} is still waiting for you. Please collect it soon."),
        COLLECTED: ("{doc} collected", "Your {doc} has been collected – thank you!"),
        RETURNED: ("{doc} not collected", "Your {doc} was not collected. Please get in touch with us."),
    },
}


def topic(reference: str) -> str:
    """RFC 8030 Topic: 32 base64url characters per order, so a later notice replaces an undelivered one."""
    digest = hashlib.sha256(f"document-order:{reference}".encode()).digest()[:24]
    return base64.urlsafe_b64encode(digest).decode()


def tag(reference: str) -> str:
    """The notification tag: one per order on the device, so a later notice replaces the earlier."""
    return f"order-{topic(reference)[:16]}"


def push_payload(kind: str, doc: DocumentType, lang: str, url: str, reference: str) -> dict[str, Any]:
    """Declarative Web Push (RFC 8030 magic number): Safari shows it without a service worker."""
    title, body = _PUSH["en" if lang == "en" else "de"][kind]
    name = doc.name(lang)
    return {
        "web_push": 8030,
        "notification": {
            "title": title.format(doc=name),
            "body": body.format(doc=name),
            "navigate": url,
            "lang": "en" if lang == "en" else "de",
            "dir": "ltr",
            "tag": tag(reference),
            "silent": False,
        },
    }


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str


@dataclass(frozen=True)
class MailFacts:
    doc: DocumentType
    lang: str
    reference: str
    url: str
    office_name: str
    office_address: str
    hours: str
    code: str | None = None
    deadline: datetime | None = None
    terminal_name: str = ""
    fingerprint: bool = False


def mail(kind: str, f: MailFacts) -> Mail:
    en = f.lang == "en"
    name = f.doc.name(f.lang)
    bring = "; ".join(f.doc.bring(f.lang))
    greeting = "Hello," if en else "Guten Tag,"
    bye = "Kind regards\nYour citizen service" if en else "Mit freundlichen Grüßen\nIhr Bürgerservice"
    ref = ("Order reference: " if en else "Vorgangsnummer: ") + f.reference
    link = ("Order status: " if en else "Stand Ihres Auftrags: ") + f.url
    if kind in (READY, WAITING):
        if kind == READY:
            subject = f"Your {name} is ready for collection" if en else f"Ihr {name} liegt zur Abholung bereit"
            first = (
                f"your {name} is ready for collection at {f.office_name}, {f.office_address}."
                if en
                else f"Ihr {name} liegt im {f.office_name}, {f.office_address}, zur Abholung bereit."
            )
        else:
            subject = (
                f"Reminder: your {name} is waiting for you" if en else f"Erinnerung: Ihr {name} liegt für Sie bereit"
            )
            first = (
                f"a reminder: your {name} is still waiting for you at {f.office_name}, {f.office_address}. "
                "Please collect it soon; documents not collected are sent back after a while."
                if en
                else f"zur Erinnerung: Ihr {name} liegt noch im {f.office_name}, {f.office_address}, für Sie bereit. "
                "Bitte holen Sie es bald ab; nicht abgeholte Dokumente gehen nach einiger Zeit zurück."
            )
        lines = [
            first,
            ("Opening hours: " if en else "Öffnungszeiten: ") + f.hours,
            ("Please bring: " if en else "Bitte bringen Sie mit: ") + bring,
        ]
    elif kind in (LOCKER, REMINDER):
        deadline = when(f.deadline, f.lang) if f.deadline else ""
        if kind == LOCKER:
            subject = f"Your {name} is in the pickup terminal" if en else f"Ihr {name} liegt im Abholterminal bereit"
        else:
            subject = f"Reminder: your {name} is waiting" if en else f"Erinnerung: Ihr {name} wartet auf Sie"
        lines = [
            f"your {name} is waiting for you in the pickup terminal {f.terminal_name}, open day and night."
            if en
            else f"Ihr {name} liegt im Abholterminal {f.terminal_name} für Sie bereit – rund um die Uhr.",
            ("Your pickup code: " if en else "Ihr Abholcode: ") + (f.code or ""),
            (
                f"Collect it by {deadline}; after that it goes back to the office."
                if en
                else f"Bitte holen Sie es bis {deadline} ab; danach geht es zurück ins Bürgerbüro."
            ),
        ]
        if f.fingerprint:
            lines.append(
                "The terminal will also ask for your fingerprint, as you agreed."
                if en
                else "Das Terminal fragt außerdem nach Ihrem Fingerabdruck, wie mit Ihnen vereinbart."
            )
        lines.append(
            "The code works once. Never give it to anyone."
            if en
            else "Der Code gilt einmal. Geben Sie ihn niemandem weiter."
        )
    elif kind == COLLECTED:
        subject = f"Your {name} has been collected" if en else f"Ihr {name} wurde abgeholt"
        lines = [
            f"your {name} has been collected. Thank you!" if en else f"Ihr {name} wurde abgeholt. Vielen Dank!",
            (
                "If that was not you, please call us at once."
                if en
                else "Falls Sie das nicht waren, rufen Sie uns bitte sofort an."
            ),
        ]
    else:
        subject = f"Your {name} was not collected" if en else f"Ihr {name} wurde nicht abgeholt"
        lines = [
            f"your {name} was not collected in time. Please get in touch with {f.office_name}."
            if en
            else f"Ihr {name} wurde nicht rechtzeitig abgeholt. Bitte melden Sie sich im {f.office_name}.",
        ]
    text = "\n\n".join([greeting, *lines, ref, link, bye]) + "\n"
    return Mail(subject, text)
