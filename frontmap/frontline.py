"""Front-line snapshots: load them, measure what changed hands, check claims against them.

A *snapshot* is the polygon of territory held by Russia on one date (for instance a
DeepStateMap export). This module

* loads a directory or list of dated snapshot files (:func:`load_snapshots`) into an
  immutable :class:`Snapshots` (one repaired, polygonal geometry per date);
* answers "what did the map look like on day D" (:meth:`Snapshots.snapshot_for`,
  :func:`occupied_as_of`, the frame the map layer draws);
* measures km² gained by each side between two snapshots per region
  (:func:`frontline_diff`), per consecutive pair (:func:`frontline_changes`) and km²
  held per date (:func:`occupied_area`), always in an equal-area CRS and clipped to the
  land of the boundary frame;
* checks claims (area, distance, settlements, capture) against the measurements
  (:func:`check_claims`, a ``verdict`` column the map can style);
* writes a contested-ground raster: how often each 1 km cell changed hands
  (:func:`contested_raster`).

Snapshots are stored in EPSG:4326 and, once, in :data:`EQUAL_AREA_CRS`; every area is
measured in the latter. Side conventions: the polygons are Russian-held, so a *RU gain*
is occupied in the later snapshot and not in the earlier one, a *UA gain* the reverse.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Union

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from frontmap._io import atomic_path
from frontmap.errors import FrontmapWarning, InputError, SourceError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

log = logging.getLogger(__name__)

#: Equal-area CRS every area is measured in: Lambert azimuthal equal-area centred on Ukraine.
#: Areas agree with EPSG:6933 to about 0.01 % over Ukraine; shapes are far less distorted.
EQUAL_AREA_CRS = "+proj=laea +lat_0=49 +lon_0=31 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
#: CRS of the contested-ground raster: the European LAEA grid (cells aligned on whole kilometres).
RASTER_CRS = "EPSG:3035"
#: File name endings :func:`load_snapshots` reads from a directory.
SNAPSHOT_SUFFIXES: tuple[str, ...] = (".geojson", ".json", ".gpkg")
#: Properties holding a snapshot's date, in order of preference (before the file name).
DATE_PROPERTIES: tuple[str, ...] = ("snapshot_date", "date")
#: Every value of the ``verdict`` column of :func:`check_claims`.
VERDICTS: tuple[str, ...] = (
    "consistent",
    "overstated",
    "understated",
    "contradicted",
    "not_comparable",
    "no_data",
)
#: A claimed figure within this factor of the measured one is ``consistent``.
CONSISTENT_FACTOR = 1.5
#: Without a period, a claim is measured from the latest snapshot at least this many days before it.
LOOKBACK_DAYS = 7
#: Longest edge (degrees, about 5 km) projected as a straight line; longer edges are split first
#: (over 5 km a parallel bows less than a metre away from the chord in the equal-area CRS).
MAX_SEGMENT_DEG = 0.05
#: Date a GeoPackage written here records as its modification time (reproducible output).
GPKG_DATE = "2000-01-01T00:00:00.000Z"
#: How a claim's qualifier reads in a check note.
_QUALIFIER_WORDS = {
    "more_than": "more than ",
    "less_than": "less than ",
    "up_to": "up to ",
    "approx": "about ",
}
#: A capture's place farther than this (metres) from every region is off the snapshots' ground.
OFF_LAND_M = 2000.0
#: Row of the totals in the per-region frames.
TOTAL_ID = "TOTAL"

DateLike = dt.date | str
BoundariesLike = Union["gpd.GeoDataFrame", str, os.PathLike]  # noqa: UP007 (forward reference)

_DASHED = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_POLYGONAL = ("Polygon", "MultiPolygon")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The occupied territory on one date: one (Multi)Polygon in EPSG:4326 and in :data:`EQUAL_AREA_CRS`.

    ``source`` names the file(s) it came from; ``repaired`` says whether invalid geometry was fixed.
    """

    date: dt.date
    geometry: BaseGeometry = field(repr=False, compare=False)
    geometry_ea: BaseGeometry = field(repr=False, compare=False)
    source: str = ""
    repaired: bool = False

    @property
    def area_km2(self) -> float:
        """Occupied area in km² (equal-area CRS, not clipped to land)."""
        return float(self.geometry_ea.area) / 1e6


class SnapshotMatch(NamedTuple):
    """What :meth:`Snapshots.snapshot_for` returns: the snapshot used and how old it is."""

    date: dt.date
    geometry: BaseGeometry
    age_days: int


@dataclass(frozen=True, slots=True)
class Snapshots:
    """Dated occupied-territory snapshots, sorted by date, one per date. Immutable.

    >>> snaps = Snapshots.from_geometries({"2022-09-06": shapely.box(36, 49, 37, 50)})
    >>> snaps.dates
    (datetime.date(2022, 9, 6),)
    >>> snaps.snapshot_for("2022-09-10").age_days
    4
    """

    items: tuple[Snapshot, ...]

    def __post_init__(self) -> None:
        dates = [s.date for s in self.items]
        if dates != sorted(set(dates)):
            raise InputError("Snapshots must be sorted by date with one snapshot per date")

    @classmethod
    def from_geometries(
        cls,
        geometries: dict[DateLike, BaseGeometry] | Iterable[tuple[DateLike, BaseGeometry]],
        *,
        source: str = "memory",
    ) -> Snapshots:
        """Build snapshots from EPSG:4326 geometries keyed by date (repaired and projected like files).

        >>> len(Snapshots.from_geometries([("2024-01-01", shapely.box(37, 48, 38, 49))]))
        1
        """
        pairs = geometries.items() if isinstance(geometries, dict) else geometries
        project = _projector(EQUAL_AREA_CRS)
        items = []
        for day, geom in pairs:
            clean, repaired = _polygonal(geom)
            items.append(Snapshot(_as_date(day), clean, project(clean), source, repaired))
        items.sort(key=lambda s: s.date)
        return cls(tuple(items))

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Snapshot]:
        return iter(self.items)

    def __getitem__(self, day: DateLike) -> Snapshot:
        """The snapshot of exactly this date (KeyError otherwise)."""
        wanted = _as_date(day)
        for snap in self.items:
            if snap.date == wanted:
                return snap
        raise KeyError(wanted)

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """Snapshot dates, oldest first."""
        return tuple(s.date for s in self.items)

    def latest_on_or_before(self, day: DateLike) -> Snapshot | None:
        """The most recent snapshot dated ``day`` or earlier, or None."""
        wanted = _as_date(day)
        found = None
        for snap in self.items:
            if snap.date > wanted:
                break
            found = snap
        return found

    def first_on_or_after(self, day: DateLike) -> Snapshot | None:
        """The earliest snapshot dated ``day`` or later, or None."""
        wanted = _as_date(day)
        return next((s for s in self.items if s.date >= wanted), None)

    def snapshot_for(self, day: DateLike) -> SnapshotMatch | None:
        """The latest snapshot on or before ``day`` with its age in days, or None when all are later.

        >>> s = Snapshots.from_geometries({"2022-09-06": shapely.box(36, 49, 37, 50)})
        >>> s.snapshot_for("2022-09-06").age_days, s.snapshot_for("2022-09-05")
        (0, None)
        """
        snap = self.latest_on_or_before(day)
        if snap is None:
            return None
        return SnapshotMatch(snap.date, snap.geometry, (_as_date(day) - snap.date).days)


