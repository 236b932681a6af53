"""Raffle entries: the only place that holds citizens' names and e-mail addresses for a survey.

Table ``raffle_entries``, kept apart from the responses on purpose: partition ``raffle`` = survey
id, sort key ``email_hash`` = keyed hash of the normalised e-mail address, so "one entry per
e-mail per raffle" is a does-not-exist condition. An item holds first name, last name, e-mail,
the version of the consent text and ``expires_at`` (the day entries must be gone). It has no
response id, no timestamp, no counter and no ordering attribute: nothing joins it to an answer.
Access patterns:
- Put inside the entry transaction: consume the raffle ticket (delete, conditioned), put the entry
  (does not exist), check the survey (published, not drawn yet).
- Query one partition: the draw, the winners list, the staff view; expired items are ignored.
- GetItem by (survey, e-mail hash): recognise an entry sent twice.
- BatchWrite deletes: the losers right after the draw, everything left after publication ends.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from pynamodb.attributes import UnicodeAttribute

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live
from chalicelib.platform.aws.idempotency_store import IdempotencyModel, carry_answer
from chalicelib.platform.aws.transactions import Transaction
from chalicelib.surveys.store import definitions as survey_store
from chalicelib.surveys.store.responses import TokenModel

TICKET = "ticket"
ENTRY = "entry"
SURVEY = "survey"
IDEMPOTENCY = "idempotency"


class RaffleEntryModel(BaseModel):
    table = "raffle_entries"
    point_in_time_recovery = False

    class Meta(TableMeta):
        pass

    raffle = UnicodeAttribute(hash_key=True)
    email_hash = UnicodeAttribute(range_key=True)
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    email = UnicodeAttribute()
    consent_version = UnicodeAttribute()
    language = UnicodeAttribute(null=True)  # of the page the entry came from: the winner mail is written in it


def enter(entry: RaffleEntryModel, ticket_digest: str, answer: IdempotencyModel | None = None) -> None:
    """Consume the ticket and store the entry (and the request's answer) together; raises transactions.Cancelled."""
    tx = Transaction()
    if answer is not None:
        carry_answer(tx, IDEMPOTENCY, answer)
    tx.delete(
        TICKET,
        TokenModel,
        {"digest": ticket_digest},
        "#kind = :ticket AND #survey = :survey AND #exp > :now",
        names={"#kind": "kind", "#survey": "survey_id", "#exp": "expires_at"},
        values={":ticket": "ticket", ":survey": entry.raffle, ":now": int(time.time())},
    )
    tx.put(ENTRY, entry, "attribute_not_exists(#h)", names={"#h": "email_hash"})
    survey_store.check_not_drawn(tx, entry.raffle)
    tx.commit()


def live_entries(survey_id: str) -> list[RaffleEntryModel]:
    """Every entry of a raffle that has not expired (DynamoDB's TTL deletes late)."""
    ensure_bound()
    now = time.time()
    return [e for e in RaffleEntryModel.query(survey_id, consistent_read=True) if not e.is_expired(now)]


def has_entry(survey_id: str, email_hash: str) -> bool:
    return get_live(RaffleEntryModel, survey_id, email_hash) is not None


def delete_entries(survey_id: str, keep: Iterable[str] = ()) -> int:
    """Delete every entry of a raffle except those whose e-mail hash is in ``keep``."""
    ensure_bound()
    keep_set = set(keep)
    doomed = [e for e in RaffleEntryModel.query(survey_id, consistent_read=True) if e.email_hash not in keep_set]
    with RaffleEntryModel.batch_write() as batch:
        for entry in doomed:
            batch.delete(entry)
    return len(doomed)
