"""Command-line options shared by the commands that attach claims to regions.

``--boundaries FILE`` picks real boundaries (GeoJSON, GeoPackage, shapefile;
geoBoundaries and OCHA COD-AB columns are recognised) instead of the approximate ones
that ship; ``--name-field`` names the column holding unit names in any other file.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_boundary_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--boundaries FILE`` and ``--name-field FIELD`` to ``parser``.

    >>> p = argparse.ArgumentParser(); add_boundary_options(p)
    >>> p.parse_args(["--boundaries", "adm1.geojson"]).boundaries
    PosixPath('adm1.geojson')
    """
    group = parser.add_argument_group("boundaries")
    group.add_argument(
        "--boundaries",
        type=Path,
        metavar="FILE",
        default=None,
        help="real boundary file (GeoJSON, GeoPackage, shapefile) instead of the shipped "
        "approximate polygons; geoBoundaries and OCHA COD-AB columns are recognised",
    )
    group.add_argument(
        "--name-field",
        metavar="FIELD",
        default=None,
        help="column of --boundaries holding the unit names, for files in other conventions",
    )


def boundaries_from_args(args: argparse.Namespace) -> Any:
    """The boundary frame chosen by ``--boundaries`` / ``--name-field``, or None for the shipped ones.

    A missing or unreadable file is an :class:`frontmap.errors.InputError` naming it.

    >>> boundaries_from_args(argparse.Namespace(boundaries=None, name_field=None)) is None
    True
    """
    from frontmap.errors import InputError

    path = getattr(args, "boundaries", None)
    name_field = getattr(args, "name_field", None)
    if path is None:
        if name_field:
            raise InputError("--name-field needs --boundaries FILE")
        return None
    if not Path(path).is_file():
        raise InputError(
            f"{path}: no such boundary file (--boundaries takes a GeoJSON, GeoPackage or shapefile)"
        )
    from frontmap.regions.boundaries import load_boundaries

    return load_boundaries(path, name_field=name_field)
