"""Benchmark: the event layer on 100,000 synthetic claims.

    .venv/bin/python benchmarks/bench_events.py                  # 100,000 claims over 365 days
    .venv/bin/python benchmarks/bench_events.py --claims 20000   # a smaller run
    .venv/bin/python benchmarks/bench_events.py --boundaries shared  # the detailed OSM boundaries

Targets on this machine: region summary + GeoPackage export <= 10 s (as ``frontmap extract -o``
writes it: regions layer polygons simplified to 500 m), and the claims raster
(365 daily bands, 5 km cells) <= 30 s. The claims are built as records (10 per report, places
drawn inside the first-level units, a tenth of them repeated by a second report so that merging
has work to do) and joined against the shipped boundaries (or the detailed OSM ones in
../shared with ``--boundaries shared``). Prints seconds per stage and peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def boundaries(which: str = "shipped"):
    """The shipped approximate frames, or standard frames from the OSM files in ../shared."""
    import geopandas as gpd

    if which == "shared":
        a = gpd.read_file(SHARED / "ukraine_adm1.geojson")
        b = gpd.read_file(SHARED / "ukraine_adm2.geojson")

        def frame(codes, names, level, parents, area, geometry):
            return gpd.GeoDataFrame(
                {
                    "unit_id": codes,
                    "name": names,
                    "level": level,
                    "admin1": parents,
                    "area_km2": area.astype(float),
                    "approximate": False,
                },
                geometry=geometry,
                crs="EPSG:4326",
            )

        return "../shared OSM", {
            "admin1": frame(a.adm1_pcode, a.adm1_name_en, "admin1", a.adm1_name_en, a.area_km2, a.geometry),
            "admin2": frame(b.adm2_pcode, b.adm2_name_en, "admin2", b.adm1_name_en, b.area_km2, b.geometry),
        }
    from frontmap.regions.boundaries import shipped_boundaries

    return "shipped", {level: shipped_boundaries(level) for level in ("admin1", "admin2")}


def synthetic_extractions(n_claims: int, frames, seed: int = 11):
    import numpy as np
    import shapely

    from frontmap.records import Article, Claim, Extraction, Mention, Place

    rng = np.random.default_rng(seed)
    land = shapely.union_all(frames["admin1"].geometry.values)
    shapely.prepare(land)
    x0, y0, x1, y1 = land.bounds
    xs, ys = rng.uniform(x0, x1, 20000), rng.uniform(y0, y1, 20000)
    inside = shapely.contains_xy(land, xs, ys)
    xs, ys = xs[inside][:2000], ys[inside][:2000]
    places = [
        Place(
            f"s:{i}",
            f"Village {i}",
            "settlement",
            "UA",
            None,
            None,
            float(y),
            float(x),
            100,
            "point",
            "synthetic",
        )
        for i, (x, y) in enumerate(zip(xs, ys))
    ]
    kinds = np.array(["area", "distance", "settlements", "capture", "share"])
    kind = kinds[rng.choice(5, n_claims, p=[0.4, 0.2, 0.15, 0.2, 0.05])]
    start_day = dt.date(2024, 1, 1)
    day = rng.integers(0, 365, n_claims)
    place_i = rng.integers(0, len(places), n_claims)
    km2 = np.round(np.exp(rng.uniform(0, np.log(2000), n_claims)), 1)
    gainer = np.where(rng.random(n_claims) < 0.6, "RU", "UA")
    claimants = [None, None, "General Staff", "Defence Ministry", "Zelensky"]
    claimant = rng.integers(0, len(claimants), n_claims)
    repeat = rng.random(n_claims) < 0.1

    per_report = 10
    exs = []
    for r in range(0, n_claims, per_report):
        doc = f"report-{r // per_report:06d}"
        claims, mentions = [], []
        for j in range(r, min(r + per_report, n_claims)):
            p = places[place_i[j]]
            m = Mention(doc, p.name, 100 * (j - r), 100 * (j - r) + len(p.name), p)
            k = str(kind[j])
            value = {
                "area": float(km2[j]),
                "distance": float(km2[j] % 30 + 1),
                "settlements": float(j % 40 + 1),
                "capture": None,
                "share": 17.0,
            }[k]
            unit = {
                "area": "km2",
                "distance": "km",
                "settlements": "count",
                "capture": None,
                "share": "percent",
            }[k]
            claims.append(
                Claim(
                    doc,
                    k,
                    value,
                    unit,
                    str(gainer[j]),
                    "synthetic sentence",
                    m.start,
                    m.start + 60,
                    value_km2=value if k == "area" else None,
                    claimant=claimants[claimant[j]],
                    place=m,
                    date=start_day + dt.timedelta(days=int(day[j])),
                )
            )
            mentions.append(m)
        exs.append(Extraction(Article(doc, "synthetic"), tuple(mentions), tuple(claims)))
        # A tenth of the claims are told again by another report a day later.
        again = [c for c, j in zip(claims, range(r, r + per_report)) if j < n_claims and repeat[j]]
        if again:
            doc2 = doc + "-again"
            moved = tuple(
                Claim(
                    doc2,
                    c.kind,
                    c.value,
                    c.unit,
                    c.gainer,
                    c.sentence,
                    c.start,
                    c.end,
                    value_km2=c.value_km2,
                    claimant=None,
                    place=Mention(doc2, c.place.surface, c.place.start, c.place.end, c.place.place),
                    date=min(c.date + dt.timedelta(days=1), dt.date(2024, 12, 30)),
                )
                for c in again
            )
            exs.append(Extraction(Article(doc2, "synthetic"), tuple(c.place for c in moved), moved))
    return exs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument(
        "--boundaries",
        choices=["shipped", "shared"],
        default="shipped",
        help="the shipped approximate boundaries (default) or the detailed OSM ones in ../shared",
    )
    args = parser.parse_args(argv)

    from frontmap.export import REGIONS_SIMPLIFY_M, write_claims_raster, write_events
    from frontmap.regions.join import merge_repeated, to_geodataframes
    from frontmap.regions.summary import region_summary

    source, frames = boundaries(args.boundaries)
    exs = synthetic_extractions(args.claims, frames)
    n = sum(len(e.claims) for e in exs)
    print(f"{n:,} claims in {len(exs):,} reports; boundaries: {source}")
    warnings.simplefilter("ignore")
    timings: dict[str, float] = {}

    t = time.perf_counter()
    mentions, claims = to_geodataframes(exs, boundaries=frames)
    timings["to_geodataframes (join)"] = time.perf_counter() - t
    t = time.perf_counter()
    events = merge_repeated(claims)
    timings["merge_repeated"] = time.perf_counter() - t
    t = time.perf_counter()
    regions = region_summary(events, boundaries=frames, freq="D", simplify_m=REGIONS_SIMPLIFY_M)
    timings["region_summary (D)"] = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        write_events(Path(tmp) / "events.gpkg", mentions=mentions, claims=events, regions=regions)
        timings["GeoPackage export (3 layers)"] = time.perf_counter() - t
        size = (Path(tmp) / "events.gpkg").stat().st_size
        t = time.perf_counter()
        tif = write_claims_raster(
            events, Path(tmp) / "claims.tif", resolution_m=5000, freq="D", boundaries=frames
        )
        timings["raster (daily, 5 km)"] = time.perf_counter() - t
        import rasterio

        with rasterio.open(tif) as ds:
            bands, shape, tif_size = ds.count, ds.shape, tif.stat().st_size

    for name, sec in timings.items():
        print(f"{name:32s} {sec:7.2f} s")
    summary_export = timings["region_summary (D)"] + timings["GeoPackage export (3 layers)"]
    print(f"{'summary + GeoPackage export':32s} {summary_export:7.2f} s   (target <= 10 s)")
    print(
        f"{'raster':32s} {timings['raster (daily, 5 km)']:7.2f} s   (target <= 30 s): {bands} bands of "
        f"{shape[0]}x{shape[1]} cells, {tif_size / 1e6:.1f} MB"
    )
    print(
        f"events: {len(events):,} (from {len(claims):,} claims); regions rows: {len(regions):,}; "
        f"GeoPackage {size / 1e6:.1f} MB"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
