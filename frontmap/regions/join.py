"""From records to GeoDataFrames: mentions and claims as points, claims attached to regions.

:func:`to_geodataframes` is the boundary where the records of the pipeline become
GeoDataFrames (EPSG:4326, one row per mention / claim, deterministic order by
``(doc, start)``). Each claim gets its first-level (``admin1``) and second-level
(``admin2``) unit by a spatial join of its point against the *active boundaries*
(the shipped approximate ones by default), never by the place's name alone:

* a place given as a point (a settlement, a raion's or hromada's representative
  point) gets both units from the polygons that contain it;
* a place that stands for a first-level unit (precision ``admin1``) gets ``admin1``
  from its point and ``admin2`` None (the point says nothing about the raion);
* a country, a water body or a macro-region such as "Donbas" spans several units:
  no unit from its point; ``admin1`` comes from the claim's ``region`` when that is
  a first-level unit, as for a claim with no place at all (which has no geometry);
* a place outside Ukraine (by its gazetteer country) is attached to no unit.

A point of Ukraine that falls just outside every polygon (a coastal village beyond
the simplified shoreline) is given the nearest unit within :data:`NEAREST_M` metres.
Where both levels are joined, ``admin2`` must lie in ``admin1``; a raion from another
boundary set that disagrees is dropped (None) rather than contradicting ``admin1``.

:func:`merge_repeated` folds the same claim told by several reports into one event
(see its docstring); :func:`to_geodataframes` itself never merges, so the un-merged
rows stay available.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Union

from frontmap.errors import InputError
from frontmap.records import KM2_PER_UNIT, KM_PER_UNIT, Extraction

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

#: What ``boundaries=`` accepts everywhere in :mod:`frontmap.regions` and :mod:`frontmap.export`:
#: None (the shipped approximate boundaries), a standard boundary frame (one or both levels),
#: a mapping ``{"admin1": frame, "admin2": frame}``, or the path of a boundary file.
BoundariesArg = Union["gpd.GeoDataFrame", Mapping[str, "gpd.GeoDataFrame"], str, "os.PathLike[str]", None]

LEVELS: tuple[str, ...] = ("admin1", "admin2")
#: Columns of the standard boundary frame (docs/ARCHITECTURE.md).
BOUNDARY_COLUMNS: tuple[str, ...] = (
    "unit_id",
    "name",
    "level",
    "admin1",
    "area_km2",
    "approximate",
    "geometry",
)
#: A point of Ukraine outside every polygon takes the nearest unit within this distance.
NEAREST_M = 5000.0
#: The equal-area CRS used for every area and distance computed from geometry.
EQUAL_AREA_CRS = "EPSG:3035"

# Column name -> kind; the kinds map to pandas dtypes in :func:`conform`.
MENTION_SCHEMA: dict[str, str] = {
    "doc": "str",
    "surface": "str",
    "start": "int",
    "end": "int",
    "name": "str",
    "kind": "str",
    "country": "str",
    "admin1": "str",
    "lat": "float",
    "lon": "float",
    "precision": "str",
    "role": "str",
    "relation": "str",
    "part": "str",
    "place_id": "str",
}
CLAIM_SCHEMA: dict[str, str] = {
    "claim_id": "str",
    "doc": "str",
    "kind": "str",
    "value": "float",
    "value_min": "float",
    "value_max": "float",
    "qualifier": "str",
    "unit": "str",
    "value_km2": "float",
    "gainer": "str",
    "claimant": "str",
    "place": "str",
    "place_lat": "float",
    "place_lon": "float",
    "region": "str",
    "date": "datetime",
    "period_start": "datetime",
    "period_end": "datetime",
    "hedged": "bool",
    "sentence": "str",
    "start": "int",
    "end": "int",
    "title": "str",
    "url": "str",
    "published": "datetime",
    "admin1": "str",
    "admin2": "str",
}
#: Columns that :func:`merge_repeated` (and :func:`assign_events`) add to the claims.
EVENT_SCHEMA: dict[str, str] = {"event_id": "str", "sources": "str", "n_sources": "int"}

_NO_UNIT_KINDS = frozenset({"country", "water", "region"})
_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
_NAT = -(2**63)  # numpy's NaT as an int64


def _dtype(kind: str) -> Any:
    import numpy as np
    import pandas as pd

    if kind == "str":
        # pandas >= 3 has a real string dtype with NaN for missing; older pandas keeps object.
        return (
            pd.StringDtype(na_value=np.nan) if hasattr(pd, "StringDtype") and _pandas_major() >= 3 else object
        )
    return {"float": "float64", "int": "int64", "bool": "bool", "datetime": "datetime64[ms]"}[kind]


def _pandas_major() -> int:
    import pandas as pd

    return int(pd.__version__.split(".")[0])


def conform(frame: pd.DataFrame, schema: Mapping[str, str], *, strict: bool = False) -> pd.DataFrame:
    """Cast ``frame``'s schema columns to their canonical dtypes and put them first, in schema order.

    Missing strings become NaN, empty strings (how CSV stores a missing text) too. Other
    columns are kept after the schema ones (``geometry`` last). With ``strict`` a missing
    column is an error; otherwise it is added empty.

    >>> import pandas as pd
    >>> conform(pd.DataFrame({"n_sources": [1.0]}), {"event_id": "str", "n_sources": "int"}).dtypes.n_sources
    dtype('int64')
    """
    import numpy as np
    import pandas as pd

    out = frame.copy()
    n = len(out)
    for col, kind in schema.items():
        if col not in out.columns:
            if strict:
                raise InputError(f"column {col!r} is missing; expected the columns {list(schema)}")
            out[col] = pd.Series([None] * n, index=out.index, dtype=object)
        s = out[col]
        if kind == "str":
            vals = [
                None
                if (v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v == "")
                else str(v)
                for v in s.tolist()
            ]
            out[col] = pd.Series(vals, index=out.index, dtype=_dtype("str"))
        elif kind == "datetime":
            out[col] = (
                pd.to_datetime(s, errors="coerce").astype("datetime64[ms]")
                if n
                else s.astype("datetime64[ms]")
            )
            if getattr(out[col].dt, "tz", None) is not None:
                out[col] = out[col].dt.tz_localize(None)
        elif kind == "bool":
            out[col] = s.map(_to_bool).astype("bool")
        elif kind == "int":
            out[col] = pd.to_numeric(s).fillna(0).astype("int64") if n else s.astype("int64")
        else:
            out[col] = pd.to_numeric(s, errors="coerce").astype("float64")
    rest = [c for c in out.columns if c not in schema and c != "geometry"]
    cols = list(schema) + rest + (["geometry"] if "geometry" in out.columns else [])
    return out[cols]


def _to_bool(v: Any) -> bool:
    if isinstance(v, str):
        return v.strip().lower() in ("1", "true", "yes", "t")
    import pandas as pd

    try:
        return False if pd.isna(v) else bool(v)  # NaN is not True
    except (TypeError, ValueError):
        return False


def active_boundaries(
    boundaries: BoundariesArg = None, levels: Iterable[str] = LEVELS
) -> dict[str, gpd.GeoDataFrame]:
    """The boundary frames of ``levels`` (admin1, admin2) to join and summarise against.

    A level the given boundaries lack falls back to the shipped approximate frame of
    that level (a user file of oblasts still gets raions, checked to nest).

    >>> frames = active_boundaries()  # doctest: +SKIP
    >>> sorted(frames)  # doctest: +SKIP
    ['admin1', 'admin2']
    """
    import geopandas as gpd

    given: dict[str, gpd.GeoDataFrame] = {}
    if boundaries is None:
        pass
    elif isinstance(boundaries, (str, os.PathLike)):
        from frontmap.regions.boundaries import load_boundaries

        frame = load_boundaries(boundaries)
        given.update(_split_levels(frame))
    elif isinstance(boundaries, gpd.GeoDataFrame):
        given.update(_split_levels(boundaries))
    elif isinstance(boundaries, Mapping):
        for level, frame in boundaries.items():
            if level not in LEVELS:
                raise InputError(f"unknown boundary level {level!r}; expected one of {list(LEVELS)}")
            if frame is not None:
                given[level] = _check_frame(frame, level)
    else:
        raise InputError(
            f"boundaries must be None, a boundary GeoDataFrame, a mapping of levels or a file path, "
            f"not {type(boundaries).__name__}"
        )
    out: dict[str, gpd.GeoDataFrame] = {}
    for level in levels:
        if level not in LEVELS:
            raise InputError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
        if level in given:
            out[level] = given[level]
        else:
            from frontmap.regions.boundaries import shipped_boundaries

            out[level] = _check_frame(shipped_boundaries(level), level)
    return out


def _split_levels(frame: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    if "level" not in frame.columns:
        raise InputError(f"a boundary frame needs the columns {list(BOUNDARY_COLUMNS)}; 'level' is missing")
    out = {}
    for level in LEVELS:
        part = frame[frame["level"] == level]
        if len(part):
            out[level] = _check_frame(part, level)
    if not out:
        raise InputError(f"the boundary frame has no rows of level {' or '.join(LEVELS)}")
    return out


def _check_frame(frame: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    missing = [c for c in BOUNDARY_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            f"the {level} boundary frame lacks the columns {missing}; "
            f"load boundary files with frontmap.regions.load_boundaries"
        )
    if frame.crs is None:
        raise InputError(f"the {level} boundary frame has no CRS; the standard frame is in EPSG:4326")
    if not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    # Sorting by unit_id makes every tie (a point on a shared border) break the same way.
    return frame.sort_values("unit_id", kind="stable").reset_index(drop=True)


def _locate(points: Any, frame: gpd.GeoDataFrame, is_ua: Any) -> Any:
    """Index into ``frame`` of the polygon holding each point (-1 for none)."""
    import numpy as np
    import shapely

    n = len(points)
    found = np.full(n, -1, dtype=np.int64)
    present = ~shapely.is_missing(points)
    if n == 0 or len(frame) == 0 or not present.any():
        return found
    # Many claims share a place: locate each distinct point once.
    xy = np.ascontiguousarray(shapely.get_coordinates(points[present]))
    # (x, y) pairs as complex numbers: a 1-d unique is much faster than np.unique(axis=0).
    uniq, back = np.unique(xy.view(np.complex128).reshape(-1), return_inverse=True)
    back = back.reshape(-1)
    upts = shapely.points(uniq.real, uniq.imag)
    geoms = np.asarray(frame.geometry.values)
    # Query the points' tree with the polygons, so that GEOS prepares each polygon once.
    pi_tree = shapely.STRtree(upts)
    gi, pi = pi_tree.query(geoms, predicate="intersects")
    ufound = np.full(len(upts), -1, dtype=np.int64)
    if len(pi):
        # Several hits only on a shared border: keep the lowest unit_id (frames are sorted).
        order = np.lexsort((gi, pi))
        pi, gi = pi[order], gi[order]
        first = np.r_[True, pi[1:] != pi[:-1]]
        ufound[pi[first]] = gi[first]
    found[np.flatnonzero(present)] = ufound[back]
    lost = np.flatnonzero((found < 0) & is_ua & present)
    if len(lost):
        from pyproj import Transformer

        tr = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)

        def project(g: Any) -> Any:
            return shapely.transform(g, lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1])))

        li, gj = shapely.STRtree(project(geoms)).query_nearest(
            project(points[lost]), max_distance=NEAREST_M, all_matches=False
        )
        found[lost[li]] = gj
    return found


def to_geodataframes(
    extractions: Iterable[Extraction], *, boundaries: BoundariesArg = None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The mentions and the claims of ``extractions`` as two GeoDataFrames in EPSG:4326.

    One row per mention / claim, sorted by ``(doc, start)``; the columns are those of
    docs/ARCHITECTURE.md (dates as ``datetime64[ms]``, missing text as NaN). Claims are
    not merged: see :func:`merge_repeated`.

    >>> mentions, claims = to_geodataframes([])  # doctest: +SKIP
    >>> list(claims.columns)[:3]  # doctest: +SKIP
    ['claim_id', 'doc', 'kind']
    """
    import numpy as np
    import pandas as pd

    m_rows: list[tuple[Any, ...]] = []
    c_rows: list[tuple[Any, ...]] = []
    for ex in extractions:
        art = ex.article
        for m in ex.mentions:
            p = m.place
            m_rows.append(
                (
                    m.doc,
                    m.surface,
                    m.start,
                    m.end,
                    p.name,
                    p.kind,
                    p.country,
                    p.admin1,
                    p.lat,
                    p.lon,
                    p.precision,
                    m.role,
                    m.relation,
                    m.part,
                    p.id,
                )
            )
        for c in ex.claims:
            place = c.place.place if c.place is not None else None
            c_rows.append(
                (
                    f"{c.doc}:{c.start}",
                    c.doc,
                    c.kind,
                    c.value,
                    c.value_min,
                    c.value_max,
                    c.qualifier,
                    c.unit,
                    c.value_km2,
                    c.gainer,
                    c.claimant,
                    c.place_label,
                    place.lat if place else None,
                    place.lon if place else None,
                    c.region,
                    c.date,
                    c.period_start,
                    c.period_end,
                    bool(c.hedged),
                    c.sentence,
                    c.start,
                    c.end,
                    art.title,
                    art.url,
                    art.published,
                    None,
                    None,
                    # not columns: what the join needs to know about the place
                    place.kind if place else None,
                    place.precision if place else None,
                    place.country if place else None,
                )
            )
    # Deterministic order whatever the order of the input: (doc, start, end, ...).
    m_rows.sort(key=lambda r: (r[0], r[2], r[3], r[13]))
    c_rows.sort(key=lambda r: (r[1], r[20], r[21], r[2]))
    mentions = _frame(m_rows, MENTION_SCHEMA, "lon", "lat")
    n_cols = len(CLAIM_SCHEMA)
    c_meta = [r[n_cols:] for r in c_rows]
    claims = _frame(c_rows, CLAIM_SCHEMA, "place_lon", "place_lat")
    if len(claims):
        frames = active_boundaries(boundaries)
        a1, a2 = frames["admin1"], frames["admin2"]
        kinds = np.array([k for k, _, _ in c_meta], dtype=object)
        precisions = np.array([p for _, p, _ in c_meta], dtype=object)
        is_ua = np.array([c == "UA" for _, _, c in c_meta], dtype=bool)
        pointlike = is_ua & ~np.isin(kinds, list(_NO_UNIT_KINDS)) & (precisions != "country")
        points = np.asarray(claims.geometry.values)
        points = np.where(pointlike, points, None)
        i1 = _locate(points, a1, is_ua)
        use2 = pointlike & (precisions != "admin1")
        i2 = _locate(np.where(use2, points, None), a2, is_ua)
        names1 = np.asarray(a1["name"].astype(object))
        names2 = np.asarray(a2["name"].astype(object))
        parent2 = np.asarray(a2["admin1"].astype(object))
        first_level = set(names1.tolist())
        admin1: list[str | None] = []
        admin2: list[str | None] = []
        regions = claims["region"].astype(object).tolist()
        for k in range(len(claims)):
            u1 = names1[i1[k]] if i1[k] >= 0 else None
            if u1 is None and not pointlike[k]:
                reg = regions[k]
                u1 = reg if isinstance(reg, str) and reg in first_level else None
            u2 = names2[i2[k]] if i2[k] >= 0 and use2[k] else None
            if u2 is not None and u1 is not None and parent2[i2[k]] != u1:
                u2 = None
            admin1.append(u1)
            admin2.append(u2)
        claims["admin1"] = pd.Series(admin1, index=claims.index, dtype=_dtype("str"))
        claims["admin2"] = pd.Series(admin2, index=claims.index, dtype=_dtype("str"))
    return mentions, claims


