"""Front-line layers of the maps: claims checked against the snapshots, and the contested-ground raster.

* **Checks against the front line** (:func:`check_layer`): a ring around each checked claim's
  marker, styled by the verdict of :func:`frontmap.frontline.check_claims`. Each verdict has its
  own Okabe–Ito colour (safe for the common colour-vision deficiencies), its own ring stroke and
  its own badge shape (tick, up/down triangle, cross, bar, none), so the six stay apart in
  greyscale print too. The ring sits in its own pane just below the claim markers: the marker
  keeps its popup, the ring around it opens the check's popup (verdict, ratio, note).
* **Changes of hands** (:func:`contested_overlay`): the GeoTIFF of
  :func:`frontmap.frontline.contested_raster`, warped to Web Mercator with rasterio (nearest
  neighbour: the cells are counts), coloured by class of flip count (transparent where nothing
  changed or there is no data) and embedded as a PNG ``data:`` URI, so an offline page fetches
  nothing.

As everywhere in frontmap.render, no data passes through Jinja: the layers build their JavaScript
in Python with script-safe JSON, and every text from a report or a file (notes, place names,
raster tags) is escaped with :func:`html.escape` before it reaches a popup or the legend.
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frontmap.errors import FrontmapWarning, InputError, SourceError

from ._data import claim_tooltip, day_of, missing, records, text
from ._elements import _RawLayer, js_json

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import numpy as np

#: Name of the verdict layer in the layer control.
CHECKS_LAYER_NAME = "Checks against the front line"
#: Name of the raster overlay in the layer control.
CONTESTED_LAYER_NAME = "Changes of hands (contested ground)"

#: Verdict -> (colour, ring dash pattern or "", badge, label, meaning). Colours: Okabe & Ito (2008).
VERDICT_STYLES: dict[str, tuple[str, str, str, str, str]] = {
    "consistent": (
        "#009E73",
        "",
        "tick",
        "consistent",
        "the snapshots agree with the claim (within a factor of 1.5)",
    ),
    "overstated": (
        "#CC79A7",
        "",
        "up",
        "overstated",
        "the claim is larger than the change the snapshots show",
    ),
    "understated": (
        "#E69F00",
        "",
        "down",
        "understated",
        "the claim is smaller than the change the snapshots show",
    ),
    "contradicted": ("#000000", "", "cross", "contradicted", "the place is on the other side of the line"),
    "not_comparable": (
        "#7f7f7f",
        "5 3",
        "bar",
        "not comparable",
        "a distance, count or share cannot be compared with an area",
    ),
    "no_data": (
        "#7f7f7f",
        "1.2 3.2",
        "",
        "no data",
        "no snapshot near the claim's dates, or the claim lacks a side, date or place",
    ),
}

_BADGES: dict[str, str] = {
    "tick": '<path d="M24.6 6.2l2.2 2.3 3.9-4.4" fill="none" stroke="{c}" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round"/>',
    "up": '<polygon points="28,2.4 31.4,8.6 24.6,8.6" fill="{c}"/>',
    "down": '<polygon points="24.6,3.4 31.4,3.4 28,9.6" fill="{c}"/>',
    "cross": '<path d="M25.4 3.4l5.2 5.2M30.6 3.4l-5.2 5.2" stroke="{c}" stroke-width="1.9" stroke-linecap="round"/>',
    "bar": '<path d="M24.8 6h6.4" stroke="{c}" stroke-width="2" stroke-linecap="round"/>',
}

#: Size in pixels of a verdict ring (the claim symbol inside it is 18 px).
RING_SIZE = 34
#: The ring pane lies just below Leaflet's marker pane (600) and above its shadow pane (500).
RING_PANE, RING_PANE_Z = "fm-checks", 590
#: The raster pane lies above the vector data (400, where the offline basemap is) and below the rings.
RASTER_PANE, RASTER_PANE_Z = "fm-contested", 450

#: Lower edges of the flip-count classes, and their colours (ColorBrewer RdPu, Cynthia Brewer, Apache-2.0).
CONTESTED_BREAKS: tuple[int, ...] = (1, 2, 3, 5, 10)
CONTESTED_COLOURS: tuple[str, ...] = ("#fcc5c0", "#fa9fb5", "#f768a1", "#c51b8a", "#7a0177")
#: Opacity (0-255) of a coloured cell in the PNG.
CONTESTED_ALPHA = 215
#: Largest side of the embedded PNG; larger rasters are reduced (keeping each block's highest count).
MAX_IMAGE_SIDE = 4096

CHECKS_CSS = """
.fm-check { background: none; border: none; }
.fm-check svg { display: block; overflow: visible; }
.fm-legend .fm-verdicts { display: grid; grid-template-columns: auto auto; column-gap: 8px; }
.fm-legend .fm-verdicts svg { margin-right: 2px; }
img.fm-contested { image-rendering: pixelated; image-rendering: crisp-edges; }
.fm-verdict { font-weight: 700; }
"""


# --------------------------------------------------------------------------- verdict symbols


def verdict_svg(verdict: str, size: int = RING_SIZE) -> str:
    """The ring drawn around a checked claim: colour, stroke and badge by verdict.

    >>> 'stroke-dasharray' in verdict_svg("no_data"), 'polygon' in verdict_svg("overstated")
    (True, True)
    """
    colour, dash, badge, _, _ = VERDICT_STYLES.get(verdict, VERDICT_STYLES["no_data"])
    dash_attr = f' stroke-dasharray="{dash}" stroke-linecap="round"' if dash else ""
    width = 4.6 if verdict == "contradicted" else 3.6
    parts = [
        # a white halo keeps the ring readable on any basemap and on the choropleth
        f'<circle cx="17" cy="17" r="12.5" fill="none" stroke="#ffffff" stroke-width="{width + 2.4}" stroke-opacity="0.85"/>',
        f'<circle class="fm-ring" cx="17" cy="17" r="12.5" fill="none" stroke="{colour}" stroke-width="{width}"{dash_attr}/>',
    ]
    if badge:
        parts.append(f'<circle cx="28" cy="6" r="5.6" fill="#ffffff" stroke="{colour}" stroke-width="1.3"/>')
        parts.append(_BADGES[badge].format(c=colour))
    return f'<svg width="{size}" height="{size}" viewBox="0 0 34 34">{"".join(parts)}</svg>'


def verdict_legend(verdicts: Sequence[str] | None = None) -> str:
    """Legend block of the verdict rings (every verdict, so that pages compare), as fixed HTML."""
    from frontmap.frontline import VERDICTS

    shown = [v for v in VERDICTS if verdicts is None or v in verdicts] or list(VERDICTS)
    rows = "".join(
        f'<span title="{html.escape(VERDICT_STYLES[v][4])}">{verdict_svg(v, 20)}{html.escape(VERDICT_STYLES[v][3])}</span>'
        for v in shown
    )
    return f'<h4>{html.escape(CHECKS_LAYER_NAME)} (ring)</h4><div class="fm-verdicts">{rows}</div>'


# --------------------------------------------------------------------------- popups


def _num(value: Any, digits: int = 1) -> str | None:
    if missing(value):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(v):
        return None
    return f"{v:,.{digits}f}"


def check_popup(rec: Mapping[str, Any], day: str | None) -> str:
    """Escaped popup of one checked claim: the claim in one line, verdict, figures, ratio and note.

    >>> "overstated" in check_popup({"kind": "area", "verdict": "overstated", "ratio": 3.0}, None)
    True
    """
    verdict = str(rec.get("verdict")) if not missing(rec.get("verdict")) else "no_data"
    colour, _, _, label, meaning = VERDICT_STYLES.get(verdict, VERDICT_STYLES["no_data"])
    side = {"UA": "Ukraine", "RU": "Russia"}.get(str(rec.get("gainer")), "the claimed side")
    rows: list[tuple[str, str]] = [
        ("Claim", claim_tooltip(rec, day)),
        (
            "Verdict",
            (
                f'<span class="fm-verdict fm-verdict-{html.escape(verdict)}" style="color:{colour}">'
                f"{html.escape(label)}</span>: {html.escape(meaning)}"
            ),
        ),
    ]
    claimed = _num(rec.get("claimed_km2"))
    if claimed is not None:
        rows.append(("Claimed", f"{claimed} km²"))
    measured = _num(rec.get("measured_km2"))
    if measured is not None:
        other = _num(rec.get("measured_other_km2"))
        extra = f" (the other side: {other} km²)" if other is not None else ""
        rows.append(("Measured", f"{measured} km² gained by {html.escape(side)}{extra}"))
    ratio = _num(rec.get("ratio"), 2)
    rows.append(("Ratio", f"{ratio} (claimed / measured)" if ratio is not None else "n/a"))
    region = rec.get("check_region")
    if not missing(region):
        rows.append(("Measured in", text(region)))
    start, end = day_of(rec.get("check_from")), day_of(rec.get("check_to"))
    if start and end:
        rows.append(("Snapshots", f"{start} to {end}"))
    elif end:
        rows.append(("Snapshot", end))
    line = _num(rec.get("line_distance_km"))
    if line is not None:
        where = "inside" if float(rec["line_distance_km"]) >= 0 else "outside"
        rows.append(("Front line", f"{line.lstrip('-')} km away, {where} the occupied area"))
    rows.append(("Note", text(rec.get("check_note")) or "none"))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f'<div class="fm-popup fm-check-popup"><b>{html.escape(CHECKS_LAYER_NAME)}</b>'
        f'<table class="fm-facts">{table}</table></div>'
    )


def check_tooltip(rec: Mapping[str, Any]) -> str:
    """One escaped line: 'Check: overstated (4.91× measured)'."""
    verdict = str(rec.get("verdict")) if not missing(rec.get("verdict")) else "no_data"
    label = VERDICT_STYLES.get(verdict, VERDICT_STYLES["no_data"])[3]
    ratio = _num(rec.get("ratio"), 2)
    return "Check: " + html.escape(label) + (f" ({ratio}× measured)" if ratio is not None else "")


# --------------------------------------------------------------------------- computing and aligning checks


def snapshots_from(frontline: Any) -> Any | None:
    """:class:`frontmap.frontline.Snapshots` from what maps accept as ``frontline``, or None.

    A Snapshots object is returned as it is, a folder or file is loaded, a GeoDataFrame with a
    date column (``as_of``, ``snapshot_date`` or ``date``) becomes one snapshot per date. A bare
    geometry has no date, so nothing can be checked against it (None).

    >>> snapshots_from(None) is None
    True
    """
    if frontline is None:
        return None
    if hasattr(frontline, "latest_on_or_before") and hasattr(frontline, "first_on_or_after"):
        return frontline
    from frontmap.frontline import Snapshots, load_snapshots

    if isinstance(frontline, (str, os.PathLike)):
        return load_snapshots(frontline)
    if (
        isinstance(frontline, tuple)
        and len(frontline) == 2
        and day_of(frontline[1])
        and not hasattr(frontline[0], "columns")
    ):
        return Snapshots.from_geometries({day_of(frontline[1]): frontline[0]})
    if hasattr(frontline, "geometry") and hasattr(frontline, "columns"):
        frame = frontline
        if "status" in frame.columns:
            frame = frame[frame["status"].fillna("occupied") == "occupied"]
        col = next((c for c in ("as_of", "snapshot_date", "date") if c in frame.columns), None)
        if col is None or not len(frame):
            return None
        import shapely

        frame = frame.to_crs("EPSG:4326") if frame.crs is not None else frame
        per_day: dict[str, list[Any]] = {}
        for value, geom in zip(frame[col].tolist(), frame.geometry.tolist(), strict=True):
            day = day_of(value)
            if day and geom is not None and not geom.is_empty:
                per_day.setdefault(day, []).append(geom)
        if not per_day:
            return None
        return Snapshots.from_geometries({d: shapely.union_all(g) for d, g in sorted(per_day.items())})
    return None


def compute_checks(claims: gpd.GeoDataFrame, frontline: Any, boundaries: Any = None) -> Any | None:
    """check_claims of ``claims`` against ``frontline`` (see :func:`snapshots_from`), or None.

    A failure (no usable snapshots, boundaries that cannot be measured in) is a
    :class:`~frontmap.errors.FrontmapWarning` and no verdict layer, never a missing map.

    >>> checks = compute_checks(claims, "snapshots/")  # doctest: +SKIP
    """
    import warnings

    from frontmap.errors import FrontmapError

    if not len(claims):
        return None
    try:
        snaps = snapshots_from(frontline)
        if snaps is None or not len(snaps):
            return None
        from frontmap.frontline import check_claims

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FrontmapWarning)
            return check_claims(claims, snaps, boundaries=boundaries)
    except (ImportError, FrontmapError) as err:
        warnings.warn(
            f"no verdict layer: the claims could not be checked: {err}", FrontmapWarning, stacklevel=3
        )
        return None


#: Columns of a checks frame the layer reads.
CHECK_FIELDS: tuple[str, ...] = (
    "check_from",
    "check_to",
    "check_region",
    "claimed_km2",
    "measured_km2",
    "measured_other_km2",
    "ratio",
    "line_distance_km",
    "verdict",
    "check_note",
)


def align_checks(claims: Any, checks: Any) -> list[dict[str, Any] | None]:
    """The check of each claim row (None where there is none): by ``claim_id`` when both frames
    have unique ones, else by index.

    >>> import pandas as pd
    >>> align_checks(pd.DataFrame({"claim_id": ["a", "b"]}), pd.DataFrame({"claim_id": ["b"], "verdict": ["consistent"]}))[1]["verdict"]
    'consistent'
    """
    if checks is None or not len(claims):
        return [None] * len(claims)
    if "verdict" not in checks.columns:
        raise InputError(
            "the checks frame has no 'verdict' column; give the output of frontmap.frontline.check_claims "
            "(or of 'frontmap check -o checks.gpkg')"
        )
    rows = records(checks, CHECK_FIELDS)
    if (
        "claim_id" in claims.columns
        and "claim_id" in checks.columns
        and checks["claim_id"].is_unique
        and not checks["claim_id"].isna().any()
    ):
        by_id = {str(k): r for k, r in zip(checks["claim_id"].tolist(), rows, strict=True)}
        return [by_id.get(str(k)) if not missing(k) else None for k in claims["claim_id"].tolist()]
    if checks.index.is_unique:
        by_index = dict(zip(checks.index.tolist(), rows, strict=True))
        return [by_index.get(k) for k in claims.index.tolist()]
    return [None] * len(claims)


# --------------------------------------------------------------------------- the verdict layer


class CheckLayer(_RawLayer):
    """Verdict rings as markers in their own pane (below the claim markers), one per checked claim.

    ``rows`` are ``[lat, lon, verdict, popup_html, tooltip_html]`` (HTML already escaped), optionally
    followed by the ``[dx, dy]`` pixel offset the claim's marker has (markers sharing a point).
    """

    def __init__(
        self, rows: Sequence[Sequence[Any]], *, name: str, show: bool = True, control: bool = True
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "CheckLayer"
        self.rows = [list(r) for r in rows]

    def layer_js(self) -> str:
        name = self.get_name()
        map_name = self._parent.get_name()
        half = RING_SIZE // 2
        verdicts = sorted({str(r[2]) for r in self.rows})
        icons = {v: [verdict_svg(v), f"fm-check fm-verdict-{v}"] for v in verdicts}
        return (
            f"var {name} = L.featureGroup();\n"
            f"(function (group, map) {{\n"
            f"  if (!map.getPane({js_json(RING_PANE)})) {{ map.createPane({js_json(RING_PANE)}).style.zIndex = {RING_PANE_Z}; }}\n"
            f"  var spec = {js_json(icons)}, icons = {{}};\n"
            f"  Object.keys(spec).forEach(function (k) {{ icons[k] = L.divIcon({{html: spec[k][0], className: spec[k][1], "
            f"iconSize: [{RING_SIZE}, {RING_SIZE}], iconAnchor: [{half}, {half}], popupAnchor: [0, -{half}], "
            f"tooltipAnchor: [0, -{half}]}}); }});\n"
            f"  var checks = {js_json(self.rows)};\n"
            f"  for (var i = 0; i < checks.length; i++) {{\n"
            f"    var r = checks[i], icon = icons[r[2]];\n"
            f"    if (r[5]) icon = L.divIcon(Object.assign({{}}, icon.options, {{iconAnchor: [{half} - r[5][0], {half} - r[5][1]], "
            f"popupAnchor: [r[5][0], r[5][1] - {half}], tooltipAnchor: [r[5][0], r[5][1] - {half}]}}));\n"
            f"    var ring = L.marker([r[0], r[1]], {{icon: icon, pane: {js_json(RING_PANE)}, keyboard: false}});\n"
            f"    ring.bindPopup(r[3], {{maxWidth: 380}});\n"
            f"    if (r[4]) ring.bindTooltip(r[4], {{direction: 'top'}});\n"
            f"    group.addLayer(ring);\n"
            f"  }}\n"
            f"}})({name}, {map_name});"
        )


def check_rows(
    claims: gpd.GeoDataFrame,
    days: Sequence[str | None],
    checks: Sequence[Mapping[str, Any] | None],
    skip: set[tuple[Any, Any]] = frozenset(),  # type: ignore[assignment]
) -> list[list[Any]]:
    """Ring rows for the claims that have a marker and a check, with the marker's fan-out offset.

    The offsets are computed over every marked claim, exactly as the claim layer does, so each
    ring stays centred on its own claim's symbol.
    """
    from ._data import CLAIM_FIELDS
    from .maps import _fan_out

    rows: list[list[Any]] = []
    checked: list[bool] = []
    geoms = claims.geometry.tolist()
    for rec, geom, day, check in zip(records(claims, CLAIM_FIELDS), geoms, days, checks, strict=True):
        if geom is None or geom.is_empty or (rec.get("doc"), rec.get("place")) in skip:
            continue
        point = geom if geom.geom_type == "Point" else geom.representative_point()
        lat, lon = round(point.y, 6), round(point.x, 6)
        if check is None:
            rows.append([lat, lon, "", "", ""])
            checked.append(False)
            continue
        full = {**rec, **check}
        verdict = full.get("verdict")
        verdict = str(verdict) if not missing(verdict) and str(verdict) in VERDICT_STYLES else "no_data"
        full["verdict"] = verdict
        rows.append([lat, lon, verdict, check_popup(full, day), check_tooltip(full)])
        checked.append(True)
    _fan_out(rows)
    return [r for r, keep in zip(rows, checked, strict=True) if keep]


def check_layer(
    claims: gpd.GeoDataFrame,
    days: Sequence[str | None],
    checks: Sequence[Mapping[str, Any] | None],
    *,
    name: str = CHECKS_LAYER_NAME,
    show: bool = True,
    control: bool = True,
    skip: set[tuple[Any, Any]] = frozenset(),  # type: ignore[assignment]
) -> tuple[CheckLayer | None, set[str]]:
    """The verdict layer of ``claims`` (with ``checks`` aligned to them) and the verdicts it shows.

    >>> layer, verdicts = check_layer(claims, days, align_checks(claims, checked))  # doctest: +SKIP
    """
    rows = check_rows(claims, days, checks, skip)
    if not rows:
        return None, set()
    return CheckLayer(rows, name=name, show=show, control=control), {str(r[2]) for r in rows}


def page_checks(claims: gpd.GeoDataFrame, checks: Any) -> list[dict[str, Any] | None]:
    """The checks of a page's claims (``checks`` may be None: no layer)."""
    if checks is None or checks is False:
        return [None] * len(claims)
    return align_checks(claims, checks)


