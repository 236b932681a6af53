"""QR codes as SVG (screens, print) and PNG (downloads), in one place."""

from __future__ import annotations

import io


def qr_svg(data: str, *, box_size: int = 10, border: int = 4) -> str:
    import qrcode
    import qrcode.image.svg

    img = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=box_size,
        border=border,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    return str(img.to_string(encoding="unicode"))


def qr_png(data: str, *, box_size: int = 10, border: int = 4) -> bytes:
    import qrcode
    import qrcode.image.pure

    img = qrcode.make(
        data,
        image_factory=qrcode.image.pure.PyPNGImage,
        box_size=box_size,
        border=border,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue()
