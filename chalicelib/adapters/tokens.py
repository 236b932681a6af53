"""Unguessable tokens and signed, expiring tokens: the one place that makes them."""

from __future__ import annotations

import hashlib
import secrets
import time
from typing import Any

# Unambiguous alphabet for codes people read aloud or type (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def random_token(nbytes: int = 24) -> str:
    """URL-safe random token; 24 bytes = 192 bits."""
    return secrets.token_urlsafe(nbytes)


def short_code(length: int = 8) -> str:
    """Human-friendly code (booking codes, locker codes): ~5 bits per character."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def digest(token: str) -> str:
    """Store tokens only as their SHA-256, so a leaked table grants nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def sign(claims: dict[str, Any], *, purpose: str, ttl_seconds: int, audience: str) -> str:
    """A signed JWT (HS256) for ``purpose`` with issuer, audience and expiry."""
    import jwt

    from chalicelib.adapters.keyring import derived_key

    now = int(time.time())
    payload = {**claims, "iss": "buergerservice", "aud": audience, "iat": now, "exp": now + ttl_seconds}
    return jwt.encode(payload, derived_key(purpose), algorithm="HS256")


def verify(token: str, *, purpose: str, audience: str, required: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """Claims of a valid token, or None: wrong key, algorithm, issuer, audience or expired."""
    import jwt

    from chalicelib.adapters.keyring import derived_key

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
