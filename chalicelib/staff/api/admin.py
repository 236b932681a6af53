"""Administration: staff users, audit log, town settings, scheduled jobs, local outbox."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.platform.errors import NotFound
from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Anything, Bool, List, Obj, Str
from chalicelib.staff.rules import ROLES, USERNAME_PATTERN

bp = Blueprint(__name__)

ROLE_LIST = List(item=Str(choices=ROLES), min_items=1, max_items=3, unique=True)
NEW_USER = Obj(
    fields={
        "username": Str(pattern=USERNAME_PATTERN, max_len=40, description="lower case"),
        "display_name": Str(max_len=80),
        "roles": ROLE_LIST,
    }
)
USER_CHANGE = Obj(
    fields={
        "display_name": Str(max_len=80, required=False),
        "roles": List(item=Str(choices=ROLES), min_items=1, max_items=3, unique=True, required=False),
        "disabled": Bool(required=False),
    }
)
AUDIT_QUERY = Obj(fields={"month": Str(pattern=r"\d{4}-\d{2}", max_len=7, required=False)})
TOWN = Obj(fields={"document": Anything(max_len=200_000)})


@endpoint(bp, "/api/admin/users", role="admin", tag="admin")
def list_users(ctx: Ctx) -> dict[str, Any]:
    """All staff accounts."""
    from chalicelib.staff import users

    return {"users": [u.public() for u in users.list_all()]}


@endpoint(bp, "/api/admin/users", ("POST",), role="admin", body=NEW_USER, status=201, tag="admin")
def create_user(ctx: Ctx) -> dict[str, Any]:
    """Create a staff account; answers with a one-time initial password."""
    from chalicelib.staff import users

    user, initial = users.create(
        ctx.user.username, ctx.body["username"].lower(), ctx.body["display_name"], ctx.body["roles"]
    )
    return {"user": user.public(), "initial_password": initial}


@endpoint(bp, "/api/admin/users/{username}", ("PATCH",), role="admin", body=USER_CHANGE, tag="admin")
def update_user(ctx: Ctx, username: str) -> dict[str, Any]:
    """Change a staff account's name or roles, or disable/enable it."""
    from chalicelib.staff import users

    user = users.update(
        ctx.user.username, username, ctx.body.get("display_name"), ctx.body.get("roles"), ctx.body.get("disabled")
    )
    return {"user": user.public()}


@endpoint(bp, "/api/admin/users/{username}/reset-password", ("POST",), role="admin", tag="admin")
def reset_password(ctx: Ctx, username: str) -> dict[str, Any]:
    """Set a new one-time password and end the user's sessions."""
    from chalicelib.staff import users

    return {"initial_password": users.reset_password(ctx.user.username, username)}


@endpoint(bp, "/api/admin/audit", role="admin", query=AUDIT_QUERY, tag="admin")
def audit_log(ctx: Ctx) -> dict[str, Any]:
    """One month of the staff audit log, newest first."""
    from chalicelib.platform import audit

    return {"entries": audit.entries(ctx.query.get("month"))}


@endpoint(bp, "/api/admin/town", role="admin", tag="admin")
def get_town(ctx: Ctx) -> dict[str, Any]:
    """The full town document for editing."""
    from chalicelib.platform import town

    return {"document": town.document()}


@endpoint(bp, "/api/admin/town", ("PUT",), role="admin", body=TOWN, tag="admin")
def put_town(ctx: Ctx) -> dict[str, Any]:
    """Replace the town document (contact, legal texts, offices, services)."""
    from chalicelib.platform import town as town_document
    from chalicelib.staff import town

    town.import_document(ctx.body["document"], actor=ctx.user.username)
    return {"document": town_document.document()}


@endpoint(bp, "/api/admin/jobs", role="admin", tag="admin")
def list_jobs(ctx: Ctx) -> dict[str, Any]:
    """The scheduled jobs, which an admin may also run now."""
    from chalicelib.platform import jobs

    return {"jobs": jobs.catalogue(ctx.lang)}


@endpoint(bp, "/api/admin/jobs/{name}/run", ("POST",), role="admin", tag="admin")
def run_job(ctx: Ctx, name: str) -> dict[str, Any]:
    """Run a scheduled job now."""
    from chalicelib.platform import audit, jobs

    result = jobs.run(name)
    audit.record(ctx.user.username, "job.run", name)
    return {"result": result}


@endpoint(bp, "/api/admin/outbox", role="admin", tag="admin")
def outbox(ctx: Ctx) -> dict[str, Any] | Response:
    """E-mails sent by the local stack (development only); they carry citizens' links, so admins only."""
    from chalicelib.platform import mailer

    if not mailer.outbox_available():
        raise NotFound("The outbox exists only in the local development stack.", code="no_outbox")
    return {"available": True, "messages": mailer.outbox()}
