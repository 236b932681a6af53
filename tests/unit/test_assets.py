"""The PWA's files as served: minified, and saying the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

from infra import assets

PWA = assets.PWA
# String and template literals on a line of code (a comment's apostrophes are no literals).
LITERAL = re.compile(r"`[^`\n]*`|'[^'\n]*'|\"[^\"\n]*\"")
COMMENT_LINE = re.compile(r"^\s*(//|\*|/\*)")


def code_lines(text: str) -> list[str]:
    return [line.split(" // ", 1)[0] for line in text.splitlines() if not COMMENT_LINE.match(line)]


def test_every_script_keeps_its_strings_and_template_literals() -> None:
    for path in sorted(PWA.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        served = assets.served(path).decode("utf-8")
        for line in code_lines(text):
            for literal in LITERAL.findall(line):
                assert literal in served, f"{path.relative_to(PWA)}: {literal!r} changed when minified"


def test_scripts_and_styles_are_served_smaller_and_the_rest_as_written() -> None:
    for path in sorted(p for p in PWA.rglob("*") if p.is_file()):
        served = assets.served(path)
        if path.suffix in (".js", ".css"):
            assert len(served) < path.stat().st_size, path
            assert b"/*" not in served or path.suffix == ".js", f"{path}: a comment survived"
        elif path.suffix in (".json", ".webmanifest"):
            assert json.loads(served) == json.loads(path.read_bytes()), path
        else:
            assert served == path.read_bytes(), path


def test_the_deployed_files_are_the_served_ones(tmp_path: Path) -> None:
    size_in, size_out = assets.build(tmp_path / "pwa")
    assert size_out < size_in * 0.85
    for path in (PWA / "js" / "app.js", PWA / "css" / "app.css", PWA / "index.html", PWA / "sw.js"):
        assert (tmp_path / "pwa" / path.relative_to(PWA)).read_bytes() == assets.served(path)
