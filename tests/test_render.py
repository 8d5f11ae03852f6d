"""Maps (frontmap.render): layers, escaping, offline pages, determinism, pages on disk, PNG, CLI.

The claims and summary frames are built here by hand with exactly the columns of
docs/ARCHITECTURE.md (``make_claims``/``make_regions``), so these tests do not depend on
the extraction stages. The browser tests are in test_render_browser.py.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest

gpd = pytest.importorskip("geopandas")
pd = pytest.importorskip("pandas")
from shapely.geometry import Point, box

from frontmap.errors import InputError
from frontmap.render import page_html, render_map, render_timeline, save_maps
from frontmap.render._data import format_value, safe_url

CASES = Path(__file__).resolve().parent / "cases"

CLAIM_COLUMNS = (
    "claim_id",
    "doc",
    "kind",
    "value",
    "value_min",
    "value_max",
    "qualifier",
    "unit",
    "value_km2",
    "gainer",
    "claimant",
    "place",
    "place_lat",
    "place_lon",
    "region",
    "date",
    "period_start",
    "period_end",
    "hedged",
    "sentence",
    "start",
    "end",
    "title",
    "url",
    "published",
    "admin1",
    "admin2",
    "event_id",
    "sources",
    "n_sources",
)
SUMMARY_COLUMNS = (
    "date",
    "region",
    "gainer",
    "claimed_km2",
    "km_advanced",
    "settlements_claimed",
    "captures",
    "n_claims",
    "n_sources",
    "area_km2",
    "claimed_share",
)

# Hand-made first-level units (rough boxes) for tests that need no real boundaries.
BOXES = {
    "Donetsk Oblast": box(36.5, 47.0, 39.0, 49.2),
    "Kharkiv Oblast": box(35.0, 49.2, 38.0, 50.4),
    "Zaporizhzhia Oblast": box(34.5, 46.6, 36.5, 48.0),
}

XSS_SCRIPT = "<script>window.__xss=1;document.title='pwned'</script>"
XSS_IMG = "<img src=x onerror=\"window.__xss=2;document.title='pwned'\">"


def make_claims(specs: list[dict[str, Any]]) -> Any:
    """A claims GeoDataFrame with every contract column; each spec overrides the defaults."""
    rows = []
    for i, spec in enumerate(specs):
        doc = spec.get("doc", f"report-{i}.txt")
        lon, lat = spec.get("lon", 37.8), spec.get("lat", 48.3)
        date = spec.get("date", "2023-06-12")
        row = {
            "claim_id": f"{doc}:{i * 10}",
            "doc": doc,
            "kind": "area",
            "value": 10.0,
            "value_min": None,
            "value_max": None,
            "qualifier": None,
            "unit": "km2",
            "value_km2": None,
            "gainer": "UA",
            "claimant": "General Staff",
            "place": f"Place {i}",
            "place_lat": lat,
            "place_lon": lon,
            "region": "Donetsk Oblast",
            "date": date,
            "period_start": None,
            "period_end": None,
            "hedged": False,
            "sentence": f"Forces advanced near Place {i}.",
            "start": i * 10,
            "end": i * 10 + 9,
            "title": f"Report {i}",
            "url": f"https://news.example.org/{i}",
            "published": date,
            "admin1": "Donetsk Oblast",
            "admin2": None,
            "event_id": f"e{i}",
            "sources": doc,
            "n_sources": 1,
        }
        row.update({k: v for k, v in spec.items() if k not in ("lon", "lat")})
        if row["kind"] == "area" and row["value_km2"] is None and row["unit"] == "km2":
            row["value_km2"] = row["value"]
        row["geometry"] = None if spec.get("no_place") else Point(lon, lat)
        row.pop("no_place", None)
        rows.append(row)
    frame = gpd.GeoDataFrame(rows, columns=[*CLAIM_COLUMNS, "geometry"], geometry="geometry", crs="EPSG:4326")
    for col in ("date", "published", "period_start", "period_end"):
        frame[col] = pd.to_datetime(frame[col])
    frame["hedged"] = frame["hedged"].astype(bool)
    return frame


def make_regions(rows: list[dict[str, Any]], shapes: dict[str, Any] | None = None) -> Any:
    """A region_summary-shaped frame: one row per (date, region, gainer)."""
    shapes = shapes or BOXES
    full = []
    for row in rows:
        entry = {
            "km_advanced": 0.0,
            "settlements_claimed": 0,
            "captures": 0,
            "n_claims": 1,
            "n_sources": 1,
            "area_km2": 26517.0,
        }
        entry.update(row)
        entry["claimed_share"] = entry["claimed_km2"] / entry["area_km2"]
        entry["geometry"] = shapes[entry["region"]]
        full.append(entry)
    frame = gpd.GeoDataFrame(
        full, columns=[*SUMMARY_COLUMNS, "geometry"], geometry="geometry", crs="EPSG:4326"
    )
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


@pytest.fixture
def claims() -> Any:
    return make_claims(
        [
            {
                "kind": "area",
                "value": 400.0,
                "gainer": "UA",
                "lon": 37.9,
                "lat": 48.6,
                "qualifier": "more_than",
            },
            {
                "kind": "capture",
                "value": None,
                "unit": None,
                "gainer": "RU",
                "place": "Marinka",
                "lon": 37.5,
                "lat": 47.95,
                "hedged": True,
                "claimant": "Russia's Defence Ministry",
            },
            {
                "kind": "distance",
                "value": 10.0,
                "unit": "km",
                "gainer": "UA",
                "lon": 36.3,
                "lat": 49.9,
                "region": "Kharkiv Oblast",
                "admin1": "Kharkiv Oblast",
            },
            {
                "kind": "settlements",
                "value": 41.0,
                "unit": "count",
                "gainer": "UA",
                "lon": 37.0,
                "lat": 49.5,
                "date": "2022-09-11",
                "region": "Kharkiv Oblast",
                "admin1": "Kharkiv Oblast",
            },
            {
                "kind": "share",
                "value": 16.0,
                "value_min": 15.0,
                "value_max": 17.0,
                "unit": "percent",
                "gainer": "RU",
                "no_place": True,
                "date": "2022-09-11",
                "region": "Donbas",
            },
            {
                "kind": "area",
                "value": 60.0,
                "gainer": "RU",
                "lon": 35.6,
                "lat": 47.4,
                "date": "2022-09-11",
                "region": "Zaporizhzhia Oblast",
                "admin1": "Zaporizhzhia Oblast",
            },
            {
                "kind": "area",
                "value": 5.0,
                "gainer": "UA",
                "doc": "undated.txt",
                "date": None,
                "title": "No date",
            },
        ]
    )


@pytest.fixture
def regions() -> Any:
    return make_regions(
        [
            {"date": "2023-06-12", "region": "Donetsk Oblast", "gainer": "UA", "claimed_km2": 400.0},
            {
                "date": "2023-06-12",
                "region": "Donetsk Oblast",
                "gainer": "RU",
                "claimed_km2": 0.0,
                "captures": 1,
            },
            {
                "date": "2023-06-12",
                "region": "Kharkiv Oblast",
                "gainer": "UA",
                "claimed_km2": 0.0,
                "km_advanced": 10.0,
            },
            {"date": "2022-09-11", "region": "Zaporizhzhia Oblast", "gainer": "RU", "claimed_km2": 60.0},
            {
                "date": "2022-09-11",
                "region": "Kharkiv Oblast",
                "gainer": "UA",
                "claimed_km2": 0.0,
                "settlements_claimed": 41,
            },
        ]
    )


# --------------------------------------------------------------------------- reading pages back


def layer_rows(page: str) -> list[list[Any]]:
    """Every marker row embedded in a page (all point layers, in order)."""
    out: list[list[Any]] = []
    for match in re.finditer(r"var rows = (\[.*?\]), markers = \[\];", page, flags=re.DOTALL):
        out += json.loads(match.group(1))
    return out


def claim_rows(page: str) -> list[list[Any]]:
    return [r for r in layer_rows(page) if r[2] != "m"]


def geojson_layers(page: str) -> list[dict[str, Any]]:
    """(data, style) of every GeoJSON layer in a page."""
    layers = []
    for match in re.finditer(
        r"L\.geoJSON\((\{.*?\}), Object\.assign\((\{.*?\}), \{\n  style: function \(f\) \{ return Object\.assign\((\{.*?\}),",
        page,
        flags=re.DOTALL,
    ):
        layers.append({"data": json.loads(match.group(1)), "style": json.loads(match.group(3))})
    return layers


def choropleth_features(page: str, side: str) -> list[dict[str, Any]]:
    return [
        f
        for layer in geojson_layers(page)
        if f"fm-choropleth-{side}" in layer["style"].get("className", "")
        for f in layer["data"]["features"]
    ]


class FetchCollector(HTMLParser):
    """Every URL a browser would fetch from the markup: src/href of resources, srcset, CSS url() and @import."""

    FETCHING: ClassVar[set[tuple[str, str]]] = {
        ("script", "src"),
        ("link", "href"),
        ("img", "src"),
        ("img", "srcset"),
        ("iframe", "src"),
        ("source", "src"),
        ("source", "srcset"),
        ("video", "src"),
        ("audio", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("image", "href"),
        ("use", "href"),
        ("input", "src"),
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (tag, name) in self.FETCHING and value:
                self.urls.append(value)
            if name == "style" and value:
                self.urls += css_urls(value)
        self._in = tag

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.urls += css_urls(data)
        if self._in == "script":
            # Tile templates and dynamic loads inside scripts.
            self.urls += re.findall(r"https?://[^\s'\"]*\{[xyz]\}[^\s'\"]*", data)
            # markup built by scripts: <script src>, <img src>, <iframe src>, <link href> load at once
            self.urls += re.findall(
                r"<(?:script|img|iframe|link|source|embed)\b[^>]*?(?:src|href)\s*=\s*\\?['\"]"
                r"((?:https?:)?//[^'\"\\]+)",
                data,
            )
            self.urls += re.findall(
                r"(?:fetch|importScripts|XMLHttpRequest)\s*\(\s*['\"](https?://[^'\"]+)", data
            )


def css_urls(css: str) -> list[str]:
    return re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css)


def remote_fetches(page: str) -> list[str]:
    parser = FetchCollector()
    parser.feed(page)
    return [u for u in parser.urls if re.match(r"\s*(https?:)?//", u, flags=re.IGNORECASE)]


# --------------------------------------------------------------------------- table-driven helpers


URL_CASES = [
    json.loads(line) for line in (CASES / "render_urls.jsonl").read_text(encoding="utf-8").splitlines()
]
VALUE_CASES = [
    json.loads(line) for line in (CASES / "render_values.jsonl").read_text(encoding="utf-8").splitlines()
]


@pytest.mark.parametrize("case", URL_CASES, ids=[c["why"] for c in URL_CASES])
def test_only_http_links_survive(case: dict[str, Any]) -> None:
    assert (safe_url(case["url"]) is not None) is case["safe"]


@pytest.mark.parametrize("case", VALUE_CASES, ids=[c["text"] for c in VALUE_CASES])
def test_value_text(case: dict[str, Any]) -> None:
    assert format_value(case["row"]) == case["text"]


# --------------------------------------------------------------------------- render_map


def test_render_map_returns_a_map_and_writes_nothing(
    claims: Any, regions: Any, tmp_path: Path, monkeypatch
) -> None:
    import folium

    monkeypatch.chdir(tmp_path)
    m = render_map(claims, date="2023-06-12", regions=regions, offline=True)
    assert isinstance(m, folium.Map)
    assert list(tmp_path.iterdir()) == []
    assert "<iframe" in m._repr_html_()  # Jupyter shows it inline


def test_one_marker_per_claim_of_the_day(claims: Any, regions: Any) -> None:
    page = page_html(render_map(claims, date="2023-06-12", regions=regions, offline=True))
    rows = claim_rows(page)
    day = claims[claims["date"] == pd.Timestamp("2023-06-12")]
    assert len(rows) == len(day) == 3
    assert sorted((r[0], r[1]) for r in rows) == sorted((p.y, p.x) for p in day.geometry)
    kinds = sorted(r[2].split("-")[0] for r in rows)
    assert kinds == sorted(day["kind"])
    # the hedged capture has its own (hollow) icon
    assert any(r[2] == "capture-RU-h" for r in rows)
    assert "fm-hedged" in page and "stroke-dasharray" in page


def test_choropleth_per_side_has_only_regions_with_claimed_area(claims: Any, regions: Any) -> None:
    page = page_html(render_map(claims, date="2023-06-12", regions=regions, offline=True))
    ua = choropleth_features(page, "UA")
    ru = choropleth_features(page, "RU")
    assert len(ua) == 1 and len(ru) == 0  # Kharkiv UA and Donetsk RU have 0 km² on that day
    assert "400.0 km²" in ua[0]["properties"]["tooltip"]
    assert ua[0]["properties"]["style"]["fillColor"] == "#6baed6"  # 100–500 km² class of the blues
    page_09 = page_html(render_map(claims, date="2022-09-11", regions=regions, offline=True))
    ru_09 = choropleth_features(page_09, "RU")
    assert len(ru_09) == 1 and ru_09[0]["properties"]["style"]["fillColor"] == "#fdae6b"  # 50–100 km²


def test_all_dates_on_one_map_sums_regions(claims: Any) -> None:
    regions = make_regions(
        [
            {"date": "2023-06-12", "region": "Donetsk Oblast", "gainer": "UA", "claimed_km2": 30.0},
            {"date": "2023-06-13", "region": "Donetsk Oblast", "gainer": "UA", "claimed_km2": 40.0},
        ]
    )
    page = page_html(render_map(claims, regions=regions, offline=True))
    ua = choropleth_features(page, "UA")
    assert len(ua) == 1
    assert "70.0 km²" in ua[0]["properties"]["tooltip"]
    assert len(claim_rows(page)) == int(claims.geometry.notna().sum())


def test_layers_control_title_and_mentions_off(claims: Any, regions: Any) -> None:
    mentions = gpd.GeoDataFrame(
        {
            "doc": [claims["doc"].iloc[0]] * 2,
            "surface": ["Kramatorsk", "Kremlin"],
            "start": [0, 20],
            "end": [10, 27],
            "name": ["Kramatorsk", "Moscow"],
            "kind": ["settlement"] * 2,
            "country": ["UA", "RU"],
            "admin1": ["Donetsk Oblast", None],
            "lat": [48.72, 55.75],
            "lon": [37.56, 37.62],
            "precision": ["point"] * 2,
            "role": ["location", "actor"],
            "relation": [None, None],
            "place_id": ["a", "b"],
        },
        geometry=[Point(37.56, 48.72), Point(37.62, 55.75)],
        crs="EPSG:4326",
    )
    m = render_map(claims, date="2023-06-12", regions=regions, mentions=mentions, offline=True)
    page = page_html(m)
    assert "<title>Claimed territorial changes — 2023-06-12</title>" in page
    assert "<h1>Claimed territorial changes — 2023-06-12</h1>" in page
    assert "L.control.layers(" in page
    mention_rows = [r for r in layer_rows(page) if r[2] == "m"]
    assert [r[4] for r in mention_rows] == ["Kramatorsk"]  # the actor mention is not a location
    # the mentions layer is created but not added to the map
    name = re.search(r'"Places named without a claim" : (\w+)', page).group(1)
    assert f"{name}.addTo(" not in page
    claims_layer = re.search(r'"Claims" : (\w+)', page).group(1)
    assert f"{claims_layer}.addTo(" in page


def test_view_is_fitted_to_the_data(claims: Any, regions: Any) -> None:
    page = page_html(render_map(claims, date="2023-06-12", regions=regions, offline=True))
    bounds = json.loads(re.search(r"map_\d+\.fitBounds\((\[\[.*?\]\]), \{animate: false\}\)", page).group(1))
    (south, west), (north, east) = bounds
    day = claims[claims["date"] == pd.Timestamp("2023-06-12")]
    for p in day.geometry:
        assert south <= p.y <= north and west <= p.x <= east
    assert north - south < 5 and east - west < 5  # fitted, not the whole theatre


def test_everything_from_a_report_is_escaped(regions: Any) -> None:
    hostile = make_claims(
        [
            {
                "sentence": XSS_SCRIPT + " and {{ 7*7 }}",
                "title": XSS_IMG,
                "claimant": "<svg onload=alert(3)>",
                "url": "javascript:alert(4)",
                "place": "</script><script>window.__xss=5</script>",
            },
            {"url": 'https://ok.example.org/a?x=1&y="2"', "title": "Fine"},
        ]
    )
    page = page_html(render_map(hostile, date="2023-06-12", regions=regions, offline=True))
    assert "alert(4)" not in page
    assert "window.__xss" not in page.replace("window.__xss=", "")  # nothing unescaped as code
    assert "<script>window" not in page and "<img src=x" not in page and "<svg onload" not in page
    rows = claim_rows(page)
    popups = " ".join(r[3] + r[4] for r in rows)
    assert html.escape(XSS_SCRIPT) in popups
    assert html.escape(XSS_IMG) in popups
    assert "{{ 7*7 }}" in popups and "49" not in popups  # no template evaluation
    assert "javascript:" not in popups
    assert 'href="https://ok.example.org/a?x=1&amp;y=&quot;2&quot;"' in popups
    assert 'rel="noopener noreferrer"' in popups


def box_boundaries() -> Any:
    names = sorted(BOXES)
    return gpd.GeoDataFrame(
        {
            "unit_id": [f"T{i}" for i in range(len(names))],
            "name": names,
            "level": "admin1",
            "admin1": names,
            "area_km2": 26517.0,
            "approximate": True,
        },
        geometry=[BOXES[n] for n in names],
        crs="EPSG:4326",
    )


def test_offline_page_fetches_nothing(claims: Any, regions: Any) -> None:
    pages = [
        page_html(
            render_map(claims, date="2023-06-12", regions=regions, offline=True, boundaries=box_boundaries())
        ),
        page_html(render_timeline(claims, regions=regions, offline=True, boundaries=box_boundaries())),
    ]
    for page in pages:
        assert remote_fetches(page) == []
        assert "L.tileLayer" not in page
        assert "cdn.jsdelivr" not in page and "code.jquery" not in page and "bootstrapcdn" not in page


def test_fetch_check_catches_remote_resources() -> None:
    # the checker itself must see what a browser would load
    bad = (
        '<html><head><script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//cdn/x.css">'
        "<style>@import 'https://f/x.css'; .a{background:url(http://i/x.png)}</style></head>"
        '<body><img src="https://i/y.png"><script>L.tileLayer("https://{s}.tile.example/{z}/{x}/{y}.png")</script>'
        '<a href="https://example.org">a link is not a fetch</a></body></html>'
    )
    assert len(remote_fetches(bad)) == 6


def test_online_page_has_tiles_with_attribution(claims: Any, regions: Any) -> None:
    import xyzservices.providers as xyz

    page = page_html(render_map(claims, date="2023-06-12", regions=regions))
    provider = xyz.query_name("OpenStreetMap.Mapnik")
    template = re.search(r'L\.tileLayer\(\s*"([^"]+)"', page).group(1)
    assert template == provider.build_url(fill_subdomain=False, scale_factor="{r}")
    assert "OpenStreetMap" in page and "apikey" not in template
    # Leaflet and the plugins are inlined, so the data layers draw even when tiles or CDNs fail
    assert "cdn.jsdelivr" not in page and "code.jquery" not in page
    with pytest.raises(InputError, match="unknown tile provider"):
        render_map(claims, tiles="No Such Tiles")


def test_same_input_same_bytes(claims: Any, regions: Any) -> None:
    a = page_html(render_map(claims, date="2023-06-12", regions=regions, offline=True))
    b = page_html(render_map(claims, date="2023-06-12", regions=regions, offline=True))
    assert a == b
    assert not re.search(r"[0-9a-f]{32}", a)  # folium's random ids are gone
    t1 = page_html(render_timeline(claims, regions=regions, offline=True))
    t2 = page_html(render_timeline(claims, regions=regions, offline=True))
    assert t1 == t2


def test_dense_claims_are_clustered() -> None:
    many = make_claims([{"lon": 37 + (i % 20) * 0.05, "lat": 48 + (i // 20) * 0.05} for i in range(300)])
    page = page_html(render_map(many, offline=True))
    assert "L.markerClusterGroup(" in page
    few = page_html(render_map(many.iloc[:5], offline=True))
    assert "L.markerClusterGroup(" not in few


def test_draws_onto_an_existing_map(claims: Any, regions: Any) -> None:
    import folium

    m = folium.Map(location=[48, 37], zoom_start=6)
    out = render_map(claims, date="2023-06-12", regions=regions, m=m)
    assert out is m
    page = page_html(m)
    assert len(claim_rows(page)) == 3
    # the caller's map keeps folium's own resources (its icon markers may need them)
    assert "bootstrap" in page


def test_bad_input_is_a_clear_error(claims: Any) -> None:
    with pytest.raises(InputError, match="claims GeoDataFrame"):
        render_map({"not": "a frame"})
    with pytest.raises(InputError, match="lacks the column"):
        render_map(claims.drop(columns=["kind"]))
    with pytest.raises(InputError, match="EPSG:4326"):
        render_map(claims.dropna(subset=["geometry"]).to_crs(3857))
    with pytest.raises(InputError, match="cannot read the date"):
        render_map(claims, date="yesterday-ish")


def test_frontline_drawn_as_of_latest_snapshot(claims: Any, regions: Any) -> None:
    snapshots = gpd.GeoDataFrame(
        {"snapshot_date": ["2022-09-01", "2023-06-01", "2023-07-01"], "status": ["occupied"] * 3},
        geometry=[box(37, 47, 39, 48), box(37.5, 47, 39, 48.5), box(36, 46, 39, 49)],
        crs="EPSG:4326",
    )
    page = page_html(
        render_map(claims, date="2023-06-12", regions=regions, frontline=snapshots, offline=True)
    )
    assert "Occupied area as of 2023-06-01" in page
    assert "occupied area as of 2023-06-01" in page  # legend
    timeline = page_html(render_timeline(claims, regions=regions, frontline=snapshots, offline=True))
    assert "as of 2022-09-01" in timeline and "as of 2023-06-01" in timeline and "2023-07-01" not in timeline


# --------------------------------------------------------------------------- timeline


def test_timeline_has_a_slider_over_every_date(claims: Any, regions: Any) -> None:
    page = page_html(render_timeline(claims, regions=regions, offline=True))
    dates = json.loads(re.search(r"dates = (\[.*?\]), counts", page).group(1))
    counts = json.loads(re.search(r"counts = (\[.*?\]);", page).group(1))
    assert dates == ["2022-09-11", "2023-06-12"]
    assert counts == [3, 3]  # the undated claim is left off
    assert 'type=\\"range\\"' in page or 'type="range"' in page
    groups = re.search(r"groups = (\[\[.*?\]\])", page).group(1)
    assert groups.count("[") - 1 == len(dates)
    # only the first date's layers are shown on opening
    first, second = (g.strip("[]").split(",") for g in groups[1:-1].split("],["))
    assert all(f"{name}.addTo(" in page for name in first)
    assert not any(f"{name}.addTo(" in page for name in second)


# --------------------------------------------------------------------------- pages on disk


def test_save_maps_writes_index_dates_and_timeline(claims: Any, regions: Any, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    paths = save_maps(claims, out, regions=regions, offline=True)
    names = sorted(p.name for p in paths)
    assert names == ["2022-09-11.html", "2023-06-12.html", "index.html", "timeline.html"]
    assert sorted(p.name for p in out.iterdir()) == names  # no temporary files left behind
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="2023-06-12.html">2023-06-12</a>' in index and '<a href="timeline.html">' in index
    row = re.search(r"2023-06-12</a></td><td>(\d+)</td><td>([\d,.]+)</td><td>([\d,.]+)</td>", index)
    assert row.groups() == ("3", "400.0", "0.0")
    row = re.search(r"2022-09-11</a></td><td>(\d+)</td><td>([\d,.]+)</td><td>([\d,.]+)</td>", index)
    assert row.groups() == ("3", "0.0", "60.0")
    assert '<tr class="total"><th>All dates</th><th>6</th><th>400.0</th><th>60.0</th></tr>' in index
    assert "Reports without a date" in index and "undated.txt" in index
    for page in (out / "2023-06-12.html", out / "timeline.html"):
        assert "undated.txt" not in page.read_text(encoding="utf-8")


def test_save_maps_is_deterministic(claims: Any, regions: Any, tmp_path: Path) -> None:
    a = save_maps(claims, tmp_path / "a", regions=regions, offline=True, png=True)
    b = save_maps(claims, tmp_path / "b", regions=regions, offline=True, png=True)
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_save_maps_refuses_to_overwrite(claims: Any, regions: Any, tmp_path: Path) -> None:
    save_maps(claims, tmp_path, regions=regions, offline=True)
    before = (tmp_path / "index.html").read_bytes()
    with pytest.raises(InputError, match="overwrite"):
        save_maps(claims.iloc[:2], tmp_path, regions=regions, offline=True)
    assert (tmp_path / "index.html").read_bytes() == before
    save_maps(claims.iloc[:2], tmp_path, regions=regions, offline=True, overwrite=True)
    assert (tmp_path / "index.html").read_bytes() != before


def test_png_at_print_resolution(claims: Any, regions: Any, tmp_path: Path) -> None:
    from PIL import Image

    save_maps(claims, tmp_path, regions=regions, offline=True, png=True)
    with Image.open(tmp_path / "2023-06-12.png") as img:
        assert img.size[0] >= 2000
        assert round(img.info["dpi"][0]) >= 200
        pixels = img.convert("RGB")
        colours = set(pixels.getdata())
    # the blue choropleth class and the two marker colours are drawn
    assert (0x6B, 0xAE, 0xD6) in colours or any(
        abs(c[0] - 0x8B) < 12 and abs(c[2] - 0xDA) < 12 for c in colours
    )
    assert (0x21, 0x71, 0xB5) in colours  # UA marker fill
    assert any(c[0] > 200 and 60 < c[1] < 110 and c[2] < 40 for c in colours)  # RU marker outline (orange)


# --------------------------------------------------------------------------- real boundaries


@pytest.fixture
def shared_boundaries(shared_dir: Path) -> Any:
    raw = gpd.read_file(shared_dir / "data" / "ukraine_adm1.geojson")
    return gpd.GeoDataFrame(
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


def test_offline_basemap_draws_the_boundaries(claims: Any, shared_boundaries: Any) -> None:
    shapes = dict(zip(shared_boundaries["name"], shared_boundaries.geometry, strict=True))
    regions = make_regions(
        [{"date": "2023-06-12", "region": "Donetsk Oblast", "gainer": "UA", "claimed_km2": 400.0}], shapes
    )
    page = page_html(
        render_map(claims, date="2023-06-12", regions=regions, boundaries=shared_boundaries, offline=True)
    )
    units = [layer for layer in geojson_layers(page) if "fm-units" in layer["style"].get("className", "")]
    assert len(units) == 1 and len(units[0]["data"]["features"]) == 27
    assert len(page) < 1_500_000  # simplified for the screen
    assert "Units: boundary file as given" in page


# --------------------------------------------------------------------------- CLI


def write_events(path: Path, claims: Any, regions: Any) -> Path:
    claims.to_file(path, layer="claims", driver="GPKG")
    regions.to_file(path, layer="regions", driver="GPKG")
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "frontmap.cli.main", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_cli_map_writes_pages(claims: Any, regions: Any, tmp_path: Path) -> None:
    events = write_events(tmp_path / "events.gpkg", claims, regions)
    out = tmp_path / "maps"
    result = run_cli("map", str(events), "-o", str(out), "--offline")
    assert result.returncode == 0, result.stderr
    paths = json.loads(result.stdout)
    assert sorted(Path(p).name for p in paths) == [
        "2022-09-11.html",
        "2023-06-12.html",
        "index.html",
        "timeline.html",
    ]
    page = (out / "2023-06-12.html").read_text(encoding="utf-8")
    assert len(claim_rows(page)) == 3 and remote_fetches(page) == []
    again = run_cli("map", str(events), "-o", str(out), "--offline")
    assert again.returncode == 1 and "--overwrite" in again.stderr and "Traceback" not in again.stderr


def test_cli_map_bad_input(tmp_path: Path) -> None:
    missing = run_cli("map", str(tmp_path / "nope.gpkg"), "-o", str(tmp_path / "o"))
    assert (
        missing.returncode == 1 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    )
    junk = tmp_path / "junk.gpkg"
    junk.write_text("not a geopackage")
    bad = run_cli("map", str(junk), "-o", str(tmp_path / "o"))
    assert bad.returncode == 1 and "junk.gpkg" in bad.stderr and "Traceback" not in bad.stderr
    usage = run_cli("map")
    assert usage.returncode == 2
    helptext = run_cli("map", "--help")
    assert "examples:" in helptext.stdout and "--offline" in helptext.stdout


def test_importing_render_stays_light() -> None:
    code = "import sys, frontmap.render, frontmap.cli.map; print([m for m in ('folium', 'geopandas', 'matplotlib') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- from extractions


def test_accepts_a_list_of_extractions() -> None:
    import datetime as dt

    from frontmap.errors import GazetteerError

    try:
        from frontmap.regions import shipped_boundaries, to_geodataframes  # noqa: F401

        shipped_boundaries("admin2")
    except (ImportError, GazetteerError) as err:
        pytest.skip(f"frontmap.regions cannot join extractions here: {err}")

    from frontmap.records import Article, Claim, Extraction, Mention, Place

    place = Place(
        "ua:test-bakhmut",
        "Bakhmut",
        "settlement",
        "UA",
        "Donetsk Oblast",
        "Bakhmut Raion",
        48.595,
        38.0,
        73212,
        "point",
        "test",
    )
    text_ = "Forces took <b>Bakhmut</b>."
    mention = Mention("a.txt", "Bakhmut", 15, 22, place)
    claim = Claim(
        "a.txt",
        "capture",
        None,
        None,
        "RU",
        text_,
        0,
        len(text_),
        place=mention,
        region="Donetsk Oblast",
        date=dt.date(2023, 5, 20),
        claimant="Wagner",
    )
    article = Article("a.txt", text_, title="T", url="https://example.org/a", published=dt.date(2023, 5, 21))
    undated = Extraction(Article("b.txt", "Nothing here.", title="Undated report"))
    m = render_map([Extraction(article, (mention,), (claim,)), undated], date="2023-05-20", offline=True)
    rows = claim_rows(page_html(m))
    assert len(rows) == 1 and "&lt;b&gt;Bakhmut&lt;/b&gt;" in rows[0][3]


def test_country_level_places_get_no_marker_and_do_not_move_the_view(regions: Any) -> None:
    claims = make_claims(
        [
            {"doc": "k.txt", "place": "Russia", "lon": 44.69, "lat": 58.25, "region": None, "admin1": None},
            {"doc": "k.txt", "place": "Sudzha", "lon": 35.27, "lat": 51.19, "region": None, "admin1": None},
            {"doc": "d.txt", "place": "Far away", "lon": 60.0, "lat": 60.0},
            {"doc": "d.txt", "place": "Pokrovsk", "lon": 37.18, "lat": 48.28},
        ]
    )
    mentions = gpd.GeoDataFrame(
        {
            "doc": ["k.txt", "k.txt"],
            "surface": ["Russia", "Sudzha"],
            "start": [0, 10],
            "end": [6, 16],
            "name": ["Russia", "Sudzha"],
            "kind": ["country", "settlement"],
            "country": ["RU", "RU"],
            "admin1": [None, None],
            "lat": [58.25, 51.19],
            "lon": [44.69, 35.27],
            "precision": ["country", "point"],
            "role": ["location", "location"],
            "relation": [None, None],
            "place_id": ["ru", "sudzha"],
        },
        geometry=[Point(44.69, 58.25), Point(35.27, 51.19)],
        crs="EPSG:4326",
    )
    page = page_html(render_map(claims, date="2023-06-12", regions=regions, mentions=mentions, offline=True))
    rows = claim_rows(page)
    assert sorted(r[0] for r in rows) == [48.28, 51.19, 60.0]  # the country's centre is no place
    assert "1 without a place on the map" in page
    (south, _west), (north, east) = json.loads(
        re.search(r"map_\d+\.fitBounds\((\[\[.*?\]\]), \{animate: false\}\)", page).group(1)
    )
    assert north < 56.5 and east < 42.5 and south <= 48.28 and north >= 51.19  # fitted to the theatre


def test_frontline_snapshots_object(claims: Any, regions: Any, shared_dir: Path, tmp_path: Path) -> None:
    from frontmap.frontline import load_snapshots

    snapshots = load_snapshots(shared_dir / "data" / "frontline")
    page = page_html(
        render_map(claims, date="2023-06-12", regions=regions, frontline=snapshots, offline=True)
    )
    used = max(d for d in snapshots.dates if d.isoformat() <= "2023-06-12").isoformat()
    assert f"Occupied area as of {used}" in page
    events = write_events(tmp_path / "events.gpkg", claims, regions)
    result = run_cli(
        "map",
        str(events),
        "-o",
        str(tmp_path / "maps"),
        "--offline",
        "--frontline",
        str(shared_dir / "data" / "frontline"),
    )
    assert result.returncode == 0, result.stderr
    page_09 = (tmp_path / "maps" / "2022-09-11.html").read_text(encoding="utf-8")
    used_09 = snapshots.snapshot_for("2022-09-11").date.isoformat()
    assert f"Occupied area as of {used_09}" in page_09
    timeline = (tmp_path / "maps" / "timeline.html").read_text(encoding="utf-8")
    assert f"as of {used_09}" in timeline and f"as of {used}" in timeline


def test_claims_at_one_point_are_fanned_out(regions: Any) -> None:
    same = make_claims(
        [{"lon": 37.18, "lat": 48.28, "kind": k} for k in ("area", "distance", "capture")]
        + [{"lon": 36.0, "lat": 47.5}]
    )
    rows = claim_rows(page_html(render_map(same, date="2023-06-12", regions=regions, offline=True)))
    offsets = [tuple(r[5]) for r in rows if len(r) > 5]
    assert len(offsets) == 3 and len(set(offsets)) == 3  # the three co-located markers, each moved apart
    assert sum(1 for r in rows if len(r) == 5) == 1  # the lone marker stays centred
    assert {(r[0], r[1]) for r in rows if len(r) > 5} == {(48.28, 37.18)}  # on their true point


def test_same_bytes_across_processes(tmp_path: Path) -> None:
    # string hashing differs per process (PYTHONHASHSEED); nothing on a page may depend on it
    script = (
        "import sys, warnings; warnings.simplefilter('ignore'); sys.path.insert(0, sys.argv[2]);"
        "from test_render import make_claims, make_regions; from frontmap.render import save_maps;"
        "c = make_claims([{'kind': k, 'gainer': g, 'lon': 36 + i * 0.3, 'lat': 48 + i * 0.1, 'hedged': i % 2 == 0}"
        " for i, (k, g) in enumerate([('area', 'UA'), ('capture', 'RU'), ('share', 'RU'), ('distance', 'UA')])]);"
        "r = make_regions([{'date': '2023-06-12', 'region': 'Donetsk Oblast', 'gainer': 'UA', 'claimed_km2': 12.0}]);"
        "save_maps(c, sys.argv[1], regions=r, offline=True, png=True)"
    )
    here = str(Path(__file__).resolve().parent)
    for seed, name in (("1", "a"), ("2", "b")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / name), here], check=True, env=env, timeout=300
        )
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir()) and "2023-06-12.png" in names
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_map_events_draws_daily_regions_from_a_weekly_file(tmp_path: Path) -> None:
    from frontmap.render import map_events

    claims = make_claims([{"kind": "area", "value": 400.0, "gainer": "UA", "date": "2023-06-14"}])
    weekly = make_regions(  # what 'extract --freq W' stores: the week starting Monday 2023-06-12
        [{"date": "2023-06-12", "region": "Donetsk Oblast", "gainer": "UA", "claimed_km2": 400.0}]
    )
    events = write_events(tmp_path / "events.gpkg", claims, weekly)
    map_events(events, tmp_path / "maps", offline=True)
    page = (tmp_path / "maps" / "2023-06-14.html").read_text(encoding="utf-8")
    ua = choropleth_features(page, "UA")
    assert len(ua) == 1 and "Donetsk Oblast: 400.0 km²" in ua[0]["properties"]["tooltip"]
