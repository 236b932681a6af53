"""Prepares a local stack: environment, secrets, tables, the town's data and a first admin."""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LOCAL_DIR = ROOT / ".local"
DEFAULT_TOWN = ROOT / "towns" / "willich.toml"


def local_secrets() -> dict[str, str]:
    """Secrets for this machine, generated on first use and kept out of git in .local/."""
    path = LOCAL_DIR / "secrets.env"
    values: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            key, _, value = line.partition("=")
            if key and value:
                values[key.strip()] = value.strip()
    changed = False
    if "APP_SECRET" not in values:
        values["APP_SECRET"] = secrets.token_urlsafe(48)
        changed = True
    if "VAPID_PRIVATE_KEY" not in values:
        values.update(_vapid_keys())
        changed = True
    if changed:
        LOCAL_DIR.mkdir(exist_ok=True)
        path.write_text("".join(f"{k}={v}\n" for k, v in sorted(values.items())))
        path.chmod(0o600)
    return values


def _vapid_keys() -> dict[str, str]:
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return {"VAPID_PRIVATE_KEY": b64(private), "VAPID_PUBLIC_KEY": b64(public)}


def configure_environment(dynamodb_endpoint: str, ses_endpoint: str, base_url: str) -> None:
    """Environment for the in-process app: local stage, generated secrets, the endpoints."""
    os.environ.update(
        {
            "STAGE": "local",
            "LOCAL_MODE": "1",
            "COOKIE_SECURE": "0",
            "PUBLIC_BASE_URL": base_url,
            "DYNAMODB_ENDPOINT": dynamodb_endpoint,
            "SES_ENDPOINT": ses_endpoint,
        }
    )
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-central-1")
    os.environ.setdefault("AWS_REGION", os.environ["AWS_DEFAULT_REGION"])
    os.environ.setdefault("MAIL_FROM", "buergerservice@stadt-willich.example")
    # The embedded endpoint accepts any credentials; a real one uses what the shell provides.
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
    os.environ.update(local_secrets())
    os.environ.setdefault("PYNAMODB_CONFIG", str(Path(__file__).with_name("pynamodb_settings.py")))
    from chalicelib.platform.settings import get_settings

    get_settings.cache_clear()


def load_town_file(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def bootstrap(
    town_file: Path = DEFAULT_TOWN, admin_password: str | None = None, *, local: bool = True, must_change: bool = False
) -> dict[str, Any]:
    """Create tables, load the town and (locally) its demo content, and create the first admin."""
    from chalicelib.platform.aws.db import create_tables
    from chalicelib.platform.aws.mail import verify_sender
    from chalicelib.staff import town, users
    from infra.local.demo import seed_demo

    create_tables()
    if local:
        verify_sender()  # the embedded SES, like SES itself, sends only from verified senders
    doc = load_town_file(town_file)
    doc["town"]["public_base_url"] = os.environ.get("PUBLIC_BASE_URL", doc["town"].get("public_base_url", ""))
    town.import_document(doc)
    from chalicelib.documents.demo import setup_terminals
    from chalicelib.platform.errors import Conflict

    setup_terminals(doc)  # the town's locker terminals and their compartments (idempotent)

    password: str | None = admin_password or users.generate_password(20)
    try:
        users.create(
            None, "admin", "Administration", ["admin", "office", "survey"], password=password, must_change=must_change
        )
    except Conflict:  # an external database may already have its admin
        password = None
    seeded = seed_demo(doc) if local else {}
    return {"admin_user": "admin", "admin_password": password, "town": doc["town"]["name"], "demo": seeded}
