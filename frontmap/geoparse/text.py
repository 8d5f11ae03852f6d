"""Text plumbing for the geoparser: tokens with sentences, and the normalised text the matcher reads.

:func:`tokenize` splits a report into word tokens (a trailing possessive ``'s``
is its own token) and numbers their sentences. :func:`token_text` joins the
tokens' normalised forms (as :func:`frontmap.gazetteer.normalize_name` writes them:
case-folded, Latin diacritics removed, apostrophes dropped) into one string for a
single Aho-Corasick pass; every match maps back to whole tokens, so the character
span of a mention is always exact. Whitespace, hyphens, dashes and dots between
tokens become one space (they separate the words of a name: "Ivano-Frankivsk",
"Washington D.C."); any other punctuation becomes `` | ``, so that no multi-word
name is matched across a comma or a bracket. :func:`normalise_with_offsets` does
the same character by character, for keys that carry punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "'’ʼ‘`′"
#: Characters that separate the words of one name (they become a space).
_NAME_SEPARATORS = frozenset("-‐‑‒–—―−.\u00ad")
#: Latin letters with a stroke (no NFD decomposition) and South Slavic/Czech letters that romanise Cyrillic
#: sounds: "Sudža" must meet "Sudzha", "Čerkasy" "Cherkasy".
_LATIN_SPECIAL = {
    "ł": "l",
    "đ": "d",
    "ø": "o",
    "ħ": "h",
    "ı": "i",
    "ŧ": "t",
    "ƚ": "l",
    "ž": "zh",
    "š": "sh",
    "č": "ch",
    "ć": "ch",
    "ř": "r",
    "ś": "s",
    "ź": "z",
    "ż": "zh",
}


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


@lru_cache(maxsize=4096)
def norm_char(ch: str) -> str:
    """The normalised form of one letter or digit (may be empty or two letters).

    >>> norm_char("É"), norm_char("Ё"), norm_char("ž"), norm_char("Й")
    ('e', 'е', 'zh', 'й')
    """
    s = unicodedata.normalize("NFKC", ch).casefold()
    out: list[str] = []
    for c in s:
        if c in _LATIN_SPECIAL:
            out.append(_LATIN_SPECIAL[c])
        elif c.isascii():
            out.append(c)
        elif is_cyrillic(c):
            out.append("е" if c == "ё" else c)
        else:
            low = c.lower()
            if low in _LATIN_SPECIAL:
                out.append(_LATIN_SPECIAL[low])
                continue
            out.extend(d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
    return unicodedata.normalize("NFC", "".join(out))


_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Return ``(norm, offsets)``: ``norm`` starts with a space; ``offsets[i]`` is the index in ``text`` of ``norm[i]``.

    >>> norm, off = normalise_with_offsets("Kharkiv's Mar’yinka, Ivano-Frankivsk")
    >>> norm
    ' kharkiv s maryinka | ivano frankivsk '
    >>> "Kharkiv's Mar’yinka, Ivano-Frankivsk"[off[norm.index("ivano")]]
    'I'
    """
    out: list[str] = [" "]
    offs: list[int] = [0]
    n = len(text)
    last_space = True
    i = 0
    while i < n:
        ch = text[i]
        if ch.isascii() and ch.isalnum():
            m = _ASCII_RUN.match(text, i)
            assert m is not None
            j = m.end()
            out.append(text[i:j].lower())
            offs.extend(range(i, j))
            last_space = False
            i = j
            continue
        if ch.isalnum():
            mapped = norm_char(ch)
            if mapped:
                out.append(mapped)
                offs.extend([i] * len(mapped))
                last_space = False
            i += 1
            continue
        if ch in APOSTROPHES:
            prev_alnum = i > 0 and text[i - 1].isalnum()
            nxt = text[i + 1] if i + 1 < n else ""
            after = text[i + 2] if i + 2 < n else ""
            inner = prev_alnum and nxt.isalnum() and not (nxt in ("s", "S") and not after.isalnum())
            if not inner and not last_space:
                out.append(" ")  # a possessive or a quotation mark ends the name here
                offs.append(i)
                last_space = True
            i += 1
            continue
        if not last_space:
            out.append(" ")
            offs.append(i)
            last_space = True
        if not (ch.isspace() or ch in _NAME_SEPARATORS):
            out.append("| ")  # any other punctuation is a hard boundary
            offs.extend((i, i))
        i += 1
    if not last_space:
        out.append(" ")
        offs.append(n)
    return "".join(out), offs


def normalise_key(key: str) -> str:
    """A gazetteer key in the form of :func:`normalise_with_offsets` (without the padding)."""
    return normalise_with_offsets(key)[0].strip()


