"""Shared fixtures. Tests that need ../shared (real boundaries, front lines, the dev corpus)
use the ``shared_dir`` fixture and skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"{SHARED} is absent: tests on the real data are skipped")
    return SHARED


@pytest.fixture(scope="session")
def gazetteer():
    from frontmap import Gazetteer

    return Gazetteer.load()
