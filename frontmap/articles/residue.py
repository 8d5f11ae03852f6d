"""Strip web residue from a report's text, line by line, without losing article sentences.

Text scraped from the web carries page chrome: CSS and JavaScript blobs, share buttons,
newsletter and donation appeals, cookie notices, "Read more:" links, lists of other
articles with their timestamps, navigation menus, footers and interface text in another
language. Every place or number read from that chrome would be a false finding, so it is
removed before anything else looks at the text.

How (each rule is general; the phrase tables are in :mod:`frontmap.articles.phrases`):

1. Each line is classified on its own: ``code`` (CSS/JS/HTML/JSON by keyword tokens and
   punctuation density), ``ui`` (a line made only of interface labels, or a known interface
   line such as "Reading time: 2 min"), ``read-more`` ("Read more: ..."), ``cookie``,
   ``appeal`` (a subscription/donation appeal that addresses the reader and attributes no
   speech), ``menu`` (three or more short items between separators), ``timestamp`` (a line
   holding only a date and time), ``section`` (a heading such as "RELATED" above a list of
   links). A chain of interface labels glued in front of a sentence is cut off, and HTML
   tags left in a text are removed (a line of tags only is ``code``).
2. Blocks are then judged in context: lines sandwiched between code lines are code; the
   headlines under a section heading, and headlines each followed by a time stamp, are
   ``teaser``; outside the article's core (before its first or after its last prose line)
   runs of three or more short items that include known chrome ("Home", "Contact us") are
   ``menu``, and short non-sentence lines in another script than the article's are
   ``foreign`` (Russian interface text around an English report).

A line that reads as prose (eight or more words ending in sentence punctuation, or sixteen
words) is only removed by rules that article sentences do not meet: code, a known interface
phrase ("Read more: ...", "Photo: ...", "Tags: ..."), a cookie notice or a reader-addressed
appeal without attribution, or a headline with its time stamp under a section heading.
A property test mixes article sentences with residue lines in any order and checks that
every sentence survives. The kept lines are returned as they were, but for line ends,
zero-width and control characters, trailing spaces, leftover tags and glued labels; every
later character span refers to this cleaned text, and cleaning it again changes nothing.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from frontmap.articles import phrases

#: Kinds of line; everything but ``text`` and ``blank`` is removed.
LINE_KINDS: tuple[str, ...] = (
    "text",
    "blank",
    "code",
    "ui",
    "read-more",
    "cookie",
    "appeal",
    "menu",
    "timestamp",
    "section",
    "teaser",
    "foreign",
    "url",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a report and what the stripper decided it is (see :data:`LINE_KINDS`)."""

    text: str
    kind: str


# Zero-width characters, soft hyphens, direction marks and control characters (not tab or newline).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200b\u2060\u00ad\u200e\u200f]+")
_SENTENCE_END = ".!?…\"”»'’)"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def _count(pattern: re.Pattern[str], s: str) -> int:
    return sum(map(len, pattern.findall(s)))


def _letters(s: str) -> tuple[int, int]:
    """Latin and Cyrillic letters in a line."""
    if s.isascii():
        return len(s.encode("ascii").translate(None, _ASCII_NON_LETTERS)), 0
    return _count(_LATIN, s), _count(_CYRILLIC, s)


_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"січ\w*|лют\w*|берез\w*|квіт\w*|трав\w*|черв\w*|лип\w*|серп\w*|верес\w*|жовт\w*|"
    r"листопад\w*|груд\w*|янв\w*|фев\w*|март\w*|апрел\w*|ма[йя]|июн\w*|июл\w*|август\w*|"
    r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*"
)
_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?|понеділ\w*|вівтор\w*|серед\w*|четвер\w*|п.ятниц\w*|субот\w*|"
    r"неділ\w*|понедельник\w*|вторник\w*|сред\w*|пятниц\w*|воскресень\w*"
)


