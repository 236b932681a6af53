"""First-load weight of each page: what headless Chromium fetched (HTML, CSS, JS), gzip-compressed.

Later features add their pages to PAGES with a budget.
"""

from __future__ import annotations

import contextlib
import gzip
import shutil
from dataclasses import dataclass

from bench.stack import Stack
from bench.table import print_table

COUNTED = {"document", "stylesheet", "script"}


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    budget_bytes: int | None
    wait_for: str = "main h1"


PAGES: list[Page] = [
    Page("citizen home", "/", 20_000),
    Page("contact", "/kontakt", None),
    Page("Impressum", "/impressum", None),
    Page("staff console login", "/console/", None, wait_for="main"),
    Page("survey page", "/umfrage/buergerservice", 15_000),
    Page("booking page", "/termin", 20_000),
]


def measure(stack: Stack, page_def: Page) -> tuple[int, int, int]:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS

    fetched: dict[str, bytes] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
        page = context.new_page()

        def on_response(response: object) -> None:
            req = response.request  # type: ignore[attr-defined]
            if req.resource_type in COUNTED and response.status == 200:  # type: ignore[attr-defined]
                fetched[req.url] = response.body()  # type: ignore[attr-defined]

        page.on("response", on_response)
        page.goto(stack.base_url + page_def.path, wait_until="load")
        page.wait_for_selector(page_def.wait_for)
        # lazily imported view modules arrive after "load"; a page that keeps polling is still measured
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=5000)
        browser.close()
    raw = sum(len(b) for b in fetched.values())
    zipped = sum(len(gzip.compress(b, 9)) for b in fetched.values())
    return len(fetched), raw, zipped


def report(stack: Stack) -> list[str]:
    rows, failures = [], []
    for page_def in PAGES:
        files, raw, zipped = measure(stack, page_def)
        budget = f"{page_def.budget_bytes / 1000:.0f} KB" if page_def.budget_bytes else "—"
        ok = page_def.budget_bytes is None or zipped <= page_def.budget_bytes
        rows.append([page_def.name, page_def.path, files, f"{raw:,}", f"{zipped:,}", budget, "ok" if ok else "OVER"])
        if not ok:
            failures.append(f"{page_def.name}: {zipped:,} B gzip > {page_def.budget_bytes:,} B")
    print_table(["page", "path", "files", "raw bytes", "gzip bytes", "budget", ""], rows)
    return failures
