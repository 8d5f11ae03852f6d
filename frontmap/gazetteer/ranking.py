"""The prior that ranks same-named places, and distances for ``near=`` re-ranking.

The prior is a plain sum, computed from a :class:`~frontmap.records.Place` alone so
that a gazetteer built with :meth:`Gazetteer.from_records` ranks exactly like the
shipped one:

* ``log10(population + 1)``: a city of 1.4 million scores 6.2, a village of 500 scores 2.7; a
  settlement whose population the sources do not give counts as ``UNKNOWN_POPULATION`` (150,
  2.2): unknown is not empty, and the sources list every settlement above 500;
* a kind bonus (country 6, admin1 4.5, region/water 4, admin2 2.5, admin3 1.5,
  settlement 0): an oblast outranks a village of the same name, but a real city
  (population above ~30,000) outranks the oblast named after it ("Kharkiv");
* a theatre bonus: Ukraine +1, plus +1 for the oblasts on or near the front;
  Russia's border and front regions +1.5, Belarus and Moldova +0.5, the rest of
  Russia +0.3, elsewhere 0 (so a world capital still wins on population);
* -0.2 for a settlement whose point is only its hromada's or raion's.
"""

from __future__ import annotations

import math

from frontmap.records import Place

KIND_BONUS: dict[str, float] = {
    "country": 6.0,
    "admin1": 4.5,
    "region": 4.0,
    "water": 4.0,
    "admin2": 2.5,
    "admin3": 1.5,
    "settlement": 0.0,
}

#: First-level units on or next to the front line (canonical names).
FRONT_ADMIN1: frozenset[str] = frozenset(
    {
        "Donetsk Oblast",
        "Luhansk Oblast",
        "Zaporizhzhia Oblast",
        "Kherson Oblast",
        "Kharkiv Oblast",
        "Autonomous Republic of Crimea",
        "Sevastopol",
        "Dnipropetrovsk Oblast",
        "Mykolaiv Oblast",
        "Sumy Oblast",
    }
)

#: Russia's regions bordering Ukraine or on the front.
RU_THEATRE_ADMIN1: frozenset[str] = frozenset(
    {
        "Belgorod Oblast",
        "Kursk Oblast",
        "Bryansk Oblast",
        "Voronezh Oblast",
        "Rostov Oblast",
        "Krasnodar Krai",
    }
)

#: With ``near`` a candidate loses ``NEAR_WEIGHT * log10(1 + km / NEAR_SCALE_KM)``:
#: 10 km costs 2.9, 40 km 5.7, 150 km 9.0 -- distance outweighs a tenfold population gap.
NEAR_WEIGHT = 6.0
NEAR_SCALE_KM = 5.0
#: Population assumed for a settlement the sources give none for (GeoNames lists every one above 500).
UNKNOWN_POPULATION = 150
#: What a place pays when the key reached it only through a weaker name: index 0 = an official or
#: curated name, 1 = a GeoNames alternate name, 2 = a spelling made by a transliteration rule,
#: 3 = a weak name that is also another settlement's official name (usually a former name, such as
#: "Ivanivka" for Bilozerka or "Slov'iansk" for Nikopol).
NAME_PENALTY: tuple[float, float, float, float] = (0.0, 1.0, 1.5, 3.0)


def theatre_bonus(country: str, admin1: str | None) -> float:
    """How likely a war report is to mean a place in this country/unit.

    >>> theatre_bonus("UA", "Donetsk Oblast"), theatre_bonus("US", None)
    (2.0, 0.0)
    """
    if country == "UA":
        return 2.0 if admin1 in FRONT_ADMIN1 else 1.0
    if country == "RU":
        return 1.5 if admin1 in RU_THEATRE_ADMIN1 else 0.3
    if country in ("BY", "MD"):
        return 0.5
    return 0.0


def prior(place: Place) -> float:
    """The ranking prior of a place (higher = likelier meant).

    >>> p = Place("x", "Bakhmut", "settlement", "UA", "Donetsk Oblast", None, 48.6, 38.0, 80500, "point", "t")
    >>> round(prior(p), 2)
    6.91
    """
    population = place.population
    if population <= 0 and place.kind == "settlement":
        population = UNKNOWN_POPULATION
    score = math.log10(max(population, 0) + 1)
    score += KIND_BONUS.get(place.kind, 0.0)
    score += theatre_bonus(place.country, place.admin1)
    if place.kind == "settlement" and place.precision != "point":
        score -= 0.2
    return score


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(distance_km(48.59, 38.0, 48.74, 37.58))
    35
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def near_penalty(km: float) -> float:
    """Score lost for being ``km`` away from the ``near`` context."""
    return NEAR_WEIGHT * math.log10(1 + km / NEAR_SCALE_KM)
