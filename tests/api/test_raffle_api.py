"""The voucher raffle over the API: tickets, one entry per e-mail, the draw, winners, clean-up."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.api import survey_support as support
from tests.api.survey_support import AFTER_CLOSE, BERLIN, MINIMAL, dump_tables, enter, relogin, stored
from tests.conftest import Api, body

clock, surveyor, survey_id = support.clock, support.surveyor, support.survey_id


def ticket(api: Api, sid: str) -> str:
    return str(stored(api, sid, MINIMAL)["raffle"]["ticket"])


def entrants(api: Api, sid: str, n: int) -> list[str]:
    emails = [f"person{i}@example.org" for i in range(n)]
    for i, email in enumerate(emails):
        res = enter(api, sid, ticket(api, sid), first_name=f"Vor{i}", last_name=f"Nach{i}", email=email)
        assert res.status_code == 201, res.body
    return emails


def test_entering_with_the_ticket_states_the_deletion_date(api: Api, survey_id: str) -> None:
    res = enter(api, survey_id, ticket(api, survey_id))
    assert res.status_code == 201 and res.headers["cache-control"] == "no-store"
    assert body(res) == {"status": "entered", "publication_end": "2027-02-28", "deletion_date": "2027-03-07"}
    entry = dump_tables()["raffle_entries"][0]
    assert entry["first_name"] == "Anna" and entry["email"] == "anna.musterfrau@example.org"
    assert entry["email_hash"] != entry["email"] and len(entry["email_hash"]) == 64
    assert entry["expires_at"] == int(datetime(2027, 3, 7, tzinfo=BERLIN).timestamp())


def test_one_entry_per_e_mail_address_compared_by_keyed_hash(api: Api, survey_id: str) -> None:
    first = ticket(api, survey_id)
    assert enter(api, survey_id, first).status_code == 201
    assert enter(api, survey_id, first).status_code == 201  # the same entry sent again is fine
    second = ticket(api, survey_id)
    dup = enter(api, survey_id, second, email="  Anna.Musterfrau@EXAMPLE.org ", first_name="Other")
    assert dup.status_code == 409 and body(dup)["error"]["fields"] == {"email": "is already entered"}
    assert enter(api, survey_id, second, email="bert@example.org").status_code == 201  # ticket not used up by the 409
    used = enter(api, survey_id, second, email="carla@example.org")
    assert used.status_code == 410 and body(used)["error"]["code"] == "ticket_invalid"
    assert enter(api, survey_id, "made-up-ticket", email="dora@example.org").status_code == 410
    assert len(dump_tables()["raffle_entries"]) == 2


def test_bad_raffle_input_names_the_field_and_stores_nothing(api: Api, survey_id: str) -> None:
    t = ticket(api, survey_id)
    for overrides, field in (
        ({"email": "not-an-address"}, "email"),
        ({"email": "a@b"}, "email"),
        ({"consent": False}, "consent"),
        ({"first_name": ""}, "first_name"),
        ({"last_name": "x" * 81}, "last_name"),
        ({"first_name": "Anna\u0000"}, "first_name"),
        ({"phone": "0123"}, "phone"),
    ):
        res = enter(api, survey_id, t, **overrides)
        assert res.status_code == 400 and field in body(res)["error"]["fields"], overrides
    assert dump_tables()["raffle_entries"] == []
    assert enter(api, survey_id, t).status_code == 201  # the ticket is still good


def test_a_survey_without_raffle_issues_no_ticket(api: Api, surveyor: Api) -> None:
    sid = support.create(surveyor, id="ohne", raffle=None)
    support.publish(surveyor, sid)
    assert stored(api, sid)["raffle"] is None
    assert body(api.get(f"/api/public/surveys/{sid}"))["raffle"] is None
    assert enter(api, sid, "whatever").status_code == 409


def test_the_draw_happens_once_after_closing_and_deletes_the_losers_at_once(
    api: Api, clock: Any, surveyor: Api, survey_id: str, make_staff: Any
) -> None:
    emails = entrants(api, survey_id, 13)
    early = surveyor.post(f"/api/surveys/{survey_id}/raffle/draw")
    assert early.status_code == 409 and body(early)["error"]["code"] == "survey_still_open"
    assert body(api.get(f"/api/public/surveys/{survey_id}/winners"))["winners"] == []
    late_ticket = ticket(api, survey_id)
    clock.move_to(AFTER_CLOSE)
    staff = relogin(api)
    res = staff.post(f"/api/surveys/{survey_id}/raffle/draw")
    assert res.status_code == 200, res.body
    result = body(res)
    assert result["draw"]["entries"] == 13 and result["draw"]["winners"] == 10 and result["draw"]["drawn_by"] == "sonja"
    assert result["deleted_entries"] == 3 and result["mail_failed"] == 0
    remaining = dump_tables()["raffle_entries"]
    assert len(remaining) == 10  # the losers are gone at once
    data = body(staff.get(f"/api/surveys/{survey_id}"))["survey"]
    data["intro"]["de"] = "Vielen Dank fürs Mitmachen!"
    assert staff.put(f"/api/surveys/{survey_id}", data).status_code == 200  # an edit keeps the draw record
    again = staff.post(f"/api/surveys/{survey_id}/raffle/draw")
    assert again.status_code == 409 and body(again)["error"]["code"] == "raffle_already_drawn"
    after = enter(api, survey_id, late_ticket, email="late@example.org")
    assert after.status_code == 409 and body(after)["error"]["code"] == "raffle_already_drawn"
    public = body(api.get(f"/api/public/surveys/{survey_id}/winners"))
    assert public["drawn"] is True and len(public["winners"]) == 10
    assert all(name.startswith("Vor") and name.endswith(".") and " Nach" not in name for name in public["winners"])
    status = body(staff.get(f"/api/surveys/{survey_id}/raffle"))
    assert status["draw"]["entries"] == 13 and len(status["winners"]) == 10
    assert {w["email"] for w in status["winners"]} <= set(emails)
    from chalicelib.platform import mailer

    mails = [m for m in mailer.outbox() if m["subject"].startswith("Gewinn")]
    assert sorted(m["to"] for m in mails) == sorted(w["email"] for w in status["winners"])
    admin = make_staff("admin", username="chef")
    audit = body(admin.get("/api/admin/audit?month=2027-02"))["entries"]
    draw = next(e for e in audit if e["action"] == "survey.raffle_draw")
    assert draw["details"] == {"entries": 13, "winners": 10}
    assert "@" not in str(audit) and "Vor1" not in str(audit)


def test_winners_are_public_until_the_publication_end_then_everything_is_deleted(
    api: Api, clock: Any, surveyor: Api, survey_id: str, make_staff: Any
) -> None:
    entrants(api, survey_id, 3)
    clock.move_to(AFTER_CLOSE)
    assert relogin(api).post(f"/api/surveys/{survey_id}/raffle/draw").status_code == 200
    assert len(body(api.get(f"/api/public/surveys/{survey_id}/winners"))["winners"]) == 3
    clock.move_to(datetime(2027, 3, 1, 3, 0, tzinfo=BERLIN))  # the day after the publication end
    assert body(api.get(f"/api/public/surveys/{survey_id}/winners"))["winners"] == []
    admin = make_staff("admin", username="chef")
    res = admin.post("/api/admin/jobs/raffle-cleanup/run")
    assert res.status_code == 200 and body(res)["result"]["deleted"] == {survey_id: 3}
    assert dump_tables()["raffle_entries"] == []


def test_reads_ignore_expired_entries_that_dynamodb_has_not_deleted_yet(
    api: Api, clock: Any, surveyor: Api, survey_id: str
) -> None:
    entrants(api, survey_id, 2)
    clock.move_to(datetime(2027, 3, 8, 10, 0, tzinfo=BERLIN))  # past the entries' expiry, no job has run
    staff = relogin(api)
    assert len(dump_tables()["raffle_entries"]) == 2
    assert body(staff.get(f"/api/surveys/{survey_id}/raffle"))["entries"] == 0
    draw = staff.post(f"/api/surveys/{survey_id}/raffle/draw")
    assert draw.status_code == 409 and body(draw)["error"]["code"] == "raffle_expired"
