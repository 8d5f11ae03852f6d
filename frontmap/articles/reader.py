"""Read reports from files, directories, JSON records and stdin into :class:`~frontmap.records.Article`.

Sources and what each gives (the id each article gets is in brackets):

* ``.txt`` and any other named file: plain text [file name]. A text file whose whole
  content is one JSON record (or a list of them) is read as that record, and one that
  holds a saved page (``<!DOCTYPE html>``...) as a page.
* ``.html`` / ``.htm``: a saved page; the article text, title, URL and date come from the
  page (:mod:`frontmap.articles.html`) [file name].
* ``.jsonl``: one record per line [the record's ``id``, else ``<file>:<line>``]. A bad line
  is a failure naming ``<file>:<line>``; the other lines are still read.
* ``.json``: one record [its ``id``, else the file name] or a list of them [``<file>:<n>``,
  n counting from 1].
* a directory: every ``.txt``, ``.html``, ``.htm``, ``.json`` and ``.jsonl`` below it,
  recursively, sorted by path; hidden files are skipped [path relative to the directory].
* ``-``: standard input, sniffed like a ``.txt`` file; several JSON lines are read as
  JSONL [``stdin``, or ``stdin:<line>``].

A record is a JSON object with the text in ``text`` (or ``textContent``, ``content``,
``body``, ``articleBody``) or a page in ``html``, and optionally ``id``, ``url`` (or
``link``, or ``site`` + ``path``), ``title`` (or ``headline``) and ``published``
(``YYYY-MM-DD``, an ISO 8601 or RFC 2822 time stamp, or Unix time; an invalid
``published`` is a failure, while the looser ``publishedAt``, ``datePublished``,
``pubDate`` or ``date`` are only used when they parse).

A page's or record's title becomes the first line of the text when the text does not
already open with it, as a text file opens with its headline: headlines name places and
carry claims too. For a ``.txt`` file, the title is its first line when that reads as a
headline (three or more words, at most 150 characters, not a lead sentence).

A directory may hold a manifest, ``index.json`` or ``manifest.json``: a list of objects
that name a file of the directory (``doc``, ``file``, ``filename`` or ``path``) and give
its ``url``, ``title`` or ``published`` without any text. It is metadata for those files
(as a crawler exports it), never read as reports.

Publication date, first found wins (``Article.date_source`` says which):
``user`` (``published=``), ``date-line`` (a leading ``date YYYY-MM-DD``, removed from the
text), ``metadata`` (the record's or page's own date, then the manifest's, then a date
in the URL's path), ``dateline`` (a dated dateline in the first lines). Otherwise None.

All text goes through the residue stripper (:mod:`frontmap.articles.residue`);
``Article.text`` is the cleaned text and every later span refers to it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from frontmap.articles.dates import (
    date_from_url,
    find_dateline,
    parse_date_value,
    parse_user_date,
    split_date_line,
)
from frontmap.articles.encoding import decode_bytes
from frontmap.articles.residue import Line, classify_lines, is_prose, join_lines, normalize_text
from frontmap.errors import FrontmapError, FrontmapWarning, InputError, SourceError
from frontmap.records import Article

#: File name endings read when walking a directory.
SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".json", ".jsonl")
#: File names recognised as a directory's manifest (metadata for its files, not reports).
MANIFEST_NAMES: tuple[str, ...] = ("index.json", "manifest.json")
#: Record fields that may hold the report's text, best first.
TEXT_FIELDS: tuple[str, ...] = ("text", "textContent", "content", "body", "articleBody")
#: Record fields that may hold the publication date; only ``published`` must be valid.
DATE_FIELDS: tuple[str, ...] = (
    "published",
    "publishedAt",
    "published_at",
    "datePublished",
    "date_published",
    "pubDate",
    "date",
)
_FILE_FIELDS = ("doc", "file", "filename", "path")
_HTML_FRAGMENT = re.compile(r"<(?:p|br|div|h[1-6]|li|span|a)\b[^>]*>", re.IGNORECASE)
_FORMATS = ", ".join(SUPPORTED_SUFFIXES)
_DATE_PREFIX = re.compile(r"\A\s*date:?[ \t]+\d{4}-\d{2}-\d{2}\b[ \t]*\n?", re.IGNORECASE)

Source = str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A source that could not be read; the others are read all the same.

    ``source`` names it as the user would (``reports/a.txt``, ``feed.jsonl:7``, ``stdin``);
    ``message`` is one line saying what is wrong and how to fix it; ``error`` is the
    :class:`~frontmap.errors.InputError` or :class:`~frontmap.errors.SourceError` behind it.

    >>> str(ReadFailure("feed.jsonl:3", "not valid JSON", InputError("feed.jsonl:3: not valid JSON")))
    'feed.jsonl:3: not valid JSON'
    """

    source: str
    message: str
    error: FrontmapError = field(compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class _Failed(Exception):
    """Internal: one source failed (turned into a ReadFailure by the caller)."""

    def __init__(self, source: str, message: str, kind: type[FrontmapError] = InputError) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = " ".join(message.split())
        self.kind = kind

    def failure(self) -> ReadFailure:
        return ReadFailure(self.source, self.message, self.kind(f"{self.source}: {self.message}"))


@dataclass(frozen=True, slots=True)
class _Meta:
    """What is known about a report besides its text."""

    url: str | None = None
    title: str | None = None
    published: dt.date | None = None  # the source's own metadata date


@dataclass(slots=True)
class _Context:
    user_date: dt.date | None
    manifests: dict[Path, dict[str, _Meta]] = field(default_factory=dict)
    stdin: IO[bytes] | IO[str] | None = None


# --------------------------------------------------------------------------- public API


def iter_articles(
    sources: Source | Iterable[Source],
    *,
    published: dt.date | str | None = None,
    stdin: IO[bytes] | IO[str] | None = None,
) -> Iterator[Article | ReadFailure]:
    """Read every source in order, yielding an Article per report or a ReadFailure per bad source.

    ``sources`` are paths (files or directories) or ``-`` for standard input (``stdin=``
    replaces ``sys.stdin``). ``published`` overrides every report's date.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("date 2024-05-03\\nRussian forces took Foo, the ministry said.")
    >>> [(a.id, str(a.published)) for a in iter_articles([d / "a.txt", d / "missing.txt"])
    ...  if isinstance(a, Article)]
    [('a.txt', '2024-05-03')]
    """
    ctx = _Context(parse_user_date(published), stdin=stdin)
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for source in sources:
        yield from _read_source(source, ctx)


def read_articles(
    sources: Source | Iterable[Source],
    *,
    published: dt.date | str | None = None,
    errors: list[ReadFailure] | None = None,
    stdin: IO[bytes] | IO[str] | None = None,
) -> list[Article]:
    """Read reports from paths, directories or ``-`` (stdin) into Articles, in input order.

    A source that cannot be read never stops the others. With ``errors=`` a list, each
    failure is appended to it as a :class:`ReadFailure` (source name plus a one-line
    message); without it, each failure is issued as a :class:`~frontmap.errors.FrontmapWarning`.
    Use :func:`read_article` to get an exception instead.

    >>> failures = []
    >>> read_articles(["no/such/file.txt"], errors=failures), str(failures[0])
    ([], 'no/such/file.txt: no such file or directory; check the path')
    """
    articles: list[Article] = []
    for item in iter_articles(sources, published=published, stdin=stdin):
        if isinstance(item, ReadFailure):
            if errors is None:
                warnings.warn(str(item), FrontmapWarning, stacklevel=2)
            else:
                errors.append(item)
        else:
            articles.append(item)
    _warn_duplicate_ids(articles)
    return articles


def read_article(path: Source, *, published: dt.date | str | None = None) -> Article:
    """Read one report; raise :class:`~frontmap.errors.InputError` (or SourceError) if it fails.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
    >>> _ = p.write_text("KYIV, Ukraine (AP) — March 3, 2024 — Troops advanced 2 km, the army said.")
    >>> a = read_article(p); (a.id, a.published, a.date_source)
    ('r.txt', datetime.date(2024, 3, 3), 'dateline')
    """
    items = list(iter_articles([path], published=published))
    for item in items:
        if isinstance(item, ReadFailure):
            raise item.error
    if len(items) != 1:
        raise InputError(
            f"{os.fspath(path)}: holds {len(items)} reports, not one; use read_articles() to read them all"
        )
    item = items[0]
    assert isinstance(item, Article)
    return item


def article_from_text(
    text: str,
    *,
    id: str = "text-1",
    published: dt.date | str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Article:
    """Make an Article from a string, cleaned and dated exactly as a ``.txt`` file would be.

    >>> a = article_from_text("date 2023-08-28\\nShare\\nUkrainian forces liberated Robotyne, Maliar said.")
    >>> a.text, a.published, a.date_source
    ('Ukrainian forces liberated Robotyne, Maliar said.', datetime.date(2023, 8, 28), 'date-line')
    """
    meta = _Meta(url=url, title=title)
    try:
        return _make_article(text, id, None, meta, _Context(parse_user_date(published)), id)
    except _Failed as err:
        raise InputError(str(err)) from None


# --------------------------------------------------------------------------- sources


def _read_source(source: Source, ctx: _Context) -> Iterator[Article | ReadFailure]:
    name = os.fspath(source)
    if name == "-":
        try:
            yield from _read_stdin(ctx)
        except _Failed as err:
            yield err.failure()
        except OSError as err:
            yield _Failed("stdin", f"cannot be read ({err.strerror or err})", SourceError).failure()
        return
    path = Path(name)
    try:
        if "\n" not in name and path.is_dir():
            yield from _read_directory(path, name, ctx)
            return
        if not path.exists():
            if "\n" in name or len(name) > 255:
                raise _Failed(
                    name.split("\n", 1)[0][:60] + "...",
                    "is not a path but text; pass report text to article_from_text()",
                )
            raise _Failed(name, "no such file or directory; check the path", SourceError)
        yield from _read_file(path, name, path.name, ctx)
    except _Failed as err:
        yield err.failure()
    except OSError as err:
        yield _Failed(name, f"cannot be read ({err.strerror or err})", SourceError).failure()
    except (ValueError, LookupError, RecursionError) as err:
        # A report malformed in a way no rule foresaw still must not stop the others.
        yield _Failed(name, f"cannot be read ({type(err).__name__}: {err})").failure()


def _read_directory(root: Path, shown: str, ctx: _Context) -> Iterator[Article | ReadFailure]:
    try:
        files = sorted(
            (p for p in root.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file()),
            key=lambda p: p.relative_to(root).parts,
        )
    except OSError as err:
        raise _Failed(shown, f"cannot list the directory ({err.strerror or err})", SourceError) from err
    files = [
        p
        for p in files
        if not any(part.startswith(".") for part in p.relative_to(root).parts)
        and not _is_manifest_file(p, ctx)
    ]
    if not files:
        raise _Failed(shown, f"no reports in this directory (looked for {_FORMATS} files)")
    for p in files:
        rel = p.relative_to(root).as_posix()
        where = os.path.join(shown, *p.relative_to(root).parts)
        try:
            yield from _read_file(p, where, rel, ctx)
        except _Failed as err:
            yield err.failure()
        except OSError as err:
            yield _Failed(where, f"cannot be read ({err.strerror or err})", SourceError).failure()
        except (ValueError, LookupError, RecursionError) as err:
            yield _Failed(where, f"cannot be read ({type(err).__name__}: {err})").failure()


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise _Failed(shown, f"cannot read the file ({err.strerror or err})", SourceError) from err


def _read_file(path: Path, shown: str, doc_id: str, ctx: _Context) -> Iterator[Article | ReadFailure]:
    suffix = path.suffix.lower()
    if path.name.lower() in MANIFEST_NAMES and _is_manifest_file(path, ctx):
        raise _Failed(
            shown,
            "is a manifest (metadata for the files beside it, no report text); pass its directory instead",
        )
    data = _read_bytes(path, shown)
    manifest = _manifest_for(path, ctx).get(path.name, _Meta())
    if suffix in (".html", ".htm"):
        text = _decode_html(data, shown)
        yield _article_from_html(text, doc_id, str(path), manifest, ctx, shown)
        return
    text = _decode(data, shown)
    if suffix == ".jsonl":
        yield from _read_jsonl(text, shown, doc_id, str(path), ctx)
        return
    if suffix == ".json":
        yield from _read_json(text, shown, doc_id, str(path), manifest, ctx, strict=True)
        return
    yield from _read_sniffed(text, shown, doc_id, str(path), manifest, ctx)


def _read_stdin(ctx: _Context) -> Iterator[Article | ReadFailure]:
    stream = ctx.stdin if ctx.stdin is not None else sys.stdin
    raw: bytes | str
    buffer = getattr(stream, "buffer", None)
    raw = buffer.read() if buffer is not None else stream.read()
    text = _decode(raw, "stdin") if isinstance(raw, bytes) else raw
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and all(
        line.lstrip().startswith("{") and line.rstrip().endswith("}") for line in lines
    ):
        yield from _read_jsonl(text, "stdin", "stdin", None, ctx)
        return
    yield from _read_sniffed(text, "stdin", "stdin", None, _Meta(), ctx)


def _read_sniffed(
    text: str, shown: str, doc_id: str, path: str | None, meta: _Meta, ctx: _Context
) -> Iterator[Article | ReadFailure]:
    from frontmap.articles.html import looks_like_html

    body = text.lstrip("\ufeff").strip()
    if body[:1] in "{[" and body[-1:] in "}]":
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if _is_record(data) or (isinstance(data, list) and data and all(_is_record(x) for x in data)):
            yield from _read_json(body, shown, doc_id, path, meta, ctx, strict=False)
            return
    if looks_like_html(body):
        yield _article_from_html(body, doc_id, path, meta, ctx, shown)
        return
    yield _make_article(text, doc_id, path, meta, ctx, shown)


def _is_record(data: Any) -> bool:
    return isinstance(data, dict) and (
        any(isinstance(data.get(k), str) for k in TEXT_FIELDS) or isinstance(data.get("html"), str)
    )


def _read_jsonl(
    text: str, shown: str, doc_id: str, path: str | None, ctx: _Context
) -> Iterator[Article | ReadFailure]:
    seen = False
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        seen = True
        where = f"{shown}:{number}"
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise _Failed(
                    where,
                    f"not valid JSON ({err.msg} at column {err.colno}); each line must be one JSON object",
                ) from err
            yield _article_from_record(record, f"{doc_id}:{number}", path, _Meta(), ctx, where)
        except _Failed as err:
            yield err.failure()
    if not seen:
        raise _Failed(shown, "is empty; a .jsonl file holds one JSON report per line")


def _read_json(
    text: str, shown: str, doc_id: str, path: str | None, meta: _Meta, ctx: _Context, *, strict: bool
) -> Iterator[Article | ReadFailure]:
    try:
        data = json.loads(text)
    except ValueError as err:
        line = getattr(err, "lineno", None)
        where = f"{shown}:{line}" if line else shown
        raise _Failed(
            where,
            f"not valid JSON ({getattr(err, 'msg', err)}); a .json file holds one "
            "report object or a list of them",
        ) from err
    if isinstance(data, dict):
        yield _article_from_record(data, doc_id, path, meta, ctx, shown)
        return
    if not isinstance(data, list) or not data:
        raise _Failed(shown, "holds no report; a .json file holds one report object or a list of them")
    for n, record in enumerate(data, 1):
        try:
            yield _article_from_record(record, f"{doc_id}:{n}", path, _Meta(), ctx, f"{shown}:{n}")
        except _Failed as err:
            yield err.failure()


# --------------------------------------------------------------------------- records and pages


def _first_str(record: dict[str, Any], keys: Sequence[str]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _record_meta(record: dict[str, Any], where: str) -> _Meta:
    url = _first_str(record, ("url", "link", "canonical_url", "canonicalUrl", "href"))
    if url is None:
        site, page = record.get("site"), record.get("path")
        if (
            isinstance(site, str)
            and isinstance(page, str)
            and site.startswith("http")
            and page.startswith("/")
        ):
            url = site.rstrip("/") + page
    title = _first_str(record, ("title", "headline"))
    published = None
    for key in DATE_FIELDS:
        value = record.get(key)
        if value in (None, ""):
            continue
        published = parse_date_value(value)
        if published is None and key == "published":
            raise _Failed(where, f"'published' is not a date ({value!r}); write it as YYYY-MM-DD")
        if published is not None:
            break
    return _Meta(url=url, title=" ".join(title.split()) if title else None, published=published)


def _article_from_record(
    record: Any, default_id: str, path: str | None, outer: _Meta, ctx: _Context, where: str
) -> Article:
    if not isinstance(record, dict):
        raise _Failed(where, f"a report must be a JSON object, not {type(record).__name__}")
    meta = _merge(_record_meta(record, where), outer)
    rid = record.get("id")
    doc_id = str(rid) if isinstance(rid, (str, int)) and str(rid).strip() else default_id
    html = record.get("html")
    text = _first_str(record, TEXT_FIELDS)
    if text is None and isinstance(html, str) and html.strip():
        return _article_from_html(html, doc_id, path, meta, ctx, where)
    if text is None:
        keys = ", ".join(sorted(map(str, record))) or "none"
        raise _Failed(where, f"no report text: a record needs a 'text' or 'html' field (its keys: {keys})")
    if _HTML_FRAGMENT.search(text) and re.search(r"</\w+>", text):
        return _article_from_html(text, doc_id, path, meta, ctx, where)
    return _make_article(_with_headline(text, meta.title), doc_id, path, meta, ctx, where)


def _decode_html(data: bytes, shown: str) -> str:
    # A page's declared charset is trusted when the bytes really are in it.
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode(data, shown)


def _decode(data: bytes, shown: str) -> str:
    if not data:
        return ""
    try:
        return decode_bytes(data, shown)
    except InputError as err:
        raise _Failed(shown, str(err).removeprefix(f"{shown}: ")) from err


def _article_from_html(
    html: str, doc_id: str, path: str | None, meta: _Meta, ctx: _Context, where: str
) -> Article:
    from frontmap.articles.html import parse_page

    page = parse_page(html, url=meta.url)
    merged = _merge(meta, _Meta(url=page.url, title=page.title, published=page.published))
    return _make_article(_with_headline(page.text, merged.title), doc_id, path, merged, ctx, where, page=True)


def _with_headline(text: str, title: str | None) -> str:
    """The text with its headline as the first line, as a text file has it: headlines name
    places and carry claims too."""
    if not title or not text.strip():
        return text
    body = normalize_text(text)
    _, rest = split_date_line(body)
    if " ".join(title.split())[:60] in " ".join(rest[: len(title) + 200].split()):
        return text
    line_date = _DATE_PREFIX.match(body)
    prefix = line_date.group(0) if line_date else ""
    return f"{prefix}{title}\n\n{body[len(prefix) :]}"


def _merge(first: _Meta, second: _Meta) -> _Meta:
    return _Meta(
        url=first.url or second.url,
        title=first.title or second.title,
        published=first.published or second.published,
    )


# --------------------------------------------------------------------------- the article


def _is_headline(line: str) -> bool:
    words = len(line.split())
    if words < 3 or len(line) > 150 or line[-1:] in ",;:" or re.search(r"[.!?]\s+\S", line):
        return False
    return not (line.endswith(".") and len(line) > 90)  # a lead sentence, not a headline


def _headline(text: str) -> str | None:
    """The headline of a text file: among the lines above its first paragraph, the first that
    reads as a headline of five or more words (a kicker such as "Events" or a teaser of
    another section comes first on many pages), else the first of three or more words."""
    head: list[str] = []
    for raw in text.split("\n")[:8]:
        line = raw.strip()
        if not line:
            continue
        if is_prose(line) and not _is_headline(line):
            break
        head.append(line)
    candidates = [line for line in head if _is_headline(line)]
    return next(
        (line for line in candidates if len(line.split()) >= 5), candidates[0] if candidates else None
    )


def _head_lines(lines: Sequence[Line]) -> list[str]:
    """The lines a dateline may sit on: kept lines and time stamps up to the first paragraph."""
    head: list[str] = []
    for line in lines:
        if line.kind in ("text", "timestamp"):
            head.append(line.text)
            if line.kind == "text" and is_prose(line.text.strip()):
                break
    return head


def _make_article(
    raw: str, doc_id: str, path: str | None, meta: _Meta, ctx: _Context, where: str, *, page: bool = False
) -> Article:
    text = normalize_text(raw)
    line_date, text = split_date_line(text.lstrip("\ufeff"))
    lines = classify_lines(text)
    dateline = find_dateline(_head_lines(lines))
    cleaned = join_lines(lines)
    if not cleaned.strip():
        what = "the page has no article text" if page else "no report text left"
        raise _Failed(where, f"{what} (empty, or only page chrome such as menus and scripts)")
    url_date = date_from_url(meta.url)
    candidates = (
        ("user", ctx.user_date),
        ("date-line", line_date),
        ("metadata", meta.published),
        ("metadata", url_date),
        ("dateline", dateline),
    )
    published, date_source = next(((d, s) for s, d in candidates if d is not None), (None, None))
    title = meta.title or (None if page else _headline(cleaned))
    return Article(
        id=doc_id,
        text=cleaned,
        path=path,
        url=meta.url,
        title=title,
        published=published,
        date_source=date_source,
    )


# --------------------------------------------------------------------------- manifests


def _is_manifest_file(path: Path, ctx: _Context) -> bool:
    return path.name.lower() in MANIFEST_NAMES and path.name in _manifest_for(path, ctx)


def _manifest_for(path: Path, ctx: _Context) -> dict[str, _Meta]:
    """Metadata by file name from the manifest beside ``path`` (empty when there is none)."""
    folder = path.parent
    if folder not in ctx.manifests:
        ctx.manifests[folder] = _load_manifest(folder)
    return ctx.manifests[folder]


def _load_manifest(folder: Path) -> dict[str, _Meta]:
    for name in MANIFEST_NAMES:
        candidate = folder / name
        if not candidate.is_file():
            continue
        try:
            data = json.loads(candidate.read_bytes().decode("utf-8-sig"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            data = next(
                (v for k, v in data.items() if k in ("articles", "items", "documents", "files")), None
            )
        if not isinstance(data, list) or not data:
            continue
        entries: dict[str, _Meta] = {}
        for item in data:
            if not isinstance(item, dict) or _is_record(item):
                entries = {}
                break
            key = _first_str(item, _FILE_FIELDS)
            if key is None:
                continue
            published = parse_date_value(item.get("published")) if item.get("published") else None
            entries[Path(key).name] = _Meta(
                url=_first_str(item, ("url", "link")),
                title=_first_str(item, ("title", "headline")),
                published=published,
            )
        if entries:
            entries[name] = _Meta()  # the manifest itself, so a directory walk skips it
            return entries
    return {}


def _warn_duplicate_ids(articles: Sequence[Article]) -> None:
    seen: set[str] = set()
    dupes: list[str] = []
    for a in articles:
        if a.id in seen and a.id not in dupes:
            dupes.append(a.id)
        seen.add(a.id)
    if dupes:
        warnings.warn(
            f"several reports share the id {', '.join(map(repr, dupes[:5]))}; claims will be hard to trace "
            "(give JSON records distinct 'id's, or read same-named files from one directory)",
            FrontmapWarning,
            stacklevel=3,
        )
