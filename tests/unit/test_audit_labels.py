"""Every audit action the code records, and every detail it stores, has a label in German and English,
so the console's audit log says in words what changed instead of showing raw keys."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from chalicelib.booking.rules.lifecycle import TRANSITIONS
from chalicelib.documents.rules.orders import TRANSITIONS as ORDER_TRANSITIONS

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("de", "en")
# Actions built at run time, with the values they can take.
DYNAMIC_ACTIONS = {
    "booking.{action}": [f"booking.{a}" for a in TRANSITIONS],
    "documents.{action}": [f"documents.{a}" for a in ORDER_TRANSITIONS],
}
# Details passed on as a dict (**changes), with the keys that dict can hold.
DYNAMIC_DETAILS = {"user.update": ["display_name", "roles", "disabled"]}


def _action(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        shape = "".join(
            str(part.value) if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
            for part in node.values
            if isinstance(part, ast.Constant | ast.FormattedValue)
        )
        assert shape in DYNAMIC_ACTIONS, f"an audit action built at run time is not known to this test: {shape}"
        return DYNAMIC_ACTIONS[shape]
    raise AssertionError(f"an audit action that is neither a text nor a known pattern: {ast.unparse(node)}")


def recorded() -> dict[str, set[str]]:
    """Action -> detail keys, from every audit.record(...) call in chalicelib."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "chalicelib").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func) in ("audit.record", "record")):
                continue
            if path.name == "audit.py" or len(node.args) < 2:
                continue
            for action in _action(node.args[1]):
                keys = found.setdefault(action, set())
                keys.update(k.arg for k in node.keywords if k.arg)
                if any(k.arg is None for k in node.keywords):
                    keys.update(DYNAMIC_DETAILS[action])
    return found


def messages(lang: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((ROOT / "pwa" / "i18n" / lang / "console-admin.json").read_text(encoding="utf-8"))
    return data


def test_the_scan_finds_the_audit_actions() -> None:
    actions = recorded()
    assert {"survey.raffle_draw", "survey.update", "survey.end", "job.run", "booking.check_in"} <= set(actions)
    assert "questions_changed" in actions["survey.update"]


def test_every_audit_action_has_a_label_in_both_languages() -> None:
    for lang in LANGUAGES:
        missing = sorted(a for a in recorded() if f"audit.action.{a}" not in messages(lang))
        assert missing == [], f"audit actions without a label in {lang}.json: {missing}"


def test_every_audit_detail_is_said_in_words_in_both_languages() -> None:
    for lang in LANGUAGES:
        keys = messages(lang)
        missing = sorted(
            f"{action}: {detail}"
            for action, details in recorded().items()
            for detail in details
            if f"audit.detail.{detail}" not in keys
            and not {f"audit.detail.{detail}.true", f"audit.detail.{detail}.false"} <= set(keys)
        )
        assert missing == [], f"audit details without words in {lang}.json: {missing}"
