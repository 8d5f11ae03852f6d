"""Benchmark: load a year of daily front-line snapshots and compute every daily diff per first-level unit.

    .venv/bin/python benchmarks/bench_frontline.py                 # synthetic snapshots and regions
    .venv/bin/python benchmarks/bench_frontline.py --source shared # perturbations of a real snapshot
                                                                   # and the real oblasts (../shared)
    .venv/bin/python benchmarks/bench_frontline.py --days 60       # a shorter run

The snapshots are written to a temporary directory first (365 GeoJSON files: a front that moves
a little every day, mostly forward, sometimes back); the measurement then runs in a fresh child
process so that its peak memory (max RSS) covers loading and diffing only. Prints seconds and MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def _ring(rng, cx: float, cy: float, rx: float, ry: float, n: int, noise: float):
    import numpy as np
    import shapely

    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    # a smooth, closed outline: a sum of low harmonics with random phases, amplitude ~ 1/k
    k = np.arange(2, 80)
    amp = noise * rng.uniform(0.3, 1.0, len(k)) / k
    phase = rng.uniform(0, 2 * np.pi, len(k))
    r = 1 + (amp[:, None] * np.cos(k[:, None] * t[None, :] + phase[:, None])).sum(axis=0)
    return shapely.Polygon(np.column_stack([cx + rx * r * np.cos(t), cy + ry * r * np.sin(t)])).buffer(0)


def synthetic_world(seed: int = 7):
    """(base occupied polygon, regions frame): ~27 Voronoi 'oblasts' over Ukraine's box, a wiggly front."""
    import geopandas as gpd
    import numpy as np
    import shapely

    rng = np.random.default_rng(seed)
    frame = shapely.box(22.0, 44.5, 40.0, 52.3)
    seeds = shapely.MultiPoint(np.column_stack([rng.uniform(22, 40, 27), rng.uniform(44.5, 52.3, 27)]))
    cells = [
        c.intersection(frame) for c in shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=frame))
    ]
    # borders with vertex counts like the real oblasts (about 50,000 in all)
    cells = [shapely.segmentize(c, 0.005) for c in cells]
    regions = gpd.GeoDataFrame(
        {
            "unit_id": [f"UA{i:02d}" for i in range(len(cells))],
            "name": [f"Unit {i}" for i in range(len(cells))],
            "level": "admin1",
            "admin1": [f"Unit {i}" for i in range(len(cells))],
        },
        geometry=cells,
        crs="EPSG:4326",
    )
    base = _ring(rng, 37.5, 47.5, 3.5, 2.2, 4000, 0.15)
    return base, regions


def shared_world():
    import geopandas as gpd
    import shapely

    adm1 = gpd.read_file(SHARED / "ukraine_adm1.geojson")
    regions = gpd.GeoDataFrame(
        {
            "unit_id": adm1["adm1_pcode"],
            "name": adm1["adm1_name_en"],
            "level": "admin1",
            "admin1": adm1["adm1_name_en"],
        },
        geometry=adm1.geometry,
        crs=adm1.crs,
    )
    snap = gpd.read_file(SHARED / "frontline" / "occupied_2025-08-01.geojson")
    base = shapely.union_all(snap[snap["status"] == "occupied"].geometry.array)
    return base, regions


def write_year(directory: Path, base, days: int, seed: int = 11, *, bites: bool = False) -> None:
    """One GeoJSON per day: each day the line bulges forward in 3 places (backward in 1 of 5).

    A bulge moves a run of consecutive vertices of the largest outline along its normal, so
    the rest of the outline stays vertex for vertex what it was, as in consecutive exports of
    one mapping pipeline, and the vertex count (file size) stays that of the base polygon.
    With ``bites`` (for a real, jagged outline, where moved vertices would cross) the front
    instead gains or loses small polygons on its line, by overlay.
    """
    if bites:
        _write_bitten_year(directory, base, days, seed)
        return
    import numpy as np
    import shapely

    rng = np.random.default_rng(seed)
    parts = sorted(shapely.get_parts(shapely.orient_polygons(base)), key=lambda g: -g.area)
    main, others = parts[0], parts[1:]
    ring = np.asarray(main.exterior.coords)[:-1]
    holes = [np.asarray(h.coords) for h in main.interiors]
    start = dt.date(2025, 1, 1)
    for day in range(days):
        for _ in range(3 if day else 0):
            n = len(ring)
            width = int(rng.integers(10, 60))
            at = int(rng.integers(0, n))
            idx = (at + np.arange(-width, width + 1)) % n
            tangent = ring[(idx + 1) % n] - ring[(idx - 1) % n]
            normal = np.column_stack([tangent[:, 1], -tangent[:, 0]])  # outward for a CCW shell
            normal /= np.maximum(np.hypot(normal[:, 0], normal[:, 1]), 1e-12)[:, None]
            amp = rng.uniform(0.001, 0.008) * (-1 if rng.uniform() < 0.2 else 1)
            ring[idx] += normal * (amp * np.hanning(len(idx)))[:, None]
        current = shapely.Polygon(np.vstack([ring, ring[:1]]), holes)
        if others:
            current = shapely.MultiPolygon([current, *others])
        if not current.is_valid:  # two bulges can cross; export valid polygons as a mapping tool would
            current = shapely.make_valid(current)
        _write_feature(directory, start + dt.timedelta(days=day), current)


