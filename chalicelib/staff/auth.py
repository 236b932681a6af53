"""Staff sign-in: password check with back-off, short-lived access tokens, rotating refresh tokens.

The access token is a JWT (HS256, 15 minutes) naming a server-side session; every request
checks that the session still exists, so logout, password resets and disabled accounts
take effect at once rather than when the token expires.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http.cookies import SimpleCookie

from chalicelib.platform.aws import passwords, throttles, tokens
from chalicelib.platform.aws.keyring import keyed_hash
from chalicelib.platform.errors import Forbidden, TooManyRequests, Unauthorized
from chalicelib.platform.settings import get_settings
from chalicelib.staff.rules import LOGIN_MAX_FAILURES, LOGIN_WINDOW_SECONDS, StaffUser
from chalicelib.staff.store import accounts as staff_store

ACCESS_COOKIE = "bs_access"
REFRESH_COOKIE = "bs_refresh"
AUDIENCE = "staff-console"
PURPOSE = "staff-access"
ANY_STAFF = "staff"


@dataclass(frozen=True)
class Tokens:
    access: str
    refresh: str
    access_max_age: int
    refresh_max_age: int


def to_user(model: staff_store.UserModel) -> StaffUser:
    return StaffUser(
        model.username,
        model.display_name,
        tuple(str(r) for r in model.roles),
        bool(model.disabled),
        bool(model.must_change_password),
        model.created_at,
    )


def _throttle_key(username: str) -> str:
    return "login#" + keyed_hash("throttle", username)


def login(username: str, password: str) -> tuple[StaffUser, Tokens]:
    key = _throttle_key(username)
    if throttles.peek(key) >= LOGIN_MAX_FAILURES:
        raise TooManyRequests(
            "Too many failed sign-ins. Please wait before trying again.", retry_after=LOGIN_WINDOW_SECONDS
        )
    model = staff_store.get_user(username.strip().lower())
    ok = passwords.verify_password(password, model.password_hash if model else passwords.DUMMY_HASH)
    if not model or not ok:
        failures = throttles.hit(key, LOGIN_WINDOW_SECONDS)
        if failures >= LOGIN_MAX_FAILURES:
            raise TooManyRequests(
                "Too many failed sign-ins. Please wait before trying again.", retry_after=LOGIN_WINDOW_SECONDS
            )
        raise Unauthorized("User name or password is wrong.", code="invalid_credentials")
    if model.disabled:
        raise Unauthorized("This account is disabled. Please contact your administrator.", code="account_disabled")
    throttles.clear(key)
    return to_user(model), _new_session(model.username)


def _new_session(username: str) -> Tokens:
    settings = get_settings()
    session_id = tokens.random_token(16)
    secret = tokens.random_token(32)
    refresh_age = settings.refresh_token_hours * 3600
    staff_store.save_session(
        staff_store.SessionModel(
            session_id,
            username=username,
            refresh_hash=tokens.digest(secret),
            created_at=int(time.time()),
            expires_at=int(time.time()) + refresh_age,
        )
    )
    return _issue(username, session_id, secret, refresh_age)


def _issue(username: str, session_id: str, secret: str, refresh_age: int) -> Tokens:
    access_age = get_settings().access_token_minutes * 60
    access = tokens.sign(
        {"sub": username, "sid": session_id}, purpose=PURPOSE, ttl_seconds=access_age, audience=AUDIENCE
    )
    return Tokens(access, f"{session_id}.{secret}", access_age, refresh_age)


# A first sign-in with a one-time password gets a short-lived ticket in the login answer (never a
# cookie): with it the forced change needs no second entry of the password just typed. It names
# the session, so it works only together with that session's cookie, only for FIRST_CHANGE_SECONDS
# and only while the account still has to change its password.
FIRST_CHANGE_PURPOSE = "first-password-change"
FIRST_CHANGE_SECONDS = 10 * 60


def change_ticket(user: StaffUser, session_tokens: Tokens) -> str | None:
    """The ticket for the forced change right after signing in; None if no change is due."""
    if not user.must_change_password:
        return None
    session_id = session_tokens.refresh.partition(".")[0]
    return tokens.sign(
        {"sub": user.username, "sid": session_id},
        purpose=FIRST_CHANGE_PURPOSE,
        ttl_seconds=FIRST_CHANGE_SECONDS,
        audience=AUDIENCE,
    )


def ticket_proves_sign_in(headers: Mapping[str, str], user: StaffUser, ticket: str) -> bool:
    """True if `ticket` was issued at this session's sign-in, is fresh, and a change is still due."""
    claims = tokens.verify(ticket, purpose=FIRST_CHANGE_PURPOSE, audience=AUDIENCE, required=("sub", "sid"))
    session = _claims(headers)
    return bool(
        user.must_change_password
        and claims
        and session
        and claims["sub"] == user.username
        and hmac.compare_digest(str(claims["sid"]), str(session["sid"]))
    )


