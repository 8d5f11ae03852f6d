"""Static maps for printed reports: one PNG per date with matplotlib (Agg) through geopandas.

The same layers as the HTML page: first-level units, the front line when given, the choropleth
of claimed km² per side (the same ColorBrewer classes), a symbol per claim (shape by kind, fill
by side, hollow when hedged), a title with the date, a legend and the attribution.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
from pathlib import Path
from typing import Any

from ._data import claim_days, day_of, from_input, missing, select
from ._style import (
    KIND_LABELS,
    MARKER_COLOURS,
    MPL_MARKERS,
    SIDE_COLOURS,
    SIDE_LABELS,
    class_labels,
    km2_colour,
    side_key,
)
from .maps import (
    DEFAULT_TITLE,
    OUTLINES_ATTRIBUTION,
    _default_boundaries,
    _fit_bounds,
    _frontline_for,
    _region_rows,
    _shipped_outlines,
    _summary_for,
    units_attribution,
)


def render_png(
    claims_or_extractions: Any,
    path: str | os.PathLike[str],
    *,
    date: str | dt.date | None = None,
    regions: Any = None,
    boundaries: Any = None,
    frontline: Any = None,
    title: str = DEFAULT_TITLE,
    dpi: int = 200,
) -> Path:
    """Write a print-resolution PNG of one date's claims (atomically) and return its path.

    >>> render_png(claims, "2023-06-12.png", date="2023-06-12", regions=summary)  # doctest: +SKIP
    """
    # A bare Figure renders with Agg and never touches pyplot's global state or a display.
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import offset_copy

    from .pages import write_atomic

    claims, _, _ = from_input(claims_or_extractions, boundaries)
    day = day_of(date) if date is not None else None
    days = claim_days(claims)
    if day is not None:
        claims = select(claims, [d == day for d in days])
    regions = _summary_for(claims, regions, boundaries)
    if boundaries is None:
        boundaries = _default_boundaries()

    fig = Figure(figsize=(10, 7.5), dpi=dpi)
    ax = fig.add_axes((0.02, 0.08, 0.96, 0.84))
    ax.set_facecolor("#e9edf0")
    outlines = _shipped_outlines()
    if outlines is not None and outlines["features"]:
        import geopandas as gpd

        shapes = gpd.GeoDataFrame.from_features(outlines["features"], crs="EPSG:4326")
        for kind, style in (
            ("country", {"color": "#f4f1ec", "edgecolor": "#9a9a9a", "linewidth": 0.5}),
            ("sea", {"color": "#d5e4ec", "linewidth": 0}),
            ("coastline", {"color": "#6f8fa0", "linewidth": 0.6}),
        ):
            part = shapes[shapes["kind"] == kind]
            if len(part):
                part.plot(ax=ax, **style)
    if boundaries is not None and len(boundaries):
        boundaries.plot(
            ax=ax, color="#f4f1ec" if outlines is None else "none", edgecolor="#8c8c8c", linewidth=0.5
        )
    handles: list[Any] = []
    fl_geom, fl_as_of = _frontline_for(frontline, day)
    if fl_geom is not None:
        import geopandas as gpd

        gpd.GeoSeries([fl_geom], crs="EPSG:4326").plot(
            ax=ax, color="#c2a5cf", alpha=0.45, edgecolor="#7b3294", linewidth=0.6, linestyle="--"
        )
        handles.append(
            Patch(facecolor="#c2a5cf", edgecolor="#7b3294", label=f"Occupied area as of {fl_as_of or '?'}")
        )
    frames = []
    for side in ("UA", "RU"):
        frame = _region_rows(regions, day, side)
        if frame is None:
            continue
        frames.append(frame)
        colours = [km2_colour(side, 0 if missing(v) else float(v)) for v in frame["claimed_km2"].tolist()]
        # Russia's fill is hatched so regions both sides claim stay readable in greyscale print.
        frame.plot(
            ax=ax,
            color=colours,
            edgecolor=MARKER_COLOURS[side],
            linewidth=0.8,
            alpha=0.75,
            hatch="////" if side == "RU" else None,
        )
        used = sorted({c for c in colours})
        for colour, label in zip(SIDE_COLOURS[side], class_labels(), strict=True):
            if colour in used:
                handles.append(
                    Patch(
                        facecolor=colour,
                        edgecolor=MARKER_COLOURS[side],
                        hatch="////" if side == "RU" else None,
                        label=f"{SIDE_LABELS[side]}: {label}",
                    )
                )
    points = []
    kinds_seen: set[str] = set()
    hedged_seen = False
    geoms = claims.geometry.tolist()
    hedges = claims["hedged"].tolist() if "hedged" in claims.columns else [False] * len(claims)
    marks = []
    for geom, kind, gainer, hedged in zip(
        geoms, claims["kind"].tolist(), claims["gainer"].tolist(), hedges, strict=True
    ):
        if geom is None or geom.is_empty:
            continue
        pt = geom if geom.geom_type == "Point" else geom.representative_point()
        marks.append(
            (
                round(pt.x, 6),
                round(pt.y, 6),
                str(kind),
                side_key(gainer),
                bool(hedged) if not missing(hedged) else False,
            )
        )
    shared: dict[tuple[float, float], int] = {}
    for x, y, *_ in marks:
        shared[(x, y)] = shared.get((x, y), 0) + 1
    seen_at: dict[tuple[float, float], int] = {}
    for x, y, kind, side, is_hedged in marks:
        # Claims at one place are fanned out on a small ring (in points), as on the HTML map.
        n, k = shared[(x, y)], seen_at.get((x, y), 0)
        seen_at[(x, y)] = k + 1
        transform = ax.transData
        if n > 1:
            angle = 2 * math.pi * k / n + math.pi / 2
            transform = offset_copy(
                ax.transData, fig=fig, x=7 * math.cos(angle), y=7 * math.sin(angle), units="points"
            )
        colour = MARKER_COLOURS[side]
        marker = MPL_MARKERS.get(kind, "P")
        size = 110 if marker == "*" else 55
        if is_hedged:
            ax.scatter(
                [x],
                [y],
                marker=marker,
                s=size,
                facecolors="white",
                edgecolors=colour,
                linewidths=1.3,
                linestyle="--",
                zorder=5,
                transform=transform,
            )
        else:
            ax.scatter(
                [x],
                [y],
                marker=marker,
                s=size,
                c=colour,
                edgecolors="#1a1a1a",
                linewidths=0.6,
                zorder=5,
                transform=transform,
            )
        points.append((y, x))
        kinds_seen.add(kind)
        hedged_seen |= is_hedged
    for kind in KIND_LABELS:
        if kind in kinds_seen:
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=MPL_MARKERS[kind],
                    markerfacecolor="#9e9e9e",
                    markeredgecolor="#1a1a1a",
                    markersize=8,
                    label=f"claim: {KIND_LABELS[kind]}",
                )
            )
    for side in ("UA", "RU"):
        if side in {side_key(g) for g in claims["gainer"].tolist()}:
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markerfacecolor=MARKER_COLOURS[side],
                    markeredgecolor="#1a1a1a",
                    markersize=8,
                    label=f"gained by {SIDE_LABELS[side]}",
                )
            )
    if hedged_seen:
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markerfacecolor="white",
                markeredgecolor="#636363",
                markersize=8,
                label="unverified (hollow)",
            )
        )

    (south, west), (north, east) = _fit_bounds(points, frames)
    shrink = max(0.2, math.cos(math.radians((south + north) / 2)))  # a degree of longitude is shorter
    # generous margins: a printed map needs the neighbouring units to be read
    pad_lat, pad_lon = (north - south) * 0.25, (east - west) * 0.25
    south, north, west, east = south - pad_lat, north + pad_lat, west - pad_lon, east + pad_lon
    # Widen the shorter side so the view fills the frame at the true aspect.
    box_w, box_h = 10 * 0.96, 7.5 * 0.84
    width, height = (east - west) * shrink, north - south
    if width / height < box_w / box_h:
        extra = (height * box_w / box_h / shrink - (east - west)) / 2
        west, east = west - extra, east + extra
    else:
        extra = ((east - west) * shrink * box_h / box_w - height) / 2
        south, north = south - extra, north + extra
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / shrink)
    ax.set_xticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_yticks([])
    heading = f"{title} — {day}" if day else title
    n = len(claims)
    fig.suptitle(heading, fontsize=15, fontweight="bold", y=0.975)
    fig.text(
        0.5, 0.93, f"{n} claim{'s' if n != 1 else ''} · shape: kind · colour: side", ha="center", fontsize=9
    )
    if handles:
        ax.legend(handles=handles, loc="best", fontsize=7, framealpha=0.92, title="Legend", title_fontsize=8)
    credits = [
        OUTLINES_ATTRIBUTION if outlines is not None else None,
        units_attribution(boundaries),
        "made with frontmap · claims as reported, not verified facts",
    ]
    fig.text(0.02, 0.03, " · ".join(c for c in credits if c), fontsize=7, color="#444444")
    out = Path(path)
    buffer = io.BytesIO()
    # Fixed metadata keeps the bytes identical from run to run.
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    write_atomic(out, buffer.getvalue())
    return out
