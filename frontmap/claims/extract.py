"""Claim extraction: find figure and verb spans, then decide what they mean.

Stage 1 finds spans with the compiled tables (quantities, settlement counts, shares written as
words, direction verbs, actors, claimant cues, dates, hedges). Stage 2 decides: is the figure a
territorial claim, which side gained, who says so, when, about which place, and is it hedged.
Stage 3 merges restatements of one claim within the report.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from frontmap.claims.dates import DateExpr, find_dates
from frontmap.claims.numbers import parse_fraction, parse_number
from frontmap.claims.tables import Tables, Unit, Verb, load_tables, lower_twin
from frontmap.claims.text import (
    CASEFOLD_HAZARDS,
    Sentence,
    finditer_at,
    lower_in_place,
    lowered_exactly,
    quote_spans,
    split_sentences,
)
from frontmap.records import KM2_PER_UNIT, LIST_GAP, Article, Claim, Mention, Place

OTHER = {"UA": "RU", "RU": "UA"}
_CAP = r"[A-ZА-ЯЁІЇЄҐ]"
_NAME_WORD = rf"{_CAP}[\w'’ʼ.\-]*"
# Compiled once (a pattern built inside a function is formatted and looked up in re's cache on every call).
_CAP_RX = re.compile(_CAP)
_CAP_NOT_FIRST = re.compile(rf"(?<!^){_CAP}")
_SPACE_CAP = re.compile(rf"\s+{_CAP}")
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[\s-]+{_NAME_WORD}){{0,2}}")
_NAME_LEAD = re.compile(rf"(?:(?:{_NAME_WORD}|of|the|de)\s+)*{_NAME_WORD}")
_NAMES_BEFORE = re.compile(rf"(?:{_NAME_WORD}\s+){{0,2}}$")
_SUBJECT_NAME = re.compile(rf"\s*((?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD})")
_LIST_BEFORE = re.compile(rf"{_NAME_WORD}(?:\s*,|\s+(?:and|і|и|та))\s*$")
_NEXT_NAME = re.compile(rf"\s*(?:(?:and|і|и|та)\s+(?:also\s+)?)?{_CAP}")
_REGION_OF_COUNTRY = re.compile(
    rf"\s+(?:eastern\s+|southern\s+|northern\s+|western\s+)?{_CAP}\w+\s+(?:region|oblast|province)"
)
_CLAUSE_BREAK = re.compile(
    r"[;:]|\s[–—]\s|\b(?:that|which|where|while|but|whereas|although|though|after|before|when|что|які|який|которые|который|але|но)\b",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(  # capitalised words that never start a place name  # noqa: SIM905
    """the a an and or but in on at of to from by for with as this that these those it its he she they we
    our their his her monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec region oblast province district raion republic front direction axis sector city town
    village settlement area territory ukraine russia moscow kyiv kiev kremlin ukrainian russian
    ukrainians russians donbas donbass crimea putin zelensky zelenskyy earlier later also meanwhile
    however but yet so then now still already according source context update read more about around
    some more less nearly almost over up under this those it they he she we our their his her after
    before if when while since during both all each every many most several dozens hundreds thousands
    only just even last next another other such what who where why how no not neither either there here
    more fewer roughly approximately some as""".split()
)
_REGION_WORDS = re.compile(
    r"^\s*(?:'s\s+)?(?:region|oblast|province|district|raion|rayon|republic|people's\s+republic|област\w*|регион\w*|район\w*|республик\w*)\b",
    re.IGNORECASE,
)
_SETTLEMENT_KINDS = frozenset({"settlement", "admin3", "admin2"})
_ROLE_WORDS = re.compile(
    r"\b(?:minister|ministry|chief|head|spokes(?:man|woman|person)|governor|commander|president|general|officer|analyst|"
    r"expert|adviser|advisor|deputy|director|secretary|mayor|official|leader|staff|press|service|correspondent|"
    r"министр\w*|глав\w*|начальник\w*|командующ\w*|губернатор\w*|эксперт\w*|заступник\w*|керівник\w*|речник\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Actor:
    start: int
    end: int
    side: str | None
    kind: str  # actor | pron | self | enemy | source


@dataclass(slots=True)
class _Attribution:
    claimant: str | None
    sentence: int
    date: DateExpr | None
    side: str | None = None
    kind: str = "named"  # named | generic | pronoun
    weak: bool = False  # a headline label ("Zelensky: ...") or a weak cue ("put", "cited")
    pos: int = -1  # where the cue is in its sentence


@dataclass(slots=True)
class _Draft:
    kind: str
    value: float | None
    unit: str | None
    start: int
    end: int
    sent: int
    value_min: float | None = None
    value_max: float | None = None
    qualifier: str | None = None
    value_km2: float | None = None
    gainer: str | None = None
    names: tuple[tuple[int, int], ...] = ()
    mention: Mention | None = None
    also: tuple[Mention, ...] = ()
    claimant: str | None = None
    date: dt.date | None = None
    date_explicit: bool = False
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    hedged: bool = False
    region: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Doc:
    article: Article
    text: str
    t: Tables
    sents: list[Sentence]
    quotes: list[tuple[int, int]]
    mentions: list[Mention]
    attr_cache: dict[int, _Attribution | None] = field(default_factory=dict)
    raw_cache: dict[int, _Attribution | None] = field(default_factory=dict)
    actor_cache: dict[int, list[_Actor]] = field(default_factory=dict)
    side_cache: dict[int, str | None] = field(default_factory=dict)

    def actors_of(self, si: int) -> list[_Actor]:
        if si not in self.actor_cache:
            self.actor_cache[si] = _actors(self, self.sents[si])
        return self.actor_cache[si]

    def sentence_side(self, si: int) -> str | None:
        """The side of the last actor of sentence ``si`` that names one (None when none does)."""
        if si not in self.side_cache:
            side = None
            actors = self.actors_of(si)
            for a in reversed(actors):
                if a.kind == "source":
                    continue
                if a.side:
                    side = a.side
                elif a.kind in ("self", "enemy"):
                    side = _resolve_actor(self, si, a, actors)
                else:
                    side = next(
                        (
                            o.side
                            for o in reversed(actors)
                            if o.end <= a.start and o.kind == "actor" and o.side
                        ),
                        None,
                    )
                if side:
                    break
            self.side_cache[si] = side
        return self.side_cache[si]

    own: dict[int, _Attribution | None] = field(
        default_factory=dict
    )  # each sentence's own attribution, found once
    # The speaker each sentence text names (strength, cue position, noun phrase), found once per text.
    said_cache: dict[str, tuple[int, int, str] | None] = field(default_factory=dict)

    token_cache: dict[str, list[str]] = field(default_factory=dict)
    verb_cache: dict[str, list[tuple[re.Match[str], Verb]]] = field(default_factory=dict)
    claimant_cache: dict[str, tuple[str, str | None, str]] = field(default_factory=dict)
    unit_cache: dict[str, Unit | None] = field(default_factory=dict)
    nominal_cache: dict[str, bool] = field(default_factory=dict)
    date_cache: dict[str, list[DateExpr]] = field(default_factory=dict)
    hedge_cache: dict[str, bool] = field(default_factory=dict)
    trigger_cache: dict[str, _Triggers] = field(default_factory=dict)
    starts_cache: dict[str, list[int]] = field(default_factory=dict)
    institutions: list[tuple[int, str]] | None = None
    lower_cache: dict[str, str] = field(default_factory=dict)
    theatre: Place | None = None
    lower_exact: bool = True  # no character that case-insensitive matching folds unlike str.lower()
    mention_starts: list[int] = field(default_factory=list)  # of ``mentions``, which are sorted by start
    mention_span: int = 0  # the longest mention's length

    def locations_in(self, si: int) -> list[Mention]:
        """The location mentions inside sentence ``si``, in text order (found by bisection: ``mentions`` are
        sorted by start)."""
        s = self.sents[si]
        lo = bisect.bisect_left(self.mention_starts, s.start)
        hi = bisect.bisect_right(self.mention_starts, s.end)
        return [m for m in self.mentions[lo:hi] if m.end <= s.end and m.role == "location"]

    def triggers(self, text: str) -> _Triggers:
        """The trigger words of ``text`` (found once per sentence text: every matcher family asks)."""
        found = self.trigger_cache.get(text)
        if found is None:
            found = self.trigger_cache[text] = _find_triggers(self.t, self.lowered(text))
        return found

    def has(self, text: str, family: str) -> bool:
        """Does a word of ``text`` start with one of the family's trigger words?"""
        return family in self.triggers(text).families

    def word_starts(self, text: str) -> list[int]:
        """Where the words of ``text`` start (cached: several matchers anchor on the same sentence)."""
        starts = self.starts_cache.get(text)
        if starts is None:
            starts = self.starts_cache[text] = [m.start() for m in _WORD_START.finditer(text)]
        return starts

    def lowered(self, text: str) -> str:
        low = self.lower_cache.get(text)
        if low is None:
            low = self.lower_cache[text] = lower_in_place(text)  # positions hold: found there, used in text
        return low

    def matcher(self, name: str, text: str) -> tuple[re.Pattern[str], str]:
        """The table's matcher ``name`` and the string to try it on: its case-sensitive twin
        (``Tables.lower``) on the lower-cased text, about twice as fast, when it has one and the report keeps
        positions and folds case as the matchers do (``lower_exact``); else the matcher on ``text``. Matches
        have the same spans either way; a twin's groups are lower-cased."""
        twin = self.t.lower.get(name) if self.lower_exact else None
        return (twin, self.lowered(text)) if twin is not None else (getattr(self.t, name), text)

    def unit_row(self, unit: str) -> Unit | None:
        """The table row of a unit as written ("sq km"; a report writes its units again and again)."""
        if unit not in self.unit_cache:
            self.unit_cache[unit] = next((u for u in self.t.units if u.rx.fullmatch(unit.strip())), None)
        return self.unit_cache[unit]

    def nominal(self, text: str) -> bool:
        """May ``text`` name a capture with a noun ("after the capture of", "liberation")? The gate before
        the nominal capture pattern, whose every match starts a word with a "nominal" trigger. (cached)"""
        found = self.nominal_cache.get(text)
        if found is None:
            # The sentence's trigger words first (found once for every family; exact unless the report has a
            # letter the pattern folds unlike str.lower, CASEFOLD_HAZARDS), the pattern only then, searched on
            # the lower-cased text with a case-sensitive pattern: a case-insensitive search tries every
            # alternative at every position, several times slower.
            if self.lower_exact:
                found = self.has(text, "nominal") and bool(_NOMINAL_HINT_LOW.search(self.lowered(text)))
            else:
                found = bool(_NOMINAL_HINT.search(text))
            self.nominal_cache[text] = found
        return found

    def triggers_in(self, text: str, family: str) -> list[tuple[int, int]]:
        """Spans (in ``text``) of the family's trigger words."""
        return self.triggers(text).spans(family)

    def hedges(self, text: str) -> bool:
        """Does ``text`` hedge ("could not be independently verified")? (cached per sentence text)"""
        found = self.hedge_cache.get(text)
        if found is None:
            if self.has(text, "hedges"):
                rx, subject = self.matcher("hedges", text)  # a search: where a twin gains most
                found = bool(rx.search(subject))
            else:
                found = False
            self.hedge_cache[text] = found
        return found

    def tokens(self, text: str) -> list[str]:
        # Several matcher families look at the words of the same sentence: split it once.
        if text not in self.token_cache:
            self.token_cache[text] = _tokens(text)
        return self.token_cache[text]

    def attr(self, si: int) -> _Attribution | None:
        """Who speaks in sentence ``si`` (pronouns and generic nouns resolved); found on first use."""
        if si not in self.attr_cache:
            self.attr_cache[si] = _resolve_attribution(self, si)
        return self.attr_cache[si]

    def raw_attr(self, si: int) -> _Attribution | None:
        if si not in self.raw_cache:
            self.raw_cache[si] = _find_attribution(self, si) or _quote_attribution(self, si)
        return self.raw_cache[si]

    def dates_in(self, si: int) -> list[DateExpr]:
        """The date expressions of sentence ``si`` (positions in the sentence; cached per sentence text)."""
        text = self.sents[si].text
        found = self.date_cache.get(text)
        if found is None:
            low = self.lowered(text) if self.lower_exact else None  # exact: the text has no casefold hazard
            found = self.date_cache[text] = find_dates(text, self.article.published, low)
        return found


# --------------------------------------------------------------------------- spans

class _Triggers:
    """A sentence's trigger words: the families present (a word of the sentence starts with one of the
    family's prefixes or is one of its whole words) and where each family's trigger words are. (A plain
    class: one is built for every sentence, faster than a dataclass with a default factory.)"""

    __slots__ = ("by_family", "families", "found")

    def __init__(
        self, families: frozenset[str], found: list[tuple[int, int, bool, tuple[tuple[str, int, bool], ...]]]
    ) -> None:
        self.families = families
        # Trigger strings found where no letter precedes: (start, end, a letter follows, TriggerKey.alternatives).
        self.found = found
        self.by_family: dict[str, list[tuple[int, int]]] = {}

    def spans(self, family: str) -> list[tuple[int, int]]:
        """The spans of the family's trigger words: left to right, the family's first word in order at each
        start (a whole word only where no letter follows), none overlapping (worked out on request: few
        families are asked about)."""
        got = self.by_family.get(family)
        if got is None:
            candidates = []
            for start, end, letter_after, alternatives in self.found:
                for fam, rank, whole in alternatives:
                    if fam == family and not (whole and letter_after):
                        candidates.append((start, rank, end))
            candidates.sort()
            got = self.by_family[family] = []
            last_end = 0
            for start, _, end in candidates:
                if not got or start >= last_end:
                    got.append((start, end))
                    last_end = end
        return got


def _is_letter(c: str) -> bool:
    return c.isalnum() and not c.isdecimal()  # the regular expressions' [^\W\d_]


def _find_triggers(t: Tables, low: str) -> _Triggers:
    """The trigger words of a lower-cased sentence, in one pass of the trigger automaton (see
    :class:`frontmap.claims.tables.TriggerKey` for what a found string means where)."""
    n = len(low)
    families: set[str] = set()
    found: list[tuple[int, int, bool, tuple[tuple[str, int, bool], ...]]] = []
    for last, (size, prefix_of, whole_of, alternatives, apostrophe) in t.trigger_automaton.iter(
        low.replace("’", "'").replace("ʼ", "'")  # "ʼ" is a letter, though: tell letters apart on ``low``
    ):
        start, end = last - size + 1, last + 1
        if start:
            before = low[start - 1]
            if before.isalnum() and not before.isdecimal():  # _is_letter, inlined: the loop is hot
                continue  # inside a word
        after = low[end] if end < n else ""
        letter_after = after.isalnum() and not after.isdecimal()
        if alternatives:
            found.append((start, end, letter_after, alternatives))
        if start > 1 and low[start - 1] in "'’" and _is_letter(low[start - 2]):
            continue  # "kyiv's": not the start of a word
        families |= prefix_of
        if whole_of and (
            # The whole word, or its part before an apostrophe ("kyiv's", "kyivʼs").
            not (letter_after or after in "'’" and end + 1 < n and _is_letter(low[end + 1]))
            if apostrophe
            else not letter_after or after == "ʼ"
        ):
            families |= whole_of
    return _Triggers(frozenset(families), found)


_ACTORS_RX1 = re.compile(r"[\w'’]+")
_ACTORS_RX2 = re.compile(r"\s+(?:region|oblast|border|territory|land|soil)", re.IGNORECASE)


def _governing_word(before: str) -> str:
    """The preposition governing a name, past adjectives: "in eastern Ukraine", "from the Russian"."""
    prev_words = _ACTORS_RX1.findall(before.rstrip().lower())[-3:]  # its last words suffice
    pw = ""
    for w in reversed(prev_words):
        if w in (
            "eastern",
            "western",
            "southern",
            "northern",
            "central",
            "occupied",
            "the",
            "all",
            "of",
            "неокупованої",
            "окупованої",
            "восточной",
            "южной",
            "северной",
        ):
            if w == "of":
                pw = w
                break
            continue
        pw = w
        break
    return pw