# --------------------------------------------------------------------------- contested raster


@dataclass(frozen=True)
class ContestedImage:
    """A contested-ground raster ready for a map: PNG bytes in Web Mercator and its lat/lon bounds."""

    png: bytes
    bounds: tuple[tuple[float, float], tuple[float, float]]  # ((south, west), (north, east))
    max_count: int
    n_cells: int
    first_date: str | None = None
    last_date: str | None = None
    snapshots: str | None = None

    @property
    def data_uri(self) -> str:
        """The PNG as a ``data:`` URI (nothing to fetch)."""
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def contested_class(count: int) -> int:
    """Index of the colour class of a flip count (-1 for 0: transparent).

    >>> contested_class(0), contested_class(1), contested_class(4), contested_class(40)
    (-1, 0, 2, 4)
    """
    import bisect

    if count < CONTESTED_BREAKS[0]:
        return -1
    return bisect.bisect_right(CONTESTED_BREAKS, count) - 1


def contested_labels() -> list[str]:
    """Legend labels of the flip-count classes.

    >>> contested_labels()
    ['1', '2', '3–4', '5–9', '≥ 10']
    """
    labels = []
    for i, low in enumerate(CONTESTED_BREAKS):
        if i + 1 == len(CONTESTED_BREAKS):
            labels.append(f"≥ {low}")
        elif CONTESTED_BREAKS[i + 1] - 1 == low:
            labels.append(str(low))
        else:
            labels.append(f"{low}–{CONTESTED_BREAKS[i + 1] - 1}")
    return labels