@dataclass(frozen=True, slots=True)
class _Patterns:
    label: re.Pattern[str]
    section: frozenset[str]
    ui_line: re.Pattern[str]
    ui_phrase: re.Pattern[str]
    read_more: re.Pattern[str]
    late_read_more: re.Pattern[str]
    cookie: re.Pattern[str]
    cookie_context: re.Pattern[str]
    appeal: re.Pattern[str]
    reader: frozenset[str]
    attribution: frozenset[str]
    attribution_phrases: tuple[str, ...]
    timestamp_token: re.Pattern[str]
    credit: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    # Compiled once per process from the phrase tables; the cache holds no state of its own.
    labels = sorted(set(phrases.UI_LABELS), key=len, reverse=True)
    timestamp_token = re.compile(
        r"\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?)?"
        r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?(?:\s+\d{{4}})?"
        rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"
        rf"|\b(?:{_WEEKDAYS})\b|\b(?:updated|last updated|published|posted|date|on|at|в|о|об|"
        r"оновлено|обновлено|опубліковано|опубликовано|дата|gmt|utc|eet|eest|msk|cet|cest|"
        r"kyiv time|року|года|г|р)\b\.?|\b\d{4}\b|[|,:;()\-–—/•·.]",
        re.IGNORECASE,
    )
    return _Patterns(
        label=re.compile("|".join(re.escape(x) for x in labels)),
        section=frozenset(phrases.SECTION_HEADINGS),
        ui_line=re.compile("(?:" + "|".join(phrases.UI_LINE_PATTERNS) + r")[\s.:!]*", re.IGNORECASE),
        ui_phrase=re.compile("|".join(re.escape(x) for x in phrases.UI_LINE_PHRASES), re.IGNORECASE),
        read_more=re.compile(
            r"(?:" + "|".join(phrases.READ_MORE_PREFIXES) + r")\s*(?:[:—–|»›>]|-\s)\s*\S", re.IGNORECASE
        ),
        late_read_more=re.compile(
            r"(?:" + "|".join(phrases.LATE_READ_MORE_PREFIXES) + r")\s*(?:[:—–|»›>]|-\s)\s*\S", re.IGNORECASE
        ),
        cookie=re.compile(r"\b(?:" + "|".join(phrases.COOKIE_WORDS) + r")\b", re.IGNORECASE),
        cookie_context=re.compile(r"\b(?:" + "|".join(phrases.COOKIE_CONTEXT) + r")\b", re.IGNORECASE),
        appeal=re.compile("|".join(phrases.APPEAL_PATTERNS), re.IGNORECASE),
        reader=frozenset(phrases.READER_WORDS)
        | frozenset(w.capitalize() for w in phrases.READER_WORDS if not w.isascii()),
        attribution=frozenset(phrases.ATTRIBUTION_WORDS),
        attribution_phrases=phrases.ATTRIBUTION_PHRASES,
        timestamp_token=timestamp_token,
        credit=re.compile(
            r"(?:\b(?:автор фото|фото автора|photo by|photo credit|photograph by|image credit|"
            r"image source|photo source|джерело фото|источник фото)\s*[:—–-]?\s*.{0,80}"
            r"|^(?:photo|фото|image|video|відео|видео|illustration|ілюстрація|иллюстрация)\s*[:—–]\s*.{0,160}"
            r"|\((?:photo|фото)\s*:[^)]{0,80}\))\s*$",
            re.IGNORECASE,
        ),
    )


# --------------------------------------------------------------------------- line features

