"""Citizen PWA shell: installable, works offline, two languages, accessible, keyboard-usable, light.

Browser tests drive Debian's Chromium against the running local stack; the static checks at the
end read the files in pwa/ and guard the rules every view must keep (CSP, text-only DOM, budget).
"""

from __future__ import annotations

import gzip
import re
import struct
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import assert_axe_clean

PWA = Path(__file__).resolve().parents[2] / "pwa"

CITIZEN_PATHS = [
    "/",
    "/umfrage",
    "/termin",
    "/wartemarke",
    "/dokumente",
    "/kontakt",
    "/impressum",
    "/datenschutz",
    "/barrierefreiheit",
]
HOME_BUDGET_BYTES = 20 * 1024


def open_view(page: Any, path: str) -> None:
    """Load a page and wait until its view is on screen (views render after the town data)."""
    page.goto(path)
    page.wait_for_selector("main h1")
    page.wait_for_function("!document.getElementById('main').hasAttribute('aria-busy')")


def wait_for_worker(page: Any) -> None:
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- installable PWA -------------------------------------------------------------------------


@pytest.mark.browser
def test_manifest_is_linked_and_describes_an_installable_app(page: Any) -> None:
    open_view(page, "/")
    href = page.get_attribute("link[rel=manifest]", "href")
    assert href
    res = page.request.get(href)
    assert res.ok
    manifest = res.json()
    assert manifest["name"] == "Bürgerservice"
    assert manifest["short_name"]
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/?source=pwa"
    assert manifest["scope"] == "/"
    assert manifest["lang"] == "de"
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", manifest["background_color"])

    seen: set[tuple[str, str]] = set()
    for icon in manifest["icons"]:
        res = page.request.get(icon["src"])
        assert res.ok, icon["src"]
        assert res.headers["content-type"].startswith("image/png")
        width, height = png_size(res.body())
        assert icon["sizes"] == f"{width}x{height}"
        for purpose in icon.get("purpose", "any").split():
            seen.add((icon["sizes"], purpose))
    for size in ("192x192", "512x512"):
        assert (size, "any") in seen
        assert (size, "maskable") in seen


@pytest.mark.browser
def test_service_worker_is_registered_and_controls_the_page_after_reload(page: Any) -> None:
    open_view(page, "/")
    wait_for_worker(page)
    page.reload()
    page.wait_for_selector("main h1")
    script = page.evaluate("navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL")
    assert script and script.endswith("/sw.js")


@pytest.mark.browser
def test_offline_shows_the_cached_shell_for_app_paths_and_the_offline_page_otherwise(page: Any) -> None:
    open_view(page, "/")
    wait_for_worker(page)
    open_view(page, "/kontakt")  # now controlled: the town data passes the worker and is kept
    page.context.set_offline(True)
    try:
        open_view(page, "/")
        assert page.locator("main h1").inner_text() == "Was möchten Sie erledigen?"
        assert page.locator(".tile").count() >= 2

        page.goto("/console/")
        page.wait_for_selector("h1")
        assert page.locator("h1").inner_text() == "Keine Internetverbindung"
        assert page.locator("a[href='/']").count() >= 1
    finally:
        page.context.set_offline(False)


# --- language --------------------------------------------------------------------------------


@pytest.mark.browser
def test_language_switch_to_english_is_remembered(page: Any) -> None:
    open_view(page, "/")
    assert page.evaluate("document.documentElement.lang") == "de"
    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.querySelector('main h1').textContent === 'What would you like to do?'")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("link", name="Privacy policy").is_visible()

    page.reload()
    page.wait_for_function("document.querySelector('main h1')?.textContent === 'What would you like to do?'")
    assert page.evaluate("document.documentElement.lang") == "en"

    page.get_by_role("button", name="Deutsch").click()
    page.wait_for_function("document.querySelector('main h1').textContent === 'Was möchten Sie erledigen?'")
    assert page.evaluate("document.documentElement.lang") == "de"


# --- accessibility ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("path", CITIZEN_PATHS)
def test_citizen_page_is_axe_clean_at_360px(page: Any, path: str) -> None:
    open_view(page, path)
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "page scrolls sideways at 360 px"
    assert_axe_clean(page)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/kontakt", "/barrierefreiheit"])
def test_citizen_page_is_axe_clean_in_dark_mode_and_english(page: Any, path: str) -> None:
    page.emulate_media(color_scheme="dark")
    open_view(page, "/")
    page.evaluate("localStorage.setItem('lang', 'en')")
    open_view(page, path)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_axe_clean(page)


@pytest.mark.browser
def test_landmarks_and_footer_links(page: Any) -> None:
    open_view(page, "/")
    for selector in ("header", "main", "footer", "footer nav"):
        assert page.locator(selector).count() >= 1, selector
    footer = page.locator("footer")
    for name in ("Impressum", "Datenschutzerklärung", "Erklärung zur Barrierefreiheit"):
        assert footer.get_by_role("link", name=name).is_visible()


@pytest.mark.browser
def test_keyboard_reaches_skip_link_first_then_every_tile_and_enter_opens_it(page: Any) -> None:
    open_view(page, "/")
    tiles = page.eval_on_selector_all(".tile", "els => els.map(e => e.getAttribute('href'))")
    assert "/kontakt" in tiles and len(tiles) >= 2

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.evaluate("document.activeElement.textContent") == "Zum Inhalt springen"

    reached: list[str] = []
    for _ in range(30):
        page.keyboard.press("Tab")
        href = page.evaluate("(el => el.classList.contains('tile') && el.getAttribute('href'))(document.activeElement)")
        if href:
            reached.append(href)
        if href == tiles[-1]:
            break
    assert reached == tiles

    page.keyboard.press("Enter")  # the last tile: Kontakt
    page.wait_for_url("**/kontakt")
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
    assert page.evaluate("document.activeElement.textContent") == "Kontakt"
    assert "Kontakt" in page.title()


