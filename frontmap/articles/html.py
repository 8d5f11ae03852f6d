"""Saved web pages: the article's text (trafilatura), its title, URL and publication date.

trafilatura finds the article body and drops menus, ads, cookie banners, comment threads
and related-link lists. The page's own metadata (meta tags, JSON-LD, ``<time>``) gives the
title, canonical URL and publication date (see :func:`frontmap.articles.dates.date_from_html`).
When trafilatura finds no body (a fragment, a page of one paragraph), the visible text of
the page without scripts, styles, navigation, headers, footers, asides and forms is used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from frontmap.articles.dates import date_from_html, jsonld_records

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "p div section article h1 h2 h3 h4 h5 h6 li ul ol br tr table blockquote header footer pre dd dt "  # noqa: SIM905
    "figcaption main".split()
)
_DROP_TAGS = tuple(
    "script style noscript nav header footer aside form iframe svg template button select".split()  # noqa: SIM905
)
# Class or id words of chrome containers: cookie banners, newsletter boxes, share bars, related lists.
_CHROME_NAME = re.compile(
    r"cookie|consent|gdpr|newsletter|subscribe|share|social|related|promo|advert|banner|breadcrumb|"
    r"paywall|donate|sidebar|comments",
    re.IGNORECASE,
)
_CHROME_TAGS = frozenset(
    ("nav", "footer", "aside", "form", "noscript", "iframe", "button", "select", "template")
)
_CHROME_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary"))
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


@dataclass(frozen=True, slots=True)
class Page:
    """What a saved page yields: its text (not yet residue-stripped) and metadata."""

    text: str
    title: str | None
    url: str | None
    published: dt.date | None


def looks_like_html(text: str) -> bool:
    """True when a text is a whole HTML page (so a .txt holding a saved page is read as one)."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower()


def parse_page(html: str, *, url: str | None = None) -> Page:
    """Extract the article of a saved page.

    >>> page = parse_page("<html><head><title>Foo taken</title>"
    ...     "<meta property='article:published_time' content='2024-05-03T10:00:00Z'></head>"
    ...     "<body><nav>Home World</nav><p>Russian forces took Foo, the ministry said.</p></body></html>")
    >>> page.title, page.published, "Home" in page.text
    ('Foo taken', datetime.date(2024, 5, 3), False)
    """
    import lxml.html

    source = _XML_DECL.sub("", html, count=1)
    if not source.strip():
        return Page("", None, url, None)
    try:
        tree = lxml.html.document_fromstring(source)
    except (ValueError, lxml.etree.ParserError):
        return Page("", None, url, None)
    page_url = url or _canonical_url(tree)
    title = _title(tree)
    published = date_from_html(tree, url=page_url)
    text = _article_text(tree, page_url)
    return Page(text, title, page_url, published)


def _meta(tree: Any, *keys: str) -> str | None:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(
                f'//meta[translate(@{attr}, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", '
                f'"abcdefghijklmnopqrstuvwxyz")="{key}"]/@content'
            )
            for value in found:
                if value and value.strip():
                    return " ".join(value.split())
    return None


def _canonical_url(tree: Any) -> str | None:
    for href in tree.xpath('//link[@rel="canonical"]/@href'):
        if href.strip().startswith(("http://", "https://")):
            return href.strip()
    return _meta(tree, "og:url")


def _title(tree: Any) -> str | None:
    title = _meta(tree, "og:title", "twitter:title")
    if title:
        return title
    for obj in jsonld_records(tree):
        headline = obj.get("headline")
        if isinstance(headline, str) and headline.strip():
            return " ".join(headline.split())
    for h1 in tree.xpath("//h1"):
        text = " ".join(h1.text_content().split())
        if text:
            return text
    for t in tree.xpath("//title"):
        text = " ".join((t.text_content() or "").split())
        if text:
            # "Headline | Site name": the site's name is not part of the headline.
            return _TITLE_SUFFIX.sub("", text) or text
    return None


def _prune(tree: Any) -> None:
    """Remove what is page chrome by its markup before the extractor weighs the rest
    (trafilatura keeps everything on a short page)."""
    body = tree.find("body")
    if body is None:
        return
    total = len(body.text_content())
    chrome = []
    for el in body.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _CHROME_TAGS or (tag == "header" and not _inside_article(el)):
            chrome.append(el)
            continue
        if el.get("role") in _CHROME_ROLES:
            chrome.append(el)
            continue
        names = f"{el.get('class', '')} {el.get('id', '')}"
        if names.strip() and _CHROME_NAME.search(names):
            chrome.append(el)
    for el in chrome:
        if el.getparent() is None or el.tag in ("html", "body", "article", "main"):
            continue
        # A wrapper whose class merely mentions a sidebar or a banner may hold the article itself.
        if el.xpath("boolean(.//article | .//main | .//h1)") or len(el.text_content()) > 0.4 * total:
            continue
        el.drop_tree()


def _inside_article(el: Any) -> bool:
    return any(a.tag in ("article", "main") for a in el.iterancestors())


def _article_text(tree: Any, url: str | None) -> str:
    import trafilatura

    _prune(tree)
    options: dict[str, Any] = {
        "url": url,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "deduplicate": False,
        "with_metadata": False,
    }
    try:
        result = trafilatura.extract(tree, fast=True, **options)
    except TypeError:  # trafilatura before 2.0 calls the fast mode no_fallback
        result = trafilatura.extract(tree, no_fallback=True, **options)
    if result and result.strip():
        return result
    return _visible_text(tree)


def _visible_text(tree: Any) -> str:
    for el in tree.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # a comment or processing instruction: only its tail is text
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text and tag not in ("head", "title"):
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    body = tree.find("body")
    walk(body if body is not None else tree)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)
