"""``frontmap frontline``: measure front-line snapshots (diff, areas, contested raster)."""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .common import add_common, print_json

EPILOG = """\
examples:
  frontmap frontline diff 2022-09-06 2022-09-12 --frontline snapshots/
      km² gained by each side per oblast between the snapshots in force on those dates
  frontmap frontline diff 2022-09-06 2022-09-12 --frontline snapshots/ --level admin2 --json
      per raion, as JSON (one object per region, then the "TOTAL" row)
  frontmap frontline diff 2024-10-01 2024-11-01 --frontline snapshots/ --boundaries oblasts.geojson
      measured in your own boundary file (any file frontmap.regions.load_boundaries reads)
  frontmap frontline areas --frontline snapshots/
      occupied km² per snapshot date (equal-area CRS)
  frontmap frontline areas --frontline snapshots/ --by-region --json
      occupied km² and share per oblast and date
  frontmap frontline contested --frontline snapshots/ -o contested.tif
      GeoTIFF (1 km cells, EPSG:3035): how many times each cell changed hands

Snapshots are GeoJSON/GeoPackage files of the occupied area, dated by a 'snapshot_date'
property or by a YYYY-MM-DD / YYYYMMDD in the file name (for example DeepStateMap exports).
A date that has no snapshot uses the latest snapshot before it; the output says which.
Areas are measured in a Lambert equal-area projection centred on Ukraine and clipped to land.
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "frontline",
        help="measure front-line snapshots: territory gained per region, areas, contested ground",
        description="Measure dated snapshots of occupied territory: km² gained by each side between two "
        "dates per region, occupied km² per date, and a raster of how often ground changed hands.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="frontline_command", metavar="ACTION")

    def snapshots_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--frontline",
            metavar="DIR",
            type=Path,
            action="append",
            required=True,
            help="directory (or file) of dated snapshots; repeat to add more",
        )

    def boundary_args(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--level",
            choices=("admin1", "admin2"),
            default="admin1",
            help="regions to report: oblasts (admin1, default) or raions (admin2)",
        )
        p.add_argument(
            "--boundaries",
            metavar="FILE",
            type=Path,
            help="boundary file to measure in (default: the boundaries frontmap ships)",
        )

    diff = sub.add_parser(
        "diff",
        help="km² gained by each side between two dates, per region",
        description="km² gained by each side between the snapshots in force on DATE1 and DATE2 "
        "(the latest on or before each), per region and in total, clipped to land. RU gain: "
        "occupied on DATE2 and not on DATE1; UA gain: the reverse.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument("date1", metavar="DATE1", help="earlier date, YYYY-MM-DD")
    diff.add_argument("date2", metavar="DATE2", help="later date, YYYY-MM-DD")
    snapshots_arg(diff)
    boundary_args(diff)
    diff.add_argument("--all", action="store_true", help="list regions where nothing changed too")
    diff.add_argument("--json", action="store_true", help="JSON to stdout")
    add_common(diff)
    diff.set_defaults(func=run_diff)

    areas = sub.add_parser(
        "areas",
        help="occupied km² per snapshot date",
        description="Occupied km² per snapshot date (with --boundaries: also the part on land), "
        "or per region with its share (--by-region).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    snapshots_arg(areas)
    boundary_args(areas)
    areas.add_argument("--by-region", action="store_true", help="per region (with share of its area)")
    areas.add_argument("--json", action="store_true", help="JSON to stdout")
    add_common(areas)
    areas.set_defaults(func=run_areas)

    contested = sub.add_parser(
        "contested",
        help="GeoTIFF of how many times each cell changed hands",
        description="Rasterise every snapshot on an equal-area grid (EPSG:3035, 1 km cells by default) "
        "and write, per cell, the number of consecutive snapshot pairs in which it changed hands "
        "(uint16, nodata 65535 off the --boundaries land). Coastline redraws count as changes "
        "unless --boundaries masks the sea.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    snapshots_arg(contested)
    contested.add_argument(
        "-o", "--output", metavar="FILE.tif", type=Path, required=True, help="GeoTIFF to write"
    )
    contested.add_argument(
        "--resolution",
        metavar="METRES",
        type=float,
        default=1000.0,
        help="cell size in metres (default 1000)",
    )
    contested.add_argument(
        "--boundaries",
        metavar="FILE",
        type=Path,
        help="mask cells outside this boundary file's land as nodata",
    )
    contested.add_argument("--from", dest="start", metavar="DATE", help="first snapshot date to use")
    contested.add_argument("--to", dest="end", metavar="DATE", help="last snapshot date to use")
    contested.add_argument("--overwrite", action="store_true", help="replace FILE.tif if it exists")
    add_common(contested)
    contested.set_defaults(func=run_contested)

    add_common(parser)
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])


def progress_bar(label: str, args: argparse.Namespace) -> Callable[[int, int], None] | None:
    """A one-line progress counter on stderr, only when stderr is a terminal (and not -q)."""
    if getattr(args, "quiet", False) or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done + 1 >= total else ""
        sys.stderr.write(f"\r{label} {done + 1}/{total}{end}")
        sys.stderr.flush()

    return show


def load(args: argparse.Namespace) -> Any:
    """Load the --frontline snapshots (one directory or file, or several)."""
    from frontmap.frontline import load_snapshots

    sources = args.frontline
    return load_snapshots(
        sources[0] if len(sources) == 1 else sources, progress=progress_bar("reading snapshots", args)
    )


@contextlib.contextmanager
def warnings_to_stderr(args: argparse.Namespace) -> Iterator[None]:
    """Show warnings (skipped files, unmatched units) as 'frontmap: warning: ...' lines, unless -q."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            if not getattr(args, "quiet", False):
                for w in caught:
                    sys.stderr.write(f"frontmap: warning: {w.message}\n")


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 3)
    return value


