"""The one key function for gazetteer names and lookups (spec: docs/ARCHITECTURE.md)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["normalize_name"]

#: Every apostrophe variant the spec names; all are dropped so "Mar'yinka", "Mar’yinka" and "Maryinka" meet.
APOSTROPHES = "'’ʼ‘`′"
_APOS_CLASS = "[" + re.escape(APOSTROPHES) + "]"
# A possessive ends a word: "Kharkiv's region" -> "kharkiv region", "Donbas'" -> "donbas".
_POSSESSIVE = re.compile(r"(?<=\w)" + _APOS_CLASS + r"s(?=$|[\s\-‐‑‒–—―.,;:!?)\]])|(?<=s)" + _APOS_CLASS + r"(?=$|\s)")
_DROP = str.maketrans("", "", APOSTROPHES)
# Hyphens, dashes and dots separate words like spaces do.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−.]+")
# Latin letters with a stroke do not decompose under NFD; they are diacritics all the same.
_LATIN_EXTRA = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ŧ": "t", "ƚ": "l"})


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def _strip_latin_marks(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch.isascii() or _is_cyrillic(ch):
            out.append(ch)
            continue
        out.extend(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    # Recompose so a lone Cyrillic letter such as "й" stays one code point.
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=65536)
def normalize_name(s: str) -> str:
    """Normalise a place name to its gazetteer key.

    NFKC, casefold, strip a trailing possessive, drop apostrophes, remove Latin
    diacritics (Cyrillic kept, ``ё`` -> ``е``), hyphens/dashes/dots/whitespace -> one space.

    >>> normalize_name("Kharkiv’s"), normalize_name("Ivano-Frankivsk"), normalize_name("Mar'yinka")
    ('kharkiv', 'ivano frankivsk', 'maryinka')
    """
    text = unicodedata.normalize("NFKC", s).casefold()
    text = _POSSESSIVE.sub("", text)
    text = text.translate(_DROP).replace("ё", "е").translate(_LATIN_EXTRA)
    if not text.isascii():
        text = _strip_latin_marks(text)
    return _SEPARATORS.sub(" ", text).strip()