@pytest.mark.browser
def test_skip_link_moves_focus_to_main(page: Any) -> None:
    open_view(page, "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


# --- content ---------------------------------------------------------------------------------


@pytest.mark.browser
def test_contact_page_lists_the_service_routes_and_offices(page: Any) -> None:
    town = page.request.get("/api/town").json()
    open_view(page, "/kontakt")
    for route in town["contact"]["routes"]:
        link = page.locator("a[href^='tel:']", has_text=route["phone"]).first
        assert link.is_visible()
        assert page.get_by_text(route["label"]["de"], exact=True).is_visible()
    for office in town["offices"]:
        assert page.get_by_role("heading", name=office["name"]).is_visible()


@pytest.mark.browser
def test_legal_text_headings_are_rendered_as_headings(page: Any) -> None:
    town = page.request.get("/api/town").json()
    legal = page.request.get("/api/town/legal").json()
    open_view(page, "/impressum")
    first = next(line[3:].strip() for line in legal["impressum"]["de"].splitlines() if line.startswith("## "))
    assert page.get_by_role("heading", level=2, name=first).is_visible()
    open_view(page, "/barrierefreiheit")
    feedback = legal.get("feedback_email") or town["contact"]["email"]
    assert page.locator(f"a[href='mailto:{feedback}']").count() >= 1


@pytest.mark.browser
def test_coming_soon_page_is_honest_and_gives_the_phone_number(page: Any) -> None:
    open_view(page, "/termin")
    assert page.locator("main h1").inner_text() == "Termin buchen"
    assert page.locator("main a[href^='tel:']").count() >= 1


@pytest.mark.browser
def test_unknown_address_shows_not_found(page: Any) -> None:
    open_view(page, "/gibt-es-nicht")
    assert page.locator("main h1").inner_text() == "Seite nicht gefunden"


@pytest.mark.browser
def test_pages_keep_the_real_content_security_policy(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation', e => "
            "window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        for path in ("/", "/kontakt", "/console/"):
            page.goto(path)
            page.wait_for_selector("main h1")
            assert page.evaluate("window.__csp") == [], path
    finally:
        context.close()


# --- static rules for everything in pwa/ -----------------------------------------------------


def _js_files() -> list[Path]:
    return sorted(PWA.rglob("*.js"))


# The message files per language and area are checked in tests/unit/test_pwa_messages.py.


def test_pages_have_no_inline_scripts_or_styles() -> None:
    for path in PWA.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script in {path}"
        assert not re.search(r"<style\b", html), f"style element in {path}"
        assert not re.search(r"\sstyle=", html), f"style attribute in {path}"
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler in {path}"


def test_scripts_build_dom_from_text_and_only_api_js_calls_the_api() -> None:
    for path in _js_files():
        source = path.read_text(encoding="utf-8")
        rel = path.relative_to(PWA).as_posix()
        for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", ".style.", "eval("):
            assert banned not in source, f"{banned} in {rel}"
        if rel not in ("js/api.js", "sw.js"):
            assert not re.search(r"fetch\(\s*[`'\"]/api", source), f"{rel} calls the API itself; use js/api.js"


def test_service_worker_precaches_every_shell_file() -> None:
    source = (PWA / "sw.js").read_text(encoding="utf-8")
    block = re.search(r"const APP_SHELL = \[(.*?)\];", source, re.S)
    assert block
    listed = set(re.findall(r"'(/[^']*)'", block.group(1)))
    listed |= {"/", "/offline.html"}  # via SHELL_URL / OFFLINE_URL
    for url in listed - {"/"}:
        assert (PWA / url.lstrip("/")).is_file(), f"sw.js precaches a missing file: {url}"
    expected = {"/" + p.relative_to(PWA).as_posix() for p in (PWA / "js").rglob("*.js")}
    # the citizen app's message areas; the console's are not kept offline
    citizen_messages = [p for p in (PWA / "i18n").glob("*/*.json") if not p.stem.startswith("console")]
    expected |= {"/" + p.relative_to(PWA).as_posix() for p in citizen_messages}
    expected |= {"/css/app.css", "/offline.html", "/manifest.webmanifest"}
    assert not expected - listed, f"not precached in sw.js: {sorted(expected - listed)}"


def _imports(path: Path) -> set[Path]:
    source = path.read_text(encoding="utf-8")
    found = re.findall(r"^import[^;]*?from '(\.{1,2}/[^']+)';", source, re.M | re.S)
    return {(path.parent / rel).resolve() for rel in found}


def test_home_page_first_load_stays_under_20_kb_gzip() -> None:
    html = (PWA / "index.html").read_text(encoding="utf-8")
    css = [PWA / href.lstrip("/") for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)]
    entries = [PWA / src.lstrip("/") for src in re.findall(r'<script type="module" src="([^"]+)"', html)]
    # Loaded on demand during the first visit: the home view and the worker registration.
    entries += [PWA / "js" / "views" / "home.js", PWA / "js" / "sw-register.js"]
    modules: set[Path] = set()
    todo = [p.resolve() for p in entries]
    while todo:
        current = todo.pop()
        if current in modules:
            continue
        modules.add(current)
        todo.extend(_imports(current))
    files = [PWA / "index.html", *css, *sorted(modules)]
    total = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    assert total < HOME_BUDGET_BYTES, f"home page first load is {total} bytes gzip: {[f.name for f in files]}"
