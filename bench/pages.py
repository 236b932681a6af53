"""First-load weight of each page, counting every byte the browser fetches before the page is
usable: the document, styles, scripts, message files and API answers (everything except
images and icons), each response gzip -9 compressed as a server would send it, scripts and styles
minified as the server and the deployment serve them (infra/assets.py). "Usable" is
the moment the view is on screen (its h1 shown, main no longer aria-busy); what is asked
for after that (the service worker's registration, warming up the next step) is not counted.

Measured in headless Chromium without the service worker (a first visit). The peers' figures
were measured the same way (their strings are compiled into their bundles).
"""

from __future__ import annotations

import contextlib
import gzip
import shutil
from dataclasses import dataclass, field

from bench.stack import Stack
from bench.table import print_table

NOT_COUNTED = {"image", "media", "font"}
# The moment the view is on screen: main holds an h1 and is no longer aria-busy.
USABLE_AT = """
new MutationObserver((records, observer) => {
  const main = document.getElementById('main');
  if (main && !main.hasAttribute('aria-busy') && main.querySelector('h1')) {
    window.__usableAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
"""
ASKED_BEFORE_USABLE = """() => performance.getEntriesByType('resource')
  .filter((entry) => entry.startTime < window.__usableAt).map((entry) => entry.name)"""


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    budget_bytes: int | None
    wait_for: str = "main h1"
    peers: tuple[str, ...] = field(default=())


PAGES: list[Page] = [
    Page("citizen home", "/", 14_000),
    Page("contact", "/kontakt", None),
    Page("Impressum", "/impressum", None),
    Page("survey page", "/umfrage/buergerservice", 18_000, peers=("Formbricks survey renderer JS alone 52.3 KB",)),
    Page(
        "booking page",
        "/termin",
        22_000,
        peers=("aitema|Termin 69.9 KB", "Munich ZMS citizen view 232.6 KB", "Easy!Appointments 472.6 KB"),
    ),
    Page("staff console sign-in", "/console/", 25_000),
]


@dataclass
class Load:
    files: int
    raw: int
    zipped: int
    by_kind: dict[str, int]  # gzip bytes per kind: document, script, stylesheet, messages, api


def _kind(url: str, resource_type: str) -> str:
    if "/i18n/" in url:
        return "messages"
    if "/api/" in url:
        return "api"
    return resource_type


def measure(stack: Stack, page_def: Page) -> Load:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS

    fetched: dict[str, tuple[str, bytes]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
        page = context.new_page()

        def on_response(response: object) -> None:
            req = response.request  # type: ignore[attr-defined]
            url = req.url
            if req.resource_type in NOT_COUNTED or "/icons/" in url or not 200 <= response.status < 300:  # type: ignore[attr-defined]
                return
            with contextlib.suppress(Exception):
                fetched[url] = (_kind(url, req.resource_type), response.body())  # type: ignore[attr-defined]

        page.add_init_script(USABLE_AT)
        page.on("response", on_response)
        page.goto(stack.base_url + page_def.path, wait_until="commit")
        page.wait_for_selector(page_def.wait_for)
        page.wait_for_function("window.__usableAt !== undefined")
        # the answers to what was asked before may still be arriving
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=5000)
        asked = set(page.evaluate(ASKED_BEFORE_USABLE)) | {stack.base_url + page_def.path}
        browser.close()
    fetched = {url: found for url, found in fetched.items() if url in asked}
    by_kind: dict[str, int] = {}
    for kind, body in fetched.values():
        by_kind[kind] = by_kind.get(kind, 0) + len(gzip.compress(body, 9))
    raw = sum(len(body) for _, body in fetched.values())
    return Load(len(fetched), raw, sum(by_kind.values()), by_kind)


def _kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def report(stack: Stack) -> list[str]:
    rows, failures = [], []
    for page_def in PAGES:
        load = measure(stack, page_def)
        budget = f"{page_def.budget_bytes / 1000:.0f} KB" if page_def.budget_bytes else "—"
        ok = page_def.budget_bytes is None or load.zipped <= page_def.budget_bytes
        parts = ", ".join(f"{kind} {_kb(n)}" for kind, n in sorted(load.by_kind.items(), key=lambda kv: -kv[1]))
        rows.append(
            [
                page_def.name,
                page_def.path,
                load.files,
                f"{load.raw:,}",
                f"{load.zipped:,}",
                budget,
                "ok" if ok else "OVER",
                parts,
                "; ".join(page_def.peers) or "—",
            ]
        )
        if not ok:
            failures.append(f"{page_def.name}: {load.zipped:,} B gzip > {page_def.budget_bytes:,} B")
    print_table(
        ["page", "path", "files", "raw bytes", "gzip bytes", "budget", "", "gzip KB by kind", "peers (same measure)"],
        rows,
    )
    return failures
