"""Reading reports: plain-text reports of about 4 KB (reports/s) and saved HTML pages (pages/s).

    .venv/bin/python benchmarks/bench_articles.py [N_TEXT] [N_HTML]

Writes synthetic reports built from the bundled examples (with web residue: a style sheet,
a script, share buttons, appeals and a menu) into a temporary directory, reads them with
``read_articles`` on one core, and prints throughput and peak memory. Target: >= 30 pages/s.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"

CHROME_HEAD = (
    ".site-header{display:flex;justify-content:space-between}.nav a{color:#333;font-size:14px}\n"
    "window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}\n"
    "Share\nTweet\nCopy link\n"
)
CHROME_TAIL = (
    "Read more: Drone strike damages power plant in Odesa region\n"
    "Sign up for our newsletter and get the top stories delivered to your inbox.\n"
    "Home\nWorld\nEurope\nOpinion\nContact us\n© 2024 Example Media. All rights reserved.\n"
)


def _paragraphs() -> list[str]:
    from frontmap.articles import read_articles

    paras: list[str] = []
    for article in read_articles([EXAMPLES], errors=[]):
        paras.extend(p for p in article.text.split("\n") if len(p) > 80)
    return paras


def _text_report(paras: list[str], i: int) -> str:
    body: list[str] = []
    j = i
    while sum(len(p) + 2 for p in body) < 3400:
        body.append(paras[j % len(paras)])
        j += 7
    return (
        f"date 2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
        + CHROME_HEAD
        + "\n\n".join(body)
        + "\n"
        + CHROME_TAIL
    )


def _html_page(paras: list[str], i: int) -> str:
    body = "\n".join(f"<p>{paras[(i + 3 * k) % len(paras)]}</p>" for k in range(8))
    # A saved news page is mostly chrome: inline styles and scripts, menus, link lists.
    related = "".join(
        f"<li><a href='/n/{k}'>Other story number {k} about the front</a></li>" for k in range(40)
    )
    menu = "".join(
        f"<li><a href='/s/{k}'>Section {k}</a><ul><li><a href='/s/{k}/a'>Sub {k}</a></li></ul></li>"
        for k in range(60)
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Report {i} | Example Daily</title>
<meta property="article:published_time" content="2024-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Report {i}"}}</script>
<style>{".x{color:#333;margin:0}" * 1500}</style><script>{"var a=1;" * 3000}</script></head>
<body><div class="cookie-banner">We use cookies. <button>Accept</button></div>
<header><nav><ul>{menu}</ul></nav></header><main><article><h1>Report {i}</h1>{body}</article>
<aside><h3>Related</h3><ul>{related}</ul></aside></main><footer>© 2024 Example Daily</footer></body></html>"""


def _run(paths: list[Path]) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process (the figure on one core when the
    machine is shared), and the number of articles read."""
    from frontmap.articles import read_articles

    start, cpu = time.perf_counter(), time.process_time()
    articles = read_articles(paths, errors=[])
    return time.perf_counter() - start, time.process_time() - cpu, len(articles)


def main(argv: list[str]) -> int:
    n_text = int(argv[0]) if argv else 1000
    n_html = int(argv[1]) if len(argv) > 1 else 300
    paras = _paragraphs()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        texts = []
        for i in range(n_text):
            p = tmpdir / f"r{i:05d}.txt"
            p.write_text(_text_report(paras, i), encoding="utf-8")
            texts.append(p)
        pages = []
        for i in range(n_html):
            p = tmpdir / f"p{i:05d}.html"
            p.write_text(_html_page(paras, i), encoding="utf-8")
            pages.append(p)
        mean_text = sum(p.stat().st_size for p in texts) / len(texts)
        mean_html = sum(p.stat().st_size for p in pages) / len(pages)

        _run(pages[:3])  # imports (trafilatura, lxml) are not part of the figure
        t_text, cpu_text, got_text = _run(texts)
        t_html, cpu_html, got_html = _run(pages)
        # Memory in a second pass: tracing slows Python down several times.
        tracemalloc.start()
        _run(texts[:200] + pages[:100])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"plain text : {got_text} reports of {mean_text / 1024:.1f} KB in {t_text:.2f} s = "
        f"{got_text / t_text:,.0f} reports/s ({got_text / cpu_text:,.0f} per CPU second)"
    )
    print(
        f"saved HTML : {got_html} pages of {mean_html / 1024:.1f} KB in {t_html:.2f} s = "
        f"{got_html / t_html:,.1f} pages/s ({got_html / cpu_html:,.1f} per CPU second; target >= 30)"
    )
    print(
        f"peak memory: {peak / 2**20:.1f} MB traced Python allocations reading 300 of them, "
        f"{rss:.0f} MB max RSS of the whole run"
    )
    return 0 if got_text == n_text and got_html == n_html else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