def _write_feature(directory: Path, date: dt.date, geom) -> None:
    import numpy as np
    import shapely

    # written directly (6 decimals, like the DeepState files): much faster than a GeoDataFrame
    rounded = shapely.transform(geom, lambda xy: np.round(xy, 6))
    feature = {
        "type": "Feature",
        "properties": {"status": "occupied", "snapshot_date": date.isoformat()},
        "geometry": json.loads(shapely.to_geojson(rounded)),
    }
    path = directory / f"occupied_{date:%Y%m%d}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")


def _write_bitten_year(directory: Path, base, days: int, seed: int) -> None:
    import numpy as np
    import shapely

    rng = np.random.default_rng(seed)
    current = base
    start = dt.date(2025, 1, 1)
    for day in range(days):
        for _ in range(3 if day else 0):
            main = max(shapely.get_parts(current), key=lambda g: g.area)
            at = main.exterior.interpolate(rng.uniform(0, main.exterior.length))
            bite = _ring(rng, at.x, at.y, rng.uniform(0.005, 0.03), rng.uniform(0.005, 0.02), 16, 0.1)
            current = current.difference(bite) if rng.uniform() < 0.2 else current.union(bite)
        _write_feature(directory, start + dt.timedelta(days=day), current)


def measure(directory: Path, regions_path: Path) -> dict:
    import tracemalloc

    import geopandas as gpd

    from frontmap.frontline import frontline_changes, load_snapshots

    regions = gpd.read_file(regions_path)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    snaps = load_snapshots(directory)
    t1, c1 = time.perf_counter(), time.process_time()
    changes = frontline_changes(snaps, boundaries=regions)
    t2, c2 = time.perf_counter(), time.process_time()
    _, py_peak = tracemalloc.get_traced_memory()
    return {
        "snapshots": len(snaps),
        "regions": len(regions),
        "pairs": len(snaps) - 1,
        "rows": len(changes),
        "load_s": round(t1 - t0, 2),
        "load_cpu_s": round(c1 - c0, 2),
        "diffs_cpu_s": round(c2 - c1, 2),
        "diffs_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "per_pair_ms": round(1000 * (t2 - t1) / max(1, len(snaps) - 1), 1),
        "ru_gain_km2": round(float(changes["ru_gain_km2"].sum()), 1),
        "ua_gain_km2": round(float(changes["ua_gain_km2"].sum()), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_after_imports_mb": round(base_rss, 1),
        "python_peak_mb": round(py_peak / 2**20, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", choices=("synthetic", "shared"), default="synthetic")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--measure", nargs=2, metavar=("DIR", "REGIONS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]))))
        return 0
    if args.source == "shared" and not SHARED.is_dir():
        print(f"{SHARED} is absent; use --source synthetic", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench_frontline_") as tmp:
        directory = Path(tmp) / "snapshots"
        directory.mkdir()
        t0 = time.perf_counter()
        base, regions = shared_world() if args.source == "shared" else synthetic_world()
        regions_path = Path(tmp) / "regions.gpkg"
        regions.to_file(regions_path, driver="GPKG")
        write_year(directory, base, args.days, bites=args.source == "shared")
        size_mb = sum(p.stat().st_size for p in directory.iterdir()) / 2**20
        size_kb = 1024 * size_mb / max(1, args.days)
        print(
            f"wrote {args.days} {args.source} snapshots ({size_mb:.0f} MB, {size_kb:.0f} kB each) "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(directory), str(regions_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode:
            sys.stderr.write(child.stderr)
            return child.returncode
        r = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"load {r['snapshots']} snapshots: {r['load_s']:.2f} s (CPU {r['load_cpu_s']:.2f} s)")
    print(
        f"daily diffs, {r['pairs']} pairs x {r['regions']} units: {r['diffs_s']:.2f} s"
        f" (CPU {r['diffs_cpu_s']:.2f} s; {r['per_pair_ms']} ms per pair)"
    )
    print(f"total: {r['total_s']:.2f} s")
    print(
        f"peak memory: {r['peak_rss_mb']:.0f} MB RSS ({r['rss_after_imports_mb']:.0f} MB after imports; "
        f"Python heap peak {r['python_peak_mb']:.0f} MB)"
    )
    print(f"year's gains: RU {r['ru_gain_km2']:,.1f} km², UA {r['ua_gain_km2']:,.1f} km²")
    return 0


if __name__ == "__main__":
    sys.exit(main())
