"""Files GIS users open: the event layers as GeoPackage, GeoParquet, GeoJSON or CSV, and a claims raster.

Formats (chosen by the extension of the path):

========== ==================================================================================
.gpkg      GeoPackage with the layers ``mentions``, ``claims`` and ``regions``.
.parquet   GeoParquet, one file per layer: ``events.parquet`` -> ``events_mentions.parquet``,
           ``events_claims.parquet``, ``events_regions.parquet``.
.geojson   one layer (``claims`` unless ``layer=`` says ``mentions`` or ``regions``), RFC 7946.
.csv       one layer without geometry (claims carry ``place_lat``/``place_lon``) plus a ``.csvt``
           sidecar declaring the column types, which GDAL/QGIS read.
========== ==================================================================================

Column types and what each format does with them (every file reads back with
``pyogrio.read_dataframe`` / ``geopandas.read_file`` to the same rows, columns and types,
up to these documented conversions; :func:`read_layer` undoes them):

* text is pandas' string dtype with NaN for missing. CSV has no null: a missing text is
  an empty field and reads back as ``""`` (frontmap never writes an empty text otherwise).
  A text column that is null on every row reads back as ``object`` (None): pandas has no
  value to infer the string dtype from.
* dates are ``datetime64[ms]`` (NaT for none). GeoPackage stores DateTime fields; GeoJSON
  and CSV write ``YYYY-MM-DD``, which GDAL reads back as dates.
* booleans (``hedged``, ``approximate``, ``illustrative``) are GeoPackage booleans, JSON
  ``true``/``false``, and ``true``/``false`` typed ``Integer(Boolean)`` in the CSVT.
* integers are int64; GeoJSON has no integer width, so GDAL reads them as int32 when they fit.
  A GeoJSON column that is null on every row reads back as text (JSON carries no type).

Writes are atomic: everything is written to temporary files in the target directory,
then moved into place with ``os.replace``; a failure leaves nothing behind. An existing
file is replaced only with ``overwrite=True`` (``--overwrite``). The same input gives
byte-identical files: GeoPackage timestamps are pinned (``OGR_CURRENT_DATE``), GeoJSON and
CSV are written by frontmap itself with a fixed layout.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontmap._io import atomic_path
from frontmap.errors import FrontmapWarning, InputError, SourceError
from frontmap.records import Extraction

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

    from frontmap.regions.join import BoundariesArg

#: Extension -> what is written.
FORMATS: dict[str, str] = {
    ".gpkg": "GeoPackage (layers mentions, claims, regions)",
    ".parquet": "GeoParquet (one file per layer: NAME_mentions.parquet, NAME_claims.parquet, ...)",
    ".geojson": "GeoJSON (one layer: claims, or --layer mentions/regions)",
    ".csv": "CSV without geometry (one layer, claims by default; types in a .csvt sidecar)",
}
LAYERS: tuple[str, ...] = ("mentions", "claims", "regions")
#: The timestamp written into GeoPackage metadata, so that files are reproducible.
#: ``SOURCE_DATE_EPOCH`` (reproducible-builds convention) overrides it.
GPKG_TIMESTAMP = "2000-01-01T00:00:00.000Z"
#: Simplification (metres) of the region polygons in the ``regions`` layer written by
#: :func:`export_extractions`: each row repeats its region's polygon, and 500 m is invisible
#: on a map of oblasts yet makes the file about three times smaller.
REGIONS_SIMPLIFY_M = 500.0
#: Value of raster cells outside every region that no footprint reaches.
RASTER_NODATA = -9999.0


def output_format(path: str | os.PathLike[str]) -> str:
    """The format key (extension) of ``path``, or an :class:`InputError` listing the formats.

    >>> output_format("events.GPKG")
    '.gpkg'
    """
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        listed = "; ".join(f"{k}: {v}" for k, v in FORMATS.items())
        raise InputError(f"{path}: unknown output format {ext or '(no extension)'!r}; use one of {listed}")
    return ext


def layer_paths(path: str | os.PathLike[str], layers: Sequence[str] = LAYERS) -> dict[str, Path]:
    """The files a GeoParquet output is split into, by layer.

    >>> layer_paths("out/events.parquet", ["claims"])["claims"].name
    'events_claims.parquet'
    """
    p = Path(path)
    return {name: p.with_name(f"{p.stem}_{name}{p.suffix}") for name in layers}


# --- atomic writes ------------------------------------------------------------------------------


def _check_targets(targets: Iterable[Path], overwrite: bool) -> None:
    for t in targets:
        if t.exists() and not overwrite:
            raise InputError(f"{t} already exists; pass --overwrite (overwrite=True) to replace it")
        if t.exists() and t.is_dir():
            raise InputError(f"{t} is a directory; give a file name")
        if not t.parent.is_dir():
            raise InputError(f"{t}: the directory {t.parent} does not exist; create it first")


@contextlib.contextmanager
def _atomic(targets: Sequence[Path], overwrite: bool) -> Iterator[list[Path]]:
    """Temporary paths (same directory, same suffix) that replace ``targets`` if the block succeeds."""
    _check_targets(targets, overwrite)
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(atomic_path(t)) for t in targets]


@contextlib.contextmanager
def _gpkg_env() -> Iterator[None]:
    import pyogrio

    stamp = GPKG_TIMESTAMP
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        import datetime as dt

        stamp = dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


# --- writing ------------------------------------------------------------------------------------


def _geometry_type(name: str) -> str:
    return "MultiPolygon" if name == "regions" else "Point"


def write_events(
    path: str | os.PathLike[str],
    *,
    mentions: gpd.GeoDataFrame | None = None,
    claims: gpd.GeoDataFrame | None = None,
    regions: gpd.GeoDataFrame | None = None,
    layer: str | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write the event layers to ``path`` in the format of its extension; returns the files written.

    Multi-layer formats (.gpkg, .parquet) write every layer given (or only ``layer``);
    single-layer formats (.geojson, .csv) write ``layer`` (default ``claims``).

    >>> write_events("events.gpkg", mentions=mentions, claims=claims, regions=summary)  # doctest: +SKIP
    [PosixPath('events.gpkg')]
    """
    fmt = output_format(path)
    frames = {"mentions": mentions, "claims": claims, "regions": regions}
    if layer is not None and layer not in LAYERS:
        raise InputError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    target = Path(path)
    if fmt in (".gpkg", ".parquet"):
        names = [layer] if layer else [n for n in LAYERS if frames[n] is not None]
        names = [n for n in names if frames[n] is not None]
        if not names:
            raise InputError(f"{path}: nothing to write; give mentions, claims or regions")
        if fmt == ".gpkg":
            with _atomic([target], overwrite) as (tmp,), _gpkg_env():
                for n in names:
                    _write_gpkg_layer(frames[n], tmp, n)
            return [target]
        paths = layer_paths(target, names)
        with _atomic([paths[n] for n in names], overwrite) as temps:
            for n, tmp in zip(names, temps):
                _write_parquet(frames[n], tmp)
        return [paths[n] for n in names]
    name = layer or "claims"
    frame = frames[name]
    if frame is None:
        raise InputError(f"{path}: no {name} to write; pass {name}=")
    if fmt == ".geojson":
        with _atomic([target], overwrite) as (tmp,):
            tmp.write_bytes(geojson_bytes(frame, name))
        return [target]
    csvt = target.with_suffix(".csvt")
    with _atomic([target], overwrite) as (tmp,):
        body, types = csv_bytes(frame)
        tmp.write_bytes(body)
        tmp.with_suffix(".csvt").write_bytes(types)
        os.replace(tmp.with_suffix(".csvt"), csvt)
    return [target, csvt]


