"""The voucher raffle: entering with the ticket from a submission, the draw, the winners list, clean-up.

Names and e-mail addresses live only in the raffle entries table; nothing here logs or audits them.
"""

from __future__ import annotations

import logging
import unicodedata
from datetime import UTC, date, datetime
from typing import Any

from chalicelib.platform import audit, idempotency
from chalicelib.platform.aws import tokens, transactions
from chalicelib.platform.aws.keyring import keyed_hash
from chalicelib.platform.errors import Conflict, Gone, ValidationFailed
from chalicelib.surveys import definitions as surveys
from chalicelib.surveys.definitions import BERLIN, SurveyRecord
from chalicelib.surveys.rules import raffle as rules
from chalicelib.surveys.store import definitions as survey_store
from chalicelib.surveys.store import raffle as raffle_store
from chalicelib.surveys.store.raffle import ENTRY, IDEMPOTENCY, SURVEY, TICKET, RaffleEntryModel

log = logging.getLogger("buergerservice.raffle")
# A ticket lives a day; its entry's answer is kept a little longer, until the end of a day.
ENTRY_DAYS = 2


def _ticket_invalid() -> Gone:
    return Gone("This raffle ticket is not valid (any more).", code="ticket_invalid")


# A ticket sent again with other names is a used ticket, as it was before tickets were keys.
ENTRIES = idempotency.Scope("raffle-entry", ENTRY_DAYS * 86400, _ticket_invalid, day_rounded=True)


def _epoch(day: date) -> int:
    return int(datetime.combine(day, datetime.min.time(), BERLIN).timestamp())


def _name(value: str, field: str) -> str:
    if any(unicodedata.category(ch).startswith("C") for ch in value):
        raise ValidationFailed("The name is invalid.", fields={field: "contains invalid characters"})
    return " ".join(unicodedata.normalize("NFC", value).split())


def _raffle_of(record: SurveyRecord) -> Any:
    if record.survey.raffle is None:
        raise Conflict("This survey has no raffle.", code="no_raffle")
    return record.survey.raffle


def enter(
    survey_id: str, ticket: str, first_name: str, last_name: str, email: str, language: str = "de"
) -> dict[str, Any]:
    """One entry per e-mail address; the ticket proves an answer was given and is used up.

    The page's language is kept with the entry, so a winner is written to in it. The ticket is the
    entry's idempotency key: the same entry sent again gets the first answer, also while it runs.
    """
    # The same entry sent again: the same names and address (its case does not make another entry).
    request = {"survey": survey_id, "names": [first_name, last_name], "email": email.lower()}

    def work(claim: idempotency.Claim) -> tuple[int, dict[str, Any]]:
        return 200, _enter(survey_id, ticket, first_name, last_name, email, language, claim)

    return idempotency.run(ENTRIES, f"{survey_id}\n{ticket}", request, work).body


def _enter(
    survey_id: str, ticket: str, first_name: str, last_name: str, email: str, language: str, claim: idempotency.Claim
) -> dict[str, Any]:
    record = surveys.published(survey_id)
    raffle = _raffle_of(record)
    entry = RaffleEntryModel(
        survey_id,
        keyed_hash("raffle-email", email),
        first_name=_name(first_name, "first_name"),
        last_name=_name(last_name, "last_name"),
        email=email,
        consent_version=f"{survey_id}:{record.revision}",
        language="en" if language == "en" else "de",
        # The day from which the entry must be gone; the clean-up job deletes it earlier.
        expires_at=_epoch(rules.entry_expiry(raffle.publication_end)),
    )
    answer = {
        "status": "entered",
        "publication_end": raffle.publication_end.isoformat(),
        "deletion_date": rules.entry_expiry(raffle.publication_end).isoformat(),
    }
    if surveys.today() > raffle.publication_end:
        raise Conflict("This raffle is over.", code="raffle_expired")
    try:
        raffle_store.enter(entry, tokens.digest(ticket), claim.answer(200, answer))
    except transactions.Cancelled as exc:
        if IDEMPOTENCY in exc.failed:
            raise idempotency.ClaimLost from None
        if SURVEY in exc.failed:
            raise Conflict("The raffle has already been drawn.", code="raffle_already_drawn") from None
        if ENTRY in exc.failed and TICKET not in exc.failed:
            raise Conflict(
                "This e-mail address has already been entered in this raffle.",
                fields={"email": "is already entered"},
                code="already_entered",
            ) from None
        if raffle_store.has_entry(survey_id, entry.email_hash):
            return answer  # the same entry sent again: its ticket is used, its address is entered
        raise _ticket_invalid() from None
    claim.answered()
    return answer


