"""The claim vocabulary (``data/*.json``) compiled once into regular expressions.

Everything that decides what a report's words mean lives in the data files: unit words,
number words, direction verbs, qualifiers, hedges, claimant cues, the sides' names.
:func:`load_tables` reads and compiles them once per process (an ``lru_cache`` of
immutable constants, not mutable module state).
"""

from __future__ import annotations

import json
import re
import re._constants as _sre  # the parsed form of a pattern (as in Python 3.11 to 3.13)
import re._parser as _sre_parse
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import ahocorasick

from frontmap.claims.numbers import fraction_pattern, number_pattern, number_words, vague_pattern
from frontmap.claims.text import shortest_prefixes

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
    quantity_lead: re.Pattern[str]  # what may come before a quantity's number: a qualifier, "from"
    settlements: re.Pattern[str]
    settlements_lead: re.Pattern[str]  # what may come before a settlement count's number: a qualifier
    fraction: re.Pattern[str]
    settlement_total: re.Pattern[str]
    settlement_total_starts: tuple[str, ...]  # every match of settlement_total starts with one of these
    weak_cues: re.Pattern[str]
    units: tuple[Unit, ...]
    verbs: tuple[Verb, ...]
    verb_any: re.Pattern[str]
    verb_combined: re.Pattern[str]
    triggers: dict[str, tuple[str, ...]]
    trigger_automaton: Any  # an ahocorasick.Automaton of TriggerKey values
    number_tokens: frozenset[str]
    verb_exclusions: re.Pattern[str]
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]
    hedges: re.Pattern[str]
    hedge_anaphora: re.Pattern[str]
    cue_after: re.Pattern[str]
    cue_after_starts: tuple[str, ...] | None  # every match of cue_after starts with one of these (None: unknown)
    cue_before: re.Pattern[str]
    cue_before_starts: tuple[str, ...] | None
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
    actor_starts: tuple[str, ...] | None  # every match of actors starts with one of these (None: unknown)
    side_of_word: dict[str, str]
    side_patterns: tuple[tuple[re.Pattern[str], str], ...]
    people: dict[str, str]
    people_rx: re.Pattern[str]
    institutions: tuple[tuple[re.Pattern[str], str], ...]
    institutions_latin: bool  # any institution pattern with a Latin letter (else only Cyrillic texts match)
    self_rx: re.Pattern[str]
    self_starts: tuple[str, ...] | None  # every match of self_rx starts with one of these (None: unknown)
    enemy_rx: re.Pattern[str]
    enemy_starts: tuple[str, ...] | None
    under_control: re.Pattern[str]
    under_control_starts: tuple[str, ...]  # every match of under_control starts with one of these
    #: Case-sensitive twins (:func:`lower_twin`) of the matchers tried most, by field name, for a lower-cased
    #: text (which ones: see the end of :func:`load_tables`).
    lower: dict[str, re.Pattern[str]]


def _read(name: str) -> Any:
    with resources.files("frontmap.claims").joinpath("data", name).open(encoding="utf-8") as fh:
        if name.endswith(".jsonl"):
            return [json.loads(line) for line in fh if line.strip()]
        return json.load(fh)


_LETTERS_OR_ESCAPE = re.compile(r"\\.|[^\W\d_]+")


def _lower_letters(pattern: str) -> str:
    """``pattern`` with its letters lower-cased and its escapes ("\\S", "\\W") kept: the same pattern when
    case-insensitive, as every table pattern is, and written so that :func:`lower_twin` can give it a twin."""
    if "(?-i" in pattern:
        return pattern  # a part matched case-sensitively keeps its case (and the pattern gets no twin)
    return _LETTERS_OR_ESCAPE.sub(lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(), pattern)


def _words(patterns: list[str]) -> str:
    """An alternation of word patterns, longest first, their letters lower-cased (see :func:`_lower_letters`)."""
    return "|".join(f"(?:{_lower_letters(p)})" for p in sorted(patterns, key=len, reverse=True))


def _folds_as_lower(code: int) -> bool:
    """Does ``str.lower`` keep the character, and case-insensitive matching fold it as ``str.lower`` does? ("µ",
    "ı", "ſ", "ß" do not: their upper case lower-cases to another letter.)"""
    ch = chr(code)
    return ch == ch.lower() and ch.upper().lower() == ch


