"""Every staff route, taken from the app's route table, refuses bad or missing credentials."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest

from tests.conftest import Api, access_token_from, body


def _staff_routes() -> list[tuple[str, str, str]]:
    from app import app

    routes = []
    for path, methods in app.routes.items():
        for method, entry in methods.items():
            meta = getattr(entry.view_function, "__api_meta__", None)
            if meta is not None and meta.role is not None:
                routes.append((method, path.replace("{", "").replace("}", ""), meta.role))
    return sorted(routes)


STAFF_ROUTES = _staff_routes()


def _forge(claims: dict[str, Any], key: bytes | str, alg: str = "HS256") -> str:
    now = int(time.time())
    base = {"iss": "buergerservice", "aud": "staff-console", "iat": now, "exp": now + 600}
    return jwt.encode({**base, **claims}, key, algorithm=alg)


@pytest.fixture
def valid_claims(api: Api) -> dict[str, Any]:
    from chalicelib.staff import users

    users.create(
        None, "probe", "Probe", ["admin", "office", "survey"], password="probe password 123", must_change=False
    )
    token = access_token_from(api.post("/api/auth/login", {"username": "probe", "password": "probe password 123"}))
    return dict(jwt.decode(token, options={"verify_signature": False}))


def test_there_are_staff_routes_to_check() -> None:
    assert len(STAFF_ROUTES) >= 10


@pytest.mark.parametrize(("method", "path", "role"), STAFF_ROUTES)
def test_staff_route_refuses_bad_credentials(
    api: Api, valid_claims: dict[str, Any], method: str, path: str, role: str
) -> None:
    from chalicelib.platform.aws.keyring import derived_key

    key = derived_key("staff-access")
    sid, sub = valid_claims["sid"], valid_claims["sub"]
    cases = {
        "no token": None,
        "expired": _forge({"sub": sub, "sid": sid, "iat": int(time.time()) - 3600, "exp": int(time.time()) - 60}, key),
        "wrong audience": _forge({"sub": sub, "sid": sid, "aud": "citizen-app"}, key),
        "wrong issuer": _forge({"sub": sub, "sid": sid, "iss": "someone-else"}, key),
        "bad signature": _forge({"sub": sub, "sid": sid}, b"not-the-key-" * 4),
        "alg none": jwt.encode(
            {
                "sub": sub,
                "sid": sid,
                "iss": "buergerservice",
                "aud": "staff-console",
                "iat": int(time.time()),
                "exp": int(time.time()) + 600,
            },
            None,
            algorithm="none",
        ),
        "unknown session": _forge({"sub": sub, "sid": "no-such-session"}, key),
    }
    for label, token in cases.items():
        headers = {"authorization": f"Bearer {token}"} if token else {}
        res = api.call(method, path, body={}, headers=headers)
        assert res.status_code == 401, f"{label}: {method} {path} answered {res.status_code}"
        assert body(res)["error"]["code"], label
    # and as a cookie, the way the console sends it
    res = api.call(method, path, body={}, headers={"cookie": f"bs_access={cases['bad signature']}"})
    assert res.status_code == 401


@pytest.mark.parametrize(("method", "path", "role"), [r for r in STAFF_ROUTES if r[2] != "staff"])
def test_staff_route_refuses_a_user_without_its_role(make_staff: Any, method: str, path: str, role: str) -> None:
    others = [r for r in ("admin", "office", "survey") if r != role]
    user = make_staff(*others)
    res = user.call(method, path, body={})
    assert res.status_code == 403, f"{method} {path} let roles {others} in"
    assert body(res)["error"]["code"] == "missing_role"


def test_only_admins_read_the_outbox_with_its_citizen_links(make_staff: Any) -> None:
    for roles in (("survey",), ("office",), ("office", "survey")):
        res = make_staff(*roles).get("/api/admin/outbox")
        assert res.status_code == 403 and body(res)["error"]["code"] == "missing_role", roles
    assert make_staff("admin").get("/api/admin/outbox").status_code == 200


BEFORE_PASSWORD_CHANGE = {("GET", "/api/auth/me"), ("POST", "/api/auth/password")}


def test_a_one_time_password_opens_nothing_but_the_password_change(api: Api) -> None:
    from chalicelib.staff import users

    users.create(None, "fresh", "Fresh", ["admin", "office", "survey"], password="one time password 1")
    login = api.post("/api/auth/login", {"username": "fresh", "password": "one time password 1"})
    fresh = api.as_user(access_token_from(login))
    for method, path, _ in STAFF_ROUTES:
        if (method, path) in BEFORE_PASSWORD_CHANGE:
            continue
        res = fresh.call(method, path, body={})
        assert res.status_code == 403, f"{method} {path} answered {res.status_code}"
        assert body(res)["error"]["code"] == "password_change_required", path
    de = fresh.get("/api/admin/users", headers={"accept-language": "de"})
    assert body(de)["error"]["message"] == "Bitte ändern Sie zuerst Ihr Einmal-Passwort."
    assert body(fresh.get("/api/auth/me"))["user"]["must_change_password"] is True
    new = {"current_password": "one time password 1", "new_password": "a much better passphrase"}
    assert fresh.post("/api/auth/password", new).status_code == 204
    assert fresh.get("/api/admin/users").status_code == 200
    assert fresh.post("/api/auth/logout").status_code == 204
