"""E-mail through Amazon SES; locally the same calls go to the embedded endpoint.

Messages are sent as raw MIME so attachments (.ics calendar files) work the same everywhere:
multipart/mixed holding a multipart/alternative (text, then HTML) and the attached files.
Nothing about a message (address, subject, body) is logged.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from typing import Any

from chalicelib.platform.settings import get_settings


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@lru_cache(maxsize=4)
def _client(region: str, endpoint: str | None) -> Any:
    import boto3

    return boto3.client("ses", region_name=region, endpoint_url=endpoint)


def build_message(
    to: str, subject: str, text: str, html: str | None = None, attachments: tuple[Attachment, ...] = ()
) -> EmailMessage:
    settings = get_settings()
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(usegmt=True)  # RFC 5322 asks for it; the local outbox shows it
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    for att in attachments:
        maintype, _, subtype = att.content_type.partition("/")
        msg.add_attachment(att.data, maintype=maintype, subtype=subtype, filename=att.filename)
    return msg


def send_mail(
    to: str, subject: str, text: str, html: str | None = None, attachments: tuple[Attachment, ...] = ()
) -> str:
    """Send one message; returns SES's message id."""
    settings = get_settings()
    msg = build_message(to, subject, text, html, attachments)
    answer = _client(settings.region, settings.ses_endpoint).send_raw_email(
        Source=settings.mail_from, Destinations=[to], RawMessage={"Data": msg.as_bytes()}
    )
    return str(answer["MessageId"])


def verify_sender() -> None:
    """Local stack and tests: SES (and its emulation) only sends from verified identities."""
    settings = get_settings()
    _client(settings.region, settings.ses_endpoint).verify_email_identity(EmailAddress=settings.mail_from)


def local_outbox() -> list[dict[str, Any]]:
    """Every message the embedded SES accepted, newest first (local mode only)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    settings = get_settings()
    backend = ses_backends[DEFAULT_ACCOUNT_ID][settings.region]
    out = []
    for sent in reversed(list(backend.sent_messages)):
        raw = getattr(sent, "raw_data", None)
        if raw is None:
            continue
        parsed = email.message_from_string(raw, policy=email.policy.default)
        body = parsed.get_body(preferencelist=("plain",))
        html = parsed.get_body(preferencelist=("html",))
        out.append(
            {
                "id": sent.id,
                "sent_at": parsedate_to_datetime(str(parsed["Date"])).isoformat() if parsed["Date"] else None,
                "to": str(parsed["To"]),
                "subject": str(parsed["Subject"]),
                "text": body.get_content() if body else "",
                "html": html.get_content() if html else "",
                "attachments": [
                    {
                        "filename": part.get_filename(),
                        "content_type": part.get_content_type(),
                        "content": part.get_content() if part.get_content_maintype() == "text" else "",
                    }
                    for part in parsed.iter_attachments()
                ],
            }
        )
    return out
