"""``frontmap download``: fetch real boundaries and front-line archives, explicitly, into a cache."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import Progress, add_common, print_json

EPILOG = """\
examples:
  frontmap download list
      the sources, what they are and their licences
  frontmap download boundaries
      geoBoundaries oblasts into the cache; prints the cached file's path
  frontmap extract reports/ -o events.gpkg --boundaries "$(frontmap download boundaries -q)"
      use them right away (a second run reads the cache and fetches nothing)
  frontmap download boundaries --level admin2 --force
      raions, fetched again even if cached
  frontmap download frontline --since 2025-08-01 --until 2025-12-01 --every 7 -o snapshots/
      weekly DeepStateMap snapshots into snapshots/ (occupied_YYYY-MM-DD.geojson)
  frontmap frontline diff 2025-08-01 2025-12-01 --frontline snapshots/
      then measure them

frontmap never goes online by itself: only this command downloads. Files are cached in
$FRONTMAP_CACHE, else $XDG_CACHE_HOME/frontmap, else ~/.cache/frontmap, each with a
<file>.meta sidecar (address, time fetched, SHA-256, size). Every file is loaded with the
loader that will use it before it is kept. DeepStateMap publishes no open licence: check its
terms before you publish anything built on these snapshots.
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "download",
        help="fetch real boundaries or front-line archives into a cache (the one command that goes online)",
        description="Download real boundary files (geoBoundaries) and front-line archives (DeepStateMap) "
        "into a local cache. This is the only frontmap command that uses the network.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(func=lambda args: _usage(parser))
    sub = parser.add_subparsers(dest="download_command", metavar="ACTION")

    def cache_args(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--cache-dir",
            metavar="DIR",
            type=Path,
            default=None,
            help="cache directory (default: $FRONTMAP_CACHE, $XDG_CACHE_HOME/frontmap or ~/.cache/frontmap)",
        )
        p.add_argument(
            "--timeout",
            metavar="SECONDS",
            type=float,
            default=None,
            help="give up when the server is silent this long (default 60)",
        )

    listing = sub.add_parser(
        "list",
        help="the downloadable sources with their licences",
        description="List the downloadable sources: name, what they are, licence, attribution, address, "
        "and whether (and where) they are cached.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    listing.add_argument("--json", action="store_true", help="JSON to stdout")
    listing.add_argument(
        "--cache-dir", metavar="DIR", type=Path, default=None, help="cache directory to inspect"
    )
    add_common(listing)
    listing.set_defaults(func=run_list)

    boundaries = sub.add_parser(
        "boundaries",
        help="geoBoundaries oblasts or raions; prints the cached file's path",
        description="Download the geoBoundaries gbOpen boundaries of Ukraine (once; later runs use the "
        "cache), check that frontmap loads them, and print the cached file's path on stdout.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    boundaries.add_argument(
        "--level",
        choices=("admin1", "admin2"),
        default="admin1",
        help="oblasts (admin1, default) or raions (admin2)",
    )
    boundaries.add_argument("--force", action="store_true", help="download again even if cached")
    boundaries.add_argument(
        "--url", metavar="URL", default=None, help="download from this address instead (a mirror)"
    )
    cache_args(boundaries)
    add_common(boundaries)
    boundaries.set_defaults(func=run_boundaries)

    frontline = sub.add_parser(
        "frontline",
        help="DeepStateMap daily snapshots for a date range into a folder",
        description="Download DeepStateMap's occupied-territory snapshots (the daily archive at "
        "github.com/cyterat/deepstate-map-data, from 2024-07-08) for a date range into DIR as "
        "occupied_YYYY-MM-DD.geojson, the layout 'frontmap frontline' and 'frontmap check' read. "
        "Each day's file is cached. Days the archive lacks are listed; with --every N > 1 the "
        "latest file up to 3 days earlier stands in. A file dated D shows the map published on "
        "the evening of D-1. Prints DIR on stdout.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    frontline.add_argument("--since", metavar="YYYY-MM-DD", required=True, help="first date")
    frontline.add_argument("--until", metavar="YYYY-MM-DD", default=None, help="last date (default: today)")
    frontline.add_argument(
        "--every", metavar="DAYS", type=int, default=1, help="one snapshot every DAYS days (default 1: daily)"
    )
    frontline.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        type=Path,
        required=True,
        help="folder to put the snapshots in (created if needed)",
    )
    frontline.add_argument(
        "--overwrite", action="store_true", help="replace snapshot files in DIR that differ from the download"
    )
    frontline.add_argument("--force", action="store_true", help="download again even if cached")
    frontline.add_argument(
        "--url",
        metavar="TEMPLATE",
        default=None,
        help="address template instead of the archive's, with {date:%%Y%%m%%d}",
    )
    frontline.add_argument("--json", action="store_true", help="JSON summary to stdout instead of DIR")
    cache_args(frontline)
    add_common(frontline)
    frontline.set_defaults(func=run_frontline)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _timeout(args: argparse.Namespace) -> dict[str, float]:
    return {"timeout": args.timeout} if args.timeout is not None else {}


def run_list(args: argparse.Namespace) -> int:
    from frontmap.download import SOURCES, cached_file, default_cache_dir

    rows = []
    for src in SOURCES:
        cached = None if src.dated else cached_file(src, cache_dir=args.cache_dir)
        rows.append(
            {
                "name": src.name,
                "kind": src.kind,
                "level": src.level,
                "title": src.title,
                "licence": src.licence,
                "attribution": src.attribution,
                "description": src.description,
                "format": src.format,
                "url": src.url,
                "homepage": src.homepage,
                "metadata_url": src.metadata_url,
                "first_date": src.first_date,
                "notes": src.notes,
                "cached": str(cached) if cached else None,
            }
        )
    if args.json:
        print_json(rows)
        return 0
    out = sys.stdout
    out.write(f"cache: {args.cache_dir or default_cache_dir()}\n")
    for row in rows:
        out.write(f"\n{row['name']}  ({row['kind']}{', ' + row['level'] if row['level'] else ''})\n")
        out.write(f"  {row['title']}\n")
        out.write(f"  {row['description']}\n")
        out.write(f"  licence:     {row['licence']}\n")
        out.write(f"  attribution: {row['attribution']}\n")
        out.write(f"  format:      {row['format']}\n")
        out.write(f"  address:     {row['url']}\n")
        if row["metadata_url"]:
            out.write(f"  metadata:    {row['metadata_url']}\n")
        if row["notes"]:
            out.write(f"  note:        {row['notes']}\n")
        if row["kind"] != "frontline":
            out.write(f"  cached:      {row['cached'] or 'no'}\n")
    return 0


class _ByteProgress:
    """Byte counts shown in kB on the shared one-line progress bar."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.bar = Progress(f"{label} (kB)", enabled=enabled and sys.stderr.isatty())

    def __call__(self, done: int, total: int) -> None:
        self.bar(done // 1024, total // 1024)

    def close(self) -> None:
        self.bar.close()


def run_boundaries(args: argparse.Namespace) -> int:
    from frontmap.download import download

    name = {"admin1": "geoboundaries-adm1", "admin2": "geoboundaries-adm2"}[args.level]
    progress = _ByteProgress(f"download {name}", enabled=not args.quiet)
    try:
        path = download(
            name,
            cache_dir=args.cache_dir,
            force=args.force,
            url=args.url,
            progress=progress,
            **_timeout(args),
        )
    finally:
        progress.close()
    sys.stdout.write(f"{path}\n")
    return 0


def run_frontline(args: argparse.Namespace) -> int:
    from frontmap.download import download_frontline

    progress = Progress("download frontline (days)", enabled=(not args.quiet) and sys.stderr.isatty())
    try:
        result = download_frontline(
            args.since,
            args.until,
            args.output,
            every=args.every,
            url=args.url,
            cache_dir=args.cache_dir,
            force=args.force,
            overwrite=args.overwrite,
            progress=progress,
            **_timeout(args),
        )
    finally:
        progress.close()
    if args.json:
        print_json(
            {
                "folder": str(result.folder),
                "files": [str(p) for p in result.files],
                "missing": [d.isoformat() for d in result.missing],
                "failed": [{"date": d.isoformat(), "error": msg} for d, msg in result.failed],
            }
        )
    else:
        sys.stdout.write(f"{result.folder}\n")
    if not args.quiet:
        err = sys.stderr
        err.write(f"frontmap: {len(result.files)} snapshot file(s) in {result.folder}\n")
        if result.missing:
            shown = ", ".join(d.isoformat() for d in result.missing[:10])
            more = f" and {len(result.missing) - 10} more" if len(result.missing) > 10 else ""
            err.write(f"frontmap: the archive has no file for {shown}{more}\n")
    for day, message in result.failed:
        sys.stderr.write(f"frontmap: error: {day}: {message}\n")
    if result.failed or not result.files:
        if not result.files and not result.failed:
            sys.stderr.write("frontmap: error: no snapshot in that range could be downloaded\n")
        return 1
    return 0
