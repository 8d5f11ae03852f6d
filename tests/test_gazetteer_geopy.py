"""The gazetteer behind geopy's interface, used the way geopy users call it."""

from __future__ import annotations

from typing import Any

import pytest

from frontmap.gazetteer.geopy_adapter import OfflineGeocoder


@pytest.fixture(scope="module")
def geocoder(gazetteer: Any) -> OfflineGeocoder:
    return OfflineGeocoder(gazetteer)


def test_geocode_resolves_historic_names(geocoder: OfflineGeocoder) -> None:
    loc = geocoder.geocode("Artemovsk")
    assert loc.raw["name"] == "Bakhmut" and loc.raw["admin1"] == "Donetsk Oblast"
    assert loc.latitude == pytest.approx(48.6, abs=0.1) and loc.longitude == pytest.approx(38.0, abs=0.1)


def test_unknown_is_none(geocoder: OfflineGeocoder) -> None:
    assert geocoder.geocode("Nowhereville-on-Sea") is None


def test_all_candidates_are_ranked_and_near_reranks(geocoder: OfflineGeocoder) -> None:
    every = geocoder.geocode("Lyman", exactly_one=False)
    assert len(every) > 3 and every[0].raw["admin1"] == "Donetsk Oblast"
    near_odesa = geocoder.geocode("Lyman", near="Izmail")
    assert near_odesa.raw["admin1"] == "Odesa Oblast"


def test_geopandas_geocode_with_the_offline_provider() -> None:
    from geopandas.tools import geocode

    frame = geocode(["Kharkov", "Zaporozhye"], provider=OfflineGeocoder)
    assert str(frame.crs) == "EPSG:4326"
    assert frame.address.str.startswith("Kharkiv").iloc[0]
    assert frame.address.str.startswith("Zaporizhzhia").iloc[1]
    assert frame.geometry.y.between(46, 51).all()
