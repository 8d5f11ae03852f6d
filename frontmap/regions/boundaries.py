"""Boundary frames: the approximate polygons that ship, and real boundary files.

Every boundary set frontmap works with is normalised to the *standard boundary
frame* (docs/ARCHITECTURE.md): a GeoDataFrame in EPSG:4326 with the columns
``unit_id, name, level, admin1, area_km2, approximate, geometry``, one row per unit,
sorted by ``unit_id``.

* :func:`shipped_boundaries` loads the approximate polygons built from the gazetteer
  (``data/gazetteer/build_boundaries.py``): 27 first-level units and 136 raions.
* :func:`load_boundaries` reads a real file (GeoJSON, GeoPackage, shapefile) and
  recognises the column conventions of geoBoundaries (``shapeName``, ``shapeISO``,
  ``shapeType``), OCHA COD-AB (``ADM1_EN``, ``ADM1_PCODE``, ``ADM2_EN``...), GADM
  (``NAME_1``, ``GID_1``...) and the OSM-derived files frontmap is tested with
  (``adm1_pcode``, ``adm1_name_en``...); anything else via ``name_field=``.

Names and codes are matched to the canonical first-level names (P-code ``UAxx``,
ISO 3166-2, English, Ukrainian, the national transliteration, Russian-derived
spellings). ``area_km2`` is the official figure for a matched first-level unit (from
the gazetteer's admin1 table) and is otherwise measured in an equal-area CRS.
"""

from __future__ import annotations

import math
import os
import re
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontmap.errors import FrontmapWarning, GazetteerError, InputError, SourceError

if TYPE_CHECKING:
    import geopandas as gpd

    from frontmap.gazetteer import Gazetteer

__all__ = ["BOUNDARY_COLUMNS", "LEVELS", "load_boundaries", "match_admin1", "shipped_boundaries"]

LEVELS: tuple[str, ...] = ("admin1", "admin2")
BOUNDARY_COLUMNS: tuple[str, ...] = ("unit_id", "name", "level", "admin1", "area_km2", "approximate", "geometry")
#: Areas measured from geometry use this equal-area CRS (World Cylindrical Equal Area).
AREA_CRS = "EPSG:6933"
#: Package data written by data/gazetteer/build_boundaries.py.
SHIPPED_FILES: dict[str, str] = {
    "admin1": "boundaries_admin1.geojson",
    "admin2": "boundaries_admin2.geojson",
}

