"""Regions: boundary frames, joins of claims to administrative units, summaries.

Names are resolved lazily from their modules on first use, so importing
``frontmap.regions`` does not pull in geopandas.
"""

from __future__ import annotations

import importlib
from typing import Any

# Public name -> module that defines it.
_EXPORTS: dict[str, str] = {
    "load_boundaries": "frontmap.regions.boundaries",
    "shipped_boundaries": "frontmap.regions.boundaries",
    "to_geodataframes": "frontmap.regions.join",
    "merge_repeated": "frontmap.regions.join",
    "assign_events": "frontmap.regions.join",
    "active_boundaries": "frontmap.regions.join",
    "region_summary": "frontmap.regions.summary",
    "illustrative_footprints": "frontmap.regions.footprints",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'frontmap.regions' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
