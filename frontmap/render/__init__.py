"""Maps of the claims: folium pages per date, a timeline, offline pages, PNGs for print.

``render_map`` and ``render_timeline`` return a ``folium.Map`` (Jupyter shows it inline);
``save_maps`` writes a folder of pages; ``map_events`` does that from an events GeoPackage.
folium, geopandas and matplotlib are imported only when a function needs them.

>>> from frontmap.render import render_map  # doctest: +SKIP
>>> render_map(claims, date="2023-06-12", offline=True)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "render_map": "frontmap.render.maps",
    "render_timeline": "frontmap.render.maps",
    "page_html": "frontmap.render.maps",
    "save_maps": "frontmap.render.pages",
    "map_events": "frontmap.render.pages",
    "render_png": "frontmap.render.static",
    "contested_overlay": "frontmap.render.checks",
    "contested_image": "frontmap.render.checks",
    "check_layer": "frontmap.render.checks",
}

if TYPE_CHECKING:  # pragma: no cover
    from frontmap.render.maps import page_html, render_map, render_timeline
    from frontmap.render.pages import map_events, save_maps
    from frontmap.render.checks import check_layer, contested_image, contested_overlay
    from frontmap.render.static import render_png

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'frontmap.render' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
