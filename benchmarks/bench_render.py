"""Benchmark: the map page of one date with 10,000 claims.

Prints the seconds to build and render the page, the HTML size, and headless Chromium's
load-to-idle time with the network cut off (skipped, saying why, without chromium).

    .venv/bin/python benchmarks/bench_render.py [--claims 10000] [--offline|--online]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REGIONS = {  # rough boxes of five front-line oblasts (lon_min, lat_min, lon_max, lat_max)
    "Donetsk Oblast": (36.5, 47.0, 39.0, 49.2),
    "Luhansk Oblast": (38.0, 48.2, 40.2, 50.1),
    "Kharkiv Oblast": (35.0, 49.2, 38.0, 50.4),
    "Zaporizhzhia Oblast": (34.5, 46.6, 36.5, 48.0),
    "Kherson Oblast": (32.0, 46.0, 35.0, 47.5),
}
KINDS = ("area", "distance", "settlements", "capture", "share")


def synthetic(n: int, seed: int = 7) -> tuple[object, object]:
    """n claims of one date spread over five oblasts, and their region summary."""
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point, box

    rng = random.Random(seed)
    rows = []
    names = sorted(REGIONS)
    for i in range(n):
        region = names[i % len(names)]
        x0, y0, x1, y1 = REGIONS[region]
        kind = KINDS[i % len(KINDS)]
        value = round(rng.uniform(1, 500), 1) if kind != "capture" else None
        rows.append(
            {
                "claim_id": f"r{i // 5}.txt:{i}",
                "doc": f"r{i // 5}.txt",
                "kind": kind,
                "value": value,
                "value_min": None,
                "value_max": None,
                "qualifier": "approx" if i % 7 == 0 else None,
                "unit": {"area": "km2", "distance": "km", "settlements": "count", "share": "percent"}.get(
                    kind
                ),
                "value_km2": value if kind == "area" else None,
                "gainer": "UA" if i % 3 else "RU",
                "claimant": "General Staff" if i % 2 else "Defence Ministry",
                "place": f"Village {i}",
                "place_lat": None,
                "place_lon": None,
                "region": region,
                "date": "2024-05-10",
                "period_start": None,
                "period_end": None,
                "hedged": i % 4 == 0,
                "sentence": f"Forces advanced about {value} near Village {i}, officials said on Friday.",
                "start": i,
                "end": i + 60,
                "title": f"Synthetic report {i // 5}",
                "url": f"https://news.example.org/{i // 5}",
                "published": "2024-05-10",
                "admin1": region,
                "admin2": None,
                "event_id": f"e{i}",
                "sources": f"r{i // 5}.txt",
                "n_sources": 1,
                "geometry": Point(rng.uniform(x0, x1), rng.uniform(y0, y1)),
            }
        )
    claims = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    for col in ("date", "published"):
        claims[col] = pd.to_datetime(claims[col])
    summary_rows = []
    for region in names:
        for side in ("UA", "RU"):
            sel = claims[(claims["region"] == region) & (claims["gainer"] == side)]
            km2 = float(sel["value_km2"].fillna(0).sum())
            summary_rows.append(
                {
                    "date": pd.Timestamp("2024-05-10"),
                    "region": region,
                    "gainer": side,
                    "claimed_km2": km2,
                    "n_claims": len(sel),
                    "n_sources": sel["doc"].nunique(),
                    "area_km2": 26000.0,
                    "claimed_share": km2 / 26000.0,
                    "geometry": box(*REGIONS[region]),
                }
            )
    summary = gpd.GeoDataFrame(summary_rows, geometry="geometry", crs="EPSG:4326")
    return claims, summary


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--online", action="store_true", help="tile basemap instead of the offline outlines")
    args = parser.parse_args()

    from frontmap.render import page_html, render_map
    from frontmap.render.pages import write_atomic

    claims, summary = synthetic(args.claims)
    render_map(claims.iloc[:10], regions=summary, offline=True)  # warm imports and asset reads
    t0 = time.perf_counter()
    m = render_map(claims, date="2024-05-10", regions=summary, offline=not args.online)
    t1 = time.perf_counter()
    page = page_html(m)
    t2 = time.perf_counter()
    # Memory in a second, traced run (tracing slows Python down, so it is not timed).
    del m
    tracemalloc.start()
    page_html(render_map(claims, date="2024-05-10", regions=summary, offline=not args.online))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2024-05-10.html"
        write_atomic(path, page)
        size = path.stat().st_size
        print(f"claims on the page          {args.claims:,}")
        print(f"render_map                  {t1 - t0:6.2f} s")
        print(f"HTML rendering (page_html)  {t2 - t1:6.2f} s")
        print(f"total                       {t2 - t0:6.2f} s")
        print(f"HTML size                   {size / 1e6:6.2f} MB")
        print(f"peak Python memory          {peak / 1e6:6.1f} MB (tracemalloc)")
        from frontmap.render._chromium import Chromium, available

        reason = available()
        if reason:
            print(f"Chromium load-to-idle       skipped: {reason}")
            return 0
        count = (
            "(() => { let t = 0; document.querySelectorAll('.fm-cluster span').forEach(s => t += +s.textContent);"
            " return t + document.querySelectorAll('.leaflet-marker-pane .fm-claim').length; })()"
        )
        with Chromium(timeout=300) as browser:
            report = browser.open(path, offline=True)
            # the cluster plugin places markers in chunks: wait for all of them before counting
            browser.wait_for(f"{count} >= {args.claims}", timeout=120)
            drawn = browser.evaluate(count)
        print(
            f"Chromium load-to-idle       {report.load_to_idle_s:6.2f} s (network off; {drawn:,} claims drawn, "
            f"{len(report.exceptions) + len(report.console_errors)} console errors)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
