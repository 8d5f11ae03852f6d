"""Sentences and quotations with their character spans in the original text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

#: Letters that case-insensitive matching equates with a Latin or Cyrillic letter although ``str.lower`` does
#: not ("ſ" matches "s", "ı" and "İ" match "i", the old Cyrillic variants "ᲀ".."ᲈ" match "в".."ꙋ"; "İ" also
#: lower-cases to two characters). In a text without them, a case-insensitive pattern made of plain letters
#: matches where its letters occur in the lower-cased text, at the same positions.
CASEFOLD_HAZARDS = "\u0130\u0131\u017f\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88"


def lower_in_place(text: str) -> str:
    """``text.lower()`` with every character where it was: "İ", the one letter whose lower case is two
    characters ("i̇"), becomes "i", so positions found in the lower-cased text hold in ``text``.

    >>> lower_in_place("İzium, Kyiv")
    'izium, kyiv'
    """
    low = text.lower()
    return low if len(low) == len(text) else text.replace("\u0130", "i").lower()


def lowered_exactly(text: str) -> str | None:
    """``text.lower()`` when it can stand for ``text`` in case-insensitive look-ups (see ``CASEFOLD_HAZARDS``;
    the ASCII test first: it is the common case and far cheaper)."""
    if text.isascii() or not any(c in text for c in CASEFOLD_HAZARDS):
        return text.lower()
    return None


def shortest_prefixes(words: tuple[str, ...] | list[str] | set[str]) -> tuple[str, ...]:
    """``words`` less those that start with another of them ("january" is found where "jan" is)."""
    unique = set(words)
    return tuple(sorted(w for w in unique if not any(w != v and w.startswith(v) for v in unique)))


def finditer_at(
    rx: re.Pattern[str], text: str, low: str | None, starts: tuple[str, ...] | None
) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, for a case-insensitive pattern whose every match starts with one
    of ``starts`` (lower case): the pattern is tried only where one of them occurs in ``low``, the lower-cased
    text (from :func:`lowered_exactly`), not at every position. ``low`` or ``starts`` None: a plain scan."""
    if low is None or starts is None:
        yield from rx.finditer(text)
        return
    found: set[int] = set()
    for word in starts:
        k = low.find(word)
        while k >= 0:
            found.add(k)
            k = low.find(word, k + 1)
    done = 0
    for k in sorted(found):
        if k < done:
            continue
        m = rx.match(text, k)
        if m:  # the patterns never match the empty string
            yield m
            done = m.end()

#: Words after which a full stop does not end a sentence ("Maj. Gen.", "Sept.", "No.").
ABBREVIATIONS = frozenset(  # noqa: SIM905
    """mr mrs ms dr prof gen maj col lt sgt capt cpt adm brig cmdr gov sen rep rev st mt ft jr sr no nos vs
    etc approx est fig i.e e.g al inc ltd co corp dept jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.u d.c a.m p.m sq km mi ca c vol pp op cf
    ст г гг им обл р-н тыс млн ул пос с м""".split()
)
_OPEN_QUOTES = '“«„"‘'
_CLOSE_QUOTES = '”»“"’'
_NON_SPACE = re.compile(r"\S")
_END = re.compile(r"[.!?…]+[”»\"’)\]]*")


class Sentence(NamedTuple):
    """A sentence: its span in the text and the paragraph it belongs to. (A named tuple rather than a frozen
    dataclass: a report has hundreds, and a tuple is built several times faster.)"""

    start: int
    end: int
    text: str
    paragraph: int


_IS_ABBREVIATION_RX2 = re.compile(r"(?:\w\.)+\w")


def _run_before(text: str, dot: int) -> str:
    """The run of word characters and dots just before ``dot`` (at most 40 characters back; a single line
    break right before ``dot`` is skipped, as ``$`` would), found by stepping back from ``dot``: far
    cheaper than searching the window from its start for a run that reaches its end."""
    lo = max(0, dot - 40)
    end = dot
    if end > lo and text[end - 1] == "\n":
        end -= 1
    start = max(lo, text.rfind(" ", lo, end) + 1)
    if text[start:end].isalnum():  # the usual case: a plain word after a space
        return text[start:end]
    i = end
    while i > lo:
        c = text[i - 1]
        if not (c.isalnum() or c == "." or c == "_"):  # \w is str.isalnum() or "_"
            break
        i -= 1
    return text[i:end]


_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))


def _is_abbreviation(text: str, dot: int) -> bool:
    k = dot - _LONGEST_ABBREVIATION - 1
    if k >= 0 and text[k:dot].isalnum():
        return False  # a word longer than any abbreviation, and no dotted acronym: the usual sentence end
    run = _run_before(text, dot)
    if not run:
        return False
    word = run.lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    # Initials ("A. Smith") and dotted acronyms ("U.S."; a word without a dot cannot be one).
    return len(word) == 1 and word.isalpha() or ("." in word and bool(_IS_ABBREVIATION_RX2.fullmatch(word)))


