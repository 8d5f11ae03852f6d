"""Claim extraction measured on the labelled development corpus with its own scorer.

Skips without ../shared. The bars are issue 4's acceptance points: claim F1 >= 0.85 and,
of the matched claims, the right place or region >= 0.85, claimant >= 0.80, date >= 0.85.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest


def _scorer(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("frontmap_dev_scorer", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_scores(shared_dir: Path, gazetteer: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from frontmap.articles import read_articles
    from frontmap.pipeline import extract, extraction_to_dict

    articles = read_articles([shared_dir / "eval" / "dev" / "articles"], errors=[])
    preds = [extraction_to_dict(extract(a, gazetteer)) for a in articles]
    out = tmp_path_factory.mktemp("eval") / "dev-preds.json"
    out.write_text(json.dumps(preds, ensure_ascii=False), encoding="utf-8")
    scorer = _scorer(shared_dir)
    gold = scorer.load([str(shared_dir / "eval" / "dev" / "gold.json")])
    result, _rows = scorer.score(gold, scorer.load([str(out)]))
    print(
        "dev claims: P %.3f R %.3f F1 %.3f; of matched: place %.3f claimant %.3f date %.3f"
        % (result["claim_P"], result["claim_R"], result["claim_F1"], result["claim_place_share"],
           result["claim_claimant_share"], result["claim_date_share"])
    )
    return result


def test_claim_f1(dev_scores: dict[str, Any]) -> None:
    assert dev_scores["claim_F1"] >= 0.85


def test_claim_place_or_region(dev_scores: dict[str, Any]) -> None:
    # Measured 0.855 (65 of 76). Most misses left are gold places written as free text that names an
    # area no gazetteer entry or label spells the same way ("Ukraine (east and south), since June").
    assert dev_scores["claim_place_share"] >= 0.85


def test_claim_claimant(dev_scores: dict[str, Any]) -> None:
    assert dev_scores["claim_claimant_share"] >= 0.80


def test_claim_date(dev_scores: dict[str, Any]) -> None:
    assert dev_scores["claim_date_share"] >= 0.85