def _write_gpkg_layer(frame: gpd.GeoDataFrame, path: Path, name: str) -> None:
    import pyogrio

    try:
        pyogrio.write_dataframe(
            frame,
            path,
            layer=name,
            driver="GPKG",
            geometry_type=_geometry_type(name),
            promote_to_multi=name == "regions",
            # The Arrow path is several times faster; GDAL has it from 3.8.
            use_arrow=tuple(pyogrio.__gdal_version__) >= (3, 8, 0),
        )
    except Exception as err:  # pyogrio raises its own DataSourceError / FieldError
        raise SourceError(f"{path}: could not write the {name} layer: {err}") from err


def _write_parquet(frame: gpd.GeoDataFrame, path: Path) -> None:
    try:
        frame.to_parquet(path, index=False, compression="zstd")
    except Exception as err:
        raise SourceError(f"{path}: could not write GeoParquet: {err}") from err


def _is_missing(v: Any) -> bool:
    import pandas as pd

    return v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def _datetime_kind(s: pd.Series) -> str:
    """``date`` when every value is at midnight, so files show ``YYYY-MM-DD``; ``datetime`` otherwise."""
    d = s.dropna()
    return "date" if (d == d.dt.normalize()).all() else "datetime"


def _plain(v: Any, kind: str) -> Any:
    if _is_missing(v):
        return None
    if kind == "date":
        return v.strftime("%Y-%m-%d")
    if kind == "datetime":
        return v.strftime("%Y-%m-%dT%H:%M:%S")
    if kind == "bool":
        return bool(v)
    if kind == "int":
        return int(v)
    if kind == "float":
        return float(v)
    return str(v)


