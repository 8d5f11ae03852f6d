"""Publication dates: parsing date values and finding them in text, URLs and page metadata.

Nothing is guessed. A date needs a day, a month and a year as written (an ambiguous
numeric date such as 03/04/2024 gives nothing); a dateline is only looked for in the
first lines of a report and only where a dateline sits (at the start of the line, after a
"Published" label, or after a "CITY (Agency) —" head). Times and time zones are
dropped: the date is the calendar day as the publisher wrote it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

# Month names (English, Ukrainian, Russian; nominative and genitive) by stem.
_MONTH_STEMS: tuple[tuple[str, int], ...] = (
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("січ", 1),
    ("лют", 2),
    ("берез", 3),
    ("квіт", 4),
    ("трав", 5),
    ("черв", 6),
    ("лип", 7),
    ("серп", 8),
    ("верес", 9),
    ("жовт", 10),
    ("листопад", 11),
    ("груд", 12),
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
)
_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
    r"|січ(?:ень|ня)|лют(?:ий|ого)|берез(?:ень|ня)|квіт(?:ень|ня)|трав(?:ень|ня)|черв(?:ень|ня)|"
    r"лип(?:ень|ня)|серп(?:ень|ня)|верес(?:ень|ня)|жовт(?:ень|ня)|листопад(?:а)?|груд(?:ень|ня)|"
    r"январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|"
    r"октябр[ья]|ноябр[ья]|декабр[ья]"
)
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_WORD = r"(?:\s*(?:р\.|г\.|року|года|рік|год))?"

#: A date with day, month and year, in the forms datelines use.
DATE_EXPR = re.compile(
    rf"(?P<iso>{_YEAR}-[01]\d-[0-3]\d)"
    rf"|(?P<dmy>[0-3]?\d)(?P<sep>[./])(?P<dmy_m>[01]?\d)(?P=sep)(?P<dmy_y>{_YEAR})\b"
    rf"|(?P<d1>{_DAY})\s+(?P<m1>{_MONTH_WORD}),?\s+(?P<y1>{_YEAR}){_YEAR_WORD}\b"
    rf"|(?P<m2>{_MONTH_WORD})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b",
    re.IGNORECASE,
)

_DATE_LINE = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*(?:\n)?", re.IGNORECASE)
_LABEL = re.compile(
    r"^(?:(?:published|posted|updated|first published|last updated|date|"
    r"опубліковано|опубликовано|оновлено|обновлено|дата публікації|дата публикации|дата)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?",
    re.IGNORECASE,
)
# A dateline opens with its place in capitals: "KYIV", "MOSCOW", "NEW YORK", "КИЇВ".
_DATELINE_CITY = re.compile(r"^[A-ZА-ЯІЇЄҐ]{3,}(?:[ .'’-][A-ZА-ЯІЇЄҐ]+)*\b")
_AFTER_DATE = re.compile(
    r"^\s*(?:$|[—–\-|/(•·]|,?\s*\d{1,2}[:.]\d{2}|,?\s*(?:at|в|о|об)\s+\d)", re.IGNORECASE
)


def month_number(word: str) -> int | None:
    """The month a month name (English, Ukrainian or Russian) stands for.

    >>> month_number("Sept."), month_number("жовтня"), month_number("ноября")
    (9, 10, 11)
    """
    w = word.lower().rstrip(".")
    if w.isascii():
        if len(w) < 3:
            return None
        for i, name in enumerate(_EN_MONTHS, 1):
            if name.startswith(w) or (w == "sept" and i == 9):
                return i
        return None
    for stem, number in _MONTH_STEMS:
        if not stem.isascii() and w.startswith(stem):
            return number
    return None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_from_match(m: re.Match[str]) -> dt.date | None:
    """The date a :data:`DATE_EXPR` match spells (None when it names no real day)."""
    if m.group("iso"):
        y, mo, d = m.group("iso").split("-")
        return _make(int(y), int(mo), int(d))
    if m.group("dmy"):
        day, month, year = int(m.group("dmy")), int(m.group("dmy_m")), int(m.group("dmy_y"))
        if m.group("sep") == "/" and day <= 12 and month <= 12 and day != month:
            return None  # 03/04/2024 is April 3 in Kyiv and March 4 in Washington: do not guess
        return _make(year, month, day)
    which = "1" if m.group("d1") else "2"
    named = month_number(m.group("m" + which))
    if named is None:
        return None
    return _make(int(m.group("y" + which)), named, int(re.sub(r"\D", "", m.group("d" + which))))


def parse_date_value(value: Any) -> dt.date | None:
    """A metadata date value (ISO 8601, RFC 2822, a written date with a year, a Unix time) as a date.

    >>> parse_date_value("2025-03-10T09:05:00.000Z"), parse_date_value("Tue, 12 Sep 2023 08:00:00 GMT")
    (datetime.date(2025, 3, 10), datetime.date(2023, 9, 12))
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Unix time stamps, in seconds or milliseconds (UTC), as feeds and crawlers store them.
        seconds = value / 1000 if value > 1e11 else value
        if 1e8 <= seconds <= 4.1e9:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    m = re.match(rf"^({_YEAR})[-/.]?([01]\d)[-/.]?([0-3]\d)(?:$|[T\s_]|[+-]\d|Z)", s)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if re.match(r"^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", s):
        try:
            return email.utils.parsedate_to_datetime(s).date()
        except (TypeError, ValueError):
            return None
    m2 = DATE_EXPR.search(s)
    if m2 and m2.start() <= 12:
        return date_from_match(m2)
    return None


