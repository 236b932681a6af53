"""Order references: their format only (make one, read one as typed or scanned, check it).

Document orders hand them out; a booking may carry one (the pickup appointment for an order)
as an opaque, format-checked field. Neither needs the other for that: the format lives here.
"""

from __future__ import annotations

import hashlib
import secrets

from chalicelib.platform.errors import ValidationFailed

# 130 random bits in Crockford's base32 (no I, L, O, U) plus two check symbols, grouped in fours.
# People may type them in any case, with or without dashes; O, I and L are read as 0, 1, 1.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DATA_SYMBOLS = 26  # 26 * 5 = 130 bits >= 128
CHECK_SYMBOLS = 2
GROUP = 4
REFERENCE_LENGTH = DATA_SYMBOLS + CHECK_SYMBOLS
_READ_AS = {"O": "0", "I": "1", "L": "1"}
_FILLER = frozenset(" -_.\t\u00a0\u2010\u2011\u2012\u2013\u2014\u2212")


def _check(data: str) -> str:
    value = int.from_bytes(hashlib.sha256(data.encode()).digest()[:2], "big") >> 6  # 10 bits
    return ALPHABET[value >> 5] + ALPHABET[value & 31]


def _grouped(symbols: str) -> str:
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def new_reference() -> str:
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_SYMBOLS))
    return _grouped(data + _check(data))


def canonical_reference(text: str) -> str | None:
    """The stored form of a typed or scanned reference; None when it cannot be one (typo, wrong length)."""
    if not isinstance(text, str) or len(text) > 80:
        return None
    symbols = "".join(_READ_AS.get(ch, ch) for ch in text.upper() if ch not in _FILLER)
    if len(symbols) != REFERENCE_LENGTH or not set(symbols) <= set(ALPHABET):
        return None
    data, check = symbols[:DATA_SYMBOLS], symbols[DATA_SYMBOLS:]
    return _grouped(symbols) if _check(data) == check else None


def reference_of(text: str, field: str = "reference") -> str:
    """The canonical reference, or a 400 naming ``field``."""
    ref = canonical_reference(text)
    if ref is None:
        raise ValidationFailed("This is not a valid order reference.", fields={field: "is not a valid order reference"})
    return ref


def path_reference(ref: str) -> str:
    """The reference as it stands in the app's address: without dashes, so a scanner keeps it whole."""
    return ref.replace("-", "")
