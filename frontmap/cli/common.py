"""Options and helpers shared by every subcommand."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any


def add_common(parser: argparse.ArgumentParser) -> None:
    """-v/-q logging switches, accepted by every subcommand."""
    group = parser.add_argument_group("output")
    group.add_argument("-v", "--verbose", action="count", default=0, help="say more (repeat for debug output)")
    group.add_argument("-q", "--quiet", action="store_true", help="only errors")


def setup_logging(args: argparse.Namespace) -> None:
    level = logging.ERROR if getattr(args, "quiet", False) else (
        logging.DEBUG if getattr(args, "verbose", 0) > 1 else logging.INFO if getattr(args, "verbose", 0) else logging.WARNING
    )
    logging.basicConfig(level=level, format="frontmap: %(levelname)s: %(message)s", stream=sys.stderr, force=True)


def print_json(obj: Any) -> None:
    """Deterministic JSON to stdout (sorted keys are not used: field order is part of the contract)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def error(msg: str) -> None:
    sys.stderr.write(f"frontmap: error: {msg}\n")


class Progress:
    """A one-line progress bar on stderr, shown only when stderr is a terminal.

    >>> p = Progress("extract", enabled=False); p(1, 2); p.close()
    """

    def __init__(self, label: str, *, enabled: bool | None = None) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._shown = False


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """ARTICLES... and --date: the reports to read (files, directories, .jsonl, '-' for stdin)."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="report files (.txt, .html, .htm, .json, .jsonl), directories (read recursively), or - for stdin")
    parser.add_argument("--date", metavar="YYYY-MM-DD", default=None,
                        help="publication date for every report (overrides what the reports say)")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                        help="extract with N processes (default 1)")


def read_inputs(args: argparse.Namespace) -> tuple[list[Any], int]:
    """Read the reports named on the command line; report each failure on stderr.

    Returns the articles and the number of failed sources.
    """
    import datetime as dt

    from frontmap.articles import read_articles
    from frontmap.errors import InputError

    published = None
    if args.date:
        try:
            published = dt.date.fromisoformat(args.date)
        except ValueError:
            raise InputError(f"--date {args.date!r} is not a date; write it as YYYY-MM-DD") from None
    failures: list[Any] = []
    articles = read_articles(args.paths, published=published, errors=failures)
    for failure in failures:
        error(str(failure))
    return articles, len(failures)


def extract_inputs(args: argparse.Namespace, articles: list[Any]) -> list[Any]:
    """Geoparse and extract claims from every article, with a progress bar on a terminal."""
    from frontmap.gazetteer import Gazetteer
    from frontmap.pipeline import extract_all

    gazetteer = Gazetteer.load()
    progress = Progress("extract")
    try:
        return extract_all(articles, gazetteer, processes=max(1, args.jobs), progress=progress)
    finally:
        progress.close()
