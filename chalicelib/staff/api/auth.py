"""Staff sign-in, token refresh, sign-out and own password."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chalice import Blueprint, Response

from chalicelib.platform.http import ANY_STAFF, Ctx, endpoint
from chalicelib.platform.schema import Obj, Str

bp = Blueprint(__name__)

LOGIN = Obj(fields={"username": Str(max_len=40), "password": Str(max_len=256, strip=False)})
PASSWORD = Obj(
    fields={
        "current_password": Str(max_len=256, strip=False, required=False),
        "new_password": Str(max_len=256, strip=False),
        "change_ticket": Str(max_len=1000, required=False, description="from the login answer, first change only"),
    }
)


def authenticate(headers: Mapping[str, str], role: str, *, before_password_change: bool = False) -> Any:
    """The platform's endpoint helper asks here who is signed in; the use case loads only on staff routes."""
    from chalicelib.staff import auth

    return auth.authenticate(headers, role, before_password_change=before_password_change)


def _cookie(name: str, value: str, max_age: int, path: str) -> str:
    from chalicelib.platform.settings import get_settings

    secure = "; Secure" if get_settings().cookie_secure else ""
    return f"{name}={value}; Max-Age={max_age}; Path={path}; HttpOnly; SameSite=Strict{secure}"


def _with_cookies(body: Any, tokens: Any, status: int = 200) -> Response:
    from chalicelib.staff.auth import ACCESS_COOKIE, REFRESH_COOKIE

    cookies = [
        _cookie(ACCESS_COOKIE, tokens.access, tokens.access_max_age, "/api"),
        _cookie(REFRESH_COOKIE, tokens.refresh, tokens.refresh_max_age, "/api/auth"),
    ]
    return Response(body=body, status_code=status, headers={"Set-Cookie": cookies, "Cache-Control": "no-store"})


@endpoint(bp, "/api/auth/login", ("POST",), body=LOGIN, tag="auth", same_origin=True)
def login(ctx: Ctx) -> Response:
    """Sign in with user name and password; sets the session cookies."""
    from chalicelib.staff import auth

    user, tokens = auth.login(ctx.body["username"], ctx.body["password"])
    ticket = auth.change_ticket(user, tokens)
    return _with_cookies({"user": user.public(), **({"change_ticket": ticket} if ticket else {})}, tokens)


@endpoint(bp, "/api/auth/refresh", ("POST",), tag="auth", same_origin=True)
def refresh(ctx: Ctx) -> Response:
    """Exchange the refresh cookie for fresh tokens (rotating the refresh token)."""
    from chalicelib.staff import auth

    user, tokens = auth.refresh(auth.cookie(ctx.headers, auth.REFRESH_COOKIE))
    return _with_cookies({"user": user.public()}, tokens)


@endpoint(bp, "/api/auth/logout", ("POST",), tag="auth", same_origin=True)
def logout(ctx: Ctx) -> Response:
    """Sign out: ends the server-side session and clears the cookies."""
    from chalicelib.staff import auth

    auth.logout(ctx.headers)
    cleared = [_cookie(auth.ACCESS_COOKIE, "", 0, "/api"), _cookie(auth.REFRESH_COOKIE, "", 0, "/api/auth")]
    return Response(body="", status_code=204, headers={"Set-Cookie": cleared, "Cache-Control": "no-store"})


@endpoint(bp, "/api/auth/session", tag="auth")
def session(ctx: Ctx) -> Response:
    """Whether someone is signed in (200 either way): the user, or whether the refresh cookie still works."""
    from chalicelib.staff import auth

    user, can_refresh = auth.session_state(ctx.headers)
    state = {"signed_in": True, "user": user.public()} if user else {"signed_in": False, "can_refresh": can_refresh}
    return Response(body=state, status_code=200, headers={"Cache-Control": "no-store"})


@endpoint(bp, "/api/auth/me", role=ANY_STAFF, tag="auth", before_password_change=True)
def me(ctx: Ctx) -> dict[str, Any]:
    """The signed-in staff member."""
    return {"user": ctx.user.public()}


@endpoint(
    bp,
    "/api/auth/password",
    ("POST",),
    role=ANY_STAFF,
    body=PASSWORD,
    status=204,
    tag="auth",
    before_password_change=True,
)
def change_password(ctx: Ctx) -> Response:
    """Change one's own password."""
    from chalicelib.staff import auth, users

    # Right after a sign-in with a one-time password, the login's ticket stands in for the current password.
    ticket = ctx.body.get("change_ticket")
    proven = bool(ticket) and auth.ticket_proves_sign_in(ctx.headers, ctx.user, str(ticket))
    users.change_own_password(
        ctx.user.username, ctx.body.get("current_password"), ctx.body["new_password"], proven=proven
    )
    return Response(body="", status_code=204)
