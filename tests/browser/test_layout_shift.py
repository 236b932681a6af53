"""Layout shift (CLS) of the citizen pages while they load.

The pages fill in late: the town's name and logo come with the town data, the view after its
modules and data. On a slow connection the first paint shows the page frame before that, so
whatever is painted then must keep its place. The shifts are read from the browser's own
layout-shift entries (buffered, so those before the observer count too) on a throttled
connection; the sum stays at or below 0.05 (Lighthouse's "good" is 0.1).
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

CLS_LIMIT = 0.05

# Slow enough that the page frame is painted long before the view: about a slow 3G line.
SLOW_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 100_000}

LAYOUT_SHIFTS = """() => new Promise((resolve) => {
  const shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      shifts.push({
        value: entry.value,
        nodes: entry.sources.map((s) => s.node ? (s.node.className || s.node.nodeName) : '?'),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(shifts), 300);
})"""


def survey_path(page: Any) -> str:
    surveys = page.request.get("/api/public/surveys").json()["surveys"]
    if not surveys:
        pytest.skip("no open survey on this stack")
    ids = [s["id"] for s in surveys]
    return f"/umfrage/{'buergerservice' if 'buergerservice' in ids else ids[0]}"


def layout_shifts(page: Any, path: str) -> list[dict[str, Any]]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
    page.goto(path)
    page.wait_for_selector("main h1")
    page.wait_for_function("() => !document.getElementById('main').hasAttribute('aria-busy')")
    page.wait_for_timeout(500)  # late images, fonts and icons
    shifts: list[dict[str, Any]] = page.evaluate(LAYOUT_SHIFTS)
    return shifts


@pytest.mark.parametrize("path", ["/", "/termin", "survey"])
def test_the_page_does_not_shift_while_it_loads(page: Any, path: str) -> None:
    if path == "survey":
        path = survey_path(page)
    shifts = layout_shifts(page, path)
    total = sum(s["value"] for s in shifts)
    assert total <= CLS_LIMIT, f"layout shift {total:.3f} on {path}: {shifts}"


def test_the_header_keeps_its_size_when_the_town_arrives(page: Any) -> None:
    """The header is as tall before the town data as after it (the name and badge keep their space)."""
    release: list[Any] = []
    page.route("**/api/town", lambda route: release.append(route))
    page.goto("/")
    page.wait_for_function("() => document.documentElement.lang && !document.getElementById('lang-switch').hidden")
    before = page.evaluate("() => document.querySelector('.site-header').getBoundingClientRect().height")
    text_x = page.evaluate("() => document.querySelector('.brand-text').getBoundingClientRect().x")
    for _ in range(100):
        if release:
            break
        page.wait_for_timeout(50)
    assert release, "the town data was not asked for"
    release[0].continue_()
    page.wait_for_function("() => document.querySelector('.brand-town').textContent !== ''")
    after = page.evaluate("() => document.querySelector('.site-header').getBoundingClientRect().height")
    assert after == before
    assert page.evaluate("() => document.querySelector('.brand-text').getBoundingClientRect().x") == text_x
