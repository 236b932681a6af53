"""'Your document is ready' on the wire: a fake push service on loopback verifies the VAPID JWT,
decrypts the body and finds the declarative payload without personal data; headers and answers."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest

from tests.api import documents_support as support
from tests.api.documents_support import act, citizen_view, registered
from tests.api.push_support import (
    Browser,
    FakePushService,
    b64url_decode,
    browser,
    push_service,
    vapid,
    verify_vapid,
)
from tests.conftest import Api, body

clock, clerk, second_clerk, terminal = support.clock, support.clerk, support.second_clerk, support.terminal
__all__ = ["browser", "push_service", "vapid"]  # fixtures used by name


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    from chalicelib.platform.aws import push

    waits: list[float] = []
    monkeypatch.setattr(push, "_sleep", waits.append)
    return waits


def subscribed(api: Api, clerk: Api, browser: Browser, **overrides: Any) -> str:
    ref = registered(clerk, **overrides)
    res = api.put(f"/api/documents/orders/{ref}/push", {"subscription": browser.subscription})
    assert res.status_code == 200 and body(res)["order"]["push"] is True, res.body
    return ref


def test_ready_arrives_as_declarative_web_push_without_personal_data(
    api: Api, clerk: Api, push_service: FakePushService, browser: Browser, vapid: str
) -> None:
    ref = subscribed(api, clerk, browser)
    res = act(clerk, ref, "ready")
    assert body(res)["order"]["notice"]["channel"] == "push+email"
    [message] = push_service.received
    claims = verify_vapid(message, push_service)  # signature and audience checked
    assert claims["sub"] == "mailto:push@stadt-willich.example"
    assert time.time() < claims["exp"] <= time.time() + 12 * 3600 + 60
    headers = message["headers"]
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["ttl"] == str(7 * 86400) and headers["urgency"] == "high"
    assert len(headers["topic"]) <= 32 and set(headers["topic"]) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )
    payload = browser.decrypt(message["body"])
    assert payload["web_push"] == 8030
    note = payload["notification"]
    assert note["title"] == "Personalausweis liegt bereit"
    assert note["body"] == "Ihr Personalausweis liegt zur Abholung bereit."
    assert note["navigate"] == f"http://localhost:8000/dokumente/{ref.replace('-', '')}"
    assert note["lang"] == "de" and note["tag"].startswith("order-")
    text = json.dumps(payload)
    assert "erika" not in text and "Erika" not in text and len(message["body"]) < 3072


def test_a_later_notice_replaces_the_earlier_one_by_topic_and_tag(
    api: Api, clerk: Api, push_service: FakePushService, browser: Browser, vapid: str
) -> None:
    ref = subscribed(api, clerk, browser, language="en")
    act(clerk, ref, "ready")
    act(clerk, ref, "collect")
    first, second = push_service.received
    assert first["headers"]["topic"] == second["headers"]["topic"]
    assert second["headers"]["urgency"] == "low"
    a, b = browser.decrypt(first["body"]), browser.decrypt(second["body"])
    assert a["notification"]["tag"] == b["notification"]["tag"]
    assert b["notification"]["body"] == "Your ID card has been collected – thank you!"
    # a fresh claims dict per message: both carry a valid audience and expiry
    assert verify_vapid(first, push_service)["aud"] == verify_vapid(second, push_service)["aud"]


@pytest.mark.parametrize("status", [404, 410])
def test_a_gone_subscription_is_deleted_and_the_mail_still_goes(
    api: Api, clerk: Api, push_service: FakePushService, browser: Browser, vapid: str, status: int
) -> None:
    ref = subscribed(api, clerk, browser)
    push_service.status = status
    res = act(clerk, ref, "ready")
    assert body(res)["order"]["notice"]["channel"] == "email"
    assert citizen_view(api, ref)["push"] is False


def test_413_is_logged_as_a_bug_and_not_retried(
    api: Api,
    clerk: Api,
    push_service: FakePushService,
    browser: Browser,
    vapid: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ref = subscribed(api, clerk, browser, email=None)
    push_service.status = 413
    with caplog.at_level(logging.WARNING, logger="buergerservice.push"):
        res = act(clerk, ref, "ready")
    assert len(push_service.received) == 1
    assert any('"push_payload_rejected"' in r.getMessage() for r in caplog.records)
    notice = body(res)["order"]["notice"]
    assert notice == {"state": "failed", "kind": "ready", "channel": "none"}
    failed = body(clerk.get("/api/office/documents/lists?office=willich"))["failed_notices"]
    assert [o["reference"] for o in failed] == [ref]
    assert citizen_view(api, ref)["push"] is True  # kept: the subscription is fine, the payload was not


def test_429_and_5xx_are_retried_with_a_bounded_back_off(
    api: Api,
    clerk: Api,
    push_service: FakePushService,
    browser: Browser,
    vapid: str,
    no_waiting: list[float],
) -> None:
    ref = subscribed(api, clerk, browser, email=None)
    push_service.statuses = [429, 503]
    push_service.retry_after = "3600"
    res = act(clerk, ref, "ready")
    assert body(res)["order"]["notice"]["channel"] == "push"
    assert len(push_service.received) == 3
    assert no_waiting == [5.0, 5.0]  # Retry-After honoured up to the bound
    push_service.statuses = [500, 500, 500]
    push_service.retry_after = None
    act(clerk, ref, "collect")
    assert len(push_service.received) == 6  # the first try and two retries, then given up


def test_subscriptions_off_the_push_services_are_refused(api: Api, clerk: Api, browser: Browser) -> None:
    ref = registered(clerk)
    for sub in (
        {**browser.subscription, "endpoint": "http://fcm.googleapis.com/fcm/send/x"},
        {**browser.subscription, "endpoint": "https://169.254.169.254/latest"},
        {**browser.subscription, "keys": {"p256dh": "short", "auth": "x"}},
        "not an object",
    ):
        res = api.put(f"/api/documents/orders/{ref}/push", {"subscription": sub}, headers={"accept-language": "de"})
        assert res.status_code == 400 and "subscription" in body(res)["error"]["fields"]
    assert citizen_view(api, ref)["push"] is False


def test_the_locker_notice_carries_no_code(
    api: Api,
    clerk: Api,
    second_clerk: Api,
    terminal: Api,
    push_service: FakePushService,
    browser: Browser,
    vapid: str,
) -> None:
    ref = support.ready(clerk, pickup="locker", locker_consent=True)
    api.put(f"/api/documents/orders/{ref}/push", {"subscription": browser.subscription})
    loaded = clerk.post(
        "/api/office/documents/locker/load", {"reference": ref, "terminal": "kaiserplatz", "size": "large"}
    )
    second_clerk.post("/api/office/documents/locker/confirm", {"reference": ref})
    assert push_service.received == []  # nothing before the door closed
    terminal.post("/api/terminal/door-closed", {"compartment": body(loaded)["compartment"]})
    [message] = push_service.received
    payload = browser.decrypt(message["body"])
    code = citizen_view(api, ref)["locker"]["code"]
    assert code not in json.dumps(payload) and payload["notification"]["title"] == "Personalausweis im Schließfach"


def test_in_aws_the_vapid_key_comes_from_an_ssm_secure_string(
    api: Api, clerk: Api, push_service: FakePushService, browser: Browser, vapid: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import boto3

    from chalicelib.platform.aws import keyring
    from chalicelib.platform.settings import get_settings

    boto3.client("ssm", region_name="eu-central-1").put_parameter(
        Name="/buergerservice/test/vapid", Value=os.environ["VAPID_PRIVATE_KEY"], Type="SecureString"
    )
    monkeypatch.delenv("VAPID_PRIVATE_KEY")
    monkeypatch.setenv("VAPID_PARAMETER", "/buergerservice/test/vapid")
    get_settings.cache_clear()
    keyring.secure_parameter.cache_clear()
    ref = subscribed(api, clerk, browser, email=None)
    assert body(act(clerk, ref, "ready"))["order"]["notice"]["channel"] == "push"
    message = push_service.received[0]
    verify_vapid(message, push_service)
    assert b64url_decode(message["headers"]["authorization"].split("k=")[1].strip()) == b64url_decode(vapid)
