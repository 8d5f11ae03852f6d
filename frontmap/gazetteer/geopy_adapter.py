"""The offline gazetteer as a geopy geocoder, for code written against geopy.

Anything that takes a geopy geocoder (``geopandas.tools.geocode(..., provider=...)``,
``geopy.extra.rate_limiter``, a notebook's existing helpers) can use frontmap's
gazetteer instead of an online service: no network, no rate limits, and the
war's spellings (Kharkov, Artemovsk, Rabotino) resolve.

>>> from frontmap import Gazetteer
>>> geocoder = OfflineGeocoder(Gazetteer.load())
>>> geocoder.geocode("Artemovsk").address
'Bakhmut, Bakhmut Raion, Donetsk Oblast, UA'

With geopandas: ``geopandas.tools.geocode(["Kharkov", "Izyum"], provider=OfflineGeocoder)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location

if TYPE_CHECKING:  # pragma: no cover
    from frontmap.records import Place

    from .core import Gazetteer


def _address(place: Place) -> str:
    parts = [place.name]
    for part in (place.admin2, place.admin1, place.country):
        if part and part not in parts:
            parts.append(part)
    return ", ".join(parts)


def _location(place: Place) -> Location:
    return Location(_address(place), (place.lat, place.lon), place.to_dict())


class OfflineGeocoder(Geocoder):
    """A geopy ``Geocoder`` answering from a :class:`~frontmap.gazetteer.Gazetteer`; never goes online.

    ``geocode(query, exactly_one=True, near=None, country=None, kind=None, limit=None)`` returns a
    ``geopy.Location`` (``raw`` holds the Place fields) or ``None``; with ``exactly_one=False``, the
    ranked list. ``reverse`` is not offered: the gazetteer names places, it does not index areas.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, **_geopy_options: Any) -> None:
        # geopandas.tools.geocode instantiates the provider class itself, with no gazetteer:
        # the shipped one is loaded then (Gazetteer.load is cached).
        super().__init__(user_agent="frontmap-offline")
        if gazetteer is None:
            from .core import Gazetteer

            gazetteer = Gazetteer.load()
        self.gazetteer = gazetteer

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        near: str | tuple[float, float] | None = None,
        country: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
        **_ignored: Any,
    ) -> Location | list[Location] | None:
        candidates = self.gazetteer.lookup(str(query), near=near, country=country, kind=kind, limit=limit)
        if exactly_one:
            return _location(candidates[0]) if candidates else None
        return [_location(p) for p in candidates] or None
