"""Turn a report's bytes into text: UTF-8, UTF-16/32 with a BOM, and legacy Cyrillic code pages.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); BOM-less UTF-16 is recognised by
its zero bytes; then strict UTF-8; then the legacy code pages in :data:`LEGACY_CODECS` are
each tried and the most plausible decoding wins. Plausibility is scored per word: real
text has words in one script with a sensible case pattern (``слово``, ``Слово``,
``СЛОВО``) and Cyrillic letters in their usual frequencies, while a wrong code page gives
mixed-case runs (cp1251 read as KOI8-U is mostly capitals), mixed scripts and rare letters.
Bytes that no candidate decodes into plausible text (binary files, control characters)
are an :class:`~frontmap.errors.InputError` naming the file.
"""

from __future__ import annotations

import codecs
import re

from frontmap.errors import InputError

#: Legacy code pages tried, in order of preference when scores tie.
LEGACY_CODECS: tuple[str, ...] = ("cp1251", "koi8_u", "cp1252")

# The most frequent Cyrillic letters of Ukrainian and Russian prose (about 60 % of letters).
_FREQUENT_CYRILLIC = frozenset("оаеинтсрвлікдмуп")
_WORD = re.compile(r"[^\W\d_]+")
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_FIX = "save the file as UTF-8 (or UTF-16 with a BOM) and try again"


def _script(ch: str) -> str:
    o = ord(ch)
    if 0x0400 <= o <= 0x04FF:
        return "cyr"
    if ch.isascii():
        return "lat"
    if 0x00C0 <= o <= 0x024F:
        return "lat"
    return "other"


def plausibility(text: str) -> float:
    """How much ``text`` looks like real prose (higher is better; below 0 is implausible).

    >>> plausibility("Війська звільнили село") > plausibility("вЁКЯЭЙЮ ГБЁКЭМХКХ ЯЕКН")
    True
    """
    if not text:
        return 0.0
    score = 0.0
    words = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        words += 1
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1 or "other" in scripts:
            score -= 2.0
            continue
        if scripts == {"lat"} and sum(not ch.isascii() for ch in word) * 2 > len(word):
            # Western text puts an accent here and there ("Café"); a word of accented
            # letters only ("Êè") is Cyrillic read in the wrong code page.
            score -= 1.5
        elif word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()):
            score += 1.0
        else:
            score -= 1.5
        if "cyr" in scripts:
            low = word.lower()
            share = sum(ch in _FREQUENT_CYRILLIC for ch in low) / len(low)
            score += share - 0.45
    bad = len(_BAD_CONTROL.findall(text))
    score -= 5.0 * bad
    return score / max(words, 1)


def _looks_binary(text: str) -> bool:
    return len(_BAD_CONTROL.findall(text)) > max(2, len(text) // 200)


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """Decode a report's bytes (see the module docstring); ``source`` names it in errors.

    >>> decode_bytes("Бахмут".encode("cp1251")), decode_bytes("Бахмут".encode("koi8_u"))
    ('Бахмут', 'Бахмут')
    """
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, codec in boms:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(
                    f"{source}: starts with a {codec} byte-order mark but is not valid {codec} "
                    f"(byte {err.start}); {_FIX}"
                ) from err
            return text.lstrip("\ufeff")
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise InputError(f"{source}: looks like a binary file (control characters), not a report; {_FIX}")
        return text
    best: tuple[float, str] | None = None
    for codec in LEGACY_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, text)
    if best is None or best[0] < 0 or _looks_binary(best[1]):
        raise InputError(f"{source}: cannot decode the text (not UTF-8, UTF-16, cp1251 or KOI8-U); {_FIX}")
    return best[1]


def _decode_utf16_without_bom(data: bytes, source: str) -> str:
    # Zero bytes in text mean UTF-16 without its BOM (ASCII characters carry a zero half);
    # the byte order whose decoding reads as prose wins.
    best: tuple[float, str] | None = None
    if len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_binary(text) or sum(ch.isalpha() for ch in text) < 0.3 * len(text):
                continue
            score = plausibility(text)
            if score >= 0 and (best is None or score > best[0]):
                best = (score, text)
    if best is None:
        raise InputError(f"{source}: looks like a binary file (zero bytes), not a report; {_FIX}")
    return best[1]
