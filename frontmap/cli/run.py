"""``frontmap run ARTICLES... -o DIR``: extract and map in one go."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_common, add_input_options, extract_inputs, read_inputs
from .options import add_boundary_options, boundaries_from_args

EPILOG = """\
examples:
  frontmap run reports/ -o maps                 pages per date, timeline.html, index.html and events.gpkg in maps/
  frontmap run reports/ -o maps --offline       self-contained pages: no tiles, nothing fetched
  frontmap run feed.jsonl -o maps --png         also a print-resolution PNG per date
  frontmap run reports/ -o maps --frontline snapshots/ --overwrite
                                                draw the occupied area as of each date and ring each
                                                claim by its check against the snapshots
  frontmap run reports/ -o maps --contested contested.tif
                                                overlay how often each 1 km cell changed hands

DIR receives events.gpkg (layers mentions, claims, regions, as 'frontmap extract -o'
writes it) and the pages of 'frontmap map'. Open DIR/index.html in a browser.
exit status: 0 when every input was read, 1 when some input failed (named on stderr).
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "run",
        help="extract reports and write their maps in one go",
        description="Read reports, extract places and claims, write DIR/events.gpkg and the map pages.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for events.gpkg and the pages")
    p.add_argument("--offline", action="store_true", help="self-contained pages: no tiles and no request leaves the page")
    p.add_argument("--png", action="store_true", help="also write YYYY-MM-DD.png per date")
    p.add_argument("--frontline", type=Path, metavar="DIR",
                   help="dated occupied-area snapshots: each page draws the latest on or before its date")
    p.add_argument("--contested", type=Path, metavar="FILE",
                   help="contested-ground GeoTIFF ('frontmap frontline contested') drawn on every page")
    p.add_argument("--freq", choices=("D", "W", "M"), default="D", help="period of the regions summary (default D)")
    p.add_argument("--tiles", default=None, metavar="NAME", help="tile provider known to xyzservices")
    p.add_argument("--title", default=None, help="page title")
    p.add_argument("--overwrite", action="store_true", help="replace the outputs of an earlier run")
    add_boundary_options(p)
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from frontmap.export import export_extractions
    from frontmap.render import map_events
    from frontmap.render.maps import DEFAULT_TILES, DEFAULT_TITLE

    out: Path = args.output
    if out.exists() and not out.is_dir():
        from frontmap.errors import InputError

        raise InputError(f"{out} is a file; -o takes a folder")
    boundaries = boundaries_from_args(args)
    if args.contested is not None and not args.contested.is_file():
        from frontmap.errors import InputError

        raise InputError(f"{args.contested}: no such raster; write one with 'frontmap frontline contested -o FILE'")
    snapshots = None
    if args.frontline is not None:
        from frontmap.frontline import load_snapshots

        snapshots = load_snapshots(args.frontline)
    articles, failed = read_inputs(args)
    extractions = extract_inputs(args, articles)
    out.mkdir(parents=True, exist_ok=True)
    events = out / "events.gpkg"
    export_extractions(extractions, events, boundaries=boundaries, overwrite=args.overwrite, freq=args.freq)
    paths = map_events(events, out, offline=args.offline, png=args.png, overwrite=args.overwrite,
                       boundaries=boundaries, frontline=snapshots, tiles=args.tiles or DEFAULT_TILES,
                       title=args.title or DEFAULT_TITLE, contested=args.contested)
    n_claims = sum(len(ex.claims) for ex in extractions)
    undated = [ex.article.id for ex in extractions if ex.article.published is None]
    if not args.quiet:
        sys.stderr.write(f"read {len(articles)} reports, found {n_claims} claims; wrote {events} and {len(paths)} pages\n")
        if undated:
            sys.stderr.write(f"no date found for: {', '.join(undated)} (listed on the index page, left off the dated maps)\n")
        index = next((p for p in paths if p.name == "index.html"), out / "index.html")
        sys.stderr.write(f"open {index.resolve()}\n")
    return 1 if failed else 0
