"""The counter console: call the next number (atomically), call again, no-show, park and resume,
done, forward; open, pause and close the morning; today's overview.

Every change is one conditional UpdateItem on the day document, on the condition that the ticket
still has the status it was read with, so two counters pressing together never get the same ticket.
The day document itself records which counter called, served or parked each ticket and when; the
audit log keeps the morning's opening, pauses and closing (and kiosks, settings, clerk tickets),
not every press of a button.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.platform import audit
from chalicelib.platform.errors import Conflict, Forbidden, ValidationFailed
from chalicelib.queue import live, notify, plan
from chalicelib.queue.rules import tickets as rules
from chalicelib.queue.rules.config import OfficeQueue
from chalicelib.queue.rules.day import (
    ACTIVE,
    CALLED,
    CLOSED,
    DONE,
    MISSED,
    OPEN,
    PARKED,
    PAUSED,
    WAITING,
    Appointment,
    Day,
    Ticket,
    from_document,
)
from chalicelib.queue.store import days as day_store

ATTEMPTS = 8
_RAW_PUSH = "p"


def check_staff(cfg: OfficeQueue, user: Any) -> None:
    """Refuse staff of other offices: a queue that names its staff admits them (and admins) only."""
    if cfg.staff and user.username not in cfg.staff and "admin" not in user.roles:
        raise Forbidden("You do not work at this office's walk-in queue.", code="other_office")


def _counter(cfg: OfficeQueue, counter: str | None, field: str = "counter") -> str:
    if counter not in cfg.counter_names():
        raise ValidationFailed(
            "There is no such counter at this office.",
            fields={field: f"must be one of: {', '.join(cfg.counter_names())}"},
            code="no_counter",
        )
    return counter


def _today(cfg: OfficeQueue, user: Any) -> tuple[date, Day, dict[str, Any] | None]:
    check_staff(cfg, user)
    on = plan.today()
    doc = day_store.get(cfg.office, on.isoformat())
    return on, from_document(cfg.office, on.isoformat(), doc), doc


def _ticket_url(cfg: OfficeQueue, day: Day, ticket: Ticket) -> str:
    return f"/wartemarke/ticket#{live.ticket_token(cfg.office, day.day, ticket.id)}"


def _push(cfg: OfficeQueue, day: Day, doc: dict[str, Any] | None, ticket: Ticket, kind: str, **values: Any) -> None:
    raw = ((doc or {}).get("tl") or [])[ticket.index] if doc and ticket.index < len(doc.get("tl") or []) else {}
    sub = raw.get(_RAW_PUSH)
    if sub:
        notify.send(sub, kind, ticket, _ticket_url(cfg, day, ticket), str(raw.get("l", "de")), **values)


def _appointments(cfg: OfficeQueue, on: date) -> list[Appointment]:
    from chalicelib.booking.day import checked_in

    return [Appointment(code, start.timestamp()) for code, start in checked_in(cfg.office, on)]


def _finish_current(day: Day, counter: str, now: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Sets and conditions that finish what this counter has called (a new call ends the last one)."""
    sets: dict[str, Any] = {}
    conditions: dict[str, Any] = {}
    current = day.current(counter)
    if current is not None:
        sets.update({f"tl[{current.index}].s": DONE, f"tl[{current.index}].ea": now})
        conditions.update({f"tl[{current.index}].s": CALLED, f"tl[{current.index}].ctr": counter})
    for code, appointment in day.appointments.items():
        if appointment.status == CALLED and appointment.counter == counter:
            sets[f"ap.{code}.s"] = DONE
            conditions[f"ap.{code}.s"] = CALLED
    return sets, conditions


