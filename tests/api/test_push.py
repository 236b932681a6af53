"""Web Push on the wire (RFC 8291/8292) through a fake push service on loopback, and reminders."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import pytest

from tests.api import booking_support as support
from tests.api.booking_support import NOW, TUESDAY, at, booked, confirm_latest, mails, run_job
from tests.api.push_support import (
    Browser,
    FakePushService,
    b64url,
    b64url_decode,
    browser,
    push_service,
    vapid,
    verify_vapid,
)
from tests.conftest import Api, body

clock, citizen = support.clock, support.citizen
__all__ = ["browser", "push_service", "vapid"]  # fixtures used by name


def test_adapter_sends_an_encrypted_message_signed_with_vapid(
    push_service: FakePushService, browser: Browser, vapid: str
) -> None:
    from chalicelib.platform.aws import push

    for n in range(2):  # twice: each message must carry fresh claims
        result = push.send(browser.subscription, {"title": "Hallo", "n": n}, ttl=600)
        assert result.outcome == push.SENT
    first, second = push_service.received
    assert first["headers"]["content-encoding"] == "aes128gcm" and first["headers"]["ttl"] == "600"
    claims = verify_vapid(first, push_service)
    assert claims["sub"] == "mailto:push@stadt-willich.example" and claims["exp"] > claims.get("iat", 0)
    assert b64url_decode(first["headers"]["authorization"].split("k=")[1].strip()) == b64url_decode(vapid)
    assert browser.decrypt(first["body"]) == {"title": "Hallo", "n": 0}
    assert browser.decrypt(second["body"]) == {"title": "Hallo", "n": 1}


def test_adapter_refuses_plain_http_unless_loopback_is_explicitly_allowed(browser: Browser, vapid: str) -> None:
    from chalicelib.platform.aws import push

    with pytest.raises(push.InvalidSubscription):
        push.check_subscription({**browser.subscription, "endpoint": "http://push.example.org/x"})
    push.ALLOW_INSECURE_LOOPBACK = False
    try:
        with pytest.raises(push.InvalidSubscription):
            push.check_subscription(browser.subscription)
    finally:
        push.ALLOW_INSECURE_LOOPBACK = True
    with pytest.raises(push.InvalidSubscription):
        push.check_subscription({**browser.subscription, "keys": {"p256dh": "short", "auth": "x"}})


def test_gone_subscriptions_are_reported(push_service: FakePushService, browser: Browser, vapid: str) -> None:
    from chalicelib.platform.aws import push

    push_service.status = 410
    assert push.send(browser.subscription, {"x": 1}).outcome == push.GONE
    push_service.status = 500
    assert push.send(browser.subscription, {"x": 1}).outcome == push.FAILED


def book_with_push(api: Api, browser: Browser) -> dict[str, Any]:
    data = booked(api, start=at(TUESDAY, "09:00"), push_subscription=browser.subscription)
    assert data["booking"]["push"] is True
    confirm_latest(api)
    return data


def test_reminder_goes_by_push_once_when_the_citizen_enabled_it(
    citizen: Api, clock: Any, push_service: FakePushService, browser: Browser, vapid: str
) -> None:
    data = book_with_push(citizen, browser)
    mails_before = len(mails())
    clock.move_to(NOW + timedelta(hours=23))  # Monday 07:00 +1 day: Tuesday 09:00 is 26 h away
    assert run_job("booking-reminders")["reminded"] == 0
    clock.move_to(NOW + timedelta(days=7, hours=10))  # Monday 8 June, 18:00: 15 h before
    assert run_job("booking-reminders") == {"reminded": 1, "push": 1, "email": 0, "none": 0}
    assert run_job("booking-reminders")["reminded"] == 0  # never twice
    [message] = push_service.received
    payload = browser.decrypt(message["body"])
    assert payload["title"] == "Terminerinnerung" and data["booking"]["code"] in payload["body"]
    assert payload["url"].startswith("http://localhost:8000/termin/verwalten?token=")
    assert len(mails()) == mails_before  # no e-mail as well
    # the link in the reminder is a short manage link that works
    token = payload["url"].split("token=")[1]
    assert body(citizen.get(f"/api/booking/manage?token={token}"))["booking"]["code"] == data["booking"]["code"]


def test_reminder_falls_back_to_email_and_forgets_a_gone_subscription(
    citizen: Api, clock: Any, push_service: FakePushService, browser: Browser, vapid: str
) -> None:
    data = book_with_push(citizen, browser)
    push_service.status = 410
    clock.move_to(NOW + timedelta(days=7, hours=10))
    assert run_job("booking-reminders") == {"reminded": 1, "push": 0, "email": 1, "none": 0}
    reminder = mails("erika@example.org")[0]
    assert reminder["subject"].startswith("Erinnerung") and data["booking"]["code"] in reminder["text"]
    view = body(citizen.get(f"/api/booking/manage?token={data['manage_token']}"))["booking"]
    assert view["push"] is False
    assert run_job("booking-reminders")["reminded"] == 0


def test_reminder_by_email_when_push_was_never_enabled_and_pending_ones_wait(citizen: Api, clock: Any) -> None:
    booked(citizen, start=at(TUESDAY, "09:00"))
    confirm_latest(citizen)
    booked(citizen, start=at(TUESDAY, "10:00"), email="max@example.org")  # never confirmed
    clock.move_to(NOW + timedelta(days=7, hours=10))
    assert run_job("booking-reminders") == {"reminded": 1, "push": 0, "email": 1, "none": 0}
    assert mails("erika@example.org")[0]["subject"].startswith("Erinnerung")
    assert run_job("booking-reminders")["reminded"] == 0


def test_a_subscription_can_be_added_after_booking_and_removed(citizen: Api, browser: Browser, vapid: str) -> None:
    data = booked(citizen)
    token = data["manage_token"]
    res = citizen.put("/api/booking/push", {"token": token, "subscription": browser.subscription})
    assert res.status_code == 200 and body(res)["booking"]["push"] is True
    bad = citizen.put("/api/booking/push", {"token": token, "subscription": {"endpoint": "ftp://x"}})
    assert bad.status_code == 400 and "subscription" in body(bad)["error"]["fields"]
    assert body(citizen.put("/api/booking/push", {"token": token, "subscription": None}))["booking"]["push"] is False
    assert body(citizen.get("/api/push/public-key"))["public_key"] == vapid


KEYS = {"p256dh": b64url(b"\x04" + bytes(64)), "auth": b64url(bytes(16))}
OFF_THE_PUSH_SERVICES = [
    "https://169.254.169.254/latest/meta-data/",
    "https://[fd00:ec2::254]/latest/meta-data/",
    "https://10.0.0.5/push",
    "https://192.168.178.1/push",
    "https://127.0.0.1/push",
    "https://[::1]/push",
    "https://localhost/push",
    "https://2130706433/push",
    "https://metadata.google.internal/computeMetadata/v1/",
    "http://fcm.googleapis.com/fcm/send/abc",
    "https://fcm.googleapis.com:8443/fcm/send/abc",
    "https://user@fcm.googleapis.com/fcm/send/abc",
    "https://fcm.googleapis.com.attacker.example/fcm/send/abc",
    "https://attackerpush.apple.com/3/device/abc",
    "https://push.apple.com/3/device/abc",
]
ON_THE_PUSH_SERVICES = [
    "https://fcm.googleapis.com/fcm/send/dXk1:APA91b",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk",
    "https://web.push.apple.com/QGx3Ydm",
    "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
]


@pytest.mark.parametrize("endpoint", OFF_THE_PUSH_SERVICES)
def test_adapter_refuses_endpoints_off_the_public_push_services(endpoint: str) -> None:
    from chalicelib.platform.aws import push

    assert push.ALLOW_INSECURE_LOOPBACK is False
    with pytest.raises(push.InvalidSubscription):
        push.check_subscription({"endpoint": endpoint, "keys": KEYS})


@pytest.mark.parametrize("endpoint", ON_THE_PUSH_SERVICES)
def test_adapter_accepts_the_public_push_services(endpoint: str) -> None:
    from chalicelib.platform.aws import push

    assert push.check_subscription({"endpoint": endpoint, "keys": KEYS})["endpoint"] == endpoint


def test_the_push_services_are_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.platform.aws import push
    from chalicelib.platform.settings import get_settings

    monkeypatch.setenv("PUSH_SERVICE_HOSTS", "push.example.org, *.push.example.net")
    get_settings.cache_clear()
    try:
        for endpoint in ("https://push.example.org/1", "https://eu.push.example.net/1"):
            assert push.check_subscription({"endpoint": endpoint, "keys": KEYS})
        with pytest.raises(push.InvalidSubscription):
            push.check_subscription({"endpoint": ON_THE_PUSH_SERVICES[0], "keys": KEYS})
    finally:
        get_settings.cache_clear()


def test_a_booking_with_a_metadata_endpoint_is_refused_with_a_field_error(citizen: Api) -> None:
    sub = {"endpoint": OFF_THE_PUSH_SERVICES[0], "keys": KEYS}
    before = support.snapshot()
    res = support.book(citizen, push_subscription=sub)
    assert res.status_code == 400
    assert body(res)["error"]["fields"] == {
        "push_subscription": "endpoint must be an https URL of a public push service"
    }
    german = citizen.post(
        "/api/booking/bookings",
        support.form(push_subscription=sub),
        headers={"idempotency-key": "push-metadata-endpoint-de", "accept-language": "de"},
    )
    assert body(german)["error"]["fields"]["push_subscription"].startswith("endpoint muss eine https-URL")
    assert support.snapshot() == before


def test_in_aws_the_private_key_is_read_from_ssm_once_at_the_first_push(
    monkeypatch: pytest.MonkeyPatch, push_service: FakePushService, browser: Browser, vapid: str
) -> None:
    from moto import mock_aws

    from chalicelib.platform.aws import keyring, push
    from chalicelib.platform.settings import get_settings

    private = os.environ["VAPID_PRIVATE_KEY"]
    monkeypatch.delenv("VAPID_PRIVATE_KEY")
    monkeypatch.setenv("VAPID_PARAMETER", "/buergerservice/test/vapid-private-key")
    get_settings.cache_clear()
    keyring.secure_parameter.cache_clear()
    with mock_aws():
        import boto3

        ssm = boto3.client("ssm", region_name=get_settings().region)
        ssm.put_parameter(Name="/buergerservice/test/vapid-private-key", Value=private, Type="SecureString")
        assert push.configured()
        assert push.send(browser.subscription, {"n": 1}).outcome == push.SENT
        ssm.delete_parameter(Name="/buergerservice/test/vapid-private-key")
        assert push.send(browser.subscription, {"n": 2}).outcome == push.SENT  # kept, not fetched again
    keyring.secure_parameter.cache_clear()
    assert [browser.decrypt(m["body"]) for m in push_service.received] == [{"n": 1}, {"n": 2}]
