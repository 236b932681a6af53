"""One e-mail as a few plain blocks, rendered twice: as readable text and as simple, accessible HTML.

The HTML uses real headings, lists and a table for facts, inline styles only (mail programs drop
style sheets) and no remote images (they are blocked or track the reader). Every text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

Row = tuple[str, str]


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Rows:
    """Label and value pairs (booking code, time, place)."""

    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Button:
    """The one thing to do, as a link that looks like a button; ``quiet`` for a second, lesser link."""

    label: str
    url: str
    quiet: bool = False


Block = Para | Heading | Items | Rows | Button


@dataclass(frozen=True)
class Mail:
    lang: str
    subject: str
    title: str
    blocks: tuple[Block, ...]


# --- text ------------------------------------------------------------------------------------------


def _text_block(block: Block) -> str:
    if isinstance(block, Para):
        return block.text
    if isinstance(block, Heading):
        return f"{block.text}\n{'-' * len(block.text)}"
    if isinstance(block, Items):
        return "\n".join(f"- {item}" for item in block.items)
    if isinstance(block, Rows):
        return "\n".join(f"{label}: {value.replace(chr(10), ', ')}" for label, value in block.rows)
    return f"{block.label}:\n{block.url}"


def text(mail: Mail) -> str:
    """The plain-text part: it must read well on its own, links on their own line."""
    parts = [mail.title + "\n" + "=" * len(mail.title)]
    parts += [_text_block(b) for b in mail.blocks if not (isinstance(b, Items) and not b.items)]
    return "\n\n".join(parts) + "\n"


# --- HTML ------------------------------------------------------------------------------------------

_FONT = "font-family:Arial,Helvetica,sans-serif;"
_BODY = f"margin:0;padding:0;background:#ffffff;color:#1a1a1a;{_FONT}font-size:16px;line-height:1.5;"
_H1 = "font-size:24px;line-height:1.25;margin:0 0 16px;color:#1a1a1a;"
_H2 = "font-size:19px;line-height:1.3;margin:28px 0 8px;color:#1a1a1a;"
_P = "margin:0 0 16px;"
_UL = "margin:0 0 16px;padding-left:24px;"
_TH = "text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:bold;"
_TD = "vertical-align:top;padding:4px 0;"
_BUTTON = (
    "display:inline-block;background:#004b87;color:#ffffff;text-decoration:none;font-weight:bold;"
    "padding:12px 20px;border-radius:6px;border:2px solid #004b87;"
)
_QUIET = "color:#004b87;text-decoration:underline;"


def _lines(value: str) -> str:
    return "<br>".join(escape(line) for line in value.split("\n"))


def _html_block(block: Block) -> str:
    if isinstance(block, Para):
        return f'<p style="{_P}">{_lines(block.text)}</p>'
    if isinstance(block, Heading):
        return f'<h2 style="{_H2}">{escape(block.text)}</h2>'
    if isinstance(block, Items):
        if not block.items:
            return ""
        items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
        return f'<ul style="{_UL}">{items}</ul>'
    if isinstance(block, Rows):
        rows = "".join(
            f'<tr><th scope="row" style="{_TH}">{escape(label)}</th><td style="{_TD}">{_lines(value)}</td></tr>'
            for label, value in block.rows
        )
        return f'<table style="border-collapse:collapse;margin:0 0 16px;">{rows}</table>'
    href = escape(block.url, quote=True)
    style = _QUIET if block.quiet else _BUTTON
    return f'<p style="margin:24px 0;"><a href="{href}" style="{style}">{escape(block.label)}</a></p>'


def html(mail: Mail) -> str:
    body = "\n".join(part for part in (_html_block(b) for b in mail.blocks) if part)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(mail.lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(mail.subject)}</title>\n</head>\n"
        f'<body style="{_BODY}">\n<div style="max-width:600px;margin:0 auto;padding:16px;">\n'
        f'<h1 style="{_H1}">{escape(mail.title)}</h1>\n{body}\n</div>\n</body>\n</html>\n'
    )
