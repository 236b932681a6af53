"""One-time "rate this visit" links: issued at the counter per office and service category."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from chalicelib.platform.aws import tokens
from chalicelib.platform.errors import Conflict, Gone, ValidationFailed
from chalicelib.surveys.definitions import ensure_open_with_dates, fresh, public_url, today
from chalicelib.surveys.store import responses as response_store

DEFAULT_DAYS = 7


def _town_ids() -> tuple[set[str], set[str]]:
    from chalicelib.platform import town

    doc = town.document()
    return {str(o["id"]) for o in doc.get("offices", [])}, {str(c["id"]) for c in doc.get("service_categories", [])}


def check_origin(office: str | None, category: str | None) -> None:
    """Office and service category must be the town's own ids (visit links, paper batches, filters)."""
    offices, categories = _town_ids()
    errors = {}
    if office is not None and office not in offices:
        errors["office"] = "is not an office of this town"
    if category is not None and category not in categories:
        errors["category"] = "is not a service category of this town"
    if errors:
        raise ValidationFailed("Unknown office or service category.", fields=errors)


def create(survey_id: str, office: str, category: str, valid_days: int | None) -> dict[str, Any]:
    """A one-time link for one visitor. Deliberately not audited and without its creator: a rating
    must not be traceable to the member of staff who handed out the code."""
    from chalicelib.platform.aws import qr

    record = fresh(survey_id)
    if record.survey.status != "published":
        raise Conflict("Publish the survey before handing out visit links.", code="survey_not_published")
    ensure_open_with_dates(record.survey, today())
    check_origin(office, category)
    if "." in office or "." in category:
        raise ValidationFailed("Office and category ids must not contain dots.", fields={"office": "contains a dot"})
    # Office and category ride along in the token, so the submission needs no extra read; the
    # digest covers them, so changing them in the link makes the token invalid.
    token = f"{office}.{category}.{tokens.random_token(18)}"
    days = valid_days or DEFAULT_DAYS
    expires = int(time.time()) + days * 86400
    response_store.save_token(
        response_store.TokenModel(
            tokens.digest(token),
            kind="visit",
            survey_id=survey_id,
            office=office,
            category=category,
            expires_at=expires,
        )
    )
    url = f"{public_url(survey_id)}?besuch={token}"
    return {
        "url": url,
        "token": token,
        "office": office,
        "category": category,
        "expires_at": datetime.fromtimestamp(expires, UTC).isoformat(timespec="seconds"),
        "qr_svg": qr.qr_svg(url),
    }


def parse_token(token: str) -> tuple[str, str, str]:
    """(digest, office, category) of a visit token, or Gone when it cannot be one."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts) or len(token) > 200:
        raise Gone("This visit link is not valid.", code="visit_token_invalid")
    return tokens.digest(token), parts[0], parts[1]


def check(survey_id: str, token: str) -> dict[str, Any]:
    try:
        digest, office, category = parse_token(token)
    except Gone:
        return {"valid": False}
    item = response_store.get_token(digest)
    valid = bool(item and item.kind == "visit" and item.survey_id == survey_id)
    return {"valid": valid, "office": office, "category": category} if valid else {"valid": False}
