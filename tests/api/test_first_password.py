"""The forced first password change does not ask again for the one-time password just typed: the login
answer's short-lived ticket, valid only with that session and only while the change is due, stands in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine

from tests.conftest import Api, access_token_from, body

NEW = "a much better passphrase"


def first_sign_in(admin: Api, api: Api, username: str = "anna") -> tuple[Api, str, str]:
    """A new account signed in with its one-time password: (session, ticket, one-time password)."""
    res = admin.post("/api/admin/users", {"username": username, "display_name": "Anna K.", "roles": ["office"]})
    assert res.status_code == 201, res.body
    initial = body(res)["initial_password"]
    login = api.post("/api/auth/login", {"username": username, "password": initial})
    assert login.status_code == 200 and body(login)["user"]["must_change_password"] is True
    return api.as_user(access_token_from(login)), body(login)["change_ticket"], initial


def test_the_first_change_needs_only_the_new_password(admin: Api, api: Api) -> None:
    anna, ticket, _ = first_sign_in(admin, api)
    res = anna.post("/api/auth/password", {"new_password": NEW, "change_ticket": ticket})
    assert res.status_code == 204, res.body
    again = api.post("/api/auth/login", {"username": "anna", "password": NEW})
    assert again.status_code == 200 and "change_ticket" not in body(again)
    # Once changed, the ticket proves nothing any more.
    reuse = anna.post("/api/auth/password", {"new_password": "yet another passphrase", "change_ticket": ticket})
    assert reuse.status_code == 400 and "current_password" in body(reuse)["error"]["fields"]


def test_the_ticket_works_only_with_its_own_session_and_only_for_minutes(admin: Api, api: Api) -> None:
    anna, ticket, initial = first_sign_in(admin, api)
    other = api.post("/api/auth/login", {"username": "anna", "password": initial})
    other_session = api.as_user(access_token_from(other))
    res = other_session.post("/api/auth/password", {"new_password": NEW, "change_ticket": ticket})
    assert res.status_code == 400 and "current_password" in body(res)["error"]["fields"]
    forged = anna.post("/api/auth/password", {"new_password": NEW, "change_ticket": ticket[:-4] + "AAAA"})
    assert forged.status_code == 400
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=11)):
        late = anna.post("/api/auth/password", {"new_password": NEW, "change_ticket": ticket})
    assert late.status_code in (400, 401)
    # Without a ticket the current password is asked for, as for every later change.
    missing = anna.post("/api/auth/password", {"new_password": NEW})
    assert missing.status_code == 400 and body(missing)["error"]["fields"] == {"current_password": "is required"}
    german = anna.post("/api/auth/password", {"new_password": NEW}, headers={"accept-language": "de"})
    assert body(german)["error"]["message"] == "Bitte geben Sie Ihr aktuelles Passwort ein."
    assert anna.post("/api/auth/password", {"current_password": initial, "new_password": NEW}).status_code == 204


def test_an_account_without_a_due_change_gets_no_ticket(api: Api, make_staff: Any) -> None:
    make_staff("office", username="olga")
    res = api.post("/api/auth/login", {"username": "olga", "password": "correct horse battery staple"})
    assert res.status_code == 200 and "change_ticket" not in body(res)
