"""Locker terminal: four-eyes loading, the code only after the door closed, single use, lockout,
expiry, the day-5 reminder, a revoked credential, the fingerprint flag."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tests.api import documents_support as support
from tests.api.booking_support import run_job
from tests.api.documents_support import NOW, TERMINAL, citizen_view, code_of, in_locker, mails, ready
from tests.conftest import Api, body

clock, clerk, second_clerk, terminal = support.clock, support.clerk, support.second_clerk, support.terminal


def audit_actions(make_staff: Any) -> list[str]:
    from chalicelib.platform.aws import audit_store

    return [e.action for e in audit_store.list_audit(NOW.strftime("%Y-%m"))]


def test_loading_needs_a_second_staff_member_and_the_code_goes_out_when_the_door_closes(
    clerk: Api, second_clerk: Api, terminal: Api, api: Api
) -> None:
    ref = ready(clerk, pickup="locker", locker_consent=True)
    assert mails("erika@example.org") == []  # a locker order is told when its code exists
    loaded = clerk.post("/api/office/documents/locker/load", {"reference": ref, "terminal": TERMINAL, "size": "small"})
    assert loaded.status_code == 200 and body(loaded)["compartment"] == "C01"
    alone = clerk.post("/api/office/documents/locker/confirm", {"reference": ref}, headers={"accept-language": "de"})
    assert alone.status_code == 403 and body(alone)["error"]["code"] == "second_person_required"
    assert "Vier-Augen-Prinzip" in body(alone)["error"]["message"]
    assert citizen_view(api, ref)["state"] == "ready"
    confirmed = second_clerk.post("/api/office/documents/locker/confirm", {"reference": ref})
    assert confirmed.status_code == 200
    assert body(confirmed)["order"]["locker"]["loaded_by"] == "anna"
    assert body(confirmed)["order"]["locker"]["confirmed_by"] == "bernd"
    assert citizen_view(api, ref)["locker"] == {"code": None, "loading": True}
    assert mails("erika@example.org") == []
    closed = terminal.post("/api/terminal/door-closed", {"compartment": "C01"})
    assert closed.status_code == 200 and body(closed)["code_sent"] is True
    code = code_of(api, ref)
    assert len(code) >= 6 and code.isdigit()
    [mail] = mails("erika@example.org")
    assert code in mail["text"] and "Abholterminal" in mail["subject"]
    # reported twice: still one code, one mail
    assert terminal.post("/api/terminal/door-closed", {"compartment": "C01"}).status_code == 200
    assert code_of(api, ref) == code and len(mails("erika@example.org")) == 1


def test_loading_without_consent_or_into_a_full_locker_is_refused(clerk: Api, second_clerk: Api) -> None:
    counter = ready(clerk)
    res = clerk.post("/api/office/documents/locker/load", {"reference": counter, "terminal": TERMINAL, "size": "small"})
    assert res.status_code == 409 and body(res)["error"]["code"] == "no_locker_consent"
    unknown = clerk.post(
        "/api/office/documents/locker/load", {"reference": counter, "terminal": "mond", "size": "small"}
    )
    assert unknown.status_code in (404, 409)


def test_a_code_opens_once_and_collected_frees_the_compartment(
    clerk: Api, second_clerk: Api, terminal: Api, api: Api, make_staff: Any
) -> None:
    ref, compartment = in_locker(clerk, second_clerk, terminal)
    code = code_of(api, ref)
    opened = terminal.post("/api/terminal/open", {"code": f"{code[:4]} {code[4:]}"})
    assert opened.status_code == 200 and body(opened) == {"compartment": compartment, "fingerprint_checked": False}
    again = terminal.post("/api/terminal/open", {"code": code})
    assert again.status_code == 403 and body(again)["error"]["code"] == "wrong_code"
    done = terminal.post("/api/terminal/collected", {"compartment": compartment})
    assert done.status_code == 200 and body(done)["delete_fingerprint_template"] is False
    assert citizen_view(api, ref)["state"] == "collected"
    free = body(clerk.get("/api/office/documents/terminals"))["terminals"][0]["compartments"]
    assert all(c["reference"] is None for c in free)
    actions = audit_actions(make_staff)
    assert {"documents.locker_loaded", "documents.locker_confirmed", "documents.locker_closed"} <= set(actions)
    assert {"documents.locker_opened", "documents.locker_collected"} <= set(actions)


def test_five_wrong_codes_in_15_minutes_lock_the_terminal_and_staff_see_it(
    clerk: Api, second_clerk: Api, terminal: Api, api: Api, clock: Any
) -> None:
    ref, _ = in_locker(clerk, second_clerk, terminal)
    code = code_of(api, ref)
    wrong = "00000000" if code != "00000000" else "11111111"
    answers = [terminal.post("/api/terminal/open", {"code": wrong}) for _ in range(5)]
    assert [a.status_code for a in answers] == [403, 403, 403, 403, 429]
    assert body(answers[0])["error"]["attempts_left"] == 4
    locked = terminal.post("/api/terminal/open", {"code": code}, headers={"accept-language": "de"})
    assert locked.status_code == 429 and "Zu viele falsche Codes" in body(locked)["error"]["message"]
    assert int(locked.headers["retry-after"]) == 900
    view = body(clerk.get("/api/office/documents/terminals"))["terminals"][0]
    assert view["locked_out"] is True and view["wrong_codes"] == 5
    clock.move_to(NOW + timedelta(minutes=16))
    assert terminal.post("/api/terminal/open", {"code": code}).status_code == 200


def test_a_code_at_another_terminal_is_wrong(clerk: Api, second_clerk: Api, terminal: Api, api: Api) -> None:
    from chalicelib.documents.store import lockers
    from chalicelib.documents.store.lockers import LockerModel

    ref, _ = in_locker(clerk, second_clerk, terminal)
    lockers.add_terminal(LockerModel("anrath", "#", name="Terminal Anrath", office="anrath"))
    admin = support.Api(terminal.http, {})
    other = admin.post("/api/auth/login", {"username": "chefin", "password": "correct horse battery staple"})
    from tests.conftest import access_token_from

    rotated = admin.as_user(access_token_from(other)).post(
        "/api/admin/documents/terminals/anrath/credential", headers={"x-requested-with": "fetch"}
    )
    anrath = support.Api(terminal.http, {"authorization": f"Terminal {body(rotated)['credential']}"})
    res = anrath.post("/api/terminal/open", {"code": code_of(api, ref)})
    assert res.status_code == 403 and body(res)["error"]["code"] == "wrong_code"


def test_an_expired_code_is_refused_and_staff_take_the_document_back(
    clerk: Api, second_clerk: Api, terminal: Api, api: Api, clock: Any, make_staff: Any
) -> None:
    ref, _ = in_locker(clerk, second_clerk, terminal)
    code = code_of(api, ref)
    clock.move_to(NOW + timedelta(days=7, minutes=1))
    res = terminal.post("/api/terminal/open", {"code": code})
    assert res.status_code == 410 and body(res)["error"]["code"] == "code_expired"
    staff = make_staff("office", username="dora")
    overdue = body(staff.get("/api/office/documents/lists?office=willich"))["locker_overdue"]
    assert [o["reference"] for o in overdue] == [ref]
    back = staff.post(f"/api/office/documents/orders/{ref}/take-back", headers={"x-requested-with": "fetch"})
    assert back.status_code == 200 and body(back)["order"]["state"] == "ready"
    assert citizen_view(api, ref)["locker"] is None


def test_the_reminder_goes_out_once_on_day_five(
    clerk: Api, second_clerk: Api, terminal: Api, api: Api, clock: Any
) -> None:
    in_locker(clerk, second_clerk, terminal)
    clock.move_to(NOW + timedelta(days=3, hours=23))
    assert run_job("documents-locker-reminders") == {"reminded": 0}
    clock.move_to(NOW + timedelta(days=4, minutes=5))  # day 5 has begun
    assert run_job("documents-locker-reminders") == {"reminded": 1}
    assert run_job("documents-locker-reminders") == {"reminded": 0}
    subjects = [m["subject"] for m in mails("erika@example.org")]
    assert subjects[0].startswith("Erinnerung") and len(subjects) == 2


def test_after_a_rotation_the_old_credential_works_for_the_overlap_then_is_refused(
    clerk: Api, second_clerk: Api, terminal: Api, make_staff: Any, clock: Any
) -> None:
    admin = make_staff("admin", username="root2")
    rotated = admin.post(f"/api/admin/documents/terminals/{TERMINAL}/credential", headers={"x-requested-with": "fetch"})
    until = datetime.fromisoformat(body(rotated)["previous_valid_until"])
    assert timedelta(hours=24) <= until - NOW < timedelta(hours=24, minutes=1)  # the default overlap
    fresh = support.Api(terminal.http, {"authorization": f"Terminal {body(rotated)['credential']}"})
    # Both work while the terminal is being reconfigured: a wrong code is a 403, not a 401.
    assert terminal.post("/api/terminal/open", {"code": "12345678"}).status_code == 403
    assert fresh.post("/api/terminal/open", {"code": "12345678"}).status_code == 403
    listed = body(clerk.get("/api/office/documents/terminals"))["terminals"]
    shown = next(t for t in listed if t["id"] == TERMINAL)
    assert shown["previous_valid_until"] == body(rotated)["previous_valid_until"]
    clock.move_to(NOW + timedelta(hours=24, minutes=1))
    res = terminal.post("/api/terminal/open", {"code": "12345678"})
    assert res.status_code == 401 and body(res)["error"]["code"] == "terminal_unauthorized"
    assert fresh.post("/api/terminal/open", {"code": "12345678"}).status_code == 403
    # A second rotation keeps only the credential just replaced: the first one never returns.
    admin = make_staff("admin", username="root3")  # a new session on the new day
    again = admin.post(f"/api/admin/documents/terminals/{TERMINAL}/credential", headers={"x-requested-with": "fetch"})
    assert again.status_code == 200, again.body
    assert terminal.post("/api/terminal/open", {"code": "12345678"}).status_code == 401
    assert fresh.post("/api/terminal/open", {"code": "12345678"}).status_code == 403


def test_revoking_cuts_off_the_current_and_the_previous_credential_at_once(
    clerk: Api, second_clerk: Api, terminal: Api, make_staff: Any
) -> None:
    admin = make_staff("admin", username="root2")
    rotated = admin.post(f"/api/admin/documents/terminals/{TERMINAL}/credential", headers={"x-requested-with": "fetch"})
    fresh = support.Api(terminal.http, {"authorization": f"Terminal {body(rotated)['credential']}"})
    assert terminal.post("/api/terminal/open", {"code": "12345678"}).status_code == 403  # in the overlap
    admin.delete(f"/api/admin/documents/terminals/{TERMINAL}/credential", headers={"x-requested-with": "fetch"})
    for api in (fresh, terminal, support.Api(terminal.http, {})):
        res = api.post("/api/terminal/open", {"code": "12345678"})
        assert res.status_code == 401 and body(res)["error"]["code"] == "terminal_unauthorized"
    listed = body(clerk.get("/api/office/documents/terminals"))["terminals"]
    assert next(t for t in listed if t["id"] == TERMINAL)["previous_valid_until"] is None
    # A rotation after the revocation starts afresh: the revoked credentials do not come back.
    renewed = admin.post(f"/api/admin/documents/terminals/{TERMINAL}/credential", headers={"x-requested-with": "fetch"})
    assert body(renewed)["previous_valid_until"] is None
    assert terminal.post("/api/terminal/open", {"code": "12345678"}).status_code == 401
    assert fresh.post("/api/terminal/open", {"code": "12345678"}).status_code == 401


def test_the_fingerprint_flag_is_honoured_and_only_yes_or_no_is_kept(
    clerk: Api, second_clerk: Api, terminal: Api, api: Api
) -> None:
    from chalicelib.documents.store import orders as store

    ref, compartment = in_locker(clerk, second_clerk, terminal, biometric_consent=True)
    code = code_of(api, ref)
    assert citizen_view(api, ref)["locker"]["fingerprint"] is True
    ask = terminal.post("/api/terminal/open", {"code": code})
    assert ask.status_code == 403 and body(ask)["error"]["code"] == "fingerprint_required"
    no = terminal.post("/api/terminal/open", {"code": code, "finger_matched": False})
    assert no.status_code == 403 and body(no)["error"]["code"] == "wrong_code"
    yes = terminal.post("/api/terminal/open", {"code": code, "finger_matched": True})
    assert yes.status_code == 200 and body(yes)["fingerprint_checked"] is True
    done = terminal.post("/api/terminal/collected", {"compartment": compartment})
    assert body(done)["delete_fingerprint_template"] is True
    item = store.get(ref)
    assert item is not None and item.biometric is True and item.finger_matched is True
    stored = set(item.attribute_values)
    assert not {a for a in stored if "template" in a or "print" in a}


def test_a_code_without_fingerprint_consent_opens_with_the_code_alone(
    clerk: Api, second_clerk: Api, terminal: Api, api: Api
) -> None:
    ref, compartment = in_locker(clerk, second_clerk, terminal)
    res = terminal.post("/api/terminal/open", {"code": code_of(api, ref), "finger_matched": None})
    assert res.status_code == 200 and body(res)["compartment"] == compartment