def _rgba(counts: np.ndarray, valid: np.ndarray) -> np.ndarray:
    import numpy as np

    out = np.zeros(counts.shape + (4,), dtype=np.uint8)
    for i, colour in enumerate(CONTESTED_COLOURS):
        low = CONTESTED_BREAKS[i]
        high = CONTESTED_BREAKS[i + 1] if i + 1 < len(CONTESTED_BREAKS) else None
        mask = valid & (counts >= low) & (counts < high if high is not None else True)
        rgb = [int(colour[k : k + 2], 16) for k in (1, 3, 5)]
        out[mask] = [*rgb, CONTESTED_ALPHA]
    return out


def contested_image(
    source: Any,
    *,
    transform: Any = None,
    crs: Any = None,
    nodata: float | None = None,
    max_side: int = MAX_IMAGE_SIDE,
) -> ContestedImage:
    """Read, warp to Web Mercator and colour a contested-ground raster.

    ``source`` is the GeoTIFF path written by :func:`frontmap.frontline.contested_raster`, or a 2-D
    array of flip counts with its ``transform`` (an affine) and ``crs``. Cells with 0 or nodata
    are transparent. The image keeps about the source's cell count (nearest neighbour); above
    ``max_side`` pixels a side it is reduced, each pixel keeping the highest count it covers.

    >>> image = contested_image("contested.tif")  # doctest: +SKIP
    >>> image.bounds  # doctest: +SKIP
    ((47.1, 35.2), (49.9, 38.6))
    """
    import numpy as np
    import rasterio
    from rasterio.transform import array_bounds
    from rasterio.warp import Resampling, calculate_default_transform, reproject, transform_bounds

    tags: dict[str, str] = {}
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if not os.path.exists(path):
            raise InputError(
                f"{path}: no such raster; write one with 'frontmap frontline contested --frontline DIR -o {os.path.basename(path)}'"
            )
        try:
            with rasterio.open(path) as src:
                if src.crs is None:
                    raise InputError(
                        f"{path} has no coordinate reference system; write it with frontmap frontline contested"
                    )
                band = src.read(1)
                transform, crs, nodata = src.transform, src.crs, src.nodata if nodata is None else nodata
                tags = dict(src.tags())
        except rasterio.errors.RasterioIOError as err:
            raise InputError(f"{path}: cannot be read as a GeoTIFF ({err})") from err
        except rasterio.errors.RasterioError as err:
            raise SourceError(f"{path}: cannot read the raster ({err})") from err
    else:
        band = np.asarray(source)
        if band.ndim != 2:
            raise InputError(
                f"a contested raster is one band of counts (2-D), got an array of shape {band.shape}"
            )
        if transform is None or crs is None:
            raise InputError("an array needs its transform= (affine) and crs= to be placed on a map")
    band = band.astype(np.float64)
    height, width = band.shape
    fill = -1.0
    valid_src = np.isfinite(band) & (band > 0)
    if nodata is not None and not (isinstance(nodata, float) and math.isnan(nodata)):
        valid_src &= band != nodata
    counts_src = np.where(valid_src, band, fill)
    west, south, east, north = array_bounds(height, width, transform)
    dst_crs = "EPSG:3857"
    dst_transform, dst_w, dst_h = calculate_default_transform(
        crs, dst_crs, width, height, west, south, east, north
    )
    resampling = Resampling.nearest
    scale = max(dst_w, dst_h) / max_side
    if scale > 1:
        left, top = dst_transform.c, dst_transform.f
        right, bottom = left + dst_transform.a * dst_w, top + dst_transform.e * dst_h
        dst_w, dst_h = max(1, math.ceil(dst_w / scale)), max(1, math.ceil(dst_h / scale))
        from rasterio.transform import from_bounds

        dst_transform = from_bounds(left, bottom, right, top, dst_w, dst_h)
        resampling = Resampling.max
    dst = np.full((dst_h, dst_w), fill, dtype=np.float64)
    reproject(
        counts_src,
        dst,
        src_transform=transform,
        src_crs=crs,
        src_nodata=fill,
        dst_transform=dst_transform,
        dst_crs=dst_crs,
        dst_nodata=fill,
        resampling=resampling,
    )
    valid = dst > 0
    counts = np.where(valid, np.rint(dst), 0).astype(np.int64)
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(_rgba(counts, valid), "RGBA").save(buffer, format="PNG", optimize=True)
    mx0, my0, mx1, my1 = array_bounds(dst_h, dst_w, dst_transform)
    w, s, e, n = transform_bounds(dst_crs, "EPSG:4326", mx0, my0, mx1, my1)
    return ContestedImage(
        png=buffer.getvalue(),
        bounds=((round(s, 6), round(w, 6)), (round(n, 6), round(e, 6))),
        max_count=int(counts.max()) if counts.size else 0,
        n_cells=int(valid_src.sum()),
        first_date=tags.get("first_date"),
        last_date=tags.get("last_date"),
        snapshots=tags.get("snapshots"),
    )