_SPLIT_SENTENCES_RX1 = re.compile(r"\n")
_END_MARKS = tuple(".!?…")  # every match of _END starts with one of these


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences, keeping spans; robust to abbreviations, quotes and hard line breaks.

    A line break ends a sentence unless the line ends in an abbreviation ("on Aug.\\n29");
    a full stop glued to a capitalised word ("Novopodgorny.In") also ends one.

    >>> [s.text for s in split_sentences("Maj. Gen. Ivanov said U.S. aid came. Troops left.")]
    ['Maj. Gen. Ivanov said U.S. aid came.', 'Troops left.']
    """
    cuts: list[int] = []
    n = len(text)
    # The pattern tried only where a mark is (found with str.find: far cheaper than its scan of every character).
    for dot, end in (m.span() for m in finditer_at(_END, text, text, _END_MARKS)):
        single_stop = end - dot == 1 and text[dot] == "."
        if single_stop and _is_abbreviation(text, dot):
            # Abbreviation: only a new line followed by a capital ends the sentence.
            continue
        if end >= n:
            cuts.append(end)
            continue
        nxt = text[end]
        if nxt.isspace():
            if end + 1 < n and not text[end + 1].isspace():  # the usual single space
                first, gap = text[end + 1], nxt
            else:
                nonspace = _NON_SPACE.search(text, end)  # no copy of the rest of the text: O(n) overall
                if nonspace is None:
                    cuts.append(end)
                    continue
                first, gap = nonspace.group(0), text[end : nonspace.start()]
            if (
                first.isupper()
                or first.isdigit()
                or first in _OPEN_QUOTES
                or first in "([-–—•"
                or "\n" in gap
            ):
                cuts.append(end)
            continue
        # "Novopodgorny.In": a glued full stop between a lower-case word and a capitalised one.
        if (
            single_stop
            and nxt.isupper()
            and end + 1 < n
            and text[end + 1].islower()
            and dot >= 3
            and text[dot - 3 : dot].isalpha()
            and text[dot - 1].islower()
        ):
            cuts.append(end)
    marks_cut = len(cuts)  # ascending and distinct: the ends of matches that do not overlap
    # Line breaks end sentences (headlines, list items, page chrome) unless the line ends in an abbreviation.
    for m in _SPLIT_SENTENCES_RX1.finditer(text):
        i = m.start()
        k = i  # the end of the text before the break, past trailing spaces (no copy of the text: O(n) overall)
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k == 0:
            continue
        if text[k - 1] == "." and _is_abbreviation(text, k - 1):
            continue
        if text[k - 1] in ",;:(-–—" and text[i + 1 : i + 2].islower():
            continue
        cuts.append(i)
    # Every cut is inside the text (0 < cut <= n); only line breaks come out of order.
    bounds = cuts if len(cuts) == marks_cut else sorted(set(cuts))
    out: list[Sentence] = []
    start = 0
    line, counted = 0, 0  # line breaks before ``counted``, kept as we go (no rescan from the start)
    for cut in bounds + [n]:
        if cut <= start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            # The paragraph is the line the sentence starts on: enough to tell headlines and quotes apart.
            line += text.count("\n", counted, s)
            counted = s
            out.append(Sentence(s, e, text[s:e], line))
        start = cut
    return out


#: A quotation between curly, angle or low-high marks: "“...”", "«...»", "„...“".
_QUOTE_PAIRS = tuple(
    re.compile(re.escape(open_) + r"([^" + re.escape(open_ + close) + r"]*)" + re.escape(close))
    for open_, close in (("“", "”"), ("«", "»"), ("„", "“"))
)
_QUOTE_SPANS_RX1 = re.compile(r"[^\n]+")
_QUOTE_SPANS_RX2 = re.compile('"')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages (inside the marks), for curly, angle and straight double quotes.

    >>> t = 'He said: “We took it.” Then left.'
    >>> [(t[a:b]) for a, b in quote_spans(t)]
    ['We took it.']
    """
    spans: list[tuple[int, int]] = []
    for rx in _QUOTE_PAIRS:
        for m in rx.finditer(text):
            spans.append((m.start(1), m.end(1)))
    # Straight quotes pair up within a paragraph; an odd one may close on a curly mark.
    for para in _QUOTE_SPANS_RX1.finditer(text):
        pos = [para.start() + q.start() for q in _QUOTE_SPANS_RX2.finditer(para.group(0))]
        for a, b in zip(pos[0::2], pos[1::2], strict=False):
            spans.append((a + 1, b))
        if len(pos) % 2 == 1:
            tail = text[pos[-1] + 1 : para.end()]
            k = tail.find("”")
            if k >= 0:
                spans.append((pos[-1] + 1, pos[-1] + 1 + k))
    # A JSON-escaped quote (\") is not a quotation mark of the report.
    return sorted(set(spans))