def refresh(refresh_token: str | None) -> tuple[StaffUser, Tokens]:
    """Exchange a refresh token for new tokens; the old refresh token stops working (rotation)."""
    session_id, _, secret = (refresh_token or "").partition(".")
    session = staff_store.get_session(session_id) if session_id and secret else None
    if not session or not hmac.compare_digest(session.refresh_hash, tokens.digest(secret)):
        if session:  # a replayed, already rotated token: assume theft and end the session
            staff_store.delete_session(session_id)
        raise Unauthorized("Your session has ended. Please sign in again.", code="session_ended")
    model = staff_store.get_user(session.username)
    if not model or model.disabled:
        staff_store.delete_session(session_id)
        raise Unauthorized("Your session has ended. Please sign in again.", code="session_ended")
    new_secret = tokens.random_token(32)
    session.refresh_hash = tokens.digest(new_secret)
    staff_store.save_session(session)
    remaining = int((session.expires_at or 0) - time.time())
    return to_user(model), _issue(model.username, session_id, new_secret, max(remaining, 0))


def session_state(headers: Mapping[str, str]) -> tuple[StaffUser | None, bool]:
    """Who is signed in, if anyone, and whether a refresh would succeed; asking is never an error.

    The refresh cookie is only checked here, not used: rotating stays the refresh endpoint's job.
    """
    try:
        return authenticate(headers, ANY_STAFF), False
    except Unauthorized:
        pass
    session_id, _, secret = (cookie(headers, REFRESH_COOKIE) or "").partition(".")
    session = staff_store.get_session(session_id) if session_id and secret else None
    return None, bool(session and hmac.compare_digest(session.refresh_hash, tokens.digest(secret)))


def logout(headers: Mapping[str, str]) -> None:
    claims = _claims(headers)
    if claims:
        staff_store.delete_session(str(claims["sid"]))
        return
    session_id = (cookie(headers, REFRESH_COOKIE) or "").partition(".")[0]
    if session_id:
        staff_store.delete_session(session_id)


def cookie(headers: Mapping[str, str], name: str) -> str | None:
    raw = headers.get("cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # noqa: BLE001 - a malformed cookie header is just "no cookie"
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def _claims(headers: Mapping[str, str]) -> dict[str, object] | None:
    auth = headers.get("authorization", "")
    token = auth[7:].strip() if auth.lower().startswith("bearer ") else cookie(headers, ACCESS_COOKIE)
    if not token:
        return None
    return tokens.verify(token, purpose=PURPOSE, audience=AUDIENCE, required=("sub", "sid"))


def authenticate(headers: Mapping[str, str], role: str, *, before_password_change: bool = False) -> StaffUser:
    """The signed-in staff member, who must hold ``role`` (or be any staff for ANY_STAFF).

    Someone signed in with a one-time password may only change it (and see who they are)
    until they have: whoever read it on the way gets no further than that.
    """
    claims = _claims(headers)
    if not claims:
        raise Unauthorized("Please sign in.", code="not_signed_in")
    session = staff_store.get_session(str(claims["sid"]))
    if not session or session.username != claims["sub"]:
        raise Unauthorized("Your session has ended. Please sign in again.", code="session_ended")
    model = staff_store.get_user(str(claims["sub"]))
    if not model or model.disabled:
        raise Unauthorized("Your session has ended. Please sign in again.", code="session_ended")
    user = to_user(model)
    if user.must_change_password and not before_password_change:
        raise Forbidden("Please change your one-time password first.", code="password_change_required")
    if role != ANY_STAFF and not user.has_role(role):
        raise Forbidden("Your account does not have the permission for this.", code="missing_role")
    return user
