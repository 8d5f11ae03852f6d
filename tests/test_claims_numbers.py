"""Property tests for reading numbers and units as reports write them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontmap.claims import extract_claims
from frontmap.claims.numbers import number_pattern, parse_fraction, parse_number
from frontmap.claims.tables import load_tables
from frontmap.records import KM2_PER_UNIT, Article

ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def english_words(n: int) -> str:
    """Spell 1..999,999 the way English reports do ("two hundred and forty-one thousand ...")."""

    def below_thousand(k: int) -> str:
        parts = []
        if k >= 100:
            parts.append(f"{ONES[k // 100]} hundred")
            k %= 100
            if k:
                parts.append("and")
        if 10 <= k < 20:
            parts.append(TEENS[k - 10])
        elif k >= 20:
            parts.append(TENS[k // 10] + (f"-{ONES[k % 10]}" if k % 10 else ""))
        elif k:
            parts.append(ONES[k])
        return " ".join(parts)

    if n >= 1000:
        rest = below_thousand(n % 1000)
        return f"{below_thousand(n // 1000)} thousand" + (f" {rest}" if rest else "")
    return below_thousand(n)


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=99_999_999), st.sampled_from([",", " ", "\u00a0", "\u202f", ""]))
def test_thousands_separators_round_trip(n: int, sep: str) -> None:
    text = grouped(n, sep) if sep else str(n)
    assert parse_number(text) == n
    assert re.fullmatch(number_pattern(), text, re.IGNORECASE)


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=1, max_value=99))
def test_decimal_point_and_decimal_comma(whole: int, frac: int) -> None:
    expected = float(f"{whole}.{frac:02d}") if frac >= 10 else float(f"{whole}.{frac}")
    digits = f"{frac:02d}" if frac >= 10 else str(frac)
    assert parse_number(f"{whole}.{digits}") == pytest.approx(expected)
    # A decimal comma has one or two digits after it; three would be a thousands separator.
    assert parse_number(f"{whole},{digits}") == pytest.approx(expected)


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_english_number_words_round_trip(n: int) -> None:
    words = english_words(n)
    assert parse_number(words) == n, words
    assert re.fullmatch(number_pattern(), words, re.IGNORECASE), words


@given(
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=0, max_value=9),
    st.sampled_from(
        [("тысяч", 1000), ("тыс.", 1000), ("тисяч", 1000), ("thousand", 1000), ("million", 1_000_000)]
    ),
)
def test_scale_words_after_digits(whole: int, tenth: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    text = f"{whole},{tenth} {word}" if tenth else f"{whole} {word}"
    assert parse_number(text) == pytest.approx((whole + tenth / 10) * factor)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a thousand", 1000),
        ("seven", 7),
        ("восемь", 8),
        ("вісім", 8),
        ("двадцать", 20),
        ("a dozen", 12),
        ("two dozen", 24),
        ("one hundred and twenty", 120),
        ("4,7 тысяч", 4700),
        ("6 000", 6000),
        ("2,317", 2317),
    ],
)
def test_number_words_table(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("one-fifth", 20),
        ("a fifth", 20),
        ("a quarter", 25),
        ("half", 50),
        ("two-thirds", 66.666667),
        ("пятую часть", 20),
    ],
)
def test_fractions(text: str, value: float) -> None:
    assert parse_fraction(text) == pytest.approx(value)


UNIT_SPELLINGS = {
    "km2": [
        "square kilometers",
        "square kilometres",
        "sq km",
        "sq. km",
        "km²",
        "km2",
        "square km",
        "кв. км",
        "квадратных километров",
        "квадратних кілометрів",
    ],
    "sq_mi": ["square miles", "sq mi", "sq miles"],
    "ha": ["hectares", "ha", "гектаров", "гектарів"],
}


@settings(max_examples=150, deadline=None)  # the first call compiles the tables
@given(
    st.integers(min_value=1, max_value=500_000),
    st.sampled_from(sorted((u, s) for u, ss in UNIT_SPELLINGS.items() for s in ss)),
    st.sampled_from([",", " ", ""]),
)
def test_area_units_convert_to_km2(n: int, unit_spelling: tuple[str, str], sep: str) -> None:
    unit, spelling = unit_spelling
    figure = grouped(n, sep) if sep else str(n)
    text = f"Ukrainian forces recaptured {figure} {spelling} near the river."
    claims = extract_claims(Article("u", text), [])
    assert len(claims) == 1, (text, claims)
    c = claims[0]
    assert (c.kind, c.unit, c.value, c.gainer) == ("area", unit, n, "UA")
    assert c.value_km2 == pytest.approx(n * KM2_PER_UNIT[unit])


@settings(deadline=None)
@given(
    st.integers(min_value=1, max_value=300),
    st.sampled_from(
        [
            ("kilometers", "km", 1.0),
            ("km", "km", 1.0),
            ("miles", "mi", 1.0),
            ("meters", "km", 0.001),
            ("километров", "km", 1.0),
        ]
    ),
)
def test_distance_units(n: int, unit: tuple[str, str, float]) -> None:
    spelling, code, scale = unit
    claims = extract_claims(Article("d", f"Russian troops advanced {n} {spelling} along the railway."), [])
    assert len(claims) == 1
    assert (claims[0].kind, claims[0].unit, claims[0].gainer) == ("distance", code, "RU")
    assert claims[0].value == pytest.approx(n * scale)


@settings(deadline=None)
@given(
    st.integers(min_value=1, max_value=98),
    st.integers(min_value=1, max_value=50),
    st.sampled_from(["{a}% to {b}%", "{a}-{b} percent", "{a}–{b}%"]),
)
def test_share_ranges(a: int, extra: int, pattern: str) -> None:
    b = min(a + extra, 100)
    text = "Russia holds " + pattern.format(a=a, b=b) + " of the region."
    claims = extract_claims(Article("s", text), [])
    assert len(claims) == 1
    c = claims[0]
    assert (c.kind, c.value, c.value_min, c.value_max, c.gainer) == ("share", a, a, b, "RU")


def test_paired_conversion_is_one_claim() -> None:
    claims = extract_claims(Article("p", "Ukraine regained 7 square miles (18 sq km) last week."), [])
    assert [(c.unit, c.value) for c in claims] == [("sq_mi", 7.0)]
    assert claims[0].value_km2 == pytest.approx(7 * 2.589988)


def test_tables_are_compiled_once() -> None:
    assert load_tables() is load_tables()
