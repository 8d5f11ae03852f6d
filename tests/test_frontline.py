"""Front-line snapshots: loading, diffs, areas, claim checks, contested raster, CLI.

The core tests build their own small squares (written to tmp_path as GeoJSON and GeoPackage), so
the logic is tested without ../shared; expected areas are geodesic areas (pyproj.Geod), computed
independently of the module's projection. Tests on the real DeepStateMap snapshots use the
``shared_dir`` fixture and skip without it.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from frontmap.errors import FrontmapWarning, InputError, SourceError
from frontmap.frontline import (
    EQUAL_AREA_CRS,
    VERDICTS,
    Snapshots,
    check_claims,
    contested_raster,
    frontline_changes,
    frontline_diff,
    load_snapshots,
    occupied_area,
    occupied_as_of,
)

CASES = Path(__file__).resolve().parent / "cases" / "frontline_checks.jsonl"

# Two synthetic "oblasts" side by side and three snapshots:
#   01-01 RU holds the west half of Alpha; 01-10 RU takes the east half of Alpha and the west half
#   of Beta; 01-20 UA retakes the west half of Beta.
ALPHA = box(30.0, 48.0, 31.0, 49.0)
BETA = box(31.0, 48.0, 32.0, 49.0)
SNAPS = {
    "2024-01-01": box(30.0, 48.0, 30.5, 49.0),
    "2024-01-10": box(30.0, 48.0, 31.5, 49.0),
    "2024-01-20": box(30.0, 48.0, 31.0, 49.0),
}


def geodesic_km2(geom: shapely.Geometry) -> float:
    from pyproj import Geod

    # densify so the geodesic edges follow the projected straight edges closely
    area, _ = Geod(ellps="WGS84").geometry_area_perimeter(shapely.segmentize(geom, 0.01))
    return abs(area) / 1e6


def standard_frame(ids: list[str], names: list[str], geoms: list[shapely.Geometry]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "unit_id": ids,
            "name": names,
            "level": "admin1",
            "admin1": names,
            "area_km2": [geodesic_km2(g) for g in geoms],
            "approximate": False,
        },
        geometry=geoms,
        crs="EPSG:4326",
    )


@pytest.fixture
def regions() -> gpd.GeoDataFrame:
    return standard_frame(["UA90", "UA91"], ["Alpha Oblast", "Beta Oblast"], [ALPHA, BETA])


def write_geojson(path: Path, geoms: list[shapely.Geometry], **props: list) -> Path:
    gpd.GeoDataFrame(props, geometry=geoms, crs="EPSG:4326").to_file(path, driver="GeoJSON")
    return path


@pytest.fixture
def snapdir(tmp_path: Path) -> Path:
    """The three synthetic snapshots: a GeoJSON dated by property, a GeoJSON dated by its name, a GPKG."""
    d = tmp_path / "snaps"
    d.mkdir()
    write_geojson(
        d / "first.geojson",
        [SNAPS["2024-01-01"], box(30.6, 48.2, 30.7, 48.3)],
        status=["occupied", "unknown"],
        snapshot_date=["2024-01-01", "2024-01-01"],
    )
    write_geojson(d / "occupied_2024-01-10.geojson", [SNAPS["2024-01-10"]], status=["occupied"])
    gpd.GeoDataFrame(geometry=[SNAPS["2024-01-20"]], crs="EPSG:4326").to_file(
        d / "deepstate_20240120.gpkg", driver="GPKG"
    )
    return d


@pytest.fixture
def snaps(snapdir: Path) -> Snapshots:
    return load_snapshots(snapdir)


# --------------------------------------------------------------------------- loading


def test_load_dates_from_property_filename_and_gpkg(snaps: Snapshots) -> None:
    assert snaps.dates == (dt.date(2024, 1, 1), dt.date(2024, 1, 10), dt.date(2024, 1, 20))
    assert [s.source for s in snaps] == [
        "first.geojson",
        "occupied_2024-01-10.geojson",
        "deepstate_20240120.gpkg",
    ]
    # the "unknown" feature of the first file is not occupied territory
    assert snaps[dt.date(2024, 1, 1)].geometry.equals(SNAPS["2024-01-01"])
    for snap in snaps:
        assert snap.geometry.equals(SNAPS[snap.date.isoformat()])
        assert snap.area_km2 == pytest.approx(geodesic_km2(snap.geometry), rel=2e-3)


def test_progress_is_reported_per_file(snapdir: Path) -> None:
    calls: list[tuple[int, int]] = []
    load_snapshots(snapdir, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3)]


def test_property_date_wins_over_file_name(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "occupied_2022-09-06.geojson", [box(36, 49, 37, 50)], date=["2022-09-07T20:00:00Z"]
    )
    assert load_snapshots([path]).dates == (dt.date(2022, 9, 7),)


def test_one_file_with_several_dates(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "history.gpkg",
        [box(36, 49, 37, 50), box(36, 49, 36.5, 50), box(36.5, 49, 37, 50)],
        snapshot_date=["2022-09-01", "2022-09-02", "2022-09-02"],
    )
    snaps = load_snapshots(path)
    assert snaps.dates == (dt.date(2022, 9, 1), dt.date(2022, 9, 2))
    assert snaps["2022-09-02"].geometry.area == pytest.approx(1.0)  # the two halves were unioned


def test_invalid_geometry_is_repaired(tmp_path: Path) -> None:
    bowtie = shapely.Polygon([(30, 48), (31, 49), (31, 48), (30, 49), (30, 48)])
    assert not bowtie.is_valid
    path = write_geojson(tmp_path / "snap_2023-05-01.geojson", [bowtie], status=["occupied"])
    snap = load_snapshots(path)["2023-05-01"]
    assert snap.repaired
    assert snap.geometry.is_valid and snap.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert snap.geometry.area == pytest.approx(0.5)  # two triangles of 0.25 deg² each


def test_undated_and_unreadable_files_are_skipped_with_a_warning(tmp_path: Path, snapdir: Path) -> None:
    write_geojson(snapdir / "nodate.geojson", [box(30, 48, 31, 49)])
    (snapdir / "broken_2024-02-01.geojson").write_text("{not json", encoding="utf-8")
    with pytest.warns(FrontmapWarning) as caught:
        snaps = load_snapshots(snapdir)
    messages = " | ".join(str(w.message) for w in caught)
    assert "nodate.geojson" in messages and "no date" in messages
    assert "broken_2024-02-01.geojson" in messages
    assert len(snaps) == 3


def test_nothing_loadable_is_an_error_naming_the_files(tmp_path: Path) -> None:
    write_geojson(tmp_path / "nodate.geojson", [box(30, 48, 31, 49)])
    with pytest.warns(FrontmapWarning), pytest.raises(InputError, match="nodate.geojson"):
        load_snapshots(tmp_path)
    with pytest.raises(SourceError, match="missing"):
        load_snapshots(tmp_path / "missing")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no snapshot files"):
        load_snapshots(empty)


def test_only_unknown_status_is_skipped(tmp_path: Path) -> None:
    write_geojson(tmp_path / "grey_2024-01-01.geojson", [box(30, 48, 31, 49)], status=["unknown"])
    write_geojson(tmp_path / "ok_2024-01-02.geojson", [box(30, 48, 31, 49)], status=["occupied"])
    with pytest.warns(FrontmapWarning, match="no feature with status 'occupied'"):
        assert load_snapshots(tmp_path).dates == (dt.date(2024, 1, 2),)


def test_two_files_for_one_date_keep_the_first_by_name(tmp_path: Path) -> None:
    write_geojson(tmp_path / "a_2024-01-01.geojson", [box(30, 48, 31, 49)])
    write_geojson(tmp_path / "b_2024-01-01.geojson", [box(30, 48, 30.5, 49)])
    with pytest.warns(FrontmapWarning, match="using a_2024-01-01.geojson"):
        snaps = load_snapshots(tmp_path)
    assert snaps["2024-01-01"].geometry.area == pytest.approx(1.0)


def test_projected_gpkg_is_reprojected(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(geometry=[box(30, 48, 31, 49)], crs="EPSG:4326").to_crs(EQUAL_AREA_CRS)
    frame.to_file(tmp_path / "laea_2024-03-03.gpkg", driver="GPKG")
    snap = load_snapshots(tmp_path)["2024-03-03"]
    assert shapely.equals_exact(snap.geometry.normalize(), box(30, 48, 31, 49).normalize(), tolerance=1e-7)


# --------------------------------------------------------------------------- snapshot_for


@pytest.mark.parametrize(
    ("day", "expected", "age"),
    [
        ("2023-12-31", None, None),  # before the first snapshot
        ("2024-01-01", "2024-01-01", 0),  # exactly on the first
        ("2024-01-09", "2024-01-01", 8),  # the day before the second
        ("2024-01-10", "2024-01-10", 0),
        ("2024-01-19", "2024-01-10", 9),
        ("2024-06-01", "2024-01-20", 133),  # long after the last
    ],
)
def test_snapshot_for(snaps: Snapshots, day: str, expected: str | None, age: int | None) -> None:
    match = snaps.snapshot_for(day)
    if expected is None:
        assert match is None
        assert occupied_as_of(snaps, day) is None
        return
    assert match is not None
    assert (match.date.isoformat(), match.age_days) == (expected, age)
    assert match.geometry.equals(SNAPS[expected])
    frame, used = occupied_as_of(snaps, pd.Timestamp(day))
    assert used.isoformat() == expected
    assert frame.crs == "EPSG:4326" and len(frame) == 1
    assert frame["label"].iloc[0] == f"as of {expected}" and frame["age_days"].iloc[0] == age
    light, _ = occupied_as_of(snaps, day, simplify_m=500)
    assert light.geometry.iloc[0].is_valid and light["area_km2"].iloc[0] == frame["area_km2"].iloc[0]


def test_bad_date_is_an_input_error(snaps: Snapshots) -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        snaps.snapshot_for("12/01/2024")


# --------------------------------------------------------------------------- diff and areas


def test_diff_areas_hand_computed(snaps: Snapshots, regions: gpd.GeoDataFrame) -> None:
    half = geodesic_km2(box(30.5, 48.0, 31.0, 49.0))
    half_b = geodesic_km2(box(31.0, 48.0, 31.5, 49.0))
    # dates between snapshots resolve to the latest snapshot on or before them
    df = frontline_diff("2024-01-05", "2024-01-15", snapshots=snaps, boundaries=regions).set_index("unit_id")
    assert list(df.index) == ["UA90", "UA91", "TOTAL"]
    assert set(df["from_date"]) == {"2024-01-01"} and set(df["to_date"]) == {"2024-01-10"}
    assert df.loc["UA90", "ru_gain_km2"] == pytest.approx(half, rel=5e-3)
    assert df.loc["UA91", "ru_gain_km2"] == pytest.approx(half_b, rel=5e-3)
    assert df.loc[["UA90", "UA91"], "ua_gain_km2"].tolist() == [0.0, 0.0]
    assert df.loc["TOTAL", "ru_gain_km2"] == pytest.approx(half + half_b, rel=5e-3)
    assert df.loc["UA90", "occupied_to_km2"] == pytest.approx(geodesic_km2(ALPHA), rel=5e-3)
    assert df.loc["UA90", "occupied_from_km2"] == pytest.approx(geodesic_km2(SNAPS["2024-01-01"]), rel=5e-3)

    back = frontline_diff("2024-01-10", "2024-01-20", snapshots=snaps, boundaries=regions).set_index(
        "unit_id"
    )
    assert back.loc["UA91", "ua_gain_km2"] == pytest.approx(half_b, rel=5e-3)
    assert back.loc["TOTAL", "net_ru_km2"] == pytest.approx(-half_b, rel=5e-3)
    assert back.loc["UA90", ["ru_gain_km2", "ua_gain_km2"]].tolist() == [0.0, 0.0]


def test_diff_of_geometries_clips_to_land(regions: gpd.GeoDataFrame) -> None:
    # the part of the later polygon east of Beta (off the boundaries) is not counted
    a, b = box(30.0, 48.0, 30.5, 49.0), box(30.0, 48.0, 33.0, 49.0)
    df = frontline_diff(a, b, boundaries=regions).set_index("unit_id")
    assert df.loc["TOTAL", "ru_gain_km2"] == pytest.approx(geodesic_km2(box(30.5, 48, 32, 49)), rel=5e-3)
    assert df["from_date"].isna().all()


def test_diff_needs_snapshots_for_dates_and_a_snapshot_before(
    snaps: Snapshots, regions: gpd.GeoDataFrame
) -> None:
    with pytest.raises(InputError, match="snapshots="):
        frontline_diff("2024-01-01", "2024-01-10", boundaries=regions)
    with pytest.raises(InputError, match="no snapshot on or before 2023-01-01"):
        frontline_diff("2023-01-01", "2024-01-10", snapshots=snaps, boundaries=regions)
    with pytest.raises(InputError, match="level"):
        frontline_diff("2024-01-01", "2024-01-10", snapshots=snaps, boundaries=regions, level="admin9")


@pytest.mark.parametrize("seed", range(10))
def test_fast_gains_equal_the_overlay(seed: int) -> None:
    """The shared-outline shortcut gives exactly what two full overlays give."""
    from frontmap.frontline import _gains

    rng = np.random.default_rng(seed)
    angles = np.sort(rng.uniform(0, 2 * np.pi, 300))
    radius = 1 + 0.2 * rng.uniform(size=300)
    shell = np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])
    before = shapely.Polygon(shell, [shapely.Point(0, 0).buffer(0.3).exterior.coords]).buffer(0)
    after = before
    for _ in range(6):
        at = before.exterior.interpolate(rng.uniform(0, before.exterior.length))
        bite = shapely.Point(at.x, at.y).buffer(rng.uniform(0.02, 0.1), quad_segs=4)
        after = after.difference(bite) if rng.uniform() < 0.4 else after.union(bite)
    after = after.difference(shapely.Point(0, 0).buffer(0.35))  # the hole grows: a loss inside
    gained, lost = _gains(before, after)
    for fast, slow in ((gained, after.difference(before)), (lost, before.difference(after))):
        assert slow.area > 0
        assert shapely.symmetric_difference(fast, slow).area == pytest.approx(0, abs=1e-9 * before.area)
    assert _gains(before, before) == (shapely.MultiPolygon(), shapely.MultiPolygon())


def test_changes_agree_with_pairwise_diffs(snaps: Snapshots, regions: gpd.GeoDataFrame) -> None:
    changes = frontline_changes(snaps, boundaries=regions)
    assert len(changes) == 2 * 2
    for (a, b), block in changes.groupby(["from_date", "to_date"]):
        diff = frontline_diff(a, b, snapshots=snaps, boundaries=regions).set_index("unit_id")
        got = block.set_index("unit_id")
        np.testing.assert_allclose(got["ru_gain_km2"], diff.loc[got.index, "ru_gain_km2"])
        np.testing.assert_allclose(got["ua_gain_km2"], diff.loc[got.index, "ua_gain_km2"])


def test_occupied_area(snaps: Snapshots, regions: gpd.GeoDataFrame) -> None:
    totals = occupied_area(snaps).set_index("date")
    for day, geom in SNAPS.items():
        assert totals.loc[day, "occupied_km2"] == pytest.approx(geodesic_km2(geom), rel=5e-3)
    per = occupied_area(snaps, boundaries=regions, by_region=True).set_index(["date", "unit_id"])
    assert per.loc[("2024-01-10", "UA90"), "share"] == pytest.approx(1.0, rel=1e-6)
    assert per.loc[("2024-01-10", "UA91"), "share"] == pytest.approx(0.5, rel=5e-3)
    assert per.loc[("2024-01-10", "TOTAL"), "occupied_km2"] == pytest.approx(
        totals.loc["2024-01-10", "occupied_km2"]
    )
    land = occupied_area(
        Snapshots.from_geometries({"2024-01-01": box(29.0, 48.0, 30.5, 49.0)}), boundaries=regions
    ).iloc[0]
    assert land["land_km2"] == pytest.approx(geodesic_km2(box(30.0, 48.0, 30.5, 49.0)), rel=5e-3)
    assert land["occupied_km2"] > 2.9 * land["land_km2"]


# --------------------------------------------------------------------------- checks


def read_cases(data: str) -> list[dict]:
    rows = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["data"] == data]


def claims_frame(cases: list[dict]) -> gpd.GeoDataFrame:
    """Claims in the shape of regions.to_geodataframes (the columns the checks read)."""
    from frontmap.records import KM2_PER_UNIT

    rows = []
    for c in cases:
        unit = c.get("unit")
        factor = KM2_PER_UNIT.get(unit) if unit else None
        rows.append(
            {
                "claim_id": c["id"],
                "doc": c["id"],
                "kind": c["kind"],
                "value": c.get("value"),
                "value_min": c.get("value_min"),
                "value_max": c.get("value_max"),
                "qualifier": c.get("qualifier"),
                "unit": unit,
                "value_km2": c["value"] * factor if factor and c.get("value") is not None else None,
                "gainer": c.get("gainer"),
                "place": c.get("place"),
                "place_lat": c.get("lat"),
                "place_lon": c.get("lon"),
                "region": c.get("region"),
                "date": pd.Timestamp(c["date"]) if c.get("date") else pd.NaT,
                "period_start": c.get("period_start"),
                "period_end": c.get("period_end"),
                "admin1": c.get("admin1"),
            }
        )
    geoms = [shapely.Point(c["lon"], c["lat"]) if "lon" in c else None for c in cases]
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")


SYNTHETIC_CASES = read_cases("synthetic")
SHARED_CASES = read_cases("shared")


@pytest.fixture
def synthetic_checks(snaps: Snapshots, regions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return check_claims(claims_frame(SYNTHETIC_CASES), snaps, boundaries=regions).set_index("claim_id")


@pytest.mark.parametrize("case", SYNTHETIC_CASES, ids=[c["id"] for c in SYNTHETIC_CASES])
def test_check_synthetic(case: dict, synthetic_checks: gpd.GeoDataFrame) -> None:
    row = synthetic_checks.loc[case["id"]]
    assert row["verdict"] == case["expect"], row["check_note"]
    assert row["verdict"] in VERDICTS
    if case["kind"] != "capture" and case["expect"] in (
        "consistent",
        "overstated",
        "understated",
        "not_comparable",
    ):
        assert row["measured_km2"] >= 0 and row["check_from"] < row["check_to"]


def test_check_measures_what_the_gainer_took(synthetic_checks: gpd.GeoDataFrame) -> None:
    half = geodesic_km2(box(30.5, 48.0, 31.0, 49.0))
    row = synthetic_checks.loc["syn-area-consistent"]
    assert (row["check_from"], row["check_to"], row["check_region"]) == (
        "2024-01-01",
        "2024-01-10",
        "Alpha Oblast",
    )
    assert row["measured_km2"] == pytest.approx(half, rel=5e-3)
    assert row["ratio"] == pytest.approx(4000 / row["measured_km2"], rel=1e-3)
    assert synthetic_checks.loc["syn-area-national", "check_region"] == "Ukraine"
    # distance claims are not judged but the measurement is reported
    assert synthetic_checks.loc["syn-distance", "measured_km2"] == pytest.approx(half, rel=5e-3)
    # capture: signed distance to the line, positive inside (30.75 E is 0.25 deg west of the 31 E line)
    inside = synthetic_checks.loc["syn-capture-ua-inside", "line_distance_km"]
    assert 17 < inside < 20
    assert synthetic_checks.loc["syn-capture-ua-outside", "line_distance_km"] < 0
    assert synthetic_checks.geometry.name == "geometry" and len(synthetic_checks) == len(SYNTHETIC_CASES)


def test_max_gap_days(snaps: Snapshots, regions: gpd.GeoDataFrame) -> None:
    case = dict(SYNTHETIC_CASES[0], date="2024-01-25", period_start="2024-01-10", period_end="2024-01-12")
    strict = check_claims(claims_frame([case]), snaps, boundaries=regions, max_gap_days=3).iloc[0]
    assert strict["verdict"] == "no_data" and "8 days beyond" in strict["check_note"]
    loose = check_claims(claims_frame([case]), snaps, boundaries=regions, max_gap_days=10).iloc[0]
    assert loose["verdict"] != "no_data"


# --------------------------------------------------------------------------- contested raster


def laea_box(x0: float, y0: float, x1: float, y1: float) -> shapely.Geometry:
    """A box drawn in EPSG:3035 metres, returned in EPSG:4326 (the module projects it back)."""
    from pyproj import Transformer

    back = Transformer.from_crs("EPSG:3035", "EPSG:4326", always_xy=True)
    # dense vertices (every 100 m) so the edges stay straight lines in EPSG:3035
    dense = shapely.segmentize(box(x0, y0, x1, y1), 100)
    return shapely.transform(dense, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1])))


def test_contested_raster_flip_counts(tmp_path: Path) -> None:
    import rasterio

    x0, y0 = 6_000_000.0, 2_800_000.0
    a = laea_box(x0, y0, x0 + 5000, y0 + 5000)
    b = laea_box(x0 + 2000, y0, x0 + 7000, y0 + 5000)
    snaps = Snapshots.from_geometries({"2024-01-01": a, "2024-01-02": b, "2024-01-03": a})
    out = contested_raster(snaps, tmp_path / "contested.tif")
    with rasterio.open(out) as src:
        band = src.read(1)
        assert src.crs.to_epsg() == 3035 and src.dtypes[0] == "uint16" and src.nodata == 65535
        assert (src.width, src.height) == (7, 5) and src.res == (1000.0, 1000.0)
        assert (src.transform.c, src.transform.f) == (x0, y0 + 5000)
        assert src.profile["compress"] == "deflate" and src.profile["tiled"]
        tags = src.tags()
        assert (
            tags["first_date"] == "2024-01-01"
            and tags["snapshots"] == "3"
            and tags["software"].startswith("frontmap")
        )
    expected = np.zeros((5, 7), dtype=np.uint16)
    expected[:, 0:2] = 2  # A only: lost then retaken
    expected[:, 5:7] = 2  # B only: taken then lost
    np.testing.assert_array_equal(band, expected)

    # a pair: one change per cell that differs
    pair = contested_raster(
        Snapshots.from_geometries({"2024-01-01": a, "2024-01-02": b}), tmp_path / "pair.tif"
    )
    with rasterio.open(pair) as src:
        assert int(src.read(1).sum()) == 20 and int((src.read(1) == 1).sum()) == 20

    # deterministic, refuses to overwrite, masks off-land cells as nodata
    again = contested_raster(snaps, tmp_path / "again.tif")
    assert again.read_bytes() == out.read_bytes()
    with pytest.raises(SourceError, match="overwrite"):
        contested_raster(snaps, out)
    land = standard_frame(["UA99"], ["West"], [laea_box(x0, y0, x0 + 3000, y0 + 5000)])
    masked = contested_raster(snaps, out, boundaries=land, overwrite=True)
    with rasterio.open(masked) as src:
        band = src.read(1)
        assert (band[:, 3:] == 65535).all() and (band[:, :2] == 2).all() and (band[:, 2] == 0).all()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_contested_raster_needs_two_snapshots(tmp_path: Path) -> None:
    one = Snapshots.from_geometries({"2024-01-01": box(30, 48, 31, 49)})
    with pytest.raises(InputError, match="at least 2"):
        contested_raster(one, tmp_path / "x.tif")
    assert not (tmp_path / "x.tif").exists()


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def boundary_file(tmp_path: Path, regions: gpd.GeoDataFrame) -> Path:
    """The synthetic regions as a boundary file in the OSM-derived convention of ../shared/data."""
    path = tmp_path / "regions.geojson"
    raw = regions.rename(columns={"unit_id": "adm1_pcode", "name": "adm1_name_en"})[
        ["adm1_pcode", "adm1_name_en", "geometry"]
    ]
    raw.to_file(path, driver="GeoJSON")
    return path


def test_cli_diff_json_and_table(snapdir: Path, boundary_file: Path, capsys: pytest.CaptureFixture) -> None:
    from frontmap.cli.main import main

    assert (
        main(
            [
                "frontline",
                "diff",
                "2024-01-01",
                "2024-01-10",
                "--frontline",
                str(snapdir),
                "--boundaries",
                str(boundary_file),
                "--json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["unit_id"] for r in rows] == ["UA90", "UA91", "TOTAL"]
    assert rows[-1]["ru_gain_km2"] == pytest.approx(geodesic_km2(box(30.5, 48, 31.5, 49)), rel=5e-3)
    assert (
        main(
            [
                "frontline",
                "diff",
                "2024-01-10",
                "2024-01-20",
                "--frontline",
                str(snapdir),
                "--boundaries",
                str(boundary_file),
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "Beta Oblast" in text and "Alpha Oblast" not in text and "Total" in text


def test_cli_diff_defaults_to_the_shipped_boundaries(snapdir: Path, capsys: pytest.CaptureFixture) -> None:
    from frontmap.cli.main import main

    # the synthetic squares lie in central Ukraine (30-32 E, 48-49 N), all on land
    assert main(["frontline", "diff", "2024-01-01", "2024-01-10", "--frontline", str(snapdir), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    total = rows[-1]
    assert total["unit_id"] == "TOTAL" and total["approximate"] is True
    assert total["ru_gain_km2"] == pytest.approx(geodesic_km2(box(30.5, 48, 31.5, 49)), rel=5e-3)
    assert len(rows) >= 2 and all(r["level"] == "admin1" for r in rows)


def test_cli_without_action_shows_help(capsys: pytest.CaptureFixture) -> None:
    from frontmap.cli.main import main

    assert main(["frontline"]) == 2
    assert "diff" in capsys.readouterr().out


def test_cli_areas_and_bad_input(snapdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from frontmap.cli.main import main

    assert main(["frontline", "areas", "--frontline", str(snapdir), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["date"] for r in rows] == ["2024-01-01", "2024-01-10", "2024-01-20"]
    assert main(["frontline", "areas", "--frontline", str(tmp_path / "nowhere")]) == 1
    assert "nowhere" in capsys.readouterr().err


def test_cli_contested(snapdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import rasterio

    from frontmap.cli.main import main

    out = tmp_path / "contested.tif"
    assert main(["frontline", "contested", "--frontline", str(snapdir), "-o", str(out)]) == 0
    with rasterio.open(out) as src:
        assert src.read(1).max() == 2  # the west half of Beta was taken and retaken
    assert main(["frontline", "contested", "--frontline", str(snapdir), "-o", str(out)]) == 1
    assert "--overwrite" in capsys.readouterr().err
    assert main(["frontline", "contested", "--frontline", str(snapdir), "-o", str(out), "--overwrite"]) == 0


@pytest.mark.parametrize("suffix", [".gpkg", ".csv"])
def test_cli_check(
    suffix: str, snapdir: Path, boundary_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    import pyogrio

    from frontmap.cli.main import main

    events = tmp_path / "events.gpkg"
    claims = claims_frame(SYNTHETIC_CASES)
    claims.to_file(events, layer="claims", driver="GPKG")
    out = tmp_path / f"checks{suffix}"
    args = [
        "check",
        str(events),
        "--frontline",
        str(snapdir),
        "--boundaries",
        str(boundary_file),
        "-o",
        str(out),
    ]
    assert main(args) == 0
    assert "wrote" in capsys.readouterr().err
    back = pyogrio.read_dataframe(out, layer="checks") if suffix == ".gpkg" else pd.read_csv(out)
    verdicts = dict(zip(back["claim_id"], back["verdict"], strict=True))
    assert verdicts == {c["id"]: c["expect"] for c in SYNTHETIC_CASES}
    assert main(args) == 1 and "--overwrite" in capsys.readouterr().err
    first = out.read_bytes()
    assert main(args + ["--overwrite", "--json", "-q"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {r["claim_id"]: r["verdict"] for r in printed} == verdicts
    assert out.read_bytes() == first  # deterministic output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_cli_check_missing_events(snapdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from frontmap.cli.main import main

    assert (
        main(
            ["check", str(tmp_path / "none.gpkg"), "--frontline", str(snapdir), "-o", str(tmp_path / "c.csv")]
        )
        == 1
    )
    assert "frontmap extract" in capsys.readouterr().err
    assert not (tmp_path / "c.csv").exists()


# --------------------------------------------------------------------------- real snapshots (../shared)


@pytest.fixture(scope="module")
def real(shared_dir: Path) -> tuple[Snapshots, gpd.GeoDataFrame]:
    adm1 = gpd.read_file(shared_dir / "data" / "ukraine_adm1.geojson")
    frame = gpd.GeoDataFrame(
        {
            "unit_id": adm1["adm1_pcode"],
            "name": adm1["adm1_name_en"],
            "level": "admin1",
            "admin1": adm1["adm1_name_en"],
            "area_km2": adm1["area_km2"],
            "approximate": False,
        },
        geometry=adm1.geometry,
        crs=adm1.crs,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrontmapWarning)  # every shared file must load
        snaps = load_snapshots(shared_dir / "data" / "frontline")
    return snaps, frame


def laea(geom: shapely.Geometry) -> shapely.Geometry:
    return gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(EQUAL_AREA_CRS).iloc[0]


@pytest.mark.shared
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2022-08-31", "2022-09-16"),
        ("2022-09-06", "2022-09-12"),
        ("2022-10-31", "2022-11-14"),
        ("2023-06-04", "2023-09-25"),
        ("2024-10-01", "2024-11-01"),
        ("2025-08-01", "2025-09-01"),
    ],
)
def test_real_diff_totals_match_direct_computation(real: tuple, a: str, b: str) -> None:
    snaps, adm1 = real
    df = frontline_diff(a, b, snapshots=snaps, boundaries=adm1).set_index("unit_id")
    land = laea(shapely.union_all(adm1.geometry.array))
    ga, gb = laea(snaps[a].geometry), laea(snaps[b].geometry)
    direct_ru = shapely.intersection(shapely.difference(gb, ga), land).area / 1e6
    direct_ua = shapely.intersection(shapely.difference(ga, gb), land).area / 1e6
    assert df.loc["TOTAL", "ru_gain_km2"] == pytest.approx(direct_ru, rel=5e-3, abs=0.5)
    assert df.loc["TOTAL", "ua_gain_km2"] == pytest.approx(direct_ua, rel=5e-3, abs=0.5)


@pytest.mark.shared
def test_real_diff_per_raion_adds_up_to_the_oblasts(real: tuple, shared_dir: Path) -> None:
    from frontmap.regions import load_boundaries

    snaps, adm1 = real
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FrontmapWarning)
        adm2 = load_boundaries(shared_dir / "data" / "ukraine_adm2.geojson", level="admin2")
    by_raion = frontline_diff("2022-10-31", "2022-11-14", snapshots=snaps, boundaries=adm2)
    by_oblast = frontline_diff("2022-10-31", "2022-11-14", snapshots=snaps, boundaries=adm1)
    raions = by_raion[by_raion["unit_id"] != "TOTAL"].groupby("admin1")["ua_gain_km2"].sum()
    oblasts = by_oblast.set_index("name")["ua_gain_km2"]
    # ADM1 is the union of the ADM2 polygons, so the raions add up to their oblast
    assert raions["Kherson Oblast"] == pytest.approx(oblasts["Kherson Oblast"], rel=5e-3)
    assert by_raion["ua_gain_km2"].iloc[-1] == pytest.approx(by_oblast["ua_gain_km2"].iloc[-1], rel=5e-3)
    assert (by_raion["level"].iloc[:-1] == "admin2").all()


@pytest.mark.shared
def test_real_occupied_as_of_for_a_map(real: tuple) -> None:
    snaps, _ = real
    frame, used = occupied_as_of(snaps, "2022-09-10")
    assert used == dt.date(2022, 9, 9) and frame["label"].iloc[0] == "as of 2022-09-09"
    light, _ = occupied_as_of(snaps, "2022-09-10", simplify_m=200)
    full, small = frame.geometry.iloc[0], light.geometry.iloc[0]
    assert shapely.get_num_coordinates(small) < 0.8 * shapely.get_num_coordinates(full)
    assert laea(small).area == pytest.approx(laea(full).area, rel=5e-3)


@pytest.mark.shared
def test_real_kharkiv_counteroffensive(real: tuple) -> None:
    snaps, adm1 = real
    df = frontline_diff("2022-09-06", "2022-09-16", snapshots=snaps, boundaries=adm1).set_index("unit_id")
    # the Kharkiv-Izium piece alone is about 8,800 km², nearly all of it in Kharkiv Oblast
    assert 8000 < df.loc["UA63", "ua_gain_km2"] < 9100
    assert df.loc["UA63", "ru_gain_km2"] < 5
    assert df.loc["UA46", ["ru_gain_km2", "ua_gain_km2"]].sum() == 0  # Lviv is far from any front


@pytest.mark.shared
def test_real_occupied_area_per_date(real: tuple, shared_dir: Path) -> None:
    snaps, adm1 = real
    areas = occupied_area(snaps, boundaries=adm1).set_index("date")
    assert len(areas) == 43
    land = laea(shapely.union_all(adm1.geometry.array))
    for path in sorted((shared_dir / "data" / "frontline").glob("*.geojson")):
        frame = gpd.read_file(path)
        occupied = frame[frame["status"] == "occupied"]
        day = pd.Timestamp(occupied["snapshot_date"].iloc[0]).date().isoformat()
        geom = laea(shapely.union_all(occupied.geometry.array))
        assert areas.loc[day, "occupied_km2"] == pytest.approx(geom.area / 1e6, rel=0.02)
        assert areas.loc[day, "land_km2"] == pytest.approx(
            shapely.intersection(geom, land).area / 1e6, rel=0.02
        )
        # the files' own figure is EPSG:6933; both CRSs are equal-area
        assert areas.loc[day, "occupied_km2"] == pytest.approx(float(occupied["area_km2"].iloc[0]), rel=2e-3)
    by_region = occupied_area(snaps, boundaries=adm1, by_region=True).set_index(["date", "unit_id"])
    assert by_region.loc[("2026-08-22", "UA01"), "share"] > 0.99  # Crimea
    assert 0.78 < by_region.loc[("2026-08-22", "UA14"), "share"] < 0.82  # Donetsk, about 80 %


@pytest.mark.shared
@pytest.mark.parametrize("case", SHARED_CASES, ids=[c["id"] for c in SHARED_CASES])
def test_real_checks(case: dict, real: tuple) -> None:
    snaps, adm1 = real
    row = check_claims(claims_frame([case]), snaps, boundaries=adm1).iloc[0]
    assert row["verdict"] == case["expect"], row["check_note"]


@pytest.mark.shared
def test_real_contested_raster(real: tuple, tmp_path: Path) -> None:
    import rasterio

    snaps, adm1 = real
    out = contested_raster(
        snaps, tmp_path / "contested.tif", boundaries=adm1, start="2022-08-31", end="2022-11-14"
    )
    with rasterio.open(out) as src:
        band = src.read(1, masked=True)
        row, col = src.index(*_to_3035(37.26, 49.21))  # Izium: lost by Russia once in this span
        assert band[row, col] == 1
        row, col = src.index(*_to_3035(37.80, 48.02))  # Donetsk: never changed hands
        assert band[row, col] == 0
        changed_km2 = int((band >= 1).sum())  # 1 km² cells
    df = frontline_diff("2022-08-31", "2022-11-14", snapshots=snaps, boundaries=adm1).set_index("unit_id")
    # every cell lost for good shows up as changed; the raster also counts back-and-forth cells
    assert changed_km2 >= 0.95 * df.loc["TOTAL", "ua_gain_km2"]


def _to_3035(lon: float, lat: float) -> tuple[float, float]:
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True).transform(lon, lat)
