"""The PWA's messages: one file per language and area (pwa/i18n/<lang>/<area>.json), loaded
with the route that needs them.

Both languages have the same keys in every area, a key lives in exactly one area, and every
message key a JS file names exists in an area that each route reaching that file loads. The
routes and imports are read from the files themselves (a static scan, nothing runs). A module
loaded on demand may name areas only it uses at its top (`await needs(['booking-more']);`); those
count for that module.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

PWA = Path(__file__).resolve().parents[2] / "pwa"
I18N = PWA / "i18n"
CITIZEN_BASE = frozenset({"common"})
CONSOLE_BASE = frozenset({"common", "console"})
# Views the console shows without a route of its own (signed out, forced password change ...),
# with the areas console.js loads for them.
CONSOLE_FIXED_VIEWS = {
    "views/login": (),
    "views/password": ("console-account",),
    "views/notfound": (),
    "views/forbidden": (),
}
# Pages without the app's shell (the waiting room's call display, the kiosk at the door, the live
# waiting page for the town's website) load their one area with console/queue/screen-text.js.
STANDALONE_PAGES = {
    "console/queue/display": "console-queue-display",
    "console/queue/kiosk": "console-queue-kiosk",
    "console/queue/live": "console-queue-live",
}

KEYLIKE = re.compile(r"'([a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+)'")
T_LITERAL = re.compile(r"\bt\('([a-zA-Z0-9_.]+)'")
T_PREFIX = re.compile(r"\bt\(`([a-zA-Z0-9_.]+)\$\{")
COMMENT = re.compile(r"(^|\s)//.*$", re.M)
NEEDS = re.compile(r"^await needs\(\[([^\]]*)\]\);$", re.M)


def languages() -> list[str]:
    return sorted(p.name for p in I18N.iterdir() if p.is_dir())


@cache
def areas(lang: str = "de") -> dict[str, dict[str, str]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((I18N / lang).glob("*.json"))}


def all_messages(lang: str) -> dict[str, str]:
    """Every area of one language in one table (the keys do not repeat across areas)."""
    merged: dict[str, str] = {}
    for table in areas(lang).values():
        merged.update(table)
    return merged


def source(path: Path) -> str:
    return COMMENT.sub(r"\1", path.read_text(encoding="utf-8"))


def imported(path: Path) -> set[Path]:
    """Modules a file loads: static imports, literal dynamic imports, quoted module paths, and
    for an `import(`./${name}.js`)` every quoted name that is a module beside it."""
    text = source(path)
    found = {(path.parent / rel).resolve() for rel in re.findall(r"'(\.{1,2}/[\w./-]+\.js)'", text)}
    if "import(`./${" in text:
        for word in re.findall(r"'([\w-]+)'", text):
            if (path.parent / f"{word}.js").is_file():
                found.add((path.parent / f"{word}.js").resolve())
    return {p for p in found if p.is_file() and p != path.resolve()}


def closure(starts: list[Path]) -> set[Path]:
    seen: set[Path] = set()
    todo = [p.resolve() for p in starts]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(imported(current))
    return seen


def routes(path: Path) -> list[tuple[str, frozenset[str]]]:
    """(view, areas) of every route line in a routes.js."""
    found = []
    for line in re.findall(r"^\s*(?:export const NOT_FOUND = )?\{ path: .*$", path.read_text(encoding="utf-8"), re.M):
        view = re.search(r"view: '([\w/-]+)'", line)
        listed = re.search(r"areas: \[([^\]]*)\]", line)
        assert view, line
        found.append((view.group(1), frozenset(re.findall(r"'([\w-]+)'", listed.group(1)) if listed else ())))
    return found


@cache
def contexts() -> list[tuple[set[Path], frozenset[str]]]:
    """Each way a module gets loaded, with the message areas loaded by then."""
    out = [
        (closure([PWA / "js" / "app.js"]), CITIZEN_BASE),
        (closure([PWA / "console" / "console.js"]), CONSOLE_BASE),
    ]
    for view, extra in routes(PWA / "js" / "routes.js"):
        out.append((closure([PWA / "js" / f"{view}.js"]), CITIZEN_BASE | extra))
    fixed = [(view, frozenset(extra)) for view, extra in CONSOLE_FIXED_VIEWS.items()]
    console_routes = routes(PWA / "console" / "routes.js") + fixed
    for view, extra in console_routes:
        out.append((closure([PWA / "console" / f"{view}.js"]), CONSOLE_BASE | extra))
    for page, area in STANDALONE_PAGES.items():
        out.append((closure([PWA / f"{page}.js"]), frozenset({area})))
    return out


def declared_areas(path: Path) -> frozenset[str]:
    """The areas a module loads itself before it is evaluated (`await needs([...])` at its top)."""
    found = NEEDS.search(source(path))
    return frozenset(re.findall(r"'([\w-]+)'", found.group(1))) if found else frozenset()


def loaded_areas(path: Path) -> frozenset[str] | None:
    """The areas loaded in every context that reaches the file (None: no route reaches it)."""
    sets = [loaded for files, loaded in contexts() if path.resolve() in files]
    return frozenset.intersection(*sets) | declared_areas(path) if sets else None


def test_both_languages_have_the_same_areas_and_keys() -> None:
    assert set(languages()) >= {"de", "en"}
    i18n = (PWA / "js" / "i18n.js").read_text(encoding="utf-8")
    for lang in languages():
        assert re.search(rf"^\s*{lang}: {{", i18n, re.M), f"{lang} is not listed in LANGUAGES"
        assert set(areas(lang)) == set(areas("de")), lang
        for area, table in areas("de").items():
            other = areas(lang)[area]
            assert set(other) == set(table), f"{lang}/{area}.json differs from de: {sorted(set(other) ^ set(table))}"
    assert not list(I18N.glob("*.json")), "messages live in i18n/<lang>/<area>.json"


def test_a_key_lives_in_exactly_one_area() -> None:
    owner: dict[str, str] = {}
    for area, table in areas("de").items():
        for key in table:
            assert key not in owner, f"{key} in {owner.get(key)} and {area}"
            owner[key] = area


def test_console_loads_the_areas_of_its_fixed_views() -> None:
    source = (PWA / "console" / "console.js").read_text(encoding="utf-8")
    for view, extra in CONSOLE_FIXED_VIEWS.items():
        if extra:
            assert re.search(rf"view: '{view}'[^}}]*areas: \[{', '.join(repr(a) for a in extra)}\]", source), view


def test_every_area_a_route_names_exists() -> None:
    for routes_file in (PWA / "js" / "routes.js", PWA / "console" / "routes.js"):
        for view, extra in routes(routes_file):
            assert extra <= set(areas("de")), (routes_file.name, view, extra)


def test_every_key_a_file_uses_is_in_an_area_its_routes_load() -> None:
    owner = {key: area for area, table in areas("de").items() for key in table}
    problems = []
    for path in sorted(PWA.rglob("*.js")):
        if path.name == "sw.js":
            continue
        text = source(path)
        rel = path.relative_to(PWA).as_posix()
        used = set(T_LITERAL.findall(text)) | {k for k in KEYLIKE.findall(text) if k in owner or f"{k}.other" in owner}
        prefixes = set(T_PREFIX.findall(text))
        if not used and not prefixes:
            continue
        loaded = loaded_areas(path)
        if loaded is None:
            problems.append(f"{rel}: uses messages but no route loads it")
            continue
        for key in sorted(used):
            area = owner.get(key) or owner.get(f"{key}.other")
            if area is None:
                problems.append(f"{rel}: {key} is in no message file")
            elif area not in loaded:
                problems.append(f"{rel}: {key} is in {area}, which its routes do not load ({sorted(loaded)})")
        for prefix in sorted(prefixes):
            if not any(k.startswith(prefix) and owner[k] in loaded for k in owner):
                problems.append(f"{rel}: no key starting {prefix!r} in {sorted(loaded)}")
    assert not problems, "\n".join(problems)


def test_static_markup_uses_keys_of_the_areas_its_page_loads() -> None:
    for page, loaded in ((PWA / "index.html", CITIZEN_BASE), (PWA / "console" / "index.html", CONSOLE_BASE)):
        have = {key for area in loaded for key in areas("de")[area]}
        used = set(re.findall(r'data-i18n(?:-label)?="([^"]+)"', page.read_text(encoding="utf-8")))
        assert used <= have, f"{page.name}: {sorted(used - have)}"


def test_standalone_pages_take_every_text_from_their_message_area() -> None:
    for page, area in STANDALONE_PAGES.items():
        script = source(PWA / f"{page}.js")
        assert f"loadTexts('{area}'" in script, f"{page}.js does not load {area}"
        markup = (PWA / f"{page}.html").read_text(encoding="utf-8")
        keys = set(re.findall(r'data-(?:text|both|label)="([^"]+)"', markup))
        assert keys and keys <= set(areas("de")[area]), f"{page}.html: {sorted(keys - set(areas('de')[area]))}"
        body = re.search(r"<body[^>]*>(.*)</body>", markup, re.S)
        assert body is not None
        words = re.sub(r"<[^>]+>", " ", body.group(1)).split()
        assert not words, f"{page}.html holds text of its own: {words}"
        title = re.search(r"<title>([^<]*)</title>", markup)
        assert title is not None and title.group(1) == "Bürgerservice", f"{page}.html: the title is set from {area}"


def test_areas_a_module_declares_exist() -> None:
    for path in sorted(PWA.rglob("*.js")):
        assert declared_areas(path) <= set(areas("de")), path.relative_to(PWA).as_posix()
