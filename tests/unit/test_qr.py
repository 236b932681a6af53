"""QR codes carry their own white background and a quiet zone of at least four modules.

Decoding them as a scanner would, on dark and transparent pages, is in tests/browser/test_qr_render.py.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import png
import pytest

from chalicelib.platform.aws import qr

SVG = "{http://www.w3.org/2000/svg}"
WHITE = {"#fff", "#ffffff", "white"}


def dark_modules(svg: ET.Element) -> list[tuple[float, float, float, float]]:
    """The (x0, y0, x1, y1) of every dark square of the single path."""
    path = svg.find(f"{SVG}path")
    assert path is not None
    return [
        (float(x), float(y), float(x1), float(y1))
        for x, y, x1, y1 in re.findall(r"M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)", path.get("d", ""))
    ]


@pytest.mark.parametrize("border", [4, 0, 1])
def test_the_svg_paints_a_white_square_over_its_whole_viewbox_before_the_modules(border: int) -> None:
    root = ET.fromstring(qr.qr_svg("7KXR-94FU", border=border))  # noqa: S314 - our own output
    x, y, width, height = (float(v) for v in root.get("viewBox", "").split())
    children = list(root)
    background = children[0]
    # Then the first thing drawn is an opaque white rectangle exactly as large as the viewBox
    assert background.tag == f"{SVG}rect"
    assert background.get("fill", "").lower() in WHITE
    assert background.get("fill-opacity", "1") == "1" and background.get("opacity", "1") == "1"
    assert (float(background.get("x", "0")), float(background.get("y", "0"))) == (x, y)
    assert (float(background.get("width", "0")), float(background.get("height", "0"))) == (width, height)
    # and the dark modules come after it, inside a quiet zone of at least four modules
    assert children[1].tag == f"{SVG}path"
    modules = dark_modules(root)
    assert modules
    unit = min(x1 - x0 for x0, _, x1, _ in modules)  # one module
    left, top = min(m[0] for m in modules), min(m[1] for m in modules)
    right, bottom = max(m[2] for m in modules), max(m[3] for m in modules)
    assert min(left - x, top - y, x + width - right, y + height - bottom) >= 4 * unit


def test_the_png_is_opaque_with_a_white_quiet_zone_of_four_modules() -> None:
    box = 10
    width, height, rows, info = png.Reader(bytes=qr.qr_png("7KXR-94FU", box_size=box, border=0)).read()
    pixels = [list(row) for row in rows]
    # No alpha channel: what is light stays white on any page
    assert info["greyscale"] and not info["alpha"] and width == height
    white = 2 ** info["bitdepth"] - 1
    margin = 4 * box
    for i, row in enumerate(pixels):
        if i < margin or i >= height - margin:
            assert set(row) == {white}
        else:
            assert set(row[:margin]) == {white} and set(row[-margin:]) == {white}
    assert any(0 in row for row in pixels)  # and it has dark modules


def test_the_png_is_a_valid_png_file() -> None:
    data = qr.qr_png("https://example.org/x")
    assert data.startswith(b"\x89PNG") and png.Reader(file=io.BytesIO(data)).read()[0] > 0