# unit_id, canonical name, ISO 3166-2, Ukrainian name, national transliteration, Russian name,
# other spellings ("|"-separated: English, Russian-derived, historic). Only what is needed to
# recognise the names and codes that boundary files use; the gazetteer holds the full alias table.
_ADMIN1: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("UA01", "Autonomous Republic of Crimea", "UA-43", "Автономна Республіка Крим", "Avtonomna Respublika Krym",
     "Автономная Республика Крым", "Crimea|Krym|Republic of Crimea|AR Crimea|Крим|Крым|Республика Крым"),
    ("UA05", "Vinnytsia Oblast", "UA-05", "Вінницька", "Vinnytska", "Винницкая", "Vinnytsia|Vinnytsya|Vinnitsa"),
    ("UA07", "Volyn Oblast", "UA-07", "Волинська", "Volynska", "Волынская", "Volyn|Volhynia|Volynia"),
    ("UA12", "Dnipropetrovsk Oblast", "UA-12", "Дніпропетровська", "Dnipropetrovska", "Днепропетровская",
     "Dnipropetrovsk|Dnepropetrovsk|Dnipro"),
    ("UA14", "Donetsk Oblast", "UA-14", "Донецька", "Donetska", "Донецкая", "Donetsk"),
    ("UA18", "Zhytomyr Oblast", "UA-18", "Житомирська", "Zhytomyrska", "Житомирская", "Zhytomyr|Zhitomir"),
    ("UA21", "Zakarpattia Oblast", "UA-21", "Закарпатська", "Zakarpatska", "Закарпатская",
     "Zakarpattia|Zakarpattya|Zakarpatye|Transcarpathia|Transcarpathian"),
    ("UA23", "Zaporizhzhia Oblast", "UA-23", "Запорізька", "Zaporizka", "Запорожская",
     "Zaporizhzhia|Zaporizhia|Zaporizhzhya|Zaporozhye|Zaporozhe"),
    ("UA26", "Ivano-Frankivsk Oblast", "UA-26", "Івано-Франківська", "Ivano-Frankivska", "Ивано-Франковская",
     "Ivano-Frankivsk|Ivano-Frankovsk"),
    ("UA32", "Kyiv Oblast", "UA-32", "Київська", "Kyivska", "Киевская", "Kyiv|Kiev"),
    ("UA35", "Kirovohrad Oblast", "UA-35", "Кіровоградська", "Kirovohradska", "Кировоградская",
     "Kirovohrad|Kirovograd|Kropyvnytskyi"),
    ("UA44", "Luhansk Oblast", "UA-09", "Луганська", "Luhanska", "Луганская", "Luhansk|Lugansk"),
    ("UA46", "Lviv Oblast", "UA-46", "Львівська", "Lvivska", "Львовская", "Lviv|Lvov|Lwow"),
    ("UA48", "Mykolaiv Oblast", "UA-48", "Миколаївська", "Mykolaivska", "Николаевская",
     "Mykolaiv|Mykolayiv|Nikolaev|Nikolayev"),
    ("UA51", "Odesa Oblast", "UA-51", "Одеська", "Odeska", "Одесская", "Odesa|Odessa"),
    ("UA53", "Poltava Oblast", "UA-53", "Полтавська", "Poltavska", "Полтавская", "Poltava"),
    ("UA56", "Rivne Oblast", "UA-56", "Рівненська", "Rivnenska", "Ровенская", "Rivne|Rovno"),
    ("UA59", "Sumy Oblast", "UA-59", "Сумська", "Sumska", "Сумская", "Sumy"),
    ("UA61", "Ternopil Oblast", "UA-61", "Тернопільська", "Ternopilska", "Тернопольская", "Ternopil|Ternopol"),
    ("UA63", "Kharkiv Oblast", "UA-63", "Харківська", "Kharkivska", "Харьковская", "Kharkiv|Kharkov"),
    ("UA65", "Kherson Oblast", "UA-65", "Херсонська", "Khersonska", "Херсонская", "Kherson"),
    ("UA68", "Khmelnytskyi Oblast", "UA-68", "Хмельницька", "Khmelnytska", "Хмельницкая",
     "Khmelnytskyi|Khmelnytskyy|Khmelnytsky|Khmelnitsky|Khmelnitskiy"),
    ("UA71", "Cherkasy Oblast", "UA-71", "Черкаська", "Cherkaska", "Черкасская", "Cherkasy|Cherkassy"),
    ("UA73", "Chernivtsi Oblast", "UA-77", "Чернівецька", "Chernivetska", "Черновицкая",
     "Chernivtsi|Chernovtsy|Czernowitz"),
    ("UA74", "Chernihiv Oblast", "UA-74", "Чернігівська", "Chernihivska", "Черниговская", "Chernihiv|Chernigov"),
    ("UA80", "Kyiv", "UA-30", "Київ", "Kyiv", "Киев", "Kiev|Kyiv city|Kiev city|city of Kyiv|Kyiv City Municipality"),
    ("UA85", "Sevastopol", "UA-40", "Севастополь", "Sevastopol", "Севастополь", "Sebastopol|Sevastopol city"),
)
_CITIES = frozenset({"UA80", "UA85"})
#: HASC codes (GADM's HASC_1) -> unit_id.
_HASC: dict[str, str] = {
    "UA.CK": "UA71", "UA.CH": "UA74", "UA.CV": "UA73", "UA.DP": "UA12", "UA.DT": "UA14", "UA.IF": "UA26",
    "UA.KK": "UA63", "UA.KS": "UA65", "UA.KM": "UA68", "UA.KH": "UA35", "UA.KV": "UA32", "UA.KC": "UA80",
    "UA.KR": "UA01", "UA.LH": "UA44", "UA.LV": "UA46", "UA.MY": "UA48", "UA.OD": "UA51", "UA.PL": "UA53",
    "UA.RV": "UA56", "UA.SC": "UA85", "UA.SM": "UA59", "UA.TP": "UA61", "UA.VI": "UA05", "UA.VO": "UA07",
    "UA.ZK": "UA21", "UA.ZP": "UA23", "UA.ZT": "UA18",
}
#: Words that mark a name as the city rather than the oblast of the same name.
_CITY_WORDS = frozenset({"city", "misto", "місто", "м", "город", "municipality"})
# Words a first-level name may carry around its stem ("Kharkiv Oblast", "Харківська область").
_ADMIN1_WORDS = ("oblast", "region", "province", "obl", "область", "обл", "oblasts", "city", "misto", "місто",
                 "город", "м", "г")
_ADMIN2_WORDS = ("raion", "rayon", "raijon", "district", "район", "р н", "rn", "municipality")

#: Least rapidfuzz ratio for a spelling variant of a first-level name.
_FUZZY_ADMIN1 = 90
_PCODE1 = re.compile(r"^UA(\d{2})(?:\d*)$")
_ISO = re.compile(r"^UA-(\d{2})$")
_PCODE2 = re.compile(r"^UA(\d{4})")

