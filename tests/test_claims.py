"""Claim extraction: one parametrized test per row of tests/cases/claims.jsonl (sentences written for it),
plus the dev-corpus acceptance figures measured with the corpus's own scorer."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from frontmap.claims import CLAIM_KEYS, claim_to_dict, extract_claims
from frontmap.records import Article, Mention, Place

CASES = Path(__file__).resolve().parent / "cases" / "claims.jsonl"
ROWS: list[dict[str, Any]] = [
    json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()
]
DEFAULTS: dict[str, Any] = {
    "value_min": None,
    "value_max": None,
    "qualifier": None,
    "value_km2": None,
    "claimant": None,
    "hedged": False,
}


def _mentions(doc: str, text: str, specs: list[dict[str, Any]]) -> list[Mention]:
    out = []
    for spec in specs:
        place = Place(
            spec.get("id", "test:" + spec["name"].lower()),
            spec["name"],
            spec["kind"],
            spec.get("country", "UA"),
            spec.get("admin1"),
            None,
            spec["lat"],
            spec["lon"],
            0,
            "point",
            "test",
        )
        # "part" applies to every occurrence; "parts" gives one per occurrence, in order
        for k, m in enumerate(re.finditer(re.escape(spec["surface"]), text)):
            part = spec["parts"][k] if "parts" in spec else spec.get("part")
            out.append(Mention(doc, spec["surface"], m.start(), m.end(), place, part=part))
    return sorted(out, key=lambda m: m.start)


def _close(a: float | None, b: float | None, rel: float = 1e-5) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_claim_case(row: dict[str, Any]) -> None:
    published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
    article = Article(row["id"], row["text"], published=published)
    theatre = None
    if row.get("theatre"):
        spec = row["theatre"]
        theatre = Place(spec.get("id", "country:UA"), spec["name"], "country", spec.get("country", "UA"), None, None,
                        spec["lat"], spec["lon"], 0, "country", "test")
    claims = extract_claims(
        article, _mentions(row["id"], row["text"], row.get("mentions", [])), theatre=theatre
    )
    got = [claim_to_dict(c) for c in claims]
    assert len(got) == len(row["expect"]), f"expected {len(row['expect'])} claims, got {got}"
    for want, have in zip(row["expect"], got, strict=True):
        expect = {**DEFAULTS, **want}
        for key in ("kind", "unit", "gainer", "qualifier", "claimant", "hedged"):
            assert have[key] == expect[key], f"{key}: want {expect[key]!r}, got {have[key]!r} in {have}"
        for key in ("value", "value_min", "value_max", "value_km2"):
            assert _close(have[key], expect[key]), f"{key}: want {expect[key]!r}, got {have[key]!r} in {have}"
        if "published" in row:
            assert have["date"] == expect.get("date", row["published"]), f"date: got {have['date']!r}"
        for key in ("period_start", "period_end"):
            if key in want:
                assert have[key] == want[key], f"{key}: want {want[key]!r}, got {have[key]!r} in {have}"
        if "place" in want:
            assert have["place"] == want["place"] and have["region"] == want["region"], have
        # Every claim traces back to its sentence and span.
        assert have["sentence"] in row["text"] and 0 <= have["start"] < have["end"] <= len(row["text"])
        assert have["doc"] == row["id"]


def test_claim_dict_has_exactly_the_contract_keys() -> None:
    claims = extract_claims(Article("k", "Ukrainian forces recaptured Lyman."), [])
    assert list(claim_to_dict(claims[0])) == list(CLAIM_KEYS)


def test_extraction_is_pure_and_deterministic() -> None:
    text = "\n".join(r["text"] for r in ROWS[:60])
    a = Article("many", text, published=dt.date(2024, 5, 31))
    first = [claim_to_dict(c) for c in extract_claims(a, [])]
    second = [claim_to_dict(c) for c in extract_claims(a, [])]
    assert first == second and len(first) > 20


def test_empty_and_odd_input_give_no_claims() -> None:
    for text in ("", "   ", "\n\n", "%%%", "1,,,2 km km²", '«»“”""'):
        assert extract_claims(Article("odd", text), []) == []


# --------------------------------------------------------------------------- dev corpus acceptance


def _load_scorer(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("frontmap_dev_scorer", shared / "eval" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _dev_article(path: Path, published: str | None) -> Article:
    raw = path.read_text(encoding="utf-8")
    if raw.lstrip().startswith("{"):
        record = json.loads(raw)
        text = "\n\n".join(x for x in (record.get("title"), record.get("textContent")) if x)
    else:
        text = re.sub(r"^\s*date \d{4}-\d\d-\d\d\s*", "", raw)
    return Article(path.name, text, published=dt.date.fromisoformat(published) if published else None)


@pytest.mark.shared
def test_dev_corpus_claim_figures(shared_dir: Path) -> None:
    """Claim F1, and of matched claims the claimant and date agreement, on ../shared/eval/dev (no places)."""
    scorer = _load_scorer(shared_dir)
    dev = shared_dir / "eval" / "dev"
    gold_rows = json.loads((dev / "gold.json").read_text(encoding="utf-8"))
    preds = []
    for g in gold_rows:
        article = _dev_article(dev / "articles" / g["doc"], g.get("published"))
        preds.append(
            {"doc": g["doc"], "places": [], "claims": [claim_to_dict(c) for c in extract_claims(article, [])]}
        )
    gold = scorer.load([str(dev / "gold.json")])
    pred = {p["doc"]: scorer.normalise(p) for p in preds}
    result, _ = scorer.score(gold, pred)
    assert result["claim_F1"] >= 0.85, result
    assert result["claim_claimant_share"] >= 0.80, result
    assert result["claim_date_share"] >= 0.85, result