def _column_kinds(frame: pd.DataFrame) -> dict[str, str]:
    import pandas as pd

    kinds = {}
    for col in frame.columns:
        if col == getattr(frame, "_geometry_column_name", None):
            continue
        s = frame[col]
        if pd.api.types.is_bool_dtype(s):
            kinds[col] = "bool"
        elif pd.api.types.is_integer_dtype(s):
            kinds[col] = "int"
        elif pd.api.types.is_float_dtype(s):
            kinds[col] = "float"
        elif pd.api.types.is_datetime64_any_dtype(s):
            kinds[col] = _datetime_kind(s)
        else:
            kinds[col] = "str"
    return kinds


def geojson_bytes(frame: gpd.GeoDataFrame, name: str) -> bytes:
    """The GeoJSON (RFC 7946, one feature per line) of ``frame``, deterministic to the byte."""
    import shapely

    frame = (
        frame.to_crs("EPSG:4326") if frame.crs is not None and not frame.crs.equals("EPSG:4326") else frame
    )
    kinds = _column_kinds(frame)
    geoms = shapely.orient_polygons(frame.geometry.values, exterior_cw=False)
    cols = {c: frame[c].tolist() for c in kinds}
    out = io.StringIO()
    out.write('{"type": "FeatureCollection", "name": ' + json.dumps(name) + ', "features": [\n')
    for i in range(len(frame)):
        props = {c: _plain(cols[c][i], k) for c, k in kinds.items()}
        g = geoms[i]
        geom = "null" if g is None or shapely.is_empty(g) else shapely.to_geojson(g)
        sep = ",\n" if i < len(frame) - 1 else "\n"
        out.write(
            '{"type": "Feature", "properties": '
            + json.dumps(props, ensure_ascii=False, allow_nan=False)
            + ', "geometry": '
            + geom
            + "}"
            + sep
        )
    out.write("]}\n")
    return out.getvalue().encode("utf-8")


_CSVT = {
    "str": "String",
    "float": "Real",
    "int": "Integer64",
    "bool": "Integer(Boolean)",
    "date": "Date",
    "datetime": "DateTime",
}


def csv_bytes(frame: pd.DataFrame) -> tuple[bytes, bytes]:
    """(CSV, CSVT) of ``frame`` without its geometry column, deterministic to the byte."""
    kinds = _column_kinds(frame)
    cols = {c: frame[c].tolist() for c in kinds}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(list(kinds))
    for i in range(len(frame)):
        row = []
        for c, k in kinds.items():
            v = _plain(cols[c][i], k)
            row.append(
                ""
                if v is None
                else ("true" if v else "false")
                if k == "bool"
                else repr(v)
                if k == "float"
                else v
            )
        w.writerow(row)
    types = ",".join(_CSVT[k] for k in kinds.values()) + "\n"
    return out.getvalue().encode("utf-8"), types.encode("ascii")


# --- reading ------------------------------------------------------------------------------------


def _schema(layer: str, columns: Iterable[str]) -> dict[str, str]:
    from frontmap.regions.join import CLAIM_SCHEMA, EVENT_SCHEMA, MENTION_SCHEMA
    from frontmap.regions.summary import REGION_SCHEMA

    if layer == "mentions":
        return dict(MENTION_SCHEMA)
    if layer == "regions":
        return dict(REGION_SCHEMA)
    cols = set(columns)
    schema = dict(CLAIM_SCHEMA)
    if "event_id" in cols:
        schema.update(EVENT_SCHEMA)
    if "footprint_km2" in cols:
        schema.update({"footprint_km2": "float", "illustrative": "bool"})
    return schema