# Column conventions, tried in this order; each maps roles to candidate column names (case-insensitive).
# "code" columns carry P-codes/ISO codes, "names" carry names in any language, "parent_*" the first level.
_CONVENTIONS: tuple[dict[str, Any], ...] = (
    {"id": "osm", "admin2": {"code": ["adm2_pcode", "adm2_katottg"],
                             "names": ["adm2_name_en", "adm2_name_uk_latn", "adm2_name_uk", "adm2_name_ru"]},
     "admin1": {"code": ["adm1_pcode", "adm1_iso", "adm1_katottg"],
                "names": ["adm1_name_en", "adm1_name_uk_latn", "adm1_name_uk", "adm1_name_ru"]}},
    {"id": "cod-ab", "admin2": {"code": ["ADM2_PCODE"],
                                "names": ["ADM2_EN", "ADM2_UA", "ADM2_UK", "ADM2_RU", "ADM2_REF", "ADM2ALT1EN"]},
     "admin1": {"code": ["ADM1_PCODE"], "names": ["ADM1_EN", "ADM1_UA", "ADM1_UK", "ADM1_RU", "ADM1_REF"]}},
    {"id": "gadm", "admin2": {"code": ["GID_2", "HASC_2"], "names": ["NAME_2", "VARNAME_2", "NL_NAME_2"]},
     "admin1": {"code": ["HASC_1", "ISO_1", "GID_1"], "names": ["NAME_1", "VARNAME_1", "NL_NAME_1"]}},
)
_GEOBOUNDARIES_TYPES = {"ADM1": "admin1", "ADM2": "admin2"}
_GENERIC_NAMES = ("name_en", "name", "name_1", "nom", "shapename")


def _normalize(text: str) -> str:
    from frontmap.gazetteer import normalize_name

    return normalize_name(text)


@lru_cache(maxsize=1)
def _admin1_keys() -> dict[str, str]:
    """Normalised name or code -> unit_id for every first-level unit."""
    keys: dict[str, str] = {}
    suffixes = ("", " oblast", " region", " province", " область", " obl", " обл")
    # Oblasts first, cities last: a bare "Kyiv" in a boundary file is the city (geoBoundaries, COD-AB).
    rows = sorted(_ADMIN1, key=lambda row: row[0] in _CITIES)
    for unit_id, name, iso, uk, latn, ru, others in rows:
        forms = [name, uk, latn, ru, *others.split("|")]
        if unit_id not in _CITIES:
            forms.append(name.removesuffix(" Oblast"))
        for form in forms:
            for suffix in suffixes if unit_id not in _CITIES else ("",):
                keys[_normalize(form + suffix)] = unit_id
        keys[unit_id.casefold()] = unit_id
        keys[iso.casefold()] = unit_id
    return keys


@lru_cache(maxsize=1)
def _admin1_names() -> dict[str, str]:
    return {row[0]: row[1] for row in _ADMIN1}


