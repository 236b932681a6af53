"""Issuing limits, the call order, what each counter action may do, and wait estimates."""

from __future__ import annotations

import math
from dataclasses import dataclass

from chalicelib.platform.errors import Conflict, ValidationFailed
from chalicelib.queue.rules.config import OfficeQueue
from chalicelib.queue.rules.day import (
    CALLED,
    CANCELLED,
    CLOSED,
    DONE,
    MISSED,
    ONLINE,
    PARKED,
    PAUSED,
    WAITING,
    Appointment,
    Day,
    Ticket,
)

ACTIVE_COUNTER_SECONDS = 30 * 60  # a counter that acted within this time counts as staffed
OPTIMISTIC, PESSIMISTIC = 0.8, 1.25  # the range around the estimate, as ZMS's "optimistic" estimate
SOON_POSITION = 3  # "Gleich sind Sie dran (noch 3)"


@dataclass(frozen=True)
class Limits:
    """The highest values the day's counters may have before a ticket of this kind is issued."""

    total: int
    channel: int  # online tickets, or kiosk/clerk tickets
    category: int


def limits(cfg: OfficeQueue, category: str, channel: str) -> Limits:
    """Online tickets stop at the daily limit minus the share kept for people without a smartphone;
    kiosk and clerk tickets may use the whole limit."""
    cat_limit = cfg.category(category).limit or cfg.daily_limit
    channel_limit = cfg.online_limit if channel == ONLINE else cfg.daily_limit
    return Limits(cfg.daily_limit, channel_limit, cat_limit)


def left(cfg: OfficeQueue, day: Day) -> dict[str, int]:
    """Tickets still to be had today: online, and at the kiosk or counter."""
    total = len(day.tickets)
    online = max(0, min(cfg.online_limit - day.online, cfg.daily_limit - total))
    return {"online": online, "kiosk": max(0, cfg.daily_limit - total)}


def left_per_category(cfg: OfficeQueue, day: Day) -> dict[str, int]:
    """Tickets still to be had today per category (at most what is left in total)."""
    counts = day.counts()
    kiosk = left(cfg, day)["kiosk"]
    return {c.id: max(0, min((c.limit or cfg.daily_limit) - counts.get(c.id, 0), kiosk)) for c in cfg.categories}


def refusal(cfg: OfficeQueue, day: Day, category: str, channel: str) -> Conflict | None:
    """Why no ticket of this kind can be issued now (None: it can)."""
    if day.status == CLOSED:
        return Conflict("The walk-in morning has ended for today.", code="queue_closed")
    if day.status == PAUSED:
        return Conflict("Issuing is paused for a moment. Please try again shortly.", code="queue_paused")
    lim = limits(cfg, category, channel)
    if len(day.tickets) >= lim.total:
        return Conflict("All tickets for today have been given out.", code="no_tickets_left")
    issued_by_channel = day.online if channel == ONLINE else day.counter_issued
    if channel == ONLINE and issued_by_channel >= lim.channel:
        return Conflict(
            "All tickets for the app have been given out today; the rest are kept for the kiosk at the door.",
            code="online_share_gone",
        )
    if day.counts().get(category, 0) >= lim.category:
        return Conflict("All tickets of this category have been given out today.", code="category_full")
    return None


def waiting(day: Day) -> list[Ticket]:
    return [t for t in day.tickets if t.status == WAITING]


def _due(t: Ticket) -> float:
    return t.issued_at


def call_order(day: Day, counter: str, appointments: list[Appointment]) -> list[Ticket | Appointment]:
    """Who a counter calls next, in order: tickets forwarded to it first, then tickets and checked-in
    appointments merged by time (a ticket by when it was taken, an appointment by its start).

    The office has one call order for every category (as checked-in appointments join it), so a
    ticket forwarded to another category rejoins it at the time it was first issued: ahead of
    everybody who came later. That is the fair place: the citizen has waited once already and was
    sent on for a second matter, not to the back of the line; putting such tickets at the very
    front would in turn overtake those who came earlier and are still waiting."""
    forwarded = [t for t in waiting(day) if t.forward_to == counter]
    general = [t for t in waiting(day) if t.forward_to is None]
    pending = [a for a in appointments if a.code not in day.appointments]
    merged: list[Ticket | Appointment] = [*general, *pending]
    merged.sort(key=lambda x: (x.issued_at if isinstance(x, Ticket) else x.start, isinstance(x, Ticket)))
    return [*forwarded, *merged]


