"""Short links in booking e-mails: a fresh random token per link, found by the digest stored for it.

Nothing signed travels in the URL, so links stay around 60-70 characters. Each token is 16 random
bytes (128 bits, 22 URL-safe characters); the table holds only its SHA-256 and expires with the
booking (a confirm link with the confirmation time, an offer with the offer). Signed links sent
before this change keep working until they expire: the signed forms are still accepted.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from chalicelib.booking import common
from chalicelib.booking.store import bookings as booking_store
from chalicelib.booking.store.bookings import BookingModel
from chalicelib.platform.aws import tokens

SHORT_BYTES = 16
MANAGE, CONFIRM, OFFER = "manage", "confirm", "offer"


def _signed(token: str) -> bool:
    return token.count(".") == 2


def _issue(kind: str, code: str, expires_at: int, data: str | None = None) -> str:
    token = tokens.random_token(SHORT_BYTES)
    booking_store.put_ref(kind, tokens.digest(token), code, expires_at, data)
    return token


def manage_token(b: BookingModel) -> str:
    """A new manage link token for one message; it lives as long as the booking's data."""
    return _issue(MANAGE, b.code, int(b.expires_at or common.now().timestamp() + 86400))


def confirm_url(b: BookingModel) -> str:
    token = _issue(CONFIRM, b.code, int(b.confirm_by or common.now().timestamp()))
    return common.confirm_link(token)


def confirm_code(token: str) -> str | None:
    """The booking code a confirmation link stands for, or None when it is not (or no longer) valid."""
    if not common.token_ok(token):
        return None
    if _signed(token):
        claims = tokens.verify(token, purpose=common.CONFIRM_PURPOSE, audience=common.AUDIENCE, required=("c",))
        return str(claims["c"]) if claims else None
    ref = booking_store.get_ref(CONFIRM, tokens.digest(token))
    return ref.code if ref else None


def offer_url(claims: dict[str, str], expires_at: int) -> str:
    """A waitlist offer: what it offers (office, entry, start, booking) is stored, not signed into the URL."""
    token = _issue(OFFER, claims.get("c") or "-", expires_at, json.dumps(claims, sort_keys=True))
    return f"{common.base_url()}/termin/angebot?token={token}"


def offer_claims(token: str) -> dict[str, Any] | None:
    if not common.token_ok(token):
        return None
    if _signed(token):
        required = ("o", "e", "s", "c")
        return tokens.verify(token, purpose=common.OFFER_PURPOSE, audience=common.AUDIENCE, required=required)
    ref = booking_store.get_ref(OFFER, tokens.digest(token))
    if ref is None or not ref.data:
        return None
    claims: dict[str, Any] = json.loads(ref.data)
    return claims


def rebook_url(b: BookingModel) -> str:
    """The booking page with this booking's service(s) and office chosen (read by the booking wizard)."""
    services = ",".join(dict.fromkeys(b.services))
    return f"{common.base_url()}/termin?{urlencode({'dienst': services, 'buero': b.office}, safe=',')}"