def match_admin1(value: Any) -> str | None:
    """The ``unit_id`` of the first-level unit a code or name denotes, or None.

    Accepts P-codes (``UA14``, KATOTTG ``UA14000000000091971``), ISO 3166-2 (``UA-14``),
    English, Ukrainian, transliterated and Russian-derived names with or without
    "Oblast"/"region"/"область".

    >>> match_admin1("Donetska"), match_admin1("UA-09"), match_admin1("Харківська область")
    ('UA14', 'UA44', 'UA63')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    upper = text.upper()
    if upper in _HASC:
        return _HASC[upper]
    if _ISO.match(upper):
        return _admin1_keys().get(upper.casefold())
    if (m := _PCODE1.match(upper)) is not None:
        unit_id = f"UA{m.group(1)}"
        return unit_id if unit_id in _admin1_names() else None
    keys = _admin1_keys()
    key = _normalize(text)
    if key in keys:
        return keys[key]
    words = key.split()
    while words and words[-1] in _ADMIN1_WORDS:
        words.pop()
    while words and words[0] in _ADMIN1_WORDS:
        words.pop(0)
    key = " ".join(words)
    if key in keys:
        return keys[key]
    if len(key) < 6:
        return None
    # Spelling variants of older transliterations ("Mykolayivs'ka"): a close match, never a loose one.
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, sorted(keys), scorer=fuzz.ratio, score_cutoff=_FUZZY_ADMIN1)
    return keys[best[0]] if best else None


def _admin2_key(name: str) -> str:
    """Key under which raion names in different styles meet: "Bakhmutskyi raion" ~ "Bakhmut Raion"."""
    words = [w for w in _normalize(name).split() if w not in _ADMIN2_WORDS]
    key = "".join(words)
    # Adjectival forms of the national transliteration and of Ukrainian/Russian.
    for suffix in ("skyi", "skyy", "skiy", "skii", "sky", "ckyi", "zkyi", "ska", "ske",
                   "ський", "цький", "зький", "ский", "цкий", "ий", "yi", "iy"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            key = key[: -len(suffix)]
            break
    return key.rstrip("sk") if len(key) > 5 else key


# --- reading --------------------------------------------------------------------------------------------------


def load_boundaries(
    path: str | os.PathLike[str],
    *,
    level: str | None = None,
    name_field: str | None = None,
    layer: str | int | None = None,
    gazetteer: Gazetteer | None = None,
) -> gpd.GeoDataFrame:
    """Read a boundary file into the standard boundary frame (EPSG:4326).

    GeoJSON, GeoPackage (``layer=`` picks a layer) and shapefiles (also zipped) are read; the
    level and the name columns are recognised from geoBoundaries, OCHA COD-AB, GADM
    and the OSM-derived conventions, or given with ``level=`` and ``name_field=``.
    Official first-level areas come from ``gazetteer`` (loaded when not given).

    >>> frame = load_boundaries("ukraine_adm1.geojson")  # doctest: +SKIP
    >>> frame.loc[frame.unit_id == "UA14", "name"].item()  # doctest: +SKIP
    'Donetsk Oblast'
    """
    import geopandas as gpd
    import pandas as pd

    path = Path(path)
    if level is not None and level not in LEVELS:
        raise InputError(f"unknown boundary level {level!r}; expected one of {list(LEVELS)}")
    raw = _only_ukraine(_read(path, layer))
    columns = [c for c in raw.columns if c != raw.geometry.name]
    if name_field is not None and name_field not in raw.columns:
        raise InputError(
            f"{path}: there is no column {name_field!r}; the columns are {columns}. "
            f"Pass one of them as --name-field."
        )
    if name_field is None and _is_standard(raw):
        return _from_standard(path, raw, level, gazetteer)
    level, roles = _recognise(path, raw, level, name_field)

    geoms = _polygonal(path, raw)
    raw = gpd.GeoDataFrame(raw.drop(columns=raw.geometry.name), geometry=geoms, crs=raw.crs)
    raw = raw[~raw.geometry.is_empty & raw.geometry.notna()]
    if raw.empty:
        raise InputError(f"{path}: no polygon has any area; a boundary file needs (multi)polygons")
    raw = raw.to_crs("EPSG:4326")

    if level == "admin1":
        unit_ids, names, admin1 = _resolve_admin1(path, raw, roles)
    else:
        unit_ids, names, admin1 = _resolve_admin2(path, raw, roles)
    frame = gpd.GeoDataFrame(
        {"unit_id": unit_ids, "name": names, "admin1": admin1}, geometry=raw.geometry.values, crs="EPSG:4326"
    )
    # Files often split a unit into several features (islands, exclaves): one row per unit.
    frame = frame.dissolve(by="unit_id", aggfunc="first", sort=True).reset_index()
    frame["geometry"] = _make_valid(frame.geometry.values)
    frame["level"] = level
    frame["approximate"] = False
    frame["area_km2"] = _areas(frame, level, gazetteer)
    frame = frame[list(BOUNDARY_COLUMNS)]
    frame = frame.sort_values("unit_id", kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(pd.DataFrame(frame), geometry="geometry", crs="EPSG:4326")


#: Columns that mark a file as already in the standard boundary frame (written by frontmap or by hand).
_STANDARD_KEYS = ("unit_id", "name", "level", "admin1")


def _is_standard(frame: Any) -> bool:
    """True when ``frame`` already has the standard columns and every level is admin1 or admin2."""
    if not all(c in frame.columns for c in _STANDARD_KEYS):
        return False
    levels = {str(v).strip() for v in frame["level"].dropna().unique()}
    return bool(levels) and levels <= set(LEVELS) and not frame["level"].isna().any()


def _from_standard(path: Path, raw: Any, level: str | None, gazetteer: Gazetteer | None) -> gpd.GeoDataFrame:
    """A file already in the standard frame: its ids, names, parents and areas are kept as they are.

    Only what a file cannot guarantee is redone: one level, polygonal valid geometry in EPSG:4326,
    one row per ``unit_id``, areas for rows without one, sorting.
    """
    import geopandas as gpd
    import pandas as pd

    levels = sorted({str(v).strip() for v in raw["level"].unique()})
    if level is None:
        if len(levels) > 1:
            raise InputError(
                f"{path} holds units of both levels {levels}; choose one with level=, or write each level to its own file"
            )
        level = levels[0]
    raw = raw[(raw["level"].astype(str).str.strip() == level).to_numpy()]
    if raw.empty:
        raise InputError(f"{path} has no {level} units (its levels are {levels})")
    geoms = _polygonal(path, raw)
    raw = gpd.GeoDataFrame(raw.drop(columns=raw.geometry.name), geometry=geoms, crs=raw.crs)
    raw = raw[~raw.geometry.is_empty & raw.geometry.notna()]
    if raw.empty:
        raise InputError(f"{path}: no polygon has any area; a boundary file needs (multi)polygons")
    raw = raw.to_crs("EPSG:4326")
    if raw["unit_id"].isna().any():
        raise InputError(f"{path}: {int(raw['unit_id'].isna().sum())} unit(s) have no unit_id; give every unit one")
    names = raw["name"].where(raw["name"].notna(), raw["unit_id"]).astype(str)
    parents = raw["admin1"].where(raw["admin1"].notna(), names if level == "admin1" else "")
    data = {
        "unit_id": raw["unit_id"].astype(str).str.strip().to_numpy(),
        "name": names.to_numpy(),
        "admin1": parents.astype(str).to_numpy(),
        "area_km2": pd.to_numeric(raw["area_km2"], errors="coerce").to_numpy()
        if "area_km2" in raw.columns
        else math.nan,
        "approximate": raw["approximate"].fillna(False).astype(bool).to_numpy()
        if "approximate" in raw.columns
        else False,
    }
    frame = gpd.GeoDataFrame(data, geometry=raw.geometry.values, crs="EPSG:4326")
    # Features of one unit (islands, exclaves) become one row, keeping the first feature's attributes.
    frame = frame.dissolve(by="unit_id", aggfunc="first", sort=True).reset_index()
    frame["geometry"] = _make_valid(frame.geometry.values)
    frame["level"] = level
    measured = _areas(frame, level, gazetteer)
    given = frame["area_km2"].astype(float).to_numpy()
    frame["area_km2"] = [g if math.isfinite(g) and g > 0 else float(m) for g, m in zip(given, measured)]
    frame = frame[list(BOUNDARY_COLUMNS)].sort_values("unit_id", kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(pd.DataFrame(frame), geometry="geometry", crs="EPSG:4326")


def _read(path: Path, layer: str | int | None) -> gpd.GeoDataFrame:
    import pyogrio
    import pyogrio.errors

    if not path.exists():
        raise SourceError(f"{path}: no such boundary file")
    try:
        if layer is None:
            layers = pyogrio.list_layers(path)
            polygonal = [str(name) for name, kind in layers if kind is None or "polygon" in str(kind).lower()]
            if len(layers) > 1:
                if len(polygonal) != 1:
                    names = [str(name) for name, _ in layers]
                    raise InputError(f"{path} holds the layers {names}; choose one with layer=")
                layer = polygonal[0]
        frame = pyogrio.read_dataframe(path, layer=layer)
    except InputError:
        raise
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
        raise InputError(
            f"{path}: cannot be read as a boundary file (GeoJSON, GeoPackage or shapefile): {err}"
        ) from err
    except (pyogrio.errors.GeometryError, pyogrio.errors.FieldError, ValueError) as err:
        raise InputError(f"{path}: the boundary file is malformed: {err}") from err
    except OSError as err:
        raise SourceError(f"{path}: cannot read the boundary file: {err}") from err
    if frame.crs is None:
        raise InputError(
            f"{path} has no coordinate reference system; add one (for a shapefile, the .prj file) "
            f"or write it as GeoJSON in EPSG:4326"
        )
    if frame.empty:
        raise InputError(f"{path}: the boundary file has no features")
    return frame


def _only_ukraine(frame: Any) -> Any:
    """Keep Ukraine's rows of a multi-country file (geoBoundaries CGAZ, COD-AB, GADM country columns)."""
    lookup = _columns(frame)
    for column, ukraine in (("shapegroup", "UKR"), ("adm0_pcode", "UA"), ("gid_0", "UKR"), ("iso_a3", "UKR")):
        if column in lookup:
            values = frame[lookup[column]].astype(str).str.strip().str.upper()
            if (values == ukraine).any() and not (values == ukraine).all():
                return frame[(values == ukraine).to_numpy()].reset_index(drop=True)
    return frame


