"""The delivery list: a CSV previewed (matches, unknown references, broken rows), then applied once,
its pushes sent concurrently with a bound."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tests.api import documents_support as support
from tests.api.documents_support import citizen_view, mails, registered
from tests.api.push_support import Browser, FakePushService, browser, push_service, vapid
from tests.conftest import Api, body

clock, clerk = support.clock, support.clerk
__all__ = ["browser", "push_service", "vapid"]  # fixtures used by name


def preview(clerk: Api, text: str, **kw: Any) -> Any:
    return clerk.post("/api/office/documents/delivery/preview", {"csv": text}, **kw)


def test_the_preview_shows_matches_unknown_references_and_broken_rows_and_writes_nothing(clerk: Api, api: Api) -> None:
    from chalicelib.documents.rules.orders import new_reference

    a, b = registered(clerk), registered(clerk, email=None)
    done = support.ready(clerk, email=None)
    stranger = new_reference()
    text = f"Vorgang;Typ\n{a};PA\n{b.lower().replace('-', '')};RP\n{done};PA\n{stranger};PA\nXYZ-123;PA\n\n{a};PA\n"
    res = preview(clerk, text)
    assert res.status_code == 200, res.body
    p = body(res)
    assert p["matches"] == {"count": 2, "references": [a, b], "notices": 1}
    assert p["not_changeable"] == {"count": 1, "orders": [{"reference": done, "state": "ready"}]}
    assert p["unknown"] == {"count": 1, "references": [stranger]}
    assert p["broken"] == {"count": 1, "rows": [{"line": 6, "text": "XYZ-123"}]}
    assert p["repeated"] == 1
    assert citizen_view(api, a)["state"] == "applied" and mails("erika@example.org") == []


def test_applying_marks_ready_once_and_tells_each_citizen_once(clerk: Api, api: Api) -> None:
    refs = [registered(clerk) for _ in range(3)]
    text = "\n".join(refs)
    digest = body(preview(clerk, text))["digest"]
    res = clerk.post("/api/office/documents/delivery/apply", {"csv": text, "digest": digest})
    assert res.status_code == 200, res.body
    assert body(res)["ready"] == 3 and body(res)["remaining"] == 0
    assert body(res)["notices"] == {"push": 0, "email": 3, "failed": 0, "left_for_job": 0}
    again = clerk.post("/api/office/documents/delivery/apply", {"csv": text, "digest": digest})
    assert body(again)["ready"] == 0
    assert len(mails("erika@example.org")) == 3
    assert all(citizen_view(api, r)["state"] == "ready" for r in refs)


def test_a_list_changed_after_its_preview_or_an_empty_one_is_refused(clerk: Api) -> None:
    ref = registered(clerk)
    digest = body(preview(clerk, ref))["digest"]
    res = clerk.post(
        "/api/office/documents/delivery/apply",
        {"csv": ref + "\n" + registered(clerk), "digest": digest},
        headers={"accept-language": "de"},
    )
    assert res.status_code == 409 and "Vorschau" in body(res)["error"]["message"]
    empty = preview(clerk, "  \n")
    assert empty.status_code == 400


def test_bulk_pushes_run_concurrently_but_never_more_than_the_bound(
    clerk: Api, api: Api, push_service: FakePushService, browser: Browser, vapid: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.documents import notify

    monkeypatch.setattr(notify, "PUSH_WORKERS", 4)
    refs = [registered(clerk, email=None) for _ in range(12)]
    for ref in refs:
        api.put(f"/api/documents/orders/{ref}/push", {"subscription": browser.subscription})
    active, peak, lock = [0], [0], threading.Lock()
    from chalicelib.platform.aws import push

    real = push.send

    def slow(*args: Any, **kwargs: Any) -> Any:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(push, "send", slow)
    text = "\n".join(refs)
    res = clerk.post(
        "/api/office/documents/delivery/apply", {"csv": text, "digest": body(preview(clerk, text))["digest"]}
    )
    assert body(res)["notices"]["push"] == 12 and len(push_service.received) == 12
    assert 1 < peak[0] <= 4


def test_notices_past_the_request_budget_are_left_to_the_job(
    clerk: Api, api: Api, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    from datetime import timedelta

    from chalicelib.documents import delivery
    from tests.api.booking_support import run_job

    monkeypatch.setattr(delivery, "SEND_UNTIL_SECONDS", -1.0)  # the budget is spent before the first mail
    monkeypatch.setattr(time, "monotonic", _jumping_clock())
    refs = [registered(clerk) for _ in range(2)]
    text = "\n".join(refs)
    res = clerk.post(
        "/api/office/documents/delivery/apply", {"csv": text, "digest": body(preview(clerk, text))["digest"]}
    )
    assert body(res)["notices"]["left_for_job"] == 2 and mails("erika@example.org") == []
    clock.move_to(support.NOW + timedelta(minutes=2))
    assert run_job("documents-notices")["email"] == 2
    assert len(mails("erika@example.org")) == 2
    assert run_job("documents-notices")["due"] == 0


def _jumping_clock() -> Any:
    """A monotonic clock that runs a second per call: every budget is soon spent."""
    ticks = [0.0]

    def now() -> float:
        ticks[0] += 1.0
        return ticks[0]

    return now


def test_a_list_left_over_by_the_request_is_finished_by_the_job_each_citizen_told_once(
    clerk: Api, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.documents import delivery
    from tests.api.booking_support import run_job

    monkeypatch.setattr(delivery, "CHUNK", 2)
    monkeypatch.setattr(delivery, "BUDGET_SECONDS", 0.0)  # one chunk per request, then the budget is spent
    refs = [registered(clerk, email=f"buerger{i}@example.org") for i in range(5)]
    text = "\n".join(refs)
    res = clerk.post(
        "/api/office/documents/delivery/apply", {"csv": text, "digest": body(preview(clerk, text))["digest"]}
    )
    assert res.status_code == 200, res.body
    answer = body(res)
    assert answer["ready"] == 2 and answer["remaining"] == 3
    progress = clerk.get(f"/api/office/documents/deliveries/{answer['delivery']}")
    assert progress.status_code == 200, progress.body
    assert body(progress) | {"updated_at": None} == {
        "delivery": answer["delivery"],
        "total": 5,
        "ready": 2,
        "remaining": 3,
        "done": False,
        "notices": {"push": 0, "email": 2, "failed": 0, "left_for_job": 0},
        "updated_at": None,
    }
    assert [citizen_view(api, r)["state"] for r in refs] == ["ready"] * 2 + ["applied"] * 3

    # Without the clerk: the notices job marks the rest ready and tells them.
    run = run_job("documents-notices")
    assert run["lists"] == 1 and run["ready"] == 3
    assert [citizen_view(api, r)["state"] for r in refs] == ["ready"] * 5
    finished = body(clerk.get(f"/api/office/documents/deliveries/{answer['delivery']}"))
    assert finished["done"] is True and finished["remaining"] == 0 and finished["ready"] == 5
    assert finished["notices"]["email"] == 5
    assert run_job("documents-notices")["lists"] == 0
    again = clerk.post("/api/office/documents/delivery/apply", {"csv": text, "digest": answer["delivery"]})
    assert body(again)["ready"] == 0 and body(again)["remaining"] == 0
    for i, ref in enumerate(refs):
        [mail] = mails(f"buerger{i}@example.org")
        assert ref in mail["text"]


def test_the_progress_of_an_unknown_list_is_a_404_in_german_and_english(clerk: Api, api: Api) -> None:
    for key in ("0" * 32, "nicht-da", "x" * 3000):
        res = clerk.get(f"/api/office/documents/deliveries/{key}", headers={"accept-language": "de"})
        assert res.status_code == 404 and body(res)["error"]["message"] == "Diese Lieferliste gibt es nicht (mehr)."
    res = clerk.get(f"/api/office/documents/deliveries/{'0' * 32}", headers={"accept-language": "en"})
    assert body(res)["error"]["message"] == "There is no such delivery list (any more)."
    assert api.get(f"/api/office/documents/deliveries/{'0' * 32}").status_code == 401
