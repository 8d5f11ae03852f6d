"""The extraction stage: one report in, its mentions and claims out.

:func:`extract` is a pure function of (article, gazetteer): it reads nothing else and
changes nothing, so a corpus can be spread over processes (see :func:`extract_all`).
:func:`extraction_to_dict` is the JSON contract of ``frontmap extract --json``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from frontmap.records import Article, Extraction, Mention

if TYPE_CHECKING:  # pragma: no cover
    from frontmap.gazetteer import Gazetteer

#: Keys of each object in ``places`` of the JSON contract, in order.
PLACE_KEYS: tuple[str, ...] = (
    "surface", "start", "end", "name", "kind", "country", "admin1", "lat", "lon", "precision", "role",
)


#: Reports per batch in :func:`extract_all`: each stage runs over a batch before the next does (as spaCy's
#: ``nlp.pipe`` runs each component over a batch), so each finds its own tables still in the processor's
#: caches; run one report at a time, the claim stage starts every report where the geoparser has just filled
#: them with the gazetteer's index. The results are those of :func:`extract`, report by report.
BATCH = 16


def extract(article: Article, gazetteer: Gazetteer) -> Extraction:
    """Find the places and the claims of one report.

    >>> from frontmap import Gazetteer
    >>> from frontmap.articles import article_from_text
    >>> ex = extract(article_from_text("Ukrainian forces recaptured Lyman, the army said."), Gazetteer.load())
    >>> [c.kind for c in ex.claims]
    ['capture']
    """
    return extract_batch([article], gazetteer)[0]


def extract_batch(articles: Sequence[Article], gazetteer: Gazetteer) -> list[Extraction]:
    """:func:`extract` for each of ``articles``, stage by stage: every report's places, then every report's
    claims (see ``BATCH``)."""
    from frontmap.claims import extract_claims
    from frontmap.geoparse import geoparse

    mentions = [tuple(geoparse(article, gazetteer)) for article in articles]
    # A claim whose report names no place for it is about the whole theatre: the country.
    theatre = gazetteer.get("country:UA")
    return [
        Extraction(article=article, mentions=found, claims=tuple(extract_claims(article, found, theatre=theatre)))
        for article, found in zip(articles, mentions, strict=True)
    ]


def _extract_in_worker(articles: Sequence[Article]) -> list[Extraction]:
    # Each worker process loads the gazetteer once (Gazetteer.load is cached per process).
    from frontmap.gazetteer import Gazetteer

    return extract_batch(articles, Gazetteer.load())


def extract_all(
    articles: Sequence[Article],
    gazetteer: Gazetteer,
    *,
    processes: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[Extraction]:
    """Extract every article, in input order, in batches of ``BATCH`` reports (see there); ``processes > 1``
    spreads the batches over processes.

    ``progress(done, total)`` is called after each report.

    >>> extract_all([], Gazetteer.load())  # doctest: +SKIP
    []
    """
    total = len(articles)
    batches = [articles[k : k + BATCH] for k in range(0, total, BATCH)]
    results: list[Extraction] = []

    def take(extracted: list[Extraction]) -> None:
        for ex in extracted:
            results.append(ex)
            if progress:
                progress(len(results), total)

    if processes <= 1 or len(batches) < 2:
        for batch in batches:
            take(extract_batch(batch, gazetteer))
        return results
    with ProcessPoolExecutor(max_workers=min(processes, len(batches), os.cpu_count() or 1)) as pool:
        for extracted in pool.map(_extract_in_worker, batches):
            take(extracted)
    return results


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """One entry of ``places`` in the JSON contract."""
    p = mention.place
    return {
        "surface": mention.surface,
        "start": mention.start,
        "end": mention.end,
        "name": p.name,
        "kind": p.kind,
        "country": p.country,
        "admin1": p.admin1,
        "lat": p.lat,
        "lon": p.lon,
        "precision": p.precision,
        "role": mention.role,
        "part": mention.part,
    }


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """The JSON object of one report in ``frontmap extract --json``."""
    from frontmap.claims import claim_to_dict

    a = extraction.article
    return {
        "doc": a.id,
        "title": a.title,
        "url": a.url,
        "published": a.published.isoformat() if a.published else None,
        "places": [mention_to_dict(m) for m in extraction.mentions],
        "claims": [claim_to_dict(c) for c in extraction.claims],
    }


def iter_dicts(extractions: Iterable[Extraction]) -> Iterator[dict[str, Any]]:
    for ex in extractions:
        yield extraction_to_dict(ex)
