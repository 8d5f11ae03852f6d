"""Event files (frontmap.export): each format read back with pyogrio, atomic and deterministic writes.

The frames come from hand-built records joined against two square "oblasts" (so these
tests need neither ../shared nor the shipped boundaries); a last test runs the whole
export on the real dev corpus when ../shared and the gazetteer are there.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from frontmap.errors import InputError, SourceError
from frontmap.records import Article, Claim, Extraction, Mention, Place

gpd = pytest.importorskip("geopandas")
pd = pytest.importorskip("pandas")
pyogrio = pytest.importorskip("pyogrio")
shapely = pytest.importorskip("shapely")

from frontmap.export import (
    export_extractions,
    read_events,
    read_layer,
    write_events,
)
from frontmap.regions.join import merge_repeated, to_geodataframes
from frontmap.regions.summary import region_summary


def square_frames() -> dict[str, gpd.GeoDataFrame]:
    """Two square first-level units and one raion in each, as standard boundary frames."""
    box = shapely.box

    def frame(rows, level):
        return gpd.GeoDataFrame(
            {
                "unit_id": [r[0] for r in rows],
                "name": [r[1] for r in rows],
                "level": level,
                "admin1": [r[2] for r in rows],
                "area_km2": [r[3] for r in rows],
                "approximate": True,
            },
            geometry=[r[4] for r in rows],
            crs="EPSG:4326",
        )

    return {
        "admin1": frame(
            [
                ("UA14", "Donetsk Oblast", "Donetsk Oblast", 26517.0, box(37.0, 47.0, 39.5, 49.5)),
                ("UA63", "Kharkiv Oblast", "Kharkiv Oblast", 31415.0, box(35.0, 49.5, 38.0, 50.5)),
            ],
            "admin1",
        ),
        "admin2": frame(
            [
                ("UA1402", "Bakhmut Raion", "Donetsk Oblast", 5000.0, box(37.5, 48.3, 38.5, 49.0)),
                ("UA6312", "Kharkiv Raion", "Kharkiv Oblast", 4000.0, box(35.5, 49.7, 36.8, 50.4)),
            ],
            "admin2",
        ),
    }


def _place(name: str, lat: float, lon: float, admin1: str) -> Place:
    return Place(f"t:{name}", name, "settlement", "UA", admin1, None, lat, lon, 0, "point", "test")


BAKHMUT = _place("Bakhmut", 48.595, 38.0, "Donetsk Oblast")
KHARKIV = _place("Kharkiv", 49.9935, 36.2304, "Kharkiv Oblast")


def _claim(doc, start, kind, value, unit, place, date, **kw):
    m = Mention(doc, place.name, start + 3, start + 3 + len(place.name), place) if place else None
    return Claim(
        doc=doc,
        kind=kind,
        value=value,
        unit=unit,
        gainer=kw.pop("gainer", "UA"),
        sentence=kw.pop("sentence", f"Sentence {doc}:{start}."),
        start=start,
        end=start + 30,
        place=m,
        date=date,
        **kw,
    )


def extractions() -> list[Extraction]:
    d = dt.date
    a = Article("a.txt", "text", title="Report A", url="https://example.org/a", published=d(2024, 5, 10))
    b = Article("b.txt", "text", title=None, url=None, published=None)
    ca = [
        _claim(
            "a.txt",
            0,
            "area",
            400.0,
            "km2",
            BAKHMUT,
            d(2024, 5, 10),
            value_km2=400.0,
            sentence='Kyiv said it "retook 400 km², or more",\nper officials.',
            qualifier="more_than",
        ),
        _claim(
            "a.txt",
            60,
            "capture",
            None,
            None,
            KHARKIV,
            d(2024, 5, 10),
            gainer="RU",
            hedged=True,
            claimant="Russia's Defence Ministry",
        ),
        _claim(
            "a.txt",
            120,
            "share",
            17.0,
            "percent",
            None,
            d(2024, 5, 10),
            value_min=15.0,
            value_max=17.0,
            region="Donetsk Oblast",
        ),
    ]
    cb = [
        _claim(
            "b.txt", 5, "area", 400.0, "km2", BAKHMUT, d(2024, 5, 11), value_km2=400.0, claimant="Zelensky"
        ),
        _claim("b.txt", 70, "distance", 5.0, "mi", KHARKIV, None),
    ]
    ma = tuple(c.place for c in ca if c.place) + (
        Mention("a.txt", "Moscow", 200, 206, _place("Moscow", 55.75, 37.62, None), role="actor"),
    )
    mb = tuple(c.place for c in cb if c.place)
    return [Extraction(a, ma, tuple(ca)), Extraction(b, mb, tuple(cb))]


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    frames = square_frames()
    mentions, claims = to_geodataframes(extractions(), boundaries=frames)
    events = merge_repeated(claims)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        regions = region_summary(events, boundaries=frames, freq="D")
    return {"mentions": mentions, "claims": events, "regions": regions}


def test_layers_are_what_the_records_say(layers):
    # A sanity check of the fixture itself, so that round trips compare something real.
    claims = layers["claims"]
    assert claims.claim_id.tolist() == ["a.txt:0", "a.txt:60", "a.txt:120", "b.txt:70"]
    assert claims.sources.tolist() == ["a.txt;b.txt", "a.txt", "a.txt", "b.txt"]
    assert claims.admin2.tolist()[:2] == ["Bakhmut Raion", "Kharkiv Raion"]
    assert layers["regions"].claimed_km2.tolist() == [400.0, 0.0]
    assert len(layers["mentions"]) == 5


def _kind(dtype) -> str:
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(dtype):
        return "int"
    if pd.api.types.is_float_dtype(dtype):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if isinstance(dtype, gpd.array.GeometryDtype):
        return "geometry"
    return "str"


def _same(
    read: pd.DataFrame, wrote: pd.DataFrame, *, csv: bool = False, int_width_free: bool = False
) -> None:
    """``read`` (a raw pyogrio read) has the rows, columns, types and values of ``wrote``."""
    if csv:
        wrote = pd.DataFrame(wrote.drop(columns=wrote.geometry.name))
    assert list(read.columns) == list(wrote.columns)
    assert len(read) == len(wrote)
    for col in wrote.columns:
        r, w = read[col], wrote[col]
        if int_width_free and w.isna().all():
            # GeoJSON carries no types: a column null on every row reads back as text.
            assert r.isna().all() and _kind(r.dtype) == "str", col
            continue
        assert _kind(r.dtype) == _kind(w.dtype), col
        all_null_text = _kind(w.dtype) == "str" and w.isna().all()
        if not int_width_free and not all_null_text:  # pyogrio gives all-null text as object
            assert r.dtype == w.dtype, col
        if _kind(w.dtype) == "geometry":
            assert all(
                (a is None and b is None) or (a is not None and b is not None and a.equals(b))
                for a, b in zip(r, w)
            ), col
        elif _kind(w.dtype) == "str":
            missing = "" if csv else None
            expect = [missing if pd.isna(v) else v for v in w.tolist()]
            got = [None if pd.isna(v) and not csv else v for v in r.tolist()]
            assert got == expect, col
        else:
            assert r.astype(w.dtype).equals(w.reset_index(drop=True)), col


def test_geopackage_round_trip(layers, tmp_path):
    path = tmp_path / "events.gpkg"
    assert write_events(path, **layers) == [path]
    assert [str(n) for n, _ in pyogrio.list_layers(path)] == ["mentions", "claims", "regions"]
    for name, frame in layers.items():
        _same(pyogrio.read_dataframe(path, layer=name), frame)
        pd.testing.assert_frame_equal(
            pd.DataFrame(read_layer(path, name)).drop(columns="geometry"),
            pd.DataFrame(frame).drop(columns="geometry"),
        )
    mentions, claims = read_events(path)
    assert claims.claim_id.tolist() == layers["claims"].claim_id.tolist()
    assert claims.hedged.tolist() == [False, True, False, False]
    assert str(claims.date.dtype) == "datetime64[ms]" and claims.date.isna().tolist() == [False] * 3 + [True]
    assert mentions.role.tolist().count("actor") == 1


def test_geoparquet_round_trip(layers, tmp_path):
    written = write_events(tmp_path / "events.parquet", **layers)
    assert [p.name for p in written] == [
        "events_mentions.parquet",
        "events_claims.parquet",
        "events_regions.parquet",
    ]
    for name, frame in layers.items():
        read = gpd.read_parquet(tmp_path / f"events_{name}.parquet")
        _same(read, frame)
        assert read.crs.to_epsg() == 4326
    mentions, claims = read_events(tmp_path / "events.parquet")
    assert len(mentions) == 5 and len(claims) == 4


@pytest.mark.parametrize("name", ["claims", "mentions", "regions"])
def test_geojson_round_trip(layers, tmp_path, name):
    path = tmp_path / "events.geojson"
    write_events(path, **layers, layer=None if name == "claims" else name)
    # GeoJSON has no integer width: GDAL reads small integers as int32.
    _same(pyogrio.read_dataframe(path), layers[name], int_width_free=True)
    text = path.read_text(encoding="utf-8")
    assert name == "mentions" or '"date": "2024-05-10"' in text
    assert '"crs"' not in text  # RFC 7946: WGS 84 lon/lat, no crs member
    pd.testing.assert_frame_equal(
        pd.DataFrame(read_layer(path, name)).drop(columns="geometry"),
        pd.DataFrame(layers[name]).drop(columns="geometry"),
    )


@pytest.mark.parametrize("name", ["claims", "mentions"])
def test_csv_round_trip(layers, tmp_path, name):
    path = tmp_path / "events.csv"
    written = write_events(path, **layers, layer=None if name == "claims" else name)
    assert written == [path, tmp_path / "events.csvt"]
    read = pyogrio.read_dataframe(path)
    assert not isinstance(read, gpd.GeoDataFrame) or read.geometry.isna().all()
    # CSV has no null text: a missing text reads back as "" (read_layer turns it back into NaN).
    _same(read, layers[name], csv=True)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert ("place_lat" in header and "place_lon" in header) if name == "claims" else "lat" in header
    assert "geometry" not in header
    back = read_layer(path, name)
    pd.testing.assert_frame_equal(pd.DataFrame(back), pd.DataFrame(layers[name]).drop(columns="geometry"))


def test_csv_keeps_quotes_commas_and_newlines(layers, tmp_path):
    path = tmp_path / "claims.csv"
    write_events(path, claims=layers["claims"])
    read = pyogrio.read_dataframe(path)
    assert read.sentence.iloc[0] == 'Kyiv said it "retook 400 km², or more",\nper officials.'


@pytest.mark.parametrize("filename", ["events.gpkg", "events.parquet", "events.geojson", "events.csv"])
def test_same_input_gives_identical_bytes(layers, tmp_path, filename):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    a = write_events(first / filename, **layers)
    b = write_events(second / filename, **layers)
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_geopackage_timestamps_are_pinned(layers, tmp_path):
    path = tmp_path / "events.gpkg"
    write_events(path, **layers)
    with sqlite3.connect(path) as db:
        stamps = {row[0] for row in db.execute("SELECT last_change FROM gpkg_contents")}
    assert stamps == {"2000-01-01T00:00:00.000Z"}


def test_existing_file_needs_overwrite(layers, tmp_path):
    path = tmp_path / "events.gpkg"
    path.write_bytes(b"old")
    with pytest.raises(InputError, match=r"events\.gpkg already exists.*--overwrite"):
        write_events(path, **layers)
    assert path.read_bytes() == b"old"
    write_events(path, **layers, overwrite=True)
    assert len(read_events(path)[1]) == 4


def test_existing_parquet_layer_blocks_all_layers(layers, tmp_path):
    (tmp_path / "events_regions.parquet").write_bytes(b"old")
    with pytest.raises(InputError, match="events_regions.parquet already exists"):
        write_events(tmp_path / "events.parquet", **layers)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events_regions.parquet"]


def test_failed_write_leaves_nothing(layers, tmp_path):
    bad = layers["regions"].copy()
    bad["oops"] = np.full(len(bad), 1 + 2j)  # no OGR field or Arrow type holds a complex number
    for name in ("events.gpkg", "events.parquet"):
        with pytest.raises(SourceError, match="could not write"):
            write_events(tmp_path / name, mentions=layers["mentions"], claims=layers["claims"], regions=bad)
        assert list(tmp_path.iterdir()) == []


def test_failed_overwrite_keeps_the_old_file(layers, tmp_path):
    path = tmp_path / "events.gpkg"
    write_events(path, **layers)
    before = path.read_bytes()
    bad = layers["regions"].copy()
    bad["oops"] = np.full(len(bad), 1 + 2j)
    with pytest.raises(SourceError, match="could not write"):
        write_events(path, mentions=layers["mentions"], claims=layers["claims"], regions=bad, overwrite=True)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.gpkg"]


@pytest.mark.parametrize("filename", ["events.shp", "events.xlsx", "events"])
def test_unknown_format_lists_the_formats(layers, tmp_path, filename):
    with pytest.raises(InputError, match=r"\.gpkg.*\.parquet.*\.geojson.*\.csv"):
        write_events(tmp_path / filename, **layers)
    assert list(tmp_path.iterdir()) == []


def test_read_events_errors_name_the_file(layers, tmp_path):
    with pytest.raises(InputError, match="missing.gpkg: no such file"):
        read_events(tmp_path / "missing.gpkg")
    only = tmp_path / "only.gpkg"
    write_events(only, mentions=layers["mentions"])
    with pytest.raises(InputError, match="only.gpkg: no 'claims' layer"):
        read_events(only)
    with pytest.raises(InputError, match="unknown layer"):
        write_events(tmp_path / "x.geojson", **layers, layer="places")


def test_empty_layers_round_trip(tmp_path):
    mentions, claims = to_geodataframes([])
    path = tmp_path / "empty.gpkg"
    write_events(path, mentions=mentions, claims=merge_repeated(claims))
    m, c = read_events(path)
    assert len(m) == 0 and len(c) == 0
    assert list(c.columns) == list(merge_repeated(claims).columns)


def test_export_extractions_writes_three_layers_whose_sums_agree(tmp_path):
    path = tmp_path / "events.gpkg"
    assert export_extractions(extractions(), path, boundaries=square_frames()) == [path]
    assert [str(n) for n, _ in pyogrio.list_layers(path)] == ["mentions", "claims", "regions"]
    _check_regions_against_claims(path)
    with pytest.raises(InputError, match="already exists"):
        export_extractions(extractions(), path, boundaries=square_frames())


def _check_regions_against_claims(path: Path) -> None:
    """Each regions row equals the sums of the claims layer over its (date, admin1, gainer)."""
    claims = read_layer(path, "claims")
    regions = read_layer(path, "regions")
    dated = claims[claims.date.notna() & claims.admin1.notna()].copy()
    dated["gainer"] = dated.gainer.fillna("")
    area = dated[dated.kind == "area"].groupby(["date", "admin1", "gainer"]).value_km2.sum()
    counts = dated.groupby(["date", "admin1", "gainer"]).size()
    captures = dated[dated.kind == "capture"].groupby(["date", "admin1", "gainer"]).size()
    assert len(regions) == len(counts)
    assert not regions.duplicated(["date", "region", "gainer"]).any()
    for r in regions.itertuples():
        key = (r.date, r.region, r.gainer if isinstance(r.gainer, str) else "")
        assert r.n_claims == counts[key]
        assert r.claimed_km2 == pytest.approx(area.get(key, 0.0))
        assert r.captures == captures.get(key, 0)
        assert r.claimed_share == pytest.approx(r.claimed_km2 / r.area_km2)


def test_dev_corpus_export(shared_dir, tmp_path):
    from frontmap import pipeline
    from frontmap.articles import read_articles
    from frontmap.gazetteer import Gazetteer
    from frontmap.regions.boundaries import load_boundaries

    articles = read_articles([shared_dir / "eval" / "dev" / "articles"])
    exs = pipeline.extract_all(articles, Gazetteer.load())
    boundaries = {
        level: load_boundaries(shared_dir / "data" / f"ukraine_adm{level[-1]}.geojson") for level in ("admin1", "admin2")
    }
    path = tmp_path / "dev.gpkg"
    export_extractions(exs, path, boundaries=boundaries)
    assert [str(n) for n, _ in pyogrio.list_layers(path)] == ["mentions", "claims", "regions"]
    claims = read_layer(path, "claims")
    assert len(claims) > 0 and (claims.n_sources >= 1).all()
    assert len(read_layer(path, "mentions")) >= len(exs)
    _check_regions_against_claims(path)
    np.testing.assert_array_equal(claims.n_sources, [len(s.split(";")) for s in claims.sources])


@pytest.mark.parametrize(
    "filename,layer,expected",
    [
        ("e.parquet", None, ["e_mentions.parquet", "e_claims.parquet", "e_regions.parquet"]),
        ("e.parquet", "regions", ["e_regions.parquet"]),
        ("e.geojson", None, ["e.geojson"]),
        ("e.csv", "mentions", ["e.csv", "e.csvt"]),
    ],
)
def test_export_extractions_in_every_format(tmp_path, filename, layer, expected):
    written = export_extractions(extractions(), tmp_path / filename, boundaries=square_frames(), layer=layer)
    assert [p.name for p in written] == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(expected)
    name = layer or "claims"
    frame = read_layer(tmp_path / filename, name)
    assert len(frame) == {"claims": 4, "mentions": 5, "regions": 2}[name]