def _actors(d: _Doc, s: Sentence) -> list[_Actor]:
    out: list[_Actor] = []
    text = s.text
    t = d.t
    if not d.has(text, "actors"):
        return out
    for m in _anchored_at_triggers(d, "actors", text, "actors", 2, t.actor_starts):
        a, b = s.start + m.start(), s.start + m.end()
        if m.group("adj"):
            side = _side_of(t, m.group("adj"))
            out.append(_Actor(a, b, side, "actor"))
        elif m.group("pron") or m.group("they") or m.group("the_force"):
            out.append(_Actor(a, b, None, "pron"))
        else:
            word = m.group("country")
            side = _side_of(t, word)
            after = text[m.end() : m.end() + 40]
            pw = _governing_word(text[max(0, m.start() - 120) : m.start()])
            if pw in ("from", "від", "от", "у", "з"):
                out.append(_Actor(a, b, side, "source"))
                continue
            if pw in {
                "in",
                "into",
                "of",
                "to",
                "across",
                "against",
                "over",
                "with",
                "for",
                "at",
                "near",
                "inside",
                "toward",
                "towards",
                "on",
                "throughout",
                "within",
                "about",
                "than",
                "between",
                "beyond",
                "в",
                "на",
                "по",
                "до",
                "із",
                "против",
                "проти",
            }:
                continue
            # "Ukraine's Donetsk region" names a place, not an actor.
            if _REGION_OF_COUNTRY.match(after):
                continue
            if _ACTORS_RX2.match(after):
                continue
            out.append(_Actor(a, b, side, "actor"))
    # "we", "the enemy": looked for only where their words are (exact unless the text has a letter that
    # case-insensitive matching folds unlike str.lower, CASEFOLD_HAZARDS).
    families = d.triggers(text).families
    for m in _finditer_at(d, t.self_rx, text, t.self_starts) if "self" in families or not d.lower_exact else ():
        out.append(_Actor(s.start + m.start(), s.start + m.end(), None, "self"))
    for m in _finditer_at(d, t.enemy_rx, text, t.enemy_starts) if "enemy" in families or not d.lower_exact else ():
        out.append(_Actor(s.start + m.start(), s.start + m.end(), None, "enemy"))
    out.sort(key=lambda x: x.start)
    return out


@lru_cache(maxsize=16)
def _by_first_letter(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by their first letter: a position is checked against the few that could start there."""
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _anchored_at_triggers(
    d: _Doc,
    name: str,
    text: str,
    family: str,
    words_before: int,
    leads: tuple[str, ...] | None = None,
) -> list[re.Match[str]]:
    """The matches that ``rx.finditer(text)`` gives for the table's matcher ``name`` (see
    :meth:`_Doc.matcher`: their groups may be lower-cased), found only where one of the family's trigger
    words starts (or up to ``words_before`` words earlier, for "the army", "pro-Russian"): far cheaper
    than trying the whole alternation at every position of the text. When every match of ``rx`` starts with
    one of ``leads`` (lower case), only the places where one does are tried."""
    out: list[re.Match[str]] = []
    starts: list[int] = []
    low = d.lowered(text)
    rx, subject = d.matcher(name, text)
    by_letter = _by_first_letter(leads) if leads is not None and d.lower_exact else None
    done = 0
    for pos0, _ in d.triggers_in(text, family):
        if pos0 < done:
            continue
        if not starts:
            starts = d.word_starts(text)
        k = bisect.bisect_right(starts, pos0 - 1)
        for pos in [*starts[max(0, k - words_before) : k], pos0]:
            if pos < done:
                continue
            if by_letter is not None:
                words = by_letter.get(low[pos])
                if words is None or not low.startswith(words, pos):
                    continue  # no match of rx starts here
            m = rx.match(subject, pos)
            if m and m.end() > pos0:
                out.append(m)
                done = m.end()
                break
    return out


def _context_side(d: _Doc, si: int) -> str | None:
    """The side of the latest actor in the sentences before ``si`` (who "they" and "the army" are)."""
    for j in range(si - 1, max(-1, si - 30), -1):
        side = d.sentence_side(j)
        if side:
            return side
    return None


_KEY_RX1 = re.compile(r"\s+")


def _key(word: str) -> str:
    return _KEY_RX1.sub(" ", word).lower().replace("’", "'")


def _side_of(t: Tables, word: str) -> str | None:
    side = t.side_of_word.get(_key(word))
    if side is None:
        side = next((sd for rx, sd in t.side_patterns if rx.fullmatch(word)), None)
    return side


def _resolve_actor(d: _Doc, si: int, actor: _Actor, actors: list[_Actor]) -> str | None:
    if actor.side:
        return actor.side
    if actor.kind in ("self", "enemy"):
        att = d.attr(si)
        speaker = att.side if att else None
        return speaker if actor.kind == "self" else OTHER.get(speaker or "")
    # "its forces", "they": the latest actor before it in the sentence, else the context.
    for other in reversed(actors):
        if other.end <= actor.start and other.kind == "actor" and other.side:
            return other.side
    return _context_side(d, si)


class _VerbHit:
    """A direction verb found in a sentence; whether it is passive or blocked (a forecast, a negation,
    an infinitive) is worked out on first use, since most verbs never need it."""

    __slots__ = ("_b", "_blocked", "_contexts", "_m", "_passive", "_t", "_text", "end", "start", "verb")

    def __init__(
        self,
        start: int,
        end: int,
        verb: Verb,
        t: Tables,
        text: str,
        m: re.Match[str],
        contexts: Callable[[], list[tuple[int, int]]],
    ) -> None:
        self.start, self.end, self.verb = start, end, verb
        self._t, self._text, self._m, self._contexts = t, text, m, contexts
        self._passive: bool | None = None
        self._blocked: bool | None = None

    @property
    def passive(self) -> bool:
        if self._passive is None:
            m, text = self._m, self._text
            before = text[max(0, m.start() - 120) : m.start()]
            progressive = m.group(0).lower().endswith("ing")  # "were advancing" is not a passive
            self._passive = bool(
                (not progressive and _ends_like_passive(before) and _PASSIVE_BEFORE.search(before))
                or _BY_AFTER.match(text[m.end() : m.end() + 12])
                or _SHORT_PASSIVE.match(m.group(0))
            )
        return self._passive

    @property
    def blocked(self) -> bool:
        if self._blocked is None:
            m, text = self._m, self._text
            a = m.start()
            before = text[max(0, a - 120) : a]
            tail = before.rstrip()[-9:]  # what ``_ABLE`` and ``_GERUND_OK`` must end with (cheap tests first)
            if _may_end_with(tail, _ABLE_ENDS) and _ABLE.search(before):
                blocked = False
            elif m.group(0).lower().endswith("ing") and not (
                _may_end_with(tail, _GERUND_OK_ENDS) and _GERUND_OK.search(before)
            ):
                # A gerund ("freeing Izium would be ...") or a noun modifier is not a completed action.
                blocked = True
            else:
                blocked = _blocked(self._t, text[:a], text[m.end() :]) or any(
                    x <= a < y for x, y in self._contexts()
                )
            self._blocked = blocked
        return self._blocked


_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are|be|get|got|gets|has\s+been|have\s+been)\s+(?:[\w-]+ly\s+|now\s+|already\s+|just\s+|reportedly\s+|also\s+)*[\"“«]?\s*$",
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"\s*[\"”»]?\s*by\s+", re.IGNORECASE)
_SHORT_PASSIVE = re.compile(
    r"(?:освобождены|освобожден[аоы]?|звільнено|звільнені|захвачен\w*|взяты|взят[аоы]?|занят[аоы]?|деокупован\w*|освобожденн\w*|звільнен\w*)$",
    re.IGNORECASE,
)
# Before a verb, "to" that is no intention: "managed to take", "claims to control", "continue to hold".
_ABLE = re.compile(
    r"(?:managed|succeeded|been\s+able|were\s+able|was\s+able|claim(?:s|ed|ing)?|continu(?:e|es|ed|ing))\s+(?:in|to)\s*$",
    re.IGNORECASE,
)
_GERUND_OK = re.compile(
    r"(?:,|\band|\bwas|\bwere|\bis|\bare|\bbeen|\bbe|\bkeeps?|\bkept|\bcontinues?\s+to)\s*$", re.IGNORECASE
)
# What the text before a verb ends with (past spaces) when the patterns above can match it.
_ABLE_ENDS = ("in", "to")
_GERUND_OK_ENDS = (",", "and", "was", "were", "is", "are", "been", "be", "keep", "keeps", "kept", "to")
_PASSIVE_LAST_WORDS = frozenset({"was", "were", "been", "being", "is", "are", "be", "get", "got", "gets"})
_PASSIVE_ADVERBS = frozenset({"now", "already", "just", "reportedly", "also"})


def _may_end_with(tail: str, ends: tuple[str, ...]) -> bool:
    """Can a case-insensitive pattern ending in one of ``ends`` (then spaces) match at the end of a text whose
    last characters, past its spaces, are ``tail``? Exact for ASCII; anything else is left to the pattern."""
    return not tail.isascii() or tail.lower().endswith(ends)


def _ends_like_passive(before: str) -> bool:
    """Can ``_PASSIVE_BEFORE`` match at the end of ``before``? Its last word must be an auxiliary ("was") or
    an adverb ("now", "fully") followed by spaces and at most an opening quote: a cheap test before the
    search, which tries every position of the text. Exact for ASCII words; others are left to the pattern."""
    r = before.rstrip()
    if r[-1:] in ('"', "“", "«"):
        quote = r[:-1]
        r = quote.rstrip()
        if r == quote:
            return False  # the quote must follow a space
    elif r == before:
        return False  # the auxiliary or adverb is followed by a space
    k = len(r)
    while k and (r[k - 1].isalnum() or r[k - 1] == "_"):  # the last run of \w: an auxiliary follows \b
        k -= 1
    word = r[k:]
    while k and (r[k - 1].isalnum() or r[k - 1] in "_-"):  # the last run of [\w-]: an adverb follows \s
        k -= 1
    adverb = r[k:]
    if not adverb.isascii():
        return True
    return (
        word.lower() in _PASSIVE_LAST_WORDS or adverb.lower() in _PASSIVE_ADVERBS or adverb.lower().endswith("ly")
    )


_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


_WORD_AT = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _verb_matches(d: _Doc, text: str) -> list[re.Match[str]]:
    """The combined verb matcher, tried only where a trigger word starts (and a few words before it, for
    "were in complete control of"): far cheaper than scanning every position."""
    t = d.t
    late = t.triggers["verbs_late"]
    low = d.lowered(text) if d.lower_exact else None
    out: list[re.Match[str]] = []
    rx, subject = d.matcher("verb_combined", text)  # groups may be lower-cased: _VerbHit reads them so
    done = 0
    for pos0, trig_end in d.triggers_in(text, "verbs"):
        if pos0 < done:
            continue
        if low is not None:
            # Does the word start with a late trigger? (The lower-cased text at the same place, as the late
            # triggers are letters only and a word ends where letters do.)
            is_late = low.startswith(late, pos0)
        else:
            word_end = _WORD_END.match(text, pos0)
            is_late = text[pos0 : word_end.end() if word_end else trig_end].lower().startswith(late)
        if is_late:
            window = text[max(0, pos0 - 60) : pos0]
            base = max(0, pos0 - 60)
            tries = [base + w.start() for w in _WORD_AT.finditer(window)][-5:] + [pos0]
        else:
            tries = [pos0]
        for pos in tries:
            if pos < done:
                continue
            m = rx.match(subject, pos)
            if m and m.end() > pos0:
                out.append(m)
                done = m.end()
                break
    return out


_WORD_END = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _verb_rows(d: _Doc, text: str) -> list[tuple[re.Match[str], Verb]]:
    """The direction verbs of a sentence and their table rows, less those an exclusion covers ("took part")."""
    matches = _verb_matches(d, text)
    if not matches:
        return []
    # Every exclusion starts with the verb it excludes ("took part", "held talks"): tried at each verb only.
    exclusions = d.t.verb_exclusions
    return [
        (m, d.t.verbs[int(m.lastgroup[1:])])  # type: ignore[index]
        for m in matches
        if not exclusions.match(text, m.start())
    ]


def _verbs(d: _Doc, si: int) -> list[_VerbHit]:
    """The direction verbs of sentence ``si`` (one with a "verbs" trigger word: see :func:`_sentence_drafts`)."""
    t = d.t
    s = d.sents[si]
    text = s.text
    rows = d.verb_cache.get(text)
    if rows is None:
        rows = d.verb_cache[text] = _verb_rows(d, text)  # a restated sentence has the same verbs
    if not rows:
        return []
    found: list[list[tuple[int, int]]] = []

    def contexts() -> list[tuple[int, int]]:
        # "the battle to liberate X", "forecast": looked for once per sentence, and only when a verb needs it.
        if not found:
            found.append(
                [(m.start(), m.end()) for m in t.blocker_contexts.finditer(text)]
                if d.has(text, "blocker_contexts")
                else []
            )
        return found[0]

    return [_VerbHit(s.start + m.start(), s.start + m.end(), v, t, text, m, contexts) for m, v in rows]


_WORDS = re.compile(r"[\w'’]+")
_CLAUSE_SPLIT = re.compile(r"[,;:.!?]|\b(?:and|but|while)\b")
_BLOCK_TAIL1 = re.compile(
    r"(?<![\w'’-])(?:to|of|for|on|about|without|before|toward|towards|against|denied|denies|deny)$",
    re.IGNORECASE,
)
_BLOCK_TAIL2 = re.compile(
    r"(?<![\w'’-])(?:failed\s+to|fail\s+to|bid\s+to|aim\s+to|aims\s+to|not\s+to)$", re.IGNORECASE
)
# Case-sensitive: "May" the month is not "may" the modal.
_BLOCK_WINDOW = re.compile(
    r"(?<![\w'’-])(?:will|would|could|can|might|may|must|should|shall|likely|unlikely|[Ii]f|[Ww]hether|[Uu]nless|not|never|n't|"
    r"может|могут|сможет|смогут|будет|будут|чтобы|[Нн]е|можуть|може|зможуть|буде|будуть|щоб|[Яя]кщо|[Ее]сли)(?![\w'’])"
)
_DENIAL_WORDS = ("deni", "deny", "rejected", "refuted", "dismissed")  # every match of _DENIAL has one
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|rejected|refuted|dismissed)\b(?!\s+(?:by|that\s+it\s+had\s+lost))",
    re.IGNORECASE,
)


def _blocked(t: Tables, before: str, after: str) -> bool:
    """Forecasts, intentions, negations, conditions: 'will likely take', 'to liberate', 'if Russia took'."""
    before = before[-160:]
    words = _WORDS.findall(before)
    if not words:
        return False
    clause = _CLAUSE_SPLIT.split(before)[-1]
    cw = _WORDS.findall(clause)
    tail1 = " ".join(words[-1:])
    tail2 = " ".join(words[-2:])
    if _BLOCK_TAIL1.search(tail1):
        return True
    if _BLOCK_TAIL2.search(tail2):
        return True
    window = " ".join(cw[-6:])
    if _BLOCK_WINDOW.search(window):
        return True
    if t.blockers_after.match(after):
        return True
    # A denial says something did not happen: "Ukraine denied that Russian forces had captured Toretsk".
    if before.isascii() and not any(w in before.lower() for w in _DENIAL_WORDS):
        return False  # (a cheap test first: a denial has one of these; exact for ASCII text)
    return bool(_DENIAL.search(before))


_STRIP_TIME_RX1 = re.compile(r"^(?:and|but|then|also|as|so)\s+", re.IGNORECASE)
_STRIP_TIME_RX2 = re.compile(
    r"(?:\s+(?:had|has|have|was|were|is|also|then|later|earlier|again|previously|had\s+earlier|has\s+also))+$",
    re.IGNORECASE,
)
_STRIP_TIME_RX3 = re.compile(
    r"\s+(?:(?:published|released|issued|posted|quoted)\s+)?(?:on|late|early)\s+\w+(?:\s+(?:morning|evening|night))?$",
    re.IGNORECASE,
)
_STRIP_TIME_RX4 = re.compile(
    r"^(?:(?:already|late|early|earlier|later|on|in|by|last|this|and|but|then|also|meanwhile|so|as\s+of)\s+)*"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|"
    r"this\s+week|yesterday|today|the\s+same\s+day|(?:a\s+)?(?:late\s+)?video\s+address(?:\s+on\s+\w+)?)\s*,?\s+",
    re.IGNORECASE,
)


#: The last word of every match of _STRIP_TIME_RX2; the word before the last one or two of
#: _STRIP_TIME_RX3, and the last one when it is two.
_STRIP_TIME_TAILS = (
    "had", "has", "have", "was", "were", "is", "also", "then", "later", "earlier", "again", "previously",
)
_STRIP_TIME_ONS = frozenset({"on", "late", "early"})
_STRIP_TIME_HOURS = frozenset({"morning", "evening", "night"})


def _strip_time(np: str) -> str:
    np = np.strip(" ,")
    for _ in range(3):
        m = _STRIP_TIME_RX4.match(np)
        if not m:
            break
        np = np[m.end() :]
    np = _STRIP_TIME_RX1.sub("", np)
    # The trailing patterns are searched at every position: run them only when the last words could match
    # (exact: a match ends the text, but for a final newline, which ``$`` skips and split() ignores).
    low = lowered_exactly(np)
    if low is None or low.rstrip("\n").endswith(_STRIP_TIME_TAILS):
        np = _STRIP_TIME_RX2.sub("", np)
        low = lowered_exactly(np)
    words = low.rsplit(None, 3) if low is not None else []
    if (
        low is None
        or len(words) >= 2
        and words[-2] in _STRIP_TIME_ONS
        or len(words) >= 3
        and words[-3] in _STRIP_TIME_ONS
        and words[-1] in _STRIP_TIME_HOURS
    ):
        np = _STRIP_TIME_RX3.sub("", np)
    return np.strip(' ,"“”«»')


_NOT_PERSON = _NOT_NAMES - {
    "putin",
    "zelensky",
    "zelenskyy",
    "kremlin",
    "moscow",
    "kyiv",
    "russia",
    "ukraine",
}


_IS_TIME_RX1 = re.compile(
    r"(?:(?:already|late|early|earlier|later|on|in|by|last|this|as\s+of)\s+)*(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?(?:\s+\d{1,2})?|\d{1,2}\s+\w+|"
    r"this\s+week|yesterday|today|earlier|later|meanwhile|however|also|\d{4})",
    re.IGNORECASE,
)


def _is_time(part: str) -> bool:
    return bool(
        _IS_TIME_RX1.fullmatch(part.strip())
    )


def _is_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 5:
        return False  # the cheapest test first: most parts before a cue are whole clauses
    if _is_time(part):
        return False
    caps = [
        w
        for w in words
        if _CAP_RX.match(w) and w.lower().removesuffix("'s").removesuffix("’s") not in _NOT_PERSON
    ]
    return len(caps) >= max(1, len(words) - 1) and not _ROLE_WORDS.search(part)


_LEFT_NP_RX1 = re.compile(r",\s*(?:who|which|whose)\b[^,]*,")
_LEFT_NP_RX2 = re.compile(r"\([^)]*\)")
_LEFT_NP_RX3 = re.compile(r"\s(?:and|but)$")
#: Every match of _CLAUSE_BREAK has one of these in the lower-cased text.
_CLAUSE_BREAK_HINTS = (
    ";", ":", "–", "—", "that", "which", "where", "while", "but", "though", "after", "before", "when",
    "что", "які", "який", "котор", "але", "но",
)


def _may_break_clause(text: str) -> bool:
    """Could ``text`` have a match of ``_CLAUSE_BREAK``? (substring tests: far cheaper than the pattern)"""
    low = lowered_exactly(text)
    if low is None:
        return True
    for hint in _CLAUSE_BREAK_HINTS:
        if hint in low:
            return True
    return False


def _parts_from_end(text: str) -> Iterator[str]:
    """The comma-separated parts of ``text`` after its last clause break, quotation mark or line break, last
    first, times stripped, leaving out those that are only a time. Read from the end and only as far back
    as asked: a clause break never spans a comma or quotation mark, so each part is searched on its own."""
    quote = max(map(text.rfind, '“”"«»')) + 1
    line = text.rfind("\n") + 1
    end = len(text)
    while True:
        begin = text.rfind(",", 0, end) + 1
        floor = max(begin, quote)
        cut = max(floor, line)
        # Searched from the comma or quotation mark, not from the line break: a dash break ("\n– ") may
        # start at a line break and end past it.
        if _may_break_clause(text[floor:end]):
            for m in _CLAUSE_BREAK.finditer(text, floor, end):
                cut = max(cut, m.end())
        p = _strip_time(text[cut:end])
        if p and not _is_time(p):
            yield p
        if cut > begin or begin == 0:
            return  # the text before this part is cut off
        end = begin - 1


def _left_np(text: str) -> str | None:
    # Drop relative clauses and parentheses: "Sergiy Dobryak, who heads the administration, warned" (each only
    # where the characters its pattern needs occur: most texts have neither).
    if "," in text and "wh" in text:
        text = _LEFT_NP_RX1.sub(",", text)
    if "(" in text:
        text = _LEFT_NP_RX2.sub("", text)
    parts = _parts_from_end(text)
    np = next(parts, None)
    if np is None:
        return None
    # "Oleksandr Syrskyi, Ukraine's army chief": the name before the description (read only when needed).
    if _is_description(np):
        before = next(parts, None)
        if before is not None and _is_name(before):
            np = before
    np = _strip_time(np)
    if np and _LEFT_NP_RX3.search(text.rstrip()):
        # "Belousov briefed officers and said": the subject is the name before the first verb.
        lead = _NAME_LEAD.match(np)
        np = lead.group(0) if lead else np
    if not np or len(np.split()) > 14:
        return None
    return np


_IS_DESCRIPTION_RX1 = re.compile(
    r"^(?:the|a|an|ukraine['’]s|russia['’]s|kyiv['’]s|moscow['’]s|ukrainian|russian)\s+",
    re.IGNORECASE,
)
_IS_DESCRIPTION_RX2 = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_IS_DESCRIPTION_RX3 = re.compile(r"(?i)\b(?:ministry|general\s+staff|armed\s+forces|defen[cs]e\s+forces)\b")


def _is_description(part: str) -> bool:
    """'Ukraine's army chief', 'spokesperson of the brigade', 'an analyst at ISW': a role, not a name."""
    if not part:
        return True
    core = _IS_DESCRIPTION_RX1.sub("", part)
    core = _IS_DESCRIPTION_RX2.sub("", core)
    head = " ".join(core.split()[:3])
    if _ROLE_WORDS.search(head) and not _IS_DESCRIPTION_RX3.search(core):
        return True
    return part[0].islower() and not _CAP_RX.search(part)


