"""Illustrative footprints: where an area claim *might* lie, drawn so that its size reads right.

A report says "400 km² near Robotyne", never which 400 km². The footprint is a disc of
the claimed area centred on the claim's place, built in an equal-area CRS
(:data:`frontmap.regions.join.EQUAL_AREA_CRS`) and clipped to the claim's first-level
unit. Clipping can cut the disc (a place near an oblast border or the coast): the area
left is recorded in ``footprint_km2`` and the disc is **not** rescaled. Every output
carrying a footprint has ``illustrative = True``: it shows the size of a claim, not its
extent on the ground.

Footprints exist for area claims with a positive ``value_km2``, a place and a
first-level unit (``admin1``); claims placed outside Ukraine or only at country level
get none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .join import EQUAL_AREA_CRS, BoundariesArg, active_boundaries

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

#: Vertices per quarter circle of a footprint disc (a 64-gon, sized to have exactly the claimed area).
QUAD_SEGS = 16


def footprint_mask(claims: gpd.GeoDataFrame) -> Any:
    """Boolean array: which claims get a footprint (area, value_km2 > 0, a point, an admin1)."""
    import numpy as np
    import shapely

    if not len(claims):
        return np.zeros(0, dtype=bool)
    km2 = claims["value_km2"].to_numpy(dtype="float64", na_value=np.nan)
    return (
        (claims["kind"].astype(object).to_numpy() == "area")
        & (np.nan_to_num(km2) > 0)
        & ~shapely.is_missing(np.asarray(claims.geometry.values))
        & claims["admin1"].notna().to_numpy()
    )


def footprint_geometries(
    claims: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, crs: str = EQUAL_AREA_CRS
) -> Any:
    """Footprint polygons (in ``crs``, an equal-area CRS) of the claims chosen by :func:`footprint_mask`.

    ``regions`` is the admin1 boundary frame. Returns an array of geometries aligned
    with ``claims`` (None where there is no footprint).
    """
    import numpy as np
    import shapely

    n = len(claims)
    out = np.full(n, None, dtype=object)
    mask = footprint_mask(claims)
    if not mask.any():
        return out
    sub = claims[mask]
    pts = sub.geometry.to_crs(crs).values
    # The radius of the 4*QUAD_SEGS-gon (not the circle) whose area is the claimed area.
    n_sides = 4 * QUAD_SEGS
    polygon_factor = n_sides / 2 * np.sin(2 * np.pi / n_sides)
    radius = np.sqrt(sub["value_km2"].to_numpy(dtype="float64") * 1e6 / polygon_factor)
    discs = shapely.buffer(np.asarray(pts), radius, quad_segs=QUAD_SEGS)
    polys = regions.to_crs(crs)
    by_name = dict(zip(polys["name"].astype(object), polys.geometry.values))
    names = sub["admin1"].astype(object).to_numpy()
    for name in sorted(set(names)):
        region = by_name.get(name)
        if region is None:
            continue  # a first-level name the boundaries do not have: keep the whole disc
        shapely.prepare(region)
        idx = np.flatnonzero(names == name)
        inside = shapely.within(discs[idx], region)
        cut = idx[~inside]
        if len(cut):
            discs[cut] = shapely.intersection(discs[cut], region)
    out[np.flatnonzero(mask)] = discs
    return out


def illustrative_footprints(
    claims: gpd.GeoDataFrame, *, boundaries: BoundariesArg = None
) -> gpd.GeoDataFrame:
    """One row per area claim with a place: its claim columns, ``footprint_km2`` and ``illustrative``.

    The geometry (EPSG:4326) is a disc of the claimed area around the place, clipped
    to the claim's first-level unit; ``footprint_km2`` is what is left after clipping.

    >>> fp = illustrative_footprints(claims)  # doctest: +SKIP
    >>> bool(fp.illustrative.all())  # doctest: +SKIP
    True
    """
    import geopandas as gpd
    import numpy as np
    import shapely

    regions = active_boundaries(boundaries, ["admin1"])["admin1"]
    geoms = footprint_geometries(claims, regions)
    keep = np.array([g is not None for g in geoms], dtype=bool)
    sub = claims[keep].copy() if len(claims) else claims.copy()
    kept = geoms[keep] if len(claims) else np.array([], dtype=object)
    area = shapely.area(kept.astype(object)) / 1e6 if len(kept) else np.array([], dtype="float64")
    geom_name = sub.geometry.name
    data = sub.drop(columns=[geom_name])
    data["footprint_km2"] = np.asarray(area, dtype="float64")
    data["illustrative"] = True
    out = gpd.GeoDataFrame(
        data.reset_index(drop=True),
        geometry=gpd.GeoSeries(list(kept), crs=EQUAL_AREA_CRS).to_crs("EPSG:4326").values,
        crs="EPSG:4326",
    )
    out["illustrative"] = out["illustrative"].astype("bool")
    return out
