"""The claim vocabulary (``data/*.json``) compiled once into regular expressions.

Everything that decides what a report's words mean lives in the data files: unit words,
number words, direction verbs, qualifiers, hedges, claimant cues, the sides' names.
:func:`load_tables` reads and compiles them once per process (an ``lru_cache`` of
immutable constants, not mutable module state).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from frontmap.claims.numbers import fraction_pattern, number_pattern, number_words, vague_pattern

_F = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit row: its regex, code, claim kind and factor to km2/km (``scale`` rescales the value)."""

    rx: re.Pattern[str]
    unit: str
    kind: str
    to_base: float
    scale: float


@dataclass(frozen=True, slots=True)
class Verb:
    """One direction verb: ``effect`` is what happens to the side doing it (gain, loss, hold)."""

    rx: re.Pattern[str]
    effect: str
    capture: bool
    liberate: bool
    move: bool
    push_back: bool
    entry: bool
    weak: bool
    subject_names: (
        bool  # the place is the subject: "X fell to Russian forces", "X is now under Russian control"
    )


@dataclass(frozen=True, slots=True)
class Tables:
    """Compiled matchers; built by :func:`load_tables`."""

    quantity: re.Pattern[str]
    settlements: re.Pattern[str]
    fraction: re.Pattern[str]
    settlement_total: re.Pattern[str]
    weak_cues: re.Pattern[str]
    units: tuple[Unit, ...]
    verbs: tuple[Verb, ...]
    verb_any: re.Pattern[str]
    verb_combined: re.Pattern[str]
    triggers: dict[str, tuple[str, ...]]
    trigger_rx: dict[str, re.Pattern[str]]
    trigger_prefix: dict[str, frozenset[str]]
    trigger_exact: dict[str, frozenset[str]]
    trigger_prefix_max: int
    number_tokens: frozenset[str]
    verb_exclusions: re.Pattern[str]
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]
    hedges: re.Pattern[str]
    hedge_anaphora: re.Pattern[str]
    cue_after: re.Pattern[str]
    cue_before: re.Pattern[str]
    quote_verbs: re.Pattern[str]
    generic_claimant: re.Pattern[str]
    person_pronoun: re.Pattern[str]
    blockers_before: re.Pattern[str]
    blockers_after: re.Pattern[str]
    blocker_contexts: re.Pattern[str]
    partial_objects: re.Pattern[str]
    locate_verbs: re.Pattern[str]
    distance_after: re.Pattern[str]
    to_target: re.Pattern[str]
    remaining: re.Pattern[str]
    force_nouns: str
    territory_nouns: re.Pattern[str]
    rate_words: re.Pattern[str]
    share_anchor: re.Pattern[str]
    actors: re.Pattern[str]
    side_of_word: dict[str, str]
    side_patterns: tuple[tuple[re.Pattern[str], str], ...]
    people: dict[str, str]
    people_rx: re.Pattern[str]
    institutions: tuple[tuple[re.Pattern[str], str], ...]
    institutions_latin: bool  # any institution pattern with a Latin letter (else only Cyrillic texts match)
    self_rx: re.Pattern[str]
    enemy_rx: re.Pattern[str]
    under_control: re.Pattern[str]


def _read(name: str) -> Any:
    with resources.files("frontmap.claims").joinpath("data", name).open(encoding="utf-8") as fh:
        if name.endswith(".jsonl"):
            return [json.loads(line) for line in fh if line.strip()]
        return json.load(fh)


def _trigger(word: str) -> str:
    # "mi$" is the whole word "mi"; "kilomet" is any word starting so. Words are runs of letters
    # (an apostrophe inside a word, as in Ukrainian "п'ять", is part of it).
    esc = re.escape(word.rstrip("$")).replace("'", "['’ʼ]").replace("’", "['’ʼ]")
    return esc + r"(?![^\W\d_])" if word.endswith("$") else esc