def _lower_only(items: Any) -> bool:
    """Are the letters of a parsed pattern all lower case, with no part matched case-sensitively?"""
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            if not _folds_as_lower(av):
                return False
        elif op is _sre.IN:
            for sub_op, sub_av in av:
                if sub_op in (_sre.LITERAL, _sre.NOT_LITERAL) and not _folds_as_lower(sub_av):
                    return False
                if sub_op is _sre.RANGE and not all(map(_folds_as_lower, range(sub_av[0], sub_av[1] + 1))):
                    return False
        elif op is _sre.SUBPATTERN and av[2] & re.IGNORECASE:
            return False  # "(?-i:...)"
        elif isinstance(av, tuple | list):
            for part in av:
                for sub in part if isinstance(part, list) else [part]:
                    if isinstance(sub, _sre_parse.SubPattern) and not _lower_only(sub):
                        return False
    return True


def lower_twin(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""The case-sensitive twin of a case-insensitive pattern whose letters are all lower case: on a text
    lower-cased in place that has none of ``CASEFOLD_HAZARDS`` it matches exactly where ``rx`` matches in the
    text, with the same spans and the same groups lower-cased, and in about half the time (case-insensitive
    matching folds every character it compares). None when ``rx`` is case-sensitive or has an upper-case
    letter or a case-sensitive part.

    >>> lower_twin(re.compile(r"captur\w+", re.I)).match("captured")
    <re.Match object; span=(0, 8), match='captured'>
    >>> lower_twin(re.compile(r"(?-i:[A-Z])\w+", re.I)) is None
    True
    """
    if not rx.flags & re.IGNORECASE or not _lower_only(_sre_parse.parse(rx.pattern, rx.flags)):
        return None
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)


def _bounded(patterns: list[str]) -> str:
    return rf"(?<![\w'’-])(?:{_words(patterns)})(?![\w'’])"


_LEADING_LETTERS = re.compile(r"[^\W\d_]+")


def _top_level_alternation(pattern: str) -> bool:
    """Does ``pattern`` have a "|" outside any group or character class?"""
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # skip the class: "[^]x]", "[a\\]]"
            i += 1
            if pattern[i : i + 1] == "^":
                i += 1
            if pattern[i : i + 1] == "]":
                i += 1
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


def _leading_words(patterns: list[str]) -> tuple[str, ...] | None:
    """The letters every match of each pattern starts with, lower-cased ("holds?\\s+talks" -> "hold"), so a
    text can be searched for these cheap strings before the patterns are tried; None when a pattern does not
    start with a plain letter or has alternatives of its own at the top level."""
    out: set[str] = set()
    for pattern in patterns:
        if _top_level_alternation(pattern):
            return None
        m = _LEADING_LETTERS.match(pattern)
        lead = m.group(0) if m else ""
        if pattern[len(lead) : len(lead) + 1] in ("?", "*", "{"):
            lead = lead[:-1]  # "holds?": the last letter is optional
        if not lead:
            return None
        out.add(lead.lower())
    return shortest_prefixes(out)  # "holding" is found where "hold" is


class TriggerKey(NamedTuple):
    """What a trigger string found in a lower-cased sentence (apostrophes written "'") may stand for.

    A word of the sentence (a run of letters, apostrophes inside it included) is in a family when it starts
    with one of the family's prefixes, or is one of its whole words (or is one before an apostrophe: "kyiv's");
    ``prefix_of`` and ``whole_of`` name those families (keys without a final dot: "sq." is the word "sq").
    ``alternatives`` are the (family, rank, whole word) under which the string, dot kept, is one of the
    family's trigger words as a scan finds them: where no letter precedes, the family's first word in order
    (longest first; a whole word only when no letter follows), the scan going on after it."""

    size: int
    prefix_of: frozenset[str]
    whole_of: frozenset[str]
    alternatives: tuple[tuple[str, int, bool], ...]
    apostrophe: bool


def _trigger_automaton(triggers: dict[str, list[str]]) -> Any:
    """One Aho-Corasick automaton over every family's trigger words: a single pass over a sentence finds them
    all, where a regular expression per family (an alternation of many words) would try each at every
    position. Values are :class:`TriggerKey`."""
    prefix_of: dict[str, set[str]] = {}
    whole_of: dict[str, set[str]] = {}
    alternatives: dict[str, list[tuple[str, int, bool]]] = {}
    for family, words in triggers.items():
        if family.startswith("_"):
            continue
        for w in words:
            if "ʼ" in w:  # the text's "ʼ" is a letter; only "'" and "’" stand for an apostrophe in a trigger
                raise ValueError(f"trigger {w!r}: write apostrophes as ' or ’")
            whole = w.endswith("$")
            key = w.rstrip("$").replace("’", "'").rstrip(".")
            if key:
                (whole_of if whole else prefix_of).setdefault(key, set()).add(family)
        for rank, w in enumerate(sorted(words, key=len, reverse=True)):
            alternatives.setdefault(w.rstrip("$").replace("’", "'"), []).append((family, rank, w.endswith("$")))
    automaton = ahocorasick.Automaton()
    for key in prefix_of.keys() | whole_of.keys() | alternatives.keys():
        automaton.add_word(
            key,
            TriggerKey(
                len(key),
                frozenset(prefix_of.get(key, ())),
                frozenset(whole_of.get(key, ())),
                tuple(alternatives.get(key, ())),
                "'" in key,
            ),
        )
    automaton.make_automaton()
    return automaton


def _with_capture_verbs(triggers: dict[str, list[str]]) -> dict[str, list[str]]:
    """The lexicon's trigger families and "capture_verbs": the "verbs" triggers less "_verbs_no_capture", those
    that start only verbs that name no captured place ("advanced", "claimed"). A sentence without one has no
    capture verb, so its verbs are looked for only when it has a figure."""
    no_capture = set(triggers["_verbs_no_capture"])
    unknown = no_capture.difference(triggers["verbs"])
    if unknown:
        raise ValueError(f"lexicon.json: _verbs_no_capture has words that are not verbs triggers: {sorted(unknown)}")
    return {**triggers, "capture_verbs": [w for w in triggers["verbs"] if w not in no_capture]}


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    """Read the data files and compile them (once per process).

    >>> load_tables().quantity.search("regained 4,500 sq km (1,737 sq miles)").group("n1")
    '4,500'
    """
    units_raw = _read("units.json")
    lex = _read("lexicon.json")
    triggers = _with_capture_verbs(lex["triggers"])
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
    qual_lead = rf"(?:(?P<qual>{qual})\s+)?"
    quantity_lead = rf"{qual_lead}(?:(?P<from>from|between|от|від|з)\s+)?"
    quantity = re.compile(
        rf"{quantity_lead}"
        rf"(?:(?P<n1>{num})|(?P<art>(?<![\w'’-])(?:a|an|one|another)))"
        rf"(?:\s*(?:[-‑]\s*)?(?P<u1>{unit}))?"  # "10-km" as well as "10 km"
        rf"(?:\s*(?P<rsep>-|–|—|to|and|до|по)\s*(?P<n2>{num}))?"
        rf"\s*(?:[-‑]\s*)?(?P<unit>{unit})"
        rf"(?P<alt>\s*\(\s*(?:(?:{qual_all})\s+)?(?:{num})\s*(?:{unit})\s*\))?",
        _F,
    )
    snouns = _words(units_raw["settlement_nouns"])
    smods = _words(units_raw["settlement_modifiers"])
    settlements = re.compile(
        rf"{qual_lead}(?P<n1>{num}|{vague_pattern()})(?:\s*(?:-|–|to)\s*(?P<n2>{num}))?"
        rf"(?:\s+(?:{smods})(?![\w])){{0,3}}\s+(?P<noun>{snouns})(?![\w])",
        _F,
    )
    total_nouns = ("number", "кількість", "количество", "число")
    settlement_total = re.compile(
        rf"(?:{'|'.join(total_nouns)})\s+(?:of\s+)?(?:[\w-]+\s+){{0,2}}?(?:{snouns})(?![\w])[^.;!?]{{0,160}}?"
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
    possessives = ["its", "their", "his", "her", "свои", "свої", "його", "їхні"]
    actors_rx = re.compile(
        rf"(?<![\w'’-])(?:(?P<adj>{_words(adjectives)})\s+(?:[\w-]+\s+){{0,2}}?(?P<force>{force})(?![\w])"
        rf"|(?P<pron>{'|'.join(possessives)})\s+(?:own\s+)?(?:[\w-]+\s+)?(?P<pforce>{force})(?![\w])"
        rf"|(?P<country>{_words(countries)})(?![\w])"
        rf"|(?P<they>they)(?![\w])"
        rf"|(?P<the_force>the\s+(?:army|military|troops|armed\s+forces)|army\s+units|troops)(?![\w])(?!\s+of\s+(?:ukraine|the\s+russian)))",
        _F,
    )
    # The words an actor starts with: each alternative of actors_rx above begins with one.
    actor_starts = _leading_words([*adjectives, *possessives, *countries, "they", "the", "army", "troops"])
    people: dict[str, str] = {}
    for side, names in actors["people"].items():
        for n in names:
            people[n.lower()] = side
    people_rx = re.compile(_bounded([re.escape(n) for n in people]), _F)
    institutions = tuple((re.compile(i["pattern"], _F), i["name"]) for i in actors["institutions"])
    sides_alt = _words(adjectives + countries)
    under = ("under", "into", "под", "під")
    # Who holds a place: "under Russian control", "into Ukrainian hands" ("into the Russian occupation zone" is
    # where an advance goes, not who holds what it took).
    under_control = re.compile(
        rf"(?:under|под|під)\s+(?:the\s+)?(?:full\s+|complete\s+)?"
        rf"(?:control\s+of\s+(?:the\s+)?(?P<a>{sides_alt})"
        rf"|(?P<b>{sides_alt})(?:\s+[\w-]+){{0,2}}?\s+(?:control|occupation|hands|контроль|контролем))"
        rf"|(?:под|під)\s+контроль?\w*\s+(?P<c>{_words(adjectives + countries)})"
        rf"|into\s+(?P<d>{sides_alt})\s+hands\b",
        _F,
    )

    quantity_lead_rx = re.compile(quantity_lead, _F)
    hedges = re.compile(_bounded(lex["hedges"]), _F)
    cue_after = re.compile(_bounded(lex["claimant_cues_after"]), _F)
    cue_before = re.compile(_bounded(lex["claimant_cues_before"]), _F)
    lower = {
        name: twin
        for name, rx in (
            ("quantity", quantity),
            ("quantity_lead", quantity_lead_rx),
            ("cue_before", cue_before),
            ("cue_after", cue_after),
            ("verb_combined", verb_combined),
            ("actors", actors_rx),
            ("hedges", hedges),
        )
        if (twin := lower_twin(rx)) is not None
    }
    return Tables(
        quantity=quantity,
        quantity_lead=quantity_lead_rx,
        settlements=settlements,
        settlements_lead=re.compile(qual_lead, _F),
        fraction=fraction,
        settlement_total=settlement_total,
        settlement_total_starts=total_nouns,
        weak_cues=re.compile(rf"^(?:{_words(lex['weak_claimant_cues'])})$", _F),
        units=unit_rows,
        verbs=verbs,
        verb_any=verb_any,
        verb_combined=verb_combined,
        triggers={k: tuple(x.rstrip("$") for x in v) for k, v in triggers.items() if not k.startswith("_")},
        trigger_automaton=_trigger_automaton(triggers),
        number_tokens=number_tokens,
        verb_exclusions=re.compile(_bounded(lex["verb_exclusions"]), _F),
        qualifiers=tuple((k, re.compile(rf"(?:{_words(v)})\s*$", _F)) for k, v in lex["qualifiers"].items()),
        hedges=hedges,
        hedge_anaphora=re.compile(_bounded(lex["hedge_anaphora"]), _F),
        cue_after=cue_after,
        cue_after_starts=_leading_words(lex["claimant_cues_after"]),
        cue_before=cue_before,
        cue_before_starts=_leading_words(lex["claimant_cues_before"]),
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
        actor_starts=actor_starts,
        side_of_word=side_of_word,
        side_patterns=side_patterns,
        people=people,
        people_rx=people_rx,
        institutions=institutions,
        institutions_latin=any(
            re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]", "", rx.pattern)) for rx, _ in institutions
        ),
        self_rx=re.compile(_bounded(actors["self"]), _F),
        self_starts=_leading_words(actors["self"]),
        enemy_rx=re.compile(_bounded(actors["enemy"]), _F),
        enemy_starts=_leading_words(actors["enemy"]),
        under_control=under_control,
        under_control_starts=under,
        lower=lower,
    )
