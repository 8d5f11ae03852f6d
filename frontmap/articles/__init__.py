"""Read reports (text files, saved pages, JSON records, stdin) into clean, dated Articles.

>>> from frontmap.articles import article_from_text
>>> article_from_text("date 2024-05-03\\nRussian forces took Foo, the ministry said.").published
datetime.date(2024, 5, 3)

The reading rules are in :mod:`frontmap.articles.reader`, the residue stripper in
:mod:`frontmap.articles.residue`, encodings in :mod:`frontmap.articles.encoding`, dates in
:mod:`frontmap.articles.dates` and saved pages in :mod:`frontmap.articles.html`.
"""

from __future__ import annotations

from frontmap.articles.encoding import decode_bytes
from frontmap.articles.reader import (
    MANIFEST_NAMES,
    SUPPORTED_SUFFIXES,
    ReadFailure,
    article_from_text,
    iter_articles,
    read_article,
    read_articles,
)
from frontmap.articles.residue import Line, classify_lines, clean_text

__all__ = [
    "MANIFEST_NAMES",
    "SUPPORTED_SUFFIXES",
    "Line",
    "ReadFailure",
    "article_from_text",
    "classify_lines",
    "clean_text",
    "decode_bytes",
    "iter_articles",
    "read_article",
    "read_articles",
]