def position(day: Day, ticket: Ticket) -> int:
    """How many are ahead of this ticket (0: it is next)."""
    if ticket.status != WAITING:
        return 0
    return sum(
        1
        for t in waiting(day)
        if t.issued_at < ticket.issued_at or (t.issued_at == ticket.issued_at and t.index < ticket.index)
    )


def active_counters(cfg: OfficeQueue, day: Day, now: float) -> int:
    active = sum(1 for at in day.counters.values() if now - at <= ACTIVE_COUNTER_SECONDS)
    return max(1, active or cfg.counters)


def average_handling(cfg: OfficeQueue, day: Day) -> float:
    """Seconds per citizen, measured today (call to finish), else the configured assumption."""
    spans = [t.ended_at - t.called_at for t in day.tickets if t.status == DONE and t.ended_at and t.called_at]
    spans = [s for s in spans if s > 0]
    return sum(spans) / len(spans) if spans else cfg.handling_minutes * 60.0


def estimate(ahead: int, handling_seconds: float, counters: int) -> dict[str, int]:
    """A wait range in minutes, never a false exact minute: the slot (average handling time divided by
    the staffed counters) times the people ahead, widened to an optimistic and a cautious bound."""
    slot = handling_seconds / max(1, counters)
    expected = ahead * slot / 60
    low = int(math.floor(expected * OPTIMISTIC / 5) * 5)
    high = int(math.ceil((expected * PESSIMISTIC + slot / 60) / 5) * 5)
    return {"low": max(0, low), "high": max(5, high, low + 5)}


# --- counter actions on one ticket ---------------------------------------------------------------

TRANSITIONS = {
    "call": ((WAITING,), CALLED),
    "recall": ((CALLED,), CALLED),
    "missed": ((CALLED,), MISSED),
    "park": ((CALLED,), PARKED),
    "resume": ((PARKED,), WAITING),
    "done": ((CALLED,), DONE),
    "forward": ((CALLED, PARKED), WAITING),
    "cancel": ((WAITING, CALLED, PARKED), CANCELLED),
}


def check(action: str, ticket: Ticket, cfg: OfficeQueue) -> str:
    """The status after ``action``; Conflict when the ticket's status does not allow it.

    Calling again a ticket that has been called the re-call limit number of times marks it missed:
    the citizen has not come after the last call, and the clerk needs no separate press. Neither a
    timer after the last call nor the counter's next call can mark it missed on their own, as
    neither tells a citizen who did not come from one who came at the last call and is being served.
    """
    allowed, target = TRANSITIONS[action]
    if ticket.status not in allowed:
        if ticket.status in (DONE, MISSED, CANCELLED):
            raise Conflict(
                f"Ticket {ticket.display} is no longer active ({ticket.status}).",
                code="ticket_not_active",
                details={"status": ticket.status},
            )
        raise Conflict(
            f"Ticket {ticket.display} cannot be changed this way while it is {ticket.status}.",
            code="wrong_status",
            details={"status": ticket.status},
        )
    if action == "recall" and ticket.calls >= cfg.recall_limit:
        return MISSED
    return target


def check_forward(cfg: OfficeQueue, ticket: Ticket, counter: str | None, to_category: str | None) -> None:
    """A ticket is forwarded by the counter that has it (called or parked there), to a category of
    this office other than the one it is served in now; ValidationFailed or Conflict otherwise."""
    if counter and ticket.counter != counter:
        raise Conflict(
            f"Ticket {ticket.display} is not at this counter.",
            code="other_counter",
            details={"counter": ticket.counter},
        )
    if to_category is None:
        return
    ids = [c.id for c in cfg.categories if c.id]
    if to_category not in ids:
        raise ValidationFailed(
            "There is no such ticket category.",
            fields={"to_category": f"must be one of: {', '.join(ids)}" if ids else "this office has no categories"},
            code="no_category",
        )
    if to_category == ticket.serving_category:
        raise ValidationFailed(
            "The ticket is already in this category.",
            fields={"to_category": "must be another category"},
            code="same_category",
        )


def soon_ticket(day: Day) -> Ticket | None:
    """The waiting ticket that has just become the third in line, to be told "soon"."""
    line = sorted(waiting(day), key=lambda t: (t.issued_at, t.index))
    return line[SOON_POSITION - 1] if len(line) >= SOON_POSITION else None
