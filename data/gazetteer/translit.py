"""Spelling rules used by build.py: Ukrainian Cyrillic -> the Latin spellings reports use.

Build-only (imports translitua). Every rule here is documented in data/gazetteer/README.md.

* ``official(uk)``: the 2010 national system (Cabinet of Ministers resolution 55, translitua.UkrainianKMU):
  Бахмут -> Bakhmut, Кліщіївка -> Klishchiivka, Святогірськ -> Sviatohirsk.
* ``latin_strong(uk)``: the official form plus the BGN/PCGN form (ya/ye/yi/yu, soft sign as an apostrophe
  that normalisation drops): Запоріжжя -> Zaporizhzhya, Мар'їнка -> Mar'yinka.
* ``latin_generated(uk)``: Russian-derived spellings made by rule from the Ukrainian name (the name as a
  Russian source would write it, then romanised): Харків -> Kharkov, Авдіївка -> Avdeevka / Avdeyevka,
  Куп'янськ -> Kupyansk, Святогірськ -> Svyatogorsk, Роботине -> Robotino, Урожайне -> Urozhaynoye.
"""

from __future__ import annotations

import re

import translitua

# Common roots whose Russian form differs from the Ukrainian beyond letter-for-letter (applied as substrings).
ROOT_RULES: tuple[tuple[str, str], ...] = (
    ("костянтин", "константин"),
    ("олександр", "александр"),
    ("олекс", "алекс"),
    ("микола", "никола"),
    ("андрі", "андре"),
    ("вугл", "угл"),
    ("вовч", "волч"),
    ("вовк", "волк"),
    ("запоріж", "запорож"),
    ("дніпр", "днепр"),
    ("оріх", "орех"),
    ("ріг", "рог"),
    ("хутір", "хутор"),
    ("чорн", "черн"),
    ("сєвєр", "север"),
    ("сівер", "север"),
    ("кам'ян", "камен"),
    ("ведмед", "медвед"),
    ("григорі", "григорье"),
    ("сергії", "сергее"),
    ("миха", "миха"),
)

# Word endings (Ukrainian -> Russian), first match wins; each may give several guesses.
SUFFIX_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"іївка$", ("еевка",)),
    (r"ївка$", ("евка",)),
    (r"івка$", ("овка", "евка")),
    (r"івське$", ("овское",)),
    (r"ірськ$", ("орск",)),
    (r"ине$", ("ино",)),
    (r"іне$", ("ино",)),
    (r"ієве$", ("иево",)),
    (r"єве$", ("ево",)),
    (r"([ое])ве$", (r"\1во",)),
    (r"ське$", ("ское",)),
    (r"цьке$", ("цкое",)),
    (r"([бвгджзклмнпрстфхцчшщ])е$", (r"\1ое", r"\1о")),
    (r"ів$", ("ов",)),
    (r"їв$", ("ев",)),
    (r"ий$", ("ый", "ий")),
    (r"а$", ("а",)),
)

RU_LATIN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
_VOWELS = set("аеёиоуыэюяьъ")


def official(uk: str) -> str:
    """The 2010 national transliteration.

    >>> official("Кліщіївка")
    'Klishchiivka'
    """
    return translitua.translit(uk, translitua.UkrainianKMU)


def latin_strong(uk: str) -> list[str]:
    """Official and BGN/PCGN spellings (plus the common single-zh 'Zaporizhia' contraction)."""
    out = [official(uk), translitua.translit(uk, translitua.UkrainianBGN)]
    for form in list(out):
        if "zhzh" in form:
            out.append(form.replace("zhzh", "zh"))
        if form.endswith("iia"):
            out.append(form[:-3] + "ia")
    return out


def _word_guesses(word: str) -> list[str]:
    for pattern, repls in SUFFIX_RULES:
        if re.search(pattern, word):
            return [re.sub(pattern, r, word) for r in repls]
    return [word]


def russian_guesses(uk: str) -> list[str]:
    """Russian Cyrillic guesses for a Ukrainian name (lower case).

    >>> russian_guesses("Святогірськ")[0]
    'святогорск'
    """
    base = uk.lower().replace("’", "'").replace("ʼ", "'")
    for ukr, rus in ROOT_RULES:
        base = base.replace(ukr, rus)
    words = re.split(r"([\s\-])", base)
    variants = [""]
    for part in words:
        if part in (" ", "-") or not part:
            variants = [v + part for v in variants]
            continue
        variants = [v + g for v in variants for g in _word_guesses(part)][:8]
    out: list[str] = []
    for v in variants:
        v = v.replace("ськ", "ск").replace("цьк", "цк").replace("'", "ь").replace("є", "е").replace("ґ", "г")
        for y_form in (v.replace("и", "ы"), v):
            for i_form in ("и", "е"):
                g = y_form.replace("ї", "и").replace("і", i_form)
                if g not in out:
                    out.append(g)
    return out


def russian_latin(ru: str) -> list[str]:
    """Romanise a Russian name two ways: plain 'e' and 'ye' after a vowel/at the start.

    >>> russian_latin("авдеевка")
    ['avdeevka', 'avdeyevka']
    """
    plain, ye = [], []
    prev = " "
    for ch in ru:
        lat = RU_LATIN.get(ch, ch)
        plain.append(lat)
        if ch == "е" and (prev in _VOWELS or not prev.isalpha()):
            ye.append("ye")
        else:
            ye.append(lat)
        prev = ch
    a, b = "".join(plain), "".join(ye)
    return [a] if a == b else [a, b]


def latin_generated(uk: str) -> list[str]:
    """All rule-made Latin spellings of a Ukrainian name (Russian-derived)."""
    out: list[str] = []
    for ru in russian_guesses(uk):
        for lat in russian_latin(ru):
            if lat not in out:
                out.append(lat)
    return out
