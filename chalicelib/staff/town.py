"""Town settings: the public profile (contact, offices), its legal texts and saving a checked town document."""

from __future__ import annotations

from typing import Any

from chalicelib.booking import config as booking_config
from chalicelib.platform import audit
from chalicelib.platform import town as town_document
from chalicelib.platform.errors import ValidationFailed

REQUIRED_SECTIONS = ("town", "contact", "legal", "offices", "services")


def public_profile() -> dict[str, Any]:
    doc = town_document.document()
    town = doc["town"]
    return {
        "id": town["id"],
        "name": town["name"],
        "short_name": town.get("short_name", town["name"]),
        "logo_text": town.get("logo_text", town.get("short_name", town["name"])),
        "contact": doc["contact"],
        "offices": [
            {
                "id": o["id"],
                "name": o["name"],
                "address": o["address"],
                "hours_text": o.get("hours_text", {"de": "", "en": ""}),
            }
            for o in doc["offices"]
        ],
        "features": doc.get("features", {}),
        # Staff pick these for "rate this visit" links and paper batches; not secret.
        "service_categories": doc.get("service_categories", []),
    }


def legal_texts() -> dict[str, Any]:
    """Impressum, privacy policy and accessibility statement: asked for only by the legal pages."""
    return dict(town_document.document()["legal"])


def check_document(doc: dict[str, Any]) -> None:
    missing = {name: "is required" for name in REQUIRED_SECTIONS if name not in doc}
    if missing:
        raise ValidationFailed("The town document is incomplete.", fields=missing)
    for key in ("id", "name"):
        if not str(doc["town"].get(key, "")).strip():
            raise ValidationFailed("The town document is incomplete.", fields={f"town.{key}": "is required"})
    for lang in ("de", "en"):
        for page in ("impressum", "privacy", "accessibility"):
            if not str(doc["legal"].get(page, {}).get(lang, "")).strip():
                raise ValidationFailed(
                    "Every legal page needs a German and an English text.",
                    fields={f"legal.{page}.{lang}": "is required"},
                )


def import_document(doc: dict[str, Any], actor: str | None = None) -> None:
    """Store a complete town document (seed from the data file, or an admin's edit)."""
    check_document(doc)
    booking_config.check_document(doc)  # a broken catalogue is refused here, not on every booking
    town_document.save(doc)
    if actor:
        audit.record(actor, "town.update", str(doc["town"]["id"]))
