"""Platform conventions: health, OpenAPI, error envelope, security headers."""

from __future__ import annotations

from tests.conftest import Api, body


def test_health_reports_version_and_a_reachable_database(api: Api) -> None:
    res = api.get("/api/health")
    assert res.status_code == 200
    data = body(res)
    assert data["version"] and data["database"]["reachable"] is True


def test_every_answer_carries_the_security_headers(api: Api) -> None:
    res = api.get("/api/town")
    csp = res.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert res.headers["strict-transport-security"].startswith("max-age=")
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["referrer-policy"] == "no-referrer"
    assert "camera" in res.headers["permissions-policy"]


def test_the_town_profile_has_contact_routes_offices_and_legal_texts(api: Api) -> None:
    data = body(api.get("/api/town"))
    assert data["name"] == "Stadt Willich"
    assert {r["key"] for r in data["contact"]["routes"]} == {"booking", "office", "immigration"}
    assert {o["name"] for o in data["offices"]} == {"Stadtteilbüro Willich", "Stadtteilbüro Anrath"}
    assert "legal" not in data  # every page loads the profile; the legal texts only their pages
    legal = body(api.get("/api/town/legal"))
    for page in ("impressum", "privacy", "accessibility"):
        assert legal[page]["de"].strip() and legal[page]["en"].strip()
    assert "@" in legal["feedback_email"]


def test_openapi_document_lists_every_api_route_with_its_schema(api: Api) -> None:
    from app import app

    doc = body(api.get("/api/openapi.json"))
    assert doc["openapi"].startswith("3.")
    for path, methods in app.routes.items():
        for method in methods:
            assert method.lower() in doc["paths"][path], f"{method} {path} missing from OpenAPI"
    login = doc["paths"]["/api/auth/login"]["post"]
    schema = login["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["username", "password"] and schema["additionalProperties"] is False


def test_invalid_json_is_a_400_with_the_error_envelope(api: Api) -> None:
    res = api.post("/api/auth/login", raw=b"{not json")
    assert res.status_code == 400
    err = body(res)["error"]
    assert err["code"] == "validation_failed" and err["fields"] == {"body": "is not valid JSON"}


def test_unknown_fields_are_rejected_and_named(api: Api) -> None:
    res = api.post("/api/auth/login", {"username": "a", "password": "b", "admin": True})
    assert res.status_code == 400
    assert body(res)["error"]["fields"] == {"admin": "is not an allowed field"}


def test_missing_fields_are_each_named(api: Api) -> None:
    res = api.post("/api/auth/login", {})
    assert body(res)["error"]["fields"] == {"username": "is required", "password": "is required"}


def test_a_wrong_method_is_a_405_in_the_error_envelope(api: Api) -> None:
    res = api.call("DELETE", "/api/town")
    assert res.status_code == 405
    assert body(res)["error"]["code"] == "method_not_allowed"


def test_a_wrong_content_type_is_a_415(api: Api) -> None:
    res = api.post("/api/auth/login", raw=b"username=a", headers={"content-type": "application/x-www-form-urlencoded"})
    assert res.status_code == 415
    assert body(res)["error"]["code"] == "unsupported_media_type"


def test_an_oversized_body_is_refused_with_413(api: Api) -> None:
    res = api.post("/api/auth/login", raw=b'{"username": "' + b"a" * 70_000 + b'"}')
    assert res.status_code == 413


def test_errors_are_in_german_when_the_client_asks_for_german(api: Api) -> None:
    res = api.post("/api/auth/login", {"username": "a"}, headers={"accept-language": "de-DE,de;q=0.9"})
    err = body(res)["error"]
    assert err["message"] == "Einige Angaben fehlen oder sind ungültig."
    assert err["fields"] == {"password": "ist ein Pflichtfeld"}
    too_long = api.post("/api/auth/login", {"username": "x" * 41, "password": "p"}, headers={"accept-language": "de"})
    assert body(too_long)["error"]["fields"]["username"] == "darf höchstens 40 Zeichen lang sein"


def test_errors_stay_english_for_other_languages(api: Api) -> None:
    res = api.post("/api/auth/login", {"username": "a"}, headers={"accept-language": "en-GB"})
    assert body(res)["error"]["fields"] == {"password": "is required"}


def test_openapi_documents_the_idempotency_key_of_repeatable_writes(api: Api) -> None:
    doc = body(api.get("/api/openapi.json"))
    for path in ("/api/booking/bookings", "/api/public/surveys/{survey_id}/responses", "/api/office/bookings"):
        params = doc["paths"][path]["post"]["parameters"]
        assert {"name": "Idempotency-Key", "in": "header"}.items() <= next(
            p for p in params if p["name"] == "Idempotency-Key"
        ).items()
