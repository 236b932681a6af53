"""Configuration read lazily from the environment, parsed once into a typed object."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    stage: str
    version: str
    region: str
    table_prefix: str
    dynamodb_endpoint: str | None
    ses_endpoint: str | None
    mail_from: str
    public_base_url: str
    cookie_secure: bool
    local_mode: bool
    app_secret: str | None
    secret_parameter: str | None
    access_token_minutes: int
    refresh_token_hours: int
    vapid_public_key: str | None
    vapid_private_key: str | None
    vapid_subject: str

    def table_name(self, short: str) -> str:
        return f"{self.table_prefix}{short}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    env = os.environ.get
    stage = env("STAGE", "dev")
    return Settings(
        stage=stage,
        version=env("APP_VERSION", "0.1.0"),
        region=env("AWS_REGION") or env("AWS_DEFAULT_REGION") or "eu-central-1",
        table_prefix=env("TABLE_PREFIX", f"buergerservice-{stage}-"),
        dynamodb_endpoint=env("DYNAMODB_ENDPOINT") or None,
        ses_endpoint=env("SES_ENDPOINT") or None,
        mail_from=env("MAIL_FROM", "buergerservice@example.org"),
        public_base_url=env("PUBLIC_BASE_URL", "http://localhost:8000").rstrip("/"),
        cookie_secure=_flag("COOKIE_SECURE", True),
        local_mode=_flag("LOCAL_MODE", False),
        app_secret=env("APP_SECRET") or None,
        secret_parameter=env("SECRET_PARAMETER") or None,
        access_token_minutes=int(env("ACCESS_TOKEN_MINUTES", "15")),
        refresh_token_hours=int(env("REFRESH_TOKEN_HOURS", "10")),
        vapid_public_key=env("VAPID_PUBLIC_KEY") or None,
        vapid_private_key=env("VAPID_PRIVATE_KEY") or None,
        vapid_subject=env("VAPID_SUBJECT", "mailto:buergerservice@example.org"),
    )
