"""A booking's QR code as Chromium shows it on a transparent and on a dark page, read back with zbar.

A scanner finds a QR code by its light quiet zone: a code without a background of its own is
black on black on a dark page, and on a transparent one (a screenshot, an image without page)
there is nothing light at all.
"""

from __future__ import annotations

import base64
from typing import Any

import png
import pytest
from pyzbar import pyzbar

from chalicelib.platform.aws import qr

CODE = "7KXR-94FU"


def grey_over_black(screenshot: bytes) -> tuple[bytes, int, int]:
    """The screenshot as 8-bit grey, transparent parts composed over black (as a viewer without a page does)."""
    width, height, rows, _ = png.Reader(bytes=screenshot).asRGBA8()
    grey = bytearray()
    for row in rows:
        for i in range(0, len(row), 4):
            r, g, b, a = row[i : i + 4]
            grey.append(round((0.299 * r + 0.587 * g + 0.114 * b) * a / 255))
    return bytes(grey), width, height


def decoded(image: tuple[bytes, int, int]) -> list[str]:
    return [symbol.data.decode() for symbol in pyzbar.decode(image, symbols=[pyzbar.ZBarSymbol.QRCODE])]


@pytest.mark.parametrize(
    ("page_style", "transparent"),
    [("background: transparent", True), ("background: #111", False), ("background: #000; color-scheme: dark", False)],
)
def test_the_booking_qr_svg_is_read_on_a_transparent_and_on_a_dark_page(
    browser: Any, page_style: str, transparent: bool
) -> None:
    svg = qr.qr_svg(CODE)
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    context = browser.new_context(viewport={"width": 360, "height": 360})
    try:
        page = context.new_page()
        page.set_content(
            f'<html><body style="margin:0; {page_style}">'
            f'<img src="{source}" alt="" style="display:block; width:240px; height:240px; margin:60px"></body></html>'
        )
        page.wait_for_function("document.images[0].complete && document.images[0].naturalWidth > 0")
        shot = page.screenshot(omit_background=transparent)
    finally:
        context.close()
    assert decoded(grey_over_black(shot)) == [CODE]


def test_the_mailed_png_is_read_by_zbar() -> None:
    width, height, rows, info = png.Reader(bytes=qr.qr_png(CODE)).read()
    assert info["bitdepth"] == 1 and info["greyscale"]
    grey = bytes(255 if value else 0 for row in rows for value in row)
    assert decoded((grey, width, height)) == [CODE]


def test_a_code_without_a_background_is_not_read_on_a_transparent_page(browser: Any) -> None:
    # The check above means something: the same modules without the white square are not found.
    svg = qr.qr_svg(CODE)
    start = svg.index("<rect")
    bare = svg[:start] + svg[svg.index("/>", start) + 2 :]
    source = "data:image/svg+xml;base64," + base64.b64encode(bare.encode()).decode()
    context = browser.new_context(viewport={"width": 360, "height": 360})
    try:
        page = context.new_page()
        page.set_content(f'<html><body style="margin:0"><img src="{source}" alt="" style="width:240px"></body></html>')
        page.wait_for_function("document.images[0].complete")
        shot = page.screenshot(omit_background=True)
    finally:
        context.close()
    assert decoded(grey_over_black(shot)) == []
