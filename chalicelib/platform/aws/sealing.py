"""Idempotency records that keep a stored answer unreadable without the client's own key.

A booking's answer holds its manage token, which the database must never hold in the clear.
The record is found by an HMAC of the Idempotency-Key and its answer is encrypted (AES-GCM)
with a key derived from the Idempotency-Key itself, which only the client knows. Used for every
idempotent operation by ``platform.idempotency``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from chalicelib.platform.aws.keyring import derived_key


def record_key(namespace: str, idempotency_key: str) -> str:
    mac = hmac.new(derived_key("idempotency-record"), idempotency_key.encode(), hashlib.sha256).hexdigest()
    return f"{namespace}:{mac}"


def _key(idempotency_key: str) -> bytes:
    return hmac.new(derived_key("idempotency-seal"), idempotency_key.encode(), hashlib.sha256).digest()


def seal(idempotency_key: str, plain: bytes) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return base64.b64encode(nonce + AESGCM(_key(idempotency_key)).encrypt(nonce, plain, None)).decode()


def unseal(idempotency_key: str, sealed: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    raw = base64.b64decode(sealed)
    return AESGCM(_key(idempotency_key)).decrypt(raw[:12], raw[12:], None)
