"""Cross-site request forgery from a page of the same site on another port, in Chromium.

The session cookie is SameSite=Strict, which does not help here: 127.0.0.1 on another port
is the same site, so the browser attaches the cookie. Only the origin check stops it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.browser.test_console import sign_in

pytestmark = pytest.mark.browser

JOB = "/api/admin/jobs/purge-expired/run"


@pytest.fixture
def foreign_origin(base_url: str) -> Iterator[str]:
    """A second loopback server on another port, serving the forging page."""
    target = base_url + JOB
    html = f"""<!doctype html><html lang="en"><title>Win a prize</title>
<form id="urlencoded" method="post" action="{target}"><input name="a" value="1"><button>Go</button></form>
<form id="plain" method="post" action="{target}" enctype="text/plain"><input name="b" value="2"></form>
</html>""".encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def job_runs(context: Any) -> set[str]:
    """The job runs in the audit log of the stack's current month.

    Compared as sets before and after: should the stack's month change in between, every run
    in the later list is new, which is right as well.
    """
    res = context.request.get("/api/admin/audit")
    assert res.ok, res.text()
    return {f"{e['at']} {e['target']} {e['actor']}" for e in res.json()["entries"] if e["action"] == "job.run"}


def test_a_page_of_the_same_site_cannot_run_a_job_as_the_signed_in_admin(
    page: Any, context: Any, admin_credentials: tuple[str, str], foreign_origin: str, base_url: str
) -> None:
    sign_in(page, *admin_credentials)
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    before = job_runs(context)

    page.goto(foreign_origin + "/prize.html")
    # The session cookie does go along from this page: read-only requests are answered as the admin.
    with page.expect_response(lambda r: r.url.endswith("/api/auth/me")) as me:
        page.evaluate("url => fetch(url, {mode: 'no-cors', credentials: 'include'})", base_url + "/api/auth/me")
    assert me.value.status == 200 and "bs_access=" in me.value.request.all_headers().get("cookie", "")
    with page.expect_response(lambda r: r.url.endswith(JOB)) as caught:
        page.evaluate(
            "url => fetch(url, {method: 'POST', mode: 'no-cors', credentials: 'include'})",
            base_url + JOB,
        )
    assert caught.value.status == 403  # the page itself cannot read an opaque answer; the browser can
    for form in ("urlencoded", "plain"):
        page.goto(foreign_origin + "/prize.html")
        with page.expect_response(lambda r: r.url.endswith(JOB)) as caught:
            page.evaluate(f"document.getElementById('{form}').submit()")
        page.wait_for_url(base_url + JOB)  # the form's answer is shown before the next page loads
        assert caught.value.status == 403, form
        assert '"code":"cross_origin_refused"' in page.inner_text("body"), form
    assert job_runs(context) - before == set()


def test_the_console_itself_still_sends_body_less_changes(
    page: Any, context: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in(page, *admin_credentials)
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    before = job_runs(context)
    status = page.evaluate(
        """async () => {
            const { api } = await import('/js/api.js');
            try { await api.delete('/api/office/blocks/no-such-block'); return 'deleted'; }
            catch (err) { return err.status; }
        }"""
    )
    assert status in ("deleted", 404)  # reached the use case: not refused as cross-origin
    ran = page.evaluate(
        "async (path) => { const { api } = await import('/js/api.js'); return (await api.post(path)) !== null; }", JOB
    )
    assert ran and len(job_runs(context) - before) == 1
