"""Entry point of the ``frontmap`` command.

Each subcommand lives in its own module ``frontmap.cli.<name>`` exposing
``add_parser(subparsers)``; the parser it adds sets ``func`` to a function
``run(args) -> int`` (the exit status).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from frontmap.errors import FrontmapError

from .common import error, setup_logging

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = ("extract", "run", "geocode", "frontline", "check", "map", "raster", "download")

EPILOG = """\
examples:
  frontmap run reports/ -o maps                 extract and map in one go; open maps/index.html
  frontmap extract reports/ --json              places and claims of every report, as JSON
  frontmap extract reports/ -o events.gpkg      layers mentions, claims, regions for QGIS
  frontmap map events.gpkg -o maps --offline    self-contained pages, nothing fetched
  frontmap geocode Kharkov                      ranked candidates for a place name
  frontmap geocode Lyman --near Kramatorsk      prefer the Lyman near Kramatorsk
  frontmap check events.gpkg --frontline snapshots/ -o checks.csv
                                                does the front line agree with each claim?

Run 'frontmap COMMAND --help' for the options and examples of each command.
"""


def build_parser() -> argparse.ArgumentParser:
    from frontmap import __version__

    parser = argparse.ArgumentParser(
        prog="frontmap",
        description="Turn war reporting into maps: find places and territorial claims in reports, "
        "geocode them with an offline gazetteer, and render maps per date.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"frontmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"frontmap.cli.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    setup_logging(args)
    try:
        return int(args.func(args) or 0)
    except FrontmapError as err:
        error(str(err))
        return 1
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