def _frame(rows: list[tuple[Any, ...]], schema: Mapping[str, str], x: str, y: str) -> gpd.GeoDataFrame:
    """A GeoDataFrame from row tuples (schema order; extra trailing items ignored), typed by ``schema``."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    columns = list(zip(*rows)) if rows else [()] * len(schema)
    data: dict[str, Any] = {}
    for (col, kind), values in zip(schema.items(), columns):
        if kind == "str":
            data[col] = pd.Series(list(values), dtype=_dtype("str"))
        elif kind == "datetime":
            # Day numbers are much faster to convert than date objects; NaT is int64's minimum.
            days = np.fromiter(
                (_NAT if d is None else d.toordinal() - _EPOCH_ORDINAL for d in values), "int64", len(values)
            )
            data[col] = days.view("datetime64[D]").astype("datetime64[ms]")
        elif kind == "float":
            data[col] = np.array(values, dtype="float64")
        else:
            data[col] = np.array(values, dtype=_dtype(kind))
    df = pd.DataFrame(data)
    xs = df[x].to_numpy(dtype="float64")
    ys = df[y].to_numpy(dtype="float64")
    geom = shapely.points(xs, ys)
    geom[np.isnan(xs) | np.isnan(ys)] = None
    return gpd.GeoDataFrame(df, geometry=geom, crs="EPSG:4326")


def empty_claims() -> gpd.GeoDataFrame:
    """An empty claims frame with every column and its dtype (events columns included)."""
    _, claims = to_geodataframes([])
    return conform(claims, {**CLAIM_SCHEMA, **EVENT_SCHEMA})


# --- merging repeated claims -------------------------------------------------------------------


def _norm_values(values: pd.Series, factor: Any) -> list[float | None]:
    """Values in km² / km, rounded so that 150 sq mi told twice is one value however the float came out."""
    import numpy as np
    import pandas as pd

    v = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    return [None if np.isnan(x) else x for x in np.round(v * factor, 3).tolist()]


def _norm_texts(values: pd.Series) -> list[str | None]:
    """Case- and space-folded texts (None for missing or blank); each distinct text folded once."""
    raw = values.astype(object).where(values.notna(), None).tolist()
    folded: dict[Any, str | None] = {}
    for t in set(raw):
        folded[t] = (" ".join(t.casefold().split()) or None) if isinstance(t, str) else None
    return [folded[t] for t in raw]


def _label_events(claims: gpd.GeoDataFrame, days: int) -> tuple[gpd.GeoDataFrame, list[bool]]:
    import numpy as np
    import pandas as pd

    if days < 0:
        raise InputError(f"days must be 0 or more, not {days}")
    n = len(claims)
    cols = {
        c: claims[c].astype(object).where(claims[c].notna(), None).tolist()
        for c in ("kind", "gainer", "claimant", "doc", "start", "claim_id")
    }
    units = claims["unit"].astype(object).where(claims["unit"].notna(), None)
    factor = units.map(lambda u: KM2_PER_UNIT.get(u, KM_PER_UNIT.get(u, 1.0)) if u else 1.0)
    factor = factor.to_numpy(dtype="float64") if n else np.zeros(0)
    value = _norm_values(claims["value"], factor)
    vmin = _norm_values(claims["value_min"], factor)
    vmax = _norm_values(claims["value_max"], factor)
    region = [r or a for r, a in zip(_norm_texts(claims["region"]), _norm_texts(claims["admin1"]))]
    place = _norm_texts(claims["place"])
    claimants = _norm_texts(claims["claimant"])
    ordinal = pd.to_datetime(claims["date"]).to_numpy().astype("datetime64[D]")
    dated = ~np.isnat(ordinal)
    day = ordinal.astype("int64").tolist()

    groups: dict[tuple[Any, ...], list[int]] = {}
    kinds = cols["kind"]
    for i in np.flatnonzero(dated).tolist():  # an undated claim cannot be within `days` of another
        kind = kinds[i]
        key = (
            kind,
            cols["gainer"][i],
            region[i],
            value[i],
            vmin[i],
            vmax[i],
            # A capture is about its place: two villages taken the same day are two events.
            place[i] if kind == "capture" else None,
        )
        groups.setdefault(key, []).append(i)

    cluster_of = list(range(n))
    for members in groups.values():
        members.sort(key=lambda i: (day[i], cols["doc"][i], cols["start"][i]))
        open_clusters: list[dict[str, Any]] = []
        for i in members:
            open_clusters = [c for c in open_clusters if day[i] - c["day"] <= days]
            claimant = claimants[i]
            for c in open_clusters:
                if cols["doc"][i] in c["docs"]:
                    continue
                if claimant is not None and c["claimant"] is not None and claimant != c["claimant"]:
                    continue
                c["docs"].add(cols["doc"][i])
                c["claimant"] = c["claimant"] or claimant
                cluster_of[i] = c["first"]
                break
            else:
                open_clusters.append(
                    {"first": i, "day": day[i], "docs": {cols["doc"][i]}, "claimant": claimant}
                )

    members_of: dict[int, list[int]] = {}
    for i, c in enumerate(cluster_of):
        members_of.setdefault(c, []).append(i)
    sources_of = {c: ";".join(sorted({cols["doc"][j] for j in m})) for c, m in members_of.items()}
    # The event's claimant is the one any of its reports named when the first report named none.
    named: dict[int, Any] = {}
    for c, m in members_of.items():
        named[c] = next((cols["claimant"][j] for j in m if cols["claimant"][j] is not None), None)
    out = claims.drop(columns=[c for c in EVENT_SCHEMA if c in claims.columns])
    geom_name = out.geometry.name
    out["claimant"] = pd.Series(
        [cols["claimant"][i] if cols["claimant"][i] is not None else named[cluster_of[i]] for i in range(n)],
        index=out.index,
        dtype=_dtype("str"),
    )
    out["event_id"] = pd.Series(
        [cols["claim_id"][cluster_of[i]] for i in range(n)], index=out.index, dtype=_dtype("str")
    )
    out["sources"] = pd.Series(
        [sources_of[cluster_of[i]] for i in range(n)], index=out.index, dtype=_dtype("str")
    )
    out["n_sources"] = pd.Series(
        [len(members_of[cluster_of[i]]) for i in range(n)], index=out.index, dtype="int64"
    )
    order = [c for c in out.columns if c != geom_name] + [geom_name]
    first = [cluster_of[i] == i for i in range(n)]
    return out[order], first


def assign_events(claims: gpd.GeoDataFrame, *, days: int = 2) -> gpd.GeoDataFrame:
    """Every claim row, each labelled with the ``event_id``, ``sources`` and ``n_sources`` of its event.

    Nothing is dropped; :func:`merge_repeated` keeps one row per event. The rules are those
    of :func:`merge_repeated`.

    >>> assign_events(empty_claims()).columns[-4:].tolist()  # doctest: +SKIP
    ['event_id', 'sources', 'n_sources', 'geometry']
    """
    return _label_events(claims, days)[0]


def merge_repeated(claims: gpd.GeoDataFrame, *, days: int = 2) -> gpd.GeoDataFrame:
    """One row per event: the same claim told by several reports becomes one row.

    Two claims are the same event when they come from different reports and have the
    same kind, gainer, value (in km² / km, and the same range), region (``region``, else
    ``admin1``) and, for captures, the same place; their dates lie within ``days`` of the
    event's first date; and their claimants agree (equal, or not named in one of them —
    an event never mixes two different named claimants). Undated claims are never
    merged. The row kept is the earliest report's (by date, doc, start), its
    ``event_id`` is that claim's ``claim_id``, ``sources`` lists the doc ids (sorted,
    ``;``-joined) and ``n_sources`` counts them; when the kept report named no
    claimant, the event takes the one another report named. The input is unchanged:
    keep it for the un-merged rows, or use :func:`assign_events` to label every row.

    >>> merge_repeated(empty_claims()).n_sources.tolist()  # doctest: +SKIP
    []
    """
    labelled, first = _label_events(claims, days)
    return labelled[first].reset_index(drop=True) if len(labelled) else labelled.reset_index(drop=True)
