"""The small frozen records that flow between pipeline stages.

read articles -> :class:`Article`
geoparse      -> :class:`Mention` (each pointing at a gazetteer :class:`Place`)
claims        -> :class:`Claim`
extract       -> :class:`Extraction` (one per article: its mentions and claims)

Every mention and claim keeps its document id, surface text and character span
so that each dot on a map traces back to a sentence. GeoDataFrames are built
from these records only at the boundary (``frontmap.regions.to_geodataframes``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PlaceKind = Literal["settlement", "admin1", "admin2", "admin3", "region", "country", "water"]
Precision = Literal["point", "admin3", "admin2", "admin1", "country"]
Role = Literal["location", "actor"]
ClaimKind = Literal["area", "distance", "settlements", "capture", "share"]
Unit = Literal["km2", "sq_mi", "ha", "km", "mi", "count", "percent"]
Qualifier = Literal["approx", "more_than", "less_than", "up_to"]
Side = Literal["UA", "RU"]

PLACE_KINDS: tuple[str, ...] = ("settlement", "admin1", "admin2", "admin3", "region", "country", "water")
PRECISIONS: tuple[str, ...] = ("point", "admin3", "admin2", "admin1", "country")
CLAIM_KINDS: tuple[str, ...] = ("area", "distance", "settlements", "capture", "share")
UNITS: tuple[str, ...] = ("km2", "sq_mi", "ha", "km", "mi", "count", "percent")
QUALIFIERS: tuple[str, ...] = ("approx", "more_than", "less_than", "up_to")
SIDES: tuple[str, ...] = ("UA", "RU")

#: Conversion factors to km2 for area units (1 sq mi = 2.589988 km2, 1 ha = 0.01 km2).
KM2_PER_UNIT: dict[str, float] = {"km2": 1.0, "sq_mi": 2.589988, "ha": 0.01}
#: Conversion factors to km for distance units.
KM_PER_UNIT: dict[str, float] = {"km": 1.0, "mi": 1.609344}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a settlement, an administrative unit, a region, a country or a water body.

    ``admin1``/``admin2`` are English names of the containing units ("Donetsk Oblast",
    "Bakhmut Raion"); ``precision`` says how exact ``lat``/``lon`` are: ``point`` for a
    real point, ``admin3``/``admin2``/``admin1`` when the point is the representative
    point of that unit because the source had no coordinates of its own.

    >>> Place("ua:bakhmut", "Bakhmut", "settlement", "UA", "Donetsk Oblast", "Bakhmut Raion",
    ...       48.595, 38.0, 73212, "point", "geonames").country
    'UA'
    """

    id: str
    name: str
    kind: str
    country: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int
    precision: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Article:
    """One report as frontmap reads it: clean text plus what is known about where it came from.

    ``id`` is the file name for files, ``<file>:<line>`` (or the record's own id) for JSON lines
    and ``stdin`` / ``text-N`` for text passed in directly. ``published`` is ``None`` when no
    date was given or found (nothing is guessed).
    """

    id: str
    text: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    date_source: str | None = None  # "user", "date-line", "metadata", "dateline" or None


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in a report: where (span), what it resolved to, and how.

    ``role`` is ``actor`` when the name stands for a government or army ("Moscow said")
    and ``location`` otherwise. ``alternatives`` are the other candidates the
    disambiguation considered, best first. ``relation`` keeps a relative expression
    attached to the mention ("18 km from the Russian frontier", "east of Izium").
    ``part`` narrows the place to the part of it or the front named after it that the text
    speaks of: a compass part ("northern" Kharkiv Oblast, "the south of" Ukraine) or an
    operational ``direction`` ("the Bakhmut direction", "the Kupiansk axis"); ``label``
    spells it out.
    """

    doc: str
    surface: str
    start: int
    end: int
    place: Place
    role: str = "location"
    alternatives: tuple[Place, ...] = ()
    relation: str | None = None
    part: str | None = None

    @property
    def precision(self) -> str:
        return self.place.precision

    @property
    def label(self) -> str:
        """The place as the claim speaks of it: "northern Kharkiv Oblast", "Bakhmut direction".

        >>> p = Place("x", "Kharkiv Oblast", "admin1", "UA", "Kharkiv Oblast", None, 49.6, 36.5, 0,
        ...           "admin1", "t")
        >>> Mention("d", "Kharkiv Oblast", 0, 14, p, part="northern").label
        'northern Kharkiv Oblast'
        >>> Mention("d", "Kharkiv Oblast", 0, 14, p, part="direction").label
        'Kharkiv direction'
        """
        return place_label(self.place.name, self.place.kind, self.part)


#: What stands between the names of one list: "A, B and C", "у Харківській та Херсонській".
LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:and|та|і|й|и)|&)\s*", re.IGNORECASE)


def join_labels(mentions: Sequence[Mention]) -> str:
    """ "A, B and C"; oblasts and directions share one plural word: "Kharkiv and Kherson oblasts",
    "Donetsk and Tavriiske directions".

    >>> p = Place("x", "Kharkiv Oblast", "admin1", "UA", "Kharkiv Oblast", None, 49.6, 36.5, 0, "admin1", "")
    >>> q = Place("y", "Kherson Oblast", "admin1", "UA", "Kherson Oblast", None, 46.8, 33.4, 0, "admin1", "")
    >>> join_labels([Mention("d", "a", 0, 1, p), Mention("d", "b", 5, 6, q)])
    'Kharkiv and Kherson oblasts'
    """
    labels = [m.label for m in mentions]
    suffix = ""
    parts = {m.part for m in mentions}
    if len(parts) == 1 and parts <= FRONT_PARTS:
        part = parts.pop()
        labels = [place_label(m.place.name, m.place.kind, None).removesuffix(" Oblast") for m in mentions]
        suffix = f" {part}s"
    elif all(m.part is None and m.place.kind == "admin1" and m.place.name.endswith(" Oblast")
             for m in mentions):
        labels = [x[: -len(" Oblast")] for x in labels]
        suffix = " oblasts"
    head = ", ".join(labels[:-1])
    return f"{head} and {labels[-1]}{suffix}" if head else labels[-1] + suffix.rstrip("s")


#: Parts that follow the name ("the Bakhmut direction"); the others are compass words before it.
FRONT_PARTS = frozenset({"direction"})


def place_label(name: str, kind: str, part: str | None) -> str:
    """A place name narrowed by ``part`` (see :class:`Mention`); a direction is named without "Oblast"."""
    if not part:
        return name
    if part in FRONT_PARTS:
        short = name[: -len(" Oblast")] if kind == "admin1" and name.endswith(" Oblast") else name
        return f"{short} {part}"
    return f"{part} {name}"


@dataclass(frozen=True, slots=True)
class Claim:
    """One claimed change (or holding) of territory, traceable to its sentence.

    ``gainer`` is the side that gained or holds; a withdrawal is a gain for the other side.
    ``value_km2`` is filled for areas. ``place`` is the mention the claim is about (or
    ``None``); ``region`` is its first-level unit or a named region such as "Donbas".
    ``date`` is the day the claim was made or refers to; ``period_start``/``period_end``
    keep the span a figure covers when the text gives one.
    """

    doc: str
    kind: str
    value: float | None
    unit: str | None
    gainer: str | None
    sentence: str
    start: int
    end: int
    value_min: float | None = None
    value_max: float | None = None
    qualifier: str | None = None
    value_km2: float | None = None
    claimant: str | None = None
    place: Mention | None = None
    region: str | None = None
    date: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    hedged: bool = False
    also: tuple[Mention, ...] = ()

    @property
    def place_label(self) -> str | None:
        """The place as the claim names it: ``place``'s label, joined with the ``also`` places of its
        list in text order ("Avdiivka and Vuhledar", "Kharkiv and Kherson oblasts")."""
        if self.place is None:
            return None
        if not self.also:
            return self.place.label
        return join_labels(sorted((self.place, *self.also), key=lambda m: m.start))


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    mentions: tuple[Mention, ...] = field(default=())
    claims: tuple[Claim, ...] = field(default=())