def status(survey_id: str) -> dict[str, Any]:
    """Staff view: number of entries, the draw record and, after the draw, the winners to contact."""
    record = surveys.fresh(survey_id)
    raffle = _raffle_of(record)
    entries = raffle_store.live_entries(survey_id)
    winners = []
    if record.draw is not None:
        winners = [{"first_name": e.first_name, "last_name": e.last_name, "email": e.email} for e in entries]
    return {
        "entries": len(entries) if record.draw is None else record.draw["entries"],
        "draw": record.draw,
        "winners": sorted(winners, key=lambda w: (w["last_name"], w["first_name"])),
        "publication_end": raffle.publication_end.isoformat(),
        "deletion_date": rules.entry_expiry(raffle.publication_end).isoformat(),
    }


def draw(actor: str, survey_id: str) -> dict[str, Any]:
    """Draw the winners once, after the survey closed; losers' entries are deleted at once."""
    record = surveys.fresh(survey_id)
    rules.can_draw(record.survey, surveys.today(), record.draw is not None)
    raffle = _raffle_of(record)
    entries = raffle_store.live_entries(survey_id)
    winners = set(rules.draw([e.email_hash for e in entries], raffle.winners))
    at = datetime.now(UTC).isoformat(timespec="seconds")
    if not survey_store.record_draw(survey_id, at, actor, len(entries), len(winners)):
        raise Conflict("The raffle has already been drawn.", code="raffle_already_drawn")
    surveys.forget(survey_id)
    deleted = raffle_store.delete_entries(survey_id, keep=winners)
    failed = _notify([e for e in entries if e.email_hash in winners], record)
    audit.record(actor, "survey.raffle_draw", survey_id, entries=len(entries), winners=len(winners))
    log.info(
        '{"event": "raffle_draw", "entries": %d, "winners": %d, "mail_failed": %d}', len(entries), len(winners), failed
    )
    return {
        "draw": {"drawn_at": at, "drawn_by": actor, "entries": len(entries), "winners": len(winners)},
        "deleted_entries": deleted,
        "mail_failed": failed,
    }


def _notify(winners: list[RaffleEntryModel], record: SurveyRecord) -> int:
    """E-mail every winner; returns how many messages could not be sent."""
    from chalicelib.platform import mailer
    from chalicelib.surveys.rules import raffle_mail

    survey, raffle = record.survey, _raffle_of(record)
    failed = 0
    for entry in winners:
        mail = raffle_mail.winner(entry.first_name, entry.last_name, survey.title, raffle, entry.language or "de")
        try:
            mailer.send(entry.email, mail.subject, mail.text, html=mail.html)
        except Exception:  # noqa: BLE001 - one failed message must not stop the others
            failed += 1
    return failed


def winners(survey_id: str) -> dict[str, Any]:
    """The public winners list ("Anna M."), shown from the draw until the publication period ends."""
    record = surveys.published(survey_id)
    raffle = _raffle_of(record)
    shown = record.draw is not None and surveys.today() <= raffle.publication_end
    names = (
        [rules.public_name(e.first_name, e.last_name) for e in raffle_store.live_entries(survey_id)] if shown else []
    )
    return {
        "drawn": record.draw is not None,
        "publication_end": raffle.publication_end.isoformat(),
        "winners": sorted(names),
    }


def clean_up() -> dict[str, Any]:
    """Scheduled: once a raffle's publication period is over, delete every entry still there."""
    today = surveys.today()
    deleted: dict[str, int] = {}
    for item in survey_store.iter_with_raffle():
        raffle = item.definition_dict()["raffle"]
        if today > date.fromisoformat(raffle["publication_end"]):
            count = raffle_store.delete_entries(item.survey_id)
            if count:
                deleted[item.survey_id] = count
    return {"deleted": deleted, "total": sum(deleted.values())}