class ContestedLayer(_RawLayer):
    """An L.imageOverlay of a :class:`ContestedImage` in its own pane, not interactive."""

    def __init__(
        self,
        image: ContestedImage,
        *,
        name: str,
        show: bool = True,
        control: bool = True,
        opacity: float = 1.0,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "ContestedLayer"
        self.image, self.opacity = image, opacity

    def layer_js(self) -> str:
        name = self.get_name()
        map_name = self._parent.get_name()
        bounds = [list(self.image.bounds[0]), list(self.image.bounds[1])]
        options = {
            "opacity": self.opacity,
            "interactive": False,
            "className": "fm-contested",
            "pane": RASTER_PANE,
            "alt": CONTESTED_LAYER_NAME,
        }
        return (
            f"if (!{map_name}.getPane({js_json(RASTER_PANE)})) {{ var p = {map_name}.createPane({js_json(RASTER_PANE)}); "
            f"p.style.zIndex = {RASTER_PANE_Z}; p.style.pointerEvents = 'none'; }}\n"
            f"var {name} = L.imageOverlay({js_json(self.image.data_uri)}, {js_json(bounds)}, {js_json(options)});"
        )


def as_contested_image(contested: Any) -> ContestedImage | None:
    """A ContestedImage from an image, a GeoTIFF path or an (array, transform, crs) triple; None stays None."""
    if contested is None or isinstance(contested, ContestedImage):
        return contested
    if isinstance(contested, tuple) and len(contested) == 3:
        return contested_image(contested[0], transform=contested[1], crs=contested[2])
    return contested_image(contested)


def contested_overlay(
    source: Any,
    *,
    name: str = CONTESTED_LAYER_NAME,
    show: bool = True,
    control: bool = True,
    opacity: float = 1.0,
) -> ContestedLayer:
    """A map layer of a contested-ground raster (path, (array, transform, crs) or ContestedImage).

    Add it to a folium map; it is listed in the layer control as ``name``.

    >>> contested_overlay("contested.tif").add_to(m)  # doctest: +SKIP
    """
    image = as_contested_image(source)
    assert image is not None
    return ContestedLayer(image, name=name, show=show, control=control, opacity=opacity)


def contested_legend(image: ContestedImage) -> str:
    """Legend block of the raster classes, with the snapshot span when the file names it (escaped)."""
    cells = "".join(
        f'<span><i class="fm-swatch" style="background:{c}"></i>{html.escape(label)}</span>'
        for c, label in zip(CONTESTED_COLOURS, contested_labels(), strict=True)
    )
    span = ""
    if image.first_date and image.last_date:
        n = f"{text(image.snapshots)} snapshots, " if image.snapshots else ""
        span = f'<div class="fm-note">{n}{text(image.first_date)} to {text(image.last_date)}</div>'
    return f'<h4>Changes of hands per 1 km cell</h4><div class="fm-scale">{cells}</div>{span}'


def install_css(m: Any) -> None:
    """Add the layers' CSS to the page once."""
    from ._elements import Raw

    m.get_root().header.add_child(Raw(f"<style>{CHECKS_CSS}</style>\n"), name="frontmap_checks_css")


__all__ = [
    "CHECKS_LAYER_NAME",
    "CONTESTED_LAYER_NAME",
    "VERDICT_STYLES",
    "ContestedImage",
    "align_checks",
    "check_layer",
    "compute_checks",
    "contested_image",
    "contested_overlay",
    "snapshots_from",
    "verdict_svg",
]
