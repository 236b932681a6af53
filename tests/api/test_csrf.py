"""State-changing staff requests come only from the platform's own pages, and never as simple requests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api, access_token_from, body

OWN = "http://localhost:8000"  # PUBLIC_BASE_URL of the test settings
FOREIGN = "http://localhost:8001"  # same site, other origin: the SameSite=Strict cookie goes along

# The operations that take no body, so a form or a no-cors fetch can name them.
BODYLESS = [
    ("POST", "/api/admin/jobs/purge-expired/run"),
    ("POST", "/api/admin/users/probe/reset-password"),
    ("DELETE", "/api/office/blocks/some-block"),
    ("POST", "/api/office/bookings/ABCD2345/cancel"),
    ("POST", "/api/office/bookings/ABCD2345/no-show"),
    ("POST", "/api/surveys/some-survey/publish"),
    ("POST", "/api/surveys/some-survey/raffle/draw"),
]


@pytest.fixture
def cookie(api: Api) -> str:
    """The session cookie of a member of staff with every role, as the console holds it."""
    from chalicelib.staff import users

    users.create(
        None, "probe", "Probe", ["admin", "office", "survey"], password="probe password 123", must_change=False
    )
    res = api.post("/api/auth/login", {"username": "probe", "password": "probe password 123"})
    return f"bs_access={access_token_from(res)}"


def send(api: Api, method: str, path: str, headers: dict[str, str], payload: bytes = b"") -> Any:
    """A request with exactly these headers (the Api helper would add a JSON content type)."""
    return api.http.request(method, path, headers=headers, body=payload)


def assert_refused(res: Any, what: str) -> None:
    assert res.status_code == 403, f"{what}: {res.status_code} {res.body!r}"
    assert body(res)["error"]["code"] == "cross_origin_refused", what


def audit_actions() -> list[str]:
    from chalicelib.platform import audit

    return [e["action"] for e in audit.entries(None)]


@pytest.mark.parametrize(("method", "path"), BODYLESS)
def test_bodyless_staff_operation_refuses_a_foreign_origin_and_simple_requests(
    api: Api, cookie: str, method: str, path: str
) -> None:
    cases = {
        "foreign origin, no content type": {"origin": FOREIGN},
        "foreign origin, even as JSON": {"origin": FOREIGN, "content-type": "application/json"},
        "opaque origin (sandboxed frame)": {"origin": "null", "content-type": "application/json"},
        "own origin, but simple (no content type)": {"origin": OWN},
        "no origin, same-site fetch": {"sec-fetch-site": "same-site", "content-type": "application/json"},
        "no origin, cross-site fetch": {"sec-fetch-site": "cross-site", "x-requested-with": "fetch"},
    }
    before = audit_actions()
    for label, headers in cases.items():
        assert_refused(send(api, method, path, {"cookie": cookie, **headers}), label)
    for simple_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        # from our own origin it is no forgery, but still not JSON: refused as on every route
        res = send(api, method, path, {"cookie": cookie, "origin": OWN, "content-type": simple_type}, b"a=1")
        assert res.status_code == 415 and body(res)["error"]["code"] == "unsupported_media_type", simple_type
    assert audit_actions() == before
    # the console's own request passes the check (and then meets the missing target or runs)
    own = send(api, method, path, {"cookie": cookie, "origin": OWN, "x-requested-with": "fetch"})
    assert own.status_code != 403, own.body


def test_refusal_is_explained_in_german_and_english(api: Api, cookie: str) -> None:
    path = "/api/admin/jobs/purge-expired/run"
    de = send(api, "POST", path, {"cookie": cookie, "origin": FOREIGN, "accept-language": "de-DE"})
    en = send(api, "POST", path, {"cookie": cookie, "origin": FOREIGN, "accept-language": "en"})
    assert body(de)["error"]["message"] == "Diese Anfrage kam nicht von den Seiten der Plattform und wurde abgelehnt."
    assert body(en)["error"]["message"] == "This request did not come from the platform's own pages and was refused."


def test_a_job_runs_only_from_the_console_itself(api: Api, cookie: str) -> None:
    path = "/api/admin/jobs/purge-expired/run"
    assert_refused(send(api, "POST", path, {"cookie": cookie, "origin": FOREIGN}), "foreign")
    assert "job.run" not in audit_actions()
    res = send(api, "POST", path, {"cookie": cookie, "origin": OWN, "content-type": "application/json"})
    assert res.status_code == 200, res.body
    assert audit_actions().count("job.run") == 1


def test_a_refused_password_reset_leaves_the_password_alone(api: Api, cookie: str) -> None:
    path = "/api/admin/users/probe/reset-password"
    assert_refused(send(api, "POST", path, {"cookie": cookie, "origin": FOREIGN}), "reset")
    res = api.post("/api/auth/login", {"username": "probe", "password": "probe password 123"})
    assert res.status_code == 200


def test_every_state_changing_staff_route_is_guarded(api: Api, cookie: str) -> None:
    from app import app

    checked = 0
    for route, methods in app.routes.items():
        path = route.replace("{", "x").replace("}", "")
        for method, entry in methods.items():
            meta = getattr(entry.view_function, "__api_meta__", None)
            if meta is None or method in ("GET", "HEAD", "OPTIONS"):
                continue
            if meta.role is None and not path.startswith("/api/auth/"):
                continue
            res = send(api, method, path, {"cookie": cookie, "origin": FOREIGN, "content-type": "application/json"})
            assert_refused(res, f"{method} {route}")
            checked += 1
    assert checked >= 25


def test_sign_in_refresh_and_sign_out_are_guarded_too(api: Api, cookie: str) -> None:
    login = b'{"username": "probe", "password": "probe password 123"}'
    foreign = {"origin": FOREIGN, "content-type": "application/json"}
    assert_refused(send(api, "POST", "/api/auth/login", foreign, login), "login")
    assert_refused(send(api, "POST", "/api/auth/refresh", {**foreign, "cookie": cookie}), "refresh")
    assert_refused(send(api, "POST", "/api/auth/logout", {"origin": OWN, "cookie": cookie}), "logout, simple")
    assert send(api, "GET", "/api/auth/me", {"cookie": cookie, "origin": FOREIGN}).status_code == 200
    ok = send(api, "POST", "/api/auth/login", {"origin": OWN, "content-type": "application/json"}, login)
    assert ok.status_code == 200


def test_a_bearer_token_without_cookies_is_not_a_browser_session(api: Api, cookie: str) -> None:
    # Browsers never attach an Authorization header by themselves; a page can only set one
    # with a CORS preflight this API never grants. Whoever sends it holds the token already.
    token = cookie.partition("=")[2]
    path = "/api/admin/jobs/purge-expired/run"
    bearer = {"authorization": f"Bearer {token}", "origin": FOREIGN}
    assert send(api, "POST", path, bearer).status_code == 200
    assert_refused(send(api, "POST", path, {**bearer, "cookie": cookie}), "bearer with the cookie")


def test_the_local_stack_counts_its_loopback_names_as_its_own_origin() -> None:
    from chalicelib.platform.settings import get_settings

    def origins(url: str, local: str) -> frozenset[str]:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("PUBLIC_BASE_URL", url)
            mp.setenv("LOCAL_MODE", local)
            get_settings.cache_clear()
            try:
                return get_settings().own_origins
            finally:
                get_settings.cache_clear()

    assert origins("https://termine.willich.example:443/", "0") == {"https://termine.willich.example"}
    local = origins("http://localhost:8123", "1")
    assert {"http://localhost:8123", "http://127.0.0.1:8123", "http://[::1]:8123"} == local
    assert origins("http://localhost:8123", "0") == {"http://localhost:8123"}
