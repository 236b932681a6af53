"""What the display, the ticket pages and the console poll: one small versioned state per office
and day (one GetItem; an unchanged version answers 304 without further work), and a ticket's own state."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from chalicelib.platform.aws import tokens
from chalicelib.platform.day_names import BERLIN
from chalicelib.platform.errors import NotFound
from chalicelib.queue import plan
from chalicelib.queue.rules import tickets as rules
from chalicelib.queue.rules.config import ISSUING, OfficeQueue, phase
from chalicelib.queue.rules.day import MISSED, WAITING, Day, Ticket, from_document
from chalicelib.queue.store import days as day_store

SHOWN_CALLS = 6
ETAG_BUCKET_SECONDS = 300  # the estimate follows staffed counters, which age out without a write
TICKET_PURPOSE, AUDIENCE = "queue-ticket", "queue"


def load(office: str, day: date, *, consistent: bool = True) -> Day:
    iso = day.isoformat()
    return from_document(office, iso, day_store.get(office, iso, consistent=consistent))


def iso_time(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, BERLIN).isoformat(timespec="seconds")


def etag(day: Day, current_phase: str, moment: float) -> str:
    return f'"{day.version}.{current_phase}.{int(moment // ETAG_BUCKET_SECONDS)}"'


def _calls(day: Day) -> list[dict[str, Any]]:
    shown = []
    for call in reversed(day.calls[-SHOWN_CALLS:]):
        ticket = day.ticket(call["id"])
        number = ticket.display if ticket else call["id"]
        shown.append({"number": number, "counter": call["counter"], "at": iso_time(call["at"])})
    return shown


def state_view(cfg: OfficeQueue, day: Day, moment: datetime) -> dict[str, Any]:
    on = date.fromisoformat(day.day)
    morning, reason = plan.morning(cfg, on)
    current = phase(morning, on, moment)
    left = rules.left(cfg, day)
    per_category = rules.left_per_category(cfg, day)
    categories = [{"id": c.id, "name": c.name, "left": per_category[c.id]} for c in cfg.categories if c.id]
    now = moment.timestamp()
    waiting = len(rules.waiting(day))
    return {
        "office": plan.office_info(cfg.office),
        "date": day.day,
        "version": day.version,
        "phase": current,
        "status": day.status,
        "message": (day.message or cfg.pause_message.get("de", "")) if day.status == "paused" else "",
        "pause_message": cfg.pause_message,
        "morning": morning.view() if morning else None,
        "reason": reason,
        "next_morning": plan.next_morning(cfg, on) if current != ISSUING else None,
        "tickets_left": {"online": left["online"], "kiosk": left["kiosk"]},
        "categories": categories,
        "waiting": waiting,
        "estimate": rules.estimate(waiting, rules.average_handling(cfg, day), rules.active_counters(cfg, day, now)),
        "called": _calls(day),
        "updated_at": iso_time(now),
    }


def state(office_id: str, if_none_match: str | None) -> tuple[str, dict[str, Any] | None]:
    """The office's state today and its ETag; no body when the client's copy is current."""
    cfg = plan.config(office_id)
    moment = plan.now()
    today = moment.astimezone(BERLIN).date()
    day = load(office_id, today, consistent=False)
    morning, _ = plan.morning(cfg, today)
    tag = etag(day, phase(morning, today, moment), moment.timestamp())
    if if_none_match and tag in [t.strip() for t in if_none_match.split(",")]:
        return tag, None
    return tag, state_view(cfg, day, moment)


# --- a citizen's own ticket -------------------------------------------------------------------


def ticket_token(office: str, day: str, ticket_id: str) -> str:
    """The ticket's link credential: names office, day and ticket, nothing about the person."""
    ttl = max(60, plan.expires_at(date.fromisoformat(day)) - int(plan.now().timestamp()))
    return tokens.sign(
        {"o": office, "d": day, "i": ticket_id}, purpose=TICKET_PURPOSE, ttl_seconds=ttl, audience=AUDIENCE
    )


def read_token(token: str) -> tuple[str, str, str]:
    claims = (
        tokens.verify(token, purpose=TICKET_PURPOSE, audience=AUDIENCE, required=("o", "d", "i")) if token else None
    )
    if not claims:
        raise NotFound("This ticket is not valid (any more).", code="ticket_unknown")
    return str(claims["o"]), str(claims["d"]), str(claims["i"])


def find(day: Day, ticket_id: str) -> Ticket:
    ticket = day.ticket(ticket_id)
    if ticket is None:
        raise NotFound("This ticket is not valid (any more).", code="ticket_unknown")
    return ticket


def ticket_view(cfg: OfficeQueue, day: Day, ticket: Ticket, moment: datetime) -> dict[str, Any]:
    ahead = rules.position(day, ticket)
    now = moment.timestamp()
    forwarded = ticket.serving_category != ticket.category
    return {
        "id": ticket.id,
        "number": ticket.display,
        "category": ticket.category,
        # after a forward: the category it is served in now (the number stays the one it was given)
        "serve_as": (
            {"id": ticket.serve_as, "name": cfg.category(ticket.serve_as).name}
            if forwarded and ticket.serve_as
            else None
        ),
        "status": ticket.status,
        "channel": ticket.channel,
        "position": ahead if ticket.status == WAITING else None,
        "estimate": (
            rules.estimate(ahead, rules.average_handling(cfg, day), rules.active_counters(cfg, day, now))
            if ticket.status == WAITING
            else None
        ),
        "counter": ticket.counter,
        "calls": ticket.calls,
        "recall_limit": cfg.recall_limit,
        # a missed ticket's page says what to do: a new ticket while there are any, else book
        "tickets_left": _left_now(cfg, day, moment) if ticket.status == MISSED else None,
        "issued_at": iso_time(ticket.issued_at),
        "called_at": iso_time(ticket.called_at) if ticket.called_at else None,
        "push": ticket.has_push,
        "office": plan.office_info(cfg.office),
        "date": day.day,
        "queue_status": day.status,
        "version": day.version,
        "updated_at": iso_time(now),
    }


def _left_now(cfg: OfficeQueue, day: Day, moment: datetime) -> int:
    """Tickets the app may still give out at this moment (0 outside the issuing hours)."""
    on = date.fromisoformat(day.day)
    morning, _ = plan.morning(cfg, on)
    if phase(morning, on, moment) != ISSUING or day.status != "open":
        return 0
    return rules.left(cfg, day)["online"]


def ticket_state(token: str, if_none_match: str | None) -> tuple[str, dict[str, Any] | None]:
    office, day_iso, ticket_id = read_token(token)
    cfg = plan.config(office)
    moment = plan.now()
    day = load(office, date.fromisoformat(day_iso), consistent=False)
    ticket = find(day, ticket_id)
    tag = f'"{day.version}.t.{int(moment.timestamp() // ETAG_BUCKET_SECONDS)}"'
    if if_none_match and tag in [t.strip() for t in if_none_match.split(",")]:
        return tag, None
    return tag, {"ticket": ticket_view(cfg, day, ticket, moment)}
