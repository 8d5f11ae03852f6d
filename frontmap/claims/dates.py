"""Day and period expressions in a sentence, resolved against the publication date.

"said Tuesday" is the latest Tuesday on or before the publication date; "September 12"
without a year is the latest such day on or before it; "last week", "since September 1",
"in August" are periods. Nothing is guessed without a publication date unless the text
gives the year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from frontmap.claims.text import finditer_at, lowered_exactly, shortest_prefixes

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
    "січня": 1,
    "лютого": 2,
    "березня": 3,
    "квітня": 4,
    "травня": 5,
    "червня": 6,
    "липня": 7,
    "серпня": 8,
    "вересня": 9,
    "жовтня": 10,
    "листопада": 11,
    "грудня": 12,
}
#: Month names as a period ("in August", "в августе").
MONTH_PERIODS: dict[str, int] = {
    **{k: v for k, v in MONTHS.items() if k.isascii()},
    "январе": 1,
    "феврале": 2,
    "марте": 3,
    "апреле": 4,
    "мае": 5,
    "июне": 6,
    "июле": 7,
    "августе": 8,
    "сентябре": 9,
    "октябре": 10,
    "ноябре": 11,
    "декабре": 12,
    "січні": 1,
    "лютому": 2,
    "березні": 3,
    "квітні": 4,
    "травні": 5,
    "червні": 6,
    "липні": 7,
    "серпні": 8,
    "вересні": 9,
    "жовтні": 10,
    "листопаді": 11,
    "грудні": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "среда": 2,
    "четверг": 3,
    "пятницу": 4,
    "пятница": 4,
    "субботу": 5,
    "суббота": 5,
    "воскресенье": 6,
    "понеділок": 0,
    "вівторок": 1,
    "середу": 2,
    "середа": 2,
    "четвер": 3,
    "п'ятницю": 4,
    "п’ятницю": 4,
    "п'ятниця": 4,
    "суботу": 5,
    "субота": 5,
    "неділю": 6,
    "неділя": 6,
}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace("'", "['’ʼ]") for w in sorted(words, key=len, reverse=True))


_MONTH = _alt(list(MONTHS))
_WD = _alt(list(WEEKDAYS))
_DAY_MONTH = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|-?го|-?е)?\s+(?:of\s+)?(?P<m>{_MONTH})\.?(?:,?\s+(?P<y>\d{{4}}))?(?![\w])",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d\w])(?:,?\s+(?P<y>\d{{4}}))?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b|\b(?P<Y>\d{4})-(?P<M>\d{2})-(?P<D>\d{2})\b"
)
#: "since ..." earlier in the same clause (no sentence or clause break in between).
_SINCE_BEFORE = re.compile(r"\bsince\b[^.;:,!?]*$", re.IGNORECASE)
_WEEKDAY = re.compile(
    rf"(?:\b(?P<mod>last|this|late|early|next|since|by|on|в|во|у|в\s+минулий|в\s+прошл(?:ый|ую|ое))\s+)?\b(?P<wd>{_WD})\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?P<w>yesterday|today|tonight|the\s+day\s+before|вчера|сегодня|вчора|сьогодні|позавчера|позавчора)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(
    rf"\b(?:since|from|с|з)\s+(?:(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?!\d)|(?:the\s+(?:start|beginning)\s+of\s+)?(?P<m3>{_MONTH})\b(?!\s+\d))",
    re.IGNORECASE,
)
# From the start of the year (month, week) to the publication: "since the start of the month", "this year".
_SINCE_YEAR = re.compile(
    r"\b(?:since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?P<u>year|month|week)|since\s+the\s+year\s+(?:began|started)|this\s+year|since\s+january\s+1|с\s+начала\s+года|з\s+початку\s+року)\b",
    re.IGNORECASE,
)
_LAST_WEEK = re.compile(
    r"\b(?P<w>last\s+week|past\s+week|previous\s+week|over\s+the\s+(?:past|last)\s+(?:week|seven\s+days)|this\s+week|earlier\s+this\s+week|за\s+(?:прошедшую\s+)?неделю|за\s+(?:минулий\s+)?тиждень|минулого\s+тижня|на\s+прошлой\s+неделе)\b",
    re.IGNORECASE,
)
# The calendar year or month before the publication ("last year", "в прошлом году", "торік"), or the twelve
# months or thirty days up to it ("over the past year", "in the last month").
_LAST_PERIOD = re.compile(
    r"\b(?P<the>(?:over|in|during|throughout)\s+the\s+)?(?P<w>last|past)\s+(?P<u>year|month)(?![\w])"
    r"|(?<![\w])(?P<y>в\s+прошлом\s+году|минулого\s+року|торік)(?![\w])"
    r"|(?<![\w])(?P<m>в\s+прошлом\s+месяце|минулого\s+місяця)(?![\w])",
    re.IGNORECASE,
)
_PAST_DAYS = re.compile(
    r"\b(?:past|last)\s+(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)"
    r"\s+(?P<u>days|weeks|months)\b",
    re.IGNORECASE,
)
_IN_MONTH = re.compile(
    rf"\b(?:in|during|over|в|у)\s+(?P<m>{_alt(list(MONTH_PERIODS))})(?:\s+(?P<y>\d{{4}}))?(?![\w])",
    re.IGNORECASE,
)
# The words each expression starts with: it is tried only where one occurs (a scan of every position with
# these long case-insensitive alternations costs far more). See frontmap.claims.text.finditer_at.
_NUMERIC_HINT = re.compile(r"\d[.-]\d")  # every _NUMERIC match has one
_MONTH_DAY_STARTS = shortest_prefixes(list(MONTHS))
_SINCE_STARTS = ("since", "from", "с", "з")
_SINCE_YEAR_STARTS = ("since", "this", "с", "з")
_LAST_WEEK_STARTS = ("last", "past", "previous", "over", "this", "earlier", "за", "минулого", "на")
_PAST_DAYS_STARTS = ("past", "last")
_LAST_PERIOD_STARTS = ("over", "in", "during", "throughout", "last", "past", "в", "минулого", "торік")
_IN_MONTH_STARTS = ("in", "during", "over", "в", "у")
_WEEKDAY_STARTS = shortest_prefixes(
    ["last", "this", "late", "early", "next", "since", "by", "on", "в", "у"]
    + [re.match(r"[^\W\d_]+", w).group(0) for w in WEEKDAYS]  # type: ignore[union-attr]
)
_RELATIVE_STARTS = (
    "yesterday", "today", "tonight", "the", "вчера", "сегодня", "вчора", "сьогодні", "позавчера", "позавчора",
)
# A span between two days or months: "between August 1 and August 31", "from 3 to 17 March", "from June to
# August 2024". The second day may leave out its month; a year on either side holds for both.
_ORD = r"(?:st|nd|rd|th)?"
_RANGE = re.compile(
    rf"\b(?:between|from)\s+(?:"
    rf"(?:(?P<d1>\d{{1,2}}){_ORD}(?:\s+(?:of\s+)?(?P<m1>{_MONTH})\.?)?|(?P<m1b>{_MONTH})\.?\s+(?P<d1b>\d{{1,2}}){_ORD})"
    rf"(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"\s*(?:and|to|until|till|through|-|–|—)\s*"
    rf"(?:(?P<d2>\d{{1,2}}){_ORD}(?:\s+(?:of\s+)?(?P<m2>{_MONTH})\.?)?|(?P<m2b>{_MONTH})\.?\s+(?P<d2b>\d{{1,2}}){_ORD})"
    rf"(?![\d\w])(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<ma>{_MONTH})\.?(?:\s+(?P<ya>\d{{4}}))?\s*(?:and|to|until|till|through|-|–|—)\s*(?P<mb>{_MONTH})\b\.?"
    rf"(?:\s+(?P<yb>\d{{4}}))?)",
    re.IGNORECASE,
)
_RANGE_STARTS = ("between", "from")
# A year as a period: "in 2024", "during 2023" (not "in 2000 square kilometres"); "since 2022".
_YEAR_NUMBER = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?!\d|[,.]\d)")
_IN_YEAR = re.compile(
    r"\b(?P<w>in|during|over|throughout|since|в|у|з|с)\s+(?:the\s+(?:start|beginning)\s+of\s+)?"
    r"(?P<y>(?:19|20)\d\d)(?!\d|[,.]\d)(?!\s*(?:sq|square|km|kilomet|mi\b|miles|hectar|ha\b|%|per\s*cent|percent|"
    r"villages|settlements|towns|кв|км|га\b|сел|населен))",
    re.IGNORECASE,
)
_IN_YEAR_STARTS = ("in", "during", "over", "throughout", "since", "в", "у", "з", "с")
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|to|up\s+to|through)\s*$", re.IGNORECASE)
_WEEK_WORDS = frozenset({"week", "неделю", "неделе", "тиждень", "тижня"})
_YEAR_WORDS = frozenset({"year", "year's", "года", "року", "году", "торік"})
_MONTH_UNIT_WORDS = frozenset({"month", "month's", "месяце", "місяця"})
_RELATIVE_WORDS = frozenset(
    {
        "yesterday",
        "today",
        "tonight",
        "day",
        "вчера",
        "сегодня",
        "вчора",
        "сьогодні",
        "позавчера",
        "позавчора",
    }
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_DIGIT = re.compile(r"\d")
# What each word that can start or make a date expression says can occur (one set intersection and a dict
# lookup per word found, instead of testing the words against each table in turn).
_MONTH_WORD, _WEEKDAY_WORD, _WEEK_WORD, _YEAR_WORD, _RELATIVE_WORD, _DAYS_WORD, _MONTH_UNIT = 1, 2, 4, 8, 16, 32, 64


def _word_kinds() -> dict[str, int]:
    kinds: dict[str, int] = {}
    for words, kind in (
        (MONTHS, _MONTH_WORD),
        (MONTH_PERIODS, _MONTH_WORD),
        (WEEKDAYS, _WEEKDAY_WORD),
        (_WEEK_WORDS, _WEEK_WORD),
        (_YEAR_WORDS, _YEAR_WORD),
        (_RELATIVE_WORDS, _RELATIVE_WORD),
        (("days", "weeks", "months"), _DAYS_WORD),
        (_MONTH_UNIT_WORDS, _MONTH_UNIT),
    ):
        for w in words:
            kinds[w] = kinds.get(w, 0) | kind
    return kinds


_WORD_KINDS = _word_kinds()
_KIND_WORDS = frozenset(_WORD_KINDS)
_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fourteen": 14,
}


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date or period expression found in text (positions relative to the string searched)."""

    start: int
    end: int
    date: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    explicit: bool = True


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _latest(month: int, day: int, published: dt.date | None, year: int | None) -> dt.date | None:
    if year is not None:
        return _day(year, month, day)
    if published is None:
        return None
    d = _day(published.year, month, day)
    if d is not None and d > published:
        d = _day(published.year - 1, month, day)
    return d


