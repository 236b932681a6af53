"""Sending e-mail to citizens and staff; the local outbox for development."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import mail
from chalicelib.settings import get_settings

Attachment = mail.Attachment


def send(to: str, subject: str, text: str, attachments: tuple[mail.Attachment, ...] = ()) -> str:
    return mail.send_mail(to, subject, text, attachments=attachments)


def outbox_available() -> bool:
    return get_settings().local_mode


def outbox() -> list[dict[str, Any]]:
    return mail.local_outbox()
