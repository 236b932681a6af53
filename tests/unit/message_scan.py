"""Find, without running anything, every message text the API can send to a client.

The scan reads chalicelib's source with ``ast`` and collects what reaches a client:
the message and field messages of every domain error, the texts of the exceptions whose
``str()`` becomes a field message, and the helpers that forward a message into one of those.
An f-string becomes a regular expression (each ``{...}`` matches any text), so the test can
check it against the German patterns. What the scan cannot resolve is reported, so a new
kind of message source is noticed rather than silently skipped.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "chalicelib"

# Exceptions outside the DomainError family whose text ends up as a field message.
FIELD_EXCEPTIONS = {"FieldError", "InvalidSubscription", "_Invalid", "TextRefused"}
# Exceptions that never reach a client as text (caught and turned into a DomainError or retried).
INTERNAL_EXCEPTIONS = {"_Stale", "Cancelled", "TransactionFailed"}
# Helpers that forward their argument into an error: name -> (message position, field position).
HELPERS: dict[str, tuple[int | None, int | None]] = {
    "_refuse": (0, 0),  # slots: message and field message of "start"
    "gone": (0, None),  # booking_common.gone(message, code)
    "fail": (None, 1),  # survey_parse reader: fail(path, message)
    "add": (None, 1),  # calendar _Errors.add(path, message); only on receivers named errors
    "error_body": (1, None),  # http.error_body(code, message): answers built without an exception
}
# Local dicts that are handed to ``fields=``; their string values are field messages.
FIELD_DICTS = {"errors", "problems", "fields", "bad", "missing", "extra", "off_grid"}
# Expressions that only pass an already collected text on (an exception's text, a parameter).
PASS_THROUGH = {"str(exc)", "message", "self.fields", "r.errors", "exc.message"}
# Values put into the {...} of an f-string when the German patterns are tried on it: a number,
# a day as the messages spell it, an ISO date, a word.
SAMPLES = ("12", "Tuesday, 8 December 2026", "2026-06-08", "x")


@dataclass(frozen=True)
class Text:
    """One message as written in the source: literal text, or an f-string as a pattern."""

    kind: str  # "message" (the sentence) or "field" (a field message)
    template: str  # the literal, or the f-string with each {...} shown as {}
    where: str  # file:line
    code: str = ""  # the error code sent with it, where the scan can tell

    @property
    def is_pattern(self) -> bool:
        return "{}" in self.template

    def samples(self) -> list[str]:
        return [self.template.replace("{}", value) for value in SAMPLES] if self.is_pattern else [self.template]

    def sample(self, translate: Callable[[str], str | None]) -> str:
        """The first filled-in example that ``translate`` knows (else the first example)."""
        options = self.samples()
        return next((s for s in options if translate(s) is not None), options[0])

    def regex(self) -> re.Pattern[str]:
        return re.compile(".+".join(re.escape(part) for part in self.template.split("{}")))


@dataclass
class Scan:
    texts: list[Text] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    codes: dict[str, set[str]] = field(default_factory=dict)  # code -> where
    field_names: list[tuple[str, str]] = field(default_factory=list)  # (literal field name, where)
    other_raised: set[str] = field(default_factory=set)  # exception classes raised with a text, not known here


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _template(node: ast.expr) -> str | None:
    """A literal or f-string as text with {} for each placeholder; None if not literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append("{}")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        return (left if left is not None else "{}") + (right if right is not None else "{}")
    return None