def call_next(user: Any, office_id: str, counter: str | None, ticket_id: str | None = None) -> dict[str, Any]:
    """Call the next in line (or the named ticket) to ``counter``; the counter's last call counts as done."""
    cfg = plan.config(office_id)
    counter = _counter(cfg, counter)
    for _ in range(ATTEMPTS):
        on, day, doc = _today(cfg, user)
        if not day.exists:
            return {"called": None, "counter": counter}
        now = int(plan.now().timestamp())
        sets, conditions = _finish_current(day, counter, now)
        if ticket_id:
            named = live.find(day, ticket_id)
            rules.check("call", named, cfg)
            order: list[Ticket | Appointment] = [named]
        else:
            order = rules.call_order(day, counter, _appointments(cfg, on))
        chosen = order[0] if order else None
        sets[f"ctrs.{counter}"] = now
        appends: dict[str, list[Any]] = {}
        if isinstance(chosen, Ticket):
            i = chosen.index
            sets.update(
                {f"tl[{i}].s": CALLED, f"tl[{i}].ctr": counter, f"tl[{i}].ca": now, f"tl[{i}].k": chosen.calls + 1}
            )
            if chosen.first_called_at is None:
                sets[f"tl[{i}].fc"] = now
            conditions[f"tl[{i}].s"] = WAITING
            appends["calls"] = [{"id": chosen.id, "ctr": counter, "at": now}]
        elif isinstance(chosen, Appointment):
            sets[f"ap.{chosen.code}"] = {"st": int(chosen.start), "s": CALLED, "ctr": counter, "ca": now}
            conditions[f"ap.{chosen.code}"] = None
            appends["calls"] = [{"id": chosen.code, "ctr": counter, "at": now}]
        try:
            day_store.change(office_id, day.day, sets=sets, conditions=conditions, appends=appends)
        except day_store.Refused:
            continue  # another counter took this one (or changed ours): read again
        if isinstance(chosen, Ticket):
            chosen.status, chosen.counter, chosen.calls = CALLED, counter, chosen.calls + 1
            _push(cfg, day, doc, chosen, "called", counter=counter)
            soon = rules.soon_ticket(day)
            if soon is not None:
                _push(cfg, day, doc, soon, "soon", ahead=rules.SOON_POSITION - 1)
        return {"called": _called_view(chosen, counter), "counter": counter}
    raise Conflict("Many counters are calling at once; please press again.", code="busy")


def _called_view(chosen: Ticket | Appointment | None, counter: str) -> dict[str, Any] | None:
    if isinstance(chosen, Ticket):
        return {"kind": "ticket", "id": chosen.id, "number": chosen.display, "counter": counter, "calls": chosen.calls}
    if isinstance(chosen, Appointment):
        return {"kind": "appointment", "id": chosen.code, "number": chosen.code, "counter": counter, "calls": 1}
    return None


ACTIONS = ("recall", "missed", "park", "resume", "done", "forward")


