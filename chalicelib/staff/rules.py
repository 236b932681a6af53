"""Rules for staff accounts: roles, user names, password policy, login back-off."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("admin", "office", "survey")
USERNAME_PATTERN = r"[a-z0-9][a-z0-9._-]{1,39}"
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256

# Lockout: 5 failed logins within 15 minutes block further attempts for the rest of the window.
LOGIN_MAX_FAILURES = 5
LOGIN_WINDOW_SECONDS = 15 * 60


@dataclass(frozen=True)
class StaffUser:
    username: str
    display_name: str
    roles: tuple[str, ...]
    disabled: bool
    must_change_password: bool
    created_at: str

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def public(self) -> dict[str, object]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "roles": list(self.roles),
            "disabled": self.disabled,
            "must_change_password": self.must_change_password,
            "created_at": self.created_at,
        }


def password_problem(password: str, username: str) -> str | None:
    """Why a new password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"must be at most {MAX_PASSWORD_LENGTH} characters"
    if username and username.lower() in password.lower():
        return "must not contain the user name"
    if len(set(password)) < 5:
        return "is too easy to guess"
    return None
