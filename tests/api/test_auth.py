"""Staff sign-in, sessions, lockout, roles, user administration and the audit log."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest
import time_machine

from tests.conftest import Api, access_token_from, body

PASSWORD = "correct horse battery staple"


def _login(api: Api, username: str, password: str = PASSWORD) -> Any:
    return api.post("/api/auth/login", {"username": username, "password": password})


@pytest.fixture
def clerk(api: Api) -> str:
    from chalicelib.staff import users

    users.create(None, "clerk", "Clerk", ["office"], password=PASSWORD, must_change=False)
    return "clerk"


def test_login_sets_httponly_strict_cookies_and_returns_the_user(api: Api, clerk: str) -> None:
    res = _login(api, clerk)
    assert res.status_code == 200
    assert body(res)["user"]["roles"] == ["office"]
    cookies = res.headers["set-cookie"]
    assert "bs_access=" in cookies and "bs_refresh=" in cookies
    assert cookies.count("HttpOnly") == 2 and cookies.count("SameSite=Strict") == 2
    assert "Path=/api/auth" in cookies  # the refresh token travels only to the auth endpoints
    assert res.headers["cache-control"] == "no-store"


def test_access_token_is_short_lived_and_names_issuer_and_audience(api: Api, clerk: str) -> None:
    token = access_token_from(_login(api, clerk))
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] <= 15 * 60
    assert claims["iss"] == "buergerservice" and claims["aud"] == "staff-console"
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_wrong_password_and_unknown_user_look_the_same(api: Api, clerk: str) -> None:
    wrong = _login(api, clerk, "not the password at all")
    unknown = _login(api, "nobody", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert body(wrong)["error"]["message"] == body(unknown)["error"]["message"]


def test_five_failures_lock_the_account_for_fifteen_minutes(api: Api, clerk: str) -> None:
    for _ in range(4):
        assert _login(api, clerk, "wrong password!!").status_code == 401
    locked = _login(api, clerk, "wrong password!!")
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) == 900
    assert _login(api, clerk).status_code == 429  # even the right password waits
    with time_machine.travel(time.time() + 15 * 60 + 5):
        assert _login(api, clerk).status_code == 200


def test_refresh_rotates_and_a_replayed_refresh_token_ends_the_session(api: Api, clerk: str) -> None:
    res = _login(api, clerk)
    refresh = _cookie(res, "bs_refresh")
    first = api.post("/api/auth/refresh", headers={"cookie": f"bs_refresh={refresh}"})
    assert first.status_code == 200
    rotated = _cookie(first, "bs_refresh")
    assert rotated != refresh
    replay = api.post("/api/auth/refresh", headers={"cookie": f"bs_refresh={refresh}"})
    assert replay.status_code == 401
    # the replay ended the session: the rotated token is dead too
    assert api.post("/api/auth/refresh", headers={"cookie": f"bs_refresh={rotated}"}).status_code == 401


def test_logout_revokes_the_access_token_at_once(api: Api, clerk: str) -> None:
    token = access_token_from(_login(api, clerk))
    me = api.as_user(token)
    assert me.get("/api/auth/me").status_code == 200
    assert me.post("/api/auth/logout").status_code == 204
    assert me.get("/api/auth/me").status_code == 401


def test_admin_creates_a_user_who_must_change_the_initial_password(admin: Api, api: Api) -> None:
    res = admin.post("/api/admin/users", {"username": "anna", "display_name": "Anna K.", "roles": ["office"]})
    assert res.status_code == 201
    initial = body(res)["initial_password"]
    assert len(initial) >= 16
    login = _login(api, "anna", initial)
    assert body(login)["user"]["must_change_password"] is True
    anna = api.as_user(access_token_from(login))
    weak = anna.post("/api/auth/password", {"current_password": initial, "new_password": "short"})
    assert weak.status_code == 400 and "new_password" in body(weak)["error"]["fields"]
    ok = anna.post("/api/auth/password", {"current_password": initial, "new_password": "a much better passphrase"})
    assert ok.status_code == 204
    assert _login(api, "anna", "a much better passphrase").status_code == 200


def test_user_creation_rejects_duplicates_and_bad_roles_naming_the_field(admin: Api) -> None:
    new = {"username": "bert", "display_name": "Bert", "roles": ["office"]}
    assert admin.post("/api/admin/users", new).status_code == 201
    dup = admin.post("/api/admin/users", new)
    assert dup.status_code == 409 and body(dup)["error"]["fields"] == {"username": "is already taken"}
    bad = admin.post("/api/admin/users", {**new, "username": "carl", "roles": ["root"]})
    assert bad.status_code == 400 and "roles" in body(bad)["error"]["fields"]


def test_disabling_a_user_ends_their_sessions(admin: Api, api: Api, clerk: str) -> None:
    clerk_api = api.as_user(access_token_from(_login(api, clerk)))
    assert admin.patch(f"/api/admin/users/{clerk}", {"disabled": True}).status_code == 200
    assert clerk_api.get("/api/auth/me").status_code == 401
    assert _login(api, clerk).status_code == 401


def test_password_reset_ends_sessions_and_gives_a_new_one_time_password(admin: Api, api: Api, clerk: str) -> None:
    clerk_api = api.as_user(access_token_from(_login(api, clerk)))
    res = admin.post(f"/api/admin/users/{clerk}/reset-password")
    assert res.status_code == 200
    assert clerk_api.get("/api/auth/me").status_code == 401
    assert _login(api, clerk).status_code == 401
    assert _login(api, clerk, body(res)["initial_password"]).status_code == 200


def test_an_admin_cannot_lock_themselves_out(admin: Api) -> None:
    res = admin.patch("/api/admin/users/chef", {"disabled": True})
    assert res.status_code == 409


def test_staff_actions_appear_in_the_audit_log_without_personal_data(admin: Api) -> None:
    admin.post("/api/admin/users", {"username": "dora", "display_name": "Dora Beispiel", "roles": ["survey"]})
    admin.post("/api/admin/users/dora/reset-password")
    entries = body(admin.get("/api/admin/audit"))["entries"]
    actions = [(e["actor"], e["action"], e["target"]) for e in entries]
    assert ("chef", "user.create", "dora") in actions and ("chef", "user.reset_password", "dora") in actions
    assert actions.index(("chef", "user.reset_password", "dora")) < actions.index(("chef", "user.create", "dora"))
    assert "Dora Beispiel" not in str(entries)


def test_audit_log_month_must_be_well_formed(admin: Api) -> None:
    res = admin.get("/api/admin/audit?month=last")
    assert res.status_code == 400 and "month" in body(res)["error"]["fields"]


def test_jobs_can_be_listed_and_run_by_an_admin(admin: Api) -> None:
    names = [j["name"] for j in body(admin.get("/api/admin/jobs"))["jobs"]]
    assert "purge-expired" in names
    res = admin.post("/api/admin/jobs/purge-expired/run")
    assert res.status_code == 200 and "deleted" in body(res)["result"]
    assert admin.post("/api/admin/jobs/nope/run").status_code == 404


def _cookie(res: Any, name: str) -> str:
    for part in res.headers["set-cookie"].replace(",", ";").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    raise AssertionError(name)


def test_town_settings_with_broken_opening_hours_are_refused_naming_the_field(admin: Api) -> None:
    doc = body(admin.get("/api/admin/town"))["document"]
    doc["offices"][0]["hours"]["mon"] = ["08:00-07:00"]
    res = admin.put("/api/admin/town", {"document": doc})
    assert res.status_code == 400
    assert any(k.startswith("offices[0].hours.mon") for k in body(res)["error"]["fields"]), body(res)
    assert body(admin.get("/api/town"))["offices"][0]["id"] == "willich"  # nothing changed