def _columns(frame: Any) -> dict[str, str]:
    """Case-insensitive column lookup: lowered name -> actual name."""
    return {str(c).casefold(): str(c) for c in frame.columns if c != frame.geometry.name}


def _pick(lookup: Mapping[str, str], names: Iterable[str]) -> list[str]:
    return [lookup[n.casefold()] for n in names if n.casefold() in lookup]


def _recognise(path: Path, frame: Any, level: str | None, name_field: str | None) -> tuple[str, dict[str, list[str]]]:
    """The file's level and the columns holding codes and names of the unit and of its first-level parent."""
    lookup = _columns(frame)
    found_level: str | None = None
    roles: dict[str, list[str]] = {"code": [], "names": [], "parent_code": [], "parent_names": []}

    if "shapetype" in lookup:  # geoBoundaries
        types = {str(t).upper() for t in frame[lookup["shapetype"]].dropna().unique()}
        levels = {_GEOBOUNDARIES_TYPES.get(t) for t in types}
        if len(levels) == 1 and None not in levels:
            found_level = levels.pop()
        roles["names"] = _pick(lookup, ["shapeName"])
        roles["code"] = _pick(lookup, ["shapeISO"])
    else:
        for convention in _CONVENTIONS:
            a2 = _pick(lookup, convention["admin2"]["code"] + convention["admin2"]["names"])
            a1 = _pick(lookup, convention["admin1"]["code"] + convention["admin1"]["names"])
            if a2 and level != "admin1":
                found_level = "admin2"
                roles["code"] = _pick(lookup, convention["admin2"]["code"])
                roles["names"] = _pick(lookup, convention["admin2"]["names"])
                roles["parent_code"] = _pick(lookup, convention["admin1"]["code"])
                roles["parent_names"] = _pick(lookup, convention["admin1"]["names"])
                break
            if a1:
                found_level = "admin1"
                roles["code"] = _pick(lookup, convention["admin1"]["code"])
                roles["names"] = _pick(lookup, convention["admin1"]["names"])
                break

    if name_field is not None:
        roles["names"] = [name_field]
        if found_level is None or level is None:
            # A custom column: it is first-level when most of its values are first-level names.
            values = frame[name_field].dropna().astype(str)
            hits = sum(match_admin1(v) is not None for v in values)
            found_level = found_level or ("admin1" if values.size and hits >= 0.5 * values.size else "admin2")
    if not roles["names"] and not roles["code"]:
        generic = _pick(lookup, _GENERIC_NAMES)
        if generic:
            roles["names"] = generic[:1]
    if not roles["names"] and not roles["code"]:
        columns = [c for c in frame.columns if c != frame.geometry.name]
        raise InputError(
            f"{path}: cannot tell which column names the units; the columns are {columns}. "
            f"Pass the name column with --name-field (Python: name_field=)."
        )
    level = level or found_level
    if level is None:
        values = frame[(roles["names"] or roles["code"])[0]].dropna().astype(str)
        hits = sum(match_admin1(v) is not None for v in values)
        level = "admin1" if values.size and hits >= 0.5 * values.size else "admin2"
    return level, roles


