"""Interactive maps: one date (or all) on a folium map, and a timeline with a date slider.

Layers of a map, bottom to top: the basemap (tiles resolved through xyzservices, or offline the
shipped outlines), the front line when given, a choropleth of claimed km² per first-level unit
for each side, the mentions (off by default) and a marker per claim. Leaflet and the cluster
plugin are always inlined from their registry packages, so a page draws its data even when
tiles or a CDN cannot be reached; ``offline=True`` also drops the tiles.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from frontmap.errors import InputError

from . import _assets
from ._data import (
    CLAIM_FIELDS,
    claim_days,
    claim_popup,
    claim_tooltip,
    day_of,
    from_input,
    mention_popup,
    missing,
    records,
    region_label,
    region_popup,
    select,
)
from ._style import (
    KIND_LABELS,
    MARKER_COLOURS,
    SIDE_COLOURS,
    SIDE_LABELS,
    class_labels,
    km2_colour,
    marker_svg,
    side_key,
)

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

# CARTO tiles now need an API key; OpenStreetMap's standard tiles do not.
DEFAULT_TILES = "OpenStreetMap.Mapnik"
DEFAULT_TITLE = "Claimed territorial changes"
#: Above this many markers on one layer, markers are clustered.
CLUSTER_THRESHOLD = 150
#: Used when there is nothing to fit the view to: Ukraine and its neighbourhood.
THEATRE_BOUNDS = [[44.0, 22.0], [52.5, 40.3]]
#: The view is fitted to the points inside this box (the theatre with Russia's border regions) when there
#: are any, so that one claim placed far away (a country's centre, a capital) does not zoom the map out.
FIT_BOX = (43.0, 20.0, 56.5, 42.5)
#: The smallest view (degrees of latitude, longitude): about 200 km, enough to see where a place lies.
MIN_VIEW_DEG = (1.8, 2.6)
OUTLINES_ATTRIBUTION = "Outlines: Natural Earth (public domain)"


def units_attribution(boundaries: gpd.GeoDataFrame | None) -> str | None:
    """Plain-text credit of the first-level units drawn (no links: offline pages fetch nothing).

    >>> units_attribution(None) is None
    True
    """
    if boundaries is None or not len(boundaries):
        return None
    approximate = "approximate" in boundaries.columns and bool(boundaries["approximate"].fillna(False).all())
    if approximate:
        return "Units: frontmap approximate boundaries (from GeoNames, CC BY 4.0, and KATOTTG)"
    return "Units: boundary file as given"


PAGE_CSS = """
html, body { margin: 0; padding: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.folium-map { background: #f4f1ec; }  /* land: the offline outlines are cut to a box, beyond it is land */
.fm-title { position: absolute; top: 8px; left: 50%; transform: translateX(-50%); z-index: 1000;
  background: rgba(255,255,255,0.92); padding: 4px 14px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  text-align: center; pointer-events: none; max-width: 76%; }
.fm-title h1 { font-size: 17px; margin: 2px 0; }
.fm-title p { font-size: 12px; margin: 2px 0; color: #333; }
.fm-legend { background: rgba(255,255,255,0.94); padding: 6px 9px; border-radius: 4px; font-size: 11px;
  line-height: 1.35; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 260px; }
.fm-legend h4 { margin: 4px 0 2px; font-size: 12px; }
.fm-legend .fm-swatch { display: inline-block; width: 16px; height: 11px; margin-right: 4px;
  border: 1px solid #777; vertical-align: middle; }
.fm-legend .fm-scale { display: grid; grid-template-columns: auto auto; column-gap: 8px; }
.fm-legend svg { vertical-align: middle; margin-right: 3px; }
.fm-legend .fm-note { color: #444; margin-top: 4px; }
.fm-claim, .fm-mention { background: none; border: none; }
.fm-claim svg, .fm-mention svg { display: block; overflow: visible; }
.fm-popup blockquote { margin: 0 0 6px; padding-left: 8px; border-left: 3px solid #999; font-style: italic; }
.fm-popup.fm-hedged blockquote { border-left-style: dashed; }
.fm-facts { border-collapse: collapse; font-size: 12px; }
.fm-facts th { text-align: left; padding: 1px 8px 1px 0; color: #555; font-weight: 600; vertical-align: top; }
.fm-facts td { padding: 1px 0; }
.fm-cluster div { width: 30px; height: 30px; margin: 3px; border-radius: 15px; background: rgba(37,37,37,0.78);
  color: #fff; text-align: center; line-height: 30px; font: 12px/30px system-ui, sans-serif; }
.fm-cluster { background: rgba(150,150,150,0.45); border-radius: 18px; }
.fm-slider { background: rgba(255,255,255,0.95); padding: 6px 10px; border-radius: 4px; font-size: 13px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.fm-slider input[type=range] { width: 260px; vertical-align: middle; }
.fm-slider button { font-size: 13px; }
"""


# --------------------------------------------------------------------------- inputs


def _day_arg(date: Any) -> str | None:
    if date is None:
        return None
    day = day_of(date)
    if day is None:
        raise InputError(f"cannot read the date {date!r}; give it as YYYY-MM-DD or a datetime.date")
    return day


def _summary_for(
    claims: gpd.GeoDataFrame, regions: gpd.GeoDataFrame | None, boundaries: gpd.GeoDataFrame | None
) -> gpd.GeoDataFrame | None:
    """The (date, region, gainer) summary: the one passed in, else frontmap.regions.region_summary."""
    if regions is not None:
        return regions
    if not len(claims):
        return None
    import warnings

    from frontmap.errors import FrontmapError, FrontmapWarning

    try:
        from frontmap.regions import region_summary

        with warnings.catch_warnings():
            # Undated claims or claims outside every region are normal here; the map says how many.
            warnings.simplefilter("ignore", FrontmapWarning)
            return region_summary(claims, level="admin1", boundaries=boundaries, freq="D")
    except (ImportError, FrontmapError) as err:
        warnings.warn(
            f"no choropleth: the region summary could not be computed: {err}", FrontmapWarning, stacklevel=3
        )
        return None


def _default_boundaries() -> gpd.GeoDataFrame | None:
    """The shipped first-level units, or None (with a warning) when they cannot be loaded."""
    import warnings

    from frontmap.errors import FrontmapError, FrontmapWarning

    try:
        from frontmap.regions import shipped_boundaries

        return shipped_boundaries("admin1")
    except (ImportError, FrontmapError) as err:
        warnings.warn(f"no first-level units for the basemap: {err}", FrontmapWarning, stacklevel=3)
        return None


#: Basemap styles of the shipped outline features, by their ``kind`` property.
OUTLINE_STYLES: dict[str, dict[str, Any]] = {
    "country": {"fillColor": "#f4f1ec", "fillOpacity": 1.0, "color": "#9a9a9a", "weight": 0.8},
    "sea": {"fillColor": "#d5e4ec", "fillOpacity": 1.0, "stroke": False},
    "coastline": {"color": "#6f8fa0", "weight": 0.9, "fill": False},
}


def _shipped_outlines() -> dict[str, Any] | None:
    """The shipped outline layer (country borders, seas, coasts) with a style per feature, when it exists."""
    try:
        path = resources.files("frontmap") / "gazetteer" / "data" / "outlines.geojson"
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, json.JSONDecodeError):
        return None
    features = []
    for feature in data.get("features", []):
        kind = (feature.get("properties") or {}).get("kind", "country")
        features.append(
            {
                "type": "Feature",
                "geometry": feature.get("geometry"),
                "properties": {"style": OUTLINE_STYLES.get(kind, OUTLINE_STYLES["country"]), "kind": kind},
            }
        )
    return _collection(features)


# --------------------------------------------------------------------------- geometry helpers


def _display_geometry(geom: Any, tolerance: float) -> dict[str, Any] | None:
    """GeoJSON geometry simplified for the screen, coordinates on a 1e-5° grid (about 1 m)."""
    import shapely
    from shapely.geometry import mapping

    if geom is None or geom.is_empty:
        return None
    simple = shapely.set_precision(geom.simplify(tolerance, preserve_topology=True), 1e-5)
    if simple.is_empty:
        simple = geom
    return mapping(simple)


def _collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def _fit_bounds(points: Sequence[tuple[float, float]], frames: Sequence[Any]) -> list[list[float]]:
    """[[south, west], [north, east]] around the data, at least MIN_VIEW_DEG across (so a lone place shows
    its surroundings)."""
    s_, w_, n_, e_ = FIT_BOX
    inside = [p for p in points if s_ <= p[0] <= n_ and w_ <= p[1] <= e_]
    points = inside or list(points)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    for frame in frames:
        if frame is not None and len(frame):
            minx, miny, maxx, maxy = frame.total_bounds
            if not any(math.isnan(v) for v in (minx, miny, maxx, maxy)):  # NaN when every geometry is empty
                lats += [miny, maxy]
                lons += [minx, maxx]
    if not lats:
        return [list(THEATRE_BOUNDS[0]), list(THEATRE_BOUNDS[1])]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad_lat = max(0.0, MIN_VIEW_DEG[0] - (north - south)) / 2
    pad_lon = max(0.0, MIN_VIEW_DEG[1] - (east - west)) / 2
    return [
        [round(south - pad_lat, 5), round(west - pad_lon, 5)],
        [round(north + pad_lat, 5), round(east + pad_lon, 5)],
    ]


# --------------------------------------------------------------------------- map and assets


def _new_map(*, tiles: str | None, offline: bool) -> folium.Map:
    import folium

    # An explicit maxZoom: without a tile layer Leaflet has none, and the cluster plugin refuses to run.
    # (folium's own min_zoom/max_zoom only reach a tile layer, hence the Leaflet option names.)
    m = folium.Map(location=[48.5, 32.0], zoom_start=6, tiles=None, control_scale=True, minZoom=3, maxZoom=18)
    if not offline and tiles:
        folium.TileLayer(_tile_provider(tiles), name=f"Basemap: {tiles}", overlay=False, control=True).add_to(
            m
        )
    return m


def _tile_provider(tiles: str) -> Any:
    import xyzservices.providers as xyz

    try:
        return xyz.query_name(tiles)
    except ValueError as err:
        raise InputError(
            f"unknown tile provider {tiles!r}; use a name xyzservices knows, such as 'OpenStreetMap.Mapnik' "
            "or 'OpenStreetMap Mapnik', or offline=True (--offline) for the outline basemap"
        ) from err


def _install_assets(m: folium.Map, *, offline: bool, own_map: bool) -> None:
    """Inline Leaflet, the cluster plugin and frontmap's CSS; drop folium's CDN defaults.

    folium's defaults (jQuery, Bootstrap, Font Awesome, awesome-markers) serve its own icon
    markers, which frontmap does not use. A map passed in by the caller keeps them unless the
    page must be offline, where nothing may come from a CDN.
    """
    from ._elements import Raw, RawMacro

    if own_map or offline:
        m.default_js = []
        m.default_css = []
    figure = m.get_root()
    header = (
        f"<style>{_assets.leaflet_css()}</style>\n"
        f"<style>{_assets.markercluster_css()}</style>\n"
        f"<style>{PAGE_CSS}</style>\n"
        f"<script>{_assets.leaflet_js()}</script>\n"
        f"<script>{_assets.markercluster_js()}</script>\n"
    )
    # Keyed so that drawing several layers onto one map inlines the libraries once.
    figure.header.add_child(Raw(header), name="frontmap_assets")
    if offline:
        RawMacro(
            "frontmap_offline_prefix",
            script=f"{m.get_name()}.attributionControl.setPrefix('Leaflet');\n",
        ).add_to(m)


def _fit_first(m: folium.Map) -> Any:
    """A placeholder for the view, placed before the layers so that they are first drawn at the final zoom.

    An animated zoom after the layers exist would leave the cluster plugin's fading icons behind
    for a moment; setting the view first and without animation avoids the extra work.
    """
    from ._elements import RawMacro

    return RawMacro(f"frontmap_fit_{m.get_name()}").add_to(m)


def _fit_js(m: folium.Map, bounds: list[list[float]]) -> str:
    from ._elements import js_json

    return f"{m.get_name()}.fitBounds({js_json(bounds)}, {{animate: false}});\n"


def _title(m: folium.Map, heading: str, subtitle: str) -> None:
    from ._elements import RawMacro

    m.get_root().title = html.escape(heading)
    block = f'<div class="fm-title"><h1>{html.escape(heading)}</h1><p>{html.escape(subtitle)}</p></div>'
    RawMacro("frontmap_title", html=block).add_to(m)


def _legend(
    m: folium.Map,
    *,
    sides: Iterable[str],
    kinds: Iterable[str],
    hedged: bool,
    frontline: str | None,
    extra: Sequence[str] = (),
) -> None:
    from ._elements import RawMacro, control_js

    parts: list[str] = []
    labels = class_labels()
    for side in sides:
        cells = "".join(
            f'<span><i class="fm-swatch" style="background:{c}"></i>{html.escape(label)}</span>'
            for c, label in zip(SIDE_COLOURS[side], labels, strict=True)
        )
        parts.append(
            f'<h4>Claimed by {SIDE_LABELS[side]} (km² per region)</h4><div class="fm-scale">{cells}</div>'
        )
    kinds = list(kinds)
    if kinds:
        rows = "".join(
            f"<div>{marker_svg(k, '', False, 14)}{html.escape(KIND_LABELS.get(k, k))}</div>" for k in kinds
        )
        parts.append(f"<h4>Claims (colour: side)</h4>{rows}")
        sides_key = "".join(
            f'<div><i class="fm-swatch" style="background:{MARKER_COLOURS[s]}"></i>{SIDE_LABELS[s]}</div>'
            for s in ("UA", "RU")
        )
        parts.append(sides_key)
    if hedged:
        parts.append(f"<div>{marker_svg('share', '', True, 14)}hollow, dashed: unverified (hedged)</div>")
    if frontline:
        parts.append(
            '<div><i class="fm-swatch" style="background:#c2a5cf;border-color:#7b3294"></i>'
            f"occupied area as of {html.escape(frontline)}</div>"
        )
    parts.extend(extra)  # fixed, already escaped blocks (verdicts, contested ground)
    parts.append('<div class="fm-note">Claims as reported, not verified facts.</div>')
    RawMacro(
        "frontmap_legend",
        script=control_js(m.get_name(), "fm-legend", "bottomright", "fm-legend", "".join(parts)),
    ).add_to(m)


# --------------------------------------------------------------------------- layers


def _icon_key(kind: str, side: str, hedged: bool) -> str:
    return f"{kind}-{side or 'x'}-{'h' if hedged else 'v'}"


def _country_places(mentions: gpd.GeoDataFrame | None) -> set[tuple[Any, Any]]:
    """(doc, place name) of mentions that resolved to a whole country: no point to put a marker on."""
    if mentions is None or not len(mentions) or not {"doc", "name"} <= set(mentions.columns):
        return set()
    kinds = mentions["kind"].tolist() if "kind" in mentions.columns else [None] * len(mentions)
    precisions = mentions["precision"].tolist() if "precision" in mentions.columns else [None] * len(mentions)
    return {
        (doc, name)
        for doc, name, kind, precision in zip(
            mentions["doc"], mentions["name"], kinds, precisions, strict=True
        )
        if kind == "country" or precision == "country"
    }


def _claim_rows(
    claims: gpd.GeoDataFrame,
    days: Sequence[str | None],
    skip: set[tuple[Any, Any]] = frozenset(),  # type: ignore[assignment]
) -> tuple[list[list[Any]], dict[str, tuple[str, str]], list[tuple[float, float]]]:
    """Marker rows, the icons they use, and their points (claims without a point are left out)."""
    rows: list[list[Any]] = []
    icons: dict[str, tuple[str, str]] = {}
    points: list[tuple[float, float]] = []
    geoms = claims.geometry.tolist()
    for rec, geom, day in zip(records(claims, CLAIM_FIELDS), geoms, days, strict=True):
        if geom is None or geom.is_empty or (rec.get("doc"), rec.get("place")) in skip:
            continue
        point = geom if geom.geom_type == "Point" else geom.representative_point()
        kind = str(rec.get("kind"))
        side = side_key(rec.get("gainer"))
        hedged = bool(rec.get("hedged")) if not missing(rec.get("hedged")) else False
        key = _icon_key(kind, side, hedged)
        if key not in icons:
            css = f"fm-claim fm-kind-{kind} fm-side-{side or 'unknown'}" + (" fm-hedged" if hedged else "")
            icons[key] = (marker_svg(kind, side, hedged), css)
        lat, lon = round(point.y, 6), round(point.x, 6)
        rows.append([lat, lon, key, claim_popup(rec, day), claim_tooltip(rec, day)])
        points.append((lat, lon))
    _fan_out(rows)
    return rows, icons, points


def _fan_out(rows: list[list[Any]], radius_px: int = 13) -> None:
    """Give markers that share a point a pixel offset on a small ring, so that none hides another.

    The marker stays at its true coordinates (only the icon moves), at every zoom level.
    """
    groups: dict[tuple[float, float], list[list[Any]]] = {}
    for row in rows:
        groups.setdefault((row[0], row[1]), []).append(row)
    for group in groups.values():
        n = len(group)
        if n < 2:
            continue
        ring = radius_px + 3 * max(0, n - 6)
        for k, row in enumerate(group):
            angle = 2 * math.pi * k / n - math.pi / 2
            row.append([round(ring * math.cos(angle)), round(ring * math.sin(angle))])


def _claim_layer(
    claims: gpd.GeoDataFrame,
    days: Sequence[str | None],
    *,
    name: str,
    show: bool,
    control: bool,
    cluster: bool | None,
    skip: set[tuple[Any, Any]] = frozenset(),  # type: ignore[assignment]
) -> tuple[Any, list[tuple[float, float]], set[str]]:
    from ._elements import PointLayer

    rows, icons, points = _claim_rows(claims, days, skip)
    use_cluster = len(rows) > CLUSTER_THRESHOLD if cluster is None else cluster
    layer = PointLayer(rows, icons, name=name, show=show, control=control, cluster=use_cluster)
    kinds = {k.split("-")[0] for k in icons}
    return layer, points, kinds


def _region_rows(regions: gpd.GeoDataFrame | None, day: str | None, side: str) -> gpd.GeoDataFrame | None:
    """Summary rows of one side (and day) with claimed km² > 0 and a polygon."""
    if regions is None or not len(regions):
        return None
    frame = regions
    if "gainer" in frame.columns:
        frame = frame[frame["gainer"] == side]
    if day is not None and "date" in frame.columns:
        frame = select(frame, [day_of(v) == day for v in frame["date"].tolist()])
    if "claimed_km2" in frame.columns:
        frame = frame[frame["claimed_km2"].fillna(0) > 0]
    frame = frame[~(frame.geometry.isna() | frame.geometry.is_empty)]
    return frame if len(frame) else None


def _aggregate_days(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """One entry per region when a map covers several days: km² and counts summed over the days."""
    merged: dict[str, dict[str, Any]] = {}
    for rec, geom in zip(records(frame), frame.geometry.tolist(), strict=True):
        key = region_label(rec)
        if key not in merged:
            merged[key] = dict(rec, geometry=geom)
            continue
        acc = merged[key]
        for col in ("claimed_km2", "settlements_claimed", "captures", "n_claims", "n_sources"):
            if not missing(rec.get(col)):
                acc[col] = (0 if missing(acc.get(col)) else acc[col]) + rec[col]
        if not missing(rec.get("km_advanced")):
            acc["km_advanced"] = max(float(rec["km_advanced"]), float(acc.get("km_advanced") or 0))
        if not missing(acc.get("area_km2")) and float(acc["area_km2"]) > 0:
            acc["claimed_share"] = float(acc["claimed_km2"]) / float(acc["area_km2"])
    return [merged[k] for k in sorted(merged)]


def _choropleth_layer(
    regions: gpd.GeoDataFrame | None,
    day: str | None,
    side: str,
    *,
    several_days: bool,
    name: str,
    show: bool,
    control: bool,
) -> tuple[Any | None, Any]:
    from ._elements import GeoJsonLayer

    frame = _region_rows(regions, day, side)
    if frame is None:
        return None, None
    entries = (
        _aggregate_days(frame)
        if several_days
        else [dict(r, geometry=g) for r, g in zip(records(frame), frame.geometry.tolist(), strict=True)]
    )
    features = []
    for rec in entries:
        geometry = _display_geometry(rec["geometry"], 0.002)
        if geometry is None:
            continue
        km2 = float(rec.get("claimed_km2") or 0.0)
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "style": {"fillColor": km2_colour(side, km2)},
                    "tooltip": f"{html.escape(region_label(rec))}: {km2:,.1f} km² claimed by {SIDE_LABELS[side]}",
                    "popup": region_popup(rec, side),
                },
            }
        )
    if not features:
        return None, None
    style = {
        "color": MARKER_COLOURS[side],
        "weight": 1.2,
        "opacity": 0.9,
        "fillOpacity": 0.62,
        "className": f"fm-choropleth fm-choropleth-{side}",
    }
    return GeoJsonLayer(_collection(features), name=name, style=style, show=show, control=control), frame


def _basemap_layer(boundaries: gpd.GeoDataFrame | None) -> list[Any]:
    from ._elements import GeoJsonLayer

    layers = []
    outlines = _shipped_outlines()
    credits = " · ".join(
        c for c in (OUTLINES_ATTRIBUTION if outlines else None, units_attribution(boundaries)) if c
    )
    if outlines is not None:
        layers.append(
            GeoJsonLayer(
                outlines,
                name="Outlines",
                style={"className": "fm-basemap fm-outlines"},
                control=False,
                interactive=False,
                attribution=credits or None,
            )
        )
    if boundaries is not None and len(boundaries):
        features = []
        for geom in boundaries.geometry.tolist():
            geometry = _display_geometry(geom, 0.005)
            if geometry is not None:
                features.append({"type": "Feature", "geometry": geometry, "properties": {}})
        layers.append(
            GeoJsonLayer(
                _collection(features),
                name="First-level units",
                style={
                    "color": "#7a7a7a",
                    "weight": 0.8,
                    "fillColor": "#f4f1ec",
                    "fillOpacity": 0.0 if outlines is not None else 1.0,
                    "className": "fm-basemap fm-units",
                },
                control=False,
                interactive=False,
                attribution=None if outlines is not None else credits or None,
            )
        )
    return layers


def _is_snapshots(frontline: Any) -> bool:
    """True for :class:`frontmap.frontline.Snapshots` (what a folder of snapshot files loads into).

    Only dated snapshots are checked against by default; a frame or geometry is drawn, and
    its checks can be passed as ``checks=`` (from :func:`frontmap.frontline.check_claims`).
    """
    return hasattr(frontline, "latest_on_or_before") and hasattr(frontline, "first_on_or_after")


def _snapshots_once(frontline: Any) -> Any:
    """A folder or file of snapshots loaded once for the whole map (each date would load it again)."""
    if isinstance(frontline, (str, os.PathLike)):
        from frontmap.frontline import load_snapshots

        return load_snapshots(frontline)
    return frontline


def _frontline_for(frontline: Any, day: str | None) -> tuple[Any | None, str | None]:
    """The snapshot to draw for ``day`` and its 'as of' date.

    ``frontline`` is a :class:`frontmap.frontline.Snapshots` or a folder of snapshot files (the
    latest snapshot on or before the day is drawn), a GeoDataFrame (with a date column ``as_of``,
    ``snapshot_date`` or ``date``: likewise), a shapely geometry, or a ``(geometry_or_frame, as_of)`` pair.
    """
    if frontline is None:
        return None, None
    if isinstance(frontline, (str, os.PathLike)):
        from frontmap.frontline import load_snapshots

        frontline = load_snapshots(frontline)
    if hasattr(frontline, "latest_on_or_before"):  # frontmap.frontline.Snapshots
        items = getattr(frontline, "items", ())
        snap = frontline.latest_on_or_before(day) if day is not None else (items[-1] if items else None)
        return (snap.geometry, snap.date.isoformat()) if snap is not None else (None, None)
    as_of: str | None = None
    if isinstance(frontline, tuple) and len(frontline) == 2:
        frontline, as_of = frontline[0], day_of(frontline[1])
    if hasattr(frontline, "geometry") and hasattr(frontline, "columns"):
        frame = frontline
        if "status" in frame.columns:
            frame = frame[frame["status"].fillna("occupied") == "occupied"]
        col = next((c for c in ("as_of", "snapshot_date", "date") if c in frame.columns), None)
        if col is not None:
            dates = [day_of(v) for v in frame[col].tolist()]
            eligible = sorted({d for d in dates if d and (day is None or d <= day)})
            if not eligible:
                return None, None
            as_of = eligible[-1]
            frame = select(frame, [d == as_of for d in dates])
        geoms = [g for g in frame.geometry.tolist() if g is not None and not g.is_empty]
        if not geoms:
            return None, None
        import shapely

        return shapely.union_all(geoms), as_of
    return frontline, as_of


def _frontline_layer(geom: Any, as_of: str | None, *, show: bool = True, control: bool = True) -> Any | None:
    from ._elements import GeoJsonLayer

    geometry = _display_geometry(geom, 0.002)
    if geometry is None:
        return None
    label = f"Occupied area as of {as_of}" if as_of else "Occupied area"
    feature = {"type": "Feature", "geometry": geometry, "properties": {"tooltip": html.escape(label)}}
    style = {
        "color": "#7b3294",
        "weight": 1.0,
        "fillColor": "#c2a5cf",
        "fillOpacity": 0.35,
        "dashArray": "4 3",
        "className": "fm-frontline",
    }
    return GeoJsonLayer(_collection([feature]), name=label, style=style, show=show, control=control)


def _mention_layer(mentions: gpd.GeoDataFrame | None, claims: gpd.GeoDataFrame) -> Any | None:
    """Places named without a claim, from the reports on this map; hidden until switched on."""
    from ._elements import PointLayer

    if mentions is None or not len(mentions):
        return None
    docs = set(claims["doc"].tolist()) if "doc" in claims.columns else None
    claimed = (
        set(zip(claims["doc"].tolist(), claims["place"].tolist(), strict=True))
        if {"doc", "place"} <= set(claims.columns)
        else set()
    )
    svg = '<svg width="10" height="10" viewBox="0 0 10 10"><circle cx="5" cy="5" r="3.5" fill="#737373" stroke="#fff" stroke-width="1"/></svg>'
    rows = []
    for rec, geom in zip(records(mentions), mentions.geometry.tolist(), strict=True):
        if geom is None or geom.is_empty or rec.get("role") == "actor":
            continue
        if docs is not None and rec.get("doc") not in docs:
            continue
        if (rec.get("doc"), rec.get("name")) in claimed:
            continue
        tooltip = html.escape(str(rec.get("name") or rec.get("surface") or "place"))
        rows.append([round(geom.y, 6), round(geom.x, 6), "m", mention_popup(rec), tooltip])
    if not rows:
        return None
    return PointLayer(
        rows,
        {"m": (svg, "fm-mention")},
        name="Places named without a claim",
        show=False,
        cluster=len(rows) > CLUSTER_THRESHOLD,
        icon_size=10,
    )


def _side_totals(claims: gpd.GeoDataFrame) -> dict[str, float]:
    totals = {"UA": 0.0, "RU": 0.0}
    if "value_km2" not in claims.columns:
        return totals
    for gainer, km2 in zip(claims["gainer"].tolist(), claims["value_km2"].tolist(), strict=True):
        side = side_key(gainer)
        if side and not missing(km2):
            totals[side] += float(km2)
    return totals


def _subtitle(claims: gpd.GeoDataFrame, n_markers: int) -> str:
    totals = _side_totals(claims)
    counts = {s: int((claims["gainer"] == s).sum()) for s in ("UA", "RU")}
    text = (
        f"{len(claims)} claims · Ukraine: {counts['UA']} claims, {totals['UA']:,.0f} km² · "
        f"Russia: {counts['RU']} claims, {totals['RU']:,.0f} km²"
    )
    if n_markers < len(claims):
        text += f" · {len(claims) - n_markers} without a place on the map"
    return text


# --------------------------------------------------------------------------- public


def render_map(
    claims_or_extractions: Any,
    *,
    date: str | dt.date | None = None,
    m: folium.Map | None = None,
    tiles: str | None = DEFAULT_TILES,
    offline: bool = False,
    regions: gpd.GeoDataFrame | None = None,
    mentions: gpd.GeoDataFrame | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
    frontline: Any = None,
    title: str = DEFAULT_TITLE,
    cluster: bool | None = None,
    checks: Any = None,
    contested: Any = None,
) -> folium.Map:
    """Draw the claims of one date (or all dates) on a folium map and return it; nothing is saved.

    ``claims_or_extractions`` is the claims GeoDataFrame of ``frontmap.regions.to_geodataframes``
    or a list of :class:`~frontmap.records.Extraction`. ``regions`` is the
    ``region_summary`` frame for the choropleth (computed when omitted and frontmap.regions is
    available); ``boundaries`` the standard boundary frame (offline basemap, summary);
    ``frontline`` an occupied-area snapshot (GeoDataFrame with a date column, a geometry, or a
    ``(geometry, as_of)`` pair). ``offline=True`` draws the basemap from outlines instead of tiles.

    With snapshots as ``frontline`` (a :class:`frontmap.frontline.Snapshots` or a folder of snapshot
    files) the claims are checked against them
    (:func:`frontmap.frontline.check_claims`) and the layer "Checks against the front line" rings
    each checked claim by verdict; ``checks`` passes an already computed checks frame instead
    (matched by ``claim_id``, else by index), ``checks=False`` leaves the layer out.
    ``contested`` (a GeoTIFF of :func:`frontmap.frontline.contested_raster`, or see
    :func:`frontmap.render.checks.contested_overlay`) adds the changes-of-hands overlay, shown.

    >>> m = render_map(claims, date="2023-06-12", offline=True)  # doctest: +SKIP
    >>> m.save("2023-06-12.html")  # doctest: +SKIP
    """
    import folium

    claims, extracted_mentions, _ = from_input(claims_or_extractions, boundaries)
    mentions = mentions if mentions is not None else extracted_mentions
    day = _day_arg(date)
    days = claim_days(claims)
    if day is not None:
        keep = [d == day for d in days]
        claims = select(claims, keep)
        days = [d for d in days if d == day]
    regions = _summary_for(claims, regions, boundaries)
    if offline and boundaries is None:
        boundaries = _default_boundaries()

    own_map = m is None
    if m is None:
        m = _new_map(tiles=tiles, offline=offline)
    _install_assets(m, offline=offline, own_map=own_map)
    fit = _fit_first(m)
    if offline and own_map:
        for layer in _basemap_layer(boundaries):
            layer.add_to(m)

    from . import checks as _checks

    frontline = _snapshots_once(frontline)
    fl_geom, fl_as_of = _frontline_for(frontline, day)
    if fl_geom is not None:
        layer = _frontline_layer(fl_geom, fl_as_of)
        if layer is not None:
            layer.add_to(m)
    extra_legend: list[str] = []
    image = _checks.as_contested_image(contested)
    if image is not None or checks is not False and (checks is not None or _is_snapshots(frontline)):
        _checks.install_css(m)
    if image is not None:
        _checks.contested_overlay(image).add_to(m)
        extra_legend.append(_checks.contested_legend(image))
    if checks is None and _is_snapshots(frontline):
        checks = _checks.compute_checks(claims, frontline, boundaries)

    several_days = day is None
    shown_sides = []
    region_frames = []
    for side in ("UA", "RU"):
        layer, frame = _choropleth_layer(
            regions,
            day,
            side,
            several_days=several_days,
            name=f"Claimed km² by {SIDE_LABELS[side]}",
            show=True,
            control=True,
        )
        if layer is not None:
            layer.add_to(m)
            shown_sides.append(side)
            region_frames.append(frame)

    mention_layer = _mention_layer(mentions, claims)
    if mention_layer is not None:
        mention_layer.add_to(m)
    claim_layer, points, kinds = _claim_layer(
        claims, days, name="Claims", show=True, control=True, cluster=cluster, skip=_country_places(mentions)
    )
    claim_layer.add_to(m)
    check_layer, _ = _checks.check_layer(
        claims, days, _checks.page_checks(claims, checks), skip=_country_places(mentions)
    )
    if check_layer is not None:
        check_layer.add_to(m)
        extra_legend.insert(0, _checks.verdict_legend())

    hedged = "hedged" in claims.columns and bool(claims["hedged"].fillna(False).astype(bool).any())
    _legend(
        m,
        sides=shown_sides or [],
        kinds=[k for k in KIND_LABELS if k in kinds],
        hedged=hedged,
        frontline=fl_as_of if fl_geom is not None else None,
        extra=extra_legend,
    )
    if own_map:
        span = day or _span(days)
        heading = f"{title} — {span}" if span else title
        _title(m, heading, _subtitle(claims, len(points)))
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    fit.script = _fit_js(m, _fit_bounds(points, region_frames or ([] if points else [boundaries])))
    return m


def _span(days: Sequence[str | None]) -> str:
    dated = sorted({d for d in days if d})
    if not dated:
        return ""
    return dated[0] if len(dated) == 1 else f"{dated[0]} to {dated[-1]}"


def render_timeline(
    claims_or_extractions: Any,
    *,
    m: folium.Map | None = None,
    tiles: str | None = DEFAULT_TILES,
    offline: bool = False,
    regions: gpd.GeoDataFrame | None = None,
    mentions: gpd.GeoDataFrame | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
    frontline: Any = None,
    title: str = DEFAULT_TITLE,
    cluster: bool | None = None,
    checks: Any = None,
    contested: Any = None,
) -> folium.Map:
    """All dates on one map with a date slider; each position shows that date's claims and choropleth.

    The slider is a plain ``<input type="range">`` with a few lines of inline JavaScript that swap
    per-date layer groups, so it needs no plugin and works offline. Undated claims are left out.
    ``frontline``, ``checks`` and ``contested`` as for :func:`render_map`: the verdict rings move with
    the slider, the contested-ground overlay (not dated) stays, with a layer control to hide it.

    >>> render_timeline(claims, offline=True).save("timeline.html")  # doctest: +SKIP
    """

    from ._elements import RawMacro, control_js, js_json

    claims, extracted_mentions, _ = from_input(claims_or_extractions, boundaries)
    skip = _country_places(mentions if mentions is not None else extracted_mentions)
    days = claim_days(claims)
    dated = sorted({d for d in days if d})
    regions = _summary_for(claims, regions, boundaries)
    if offline and boundaries is None:
        boundaries = _default_boundaries()
    own_map = m is None
    if m is None:
        m = _new_map(tiles=tiles, offline=offline)
    _install_assets(m, offline=offline, own_map=own_map)
    fit = _fit_first(m)
    if offline and own_map:
        for layer in _basemap_layer(boundaries):
            layer.add_to(m)

    from . import checks as _checks

    frontline = _snapshots_once(frontline)
    extra_legend: list[str] = []
    image = _checks.as_contested_image(contested)
    if image is not None or checks is not False and (checks is not None or _is_snapshots(frontline)):
        _checks.install_css(m)
    if image is not None:
        _checks.contested_overlay(image).add_to(m)
        extra_legend.append(_checks.contested_legend(image))
    if checks is None and _is_snapshots(frontline):
        checks = _checks.compute_checks(select(claims, [d is not None for d in days]), frontline, boundaries)
    any_checks = False

    groups: list[list[str]] = []
    counts: list[int] = []
    all_points: list[tuple[float, float]] = []
    frames = []
    kinds: set[str] = set()
    sides: set[str] = set()
    as_ofs: list[str | None] = []
    for i, day in enumerate(dated):
        names: list[str] = []
        fl_geom, fl_as_of = _frontline_for(frontline, day)
        as_ofs.append(fl_as_of if fl_geom is not None else None)
        if fl_geom is not None:
            layer = _frontline_layer(fl_geom, fl_as_of, show=i == 0, control=False)
            if layer is not None:
                layer.add_to(m)
                names.append(layer.get_name())
        for side in ("UA", "RU"):
            layer, frame = _choropleth_layer(
                regions, day, side, several_days=False, name=f"{day} {side}", show=i == 0, control=False
            )
            if layer is not None:
                layer.add_to(m)
                names.append(layer.get_name())
                frames.append(frame)
                sides.add(side)
        keep = [d == day for d in days]
        day_claims = select(claims, keep)
        layer, points, day_kinds = _claim_layer(
            day_claims,
            [day] * len(day_claims),
            name=f"{day} claims",
            show=i == 0,
            control=False,
            cluster=cluster,
            skip=skip,
        )
        layer.add_to(m)
        names.append(layer.get_name())
        ring_layer, _ = _checks.check_layer(
            day_claims,
            [day] * len(day_claims),
            _checks.page_checks(day_claims, checks),
            name=f"{day} checks",
            show=i == 0,
            control=False,
            skip=skip,
        )
        if ring_layer is not None:
            ring_layer.add_to(m)
            names.append(ring_layer.get_name())
            any_checks = True
        groups.append(names)
        counts.append(len(day_claims))
        all_points += points
        kinds |= day_kinds

    _legend(
        m,
        sides=[s for s in ("UA", "RU") if s in sides],
        kinds=[k for k in KIND_LABELS if k in kinds],
        hedged="hedged" in claims.columns and bool(claims["hedged"].fillna(False).astype(bool).any()),
        frontline=next((a for a in as_ofs if a), None),
        extra=([_checks.verdict_legend()] if any_checks else []) + extra_legend,
    )
    if own_map:
        span = _span(dated)
        _title(
            m, f"{title} — timeline" + (f", {span}" if span else ""), f"{len(dated)} dates · drag the slider"
        )
    if dated:
        map_name = m.get_name()
        slider_html = (
            '<button type="button" class="fm-prev" aria-label="previous date">&#9664;</button> '
            f'<input type="range" class="fm-range" min="0" max="{len(dated) - 1}" step="1" value="0" '
            'aria-label="date"> '
            '<button type="button" class="fm-next" aria-label="next date">&#9654;</button> '
            f'<output class="fm-date">{html.escape(dated[0])}</output> '
            f'<span class="fm-count">{counts[0]} claims</span>'
        )
        layer_lists = "[" + ",".join("[" + ",".join(names) + "]" for names in groups) + "]"
        script = control_js(map_name, "fm-slider", "bottomleft", "fm-slider", slider_html) + (
            "(function () {\n"
            f"  var map = {map_name}, groups = {layer_lists}, dates = {js_json(dated)}, counts = {js_json(counts)};\n"
            "  var box = document.getElementById('fm-slider'), range = box.querySelector('.fm-range');\n"
            "  function show(i) {\n"
            "    i = Math.max(0, Math.min(dates.length - 1, i)); range.value = i;\n"
            "    groups.forEach(function (g, j) { g.forEach(function (l) {\n"
            "      if (j === i) { if (!map.hasLayer(l)) map.addLayer(l); } else if (map.hasLayer(l)) map.removeLayer(l); }); });\n"
            "    box.querySelector('.fm-date').textContent = dates[i];\n"
            "    box.querySelector('.fm-count').textContent = counts[i] + ' claims';\n"
            "    document.body.setAttribute('data-fm-date', dates[i]);\n"
            "  }\n"
            "  range.addEventListener('input', function () { show(parseInt(range.value, 10)); });\n"
            "  box.querySelector('.fm-prev').addEventListener('click', function () { show(parseInt(range.value, 10) - 1); });\n"
            "  box.querySelector('.fm-next').addEventListener('click', function () { show(parseInt(range.value, 10) + 1); });\n"
            "  window.frontmapShowDate = function (d) { var i = dates.indexOf(d); if (i >= 0) show(i); return i >= 0; };\n"
            "  show(0);\n"
            "})();\n"
        )
        RawMacro("frontmap_slider", script=script).add_to(m)
    # No layer control: the slider chooses what is shown, and a lone basemap needs no switch; the
    # contested-ground overlay spans every date, so it gets one to be switched off.
    if image is not None:
        import folium

        folium.LayerControl(collapsed=False, position="topright").add_to(m)
    fit.script = _fit_js(m, _fit_bounds(all_points, frames or ([] if all_points else [boundaries])))
    return m


def page_html(m: folium.Map) -> str:
    """The complete HTML page of a map, byte-identical for the same input.

    folium names every element with a random hex id; these are renamed in order of first
    appearance, so two renders of the same data give the same bytes.

    >>> page_html(render_map(claims, offline=True))[:15]  # doctest: +SKIP
    '<!DOCTYPE html>'
    """
    import re

    figure = m.get_root()
    text = figure.render()
    ids: set[str] = set()
    stack: list[Any] = [figure]
    while stack:
        element = stack.pop()
        ids.add(getattr(element, "_id", ""))
        stack.extend(getattr(element, "_children", {}).values())
        for part in ("header", "html", "script"):
            child = getattr(element, part, None)
            if child is not None and hasattr(child, "_children"):
                stack.append(child)
    ids.discard("")
    order: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        token = match.group(0)
        if token not in ids:
            return token
        if token not in order:
            order[token] = f"{len(order):04d}"
        return order[token]

    return re.sub(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", rename, text)


__all__ = ["DEFAULT_TILES", "DEFAULT_TITLE", "page_html", "render_map", "render_timeline"]
