"""The event layer's joins, merges, summaries and footprints (frontmap.regions).

Records are built by hand; the expected regions, sums and counts are worked out by
hand from them. Joins run on the real OSM boundaries in ../shared/data (skipped
without it) and on the shipped approximate boundaries (skipped until they exist).
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import numpy as np
import pytest

from frontmap.errors import FrontmapWarning, InputError
from frontmap.records import Article, Claim, Extraction, Mention, Place

gpd = pytest.importorskip("geopandas")
shapely = pytest.importorskip("shapely")

from frontmap.regions.footprints import illustrative_footprints
from frontmap.regions.join import (
    CLAIM_SCHEMA,
    EVENT_SCHEMA,
    MENTION_SCHEMA,
    assign_events,
    merge_repeated,
    to_geodataframes,
)
from frontmap.regions.summary import SUMMARY_COLUMNS, period_start, region_summary

# --- boundaries -----------------------------------------------------------------------------------


def osm_frames(shared: Path) -> dict[str, gpd.GeoDataFrame]:
    """The OSM files of ../shared/data as standard boundary frames (names as the files give them)."""
    a = gpd.read_file(shared / "data" / "ukraine_adm1.geojson")
    b = gpd.read_file(shared / "data" / "ukraine_adm2.geojson")

    def frame(codes, names, level, parents, area, geometry):
        return gpd.GeoDataFrame(
            {
                "unit_id": codes,
                "name": names,
                "level": level,
                "admin1": parents,
                "area_km2": area.astype(float),
                "approximate": False,
            },
            geometry=geometry,
            crs="EPSG:4326",
        )

    return {
        "admin1": frame(a.adm1_pcode, a.adm1_name_en, "admin1", a.adm1_name_en, a.area_km2, a.geometry),
        "admin2": frame(b.adm2_pcode, b.adm2_name_en, "admin2", b.adm1_name_en, b.area_km2, b.geometry),
    }


@pytest.fixture(scope="module")
def osm(shared_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    return osm_frames(shared_dir)


@pytest.fixture(scope="module")
def shipped() -> dict[str, gpd.GeoDataFrame]:
    from frontmap.errors import GazetteerError

    boundaries = pytest.importorskip("frontmap.regions.boundaries", reason="shipped boundaries not built yet")
    try:
        return {level: boundaries.shipped_boundaries(level) for level in ("admin1", "admin2")}
    except GazetteerError as err:
        pytest.skip(f"shipped boundaries not built yet: {err}")


@pytest.fixture(params=["osm", "shipped"])
def frames(request: pytest.FixtureRequest) -> dict[str, gpd.GeoDataFrame]:
    return request.getfixturevalue(request.param)


# --- records by hand ------------------------------------------------------------------------------

PLACES = {
    # name: (lat, lon, admin1 the gazetteer says, kind, precision, country)
    "Bakhmut": (48.595, 38.0, "Donetsk Oblast", "settlement", "point", "UA"),
    "Kharkiv": (49.9935, 36.2304, "Kharkiv Oblast", "settlement", "point", "UA"),
    "Dnipro": (48.4647, 35.0462, "Dnipropetrovsk Oblast", "settlement", "point", "UA"),
    "Lviv": (49.8397, 24.0316, "Lviv Oblast", "settlement", "point", "UA"),
    "Kherson": (46.6354, 32.6169, "Kherson Oblast", "settlement", "point", "UA"),
    "Avdiivka": (48.1394, 37.7497, "Donetsk Oblast", "settlement", "point", "UA"),
    "Ocheretyne": (48.2167, 37.6, "Donetsk Oblast", "settlement", "point", "UA"),
    "Kupiansk": (49.7106, 37.6167, "Kharkiv Oblast", "settlement", "point", "UA"),
    "Belgorod": (50.5997, 36.5983, None, "settlement", "point", "RU"),
    "Kharkiv Oblast": (49.5, 36.5, "Kharkiv Oblast", "admin1", "admin1", "UA"),
    "Donbas": (48.3, 38.6, None, "region", "admin1", "UA"),
    # A coastal village whose point lies ~400 m off the simplified shore of the Sea of Azov.
    "Shore": (46.735, 36.80, "Zaporizhzhia Oblast", "settlement", "point", "UA"),
    # Bakhmut's point, but a gazetteer entry that (wrongly) says Kharkiv Oblast: the join must not trust it.
    "Misfiled": (48.595, 38.0, "Kharkiv Oblast", "settlement", "point", "UA"),
}


def place(name: str) -> Place:
    lat, lon, admin1, kind, precision, country = PLACES[name]
    return Place(f"t:{name}", name, kind, country, admin1, None, lat, lon, 0, precision, "test")


def mention(doc: str, name: str, start: int) -> Mention:
    return Mention(doc, name, start, start + len(name), place(name))


def claim(
    doc: str,
    start: int,
    kind: str,
    value: float | None = None,
    unit: str | None = None,
    *,
    gainer: str | None = "UA",
    where: str | None = None,
    region: str | None = None,
    date: dt.date | None = None,
    claimant: str | None = None,
    value_km2: float | None = None,
    hedged: bool = False,
) -> Claim:
    if kind == "area" and value_km2 is None and value is not None:
        value_km2 = value * {"km2": 1.0, "sq_mi": 2.589988, "ha": 0.01}[unit or "km2"]
    return Claim(
        doc=doc,
        kind=kind,
        value=value,
        unit=unit,
        gainer=gainer,
        sentence=f"sentence {doc}:{start}",
        start=start,
        end=start + 20,
        value_km2=value_km2,
        claimant=claimant,
        place=mention(doc, where, start + 5) if where else None,
        region=region,
        date=date,
        hedged=hedged,
    )


def extraction(doc: str, claims: list[Claim], published: dt.date | None = None) -> Extraction:
    mentions = tuple(c.place for c in claims if c.place is not None)
    return Extraction(
        Article(doc, "text", title=f"Report {doc}", url=f"https://example.org/{doc}", published=published),
        mentions,
        tuple(claims),
    )


D = dt.date


# --- to_geodataframes -----------------------------------------------------------------------------

JOIN_CASES = [
    # place, expected admin1, expected admin2
    ("Bakhmut", "Donetsk Oblast", "Bakhmut Raion"),
    ("Kharkiv", "Kharkiv Oblast", "Kharkiv Raion"),
    ("Dnipro", "Dnipropetrovsk Oblast", "Dnipro Raion"),
    ("Lviv", "Lviv Oblast", "Lviv Raion"),
    ("Kherson", "Kherson Oblast", "Kherson Raion"),
    ("Misfiled", "Donetsk Oblast", "Bakhmut Raion"),  # the point wins over the gazetteer's name
    ("Kharkiv Oblast", "Kharkiv Oblast", None),  # an oblast's point says nothing about the raion
    ("Belgorod", None, None),  # outside Ukraine
]


@pytest.mark.parametrize("name,admin1,admin2", JOIN_CASES)
def test_join_attaches_claims_by_their_point(frames, name, admin1, admin2):
    ex = extraction("r1", [claim("r1", 0, "capture", where=name, date=D(2024, 5, 10))])
    _, claims = to_geodataframes([ex], boundaries=frames)
    row = claims.iloc[0]
    assert (None if row.admin1 != row.admin1 else row.admin1) == admin1
    assert (None if row.admin2 != row.admin2 else row.admin2) == admin2
    lat, lon = PLACES[name][:2]
    assert (row.geometry.x, row.geometry.y) == (lon, lat)


def test_join_on_a_boundary_file_path(shared_dir):
    pytest.importorskip("frontmap.regions.boundaries")
    ex = extraction(
        "r1",
        [
            claim("r1", 0, "capture", where="Bakhmut", date=D(2024, 5, 10)),
            claim("r1", 50, "capture", where="Kupiansk", date=D(2024, 5, 10)),
        ],
    )
    # Only admin1 from the file; admin2 would come from the shipped set, so only admin1 is checked.
    frame = __import__("frontmap.regions.boundaries", fromlist=["x"]).load_boundaries(
        shared_dir / "data" / "ukraine_adm1.geojson"
    )
    osm2 = osm_frames(shared_dir)["admin2"]
    _, claims = to_geodataframes([ex], boundaries={"admin1": frame, "admin2": osm2})
    assert claims.admin1.tolist() == ["Donetsk Oblast", "Kharkiv Oblast"]
    assert claims.admin2.tolist() == ["Bakhmut Raion", "Kupiansk Raion"]


def test_join_without_place_uses_a_first_level_region_name(osm):
    ex = extraction(
        "r1",
        [
            claim("r1", 0, "area", 50.0, "km2", region="Zaporizhzhia Oblast", date=D(2024, 5, 10)),
            claim("r1", 40, "share", 17.0, "percent", region="Donbas", date=D(2024, 5, 10)),
            claim("r1", 80, "area", 90.0, "km2", where="Donbas", region="Donbas", date=D(2024, 5, 10)),
            claim(
                "r1", 120, "area", 90.0, "km2", where="Donbas", region="Luhansk Oblast", date=D(2024, 5, 10)
            ),
        ],
    )
    _, claims = to_geodataframes([ex], boundaries=osm)
    assert claims.geometry.iloc[0] is None and claims.admin1.iloc[0] == "Zaporizhzhia Oblast"
    assert claims.admin1.isna().iloc[1]  # "Donbas" is two oblasts: no single unit
    # A macro-region's point is not used for the join (it would pick one of its oblasts).
    assert claims.admin1.isna().iloc[2]
    assert claims.admin1.iloc[3] == "Luhansk Oblast"
    assert claims.admin2.isna().all()


def test_join_takes_the_nearest_unit_for_a_point_just_off_the_coast(osm):
    ex = extraction("r1", [claim("r1", 0, "capture", where="Shore", date=D(2024, 5, 10))])
    _, claims = to_geodataframes([ex], boundaries=osm)
    assert claims.admin1.iloc[0] == "Zaporizhzhia Oblast"


def test_frames_have_the_contract_columns_types_and_order(osm):
    exs = [
        extraction(
            "b",
            [
                claim("b", 30, "distance", 5.0, "mi", where="Kupiansk", date=D(2024, 5, 12)),
                claim(
                    "b",
                    5,
                    "capture",
                    where="Avdiivka",
                    gainer="RU",
                    date=D(2024, 5, 12),
                    claimant="Russia's Defence Ministry",
                    hedged=True,
                ),
            ],
            published=D(2024, 5, 12),
        ),
        extraction("a", [claim("a", 9, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 10))]),
    ]
    mentions, claims = to_geodataframes(exs, boundaries=osm)
    assert list(claims.columns) == [*CLAIM_SCHEMA, "geometry"]
    assert list(mentions.columns) == [*MENTION_SCHEMA, "geometry"]
    assert claims.crs.to_epsg() == 4326 and mentions.crs.to_epsg() == 4326
    assert claims.claim_id.tolist() == ["a:9", "b:5", "b:30"]  # sorted by (doc, start)
    assert mentions[["doc", "start"]].values.tolist() == [["a", 14], ["b", 10], ["b", 35]]
    assert str(claims.date.dtype) == "datetime64[ms]" and str(claims.published.dtype) == "datetime64[ms]"
    assert claims.hedged.tolist() == [False, True, False]
    assert claims.start.dtype == np.int64
    assert claims.published.isna().tolist() == [True, False, False]
    assert claims.title.tolist() == ["Report a", "Report b", "Report b"]
    assert claims.place.tolist() == ["Bakhmut", "Avdiivka", "Kupiansk"]
    assert claims.value_km2.iloc[0] == 400.0 and np.isnan(claims.value_km2.iloc[1])
    assert mentions.name.tolist() == ["Bakhmut", "Avdiivka", "Kupiansk"]
    assert mentions.geometry.iloc[0].equals(shapely.Point(38.0, 48.595))


def test_no_extractions_give_empty_frames_with_all_columns():
    mentions, claims = to_geodataframes([])
    assert len(claims) == 0 and list(claims.columns) == [*CLAIM_SCHEMA, "geometry"]
    assert len(mentions) == 0 and list(mentions.columns) == [*MENTION_SCHEMA, "geometry"]


def test_bad_boundaries_are_an_input_error():
    ex = extraction("r1", [claim("r1", 0, "capture", where="Bakhmut", date=D(2024, 5, 10))])
    with pytest.raises(InputError, match="level"):
        to_geodataframes([ex], boundaries={"oblast": gpd.GeoDataFrame()})
    with pytest.raises(InputError, match="lacks the columns"):
        to_geodataframes(
            [ex],
            boundaries={
                "admin1": gpd.GeoDataFrame({"name": ["x"]}, geometry=[None]),
                "admin2": gpd.GeoDataFrame({"name": ["x"]}, geometry=[None]),
            },
        )


# --- merging repeated claims ----------------------------------------------------------------------


def _claims(osm, *specs: tuple[str, Claim]) -> gpd.GeoDataFrame:
    by_doc: dict[str, list[Claim]] = {}
    for doc, c in specs:
        by_doc.setdefault(doc, []).append(c)
    return to_geodataframes([extraction(d, cs) for d, cs in by_doc.items()], boundaries=osm)[1]


def test_merge_folds_the_same_claim_from_several_reports(osm):
    claims = _claims(
        osm,
        ("a", claim("a", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 10))),
        ("b", claim("b", 7, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 11), claimant="Zelensky")),
        ("c", claim("c", 3, "area", 400.0, "km2", region="Donetsk Oblast", date=D(2024, 5, 12))),
        ("c", claim("c", 90, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 12))),  # same report
    )
    merged = merge_repeated(claims)
    assert len(claims) == 4  # the input is untouched
    assert merged.claim_id.tolist() == ["a:0", "c:90"]
    first = merged.iloc[0]
    assert (first.event_id, first.sources, first.n_sources) == ("a:0", "a;b;c", 3)
    assert first.claimant == "Zelensky"  # taken from the report that named one
    assert (merged.iloc[1].sources, merged.iloc[1].n_sources) == ("c", 1)
    assert list(merged.columns) == [*CLAIM_SCHEMA, *EVENT_SCHEMA, "geometry"]


def test_merge_keeps_apart_what_differs(osm):
    claims = _claims(
        osm,
        ("a", claim("a", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 10))),
        ("b", claim("b", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 13))),  # 3 days later
        ("c", claim("c", 0, "area", 401.0, "km2", where="Bakhmut", date=D(2024, 5, 10))),  # other value
        ("d", claim("d", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 10), gainer="RU")),
        ("e", claim("e", 0, "area", 400.0, "km2", where="Kharkiv", date=D(2024, 5, 10))),  # other region
        ("f", claim("f", 0, "area", 400.0, "km2", where="Bakhmut")),  # undated: never merged
        ("g", claim("g", 0, "distance", 400.0, "km", where="Bakhmut", date=D(2024, 5, 10))),  # other kind
    )
    assert merge_repeated(claims).n_sources.tolist() == [1] * 7


def test_merge_compares_values_across_units(osm):
    claims = _claims(
        osm,
        ("a", claim("a", 0, "area", 150.0, "sq_mi", where="Bakhmut", date=D(2024, 5, 10))),
        ("b", claim("b", 0, "area", 388.4982, "km2", where="Bakhmut", date=D(2024, 5, 10))),
    )
    assert merge_repeated(claims).sources.tolist() == ["a;b"]


def test_merge_never_mixes_two_named_claimants(osm):
    claims = _claims(
        osm,
        (
            "a",
            claim(
                "a",
                0,
                "settlements",
                41.0,
                "count",
                region="Kharkiv Oblast",
                date=D(2022, 9, 10),
                claimant="Zelensky",
            ),
        ),
        ("b", claim("b", 0, "settlements", 41.0, "count", region="Kharkiv Oblast", date=D(2022, 9, 11))),
        (
            "c",
            claim(
                "c",
                0,
                "settlements",
                41.0,
                "count",
                region="Kharkiv Oblast",
                date=D(2022, 9, 11),
                claimant="Shoigu",
            ),
        ),
    )
    merged = merge_repeated(claims)
    assert merged.sources.tolist() == ["a;b", "c"]
    assert merged.claimant.tolist() == ["Zelensky", "Shoigu"]


def test_merge_of_captures_needs_the_same_place(osm):
    claims = _claims(
        osm,
        ("a", claim("a", 0, "capture", where="Avdiivka", gainer="RU", date=D(2024, 2, 17))),
        ("b", claim("b", 0, "capture", where="Avdiivka", gainer="RU", date=D(2024, 2, 18))),
        ("b", claim("b", 50, "capture", where="Ocheretyne", gainer="RU", date=D(2024, 2, 18))),
    )
    merged = merge_repeated(claims)
    assert merged[["claim_id", "sources"]].values.tolist() == [["a:0", "a;b"], ["b:50", "b"]]
    labelled = assign_events(claims)
    assert labelled.event_id.tolist() == ["a:0", "a:0", "b:50"]
    assert labelled.n_sources.tolist() == [2, 2, 1]


def test_merge_days_widens_the_window(osm):
    claims = _claims(
        osm,
        ("a", claim("a", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 10))),
        ("b", claim("b", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 14))),
    )
    assert len(merge_repeated(claims)) == 2
    assert len(merge_repeated(claims, days=4)) == 1


# --- region_summary -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def week(osm) -> gpd.GeoDataFrame:
    """Claims of 10-14 May 2024 (Friday to Tuesday), worked through by hand below."""
    exs = [
        extraction("a", [claim("a", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 10))]),
        extraction(
            "b",
            [
                claim(
                    "b",
                    0,
                    "area",
                    150.0,
                    "sq_mi",
                    where="Bakhmut",
                    date=D(2024, 5, 12),
                    claimant="General Staff",
                )
            ],
        ),
        extraction(
            "c",
            [
                claim("c", 0, "distance", 5.0, "mi", where="Kharkiv Oblast", date=D(2024, 5, 13)),
                claim("c", 50, "distance", 3.0, "km", where="Kupiansk", date=D(2024, 5, 13)),
            ],
        ),
        extraction(
            "d",
            [
                claim("d", 0, "settlements", 41.0, "count", region="Kharkiv Oblast", date=D(2024, 5, 13)),
                claim("d", 50, "capture", where="Avdiivka", gainer="RU", date=D(2024, 5, 13)),
            ],
        ),
        extraction(
            "e",
            [
                claim("e", 0, "capture", where="Ocheretyne", gainer="RU", date=D(2024, 5, 14)),
                claim("e", 50, "area", 10.0, "km2", where="Bakhmut"),  # no date
                claim("e", 90, "area", 20.0, "km2", where="Belgorod", date=D(2024, 5, 14)),
            ],
        ),
    ]
    return to_geodataframes(exs, boundaries=osm)[1]


def _summary(claims, osm, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = region_summary(claims, boundaries=osm, **kw)
    return out, [str(w.message) for w in caught if issubclass(w.category, FrontmapWarning)]


def _rows(summary):
    return {(str(r.date)[:10], r.region, r.gainer): r for r in summary.itertuples()}


def test_daily_summary_columns(week, osm):
    s, warned = _summary(week, osm, freq="D")
    assert list(s.columns) == list(SUMMARY_COLUMNS)
    assert any("1 claim(s) with no date" in w for w in warned)
    assert any("1 dated claim(s) attached to no admin1 unit" in w for w in warned)
    rows = _rows(s)
    assert sorted(rows) == [
        ("2024-05-10", "Donetsk Oblast", "UA"),
        ("2024-05-12", "Donetsk Oblast", "UA"),
        ("2024-05-13", "Donetsk Oblast", "RU"),
        ("2024-05-13", "Kharkiv Oblast", "UA"),
        ("2024-05-14", "Donetsk Oblast", "RU"),
    ]
    r = rows[("2024-05-12", "Donetsk Oblast", "UA")]
    assert r.claimed_km2 == pytest.approx(388.4982)  # 150 sq mi
    assert r.claimed_share == pytest.approx(388.4982 / 26527.64)
    assert r.area_km2 == 26527.64 and r.unit_id == "UA14" and r.level == "admin1"
    assert np.isnan(r.km_advanced) and r.n_claims == 1 and r.n_sources == 1
    k = rows[("2024-05-13", "Kharkiv Oblast", "UA")]
    assert k.km_advanced == pytest.approx(8.04672)  # max(5 mi, 3 km)
    assert (k.settlements_claimed, k.captures, k.n_claims, k.n_sources) == (41, 0, 3, 2)
    assert k.claimed_km2 == 0.0 and k.captured_places != k.captured_places  # NaN: none
    c = rows[("2024-05-13", "Donetsk Oblast", "RU")]
    assert (c.captures, c.captured_places, c.settlements_claimed) == (1, "Avdiivka", 1)
    donetsk = osm["admin1"].set_index("name").geometry["Donetsk Oblast"]
    assert s.geometry.iloc[0].equals(donetsk)
    assert s.crs.to_epsg() == 4326
    assert s.approximate.dtype == bool and not s.approximate.any()


def test_weekly_summary_starts_on_monday(week, osm):
    s, _ = _summary(week, osm, freq="W")
    rows = _rows(s)
    assert sorted(rows) == [
        ("2024-05-06", "Donetsk Oblast", "UA"),
        ("2024-05-13", "Donetsk Oblast", "RU"),
        ("2024-05-13", "Kharkiv Oblast", "UA"),
    ]
    ua = rows[("2024-05-06", "Donetsk Oblast", "UA")]
    assert ua.claimed_km2 == pytest.approx(788.4982) and (ua.n_claims, ua.n_sources) == (2, 2)
    ru = rows[("2024-05-13", "Donetsk Oblast", "RU")]
    assert (ru.captures, ru.captured_places, ru.settlements_claimed, ru.n_sources) == (
        2,
        "Avdiivka;Ocheretyne",
        2,
        2,
    )


def test_monthly_summary_is_labelled_by_the_first(week, osm):
    s, _ = _summary(week, osm, freq="m")
    assert sorted(_rows(s)) == [
        ("2024-05-01", "Donetsk Oblast", "RU"),
        ("2024-05-01", "Donetsk Oblast", "UA"),
        ("2024-05-01", "Kharkiv Oblast", "UA"),
    ]
    assert s.claimed_km2.sum() == pytest.approx(788.4982)
    assert s.n_claims.sum() == 7


def test_admin2_summary(week, osm):
    s, warned = _summary(week, osm, level="admin2", freq="M")
    rows = _rows(s)
    assert sorted(rows) == [
        ("2024-05-01", "Bakhmut Raion", "UA"),
        ("2024-05-01", "Kupiansk Raion", "UA"),
        ("2024-05-01", "Pokrovskii Raion", "RU"),
    ]
    assert rows[("2024-05-01", "Bakhmut Raion", "UA")].claimed_km2 == pytest.approx(788.4982)
    assert rows[("2024-05-01", "Bakhmut Raion", "UA")].admin1 == "Donetsk Oblast"
    assert rows[("2024-05-01", "Kupiansk Raion", "UA")].km_advanced == 3.0
    # The Kharkiv Oblast distance, the regional settlements count and Belgorod have no raion.
    assert any("3 dated claim(s) attached to no admin2 unit" in w for w in warned)


def test_summary_of_merged_events_counts_each_event_once(osm):
    claims = _claims(
        osm,
        ("a", claim("a", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 10))),
        ("b", claim("b", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 11))),
    )
    s, _ = _summary(merge_repeated(claims), osm, freq="W")
    assert (s.claimed_km2.tolist(), s.n_claims.tolist(), s.n_sources.tolist()) == ([400.0], [1], [2])


@pytest.mark.parametrize("kw,match", [({"freq": "Q"}, "D .*W .*M"), ({"level": "admin3"}, "admin1, admin2")])
def test_summary_rejects_unknown_options(week, osm, kw, match):
    with pytest.raises(InputError, match=match):
        region_summary(week, boundaries=osm, **kw)


def test_period_start():
    import pandas as pd

    dates = pd.Series(pd.to_datetime(["2024-05-12", "2024-05-13", "2024-12-31", None]))
    fmt = lambda s: [None if pd.isna(x) else str(x)[:10] for x in s]
    assert fmt(period_start(dates, "D")) == ["2024-05-12", "2024-05-13", "2024-12-31", None]
    assert fmt(period_start(dates, "W")) == ["2024-05-06", "2024-05-13", "2024-12-30", None]
    assert fmt(period_start(dates, "M")) == ["2024-05-01", "2024-05-01", "2024-12-01", None]


def test_summary_on_shipped_boundaries(shipped):
    exs = [
        extraction(
            "a",
            [
                claim("a", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 10)),
                claim("a", 50, "capture", where="Kharkiv", date=D(2024, 5, 10)),
            ],
        )
    ]
    claims = to_geodataframes(exs, boundaries=shipped)[1]
    s, _ = _summary(claims, shipped, freq="D")
    rows = _rows(s)
    assert rows[("2024-05-10", "Donetsk Oblast", "UA")].claimed_km2 == 400.0
    # Official areas, not the approximate polygons' (Donetsk Oblast: 26,517 km²).
    assert rows[("2024-05-10", "Donetsk Oblast", "UA")].area_km2 == pytest.approx(26517, rel=0.01)
    assert rows[("2024-05-10", "Kharkiv Oblast", "UA")].captured_places == "Kharkiv"
    assert s.approximate.all()


# --- illustrative footprints ----------------------------------------------------------------------


def test_footprints_are_discs_of_the_claimed_area_clipped_to_the_region(osm):
    exs = [
        extraction(
            "a",
            [
                claim("a", 0, "area", 400.0, "km2", where="Bakhmut", date=D(2024, 5, 10)),
                # Kharkiv is ~30 km from Russia: a 6,000 km² disc (radius ~44 km) is cut by the border.
                claim("a", 50, "area", 6000.0, "km2", where="Kharkiv", date=D(2024, 5, 10)),
                claim("a", 90, "area", 50.0, "km2", region="Donetsk Oblast", date=D(2024, 5, 10)),  # no place
                claim("a", 130, "capture", where="Avdiivka", date=D(2024, 5, 10)),
            ],
        )
    ]
    claims = to_geodataframes(exs, boundaries=osm)[1]
    fp = illustrative_footprints(claims, boundaries=osm)
    assert fp.claim_id.tolist() == ["a:0", "a:50"]
    assert fp.illustrative.dtype == bool and fp.illustrative.all()
    assert fp.footprint_km2.iloc[0] == pytest.approx(400.0, rel=1e-6)
    assert 0 < fp.footprint_km2.iloc[1] < 6000.0 * 0.99  # cut by the border with Russia
    assert fp.crs.to_epsg() == 4326
    kharkiv = osm["admin1"].set_index("name").geometry["Kharkiv Oblast"]
    eq = gpd.GeoSeries([fp.geometry.iloc[1], kharkiv], crs=4326).to_crs(3035)
    assert eq.iloc[0].difference(eq.iloc[1]).area < 100.0  # m² (reprojection noise): nothing outside
    assert eq.iloc[0].area / 1e6 == pytest.approx(fp.footprint_km2.iloc[1])
    # The disc is centred on the place.
    centre = gpd.GeoSeries([fp.geometry.iloc[0].centroid], crs=4326).to_crs(3035).iloc[0]
    bakhmut = gpd.GeoSeries([shapely.Point(38.0, 48.595)], crs=4326).to_crs(3035).iloc[0]
    assert centre.distance(bakhmut) < 10.0


def test_summary_of_no_claims_is_empty_with_every_column(osm):
    _, claims = to_geodataframes([], boundaries=osm)
    s, warned = _summary(merge_repeated(claims), osm, freq="W")
    assert len(s) == 0 and list(s.columns) == list(SUMMARY_COLUMNS) and warned == []


def test_summary_needs_a_claims_frame(osm):
    with pytest.raises(InputError, match=r"lacks the columns \['admin1'"):
        region_summary(gpd.GeoDataFrame({"date": [], "kind": []}, geometry=[]), boundaries=osm)
