"""Sending e-mail to citizens and staff; the local outbox for development."""

from __future__ import annotations

from typing import Any

from chalicelib.platform.aws import mail
from chalicelib.platform.settings import get_settings

Attachment = mail.Attachment


def send(
    to: str, subject: str, text: str, attachments: tuple[mail.Attachment, ...] = (), *, html: str | None = None
) -> str:
    """One message: the text, and the same as HTML when given (multipart/alternative), then the files."""
    return mail.send_mail(to, subject, text, html, attachments)


def outbox_available() -> bool:
    return get_settings().local_mode


def outbox() -> list[dict[str, Any]]:
    return mail.local_outbox()
