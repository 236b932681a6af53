"""Unguessable tokens and signed, expiring tokens: the one place that makes them."""

from __future__ import annotations

import hashlib
import secrets
import time
from typing import Any

# Booking codes are read off a screen or paper, spelled on the phone and typed by a clerk, so each
# symbol must survive all three. Out go
# - letters whose German names rhyme and blur on a phone line: the "-e" family B C D E G P T W Z
#   (and V, "fau", which people write for an F sound), M/N ("em"/"en"), S next to F ("es"/"ef"),
#   A and H next to K ("a"/"ha"/"ka"), Q next to U ("ku"/"u"), L ("el", and it reads as 1),
#   Y ("Ypsilon", "why") and J (English "jay" next to "kay", for callers who spell in English);
# - look-alikes in print and handwriting: 0/O, 1/I/L, 2/Z, and 2 at all ("zwei"/"drei": people
#   say "zwo" to tell them apart).
# Left are 12 symbols, the digits 3-9 and F K R U X, each with a name no other one shares.
CODE_ALPHABET = "3456789FKRUX"
# 12**8 = 4.3e8 (28.7 bits): plenty to keep codes apart (a clash is retried with a new code) and
# to make guessing pointless, since only signed-in staff look bookings up by code.
CODE_LENGTH = 8
CODE_GROUP = 4  # stored, shown and read as two groups: "7KXR-94FU"
CODE_SEPARATOR = "-"
CODE_EXAMPLE = "7KXR-94FU"
# What people type between or around the symbols, and what a scanner may add: ignored.
_CODE_FILLER = frozenset(" -_.\t\u00a0\u2010\u2011\u2012\u2013\u2014\u2212")


def random_token(nbytes: int = 24) -> str:
    """URL-safe random token; 24 bytes = 192 bits."""
    return secrets.token_urlsafe(nbytes)


def short_code(length: int = CODE_LENGTH) -> str:
    """A new booking code from CODE_ALPHABET, grouped for reading aloud ("7KXR-94FU")."""
    return _grouped("".join(secrets.choice(CODE_ALPHABET) for _ in range(length)))


def _grouped(symbols: str) -> str:
    return CODE_SEPARATOR.join(symbols[i : i + CODE_GROUP] for i in range(0, len(symbols), CODE_GROUP))


def canonical_code(text: str) -> str | None:
    """The stored form of a booking code as a person typed, read or scanned it; None if it cannot be one.

    Any case, spaces, hyphens or dashes anywhere ("7kxr 94fu", "7KXR94FU", " 7kx-r94fu ").
    Codes of the old alphabet ("8EBDZRPS") are not booking codes any more: None.
    """
    symbols = "".join(ch for ch in text.upper() if ch not in _CODE_FILLER)
    if len(symbols) != CODE_LENGTH or not set(symbols) <= set(CODE_ALPHABET):
        return None
    return _grouped(symbols)


def digest(token: str) -> str:
    """Store tokens only as their SHA-256, so a leaked table grants nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def sign(claims: dict[str, Any], *, purpose: str, ttl_seconds: int, audience: str) -> str:
    """A signed JWT (HS256) for ``purpose`` with issuer, audience and expiry."""
    import jwt

    from chalicelib.platform.aws.keyring import derived_key

    now = int(time.time())
    payload = {**claims, "iss": "buergerservice", "aud": audience, "iat": now, "exp": now + ttl_seconds}
    return jwt.encode(payload, derived_key(purpose), algorithm="HS256")


def verify(token: str, *, purpose: str, audience: str, required: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """Claims of a valid token, or None: wrong key, algorithm, issuer, audience or expired."""
    import jwt

    from chalicelib.platform.aws.keyring import derived_key

    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            derived_key(purpose),
            algorithms=["HS256"],
            audience=audience,
            issuer="buergerservice",
            options={"require": ["exp", "iat", "iss", "aud", *required]},
            leeway=5,
        )
    except jwt.PyJWTError:
        return None
    return claims