# --------------------------------------------------------------------------- loading


def load_snapshots(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Snapshots:
    """Load dated occupied-territory snapshots from a directory or a list of GeoJSON/GeoPackage files.

    The date of each feature comes from its ``snapshot_date`` or ``date`` property, else from the
    file name (``YYYY-MM-DD`` or ``YYYYMMDD``). With a ``status`` column only ``occupied`` features
    count; otherwise every polygon does. Features of one date are unioned, invalid geometry is
    repaired (``make_valid``, polygonal parts kept). A file that cannot be read or dated is skipped
    with a :class:`~frontmap.errors.FrontmapWarning`; if nothing loads an
    :class:`~frontmap.errors.InputError` names the files and the problems. ``progress(done, total)``
    is called before each file (for a progress bar).

    >>> snaps = load_snapshots("../shared/data/frontline")          # doctest: +SKIP
    >>> snaps.snapshot_for("2022-09-10").date                       # doctest: +SKIP
    datetime.date(2022, 9, 9)
    """
    files = _snapshot_files(source)
    per_date: dict[dt.date, list[tuple[BaseGeometry, str, bool]]] = {}
    problems: list[str] = []
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files))
        try:
            for day, geom, fixed in _read_snapshot_file(path):
                per_date.setdefault(day, []).append((geom, path.name, fixed))
        except InputError as err:
            problems.append(str(err))
            warnings.warn(f"skipped {err}", FrontmapWarning, stacklevel=2)
    if not per_date:
        detail = "; ".join(problems) if problems else "no snapshot features"
        raise InputError(f"no front-line snapshot could be loaded from {_describe(source)}: {detail}")

    project = _projector(EQUAL_AREA_CRS)
    items = []
    for day in sorted(per_date):
        parts = per_date[day]
        names = sorted({name for _, name, _ in parts})
        if len(names) > 1:
            # Two files for one date are usually two sources of the same map; a union would
            # silently enlarge it, so keep the first file (by name) and say so.
            warnings.warn(
                f"{len(names)} files give a snapshot for {day} ({', '.join(names)}); using {names[0]} only",
                FrontmapWarning,
                stacklevel=2,
            )
            parts = [p for p in parts if p[1] == names[0]]
        # each part is already valid and polygonal, so is their union
        clean = shapely.union_all([g for g, _, _ in parts]) if len(parts) > 1 else parts[0][0]
        repaired = any(fixed for _, _, fixed in parts)
        if repaired:
            log.info("repaired invalid geometry of the %s snapshot (%s)", day, names[0])
        items.append(Snapshot(day, clean, project(clean), names[0], repaired))
    return Snapshots(tuple(items))


def _describe(source: Any) -> str:
    if isinstance(source, (str, os.PathLike)):
        return str(source)
    return "the given files"


def _snapshot_files(source: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SNAPSHOT_SUFFIXES)
            if not files:
                raise InputError(
                    f"{path}: no snapshot files (*{', *'.join(SNAPSHOT_SUFFIXES)}) in this directory"
                )
            return files
        if not path.exists():
            raise SourceError(f"{path}: no such file or directory; pass a directory of dated snapshot files")
        return [path]
    files = [Path(p) for p in source]
    if not files:
        raise InputError("no snapshot files given")
    missing = [str(p) for p in files if not p.exists()]
    if missing:
        raise SourceError(f"no such snapshot file: {', '.join(missing)}")
    out: list[Path] = []
    for p in files:
        out.extend(_snapshot_files(p) if p.is_dir() else [p])
    return out


