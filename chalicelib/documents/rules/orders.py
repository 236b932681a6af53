"""Order states, allowed transitions, document types, pickup ways, references and retention."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.platform import references
from chalicelib.platform.errors import Conflict, ValidationFailed

APPLIED = "applied"
IN_PRODUCTION = "in_production"
READY = "ready"
IN_LOCKER = "in_locker"
COLLECTED = "collected"
RETURNED = "returned"  # not collected in time: sent back to the issuing authority
STATES = (APPLIED, IN_PRODUCTION, READY, IN_LOCKER, COLLECTED, RETURNED)
OPEN = frozenset({APPLIED, IN_PRODUCTION, READY, IN_LOCKER})
FINAL = frozenset({COLLECTED, RETURNED})

# Staff (and terminal) actions: the states each may start from, and the state it leads to.
TRANSITIONS: Mapping[str, tuple[frozenset[str], str]] = {
    "produce": (frozenset({APPLIED}), IN_PRODUCTION),
    "ready": (frozenset({APPLIED, IN_PRODUCTION}), READY),
    "load": (frozenset({READY}), IN_LOCKER),
    "collect": (frozenset({READY, IN_LOCKER}), COLLECTED),
    "return": (frozenset({READY}), RETURNED),
    "take_back": (frozenset({IN_LOCKER}), READY),  # past the deadline: back to the counter
}

COUNTER, APPOINTMENT, LOCKER = "counter", "appointment", "locker"
PICKUP_WAYS = (COUNTER, APPOINTMENT, LOCKER)

# Personal data of a finished order (e-mail, subscription, code) is kept this long.
KEEP_AFTER = {COLLECTED: timedelta(days=7), RETURNED: timedelta(days=30)}
# An open order's personal data lives at most this long (a forgotten order must not stay forever).
KEEP_OPEN = timedelta(days=180)


@dataclass(frozen=True)
class DocumentType:
    id: str
    name_de: str
    name_en: str
    locker: bool = True  # may go into a locker
    bring_de: tuple[str, ...] = ()
    bring_en: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_de

    def bring(self, lang: str) -> tuple[str, ...]:
        return self.bring_en if lang == "en" else self.bring_de


_ID_BRING_DE = ("PIN-Brief oder Abholschein", "bisheriges Dokument (wird entwertet)")
_ID_BRING_EN = ("PIN letter or collection slip", "previous document (will be cancelled)")
DEFAULT_TYPES = (
    DocumentType("personalausweis", "Personalausweis", "ID card", True, _ID_BRING_DE, _ID_BRING_EN),
    DocumentType("reisepass", "Reisepass", "Passport", True, _ID_BRING_DE, _ID_BRING_EN),
    DocumentType(
        "vorlaeufig", "Vorläufige Dokumente", "Provisional documents", False, ("Abholschein",), ("collection slip",)
    ),
    DocumentType(
        "fuehrungszeugnis",
        "Führungszeugnis",
        "Certificate of conduct",
        True,
        ("Abholschein", "Personalausweis oder Reisepass"),
        ("collection slip", "ID card or passport"),
    ),
    DocumentType(
        "meldebescheinigung",
        "Meldebescheinigung",
        "Certificate of registration",
        True,
        ("Abholschein",),
        ("collection slip",),
    ),
)


@dataclass(frozen=True)
class Rules:
    types: Mapping[str, DocumentType]
    code_days: int = 7  # a locker code is valid this long after the door closed
    reminder_day: int = 5  # a reminder goes out on this day of the code's validity
    waiting_days: int = 42  # "waiting too long": applied or in production longer than this
    uncollected_days: int = 14  # "ready but not collected" after this many days
    notice_ttl_days: int = 7  # how long a push service keeps an undelivered notice
    # After a rotation the previous terminal credential still works this long (0: not at all),
    # so that the terminal can be reconfigured without downtime; revoking cuts both off at once.
    credential_overlap_hours: int = 24
    # Counter and appointment pickups: one automatic reminder this many days after ready (0: none).
    pickup_reminder_day: int = 7


def parse_rules(raw: Mapping[str, object] | None) -> Rules:
    """The town's ``[documents]`` table: types may be replaced, numbers adjusted."""
    raw = raw or {}
    types = {t.id: t for t in DEFAULT_TYPES}
    listed = raw.get("types")
    if isinstance(listed, list):
        types = {}
        for i, item in enumerate(listed):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise ValidationFailed(
                    "The document types are incomplete.", fields={f"documents.types[{i}]": "needs an id"}
                )
            name = item.get("name") or {}
            bring = item.get("bring") or {}
            types[item["id"]] = DocumentType(
                item["id"],
                str(name.get("de", item["id"])),
                str(name.get("en", name.get("de", item["id"]))),
                bool(item.get("locker", True)),
                tuple(bring.get("de", ())),
                tuple(bring.get("en", ())),
            )
    numbers = {}
    for key in ("code_days", "reminder_day", "waiting_days", "uncollected_days", "notice_ttl_days"):
        value = raw.get(key)
        if value is not None:
            if not isinstance(value, int) or not 1 <= value <= 365:
                raise ValidationFailed(
                    "The document rules are incomplete.", fields={f"documents.{key}": "must be a whole number 1-365"}
                )
            numbers[key] = value
    for key, most in (("credential_overlap_hours", 168), ("pickup_reminder_day", 365)):
        value = raw.get(key)
        if value is not None:
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
                raise ValidationFailed(
                    "The document rules are incomplete.",
                    fields={
                        f"documents.{key}": "must be a whole number 0-168"
                        if most == 168
                        else "must be a whole number 0-365"
                    },
                )
            numbers[key] = value
    rules = Rules(types, **numbers)  # type: ignore[arg-type]
    if rules.reminder_day >= rules.code_days:
        raise ValidationFailed(
            "The document rules are incomplete.", fields={"documents.reminder_day": "must come before code_days"}
        )
    return rules


def next_state(action: str, current: str) -> str:
    """The state after ``action``; a Conflict naming the current state when it is not allowed."""
    allowed, target = TRANSITIONS[action]
    if current not in allowed:
        raise Conflict(
            f"An order that is {current.replace('_', ' ')} cannot be changed like this.",
            code="order_state",
            details={"state": current},
        )
    return target


def expiry(state: str, moment: datetime, applied: datetime) -> datetime:
    """When the order's personal data is due: a week after collection, a month after return."""
    if state in KEEP_AFTER:
        return moment + KEEP_AFTER[state]
    return applied + KEEP_OPEN


# References: their format is the platform's (a booking may carry one, see platform.references).
ALPHABET = references.ALPHABET
DATA_SYMBOLS = references.DATA_SYMBOLS
REFERENCE_LENGTH = references.REFERENCE_LENGTH
new_reference = references.new_reference
canonical_reference = references.canonical_reference
reference_of = references.reference_of
path_reference = references.path_reference
