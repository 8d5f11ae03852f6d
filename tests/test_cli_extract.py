"""`frontmap extract` end to end, as a user runs it: real files in, JSON or GIS files out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PLACE_KEYS = [
    "surface", "start", "end", "name", "kind", "country", "admin1", "lat", "lon", "precision", "role", "part"
]
CLAIM_KEYS = {
    "kind", "value", "value_min", "value_max", "qualifier", "unit", "value_km2", "gainer", "claimant", "place",
    "place_lat", "place_lon", "region", "date", "period_start", "period_end", "hedged", "sentence", "start", "end", "doc",
}


def frontmap(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "frontmap.cli.main", *args], input=stdin,
                          capture_output=True, text=True)


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    (d / "a.txt").write_text(
        "date 2023-06-12\n"
        "Ukrainian forces have recaptured the village of Neskuchne in the Donetsk region, "
        "Deputy Defence Minister Hanna Maliar said on Monday.\n"
        "Moscow said its troops repelled the attacks.\n",
        encoding="utf-8",
    )
    (d / "b.txt").write_text(
        "Russian troops advanced 3 kilometres near Avdiivka, the Russian Defence Ministry said. "
        "The claim could not be independently verified.\n",
        encoding="utf-8",
    )
    return d


def test_json_contract(reports: Path) -> None:
    proc = frontmap("extract", str(reports), "--json")
    assert proc.returncode == 0, proc.stderr
    docs = json.loads(proc.stdout)
    assert [d["doc"] for d in docs] == ["a.txt", "b.txt"]
    a, b = docs
    assert list(a)[:4] == ["doc", "title", "url", "published"]
    assert a["published"] == "2023-06-12" and b["published"] is None
    for d in docs:
        for p in d["places"]:
            assert list(p) == PLACE_KEYS
        for c in d["claims"]:
            assert set(c) == CLAIM_KEYS
    names = {p["name"]: p for p in a["places"]}
    assert names["Neskuchne"]["admin1"] == "Donetsk Oblast"
    moscow = [p for p in a["places"] if p["surface"] == "Moscow"]
    assert moscow and moscow[0]["role"] == "actor"
    capture = [c for c in a["claims"] if c["kind"] == "capture"]
    assert capture and capture[0]["gainer"] == "UA" and capture[0]["place"] == "Neskuchne"
    assert capture[0]["date"] == "2023-06-12"  # "on Monday" from a Monday publication date
    dist = [c for c in b["claims"] if c["kind"] == "distance"]
    assert dist and dist[0]["value"] == 3 and dist[0]["unit"] == "km" and dist[0]["gainer"] == "RU"
    assert dist[0]["hedged"] is True


def test_bad_input_is_named_and_the_others_still_reported(reports: Path) -> None:
    (reports / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8\x00\xd8 broken utf-16 \x00")
    proc = frontmap("extract", str(reports / "a.txt"), str(reports / "missing.txt"), "--json")
    assert proc.returncode == 1
    assert "missing.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert [d["doc"] for d in json.loads(proc.stdout)] == ["a.txt"]


def test_stdin_and_date_option() -> None:
    proc = frontmap("extract", "-", "--json", "--date", "2024-02-17",
                    stdin="Russian forces took full control of Avdiivka, the ministry said.")
    assert proc.returncode == 0, proc.stderr
    (doc,) = json.loads(proc.stdout)
    assert doc["doc"] == "stdin" and doc["published"] == "2024-02-17"


def test_bad_date_is_a_clear_error() -> None:
    proc = frontmap("extract", "-", "--date", "17/02/2024", stdin="text")
    assert proc.returncode == 1
    assert "YYYY-MM-DD" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_output_format_lists_the_formats(reports: Path, tmp_path: Path) -> None:
    proc = frontmap("extract", str(reports), "-o", str(tmp_path / "x.shp"))
    assert proc.returncode != 0
    assert ".gpkg" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.shp").exists()


def test_readable_summary(reports: Path) -> None:
    proc = frontmap("extract", str(reports / "b.txt"))
    assert proc.returncode == 0, proc.stderr
    assert "b.txt  (no date found)" in proc.stdout
    assert "claim: distance 3 km for RU" in proc.stdout


def test_json_is_deterministic(reports: Path) -> None:
    first = frontmap("extract", str(reports), "--json").stdout
    assert first and first == frontmap("extract", str(reports), "--json").stdout


def test_extract_all_gives_each_reports_own_extraction_in_batches_and_in_processes() -> None:
    # extract_all runs the stages over batches of reports (and over processes with -j); each report's result
    # must be exactly what extract() gives it alone, in input order, with progress after every report.
    from frontmap.articles import read_articles
    from frontmap.gazetteer import Gazetteer
    from frontmap.pipeline import BATCH, extract, extract_all

    g = Gazetteer.load()
    articles = read_articles([Path(__file__).parent.parent / "examples" / "articles"])
    corpus = (articles * (2 * BATCH // len(articles) + 2))[: 2 * BATCH + 3]  # three batches, the last short
    alone = [extract(a, g) for a in corpus]
    seen: list[tuple[int, int]] = []
    assert extract_all(corpus, g, progress=lambda done, total: seen.append((done, total))) == alone
    assert seen == [(i, len(corpus)) for i in range(1, len(corpus) + 1)]
    assert extract_all(corpus, g, processes=2) == alone
    assert sum(len(ex.claims) for ex in alone) > len(corpus)  # the reports do have claims to compare