def parse_user_date(value: dt.date | str | None) -> dt.date | None:
    """A date given by the user (``published=``, ``--date``): a date or ``YYYY-MM-DD``.

    >>> parse_user_date("2024-05-03")
    datetime.date(2024, 5, 3)
    """
    from frontmap.errors import InputError

    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(value.strip())
    except (ValueError, AttributeError) as err:
        raise InputError(f"invalid date {value!r}: write it as YYYY-MM-DD, e.g. 2024-05-03") from err


def split_date_line(text: str) -> tuple[dt.date | None, str]:
    """Take a leading ``date YYYY-MM-DD`` (as crawler exports write it) off the text.

    Returns the date and the text without it; the rest of that line stays (exports often
    put the headline right after the date).

    >>> split_date_line(" date 2023-08-28 Troops advanced")
    (datetime.date(2023, 8, 28), 'Troops advanced')
    """
    m = _DATE_LINE.match(text)
    if not m:
        return None, text
    date = parse_date_value(m.group(1))
    if date is None:
        return None, text
    return date, text[m.end() :]


def find_dateline(lines: Iterable[str], *, max_lines: int = 6) -> dt.date | None:
    """The date of a dateline among the first ``max_lines`` non-empty lines, or None.

    >>> find_dateline(["KYIV, Ukraine (AP) — Sept. 12, 2022 — Ukrainian forces pressed on."])
    datetime.date(2022, 9, 12)
    >>> find_dateline(["On March 3, 2024, the army said it advanced."]) is None
    True
    """
    seen = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > max_lines:
            break
        date = _dateline_date(line)
        if date is not None:
            return date
    return None


def _date_at(text: str) -> dt.date | None:
    """A date that opens ``text`` and is followed by a separator, a time or the end."""
    m = DATE_EXPR.match(text)
    if not m or not _AFTER_DATE.match(text[m.end() :]):
        return None
    return date_from_match(m)


