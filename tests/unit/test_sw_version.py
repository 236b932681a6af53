"""The service worker's cache version changes whenever a precached shell file changes."""

from __future__ import annotations

import datetime

from infra.sw_version import PWA, SW, next_version, recorded, shell_files, shell_hash


def test_every_precached_file_exists() -> None:
    files = shell_files(SW.read_text(encoding="utf-8"))
    assert PWA / "index.html" in files and PWA / "offline.html" in files
    assert [f for f in files if not f.is_file()] == []


def test_the_recorded_hash_matches_the_precached_files() -> None:
    # Given sw.js as committed, when its shell files are hashed, then the hash beside VERSION is theirs
    source = SW.read_text(encoding="utf-8")
    _, hashed = recorded(source)
    assert hashed == shell_hash(source), (
        "a precached shell file changed but the service worker's VERSION did not: run `make sw-version`"
    )


def test_another_list_of_files_gives_another_hash() -> None:
    source = SW.read_text(encoding="utf-8")
    shorter = source.replace("  '/js/town.js',\n", "")
    assert shorter != source and shell_hash(shorter) != shell_hash(source)


def test_the_next_version_counts_up_within_a_day_and_restarts_on_the_next() -> None:
    day = datetime.date(2026, 12, 31)
    assert next_version("2026-12-31.4", day) == "2026-12-31.5"
    assert next_version("2026-11-21.14", day) == "2026-12-31.1"