_CODE_TOKENS = re.compile(
    r"\bfunction\s*[\w$]*\s*\(|\b(?:var|let|const)\s+[\w$]+\s*=|=>|===|!==|\|\||&&"
    r"|\b(?:document|window|console|Math|JSON|navigator)\.\w+|\.(?:push|addEventListener|getElementById|"
    r"querySelector\w*|appendChild|setAttribute|createElement)\(|@(?:media|font-face|import|keyframes|charset)\b"
    r"|!important|\b\d+(?:\.\d+)?(?:px|em|rem|vh|vw)\b|#[0-9a-fA-F]{3,8}\b(?=\s*[;}])|\brgba?\("
    r"|\{[^{}]*:[^{}]*;|\bif\s*\([^)]*\)\s*\{|\breturn\b[^.]*;|</?(?:script|style|div|span|iframe|noscript|"
    r"link|meta)\b|\"[\w@$.-]+\"\s*:\s*[\"\[{\d tfn]|^[\w$.\[\]'\"]+\s*[-+*/]?=\s*[^=].*;$|\{\s*$|^\s*\}",
)
_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>|<!--.*?-->")
_MENU_SEPARATORS = ("|", "•", "·", "›", "»", " / ", " > ")
_WORD_EDGES = ".,;:!?\"'()[]«»“”„‘’—–-…*"
# Cheap substring gates before the full patterns: without one of these words a line cannot be
# a photo credit, a footer or a cookie notice.
_CREDIT_HINTS = (
    "photo",
    "фото",
    "image",
    "video",
    "відео",
    "видео",
    "ілюстрац",
    "иллюстрац",
    "credit",
    "source",
)
_FOOTER_HINTS = ("reserved", "права", "матеріал", "материал")
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_CSS_PROPERTY = re.compile(r"^-{0,2}[a-z][a-z-]*\s*:\s*[^;{}]+;\s*$")
_CSS_PROPERTY_NAMES = (
    "margin",
    "padding",
    "font",
    "border",
    "background",
    "text-",
    "flex",
    "grid",
    "align",
    "justify",
    "max-",
    "min-",
    "box-",
    "line-",
    "letter-",
    "white-",
    "word-",
    "overflow",
    "transition",
    "transform",
    "animation",
    "list-style",
    "color",
    "display",
    "position",
    "top",
    "left",
    "right",
    "bottom",
    "width",
    "height",
    "z-index",
    "opacity",
    "cursor",
    "content",
    "gap",
    "visibility",
    "float",
    "clear",
    "outline",
    "fill",
    "stroke",
    "vertical-align",
    "object-fit",
    "--",
)
_CSS_SELECTOR = re.compile(r"^[.#@]?[\w\-.#:\[\]=\"'>~+*, ()]+\s*\{\s*$")
_CODE_PUNCT = dict.fromkeys(map(ord, "{}()=<>[]|&$#@*\\/:;\"'`"), None)
_CALL = re.compile(r"[\w$.]+\((?:[^()]|\([^()]*\))*\)\s*;?")
_CODE_CHARS = re.compile(r"[{}();=<>$@#|&!]")


def _punct_density(s: str) -> float:
    return (len(s) - len(s.translate(_CODE_PUNCT))) / max(len(s), 1)


def _is_code(s: str) -> bool:
    if s.startswith(("/*", "//", "<!--")) or s.endswith(("*/", "-->")):
        return True  # a comment of a style sheet, a script or a page
    density = _punct_density(s)
    if density < 0.04 and "{" not in s and "}" not in s and not s.endswith(";"):
        return False  # the common case: a line of prose
    if re.fullmatch(r"[{}()\[\];,\s]+", s) and ("{" in s or "}" in s):
        return True
    if s.startswith("<") and s.endswith(">") and re.match(r"</?[a-zA-Z!][^>]*>", s):
        return True
    if _CSS_SELECTOR.match(s) and len(s) < 200:
        return True
    if _CSS_PROPERTY.match(s) and s.lstrip("-").startswith(_CSS_PROPERTY_NAMES):
        return True
    if density >= 0.1 and _CALL.fullmatch(s):
        return True  # a bare function call: ga('send', 'pageview')
    tokens = len(_CODE_TOKENS.findall(s)) if _CODE_CHARS.search(s) or "." in s else 0
    if tokens >= 2 and density >= 0.04:
        return True
    if tokens >= 1 and density >= 0.08:
        return True
    return len(s) >= 10 and density >= 0.3 and sum(ch.isalpha() for ch in s) < 0.55 * len(s)


def _words(s: str) -> int:
    return len(s.split())


def is_prose(s: str) -> bool:
    """A sentence-like line: eight or more words ending in sentence punctuation, or long."""
    n = _words(s)
    return (n >= 8 and s.rstrip()[-1:] in _SENTENCE_END) or n >= 16