def _polygonal(path: Path, frame: Any) -> Any:
    """Valid (multi)polygons; points or lines are an error."""
    import numpy as np
    import shapely

    geoms = np.asarray(frame.geometry.values)
    present = geoms[~shapely.is_missing(geoms)]
    # 3 Polygon, 6 MultiPolygon, 7 GeometryCollection (checked for polygons by make_valid below).
    if set(shapely.get_type_id(present).tolist()) - {3, 6, 7}:
        kinds = sorted({g.geom_type for g in present})
        raise InputError(f"{path}: boundaries must be polygons, but the file holds {kinds}")
    # Heights (some exports carry a Z of 0) mean nothing for a boundary.
    return _make_valid(shapely.force_2d(geoms))


def _make_valid(geoms: Any) -> Any:
    """Repair invalid rings and keep only the polygonal part (make_valid may add lines)."""
    import numpy as np
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    out = geoms.copy()
    bad = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    if bad.any():
        out[bad] = shapely.make_valid(geoms[bad])
    for i, geom in enumerate(out):
        if geom is not None and geom.geom_type == "GeometryCollection":
            parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
            out[i] = shapely.union_all(parts) if parts else shapely.Polygon()
    return out


def _first(values: Iterable[Any]) -> str | None:
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        text = str(value).strip()
        if text:
            return text
    return None