def _words(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


def _bounded(patterns: list[str]) -> str:
    return rf"(?<![\w'’-])(?:{_words(patterns)})(?![\w'’])"


def _trigger_index(triggers: dict[str, list[str]], *, exact: bool) -> dict[str, frozenset[str]]:
    """Trigger word (or prefix) -> the families it belongs to, apostrophes as "'" and without a final dot
    ("sq." is the whole word "sq"): one dictionary look-up per word prefix finds every family of a sentence."""
    index: dict[str, set[str]] = {}
    for family, words in triggers.items():
        if family.startswith("_"):
            continue
        for w in words:
            whole = w.endswith("$")
            key = w.rstrip("$").replace("’", "'").replace("ʼ", "'").rstrip(".")
            if whole == exact and key:
                index.setdefault(key, set()).add(family)
    return {k: frozenset(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    """Read the data files and compile them (once per process).

    >>> load_tables().quantity.search("regained 4,500 sq km (1,737 sq miles)").group("n1")
    '4,500'
    """
    units_raw = _read("units.json")
    lex = _read("lexicon.json")
    actors = _read("actors.json")
    verbs_raw = _read("verbs.jsonl")

    unit_rows = tuple(
        Unit(
            re.compile(rf"(?:{u['pattern']})", _F),
            u["unit"],
            u["kind"],
            float(u["to_base"]),
            float(u.get("scale", 1.0)),
        )
        for u in units_raw["units"]
    )
    unit_alt = "|".join(f"(?:{u['pattern']})" for u in units_raw["units"])
    unit = rf"(?:{unit_alt})(?![\w])"
    num = number_pattern()
    qual_all = _words([q for qs in lex["qualifiers"].values() for q in qs])
    qual = rf"(?<![\w'’-])(?:{qual_all})"
    quantity = re.compile(
        rf"(?:(?P<qual>{qual})\s+)?(?:(?P<from>from|between|от|від|з)\s+)?"
        rf"(?:(?P<n1>{num})|(?P<art>(?<![\w'’-])(?:a|an|one|another)))"
        rf"(?:\s*(?P<u1>{unit}))?"
        rf"(?:\s*(?P<rsep>-|–|—|to|and|до|по)\s*(?P<n2>{num}))?"
        rf"\s*(?P<unit>{unit})"
        rf"(?P<alt>\s*\(\s*(?:(?:{qual_all})\s+)?(?:{num})\s*(?:{unit})\s*\))?",
        _F,
    )
    snouns = _words(units_raw["settlement_nouns"])
    smods = _words(units_raw["settlement_modifiers"])
    settlements = re.compile(
        rf"(?:(?P<qual>{qual})\s+)?(?P<n1>{num}|{vague_pattern()})(?:\s*(?:-|–|to)\s*(?P<n2>{num}))?"
        rf"(?:\s+(?:{smods})(?![\w])){{0,3}}\s+(?P<noun>{snouns})(?![\w])",
        _F,
    )
    settlement_total = re.compile(
        rf"(?:number|кількість|количество|число)\s+(?:of\s+)?(?:[\w-]+\s+){{0,2}}?(?:{snouns})(?![\w])[^.;!?]{{0,160}}?"
        rf"\s(?:{_words(lex['settlement_total_verbs'])})\s+(?:(?P<qual>{qual})\s+)?(?P<n1>{num})(?![\w])",
        _F,
    )
    fraction = re.compile(
        rf"(?:(?P<qual>{qual})\s+)?(?P<frac>{fraction_pattern()})(?=\s+of\b|\s+\w+\s+of\b|\s+(?:территори|території))",
        _F,
    )

    verbs = tuple(
        Verb(
            re.compile(rf"(?<![\w'’-])(?:{v['pattern']})(?![\w'’-])", _F),
            v["effect"],
            bool(v.get("capture")),
            bool(v.get("liberate")),
            bool(v.get("move")),
            bool(v.get("push_back")),
            bool(v.get("entry")),
            bool(v.get("weak")),
            bool(v.get("subject_names")),
        )
        for v in verbs_raw
    )
    verb_any = re.compile(_bounded([v["pattern"] for v in verbs_raw]), _F)
    # One matcher for every verb; the named group says which row matched (rows keep their order).
    verb_combined = re.compile(
        r"(?<![\w'’-])(?:"
        + "|".join(f"(?P<v{i}>{v['pattern']})" for i, v in enumerate(verbs_raw))
        + r")(?![\w'’-])",
        _F,
    )
    nw = number_words()
    number_tokens = frozenset(
        w.split()[0].split("-")[0].replace("’", "'")
        for w in [*nw.units, *nw.tens, *nw.hundreds, *nw.scales, *nw.articles, *nw.vague, *nw.fractions]
    )

    sides = actors["sides"]
    side_of_word: dict[str, str] = {}
    for side, groups in sides.items():
        for w in groups["countries"] + groups["adjectives"]:
            side_of_word[re.sub(r"\\s\+", " ", w).lower().replace("’", "'")] = side
    # Entries written as patterns ("Armed\\s+Forces\\s+of\\s+Ukraine") are looked up by matching them.
    side_patterns = tuple(
        (re.compile(w, _F), side)
        for side, groups in sides.items()
        for w in groups["countries"] + groups["adjectives"]
        if re.search(r"[\\\[]", w)
    )
    countries = [w for g in sides.values() for w in g["countries"]]
    adjectives = [w for g in sides.values() for w in g["adjectives"]]
    force = _words(lex["force_nouns"])
    # An actor: a side adjective before a force noun ("Ukrainian units", "Russian occupying forces"),
    # a country or leader name, a possessive pronoun before a force noun ("its forces"), or a subject pronoun.
    actors_rx = re.compile(
        rf"(?<![\w'’-])(?:(?P<adj>{_words(adjectives)})\s+(?:[\w-]+\s+){{0,2}}?(?P<force>{force})(?![\w])"
        rf"|(?P<pron>its|their|his|her|свои|свої|його|їхні)\s+(?:own\s+)?(?:[\w-]+\s+)?(?P<pforce>{force})(?![\w])"
        rf"|(?P<country>{_words(countries)})(?![\w])"
        rf"|(?P<they>they)(?![\w])"
        rf"|(?P<the_force>the\s+(?:army|military|troops|armed\s+forces)|army\s+units|troops)(?![\w])(?!\s+of\s+(?:Ukraine|the\s+Russian)))",
        _F,
    )
    people: dict[str, str] = {}
    for side, names in actors["people"].items():
        for n in names:
            people[n.lower()] = side
    people_rx = re.compile(_bounded([re.escape(n) for n in people]), _F)
    institutions = tuple((re.compile(i["pattern"], _F), i["name"]) for i in actors["institutions"])
    sides_alt = _words(adjectives + countries)
    under_control = re.compile(
        rf"(?:under|под|під)\s+(?:the\s+)?(?:full\s+|complete\s+)?"
        rf"(?:control\s+of\s+(?:the\s+)?(?P<a>{sides_alt})"
        rf"|(?P<b>{sides_alt})(?:\s+[\w-]+){{0,2}}?\s+(?:control|occupation|контроль|контролем))"
        rf"|(?:под|під)\s+контроль?\w*\s+(?P<c>{_words(adjectives + countries)})",
        _F,
    )

    return Tables(
        quantity=quantity,
        settlements=settlements,
        fraction=fraction,
        settlement_total=settlement_total,
        weak_cues=re.compile(rf"^(?:{_words(lex['weak_claimant_cues'])})$", _F),
        units=unit_rows,
        verbs=verbs,
        verb_any=verb_any,
        verb_combined=verb_combined,
        triggers={
            k: tuple(x.rstrip("$") for x in v) for k, v in lex["triggers"].items() if not k.startswith("_")
        },
        trigger_rx={
            k: re.compile(
                r"(?<![^\W\d_])(?:" + "|".join(_trigger(x) for x in sorted(v, key=len, reverse=True)) + ")"
            )
            for k, v in lex["triggers"].items()
            if not k.startswith("_")
        },
        trigger_prefix=_trigger_index(lex["triggers"], exact=False),
        trigger_exact=_trigger_index(lex["triggers"], exact=True),
        trigger_prefix_max=max(map(len, _trigger_index(lex["triggers"], exact=False))),
        number_tokens=number_tokens,
        verb_exclusions=re.compile(_bounded(lex["verb_exclusions"]), _F),
        qualifiers=tuple((k, re.compile(rf"(?:{_words(v)})\s*$", _F)) for k, v in lex["qualifiers"].items()),
        hedges=re.compile(_bounded(lex["hedges"]), _F),
        hedge_anaphora=re.compile(_bounded(lex["hedge_anaphora"]), _F),
        cue_after=re.compile(_bounded(lex["claimant_cues_after"]), _F),
        cue_before=re.compile(_bounded(lex["claimant_cues_before"]), _F),
        quote_verbs=re.compile(_bounded(lex["reporting_verbs_for_quotes"]), _F),
        generic_claimant=re.compile(_bounded(lex["generic_claimants"]), _F),
        person_pronoun=re.compile(rf"^(?:{_words(lex['pronouns_person'])})$", _F),
        blockers_before=re.compile(rf"(?<![\w'’-])(?:{_words(lex['blockers_before_verb'])})$", _F),
        blockers_after=re.compile(rf"^\W*(?:{_words(lex['blockers_after_verb'])})(?![\w])", _F),
        blocker_contexts=re.compile(_words(lex["blocker_contexts"]), _F),
        partial_objects=re.compile(rf"^\s*(?:the\s+)?(?:{_words(lex['partial_objects'])})(?![\w])", _F),
        locate_verbs=re.compile(_bounded(lex["locate_verbs"]), _F),
        distance_after=re.compile(rf"^\s*(?:{_words(lex['distance_markers_after'])})(?![\w])", _F),
        to_target=re.compile(rf"^\s*(?:[\w-]+\s+){{0,2}}?(?:{_words(lex['distance_to_target'])})", _F),
        remaining=re.compile(rf"^\s*(?:{_words(lex['remaining_distance'])})", _F),
        force_nouns=force,
        territory_nouns=re.compile(_bounded(lex["territory_nouns"]), _F),
        rate_words=re.compile(rf"^\s*(?:{_words(lex['rate_words'])})(?![\w])", _F),
        share_anchor=re.compile(rf"(?:{_words(lex['share_anchor_before'])})\s*$", _F),
        actors=actors_rx,
        side_of_word=side_of_word,
        side_patterns=side_patterns,
        people=people,
        people_rx=people_rx,
        institutions=institutions,
        institutions_latin=any(
            re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]", "", rx.pattern)) for rx, _ in institutions
        ),
        self_rx=re.compile(_bounded(actors["self"]), _F),
        enemy_rx=re.compile(_bounded(actors["enemy"]), _F),
        under_control=under_control,
    )
