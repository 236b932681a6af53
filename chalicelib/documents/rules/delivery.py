"""The delivery list (CSV from the issuing authority or the office's own scan list), read into a preview."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from chalicelib.documents.rules.orders import canonical_reference

MAX_ROWS = 5000
HEADER_NAMES = frozenset({"reference", "referenz", "vorgang", "vorgangsnummer", "aktenzeichen", "nummer"})


@dataclass
class DeliveryList:
    references: list[str] = field(default_factory=list)  # valid, in file order, each once
    broken: list[dict[str, object]] = field(default_factory=list)  # {"line", "text"}
    repeated: int = 0


def parse(text: str) -> DeliveryList:
    """One reference per row, in the first column (or the column named reference/Vorgang/...).

    Separators ``,`` or ``;`` (German spreadsheets). A header row is recognised and skipped; a row
    that is not a valid reference (typo, wrong check symbols) is reported with its line number.
    """
    result = DeliveryList()
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))
    column = 0
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 or (column == 0 and not result.references and not result.broken):
            names = [c.lower() for c in cells]
            header = [i for i, name in enumerate(names) if name in HEADER_NAMES]
            if header:
                column = header[0]
                continue
        cell = cells[column] if column < len(cells) else ""
        ref = canonical_reference(cell)
        if ref is None:
            result.broken.append({"line": number, "text": cell[:60]})
        elif ref in seen:
            result.repeated += 1
        else:
            seen.add(ref)
            result.references.append(ref)
        if len(result.references) + len(result.broken) > MAX_ROWS:
            result.broken.append({"line": number, "text": f"more than {MAX_ROWS} rows"})
            break
    return result