def read_layer(path: str | os.PathLike[str], layer: str = "claims") -> gpd.GeoDataFrame:
    """One layer of a file written by :func:`write_events`, with frontmap's column types restored.

    >>> claims = read_layer("events.gpkg", "claims")  # doctest: +SKIP
    """
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    from frontmap.regions.join import conform

    if layer not in LAYERS:
        raise InputError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    fmt = output_format(path)
    p = Path(path)
    if fmt == ".parquet":
        p = layer_paths(p, [layer])[layer]
    if not p.is_file():
        raise InputError(f"{p}: no such file; write it with 'frontmap extract REPORTS -o {Path(path).name}'")
    try:
        if fmt == ".parquet":
            frame = gpd.read_parquet(p)
        elif fmt == ".gpkg":
            found = [str(n) for n, _ in pyogrio.list_layers(p)]
            if layer not in found:
                raise InputError(
                    f"{p}: no {layer!r} layer (layers: {', '.join(found) or 'none'}); "
                    "is it a file written by 'frontmap extract -o'?"
                )
            frame = pyogrio.read_dataframe(p, layer=layer)
        else:
            frame = pyogrio.read_dataframe(p)
    except InputError:
        raise
    except Exception as err:
        raise InputError(f"{p}: cannot read it as {FORMATS[fmt].split(' (')[0]}: {err}") from err
    out = conform(frame, _schema(layer, frame.columns))
    if not isinstance(out, gpd.GeoDataFrame):
        out = pd.DataFrame(out)
    return out


