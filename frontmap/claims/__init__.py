"""Claim extraction: every claim in a report that territory changed hands or is held.

:func:`extract_claims` is a pure function of (article, mentions); :func:`claim_to_dict` gives the
JSON contract of ``frontmap extract --json``. The vocabulary (units, number words, direction verbs,
hedges, claimant cues, the sides' names) is data in ``frontmap/claims/data/``.
"""

from __future__ import annotations

from frontmap.claims.extract import CLAIM_KEYS, claim_to_dict, extract_claims

__all__ = ["CLAIM_KEYS", "claim_to_dict", "extract_claims"]