def _records(frame: Any) -> list[dict[str, Any]]:
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def run_diff(args: argparse.Namespace) -> int:
    with warnings_to_stderr(args):
        return _run_diff(args)


def _run_diff(args: argparse.Namespace) -> int:
    from frontmap.frontline import TOTAL_ID, frontline_diff

    snaps = load(args)
    frame = frontline_diff(
        args.date1, args.date2, snapshots=snaps, level=args.level, boundaries=args.boundaries
    )
    used_from, used_to = frame["from_date"].iloc[-1], frame["to_date"].iloc[-1]
    if used_from == used_to and not args.quiet:
        sys.stderr.write(
            f"frontmap: warning: both dates use the snapshot of {used_from}: nothing can change; "
            f"snapshots are available on {', '.join(d.isoformat() for d in snaps.dates)}\n"
        )
    if not args.all:
        changed = (
            (frame["ru_gain_km2"] >= 0.05) | (frame["ua_gain_km2"] >= 0.05) | (frame["unit_id"] == TOTAL_ID)
        )
        frame = frame[changed]
    if args.json:
        print_json(_records(frame))
        return 0
    out = sys.stdout
    out.write(
        f"Territory gained between the snapshots of {used_from} and {used_to} "
        f"(asked: {args.date1} .. {args.date2}), km², clipped to land\n\n"
    )
    width = max([len(str(n)) for n in frame["name"]] + [6])
    out.write(
        f"{'region':<{width}}  {'RU gain':>10}  {'UA gain':>10}  {'net RU':>10}"
        f"  {'held then':>10}  {'held now':>10}\n"
    )
    for row in frame.itertuples(index=False):
        if row.unit_id == TOTAL_ID:
            out.write("-" * (width + 62) + "\n")
        out.write(
            f"{row.name:<{width}}  {row.ru_gain_km2:>10,.1f}  {row.ua_gain_km2:>10,.1f}"
            f"  {row.net_ru_km2:>+10,.1f}"
            f"  {row.occupied_from_km2:>10,.1f}  {row.occupied_to_km2:>10,.1f}\n"
        )
    if bool(frame["approximate"].any()):
        out.write(
            "\nMeasured in frontmap's approximate shipped boundaries: for exact figures per region "
            "pass --boundaries FILE (e.g. OCHA COD-AB or OSM oblasts).\n"
        )
    return 0


def run_areas(args: argparse.Namespace) -> int:
    with warnings_to_stderr(args):
        return _run_areas(args)


def _run_areas(args: argparse.Namespace) -> int:
    from frontmap.frontline import occupied_area

    snaps = load(args)
    frame = occupied_area(snaps, boundaries=args.boundaries, level=args.level, by_region=args.by_region)
    if args.by_region:
        frame = frame[frame["occupied_km2"] >= 0.05]
    if args.json:
        print_json(_records(frame))
        return 0
    out = sys.stdout
    if args.by_region:
        out.write(f"{'date':<10}  {'region':<32}  {'occupied km²':>12}  {'share':>6}\n")
        for row in frame.itertuples(index=False):
            out.write(f"{row.date:<10}  {row.name:<32}  {row.occupied_km2:>12,.1f}  {row.share:>6.1%}\n")
        return 0
    has_land = "land_km2" in frame.columns
    out.write(f"{'date':<10}  {'occupied km²':>12}" + (f"  {'on land km²':>12}" if has_land else "") + "\n")
    for row in frame.itertuples(index=False):
        out.write(
            f"{row.date:<10}  {row.occupied_km2:>12,.1f}"
            + (f"  {row.land_km2:>12,.1f}" if has_land else "")
            + "\n"
        )
    return 0


def run_contested(args: argparse.Namespace) -> int:
    with warnings_to_stderr(args):
        return _run_contested(args)


def _run_contested(args: argparse.Namespace) -> int:
    from frontmap.frontline import contested_raster

    snaps = load(args)
    path = contested_raster(
        snaps,
        args.output,
        resolution_m=args.resolution,
        boundaries=args.boundaries,
        overwrite=args.overwrite,
        start=args.start,
        end=args.end,
        progress=progress_bar("rasterising snapshots", args),
    )
    if not args.quiet:
        sys.stderr.write(f"frontmap: wrote {path} ({len(snaps)} snapshots considered)\n")
    return 0