class _Collector:
    def __init__(self, trees: dict[str, ast.Module]) -> None:
        self.trees = trees
        self.scan = Scan()
        self.errors = self._error_classes()
        self.returns = self._string_returns()
        self.module = ast.Module(body=[], type_ignores=[])

    def _error_classes(self) -> dict[str, str]:
        """Every DomainError class with the code it sends (inherited unless it sets its own)."""
        known = {"DomainError": "bad_request"}
        classes = [n for t in self.trees.values() for n in ast.walk(t) if isinstance(n, ast.ClassDef)]
        grown = True
        while grown:
            grown = False
            for cls in classes:
                base = next((known[_name(b) or ""] for b in cls.bases if _name(b) in known), None)
                if cls.name not in known and base is not None:
                    known[cls.name] = _own_code(cls) or base
                    grown = True
        for name, code in known.items():
            self.scan.codes.setdefault(code, set()).add(name)
        return known

    def _string_returns(self) -> dict[str, list[ast.expr]]:
        out: dict[str, list[ast.expr]] = {}
        for tree in self.trees.values():
            for fn in ast.walk(tree):
                if isinstance(fn, ast.FunctionDef):
                    values = [r.value for r in ast.walk(fn) if isinstance(r, ast.Return) and r.value is not None]
                    if values and all(_template(v) is not None for v in values if not _is_none(v)):
                        out[fn.name] = [v for v in values if not _is_none(v)]
        return out

    def add(self, kind: str, node: ast.expr, where: str, scope: ast.AST | None, code: str = "") -> None:
        if isinstance(node, ast.IfExp):
            self.add(kind, node.body, where, scope, code)
            self.add(kind, node.orelse, where, scope, code)
            return
        text = _template(node)
        if text is not None:
            self.scan.texts.append(Text(kind, text, where, code))
            return
        if isinstance(node, ast.Call) and _name(node.func) in self.returns:
            for value in self.returns[_name(node.func) or ""]:
                self.add(kind, value, where, scope, code)
            return
        if isinstance(node, ast.Name):
            # Assigned in the function around it, or a module constant.
            in_scope = ast.walk(scope) if scope is not None else iter(())
            assigned = [
                a.value
                for a in [*in_scope, *self.module.body]
                if isinstance(a, ast.Assign) and any(_name(t) == node.id for t in a.targets)
            ]
            if assigned:
                for value in assigned:
                    self.add(kind, value, where, scope, code)
                return
        source = ast.unparse(node)
        if source not in PASS_THROUGH and not source.startswith("localize("):  # translated already
            self.scan.unresolved.append(f"{where}: {kind} {source}")

    def fields(self, node: ast.expr, where: str, scope: ast.AST | None) -> None:
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant):
                    self.scan.field_names.append((str(key.value), where))
                self.add("field", value, where, scope)
        elif isinstance(node, ast.DictComp):
            self.add("field", node.value, where, scope)
        elif not (isinstance(node, ast.Name) and node.id in FIELD_DICTS) and ast.unparse(node) not in PASS_THROUGH:
            self.scan.unresolved.append(f"{where}: fields {ast.unparse(node)}")

    def visit(self, path: str, node: ast.AST, scope: ast.AST | None = None) -> None:
        """Each node once, with the innermost function around it (where its names are assigned)."""
        if isinstance(node, ast.Module):
            self.module = node
        for child in ast.iter_child_nodes(node):
            self._node(child, f"{path}:{getattr(child, 'lineno', 0)}", scope)
            self.visit(path, child, child if isinstance(child, ast.FunctionDef) else scope)

    def _node(self, node: ast.AST, where: str, scope: ast.AST | None) -> None:
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in self.errors or name in FIELD_EXCEPTIONS:
                code = self.errors.get(name or "", "")
                for kw in node.keywords:
                    if kw.arg == "code" and isinstance(kw.value, ast.Constant):
                        code = str(kw.value.value)
                        self.scan.codes.setdefault(code, set()).add(where)
                if node.args:
                    kind = "field" if name in FIELD_EXCEPTIONS else "message"
                    self.add(kind, node.args[0], where, scope, code)
                for kw in node.keywords:
                    if kw.arg == "fields":
                        self.fields(kw.value, where, scope)
            elif name in HELPERS and self._helper_call(node):
                message_at, field_at = HELPERS[name]
                code = {"_refuse": "validation_failed", "gone": "gone"}.get(name or "", "")
                code_arg = {"gone": 1, "error_body": 0}.get(name or "")
                if code_arg is not None and len(node.args) > code_arg and isinstance(node.args[code_arg], ast.Constant):
                    code = str(node.args[code_arg].value)
                    self.scan.codes.setdefault(code, set()).add(where)
                for kind, at in (("message", message_at), ("field", field_at)):
                    if at is not None and len(node.args) > at:
                        self.add(kind, node.args[at], where, scope, code if kind == "message" else "")
            elif name == "setdefault" and _receiver(node) in FIELD_DICTS and len(node.args) == 2:
                self.add("field", node.args[1], where, scope)
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            raised = _name(node.exc.func) or ""
            known = raised in self.errors or raised in FIELD_EXCEPTIONS
            if raised[:1].isupper() and not known and _template(node.exc.args[0]) is not None:
                self.scan.other_raised.add(raised)
        elif isinstance(node, ast.Assign):
            target = node.targets[0]
            if (
                isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Name)
                and target.value.id in FIELD_DICTS
            ):
                self.add("field", node.value, where, scope)
            elif _name(target) in FIELD_DICTS and isinstance(node.value, ast.Dict | ast.DictComp):
                self.fields(node.value, where, scope)

    @staticmethod
    def _helper_call(node: ast.Call) -> bool:
        name = _name(node.func)
        if name == "add":
            return _receiver(node) == "errors"
        return True


def _own_code(cls: ast.ClassDef) -> str | None:
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and _name(stmt.targets[0]) == "code" and isinstance(stmt.value, ast.Constant):
            return str(stmt.value.value)
    return None


def _receiver(node: ast.Call) -> str | None:
    return _name(node.func.value) if isinstance(node.func, ast.Attribute) else None


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _files() -> Iterator[Path]:
    yield from sorted(SOURCE.rglob("*.py"))


def scan() -> Scan:
    """Every client-visible message in chalicelib, with where it is written."""
    trees = {str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8")) for p in _files()}
    collector = _Collector(trees)
    for path, tree in trees.items():
        collector.visit(path, tree)
    return collector.scan