def _resolve_admin1(path: Path, raw: Any, roles: Mapping[str, list[str]]) -> tuple[list[str], list[str], list[str]]:
    names = _admin1_names()
    unit_ids: list[str] = []
    out_names: list[str] = []
    unmatched: list[str] = []
    cols = roles["code"] + roles["names"]
    for row in raw[cols].itertuples(index=False):
        unit_id = next((u for u in map(match_admin1, row) if u is not None), None)
        original = _first(row[len(roles["code"]):]) or _first(row)
        if unit_id is None:
            label = original or f"unit {len(unit_ids) + 1}"
            unmatched.append(label)
            unit_ids.append(_first(row[: len(roles["code"])]) or label)
            out_names.append(label)
        else:
            unit_ids.append(unit_id)
            out_names.append(names[unit_id])
    _split_kyiv(raw[roles["names"]] if roles["names"] else None, unit_ids, out_names)
    if unmatched:
        warnings.warn(
            f"{path}: {len(unmatched)} first-level unit(s) match no Ukrainian unit and keep their own names: "
            f"{sorted(set(unmatched))[:10]}",
            FrontmapWarning,
            stacklevel=3,
        )
    return unit_ids, out_names, list(out_names)


def _split_kyiv(names: Any, unit_ids: list[str], out_names: list[str]) -> None:
    """GADM and others call the oblast plain "Kiev" beside "Kiev City": two rows matched to the city
    and none to the oblast means the one without a city word is the oblast."""
    rows = [i for i, uid in enumerate(unit_ids) if uid == "UA80"]
    if names is None or len(rows) != 2 or "UA32" in unit_ids:
        return
    def is_city(i: int) -> bool:
        words = {w for v in names.iloc[i] if isinstance(v, str) for w in _normalize(v).split()}
        return bool(words & _CITY_WORDS)
    plain = [i for i in rows if not is_city(i)]
    if len(plain) == 1:
        unit_ids[plain[0]] = "UA32"
        out_names[plain[0]] = _admin1_names()["UA32"]


def _resolve_admin2(path: Path, raw: Any, roles: Mapping[str, list[str]]) -> tuple[list[str], list[str], list[str]]:
    import numpy as np
    import shapely

    admin1_names = _admin1_names()
    raions = _shipped_admin2_names()
    # Each row's first-level unit: from the parent columns, else the P-code, else where the polygon lies.
    parents: list[str | None] = []
    for row in raw[roles["parent_code"] + roles["parent_names"]].itertuples(index=False):
        parents.append(next((u for u in map(match_admin1, row) if u is not None), None))
    if not parents:
        parents = [None] * len(raw)
    codes: list[str | None] = []
    for row in raw[roles["code"]].itertuples(index=False) if roles["code"] else [()] * len(raw):
        code = None
        for value in row:
            text = _first([value])
            if text and (m := _PCODE2.match(text.upper())) is not None:
                code = f"UA{m.group(1)}"
                break
            if text and (m := _PCODE1.match(text.upper())) is not None and f"UA{m.group(1)}" in _CITIES:
                code = f"UA{m.group(1)}"
                break
        codes.append(code)
    missing = [i for i, p in enumerate(parents) if p is None and not (codes[i] and codes[i][:4] in admin1_names)]
    if missing:
        points = shapely.point_on_surface(np.asarray(raw.geometry.values)[missing])
        located = _locate_admin1(points)
        for i, unit in zip(missing, located):
            parents[i] = unit
    by_key: dict[tuple[str, str], str] = {(uid[:4], _admin2_key(n)): uid for uid, n in raions.items()}

    unit_ids: list[str] = []
    out_names: list[str] = []
    admin1: list[str] = []
    unmatched: list[str] = []
    name_cols = roles["names"]
    for i, row in enumerate(raw[name_cols].itertuples(index=False) if name_cols else [()] * len(raw)):
        original = _first(row)
        code = codes[i]
        parent = parents[i] or (code[:4] if code and code[:4] in admin1_names else None)
        if code in _CITIES:
            unit_id, name = code, admin1_names[code]
        elif code is not None:
            unit_id, name = code, raions.get(code, original or code)
        else:
            unit_id = _match_raion(original, parent, by_key, raions) if original else None
            name = raions[unit_id] if unit_id else None
            if unit_id is None and parent in _CITIES and original and match_admin1(original) == parent:
                unit_id, name = parent, admin1_names[parent]
            if unit_id is None:
                label = original or f"unit {i + 1}"
                unmatched.append(label)
                # Same-named units of different oblasts stay apart ("Central District" of two cities).
                unit_id, name = (f"{parent}:{label}" if parent else label), label
        if code is not None and code[:4] in admin1_names:
            parent = code[:4]
        unit_ids.append(unit_id)
        out_names.append(name)
        admin1.append(admin1_names.get(parent or "", ""))
    if unmatched:
        warnings.warn(
            f"{path}: {len(unmatched)} raion(s) match no known raion and keep their own names: "
            f"{sorted(set(unmatched))[:10]}",
            FrontmapWarning,
            stacklevel=3,
        )
    return unit_ids, out_names, admin1


