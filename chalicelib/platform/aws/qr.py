"""QR codes as SVG (screens, print) and PNG (downloads), in one place.

Every code is dark on an opaque white square with a quiet zone of at least four modules
(ISO/IEC 18004): a scanner finds the code by that light margin, and a code shown on a dark or
transparent page (dark mode, a photo of the screen) would otherwise have none.
"""

from __future__ import annotations

import io
from typing import Any

QUIET_ZONE = 4  # modules of white around the code; the standard's minimum
BACKGROUND = "#ffffff"


def _svg_factory() -> Any:
    import xml.etree.ElementTree as ET

    import qrcode.image.svg

    class OpaqueSvg(qrcode.image.svg.SvgPathImage):  # type: ignore[misc]
        """One path for the dark modules over a white rectangle that fills the whole viewBox."""

        def _svg(self, viewBox: Any = None, **kwargs: Any) -> Any:
            svg = super()._svg(viewBox=viewBox, **kwargs)
            size = str(self.units(self.pixel_size, text=False))
            svg.append(ET.Element("rect", x="0", y="0", width=size, height=size, fill=BACKGROUND))
            return svg

    return OpaqueSvg


def qr_svg(data: str, *, box_size: int = 10, border: int = QUIET_ZONE) -> str:
    import qrcode

    img = qrcode.make(
        data,
        image_factory=_svg_factory(),
        box_size=box_size,
        border=max(border, QUIET_ZONE),
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    return str(img.to_string(encoding="unicode"))


def qr_png(data: str, *, box_size: int = 10, border: int = QUIET_ZONE) -> bytes:
    """Greyscale without an alpha channel: the quiet zone and the light modules are opaque white."""
    import qrcode
    import qrcode.image.pure

    img = qrcode.make(
        data,
        image_factory=qrcode.image.pure.PyPNGImage,
        box_size=box_size,
        border=max(border, QUIET_ZONE),
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue()
