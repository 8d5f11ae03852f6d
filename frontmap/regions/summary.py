"""Claims summed per period, region and side: the table behind every choropleth.

:func:`region_summary` takes the claims frame of :func:`frontmap.regions.to_geodataframes`
(un-merged, or better merged with :func:`frontmap.regions.merge_repeated` so that a
claim told by five reports counts once) and returns one row per (period, region, gainer).
Regions are those the claims were attached to by the spatial join (``admin1`` /
``admin2`` columns); the boundaries given here supply the polygons and areas, so pass
the same boundaries to both steps.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from frontmap.errors import FrontmapWarning, InputError
from frontmap.records import KM_PER_UNIT

from .join import LEVELS, BoundariesArg, _dtype, active_boundaries

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

#: Accepted ``freq`` values: day, week (starting Monday, labelled by its Monday), month (labelled by its 1st).
FREQS: dict[str, str] = {"D": "day", "W": "week starting Monday", "M": "calendar month"}

#: Columns of the summary frame, in order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "date",
    "level",
    "unit_id",
    "region",
    "admin1",
    "gainer",
    "claimed_km2",
    "km_advanced",
    "settlements_claimed",
    "captures",
    "captured_places",
    "n_claims",
    "n_sources",
    "area_km2",
    "claimed_share",
    "approximate",
    "geometry",
)
# Claims columns the summary reads.
_NEEDED = ("date", "admin1", "admin2", "gainer", "kind", "value", "value_km2", "unit", "place", "doc")

#: Column kinds of the summary (see :func:`frontmap.regions.join.conform`).
REGION_SCHEMA: dict[str, str] = {
    "date": "datetime",
    "level": "str",
    "unit_id": "str",
    "region": "str",
    "admin1": "str",
    "gainer": "str",
    "claimed_km2": "float",
    "km_advanced": "float",
    "settlements_claimed": "int",
    "captures": "int",
    "captured_places": "str",
    "n_claims": "int",
    "n_sources": "int",
    "area_km2": "float",
    "claimed_share": "float",
    "approximate": "bool",
}


def check_freq(freq: str) -> str:
    """``freq`` upper-cased if it is one of :data:`FREQS`; otherwise an :class:`InputError` listing them.

    >>> check_freq("w")
    'W'
    """
    f = str(freq).strip().upper()
    if f not in FREQS:
        options = ", ".join(f"{k} ({v})" for k, v in FREQS.items())
        raise InputError(f"unknown frequency {freq!r}; expected one of {options}")
    return f


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise InputError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    return level


def simplify_regions(frame: gpd.GeoDataFrame, tolerance_m: float) -> gpd.GeoDataFrame:
    """``frame`` with its polygons simplified to about ``tolerance_m`` metres, shared borders kept shared.

    >>> simplify_regions(frame, 500)  # doctest: +SKIP
    """
    import shapely

    tolerance = float(tolerance_m) / 111_320.0  # metres to degrees of latitude: display precision only
    geoms = frame.geometry.values
    if hasattr(shapely, "coverage_simplify"):
        simple = shapely.coverage_simplify(geoms, tolerance)
    else:  # pragma: no cover - shapely < 2.1
        simple = shapely.simplify(geoms, tolerance, preserve_topology=True)
    out = frame.copy()
    out[out.geometry.name] = shapely.make_valid(simple)
    return out


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """The first day of the period of each date (``datetime64[ms]``; NaT stays NaT).

    >>> import pandas as pd
    >>> period_start(pd.Series(pd.to_datetime(["2024-05-16"])), "W").dt.strftime("%Y-%m-%d").tolist()
    ['2024-05-13']
    """
    import pandas as pd

    freq = check_freq(freq)
    d = pd.to_datetime(dates).astype("datetime64[ms]")
    days = d.to_numpy().astype("datetime64[D]")
    if freq == "D":
        out = days
    elif freq == "W":
        # numpy's day 0 (1970-01-01) was a Thursday: shift so weeks start on Monday.
        out = days - ((days.astype("int64") + 3) % 7).astype("timedelta64[D]")
    else:
        out = days.astype("datetime64[M]").astype("datetime64[D]")
    return pd.Series(out.astype("datetime64[ms]"), index=dates.index)


def region_summary(
    claims: gpd.GeoDataFrame,
    *,
    level: str = "admin1",
    boundaries: BoundariesArg = None,
    freq: str = "D",
    simplify_m: float | None = None,
) -> gpd.GeoDataFrame:
    """One row per (period, region, gainer) with what the claims say about it.

    Columns (:data:`SUMMARY_COLUMNS`): ``date`` (period start), ``claimed_km2`` (sum of
    ``value_km2`` of area claims; 0 when none), ``km_advanced`` (the largest distance
    claim in km, miles converted; NaN when none), ``settlements_claimed`` (counts of
    settlements claims plus one per named capture), ``captures`` and ``captured_places``
    (``;``-joined sorted names), ``n_claims`` (rows, i.e. events when merged),
    ``n_sources`` (distinct reports, from ``sources`` when merged), ``area_km2`` (the
    region's: the official figure at admin1), ``claimed_share`` (claimed_km2 / area_km2),
    ``approximate`` (the polygon is approximate), geometry the region polygon (EPSG:4326).
    Claims with no date, or attached to no region of ``level``, are left out with a
    :class:`FrontmapWarning` saying how many. ``simplify_m`` simplifies the polygons
    (keeping shared borders shared) for display: a summary repeats its region's polygon on
    every row, so a year of daily rows on detailed boundaries weighs hundreds of MB.

    >>> region_summary(claims, freq="W")  # doctest: +SKIP
    """
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    level = check_level(level)
    freq = check_freq(freq)
    frame = active_boundaries(boundaries, [level])[level]
    if simplify_m:
        frame = simplify_regions(frame, simplify_m)

    missing = [c for c in _NEEDED if c not in claims.columns]
    if missing:
        raise InputError(
            f"the claims frame lacks the columns {missing}; build it with frontmap.regions.to_geodataframes"
        )
    dates = pd.to_datetime(claims["date"]).astype("datetime64[ms]")
    undated = int(dates.isna().sum())
    if undated:
        warnings.warn(
            f"{undated} claim(s) with no date left out of the region summary", FrontmapWarning, stacklevel=2
        )
    text = {c: claims[c].astype(object) for c in ("admin1", "admin2", "gainer", "kind", "unit", "place")}
    df = pd.DataFrame(
        {
            "date": period_start(dates, freq),
            "admin1": text["admin1"],
            "admin2": text["admin2"],
            "gainer": text["gainer"],
            "kind": text["kind"],
            "value": pd.to_numeric(claims["value"]).astype("float64"),
            "value_km2": pd.to_numeric(claims["value_km2"]).astype("float64"),
            "value_unit": text["unit"],
            "place": text["place"],
            # Merged events list their reports in `sources`; plain claims have one, `doc`.
            "sources": (claims["sources"] if "sources" in claims.columns else claims["doc"]).astype(object),
        }
    )
    df = df[df["date"].notna()]

    # The region key: a name at admin1; (admin1, raion) at admin2, as raion names may repeat.
    units = frame.reset_index(drop=True)
    if level == "admin1":
        key_of = {name: i for i, name in enumerate(units["name"].astype(object))}
        keys = df["admin1"].map(key_of)
    else:
        key_of = {
            (a, n): i
            for i, (a, n) in enumerate(zip(units["admin1"].astype(object), units["name"].astype(object)))
        }
        keys = pd.Series(
            [key_of.get((a, b)) for a, b in zip(df["admin1"], df["admin2"])], index=df.index, dtype="float64"
        )
    unplaced = int(keys.isna().sum())
    if unplaced:
        warnings.warn(
            f"{unplaced} dated claim(s) attached to no {level} unit of the boundaries "
            "left out of the region summary",
            FrontmapWarning,
            stacklevel=2,
        )
    df = df.assign(unit=keys).dropna(subset=["unit"])
    df["unit"] = df["unit"].astype("int64")
    df["gainer"] = df["gainer"].where(df["gainer"].notna(), "")

    kind = df["kind"]
    df["_km2"] = np.where(kind == "area", df["value_km2"].fillna(0.0), 0.0)
    factor = df["value_unit"].map(lambda u: KM_PER_UNIT.get(u, 1.0) if isinstance(u, str) else 1.0)
    df["_km"] = np.where(kind == "distance", df["value"] * factor, np.nan)
    df["_settle"] = np.where(kind == "settlements", df["value"].fillna(0.0), 0.0) + (kind == "capture")
    df["_capture"] = (kind == "capture").astype("int64")

    keys_cols = ["date", "unit", "gainer"]
    grouped = df.groupby(keys_cols, sort=True)
    out = grouped.agg(
        claimed_km2=("_km2", "sum"),
        km_advanced=("_km", "max"),
        settlements_claimed=("_settle", "sum"),
        captures=("_capture", "sum"),
        n_claims=("kind", "size"),
    )
    caps = df[kind == "capture"].dropna(subset=["place"])
    places = caps.groupby(keys_cols)["place"].agg(lambda s: ";".join(sorted(set(s))))
    out["captured_places"] = places.reindex(out.index)
    src = df[keys_cols + ["sources"]].copy()
    src["sources"] = src["sources"].map(lambda s: s.split(";") if isinstance(s, str) else [])
    src = src.explode("sources")
    out["n_sources"] = src.groupby(keys_cols)["sources"].nunique().reindex(out.index).fillna(0)
    out = out.reset_index()

    u = units.iloc[out["unit"].to_numpy()].reset_index(drop=True) if len(out) else units.iloc[:0]
    area = (
        pd.to_numeric(u["area_km2"]).to_numpy(dtype="float64") if len(out) else np.array([], dtype="float64")
    )
    result = pd.DataFrame(
        {
            "date": out["date"].astype("datetime64[ms]"),
            "level": pd.Series([level] * len(out), dtype=_dtype("str")),
            "unit_id": pd.Series(u["unit_id"].astype(object).tolist(), dtype=_dtype("str")),
            "region": pd.Series(u["name"].astype(object).tolist(), dtype=_dtype("str")),
            "admin1": pd.Series(u["admin1"].astype(object).tolist(), dtype=_dtype("str")),
            "gainer": pd.Series([g or None for g in out["gainer"]], dtype=_dtype("str")),
            "claimed_km2": out["claimed_km2"].astype("float64"),
            "km_advanced": out["km_advanced"].astype("float64"),
            "settlements_claimed": out["settlements_claimed"].round().astype("int64"),
            "captures": out["captures"].astype("int64"),
            "captured_places": pd.Series(out["captured_places"].astype(object).tolist(), dtype=_dtype("str")),
            "n_claims": out["n_claims"].astype("int64"),
            "n_sources": out["n_sources"].astype("int64"),
            "area_km2": area,
            "claimed_share": out["claimed_km2"].to_numpy(dtype="float64") / np.where(area > 0, area, np.nan),
            "approximate": pd.Series([bool(a) for a in u["approximate"]], dtype="bool"),
        }
    )
    geometry = list(u.geometry) if len(out) else []
    gdf = gpd.GeoDataFrame(result, geometry=gpd.GeoSeries(geometry, crs="EPSG:4326"), crs="EPSG:4326")
    # Rows sorted by (date, unit_id, gainer) whatever the boundary frame's order; no-gainer rows last.
    gdf["_g"] = gdf["gainer"].fillna("\uffff")
    gdf = gdf.sort_values(["date", "unit_id", "_g"], kind="stable").drop(columns="_g").reset_index(drop=True)
    return gdf
