"""Find every place a report names, resolve it against the gazetteer, and say how it is used.

``geoparse(article, gazetteer) -> list[Mention]`` is a pure function of its two
arguments. It works in four steps; every word list it consults is data in
:mod:`frontmap.geoparse.lexicon`, and the compiled matchers are cached per
gazetteer (:mod:`frontmap.geoparse.index`).

1. **Spans.** Gazetteer keys are found with one Aho-Corasick pass over a
   normalised copy of the text built from its tokens (each token maps back to
   its characters, so spans are exact), at word boundaries, longest match first;
   no multi-word name runs across a comma, a bracket or a sentence end.
   Region phrases are parsed around their head word, so "the southeastern
   Dnipropetrovsk industrial region" is Dnipropetrovsk Oblast, "Kharkiv and
   adjacent Poltava and Sumy regions" is three oblasts and "the Luhansk and
   Donetsk regions" two oblasts, not the cities; "X Oblast", "X province",
   "Xska oblast", "X's region", "X district/raion" work the same way. "X People's
   Republic", "popular republic of X" and DPR/DNR/LPR/ДНР/ЛНР stand for their
   oblasts. Spellings the gazetteer does not list are matched through a
   *skeleton* (vowels merged, h/g merged, doubled letters collapsed, ž -> zh):
   "Sergeevka" meets "Serhiivka", "Novy Donbass" "Novyi Donbas", "Sudža"
   "Sudzha"; such loose matches are accepted only for places in the theatre.
   **Cyrillic inflection** is handled by stemming on the skeleton: a Cyrillic
   word is also tried without the usual case endings (-у, -ом/-ем, -ах, -ами,
   -ого, -ов; Russian о-/от- also as Ukrainian ві-/від-), against the stems of
   the gazetteer's Cyrillic keys: "под Купянском" meets "Куп'янськ",
   "Васюковку" "Васюківка", "Отрадное" "Відрадне". An adjective in -ской/-ської
   (a stem in -ск-/-цк- with an adjectival ending) is a region's adjective
   ("Харьковской области", "у Харківській та Херсонській областях",
   "Харьковской ОВА") or an adjectival village (Петровское), never the city
   Донецк; "-щина" nouns (Харківщині) are the oblast.

2. **No false places.** A name must be capitalised (lower-case village names
   such as "bar" never match); months, weekdays, demonyms, English words that are
   also village names ("Never", "Bar") and two-letter words (except country and
   region acronyms: US, UK, РФ) are never places alone; brand spellings
   ("DeepState") are not names; a word right after a given name or a title is a
   surname ("Oleksandr Syrskyi", "Gen. Valery Gerasimov") and so is that word
   anywhere else in the report unless the text says "the village of X"; a name
   before an outlet or unit word ("Kyiv Independent", "Moscow Times", "Azov
   brigade", "Khortytsia group of forces") or after a unit word ("Battlegroup
   Dnepr") is not a place, nor is an adjectival compound ("Moscow-backed");
   "Kremlin", "White House", "Pentagon" stand for their governments and are kept
   as actors placed at their city. "The Dnipro" and "the Oskil River" are the
   rivers (English gives rivers, not towns, the article).

3. **Roles.** A capital or a country followed by a speech or action verb
   ("Moscow said", "Kyiv launched", "Washington announced", "Moscow, which ...,
   has responded"), by a possessive and a state noun ("Kyiv's forces", "Moscow's
   claims") or preceded by "according to" is an ``actor``; everything else is a
   ``location``.

4. **Disambiguation**, in order of strength, one reading per name per report:

   (1) explicit context: a region or raion phrase standing next to the name
       ("Lyman in the Donetsk region", "Kostiantynivka, Donetsk Oblast",
       "Krynky, a village in Kherson Oblast", "Stepove (Zaporizhzhia Oblast)",
       "Kharkiv's Bologovka", "в Харьковской области сёла Лиман и Вильча") counts
       most, one elsewhere in the sentence less; a relative expression in apposition
       ("Zolochiv, north of Kharkiv", "two hamlets, each a few km south of Kupiansk",
       "Serhiivka, about 12 km east of Pokrovsk")
       prefers candidates at that distance and bearing from the anchor and is
       kept on ``Mention.relation`` (an expression with no place before it, "near
       Bakhmut", stays on its own anchor; "18 km from the Russian border" favours
       border oblasts);
   (2) the other places of the report: closeness to the places already placed
       with confidence, to all of them, and to those named in the same or a
       neighbouring sentence, plus the oblasts the report names (two or three
       passes; only confident choices anchor others, so two wrong guesses
       cannot prop each other up);
   (3) the theatre, through the gazetteer's prior (front-line oblasts, Russia's
       border regions, Belarus, Moldova) and
   (4) population, weighed down so that it only breaks ties.

   A name that is both an oblast centre and an oblast ("Kharkiv") is the oblast
   when the text says so: a region phrase or a list of regions, "Kharkiv's
   <village>", "75% of Donetsk", "Kursk governor", "Kharkiv Military
   Administration", a list of bare oblast centres in a report that lists regions
   ("Sumy, Chernihiv and Kyiv to the north"), or a bare name in a report that
   names "<X> region" and gives this mention no city cue ("city of", "Battle of",
   "km from", "outskirts", listed with towns, "the region's largest city");
   otherwise the city.

Example:

>>> from frontmap.gazetteer import Gazetteer          # doctest: +SKIP
>>> [m.place.name for m in geoparse(Article("a", "Moscow said it took Lyman."), Gazetteer.load())]  # doctest: +SKIP
['Moscow', 'Lyman']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy as np

from frontmap.gazetteer.normalize import normalize_name as _norm_name
from frontmap.gazetteer.ranking import theatre_bonus
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
from frontmap.records import LIST_GAP, Article, Mention, Place

if TYPE_CHECKING:  # pragma: no cover
    from frontmap.gazetteer import Gazetteer

__all__ = ["geoparse"]

_LOCAL_KINDS = frozenset({"settlement", "admin2", "admin3"})
_REGION_KINDS = frozenset({"admin1", "region"})
# "Ukraine's east", "Kharkiv Oblast's north-east"
_POSSESSIVE_COMPASS = re.compile(
    r"['’]s\s+((?:north|south)[- ](?:east|west)|north|south|east|west)\b(?![- ]of\b)", re.IGNORECASE
)

_NAME_INNER_LOWER = frozenset(
    {
        "of",
        "on",
        "the",
        "upon",
        "de",
        "la",
        "le",
        "na",
        "nad",
        "pod",
        "am",
        "an",
        "der",
        "du",
        "del",
        "di",
        "da",
        "s",
        "region",
        "oblast",
        "province",
        "raion",
        "district",
        "river",
        "sea",
        "lake",
        "reservoir",
        "city",
        "people",
        "peoples",
        "republic",
        "krai",
        "bay",
        "island",
        "spit",
        "canal",
        "gulf",
        "strait",
    }
)
_JOIN_WORDS = frozenset({"and", "or", "&", "и", "і", "та", "й", "или", "або"})
_CYR_STOP_PREFIXES = (
    "росси",
    "россі",
    "русск",
    "украин",
    "україн",
    "америк",
    "европ",
    "європ",
    "советск",
    "радянськ",
    "минобор",
    "міноборон",
    "телеграм",
)
_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")
_NUMBER_VALUES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
_DISTANCE_BEFORE = re.compile(
    r"(\d+(?:[.,]\d+)?|"
    + "|".join(_NUMBER_VALUES)
    + r")[\s-]*(km|kms|kilomet(?:er|re)s?|mi|miles?|m|met(?:er|re)s)\b"
    r"(?:\s*\([^)]*\))?\s*(?:to\s+the\s+|away\s+)?$",
    re.IGNORECASE,
)
#: Articles, settlement nouns and locating verbs that may stand between a place and what locates it.
_PLACE_NOUN_FILLERS = frozenset(
    {
        "a", "also", "an", "another", "are", "both", "cities", "city", "coal", "eastern", "frontline",
        "hamlet", "hub", "in", "industrial", "is", "key", "lie", "lies", "located", "logistics", "lying",
        "mining", "northern", "of", "rail", "s", "settlement", "settlements", "several", "sits", "situated",
        "small", "southern", "strategic", "the", "tiny", "town", "towns", "village", "villages", "western",
        "which", "yet",
    }
)
#: Words allowed between a place and the relative expression that locates it ("Sergiivka, one more
#: village on the front, lying about 15 km from Pokrovsk").
_SUBJECT_FILLERS = _PLACE_NOUN_FILLERS | frozenset(
    {
        "about", "all", "almost", "approximately", "around", "few", "front", "its", "just", "kilometers",
        "kilometres", "km", "less", "line", "logistical", "mi", "miles", "more", "nearly", "now", "only",
        "roughly", "russian", "sit", "some", "still", "than", "that", "their", "ukrainian", "was", "were",
    }
)
_ADJECTIVE_FORM = re.compile(r"(?<=к)(?:а|ая|ой|ої|ій|у|ую|ою|ого|ому|ий|ый|е|ое)$")
_MASCULINE_ADJECTIVE = re.compile(r"(?:с|ц|з)ь?к(?:ий|ый|ій)$")
#: Russian words in place names whose Ukrainian form differs beyond spelling ("Новоселовка Первая" is
#: "Новоселівка Перша"); tried as alternatives when matching Cyrillic phrases.
_RU_UK_NAME_WORDS = (("перв", "перш"), ("втор", "друг"), ("треть", "трет"), ("больш", "велик"))
_STRIKE_WORDS = frozenset(
    {
        "hit",
        "hits",
        "struck",
        "strike",
        "strikes",
        "shelled",
        "shelling",
        "attacked",
        "attack",
        "attacks",
        "on",
        "bombed",
        "targeted",
        "targeting",
        "pounded",
        "at",
        "over",
        "in",
        "to",
        "from",
        "near",
        "cities",
        "towns",
        "between",
        "and",
        "visited",
        "visit",
    }
)
_PERSON_TITLES = lx.TITLES - {"st", "saint", "defence", "defense", "head", "general", "chief", "leader"}
_SEAT_FIRST_WORDS = frozenset(k.split()[0] for k in lx.SEAT_METONYMS)
_POPULATION_WEIGHT = 0.7
_NAME_MATCH_BONUS = 1.0
#: A choice this far ahead of the runner-up anchors the other places of the report.
_CONFIDENT_MARGIN = 2.0
_COMPOUND_TAILS = frozenset(
    {
        "backed",
        "based",
        "led",
        "installed",
        "controlled",
        "appointed",
        "aligned",
        "friendly",
        "allied",
        "supported",
        "funded",
        "imposed",
        "style",
        "era",
        "born",
        "made",
        "bound",
        "centric",
        "oriented",
        "sponsored",
        "run",
        "held",
        "occupied",
    }
)
#: Words that may stand between a place and the region phrase that locates it: "Krynky, a village in
#: Kherson Oblast", "Sidorovka and Popovka, both villages of the Sumy Region", "Kharkiv's Bologovka".
_APPOSITION_FILLERS = _PLACE_NOUN_FILLERS | frozenset(
    {
        "and", "at", "border", "district", "east", "embattled", "five", "four", "near", "north", "on",
        "part", "south", "three", "two", "west", "в", "и", "на", "населений", "населенные", "населенный",
        "населені", "пгт", "поселка", "поселок", "пункт", "пункти", "пункты", "районе", "районі", "села",
        "селе", "село", "смт", "та", "у", "і",
    }
)
_LEFT_FILLERS = frozenset(
    {
        "s",
        "of",
        "village",
        "villages",
        "town",
        "towns",
        "city",
        "settlement",
        "settlements",
        "населенные",
        "населенный",
        "пункты",
        "пункт",
        "населені",
        "пункти",
        "населений",
        "села",
        "село",
        "поселок",
        "смт",
        "пгт",
    }
)
_WATER_HEADS = frozenset({"river", "sea", "lake", "reservoir", "bay", "gulf", "strait", "canal", "spit"})


@dataclass(slots=True, eq=False)
class _Span:
    """A candidate mention while the parser works on it (token range ``t0:t1``, character span)."""

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
    alternatives: Sequence[Place] = ()
    anchor: _Span | None = None
    direction: tuple[float, float] | None = None
    distance_km: float | None = None
    border_cue: bool = False
    chosen: Place | None = None
    explicit: Sequence[tuple[Place, bool]] = ()
    part: str | None = None


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
        alts = tuple(islice((p for p in sp.alternatives if p.id != sp.chosen.id), 5))
        mentions.append(
            Mention(
                article.id,
                text[sp.start : sp.end],
                sp.start,
                sp.end,
                sp.chosen,
                sp.role,
                alts,
                sp.relation,
                sp.part,
            )
        )
    return mentions


def _fast_km(a: Place, b: Place) -> float:
    """Equirectangular distance: within 0.5 % of the great circle at these scales, and ten times cheaper."""
    dy = (a.lat - b.lat) * 111.2
    dx = (a.lon - b.lon) * 111.2 * math.cos(math.radians((a.lat + b.lat) * 0.5))
    return math.sqrt(dx * dx + dy * dy)


@dataclass
class _Rows:
    """Every candidate of every ambiguous group of a report, as arrays (one row per candidate)."""

    places: list[Place]
    lat: Any
    lon: Any
    local: Any
    coslat: Any
    own: Any  # rows x keys: the row's own group
    near: Any  # rows x keys: groups named in the same or a neighbouring sentence


def _cohesion(rows: _Rows, keys: list[str], positions: dict[str, Place], confident: set[str]) -> Any:
    """Closeness of every candidate to the report's other places: ``-3 log10(1 + d/10)`` to the nearest
    confidently placed one, ``-1.5 log10(...)`` to the nearest of all, and ``-2 log10(...)`` to the nearest
    confident one named in the same or a neighbouring sentence (d in km, equirectangular). ``keys`` are the
    columns of ``rows.own`` and ``rows.near``. Rows go in blocks so memory stays bounded on long texts."""
    n, k = len(rows.places), len(keys)
    score = np.zeros(n)
    placed = [positions.get(key) for key in keys]
    valid = np.array(
        [q is not None and q.kind in _LOCAL_KINDS and q.country in ("UA", "RU") for q in placed], dtype=bool
    )
    if not n or not valid.any():
        return score
    plat = np.array([q.lat if q is not None else 0.0 for q in placed])
    plon = np.array([q.lon if q is not None else 0.0 for q in placed])
    conf = valid & np.array([key in confident for key in keys], dtype=bool)
    block = max(1, 1_000_000 // k)
    for a in range(0, n, block):
        b = min(n, a + block)
        dy = (rows.lat[a:b, None] - plat[None, :]) * 111.2
        dx = (rows.lon[a:b, None] - plon[None, :]) * rows.coslat[a:b, None]
        dist = np.sqrt(dx * dx + dy * dy)
        dist[~valid[None, :] | rows.own[a:b]] = np.inf  # a place is not its own neighbour
        local = rows.local[a:b]
        for d, weight in (
            (np.where(conf[None, :], dist, np.inf).min(axis=1), 3.0),
            (dist.min(axis=1), 1.5),
            (np.where(rows.near[a:b] & conf[None, :], dist, np.inf).min(axis=1), 2.0),
        ):
            finite = np.isfinite(d) & local
            score[a:b] -= np.where(finite, weight * np.log10(1 + np.where(finite, d, 0.0) / 10.0), 0.0)
    return score


class _Parser:
    """One report's worth of state; a fresh one per call keeps ``geoparse`` pure."""

    def __init__(self, text: str, gazetteer: Gazetteer, idx: Index) -> None:
        self.text = text
        self.gaz = gazetteer
        self.idx = idx
        self.tokens: list[Token] = tokenize(text)
        self._lower_words: set[str] | None = None
        self._title_case: set[int] | None = None
        self.persons: set[str] = set()
        self._prior_cache: dict[str, float] = {}

    # ------------------------------------------------------------------ helpers
    @property
    def title_case_sentences(self) -> set[int]:
        """Sentences written in Title Case (headlines), where a capital letter says nothing about names."""
        if self._title_case is None:
            counts: dict[int, list[int]] = {}
            for t in self.tokens:
                if t.text.isalpha() and len(t.text) > 3:
                    c = counts.setdefault(t.sent, [0, 0])
                    c[0] += t.is_cap
                    c[1] += 1
            self._title_case = {s for s, (cap, n) in counts.items() if n >= 4 and cap >= 0.7 * n}
        return self._title_case

    @property
    def lower_words(self) -> set[str]:
        """Words the text also writes in lower case (so a capitalised one opening a sentence is a common word)."""
        if self._lower_words is None:
            self._lower_words = {t.low for t in self.tokens if not t.is_cap}
        return self._lower_words

    def prior(self, p: Place) -> float:
        """The gazetteer's prior with population weighed down: population is the last tie-breaker, after the
        report's context and the theatre (a village of unknown size must not lose to a town 200 km away)."""
        v = self.idx.priors.get(p.id)
        if v is None:
            pop = math.log10(max(p.population, 0) + 1)
            v = float(self.gaz.prior(p)) - (1.0 - _POPULATION_WEIGHT) * pop
            if p.kind == "settlement" and pop > 4.5 and theatre_bonus(p.country, p.admin1) >= 1.0:
                v += 4.0 * (pop - 4.5)  # a city (30,000+) is what its bare name means, whatever is nearby
            self.idx.priors[p.id] = v
        return v

    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def low(self, i: int) -> str:
        t = self.tok(i)
        return t.low if t else ""

    def gap(self, i: int) -> str:
        return self.tokens[i].gap if 0 <= i < len(self.tokens) else ""

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

    def make_span(
        self,
        t0: int,
        t1: int,
        places: list[Place],
        source: str,
        priority: int = 0,
        forced: Place | None = None,
        group: str | None = None,
    ) -> _Span:
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
        self.water(chosen)
        self.city_or_region(chosen)
        self.relations(chosen)
        self.resolve(chosen)
        self.roles(chosen)
        self.parts(chosen)
        return chosen

    # ------------------------------------------------------------------ 1. spans
    def key_matches(self) -> list[_Span]:
        norm, first_at, last_at = token_text(self.tokens)
        out: list[_Span] = []
        tokens = self.tokens
        memo = self.idx.key_candidates
        for end, (plen, keys) in self.idx.automaton.iter(norm):
            t0 = first_at.get(end - plen + 2)
            if t0 is None or not tokens[t0].is_cap:
                continue
            t1 = last_at.get(end + 1)
            if t1 is None or norm[end + 1] != " ":
                continue
            t1 += 1
            if not self.valid_name(t0, t1):
                continue
            places = memo.get(keys)
            if places is None:
                places = memo[keys] = self.candidates(keys)
            places = list(places)
            if not places:
                continue
            if t1 - t0 <= 1 and len(self.tokens[t0].text) <= 3:
                # Short words are places only as upper-case acronyms of countries and regions (US, UK, РФ).
                if not self.tokens[t0].is_upper:
                    continue
                places = [p for p in places if p.kind in ("country", "admin1", "region")]
                if not places:
                    continue
            out.append(self.make_span(t0, t1, places, "key", priority=1))
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
            if (
                not t.is_upper
                and not t.text[1:].islower()
                and any(c.isupper() for c in t.text[1:])
                and "'" not in t.text
            ):
                return False  # "ОстроВ", "DeepState": brand spelling, not a place name
        if t1 - t0 == 1:
            low = first.low
            if low in lx.COMMON_WORDS and not first.is_upper:
                return False
            if (low in lx.STOP_WORDS or low in lx.GIVEN_NAMES or low in lx.TITLES) and not (
                first.is_upper and len(low) <= 3
            ):
                return False
            if len(low) < 3 and not first.is_upper:
                return False
            if first.sent_start and low in self.lower_words:
                return False  # a common word that opens a sentence
        # a run of function words and stop words ("The Sea") is no name
        return t1 - t0 == 1 or not all(t.low in _NAME_INNER_LOWER or t.low in lx.STOP_WORDS for t in toks)

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
                    places = [p for p in self.gaz.candidates(_norm_name(city)) if p.kind == "settlement"]
                    if places:
                        sp = self.make_span(i, i + width, places[:1], "seat", priority=5, forced=places[0])
                        sp.role = "actor"
                        out.append(sp)
                    break
            if t.is_upper and t.low in lx.ENTITY_ACRONYMS:
                unit = self.admin1(lx.ENTITY_ACRONYMS[t.low].lower())
                if unit:
                    out.append(
                        self.make_span(
                            i, i + 1, [unit], "region", priority=5, forced=unit, group="@" + unit.id
                        )
                    )
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

    def cyr_region_adjective(self, j: int, level: str = "admin1") -> Place | None:
        t = self.tok(j)
        if t is None or not t.is_cyrillic or not t.is_cap:
            return None
        table = self.idx.cyr_region_adjectives if level == "admin1" else self.idx.cyr_raion_adjectives
        for stem in cyrillic_stems(t.low):
            cands = table.get(stem)
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
                if low.startswith(lx.CYR_ADMIN1_HEAD_STEMS + lx.CYR_REPUBLIC_HEAD_STEMS):
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
                    sp = self.make_span(
                        i0, h + 1 if last else i1, [unit], "region", 4, unit, group="@" + unit.id
                    )
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
                    unit = self.cyr_region_adjective(j, level)
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
            # after a name: its own adjectives ("adjacent Poltava"), then a list joiner lets the walk go on
            if not t.is_cap and t.low in lx.REGION_ADJECTIVES and skipped < 2:
                j -= 1
                skipped += 1
                continue
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
        tokens = self.tokens
        n = len(tokens)
        for i in range(n - 1):
            t = tokens[i]
            if not t.is_title:
                continue
            if t.is_cyrillic:
                # "Великой Новоселки", "Новоселовка Первая": phrases beat the single words they contain
                for width in (3, 2):
                    if i + width <= n and tokens[i + 1].gap in (" ", "-"):
                        places = self.cyrillic_phrase_places(i, i + width)
                        if places:
                            out.append(self.make_span(i, i + width, places, "cyrillic", priority=2))
                            break
                continue
            nxt = tokens[i + 1]
            if (
                not nxt.is_title
                or nxt.gap not in (" ", "-")
                or t.low in lx.STOP_WORDS
                or t.low in lx.GIVEN_NAMES
            ):
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
                    out.append(self.make_span(i, j, places, "skeleton", priority=2))
                    break
        return out

    def theatre(self, places: Iterable[Place]) -> list[Place]:
        """Places a spelling variant may stand for: Ukraine and Russia's border and front regions (a loose
        match is evidence only where the war is)."""
        return [p for p in places if p.kind != "country" and theatre_bonus(p.country, p.admin1) >= 1.0]

    def latin_word_match(self, i: int, covered: set[int]) -> _Span | None:
        t = self.tokens[i]
        if t.is_upper or t.sent_start or not t.low.isalpha() or len(t.low) < 6:
            return None
        # a word next to another unknown capitalised word is part of a name we do not know ("Mokri Yaly")
        for k in (i - 1, i + 1):
            nb = self.tok(k)
            if (
                nb is not None
                and k not in covered
                and nb.is_title
                and nb.sent == t.sent
                and not self.gap(max(i, k)).strip()
                and nb.low not in lx.STOP_WORDS
                and nb.low not in lx.TITLES
                and not (k == i - 1 and nb.sent_start)
            ):
                return None
        word = t.low
        keys = self.idx.latin_skeletons.get(skeleton(word))
        if (
            not keys
            and len(word) > 7
            and word.endswith(("in", "on", "at"))
            and self.low(i + 1) in ("the", "a")
        ):
            # words run together in scraped text: "Chugunovkain the Kharkov Region"
            keys = self.idx.latin_skeletons.get(skeleton(word[:-2]))
        if not keys and len(word) >= 9:
            # Russian sector names are adjectives of the town: "Krasnolimansk(oye)" -> Krasnyi Lyman
            stem = re.sub(r"(?:sk|skoye|skoe|skiy|sky|skyi)$", "", word)
            if stem != word and len(stem) >= 6:
                keys = self.idx.latin_skeletons.get(skeleton(stem))
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
        if is_adjective(t.low):
            unit = self.cyr_region_adjective(i)
            if unit is not None:
                # "Харьковской ОВА", "у Донецькій": the region's adjective stands for the region
                return self.make_span(i, i + 1, [unit], "region", 3, unit, group="@" + unit.id)
        nxt = self.tok(i + 1)
        if (
            nxt is not None
            and nxt.is_title
            and nxt.is_cyrillic
            and nxt.gap == " "
            and t.low in lx.GIVEN_NAMES
        ):
            return None
        places = self.cyrillic_word_places(t)
        if t.sent_start:
            # a capitalised word opening a sentence is often a common noun ("Дороги"): regions only
            places = [p for p in places if p.kind in _REGION_KINDS or p.kind == "country"]
        else:
            places = [p for p in places if p.kind in _REGION_KINDS or p.kind == "country"] + self.theatre(
                p for p in places if p.kind not in _REGION_KINDS
            )
        return self.make_span(i, i + 1, places, "cyrillic") if places else None

    def cyrillic_phrase_places(self, i: int, j: int) -> list[Place]:
        toks = self.tokens[i:j]
        if any(x.sent != toks[0].sent or not x.is_cyrillic or not x.is_cap for x in toks):
            return []
        if any(k > i and self.tokens[k].gap not in (" ", "-") for k in range(i, j)):
            return []
        for combo in _product([_name_word_stems(x.low) for x in toks]):
            keys = self.idx.cyr_phrases.get(combo)
            if keys:
                places = self.candidates(keys)
                if places:
                    return places
        return []

    def cyrillic_word_places(self, t: Token) -> list[Place]:
        """Places whose Cyrillic name, stemmed, meets the stemmed word: the theatre's settlements and
        regions, and the neighbouring countries ("России", "Украины"); never a far country ("Сумам" is
        not Samoa)."""
        if _MASCULINE_ADJECTIVE.search(t.low) and not self.gaz.candidates(t.low):
            return []  # "Сырский", "Покровский" alone: a surname (a raion needs its head word)
        table = self.idx.cyr_adjectives if is_adjective(t.low) else self.idx.cyr_nouns
        out: list[Place] = []
        seen: set[str] = set()
        for stem in cyrillic_stems(t.low):
            if consonants(stem) < 2:
                continue
            for p in self.candidates(table.get(stem, ())):
                if p.id in seen:
                    continue
                seen.add(p.id)
                if p.kind == "country":
                    if p.country in ("UA", "RU", "BY", "MD"):
                        out.append(p)
                elif theatre_bonus(p.country, p.admin1) >= 1.0 or p.kind in _REGION_KINDS:
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
            surface = " ".join(x.low for x in toks)
            if sp.source == "key" and any(_norm_name(p.name) == surface for p in sp.places):
                continue  # written as the gazetteer's own name: its key already lists every namesake
            if toks[0].is_cyrillic:
                if sp.t1 - sp.t0 == 1:
                    extra = self.cyrillic_word_places(toks[0])
                else:
                    extra = self.cyrillic_phrase_places(sp.t0, sp.t1)
            else:
                word = "".join(x.low for x in toks)
                extra = (
                    self.candidates(self.idx.latin_skeletons.get(skeleton(word), ()))
                    if word.isalpha()
                    else []
                )
            if not extra:
                continue
            have = {p.id for p in sp.places}
            for p in self.theatre(extra):
                if p.id not in have and p.kind in ("settlement", "water"):
                    have.add(p.id)
                    sp.places.append(p)

    def water(self, spans: list[_Span]) -> None:
        """A river or sea named like a town is the water when the text says so: "the Oskil River", "crossed
        the Dnipro" (English gives rivers, not towns, the article), "the left bank of the Oskil"."""
        for sp in spans:
            if sp.forced is not None or sp.source == "seat" or self.tokens[sp.t0].is_cyrillic:
                continue
            nxt, prev = self.low(sp.t1), self.low(sp.t0 - 1)
            cue = nxt in _WATER_HEADS or (prev == "the" and not self.tokens[sp.t0 - 1].is_cap)
            if cue and not any(p.kind == "water" for p in sp.places):
                # "the Dnipro": the gazetteer may list the river only as "Dnipro River"
                key = " ".join(t.low for t in self.tokens[sp.t0 : sp.t1])
                rivers = [p for p in self.gaz.candidates(key + " river") if p.kind == "water"]
                if rivers:
                    sp.places = rivers + sp.places
            if not any(p.kind == "water" for p in sp.places):
                continue
            if cue:
                sp.places = [p for p in sp.places if p.kind == "water"]
                sp.group = "~water " + sp.group
                if nxt in _WATER_HEADS and nxt in ("river", "sea", "lake", "reservoir"):
                    sp.t1 += 1
                    sp.end = self.tokens[sp.t1 - 1].end

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

    def settlement_cue_before(self, sp: _Span) -> bool:
        """ "the village of X", "the town of X": a place whatever else the word is."""
        return self.low(sp.t0 - 1) == "of" and self.low(sp.t0 - 2) in (
            "village",
            "town",
            "city",
            "settlement",
            "hamlet",
            "villages",
            "towns",
        )

    def context_filter(self, spans: list[_Span]) -> list[_Span]:
        in_span = set()
        for sp in spans:
            in_span.update(range(sp.t0, sp.t1))
        out: list[_Span] = []
        for sp in spans:
            if sp.source in ("region", "seat"):
                out.append(sp)
                continue
            first, last = self.tokens[sp.t0], self.tokens[sp.t1 - 1]
            if (
                sp.t1 - sp.t0 == 1
                and first.low in self.persons
                and not self.settlement_cue_before(sp)
                and not any(p.population >= 50_000 or p.kind != "settlement" for p in sp.places)
            ):
                continue  # a surname seen after a given name elsewhere (not a city: "Petro Odesa" ≠ Odesa)
            prev = self.tok(sp.t0 - 1)
            nxt = self.tok(sp.t1)
            g_before = self.gap(sp.t0)
            g_after = self.gap(sp.t1) if nxt else ""
            if prev is not None and prev.sent == first.sent and not g_before.strip(" .") and prev.is_cap:
                if prev.low in lx.ORG_HEADS:
                    continue
                if (
                    prev.is_title
                    and not prev.sent_start
                    and prev.low not in lx.STOP_WORDS
                    and (sp.t0 - 1) not in in_span
                    and prev.is_cyrillic == first.is_cyrillic
                    and prev.low not in lx.REGION_ADJECTIVES
                    and first.sent not in self.title_case_sentences
                ):
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
                if nxt.low in lx.ORG_TAILS and (
                    nxt.is_cap
                    or nxt.low
                    in ("brigade", "regiment", "battalion", "battlegroup", "group", "corps", "nuclear")
                ):
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
    def region_adjective(self, sp: _Span) -> Place | None:
        """A lone Cyrillic region adjective is its region: "Херсонська ОВА", "Харьковской ОВА" (but
        "Донецька", the genitive of the noun "Донецьк", stays the city)."""
        t = self.tokens[sp.t0]
        if sp.t1 - sp.t0 != 1 or not t.is_cyrillic or not (_ADJECTIVE_FORM.search(t.low)):
            return None
        unit = self.cyr_region_adjective(sp.t0)
        if unit is None:
            return None
        stem = _ADJECTIVE_FORM.sub("", t.low)
        if any(self.gaz.candidates(stem + end) for end in ("", "ь")):
            return None  # the inflected noun of a town in -ськ/-цьк
        return unit

    def city_or_region(self, spans: list[_Span]) -> None:
        for sp in spans:
            if sp.forced is None:
                unit = self.region_adjective(sp)
                if unit is not None:
                    sp.forced, sp.group = unit, "@" + unit.id
        explicit: set[str] = set()
        units: set[str] = set()
        for sp in spans:
            if sp.source == "region" and sp.forced is not None:
                explicit.add(self.tokens[sp.t0].low)
                units.add(sp.forced.id)
        settlement_at = {sp.t0: sp for sp in spans if sp.forced is None}
        bare: dict[int, Place] = {}
        for k, sp in enumerate(spans):
            if sp.forced is not None or sp.t1 - sp.t0 > 2 or all(p.kind == "water" for p in sp.places):
                continue
            unit = self.admin1(" ".join(t.low for t in self.tokens[sp.t0 : sp.t1]))
            if unit is None or unit.kind not in _REGION_KINDS:
                continue
            if not any(p.kind == "settlement" for p in sp.places):
                sp.forced = unit
                continue
            bare[k] = unit
        in_region_list = self.region_lists(spans, bare) if len(units) >= 2 else set()
        for k, unit in bare.items():
            sp = spans[k]
            key = " ".join(t.low for t in self.tokens[sp.t0 : sp.t1])
            verdict = self.region_cue(sp, settlement_at) or self.coordination_cue(spans, k, bare)
            if verdict is None:
                region = (key in explicit or k in in_region_list) and not self.city_cue(sp)
                verdict = "region" if region else "city"
            if verdict == "region":
                sp.forced = unit
                sp.group = "@" + unit.id
            else:
                sp.places = [p for p in sp.places if p.kind != "admin1"] or sp.places
                sp.alternatives = [unit]

    def joined(self, a: _Span, b: _Span) -> bool:
        """``a`` and ``b`` are neighbours in a list: "A, B", "A and B", "A, and B"."""
        if b.t0 == a.t1:
            return "," in self.tokens[b.t0].gap
        return b.t0 == a.t1 + 1 and self.tokens[a.t1].low in _JOIN_WORDS

    def coordination_cue(self, spans: list[_Span], k: int, bare: dict[int, Place]) -> str | None:
        """A name listed with towns is a town ("the highway between Stary Saltov and Kharkov"); listed with
        regions, a region ("Kharkiv and Donetsk Oblast" is handled by the region grammar)."""
        for j in (k - 1, k + 1):
            if not 0 <= j < len(spans) or j in bare:
                continue
            a, b = (spans[j], spans[k]) if j < k else (spans[k], spans[j])
            if not self.joined(a, b):
                continue
            other = spans[j]
            if other.forced is not None and other.forced.kind in _REGION_KINDS and other.source != "seat":
                return "region"
            if other.forced is None and any(p.kind == "settlement" for p in other.places[:1]):
                return "city"
        return None

    def region_lists(self, spans: list[_Span], bare: dict[int, Place]) -> set[int]:
        """Lists of two or more bare oblast-centre names in a report that names regions ("First Sumy,
        Chernihiv and Kyiv to the north; later the Mykolaiv region and the Kherson region"): regions, unless
        they follow a strike word ("missiles hit Kyiv, Kharkiv and Odesa")."""
        out: set[int] = set()
        run: list[int] = []
        for k in sorted(bare) + [-1]:
            if run and k == run[-1] + 1 and self.joined(spans[run[-1]], spans[k]):
                run.append(k)
                continue
            if len(run) >= 2 and self.low(spans[run[0]].t0 - 1) not in _STRIKE_WORDS:
                out.update(run)
            run = [k]
        return out

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
        if before[0] == "of" and (
            before[1] in ("percent", "per", "cent") or self.gap(sp.t0 - 1).startswith("%")
        ):
            return "region"
        if self.city_cue(sp):
            return "city"
        return None

    def city_cue(self, sp: _Span) -> bool:
        b1, b2, b3 = (self.low(sp.t0 - k) for k in (1, 2, 3))
        if b1 in lx.CITY_CUES_BEFORE or (b1 == "of" and (b2 in lx.CITY_CUES_BEFORE or b2 in lx.DIRECTIONS)):
            return True
        if b1 in ("from", "to", "of") and (
            b2 in lx.DISTANCE_UNITS or b3 in lx.DISTANCE_UNITS or b2 == "away"
        ):
            return True
        if b1 in lx.DIRECTIONS or (b1 in ("of", "from") and b2 in lx.DIRECTIONS):
            return True
        a1 = self.low(sp.t1)
        a2 = self.low(sp.t1 + 1)
        if a1 in lx.CITY_CUES_AFTER or (a1 in ("the", "a") and a2 in lx.CITY_CUES_AFTER):
            return True
        if (
            a1 in ("the", "a")
            and self.low(sp.t1 + 2) in ("main", "largest", "biggest", "regional", "administrative")
            and self.low(sp.t1 + 3) in ("city", "town", "centre", "center", "capital")
        ):
            return True
        return (
            a1 == "region"
            and self.low(sp.t1 + 1) == "s"
            and self.low(sp.t1 + 2) in ("main", "largest", "capital")
        )

    # ------------------------------------------------------------------ relations
    def relations(self, spans: list[_Span]) -> None:
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
            # a distance in front: "about 15 km (9 miles) from", "30 kilometers east of", "six miles south"
            look = self.text[max(0, self.tokens[first].start - 60) : self.tokens[first].start]
            m = _DISTANCE_BEFORE.search(look)
            if m:
                number = m.group(1).lower()
                val = float(_NUMBER_VALUES.get(number) or number.replace(",", "."))
                unit = m.group(2).lower()
                dist = val * (
                    1.609 if unit.startswith("mi") else 0.001 if unit in ("m", "meters", "metres") else 1
                )
                start = self.tokens[first].start - (len(look) - m.start())
            else:
                start = self.tokens[first].start
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
        for m in re.finditer(
            r"(\d+(?:[.,]\d+)?\s*(?:km|kilomet(?:er|re)s|miles?)\s+(?:\([^)]*\)\s+)?(?:from|of|to)\s+"
            r"the\s+(?:Russian|Belarusian)\s+(?:border|frontier))",
            self.text,
        ):
            start = m.start()
            owner = None
            for sp in spans:
                if sp.end <= start and start - sp.end < 60 and sp.forced is None:
                    owner = sp
            if owner is not None and owner.relation is None:
                owner.relation = m.group(1)
                owner.border_cue = True

    # ------------------------------------------------------------------ parts
    def parts(self, spans: list[_Span]) -> None:
        """The part of a place, or the front named after it, that the text speaks of (``Mention.part``):
        "northern Kharkiv Oblast", "the south of Ukraine", "Ukraine's east", "на півдні України",
        "в северной части X"; "the Bakhmut direction", "the direction of Bakhmut", "the Kupiansk axis",
        "the Berdiansk and Melitopol directions"."""
        for k, sp in enumerate(spans):
            if sp.chosen is None:
                continue
            part = self.compass_part(sp)
            if part is None and self.low(sp.t0 - 1) == "of" and self.low(sp.t0 - 2) in lx.FRONT_WORDS:
                part = lx.FRONT_WORDS[self.low(sp.t0 - 2)]  # "in the direction of Bakhmut"
            if part is None:
                part = self.front_after(spans, k)
            sp.part = part

    def compass_part(self, sp: _Span) -> str | None:
        b1, b2, b3 = (self.low(sp.t0 - k) for k in (1, 2, 3))
        if b1 in lx.COMPASS_ADJECTIVES:
            # "north-eastern", "south-west" + name: keep both halves
            if self.gap(sp.t0 - 1) == "-" and b2 in ("north", "south"):
                return f"{b2}-{lx.COMPASS_ADJECTIVES[b1]}"
            return lx.COMPASS_ADJECTIVES[b1]
        if b1 == "of" and b2 in lx.COMPASS_NOUNS and (b3 == "the" or self.gap(sp.t0 - 2) == "-"):
            # "the south of Ukraine" is a part of it; "south of Izium" (no article) lies outside it
            if self.gap(sp.t0 - 2) == "-":
                if self.low(sp.t0 - 4) != "the":
                    return None
                b2 = f"{b3}-{b2}"
            elif b3 != "the":
                return None
            if sp.relation is not None:
                sp.relation = None
            return lx.COMPASS_NOUNS.get(b2) or f"{b2}ern"
        after = _POSSESSIVE_COMPASS.match(self.text, sp.end)
        if after:
            word = after.group(1).lower().replace(" ", "-")
            return lx.COMPASS_NOUNS.get(word, f"{word}ern")
        if b1 in lx.CYRILLIC_COMPASS:
            return lx.CYRILLIC_COMPASS[b1]  # "на півдні України", "на юге Украины"
        if b1 in lx.CYRILLIC_PART_NOUNS:
            return next((v for stem, v in lx.CYRILLIC_COMPASS_STEMS if b2.startswith(stem)), None)
        return None

    def front_after(self, spans: list[_Span], k: int) -> str | None:
        """ "the Bakhmut direction", "the Kupiansk axis", and a coordinated list of them."""
        j = k
        while j + 1 < len(spans) and LIST_GAP.fullmatch(self.text[spans[j].end : spans[j + 1].start]):
            j += 1
        word = self.low(spans[j].t1)
        if word not in lx.FRONT_WORDS or self.tokens[spans[j].t1].sent != self.tokens[spans[j].t0].sent:
            return None
        return lx.FRONT_WORDS[word]

    def subject_before(self, spans: list[_Span], k: int, rel_start: int) -> list[_Span] | None:
        """The place a relative expression describes, when it stands in apposition: "Zolochiv, north of
        Kharkiv", "Siversk lies 30 km east of Sloviansk", "Lysychne and Ivanivka, two villages lying
        north of Sergiivka", "Lyman, a town in the Donetsk region, 30 km east of Izium". Anything else between
        them ("X and south of Y", "X, and that ... near Y") leaves the expression with its own anchor."""
        m = k - 1
        end = rel_start
        while m >= 0:
            cand = spans[m]
            if self.tokens[cand.t0].sent != self.tokens[spans[k].t0].sent:
                return None
            between = self.text[cand.end : end]
            if re.search(r"[.;:!?()]", between):
                return None
            words = [w.lower() for w in re.findall(r"\w+", between)]
            if len(words) > 8 or any(w not in _SUBJECT_FILLERS for w in words):
                return None
            if cand.forced is not None and cand.forced.kind in _REGION_KINDS | {"admin2", "country"}:
                m, end = m - 1, cand.start  # "a town in the Donetsk region": part of the apposition
                continue
            break
        if m < 0:
            return None
        group = [spans[m]]
        p = m - 1
        while p >= 0 and re.fullmatch(r"\s*(,|and|,\s*and)\s*", self.text[spans[p].end : group[-1].start]):
            group.append(spans[p])
            p -= 1
        return group

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
        multi = [g for g, members in groups.items() if len(members[0].places) > 1]
        keys = list(dict.fromkeys([k for k in positions] + list(groups)))
        key_col = {k: j for j, k in enumerate(keys)}
        starts: dict[str, int] = {}
        places: list[Place] = []
        base: list[float] = []
        tie: list[float] = []
        near_rows: list[list[int]] = []
        for g in multi:
            members = groups[g]
            cands = members[0].places
            starts[g] = len(places)
            places.extend(cands)
            context_memo: dict[tuple[str | None, str | None, str], float] = {}
            written = " ".join(t.low for t in self.tokens[members[0].t0 : members[0].t1])
            for p in cands:
                ck = (p.admin1, p.admin2, p.id if p.kind in _REGION_KINDS or p.kind == "admin2" else "")
                ctx = context_memo.get(ck)
                if ctx is None:
                    ctx = context_memo[ck] = max(
                        self.context_score(sp, p, sentence_units, report_units) for sp in members
                    )
                # the place that bears the written name today outranks one that bore it once (Pokrovsk,
                # not Engels, formerly Pokrovsk)
                named = _NAME_MATCH_BONUS if _norm_name(p.name) == written else 0.0
                base.append(self.prior(p) + ctx + named)
            ranks = sorted(range(len(cands)), key=lambda i: cands[i].id)
            order_of = [0] * len(cands)
            for r, i in enumerate(ranks):
                order_of[i] = r
            tie.extend(r * 1e-9 for r in order_of)  # equal scores: the smaller place id wins
            near: set[str] = set()
            for sp in members:
                s0 = self.tokens[sp.t0].sent
                for s_ in (s0 - 1, s0, s0 + 1):
                    near |= sent_groups.get(s_, set())
            near.discard(g)
            cols = [key_col[k] for k in near if k in key_col]
            near_rows.extend([cols] * len(cands))
        n = len(places)
        if n:
            lat = np.fromiter((p.lat for p in places), float, n)
            own = np.zeros((n, len(keys)), dtype=bool)
            near_mat = np.zeros((n, len(keys)), dtype=bool)
            for g in multi:
                g0, g1 = starts[g], starts[g] + len(groups[g][0].places)
                own[g0:g1, key_col[g]] = True
                if near_rows[g0]:
                    near_mat[g0:g1, near_rows[g0]] = True
            rows = _Rows(
                places,
                lat,
                np.fromiter((p.lon for p in places), float, n),
                np.fromiter((p.kind in _LOCAL_KINDS for p in places), bool, n),
                111.2 * np.cos(np.radians(lat)),
                own,
                near_mat,
            )
            base_arr = np.array(base) - np.array(tie)
        for g, members in groups.items():
            if len(members[0].places) == 1:
                confident.add(g)
                positions[g] = members[0].places[0]
                for sp in members:
                    sp.chosen = members[0].places[0]
                    sp.alternatives = members[0].places
        anchored = [g for g in multi if any(sp.anchor is not None for sp in groups[g])]
        score = None
        for pass_no in range(3):
            if not n:
                break
            # only places chosen with confidence anchor others, so two wrong guesses cannot prop each other up
            score = base_arr.copy()
            for g in anchored:
                g0 = starts[g]
                for i, p in enumerate(groups[g][0].places):
                    score[g0 + i] += sum(self.relation_score(sp, p) for sp in groups[g])
            if pass_no:
                score += _cohesion(rows, keys, positions, confident)
            changed = False
            for g in multi:
                cands = groups[g][0].places
                g0 = starts[g]
                part = score[g0 : g0 + len(cands)]
                i = int(np.argmax(part))
                best = cands[i]
                top2 = np.partition(part, len(part) - 2)[-2:]
                if top2[1] - top2[0] >= _CONFIDENT_MARGIN:
                    confident.add(g)
                else:
                    confident.discard(g)
                if positions.get(g) is not best:
                    changed = True
                positions[g] = best
                for sp in groups[g]:
                    sp.chosen = best
            if pass_no and not changed:
                break
        if score is not None:
            for g in multi:
                cands = groups[g][0].places
                g0 = starts[g]
                order = np.argsort(-score[g0 : g0 + len(cands)], kind="stable")
                ranked = [cands[i] for i in order]
                for sp in groups[g]:
                    sp.alternatives = ranked

    def apposition(self, k: int, spans: list[_Span]) -> list[tuple[Place, bool]]:
        """Region or raion phrases that locate span ``k`` explicitly: "Krynky, a village in Kherson
        Oblast", "Stepnogorsk (Zaporizhzhia Oblast)", "Kharkiv's Bologovka", "Сумской области Юнаковка"."""
        sp = spans[k]
        sent = self.tokens[sp.t0].sent
        found: list[tuple[Place, bool]] = []

        def unit_of(o: _Span) -> Place | None:
            if o.forced is not None and o.forced.kind in _REGION_KINDS | {"admin2"}:
                return o.forced
            return None

        def passable(o: _Span) -> bool:
            return (
                o.forced is None
                or o.forced.kind == "country"
                or (o.chosen is not None and o.chosen.kind == "country")
            )

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
        # to the left: only a region that directly precedes ("Kharkiv's Bologovka", "Сумской области Юнаковка"),
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

    def context_score(
        self, sp: _Span, p: Place, sentence_units: dict[int, list[tuple[int, Place]]], report_units: set[str]
    ) -> float:
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
        d = _fast_km(anchor, p)
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
        _nn = _norm_name
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
                if w in ("own", "main", "top", "chief", "armed", "new", "latest", "former", "current") or (
                    self.tok(k) is not None and self.tok(k).is_cap and w not in lx.STOP_WORDS
                ):
                    k += 1
                    continue
                break
            return False
        g = self.gap(j) if j < len(self.tokens) else ""
        if g.strip().startswith(",") and self.low(j) in ("which", "who", "whose"):
            # "Moscow, which had denied any losses, now says ..."
            k = j
            while (
                k < len(self.tokens)
                and "," not in self.gap(k + 1)
                and self.tokens[k].sent == self.tokens[j].sent
            ):
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


def _name_word_stems(word: str) -> list[str]:
    out = list(cyrillic_stems(word))
    for ru, uk in _RU_UK_NAME_WORDS:
        if word.startswith(ru):
            out.extend(x for x in cyrillic_stems(uk + word[len(ru) :]) if x not in out)
    return out


def _product(lists: list[list[str]]) -> Iterable[tuple[str, ...]]:
    if not lists:
        yield ()
        return
    for head in lists[0]:
        for rest in _product(lists[1:]):
            yield (head, *rest)
