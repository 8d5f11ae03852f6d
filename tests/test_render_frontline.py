"""Front-line layers of the maps: claim checks ringed by verdict, and the contested-ground overlay.

Synthetic snapshots (two square "oblasts", as in test_frontline.py) and hand-built claims frames
(test_render.make_claims), so nothing here needs ../shared. Pages are read back as text (the layer
data is JSON inside the page), PNGs are decoded with PIL, rasters read with rasterio; the browser
test at the end opens a page in real headless Chromium with the network cut off.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

gpd = pytest.importorskip("geopandas")
rasterio = pytest.importorskip("rasterio")
from PIL import Image
from shapely.geometry import box
from test_frontline import laea_box, standard_frame
from test_render import (
    XSS_IMG,
    XSS_SCRIPT,
    claim_rows,
    make_claims,
    remote_fetches,
    run_cli,
    write_events,
)

from frontmap.errors import InputError
from frontmap.frontline import VERDICTS, Snapshots, check_claims, contested_raster
from frontmap.render import page_html, render_map, render_timeline, save_maps
from frontmap.render.checks import (
    CHECKS_LAYER_NAME,
    CONTESTED_BREAKS,
    CONTESTED_COLOURS,
    CONTESTED_LAYER_NAME,
    VERDICT_STYLES,
    contested_image,
    contested_overlay,
    verdict_svg,
)

ALPHA = box(30.0, 48.0, 31.0, 49.0)
BETA = box(31.0, 48.0, 32.0, 49.0)
# 01-01 RU holds the west half of Alpha; 01-10 RU also holds the east half and the west half of
# Beta; 01-20 UA has retaken the west half of Beta.
SNAPS = {
    "2024-01-01": box(30.0, 48.0, 30.5, 49.0),
    "2024-01-10": box(30.0, 48.0, 31.5, 49.0),
    "2024-01-20": box(30.0, 48.0, 31.0, 49.0),
}
HOSTILE_PLACE = "</script><script>window.__xss=5</script>"

#: (spec for make_claims, expected verdict or None when the claim has no marker)
CLAIMS: list[tuple[dict[str, Any], str | None]] = [
    (
        {
            "kind": "area",
            "value": 4000.0,
            "gainer": "RU",
            "lon": 30.75,
            "lat": 48.5,
            "admin1": "Alpha Oblast",
            "region": "Alpha Oblast",
            "date": "2024-01-10",
        },
        "consistent",
    ),
    (
        {
            "kind": "area",
            "value": 20000.0,
            "gainer": "RU",
            "lon": 30.8,
            "lat": 48.2,
            "admin1": "Alpha Oblast",
            "region": "Alpha Oblast",
            "date": "2024-01-10",
        },
        "overstated",
    ),
    (
        {
            "kind": "area",
            "value": 1000.0,
            "gainer": "UA",
            "lon": 31.25,
            "lat": 48.5,
            "admin1": "Beta Oblast",
            "region": "Beta Oblast",
            "date": "2024-01-20",
            "period_start": "2024-01-10",
            "period_end": "2024-01-20",
        },
        "understated",
    ),
    (
        {
            "kind": "capture",
            "value": None,
            "unit": None,
            "gainer": "RU",
            "place": HOSTILE_PLACE,
            "lon": 30.25,
            "lat": 48.5,
            "admin1": "Alpha Oblast",
            "region": "Alpha Oblast",
            "date": "2024-01-10",
            "sentence": XSS_SCRIPT,
            "title": XSS_IMG,
        },
        "consistent",
    ),
    (
        {
            "kind": "capture",
            "value": None,
            "unit": None,
            "gainer": "UA",
            "place": "Westvillage",
            "lon": 30.25,
            "lat": 48.5,
            "admin1": "Alpha Oblast",
            "region": "Alpha Oblast",
            "date": "2024-01-10",
        },
        "contradicted",
    ),
    (
        {
            "kind": "distance",
            "value": 10.0,
            "unit": "km",
            "gainer": "RU",
            "lon": 30.6,
            "lat": 48.8,
            "admin1": "Alpha Oblast",
            "region": "Alpha Oblast",
            "date": "2024-01-10",
        },
        "not_comparable",
    ),
    (
        {
            "kind": "area",
            "value": 50.0,
            "gainer": None,
            "lon": 31.6,
            "lat": 48.7,
            "admin1": "Beta Oblast",
            "region": "Beta Oblast",
            "date": "2024-01-20",
        },
        "no_data",
    ),
    (
        {
            "kind": "area",
            "value": 70.0,
            "gainer": "RU",
            "no_place": True,
            "admin1": "Alpha Oblast",
            "region": "Alpha Oblast",
            "date": "2024-01-10",
        },
        None,
    ),
]


@pytest.fixture
def regions() -> Any:
    return standard_frame(["UA90", "UA91"], ["Alpha Oblast", "Beta Oblast"], [ALPHA, BETA])


@pytest.fixture
def snaps() -> Snapshots:
    return Snapshots.from_geometries(SNAPS)


@pytest.fixture
def claims() -> Any:
    return make_claims([spec for spec, _ in CLAIMS])


def check_layer_rows(page: str) -> list[list[Any]]:
    """Every verdict ring embedded in a page, in order."""
    out: list[list[Any]] = []
    for match in re.finditer(r"var checks = (\[.*?\]);\n", page, flags=re.DOTALL):
        out += json.loads(match.group(1))
    return out


def ring_classes(page: str) -> dict[str, str]:
    """Verdict -> CSS class of its ring icon, from the icon specs of the page."""
    found: dict[str, str] = {}
    for match in re.finditer(r"var spec = (\{.*?\}), icons = \{\};\n", page, flags=re.DOTALL):
        for key, (_, css) in json.loads(match.group(1)).items():
            if "fm-check" in css:
                found[key] = css
    return found


# --------------------------------------------------------------------------- the verdict layer


def test_the_synthetic_claims_get_the_expected_verdicts(claims: Any, snaps: Snapshots, regions: Any) -> None:
    # the premise of the layer tests: every verdict is represented, each where expected (the claim
    # without a place is checked too, as understated, but has no marker to ring)
    checked = check_claims(claims, snaps, boundaries=regions)
    assert list(checked["verdict"]) == [v or "understated" for _, v in CLAIMS]
    assert set(checked["verdict"]) == set(VERDICTS)


def test_one_ring_per_checked_claim_with_its_verdict(claims: Any, snaps: Snapshots, regions: Any) -> None:
    page = page_html(render_map(claims, date="2024-01-10", frontline=snaps, boundaries=regions, offline=True))
    rings = check_layer_rows(page)
    expected = [(spec, v) for spec, v in CLAIMS if spec["date"] == "2024-01-10" and v is not None]
    assert [r[2] for r in rings] == [v for _, v in expected]
    # each ring sits on its claim's marker, with the same pixel offset where markers share a point
    markers = claim_rows(page)
    assert len(markers) == len(rings)
    for ring, marker in zip(rings, markers, strict=True):
        assert ring[:2] == marker[:2] and ring[5:] == marker[5:]
    assert rings[2][5] != rings[3][5]  # the two captures at one point are fanned out
    classes = ring_classes(page)
    for verdict in {r[2] for r in rings}:
        assert classes[verdict] == f"fm-check fm-verdict-{verdict}"
    # the popup gives the verdict, the ratio and the note
    first = rings[0][3]
    assert "fm-verdict-consistent" in first and "Ratio" in first and "(claimed / measured)" in first
    assert "measured" in first and "Alpha Oblast from 2024-01-01 to 2024-01-10" in first
    assert "Ratio</th><td>n/a" in rings[3][3]  # a capture has no ratio
    assert rings[1][4] == "Check: overstated (4.87× measured)"
    # the layer is listed in the layer control and the legend shows every verdict
    assert f'"{CHECKS_LAYER_NAME}" : ' in page
    for verdict in VERDICTS:
        assert html.escape(VERDICT_STYLES[verdict][3]) in page


def test_check_popups_are_escaped(claims: Any, snaps: Snapshots, regions: Any) -> None:
    page = page_html(render_map(claims, date="2024-01-10", frontline=snaps, boundaries=regions, offline=True))
    capture = check_layer_rows(page)[2]
    assert capture[2] == "consistent"
    popup = capture[3] + capture[4]
    assert html.escape(HOSTILE_PLACE) in popup  # the note names the place: escaped, once
    assert "<script" not in popup and "&amp;lt;" not in popup
    assert "<script>window" not in page and "<img src=x" not in page


def test_precomputed_checks_give_the_same_page(claims: Any, snaps: Snapshots, regions: Any) -> None:
    computed = page_html(
        render_map(claims, date="2024-01-10", frontline=snaps, boundaries=regions, offline=True)
    )
    checked = check_claims(claims, snaps, boundaries=regions)
    given = page_html(
        render_map(
            claims, date="2024-01-10", frontline=snaps, boundaries=regions, offline=True, checks=checked
        )
    )
    assert given == computed
    # matched by claim_id when the checks come back from a file in another order
    shuffled = checked.iloc[::-1].reset_index(drop=True)
    again = page_html(
        render_map(
            claims, date="2024-01-10", frontline=snaps, boundaries=regions, offline=True, checks=shuffled
        )
    )
    assert check_layer_rows(again) == check_layer_rows(computed)
    # checks without a frontline draw the rings; checks=False leaves them out
    alone = page_html(render_map(claims, date="2024-01-10", boundaries=regions, offline=True, checks=checked))
    assert [r[2] for r in check_layer_rows(alone)] == [r[2] for r in check_layer_rows(computed)]
    off = page_html(
        render_map(claims, date="2024-01-10", frontline=snaps, boundaries=regions, offline=True, checks=False)
    )
    assert check_layer_rows(off) == [] and CHECKS_LAYER_NAME not in off
    with pytest.raises(InputError, match="verdict"):
        render_map(claims, offline=True, checks=checked.drop(columns=["verdict"]))


def test_no_checks_without_dated_snapshots(claims: Any, regions: Any) -> None:
    page = page_html(
        render_map(claims, date="2024-01-10", frontline=SNAPS["2024-01-10"], boundaries=regions, offline=True)
    )
    assert "fm-frontline" in page and check_layer_rows(page) == []


def test_verdict_symbols_differ_beyond_colour() -> None:
    # print and colour-blind readers: every verdict differs from every other in shape or stroke
    shapes = {v: re.sub(r'(stroke|fill)="#[0-9A-Fa-f]{6}"', "", verdict_svg(v)) for v in VERDICTS}
    assert len(set(shapes.values())) == len(VERDICTS)
    colours = {VERDICT_STYLES[v][0] for v in ("consistent", "overstated", "understated", "contradicted")}
    assert len(colours) == 4


def test_timeline_rings_move_with_the_slider(claims: Any, snaps: Snapshots, regions: Any) -> None:
    page = page_html(render_timeline(claims, frontline=snaps, boundaries=regions, offline=True))
    per_day = [json.loads(m) for m in re.findall(r"var checks = (\[.*?\]);\n", page, flags=re.DOTALL)]
    assert [[r[2] for r in rows] for rows in per_day] == [
        ["consistent", "overstated", "consistent", "contradicted", "not_comparable"],
        ["understated", "no_data"],
    ]
    groups = re.search(r"groups = (\[\[.*?\]\])", page).group(1)
    names = re.findall(r"var (check_layer_\w+) = L\.featureGroup", page)
    assert len(names) == 2 and all(n in groups for n in names)


# --------------------------------------------------------------------------- contested overlay


X0, Y0 = 6_000_000.0, 2_800_000.0


@pytest.fixture
def contested_tif(tmp_path: Path) -> Path:
    a = laea_box(X0, Y0, X0 + 5000, Y0 + 5000)
    b = laea_box(X0 + 2000, Y0, X0 + 7000, Y0 + 5000)
    c = laea_box(X0 + 2000, Y0 + 2000, X0 + 7000, Y0 + 5000)
    snaps = Snapshots.from_geometries({"2024-01-01": a, "2024-01-02": b, "2024-01-03": a, "2024-01-04": c})
    land = standard_frame(["UA99"], ["West"], [laea_box(X0, Y0, X0 + 6000, Y0 + 5000)])
    return contested_raster(snaps, tmp_path / "contested.tif", boundaries=land)


def decode(uri: str) -> np.ndarray:
    assert uri.startswith("data:image/png;base64,")
    return np.array(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGBA"))


def test_overlay_is_opaque_exactly_where_cells_changed_hands(contested_tif: Path) -> None:
    from pyproj import Transformer

    with rasterio.open(contested_tif) as src:
        band, transform, nodata = src.read(1), src.transform, src.nodata
    assert {int(v) for v in np.unique(band)} == {0, 1, 2, 3, nodata}  # the premise: counts, zeros and nodata
    image = contested_image(contested_tif)
    pixels = decode(image.data_uri)
    (south, west), (north, east) = image.bounds
    to_merc = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    to_3035 = Transformer.from_crs("EPSG:3857", "EPSG:3035", always_xy=True)
    (mx0, mx1), (my0, my1) = to_merc.transform([west, east], [south, north])
    h, w = pixels.shape[:2]
    checked = opaque = 0
    for r in range(h):
        for c in range(w):
            # the pixel centre, in the source grid (Leaflet stretches the image linearly in Web Mercator)
            x, y = to_3035.transform(mx0 + (c + 0.5) * (mx1 - mx0) / w, my1 - (r + 0.5) * (my1 - my0) / h)
            col, row = (x - transform.c) / transform.a, (y - transform.f) / transform.e
            if min(abs(col - round(col)), abs(row - round(row))) < 0.15:
                continue  # on a cell edge: either neighbour is a fair answer
            inside = 0 <= row < band.shape[0] and 0 <= col < band.shape[1]
            count = int(band[int(row), int(col)]) if inside else 0
            alpha = int(pixels[r, c, 3])
            if count in (0, nodata):
                assert alpha == 0, (r, c, count)
            else:
                assert alpha > 0, (r, c, count)
                klass = max(i for i, low in enumerate(CONTESTED_BREAKS) if count >= low)
                colour = CONTESTED_COLOURS[klass]
                assert tuple(pixels[r, c, :3]) == tuple(int(colour[k : k + 2], 16) for k in (1, 3, 5))
                opaque += 1
            checked += 1
    assert checked > 0.4 * h * w and opaque >= 8
    assert image.max_count == 3 and image.first_date == "2024-01-01" and image.last_date == "2024-01-04"


def test_overlay_from_an_array_and_deterministic(contested_tif: Path) -> None:
    with rasterio.open(contested_tif) as src:
        band, transform, crs = src.read(1), src.transform, src.crs
    from_file = contested_image(contested_tif)
    from_array = contested_image(band, transform=transform, crs=crs, nodata=65535)
    assert from_array.png == from_file.png and from_array.bounds == from_file.bounds
    assert contested_image(contested_tif).png == from_file.png
    with pytest.raises(InputError, match="transform"):
        contested_image(band)
    with pytest.raises(InputError, match="no such raster"):
        contested_image(contested_tif.parent / "nope.tif")
    junk = contested_tif.parent / "junk.tif"
    junk.write_text("not a tiff")
    with pytest.raises(InputError, match="junk.tif"):
        contested_image(junk)


def test_overlay_layer_on_pages_offline(
    claims: Any, snaps: Snapshots, regions: Any, contested_tif: Path
) -> None:
    import folium

    m = folium.Map(tiles=None)
    contested_overlay(contested_tif).add_to(m)
    assert 'L.imageOverlay("data:image/png;base64,' in m.get_root().render()
    page = page_html(
        render_map(
            claims,
            date="2024-01-10",
            frontline=snaps,
            boundaries=regions,
            offline=True,
            contested=contested_tif,
        )
    )
    timeline = page_html(
        render_timeline(claims, frontline=snaps, boundaries=regions, offline=True, contested=contested_tif)
    )
    for text in (page, timeline):
        assert remote_fetches(text) == []
        uri = re.search(r'L\.imageOverlay\("(data:image/png;base64,[A-Za-z0-9+/=]+)"', text).group(1)
        assert decode(uri).shape[2] == 4
        assert "Changes of hands per 1 km cell" in text and "2024-01-01 to 2024-01-04" in text
        assert f'"{CONTESTED_LAYER_NAME}" : ' in text  # in the layer control, so it can be switched off


# --------------------------------------------------------------------------- pages and CLI


def write_snapshots(folder: Path) -> Path:
    folder.mkdir()
    for day, geom in SNAPS.items():
        gpd.GeoDataFrame({"snapshot_date": [day]}, geometry=[geom], crs="EPSG:4326").to_file(
            folder / f"occupied_{day}.geojson", driver="GeoJSON"
        )
    return folder


def test_save_maps_checks_once_and_is_deterministic(
    claims: Any, regions: Any, contested_tif: Path, tmp_path: Path
) -> None:
    snapdir = write_snapshots(tmp_path / "snaps")
    outputs = []
    for name in ("a", "b"):
        save_maps(
            claims,
            tmp_path / name,
            boundaries=regions,
            frontline=snapdir,
            contested=contested_tif,
            offline=True,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == ["2024-01-10.html", "2024-01-20.html", "index.html", "timeline.html"]
    day = outputs[0]["2024-01-20.html"].decode("utf-8")
    assert [r[2] for r in check_layer_rows(day)] == ["understated", "no_data"]
    for page in outputs[0].values():
        assert remote_fetches(page.decode("utf-8")) == []


def test_cli_map_with_frontline_checks_and_contested(
    claims: Any, regions: Any, contested_tif: Path, tmp_path: Path
) -> None:
    snapdir = write_snapshots(tmp_path / "snaps")
    events = write_events(tmp_path / "events.gpkg", claims, gpd.GeoDataFrame(geometry=[], crs="EPSG:4326"))
    boundary_file = tmp_path / "regions.gpkg"
    regions.to_file(boundary_file)
    out = tmp_path / "maps"
    result = run_cli(
        "map",
        str(events),
        "-o",
        str(out),
        "--offline",
        "--frontline",
        str(snapdir),
        "--boundaries",
        str(boundary_file),
        "--contested",
        str(contested_tif),
    )
    assert result.returncode == 0, result.stderr
    page = (out / "2024-01-10.html").read_text(encoding="utf-8")
    assert [r[2] for r in check_layer_rows(page)] == [v for s, v in CLAIMS if s["date"] == "2024-01-10" and v]
    assert "L.imageOverlay(" in page and remote_fetches(page) == []

    # the verdicts of 'frontmap check -o', drawn without the snapshots
    checks = tmp_path / "checks.gpkg"
    done = run_cli(
        "check",
        str(events),
        "--frontline",
        str(snapdir),
        "--boundaries",
        str(boundary_file),
        "-o",
        str(checks),
    )
    assert done.returncode == 0, done.stderr
    again = tmp_path / "maps2"
    result = run_cli("map", str(events), "-o", str(again), "--offline", "--checks", str(checks))
    assert result.returncode == 0, result.stderr
    page2 = (again / "2024-01-10.html").read_text(encoding="utf-8")
    assert [r[2] for r in check_layer_rows(page2)] == [r[2] for r in check_layer_rows(page)]
    assert "fm-frontline" not in page2

    bad = run_cli("map", str(events), "-o", str(tmp_path / "m3"), "--checks", str(tmp_path / "nope.gpkg"))
    assert bad.returncode == 1 and "nope.gpkg" in bad.stderr and "Traceback" not in bad.stderr
    bad = run_cli("map", str(events), "-o", str(tmp_path / "m4"), "--contested", str(events))
    assert bad.returncode == 1 and "events.gpkg" in bad.stderr and "Traceback" not in bad.stderr
    helptext = run_cli("map", "--help").stdout
    assert "--contested" in helptext and "--checks" in helptext


# --------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_rings_and_overlay_in_a_real_browser(
    claims: Any, snaps: Snapshots, regions: Any, contested_tif: Path, tmp_path: Path
) -> None:
    from frontmap.render._chromium import Chromium, available

    reason = available()
    if reason:
        pytest.skip(reason)
    save_maps(claims, tmp_path, boundaries=regions, frontline=snaps, contested=contested_tif, offline=True)
    with Chromium() as chromium:
        report = chromium.open(tmp_path / "2024-01-10.html")
        remote = [u for u in report.requests if not u.startswith(("file:", "data:"))]
        assert remote == [] and report.exceptions == [] and report.console_errors == []
        seen = chromium.evaluate(
            "({rings: [...document.querySelectorAll('.fm-checks-pane .fm-check, .leaflet-fm-checks-pane .fm-check')]"
            ".map(e => e.className.match(/fm-verdict-(\\w+)/)[1]),"
            " claims: document.querySelectorAll('.leaflet-marker-pane .fm-claim').length,"
            " overlay: [...document.querySelectorAll('img.fm-contested')].map(i => i.src.slice(0, 22)),"
            " labels: [...document.querySelectorAll('.leaflet-control-layers label')].map(l => l.textContent.trim())})"
        )
        assert sorted(seen["rings"]) == sorted(
            ["consistent", "overstated", "consistent", "contradicted", "not_comparable"]
        )
        assert seen["claims"] == 5 and seen["overlay"] == ["data:image/png;base64,"]
        assert CHECKS_LAYER_NAME in seen["labels"] and CONTESTED_LAYER_NAME in seen["labels"]
        # the rings lie below the claim markers; a ring's popup shows the verdict
        order = chromium.evaluate(
            "[+getComputedStyle(document.querySelector('.leaflet-fm-checks-pane')).zIndex,"
            " +getComputedStyle(document.querySelector('.leaflet-marker-pane')).zIndex]"
        )
        assert order[0] < order[1]
        popup = chromium.evaluate(
            "(() => { const map = Object.keys(window).filter(k => k.startsWith('map_') && window[k] instanceof L.Map)"
            ".map(k => window[k])[0]; let out = []; map.eachLayer(l => { if (l instanceof L.Marker && l.options.pane"
            " === 'fm-checks') { l.openPopup(); out.push(l.getPopup().getElement().innerText); } });"
            " return out.join('\\n---\\n'); })()"
        )
        assert "overstated" in popup and "Ratio" in popup and HOSTILE_PLACE in popup
        assert chromium.evaluate("typeof window.__xss") == "undefined"
        chromium.screenshot(tmp_path / "checks.screenshot.png")


def test_cli_run_checks_against_the_frontline_and_overlays(contested_tif: Path, tmp_path: Path) -> None:
    # a report written for this test: Russia claims a town the synthetic snapshots show it holding
    report = tmp_path / "reports" / "bakhmut.txt"
    report.parent.mkdir()
    report.write_text(
        "date 2024-01-12\nRussia's Defence Ministry said on Friday that its forces had captured Bakhmut.\n",
        encoding="utf-8",
    )
    snapdir = tmp_path / "snaps"
    snapdir.mkdir()
    for day, geom in (("2024-01-01", box(37.2, 48.2, 37.9, 49.0)), ("2024-01-15", box(37.2, 48.2, 38.6, 49.0))):
        gpd.GeoDataFrame({"snapshot_date": [day]}, geometry=[geom], crs="EPSG:4326").to_file(
            snapdir / f"{day}.geojson", driver="GeoJSON"
        )
    out = tmp_path / "out"
    missing = run_cli("run", str(report.parent), "-o", str(out), "--contested", str(tmp_path / "nope.tif"))
    assert missing.returncode == 1 and "nope.tif" in missing.stderr and not out.exists()
    result = run_cli(
        "run", str(report.parent), "-o", str(out), "--offline", "--frontline", str(snapdir),
        "--contested", str(contested_tif),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = (out / "2024-01-12.html").read_text(encoding="utf-8")
    rings = check_layer_rows(page)
    assert [r[2] for r in rings] == ["consistent"] and "Bakhmut" in rings[0][3]
    assert "inside the occupied area on 2024-01-15" in rings[0][3]
    assert "L.imageOverlay(" in page and remote_fetches(page) == []
