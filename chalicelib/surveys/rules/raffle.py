"""Voucher raffle rules: who may be drawn, when, and what is published about the winners."""

from __future__ import annotations

import secrets
import unicodedata
from datetime import date, timedelta

from chalicelib.platform.errors import Conflict, ValidationFailed
from chalicelib.surveys.rules.model import Survey

# Entries (names, e-mail addresses) are kept one week past the publication of the winners, so
# that winners who answer late can still be reached; then they are deleted.
ENTRY_RETENTION = timedelta(days=7)


def draw(entry_ids: list[str], winners: int, rng: secrets.SystemRandom | None = None) -> list[str]:
    """`winners` distinct entries chosen uniformly at random; everyone wins if there are fewer.

    Uses the operating system's cryptographic random source unless a generator is passed in,
    because a predictable draw could be gamed by timing entries.
    """
    if isinstance(winners, bool) or not isinstance(winners, int) or winners < 1:
        raise ValidationFailed("The number of winners is invalid.", fields={"winners": "must be at least 1"})
    # The same entry listed twice must not get two chances or two prizes.
    unique = list(dict.fromkeys(entry_ids))
    generator = rng if rng is not None else secrets.SystemRandom()
    return generator.sample(unique, min(winners, len(unique)))


def public_name(first: str, last: str) -> str:
    """The published form of a winner's name: first name and initial of the last name ("Anna M.")."""
    first = " ".join(unicodedata.normalize("NFC", first).split())
    last = unicodedata.normalize("NFC", last).strip()
    initial = f"{last[0].upper()}." if last else ""
    name = " ".join(part for part in (first, initial) if part)
    if not name:
        raise ValidationFailed("A winner needs a name.", fields={"first_name": "is required"})
    return name


def entry_expiry(publication_end: date) -> date:
    """The day from which raffle entries must be deleted."""
    return publication_end + ENTRY_RETENTION


def can_draw(survey: Survey, today: date, already_drawn: bool) -> None:
    """Raise Conflict unless the raffle of this survey may be drawn today.

    Drawing waits until the survey has closed so every participant has the same chance, happens
    once, and not after the publication period, when the entries are about to be deleted.
    """
    details = {"closes": survey.closes.isoformat()}
    if survey.raffle is None:
        raise Conflict("This survey has no raffle.", code="no_raffle")
    details["publication_end"] = survey.raffle.publication_end.isoformat()
    if survey.status != "published":
        raise Conflict("A draft survey has no raffle entries.", code="survey_not_published", details=details)
    if already_drawn:
        raise Conflict("The raffle has already been drawn.", code="raffle_already_drawn", details=details)
    if today <= survey.closes:
        raise Conflict("The raffle is drawn after the survey has closed.", code="survey_still_open", details=details)
    if today > survey.raffle.publication_end:
        raise Conflict("The publication period of the raffle is over.", code="raffle_expired", details=details)
