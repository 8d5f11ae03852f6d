"""``frontmap geocode NAME``: ranked gazetteer candidates for a place name."""

from __future__ import annotations

import argparse

from frontmap.records import PLACE_KINDS

from .common import add_common, error, print_json

EPILOG = """\
examples:
  frontmap geocode Kharkov                    the city first, then Kharkiv Oblast
  frontmap geocode "Kharkiv's region"         the oblast
  frontmap geocode Lyman --near Kramatorsk    prefer the Lyman closest to Kramatorsk
  frontmap geocode Andriivka --near 48.6,38.0 --limit 3
  frontmap geocode Artemovsk --json           JSON list: id, name, kind, country, admin1, admin2,
                                              lat, lon, population, precision, source
  frontmap geocode Pisky --country UA --kind settlement

An unknown name prints a message and exits 1 (with --json: [] and exit 0).
Ranking: population, kind, and closeness to the theatre of war (docs: data/gazetteer/README.md).
"""

FIELDS = ("id", "name", "kind", "country", "admin1", "admin2", "lat", "lon", "population", "precision", "source")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "geocode",
        help="look a place name up in the offline gazetteer",
        description="Print the ranked gazetteer candidates for a place name as reports write it "
        "(any spelling: official, Russian-derived, historic, Cyrillic).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", metavar="NAME", help="the place name, e.g. Kharkov, \"Bakhmut\", Харків")
    parser.add_argument("--json", action="store_true", help="print a JSON list of candidates")
    parser.add_argument("--near", metavar="PLACE", help="re-rank by distance to a place name or 'LAT,LON'")
    parser.add_argument("--limit", metavar="N", type=_positive_int, default=None, help="at most N candidates")
    parser.add_argument("--country", metavar="CC", help="only places in this country (ISO alpha-2, e.g. UA)")
    parser.add_argument("--kind", choices=PLACE_KINDS, help="only places of this kind")
    add_common(parser)
    parser.set_defaults(func=run)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from err
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _parse_near(text: str | None) -> str | tuple[float, float] | None:
    if text is None:
        return None
    parts = text.replace(";", ",").split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            return text
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return (lat, lon)
    return text


def run(args: argparse.Namespace) -> int:
    """Look ``args.name`` up and print the candidates; 0 when found (or with --json), 1 otherwise."""
    from frontmap.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    near = _parse_near(args.near)
    if isinstance(near, str) and not gazetteer.lookup(near, limit=1):
        error(f"--near {near!r}: no such place in the gazetteer; give a known place name or 'LAT,LON'")
        return 2
    places = gazetteer.lookup(args.name, country=args.country, kind=args.kind, near=near, limit=args.limit)
    if args.json:
        print_json([{f: getattr(p, f) for f in FIELDS} for p in places])
        return 0
    if not places:
        error(f"no place called {args.name!r} in the gazetteer (try another spelling, or drop --country/--kind)")
        return 1
    for rank, p in enumerate(places, 1):
        where = ", ".join(x for x in (p.admin2, p.admin1 if p.admin1 != p.name else None, p.country) if x)
        pop = f"  pop {p.population:,}" if p.population else ""
        print(f"{rank:>3}. {p.name} ({p.kind}; {where})  {p.lat:.4f}, {p.lon:.4f}  [{p.precision}]{pop}  {p.id}")
    return 0
