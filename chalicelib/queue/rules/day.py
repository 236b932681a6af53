"""One office day of the queue as plain data: its tickets (in issue order), calls and counters.

The store keeps the day as one document; tickets are a list in the order they were taken, so a
ticket's number is implicit (the n-th ticket of its category) and never written twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

WAITING, CALLED, PARKED, DONE, MISSED, CANCELLED = "waiting", "called", "parked", "done", "missed", "cancelled"
ACTIVE = (WAITING, CALLED, PARKED)
OPEN, PAUSED, CLOSED = "open", "paused", "closed"
ONLINE, KIOSK, CLERK = "online", "kiosk", "clerk"
CHANNEL_FIELD = {ONLINE: "online", KIOSK: "counter_issued", CLERK: "counter_issued"}


@dataclass
class Ticket:
    index: int  # position in the day's list: the key the store writes to
    category: str
    number: int
    channel: str
    issued_at: float
    status: str = WAITING
    calls: int = 0
    counter: str | None = None
    called_at: float | None = None
    first_called_at: float | None = None
    ended_at: float | None = None
    forward_to: str | None = None  # a counter this ticket waits for, after being forwarded
    serve_as: str | None = None  # the category it was forwarded to; its number (category) never changes
    key: str | None = None  # digest of the Idempotency-Key that took it
    has_push: bool = False

    @property
    def id(self) -> str:
        return ticket_id(self.category, self.number)

    @property
    def display(self) -> str:
        return display_number(self.category, self.number)

    @property
    def serving_category(self) -> str:
        """The category this ticket is served in: the one it was forwarded to, else its own."""
        return self.serve_as or self.category


@dataclass
class Appointment:
    """A booked appointment checked in at the desk today, merged into the call order."""

    code: str
    start: float
    status: str = WAITING
    counter: str | None = None
    called_at: float | None = None


@dataclass
class Day:
    office: str
    day: str
    version: int = 0
    status: str = OPEN
    message: str = ""
    tickets: list[Ticket] = field(default_factory=list)
    online: int = 0
    counter_issued: int = 0
    calls: list[dict[str, Any]] = field(default_factory=list)  # {"id", "counter", "at"}, oldest first
    counters: dict[str, float] = field(default_factory=dict)  # counter -> last action (epoch)
    appointments: dict[str, Appointment] = field(default_factory=dict)
    exists: bool = True

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for t in self.tickets:
            counts[t.category] = counts.get(t.category, 0) + 1
        return counts

    def ticket(self, ticket_id_: str) -> Ticket | None:
        return next((t for t in self.tickets if t.id == ticket_id_), None)

    def current(self, counter: str) -> Ticket | None:
        """The ticket this counter has called and not finished yet."""
        return next((t for t in self.tickets if t.status == CALLED and t.counter == counter), None)


def ticket_id(category: str, number: int) -> str:
    return f"{category}{number}"


def display_number(category: str, number: int) -> str:
    return f"{category} {number}" if category else str(number)


def parse_ticket_id(text: str) -> tuple[str, int] | None:
    prefix = text.rstrip("0123456789")
    digits = text[len(prefix) :]
    if not digits or len(digits) > 4 or (prefix and not (len(prefix) <= 2 and prefix.isalpha() and prefix.isupper())):
        return None
    return prefix, int(digits)


def from_document(office: str, day: str, doc: dict[str, Any] | None) -> Day:
    """The day from the store's plain document (numbers arrive as Decimal)."""
    if doc is None:
        return Day(office, day, exists=False)
    numbers: dict[str, int] = {}
    tickets = []
    for index, raw in enumerate(doc.get("tl") or []):
        category = str(raw.get("c", ""))
        numbers[category] = numbers.get(category, 0) + 1
        tickets.append(
            Ticket(
                index=index,
                category=category,
                number=numbers[category],
                channel=str(raw.get("ch", ONLINE)),
                issued_at=float(raw.get("at", 0)),
                status=str(raw.get("s", WAITING)),
                calls=int(raw.get("k", 0)),
                counter=_opt(raw.get("ctr")),
                called_at=_num(raw.get("ca")),
                first_called_at=_num(raw.get("fc")),
                ended_at=_num(raw.get("ea")),
                forward_to=_opt(raw.get("fw")),
                serve_as=_opt(raw.get("sa")),
                key=_opt(raw.get("ik")),
                has_push=bool(raw.get("p")),
            )
        )
    appointments = {
        code: Appointment(code, float(a.get("st", 0)), str(a.get("s", CALLED)), _opt(a.get("ctr")), _num(a.get("ca")))
        for code, a in (doc.get("ap") or {}).items()
    }
    return Day(
        office=office,
        day=day,
        version=int(doc.get("ver", 0)),
        status=str(doc.get("st", OPEN)),
        message=str(doc.get("msg", "")),
        tickets=tickets,
        online=int(doc.get("online", 0)),
        counter_issued=int(doc.get("counter_issued", 0)),
        calls=[{"id": str(c["id"]), "counter": str(c["ctr"]), "at": float(c["at"])} for c in doc.get("calls") or []],
        counters={str(k): float(v) for k, v in (doc.get("ctrs") or {}).items()},
        appointments=appointments,
    )


def _opt(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _num(value: Any) -> float | None:
    return None if value is None else float(value)
