"""Property tests for the trigger words: the cheap prefilter must never hide a match of the patterns it guards.

Each family's trigger words decide whether its matchers run on a sentence at all, so a verb that no trigger
word announces would silently never be found. Hypothesis writes strings that each verb pattern (and each
"we"/"the enemy" phrase) matches, in any case, spacing and words where the pattern allows some, and checks
that the trigger words see them.
"""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from frontmap.claims.extract import _find_triggers
from frontmap.claims.tables import _lower_letters, load_tables, lower_twin
from frontmap.claims.text import CASEFOLD_HAZARDS, lower_in_place

#: Examples per pattern: enough to meet each alternative of a pattern; FRONTMAP_HYPOTHESIS_EXAMPLES raises it
#: for a deeper local run.
EXAMPLES = int(os.environ.get("FRONTMAP_HYPOTHESIS_EXAMPLES", "15"))

VERB_ROWS = [
    json.loads(line)
    for line in resources.files("frontmap.claims").joinpath("data/verbs.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


def _families(text: str) -> frozenset[str]:
    return _find_triggers(load_tables(), text.lower()).families


def _matches(pattern: str) -> st.SearchStrategy[str]:
    """Whole matches of a verb pattern, as a sentence would hold them (letters the case-insensitive match folds
    unlike str.lower, such as the long s, are the extractor's known limit and left out)."""
    rx = re.compile(pattern, re.IGNORECASE)
    return st.from_regex(rx, fullmatch=True).filter(lambda s: not any(c in s for c in CASEFOLD_HAZARDS))


ACTORS = json.loads(resources.files("frontmap.claims").joinpath("data/actors.json").read_text("utf-8"))
#: (family, pattern): every verb must carry a "verbs" trigger; a capture verb a "capture_verbs" one (else a
#: sentence without a figure skips the verb matchers); "we", "our own", "the enemy" their family's.
GUARDED = (
    [("verbs", r["pattern"]) for r in VERB_ROWS]
    + [("capture_verbs", r["pattern"]) for r in VERB_ROWS if r.get("capture") and not r.get("entry")]
    + [(family, pattern) for family in ("self", "enemy") for pattern in ACTORS[family]]
)


@pytest.mark.parametrize(("family", "pattern"), GUARDED, ids=[f"{f}:{p[:40]}" for f, p in GUARDED])
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_guarded_phrase_has_its_trigger(family: str, pattern: str, data: st.DataObject) -> None:
    text = data.draw(_matches(pattern))
    assume(text.strip())
    assert family in _families(f"Then {text} there."), text


def test_verbs_that_capture_nothing_skip_the_verb_matchers() -> None:
    t = load_tables()
    assert "capture_verbs" not in _families("Military analysts said the advance would be the largest.")
    assert "capture_verbs" not in _families("Both sides claimed gains.")
    assert "capture_verbs" in _families("Russian forces gained control of the village.")
    assert "capture_verbs" in _families("Russian forces captured the village.")
    assert set(t.triggers["capture_verbs"]) < set(t.triggers["verbs"])


@pytest.mark.parametrize("letter", list(CASEFOLD_HAZARDS), ids=[f"U+{ord(c):04X}" for c in CASEFOLD_HAZARDS])
def test_a_letter_that_folds_oddly_hides_no_claim(letter: str) -> None:
    # "İ" lower-cases to two characters and the others fold unlike str.lower: trigger positions must still hold.
    from frontmap.claims import extract_claims
    from frontmap.records import Article

    text = f"After talks in X{letter}yz stalled, Ukrainian forces recaptured 40 square kilometres, the army said."
    claims = extract_claims(Article("h", text), [])
    assert [(c.kind, c.value, c.gainer, c.claimant) for c in claims] == [("area", 40.0, "UA", "the army")]
    assert text[claims[0].start : claims[0].end] == "40 square kilometres"



# --------------------------------------------------------------------------- case-sensitive twins

#: Sentences full of quantities, verbs and speakers: the claims table's own (tests/cases/claims.jsonl).
CASE_SENTENCES = [
    json.loads(line)["text"]
    for line in (Path(__file__).parent / "cases" / "claims.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("name", sorted(load_tables().lower))
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None)
@given(data=st.data())
def test_a_twin_matches_where_its_matcher_does(name: str, data: st.DataObject) -> None:
    # The case-sensitive twin, on the lower-cased text, must match at exactly the places and spans where the
    # case-insensitive matcher matches the text, whatever the letters' case, with its groups lower-cased: on
    # the claims table's sentences and on sentences around strings the matcher itself matches.
    t = load_tables()
    rx, twin = getattr(t, name), t.lower[name]
    drawn = st.from_regex(rx, fullmatch=True).filter(lambda s: not any(c in s for c in CASEFOLD_HAZARDS))
    text = data.draw(st.one_of(st.sampled_from(CASE_SENTENCES), drawn.map(lambda x: f"They said {x} on Monday.")))
    rnd = data.draw(st.randoms(use_true_random=False))  # which letters change case
    text = "".join(c.swapcase() if len(c.swapcase()) == 1 and rnd.random() < 0.5 else c for c in text)
    low = lower_in_place(text)
    for pos in range(len(text)):
        m, w = rx.match(text, pos), twin.match(low, pos)
        assert (m and m.span()) == (w and w.span()), (text, pos)
        if m and w:
            assert [g and g.lower() for g in m.groups()] == list(w.groups())


@pytest.mark.parametrize("name", sorted(load_tables().lower))
def test_the_twins_property_is_tried_on_sentences_it_matches(name: str) -> None:
    twin = load_tables().lower[name]
    hits = sum(1 for text in CASE_SENTENCES for pos in range(len(text)) if twin.match(text.lower(), pos))
    assert hits >= 10, f"{name}: too few matches in the table's sentences for the property to mean much"


def test_a_twin_exists_only_for_a_pattern_of_lower_case_letters() -> None:
    assert lower_twin(re.compile(r"captur\w+|взят\w*", re.IGNORECASE)) is not None
    assert lower_twin(re.compile(r"captur\w+")) is None  # already case-sensitive
    assert lower_twin(re.compile(r"Russian\s+forces", re.IGNORECASE)) is None  # an upper-case letter
    assert lower_twin(re.compile(r"(?-i:[A-Z])\w+", re.IGNORECASE)) is None  # a case-sensitive part
    assert lower_twin(re.compile(r"[a-z]{2}[À-ÿ]", re.IGNORECASE)) is None  # a range with upper-case letters
    assert lower_twin(re.compile(r"stra(?:ß|ss)e", re.IGNORECASE)) is None  # "ß" folds unlike str.lower


def test_lexicon_words_are_written_in_lower_case_but_for_escapes_and_case_sensitive_parts() -> None:
    assert _lower_letters(r"Armed\s+Forces\S+of\s+[A-Z]") == r"armed\s+forces\S+of\s+[a-z]"
    assert _lower_letters(r"Сили\s+оборони") == r"сили\s+оборони"
    assert _lower_letters(r"(?-i:May)\s+\d") == r"(?-i:May)\s+\d"  # "May" the month, not "may"