_RIGHT_NP_RX1 = re.compile(r"\s*([^,.;:\n“”\"«»()]+(?:\([^)]*\))?)")
_RIGHT_NP_RX2 = re.compile(r"\s+(?:that|who|which|on|in\s+a|in\s+its|in\s+his|in\s+her|published|released)\b")


def _right_np(text: str) -> str | None:
    m = _RIGHT_NP_RX1.match(text)
    if not m:
        return None
    np = m.group(1).strip()
    np = _RIGHT_NP_RX2.split(np, maxsplit=1)[0]
    np = _strip_time(np)
    if not np or len(np.split()) > 12:
        return None
    return np


_CYRILLIC_NP_RX1 = re.compile(r"\s*([^,.;:\n“”\"«»]+)")
_CYRILLIC_NP_RX2 = re.compile(
    r"^(?:(?:в|у|на|через)\s+(?:своем|своём|своєму|своем\s+)?[\w-]+(?:-канал\w*)?\s+)+",
    re.IGNORECASE,
)
_CYRILLIC_NP_RX3 = re.compile(r"^(?:Telegram|Facebook|Twitter|X)\w*\s+")
_CYRILLIC_NP_RX4 = re.compile(r"[а-яіїє]{3,}\s+$")


def _cyrillic_np(text: str) -> str | None:
    """Russian and Ukrainian put the speaker after the cue: 'как сообщила в Telegram пресс-служба МО РФ,'."""
    m = _CYRILLIC_NP_RX1.match(text)
    if not m:
        return None
    np = m.group(1).strip()
    np = _CYRILLIC_NP_RX2.sub("", np)
    np = _CYRILLIC_NP_RX3.sub("", np)
    k = _CAP_RX.search(np)
    if k and k.start() > 0 and not _CYRILLIC_NP_RX4.search(np[: k.start()]):
        np = np[k.start() :]
    return np.strip() or None


def _find_attribution(d: _Doc, si: int) -> _Attribution | None:
    if si not in d.own:
        d.own[si] = _scan_attribution(d, si)
    a = d.own[si]
    # A copy: resolution replaces pronouns and generic nouns on the document's list, not on the cache.
    return None if a is None else _Attribution(a.claimant, a.sentence, a.date, a.side, a.kind, a.weak, a.pos)


_CONFIRMED_BY = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been)\s+(?:confirmed|reported|announced|claimed|stated)\s+by\s+",
    re.IGNORECASE,
)
_CONFIRMED_BY_STARTS = ("was", "were", "has", "have")  # every match of _CONFIRMED_BY starts with one of these


