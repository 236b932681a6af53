"""Refusals answered in the request's language: German for de-DE, English for en, never mixed.

Each case drives the API (over moto) once in German and once in English and compares the two
answers. tests/unit/test_messages.py checks every message the source can send; this checks
that the answers a client really gets, including the framework's own (405, 415), follow the
Accept-Language header end to end.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from tests.api import booking_support as support
from tests.api.booking_support import TUESDAY, at, form
from tests.conftest import Api, body

clock = support.clock

ENGLISH = re.compile(
    r"(?i)\b(the|must|is|are|be|not|please|only|cannot|this|with|of|and|or|has|have|already|your|you|can|to|at|on|"
    r"should|may|there|been|invalid|unknown|required)\b"
)
KEPT = re.compile(r"Idempotency-Key|application/json|endpoint|keys(\.\w+)?|„[^“]*“|\"[^\"]*\"|'[^']*'")
GERMAN = {"accept-language": "de-DE,de;q=0.9,en;q=0.8"}
ENGLISH_ONLY = {"accept-language": "en-GB,en;q=0.9"}

Call = Callable[[Api, dict[str, str]], Any]


def _booking(**change: Any) -> Call:
    def call(api: Api, headers: dict[str, str]) -> Any:
        return api.post(
            "/api/booking/bookings", form(**change), headers={"idempotency-key": uuid.uuid4().hex, **headers}
        )

    return call


def _post(path: str, payload: Any = None, **extra: str) -> Call:
    return lambda api, headers: api.post(path, payload, headers={**extra, **headers})


def _raw(method: str, path: str, raw: bytes, content_type: str = "application/json") -> Call:
    return lambda api, headers: api.call(method, path, headers={"content-type": content_type, **headers}, raw=raw)


def _patch(path: str, payload: Any) -> Call:
    return lambda api, headers: api.patch(path, payload, headers=headers)


def _delete(path: str) -> Call:
    return lambda api, headers: api.delete(path, headers=headers)


def _get(path: str) -> Call:
    return lambda api, headers: api.get(path, headers=headers)


# (label, who: citizen | admin | clerk | surveyor, the request, the code expected)
CASES: list[tuple[str, str, Call, str]] = [
    (
        "inside the lead time",
        "citizen",
        _booking(office="willich", start=at("2026-06-01", "08:30")),
        "validation_failed",
    ),
    ("closed weekday", "citizen", _booking(start=at("2026-06-08", "09:00")), "validation_failed"),
    ("public holiday", "citizen", _booking(start=at("2026-06-04", "09:00")), "validation_failed"),
    ("outside opening hours", "citizen", _booking(start=at(TUESDAY, "13:00")), "validation_failed"),
    ("unknown service", "citizen", _booking(services=["hundesteuer"]), "validation_failed"),
    ("no service", "citizen", _booking(services=[]), "validation_failed"),
    ("too many services", "citizen", _booking(services=["ummeldung"] * 5), "validation_failed"),
    ("no consent", "citizen", _booking(consent=False), "validation_failed"),
    ("push not an object", "citizen", _booking(push_subscription="yes"), "validation_failed"),
    (
        "plain-http push endpoint",
        "citizen",
        _booking(push_subscription={"endpoint": "http://push.example/x", "keys": {"p256dh": "a", "auth": "b"}}),
        "validation_failed",
    ),
    ("no idempotency key", "citizen", _post("/api/booking/bookings", form()), "idempotency_key_required"),
    (
        "unknown confirmation link",
        "citizen",
        _post("/api/booking/confirm", {"token": "x" * 43}),
        "confirm_link_invalid",
    ),
    ("unknown manage link", "citizen", _get("/api/booking/manage?token=" + "y" * 43), "not_found"),
    ("body not JSON", "citizen", _raw("POST", "/api/booking/confirm", b"{"), "validation_failed"),
    (
        "body too large",
        "citizen",
        _raw("POST", "/api/booking/confirm", b'{"token": "' + b"a" * 70_000 + b'"}'),
        "payload_too_large",
    ),
    ("method not allowed", "citizen", _raw("DELETE", "/api/booking/confirm", b""), "method_not_allowed"),
    (
        "not JSON content",
        "citizen",
        _raw("POST", "/api/booking/confirm", b"token=x", "text/plain"),
        "unsupported_media_type",
    ),
    (
        "wrong password",
        "citizen",
        _post("/api/auth/login", {"username": "nobody", "password": "wrong one"}),
        "invalid_credentials",
    ),
    ("not signed in", "citizen", _get("/api/admin/users"), "not_signed_in"),
    ("unknown survey", "citizen", _get("/api/public/surveys/no-such-survey"), "survey_not_found"),
    ("no such user", "admin", _post("/api/admin/users/nobody/reset-password"), "user_not_found"),
    ("no such job", "admin", _post("/api/admin/jobs/nothing/run"), "job_not_found"),
    ("wrong role", "surveyor", _get("/api/admin/users"), "missing_role"),
    ("push not configured", "citizen", _get("/api/push/public-key"), "push_not_configured"),
    (
        "user name taken",
        "admin",
        _post("/api/admin/users", {"username": "lang-admin", "display_name": "X", "roles": ["office"]}),
        "username_taken",
    ),
    ("own admin role", "admin", _patch("/api/admin/users/lang-admin", {"roles": ["office"]}), "self_lockout"),
    ("no such block", "clerk", _delete("/api/office/blocks/nothing"), "block_not_found"),
    ("unknown booking code", "clerk", _get("/api/office/bookings/XXXX-XXXX"), "booking_not_found"),
]


ROLES = {"admin": "admin", "clerk": "office", "surveyor": "survey"}


def english_words(text: str) -> list[str]:
    return ENGLISH.findall(KEPT.sub("", text))


def _problems(label: str, code: str, de_res: Any, en_res: Any) -> list[str]:
    de, en = body(de_res)["error"], body(en_res)["error"]
    out = []
    if de_res.status_code != en_res.status_code or de["code"] != en["code"] or de["code"] != code:
        out.append(f"{label}: {de_res.status_code} {de['code']} / {en_res.status_code} {en['code']}, want {code}")
    if de["message"] == en["message"] or english_words(de["message"]):
        out.append(f"{label}: German message {de['message']!r} (English {en['message']!r})")
    if re.search("[äöüßÄÖÜ]", en["message"]) or not en["message"][:1].isupper():
        out.append(f"{label}: English message {en['message']!r}")
    if not de["message"][:1].isupper():
        out.append(f"{label}: German message starts lower-case: {de['message']!r}")
    if set(de.get("fields", {})) != set(en.get("fields", {})):
        out.append(f"{label}: fields differ {de.get('fields')} / {en.get('fields')}")
    for name, text in de.get("fields", {}).items():
        if name.endswith(".") or text == en["fields"].get(name) or english_words(text):
            out.append(f"{label}: German field {name!r}: {text!r} (English {en['fields'].get(name)!r})")
    return out


def test_every_refusal_comes_in_the_language_asked_for(clock: Any, api: Api, make_staff: Any) -> None:
    # Given a case per error code; when each is asked once in German and once in English
    callers = {"citizen": api, **{who: make_staff(role, username=f"lang-{who}") for who, role in ROLES.items()}}
    problems = []
    for label, who, call, code in CASES:
        de_res, en_res = call(callers[who], GERMAN), call(callers[who], ENGLISH_ONLY)
        problems.extend(_problems(label, code, de_res, en_res))
    # Then each answer is whole in its language: message and every field message
    assert not problems, "\n".join(problems)
    assert len({code for *_, code in CASES}) >= 18


def test_the_headline_refusals_read_as_german_sentences(clock: Any, api: Api) -> None:
    lead = _booking(office="willich", start=at("2026-06-01", "08:30"))(api, GERMAN)
    assert re.fullmatch(
        r"Termine müssen mindestens \d+ Minuten im Voraus gebucht werden\.", body(lead)["error"]["message"]
    )
    assert re.fullmatch(r"muss mindestens \d+ Minuten im Voraus gebucht werden", body(lead)["error"]["fields"]["start"])
    empty = _booking(services=[])(api, GERMAN)
    assert body(empty)["error"]["fields"]["services"] == "muss mindestens 1 Eintrag haben"
    assert body(_booking(services=[])(api, ENGLISH_ONLY))["error"]["fields"]["services"] == "must have at least 1 entry"
    push = _booking(push_subscription="yes")(api, GERMAN)
    assert body(push)["error"]["fields"] == {"push_subscription": "muss ein JSON-Objekt sein"}
    media = _raw("POST", "/api/booking/confirm", b"token=x", "text/plain")(api, GERMAN)
    assert body(media)["error"]["message"] == "Bitte senden Sie den Inhalt der Anfrage als application/json."


def test_without_accept_language_the_answer_is_english(clock: Any, api: Api) -> None:
    res = _booking(services=["hundesteuer"])(api, {})
    assert body(res)["error"]["message"] == "Unknown service."
    assert body(_booking(consent=False)(api, {}))["error"]["fields"] == {"consent": "must be true"}