class Token:
    """One word of the original text, with the flags the rules ask about precomputed."""

    __slots__ = (
        "end",
        "gap",
        "is_cap",
        "is_cyrillic",
        "is_title",
        "is_upper",
        "low",
        "sent",
        "sent_start",
        "start",
        "text",
    )

    def __init__(
        self, start: int, end: int, text: str, low: str, sent: int, sent_start: bool, gap: str
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low  # normalised (case-folded, no apostrophes, no diacritics)
        self.sent = sent  # sentence number
        self.sent_start = sent_start  # first word of its sentence (or of a line / a quotation)
        self.gap = gap  # the characters between the previous token and this one
        self.is_cap = text[:1].isupper()
        self.is_upper = len(text) >= 2 and text.isupper()
        self.is_cyrillic = not text.isascii() and bool(_CYR_CHAR.search(text))
        self.is_title = self.is_cap and not self.is_upper

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, sent={self.sent})"


_CYR_CHAR = re.compile(r"[\u0400-\u052f]")
_WORD = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"][^\W_]+)*")
_POSSESSIVE_END = re.compile(r"[" + APOSTROPHES + r"][sS]$")
_SENTENCE_END = re.compile(r"[.!?…]")
_QUOTE_OPEN = re.compile(r"[\"“«„]\s*$")
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "approx",
        "ca",
        "etc",
        "adm",
        "sen",
        "rep",
        "gov",
        "prof",
        "ул",
        "г",
        "им",
        "обл",
        "р",
        "с",
        "пгт",
        "смт",
    }
)


@lru_cache(maxsize=65536)
def _low(word: str) -> str:
    if word.isascii():
        return word.lower().replace("'", "").replace("`", "")
    return "".join(norm_char(c) for c in word if c not in APOSTROPHES)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens with sentence numbers; a trailing possessive ``'s`` is its own token.

    >>> [(t.text, t.sent) for t in tokenize("Kyiv's forces left. Moscow said so.")]
    [('Kyiv', 0), ("'s", 0), ('forces', 0), ('left', 0), ('Moscow', 1), ('said', 1), ('so', 1)]
    """
    tokens: list[Token] = []
    append = tokens.append
    sent = 0
    prev_end = 0
    prev_word = ""
    low_of = _low
    sentence_end = _SENTENCE_END.search
    quote_open = _QUOTE_OPEN.search
    for m in _WORD.finditer(text):
        s, e = m.span()
        word = m.group()
        possessive = e - s > 2 and word[-1] in "sS" and word[-2] in APOSTROPHES
        if possessive:
            e -= 2
            word = word[:-2]
        gap = text[prev_end:s]
        sent_start = False
        if gap == " ":
            pass
        elif not tokens:
            sent_start = True
        else:
            first = word[0]
            if gap.count("\n") >= 2:  # a blank line (also written \r\n\r\n)
                sent_start = True
                sent += 1
            elif first.isupper() or first.isdigit():
                if ("\n" in gap or sentence_end(gap)) and not (
                    (len(prev_word) == 1 and prev_word.isupper()) or prev_word.lower() in _ABBREVIATIONS
                ):
                    sent_start = True
                    sent += 1
                elif quote_open(gap):
                    sent_start = True
        if not tokens:
            sent_start = True
        if word.isascii() and word.isalnum():
            low = word.lower()
        else:
            low = low_of(word)
        append(Token(s, e, word, low, sent, sent_start, gap))
        prev_end, prev_word = e, word
        if possessive:
            pos = text[e : e + 2]
            append(Token(e, e + 2, pos, "s", sent, False, ""))
            prev_end, prev_word = e + 2, pos
    return tokens


_SOFT_GAP = re.compile(r"[\s\-‐‑‒–—―−.\u00ad" + APOSTROPHES + r"]*")


def token_text(tokens: list[Token]) -> tuple[str, dict[int, int], dict[int, int]]:
    """The normalised text as the matcher sees it, built from the tokens: ``" " + low + sep + low ...`` where
    ``sep`` is a space for whitespace, hyphens, dots and apostrophes (they separate the words of one name)
    and ``" | "`` for any other punctuation (no name runs across a comma or a bracket). Returns the text,
    the token starting at each offset and the token ending at each offset.

    >>> text, first, last = token_text(tokenize("Ivano-Frankivsk, Kharkiv's"))
    >>> text, first[7], last[16]
    (' ivano frankivsk | kharkiv s ', 1, 1)
    """
    parts = [" "]
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    pos = 1
    soft = _SOFT_GAP.fullmatch
    for i, t in enumerate(tokens):
        if i:
            gap = t.gap
            if gap == " " or soft(gap):
                parts.append(" ")
                pos += 1
            else:
                parts.append(" | ")
                pos += 3
        first[pos] = i
        low = t.low
        parts.append(low)
        pos += len(low)
        last[pos] = i
    parts.append(" ")
    return "".join(parts), first, last
