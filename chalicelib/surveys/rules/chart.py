"""Accessible, script-free SVG bar charts for the results page and the printed committee report."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date

WIDTH = 640
LABEL_WIDTH = 220
BAR_MAX = 300
ROW_HEIGHT = 28
TOP = 40
MAX_LABEL_CHARS = 30
BAR_COLOUR = "#1f5f8b"  # dark enough to print legibly in greyscale, contrast 7:1 on white
TEXT_COLOUR = "#1a1a1a"

# XML 1.0 forbids most control characters even when escaped; a stray one would make the SVG invalid.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _esc(text: str) -> str:
    return html.escape(_XML_INVALID.sub("", text), quote=True)


def _number(value: float, lang: str) -> str:
    text = str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text


def _percent(percent: float, lang: str) -> str:
    text = f"{percent:.1f}".removesuffix(".0")
    # German typography puts a (narrow) space before the percent sign.
    return f"{text.replace('.', ',')}\u202f%" if lang == "de" else f"{text}%"


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date, lang: str) -> str:
    """A calendar day as people write it: "30.11.2026" in German, "30 Nov 2026" in English."""
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def svg_bar_chart(rows: list[tuple[str, float, float]], title: str, *, lang: str = "de") -> str:
    """A horizontal bar chart; rows are (label, value, percent 0-100), bars scale with percent.

    The SVG is self-contained (no scripts, no CSS, no external fonts) so it can be inlined into
    HTML and printed. Screen readers get role="img" with the title and a text description of every
    row; every label is escaped.
    """
    digest = hashlib.sha256(repr((title, rows)).encode()).hexdigest()[:10]
    title_id, desc_id = f"chart-{digest}-title", f"chart-{digest}-desc"
    shown = [
        (label, value, percent, f"{_number(value, lang)} ({_percent(percent, lang)})") for label, value, percent in rows
    ]
    description = "; ".join(f"{label}: {text}" for label, _, _, text in shown) or (
        "Keine Daten" if lang == "de" else "No data"
    )
    height = TOP + max(len(rows), 1) * ROW_HEIGHT + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="Arial, Helvetica, sans-serif" font-size="14" fill="{TEXT_COLOUR}">',
        f'<title id="{title_id}">{_esc(title)}</title>',
        f'<desc id="{desc_id}">{_esc(description)}</desc>',
        f'<text x="0" y="20" font-size="16" font-weight="bold">{_esc(title)}</text>',
    ]
    if not rows:
        parts.append(f'<text x="0" y="{TOP + 18}">{_esc(description)}</text>')
    for i, (label, _, percent, text) in enumerate(shown):
        y = TOP + i * ROW_HEIGHT
        width = round(BAR_MAX * min(max(percent, 0.0), 100.0) / 100, 1)
        parts += [
            "<g>",
            f"<title>{_esc(f'{label}: {text}')}</title>",
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end">{_esc(_short(label))}</text>',
            # The outlined track keeps a 0 % bar visible and the scale readable in greyscale print.
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{BAR_MAX}" height="20" fill="none" stroke="#767676"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="20" fill="{BAR_COLOUR}"/>',
            f'<text x="{LABEL_WIDTH + BAR_MAX + 8}" y="{y + 14}">{_esc(text)}</text>',
            "</g>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)
