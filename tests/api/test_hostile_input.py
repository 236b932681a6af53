"""Hostile input gets a 4xx with a field error and changes nothing: deep JSON, hidden characters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from tests.api import booking_support as support
from tests.api import survey_support as surveys
from tests.api.survey_support import MINIMAL, clock, submit, survey_id, surveyor  # noqa: F401 - fixtures
from tests.conftest import Api, body

NOT_ALLOWED = "contains characters that are not allowed"


@pytest.fixture
def citizen(api: Api) -> Iterator[Api]:
    """A citizen booking at the booking tests' fixed time (the survey fixtures have their own clock)."""
    with time_machine.travel(support.NOW, tick=True):
        yield api


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def json_routes() -> list[tuple[str, str]]:
    from app import app

    found = []
    for route, methods in app.routes.items():
        for method, entry in methods.items():
            meta = getattr(entry.view_function, "__api_meta__", None)
            if meta is not None and meta.body is not None:
                found.append((method, route.replace("{", "x").replace("}", "")))
    return sorted(found)


def test_deeply_nested_json_is_a_400_on_every_json_route(api: Api, make_staff: Any) -> None:
    staff = make_staff("admin", "office", "survey")  # past authentication, so the body is read
    routes = json_routes()
    assert len(routes) >= 20
    for method, path in routes:
        for depth in (33, 1_000, 30_000):
            res = staff.call(method, path, raw=nested(depth))
            assert res.status_code == 400, f"{method} {path} at depth {depth}: {res.status_code}"
            assert body(res)["error"]["fields"] == {"body": "must not nest deeper than 32 levels"}, path


def test_nesting_is_allowed_up_to_the_bound(api: Api) -> None:
    ok = api.post("/api/auth/login", raw=b'{"username": "x", "password": "y", "z": ' + nested(31) + b"}")
    assert body(ok)["error"]["fields"] == {"z": "is not an allowed field"}  # refused for the field, not its depth
    de = api.post("/api/auth/login", raw=nested(40), headers={"accept-language": "de"})
    assert body(de)["error"]["message"] == "Die Anfrage ist zu tief verschachtelt."


def test_a_survey_answer_nested_deeply_is_refused_not_a_server_error(
    api: Api,
    survey_id: str,  # noqa: F811 - fixture
) -> None:
    deep: Any = "x"
    for _ in range(40):
        deep = [deep]
    res = submit(api, survey_id, {**MINIMAL, "contact": deep})
    assert res.status_code == 400 and body(res)["error"]["fields"]["body"]


@pytest.mark.parametrize(
    "name",
    ["Erika\x00", "Erika\x07", "\x1b[2JErika", "Erika\r\nBcc: x", "Erika\tMustermann", "Erika \u202enamretsuM"],
)
def test_a_name_with_hidden_characters_is_refused_with_a_field_error(citizen: Api, name: str) -> None:
    before = support.snapshot()
    res = support.book(citizen, name=name)
    assert res.status_code == 400 and body(res)["error"]["fields"] == {"name": NOT_ALLOWED}
    assert support.snapshot() == before


def test_a_name_of_zero_width_characters_is_empty(citizen: Api) -> None:
    res = citizen.post(
        "/api/booking/bookings",
        support.form(name="\u200b\u200b\u2060\ufeff"),
        headers={"idempotency-key": "zero-width-name-1", "accept-language": "de"},
    )
    assert res.status_code == 400 and body(res)["error"]["fields"] == {"name": "darf nicht leer sein"}


def test_emoji_and_markup_stay_and_names_are_normalised(citizen: Api) -> None:
    name = "  <b>Zoe\u0308</b> 👩\u200d👩\u200d👧  "
    data = support.booked(citizen, name=name)
    assert data["booking"]["name"] == "<b>Zo\u00eb</b> 👩\u200d👩\u200d👧"


def test_an_e_mail_address_with_a_bidi_override_is_refused(citizen: Api) -> None:
    res = support.book(citizen, email="erika\u202e@example.org")
    assert res.status_code == 400 and body(res)["error"]["fields"] == {"email": NOT_ALLOWED}


def test_staff_names_are_checked_too(admin: Api) -> None:
    res = admin.post("/api/admin/users", {"username": "olga", "display_name": "Olga\x1b[0m", "roles": ["office"]})
    assert res.status_code == 400 and body(res)["error"]["fields"] == {"display_name": NOT_ALLOWED}


def test_free_text_answers_keep_lines_but_no_other_controls(
    api: Api,
    survey_id: str,  # noqa: F811 - fixture
) -> None:
    before = surveys.counts()
    bad = submit(api, survey_id, {**MINIMAL, "friendliness": 2, "friendliness_issue": "zu\x07 laut"})
    assert bad.status_code == 400
    assert body(bad)["error"]["fields"] == {"answers.friendliness_issue": NOT_ALLOWED}
    assert surveys.counts() == before
    good = submit(api, survey_id, {**MINIMAL, "friendliness": 2, "friendliness_issue": "zu laut\r\nund eng"})
    assert good.status_code == 201, good.body
