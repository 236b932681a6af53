"""What booking e-mails and push notifications are about; no I/O.

The mails themselves (one language each) are in ``mails``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Facts:
    """Everything a message about one appointment may mention."""

    code: str
    office_name: str
    office_address: str
    start: datetime
    end: datetime
    services_de: tuple[str, ...]
    services_en: tuple[str, ...]
    documents_de: tuple[str, ...]
    documents_en: tuple[str, ...]
    manage_url: str
    qr_url: str
    language: str = "de"
    confirm_url: str | None = None
    confirm_minutes: int = 30
    rebook_url: str = ""
    status: str = "confirmed"  # the booking's status: an unconfirmed one is only tentative in a calendar
    revision: int = 0  # the booking's revision, the SEQUENCE of its calendar files
    order_reference: str | None = None  # the document order to pick up at this appointment


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    push_title: str = ""
    push_body: str = ""
    html: str = ""