def _months_before(day: dt.date, n: int) -> dt.date:
    """The same day ``n`` calendar months earlier (the month's last day when it is shorter: February 29 a year
    back is February 28)."""
    year, month = divmod(day.year * 12 + day.month - 1 - n, 12)
    month += 1
    last = _month_period(month, None, year)[1].day  # type: ignore[index]
    return dt.date(year, month, min(day.day, last))


def _month_period(month: int, published: dt.date | None, year: int | None) -> tuple[dt.date, dt.date] | None:
    if year is None:
        if published is None:
            return None
        year = published.year if month <= published.month else published.year - 1
    start = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, nxt - dt.timedelta(days=1)


def _range(m: re.Match[str], published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a ``_RANGE`` match; a side without a year takes the other's, else the latest
    such span on or before ``published``."""
    if m.group("ma"):
        ma, mb = MONTHS[m.group("ma").lower().rstrip(".")], MONTHS[m.group("mb").lower().rstrip(".")]
        yb = m.group("yb") or m.group("ya")
        last = _month_period(mb, published, int(yb) if yb else None)
        if last is None:
            return None
        year = int(m.group("ya")) if m.group("ya") else last[0].year - (ma > mb)
        return dt.date(year, ma, 1), last[1]
    m1 = MONTHS.get((m.group("m1") or m.group("m1b") or m.group("m2") or m.group("m2b") or "").lower().rstrip("."))
    m2 = MONTHS.get((m.group("m2") or m.group("m2b") or "").lower().rstrip("."), m1)
    if m1 is None or m2 is None:
        return None
    d1, d2 = int(m.group("d1") or m.group("d1b")), int(m.group("d2") or m.group("d2b"))
    y2 = m.group("y2") or m.group("y1")
    end = _latest(m2, d2, published, int(y2) if y2 else None)
    if end is None:
        return None
    start = _day(int(m.group("y1")) if m.group("y1") else end.year, m1, d1)
    if start is not None and start > end and not m.group("y1"):
        start = _day(end.year - 1, m1, d1)
    if start is None or start > end:
        return None
    return start, end


def find_dates(text: str, published: dt.date | None, low: str | None = None) -> list[DateExpr]:
    """Every day or period expression in ``text``, resolved against ``published``, in text order. ``low`` is
    ``text.lower()`` when the caller has it and knows it stands for ``text`` (see
    :func:`frontmap.claims.text.lowered_exactly`); None: worked out here.

    >>> [e.date for e in find_dates("said on Monday", dt.date(2022, 9, 13))]
    [datetime.date(2022, 9, 12)]
    """
    out: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    # A cheap first look at the words decides which of the expressions can occur at all.
    if low is None:
        low = lowered_exactly(text)
    kinds = 0
    words = _WORD.findall((text.lower() if low is None else low).replace("’", "'"))
    for word in _KIND_WORDS.intersection(words):
        kinds |= _WORD_KINDS[word]
    numeric = _NUMERIC_HINT.search(text) is not None
    years = ("19" in text or "20" in text) and _YEAR_NUMBER.search(text) is not None  # (a year has one)
    if not kinds and not numeric and not years:
        return out  # the usual sentence: a digit alone starts no expression but a numeric date or a year
    has_month = bool(kinds & _MONTH_WORD)
    has_weekday = bool(kinds & _WEEKDAY_WORD)
    has_digit = numeric or has_month and _DIGIT.search(text) is not None  # (asked only with a month)
    has_week = bool(kinds & _WEEK_WORD)
    has_year = bool(kinds & _YEAR_WORD)
    has_month_unit = bool(kinds & _MONTH_UNIT)
    has_relative = bool(kinds & _RELATIVE_WORD)

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(e: DateExpr) -> None:
        if free(e.start, e.end):
            out.append(e)
            taken.append((e.start, e.end))

    for m in _NUMERIC.finditer(text) if numeric else ():
        if m.group("Y"):
            d = _day(int(m.group("Y")), int(m.group("M")), int(m.group("D")))
        else:
            d = _day(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if d:
            add(DateExpr(m.start(), m.end(), date=d))
    for m in finditer_at(_RANGE, text, low, _RANGE_STARTS) if has_month else ():
        span = _range(m, published)
        if span is not None:
            add(DateExpr(m.start(), m.end(), period_start=span[0], period_end=span[1], explicit=False))
    for m in finditer_at(_SINCE, text, low, _SINCE_STARTS) if has_month else ():
        month_word = (m.group("m") or m.group("m2") or m.group("m3") or "").lower()
        day = m.group("d") or m.group("d2")
        month = MONTHS.get(month_word.rstrip("."))
        if month is None:
            continue
        start = _latest(month, int(day) if day else 1, published, None)
        if start is not None or published is None:
            add(DateExpr(m.start(), m.end(), period_start=start, period_end=published, explicit=False))
    for rx, starts in ((_DAY_MONTH, None), (_MONTH_DAY, _MONTH_DAY_STARTS)) if has_month and has_digit else ():
        for m in finditer_at(rx, text, low, starts):
            if (
                rx is _MONTH_DAY
                and m.group("m").lower() == "may"
                and not m.group("y")
                and text[m.start() : m.start() + 1].islower()
            ):
                continue  # "may 5 ..." is the modal verb
            month = MONTHS.get(m.group("m").lower().rstrip("."))
            if month is None:
                continue
            year = int(m.group("y")) if m.group("y") else None
            add(DateExpr(m.start(), m.end(), date=_latest(month, int(m.group("d")), published, year)))
    for m in finditer_at(_SINCE_YEAR, text, low, _SINCE_YEAR_STARTS) if has_year or has_week or has_month_unit else ():
        if published is not None:
            unit = (m.group("u") or "year").lower()
            if unit == "year":
                first = dt.date(published.year, 1, 1)
            elif unit == "month":
                first = published.replace(day=1)
            else:
                first = published - dt.timedelta(days=published.weekday())  # Monday
            add(DateExpr(m.start(), m.end(), period_start=first, period_end=published, explicit=False))
    for m in finditer_at(_LAST_WEEK, text, low, _LAST_WEEK_STARTS) if has_week else ():
        if published is None:
            continue
        w = m.group("w").lower()
        if "last week" in w or "previous" in w or "прошл" in w or "минул" in w:
            monday = published - dt.timedelta(days=published.weekday() + 7)
            add(
                DateExpr(
                    m.start(),
                    m.end(),
                    period_start=monday,
                    period_end=monday + dt.timedelta(days=6),
                    explicit=False,
                )
            )
        elif "this week" in w:
            add(
                DateExpr(
                    m.start(),
                    m.end(),
                    period_start=published - dt.timedelta(days=published.weekday()),
                    period_end=published,
                    explicit=False,
                )
            )
        else:
            add(
                DateExpr(
                    m.start(),
                    m.end(),
                    period_start=published - dt.timedelta(days=7),
                    period_end=published,
                    explicit=False,
                )
            )
    for m in finditer_at(_LAST_PERIOD, text, low, _LAST_PERIOD_STARTS) if has_year or has_month_unit else ():
        if published is None:
            continue
        unit = "year" if m.group("y") else "month" if m.group("m") else m.group("u").lower()
        if m.group("w") and (m.group("the") or m.group("w").lower() == "past"):
            # A span up to the publication: "over the past year", "in the last month".
            start = _months_before(published, 12 if unit == "year" else 1)
            add(DateExpr(m.start(), m.end(), period_start=start, period_end=published, explicit=False))
        elif unit == "year":
            year = published.year - 1
            add(DateExpr(m.start(), m.end(), period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31),
                         explicit=False))
        else:
            prev = published.replace(day=1) - dt.timedelta(days=1)
            span = _month_period(prev.month, published, prev.year)
            if span is not None:
                add(DateExpr(m.start(), m.end(), period_start=span[0], period_end=span[1], explicit=False))
    for m in finditer_at(_PAST_DAYS, text, low, _PAST_DAYS_STARTS) if kinds & _DAYS_WORD else ():
        n = m.group("n").lower()
        count = int(n) if n.isdigit() else _SMALL.get(n, 0)
        if published is not None and count:
            unit = m.group("u").lower()
            if unit == "months":
                start = _months_before(published, count)
            else:
                start = published - dt.timedelta(days=count * (7 if unit == "weeks" else 1))
            add(DateExpr(m.start(), m.end(), period_start=start, period_end=published, explicit=False))
    for m in finditer_at(_IN_MONTH, text, low, _IN_MONTH_STARTS) if has_month else ():
        if text[m.start("m") : m.start("m") + 1].islower() and m.group("m").lower() == "may":
            continue
        month = MONTH_PERIODS.get(m.group("m").lower())
        if month is None:
            continue
        period = _month_period(month, published, int(m.group("y")) if m.group("y") else None)
        if period:
            add(DateExpr(m.start(), m.end(), period_start=period[0], period_end=period[1], explicit=False))
    for m in finditer_at(_IN_YEAR, text, low, _IN_YEAR_STARTS) if years else ():
        year = int(m.group("y"))
        if published is not None and year > published.year:
            continue  # a plan or a forecast, not a period a claim covers
        # "since 2022" runs to the publication (unknown without one); "in 2024" to its end, or to the
        # publication when that falls in it.
        if m.group("w").lower() in ("since", "з", "с") or published is not None and year == published.year:
            end = published
        else:
            end = dt.date(year, 12, 31)
        add(DateExpr(m.start(), m.end(), period_start=dt.date(year, 1, 1), period_end=end, explicit=False))
    for m in finditer_at(_WEEKDAY, text, low, _WEEKDAY_STARTS) if has_weekday else ():
        mod = (m.group("mod") or "").lower()
        if mod in ("next",):
            continue
        wd = WEEKDAYS[m.group("wd").lower().replace("’", "'")]
        d = None
        if published is not None:
            back = (published.weekday() - wd) % 7
            if mod.startswith("last") and back == 0:
                back = 7
            d = published - dt.timedelta(days=back)
        # "since the start of the assault on Friday": the weekday opens the period the figure covers.
        opens_period = mod == "since" or _SINCE_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
        if opens_period:
            add(DateExpr(m.start(), m.end(), period_start=d, period_end=published, explicit=False))
        else:
            add(DateExpr(m.start(), m.end(), date=d))
    for m in finditer_at(_RELATIVE, text, low, _RELATIVE_STARTS) if has_relative else ():
        if _UNTIL_BEFORE.search(text[: m.start()]):
            continue  # "until today" ends a period, it does not date the claim
        w = m.group("w").lower()
        d = None
        if published is not None:
            if w.startswith(("yesterday", "вчера", "вчора", "the day")):
                d = published - dt.timedelta(days=1)
            elif w.startswith(("позавч",)):
                d = published - dt.timedelta(days=2)
            else:
                d = published
        add(DateExpr(m.start(), m.end(), date=d))
    out.sort(key=lambda e: e.start)
    return out
