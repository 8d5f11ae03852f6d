"""Sentences and quotations with their character spans in the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its span in the text and the paragraph it belongs to."""

    start: int
    end: int
    text: str
    paragraph: int


_IS_ABBREVIATION_RX1 = re.compile(r"([\w.]+)$")
_IS_ABBREVIATION_RX2 = re.compile(r"(?:\w\.)+\w")


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _IS_ABBREVIATION_RX1.search(text[max(0, dot - 40) : dot])
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    # Initials ("A. Smith") and dotted acronyms ("U.S.").
    return len(word) == 1 and word.isalpha() or bool(_IS_ABBREVIATION_RX2.fullmatch(word))


_SPLIT_SENTENCES_RX1 = re.compile(r"\n")


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences, keeping spans; robust to abbreviations, quotes and hard line breaks.

    A line break ends a sentence unless the line ends in an abbreviation ("on Aug.\\n29");
    a full stop glued to a capitalised word ("Novopodgorny.In") also ends one.

    >>> [s.text for s in split_sentences("Maj. Gen. Ivanov said U.S. aid came. Troops left.")]
    ['Maj. Gen. Ivanov said U.S. aid came.', 'Troops left.']
    """
    cuts: list[int] = []
    n = len(text)
    for m in _END.finditer(text):
        end = m.end()
        dot = m.start()
        nxt = text[end : end + 1]
        if text[dot] == "." and m.group(0) == "." and _is_abbreviation(text, dot):
            # Abbreviation: only a new line followed by a capital ends the sentence.
            continue
        if end >= n:
            cuts.append(end)
            continue
        if nxt.isspace():
            nonspace = _NON_SPACE.search(text, end)  # no copy of the rest of the text: O(n) overall
            if nonspace is None:
                cuts.append(end)
                continue
            first = nonspace.group(0)
            if (
                first.isupper()
                or first.isdigit()
                or first in _OPEN_QUOTES
                or first in "([-–—•"
                or "\n" in text[end : nonspace.start()]
            ):
                cuts.append(end)
            continue
        # "Novopodgorny.In": a glued full stop between a lower-case word and a capitalised one.
        if (
            text[dot] == "."
            and m.group(0) == "."
            and nxt.isupper()
            and end + 1 < n
            and text[end + 1].islower()
            and dot >= 3
            and text[dot - 3 : dot].isalpha()
            and text[dot - 1].islower()
        ):
            cuts.append(end)
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
    bounds = sorted(set(c for c in cuts if 0 < c <= n))
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


_QUOTE_SPANS_RX1 = re.compile(r"[^\n]+")
_QUOTE_SPANS_RX2 = re.compile('"')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages (inside the marks), for curly, angle and straight double quotes.

    >>> t = 'He said: “We took it.” Then left.'
    >>> [(t[a:b]) for a, b in quote_spans(t)]
    ['We took it.']
    """
    spans: list[tuple[int, int]] = []
    for open_, close in (("“", "”"), ("«", "»"), ("„", "“")):
        for m in re.finditer(
            re.escape(open_) + r"([^" + re.escape(open_ + close) + r"]*)" + re.escape(close), text
        ):
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
