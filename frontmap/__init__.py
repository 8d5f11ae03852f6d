"""frontmap: turn war reporting into maps.

The pipeline, one module per stage::

    articles  -> read reports (txt, html, jsonl, stdin) into Article records
    geoparse  -> find and resolve place mentions with a Gazetteer
    claims    -> extract claimed changes of territory
    regions   -> join claims to administrative regions, summarise, build GeoDataFrames
    render    -> folium maps; export -> GeoPackage, GeoParquet, GeoJSON, CSV, GeoTIFF

Heavy libraries (geopandas, folium, rasterio) are imported only by the functions
that need them, so ``import frontmap`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public names, resolved lazily from their modules on first use.
_EXPORTS: dict[str, str] = {
    "Gazetteer": "frontmap.gazetteer",
    "Article": "frontmap.records",
    "Place": "frontmap.records",
    "Mention": "frontmap.records",
    "Claim": "frontmap.records",
    "Extraction": "frontmap.records",
    "FrontmapError": "frontmap.errors",
    "InputError": "frontmap.errors",
    "GazetteerError": "frontmap.errors",
    "SourceError": "frontmap.errors",
}

if TYPE_CHECKING:  # pragma: no cover
    from frontmap.errors import FrontmapError, GazetteerError, InputError, SourceError
    from frontmap.gazetteer import Gazetteer
    from frontmap.records import Article, Claim, Extraction, Mention, Place

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'frontmap' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
