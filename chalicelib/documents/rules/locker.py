"""Locker rules: pickup codes, their deadline and reminder, the lockout, four-eyes loading, credentials."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.platform.errors import Conflict, Forbidden, ValidationFailed

CODE_DIGITS = 8  # >= 6; with the lockout, guessing one of a terminal's codes is hopeless
LOCKOUT_ATTEMPTS = 5  # wrong codes at one terminal ...
LOCKOUT_WINDOW = timedelta(minutes=15)  # ... within this window close it to codes for the window
SIZES = ("small", "large")
CREDENTIAL_PREFIX = "term"


@dataclass(frozen=True)
class Compartment:
    id: str
    size: str
    reference: str | None = None

    @property
    def free(self) -> bool:
        return self.reference is None


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def canonical_code(text: str) -> str | None:
    digits = "".join(ch for ch in str(text) if not ch.isspace() and ch != "-")
    return digits if len(digits) == CODE_DIGITS and digits.isascii() and digits.isdigit() else None


def deadline(door_closed: datetime, code_days: int) -> datetime:
    return door_closed + timedelta(days=code_days)


def reminder_due(door_closed: datetime, reminder_day: int, now: datetime) -> bool:
    """Day 1 starts when the door closed; the reminder goes out once day ``reminder_day`` has begun."""
    return now >= door_closed + timedelta(days=reminder_day - 1)


def expired(code_deadline: datetime, now: datetime) -> bool:
    return now >= code_deadline


def locked_out(wrong_codes: int) -> bool:
    return wrong_codes >= LOCKOUT_ATTEMPTS


def check_second_person(loaded_by: str | None, confirmer: str) -> None:
    """Four eyes: the one who confirms the loading must not be the one who loaded."""
    if loaded_by is None:
        raise Conflict("This order is not waiting for a second person to confirm.", code="not_loading")
    if loaded_by == confirmer:
        raise Forbidden(
            "A second staff member must confirm the loading (four-eyes principle).", code="second_person_required"
        )


def pick_compartment(compartments: list[Compartment], size: str) -> Compartment:
    """The first free compartment of the size; a large one when no small one is free."""
    if size not in SIZES:
        raise ValidationFailed("Choose a compartment size.", fields={"size": "must be small or large"})
    wanted = [c for c in compartments if c.free and c.size == size]
    if not wanted and size == "small":
        wanted = [c for c in compartments if c.free and c.size == "large"]
    if not wanted:
        raise Conflict("No compartment of this size is free.", code="locker_full")
    return sorted(wanted, key=lambda c: c.id)[0]


def new_credential(terminal: str) -> str:
    """What a terminal sends as ``Authorization: Terminal <credential>``; only its digest is stored."""
    return f"{CREDENTIAL_PREFIX}.{terminal}.{secrets.token_urlsafe(32)}"


def terminal_of(credential: str) -> str | None:
    parts = credential.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == CREDENTIAL_PREFIX and parts[1] else None