def _is_strong_prose(s: str) -> bool:
    """A paragraph: long, or at least two sentences of some length."""
    if len(s) >= 160:
        return True
    sentences = len(re.findall(r"[.!?…][\"”»')]?\s+[\"“«(]?[A-ZА-ЯІЇЄҐ]", s))
    return sentences >= 1 and len(s) >= 110 and _words(s) >= 16


def _is_menu_item(s: str) -> bool:
    return _words(s) <= 4 and len(s) <= 40 and s[-1:] not in ".!?…"


def _script_of(latin: int, cyrillic: int) -> str | None:
    """The script of a line from its letter counts: 60 % of its letters decide, else None."""
    if latin + cyrillic < 3:
        return None
    if cyrillic >= 0.6 * (cyrillic + latin):
        return "cyrillic"
    if latin >= 0.6 * (cyrillic + latin):
        return "latin"
    return None


def _strip_label_chain(line: str, pat: _Patterns) -> tuple[str, int, bool]:
    """Match interface labels at the start of ``line``; return (rest, labels matched, glued)."""
    low = line.lower()
    if len(low) != len(line):
        return line, 0, False
    pos, count, glued = 0, 0, False
    n = len(line)
    while True:
        while pos < n and (line[pos].isspace() or line[pos] in "|•·/,:;-–—›»❤️"):
            pos += 1
        m = pat.label.match(low, pos)
        if not m:
            break
        end = m.end()
        if end < n and line[end].isalnum():
            # A label runs into the next word: only a capital after a small letter marks a glue.
            if line[end].isupper() and line[end - 1].islower() and end - pos >= 4:
                count += 1
                glued = True
                pos = end
            break
        count += 1
        pos = end
    return line[pos:], count, glued


def _is_timestamp(s: str, pat: _Patterns) -> bool:
    if not re.search(r"\d", s) or len(s) > 80:
        return False
    rest = pat.timestamp_token.sub(" ", s)
    return not rest.strip()


def _is_menu_line(s: str) -> bool:
    if not any(sep in s for sep in _MENU_SEPARATORS):
        return False
    parts = [p for p in re.split(r"\s*(?:[|•·›»]|\s/\s|\s>\s)\s*", s) if p.strip()]
    if len(parts) < 3 and not (len(parts) == 2 and re.search(r"\w\.(?:com|org|net|ru|ua|uk|info|io)\b", s)):
        return False
    return all(_words(p) <= 4 and p.rstrip()[-1:] not in ".!?" for p in parts)


def _classify(s: str, pat: _Patterns) -> tuple[str, str]:
    """Kind of one stripped, non-empty line, and the line itself (markup or a glued label chain
    cut off)."""
    if "<" in s and _TAG.search(s):
        # Markup left in a text: a sentence wrapped in tags is kept without them.
        inner = html.unescape(_TAG.sub("", s)).strip()
        if not inner:
            return "code", s
        s = inner
    if _is_code(s):
        return "code", s
    if re.fullmatch(r"(?:https?://|www\.)\S+", s):
        return "url", s
    low = s.lower().strip(" :→»›>|•·-–—")
    if low in pat.section:
        return "section", s
    if _is_timestamp(s, pat):
        return "timestamp", s
    rest, n_labels, glued = _strip_label_chain(s, pat)
    if n_labels and not rest.strip(" |•·/,:;-–—›»!?.❤️"):
        return "ui", s
    if (n_labels >= 2 or glued) and _words(rest) >= 3 and rest[:1].isupper():
        s = rest
    low = s.lower()
    if len(s) <= 400 and (
        pat.ui_line.fullmatch(s) or (any(h in low for h in _CREDIT_HINTS) and pat.credit.search(s))
    ):
        return "ui", s
    if len(s) <= 250 and any(h in low for h in _FOOTER_HINTS) and pat.ui_phrase.search(s):
        return "ui", s
    if len(s) <= 300 and pat.read_more.match(s):
        return "read-more", s
    if len(s) <= 200 and pat.late_read_more.match(s) and not is_prose(s):
        return "late-read-more", s  # settled by _mark_teasers once the article's start is known
    if _is_menu_line(s):
        return "menu", s
    if len(s) > 600:
        return "text", s
    words = [w.strip(_WORD_EDGES) for w in s.split()]
    if any(w.lower() in pat.attribution for w in words) or any(p in low for p in pat.attribution_phrases):
        return "text", s  # attributed speech is article text
    if ("cook" in low or "кук" in low) and pat.cookie.search(s) and pat.cookie_context.search(s):
        return "cookie", s
    if len(s) <= 500 and any(w in pat.reader for w in words) and pat.appeal.search(s):
        return "appeal", s
    return "text", s


