"""``frontmap raster EVENTS -o claims.tif``: claimed km² per cell and period as a GeoTIFF."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from .common import add_common, print_json
from .options import add_boundary_options, boundaries_from_args

EPILOG = """\
examples:
  frontmap extract reports/ -o events.gpkg && frontmap raster events.gpkg -o claims.tif
      one band per day with claims, 5 km cells in EPSG:3035 (LAEA Europe)
  frontmap raster events.gpkg -o weekly.tif --freq W --resolution 10km
      one band per week (labelled by its Monday), 10 km cells
  frontmap raster events.gpkg -o claims.tif --resolution 500m --overwrite
      finer cells, replacing an existing file

Each cell holds the km² claimed there: every area claim's km² is spread evenly over an
illustrative footprint (a disc of the claimed area around its place, clipped to its
oblast), so a band sums to the km² claimed in its period. Band descriptions are the
periods' first days. Prints a JSON object (path, bands, km² per band) on stdout.
"""

_RESOLUTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(km|m)?\s*$", re.IGNORECASE)


def parse_resolution(text: str) -> float:
    """Metres from "5km", "500m" or "5000" (metres).

    >>> parse_resolution("2.5km")
    2500.0
    """
    m = _RESOLUTION.match(str(text))
    if not m or float(m.group(1)) <= 0:
        raise argparse.ArgumentTypeError(
            f"invalid resolution {text!r}; write it like 5km, 500m or 5000 (metres)"
        )
    value = float(m.group(1))
    return value * 1000.0 if (m.group(2) or "m").lower() == "km" else value


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "raster",
        help="write claimed km² per cell and period as a GeoTIFF",
        description="Rasterise the area claims of an events GeoPackage (from 'frontmap extract -o FILE.gpkg') "
        "into a GeoTIFF in EPSG:3035 with one band per day, week or month.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "events", type=Path, metavar="EVENTS", help="GeoPackage written by 'frontmap extract -o'"
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.tif", help="GeoTIFF to write"
    )
    parser.add_argument(
        "--resolution",
        type=parse_resolution,
        default=5000.0,
        metavar="SIZE",
        help="cell size: 5km (default), 500m, or metres as a number",
    )
    parser.add_argument(
        "--freq",
        type=str.upper,
        choices=["D", "W", "M"],
        default="D",
        help="one band per day (D, default), week starting Monday (W) or month (M)",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace FILE.tif if it exists")
    add_boundary_options(parser)
    add_common(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    import rasterio

    from frontmap.export import read_events, write_claims_raster

    _, claims = read_events(args.events)
    path = write_claims_raster(
        claims,
        args.output,
        resolution_m=args.resolution,
        freq=args.freq,
        boundaries=boundaries_from_args(args),
        overwrite=args.overwrite,
        source=Path(args.events).name,
    )
    with rasterio.open(path) as ds:
        bands = [
            {"band": i, "date": ds.descriptions[i - 1], "claimed_km2": float(ds.tags(i)["CLAIMED_KM2"])}
            for i in range(1, ds.count + 1)
        ]
    print_json(
        {
            "path": str(path),
            "crs": "EPSG:3035",
            "resolution_m": args.resolution,
            "freq": args.freq,
            "bands": bands,
        }
    )
    return 0
