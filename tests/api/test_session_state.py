"""Asking whether someone is signed in answers 200 either way, so a signed-out console logs no errors."""

from __future__ import annotations

import re

from tests.conftest import Api, access_token_from, body

PASSWORD = "correct horse battery staple"


def test_a_signed_out_browser_is_told_so_without_an_error(api: Api) -> None:
    res = api.get("/api/auth/session")
    assert res.status_code == 200 and res.headers["cache-control"] == "no-store"
    assert body(res) == {"signed_in": False, "can_refresh": False}


def test_a_signed_in_user_and_a_working_refresh_cookie_are_recognised(api: Api) -> None:
    from chalicelib.staff import users

    users.create(None, "clerk", "Clerk", ["office"], password=PASSWORD, must_change=False)
    login = api.post("/api/auth/login", {"username": "clerk", "password": PASSWORD})
    signed_in = api.as_user(access_token_from(login)).get("/api/auth/session")
    assert body(signed_in)["signed_in"] is True and body(signed_in)["user"]["username"] == "clerk"

    refresh = re.search(r"bs_refresh=([^;]+)", login.headers["set-cookie"])
    assert refresh
    cookie = {"cookie": f"bs_refresh={refresh.group(1)}"}
    assert body(api.get("/api/auth/session", headers=cookie)) == {"signed_in": False, "can_refresh": True}
    forged = {"cookie": f"bs_refresh={refresh.group(1)[:-3]}xyz"}
    assert body(api.get("/api/auth/session", headers=forged)) == {"signed_in": False, "can_refresh": False}
    # Asking does not rotate: the refresh cookie still works afterwards.
    assert api.post("/api/auth/refresh", headers=cookie).status_code == 200