# --------------------------------------------------------------------------- the passes


def normalize_text(text: str) -> str:
    """Unify line ends, drop zero-width characters and controls, trim trailing spaces.

    >>> normalize_text("a\\r\\nb \\u200b\\n")
    'a\\nb\\n'
    """
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def classify_lines(text: str) -> list[Line]:
    """Classify every line of ``text`` (see :data:`LINE_KINDS`); the residue stripper's reasoning.

    >>> [line.kind for line in classify_lines("Share\\nTroops advanced 5 km near the town, the army said.")]
    ['ui', 'text']
    """
    pat = _patterns()
    raw = normalize_text(text).split("\n")
    kinds: list[str] = []
    lines: list[str] = []
    for line in raw:
        s = line.strip()
        if not s:
            kinds.append("blank")
            lines.append("")
            continue
        kind, kept = _classify(s, pat)
        kinds.append(kind)
        # Keep the line's own indentation only when nothing was cut from it.
        lines.append(line if kept == s and kind == "text" else kept)

    _extend_code_blocks(lines, kinds)
    _mark_teasers(lines, kinds, pat)
    _mark_outside_core(lines, kinds)
    return [Line(text, kind) for text, kind in zip(lines, kinds, strict=True)]


def _nonblank(kinds: list[str], start: int, step: int) -> int | None:
    i = start
    while 0 <= i < len(kinds):
        if kinds[i] != "blank":
            return i
        i += step
    return None


def _extend_code_blocks(lines: list[str], kinds: list[str]) -> None:
    # A selector list, a comment or a statement of a script may look innocent on its own;
    # a run of such lines between two code lines is part of the blob. Sentences never are.
    n = len(lines)
    i = 0
    while i < n:
        if kinds[i] != "text":
            i += 1
            continue
        j = i
        while j < n and (kinds[j] == "blank" or (kinds[j] == "text" and not is_prose(lines[j].strip()))):
            j += 1
        before = _nonblank(kinds, i - 1, -1)
        after = j if j < n else None
        if before is not None and after is not None and kinds[before] == "code" and kinds[after] == "code":
            for k in range(i, j):
                if kinds[k] == "text":
                    kinds[k] = "code"
        i = max(j, i + 1)


def _mark_teasers(lines: list[str], kinds: list[str], pat: _Patterns) -> None:
    n = len(lines)
    first_prose = next((i for i in range(n) if kinds[i] == "text" and is_prose(lines[i].strip())), n)
    for i in range(n):
        if kinds[i] == "late-read-more":
            kinds[i] = "read-more" if i > first_prose else "text"

    def stamped(j: int) -> bool:
        after = _nonblank(kinds, j + 1, 1)
        return after is not None and kinds[after] == "timestamp"

    # Lists of other articles: headlines, each followed by its time stamp. A line that reads
    # as a sentence stays (a live blog's entries are sentences under their times).
    stamps = [i for i in range(first_prose + 1, n) if kinds[i] == "timestamp"]
    if len(stamps) >= 2:
        for j in range(first_prose + 1, n):
            if kinds[j] == "text" and stamped(j) and not is_prose(lines[j].strip()):
                kinds[j] = "teaser"
    # Links listed under a section heading ("RELATED", "Матеріали", "Read more").
    for i in range(first_prose + 1, n):
        # A heading above the article's first paragraph is the page's section ("News"), not a list.
        if kinds[i] != "section":
            continue
        # Headlines (with their time stamps) run until the article, or anything else that
        # reads as a sentence, resumes.
        for j in range(i + 1, n):
            if kinds[j] != "text":
                continue
            s = lines[j].strip()
            if (stamped(j) and not _is_strong_prose(s)) or not is_prose(s):
                kinds[j] = "teaser"
            else:
                break


