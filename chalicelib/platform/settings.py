"""Configuration read lazily from the environment, parsed once into a typed object."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

# Public push services a browser subscription may point at; "*." allows any subdomain.
DEFAULT_PUSH_HOSTS = ("fcm.googleapis.com", "*.push.services.mozilla.com", "*.push.apple.com", "*.notify.windows.com")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


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
    vapid_parameter: str | None = None  # SSM SecureString with the VAPID private key (AWS)
    push_hosts: tuple[str, ...] = DEFAULT_PUSH_HOSTS

    def table_name(self, short: str) -> str:
        return f"{self.table_prefix}{short}"

    @property
    def own_origins(self) -> frozenset[str]:
        """The origins the platform serves its pages from: the public base URL's, and locally
        its loopback aliases (a stack started for localhost is also reached as 127.0.0.1)."""
        parts = urlsplit(self.public_base_url)
        scheme = parts.scheme.lower()
        default = {"http": 80, "https": 443}.get(scheme)
        port = f":{parts.port}" if parts.port and parts.port != default else ""
        host = (parts.hostname or "").lower()
        names = [f"[{host}]" if ":" in host else host]
        if self.local_mode and names[0] in LOOPBACK_NAMES:
            names = list(LOOPBACK_NAMES)
        return frozenset(f"{scheme}://{name}{port}" for name in names)


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
        vapid_parameter=env("VAPID_PARAMETER") or None,
        push_hosts=tuple(h.strip().lower() for h in env("PUSH_SERVICE_HOSTS", "").split(",") if h.strip())
        or DEFAULT_PUSH_HOSTS,
    )
