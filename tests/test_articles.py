"""Reading reports: formats, residue stripping, encodings, publication dates, failures.

Table-driven cases: tests/cases/articles_residue.jsonl (each residue kind, and article
lines that must survive) and tests/cases/articles_dates.jsonl (each date rule). Saved
pages and a JSON-lines feed written for these tests are in tests/fixtures/articles/.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontmap.articles import (
    ReadFailure,
    article_from_text,
    classify_lines,
    clean_text,
    decode_bytes,
    iter_articles,
    read_article,
    read_articles,
)
from frontmap.errors import FrontmapWarning, InputError, SourceError

CASES = Path(__file__).resolve().parent / "cases"

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"

SENTENCE = (
    "Russian forces captured the village of Novoselivka in the Donetsk region, the defence ministry said."
)
UK_TEXT = (
    "Українські військові звільнили село Кліщіївка на Донеччині, повідомив Генштаб. "
    "Сили оборони просунулися ще на 2 кілометри, ґрунтові дороги розмиті, їхні позиції під обстрілом."
)
RU_TEXT = (
    "Российские войска заняли населённый пункт Новоселовка в Донецкой области, сообщило Минобороны. "
    "По данным ведомства, за неделю под контроль перешли 120 квадратных километров."
)


def _rows(name: str) -> list[dict]:
    return [
        json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()
    ]


# --------------------------------------------------------------------------- residue

RESIDUE = _rows("articles_residue.jsonl")


@pytest.mark.parametrize("row", RESIDUE, ids=[r["name"] for r in RESIDUE])
def test_residue_is_stripped_and_article_lines_kept(row: dict) -> None:
    cleaned = clean_text(row["text"])
    for sentence in row["keep"]:
        assert sentence in cleaned, f"lost an article line: {sentence!r}\n---\n{cleaned}"
    for residue in row["drop"]:
        assert residue not in cleaned, f"residue {residue!r} survived:\n{cleaned}"
    # Cleaning is idempotent: what is kept reads as article text on a second pass too.
    assert clean_text(cleaned) == cleaned


def test_residue_is_stripped_from_txt_files_too(tmp_path: Path) -> None:
    css = "body{margin:0}.nav a{color:#333;font-size:14px}.promo{background:#f5f5f5}\n" * 40
    path = tmp_path / "scraped.txt"
    path.write_text(
        css + "Share\nTweet\n" + SENTENCE + "\nRead more: Kharkiv hit by missiles\n", encoding="utf-8"
    )
    article = read_article(path)
    assert article.text == SENTENCE
    assert len(css) > 2000  # kilobytes of style sheet


def test_classify_lines_names_each_kind() -> None:
    text = "\n".join(
        [
            ".a{color:#333}",
            "Share",
            "Sign up for our newsletter to get news in your inbox.",
            "Read more: Odesa port hit",
            SENTENCE,
            "Kyiv | Kharkiv | Odesa | Lviv",
        ]
    )
    kinds = [line.kind for line in classify_lines(text)]
    assert kinds == ["code", "ui", "appeal", "read-more", "text", "menu"]


# --------------------------------------------------------------------------- dates

DATES = _rows("articles_dates.jsonl")


@pytest.mark.parametrize("row", DATES, ids=[r["name"] for r in DATES])
def test_publication_date_rules(row: dict) -> None:
    article = article_from_text(row["text"], published=row.get("published"))
    expected = dt.date.fromisoformat(row["expected"]) if row["expected"] else None
    assert (article.published, article.date_source) == (expected, row["source"])


def test_date_line_is_removed_from_the_text() -> None:
    article = article_from_text("  date 2023-08-28 Ukraine liberates Robotyne\n" + SENTENCE)
    assert article.text.startswith("Ukraine liberates Robotyne\n")
    assert "2023-08-28" not in article.text


def test_user_date_applies_to_every_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2022-01-01\n" + SENTENCE, encoding="utf-8")
    articles = read_articles([tmp_path / "a.txt", FIXTURES / "page_meta.html"], published="2024-12-31")
    assert [(a.published, a.date_source) for a in articles] == [(dt.date(2024, 12, 31), "user")] * 2


def test_bad_user_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_articles([], published="31/12/2024")


# --------------------------------------------------------------------------- saved pages


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("page_meta.html", dt.date(2024, 3, 5)),  # article:published_time (modified_time ignored)
        ("page_jsonld.html", dt.date(2023, 8, 24)),  # JSON-LD datePublished in an @graph
        ("page_time.html", dt.date(2023, 9, 17)),  # <time datetime> inside <article>
        ("page_undated.html", None),
    ],
)
def test_html_date_from_page_metadata(name: str, published: dt.date | None) -> None:
    article = read_article(FIXTURES / name)
    assert article.published == published
    assert article.date_source == ("metadata" if published else None)


def test_html_extraction_drops_menus_banners_and_related_links() -> None:
    article = read_article(FIXTURES / "page_meta.html")
    assert article.id == "page_meta.html"
    assert article.title == "Russia says it has taken Novoselivka"
    assert article.url == "https://courier.example/world/russia-says-it-has-taken-novoselivka"
    assert article.text.startswith("Russia says it has taken Novoselivka\n")
    assert "more than 30 square kilometres (about 12 square miles)" in article.text
    assert "could not be independently verified" in article.text
    assert "Kostiantynivka" in article.text
    for residue in (
        "Odesa",
        "Kharkiv",
        "Lviv",
        "cookie",
        "Opinion",
        "Privacy",
        "Tweet",
        "Advertisement",
        "dataLayer",
        "color:#333",
        "©",
    ):
        assert residue not in article.text, residue


def test_html_extraction_in_ukrainian_drops_related_links() -> None:
    article = read_article(FIXTURES / "page_time.html")
    assert "Кліщіївка на Донеччині" in article.text
    assert "Херсона" not in article.text and "Одесі" not in article.text and "Головна" not in article.text


def test_html_title_is_first_line_when_the_page_body_lacks_it() -> None:
    article = read_article(FIXTURES / "page_undated.html")
    assert article.title == "Troops hold positions near Kupiansk"
    assert article.text.split("\n")[0] == "Troops hold positions near Kupiansk"
    assert "Mariupol" not in article.text and "Business" not in article.text


def test_html_in_a_legacy_code_page_with_declared_charset(tmp_path: Path) -> None:
    html = (
        "<html><head><meta charset='windows-1251'><title>Бої за Кліщіївку</title></head><body>"
        f"<article><p>{UK_TEXT}</p></article></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("cp1251"))
    assert UK_TEXT in read_article(path).text


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("utf-8", UK_TEXT),
        ("utf-8-sig", UK_TEXT),
        ("utf-16", UK_TEXT),
        ("utf-16", SENTENCE),
        ("utf-16-be", RU_TEXT),
        ("utf-32", RU_TEXT),
        ("cp1251", UK_TEXT),
        ("cp1251", RU_TEXT),
        ("koi8_u", UK_TEXT),
        ("koi8_u", RU_TEXT),
    ],
)
def test_encodings_are_detected(tmp_path: Path, codec: str, text: str) -> None:
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data  # UTF-16 big-endian with its byte-order mark
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(data)
    assert read_article(path).text == text


def test_short_cyrillic_words_in_legacy_code_pages() -> None:
    for word in ("Київ", "Бахмут", "ЗСУ", "Щастя", "Гуляйполе"):
        for codec in ("cp1251", "koi8_u"):
            assert decode_bytes(word.encode(codec), "w.txt") == word, (word, codec)


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n" + bytes(range(0, 256, 3)) * 20, bytes(range(1, 32)) * 40],
    ids=["all-bytes", "png", "control-characters"],
)
def test_undecodable_input_is_an_error_naming_the_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"garbage\.txt"):
        read_article(path)
    failures: list[ReadFailure] = []
    assert read_articles([path], errors=failures) == []
    assert failures[0].source.endswith("garbage.txt") and "\n" not in failures[0].message


# --------------------------------------------------------------------------- JSON records


def test_jsonl_good_lines_are_read_and_bad_lines_named() -> None:
    failures: list[ReadFailure] = []
    articles = read_articles([FIXTURES / "feed.jsonl"], errors=failures)
    assert [a.id for a in articles] == ["feed-001", "feed.jsonl:2", "feed-006"]
    first = articles[0]
    assert (first.title, first.url, first.published, first.date_source) == (
        "Ukraine withdraws from Avdiivka",
        "https://wire.example/2024/02/17/avdiivka",
        dt.date(2024, 2, 17),
        "metadata",
    )
    assert first.text.startswith("Ukraine withdraws from Avdiivka\n\nUkraine's army chief")
    assert articles[1].published == dt.date(2024, 5, 10)  # from the date in its URL
    assert articles[2].title == "Vuhledar falls" and "Home" not in articles[2].text
    assert articles[2].published == dt.date(2024, 10, 3)
    assert [f.source.rsplit("/", 1)[-1] for f in failures] == [
        "feed.jsonl:3",
        "feed.jsonl:4",
        "feed.jsonl:5",
        "feed.jsonl:8",
    ]
    assert all(isinstance(f.error, InputError) and "\n" not in f.message for f in failures)
    assert "'text' or 'html'" in failures[1].message and "YYYY-MM-DD" in failures[2].message


def test_json_file_with_one_record_or_a_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": SENTENCE, "publishedAt": "2025-01-26T10:00:00Z"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": SENTENCE}, {"id": "x", "content": SENTENCE}]))
    articles = read_articles([tmp_path / "one.json", tmp_path / "many.json"])
    assert [a.id for a in articles] == ["one.json", "many.json:1", "x"]
    assert articles[0].published == dt.date(2025, 1, 26)


def test_txt_holding_a_raw_json_record_is_read_as_that_record(tmp_path: Path) -> None:
    record = {
        "$type": "site.document",
        "title": "Putin says Ukraine holds 20% of the region",
        "site": "https://news.example",
        "path": "/world/share-claim",
        "publishedAt": "2025-06-01T08:00:00.000Z",
        "textContent": SENTENCE + "\nSecond line.",
    }
    path = tmp_path / "r.txt"
    path.write_text(json.dumps(record, indent=1), encoding="utf-8")
    article = read_article(path)
    assert article.id == "r.txt"
    assert article.text == "Putin says Ukraine holds 20% of the region\n\n" + SENTENCE + "\nSecond line."
    assert (article.url, article.published) == ("https://news.example/world/share-claim", dt.date(2025, 6, 1))


def test_manifest_gives_metadata_to_the_files_beside_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2024-01-02\n" + SENTENCE, encoding="utf-8")
    (tmp_path / "c.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "index.json").write_text(
        json.dumps(
            [
                {"doc": "a.txt", "url": "https://x.example/a", "published": "2024-03-04"},
                {"doc": "b.txt", "published": "2024-09-09"},
                {"doc": "c.txt", "url": "https://x.example/2024/05/06/c", "published": None},
            ]
        )
    )
    articles = read_articles([tmp_path])
    assert [(a.id, a.url, a.published, a.date_source) for a in articles] == [
        ("a.txt", "https://x.example/a", dt.date(2024, 3, 4), "metadata"),
        ("b.txt", None, dt.date(2024, 1, 2), "date-line"),
        ("c.txt", "https://x.example/2024/05/06/c", dt.date(2024, 5, 6), "metadata"),
    ]
    # A file named on its own gets the same metadata; the manifest itself is not a report.
    assert read_article(tmp_path / "a.txt").published == dt.date(2024, 3, 4)
    with pytest.raises(InputError, match="manifest"):
        read_article(tmp_path / "index.json")


# --------------------------------------------------------------------------- sources


def test_directory_recursion_is_sorted_and_keeps_supported_files(tmp_path: Path) -> None:
    for rel in (
        "b.txt",
        "a/z.txt",
        "a/b/c.txt",
        "a/a.htm",
        "c.jsonl",
        ".hidden/x.txt",
        "notes.md",
        "img.png",
    ):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".jsonl"):
            path.write_text(json.dumps({"text": SENTENCE}) + "\n" + json.dumps({"text": SENTENCE}) + "\n")
        elif rel.endswith(".htm"):
            path.write_text(f"<html><body><p>{SENTENCE}</p></body></html>")
        else:
            path.write_text(f"{rel}: {SENTENCE}")
    articles = read_articles([tmp_path])
    assert [a.id for a in articles] == ["a/a.htm", "a/b/c.txt", "a/z.txt", "b.txt", "c.jsonl:1", "c.jsonl:2"]
    assert all(a.path and Path(a.path).is_file() for a in articles)


def test_input_order_is_kept_across_sources(tmp_path: Path) -> None:
    for name in ("x.txt", "y.txt"):
        (tmp_path / name).write_text(f"{name} {SENTENCE}")
    articles = read_articles([tmp_path / "y.txt", FIXTURES / "page_undated.html", tmp_path / "x.txt"])
    assert [a.id for a in articles] == ["y.txt", "page_undated.html", "x.txt"]


def test_stdin_text_and_jsonl() -> None:
    text = io.TextIOWrapper(io.BytesIO(("date 2024-04-01\n" + SENTENCE).encode("cp1251")))
    (article,) = read_articles(["-"], stdin=text)
    assert (article.id, article.text, article.published) == ("stdin", SENTENCE, dt.date(2024, 4, 1))
    lines = io.BytesIO(
        (json.dumps({"text": SENTENCE}) + "\n" + json.dumps({"id": "n2", "text": UK_TEXT})).encode()
    )
    assert [a.id for a in read_articles(["-"], stdin=lines)] == ["stdin:1", "n2"]


def test_stdin_of_a_real_process() -> None:
    code = "from frontmap.articles import read_articles; a, = read_articles(['-']); print(a.id, a.published)"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=("date 2025-02-07\n" + UK_TEXT).encode("koi8_u"),
        capture_output=True,
        check=True,
    )
    assert proc.stdout.decode().split() == ["stdin", "2025-02-07"]


def test_failures_never_stop_the_other_sources(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(SENTENCE)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "chrome.txt").write_text("Home\nWorld\nSport\nShare\nTweet\n")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    sources = [
        tmp_path / "missing.txt",
        tmp_path / "empty.txt",
        tmp_path / "chrome.txt",
        empty_dir,
        tmp_path / "good.txt",
    ]
    items = list(iter_articles(sources))
    assert [type(i).__name__ for i in items] == ["ReadFailure"] * 4 + ["Article"]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert isinstance(failures[0].error, SourceError) and "no such file" in failures[0].message
    assert [Path(f.source).name for f in failures] == ["missing.txt", "empty.txt", "chrome.txt", "nothing"]
    assert all(str(f) == f"{f.source}: {f.message}" for f in failures)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert len(read_articles(sources)) == 1
    assert [w.category for w in caught] == [FrontmapWarning] * 4
    assert "missing.txt" in str(caught[0].message)


def test_read_article_raises_with_the_file_name(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"nope\.txt"):
        read_article(tmp_path / "nope.txt")
    path = tmp_path / "three.jsonl"
    path.write_text("\n".join(json.dumps({"text": SENTENCE}) for _ in range(3)))
    with pytest.raises(InputError, match="holds 3 reports"):
        read_article(path)


def test_article_from_text_cleans_and_dates_like_a_file() -> None:
    article = article_from_text(
        "Share\nTweet\nMarch 3, 2024 — " + SENTENCE, id="mine", url="https://u.example/x"
    )
    assert (article.id, article.url, article.published, article.date_source) == (
        "mine",
        "https://u.example/x",
        dt.date(2024, 3, 3),
        "dateline",
    )
    assert article.text == "March 3, 2024 — " + SENTENCE
    with pytest.raises(InputError):
        article_from_text("Share\nTweet")


def test_reading_is_deterministic(tmp_path: Path) -> None:
    first = read_articles([FIXTURES], errors=[])
    second = read_articles([FIXTURES], errors=[])
    assert first == second and len(first) == 7


def test_import_stays_light() -> None:
    code = (
        "import sys, frontmap.articles; heavy = ('trafilatura', 'dateparser', 'lxml', 'charset_normalizer'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


# --------------------------------------------------------------------------- the dev corpus


def _normalise(text: str) -> str:
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return " ".join(text.split())


def test_dev_corpus_reads_dates_and_keeps_every_gold_sentence(shared_dir: Path) -> None:
    dev = shared_dir / "eval" / "dev"
    gold = {doc["doc"]: doc for doc in json.loads((dev / "gold.json").read_text(encoding="utf-8"))}
    failures: list[ReadFailure] = []
    articles = read_articles([dev / "articles"], errors=failures)
    assert failures == []
    assert sorted(a.id for a in articles) == sorted(gold)
    problems: list[str] = []
    for article in articles:
        doc = gold[article.id]
        # Where the gold has no date, none is guessed either.
        if (str(article.published) if article.published else None) != doc["published"]:
            problems.append(f"{article.id}: published {article.published}, gold {doc['published']}")
        text = _normalise(article.text)
        for claim in doc["claims"]:
            if _normalise(claim["sentence"]) not in text:
                problems.append(f"{article.id}: lost claim sentence {claim['sentence'][:60]!r}")
        for place in doc["places"]:
            for surface in (place["surface"], *place.get("variants", [])):
                # Inflected languages: the gold surface may be the stem of the form in the text.
                if surface not in article.text:
                    problems.append(f"{article.id}: lost place {surface!r}")
    assert problems == []


def test_dev_corpus_residue_is_gone(shared_dir: Path) -> None:
    articles = {a.id: a for a in read_articles([shared_dir / "eval" / "dev" / "articles"])}
    chrome = [
        ("d008.txt", r"NEWS FEED|Sponsored|\d{2}:\d{2}, \d{2}\.\d{2}\.\d{4}"),
        ("d030.txt", r"\"\$type\"|bafkrei|coverImage"),
        ("d026.txt", r"[а-яё]{4}"),  # Russian interface text around an English article
        ("d004.txt", r"Допомогти|\d{2}\.\d{2}\.\d{4}|\d{2}:\d{2}"),  # donate button, teaser time stamps
        ("d017.txt", r"Stand with us|single gift"),
        ("d020.txt", r"Автор фото"),
        ("d029.txt", r"›"),
        ("d003.txt", r"Reading time|\d{2}:\d{2}"),
        ("d018.txt", r"Read the rest"),
    ]
    for doc, pattern in chrome:
        assert not re.search(pattern, articles[doc].text), (doc, pattern)


def test_html_wrapper_named_like_chrome_keeps_the_article(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Troops enter Vovchansk</title></head><body>"
        "<div class='layout has-sidebar'><article><h1>Troops enter Vovchansk</h1>"
        f"<p>{SENTENCE}</p><p>Ukraine's military said fighting was continuing in the town's north.</p>"
        "</article><div class='sidebar'><h3>Most read</h3><p>Kherson ferry resumes service</p></div>"
        "</div></body></html>"
    )
    path = tmp_path / "wrapped.html"
    path.write_text(html, encoding="utf-8")
    text = read_article(path).text
    assert SENTENCE in text and "fighting was continuing" in text and "Kherson" not in text


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("Russia claims capture of Novoselivka", "Russia claims capture of Novoselivka"),
        (
            "Army spokesman: Russian units control 35% of the city.",
            "Army spokesman: Russian units control 35% of the city.",
        ),
        (SENTENCE, None),  # a lead sentence is not a headline
        ("Events", None),
        (
            "Events\n\n09:15 21.10.2022\n\nZelensky: forty settlements are free again",
            "Zelensky: forty settlements are free again",
        ),  # a kicker above the headline
        (
            "Weekend horoscope\nRussia says eight villages were taken this week\nThe weekly summary",
            "Russia says eight villages were taken this week",
        ),
    ],
)
def test_txt_title_is_the_headline_above_the_first_paragraph(head: str, title: str | None) -> None:
    assert article_from_text(head + "\n" + SENTENCE).title == title


def test_examples_read_dated_and_clean() -> None:
    root = Path(__file__).resolve().parents[1] / "examples" / "articles"
    failures: list[ReadFailure] = []
    articles = read_articles([root], errors=failures)
    assert failures == [] and len(articles) >= 8
    assert all(a.published is not None for a in articles)
    assert len({a.published for a in articles}) >= 4
    assert {a.date_source for a in articles} >= {"date-line", "dateline", "metadata"}
    for article in articles:
        for residue in ("{", "dataLayer", "Tweet", "newsletter", "Read more", "©", "cookies"):
            assert residue not in article.text, (article.id, residue)


ARTICLE_LINES = (
    SENTENCE,
    "Ukraine's General Staff said its troops had advanced 3 kilometres near Robotyne, a claim that could "
    "not be independently verified.",
    "More than 40 settlements were liberated in the Kherson region, Zelensky said on Friday.",
    "Share of territory held by Russia in the Luhansk region has reached 99 percent, the governor said.",
    "Russia's defence ministry said its forces had taken control of 12 square kilometres (4.6 square miles).",
    '"We will not give up a single village," the commander told reporters near Pokrovsk.',
    UK_TEXT,
    RU_TEXT,
)
RESIDUE_LINES = (
    ".nav a{color:#333;font-size:14px}",
    "window.dataLayer = window.dataLayer || [];",
    "Share",
    "Tweet",
    "Copy link",
    "Sign up for our newsletter and get the news in your inbox.",
    "Donate now",
    "Independent journalism depends on readers like you. Please support our work.",
    "Read more: Odesa port hit by drones",
    "Related",
    "Home",
    "Contact us",
    "Privacy policy",
    "We use cookies to improve your experience. Accept all",
    "Reading time: 3 min",
    "© 2024 Example Media. All rights reserved.",
    "Home | World | Europe",
    "Tags: Ukraine, Russia",
    "Підписуйтесь на наш Telegram-канал",
    "Реклама",
    "",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ARTICLE_LINES + RESIDUE_LINES), min_size=1, max_size=25))
def test_article_lines_survive_any_mix_of_residue(lines: list[str]) -> None:
    cleaned = clean_text("\n".join(lines))
    assert clean_text(cleaned) == cleaned
    for line in lines:
        if line in ARTICLE_LINES:
            assert line in cleaned
    # Chrome between two article paragraphs may stay when nothing marks it; above the
    # article it never does.
    first = min((lines.index(a) for a in ARTICLE_LINES if a in lines), default=-1)
    for line in lines[: max(first, 0)]:
        if line:
            assert line not in cleaned.split("\n"), line


def test_txt_holding_a_saved_page_is_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_bytes((FIXTURES / "page_meta.html").read_bytes())
    article = read_article(path)
    assert article.published == dt.date(2024, 3, 5) and "<p>" not in article.text
    assert "Novoselivka" in article.text and "Odesa" not in article.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-03", dt.date(2024, 5, 3)),
        ("2024-05-03T23:30:00-04:00", dt.date(2024, 5, 3)),  # the publisher's own calendar day
        ("20240503", dt.date(2024, 5, 3)),
        ("Fri, 03 May 2024 08:00:00 GMT", dt.date(2024, 5, 3)),
        ("3 May 2024", dt.date(2024, 5, 3)),
        (1714723200, dt.date(2024, 5, 3)),
        (1714723200000, dt.date(2024, 5, 3)),
        ("last Friday", None),
        ("2024-02-30", None),
        (True, None),
    ],
)
def test_record_date_values(value: object, expected: dt.date | None) -> None:
    from frontmap.articles.dates import parse_date_value

    assert parse_date_value(value) == expected


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("cp1251", "Troops entered Київ and Харків, officials said."),
        ("koi8_u", "Troops entered Київ and Харків, officials said."),
        ("cp1251", "Bakhmut – “Бахмут” in Ukrainian – was taken, the ministry said."),
        ("cp1252", "Café owners in Kyiv said the mayor’s plan was “naïve”."),
    ],
)
def test_legacy_code_pages_with_mixed_scripts(codec: str, text: str) -> None:
    assert decode_bytes(text.encode(codec), "mixed.txt") == text


HTML_DATES = _rows("articles_html_dates.jsonl")


@pytest.mark.parametrize("row", HTML_DATES, ids=[r["name"] for r in HTML_DATES])
def test_page_metadata_dates(row: dict, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(row["html"], encoding="utf-8")
    article = read_article(path)
    expected = dt.date.fromisoformat(row["expected"]) if row["expected"] else None
    source = row.get("source", "metadata") if expected else None
    assert (article.published, article.date_source) == (expected, source)
    assert "Novoselivka" in article.text


@pytest.mark.parametrize(
    "given", [dt.date(2024, 5, 3), dt.datetime(2024, 5, 3, 23, 59), "2024-05-03", " 2024-05-03 "]
)
def test_user_date_forms(given: object) -> None:
    article = article_from_text(SENTENCE, published=given)  # type: ignore[arg-type]
    assert (article.published, article.date_source) == (dt.date(2024, 5, 3), "user")
