"""Numbers as reports write them: digits with separators, decimal commas, scale words, number words.

Finding a number (:func:`number_pattern`) is separate from reading it (:func:`parse_number`);
both are driven by the word tables in ``data/numbers.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_SPACES = "\u00a0\u202f\u2009 "

#: Digits: English thousands ("6,000"), spaced thousands ("6 000"), plain digits with an optional
#: decimal point or decimal comma ("6.5", "4,7"). A comma followed by exactly three digits is a
#: thousands separator, otherwise a decimal comma.
DIGITS = (
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?"
    rf"|\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d,.]\d)"
    r"|\d+(?:\.\d+|,\d{1,2}(?!\d)|,\d{4,})?)"
)


# Compiled once: parse_number runs for every figure found.
_DIGITS_RX = re.compile(DIGITS)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_WORD_SPLIT = re.compile(r"[\s-]+")
_SPACES_RX = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The number vocabulary of ``data/numbers.json``, keys folded to lower case."""

    units: dict[str, float]
    tens: dict[str, float]
    hundreds: dict[str, float]
    scales: dict[str, float]
    articles: frozenset[str]
    fractions: dict[str, float]
    vague: tuple[str, ...]

    @property
    def words(self) -> dict[str, float]:
        return {**self.units, **self.tens, **self.hundreds, **self.scales}


def _load_json(name: str) -> Any:
    with resources.files("frontmap.claims").joinpath("data", name).open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    """The number tables, loaded once (an immutable cache of constants).

    >>> number_words().units["seven"]
    7
    """
    raw = _load_json("numbers.json")

    def fold(d: dict[str, float]) -> dict[str, float]:
        return {k.lower().translate(_APOSTROPHES): v for k, v in d.items()}

    return NumberWords(
        units=fold(raw["units"]),
        tens=fold(raw["tens"]),
        hundreds=fold(raw["hundreds"]),
        scales=fold(raw["scales"]),
        articles=frozenset(a.lower() for a in raw["articles"]),
        fractions=fold(raw["fractions"]),
        vague=tuple(v.lower() for v in raw["vague"]),
    )


def _alternation(words: list[str]) -> str:
    # Longest first so "seventeen" wins over "seven"; apostrophes match any variant.
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w).replace("'", "['’ʼ]").replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]")
        parts.append(esc)
    return "|".join(parts)


@lru_cache(maxsize=1)
def number_pattern() -> str:
    """Regular expression source for one number: digits (with an optional scale word) or number words.

    >>> re.fullmatch(number_pattern(), "4,7 тысяч", re.I) is not None
    True
    """
    nw = number_words()
    scale = _alternation(list(nw.scales))
    word = _alternation(list(nw.units) + list(nw.tens) + list(nw.hundreds) + list(nw.scales))
    article = _alternation(list(nw.articles))
    digits = rf"{DIGITS}(?:\s*(?:{scale})(?![\w]))?"
    words = (
        rf"(?<![\w'’ʼ-])(?:(?:{article})[\s-]+(?=(?:{scale}|{_alternation(list(nw.hundreds))})(?![\w'’ʼ])))?"
        rf"(?:{word})(?:(?:[\s-]+|\s+and\s+)(?:{word}))*(?![\w'’ʼ])"
    )
    return rf"(?:{digits}|{words})"


def parse_number(text: str) -> float | None:
    """Read a number written in digits or words; ``None`` when it is not one.

    >>> [parse_number(s) for s in ("6,000", "4,7 тысяч", "a thousand", "twenty-one")]
    [6000.0, 4700.0, 1000.0, 21.0]
    """
    nw = number_words()
    s = text.strip().lower().translate(_APOSTROPHES)
    if not s:
        return None
    m = _DIGITS_RX.match(s)
    if m:
        value = _parse_digits(m.group(0))
        rest = s[m.end() :].strip()
        if not rest:
            return value
        factor = nw.scales.get(rest)
        return value * factor if factor is not None else None
    return _parse_words(s, nw)


def _parse_digits(s: str) -> float:
    for sp in _SPACES:
        s = s.replace(sp, "")
    if _THOUSANDS.fullmatch(s):
        return float(s.replace(",", ""))
    return float(s.replace(",", "."))


def _parse_words(s: str, nw: NumberWords) -> float | None:
    tokens = [t for t in _WORD_SPLIT.split(s) if t and t != "and"]
    if not tokens:
        return None
    # Two-word entries ("a dozen") are looked up before single tokens.
    total = 0.0
    current = 0.0
    seen = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        pair = f"{tok} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
        if pair in nw.units:
            current += nw.units[pair]
            i += 2
            seen = True
            continue
        if tok in nw.units:
            current += nw.units[tok]
        elif tok in nw.tens:
            current += nw.tens[tok]
        elif tok in nw.hundreds:
            v = nw.hundreds[tok]
            current = (current or 1.0) * 100.0 if v == 100 else current + v
        elif tok in nw.scales:
            total += (current or 1.0) * nw.scales[tok]
            current = 0.0
        elif tok in nw.articles and i + 1 < len(tokens):
            current += 1.0
        else:
            return None
        seen = True
        i += 1
    return total + current if seen else None


def parse_fraction(text: str) -> float | None:
    """A share written as a word, in percent.

    >>> parse_fraction("one-fifth"), parse_fraction("a quarter")
    (20.0, 25.0)
    """
    key = _SPACES_RX.sub(" ", text.strip().lower().translate(_APOSTROPHES))
    v = number_words().fractions.get(key)
    if v is None:
        v = number_words().fractions.get(key.replace("-", " "))
    return float(v) if v is not None else None


def fraction_pattern() -> str:
    """Regular expression source for a share written as words ("one-fifth", "a third")."""
    return rf"(?<![\w'’ʼ-])(?:{_alternation(list(number_words().fractions))})(?![\w'’ʼ])"


def vague_pattern() -> str:
    """Regular expression source for a count given without a number ("dozens", "several")."""
    return rf"(?<![\w'’ʼ-])(?:{_alternation(list(number_words().vague))})(?![\w'’ʼ])"
