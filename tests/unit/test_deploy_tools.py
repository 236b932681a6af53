"""What `make deploy` runs besides CloudFormation: the PWA upload's headers and order, the first admin's password."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from infra import cache, publish, seed


def test_the_shell_entries_are_revalidated_and_uploaded_after_the_files_they_name(tmp_path: Path) -> None:
    from infra.assets import build

    build(tmp_path)
    order = publish.upload_order(tmp_path)
    assert order[-1] == "sw.js"
    first_entry = min(order.index(k) for k in order if cache.never_stale(k))
    assert all(not cache.never_stale(k) for k in order[:first_entry])
    for key in ("sw.js", "index.html", "console/index.html", "manifest.webmanifest", "i18n/de/common.json"):
        assert cache.cache_control(key) == "no-cache", key
    assert cache.cache_control("js/app.js") == cache.REVALIDATE
    assert cache.cache_control("js/app.0123abcd.js") == cache.IMMUTABLE
    assert publish.content_type("js/app.js") == "text/javascript; charset=utf-8"
    assert publish.content_type("icons/icon-192.png") == "image/png"


def test_the_first_admin_password_goes_only_to_a_private_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[dict[str, Any]] = []

    def bootstrap(town: Path, **kwargs: Any) -> dict[str, Any]:
        calls.append(kwargs)
        return {"town": "Stadt Willich", "admin_user": "admin", "admin_password": "once-Only-7", "demo": {}}

    monkeypatch.setattr("infra.local.stack.bootstrap", bootstrap)
    target = tmp_path / "first-admin.txt"
    assert seed.main(["towns/willich.toml", "--password-file", str(target)]) == 0
    assert calls == [{"local": False, "must_change": True}]
    assert "once-Only-7" not in capsys.readouterr().out
    assert target.read_text().strip() == "once-Only-7"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
