"""The PWA's modules: no import cycles (static or dynamic imports) and no file over 400 lines."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_pwa_messages import PWA, imported

MAX_LINES = 400


def cycles() -> list[list[str]]:
    graph = {p.resolve(): imported(p) for p in PWA.rglob("*.js")}
    found: list[list[str]] = []
    state: dict[Path, int] = {}  # 1: on the current path, 2: done
    path: list[Path] = []

    def visit(node: Path) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                loop = path[path.index(nxt) :]
                found.append([p.relative_to(PWA.resolve()).as_posix() for p in loop])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_module_imports_itself_back() -> None:
    assert cycles() == []


def test_the_cycle_check_sees_a_dynamic_import_back(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text("export const later = () => import('./b.js');\n")
    (tmp_path / "b.js").write_text("import { later } from './a.js';\n")
    assert imported(tmp_path / "a.js") == {(tmp_path / "b.js").resolve()}
    assert imported(tmp_path / "b.js") == {(tmp_path / "a.js").resolve()}


def test_no_file_in_pwa_is_over_400_lines() -> None:
    long = {
        p.relative_to(PWA).as_posix(): n
        for p in PWA.rglob("*")
        if p.suffix in {".js", ".css", ".html", ".json"}
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
