"""Staff account administration and self-service password change."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from chalicelib.platform import audit
from chalicelib.platform.aws import passwords
from chalicelib.platform.errors import Conflict, NotFound, ValidationFailed
from chalicelib.staff.auth import to_user
from chalicelib.staff.rules import StaffUser, password_problem
from chalicelib.staff.store import accounts as staff_store

_WORDS_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_password(length: int = 16) -> str:
    return "".join(secrets.choice(_WORDS_ALPHABET) for _ in range(length))


def create(
    actor: str | None,
    username: str,
    display_name: str,
    roles: list[str],
    password: str | None = None,
    must_change: bool = True,
) -> tuple[StaffUser, str]:
    initial = password or generate_password()
    model = staff_store.UserModel(
        username,
        display_name=display_name,
        password_hash=passwords.hash_password(initial),
        roles=sorted(set(roles)),
        disabled=False,
        must_change_password=must_change,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    if not staff_store.create_user(model):
        raise Conflict(
            "A user with this name already exists.", fields={"username": "is already taken"}, code="username_taken"
        )
    if actor:
        audit.record(actor, "user.create", username, roles=sorted(set(roles)))
    return to_user(model), initial


def list_all() -> list[StaffUser]:
    return [to_user(m) for m in staff_store.list_users()]


def _existing(username: str) -> staff_store.UserModel:
    model = staff_store.get_user(username)
    if not model:
        raise NotFound("There is no user with this name.", code="user_not_found")
    return model


def update(
    actor: str, username: str, display_name: str | None, roles: list[str] | None, disabled: bool | None
) -> StaffUser:
    model = _existing(username)
    changes: dict[str, object] = {}
    if username == actor and (disabled or (roles is not None and "admin" not in roles)):
        raise Conflict("You cannot disable yourself or remove your own admin role.", code="self_lockout")
    if display_name is not None and display_name != model.display_name:
        model.display_name = display_name
        changes["display_name"] = True
    if roles is not None and sorted(set(roles)) != sorted(str(r) for r in model.roles):
        new_roles: Any = sorted(set(roles))
        model.roles = new_roles
        changes["roles"] = new_roles
    if disabled is not None and disabled != model.disabled:
        model.disabled = disabled
        changes["disabled"] = disabled
    if changes:
        staff_store.save_user(model)
        if model.disabled:
            staff_store.delete_sessions_of(username)
        audit.record(actor, "user.update", username, **changes)
    return to_user(model)


def reset_password(actor: str, username: str) -> str:
    model = _existing(username)
    initial = generate_password()
    model.password_hash = passwords.hash_password(initial)
    model.must_change_password = True
    staff_store.save_user(model)
    staff_store.delete_sessions_of(username)
    audit.record(actor, "user.reset_password", username)
    return initial


def change_own_password(username: str, current: str | None, new: str, *, proven: bool = False) -> None:
    """Change one's password; the current one proves who asks, unless a fresh sign-in did (`proven`)."""
    model = _existing(username)
    if not proven and not current:
        raise ValidationFailed("Please enter your current password.", fields={"current_password": "is required"})
    if not proven and not passwords.verify_password(current or "", model.password_hash):
        raise ValidationFailed("The current password is wrong.", fields={"current_password": "is wrong"})
    problem = password_problem(new, username)
    if problem is None and passwords.verify_password(new, model.password_hash):
        problem = "must differ from the current password"
    if problem:
        raise ValidationFailed("The new password is not acceptable.", fields={"new_password": problem})
    model.password_hash = passwords.hash_password(new)
    model.must_change_password = False
    staff_store.save_user(model)
    audit.record(username, "user.change_own_password", username)