def _read_snapshot_file(path: Path) -> list[tuple[dt.date, BaseGeometry, bool]]:
    """(date, EPSG:4326 geometry, whether it was repaired) per date in one file; InputError names the file."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    try:
        if path.suffix.lower() == ".gpkg":
            layers = [str(name) for name, gtype in pyogrio.list_layers(path) if gtype]
            frames = [gpd.read_file(path, layer=layer) for layer in layers]
            frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0] if frames else None
        else:
            frame = gpd.read_file(path)
    except Exception as err:  # pyogrio raises several types for unreadable files
        raise InputError(f"{path}: cannot be read as a GeoJSON/GeoPackage file ({err})") from err
    if frame is None or len(frame) == 0 or not isinstance(frame, gpd.GeoDataFrame):
        raise InputError(f"{path}: holds no features")
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise InputError(
                f"{path}: has no CRS and its coordinates are not longitude/latitude; "
                "write it with a CRS (EPSG:4326 for GeoJSON)"
            )
        frame = frame.set_crs("EPSG:4326")
    elif not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")

    columns = {c.lower(): c for c in frame.columns}
    if "status" in columns:
        status = frame[columns["status"]].astype("string").str.strip().str.lower()
        frame = frame[(status == "occupied").fillna(False).to_numpy()]
        if len(frame) == 0:
            raise InputError(f"{path}: has a 'status' column but no feature with status 'occupied'")
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]

    name_date = _date_from_name(path)
    prop = next((columns[p] for p in DATE_PROPERTIES if p in columns), None)
    days: list[dt.date | None] = []
    for value in frame[prop] if prop else [None] * len(frame):
        day = _date_from_value(value)
        days.append(day if day is not None else name_date)
    if any(d is None for d in days):
        raise InputError(
            f"{path}: no date: give each feature a 'snapshot_date' property or put the "
            "date in the file name (YYYY-MM-DD or YYYYMMDD)"
        )
    out: dict[dt.date, list[BaseGeometry]] = {}
    for day, geom in zip(days, frame.geometry.array, strict=True):
        out.setdefault(day, []).append(geom)  # type: ignore[arg-type]
    result = []
    for day in sorted(out):
        cleaned = [_polygonal(g) for g in out[day]]
        parts = [g for g, _ in cleaned]
        geom = parts[0] if len(parts) == 1 else shapely.union_all(np.array(parts, dtype=object))
        result.append((day, geom, any(f for _, f in cleaned)))
    if not result:
        raise InputError(f"{path}: holds no polygon")
    return result


def _date_from_name(path: Path) -> dt.date | None:
    found = set()
    for pattern in (_DASHED, _COMPACT):
        for m in pattern.finditer(path.stem):
            day = _ymd(*m.groups())
            if day is not None:
                found.add(day)
    if len(found) > 1:
        raise InputError(
            f"{path}: the file name holds several dates ({', '.join(map(str, sorted(found)))}); "
            "rename it or give the features a 'snapshot_date' property"
        )
    return found.pop() if found else None


def _ymd(y: str, m: str, d: str) -> dt.date | None:
    try:
        day = dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
    return day if 1990 <= day.year <= 2100 else None


def _date_from_value(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return None if value != value else value.date()  # NaT compares unequal to itself
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    m = _DASHED.match(text) or _COMPACT.match(text)
    return _ymd(*m.groups()) if m else None


def _as_date(value: Any) -> dt.date:
    """Coerce a date, datetime, pandas Timestamp or ISO string to a date; InputError otherwise."""
    if isinstance(value, dt.datetime):
        if value != value:
            raise InputError("missing date (NaT)")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError as err:
            raise InputError(f"bad date {value!r}; expected YYYY-MM-DD") from err
    raise InputError(f"bad date {value!r}; expected a date or a YYYY-MM-DD string")


def _polygonal(geom: BaseGeometry | None) -> tuple[BaseGeometry, bool]:
    """(the polygonal part of a geometry, repaired when invalid; whether it needed repair)."""
    if geom is None or geom.is_empty:
        return shapely.MultiPolygon(), False
    repaired = False
    if not shapely.is_valid(geom):
        repaired = True
        try:
            geom = shapely.make_valid(geom, method="structure", keep_collapsed=False)
        except (TypeError, ValueError, shapely.errors.GEOSException):  # older GEOS: "linework" only
            geom = shapely.make_valid(geom)
    if geom.geom_type in _POLYGONAL:
        return geom, repaired
    polygons, stack = [], [geom]
    while stack:  # unpack (nested) collections; lines and points left by a repair are dropped
        part = stack.pop()
        if part.geom_type in _POLYGONAL:
            polygons.append(part)
        elif part.geom_type == "GeometryCollection":
            stack.extend(shapely.get_parts(part))
    if not polygons:
        return shapely.MultiPolygon(), repaired
    return (polygons[0] if len(polygons) == 1 else shapely.union_all(polygons)), repaired


def _projector(crs: str, source: str = "EPSG:4326") -> Callable[[Any], Any]:
    """A function projecting lon/lat shapely geometries (one or an array) from ``source`` to ``crs``.

    Edges are first split to at most :data:`MAX_SEGMENT_DEG`: a long straight lon/lat edge (a
    parallel, a box side) is a curve in the target CRS, and projecting its two ends only would
    open slivers between shapes that share the edge's line but not its vertices.
    """
    from pyproj import Transformer

    transformer = Transformer.from_crs(source, crs, always_xy=True)

    def project(geom: Any) -> Any:
        dense = shapely.segmentize(geom, MAX_SEGMENT_DEG)
        return shapely.transform(dense, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))

    return project


# --------------------------------------------------------------------------- regions


class _RegionIndex:
    """Boundary polygons projected once, with a spatial index, for fast per-region areas."""

    def __init__(self, frame: gpd.GeoDataFrame) -> None:
        import pandas as pd

        self.frame = frame.reset_index(drop=True)
        project = _projector(EQUAL_AREA_CRS)
        geoms = np.array(
            [_polygonal(g)[0] for g in project(self.frame.geometry.to_crs("EPSG:4326").array)], dtype=object
        )
        self.geoms = geoms
        shapely.prepare(self.geoms)
        self.tree = shapely.STRtree(self.geoms)
        self.unit_km2 = shapely.area(self.geoms) / 1e6
        # shipped boundaries are approximate outlines: say so next to every figure measured in them
        flags = self.frame["approximate"] if "approximate" in self.frame.columns else False
        self.approximate = np.asarray(pd.Series(flags, index=self.frame.index).fillna(False), dtype=bool)

    def __len__(self) -> int:
        return len(self.geoms)

    def areas(self, geom: BaseGeometry) -> np.ndarray:
        """km² of ``geom`` (projected) inside each region."""
        n = len(self.geoms)
        parts = shapely.get_parts(geom) if geom is not None and not geom.is_empty else np.array([])
        if len(parts) == 0:
            return np.zeros(n)
        part_idx, reg_idx = self.tree.query(parts, predicate="intersects")
        if len(part_idx) == 0:
            return np.zeros(n)
        p = parts[part_idx]
        r = self.geoms[reg_idx]
        inside = shapely.contains_properly(r, p)
        area = np.empty(len(p))
        area[inside] = shapely.area(p[inside])
        if (~inside).any():
            area[~inside] = shapely.area(shapely.intersection(p[~inside], r[~inside]))
        return np.bincount(reg_idx, weights=area, minlength=n) / 1e6


def _boundary_frame(boundaries: BoundariesLike | None, level: str) -> gpd.GeoDataFrame:
    """The standard boundary frame (unit_id, name, level, admin1, area_km2, geometry) to measure in."""
    import geopandas as gpd

    if level not in ("admin1", "admin2"):
        raise InputError(f"unknown level {level!r}; expected 'admin1' or 'admin2'")
    if boundaries is None:
        try:
            from frontmap.regions import shipped_boundaries
        except ImportError as err:
            raise InputError(
                "no boundaries given and frontmap.regions.shipped_boundaries is not available; "
                "pass boundaries= (a standard boundary frame or a file; --boundaries FILE in the CLI)"
            ) from err
        frame = shipped_boundaries(level)
    elif isinstance(boundaries, (str, os.PathLike)):
        path = Path(boundaries)
        if not path.exists():
            raise SourceError(f"{path}: no such boundary file")
        try:
            from frontmap.regions import load_boundaries
        except ImportError:
            frame = gpd.read_file(path)
        else:
            frame = load_boundaries(path, level=level)
    else:
        frame = boundaries
    missing = [c for c in ("unit_id", "name", "geometry") if c not in frame.columns]
    if missing:
        raise InputError(
            f"boundaries lack the column(s) {missing}; expected the standard boundary frame "
            "(unit_id, name, level, admin1, area_km2, geometry): load files with "
            "frontmap.regions.load_boundaries"
        )
    if frame.crs is None:
        raise InputError("boundaries have no CRS; set one (EPSG:4326) before measuring")
    if "level" in frame.columns and (frame["level"] == level).any():
        frame = frame[frame["level"] == level]  # a frame of both levels would count every km² twice
    frame = frame.copy()
    if "admin1" not in frame.columns:
        frame["admin1"] = frame["name"]
    if "level" not in frame.columns:
        frame["level"] = level
    return frame.sort_values("unit_id", kind="stable").reset_index(drop=True)


def _region_index(boundaries: BoundariesLike | _RegionIndex | None, level: str) -> _RegionIndex:
    if isinstance(boundaries, _RegionIndex):
        return boundaries
    return _RegionIndex(_boundary_frame(boundaries, level))


# --------------------------------------------------------------------------- measuring


def _gains(before: BaseGeometry, after: BaseGeometry) -> tuple[BaseGeometry, BaseGeometry]:
    """(gained: in ``after`` not ``before``, lost: in ``before`` not ``after``), both projected.

    Consecutive snapshots share most of their outline vertex for vertex, and a full overlay of
    two near-identical polygons spends its time noding edges that did not move. So only the
    directed boundary segments that differ are noded and polygonized; each face is then given
    to the side whose polygon holds its interior point. (A segment both outlines share with the
    same direction has the same polygon on the same side in both, so it bounds no changed face.)
    When little is shared (different pipelines) this falls back to the plain overlay.
    """
    if before.is_empty or after.is_empty:
        return after, before
    seg_before, seg_after = _directed_segments(before), _directed_segments(after)
    changed, n_shared = _unshared(seg_before, seg_after)
    if len(changed) == 0:
        return shapely.MultiPolygon(), shapely.MultiPolygon()
    if n_shared < 0.5 * min(len(seg_before), len(seg_after)):
        return shapely.difference(after, before), shapely.difference(before, after)
    try:
        lines = shapely.linestrings(changed.reshape(-1, 2, 2))
        faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(lines))))
    except shapely.errors.GEOSException:  # pragma: no cover - GEOS robustness fallback
        return shapely.difference(after, before), shapely.difference(before, after)
    if len(faces) == 0:
        return shapely.MultiPolygon(), shapely.MultiPolygon()
    points = shapely.point_on_surface(faces)
    # prepared for the many point tests, then released: snapshots are kept for the whole
    # session and a prepared index on each of hundreds of them would hold a lot of memory
    try:
        shapely.prepare(before)
        shapely.prepare(after)
        in_before = shapely.contains(before, points)
        in_after = shapely.contains(after, points)
    finally:
        shapely.destroy_prepared(before)
        shapely.destroy_prepared(after)
    # GEOS can put the "interior" point of a thin sliver on its outline (a spike's tip); such
    # faces lie wholly on one side of each polygon, so half their area decides instead
    unsure = ~shapely.contains_properly(faces, points)
    if unsure.any():
        odd = faces[unsure]
        half = shapely.area(odd) / 2
        in_before[unsure] = shapely.area(shapely.intersection(odd, before)) > half
        in_after[unsure] = shapely.area(shapely.intersection(odd, after)) > half
    gained = faces[in_after & ~in_before]
    lost = faces[in_before & ~in_after]
    return shapely.MultiPolygon(list(gained)), shapely.MultiPolygon(list(lost))


def _directed_segments(geom: BaseGeometry) -> np.ndarray:
    """(n, 4) array x0, y0, x1, y1 of every ring segment, rings oriented (shell CCW, holes CW)."""
    try:
        oriented = shapely.orient_polygons(geom)
    except AttributeError:  # shapely < 2.1
        from shapely.geometry.polygon import orient

        oriented = shapely.MultiPolygon([orient(p) for p in shapely.get_parts(geom)])
    rings = shapely.get_rings(shapely.get_parts(oriented))
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    same = ring[1:] == ring[:-1]
    return np.hstack([coords[:-1][same], coords[1:][same]])


def _unshared(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, int]:
    """(segments of a or b that the other does not have with the same direction, number shared)."""
    both = np.vstack([a, b])
    label = np.r_[np.zeros(len(a), dtype=np.int8), np.ones(len(b), dtype=np.int8)]
    order = np.lexsort(both.T[::-1])
    s, lab = both[order], label[order]
    pair = np.all(s[1:] == s[:-1], axis=1) & (lab[1:] != lab[:-1])
    shared = np.zeros(len(s), dtype=bool)
    shared[1:] |= pair
    shared[:-1] |= pair
    return s[~shared], int(pair.sum())


def occupied_as_of(
    snapshots: Snapshots, day: DateLike, *, simplify_m: float = 0.0
) -> tuple[gpd.GeoDataFrame, dt.date] | None:
    """What a map for ``day`` draws: the latest snapshot on or before it, as a one-row GeoDataFrame.

    Columns: ``snapshot_date`` (YYYY-MM-DD), ``age_days``, ``label`` ("as of YYYY-MM-DD"),
    ``area_km2`` (of the full-resolution polygon), ``source``, geometry (EPSG:4326). None when
    every snapshot is later than ``day``. ``simplify_m`` > 0 simplifies the outline (topology
    kept) to about that many metres, to keep web pages with many dates small.

    >>> frame, used = occupied_as_of(snaps, "2022-09-10")        # doctest: +SKIP
    >>> frame.label.iloc[0]                                       # doctest: +SKIP
    'as of 2022-09-09'
    """
    import geopandas as gpd

    snap = snapshots.latest_on_or_before(day)
    if snap is None:
        return None
    geom = snap.geometry
    if simplify_m > 0:
        # metres to degrees of latitude; longitude degrees are shorter, so this errs on the fine side
        geom = shapely.simplify(geom, simplify_m / 111_320.0, preserve_topology=True)
    frame = gpd.GeoDataFrame(
        {
            "snapshot_date": [snap.date.isoformat()],
            "age_days": [(_as_date(day) - snap.date).days],
            "label": [f"as of {snap.date.isoformat()}"],
            "area_km2": [round(snap.area_km2, 3)],
            "source": [snap.source],
        },
        geometry=[geom],
        crs="EPSG:4326",
    )
    return frame, snap.date


def _resolve(
    x: DateLike | BaseGeometry | Snapshot, snapshots: Snapshots | None, project: Callable | None, which: str
) -> tuple[BaseGeometry, dt.date | None]:
    """(projected geometry, snapshot date or None) for one side of a diff."""
    if isinstance(x, Snapshot):
        return x.geometry_ea, x.date
    if isinstance(x, BaseGeometry):
        assert project is not None
        return project(_polygonal(x)[0]), None
    if snapshots is None:
        raise InputError(f"{which} is a date: pass snapshots= (from load_snapshots) to diff dates")
    snap = snapshots.latest_on_or_before(x)
    if snap is None:
        first = snapshots.dates[0] if len(snapshots) else None
        raise InputError(f"no snapshot on or before {_as_date(x)} (the first is {first}); pick a later date")
    return snap.geometry_ea, snap.date


def frontline_diff(
    a: DateLike | BaseGeometry,
    b: DateLike | BaseGeometry,
    *,
    snapshots: Snapshots | None = None,
    level: str = "admin1",
    boundaries: BoundariesLike | None = None,
) -> pd.DataFrame:
    """km² gained by each side between two snapshots, per region, plus a totals row.

    ``a`` and ``b`` are dates (each resolved to the latest snapshot on or before it, so
    ``snapshots`` is required) or EPSG:4326 geometries of the occupied area. ``ru_gain_km2`` is
    occupied in ``b`` and not in ``a``, ``ua_gain_km2`` the reverse, ``net_ru_km2`` their
    difference; ``occupied_from_km2``/``occupied_to_km2`` the area held in the region at each end;
    ``approximate`` is True for regions measured in approximate outlines (the shipped boundaries).
    Everything is clipped to the regions (land) and measured in :data:`EQUAL_AREA_CRS`.
    ``boundaries`` is a standard boundary frame, a boundary file, or None for the shipped ones.
    Rows: one per region by ``unit_id``, then ``unit_id == "TOTAL"``.

    >>> df = frontline_diff("2022-09-06", "2022-09-12", snapshots=snaps)   # doctest: +SKIP
    >>> df.set_index("unit_id").loc["UA63", "ua_gain_km2"] > 5000          # doctest: +SKIP
    True
    """
    import pandas as pd

    index = _region_index(boundaries, level)
    project = _projector(EQUAL_AREA_CRS)
    geom_a, date_a = _resolve(a, snapshots, project, "a")
    geom_b, date_b = _resolve(b, snapshots, project, "b")
    gained, lost = _gains(geom_a, geom_b)
    ru, ua = index.areas(gained), index.areas(lost)
    held_a = index.areas(geom_a)
    held_b = index.areas(geom_b)
    frame = index.frame
    out = pd.DataFrame(
        {
            "unit_id": frame["unit_id"].astype(str),
            "name": frame["name"].astype(str),
            "level": frame["level"].astype(str),
            "admin1": frame["admin1"].astype(str),
            "from_date": date_a.isoformat() if date_a else None,
            "to_date": date_b.isoformat() if date_b else None,
            "ru_gain_km2": ru,
            "ua_gain_km2": ua,
            "net_ru_km2": ru - ua,
            "occupied_from_km2": held_a,
            "occupied_to_km2": held_b,
            "unit_km2": index.unit_km2,
            "approximate": index.approximate,
        }
    )
    total = {
        "unit_id": TOTAL_ID,
        "name": "Total",
        "level": level,
        "admin1": "",
        "from_date": out["from_date"].iloc[0] if len(out) else None,
        "to_date": out["to_date"].iloc[0] if len(out) else None,
        "approximate": bool(index.approximate.any()),
    }
    for col in (
        "ru_gain_km2",
        "ua_gain_km2",
        "net_ru_km2",
        "occupied_from_km2",
        "occupied_to_km2",
        "unit_km2",
    ):
        total[col] = float(out[col].sum())
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def frontline_changes(
    snapshots: Snapshots,
    *,
    level: str = "admin1",
    boundaries: BoundariesLike | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> pd.DataFrame:
    """km² gained by each side between every pair of consecutive snapshots, per region (long format).

    One row per (pair, region) with ``from_date``, ``to_date``, ``unit_id``, ``name``, ``admin1``,
    ``ru_gain_km2``, ``ua_gain_km2``, ``net_ru_km2``; regions with no change in a pair are kept so
    that every pair has the same rows. ``start``/``end`` limit the snapshots used.

    >>> frontline_changes(snaps, boundaries=adm1).groupby("to_date").net_ru_km2.sum()   # doctest: +SKIP
    """
    import pandas as pd

    index = _region_index(boundaries, level)
    items = [
        s
        for s in snapshots
        if (start is None or s.date >= _as_date(start)) and (end is None or s.date <= _as_date(end))
    ]
    n = len(index)
    rows_ru, rows_ua, pairs = [], [], []
    for prev, cur in zip(items, items[1:], strict=False):
        gained, lost = _gains(prev.geometry_ea, cur.geometry_ea)
        rows_ru.append(index.areas(gained))
        rows_ua.append(index.areas(lost))
        pairs.append((prev.date.isoformat(), cur.date.isoformat()))
    ru = np.concatenate(rows_ru) if rows_ru else np.zeros(0)
    ua = np.concatenate(rows_ua) if rows_ua else np.zeros(0)
    frame = index.frame
    return pd.DataFrame(
        {
            "from_date": np.repeat([p[0] for p in pairs], n).astype(object),
            "to_date": np.repeat([p[1] for p in pairs], n).astype(object),
            "unit_id": np.tile(frame["unit_id"].astype(str).to_numpy(), len(pairs)),
            "name": np.tile(frame["name"].astype(str).to_numpy(), len(pairs)),
            "admin1": np.tile(frame["admin1"].astype(str).to_numpy(), len(pairs)),
            "ru_gain_km2": ru,
            "ua_gain_km2": ua,
            "net_ru_km2": ru - ua,
        }
    )


def occupied_area(
    snapshots: Snapshots,
    *,
    boundaries: BoundariesLike | None = None,
    level: str = "admin1",
    by_region: bool = False,
) -> pd.DataFrame:
    """Occupied km² per snapshot date, in :data:`EQUAL_AREA_CRS`.

    Without ``by_region``: one row per date with ``occupied_km2`` (the whole polygon, coastal water
    included) and, when ``boundaries`` is given, ``land_km2`` (clipped to the regions). With
    ``by_region=True`` (boundaries default to the shipped ones at ``level``): one row per (date,
    region) with ``occupied_km2``, ``unit_km2`` and ``share`` (0..1), plus a ``TOTAL`` row per date.

    >>> occupied_area(snaps).set_index("date").loc["2022-09-12", "occupied_km2"]   # doctest: +SKIP
    115800.1
    """
    import pandas as pd

    dates = [s.date.isoformat() for s in snapshots]
    if not by_region:
        out = pd.DataFrame({"date": dates, "occupied_km2": [s.area_km2 for s in snapshots]})
        if boundaries is not None:
            index = _region_index(boundaries, level)
            out["land_km2"] = [float(index.areas(s.geometry_ea).sum()) for s in snapshots]
        return out
    index = _region_index(boundaries, level)
    frame = index.frame
    blocks = []
    for snap, day in zip(snapshots, dates, strict=True):
        held = index.areas(snap.geometry_ea)
        block = pd.DataFrame(
            {
                "date": day,
                "unit_id": frame["unit_id"].astype(str),
                "name": frame["name"].astype(str),
                "admin1": frame["admin1"].astype(str),
                "occupied_km2": held,
                "unit_km2": index.unit_km2,
            }
        )
        total = pd.DataFrame(
            [
                {
                    "date": day,
                    "unit_id": TOTAL_ID,
                    "name": "Total",
                    "admin1": "",
                    "occupied_km2": float(held.sum()),
                    "unit_km2": float(index.unit_km2.sum()),
                }
            ]
        )
        blocks.extend([block, total])
    if not blocks:
        return pd.DataFrame(
            columns=["date", "unit_id", "name", "admin1", "occupied_km2", "unit_km2", "share"]
        )
    out = pd.concat(blocks, ignore_index=True)
    out["share"] = out["occupied_km2"] / out["unit_km2"]
    return out


# --------------------------------------------------------------------------- checks


def check_claims(
    claims: gpd.GeoDataFrame,
    snapshots: Snapshots,
    *,
    boundaries: BoundariesLike | None = None,
    max_gap_days: int = 14,
) -> gpd.GeoDataFrame:
    """Check each claim against the snapshots; returns the claims with check columns and a ``verdict``.

    * ``area``: the claimed km² (``value_km2``; ``value_min``/``value_max`` for ranges and
      "more than"/"up to") against the km² the claim's ``gainer`` measurably gained in its region
      (``admin1`` of the claim, else ``region`` when it names a first-level unit, else all of Ukraine)
      over its period: from the latest snapshot on or before ``period_start`` to the first on or after
      ``period_end`` (default: the claim date); without a period, from the latest snapshot at least
      7 days before the claim date to the first on or after it. ``ratio`` = claimed / measured;
      ``consistent`` when the claimed range comes within a factor 1.5 of the measurement,
      ``overstated`` above, ``understated`` below.
    * ``distance`` and ``settlements``: the same measurement is reported (``measured_km2``) but a
      length or a count cannot be compared to an area without assumptions about the front's shape
      or settlement density, so the verdict is ``not_comparable``. ``share`` is also ``not_comparable``.
    * ``capture``: whether the place lies on the gainer's side (RU: inside the occupied polygon,
      UA: outside) in the first snapshot on or after the claim date: ``consistent`` or
      ``contradicted``; ``line_distance_km`` is the signed distance to the line (positive inside the
      occupied area) so near-line cases can be judged.
    * ``no_data`` when the claim lacks what is needed (gainer, date, place, region) or no snapshot
      lies within ``max_gap_days`` of the claim's period (``check_note`` says which).

    Added columns: ``check_from``, ``check_to`` (YYYY-MM-DD of the snapshots compared),
    ``check_region``, ``claimed_km2``, ``measured_km2`` (the gainer's gain), ``measured_other_km2``
    (the other side's gain), ``ratio``, ``line_distance_km``, ``verdict`` (one of :data:`VERDICTS`),
    ``check_note``.

    >>> checked = check_claims(claims_gdf, snaps, boundaries=adm1)   # doctest: +SKIP
    >>> checked.verdict.value_counts()                               # doctest: +SKIP
    """
    import geopandas as gpd

    from frontmap.records import KM2_PER_UNIT

    index = _region_index(boundaries, "admin1")
    admin1_names = index.frame["admin1"].astype(str).to_numpy()
    known_regions = set(admin1_names)
    project = _projector(EQUAL_AREA_CRS)
    cache: dict[tuple[dt.date, dt.date], tuple[np.ndarray, np.ndarray]] = {}

    def gains(s_from: Snapshot, s_to: Snapshot) -> tuple[np.ndarray, np.ndarray]:
        key = (s_from.date, s_to.date)
        if key not in cache:
            gained, lost = _gains(s_from.geometry_ea, s_to.geometry_ea)
            cache[key] = (index.areas(gained), index.areas(lost))
        return cache[key]

    def col(row: Any, name: str) -> Any:
        value = row.get(name) if hasattr(row, "get") else None
        if value is None:
            return None
        try:
            if value != value:  # NaN / NaT
                return None
        except (TypeError, ValueError):
            pass
        if isinstance(value, str) and not value.strip():
            return None
        return value

    results: list[dict[str, Any]] = []
    if isinstance(claims, gpd.GeoDataFrame) and claims.geometry.name in claims.columns:
        located = (
            claims if claims.crs is None or claims.crs.equals("EPSG:4326") else claims.to_crs("EPSG:4326")
        )
        geoms = list(located.geometry)
    else:
        geoms = [None] * len(claims)
    for (_, row), geom in zip(claims.iterrows(), geoms, strict=True):
        res: dict[str, Any] = {
            "check_from": None,
            "check_to": None,
            "check_region": None,
            "claimed_km2": math.nan,
            "measured_km2": math.nan,
            "measured_other_km2": math.nan,
            "ratio": math.nan,
            "line_distance_km": math.nan,
            "verdict": "no_data",
            "check_note": "",
        }
        results.append(res)
        kind = str(col(row, "kind") or "")
        gainer = col(row, "gainer")
        gainer = str(gainer).upper() if gainer else None
        raw_day = col(row, "date") or col(row, "published")
        day = _as_date(raw_day) if raw_day is not None else None
        if kind not in ("area", "distance", "settlements", "capture"):
            res["verdict"], res["check_note"] = (
                "not_comparable",
                f"{kind or 'unknown'} claims are not checked",
            )
            continue
        if gainer not in ("RU", "UA"):
            res["check_note"] = "the claim names no gaining side"
            continue
        if day is None:
            res["check_note"] = "the claim has no date"
            continue

        if kind == "capture":
            point = geom if geom is not None and not geom.is_empty else None
            lat, lon = col(row, "place_lat"), col(row, "place_lon")
            if point is None and lat is not None and lon is not None:
                point = shapely.Point(float(lon), float(lat))
            if point is None:
                res["check_note"] = "the claim has no located place"
                continue
            snap = snapshots.first_on_or_after(day)
            if snap is None or (snap.date - day).days > max_gap_days:
                res["check_note"] = f"no snapshot within {max_gap_days} days on or after {day}"
                continue
            p = project(point)
            # the snapshots only say who holds the land of the boundaries (not Kursk, not the sea)
            if len(index.tree.query(p, predicate="dwithin", distance=OFF_LAND_M)) == 0:
                res["check_to"] = snap.date.isoformat()
                res["check_note"] = "the place lies outside the boundaries the snapshots are checked in"
                continue
            inside = bool(snap.geometry_ea.covers(p))
            dist = (
                float(snap.geometry_ea.boundary.distance(p)) / 1000
                if not snap.geometry_ea.is_empty
                else math.nan
            )
            res["check_to"] = snap.date.isoformat()
            res["check_region"] = col(row, "admin1")
            res["line_distance_km"] = round(dist if inside else -dist, 3)
            on_side = inside if gainer == "RU" else not inside
            res["verdict"] = "consistent" if on_side else "contradicted"
            side = "inside" if inside else "outside"
            res["check_note"] = (
                f"{col(row, 'place') or 'the place'} is {side} the occupied area on {snap.date}, "
                f"{abs(dist):.1f} km from the line"
            )
            continue

        # area-like claims: measure the gainer's gain over the claim's window
        p_start, p_end = col(row, "period_start"), col(row, "period_end")
        if p_start is not None:
            start = _as_date(p_start)
            end = _as_date(p_end) if p_end is not None else day
            s_from = snapshots.latest_on_or_before(start)
        else:
            start = day - dt.timedelta(days=LOOKBACK_DAYS)
            end = day
            s_from = snapshots.latest_on_or_before(start)
        s_to = snapshots.first_on_or_after(end)
        if s_from is None or s_to is None or s_from.date >= s_to.date:
            res["check_note"] = f"no snapshots around {start} .. {end}"
            continue
        lag = max((start - s_from.date).days, (s_to.date - end).days)
        res["check_from"], res["check_to"] = s_from.date.isoformat(), s_to.date.isoformat()
        if lag > max_gap_days:
            res["check_note"] = (
                f"the nearest snapshots ({s_from.date} .. {s_to.date}) lie {lag} days beyond "
                f"the claim's period {start} .. {end} (limit {max_gap_days})"
            )
            continue
        region = col(row, "admin1")
        if region is None or str(region) not in known_regions:
            named = col(row, "region")
            if named is not None and str(named) in known_regions:
                region = named
            elif named is None and region is None:
                region = None
            else:
                res["check_note"] = (
                    f"region {str(region or named)!r} is not a first-level unit of the boundaries "
                    "(the snapshots map who holds Ukraine only)"
                )
                continue
        ru, ua = gains(s_from, s_to)
        mask = admin1_names == str(region) if region is not None else np.ones(len(admin1_names), dtype=bool)
        mine, other = (ru, ua) if gainer == "RU" else (ua, ru)
        measured = float(mine[mask].sum())
        res["check_region"] = str(region) if region is not None else "Ukraine"
        res["measured_km2"] = round(measured, 3)
        res["measured_other_km2"] = round(float(other[mask].sum()), 3)
        if kind != "area":
            res["verdict"] = "not_comparable"
            res["check_note"] = (
                f"a {kind} claim cannot be compared with an area; {gainer} gained "
                f"{measured:.1f} km² in {res['check_region']} from {s_from.date} to {s_to.date}"
            )
            continue
        unit = col(row, "unit") or "km2"
        factor = KM2_PER_UNIT.get(str(unit))
        claimed = col(row, "value_km2")
        if claimed is None and factor is not None and col(row, "value") is not None:
            claimed = float(col(row, "value")) * factor
        lo = col(row, "value_min")
        hi = col(row, "value_max")
        lo = float(lo) * factor if lo is not None and factor is not None else None
        hi = float(hi) * factor if hi is not None and factor is not None else None
        qualifier = col(row, "qualifier")
        if claimed is None and lo is None and hi is None:
            res["check_note"] = "the claim has no area figure"
            continue
        point_value = float(claimed) if claimed is not None else float(lo if lo is not None else hi)  # type: ignore[arg-type]
        if lo is None:
            lo = 0.0 if qualifier in ("up_to", "less_than") else point_value
        if hi is None:
            hi = math.inf if qualifier == "more_than" else point_value
        res["claimed_km2"] = round(point_value, 3)
        res["verdict"] = _band(lo, hi, measured)
        if measured > 0:
            res["ratio"] = round(point_value / measured, 4)
        if math.isfinite(hi) and 0 < lo < hi:
            said = f"{lo:,.0f}-{hi:,.0f} km²"
        else:
            said = f"{_QUALIFIER_WORDS.get(str(qualifier), '')}{point_value:,.1f} km²"
        res["check_note"] = (
            f"claimed {said}, measured {measured:,.1f} km² gained by {gainer} in "
            f"{res['check_region']} from {s_from.date} to {s_to.date}"
        )

    import pandas as pd

    checks = pd.DataFrame(results, index=claims.index)
    out = claims.drop(columns=[c for c in checks.columns if c in claims.columns]).join(checks)
    if not isinstance(out, gpd.GeoDataFrame):
        out = gpd.GeoDataFrame(out, geometry=None)
    return out


def _band(lo: float, hi: float, measured: float) -> str:
    """Verdict of a claimed range [lo, hi] km² against a measured km² (factor :data:`CONSISTENT_FACTOR`)."""
    if measured <= 0:
        return "consistent" if lo <= 0 else "overstated"
    if lo > measured * CONSISTENT_FACTOR:
        return "overstated"
    if hi < measured / CONSISTENT_FACTOR:
        return "understated"
    return "consistent"


# --------------------------------------------------------------------------- contested raster


def contested_raster(
    snapshots: Snapshots,
    path: str | os.PathLike,
    *,
    resolution_m: float = 1000,
    boundaries: BoundariesLike | None = None,
    overwrite: bool = False,
    start: DateLike | None = None,
    end: DateLike | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write a GeoTIFF counting, per cell, how often it changed hands across consecutive snapshots.

    Every snapshot is rasterised (cell centres) on a ``resolution_m`` grid in :data:`RASTER_CRS`
    aligned on whole multiples of the resolution; the single uint16 band holds the number of
    consecutive pairs in which the cell's occupied state differs. With ``boundaries`` (a frame or
    file) cells off their land are nodata (65535), which removes sea-coast redraws. Tiled, deflate,
    deterministic; written atomically. Returns the path.

    >>> contested_raster(snaps, "contested.tif", overwrite=True)   # doctest: +SKIP
    PosixPath('contested.tif')
    """
    import rasterio
    from rasterio.features import rasterize
    from rasterio.transform import Affine

    from frontmap import __version__

    out = Path(path)
    if out.exists() and not overwrite:
        raise SourceError(f"{out}: already exists; pass overwrite=True (--overwrite) to replace it")
    if not out.parent.exists():
        raise SourceError(f"{out.parent}: no such directory")
    if resolution_m <= 0:
        raise InputError(f"resolution must be positive, got {resolution_m}")
    items = [
        s
        for s in snapshots
        if (start is None or s.date >= _as_date(start)) and (end is None or s.date <= _as_date(end))
    ]
    if len(items) < 2:
        raise InputError(f"the contested raster needs at least 2 snapshots, got {len(items)}")
    project = _projector(RASTER_CRS)
    geoms = [project(s.geometry) for s in items]
    land = None
    if boundaries is not None:
        frame = _boundary_frame(boundaries, "admin1")
        land = project(shapely.union_all(frame.geometry.to_crs("EPSG:4326").array))
    bounds = np.array(
        [g.bounds for g in geoms if not g.is_empty] + ([land.bounds] if land is not None else [])
    )
    if len(bounds) == 0:
        raise InputError("every snapshot is empty: nothing to rasterise")
    res = float(resolution_m)
    # snap outwards to whole cells; the tolerance keeps round-trip noise from adding a cell
    xmin = math.floor(bounds[:, 0].min() / res + 1e-4) * res
    ymin = math.floor(bounds[:, 1].min() / res + 1e-4) * res
    xmax = math.ceil(bounds[:, 2].max() / res - 1e-4) * res
    ymax = math.ceil(bounds[:, 3].max() / res - 1e-4) * res
    width, height = int(round((xmax - xmin) / res)), int(round((ymax - ymin) / res))
    transform = Affine(res, 0.0, xmin, 0.0, -res, ymax)

    def burn(geom: BaseGeometry) -> np.ndarray:
        if geom.is_empty:
            return np.zeros((height, width), dtype=np.uint8)
        return rasterize([(geom, 1)], out_shape=(height, width), transform=transform, fill=0, dtype="uint8")

    flips = np.zeros((height, width), dtype=np.uint16)
    prev = burn(geoms[0])
    for done, geom in enumerate(geoms[1:], start=1):
        if progress is not None:
            progress(done, len(geoms))
        cur = burn(geom)
        flips += prev != cur
        prev = cur
    nodata = np.iinfo(np.uint16).max
    if land is not None:
        flips[burn(land) == 0] = nodata

    profile = {
        "driver": "GTiff",
        "dtype": "uint16",
        "count": 1,
        "width": width,
        "height": height,
        "crs": RASTER_CRS,
        "transform": transform,
        "nodata": nodata,
        "compress": "deflate",
        "predictor": 2,
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
    }
    tags = {
        "source": "; ".join(sorted({s.source for s in items})),
        "snapshot_dates": ",".join(s.date.isoformat() for s in items),
        "first_date": items[0].date.isoformat(),
        "last_date": items[-1].date.isoformat(),
        "snapshots": str(len(items)),
        "resolution_m": f"{res:g}",
        "meaning": "number of consecutive snapshot pairs in which the cell's occupied state changed",
        "software": f"frontmap {__version__}",
    }
    try:
        with atomic_path(out) as tmp, rasterio.open(tmp, "w", **profile) as dst:
            dst.write(flips, 1)
            dst.update_tags(**tags)
            dst.set_band_description(1, "changes of hands")
    except Exception as err:
        if isinstance(err, (rasterio.errors.RasterioError, OSError)):
            raise SourceError(f"{out}: cannot write the raster ({err})") from err
        raise
    return out


def atomic_write_frame(
    frame: pd.DataFrame, path: str | os.PathLike, *, overwrite: bool = False, layer: str = "checks"
) -> Path:
    """Write a (Geo)DataFrame to .gpkg/.geojson/.csv atomically (temp file in the same dir, then rename).

    >>> atomic_write_frame(checked, "checks.csv", overwrite=True)   # doctest: +SKIP
    """
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in (".gpkg", ".csv", ".geojson"):
        raise InputError(f"{out}: unknown output format {suffix!r}; expected .gpkg, .geojson or .csv")
    if out.exists() and not overwrite:
        raise SourceError(f"{out}: already exists; pass --overwrite to replace it")
    if not out.parent.exists():
        raise SourceError(f"{out.parent}: no such directory")
    try:
        with atomic_path(out) as tmp:
            _write_frame(frame, tmp, suffix, layer)
    except Exception as err:
        raise SourceError(f"{out}: cannot write ({err})") from err
    return out


def _write_frame(frame: Any, tmp: Path, suffix: str, layer: str) -> None:
    import geopandas as gpd

    if suffix == ".csv":
        plain = (
            frame.drop(columns=[frame.geometry.name]) if isinstance(frame, gpd.GeoDataFrame) else frame
        )
        plain.to_csv(tmp, index=False, lineterminator="\n")
    else:
        import pyogrio

        gdf = frame if isinstance(frame, gpd.GeoDataFrame) else gpd.GeoDataFrame(frame)
        kwargs: dict[str, Any] = {"layer": layer} if suffix == ".gpkg" else {}
        # a GeoPackage records when it was written; a fixed date keeps the bytes reproducible
        before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_DATE})
        try:
            pyogrio.write_dataframe(gdf, tmp, driver="GPKG" if suffix == ".gpkg" else "GeoJSON", **kwargs)
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


__all__ = [
    "EQUAL_AREA_CRS",
    "RASTER_CRS",
    "VERDICTS",
    "Snapshot",
    "SnapshotMatch",
    "Snapshots",
    "load_snapshots",
    "occupied_as_of",
    "frontline_diff",
    "frontline_changes",
    "occupied_area",
    "check_claims",
    "contested_raster",
    "atomic_write_frame",
]