_SCAN_ATTRIBUTION_RX1 = re.compile(r"^([^:\n]{2,40}):\s+\S")
_SCAN_ATTRIBUTION_RX2 = re.compile(
    r",\s+(?:saying|adding|noting|claiming|stressing|insisting)\b",
    re.IGNORECASE,
)
_SCAN_ATTRIBUTION_RX3 = re.compile(
    r"(?:said|says|told|claimed|reported|announced|wrote|added|confirmed|stated)$"
)
_SCAN_ATTRIBUTION_RX4 = re.compile(r"[а-яіїєё]", re.IGNORECASE)
_SCAN_ATTRIBUTION_RX5 = re.compile(r"[а-яіїєё]")
# Before a cue, no speaker: a modal or "to" ("would say"), a negation ("did not say"), an object ("Let me say"),
# a passive ("advances were reported": what is reported, not who reports it).
_SCAN_ATTRIBUTION_RX6 = re.compile(
    r"\b(?:to|will|would|could|can|must|should|shall|may|might|not|never|me|us|him|them|was|were|is|are|been|being)"
    r"\s*$|n['’]t\s*$",
    re.IGNORECASE,
)
_SCAN_ATTRIBUTION_RX7 = re.compile(r"(?:it|this|that|which|who)", re.IGNORECASE)
_SCAN_ATTRIBUTION_RX8 = re.compile(
    r"\s+(?:on|in|that|the|it|this|last|late|early|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_SCAN_ATTRIBUTION_RX9 = re.compile(r"citing|cited")
# What follows a Russian or Ukrainian cue when the speaker is not after it: "что", "о том", "об освобождении".
_SCAN_ATTRIBUTION_RX10 = re.compile(r"\s*(?:что|що|о\s+том|об?|про)\b", re.IGNORECASE)


def _scan_attribution(d: _Doc, si: int) -> _Attribution | None:
    text = d.sents[si].text
    # The speaker depends on the sentence's text alone: found once per text (a report repeats sentences).
    if text in d.said_cache:
        said = d.said_cache[text]
    else:
        said = d.said_cache[text] = _said_in(d, text)
    if said is None:
        return None
    strength, pos, np = said
    # A date said next to the attribution ("said on Monday") dates the claim.
    dates = [e for e in d.dates_in(si) if e.explicit]
    date = min(dates, key=lambda e: abs(e.start - pos)) if dates else None
    att = _attribution_of(d, np, si, date)
    att.pos = pos
    # A headline's attribution ("Ukraine says ...", "Zelensky: ...") abbreviates the body's: the body's wins.
    att.weak = strength == 2 or _is_headline(d, si)
    return att


def _said_in(d: _Doc, text: str) -> tuple[int, int, str] | None:
    """Who a sentence says speaks: (strength: 0 strong .. 2 weak, where the cue is, the noun phrase)."""
    t = d.t
    if ":" not in text and not d.has(text, "cues"):
        return None
    # Candidates (strength, position, noun phrase finder); noun phrases are read lazily, strongest and
    # earliest first, because reading them is the costly part.
    found: list[tuple[int, int, Callable[[], str | None]]] = []
    # Headline attribution: "Zelensky: ...", "Defence ministry: ...".
    hm = _SCAN_ATTRIBUTION_RX1.match(text) if ":" in text else None
    if (
        hm
        and (t.people_rx.search(hm.group(1)) or t.generic_claimant.search(hm.group(1)))
        and len(hm.group(1).split()) <= 4
    ):
        found.append((2, 0, lambda hm=hm: hm.group(1).strip()))
    # (Every match of _CONFIRMED_BY has "by": a cheap test first, exact on an exactly lower-cased text.)
    if not d.lower_exact or "by" in d.lowered(text):
        for m in _finditer_at(d, _CONFIRMED_BY, text, _CONFIRMED_BY_STARTS):
            found.append((0, m.start(), lambda m=m: _right_np(text[m.end() :])))
    for m in _anchored_at_triggers(d, "cue_before", text, "cues", 2, t.cue_before_starts):
        cue = m.group(0).lower()
        if _SCAN_ATTRIBUTION_RX3.match(cue):
            # Inverted: "..., said Oleksii Reznikov, Ukraine's defence minister".
            before = text[: m.start()].rstrip()
            rest = text[m.end() :]
            if (
                before.endswith((",", "”", '"', "»"))
                and _SPACE_CAP.match(rest)
                and not _SCAN_ATTRIBUTION_RX8.match(rest)
            ):
                found.append((0, m.start(), lambda rest=rest: _right_np(rest)))
            continue
        rest = text[m.end() :]
        finder = (
            (lambda rest=rest: _cyrillic_np(rest))
            if _SCAN_ATTRIBUTION_RX5.search(cue)
            else (lambda rest=rest: _right_np(rest))
        )
        found.append((1 if _SCAN_ATTRIBUTION_RX9.match(cue) else 0, m.start(), finder))
    for m in _anchored_at_triggers(d, "cue_after", text, "cues", 2, t.cue_after_starts):
        strength = 1 if t.weak_cues.match(m.group(0)) else 0
        found.append((strength, m.start(), lambda m=m: _speaker_before_cue(t, text, m)))
    # "Pushilin agreed with the numbers, saying ...": the sentence's subject speaks.
    sm = _SCAN_ATTRIBUTION_RX2.search(text)
    if sm:
        subj = _SUBJECT_NAME.match(text)
        if subj and not _is_time(subj.group(1)):
            found.append((0, sm.start(), lambda subj=subj: subj.group(1)))
    found.sort(key=lambda x: (x[0], x[1]))
    for strength, pos, finder in found:
        np = finder()
        if np:
            return strength, pos, np
    return None


def _speaker_before_cue(t: Tables, text: str, m: re.Match[str]) -> str | None:
    """The speaker of a cue that follows it ("the ministry said"; in Russian and Ukrainian often after it)."""
    cue = m.group(0)
    left = text[: m.start()]
    if _SCAN_ATTRIBUTION_RX4.search(cue):
        # Russian and Ukrainian often put the speaker after the verb: "..., сообщило Минобороны России."
        right = _cyrillic_np(text[m.end() :])
        # After a comma the cue closes the reported clause and names its speaker: "..., заявил военный эксперт".
        inverted = left.rstrip().endswith((",", "—", "–"))
        if (
            right
            and (inverted or _CAP_RX.search(right))
            and not _SCAN_ATTRIBUTION_RX10.match(text[m.end() :])
        ):
            np = right
        else:
            np = _left_np(left)
            if not np or not _CAP_NOT_FIRST.search(np) and not t.generic_claimant.search(np):
                np = right
    else:
        if _SCAN_ATTRIBUTION_RX6.search(left[-40:]):
            return None
        np = _left_np(left)
    if np and not _SCAN_ATTRIBUTION_RX7.fullmatch(np):
        return np
    return None


def _is_headline(d: _Doc, si: int) -> bool:
    s = d.sents[si]
    line_end = d.text.find("\n", s.start)
    whole_line = (line_end == -1 or line_end >= s.end) and (s.start == 0 or d.text[s.start - 1] == "\n")
    return whole_line and s.text[-1:] not in '.!?”"»' and len(s.text) < 160 and si <= 3


_ATTRIBUTION_OF_RX1 = re.compile(
    r"^(?:the\s+)?(Russia|Ukraine)['’]s\s+(?=(?:defen[cs]e|ministry|general|armed|army|military|foreign|national|security|border|air|navy|state)\b)",
    re.IGNORECASE,
)
_ATTRIBUTION_OF_RX2 = re.compile(r"(?:he|she|him|her|they|it)(?:\s+\w+)?")


def _attribution_of(d: _Doc, np: str, si: int, date: DateExpr | None) -> _Attribution:
    found = d.claimant_cache.get(np)
    if found is None:
        found = d.claimant_cache[np] = _claimant(d.t, np)  # a report names its sources again and again
    name, side, kind = found
    return _Attribution(name, si, date, side, kind)


def _claimant(t: Tables, np: str) -> tuple[str, str | None, str]:
    """Who a noun phrase names as the source: its spelling, side and kind (named, generic, pronoun)."""
    for rx, name in t.institutions:
        if rx.search(np):
            np = name
            break
    # One spelling per institution: "Russia's Defense Ministry" -> "Russian Defense Ministry".
    np = _ATTRIBUTION_OF_RX1.sub(lambda m: "Russian " if m.group(1) == "Russia" else "Ukrainian ", np)
    word = np.lower().strip()
    if t.person_pronoun.match(word) or _ATTRIBUTION_OF_RX2.fullmatch(word):
        return np, None, "pronoun"
    person = t.people_rx.search(np)  # one search of the long pattern, for both questions
    kind = "named" if _has_proper_name(t, np, person) else "generic"
    return np, _side_of_claimant(t, np, person), kind


_GENERIC_CAPS = re.compile(
    r"(?:the|a|an|defen[cs]e|military|armed|forces|general|staff|press|service|office|official|officials|head|chief|"
    r"deputy|minister|ministry|spokes\w+|source|sources|report|statement|outlet|agency|department|command|governor|"
    r"president|commander|analysts?|expert|army|brigade|unit|group|government|authorities)$",
    re.IGNORECASE,
)


_HAS_PROPER_NAME_RX1 = re.compile(r"[\w'’.-]+")
_HAS_PROPER_NAME_RX2 = re.compile(
    r"(?i)\b(?:russia|ukrain|moscow|kyiv|kiev|kremlin)|росси|рф\b|україн|украин|москв|кремл"
)


def _has_proper_name(t: Tables, np: str, person: re.Match[str] | None) -> bool:
    """'Moscow', 'Russian defence ministry', 'Hanna Maliar' name a claimant; 'the ministry' does not.
    ``person`` is the first match of ``t.people_rx`` in ``np`` (the caller's: the pattern is long)."""
    if person or _HAS_PROPER_NAME_RX2.search(np):
        return True
    for tok in _HAS_PROPER_NAME_RX1.findall(np):
        if (
            _CAP_RX.match(tok)
            and not _GENERIC_CAPS.match(tok.strip(".'’"))
            and not t.generic_claimant.fullmatch(tok)
        ):
            return True
    return False


_SIDE_OF_CLAIMANT_RX1 = re.compile(r"russia|moscow|kremlin|росси|рф\b|рф$|росі|минобороны|tass|ria|sputnik")
_SIDE_OF_CLAIMANT_RX2 = re.compile(r"ukrain|kyiv|kiev|україн|украин|зсу|всу|deepstate|генштаб")


def _side_of_claimant(t: Tables, np: str, person: re.Match[str] | None) -> str | None:
    """The side of the person ``person`` (the first match of ``t.people_rx`` in ``np``), else the side the
    words name."""
    if person:
        return t.people.get(person.group(0).lower())
    low = np.lower()
    if _SIDE_OF_CLAIMANT_RX1.search(low):
        return "RU"
    if _SIDE_OF_CLAIMANT_RX2.search(low):
        return "UA"
    return None


_QUOTE_ATTRIBUTION_RX1 = re.compile(r"[.!?]\s|\n")


@lru_cache(maxsize=4)
def _quote_patterns(verbs: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The speaker after a quotation ("..., Zelensky said"), after its verb ("..., said Zelensky"), and before
    it ("Zelensky said: ..."), for the tables' reporting verbs (compiled once per process)."""
    return (
        re.compile(r"[\s,.]*([^,.;:\n“”\"«»]{1,80}?)\s+(?:" + verbs + r")", re.IGNORECASE),
        re.compile(r"[\s,.]*(?:" + verbs + r")\s+([^,.;:\n“”\"«»]{1,80})", re.IGNORECASE),
        re.compile(
            r"([^,.;:\n“”\"«»]{1,60}?)\s+(?:"
            + verbs
            + r"|went\s+on|words|уточнив|уточнил\w*|зазначив|заявив)[^“\"«]{0,40}:?\s*$",
            re.IGNORECASE,
        ),
    )


def _quote_attribution(d: _Doc, si: int) -> _Attribution | None:
    s = d.sents[si]
    for qa, qb in d.quotes:
        if not (qa - 1 <= s.start < qb or qa < s.end <= qb + 1 or (s.start <= qa and qb <= s.end)):
            continue
        after = d.text[qb + 1 : qb + 160]
        speaker_verb, verb_speaker, speaker_before = _quote_patterns(d.t.quote_verbs.pattern)
        m = speaker_verb.match(after)
        if m and len(m.group(1).split()) <= 8:
            return _attribution_of(d, _strip_time(m.group(1)), si, None)
        m = verb_speaker.match(after)
        if m:
            return _attribution_of(d, _strip_time(m.group(1)), si, None)
        before = d.text[max(0, qa - 200) : qa - 1]
        line = _QUOTE_ATTRIBUTION_RX1.split(before)[-1]
        m = speaker_before.search(line)
        if m:
            return _attribution_of(d, _strip_time(m.group(1)), si, None)
    return None


def _resolve_attribution(d: _Doc, i: int) -> _Attribution | None:
    raw = d.raw_attr(i)
    if raw is None:
        return None
    a = _Attribution(raw.claimant, raw.sentence, raw.date, raw.side, raw.kind, raw.weak, raw.pos)
    if a.kind == "pronoun":
        ref = _named_before(d, i, limit=25) or _last_person(d, i)
        if ref is not None:
            a = _Attribution(ref.claimant, i, a.date or ref.date, ref.side, "named", a.weak, a.pos)
    elif a.kind == "generic":
        ref = _generic_referent(d, a, i)
        if ref is not None:
            a = _Attribution(ref.claimant, i, a.date or ref.date, ref.side, "named", a.weak, a.pos)
    return a


def _named_before(
    d: _Doc, i: int, heads: list[str] | None = None, limit: int | None = None
) -> _Attribution | None:
    """The latest speaker named before sentence ``i`` (whose name contains one of ``heads`` when given)."""
    stop = -1 if limit is None else max(-1, i - limit - 1)
    for j in range(i - 1, stop, -1):
        if heads is not None:
            low = d.lowered(d.sents[j].text)
            for h in heads:
                if h in low:
                    break
            else:
                continue  # cheap: a sentence that never says "ministry" cannot name "the ministry"
        a = d.raw_attr(j)
        if a is not None and a.kind == "named" and a.claimant:
            if heads is None or any(h in a.claimant.lower() for h in heads):
                return a
    return None


def _last_person(d: _Doc, i: int) -> _Attribution | None:
    """'she said' with no attributed speaker before: the last official named in the text."""
    earlier = d.text[: d.sents[i].start]
    hits = list(d.t.people_rx.finditer(earlier))
    if not hits:
        return None
    m = hits[-1]
    run = _NAMES_BEFORE.search(earlier[: m.start()])
    name = ((run.group(0) if run else "") + m.group(0)).strip()
    words = name.split()
    while len(words) > 1 and (_ROLE_WORDS.match(words[0]) or words[0].lower() in _NOT_NAMES):
        words.pop(0)
    return _Attribution(" ".join(words), i, None, d.t.people.get(m.group(0).lower()), "named")


_SPECIFIC_ROLES = re.compile(
    r"\b(?:governor|minister|ministry|president|commander|spokes\w+|mayor|general|chief|head|губернатор\w*|министр\w*|"
    r"міністр\w*|президент\w*|командувач\w*|командующ\w*|речник\w*|мер\w*)\b",
    re.IGNORECASE,
)


def _generic_referent(d: _Doc, a: _Attribution, i: int) -> _Attribution | None:
    """Who "the ministry", "the outlet", "Посадовець" stand for: a speaker named before (or just after)
    whose name shares the noun, an institution named earlier, else the latest speaker; a specific role
    ("the governor") is never handed to someone else."""
    claimant = a.claimant or ""
    heads = [m.group(0).lower()[:5] for m in d.t.generic_claimant.finditer(claimant)]
    if heads:
        ref = _named_before(d, i, heads, limit=25)
        if ref is not None:
            return ref
        for j in range(i + 1, min(i + 3, len(d.sents))):
            nxt = d.sents[j].text
            if not any(h in d.lowered(nxt) for h in heads) and not _may_name_institution(d.t, nxt):
                continue  # a sentence that never says "ministry" names no ministry (but "Минобороны" does)
            ref = d.raw_attr(j)
            if (
                ref is not None
                and ref.kind == "named"
                and any(h in (ref.claimant or "").lower() for h in heads)
            ):
                return ref
    if _INSTITUTION_NOUN.search(claimant):
        named = _institution_before(d, i)
        if named is not None:
            return named
    if _SPECIFIC_ROLES.search(claimant):
        return None
    recent = _named_before(d, i, limit=6)
    if recent is not None:
        return recent
    return _institution_before(d, i)


_INSTITUTION_NOUN = re.compile(
    r"\b(?:ministry|ведомств\w*|відомств\w*|министерств\w*|міністерств\w*|staff|генштаб\w*)\b", re.I
)
_ENGLISH_INSTITUTION = re.compile(
    r"(?:Russian|Ukrainian|Russia['’]s|Ukraine['’]s)\s+(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry|General\s+Staff)",
    re.IGNORECASE,
)


#: Every match of ``_ENGLISH_INSTITUTION`` starts with one of these.
_ENGLISH_INSTITUTION_STARTS = ("russia", "ukrain")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _search_at(d: _Doc, rx: re.Pattern[str], text: str, starts: tuple[str, ...] | None) -> re.Match[str] | None:
    """``rx.search(text)``, tried only where one of ``starts`` occurs (see :func:`_finditer_at`)."""
    return next(_finditer_at(d, rx, text, starts), None)


def _finditer_at(
    d: _Doc, rx: re.Pattern[str], text: str, starts: tuple[str, ...] | None
) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, for a case-insensitive pattern whose every match starts with one of
    ``starts`` (lower case; None: not known), tried only where one of them occurs (see :func:`finditer_at`)."""
    return finditer_at(rx, text, d.lowered(text) if d.lower_exact else None, starts)


def _may_name_institution(t: Tables, text: str) -> bool:
    """Can an institution of the table be named in ``text`` (under another name: "Минобороны" is the
    "Russian Defence Ministry")? Not when the table is written in Cyrillic and the text has none."""
    return t.institutions_latin or bool(_CYRILLIC.search(text))


def _institution_before(d: _Doc, i: int) -> _Attribution | None:
    """The latest institution named before sentence ``i`` without a reporting verb ("На сайте
    Министерства обороны появилось сообщение ...", "the defence ministry issued a statement on Friday")."""
    if d.institutions is None:
        found: list[tuple[int, str]] = []
        # When the institutions table is written in Cyrillic, a text without Cyrillic letters names none.
        for rx, name in d.t.institutions if d.t.institutions_latin or _CYRILLIC.search(d.text) else ():
            found.extend((m.start(), name) for m in rx.finditer(d.text))
        for m in _finditer_at(d, _ENGLISH_INSTITUTION, d.text, _ENGLISH_INSTITUTION_STARTS):
            first, rest = m.group(0).split(None, 1)
            side = "Russian" if first.lower().startswith("russia") else "Ukrainian"
            found.append((m.start(), f"{side} {rest}"))
        d.institutions = sorted(found)
    k = bisect.bisect_left(d.institutions, (d.sents[i].start, ""))
    if k == 0:
        return None
    name = d.institutions[k - 1][1]
    return _Attribution(name, i, None, _side_of_claimant(d.t, name, d.t.people_rx.search(name)), "named")


# --------------------------------------------------------------------------- figures


def _qualifier(t: Tables, q: str | None) -> str | None:
    if not q:
        return None
    for name, rx in t.qualifiers:
        if rx.search(q.strip()):
            return name
    return None


_FIGURES_RX1 = re.compile(r"\bcontrol\s*$", re.IGNORECASE)


def _figures(d: _Doc, si: int, families: frozenset[str]) -> list[_Draft]:
    """The figures of sentence ``si`` (one that can have any: see :func:`_sentence_drafts`)."""
    s = d.sents[si]
    t = d.t
    text = s.text
    out: list[_Draft] = []
    used: list[tuple[int, int]] = []
    has_unit, has_fraction = "units" in families, "fractions" in families
    has_noun = "settlement_nouns" in families
    # Where numbers start (digits, number words), found once for every matcher of the sentence.
    # On the lower-cased sentence when it keeps every position (no word lower-cased again).
    anchors = (
        _number_starts(d.lowered(text), t.number_tokens, lowered=True)
        if d.lower_exact
        else _number_starts(text, t.number_tokens)
    )
    if anchors:
        has_digit = has_number_word = True
    else:
        has_digit = False
        has_number_word = not t.number_tokens.isdisjoint(d.tokens(text))
    starts = d.word_starts(text) if anchors else []
    quantities: list[re.Match[str]] = []
    if (has_digit or has_number_word) and (has_unit or "%" in text):
        # (Its groups may be lower-cased: each is read case-insensitively below.)
        rx, subject = d.matcher("quantity", text)
        lead = t.lower.get("quantity_lead", t.quantity_lead) if subject is not text else t.quantity_lead
        quantities = _anchored(
            rx, lead, subject, _noun_follows(d, text, anchors, "units", True), starts, ("n1", "art")
        )
    for m in quantities:
        unit_text = m.group("unit")
        row = d.unit_row(unit_text)
        if row is None:
            continue
        if m.group("n1"):
            v1 = parse_number(m.group("n1"))
        else:
            art = m.group("art").lower()
            if row.kind != "area" or art not in ("a", "an", "one", "another"):
                continue
            v1 = 1.0
        if v1 is None:
            continue
        v2 = parse_number(m.group("n2")) if m.group("n2") else None
        if m.group("rsep") and m.group("rsep").lower() == "and" and not m.group("from"):
            v2 = None
        if v2 is not None and v2 < v1:
            v2 = None
        n_start = m.start("n1") if m.group("n1") else m.start("art")
        # "from" belongs to a range ("from 100 to 1,400 meters"), not to "withdrew from 80 km²".
        from_start = m.start("from") if m.group("from") and m.group("n2") else n_start
        a = m.start("qual") if m.group("qual") else from_start
        b = m.end("unit")
        # Years and dates are not quantities: "in 2024 449 square" never happens, but "May 10 km" might.
        qual = _qualifier(t, m.group("qual"))
        if qual == "more_than" and _FIGURES_RX1.search(text[: m.start()]):
            qual = None  # "control over 50%": "over" belongs to "control"
        kind = row.kind
        scale = row.scale
        value = round(v1 * scale, 9)
        vmax = round(v2 * scale, 9) if v2 is not None else None
        dr = _Draft(kind, value, row.unit, s.start + a, s.start + b, si, qualifier=qual)
        if vmax is not None:
            dr.value_min, dr.value_max = value, vmax
        if kind == "area":
            dr.value_km2 = round(value * KM2_PER_UNIT.get(row.unit, 1.0), 6)
        dr.extra["after"] = text[m.end() :]
        dr.extra["before"] = text[:a]
        dr.extra["end_all"] = s.start + m.end()
        out.append(dr)
        used.append((m.start(), m.end()))
    fractions = t.fraction.finditer(text) if has_fraction else ()
    for m in fractions:
        if any(x <= m.start() < y for x, y in used):
            continue
        v = parse_fraction(m.group("frac"))
        if v is None:
            continue
        a = m.start("qual") if m.group("qual") else m.start("frac")
        dr = _Draft(
            "share",
            round(v, 6),
            "percent",
            s.start + a,
            s.start + m.end(),
            si,
            qualifier=_qualifier(t, m.group("qual")),
        )
        dr.extra["after"] = text[m.end() :]
        dr.extra["before"] = text[:a]
        out.append(dr)
        used.append((m.start(), m.end()))
    has_snoun = (has_digit or has_number_word) and has_noun
    for m in _finditer_at(d, t.settlement_total, text, t.settlement_total_starts) if has_snoun else ():
        v = parse_number(m.group("n1"))
        if v is None or v != int(v):
            continue
        a = m.start("qual") if m.group("qual") else m.start("n1")
        dr = _Draft(
            "settlements",
            v,
            "count",
            s.start + a,
            s.start + m.end(),
            si,
            qualifier=_qualifier(t, m.group("qual")),
        )
        dr.extra["after"] = text[m.end() :]
        dr.extra["before"] = text[:a]
        dr.extra["total_of"] = s.start + m.start()
        out.append(dr)
        used.append((m.start("n1"), m.end()))
    counts = _noun_follows(d, text, anchors, "settlement_nouns") if has_snoun else []
    for m in _anchored(t.settlements, t.settlements_lead, text, counts, starts, ("n1",)):
        if any(x <= m.start() < y or m.start() <= x < m.end() for x, y in used):
            continue
        raw = m.group("n1")
        if _LIST_BEFORE.search(text[: m.start()]):
            continue  # "Sidorovka and Popovka, two settlements", "Sudža and two other villages": a list
        v = parse_number(raw)
        qual = _qualifier(t, m.group("qual"))
        a = m.start("qual") if m.group("qual") else m.start("n1")
        if qual == "more_than" and _FIGURES_RX1.search(text[: m.start()]):
            qual, a = None, m.start("n1")  # "lost control over 3 villages": "over" belongs to "control"
        if v is None:
            qual = "approx"
        elif v != int(v) or v > 100000:
            continue
        dr = _Draft("settlements", v, "count", s.start + a, s.start + m.end(), si, qualifier=qual)
        v2 = parse_number(m.group("n2")) if m.group("n2") else None
        if v is not None and v2 is not None and v2 > v:
            dr.value_min, dr.value_max = v, v2
        dr.extra["after"] = text[m.end() :]
        dr.extra["before"] = text[:a]
        out.append(dr)
        used.append((m.start(), m.end()))
    return out


_WORD_START = re.compile(r"(?<![\w'’-])[\w'’~]")


_NUMBER_START = re.compile(r"(?<![\w.,])\d|(?<![\w'’-])[^\W\d_]+")


#: How far after its number a quantity's unit or a count's noun may start ("1,000 to 2,000 square km").
_NOUN_REACH = 60
#: What never stands between a number and its unit or noun: a clause break, a bracket, a quotation mark.
_NOUN_GAP_BREAK = re.compile(r",\s|[;:()\"“”«»]")


def _noun_follows(d: _Doc, text: str, anchors: list[int], family: str, percent: bool = False) -> list[int]:
    """The number starts (``anchors``) followed, within ``_NOUN_REACH`` characters and with no clause break
    between, by a trigger word of ``family`` (a unit, a settlement noun) or, with ``percent``, by "%": the
    only ones where a quantity or a count can start (their patterns cost far more to fail at the others, and
    "a" and "an" are number words, for "a square kilometre"). A unit glued to a digit ("5km") is a trigger
    word; a number word with a unit glued to it ("fivekm") is no anchor."""
    if not d.lower_exact:
        return anchors  # trigger positions are on the lower-cased text, which then may not keep positions
    nouns = [a for a, _ in d.triggers_in(text, family)]
    if not nouns and not (percent and "%" in text):
        return []
    out = []
    for n in anchors:
        k = bisect.bisect_right(nouns, n)
        noun = nouns[k] if k < len(nouns) else n + _NOUN_REACH + 1
        pct = text.find("%", n, n + _NOUN_REACH + 1) if percent else -1
        if pct >= 0:
            noun = min(noun, pct)
        if noun <= n + _NOUN_REACH and _NOUN_GAP_BREAK.search(text, n, noun) is None:
            out.append(n)
    return out


def _number_starts(text: str, number_tokens: frozenset[str], *, lowered: bool = False) -> list[int]:
    """Where numbers start: a digit not inside a word or figure, or a whole word that is a number word.
    (Whole words looked up in a set: far faster than one alternation of every number word.) ``lowered``:
    ``text`` is already lower-cased."""
    out: list[int] = []
    for m in _NUMBER_START.finditer(text):
        tok = m.group(0)
        if tok[0].isdigit() or (tok if lowered else tok.lower()) in number_tokens:
            out.append(m.start())
    return out


def _anchored(
    rx: re.Pattern[str],
    lead: re.Pattern[str],
    text: str,
    anchors: list[int],
    starts: list[int],
    groups: tuple[str, ...],
) -> list[re.Match[str]]:
    """Matches of ``rx`` whose number starts at one of ``anchors`` (a digit or a number word), trying the few
    word starts before it (for "more than", "in excess of", "from"): far cheaper than scanning every
    position of the text. ``starts`` are the sentence's word starts; ``lead`` is the part of ``rx`` before
    the number (its qualifier, "from").

    A match from an earlier start has the number and what follows it matched from the anchor on, so ``rx``
    matches at the anchor too: when it does not, no earlier start is tried; nor is one whose words ``lead``
    cannot cover up to the number (the whole pattern costs far more to fail there)."""
    out: list[re.Match[str]] = []
    done = 0
    for n in anchors:
        if n < done:
            continue
        at_n = rx.match(text, n)
        if at_n is None:
            continue
        k = bisect.bisect_left(starts, n)
        for pos in starts[max(0, k - 4) : k] + [n]:
            if pos < done or pos < n and lead.fullmatch(text, pos, n) is None:
                continue
            m = rx.match(text, pos) if pos < n else at_n
            if m and any(m.group(g) is not None and m.start(g) == n for g in groups):
                out.append(m)
                done = m.end()
                break
    return out


_CLAUSE_LEFT_RX1 = re.compile(r"[,;:(]|\b(?:that|which|who|where|and|but|while)\b")


def _clause_left(before: str) -> str:
    parts = _CLAUSE_LEFT_RX1.split(before)
    return parts[-1] if parts else before


_FIGURE_IS_CLAIM_RX1 = re.compile(r"gain", re.IGNORECASE)
_FIGURE_IS_CLAIM_RX2 = re.compile(r"\bnow\b", re.IGNORECASE)
_FIGURE_IS_CLAIM_RX3 = re.compile(r"\s*(?:of|от|від|территори|території)", re.IGNORECASE)


@lru_cache(maxsize=4)
def _own_forces_pattern(force_nouns: str) -> re.Pattern[str]:
    """Forces, or "we"/"our": who a distance to a target is measured from (compiled once per process)."""
    return re.compile(rf"(?:{force_nouns})\b|\b(?:we|our|ours|мы|наши|ми|наші)\b", re.IGNORECASE)


#: A move named with a noun after its distance ("a 10-km advance", "a 3 km Russian retreat").
_MOVE_NOUN_AFTER = re.compile(
    r"(?:\s+(?P<side>ukrainian|russian)|\s+(?:westward|eastward|southward|northward))?\s+(?P<noun>advance|retreat)\b",
    re.IGNORECASE,
)


def _figure_is_claim(d: _Doc, dr: _Draft, verbs: list[_VerbHit]) -> tuple[bool, _VerbHit | None]:
    t = d.t
    after = dr.extra.get("after", "")
    before = dr.extra.get("before", "")
    gov = _governing_verb(dr, verbs)
    if "total_of" in dr.extra:
        # "the number of liberated settlements has reached 639": the participle says what it counts.
        inner = [v for v in verbs if dr.extra["total_of"] <= v.start < dr.start]
        if inner:
            return True, inner[0]
    if dr.kind == "distance":
        left = _clause_left(before)
        noun = _MOVE_NOUN_AFTER.match(after)
        if noun:
            # "a 10-km advance", "a 3 km Russian retreat": the distance names the move; the noun is its verb.
            at = dr.extra["end_all"] + noun.start("noun")
            move = next((v for v in verbs if v.start == at and v.verb.move), None)
            if move is not None:
                side = _side_of(t, noun.group("side")) if noun.group("side") else None
                if side:  # "a 4 km Ukrainian retreat": the adjective says whose move it is
                    dr.extra["side"] = side if move.verb.effect == "gain" else OTHER[side]
                return not move.blocked, move
        if t.remaining.match(after):
            dr.extra["dtype"] = "to_target"
            return True, gov
        if t.distance_after.match(after) and not t.locate_verbs.search(left):
            if gov is None or gov.blocked:
                # "about 12km in depth" names an advance even without a verb; a forecast does not.
                return (gov is None), gov
            return True, gov
        if (
            gov is not None
            and gov.verb.move
            and not gov.blocked
            and gov.end <= dr.start
            and dr.start - gov.end <= 40
            and not t.locate_verbs.search(d.text[gov.end : dr.start])
        ):
            return True, gov
        if t.to_target.match(after) and not t.locate_verbs.search(left):
            if _own_forces_pattern(t.force_nouns).search(left) or _FIGURE_IS_CLAIM_RX2.search(left):
                dr.extra["dtype"] = "to_target"
                return True, gov
        return False, None
    if dr.kind == "share":
        if t.rate_words.match(after):
            return False, None
        if not (
            _FIGURE_IS_CLAIM_RX3.match(after)
            or t.share_anchor.search(before)
        ):
            return False, None
        if gov is None or gov.blocked:
            ctl = _search_at(d, t.under_control, d.sents[dr.sent].text, t.under_control_starts)
            if ctl is None:
                return False, None
        return True, gov
    if gov is None or gov.blocked or gov.verb.entry:
        return False, None
    if (
        dr.kind == "area"
        and gov.verb.move
        and not gov.verb.capture
        and not _FIGURE_IS_CLAIM_RX1.search(d.text[gov.start : gov.end])
    ):
        return True, gov
    return True, gov


_GOVERNING_VERB_RX1 = re.compile(r"\s*(?:of\s+territory\s+|of\s+land\s+)?[\w\s]{0,30}$")


def _governing_verb(dr: _Draft, verbs: list[_VerbHit]) -> _VerbHit | None:
    """The direction verb a figure belongs to: one around it ("pushed them 2 km back"), else the nearest
    before it, else a passive one just after it."""
    around = next((v for v in verbs if v.start < dr.start and dr.end <= v.end), None)
    if around is not None:
        return around
    before = [v for v in verbs if v.end <= dr.start]
    after = [v for v in verbs if v.start >= dr.end]
    strong_before = [v for v in before if not v.verb.weak]
    best_before = strong_before[-1] if strong_before else (before[-1] if before else None)
    best_after = None
    for v in after:
        if v.start - dr.end > 90:
            break
        if (
            v.passive
            or v.verb.effect == "hold"
            or _GOVERNING_VERB_RX1.match("")
        ):
            best_after = v
            break
    if best_after is not None and best_before is not None:
        gap_b = dr.start - best_before.end
        gap_a = best_after.start - dr.end
        if best_after.passive and gap_a <= 40 and gap_a < gap_b:
            return best_after
        if best_after.verb.effect == "hold" and gap_a <= 40 and gap_a < gap_b and best_after.passive:
            return best_after
        return best_before
    if best_before is not None:
        return best_before
    if best_after is not None and (best_after.passive or best_after.start - dr.end <= 30):
        return best_after
    # An object relative clause: "the 120 square kilometres the army regained".
    for v in after:
        if v.start - dr.end <= 20:
            return v
    return None


# --------------------------------------------------------------------------- sides


_GAINER_RX1 = re.compile(r"^[\s\"”»]*(?:by|силами)\s+(?:the\s+)?$", re.IGNORECASE)
_GAINER_RX2 = re.compile(r"[а-яіїє]", re.IGNORECASE)


def _gainer(d: _Doc, si: int, verb: _VerbHit | None, pos: int, actors: list[_Actor]) -> str | None:
    s = d.sents[si]
    t = d.t
    text = s.text
    ctl = _search_at(d, t.under_control, text, t.under_control_starts)
    if ctl and (
        verb is None
        or verb.verb.effect == "hold"
        or verb.passive
        or ctl.start() + s.start >= (verb.start if verb else 0)
    ):
        word = ctl.group("a") or ctl.group("b") or ctl.group("c") or ctl.group("d")
        side = _side_of(t, word)
        if side and (verb is None or abs((ctl.start() + s.start) - pos) < 120):
            return side
    if verb is None:
        before = [a for a in actors if a.end <= pos and a.kind != "source"]
        if before:
            return _resolve_actor(d, si, before[-1], actors)
        return d.attr(si).side if d.attr(si) and d.attr(si).side else _context_side(d, si)
    effect = verb.verb.effect
    side: str | None = None
    subject_side: str | None = None
    if verb.verb.subject_names:
        # "fell to Russian forces": the side named right after the verb gains.
        agent = next(
            (a for a in actors if a.start >= verb.end and a.start - verb.end <= 12 and a.kind == "actor"),
            None,
        )
        if agent is not None and agent.side:
            return agent.side
    if verb.passive or verb.verb.subject_names:
        agent = next(
            (
                a
                for a in actors
                if a.start >= verb.end
                and a.kind != "source"
                and _GAINER_RX1.match(d.text[verb.end : a.start])
            ),
            None,
        )
        if agent is None:
            agent = next(
                (
                    a
                    for a in actors
                    if a.start >= verb.end
                    and a.start - verb.end <= 25
                    and a.kind == "actor"
                    and _GAINER_RX2.search(d.text[verb.start : verb.end])
                ),
                None,
            )
        if agent is not None:
            side = _resolve_actor(d, si, agent, actors)
            return side if effect in ("gain", "hold") else OTHER.get(side or "")
        subj = [a for a in actors if a.end <= verb.start and a.kind in ("actor", "pron", "self", "enemy")]
        if subj and (verb.verb.push_back or effect == "loss") and subj[-1].start >= s.start:
            subject_side = _resolve_actor(d, si, subj[-1], actors)
            if subject_side:
                return OTHER.get(subject_side) if effect == "gain" else subject_side
    else:
        subj = [a for a in actors if a.end <= verb.start and a.kind in ("actor", "pron", "self", "enemy")]
        # The nearest subject wins: "Russia said Ukrainian forces ..." is about Ukrainian forces.
        if subj:
            subject_side = _resolve_actor(d, si, subj[-1], actors)
        # A side's word right before the verb is nearer still: "Kyiv says Russian gains ... amount to".
        head = text[: verb.start - s.start]
        stripped = head.rstrip()
        word = stripped[max(stripped.rfind(" "), stripped.rfind("\n")) + 1 :].lstrip("\"“«(")  # cut from its end
        side_word = _side_of(t, word) if word and len(stripped) < len(head) else None
        if side_word and not (subj and subj[-1].end == s.start + len(stripped)):
            subject_side = side_word
        if subject_side is None:
            src = next((a for a in actors if a.start >= verb.end and a.kind == "source"), None)
            if src is not None and src.side:
                return OTHER[src.side] if effect in ("gain", "hold") else src.side
            if verb.verb.push_back:
                # "Their units pushed Russian troops back": the forces pushed back are the object, and lose.
                obj = next(
                    (
                        a
                        for a in actors
                        if a.start > verb.start and a.kind == "actor" and a.side and a.start - verb.end <= 30
                    ),
                    None,
                )
                if obj is not None:
                    return OTHER[obj.side] if effect in ("gain", "hold") else obj.side
        if subject_side:
            return subject_side if effect in ("gain", "hold") else OTHER.get(subject_side)
    # No subject with a side: another actor in the sentence, the speaker, then the context.
    others = [a for a in actors if a.kind == "actor" and a.side]
    speaker0 = d.attr(si).side if d.attr(si) else None
    if verb.verb.liberate and not others and not speaker0 and not _context_side(d, si):
        # Each side "liberates" in its own language: the report's language names the liberator.
        return _language_side(d.text)
    if effect == "loss" and others:
        return OTHER.get(others[-1].side or "")
    speaker = d.attr(si).side if d.attr(si) else None
    if effect in ("gain", "hold"):
        if others and not speaker:
            return others[-1].side
        if speaker:
            return speaker
        ctx = _context_side(d, si)
        return ctx
    ctx = _context_side(d, si)
    return OTHER.get(speaker or "") if speaker else (OTHER.get(ctx or "") if ctx else None)


# --------------------------------------------------------------------------- captures


_NAMES_RX1 = re.compile(
    r"\s*(?:[:—–-]\s*)?(?:(?:and|as\s+well\s+as|&|і|и|та|а\s+также|а\s+також)\s+)?(?:also\s+)?[“\"«„]?",
    re.IGNORECASE,
)
_NAMES_RX2 = re.compile(
    r"(?:the\s+)?(?:(?:city|town|village|settlement|hamlet|cities|towns|villages|settlements)\s+of\s+|(?:город|города|село|села|посёлок|посёлка|поселок|поселка|місто|міста|селище|селища)\s+"
    r"|населенн?(?:ого|ых|ий|ый|ые|і)\s+пункт(?:а|ов|у|ів|ы|и)?\s+)",
    re.IGNORECASE,
)
_NAMES_RX3 = re.compile(
    r"(?P<n>\w+)\s+(?:other|more|further|additional)\s+(?:villages|settlements|towns|localities|населен\w+\s+пункт\w*|сел\w*)",
    re.IGNORECASE,
)
_NAMES_RX4 = re.compile(r"\s*\([^)]{1,60}\)")
_NAMES_RX5 = re.compile(r"\s+(?:village|town|city|settlement)\b", re.IGNORECASE)
_NAMES_RX6 = re.compile(r"\s*(?:,|\band\b|\bі\b|\bи\b|\bта\b|&)")
_NAMES_RX7 = re.compile(r"\b(?:and|as\s+well\s+as|і|и|та|а\s+также|а\s+також)\b", re.IGNORECASE)
_NAMES_RX8 = re.compile(r"[А-ЯЁІЇЄҐ]{2,}$")
_NAMES_RX9 = re.compile(r"\s+in\s+(?:the\s+)?[\w\s'’]{1,40}?(?=,|\band\b|$)")
_NAMES_RX10 = re.compile(r"\s*,?\s*(?:and|і|и|та)\b")
_NAMES_RX11 = re.compile(r"\s*(?:and\s+)?(?:\w+\s+)?other\b", re.IGNORECASE)


def _not_name(word: str) -> bool:
    """Is a capitalised ``word`` one that never starts or ends a place name ("The", "Monday", "Russian's")?"""
    return word.lower().strip(".").removesuffix("'s").removesuffix("’s") in _NOT_NAMES


def _names(d: _Doc, start: int, end: int, *, allow_unnamed: bool = True) -> tuple[list[tuple[int, int]], int]:
    """Parse a list of place names from ``start``: 'Lysychne and Ivanivka', 'Sudža and two other villages'."""
    text = d.text
    p = start
    names: list[tuple[int, int]] = []
    unnamed = 0
    after_appositive = False
    while p < end:
        seg = text[p:end]
        m = _NAMES_RX1.match(seg)
        lead = seg[: m.end()]
        q = p + m.end()
        seg2 = text[q:end]
        pre = _NAMES_RX2.match(seg2)
        if pre:
            q += pre.end()
            seg2 = text[q:end]
        if after_appositive and not _NAMES_RX7.search(lead):
            break
        nm = _NAME_RUN.match(seg2)
        if nm and not _NAMES_RX8.match(nm.group(0)):
            words = nm.group(0).split()
            first = words[0]
            if parse_number(first) is not None or (
                "-" in first and parse_number(first.split("-")[0]) is not None  # without "-": the same word
            ):
                break
            while words and _not_name(words[-1]):
                words.pop()
            # A time or a connective before the name opens the run: "On Monday Lyman fell", "Later Bakhmut".
            skip = 0
            while skip < len(words) - 1 and _not_name(words[skip]):
                skip += 1
            if not words or _not_name(words[skip]):
                break
            if skip:
                q += nm.group(0).index(words[skip], len(" ".join(words[:skip])))
                words = words[skip:]
            name = " ".join(words)
            a, b = q, q + len(name)
            if _REGION_WORDS.match(text[b : b + 30]):
                # "the Sumy Region": a region, not a settlement taken.
                pass
            else:
                names.append((a, b))
            p = b
            paren = _NAMES_RX4.match(text[p:end])
            if paren:
                p += paren.end()
            rest = text[p:end]
            # Words that belong to the name's own phrase ("Sergeevka village", "in the Kharkov Region").
            tail = _NAMES_RX5.match(rest)
            if tail:
                p += tail.end()
                rest = text[p:end]
            nxt = _NAMES_RX6.match(rest)
            if not nxt:
                inner = _NAMES_RX9.match(rest)
                if inner and _NAMES_RX10.match(text[p + inner.end() : end]):
                    p += inner.end()
                    continue
                break
            after_appositive = False
            if rest.lstrip().startswith(","):
                k = p + rest.index(",") + 1
                following = text[k:end]
                if not _NEXT_NAME.match(following) and not _NAMES_RX11.match(following):
                    # An appositive ("Maiorsk, a Donetsk region village,"): skip it; go on at "and <Name>".
                    nxtc = following.find(",")
                    if nxtc < 0:
                        break
                    p = k + nxtc + 1
                    after_appositive = True
                    continue
                p = k
            continue
        other = _NAMES_RX3.match(seg2)
        if other and allow_unnamed and names:
            v = parse_number(other.group("n"))
            if v:
                unnamed += int(v)
                p = q + other.end()
                continue
        break
    return names, unnamed


_NAME_AHEAD = re.compile(
    rf"\s*(?:[:—–-]\s*)?(?:(?:from|out\s+of)\s+)?(?:the\s+)?(?:full\s+|complete\s+)?(?:control\s+(?:of|over)\s+)?"
    rf"(?:(?:the\s+)?(?:city|town|village|settlement|hamlet)s?\s+of\s+|(?:город|село|посёлок|поселок|місто|селище)\s+)?[“\"«„]?(?-i:{_CAP})",
    re.IGNORECASE,
)
_NAME_INSIDE = re.compile(
    r"[^,;.]{0,60}?\b(?:village|town|city|settlement|bastion|stronghold|hub|outpost)\s+of\s+", re.IGNORECASE
)


_NOMINAL_HINT = re.compile(
    r"capture|liberation|fall\b|seizure|loss\b|освобожд|взяти|захват|звільнен|взятт|захопл", re.IGNORECASE
)
#: Its case-sensitive twin, for a lower-cased text that keeps its positions (``_Doc.lower_exact``; the pattern
#: itself, slower, would the twin ever be refused).
_NOMINAL_HINT_LOW = lower_twin(_NOMINAL_HINT) or _NOMINAL_HINT
#: An appositive between a subject and its verb: "Vuhledar, a mining town, fell", "Kurakhove, the last
#: Ukrainian stronghold there, is now under Russian control".
_APPOSITIVE_BEFORE = re.compile(
    r",\s*(?:a|an|the|one\s+of)\s+[^,;:()\"“”«»]{1,80},\s*(?:(?:has|have|had|was|were|is|are)\s+)?$", re.IGNORECASE
)
#: A lapse of time that opens a clause: "Two weeks later", "A day earlier", "Hours after".
_TIME_LAPSE = re.compile(
    r"\s*(?:(?:a|an|one|two|three|four|five|six|seven|several|a\s+few|few|some|\d+)\s+)?"
    r"(?:hours?|days?|weeks?|months?|years?)\s+(?:later|earlier|ago|after)\b\s*",
    re.IGNORECASE,
)
_SUBJECT_CUT = re.compile(
    r"[;:]|\b(?:that|said|says|claims|claimed|announced|reported|which|but|as)\b|,", re.IGNORECASE
)


_CAPTURES_RX1 = re.compile(
    r"\b(?:after|following|since|после|після|с\s+момента)\s+(?:the\s+)?(?:(?:capture|liberation|fall|seizure|loss)\s+of|освобождения|взятия|захвата|звільнення|взяття|захоплення)\s+"
    # A report of the capture: "announced the capture of", "сообщило об освобождении", "повідомив про звільнення".
    r"|\b(?:announced|reported|claimed|confirmed|declared|acknowledged)\s+(?:the\s+)?(?:capture|liberation|fall|seizure|loss)\s+of\s+"
    r"|\b(?:сообщил\w*|заявил\w*|объявил\w*|доложил\w*)\s+(?:об?|про)\s+(?:освобождении|взятии|захвате)\s+"
    r"|\b(?:повідомил\w*|повідомив|заявил\w*|заявив|оголосил\w*|оголосив|доповів)\s+про\s+(?:звільнення|взяття|захоплення)\s+",
    re.IGNORECASE,
)
#: Every match of _CAPTURES_RX1 starts with one of these (lower case).
_CAPTURES_RX1_STARTS = (
    "after", "following", "since", "после", "після", "с", "announced", "reported", "claimed", "confirmed", "declared",
    "acknowledged", "сообщил", "заявил", "объявил", "доложил", "повідомил", "повідомив", "заявив", "оголосил",
    "оголосив", "доповів",
)
_CAPTURES_RX2 = re.compile(
    r"(?:\s+(?:has|have|had)\s+been|\s+(?:was|were|is|are|been|be))\s+(?:[\w-]+ly\s+|now\s+|already\s+|also\s+)*[\"“«]?\s*$"
)
_CAPTURES_RX3 = re.compile(r"[;:]|\b(?:that|said|says|claims|claimed|announced|reported|which|but|as)\b|,")
_CAPTURES_RX4 = re.compile(
    r"\s*(?:(?:from|out\s+of)\s+)?(?:the\s+)?(?:full\s+|complete\s+)?(?:control\s+(?:of|over)\s+)?",
    re.IGNORECASE,
)
_CAPTURES_RX5 = re.compile(r"[а-яіїєё]", re.IGNORECASE)
_CAPTURES_RX6 = re.compile(r"(?:ены|ен[аоы]?|ено|ені|ты|т[аоы]?)$", re.IGNORECASE)
_CAPTURES_RX7 = re.compile(
    r"[^,;.]{0,60}?\b(?:village|town|city|settlement|bastion|stronghold|hub|outpost)\s+of\s+",
    re.IGNORECASE,
)
_CAPTURES_RX8 = re.compile(r"\s*(?:would|could|will|might|may)\b", re.IGNORECASE)
_CAPTURES_RX9 = re.compile(
    r"(?:village|town|city|settlement|bastion|stronghold|hub|outpost)\s+of\s+$",
    re.IGNORECASE,
)


def _captures(d: _Doc, si: int, verbs: list[_VerbHit]) -> list[_Draft]:
    s = d.sents[si]
    t = d.t
    out: list[_Draft] = []
    for v in verbs:
        if not v.verb.capture or v.verb.entry:
            continue
        # Cheap look first: a named place must follow the verb, or (passive) come before it.
        ahead = d.text[v.end : v.end + 80]
        if not (_NAME_AHEAD.match(ahead) or _NAME_INSIDE.match(ahead)) and not (
            # Only a verb whose place is its subject can have it before: "Vuhledar fell", "X was liberated".
            (v.verb.subject_names or v.passive) and _CAP_RX.search(d.text[s.start : v.start])
        ):
            continue
        if v.verb.subject_names:
            # "Vuhledar fell to Russian forces", "Siversk is now under Russian control": place = subject
            left = d.text[s.start : v.start]
            subj_end = len(left)
            # "Vuhledar, a mining town, fell to ...": the subject is before its appositive.
            app = _APPOSITIVE_BEFORE.search(left)
            if app is not None:
                subj_end = app.start()
            cut = max([m.end() for m in _SUBJECT_CUT.finditer(left, 0, subj_end)], default=0)
            lapse = _TIME_LAPSE.match(left, cut)  # "Two weeks later Lyman fell": the subject comes after it
            if lapse:
                cut = lapse.end()
            subj_end += s.start
            names, unnamed = _names(d, s.start + cut, subj_end)
            names = [n for n in names if n[1] <= subj_end and subj_end - n[1] <= 40]
            if names and names[0][0] - (s.start + cut) > 25:
                names = []
        elif v.passive and not (v.verb.push_back and _NAME_AHEAD.match(ahead)):
            # Subject before the auxiliary: "the village of Klishchiivka has been liberated". (A push-back
            # verb names the place after it, passive or not: "were driven out of Krynky".)
            left = d.text[s.start : v.start]
            aux = _CAPTURES_RX2.search(left)
            short = _CAPTURES_RX5.search(d.text[v.start : v.end]) and _CAPTURES_RX6.search(d.text[v.start : v.end])
            if aux is None and not short:
                continue
            subj_end = s.start + (aux.start() if aux else len(left.rstrip()))
            cut = 0
            for m in _CAPTURES_RX3.finditer(left[: subj_end - s.start]):
                cut = m.end()
            subj_start = s.start + cut
            names, unnamed = _names(d, subj_start, subj_end)
            names = [n for n in names if n[1] <= subj_end]
            if names and names[0][0] - subj_start > 25:
                names = []
        else:
            obj_start = v.end
            m = _CAPTURES_RX4.match(d.text[v.end : v.end + 40])
            if m:
                obj_start += m.end()
            if t.partial_objects.match(d.text[obj_start : obj_start + 40]):
                continue
            names, unnamed = _names(d, obj_start, s.end)
            if not names:
                # "the self-styled republic's village of Krasnohorivka": a settlement inside the object.
                inner = _CAPTURES_RX7.match(d.text[obj_start : s.end])
                if inner:
                    names, unnamed = _names(d, obj_start + inner.end(), s.end)
            if (
                names
                and names[0][0] - v.end > 25
                and not _CAPTURES_RX9.search(d.text[v.end : names[0][0]])
            ):
                names = []
            # "taking Bakhmut would ...": the place is a subject; but "... took X could not be verified" doubts it.
            tail = d.text[names[-1][1] : names[-1][1] + 60] if names else ""
            if names and _CAPTURES_RX8.match(tail) and not t.hedges.match(tail.lstrip()):
                names = []
        names = [n for n in names if _name_is_settlement(d, n)]
        if names and _title_case(s.text):
            names = [n for n in names if _mention_at(d, n) is not None]
        # A forecast, a negation, an intention ("will likely take"): looked at last, the costliest test.
        if not names or v.blocked:
            continue
        count = len(names) + unnamed
        first = names[0]
        dr = _Draft(
            "capture" if count == 1 else "settlements",
            1.0 if count == 1 else float(count),
            "count",
            v.start,
            v.end,
            si,
        )
        dr.names = tuple(names)
        dr.mention = _mention_at(d, first)
        dr.extra["verb"] = v
        out.append(dr)
    # Nominal: "after the capture of Avdiivka", "после освобождения Синельниково".
    # (The nominal phrase names the capture: no such word, no phrase.)
    for m in _finditer_at(d, _CAPTURES_RX1, s.text, _CAPTURES_RX1_STARTS) if d.nominal(s.text) else ():
        names, unnamed = _names(d, s.start + m.end(), s.end)
        names = [n for n in names if _name_is_settlement(d, n)]
        if not names:
            continue
        count = len(names) + unnamed
        dr_loss = "loss" in m.group(0).lower()
        dr = _Draft(
            "capture" if count == 1 else "settlements",
            1.0 if count == 1 else float(count),
            "count",
            s.start + m.start(),
            s.start + m.end(),
            si,
        )
        dr.names = tuple(names)
        dr.mention = _mention_at(d, names[0])
        dr.extra["nominal_loss"] = dr_loss
        out.append(dr)
    return out


def _nominal_gainer(d: _Doc, dr: _Draft) -> str | None:
    """'after the liberation of X': the first actor's side, else the speaker's, else the context's."""
    actors = dr.extra.get("actors", [])
    si = dr.sent
    gainer = None
    ctx_actors = [a for a in actors if a.kind in ("actor", "pron", "self")]
    if ctx_actors:
        gainer = _resolve_actor(d, si, ctx_actors[0], actors)
    if gainer is None:
        att = d.attr(si)
        gainer = att.side if att and att.side else _context_side(d, si)
    if dr.extra.get("nominal_loss") and gainer:
        gainer = OTHER[gainer]
    return gainer


_LANGUAGE_SIDE_RX1 = re.compile(r"[іїєґІЇЄҐ]")
_LANGUAGE_SIDE_RX2 = re.compile(r"[ыэъёЫЭЪЁ]")


def _language_side(text: str) -> str | None:
    if _LANGUAGE_SIDE_RX1.search(text):
        return "UA"
    if _LANGUAGE_SIDE_RX2.search(text):
        return "RU"
    return None


_TITLE_CASE_RX1 = re.compile(r"[A-Za-zА-Яа-яЁёІіЇїЄєҐґ'’]+")


def _title_case(text: str) -> bool:
    words = [w for w in _TITLE_CASE_RX1.findall(text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.85


def _mention_at(d: _Doc, span: tuple[int, int]) -> Mention | None:
    """The longest mention overlapping ``span`` (the first of equal ones)."""
    a, b = span
    best = None
    # Mentions are sorted by start and none is longer than ``mention_span``: only those starting in
    # (a - mention_span, b) can overlap.
    starts = d.mention_starts
    for k in range(bisect.bisect_right(starts, a - d.mention_span), bisect.bisect_left(starts, b)):
        m = d.mentions[k]
        if m.start < b and a < m.end:
            if best is None or (m.end - m.start) > (best.end - best.start):
                best = m
    return best


_SETTLEMENT_WORD = (
    r"(?:village|town|city|settlement|hamlet|locality|село|селище|місто|посёлок|поселок|город|деревн\w*)s?"
)
_SETTLEMENT_BEFORE = re.compile(rf"\b{_SETTLEMENT_WORD}\s+(?:of\s+)?[“\"«]?$", re.IGNORECASE)
_SETTLEMENT_AFTER = re.compile(
    rf"\s*(?:\([^)]*\)\s*)?(?:,\s*(?:a|an|the|another|one|two|three|four|five|both)?\s*(?:[\w-]+\s+){{0,3}}?{_SETTLEMENT_WORD}\b"
    rf"|\s+{_SETTLEMENT_WORD}\b|\s*(?:,|and|и|і|та)\s)",
    re.IGNORECASE,
)


def _name_is_settlement(d: _Doc, span: tuple[int, int]) -> bool:
    if not d.mentions:
        return True
    m = _mention_at(d, span)
    if m is None:
        # The geoparser did not know it: keep it only when the text says it is a settlement
        # ("the village of X", "X, a village in ...", "X and Y, two villages"), not for "Leopard tanks".
        before = d.text[max(0, span[0] - 30) : span[0]]
        after = d.text[span[1] : span[1] + 40]
        return bool(_SETTLEMENT_BEFORE.search(before) or _SETTLEMENT_AFTER.match(after))
    if m.start > span[0] + 1:
        return False
    return m.place.kind in _SETTLEMENT_KINDS


# --------------------------------------------------------------------------- places, dates, hedges


_RANK = {"settlement": 0, "admin3": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "water": 5}
_REGIONAL = ("admin1", "region")
_LOCAL = ("settlement", "admin3", "admin2")
_COMPARISON = re.compile(
    r"(?:comparable\s+to|the\s+size\s+of|larger\s+than|smaller\s+than|bigger\s+than|such\s+as|compared\s+(?:with|to)|equivalent\s+to|as\s+large\s+as|roughly\s+the\s+area\s+of)\b",
    re.IGNORECASE,
)
_COMPARISON_STARTS = (  # every match of _COMPARISON starts with one of these
    "comparable", "the", "larger", "smaller", "bigger", "such", "compared", "equivalent", "as", "roughly",
)
#: Every match of ``_COMPARISON`` contains one of these (a cheap test of the lower-cased sentence first: most
#: name no comparison, and "the", "as" start many words).
_COMPARISON_WORDS = ("compar", "size", "large", "smaller", "bigger", "such", "equivalent", "roughly")
_SHARE_OF = re.compile(
    r"\s*(?:of|от|від)\s+(?:the\s+)?(?:(?P<region>(?:neighbou?ring\s+)?(?:region|oblast|province|republic|territory\s+of\s+the\s+republic)|област\w*|регион\w*|республик\w*)"
    r"|(?P<town>town|city|village|settlement|город\w*|міст\w*|сел\w*)"
    r"|(?P<country>country|whole\s+country|ukrainian\s+territory|ukraine['’]s\s+territory|(?:total\s+)?(?:area|territory)\s+of\s+the\s+country|территори\w+\s+украин\w*|території\s+україн\w*))\b",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    r"\b(?:there|(?:that|this|the)\s+area|(?:the|his|her|its|that)\s+(?:region|oblast|province)|(?:the|that)\s+(?:town|city|village)|там|на\s+этом\s+направлении|на\s+цьому\s+напрямку)\b",
    re.IGNORECASE,
)


_PLACE_FOR_RX1 = re.compile(r"region|oblast|province")
_PLACE_FOR_RX2 = re.compile(r";")
_PLACE_FOR_RX3 = re.compile(r";")
_PLACE_FOR_RX4 = re.compile(r"town|city|village")


def _place_for(d: _Doc, dr: _Draft) -> Mention | None:
    """The mention a claim is about: the captured place; the share's "of X"; the target of a distance;
    else the nearest location in the figure's clause (not a comparison, not the claimant, not an actor);
    else what "there" or "the region" refers to; else the country the war is fought in."""
    if dr.mention is not None:
        return dr.mention
    s = d.sents[dr.sent]
    pos, end_all = dr.start, dr.extra.get("end_all", dr.end)
    cands = d.locations_in(dr.sent)
    # Not places the claim is about: actors ("Ukraine took back ..."), sources ("... from Russia"),
    # size comparisons ("comparable to Washington D.C.") and the claimant ("Kursk Governor ... said").
    blocked_spans = [(a.start, a.end) for a in d.actors_of(dr.sent) if a.kind in ("actor", "source")]
    comp = (
        _search_at(d, _COMPARISON, s.text, _COMPARISON_STARTS)
        if not d.lower_exact or any(w in d.lowered(s.text) for w in _COMPARISON_WORDS)
        else None
    )
    claimant_span = _claimant_span(d, dr.sent)
    cands = [
        m
        for k, m in enumerate(cands)
        if not (k and _qualifying_country(d, cands[k - 1], m))
        and not (k + 1 < len(cands) and _qualifying_country(d, cands[k + 1], m, possessive=True))
        and not any(a <= m.start < b for a, b in blocked_spans)
        and not (comp and m.start >= s.start + comp.end() and m.start > end_all)
        and not (claimant_span and claimant_span[0] <= m.start < claimant_span[1])
    ]
    # Keep to the figure's clause: "Kharkiv: 551 ...; Kherson: 88 ..." are two places.
    lo = max(
        [s.start + x.end() for x in _PLACE_FOR_RX2.finditer(s.text) if s.start + x.end() <= pos], default=s.start
    )
    hi = min(
        [s.start + x.start() for x in _PLACE_FOR_RX3.finditer(s.text) if s.start + x.start() >= end_all],
        default=s.end,
    )
    clause = [m for m in cands if lo <= m.start < hi] or cands
    if dr.kind == "share":
        so = _SHARE_OF.match(d.text, end_all)
        if so:
            # A mention ending by ``pos`` starts by it too (mentions are sorted by start).
            upto = d.mentions[: bisect.bisect_right(d.mention_starts, pos)]
            earlier = [m for m in upto if m.end <= pos and m.role == "location"]
            want = _REGIONAL if so.group("region") else _LOCAL if so.group("town") else ("country",)
            if so.group("country"):
                return _country_mention(d, "UA", dr)
            ref = next((m for m in reversed(earlier) if m.place.kind in want), None)
            if ref is not None:
                return ref
        after = [m for m in clause if m.start >= end_all and m.start - end_all <= 40]
        if after:
            return after[0]
    if dr.extra.get("dtype") == "to_target":
        after = [
            m for m in clause if m.start >= end_all and m.start - end_all <= 60 and m.place.kind in _LOCAL
        ]
        before = [m for m in clause if m.end <= pos and m.place.kind in _LOCAL]
        if after or before:
            return (after or before[::-1])[0]
    after = [m for m in clause if m.start >= end_all and m.start - end_all <= 120]
    if after:
        return min(
            after[:3], key=lambda m: (_RANK.get(m.place.kind, 5) if m.start - end_all > 40 else 0, m.start)
        )
    before = [m for m in clause if m.end <= pos]
    if before:
        return before[-1]
    if clause:
        return clause[0]
    ana = _ANAPHOR.search(s.text)
    if ana:
        word = ana.group(0).lower()
        want = (
            _REGIONAL
            if _PLACE_FOR_RX1.search(word)
            else _LOCAL
            if _PLACE_FOR_RX4.search(word)
            else tuple(_RANK)
        )
        prev = [
            m
            for m in d.mentions
            if m.end <= pos
            and m.place.kind in want
            and m.role == "location"
            and m.start >= d.sents[max(0, dr.sent - 3)].start
            and m.place.kind != "country"
        ]
        if prev:
            found = prev[-1]
            if not _PLACE_FOR_RX4.search(word):
                # "that area", "there": an area, so the same place named as one ("the Bakhmut direction",
                # "northern Kharkiv Oblast") a little earlier, over a later plain mention of the town.
                found = next((m for m in reversed(prev) if m.place.id == found.place.id and m.part), found)
            return found
    carried = _paragraph_place(d, dr)
    if carried is not None:
        return carried
    stated = _stated_region(d, dr)
    if stated is not None:
        return stated
    return _country_mention(d, "UA", dr)


_QUALIFIER_GAP = re.compile(r"\s*(?:,|of|in)\s*", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:own\s+|western\s+|southern\s+|northern\s+|eastern\s+|border\s+)?")


def _claimant_span(d: _Doc, si: int) -> tuple[int, int] | None:
    """Where sentence ``si`` names its speaker ("Kyiv" in "..., Kyiv said"): not a place a claim is about."""
    att = d.attr(si)
    if att and att.claimant:
        s = d.sents[si]
        k = s.text.find(att.claimant)
        if k >= 0:
            return s.start + k, s.start + k + len(att.claimant)
    return None


def _qualifying_country(d: _Doc, place: Mention, m: Mention, *, possessive: bool = False) -> bool:
    """Is ``m`` the country that only says where ``place`` lies: after it ("the Kursk region of Russia",
    "Sudzha, Russia") or, ``possessive``, before it ("Russia's Kursk region")? Then it is not a place of its
    own for a claim."""
    if m.place.kind != "country" or place.place.kind == "country" or place.place.country != m.place.country:
        return False
    if possessive:
        return _POSSESSIVE_GAP.fullmatch(d.text, m.end, place.start) is not None
    return _QUALIFIER_GAP.fullmatch(d.text, place.end, m.start) is not None


def _country_mention(d: _Doc, country: str, dr: _Draft | None = None) -> Mention | None:
    """A mention of the country itself anywhere in the report, to stand for claims about it as a whole;
    when the report never names it, the theatre place (an implied, zero-length mention at the claim)."""
    hits = [m for m in d.mentions if m.place.kind == "country" and m.place.country == country]
    found = next((m for m in hits if m.role == "location"), hits[0] if hits else None)
    if found is None and dr is not None and d.theatre is not None and d.theatre.country == country:
        found = Mention(d.article.id, "", dr.start, dr.start, d.theatre)
    if found is not None and found.part is not None:
        # "the east of Ukraine" elsewhere in the report says nothing about which part this claim is in
        found = replace(found, part=None)
    return found


_PLACE_KINDS_CARRIED = ("settlement", "admin3", "admin2", "admin1", "region")


def _common_region(d: _Doc, dr: _Draft) -> Mention | None:
    """A count that names only some of its places ("X and two other villages of the area") is about the
    region they share, not about X: the report's mention of that first-level unit, nearest before the
    claim (else after it). A fully named list keeps its first place."""
    if dr.kind != "settlements" or not dr.names or dr.value is None or dr.value <= len(dr.names):
        return None
    found = [_mention_at(d, n) for n in dr.names]
    units = {m.place.admin1 for m in found if m is not None}
    if len(units) != 1 or None in units or any(m is None for m in found):
        return None
    unit = units.pop()
    regions = [
        m
        for m in d.mentions
        if m.place.kind in ("admin1", "region") and m.place.name == unit and m.role == "location"
    ]
    if not regions:
        return None
    before = [m for m in regions if m.start <= dr.start]
    return before[-1] if before else regions[0]


def _list_units(d: _Doc, dr: _Draft) -> tuple[Mention, ...]:
    """A count built from named places that lie in two or more first-level units ("took A and B in the
    Sumy region and C in the Kharkiv region") is about those units, not about its first village: their
    mentions, in the order the list reaches them. Each name's unit is the region the sentence places it
    in (the first region after it, before the next name, also holds for the names before it that have
    none), else its resolved place's own. A unit the sentence does not name ends the rule."""
    if dr.kind != "settlements" or len(dr.names) < 2:
        return ()
    s = d.sents[dr.sent]
    regions = [m for m in d.locations_in(dr.sent) if m.place.kind == "admin1" and m.part is None]
    # A region stated after a name holds for the names before it that have none of their own: "A and B,
    # two villages in the X region, and C in the Y region" puts A and B in X.
    unit_of: list[str | None] = []
    stated: dict[str, Mention] = {}
    pending = 0
    for i, (_, b) in enumerate(dr.names):
        nxt = dr.names[i + 1][0] if i + 1 < len(dr.names) else s.end
        here = next((m for m in regions if b <= m.start < nxt and m.start - b <= 60), None)
        unit_of.append(None)
        if here is not None:
            stated.setdefault(here.place.name, here)
            unit_of[pending : i + 1] = [here.place.name] * (i + 1 - pending)
            pending = i + 1
    for i in range(pending, len(dr.names)):
        found = _mention_at(d, dr.names[i])
        unit_of[i] = found.place.admin1 if found is not None else None
    units = list(dict.fromkeys(u for u in unit_of if u))
    if len(units) < 2:
        return ()
    out = []
    for unit in units:
        m = stated.get(unit) or next((r for r in regions if r.place.name == unit), None)
        if m is None:
            return ()
        out.append(m)
    return tuple(out)


def _paragraph_place(d: _Doc, dr: _Draft) -> Mention | None:
    """A figure whose sentence names no place continues the previous sentence of its paragraph
    ("... fighting west of Pokrovsk. On parts of that front, units moved forward ..."): that
    sentence's last location, when it names one below the country."""
    si = dr.sent
    if si == 0 or dr.kind == "share":
        return None
    prev, cur = d.sents[si - 1], d.sents[si]
    if "\n" in d.text[prev.end : cur.start]:
        return None
    # A figure of the previous sentence already took that place with its own verb: only carry a place
    # that the previous sentence merely locates ("covered an area of X", "fighting near X").
    hits = [
        m
        for m in d.mentions
        if prev.start <= m.start < prev.end
        and m.role == "location"
        and m.place.kind in _PLACE_KINDS_CARRIED
        and _LOCATIVE_BEFORE.search(d.text[max(prev.start, m.start - 40) : m.start])
    ]
    return hits[-1] if hits else None


# A place the sentence locates something in ("an area of the X district", "fighting near X"), not the
# object of a verb ("acting to liberate X").
_LOCATIVE_BEFORE = re.compile(
    r"(?<![\w'’-])(?:in|of|near|around|outside|at|across|within|along)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


_GAINS_NOUN = re.compile(
    r"(?P<side>[\w'’]+)\s+(?:gains|advances?|counter-?offensive|offensive|breakthroughs?|successes)"
    r"\s+(?:(?:in|into|across|through|the|of)\s+){1,3}$",
    re.IGNORECASE,
)


#: Every match of ``_GAINS_NOUN`` contains one of these ("counter-offensive" has "offensive").
_GAINS_WORDS = ("gains", "advance", "offensive", "breakthrough", "successes")
_STATED_REGION_RX1 = re.compile(r"['’]s$")


def _stated_region(d: _Doc, dr: _Draft) -> Mention | None:
    """Where the report says the gaining side's gains are ("Ukraine's gains in Kharkiv Oblast ..."): the
    region of a figure whose own sentence and paragraph name none."""
    if d.lower_exact and not any(w in d.lowered(d.text) for w in _GAINS_WORDS):
        return None  # no gains noun anywhere in the report
    for m in d.mentions:
        if m.role != "location" or m.place.kind not in ("admin1", "region"):
            continue
        g = _GAINS_NOUN.search(d.text[max(0, m.start - 60) : m.start])
        if g and _side_of(d.t, _STATED_REGION_RX1.sub("", g.group("side"))) == dr.gainer:
            return m
    return None


_LIST_KINDS = (frozenset({"admin1", "region"}), frozenset({"settlement", "admin3", "admin2"}))


def _coordinated(d: _Doc, dr: _Draft) -> tuple[Mention, ...]:
    """The other places of the list the claim's place stands in, when the claim is about them all: "took
    Avdiivka and Vuhledar" (two settlements), "in the Kharkiv and Kherson regions". A capture is about
    its one named place; places of another kind or sentence are not part of the list."""
    m = dr.mention
    if m is None or m.start == m.end or dr.kind == "capture":
        return ()
    kinds = next((k for k in _LIST_KINDS if m.place.kind in k), None)
    if kinds is None:
        return ()
    row = d.locations_in(dr.sent)
    speaker = _claimant_span(d, dr.sent)
    if speaker is not None:  # "... of the Zaporizhzhia region, Kyiv said": Kyiv speaks, it is no second region
        row = [x for x in row if not speaker[0] <= x.start < speaker[1]]
    if m not in row:
        return ()
    k = row.index(m)
    lo = hi = k

    def joined(a: Mention, b: Mention) -> bool:
        return b.place.kind in kinds and bool(LIST_GAP.fullmatch(d.text[a.end : b.start]))

    while lo > 0 and joined(row[lo - 1], row[lo]):
        lo -= 1
    while hi + 1 < len(row) and joined(row[hi], row[hi + 1]):
        hi += 1
    seen = {m.place.id}
    out = []
    for x in row[lo : hi + 1]:
        if x.place.id not in seen:
            seen.add(x.place.id)
            out.append(x)
    return tuple(out)


def _region_for(m: Mention | None) -> str | None:
    if m is None:
        return None
    p = m.place
    if p.kind in ("admin1", "region", "country"):
        return p.name
    return p.admin1 or p.name


_RELATIVE_CLAUSE = re.compile(r"\b(?:that|which|who|whose|where|when)\b|;", re.IGNORECASE)
_CLAUSE_GAP = re.compile(r"[,;:(—–]")


def _date_for(d: _Doc, dr: _Draft) -> None:
    s = d.sents[dr.sent]
    pub = d.article.published
    exprs = d.dates_in(dr.sent)
    pos = dr.start - s.start
    days = [e for e in exprs if e.explicit]
    periods = [e for e in exprs if not e.explicit]
    chosen = None
    before = [e for e in days if e.end <= pos]
    if before:
        chosen = before[-1]
    elif days:
        chosen = days[0]
    att = d.attr(dr.sent)
    if chosen is None and att is not None and att.date is not None and att.sentence != dr.sent:
        chosen = att.date
    if chosen is None and att is not None and att.date is not None:
        chosen = att.date
    if chosen is not None and chosen.date is not None:
        dr.date, dr.date_explicit = chosen.date, True
    elif chosen is not None and pub is None:
        dr.date, dr.date_explicit = None, True
    else:
        dr.date = pub
    # A period in a relative clause after the claim is about what the clause says ("..., a town that had been
    # contested since 2014"), not about the claim.
    periods = [e for e in periods if e.start < pos or not _RELATIVE_CLAUSE.search(s.text, pos, e.start)]
    if periods:
        per = min(periods, key=lambda e: abs(e.start - pos))
        dr.period_start, dr.period_end = per.period_start, per.period_end
        # The report's own account of a past period ("In August, Ukrainian forces occupied 1,300 km²") is about
        # that period, not about the day it was published; a period after a comma belongs to what follows it
        # ("took Ivanivka, a village they had shelled in August").
        past = per.period_end is not None and pub is not None and per.period_end < pub
        governs = per.start < pos or not _CLAUSE_GAP.search(s.text, dr.end - s.start, per.start)
        if chosen is None and dr.claimant is None and past and governs:
            dr.date, dr.date_explicit = None, True


@dataclass(slots=True)
class _Hedges:
    """The report's hedges: which sentences hedge, those about its figures as a whole ("none of the figures
    could be verified": sentence and whether it doubts a single claim), and the hedging sentences lower-cased."""

    flags: list[bool]
    doubts: list[tuple[int, bool]]
    lowered: list[str]


def _hedges(d: _Doc, claim_sents: set[int]) -> _Hedges:
    flags = [d.hedges(s.text) for s in d.sents]
    doubts = []
    about_all: dict[str, re.Match[str] | None] = {}  # a hedge is often restated word for word
    for j, f in enumerate(flags):
        if f and j not in claim_sents:
            text = d.sents[j].text
            if text not in about_all:
                about_all[text] = _search_at(d, _ALL_FIGURES, text, _ALL_FIGURES_STARTS)
            m = about_all[text]
            if m:
                doubts.append((j, bool(_SINGULAR_REF.match(m.group(0)))))
    return _Hedges(flags, doubts, [d.lowered(s.text) for s, f in zip(d.sents, flags, strict=True) if f])


# --------------------------------------------------------------------------- merging


def _same_value(a: _Draft, b: _Draft) -> bool:
    if a.kind != b.kind or a.unit != b.unit or a.gainer != b.gainer:
        return False
    if a.value is None or b.value is None:
        return a.value is None and b.value is None and a.kind == b.kind and a.names == b.names == ()
    if a.value_max != b.value_max:
        return False  # "a quarter" and "25% to 30%" are different claims
    if a.value == b.value:
        return a.qualifier == b.qualifier or a.qualifier is None or b.qualifier is None
    rounded = {"approx"} & {a.qualifier or "", b.qualifier or ""}
    return (
        bool(rounded)
        and abs(a.value - b.value) <= 0.02 * max(a.value, b.value)
        and (a.qualifier is None or b.qualifier is None)
    )


def _same_place(d: _Doc, a: _Draft, b: _Draft) -> bool:
    if a.kind == "capture":
        ka, kb = _place_key(d, a), _place_key(d, b)
        return ka == kb
    # The same figure, side and day restated (headline, lede, quote) is one claim even when the restatements
    # name the area differently ("on the Donetsk axis" / "in the Donetsk and Tavriia operational areas").
    return True


def _place_key(d: _Doc, dr: _Draft) -> str:
    if dr.mention is not None:
        return dr.mention.place.id
    a, b = dr.names[0]
    return d.text[a:b].lower()


def _dates_compatible(a: _Draft, b: _Draft) -> bool:
    if a.date == b.date:
        return True
    return not (a.date_explicit and b.date_explicit)


def _merge(d: _Doc, drafts: list[_Draft]) -> list[_Draft]:
    kept: list[_Draft] = []
    for dr in drafts:
        twin = next(
            (k for k in kept if _same_value(k, dr) and _same_place(d, k, dr) and _dates_compatible(k, dr)),
            None,
        )
        if twin is None:
            kept.append(dr)
            continue
        # One claim stated twice (headline, lede, quote): keep the statement that says most.
        if dr.claimant is not None and (
            twin.claimant is None or (twin.extra.get("weak_claimant") and not dr.extra.get("weak_claimant"))
        ):
            twin.claimant = dr.claimant
            twin.extra["weak_claimant"] = dr.extra.get("weak_claimant")
        if not twin.date_explicit and dr.date_explicit:
            twin.date, twin.date_explicit = dr.date, True
        if twin.qualifier is None and dr.qualifier is not None and twin.value == dr.value:
            twin.qualifier = dr.qualifier
        if twin.qualifier == "approx" and dr.qualifier is None and twin.value != dr.value:
            twin.value, twin.qualifier, twin.value_km2 = dr.value, None, dr.value_km2
        twin.hedged = twin.hedged or dr.hedged
        if twin.mention is None and dr.mention is not None:
            twin.mention, twin.also = dr.mention, dr.also
        if twin.period_start is None and dr.period_start is not None:
            twin.period_start, twin.period_end = dr.period_start, dr.period_end
    return kept


def _drop_breakdowns(drafts: list[_Draft]) -> list[_Draft]:
    """Named places listed after a count by the same source ("eight settlements ... Vasiukivka, Orlivka ...")
    detail that count; they are not further claims."""
    out: list[_Draft] = []
    budget: dict[tuple[str | None, str | None], tuple[float, int]] = {}
    for dr in sorted(drafts, key=lambda x: x.start):
        key = (dr.gainer, dr.claimant)
        if dr.kind == "settlements" and not dr.names and dr.value:
            budget[key] = (max(budget.get(key, (0.0, 0))[0], dr.value), dr.sent)
            out.append(dr)
            continue
        left, at = budget.get(key, (0.0, -99))
        if dr.names and left >= (dr.value or 1.0) and dr.sent - at <= 3:
            budget[key] = (left - (dr.value or 1.0), at)
            continue
        out.append(dr)
    return out


# --------------------------------------------------------------------------- entry points


_EXTRACT_CLAIMS_RX1 = re.compile(r"\b(?:reportedly|allegedly|purportedly)\b", re.IGNORECASE)


def extract_claims(
    article: Article, mentions: Sequence[Mention], *, theatre: Place | None = None
) -> list[Claim]:
    """Every claim in ``article`` that territory changed hands or is held, in text order.

    ``mentions`` are the article's place mentions (from :func:`frontmap.geoparse.geoparse`); they give
    each claim its place. With no mentions, claims are still found, without places. ``theatre`` is the
    place a claim stands for when its report names none for it (the country the war is fought in, as
    :func:`frontmap.pipeline.extract` passes it); without it such claims fall back to a mention of the
    country in the report, else to no place.

    >>> from frontmap.records import Article
    >>> text = "Ukrainian forces recaptured more than 400 square kilometers (150 square miles)."
    >>> c = extract_claims(Article("a", text), [])
    >>> (c[0].kind, c[0].value, c[0].unit, c[0].qualifier, c[0].gainer)
    ('area', 400.0, 'km2', 'more_than', 'UA')
    """
    text = article.text or ""
    d = _Doc(
        article,
        text,
        load_tables(),
        split_sentences(text),
        quote_spans(text),
        sorted((m for m in mentions if m.doc == article.id or not m.doc), key=lambda m: m.start),
    )
    d.theatre = theatre
    d.mention_starts = [m.start for m in d.mentions]
    d.mention_span = max((m.end - m.start for m in d.mentions), default=0)
    d.lower_exact = not any(c in text for c in CASEFOLD_HAZARDS)
    drafts = [dr for si in range(len(d.sents)) for dr in _sentence_drafts(d, si)]
    # Who says so: the sentence's own attribution, its quote's, or a neighbour's.
    claim_sents = {dr.sent for dr in drafts}
    for si in sorted(claim_sents):
        if d.attr(si) is None:
            d.attr_cache[si] = _borrowed_attribution(d, si, claim_sents)
    for dr in drafts:
        if "side" in dr.extra:
            dr.gainer = dr.extra["side"]
        elif "gov" in dr.extra:
            dr.gainer = _gainer(d, dr.sent, dr.extra["gov"], dr.start, dr.extra["actors"])
        elif "verb" in dr.extra:
            v = dr.extra["verb"]
            dr.gainer = _gainer(d, dr.sent, v, v.start, dr.extra["actors"])
        elif dr.gainer is None:
            dr.gainer = _nominal_gainer(d, dr)
    drafts = [dr for dr in drafts if dr.gainer in ("UA", "RU")]
    if not drafts:
        return []
    hedges = _hedges(d, claim_sents)
    for dr in drafts:
        att = d.attr(dr.sent)
        if _own_attribution(d, dr.sent) is None and _EXTRACT_CLAIMS_RX1.search(d.sents[dr.sent].text):
            # "Reportedly, ..." names no source; only a next sentence that attributes it can.
            nxt = _borrowed_attribution(d, dr.sent, claim_sents, back=False)
            att = nxt
        later = _later_speaker(d, dr, att)
        if later is not None:
            att = later
        dr.claimant = att.claimant if att else None
        dr.extra["weak_claimant"] = bool(att and att.weak)
        _date_for(d, dr)
        dr.hedged = _is_hedged(d, dr, hedges, claim_sents)
        units = _list_units(d, dr)
        if units:
            dr.mention, dr.also = units[0], units[1:]
            dr.region = _region_for(dr.mention)
        elif dr.names and dr.mention is None:
            # A captured village the geoparser does not know: no point for it, but the region around it.
            dr.region = _region_for(_place_for(d, dr))
        else:
            dr.mention = _common_region(d, dr) or _place_for(d, dr)
            dr.region = _region_for(dr.mention)
            dr.also = _coordinated(d, dr)
    drafts.sort(key=lambda x: x.start)
    drafts = _drop_breakdowns(drafts)
    drafts = _merge(d, drafts)
    return [_to_claim(article, d, dr) for dr in sorted(drafts, key=lambda x: x.start)]


#: The trigger families a figure needs one of (else a "%").
_FIGURE_FAMILIES = frozenset({"units", "settlement_nouns", "fractions"})


def _sentence_drafts(d: _Doc, si: int) -> list[_Draft]:
    """Stage 1 for one sentence: its figures that are claims, and the places its verbs say were taken."""
    drafts: list[_Draft] = []
    text = d.sents[si].text
    families = d.triggers(text).families
    # The families decide which stages can find anything (most sentences need none of them): no figure
    # without a unit, a settlement noun, a fraction word or "%"; no verb without a verb trigger word, and the
    # verbs matter only to a figure or, for a capture, when one of them may be a capture verb.
    figures = _figures(d, si, families) if not families.isdisjoint(_FIGURE_FAMILIES) or "%" in text else ()
    verbs = _verbs(d, si) if "verbs" in families and (figures or "capture_verbs" in families) else []
    for dr in figures:
        ok, gov = _figure_is_claim(d, dr, verbs)
        if ok:
            dr.extra["gov"], dr.extra["actors"] = gov, d.actors_of(si)
            drafts.append(dr)
    nominal = ("nominal" in families or not d.lower_exact) and d.nominal(text)
    for dr in _captures(d, si, verbs) if verbs or nominal else ():
        dr.extra["actors"] = d.actors_of(si)
        drafts.append(dr)
    return drafts


def _own_attribution(d: _Doc, si: int) -> _Attribution | None:
    return _find_attribution(d, si) or _quote_attribution(d, si)


_BORROWED_ATTRIBUTION_RX1 = re.compile(
    r"\s*(?:such|this|these|that|the\s+\w+\s+(?:was|were)|таку|такую|цю|ці|эт\w+|так\w+)\b",
    re.IGNORECASE,
)
_BORROWED_ATTRIBUTION_RX2 = re.compile(r"\b(?:said|confirmed|reported)\s+(?:this|that|so)\b", re.IGNORECASE)


def _borrowed_attribution(d: _Doc, si: int, claim_sents: set[int], back: bool = True) -> _Attribution | None:
    # The next sentence attributes what this one reported: "... less than 7 km away. Ganchev said this."
    # or "On Sunday the ministry said the town had fallen."
    if si + 1 < len(d.sents) and si + 1 not in claim_sents:
        nxt = d.attr(si + 1)
        ns = d.sents[si + 1].text
        if (
            nxt is not None
            and nxt.claimant
            and not nxt.weak
            and (
                d.t.verb_any.search(ns)
                or _BORROWED_ATTRIBUTION_RX1.match(ns)
                or _BORROWED_ATTRIBUTION_RX2.search(ns)
            )
        ):
            return nxt
    if not back:
        return None
    # Reported speech runs on: a claim with no source of its own continues the previous claim's source
    # (or the quotation it stands in), but not past another speaker's statement about something else.
    quoted = _in_quote(d, si)
    for j in range(si - 1, max(-1, si - 4), -1):
        a = d.attr(j)
        if a is not None and a.claimant:
            return a if (j in claim_sents or quoted) else None
    return None


_LATER_SPEAKER_RX1 = re.compile(r"[а-яіїєё]", re.IGNORECASE)
_LATER_SPEAKER_RX2 = re.compile(r"(?:it|this|that|which|who|he|she|they)", re.IGNORECASE)


def _later_speaker(d: _Doc, dr: _Draft, att: _Attribution | None) -> _Attribution | None:
    """ "Kyiv says it controls 1,300 km², although Moscow says it has recaptured more than half": the
    speaker named between the sentence's first attribution and the figure says the figure."""
    if att is None or att.sentence != dr.sent or att.pos < 0:
        return None
    s = d.sents[dr.sent]
    rel = dr.start - s.start
    best = None
    rx, subject = d.matcher("cue_after", s.text)  # groups may be lower-cased: read case-insensitively below
    for m in rx.finditer(subject, att.pos + 1, max(att.pos + 1, rel)):
        if d.t.weak_cues.match(m.group(0)) or _LATER_SPEAKER_RX1.search(m.group(0)):
            continue
        left = s.text[: m.start()]
        if not _CLAUSE_BREAK.search(left[att.pos :]) and "," not in left[att.pos :]:
            continue  # the same clause as the first attribution
        np = _left_np(left)
        if (
            np
            and not _LATER_SPEAKER_RX2.fullmatch(np)
            and _has_proper_name(d.t, np, d.t.people_rx.search(np))
        ):
            best = _attribution_of(d, np, dr.sent, att.date)
    return best


def _in_quote(d: _Doc, si: int) -> bool:
    s = d.sents[si]
    return any(qa - 1 <= s.start < qb for qa, qb in d.quotes)


_ALL_FIGURES = re.compile(
    r"\b(?:the|these|those|such|none\s+of\s+the|neither\s+of\s+the|all\s+(?:of\s+)?the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:figures|numbers|claims?|reports|statements|gains|assertions|accounts?|данные|цифры|заявления|дані|цифри|заяви)\b",
    re.IGNORECASE,
)


_ALL_FIGURES_STARTS = ("the", "these", "those", "such", "none", "neither", "all")  # every match starts so
_SINGULAR_REF = re.compile(
    r"(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:claim|account|report|statement)$", re.IGNORECASE
)


_IS_HEDGED_RX1 = re.compile(r"\s*if\s+confirmed", re.IGNORECASE)


def _is_hedged(d: _Doc, dr: _Draft, hedges: _Hedges, claim_sents: set[int]) -> bool:
    si = dr.sent
    flags = hedges.flags
    if flags[si]:
        return True
    for j in (si + 1, si - 1):
        if 0 <= j < len(flags) and flags[j] and j not in claim_sents:
            if j == si + 1 or _IS_HEDGED_RX1.match(d.sents[j].text):
                return True
    # "None of the figures could be independently confirmed": a hedge about the report's figures as a whole;
    # "Reuters could not verify the account" is about the claim just before it.
    # A plural hedge covers the figures reported before it (and one just after it); a figure
    # that only comes paragraphs later, often from another source, is not what it doubts.
    if any((not singular and j >= si - 1) or 0 < j - si <= 2 for j, singular in hedges.doubts):
        return True
    # A hedge elsewhere that names the same place ("Should it be confirmed, the reported fall of Toretsk ...").
    if dr.names:
        name = d.text[dr.names[0][0] : dr.names[0][1]].lower()
        if name and any(name in low for low in hedges.lowered):
            return True
    return False


def _to_claim(article: Article, d: _Doc, dr: _Draft) -> Claim:
    s = d.sents[dr.sent]
    return Claim(
        doc=article.id,
        kind=dr.kind,
        value=dr.value,
        unit=dr.unit,
        gainer=dr.gainer,
        sentence=s.text,
        start=dr.start,
        end=dr.end,
        value_min=dr.value_min,
        value_max=dr.value_max,
        qualifier=dr.qualifier,
        value_km2=dr.value_km2,
        claimant=dr.claimant,
        place=dr.mention,
        also=dr.also,
        region=dr.region,
        date=dr.date,
        period_start=dr.period_start,
        period_end=dr.period_end,
        hedged=dr.hedged,
    )


#: Keys of each object in ``claims`` of the JSON contract, in order.
CLAIM_KEYS: tuple[str, ...] = (
    "kind",
    "value",
    "value_min",
    "value_max",
    "qualifier",
    "unit",
    "value_km2",
    "gainer",
    "claimant",
    "place",
    "place_lat",
    "place_lon",
    "region",
    "date",
    "period_start",
    "period_end",
    "hedged",
    "sentence",
    "start",
    "end",
    "doc",
)


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """One entry of ``claims`` in the JSON contract of ``frontmap extract --json``.

    >>> from frontmap.records import Claim
    >>> claim_to_dict(Claim("a", "capture", 1.0, "count", "RU", "Russia took X.", 0, 4))["place"] is None
    True
    """
    p = claim.place.place if claim.place is not None else None

    def iso(x: dt.date | None) -> str | None:
        return x.isoformat() if x is not None else None

    return {
        "kind": claim.kind,
        "value": claim.value,
        "value_min": claim.value_min,
        "value_max": claim.value_max,
        "qualifier": claim.qualifier,
        "unit": claim.unit,
        "value_km2": claim.value_km2,
        "gainer": claim.gainer,
        "claimant": claim.claimant,
        "place": claim.place_label,
        "place_lat": p.lat if p is not None else None,
        "place_lon": p.lon if p is not None else None,
        "region": claim.region,
        "date": iso(claim.date),
        "period_start": iso(claim.period_start),
        "period_end": iso(claim.period_end),
        "hedged": claim.hedged,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "doc": claim.doc,
    }