def _dateline_date(line: str) -> dt.date | None:
    # "11:56 11.11.2022": a time before the date
    stripped = re.sub(r"^\d{1,2}:\d{2}(?::\d{2})?\s*,?\s*", "", line)
    date = _date_at(_LABEL.sub("", stripped, count=1))
    if date is not None:
        return date
    if not _DATELINE_CITY.match(line):
        return None
    # "KYIV, Ukraine (AP) — Sept. 12, 2022 —", "MOSCOW (Agency - 13th November, 2022)"
    window = line[:160]
    paren = re.search(r"\(([^)]{1,100})\)", window)
    if paren:
        m = DATE_EXPR.search(paren.group(1))
        if m:
            return date_from_match(m)
    for sep in re.finditer(r"\s[—–-]+\s*|/[^/\s]{1,30}/\.?\s*", window):
        date = _date_at(_LABEL.sub("", line[sep.end() :], count=1))
        if date is not None:
            return date
    return None


_URL_DATE = re.compile(
    rf"/(?P<y>{_YEAR})[/-](?P<m>[01]\d)[/-](?P<d>[0-3]\d)(?:/|[-_]|$)"
    rf"|/(?P<y2>{_YEAR})(?P<m2>[01]\d)(?P<d2>[0-3]\d)(?:/|[-_.]|$)"
)


def date_from_url(url: str | None) -> dt.date | None:
    """A date written in a URL's path (``/2022/09/11/``, ``/2022-09-11-``, ``/20220911/``).

    >>> date_from_url("https://example.org/news/2024/05/03/troops-advance")
    datetime.date(2024, 5, 3)
    >>> date_from_url("https://example.org/2024/08/story") is None
    True
    """
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)
    m = _URL_DATE.search(path)
    if not m:
        return None
    if m.group("y"):
        return _make(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _make(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))


# --------------------------------------------------------------------------- HTML metadata

#: Meta tags that carry the publication date, best first (property, name or itemprop).
META_DATE_KEYS: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "article.published",
    "article_date_original",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "original-publish-date",
    "release_date",
)
_ARTICLE_TYPES = (
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "report",
    "blogposting",
    "analysisnewsarticle",
)


def _jsonld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_objects(item)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in data:
                yield from _jsonld_objects(data[key])


def jsonld_records(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object of a page (``<script type="application/ld+json">``), in page order."""
    out: list[dict[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # a broken block on a page is the page's problem, not the reader's
        out.extend(_jsonld_objects(data))
    return out


def _is_article_type(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in names)


def date_from_html(tree: Any, *, url: str | None = None) -> dt.date | None:
    """The publication date in a page's metadata, or None.

    Looked for in this order: meta tags (:data:`META_DATE_KEYS`), JSON-LD ``datePublished``
    (an article object first), ``<time>`` marked as the publication time or the first one
    inside ``<article>`` (or the only date any ``<time>`` of the page gives), then a date in
    the page's URL. Modification dates are never used.
    """
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = content
    for key in META_DATE_KEYS:
        if key in metas:
            date = parse_date_value(metas[key])
            if date is not None:
                return date
    records = jsonld_records(tree)
    for obj in sorted(records, key=lambda o: not _is_article_type(o)):
        date = parse_date_value(obj.get("datePublished") or obj.get("dateCreated"))
        if date is not None:
            return date
    date = _date_from_time_elements(tree)
    if date is not None:
        return date
    return date_from_url(url)


def _date_from_time_elements(tree: Any) -> dt.date | None:
    marked = tree.xpath(
        '//time[@datetime][@pubdate or @itemprop="datePublished" or contains(@class, "publish")]'
        ' | //*[@itemprop="datePublished"][@datetime or @content]'
    )
    for el in marked:
        date = parse_date_value(el.get("datetime") or el.get("content"))
        if date is not None:
            return date
    for el in tree.xpath("//article//time[@datetime]"):
        date = parse_date_value(el.get("datetime"))
        if date is not None:
            return date
    dates = {parse_date_value(el.get("datetime")) for el in tree.xpath("//time[@datetime]")} - {None}
    return dates.pop() if len(dates) == 1 else None