def _forward(cfg: OfficeQueue, ticket: Ticket, body: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Sets and removes that send a ticket on to another counter and/or category: it waits again
    (its calls count from zero, the citizen did come), keeping the number the citizen holds."""
    to_counter, to_category = body.get("to_counter"), body.get("to_category")
    if not to_counter and not to_category:
        raise ValidationFailed(
            "Say where the ticket goes: a counter or a category.",
            fields={"to_counter": "give a counter or a category", "to_category": "give a counter or a category"},
            code="no_target",
        )
    rules.check_forward(cfg, ticket, body.get("counter"), to_category)
    i = ticket.index
    sets: dict[str, Any] = {f"tl[{i}].k": 0}
    removes = [f"tl[{i}].ctr"]
    if to_counter:
        sets[f"tl[{i}].fw"] = _counter(cfg, to_counter, "to_counter")
    else:
        removes.append(f"tl[{i}].fw")
    if to_category:
        sets[f"tl[{i}].sa"] = to_category
    return sets, tuple(removes)


def act(user: Any, office_id: str, ticket_id: str, action: str, body: dict[str, Any]) -> dict[str, Any]:
    """One counter action on one ticket (or a called appointment, by its booking code).

    Calling again a ticket at the re-call limit marks it missed (see ``rules.check``); the answer
    says so with ``missed_at_limit``."""
    cfg = plan.config(office_id)
    for _ in range(ATTEMPTS):
        _, day, doc = _today(cfg, user)
        if ticket_id in day.appointments:
            return _act_appointment(user, cfg, day, ticket_id, action)
        ticket = live.find(day, ticket_id)
        target = rules.check(action, ticket, cfg)
        now = int(plan.now().timestamp())
        i = ticket.index
        sets: dict[str, Any] = {f"tl[{i}].s": target}
        conditions: dict[str, Any] = {f"tl[{i}].s": ticket.status, f"tl[{i}].k": ticket.calls}
        appends: dict[str, list[Any]] = {}
        removes: tuple[str, ...] = ()
        counter = ticket.counter or ""
        if action == "recall" and target == CALLED:
            counter = _counter(cfg, body.get("counter") or ticket.counter)
            sets.update({f"tl[{i}].k": ticket.calls + 1, f"tl[{i}].ca": now, f"tl[{i}].ctr": counter})
            appends["calls"] = [{"id": ticket.id, "ctr": counter, "at": now}]
        elif target in (MISSED, DONE):
            sets[f"tl[{i}].ea"] = now
        elif action == "forward":
            forward_sets, removes = _forward(cfg, ticket, body)
            sets.update(forward_sets)
        elif action == "resume":
            removes = (f"tl[{i}].ctr",)
        if counter:
            sets[f"ctrs.{counter}"] = now
        try:
            day_store.change(office_id, day.day, sets=sets, conditions=conditions, appends=appends, removes=removes)
        except day_store.Refused:
            continue
        missed_at_limit = action == "recall" and target == MISSED
        if action == "recall":
            _push(cfg, day, doc, ticket, "missed" if missed_at_limit else "recalled", counter=counter)
        ticket.status = target
        if action == "forward":
            ticket.calls = 0
        elif action == "recall" and not missed_at_limit:
            ticket.calls += 1
        answer = {"id": ticket.id, "number": ticket.display, "status": target, "calls": ticket.calls}
        if action == "forward":
            answer |= {
                "serve_as": body.get("to_category") or ticket.serving_category,
                "forward_to": body.get("to_counter"),
            }
        return {"ticket": answer, "missed_at_limit": missed_at_limit}
    raise Conflict("The ticket is being changed; please try again.", code="busy")


def _act_appointment(user: Any, cfg: OfficeQueue, day: Day, code: str, action: str) -> dict[str, Any]:
    appointment = day.appointments[code]
    if action not in ("done", "missed") or appointment.status != CALLED:
        raise Conflict("An appointment in the queue can only be finished.", code="wrong_status")
    target = DONE if action == "done" else MISSED
    try:
        day_store.change(cfg.office, day.day, sets={f"ap.{code}.s": target}, conditions={f"ap.{code}.s": CALLED})
    except day_store.Refused:
        raise Conflict("The ticket is being changed; please try again.", code="busy") from None
    return {"ticket": {"id": code, "number": code, "status": target, "calls": 1}}


STATUS_ACTIONS = {"open": OPEN, "pause": PAUSED, "close": CLOSED}


def set_status(user: Any, office_id: str, action: str, message: str | None) -> dict[str, Any]:
    """Open, pause ("kurze Pause, es geht gleich weiter") or close the morning early; closing tells
    the remaining ticket holders by push (their pages show it on the next poll)."""
    cfg = plan.config(office_id)
    on, day, doc = _today(cfg, user)
    if not day.exists:
        day_store.create(office_id, on.isoformat(), plan.expires_at(on))
        on, day, doc = _today(cfg, user)
    status = STATUS_ACTIONS[action]
    sets: dict[str, Any] = {"st": status, "msg": (message or "").strip()[:200]}
    day_store.change(office_id, day.day, sets=sets, conditions={})
    audit.record(user.username, "queue.status", f"{office_id}.{day.day}", status=status)
    if status == CLOSED and day.status != CLOSED:
        for ticket in day.tickets:
            if ticket.status in ACTIVE:
                _push(cfg, day, doc, ticket, "closed")
    return {"status": status}


def overview(user: Any, office_id: str) -> dict[str, Any]:
    """Today at this office for the counter console: every ticket, the counts, the counters."""
    cfg = plan.config(office_id)
    _, day, _ = _today(cfg, user)
    moment = plan.now()
    counts = dict.fromkeys((WAITING, CALLED, PARKED, DONE, MISSED, "cancelled"), 0)
    for t in day.tickets:
        counts[t.status] = counts.get(t.status, 0) + 1
    return {
        "state": live.state_view(cfg, day, moment),
        "counters": cfg.counter_names(),
        "categories": [{"id": c.id, "name": c.name} for c in cfg.categories if c.id],
        "recall_limit": cfg.recall_limit,
        "counts": {**counts, "left": rules.left(cfg, day)["kiosk"]},
        "tickets": [
            {
                "id": t.id,
                "number": t.display,
                "category": t.category,
                "status": t.status,
                "channel": t.channel,
                "calls": t.calls,
                "counter": t.counter,
                "forward_to": t.forward_to,
                "serve_as": t.serve_as,
                "issued_at": live.iso_time(t.issued_at),
            }
            for t in day.tickets
        ],
        "appointments": [{"code": a.code, "status": a.status, "counter": a.counter} for a in day.appointments.values()],
    }
