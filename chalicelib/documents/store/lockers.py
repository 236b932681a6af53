"""Locker terminals, their compartments and their pickup codes.

Tables and access patterns (all by key):
- document_lockers (hash ``terminal``, range ``slot``): "#" is the terminal itself (name, office,
  the digest of its current credential and, for a while after a rotation, of the previous one;
  revoked or not); "C01".."Cnn" its compartments with the
  order each holds. Query by terminal lists the compartments; a compartment is taken with the
  condition that it is free, and freed with the condition that it holds that order.
- document_codes (hash ``key`` = "<terminal>#<sha256 of the code>"): GetItem when a citizen types
  or scans a code at that terminal; deleted (conditionally) when it is used: single use. A code
  typed at another terminal finds nothing. Expires with its order's personal data.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError, PutError

from chalicelib.documents.store.orders import OrderModel, set_actions
from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live, insert_new
from chalicelib.platform.aws.db import is_condition_failure as _is_condition_failure

TERMINAL = "#"


class LockerModel(BaseModel):
    table = "document_lockers"

    class Meta(TableMeta):
        pass

    terminal = UnicodeAttribute(hash_key=True)
    slot = UnicodeAttribute(range_key=True)
    # the terminal ("#")
    name = UnicodeAttribute(null=True)
    office = UnicodeAttribute(null=True)
    address = UnicodeAttribute(null=True)
    credential = UnicodeAttribute(null=True)  # SHA-256 of the current credential
    previous_credential = UnicodeAttribute(null=True)  # SHA-256 of the one before a rotation ...
    previous_until = UnicodeAttribute(null=True)  # ... valid until then (ISO 8601 UTC)
    revoked = BooleanAttribute(default=False)
    rotated_at = UnicodeAttribute(null=True)
    # a compartment
    size = UnicodeAttribute(null=True)
    reference = UnicodeAttribute(null=True)


class CodeModel(BaseModel):
    table = "document_codes"
    point_in_time_recovery = False

    class Meta(TableMeta):
        pass

    key = UnicodeAttribute(hash_key=True)
    reference = UnicodeAttribute()
    compartment = UnicodeAttribute()


def terminal(terminal_id: str) -> LockerModel | None:
    return get_live(LockerModel, terminal_id, TERMINAL)


def add_terminal(item: LockerModel) -> bool:
    ensure_bound()
    try:
        item.save(condition=LockerModel.terminal.does_not_exist())
    except PutError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True


def compartments(terminal_id: str) -> list[LockerModel]:
    ensure_bound()
    return [c for c in LockerModel.query(terminal_id, LockerModel.slot > TERMINAL) if c.slot != TERMINAL]


def terminal_with_compartments(terminal_id: str) -> tuple[LockerModel | None, list[LockerModel]]:
    """A terminal's own item and its compartments: one Query of its partition ("#" sorts first)."""
    ensure_bound()
    items = list(LockerModel.query(terminal_id))
    head = next((item for item in items if item.slot == TERMINAL), None)
    return head, [item for item in items if item.slot != TERMINAL]


def save(item: LockerModel) -> None:
    ensure_bound()
    item.save()


def set_credential(
    terminal_id: str, digest: str | None, revoked: bool, at: str, previous: str | None = None, until: str | None = None
) -> None:
    """The terminal's credential (a digest; None: none), and the previous one still valid until ``until``."""
    ensure_bound()
    actions: list[Any] = [
        LockerModel.credential.set(digest) if digest else LockerModel.credential.remove(),
        LockerModel.revoked.set(revoked),
        LockerModel.rotated_at.set(at),
        *set_actions(LockerModel, {"previous_credential": previous, "previous_until": until if previous else None}),
    ]
    LockerModel(terminal_id, TERMINAL).update(actions=actions, condition=LockerModel.terminal.exists())


def put_code(key: str, reference: str, compartment: str, expires_at: int) -> bool:
    return insert_new(CodeModel(key, reference=reference, compartment=compartment, expires_at=expires_at))


def get_code(key: str) -> CodeModel | None:
    return get_live(CodeModel, key)


def use_code(key: str) -> bool:
    """Delete the code if it is still there: True for exactly one caller."""
    ensure_bound()
    try:
        CodeModel(key).delete(condition=CodeModel.key.exists())
    except DeleteError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True


def _transact(build: Any) -> bool:
    """Run one TransactWriteItems; False when a condition failed (nothing was written)."""
    from pynamodb.exceptions import TransactWriteError
    from pynamodb.transactions import TransactWrite

    ensure_bound()
    connection = LockerModel._get_connection().connection
    try:
        with TransactWrite(connection=connection) as tx:
            build(tx)
    except TransactWriteError as exc:
        if exc.cause_response_code == "TransactionCanceledException":
            return False
        raise
    return True


def load(order: OrderModel, terminal_id: str, slot: str, clerk: str, revision: int) -> bool:
    """Take a free compartment for a ready order and record the first staff member, together."""

    def build(tx: Any) -> None:
        tx.update(
            LockerModel(terminal_id, slot),
            actions=[LockerModel.reference.set(order.reference)],
            condition=LockerModel.slot.exists() & LockerModel.reference.does_not_exist(),
        )
        tx.update(
            OrderModel(order.reference),
            actions=[
                OrderModel.terminal.set(terminal_id),
                OrderModel.compartment.set(slot),
                OrderModel.loaded_by.set(clerk),
                OrderModel.revision.add(1),
            ],
            condition=(OrderModel.state == "ready")
            & OrderModel.loaded_by.does_not_exist()
            & (OrderModel.revision == revision),
        )

    return _transact(build)


def release(order: OrderModel, code_key: str | None, values: dict[str, Any], from_state: str) -> bool:
    """Free the order's compartment, drop its code and change the order, together."""

    def build(tx: Any) -> None:
        tx.update(
            LockerModel(order.terminal, order.compartment),
            actions=[LockerModel.reference.remove()],
            condition=LockerModel.reference == order.reference,
        )
        if code_key:
            tx.delete(CodeModel(code_key))
        tx.update(
            OrderModel(order.reference),
            actions=[*set_actions(OrderModel, values), OrderModel.revision.add(1)],
            condition=(OrderModel.state == from_state) & (OrderModel.compartment == order.compartment),
        )

    return _transact(build)