def _match_raion(name: str, parent: str | None, by_key: Mapping[tuple[str, str], str],
                 raions: Mapping[str, str]) -> str | None:
    """A raion's unit_id by name within its first-level unit: exact key, then a close spelling."""
    key = _admin2_key(name)
    if parent is not None and (parent, key) in by_key:
        return by_key[(parent, key)]
    candidates = {k: uid for (p, k), uid in by_key.items() if parent is None or p == parent}
    if not candidates:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, sorted(candidates), scorer=fuzz.ratio, score_cutoff=80)
    return candidates[best[0]] if best else None


def _locate_admin1(points: Any) -> list[str | None]:
    """The first-level unit (shipped approximate polygons) holding each point, else the nearest."""
    import numpy as np
    import shapely

    try:
        frame = shipped_boundaries("admin1")
    except GazetteerError:
        return [None] * len(points)
    geoms = np.asarray(frame.geometry.values)
    tree = shapely.STRtree(geoms)
    found: list[str | None] = [None] * len(points)
    idx_p, idx_g = tree.query_nearest(points, all_matches=False)
    for p, g in zip(idx_p, idx_g):
        found[int(p)] = str(frame.unit_id.iloc[int(g)])
    return found


def _areas(frame: Any, level: str, gazetteer: Gazetteer | None) -> Any:
    """Official area for matched first-level units, else measured in an equal-area CRS."""
    import numpy as np

    measured = frame.geometry.to_crs(AREA_CRS).area.to_numpy() / 1e6
    if level != "admin1":
        return np.round(measured, 2)
    official = _official_areas(gazetteer)
    return np.array(
        [official.get(uid, round(float(m), 2)) for uid, m in zip(frame.unit_id, measured)], dtype=float
    )


def _official_areas(gazetteer: Gazetteer | None) -> dict[str, float]:
    """unit_id -> official area (km²) from the gazetteer's admin1 table."""
    if gazetteer is None:
        try:
            from frontmap.gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        except (ImportError, GazetteerError):
            return _shipped_admin1_areas()
    units = gazetteer.admin1_units()
    return _area_table(units)


def _area_table(units: Any) -> dict[str, float]:
    out: dict[str, float] = {}
    if hasattr(units, "to_dict") and hasattr(units, "columns"):  # a DataFrame
        units = units.to_dict("records")
    elif isinstance(units, Mapping):
        units = list(units.values())
    for unit in units:
        get = unit.get if isinstance(unit, Mapping) else (lambda key, u=unit: getattr(u, key, None))
        unit_id, area = get("unit_id"), get("area_km2")
        if unit_id and area is not None:
            out[str(unit_id)] = float(area)
    return out


def _shipped_admin1_areas() -> dict[str, float]:
    """The official areas the build wrote into the shipped admin1 file (they come from the gazetteer)."""
    try:
        frame = shipped_boundaries("admin1")
    except GazetteerError:
        return {}
    return dict(zip(frame.unit_id, frame.area_km2.astype(float)))


# --- shipped ----------------------------------------------------------------------------------------------------


def shipped_boundaries(level: str = "admin1") -> gpd.GeoDataFrame:
    """The approximate boundaries that ship with frontmap, as a standard boundary frame.

    Built from the gazetteer's settlements (see data/gazetteer/build_boundaries.py);
    ``approximate`` is True on every row. Each call returns a fresh copy.

    >>> frame = shipped_boundaries("admin1")
    >>> len(frame), bool(frame.approximate.all())
    (27, True)
    """
    if level not in LEVELS:
        raise InputError(f"unknown boundary level {level!r}; expected one of {list(LEVELS)}")
    return _shipped(level).copy()


@lru_cache(maxsize=len(LEVELS))
def _shipped(level: str) -> gpd.GeoDataFrame:
    from importlib.resources import as_file, files

    import geopandas as gpd
    import pyogrio

    resource = files("frontmap").joinpath("gazetteer", "data", SHIPPED_FILES[level])
    if not resource.is_file():
        raise GazetteerError(
            f"the shipped boundary file {SHIPPED_FILES[level]} is missing from frontmap/gazetteer/data; "
            f"rebuild it with 'python data/gazetteer/build_boundaries.py'"
        )
    with as_file(resource) as local:
        frame = pyogrio.read_dataframe(local)
    frame["approximate"] = frame["approximate"].astype(bool)
    frame["area_km2"] = frame["area_km2"].astype(float)
    frame = frame[list(BOUNDARY_COLUMNS)].sort_values("unit_id", kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def _shipped_admin2_names() -> dict[str, str]:
    try:
        frame = _shipped("admin2")
    except GazetteerError:
        return {}
    return dict(zip(frame.unit_id, frame.name))
