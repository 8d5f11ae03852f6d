"""The geoparser's matchers, compiled once per :class:`~frontmap.gazetteer.Gazetteer`.

* an Aho-Corasick automaton over every gazetteer key (in the form of
  :func:`frontmap.geoparse.text.normalise_key`), padded with a leading space so
  that every hit starts at a word boundary;
* region tables: the name in front of "Oblast"/"region"/"raion" -> the unit
  ("kharkov" -> Kharkiv Oblast, "pokrovsk" -> Pokrovsk Raion), read off the
  gazetteer's own keys;
* a *skeleton* index for spellings the gazetteer does not list and for inflected
  Cyrillic words (see :func:`skeleton`): the Russian-derived "Sergeevka" meets
  "Serhiivka", the accusative "Васюковку" meets "Васюківка";
* Cyrillic adjective stems of first-level units ("Харьковской" -> Kharkiv Oblast).

The cache is a :class:`weakref.WeakKeyDictionary` keyed on the gazetteer object,
so an index lives exactly as long as its gazetteer and results stay pure.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import ahocorasick

from frontmap.geoparse.text import normalise_key
from frontmap.records import Place

if TYPE_CHECKING:  # pragma: no cover
    from frontmap.gazetteer import Gazetteer

_CACHE: weakref.WeakKeyDictionary[Any, Index] = weakref.WeakKeyDictionary()
#: For gazetteers that cannot be weakly referenced (``__slots__`` without ``__weakref__``): the last few,
#: held strongly and checked by identity.
_STRONG: list[tuple[Any, Index]] = []
_STRONG_SIZE = 4
_CACHE_LOCK = threading.Lock()

_SIMPLE_KEY = re.compile(r"[^\W_]+(?: [^\W_]+)*")
_CYR = re.compile(r"[\u0400-\u052f]")

#: Latin digraphs -> one skeleton letter (Ukrainian 2010 and Russian-style romanisations agree on these).
_LATIN_DIGRAPHS = (
    ("shch", "Щ"),
    ("sch", "Щ"),
    ("zh", "Ж"),
    ("kh", "Х"),
    ("ch", "Ч"),
    ("sh", "Ш"),
    ("ts", "Ц"),
    ("tz", "Ц"),
    ("ck", "k"),
)
_LATIN_SKELETON = str.maketrans(
    {
        "h": "G",
        "g": "G",
        "c": "Ц",
        "x": "ks",
        "w": "v",
        "q": "k",
        "a": "*",
        "e": "*",
        "i": "*",
        "o": "*",
        "u": "*",
        "y": "*",
        "j": "*",
        " ": "",
    }
)
_CYR_SKELETON = str.maketrans(
    {
        "а": "*",
        "е": "*",
        "є": "*",
        "и": "*",
        "і": "*",
        "ї": "*",
        "о": "*",
        "у": "*",
        "ы": "*",
        "э": "*",
        "ю": "*",
        "я": "*",
        "ё": "*",
        "й": "*",
        "ь": "",
        "ъ": "",
        "г": "G",
        "ґ": "G",
        "х": "Х",
        "ж": "Ж",
        "ч": "Ч",
        "ш": "Ш",
        "щ": "Щ",
        "ц": "Ц",
        "б": "b",
        "в": "v",
        "д": "d",
        "з": "z",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "ф": "f",
        " ": "",
    }
)
#: Endings of inflected Cyrillic nouns, in skeleton form (vowels are "*"): -ом/-ем, -ах/-ях, -ами, -ого, -ов.
_CYR_ENDINGS = ("*m*", "*G*", "*Х", "*m", "*v", "*")
#: Adjectival endings after -ск-/-цк-: a word ending so is an adjective ("Донецкой"), never the noun "Донецк".
_ADJ_ONLY = re.compile(
    r"(?:с|ц|з)ь?к(?:ая|ое|ий|ый|ой|ую|ого|ому|ым|им|их|ых|ими|ыми|ій|ої|ою|ім|ої|ому|ого|а|е|у|і)$"
)
_ADJ_AMBIGUOUS = re.compile(r"(?:с|ц|з)ь?к(?:а|у|е|ом|і)$")
_ADJ_KEY = re.compile(r"(?:с|ц|з)ь?к(?:ий|ый|ой|ая|ое|а|е)$")
_HEAD_SUFFIXES = {
    " oblast": "admin1",
    " region": "admin1",
    " province": "admin1",
    " krai": "admin1",
    " raion": "admin2",
    " district": "admin2",
    " rayon": "admin2",
}
_CYR_HEADS = ("област", "край", "район")


@lru_cache(maxsize=1 << 16)
def skeleton(s: str) -> str:
    """A spelling-insensitive key: vowels become ``*``, h/g merge, doubled letters collapse.

    Used only for names the gazetteer's keys miss: it joins Ukrainian, Russian-style and
    Cyrillic spellings of one name.

    >>> skeleton("sergeevka") == skeleton("serhiivka") == skeleton("сергеевка")
    True
    >>> skeleton("zaporozhye") == skeleton("zaporizhzhia"), skeleton("pokrovsk") == skeleton("pokrovske")
    (True, False)
    """
    if s.isascii():
        for a, b in _LATIN_DIGRAPHS:
            if a in s:
                s = s.replace(a, b)
        out = s.translate(_LATIN_SKELETON)
    else:
        out = s.translate(_CYR_SKELETON)
    return _RUNS.sub(_first, out) if _RUNS.search(out) else out


_RUNS = re.compile(r"(.)\1+")


def _first(m: re.Match[str]) -> str:
    return m.group(1)


def consonants(skel: str) -> int:
    return len(skel) - skel.count("*")


@lru_cache(maxsize=1 << 14)
def cyrillic_stems(word: str) -> tuple[str, ...]:
    """Candidate skeleton stems of an inflected Cyrillic word (the word itself first).

    >>> skeleton("васюківка").rstrip("*") in cyrillic_stems("васюковку")
    True
    """
    sk = skeleton(word)
    out = [sk.rstrip("*")]
    if word.startswith("о") and len(word) > 4:
        # Russian о-/от- and Ukrainian ві-/від-: Ольховка / Вільхівка, Отрадное / Відрадне
        for variant in ("ві" + word[1:], "від" + word[2:] if word.startswith("от") else ""):
            if variant:
                out.append(skeleton(variant).rstrip("*"))
    return tuple(_cyrillic_endings(sk, out))


def _cyrillic_endings(sk: str, out: list[str]) -> list[str]:
    for end in _CYR_ENDINGS:
        if sk.endswith(end) and consonants(sk[: -len(end)]) >= 2:
            stem = sk[: -len(end)]
            if stem not in out:
                out.append(stem)
    return out


def is_adjective(word: str) -> bool:
    """True for an inflected Cyrillic adjective in -ск-/-цк- ("Харьковской"); such a word names a region or an
    adjectival village (Петровское), never a city like Донецк."""
    return bool(_ADJ_ONLY.search(word)) and not _ADJ_AMBIGUOUS.search(word)


@dataclass
class Index:
    """Everything the geoparser needs from one gazetteer, compiled once."""

    automaton: Any
    #: normalised name in front of a region head -> admin1/region places ("kharkov" -> [Kharkiv Oblast]).
    admin1_by_name: dict[str, list[Place]] = field(default_factory=dict)
    #: normalised name in front of a raion head -> admin2 places ("pokrovsk" -> [Pokrovsk Raion]).
    admin2_by_name: dict[str, list[Place]] = field(default_factory=dict)
    #: skeleton of a whole Latin key (spaces dropped) -> keys.
    latin_skeletons: dict[str, list[str]] = field(default_factory=dict)
    #: skeleton stem of a Cyrillic noun key -> keys; adjectival keys (Петровське) separately.
    cyr_nouns: dict[str, list[str]] = field(default_factory=dict)
    cyr_adjectives: dict[str, list[str]] = field(default_factory=dict)
    #: tuple of per-word skeleton stems of a multi-word Cyrillic key -> keys.
    cyr_phrases: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    #: skeleton stem of a Cyrillic region adjective ("харківськ") -> the first-level unit.
    cyr_region_adjectives: dict[str, list[Place]] = field(default_factory=dict)
    #: the same for raions ("покровськ" -> Pokrovsk Raion).
    cyr_raion_adjectives: dict[str, list[Place]] = field(default_factory=dict)
    max_phrase_words: int = 1
    #: Memo of gazetteer look-ups (the gazetteer is immutable, so these are pure): key -> candidates,
    #: place id -> geoparse prior.
    candidates: dict[str, tuple[Place, ...]] = field(default_factory=dict)
    priors: dict[str, float] = field(default_factory=dict)
    key_candidates: dict[tuple[str, ...], list[Place]] = field(default_factory=dict)


def _add(d: dict[Any, list[Any]], k: Any, v: Any) -> None:
    lst = d.setdefault(k, [])
    if v not in lst:
        lst.append(v)


def build_index(gazetteer: Gazetteer) -> Index:
    """Compile the matchers for ``gazetteer`` (about a second for the shipped one)."""
    automaton = ahocorasick.Automaton()
    patterns: dict[str, list[str]] = {}
    idx = Index(automaton)
    region_kinds = {"admin1", "region"}
    for key in gazetteer.keys():  # noqa: SIM118 - keys() is the Gazetteer API, not a dict
        if not key or len(key) < 2 or key.isdigit():
            continue
        pattern = key if _SIMPLE_KEY.fullmatch(key) else normalise_key(key)
        if not pattern:
            continue
        patterns.setdefault(pattern, []).append(key)
        cut = pattern.rfind(" ")
        if cut > 2 and pattern[cut:] in _HEAD_SUFFIXES:
            level = _HEAD_SUFFIXES[pattern[cut:]]
            name = pattern[:cut]
            for p in gazetteer.candidates(key):
                if level == "admin1" and p.kind in region_kinds:
                    _add(idx.admin1_by_name, name, p)
                elif level == "admin2" and p.kind == "admin2":
                    _add(idx.admin2_by_name, name, p)
        if _CYR.search(pattern):
            words = pattern.split(" ")
            if len(words) == 1:
                w = words[0]
                target = idx.cyr_adjectives if _ADJ_KEY.search(w) else idx.cyr_nouns
                _add(target, skeleton(w).rstrip("*"), key)
                # "Харківщина" is the everyday name of the oblast "Харківська область".
            else:
                if words[-1].startswith(_CYR_HEADS) and len(words) == 2:
                    places = [
                        p for p in gazetteer.candidates(key) if p.kind in region_kinds or p.kind == "admin2"
                    ]
                    for p in places:
                        stem = skeleton(words[0]).rstrip("*")
                        if p.kind != "admin2":
                            _add(idx.cyr_region_adjectives, stem, p)
                        else:
                            _add(idx.cyr_raion_adjectives, stem, p)
                        for derived in _region_nouns(words[0]):
                            _add(idx.cyr_nouns, skeleton(derived).rstrip("*"), key)
                stems = tuple(skeleton(w).rstrip("*") for w in words)
                _add(idx.cyr_phrases, stems, key)
                idx.max_phrase_words = max(idx.max_phrase_words, len(words))
        elif pattern.replace(" ", "").isalpha():
            sk = skeleton(pattern)
            if consonants(sk) >= 3:
                _add(idx.latin_skeletons, sk, key)
    for pattern, keys in patterns.items():
        automaton.add_word(" " + pattern, (len(pattern) + 1, tuple(keys)))
    automaton.make_automaton()
    return idx


def _region_nouns(adjective: str) -> list[str]:
    """The "-щина" name of a region from its adjective: харківська -> харківщина, донецька -> донеччина."""
    out = []
    for pat, rep in ((r"ськ(?:а|ий|ая|ий)$", "щина"), (r"цьк(?:а|ий)$", "ччина"), (r"ск(?:ая|ий)$", "щина")):
        if re.search(pat, adjective):
            out.append(re.sub(pat, rep, adjective))
    return out


def get_index(gazetteer: Gazetteer) -> Index:
    """The compiled index of ``gazetteer``, built on first use and cached for the gazetteer's lifetime."""
    try:
        cached = _CACHE.get(gazetteer)
    except TypeError:  # cannot be weakly referenced: a small identity-checked cache instead
        with _CACHE_LOCK:
            for obj, index in _STRONG:
                if obj is gazetteer:
                    return index
            index = build_index(gazetteer)
            _STRONG.append((gazetteer, index))
            del _STRONG[:-_STRONG_SIZE]
            return index
    if cached is not None:
        return cached
    with _CACHE_LOCK:
        cached = _CACHE.get(gazetteer)
        if cached is None:
            cached = build_index(gazetteer)
            _CACHE[gazetteer] = cached
    return cached
