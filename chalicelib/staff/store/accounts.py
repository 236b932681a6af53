"""Staff accounts and their sessions.

Access patterns (all by key, no Scan on a request path):
- users:       GetItem by user name; Scan only for the admin's user list (tens of items).
- sessions:    GetItem by session id; PutItem on login/refresh; DeleteItem on logout.
"""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live, insert_new


class UserModel(BaseModel):
    table = "users"

    class Meta(TableMeta):
        pass

    username = UnicodeAttribute(hash_key=True)
    display_name = UnicodeAttribute(default="")
    password_hash = UnicodeAttribute()
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    disabled = BooleanAttribute(default=False)
    must_change_password = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    password_changed_at = NumberAttribute(default=0)


class SessionModel(BaseModel):
    table = "sessions"
    point_in_time_recovery = False

    class Meta(TableMeta):
        pass

    session_id = UnicodeAttribute(hash_key=True)
    username = UnicodeAttribute()
    refresh_hash = UnicodeAttribute()
    created_at = NumberAttribute()


# --- users -----------------------------------------------------------------


def get_user(username: str) -> UserModel | None:
    return get_live(UserModel, username)


def create_user(user: UserModel) -> bool:
    """Insert; False when the user name is taken."""
    return insert_new(user)


def save_user(user: UserModel) -> None:
    ensure_bound()
    user.save()


def list_users() -> list[UserModel]:
    ensure_bound()
    return sorted(UserModel.scan(), key=lambda u: u.username)


# --- sessions --------------------------------------------------------------


def get_session(session_id: str) -> SessionModel | None:
    return get_live(SessionModel, session_id)


def save_session(session: SessionModel) -> None:
    ensure_bound()
    session.save()


def delete_session(session_id: str) -> None:
    ensure_bound()
    SessionModel(session_id).delete()


def delete_sessions_of(username: str) -> int:
    """Revoke every session of a user (password reset, account disabled). Admin path only."""
    ensure_bound()
    count = 0
    for session in SessionModel.scan(SessionModel.username == username):
        session.delete()
        count += 1
    return count
