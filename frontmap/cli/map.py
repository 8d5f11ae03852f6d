"""``frontmap map EVENTS -o DIR``: the map pages of an events GeoPackage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_common, print_json

EPILOG = """\
examples:
  frontmap extract reports/ -o events.gpkg && frontmap map events.gpkg -o maps
      index.html, one YYYY-MM-DD.html per date with claims, and timeline.html in maps/
  frontmap map events.gpkg -o maps --offline --overwrite
      self-contained pages (no tiles, no CDN: the basemap is drawn from outlines)
  frontmap map events.gpkg -o maps --png
      also a print-resolution YYYY-MM-DD.png per date
  frontmap map events.gpkg -o maps --frontline snapshots/
      draw the occupied area as of each page's date (latest snapshot on or before it)
      and ring each claim by its check against the snapshots (layer "Checks against the front line")
  frontmap check events.gpkg --frontline snapshots/ -o checks.gpkg && frontmap map events.gpkg -o maps --checks checks.gpkg
      ring the claims by the verdicts of an earlier 'frontmap check'
  frontmap frontline contested --frontline snapshots/ -o contested.tif && frontmap map events.gpkg -o maps --contested contested.tif
      overlay how often each 1 km cell changed hands (on every page; switch it off in the layer control)
  frontmap map events.gpkg -o maps --boundaries ukraine_adm1.geojson
      summarise per region on real boundaries instead of the shipped approximate ones

Prints the written paths as a JSON list on stdout; open DIR/index.html in a browser.
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "map",
        help="write the map pages (per date, timeline, index) of an events GeoPackage",
        description="Render the claims of an events GeoPackage (from 'frontmap extract -o FILE.gpkg') as "
        "interactive maps: one page per date, a timeline with a date slider, and an index page.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "events", type=Path, metavar="EVENTS", help="GeoPackage written by 'frontmap extract -o'"
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the pages"
    )
    parser.add_argument(
        "--offline", action="store_true", help="self-contained pages: no tiles and no request leaves the page"
    )
    parser.add_argument("--png", action="store_true", help="also write YYYY-MM-DD.png per date (200 dpi)")
    parser.add_argument("--overwrite", action="store_true", help="replace pages that already exist")
    parser.add_argument(
        "--boundaries",
        type=Path,
        metavar="FILE",
        help="real boundary file (GeoJSON, GeoPackage, shapefile) for the regions",
    )
    parser.add_argument(
        "--frontline",
        type=Path,
        metavar="DIR",
        help="dated occupied-area snapshots (GeoJSON/GeoPackage files): each page draws the "
        "latest on or before its date, labelled 'as of YYYY-MM-DD'",
    )
    parser.add_argument(
        "--checks",
        type=Path,
        metavar="FILE",
        help="verdicts written by 'frontmap check -o' (.gpkg, .geojson, .csv) to ring the claims with "
        "(default with --frontline: check the claims against the snapshots)",
    )
    parser.add_argument(
        "--contested",
        type=Path,
        metavar="FILE",
        help="contested-ground GeoTIFF ('frontmap frontline contested') drawn as an overlay on every page",
    )
    parser.add_argument(
        "--tiles",
        default=None,
        metavar="NAME",
        help="tile provider known to xyzservices (default: OpenStreetMap.Mapnik)",
    )
    parser.add_argument("--title", default=None, help="page title (default: 'Claimed territorial changes')")
    add_common(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from frontmap.render import map_events
    from frontmap.render.maps import DEFAULT_TILES, DEFAULT_TITLE

    progress = None
    if sys.stderr.isatty() and not getattr(args, "quiet", False):

        def progress(day: str) -> None:
            sys.stderr.write(f"\rmapping {day}")
            sys.stderr.flush()

    paths = map_events(
        args.events,
        args.output,
        offline=args.offline,
        png=args.png,
        overwrite=args.overwrite,
        boundaries=args.boundaries,
        frontline=_snapshots(args.frontline),
        tiles=args.tiles or DEFAULT_TILES,
        title=args.title or DEFAULT_TITLE,
        progress=progress,
        checks=args.checks,
        contested=args.contested,
    )
    if progress is not None:
        sys.stderr.write("\n")
    print_json([str(p) for p in paths])
    return 0


def _snapshots(folder: Path | None) -> object:
    """Snapshots loaded once for every page (None without --frontline)."""
    if folder is None:
        return None
    from frontmap.frontline import load_snapshots

    return load_snapshots(folder)
