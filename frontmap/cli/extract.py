"""``frontmap extract``: places and claims of each report, as text, JSON or a GIS file."""

from __future__ import annotations

import argparse
import sys

from .common import add_common, add_input_options, extract_inputs, print_json, read_inputs
from .options import add_boundary_options, boundaries_from_args

EPILOG = """\
examples:
  frontmap extract report.txt                    a readable summary of each report
  frontmap extract reports/ --json > out.json    one JSON object per report (places and claims)
  frontmap extract feed.jsonl --date 2024-05-03  a date for reports that carry none
  frontmap extract reports/ -o events.gpkg       GeoPackage with layers mentions, claims, regions
  frontmap extract reports/ -o events.parquet    GeoParquet: events_mentions.parquet, events_claims.parquet, ...
  frontmap extract reports/ -o claims.csv        claims with lat/lon columns
  cat report.txt | frontmap extract - --json     read standard input

exit status: 0 when every input was read, 1 when some input failed (each named on
stderr; the others are still reported), 2 for a usage error.
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "extract",
        help="find places and territorial claims in reports",
        description="Read reports, find every place they name and every claimed change of territory.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(p)
    out = p.add_argument_group("what to write")
    out.add_argument("--json", action="store_true", help="print a JSON list, one object per report, to stdout")
    out.add_argument("-o", "--output", metavar="FILE", default=None,
                     help="write a GIS file; the format follows the extension: .gpkg, .parquet, .geojson, .csv")
    out.add_argument("--layer", choices=("claims", "mentions"), default=None,
                     help="which layer a .geojson or .csv file holds (default: claims)")
    out.add_argument("--freq", choices=("D", "W", "M"), default="D",
                     help="period of the regions summary layer: day, week or month (default D)")
    out.add_argument("--overwrite", action="store_true", help="replace an existing output file")
    add_boundary_options(p)
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.output:
        # Check the format before the (long) extraction, so a typo fails at once.
        from frontmap.export import output_format

        output_format(args.output)
    boundaries = boundaries_from_args(args)
    articles, failed = read_inputs(args)
    extractions = extract_inputs(args, articles)
    if args.output:
        from frontmap.export import export_extractions

        written = export_extractions(extractions, args.output, boundaries=boundaries, layer=args.layer,
                                     overwrite=args.overwrite, freq=args.freq)
        if not args.quiet:
            for path in written:
                sys.stderr.write(f"wrote {path}\n")
    if args.json:
        from frontmap.pipeline import extraction_to_dict

        print_json([extraction_to_dict(ex) for ex in extractions])
    elif not args.output:
        _print_summary(extractions)
    return 1 if failed else 0


def _print_summary(extractions: list) -> None:  # type: ignore[type-arg]
    out = sys.stdout
    for ex in extractions:
        a = ex.article
        date = a.published.isoformat() if a.published else "no date found"
        out.write(f"{a.id}  ({date})" + (f"  {a.title}" if a.title else "") + "\n")
        places = sorted({m.place.name for m in ex.mentions if m.role == "location"})
        actors = sorted({m.surface for m in ex.mentions if m.role == "actor"})
        out.write(f"  places: {', '.join(places) if places else 'none'}\n")
        if actors:
            out.write(f"  actors: {', '.join(actors)}\n")
        if not ex.claims:
            out.write("  claims: none\n")
        for c in ex.claims:
            value = "" if c.value is None else f"{c.value:g} {c.unit} "
            where = c.place.place.name if c.place else (c.region or "?")
            who = c.claimant or "the report"
            when = c.date.isoformat() if c.date else "no date"
            hedge = ", unverified" if c.hedged else ""
            out.write(f"  claim: {c.kind} {value}for {c.gainer or '?'} at {where}, per {who}, {when}{hedge}\n")
        out.write("\n")
