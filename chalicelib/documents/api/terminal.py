"""Locker terminals (``Authorization: Terminal <credential>``): open by code, door closed, collected."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Bool, Obj, Str

bp = Blueprint(__name__)

COMPARTMENT = Obj(fields={"compartment": Str(pattern=r"^C\d{2}$", max_len=3)})
OPEN = Obj(
    fields={
        "code": Str(max_len=40, description="the pickup code as typed or scanned"),
        "finger_matched": Bool(
            required=False, nullable=True, description="the terminal's own fingerprint match: yes or no, nothing more"
        ),
    }
)


@endpoint(bp, "/api/terminal/open", ("POST",), body=OPEN, personal=True, tag="terminal")
def open_compartment(ctx: Ctx) -> dict[str, Any]:
    """Verify a pickup code: the compartment to open (single use; 5 wrong codes in 15 minutes lock codes out)."""
    from chalicelib.documents import terminal

    who = terminal.authenticate(ctx.headers)
    return terminal.open_compartment(who, ctx.body["code"], ctx.body.get("finger_matched"))


@endpoint(bp, "/api/terminal/door-closed", ("POST",), body=COMPARTMENT, personal=True, tag="terminal")
def door_closed(ctx: Ctx) -> dict[str, Any]:
    """The loaded compartment's door closed: the code is made and sent to the citizen."""
    from chalicelib.documents import terminal

    return terminal.closed(terminal.authenticate(ctx.headers), ctx.body["compartment"])


@endpoint(bp, "/api/terminal/collected", ("POST",), body=COMPARTMENT, personal=True, tag="terminal")
def collected(ctx: Ctx) -> dict[str, Any]:
    """The citizen took the document; the terminal deletes its fingerprint template when told so."""
    from chalicelib.documents import terminal

    return terminal.collected(terminal.authenticate(ctx.headers), ctx.body["compartment"])
