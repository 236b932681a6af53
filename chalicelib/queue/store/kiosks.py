"""Kiosk devices that staff set up: each holds a credential whose digest is stored here; deleting
the item revokes it.

Access patterns: GetItem by office and kiosk id (each kiosk ticket); Query by office (the console's list);
PutItem when set up; DeleteItem when revoked.
"""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live


class KioskModel(BaseModel):
    table = "queue_kiosks"

    class Meta(TableMeta):
        pass

    office = UnicodeAttribute(hash_key=True)
    kiosk_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute(default="")
    secret_digest = UnicodeAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute(default="")


def get(office: str, kiosk_id: str) -> KioskModel | None:
    return get_live(KioskModel, office, kiosk_id)


def save(item: KioskModel) -> None:
    ensure_bound()
    item.save()


def delete(office: str, kiosk_id: str) -> bool:
    item = get(office, kiosk_id)
    if item is None:
        return False
    item.delete()
    return True


def for_office(office: str) -> list[KioskModel]:
    ensure_bound()
    return list(KioskModel.query(office))