def read_events(path: str | os.PathLike[str]) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The (mentions, claims) of a GeoPackage (or GeoParquet set) written by :func:`write_events`.

    >>> mentions, claims = read_events("events.gpkg")  # doctest: +SKIP
    """
    if output_format(path) not in (".gpkg", ".parquet"):
        raise InputError(
            f"{path}: events are read from a .gpkg (or .parquet) written by 'frontmap extract -o'"
        )
    return read_layer(path, "mentions"), read_layer(path, "claims")


# --- one call for the CLI -----------------------------------------------------------------------


def export_extractions(
    extractions: Iterable[Extraction],
    path: str | os.PathLike[str],
    *,
    boundaries: BoundariesArg = None,
    layer: str | None = None,
    overwrite: bool = False,
    freq: str = "D",
    days: int = 2,
    simplify_m: float | None = REGIONS_SIMPLIFY_M,
) -> list[Path]:
    """Extractions to an events file: join, merge repeated claims, summarise, write. Returns the files.

    The ``claims`` layer holds one row per event (claims repeated by several reports
    within ``days`` merged, see :func:`frontmap.regions.merge_repeated`, with ``sources``
    and ``n_sources``); ``regions`` is the admin1 summary at ``freq`` computed from those
    rows, so its sums equal the claims layer's; its polygons are simplified to
    ``simplify_m`` metres (display geometry, borders kept shared; None keeps them exact).
    The un-merged claims are ``to_geodataframes(extractions)[1]`` in Python.

    >>> export_extractions(extractions, "events.gpkg", overwrite=True)  # doctest: +SKIP
    [PosixPath('events.gpkg')]
    """
    from frontmap.regions.join import active_boundaries, merge_repeated, to_geodataframes
    from frontmap.regions.summary import check_freq, region_summary

    output_format(path)
    check_freq(freq)
    _check_targets(_targets(path, layer), overwrite)  # fail before the work, not after
    frames = active_boundaries(boundaries)
    mentions, claims = to_geodataframes(extractions, boundaries=frames)
    events = merge_repeated(claims, days=days)
    with warnings.catch_warnings():
        # Undated claims are normal in a corpus; the summary simply leaves them out.
        warnings.simplefilter("ignore", FrontmapWarning)
        regions = region_summary(events, boundaries=frames, freq=freq, simplify_m=simplify_m)
    return write_events(
        path, mentions=mentions, claims=events, regions=regions, layer=layer, overwrite=overwrite
    )


def _targets(path: str | os.PathLike[str], layer: str | None) -> list[Path]:
    fmt = output_format(path)
    if fmt == ".parquet":
        return list(layer_paths(path, [layer] if layer else LAYERS).values())
    return [Path(path)]


# --- the claims raster --------------------------------------------------------------------------

#: CRS of the claims raster (equal-area, so each cell has the same area).
RASTER_CRS = "EPSG:3035"
# Candidate cells evaluated at once when spreading footprints (bounds the memory used).
_CELL_BATCH = 1_000_000


def write_claims_raster(
    claims: gpd.GeoDataFrame,
    path: str | os.PathLike[str],
    *,
    resolution_m: float = 5000,
    freq: str = "D",
    boundaries: BoundariesArg = None,
    overwrite: bool = False,
    source: str | None = None,
) -> Path:
    """Write claimed km² per cell as a GeoTIFF in EPSG:3035, one band per period; returns the path.

    Each dated area claim with a footprint (see :mod:`frontmap.regions.footprints`:
    a disc of the claimed area around its place, clipped to its first-level unit) spreads
    its km² evenly over the cells whose centres lie in the footprint — the cells
    ``rasterio.features.rasterize`` burns without ``all_touched``; the clip uses the
    unit grid that ``rasterize`` burns from the boundaries. A footprint smaller than a
    cell (no centre inside) puts all its km² in the cell of its place. So each band
    sums to its period's claimed km² (band tag ``CLAIMED_KM2``). Bands are the periods
    (``freq`` D, W or M) that have such claims, in order; each band's description is
    its period's first day (``YYYY-MM-DD``). Cells outside every region that no
    footprint reaches are nodata (:data:`RASTER_NODATA`). Claims without a date or a
    footprint are left out with a :class:`FrontmapWarning`. Deflate-compressed, tiled,
    deterministic; the tags record the source, the frontmap version and that the
    footprints are illustrative.

    >>> write_claims_raster(claims, "claims.tif", resolution_m=5000, freq="W")  # doctest: +SKIP
    PosixPath('claims.tif')
    """
    import numpy as np
    import pandas as pd
    import rasterio
    from rasterio import features
    from rasterio.transform import Affine

    from frontmap import __version__
    from frontmap.regions.footprints import footprint_mask
    from frontmap.regions.join import active_boundaries
    from frontmap.regions.summary import check_freq, period_start

    freq = check_freq(freq)
    res = float(resolution_m)
    if not math.isfinite(res) or res <= 0:
        raise InputError(f"resolution must be a positive number of metres, not {resolution_m!r}")
    target = Path(path)
    if target.suffix.lower() not in (".tif", ".tiff"):
        raise InputError(f"{path}: the claims raster is a GeoTIFF; give a .tif file name")
    _check_targets([target], overwrite)

    regions = active_boundaries(boundaries, ["admin1"])["admin1"].to_crs(RASTER_CRS).reset_index(drop=True)
    n = len(claims)
    is_area = (claims["kind"].astype(object).to_numpy() == "area") if n else np.zeros(0, dtype=bool)
    dates = pd.to_datetime(claims["date"]) if n else pd.Series([], dtype="datetime64[ms]")
    use = footprint_mask(claims) & dates.notna().to_numpy()
    left_out = is_area & ~use
    if left_out.any():
        km2 = float(np.nansum(claims["value_km2"].to_numpy(dtype="float64", na_value=np.nan)[left_out]))
        warnings.warn(
            f"{int(left_out.sum())} area claim(s) ({km2:,.1f} km²) left out of the raster: "
            "no date, no place or no first-level unit",
            FrontmapWarning,
            stacklevel=2,
        )
    if not use.any():
        raise InputError(
            "no dated area claim with a place in a region: nothing to rasterise "
            "(the raster shows claimed km², from area claims only)"
        )
    sub = claims[use]
    pts = sub.geometry.to_crs(RASTER_CRS)
    x = pts.x.to_numpy(dtype="float64")
    y = pts.y.to_numpy(dtype="float64")
    km2 = sub["value_km2"].to_numpy(dtype="float64")
    radius = np.sqrt(km2 * 1e6 / np.pi)
    unit_of = {name: i for i, name in enumerate(regions["name"].astype(object))}
    unit = np.array([unit_of.get(a, -1) for a in sub["admin1"].astype(object)], dtype=np.int64)
    periods = period_start(dates[use], freq).to_numpy()
    labels, band = np.unique(periods, return_inverse=True)
    band = band.reshape(-1)

    # The grid: the regions' extent and every footprint's, snapped to whole cells.
    rb = regions.total_bounds
    xmin = math.floor(min(rb[0], float((x - radius).min())) / res) * res
    ymin = math.floor(min(rb[1], float((y - radius).min())) / res) * res
    xmax = math.ceil(max(rb[2], float((x + radius).max())) / res) * res
    ymax = math.ceil(max(rb[3], float((y + radius).max())) / res) * res
    width, height = round((xmax - xmin) / res), round((ymax - ymin) / res)
    transform = Affine(res, 0.0, xmin, 0.0, -res, ymax)
    unit_grid = features.rasterize(
        ((g, i + 1) for i, g in enumerate(regions.geometry.values) if g is not None and not g.is_empty),
        out_shape=(height, width),
        transform=transform,
        fill=0,
        all_touched=False,
        dtype="int32",
    )

    n_bands = len(labels)
    col0 = np.floor((x - xmin) / res).astype(np.int64)
    row0 = np.floor((ymax - y) / res).astype(np.int64)
    reach = np.ceil(radius / res).astype(np.int64) + 1
    outside = unit_grid == 0

    def spread(claims_idx: np.ndarray) -> np.ndarray:
        """The km² of these claims spread over their footprints' cells: one band."""
        all_cells: list[np.ndarray] = []
        all_weights: list[np.ndarray] = []
        for k in np.unique(reach[claims_idx]):
            idx = claims_idx[reach[claims_idx] == k]
            side = np.arange(-k, k + 1)
            dr, dc = (a.reshape(-1) for a in np.meshgrid(side, side, indexing="ij"))
            step = max(1, _CELL_BATCH // len(dr))
            for s in range(0, len(idx), step):
                j = idx[s : s + step]
                rows = row0[j, None] + dr[None, :]
                cols = col0[j, None] + dc[None, :]
                ok = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
                rows_c, cols_c = np.clip(rows, 0, height - 1), np.clip(cols, 0, width - 1)
                cx = xmin + (cols + 0.5) * res
                cy = ymax - (rows + 0.5) * res
                ok &= (cx - x[j, None]) ** 2 + (cy - y[j, None]) ** 2 <= radius[j, None] ** 2
                u = unit[j, None]
                ok &= (u < 0) | (unit_grid[rows_c, cols_c] == u + 1)
                count = ok.sum(axis=1)
                tiny = count == 0  # the footprint holds no cell centre: all of it in the place's cell
                ok[tiny] = (dr == 0) & (dc == 0)
                count[tiny] = 1
                weight = np.broadcast_to((km2[j] / count)[:, None], ok.shape)[ok]
                cells = (rows_c * width + cols_c)[ok]
                all_cells.append(cells)
                all_weights.append(weight)
        if not all_cells:
            return np.zeros((height, width), dtype="float64")
        flat = np.bincount(
            np.concatenate(all_cells), weights=np.concatenate(all_weights), minlength=height * width
        )
        return flat.reshape(height, width)

    # One band at a time, so memory stays at one band however many periods there are.
    by_band = np.argsort(band, kind="stable")
    cuts = np.searchsorted(band[by_band], np.arange(n_bands + 1))

    tags = {
        "SOURCE": source or "frontmap claims",
        "FRONTMAP_VERSION": __version__,
        "FREQ": freq,
        "RESOLUTION_M": f"{res:g}",
        "UNITS": "km2 claimed per cell",
        "ILLUSTRATIVE": "true",
        "METHOD": "each area claim's km2 spread evenly over the cells of its illustrative footprint "
        "(a disc of the claimed area around its place, clipped to its first-level unit)",
    }
    profile = {
        "driver": "GTiff",
        "dtype": "float32",
        "count": n_bands,
        "height": height,
        "width": width,
        "crs": RASTER_CRS,
        "transform": transform,
        "nodata": RASTER_NODATA,
        "compress": "deflate",
        "predictor": 1,  # no predictor: on sparse bands it only doubled the write time
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
        "interleave": "band",
        "BIGTIFF": "IF_SAFER",
    }
    per_band = np.bincount(band, weights=km2, minlength=n_bands)
    n_per_band = np.bincount(band, minlength=n_bands)
    with _atomic([target], overwrite) as (tmp,):
        try:
            with rasterio.open(tmp, "w", **profile) as dst:
                dst.update_tags(**tags)
                for b in range(n_bands):
                    data = spread(by_band[cuts[b] : cuts[b + 1]]).astype("float32")
                    data[outside & (data == 0)] = RASTER_NODATA
                    dst.write(data, b + 1)
                    day = str(labels[b])[:10]
                    dst.set_band_description(b + 1, day)
                    dst.update_tags(
                        b + 1, DATE=day, CLAIMED_KM2=f"{per_band[b]:.6f}", N_CLAIMS=str(int(n_per_band[b]))
                    )
        except rasterio.errors.RasterioError as err:
            raise SourceError(f"{target}: could not write the GeoTIFF: {err}") from err
    return target


#: The name docs/ARCHITECTURE.md uses for the claims raster.
write_raster = write_claims_raster
