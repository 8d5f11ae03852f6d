"""Map pages in a real headless Chromium with the network cut off (DevTools protocol).

Each test opens a page written by frontmap.render, with ``Network.emulateNetworkConditions``
offline and a dead proxy, records every request, console error and uncaught exception, and
asks the page's DOM what it drew. Skips, saying why, when chromium or websocket-client is absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from frontmap.render._chromium import Chromium, available

pytestmark = pytest.mark.browser

REASON = available()
if REASON:
    pytest.skip(REASON, allow_module_level=True)

from test_render import XSS_IMG, XSS_SCRIPT, box_boundaries, make_claims, make_regions

from frontmap.render import save_maps

MAP_JS = "Object.keys(window).filter(k => k.startsWith('map_') && window[k] instanceof L.Map).map(k => window[k])[0]"


@pytest.fixture(scope="module")
def chromium() -> Any:
    with Chromium() as browser:
        yield browser


def assert_clean(report: Any) -> None:
    remote = [u for u in report.requests if not u.startswith(("file:", "data:"))]
    assert remote == [], f"requests left the page: {remote}"
    assert report.exceptions == [], report.exceptions
    assert report.console_errors == [], report.console_errors


def counts(browser: Chromium) -> dict[str, int]:
    return browser.evaluate(
        "({markers: document.querySelectorAll('.leaflet-marker-pane .fm-claim').length,"
        " ua: document.querySelectorAll('path.fm-choropleth-UA').length,"
        " ru: document.querySelectorAll('path.fm-choropleth-RU').length,"
        " units: document.querySelectorAll('path.fm-units').length,"
        " tiles: document.querySelectorAll('img.leaflet-tile').length})"
    )


@pytest.fixture(scope="module")
def data() -> tuple[Any, Any]:
    claims = make_claims(
        [
            {"kind": "area", "value": 400.0, "gainer": "UA", "lon": 37.9, "lat": 48.6},
            {
                "kind": "capture",
                "value": None,
                "unit": None,
                "gainer": "RU",
                "lon": 37.5,
                "lat": 47.95,
                "hedged": True,
            },
            {
                "kind": "distance",
                "value": 10.0,
                "unit": "km",
                "gainer": "UA",
                "lon": 36.3,
                "lat": 49.9,
                "region": "Kharkiv Oblast",
            },
            {"kind": "settlements", "value": 41.0, "unit": "count", "gainer": "UA", "lon": 36.8, "lat": 49.6},
            {"kind": "share", "value": 18.0, "unit": "percent", "gainer": "RU", "lon": 38.4, "lat": 48.2},
            {"kind": "area", "value": 60.0, "gainer": "RU", "lon": 35.6, "lat": 47.4, "date": "2023-06-13"},
            {"kind": "area", "value": 2000.0, "gainer": "UA", "lon": 36.2, "lat": 49.8, "date": "2023-06-13"},
            {"kind": "area", "value": 9.0, "gainer": "UA", "lon": 35.9, "lat": 47.5, "date": "2023-06-13"},
        ]
    )
    regions = make_regions(
        [
            {"date": "2023-06-12", "region": "Donetsk Oblast", "gainer": "UA", "claimed_km2": 400.0},
            {"date": "2023-06-13", "region": "Zaporizhzhia Oblast", "gainer": "RU", "claimed_km2": 60.0},
            {"date": "2023-06-13", "region": "Kharkiv Oblast", "gainer": "UA", "claimed_km2": 2000.0},
            {"date": "2023-06-13", "region": "Zaporizhzhia Oblast", "gainer": "UA", "claimed_km2": 9.0},
        ]
    )
    return claims, regions


def test_offline_page_draws_every_claim_and_region(chromium: Chromium, data: Any, tmp_path: Path) -> None:
    claims, regions = data
    save_maps(claims, tmp_path, regions=regions, boundaries=box_boundaries(), offline=True)
    for day, n_claims, n_ua, n_ru in (("2023-06-12", 5, 1, 0), ("2023-06-13", 3, 2, 1)):
        report = chromium.open(tmp_path / f"{day}.html")
        assert_clean(report)
        seen = counts(chromium)
        assert seen["markers"] == n_claims
        assert (seen["ua"], seen["ru"]) == (n_ua, n_ru)
        assert seen["units"] == 3 and seen["tiles"] == 0
        assert chromium.evaluate("document.title") == f"Claimed territorial changes — {day}"
        shot = chromium.screenshot(tmp_path / f"{day}.screenshot.png")
        assert shot.stat().st_size > 10_000
    # the hedged claim is drawn apart (hollow, dashed)
    chromium.open(tmp_path / "2023-06-12.html")
    assert (
        chromium.evaluate("document.querySelectorAll('.fm-claim.fm-hedged svg [stroke-dasharray]').length")
        == 1
    )
    # the mentions layer is off and the layer control lists the layers
    labels = chromium.evaluate(
        "[...document.querySelectorAll('.leaflet-control-layers label')].map(l => l.textContent.trim())"
    )
    assert "Claims" in labels and "Claimed km² by Ukraine" in labels


def test_popup_shows_the_claim(chromium: Chromium, data: Any, tmp_path: Path) -> None:
    claims, regions = data
    save_maps(claims, tmp_path, regions=regions, offline=True)
    chromium.open(tmp_path / "2023-06-12.html")
    text = chromium.evaluate(
        f"(() => {{ const map = {MAP_JS}; let out = [];"
        " map.eachLayer(l => { if (l instanceof L.Marker && l.getPopup()) { l.openPopup();"
        " out.push(l.getPopup().getElement().innerText); } }); return out.join('\\n---\\n'); })()"
    )
    assert "Forces advanced near Place 0." in text
    assert "more than" not in text or "km²" in text
    assert "General Staff" in text and "2023-06-12" in text and "Report 0" in text
    assert "not flagged as unverified" in text and "could not be verified" in text


def test_dense_page_clusters_every_claim(chromium: Chromium, tmp_path: Path) -> None:
    n = 400
    claims = make_claims([{"lon": 36 + (i % 20) * 0.1, "lat": 47.5 + (i // 20) * 0.08} for i in range(n)])
    save_maps(claims, tmp_path, regions=make_regions([]), offline=True)
    report = chromium.open(tmp_path / "2023-06-12.html")
    assert_clean(report)
    count = (
        "(() => { let total = 0; document.querySelectorAll('.fm-cluster span').forEach(s => total += +s.textContent);"
        " return total + document.querySelectorAll('.leaflet-marker-pane .fm-claim').length; })()"
    )
    # the cluster plugin adds markers in chunks: wait until it has placed all of them (or time out)
    chromium.wait_for(f"{count} >= {n}")
    shown = chromium.evaluate(count)
    assert chromium.evaluate("document.querySelectorAll('.fm-cluster').length") > 0
    assert shown == n


def test_nothing_from_a_report_runs(chromium: Chromium, tmp_path: Path) -> None:
    hostile = make_claims(
        [
            {
                "sentence": XSS_SCRIPT,
                "title": XSS_IMG,
                "claimant": '<svg onload="window.__xss=3">',
                "url": "javascript:window.__xss=4",
                "place": "</script><script>window.__xss=5</script>",
            },
            {
                "sentence": '{{ 7*7 }} <iframe src="javascript:parent.__xss=6"></iframe>',
                "title": "ok",
                "url": "JAVASCRIPT:window.__xss=7",
                "lon": 37.2,
                "lat": 48.0,
            },
        ]
    )
    regions = make_regions(
        [{"date": "2023-06-12", "region": "Donetsk Oblast", "gainer": "UA", "claimed_km2": 20.0}]
    )
    save_maps(
        hostile,
        tmp_path,
        regions=regions,
        offline=True,
        undated_docs=[("<img src=x onerror=alert(1)>", XSS_SCRIPT)],
    )
    for page in ("2023-06-12.html", "timeline.html", "index.html"):
        report = chromium.open(tmp_path / page)
        assert_clean(report)
    chromium.open(tmp_path / "2023-06-12.html")
    shown = chromium.evaluate(
        f"(() => {{ const map = {MAP_JS}; let out = [];"
        " map.eachLayer(l => { if (l instanceof L.Marker && l.getPopup()) { l.openPopup(); l.openTooltip();"
        " out.push(l.getPopup().getElement().innerText, l.getTooltip().getElement().innerText); } });"
        " return out.join('\\n'); })()"
    )
    # the payloads are shown as text ...
    assert XSS_SCRIPT in shown and XSS_IMG in shown and "{{ 7*7 }}" in shown
    # ... and nothing ran, no element was injected, no script link exists
    assert chromium.evaluate("typeof window.__xss") == "undefined"
    assert chromium.evaluate("document.title") == "Claimed territorial changes — 2023-06-12"
    assert (
        chromium.evaluate(
            "document.querySelectorAll('.leaflet-popup-pane img, .leaflet-popup-pane svg[onload], "
            '.leaflet-popup-pane iframe, .leaflet-popup-pane script, a[href^="javascript" i]\').length'
        )
        == 0
    )
    chromium.open(tmp_path / "index.html")
    assert chromium.evaluate("typeof window.__xss") == "undefined"
    assert chromium.evaluate("document.querySelectorAll('body img, body script').length") == 0


def test_timeline_slider_switches_dates(chromium: Chromium, data: Any, tmp_path: Path) -> None:
    claims, regions = data
    save_maps(claims, tmp_path, regions=regions, offline=True)
    report = chromium.open(tmp_path / "timeline.html")
    assert_clean(report)
    assert counts(chromium)["markers"] == 5
    assert chromium.evaluate("document.querySelector('.fm-slider .fm-date').textContent") == "2023-06-12"
    # move the real slider as a user would: set its value and fire 'input'
    chromium.evaluate(
        "(() => { const r = document.querySelector('.fm-range'); r.value = 1;"
        " r.dispatchEvent(new Event('input')); })()"
    )
    seen = counts(chromium)
    assert (seen["markers"], seen["ua"], seen["ru"]) == (3, 2, 1)
    assert chromium.evaluate("document.querySelector('.fm-slider .fm-date').textContent") == "2023-06-13"
    chromium.screenshot(tmp_path / "timeline.screenshot.png")


def test_online_page_draws_data_when_tiles_fail(chromium: Chromium, data: Any, tmp_path: Path) -> None:
    claims, regions = data
    save_maps(claims, tmp_path, regions=regions, offline=False)
    report = chromium.open(tmp_path / "2023-06-12.html")
    assert report.exceptions == []
    # the tiles were asked for and failed (the network is cut); the data layers still drew
    assert any("tile.openstreetmap.org" in u for u in report.requests)
    assert not any(u.endswith(".js") and not u.startswith("file:") for u in report.requests)
    seen = counts(chromium)
    assert seen["markers"] == 5 and seen["ua"] == 1


def test_real_boundaries_page(chromium: Chromium, shared_dir: Path, tmp_path: Path) -> None:
    import geopandas as gpd

    raw = gpd.read_file(shared_dir / "data" / "ukraine_adm1.geojson")
    boundaries = gpd.GeoDataFrame(
        {
            "unit_id": raw["adm1_pcode"],
            "name": raw["adm1_name_en"],
            "level": "admin1",
            "admin1": raw["adm1_name_en"],
            "area_km2": raw["area_km2"],
            "approximate": False,
        },
        geometry=raw.geometry,
        crs="EPSG:4326",
    )
    shapes = dict(zip(boundaries["name"], boundaries.geometry, strict=True))
    claims = make_claims(
        [
            {"kind": "area", "value": 400.0, "gainer": "UA", "lon": 37.9, "lat": 48.6},
            {
                "kind": "capture",
                "value": None,
                "unit": None,
                "gainer": "RU",
                "lon": 37.5,
                "lat": 47.95,
                "hedged": True,
            },
            {"kind": "area", "value": 6000.0, "gainer": "UA", "lon": 36.6, "lat": 49.7},
            {"kind": "area", "value": 70.0, "gainer": "RU", "lon": 35.8, "lat": 47.4},
        ]
    )
    regions = make_regions(
        [
            {"date": "2023-06-12", "region": "Donetsk Oblast", "gainer": "UA", "claimed_km2": 400.0},
            {"date": "2023-06-12", "region": "Kharkiv Oblast", "gainer": "UA", "claimed_km2": 6000.0},
            {"date": "2023-06-12", "region": "Zaporizhzhia Oblast", "gainer": "RU", "claimed_km2": 70.0},
        ],
        shapes,
    )
    save_maps(claims, tmp_path, regions=regions, boundaries=boundaries, offline=True, png=True)
    report = chromium.open(tmp_path / "2023-06-12.html")
    assert_clean(report)
    seen = counts(chromium)
    assert (seen["markers"], seen["ua"], seen["ru"], seen["units"]) == (4, 2, 1, 27)
    chromium.screenshot(tmp_path / "real.screenshot.png")
