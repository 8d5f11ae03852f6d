"""``frontmap check``: check extracted claims against front-line snapshots."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import add_common, print_json

EPILOG = """\
examples:
  frontmap extract reports/ -o events.gpkg
  frontmap check events.gpkg --frontline snapshots/ -o checks.gpkg
      every claim with a verdict: consistent, overstated, understated, contradicted,
      not_comparable or no_data (layer "checks")
  frontmap check events.gpkg --frontline snapshots/ -o checks.csv --overwrite
      the same as a table (no geometry; place_lat/place_lon are kept)
  frontmap check events.gpkg --frontline snapshots/ -o checks.gpkg --json
      and the verdict of each claim as JSON on stdout

How claims are checked:
  area         claimed km² against the km² the gainer measurably took in the claim's oblast
               over its period (or from the latest snapshot at least 7 days before the claim
               date to the first on or after it): consistent within a factor of 1.5,
               overstated above, understated below
  distance,    the same measurement is reported (measured_km2) but a length or a count
  settlements  is not comparable with an area: not_comparable
  capture      is the place on the gainer's side of the line in the first snapshot on or
               after the claim date? consistent or contradicted (line_distance_km: signed
               distance to the line, positive inside the occupied area)
  no_data      something is missing (side, date, place) or no snapshot lies within
               --max-gap-days of the claim (check_note says which)
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check claims against front-line snapshots (verdict per claim)",
        description="Check each claim of an events file against dated front-line snapshots and write "
        "the claims with the measured change and a verdict.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "events", metavar="EVENTS", type=Path, help="GeoPackage written by 'frontmap extract -o'"
    )
    parser.add_argument(
        "--frontline",
        metavar="DIR",
        type=Path,
        action="append",
        required=True,
        help="directory (or file) of dated snapshots; repeat to add more",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        required=True,
        help="checks.gpkg (layer 'checks'), checks.geojson or checks.csv",
    )
    parser.add_argument(
        "--boundaries",
        metavar="FILE",
        type=Path,
        help="first-level boundary file to measure in (default: the shipped boundaries)",
    )
    parser.add_argument(
        "--max-gap-days",
        metavar="N",
        type=int,
        default=14,
        help="give no verdict when the nearest snapshots are more than N days from the "
        "claim's period (default 14)",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    parser.add_argument("--json", action="store_true", help="also print the verdicts as JSON")
    add_common(parser)
    parser.set_defaults(func=run)


def read_claims(path: Path) -> Any:
    """The claims layer of an events file (frontmap.export.read_layer restores its column types)."""
    from frontmap.errors import InputError, SourceError

    if not path.exists():
        raise SourceError(
            f"{path}: no such events file; write one with 'frontmap extract REPORTS -o {path.name}'"
        )
    try:
        from frontmap.export import read_layer
    except ImportError:
        read_layer = None
    try:
        if read_layer is not None:
            return read_layer(path, "claims")
        import geopandas as gpd

        return gpd.read_file(path, layer="claims")
    except (InputError, SourceError):
        raise
    except Exception as err:
        raise InputError(
            f"{path}: cannot read its 'claims' layer ({err}); pass a GeoPackage written by "
            "'frontmap extract -o events.gpkg'"
        ) from err


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from frontmap.frontline import atomic_write_frame, check_claims

    from .frontline import load, warnings_to_stderr

    with warnings_to_stderr(args):
        claims = read_claims(args.events)
        snaps = load(args)
        checked = check_claims(claims, snaps, boundaries=args.boundaries, max_gap_days=args.max_gap_days)
    atomic_write_frame(checked, args.output, overwrite=args.overwrite)
    if args.json:
        keep = [
            c
            for c in (
                "claim_id",
                "kind",
                "gainer",
                "place",
                "admin1",
                "date",
                "check_from",
                "check_to",
                "check_region",
                "claimed_km2",
                "measured_km2",
                "ratio",
                "line_distance_km",
                "verdict",
                "check_note",
            )
            if c in checked.columns
        ]
        table = pd.DataFrame(checked[keep])
        table = table.astype(object).where(table.notna(), None)
        print_json(table.to_dict(orient="records"))
    if not args.quiet:
        counts = checked["verdict"].value_counts()
        summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
        sys.stderr.write(f"frontmap: wrote {args.output}: {len(checked)} claims ({summary or 'none'})\n")
    return 0
