"""Find every place a report names, resolve it against the gazetteer, and say how it is used.

``geoparse(article, gazetteer) -> list[Mention]`` is a pure function of its two
arguments. It works in four steps; every word list it consults is data in
:mod:`frontmap.geoparse.lexicon`.

1. **Spans.** Gazetteer keys are found with one Aho-Corasick pass over a
   normalised copy of the text (an offset map gives back the original span), at
   word boundaries, longest match first. Region phrases are parsed around their
   head word, so "the southeastern Dnipropetrovsk industrial region" is
   Dnipropetrovsk Oblast and "Kharkiv and adjacent Poltava and Sumy regions" is
   three oblasts; "X People's Republic", "popular republic of X" and the
   acronyms DPR/LPR/ДНР/ЛНР stand for their oblasts. Spellings the gazetteer does
   not list are matched through a *skeleton* (vowels merged, h/g merged, doubled
   letters collapsed): "Sergeevka" meets "Serhiivka". Cyrillic words are
   inflected, so their skeletons are also tried without the usual case endings
   (-у, -ом, -ах, -ами, -ого ...): "под Купянском" meets "Куп'янськ", "Васюковку"
   "Васюківка"; an adjective in -ской/-ської names a region only together with a
   head word ("Харьковской области", "у Харківській та Херсонській областях"), or
   an adjectival village name (Петровское), never the city Донецк.

2. **No false places.** A Latin or Cyrillic name must be capitalised; months,
   weekdays, demonyms and common words are never places alone; a name right after
   a given name or a title is a surname ("Gen. Valery Gerasimov"), and so is that
   word anywhere else in the report; a name in front of an outlet or unit word
   ("Kyiv Independent", "Azov brigade", "Khortytsia group") or behind a unit
   word ("Battlegroup Dnepr") is not a place; "Kremlin", "White House" stand for
   their governments and are kept as actors of their city.

3. **Roles.** A capital or a country followed by a speech or action verb
   ("Moscow said", "Kyiv launched"), by a possessive and a state noun ("Kyiv's
   forces") or preceded by "according to" is an ``actor``; everything else is a
   ``location``.

4. **Disambiguation**, in order of strength:

   (1) explicit context: a region phrase in the same sentence ("Lyman in the
       Donetsk region", "Kostiantynivka, Donetsk Oblast", "Shestakove, in the
       Chuhuiv district", "населенные пункты Харьковской области Лиман"), and a
       relative expression ("Zolochiv, north of Kharkiv", "villages north of
       Sergiivka", "15 km from Pokrovsk"), which also becomes ``Mention.relation``;
   (2) the other places of the report: candidates near the report's resolved
       places, and inside the oblasts it names, are preferred (two passes: the
       second sees the first's choices);
   (3) the gazetteer's prior, which already encodes the theatre (front-line
       oblasts, Russia's border regions, Belarus, Moldova) and
   (4) population.

   A name that is both an oblast centre and an oblast ("Kharkiv") is the oblast
   when the text says so: a region phrase or a list of regions, "Kharkiv's
   <village>", "75% of Donetsk", "Kursk governor", or a bare name in a report that
   names "<X> region" and gives this mention no city cue ("city of", "km from",
   "outskirts", a list of towns); otherwise the city.

Example:

>>> from frontmap.gazetteer import Gazetteer          # doctest: +SKIP
>>> [m.place.name for m in geoparse(Article("a", "Moscow said it took Lyman."), Gazetteer.load())]  # doctest: +SKIP
['Moscow', 'Lyman']
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from frontmap.geoparse import lexicon as lx
from frontmap.geoparse.index import (
    Index,
    consonants,
    cyrillic_stems,
    get_index,
    is_adjective,
    skeleton,
)
from frontmap.geoparse.text import Token, token_text, tokenize
from frontmap.records import Article, Mention, Place

if TYPE_CHECKING:  # pragma: no cover
    from frontmap.gazetteer import Gazetteer

__all__ = ["geoparse"]

_LOCAL_KINDS = frozenset({"settlement", "admin2", "admin3"})
_REGION_KINDS = frozenset({"admin1", "region"})
_NAME_INNER_LOWER = frozenset({"of", "on", "the", "upon", "de", "la", "le", "na", "nad", "pod", "am", "an", "der", "du",
                               "del", "di", "da", "s", "region", "oblast", "province", "raion", "district", "river",
                               "sea", "lake", "reservoir", "city", "people", "peoples", "republic", "krai", "bay",
                               "island", "spit", "canal", "gulf", "strait"})
_JOIN_WORDS = frozenset({"and", "or", "&", "и", "і", "та", "й", "или", "або"})
_CYR_STOP_PREFIXES = ("росси", "россі", "русск", "украин", "україн", "америк", "европ", "європ", "советск", "радянськ",
                      "минобор", "міноборон", "телеграм")
_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                           "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "a", "few", "several", "dozen"})
_PERSON_TITLES = lx.TITLES - {"st", "saint", "defence", "defense", "head", "general", "chief", "leader"}
_SEAT_FIRST_WORDS = frozenset(k.split()[0] for k in lx.SEAT_METONYMS)
_POPULATION_WEIGHT = 0.7
#: A choice this far ahead of the runner-up anchors the other places of the report.
_CONFIDENT_MARGIN = 2.0
_COMPOUND_TAILS = frozenset({"backed", "based", "led", "installed", "controlled", "appointed", "aligned", "friendly",
                             "allied", "supported", "funded", "imposed", "style", "era", "born", "made", "bound",
                             "centric", "oriented", "sponsored", "run", "held", "occupied"})
#: Words that may stand between a place and the region phrase that locates it: "Robotyne, a village in
#: Zaporizhzhia Oblast", "Sidorovka and Popovka, two settlements in the Sumy Region", "Kharkiv's Bologovka".
_APPOSITION_FILLERS = frozenset({
    "a", "an", "the", "in", "of", "on", "at", "near", "two", "three", "four", "five", "several", "both", "village",
    "villages", "town", "towns", "city", "cities", "settlement", "settlements", "hamlet", "located", "situated",
    "lying", "which", "is", "are", "lies", "lie", "sits", "small", "tiny", "frontline", "key", "strategic",
    "another", "yet", "industrial", "eastern", "western", "northern", "southern", "north", "south", "east", "west",
    "s", "and", "part", "district", "embattled", "coal", "mining", "rail", "hub", "logistics", "border", "also",
    "в", "у", "на", "и", "і", "та", "села", "село", "селе", "поселок", "поселка", "населенные", "населенный",
    "пункты", "пункт", "населені", "пункти", "населений", "смт", "пгт", "районе", "районі",
})
_LEFT_FILLERS = frozenset({"s", "of", "village", "villages", "town", "towns", "city", "settlement", "settlements",
                           "населенные", "населенный", "пункты", "пункт", "населені", "пункти", "населений",
                           "села", "село", "поселок", "смт", "пгт"})
_WATER_HEADS = frozenset({"river", "sea", "lake", "reservoir", "bay", "gulf", "strait", "canal", "spit"})


@dataclass
class _Span:
    start: int
    end: int
    t0: int
    t1: int
    places: list[Place]
    source: str  # "key", "region", "seat", "skeleton", "cyrillic"
    priority: int = 0
    forced: Place | None = None
    role: str = "location"
    relation: str | None = None
    group: str = ""
    alternatives: list[Place] = field(default_factory=list)
    anchor: _Span | None = None
    direction: tuple[float, float] | None = None
    distance_km: float | None = None
    border_cue: bool = False
    chosen: Place | None = None
    exact: frozenset[str] = frozenset()
    explicit: list[tuple[Place, bool]] = field(default_factory=list)


def geoparse(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    """Every place mention in ``article.text``, resolved, in text order.

    >>> geoparse(Article("a", "Fighting near Bakhmut."), gazetteer)[0].place.name  # doctest: +SKIP
    'Bakhmut'
    """
    text = article.text or ""
    if not text.strip():
        return []
    idx = get_index(gazetteer)
    parser = _Parser(text, gazetteer, idx)
    spans = parser.run()
    mentions = []
    for sp in spans:
        if sp.chosen is None:
            continue
        alts = tuple(p for p in sp.alternatives if p.id != sp.chosen.id)[:5]
        mentions.append(Mention(article.id, text[sp.start : sp.end], sp.start, sp.end, sp.chosen, sp.role, alts,
                                sp.relation))
    return mentions


def _fast_km(a: Place, b: Place) -> float:
    """Equirectangular distance: within 0.5 % of the great circle at these scales, and ten times cheaper."""
    dy = (a.lat - b.lat) * 111.2
    dx = (a.lon - b.lon) * 111.2 * math.cos(math.radians((a.lat + b.lat) * 0.5))
    return math.sqrt(dx * dx + dy * dy)


def _nearest(cands: list[Place], points: list[tuple[str, float, float, bool]],
             near: set[str]) -> list[tuple[float | None, float, float | None]]:
    """For each candidate: the distance (km, equirectangular) to the nearest confident point, to the nearest
    point, and to the nearest confident point named close by in the text (None when there is none)."""
    out = []
    conf = [(la, lo) for _, la, lo, c in points if c]
    close = [(la, lo) for k, la, lo, c in points if c and k in near]
    every = [(la, lo) for _, la, lo, _c in points]
    if len(cands) * len(every) > 600:
        arr = np.array([(p.lat, p.lon) for p in cands])
        mins = []
        for group in (conf, every, close):
            if not group:
                mins.append([None] * len(cands))
                continue
            pts = np.array(group)
            dy = (arr[:, None, 0] - pts[None, :, 0]) * 111.2
            dx = (arr[:, None, 1] - pts[None, :, 1]) * (111.2 * np.cos(np.radians(arr[:, None, 0])))
            mins.append(np.sqrt(dx * dx + dy * dy).min(axis=1).tolist())
        return list(zip(*mins))
    for p in cands:
        kx = 111.2 * math.cos(math.radians(p.lat))
        row = []
        for group in (conf, every, close):
            best = None
            for la, lo in group:
                dy = (p.lat - la) * 111.2
                dx = (p.lon - lo) * kx
                d = dx * dx + dy * dy
                if best is None or d < best:
                    best = d
            row.append(None if best is None else math.sqrt(best))
        out.append((row[0], row[1] if row[1] is not None else 0.0, row[2]))
    return out


def _distance_km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class _Parser:
    """One report's worth of state; a fresh one per call keeps ``geoparse`` pure."""

    def __init__(self, text: str, gazetteer: Gazetteer, idx: Index) -> None:
        self.text = text
        self.gaz = gazetteer
        self.idx = idx
        self.tokens: list[Token] = tokenize(text)
        self.starts = [t.start for t in self.tokens]
        self.lower_words = {t.low for t in self.tokens if t.text[:1].islower()}
        self.persons: set[str] = set()
        self._prior_cache: dict[str, float] = {}

    # ------------------------------------------------------------------ helpers
    def prior(self, p: Place) -> float:
        """The gazetteer's prior with population weighed down: population is the last tie-breaker, after the
        report's context and the theatre (a village of unknown size must not lose to a town 200 km away)."""
        v = self.idx.priors.get(p.id)
        if v is None:
            pop = math.log10(max(p.population, 0) + 1)
            v = float(self.gaz.prior(p)) - (1.0 - _POPULATION_WEIGHT) * pop
            self.idx.priors[p.id] = v
        return v

    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def low(self, i: int) -> str:
        t = self.tok(i)
        return t.low if t else ""

    def gap(self, i: int) -> str:
        return self.tokens[i].gap if 0 <= i < len(self.tokens) else ""

    def token_span(self, start: int, end: int) -> tuple[int, int] | None:
        t0 = bisect.bisect_left(self.starts, start)
        if t0 >= len(self.tokens) or self.tokens[t0].start != start:
            return None
        t1 = bisect.bisect_left(self.starts, end)
        if t1 == 0 or self.tokens[t1 - 1].end != end:
            return None
        return t0, t1

    def candidates(self, keys: Iterable[str]) -> list[Place]:
        seen: set[str] = set()
        out: list[Place] = []
        memo = self.idx.candidates
        for k in keys:
            cands = memo.get(k)
            if cands is None:
                cands = memo[k] = tuple(self.gaz.candidates(k))
            for p in cands:
                if p.id not in seen:
                    seen.add(p.id)
                    out.append(p)
        return out

    def make_span(self, t0: int, t1: int, places: list[Place], source: str, priority: int = 0,
                  forced: Place | None = None, group: str | None = None) -> _Span:
        start, end = self.tokens[t0].start, self.tokens[t1 - 1].end
        g = group if group is not None else " ".join(t.low for t in self.tokens[t0:t1])
        return _Span(start, end, t0, t1, places, source, priority, forced, group=g)

    # ------------------------------------------------------------------ pipeline
    def run(self) -> list[_Span]:
        if not self.tokens:
            return []
        self.find_persons()
        spans: list[_Span] = []
        spans += self.region_phrases()
        spans += self.seats_and_acronyms()
        spans += self.key_matches()
        spans += self.fuzzy_phrases()
        chosen = self.select(spans)
        chosen += self.select(self.fuzzy_matches(chosen), taken=chosen)
        chosen.sort(key=lambda s: s.start)
        chosen = self.context_filter(chosen)
        self.expand(chosen)
        self.city_or_region(chosen)
        self.relations(chosen)
        self.resolve(chosen)
        self.roles(chosen)
        return chosen

    # ------------------------------------------------------------------ 1. spans
    def key_matches(self) -> list[_Span]:
        norm, starts = token_text(self.tokens)
        first_at = {st: i for i, st in enumerate(starts)}
        last_at = {st + len(t.low): i for i, (st, t) in enumerate(zip(starts, self.tokens))}
        out: list[_Span] = []
        for end, (plen, keys) in self.idx.automaton.iter(norm):
            t0 = first_at.get(end - plen + 2)
            t1 = last_at.get(end + 1)
            if t0 is None or t1 is None or norm[end + 1] != " ":
                continue
            t1 += 1
            if not self.valid_name(t0, t1):
                continue
            places = self.candidates(keys)
            if not places:
                continue
            if t1 - t0 <= 1 and len(self.tokens[t0].text) <= 3:
                # Short words are places only as upper-case acronyms of countries and regions (US, UK, РФ).
                if not self.tokens[t0].is_upper:
                    continue
                places = [p for p in places if p.kind in ("country", "admin1", "region")]
                if not places:
                    continue
            sp = self.make_span(t0, t1, places, "key", priority=1)
            sp.exact = frozenset(p.id for p in places)
            out.append(sp)
        return out

    def valid_name(self, t0: int, t1: int) -> bool:
        first = self.tokens[t0]
        if not first.is_cap:
            return False
        toks = self.tokens[t0:t1]
        sent = first.sent
        for k, t in enumerate(toks):
            if t.sent != sent:
                return False
            if k and not t.is_cap and t.low not in _NAME_INNER_LOWER:
                return False
        for t in toks:
            if not t.is_upper and not t.text[1:].islower() and any(c.isupper() for c in t.text[1:]) and \
                    "'" not in t.text:
                return False  # "ОстроВ", "DeepState": brand spelling, not a place name
        if t1 - t0 == 1:
            low = first.low
            if low in lx.COMMON_WORDS and not first.is_upper:
                return False
            if low in lx.STOP_WORDS or low in lx.GIVEN_NAMES or low in lx.TITLES:
                if not (first.is_upper and len(low) <= 3):
                    return False
            if len(low) < 3 and not first.is_upper:
                return False
            if first.sent_start and low in self.lower_words:
                return False  # a common word that opens a sentence
        if t1 - t0 > 1 and all(t.low in _NAME_INNER_LOWER or t.low in lx.STOP_WORDS for t in toks):
            return False
        return True

    def seats_and_acronyms(self) -> list[_Span]:
        out: list[_Span] = []
        seat_words = _SEAT_FIRST_WORDS
        for i, t in enumerate(self.tokens):
            if not t.is_cap:
                continue
            if t.low not in seat_words and not (t.is_upper and t.low in lx.ENTITY_ACRONYMS):
                continue
            two = t.low + " " + self.low(i + 1) if i + 1 < len(self.tokens) else ""
            for phrase, width in ((two, 2), (t.low, 1)):
                city = lx.SEAT_METONYMS.get(phrase)
                if city and (width == 1 or self.tokens[i + 1].is_cap):
                    from frontmap.gazetteer.normalize import normalize_name as _nn  # light, already imported

                    places = [p for p in self.gaz.candidates(_nn(city)) if p.kind == "settlement"]
                    if places:
                        sp = self.make_span(i, i + width, places[:1], "seat", priority=5, forced=places[0])
                        sp.role = "actor"
                        out.append(sp)
                    break
            if t.is_upper and t.low in lx.ENTITY_ACRONYMS:
                unit = self.admin1(lx.ENTITY_ACRONYMS[t.low].lower())
                if unit:
                    out.append(self.make_span(i, i + 1, [unit], "region", priority=5, forced=unit,
                                              group="@" + unit.id))
        return out

    def admin1(self, name_key: str) -> Place | None:
        cands = self.idx.admin1_by_name.get(name_key)
        if not cands:
            return None
        ua = [p for p in cands if p.kind == "admin1"]
        return (ua or cands)[0]

    def region_name_at(self, j: int, level: str) -> tuple[int, Place] | None:
        """A region name ending at token ``j`` (up to three words): (first token, unit)."""
        table = self.idx.admin1_by_name if level == "admin1" else self.idx.admin2_by_name
        for width in (3, 2, 1):
            i0 = j - width + 1
            if i0 < 0:
                continue
            toks = self.tokens[i0 : j + 1]
            if not toks[0].is_cap or any(t.sent != toks[-1].sent for t in toks):
                continue
            if any(k and not t.is_cap for k, t in enumerate(toks)):
                continue
            if width > 1 and any("," in self.gap(i0 + k) or "(" in self.gap(i0 + k) for k in range(1, width)):
                continue
            key = " ".join(t.low for t in toks)
            cands = table.get(key)
            if not cands and toks[-1].is_cyrillic:
                continue
            if cands:
                ua = [p for p in cands if p.kind in ("admin1", "admin2")]
                return i0, (ua or cands)[0]
        return None

    def cyr_region_adjective(self, j: int) -> Place | None:
        t = self.tok(j)
        if t is None or not t.is_cyrillic or not t.is_cap:
            return None
        for stem in cyrillic_stems(t.low):
            cands = self.idx.cyr_region_adjectives.get(stem)
            if cands:
                return cands[0]
        return None

    def region_phrases(self) -> list[_Span]:
        out: list[_Span] = []
        for h, t in enumerate(self.tokens):
            low = t.low
            level = None
            if low in lx.ADMIN1_HEADS or low in lx.REPUBLIC_HEADS:
                level = "admin1"
            elif low in lx.ADMIN2_HEADS:
                level = "admin2"
            cyr = t.is_cyrillic
            if cyr:
                if low.startswith(lx.CYR_ADMIN1_HEAD_STEMS) or low.startswith(lx.CYR_REPUBLIC_HEAD_STEMS):
                    level = "admin1"
                elif low.startswith(lx.CYR_ADMIN2_HEAD_STEMS):
                    level = "admin2"
            if level is None:
                continue
            republic = low in lx.REPUBLIC_HEADS or low.startswith(lx.CYR_REPUBLIC_HEAD_STEMS)
            found = self.walk_left(h, level, cyr)
            if republic and not found:
                found = self.walk_right_of(h)
            if not found:
                continue
            found.sort()
            for k, (i0, i1, unit) in enumerate(found):
                last = k == len(found) - 1
                if i0 > h:  # "republic of Donetsk": the phrase runs from the head to the name
                    s0 = h
                    if h > 0 and self.low(h - 1) in ("popular", "people", "peoples", "s"):
                        s0 = h - 1
                    sp = self.make_span(s0, i1, [unit], "region", 4, unit, group="@" + unit.id)
                else:
                    sp = self.make_span(i0, h + 1 if last else i1, [unit], "region", 4, unit, group="@" + unit.id)
                out.append(sp)
        return out

    def walk_left(self, h: int, level: str, cyr: bool) -> list[tuple[int, int, Place]]:
        found: list[tuple[int, int, Place]] = []
        j = h - 1
        skipped = 0
        sent = self.tokens[h].sent
        expect_name = True
        while j >= 0 and self.tokens[j].sent == sent and skipped <= 3:
            t = self.tokens[j]
            if expect_name:
                hit: tuple[int, Place] | None = None
                if cyr:
                    unit = self.cyr_region_adjective(j) if level == "admin1" else None
                    if unit is not None:
                        hit = (j, unit)
                else:
                    hit = self.region_name_at(j, level)
                if hit is not None:
                    i0, unit = hit
                    found.append((i0, j + 1, unit))
                    j = i0 - 1
                    skipped = 0
                    expect_name = False
                    continue
                if t.low in lx.REGION_ADJECTIVES or (cyr and t.low.startswith(lx.CYR_PEOPLES_STEMS)):
                    j -= 1
                    skipped += 1
                    continue
                break
            # after a name: a list joiner lets the walk continue to the next name
            g = self.gap(j + 1)
            if "," in g and not any(c in g for c in "();:") and t.is_cap:
                expect_name = True
                continue
            if t.low in _JOIN_WORDS:
                expect_name = True
                j -= 1
                continue
            break
        return found

    def walk_right_of(self, h: int) -> list[tuple[int, int, Place]]:
        if self.low(h + 1) != "of":
            return []
        for width in (2, 1):
            j = h + 1 + width
            hit = self.region_name_at(j, "admin1") if j < len(self.tokens) else None
            if hit and hit[0] == h + 2:
                return [(hit[0], j + 1, hit[1])]
        return []

    def fuzzy_matches(self, taken: list[_Span]) -> list[_Span]:
        """Single words the keys missed: inflected Cyrillic, and Latin spellings that only the skeleton joins."""
        covered = set()
        for sp in taken:
            covered.update(range(sp.t0, sp.t1))
        out: list[_Span] = []
        for i, t in enumerate(self.tokens):
            if i in covered or not t.is_cap or t.low in lx.STOP_WORDS or t.low in lx.GIVEN_NAMES:
                continue
            if t.low in lx.TITLES or t.low in lx.COMMON_WORDS:
                continue
            if t.is_cyrillic:
                sp = self.cyrillic_match(i, covered)
            else:
                sp = self.latin_word_match(i, covered)
            if sp is not None:
                out.append(sp)
        return out

    def fuzzy_phrases(self) -> list[_Span]:
        """Two- and three-word Latin names in a spelling the keys miss ("Novy Donbass", "Stary Saltov"); they
        outrank single-word keys inside them ("Novy", "Donbass")."""
        out: list[_Span] = []
        n = len(self.tokens)
        for i, t in enumerate(self.tokens):
            if not t.is_title or t.is_cyrillic or t.low in lx.STOP_WORDS or t.low in lx.GIVEN_NAMES:
                continue
            for width in (3, 2):
                j = i + width
                if j > n:
                    continue
                toks = self.tokens[i:j]
                if any(not x.is_title or x.sent != t.sent or x.is_cyrillic for x in toks):
                    continue
                if any(self.gap(k).strip() not in ("", "-") for k in range(i + 1, j)):
                    continue
                if any(x.low in lx.STOP_WORDS or x.low in lx.GIVEN_NAMES for x in toks[1:]):
                    continue
                word = "".join(x.low for x in toks)
                if not word.isalpha():
                    continue
                keys = self.idx.latin_skeletons.get(skeleton(word))
                if not keys:
                    continue
                places = self.theatre(self.candidates(keys))
                if places:
                    sp = self.make_span(i, j, places, "skeleton", priority=2)
                    exact = self.gaz.candidates(" ".join(x.low for x in toks))
                    sp.exact = frozenset(p.id for p in exact)
                    out.append(sp)
                    break
        return out

    def theatre(self, places: Iterable[Place]) -> list[Place]:
        return [p for p in places if p.country in ("UA", "RU", "BY", "MD") and p.kind != "country"]

    def latin_word_match(self, i: int, covered: set[int]) -> _Span | None:
        t = self.tokens[i]
        if t.is_upper or t.sent_start or not t.low.isalpha() or len(t.low) < 6:
            return None
        # a word next to another unknown capitalised word is part of a name we do not know ("Mokri Yaly")
        for k in (i - 1, i + 1):
            nb = self.tok(k)
            if nb is not None and k not in covered and nb.is_title and nb.sent == t.sent and \
                    not self.gap(max(i, k)).strip() and nb.low not in lx.STOP_WORDS and nb.low not in lx.TITLES \
                    and not (k == i - 1 and nb.sent_start):
                return None
        word = t.low
        keys = self.idx.latin_skeletons.get(skeleton(word))
        if not keys and len(word) > 7 and word.endswith(("in", "on", "at")) and self.low(i + 1) in ("the", "a"):
            # words run together in scraped text: "Chugunovkain the Kharkov Region"
            keys = self.idx.latin_skeletons.get(skeleton(word[:-2]))
        if not keys:
            return None
        places = [p for p in self.theatre(self.candidates(keys)) if p.kind in _LOCAL_KINDS | {"water"}]
        return self.make_span(i, i + 1, places, "skeleton") if places else None

    def cyrillic_match(self, i: int, covered: set[int]) -> _Span | None:
        t = self.tokens[i]
        if t.is_upper or t.low.startswith(_CYR_STOP_PREFIXES) and is_adjective(t.low):
            return None
        # two- and three-word names: "Новое Запорожье", "Велика Новосілка"
        for width in range(min(self.idx.max_phrase_words, 3), 1, -1):
            j = i + width
            if j > len(self.tokens) or any(k in covered for k in range(i, j)):
                continue
            places = self.cyrillic_phrase_places(i, j)
            if places:
                return self.make_span(i, j, places, "cyrillic")
        if len(t.low) < 4:
            return None
        places = self.cyrillic_word_places(t)
        if t.sent_start:
            # a capitalised word opening a sentence is often a common noun ("Дороги"): regions only
            places = [p for p in places if p.kind in _REGION_KINDS or p.kind == "country"]
        return self.make_span(i, i + 1, places, "cyrillic") if places else None

    def cyrillic_phrase_places(self, i: int, j: int) -> list[Place]:
        toks = self.tokens[i:j]
        if any(x.sent != toks[0].sent or not x.is_cyrillic for x in toks) or not toks[-1].is_cap:
            return []
        for combo in _product([cyrillic_stems(x.low) for x in toks]):
            keys = self.idx.cyr_phrases.get(combo)
            if keys:
                places = self.candidates(keys)
                if places:
                    return places
        return []

    def cyrillic_word_places(self, t: Token) -> list[Place]:
        table = self.idx.cyr_adjectives if is_adjective(t.low) else self.idx.cyr_nouns
        out: list[Place] = []
        seen: set[str] = set()
        for stem in cyrillic_stems(t.low):
            if consonants(stem) < 2:
                continue
            for p in self.candidates(table.get(stem, ())):
                if p.id not in seen:
                    seen.add(p.id)
                    out.append(p)
        return out

    def expand(self, spans: list[_Span]) -> None:
        """Add the same name's other spellings: a generated alias ("Sergiivka") may list only some of the
        villages that the official spelling ("Serhiivka") lists, and Russian Cyrillic keys likewise.
        A bare name is a settlement, not the raion or hromada named after it (those need their head word)."""
        for sp in spans:
            if sp.forced is not None or sp.source == "seat":
                continue
            if any(p.kind == "settlement" for p in sp.places):
                sp.places = [p for p in sp.places if p.kind not in ("admin2", "admin3")]
            if any(p.kind in _REGION_KINDS or p.kind == "country" for p in sp.places[:1]):
                continue
            toks = self.tokens[sp.t0 : sp.t1]
            if toks[0].is_cyrillic:
                if sp.t1 - sp.t0 == 1:
                    extra = self.cyrillic_word_places(toks[0])
                else:
                    extra = self.cyrillic_phrase_places(sp.t0, sp.t1)
            else:
                word = "".join(x.low for x in toks)
                extra = self.candidates(self.idx.latin_skeletons.get(skeleton(word), ())) if word.isalpha() else []
            if not extra:
                continue
            have = {p.id for p in sp.places}
            for p in self.theatre(extra):
                if p.id not in have and p.kind in ("settlement", "water"):
                    have.add(p.id)
                    sp.places.append(p)

    def select(self, spans: list[_Span], taken: list[_Span] | None = None) -> list[_Span]:
        """Non-overlapping spans: higher priority first, then longer, then earlier."""
        occupied: set[int] = set()
        for sp in taken or ():
            occupied.update(range(sp.t0, sp.t1))
        out: list[_Span] = []
        for sp in sorted(spans, key=lambda s: (-s.priority, -(s.end - s.start), s.start)):
            rng = range(sp.t0, sp.t1)
            if any(k in occupied for k in rng):
                continue
            occupied.update(rng)
            out.append(sp)
        return out

    # ------------------------------------------------------------------ 2. false places
    def find_persons(self) -> None:
        """Surnames: a capitalised word right after a given name or a title ("Gen. Valery Gerasimov",
        "President Zelensky"); remembered for the whole report, so a later bare "Gerasimov" is no place."""
        tokens = self.tokens
        for i in range(1, len(tokens)):
            t = tokens[i]
            if not t.is_cap:
                continue
            prev = tokens[i - 1]
            if not prev.is_title or prev.sent != t.sent or prev.is_cyrillic != t.is_cyrillic:
                continue
            if (prev.low in lx.GIVEN_NAMES or prev.low in _PERSON_TITLES) and not t.gap.strip(" ."):
                nxt = self.low(i + 1)
                if nxt not in lx.ADMIN1_HEADS and nxt not in lx.ADMIN2_HEADS and t.low not in lx.STOP_WORDS:
                    self.persons.add(t.low)

    def context_filter(self, spans: list[_Span]) -> list[_Span]:
        span_at = {sp.t0: sp for sp in spans}
        in_span = set()
        for sp in spans:
            in_span.update(range(sp.t0, sp.t1))
        out: list[_Span] = []
        for sp in spans:
            if sp.source in ("region", "seat"):
                out.append(sp)
                continue
            first, last = self.tokens[sp.t0], self.tokens[sp.t1 - 1]
            if sp.t1 - sp.t0 == 1 and first.low in self.persons:
                continue
            prev = self.tok(sp.t0 - 1)
            nxt = self.tok(sp.t1)
            g_before = self.gap(sp.t0)
            g_after = self.gap(sp.t1) if nxt else ""
            if prev is not None and prev.sent == first.sent and not g_before.strip(" .") and prev.is_cap:
                if prev.low in lx.ORG_HEADS:
                    continue
                if prev.is_title and not prev.sent_start and prev.low not in lx.STOP_WORDS and \
                        (sp.t0 - 1) not in in_span and prev.is_cyrillic == first.is_cyrillic and \
                        prev.low not in lx.REGION_ADJECTIVES:
                    continue  # "<Capitalised> <Name>": a person or an organisation's name
                if prev.low in lx.GIVEN_NAMES or prev.low in lx.TITLES:
                    continue
            if prev is not None and prev.low in lx.ORG_HEADS and not g_before.strip():
                continue
            if prev is not None and g_before == "-" and prev.is_upper and (sp.t0 - 1) not in in_span:
                continue  # "RBC-Ukraine"
            if nxt is not None and g_after == "-" and nxt.low in _COMPOUND_TAILS:
                continue  # "Moscow-backed", "London-based": an adjective, like a demonym
            if nxt is not None and nxt.sent == last.sent and g_after.strip() in ("", "-"):
                if nxt.low in lx.ORG_TAILS and (nxt.is_cap or nxt.low in ("brigade", "regiment", "battalion",
                                                                            "battlegroup", "group", "corps")):
                    continue
                two = " ".join(t.low for t in self.tokens[sp.t0 : min(sp.t1 + 1, len(self.tokens))])
                if two in lx.OUTLETS:
                    continue
            phrase = " ".join(t.low for t in self.tokens[max(0, sp.t0 - 1) : sp.t1])
            if phrase in lx.OUTLETS:
                continue
            out.append(sp)
        return out

    # ------------------------------------------------------------------ city or oblast
    def city_or_region(self, spans: list[_Span]) -> None:
        explicit: set[str] = set()
        for sp in spans:
            if sp.source == "region" and sp.forced is not None:
                explicit.add(self.tokens[sp.t0].low)
        settlement_at = {sp.t0: sp for sp in spans if sp.forced is None}
        for sp in spans:
            if sp.forced is not None or sp.t1 - sp.t0 > 2:
                continue
            key = " ".join(t.low for t in self.tokens[sp.t0 : sp.t1])
            unit = self.admin1(key)
            if unit is None or unit.kind not in _REGION_KINDS:
                continue
            if not any(p.kind == "settlement" for p in sp.places):
                sp.forced = unit
                continue
            verdict = self.region_cue(sp, settlement_at)
            if verdict is None:
                verdict = "region" if key in explicit and not self.city_cue(sp) else "city"
            if verdict == "region":
                sp.forced = unit
                sp.group = "@" + unit.id
            else:
                sp.places = [p for p in sp.places if p.kind != "admin1"] or sp.places
                sp.alternatives = [unit]

    def region_cue(self, sp: _Span, settlement_at: dict[int, _Span]) -> str | None:
        nxt = self.low(sp.t1)
        # "Kharkiv's Bologovka": a possessive in front of another settlement is that settlement's region
        if nxt == "s":
            other = settlement_at.get(sp.t1 + 1)
            if other is not None and any(p.kind == "settlement" for p in other.places):
                return "region"
        after = [self.low(sp.t1 + k) for k in range(3)]
        if any(w in lx.REGION_CUES_AFTER for w in after[:1]) or (
            after[0] in ("military", "civil", "state", "regional") and "administration" in after[1:]
        ):
            return "region"
        before = [self.low(sp.t0 - k) for k in (1, 2)]
        if before[0] == "of" and (before[1] in ("percent", "per", "cent") or self.gap(sp.t0 - 1).startswith("%")):
            return "region"
        if self.city_cue(sp):
            return "city"
        return None

    def city_cue(self, sp: _Span) -> bool:
        b1, b2, b3 = (self.low(sp.t0 - k) for k in (1, 2, 3))
        if b1 in lx.CITY_CUES_BEFORE or (b1 == "of" and (b2 in lx.CITY_CUES_BEFORE or b2 in lx.DIRECTIONS)):
            return True
        if b1 in ("from", "to", "of") and (b2 in lx.DISTANCE_UNITS or b3 in lx.DISTANCE_UNITS or b2 == "away"):
            return True
        if b1 in lx.DIRECTIONS or (b1 in ("of", "from") and b2 in lx.DIRECTIONS):
            return True
        a1 = self.low(sp.t1)
        a2 = self.low(sp.t1 + 1)
        if a1 in lx.CITY_CUES_AFTER or (a1 in ("the", "a") and a2 in lx.CITY_CUES_AFTER):
            return True
        if a1 in ("the", "a") and self.low(sp.t1 + 2) in ("main", "largest", "biggest", "regional", "administrative") \
                and self.low(sp.t1 + 3) in ("city", "town", "centre", "center", "capital"):
            return True
        if a1 == "region" and self.low(sp.t1 + 1) == "s" and self.low(sp.t1 + 2) in ("main", "largest", "capital"):
            return True
        return False

    # ------------------------------------------------------------------ relations
    def relations(self, spans: list[_Span]) -> None:
        by_t0 = {sp.t0: sp for sp in spans}
        for k, sp in enumerate(spans):
            i = sp.t0 - 1
            direction: tuple[float, float] | None = None
            dist: float | None = None
            first = None
            # "north of", "to the north of", "north-west of"
            if self.low(i) in ("of", "from") and i > 0:
                d = self.low(i - 1)
                if d in lx.DIRECTIONS:
                    direction = lx.DIRECTIONS[d]
                    first = i - 1
                    if self.low(first - 1) == "the" and self.low(first - 2) == "to":
                        first -= 2
                    elif self.low(first - 1) in ("north", "south") and d in ("east", "west"):
                        direction = lx.DIRECTIONS[self.low(first - 1) + " " + d]
                        first -= 1
                elif d in lx.DISTANCE_UNITS or d == "away":
                    first = i
                elif d in ("outskirts", "outside", "approaches", "vicinity", "edge"):
                    first = i - 1
            elif self.low(i) in lx.NEAR_WORDS and self.low(i) not in ("of", "from", "to"):
                first = i
            if first is None:
                continue
            # a distance in front: "some 15 km (nine miles) from", "30 kilometers east of"
            j = first - 1
            look = self.text[max(0, self.tokens[first].start - 60) : self.tokens[first].start]
            m = re.search(r"(\d+(?:[.,]\d+)?)\s*(km|kms|kilomet(?:er|re)s?|mi|miles?|m|met(?:er|re)s)\b"
                          r"(?:\s*\([^)]*\))?\s*(?:to\s+the\s+|away\s+)?$", look, re.IGNORECASE)
            if m:
                val = float(m.group(1).replace(",", "."))
                unit = m.group(2).lower()
                dist = val * (1.609 if unit.startswith("mi") else 0.001 if unit in ("m", "meters", "metres") else 1)
                start = self.tokens[first].start - (len(look) - m.start())
            else:
                start = self.tokens[first].start
                del j
            rel = self.text[start : sp.end]
            subject = self.subject_before(spans, k, start)
            if subject is not None:
                for subj in subject:
                    subj.relation = rel
                    subj.anchor = sp
                    subj.direction = direction
                    subj.distance_km = dist
            elif sp.relation is None:
                sp.relation = rel
        # "18 km from the Russian border": no place to anchor, but a cue all the same
        for m in re.finditer(r"(\d+(?:[.,]\d+)?\s*(?:km|kilomet(?:er|re)s|miles?)\s+(?:\([^)]*\)\s+)?(?:from|of|to)\s+"
                             r"the\s+(?:Russian|Belarusian)\s+(?:border|frontier))", self.text):
            start = m.start()
            owner = None
            for sp in spans:
                if sp.end <= start and start - sp.end < 60 and sp.forced is None:
                    owner = sp
            if owner is not None and owner.relation is None:
                owner.relation = m.group(1)
                owner.border_cue = True
        del by_t0

    def subject_before(self, spans: list[_Span], k: int, rel_start: int) -> list[_Span] | None:
        """The place a relative expression describes: "Zolochiv, north of Kharkiv", "X lies 30 km east of Y"."""
        anchor = spans[k]
        for m in range(k - 1, -1, -1):
            cand = spans[m]
            if cand.forced is not None and cand.forced.kind in _REGION_KINDS:
                continue
            if self.tokens[cand.t0].sent != self.tokens[anchor.t0].sent:
                return None
            between = self.text[cand.end : rel_start]
            words = re.findall(r"\w+", between)
            if len(words) > 8 or re.search(r"[.;:!?]", between):
                return None
            group = [cand]
            # "Lysychne and Ivanivka, villages that both lie north of Sergiivka"
            p = m - 1
            while p >= 0 and re.fullmatch(r"\s*(,|and|,\s*and)\s*", self.text[spans[p].end : group[-1].start]):
                group.append(spans[p])
                p -= 1
            return group
        return None

    # ------------------------------------------------------------------ 4. disambiguation
    def resolve(self, spans: list[_Span]) -> None:
        sentence_units: dict[int, list[tuple[int, Place]]] = {}
        report_units: set[str] = set()
        positions: dict[str, Place] = {}
        for k, sp in enumerate(spans):
            if sp.forced is not None:
                sp.chosen = sp.forced
                if not sp.alternatives:
                    sp.alternatives = [p for p in sp.places if p.id != sp.forced.id]
                if sp.forced.kind in _REGION_KINDS | {"admin2"}:
                    s = self.tokens[sp.t0].sent
                    sentence_units.setdefault(s, []).append((sp.t0, sp.forced))
                    report_units.add(sp.forced.admin1 or sp.forced.name)
                if sp.forced.kind == "admin2":
                    positions[sp.group] = sp.forced
        for k, sp in enumerate(spans):
            if sp.forced is None:
                sp.explicit = self.apposition(k, spans)
        free = [sp for sp in spans if sp.forced is None]
        groups: dict[str, list[_Span]] = {}
        for sp in free:
            groups.setdefault(sp.group, []).append(sp)
        confident: set[str] = set()
        sent_groups: dict[int, set[str]] = {}
        for sp in spans:
            sent_groups.setdefault(self.tokens[sp.t0].sent, set()).add(sp.group)
        info: dict[str, tuple[list[float], set[str]]] = {}
        for gkey, members in groups.items():
            cands = members[0].places
            if len(cands) < 2:
                continue
            base = [self.prior(p) + max(self.context_score(sp, p, sentence_units, report_units) for sp in members)
                    for p in cands]
            near: set[str] = set()
            for sp in members:
                s0 = self.tokens[sp.t0].sent
                for s_ in (s0 - 1, s0, s0 + 1):
                    near |= sent_groups.get(s_, set())
            near.discard(gkey)
            info[gkey] = (base, near)
        for pass_no in range(3):
            # only places chosen with confidence anchor others, so two wrong guesses cannot prop each other up
            points = [(k, q.lat, q.lon, k in confident) for k, q in positions.items()
                      if q.kind in _LOCAL_KINDS and q.country in ("UA", "RU")]
            changed = False
            for gkey, members in groups.items():
                cands = members[0].places
                if len(cands) < 2:
                    best, ranked = cands[0], cands
                    confident.add(gkey)
                else:
                    base, near = info[gkey]
                    score = list(base)
                    if any(sp.anchor is not None for sp in members):
                        for i, p in enumerate(cands):
                            score[i] += sum(self.relation_score(sp, p) for sp in members)
                    if pass_no:
                        pts = [pt for pt in points if pt[0] != gkey]
                        if pts:
                            for i, (d_conf, d_all, d_near) in enumerate(_nearest(cands, pts, near)):
                                if cands[i].kind not in _LOCAL_KINDS:
                                    continue
                                if d_conf is not None:
                                    score[i] -= 3.0 * math.log10(1 + d_conf / 10.0)
                                score[i] -= 1.5 * math.log10(1 + d_all / 10.0)
                                if d_near is not None:
                                    score[i] -= 2.0 * math.log10(1 + d_near / 10.0)
                    order = sorted(range(len(cands)), key=lambda i: (-score[i], cands[i].id))
                    ranked = [cands[i] for i in order]
                    best = ranked[0]
                    if score[order[0]] - score[order[1]] >= _CONFIDENT_MARGIN:
                        confident.add(gkey)
                    else:
                        confident.discard(gkey)
                if positions.get(gkey) is not best:
                    changed = True
                for sp in members:
                    sp.chosen = best
                    sp.alternatives = ranked
                positions[gkey] = best
            if pass_no and not changed:
                break

    def apposition(self, k: int, spans: list[_Span]) -> list[tuple[Place, bool]]:
        """Region or raion phrases that locate span ``k`` explicitly: "Robotyne, a village in Zaporizhzhia
        Oblast", "Stepnogorsk (Zaporizhzhia Oblast)", "Kharkiv's Bologovka", "Харьковской области Лиман"."""
        sp = spans[k]
        sent = self.tokens[sp.t0].sent
        found: list[tuple[Place, bool]] = []

        def unit_of(o: _Span) -> Place | None:
            if o.forced is not None and o.forced.kind in _REGION_KINDS | {"admin2"}:
                return o.forced
            return None

        def passable(o: _Span) -> bool:
            return o.forced is None or o.forced.kind == "country" or (
                o.chosen is not None and o.chosen.kind == "country")

        # to the right
        j, m, steps, direct = sp.t1, k + 1, 0, True
        while j < len(self.tokens) and steps < 12 and self.tokens[j].sent == sent:
            if re.search(r"[.;:!?]", self.gap(j)):
                break
            if m < len(spans) and spans[m].t0 == j:
                unit = unit_of(spans[m])
                if unit is not None:
                    found.append((unit, direct))
                    break
                if passable(spans[m]):
                    if not (spans[m].chosen is not None and spans[m].chosen.kind == "country"):
                        direct = direct and (self.low(j - 1) in _JOIN_WORDS or "," in self.gap(j))
                    j, m, steps = spans[m].t1, m + 1, steps + 1
                    continue
                break
            if self.tokens[j].low in _APPOSITION_FILLERS or self.tokens[j].low in ("ukrainian", "russian"):
                j, steps = j + 1, steps + 1
                continue
            break
        # to the left: only a region that directly precedes ("Kharkiv's Bologovka", "Харьковской области Лиман"),
        # possibly across other places of the same list ("... области Лиман и Вильча")
        j, m, steps = sp.t0 - 1, k - 1, 0
        after_place = False
        while j >= 0 and steps < 8 and self.tokens[j].sent == sent:
            if re.search(r"[.;:!?()]", self.gap(j + 1)):
                break
            if m >= 0 and spans[m].t1 == j + 1:
                unit = unit_of(spans[m])
                if unit is not None:
                    found.append((unit, True))
                    break
                if passable(spans[m]) and after_place:
                    j, m, steps = spans[m].t0 - 1, m - 1, steps + 1
                    after_place = False
                    continue
                break
            low = self.tokens[j].low
            if low in _JOIN_WORDS or "," in self.gap(j + 1):
                if low in _JOIN_WORDS:
                    j -= 1
                after_place = True
                steps += 1
                continue
            if low in _LEFT_FILLERS:
                j, steps = j - 1, steps + 1
                continue
            break
        return found

    @staticmethod
    def _inside(p: Place, unit: Place) -> bool:
        if unit.kind == "admin2":
            return p.admin2 == unit.name
        return p.admin1 == (unit.admin1 or unit.name)

    def context_score(self, sp: _Span, p: Place, sentence_units: dict[int, list[tuple[int, Place]]],
                      report_units: set[str]) -> float:
        s = 0.0
        explicit = [(8.0 if direct else 6.0) for u, direct in sp.explicit if self._inside(p, u)]
        if explicit:
            s += max(explicit)
        sent = self.tokens[sp.t0].sent
        best = 0.0
        for t0, unit in sentence_units.get(sent, ()):
            if unit.id != p.id and self._inside(p, unit):
                best = max(best, 3.5 if abs(t0 - sp.t0) <= 8 else 2.5)
        s += best
        if p.admin1 and p.admin1 in report_units:
            s += 1.5 / len(report_units)  # a report about one oblast says more than one touring five
        if sp.border_cue and p.admin1 in lx.BORDER_ADMIN1:
            s += 1.0
        return s

    def relation_score(self, sp: _Span, p: Place) -> float:
        anchor = sp.anchor.chosen if sp.anchor is not None else None
        if anchor is None or anchor.id == p.id:
            return 0.0
        d = _distance_km(anchor, p)
        expected = sp.distance_km if sp.distance_km is not None else 25.0
        err = max(0.0, d - expected * 1.5 - 10.0)
        s = -4.0 * math.log10(1 + err / 5.0)
        if sp.direction is not None and d > 1:
            north = (p.lat - anchor.lat) / 1.0
            east = (p.lon - anchor.lon) * math.cos(math.radians(anchor.lat))
            norm = math.hypot(north, east) or 1.0
            cos = (north * sp.direction[0] + east * sp.direction[1]) / norm
            s += 1.0 * cos
        return s + 2.0

    # ------------------------------------------------------------------ 3. roles
    def roles(self, spans: list[_Span]) -> None:
        from frontmap.gazetteer.normalize import normalize_name as _nn

        for sp in spans:
            if sp.role == "actor" or sp.chosen is None:
                continue
            p = sp.chosen
            name_key = " ".join(t.low for t in self.tokens[sp.t0 : sp.t1])
            if not (p.kind == "country" or name_key in lx.CAPITALS or _nn(p.name) in lx.CAPITALS):
                continue
            if p.kind == "admin1" and p.name.endswith(("Oblast", "Region")):
                continue
            if self.is_actor(sp):
                sp.role = "actor"

    def is_actor(self, sp: _Span) -> bool:
        b1, b2 = self.low(sp.t0 - 1), self.low(sp.t0 - 2)
        if (b2, b1) == ("according", "to"):
            return True
        j = sp.t1
        if self.low(j) == "s":  # possessive
            k = j + 1
            for _ in range(3):
                w = self.low(k)
                if w in lx.ACTOR_NOUNS:
                    return True
                if w in ("own", "main", "top", "chief", "armed", "new", "latest", "former", "current") or \
                        (self.tok(k) is not None and self.tok(k).is_cap and w not in lx.STOP_WORDS):
                    k += 1
                    continue
                break
            return False
        g = self.gap(j) if j < len(self.tokens) else ""
        if g.strip().startswith(",") and self.low(j) in ("which", "who", "whose"):
            # "Moscow, which seems to have been taken by surprise, has responded"
            k = j
            while k < len(self.tokens) and "," not in self.gap(k + 1) and self.tokens[k].sent == self.tokens[j].sent:
                k += 1
            j = k + 1
        elif g.strip():
            return False
        for _ in range(4):
            w = self.low(j)
            if w in lx.ACTOR_SKIP and w not in lx.ACTOR_VERBS:
                j += 1
                continue
            if w in ("has", "had", "have", "is", "was", "will", "would", "could"):
                if self.low(j + 1) in lx.ACTOR_VERBS:
                    return True
                j += 1
                continue
            return w in lx.ACTOR_VERBS
        return False


def _product(lists: list[list[str]]) -> Iterable[tuple[str, ...]]:
    if not lists:
        yield ()
        return
    for head in lists[0]:
        for rest in _product(lists[1:]):
            yield (head, *rest)