def _mark_outside_core(lines: list[str], kinds: list[str]) -> None:
    n = len(lines)
    letters: dict[int, tuple[int, int]] = {}  # line -> (Latin, Cyrillic) letters
    for i in range(n):
        if kinds[i] == "text":
            letters[i] = _letters(lines[i])
    latin = sum(lat for lat, _ in letters.values())
    cyrillic = sum(cyr for _, cyr in letters.values())
    main_script = None if not latin + cyrillic else ("latin" if latin >= cyrillic else "cyrillic")
    prose = [
        i for i in letters if is_prose(lines[i].strip()) and _script_of(*letters[i]) in (main_script, None)
    ]
    if not prose:
        # No paragraph at all: everything is outside the article's core.
        _mark_menu_runs(lines, kinds, list(range(n)), keep_last=False)
        return
    core_start, core_end = prose[0], prose[-1]
    for i in [*range(core_start), *range(core_end + 1, n)]:
        if i not in letters or main_script is None:
            continue
        script = _script_of(*letters[i])
        # Interface text in another script; a sentence in another script is still the report's.
        if script is not None and script != main_script and not is_prose(lines[i].strip()):
            kinds[i] = "foreign"
    for zone in (range(core_start), range(core_end + 1, n)):
        _mark_menu_runs(lines, kinds, list(zone), keep_last=zone.stop == core_start)


_CHROME_KINDS = frozenset(("ui", "menu", "section", "timestamp", "foreign", "url"))


def _mark_menu_runs(lines: list[str], kinds: list[str], zone: list[int], *, keep_last: bool) -> None:
    """Mark runs of three or more short items as a menu when at least one item is known chrome
    ("Home", "Contact us", "News"): a list of villages under a heading is not a menu."""
    run: list[int] = []
    in_list = False  # the items follow a line ending in ":" (a list the article announces)

    def flush() -> None:
        items = list(run)
        run.clear()
        if len(items) < 3 or not any(kinds[i] in _CHROME_KINDS for i in items):
            return
        # The headline just above the article's first paragraph is not a menu item.
        if keep_last and kinds[items[-1]] == "text" and _words(lines[items[-1]].strip()) >= 3:
            after = _nonblank(kinds, items[-1] + 1, 1)
            if after is None or after == zone[-1] + 1:
                items = items[:-1]
        for i in items:
            if kinds[i] == "text":
                kinds[i] = "menu"

    for i in zone:
        kind = kinds[i]
        if kind == "blank":
            continue
        if kind in _CHROME_KINDS:
            in_list = False
            run.append(i)
            continue
        if kind == "text" and _is_menu_item(lines[i].strip()):
            prev = _nonblank(kinds, i - 1, -1)
            if prev is not None and lines[prev].rstrip().endswith(":"):
                flush()
                in_list = True
            if not in_list:
                run.append(i)
            continue
        in_list = False
        flush()
    flush()


def join_lines(lines: list[Line]) -> str:
    """The kept lines as text: removed lines dropped, blank runs cut to one, ends trimmed."""
    out: list[str] = []
    for line in lines:
        if line.kind == "blank":
            if out and out[-1] != "":
                out.append("")
        elif line.kind == "text":
            out.append(line.text)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def clean_text(text: str) -> str:
    """The report's text with web residue removed (see the module docstring for the rules).

    >>> clean_text("Share\\nTweet\\nRussian forces took the village of Foo on Monday, the ministry said.\\n"
    ...            "Sign up for our newsletter to get the news in your inbox.")
    'Russian forces took the village of Foo on Monday, the ministry said.'
    """
    return join_lines(classify_lines(text))
