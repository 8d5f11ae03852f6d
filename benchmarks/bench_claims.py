#!/usr/bin/env python3
"""Claim extraction benchmark: plain-text reports of ~4 KB per second on one core.

Run: .venv/bin/python benchmarks/bench_claims.py
Prints claim extraction alone (no mentions) and, when the gazetteer and geoparser are available,
geoparse alone against geoparse + claims (issue 4: the pipeline stays within 30 % of geoparse alone),
the median of several worker processes (see ``PROCESSES``); and, for reference, the same on the development
corpus's real reports when ``../shared`` is beside the checkout.

The reports are synthetic and deterministic: sentences written for this benchmark, mixing territorial
claims (areas, distances, counts, captures, shares, quotes, hedges) with the numbers that are not claims
(casualties, strikes, distances between places), so every matcher and rule is exercised.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
from pathlib import Path

TEMPLATES = [
    "Ukrainian forces recaptured more than {n} square kilometers ({m} square miles) near {town}, "
    "the army said on {day}.",
    "Russia's defence ministry said its troops had taken {village}, a village in the {oblast} region.",
    "Moscow says its forces advanced {n} kilometres west of {town}, a claim Kyiv denied.",
    '"Our units have liberated {n} settlements this week," {given} {surname} said on {day}.',
    "Russian troops were pushed back {n} km from the outskirts of {town}, according to the General Staff.",
    "Russia now holds about {n}% of the {oblast} region, analysts at the think tank estimated.",
    "The village of {village} lies {n} km south of {town}, on the road to {town2}.",
    "Shelling killed {n} civilians and damaged homes in {m} villages overnight.",
    "Air defences shot down {n} drones over the {oblast} region on {day}.",
    "Reporters could not independently verify the figures, which came from a post on Telegram on {day}.",
    "Russian forces will likely try to capture {town} in the coming weeks, the institute said.",
    "Since the start of {month}, Kyiv's troops have regained roughly {n} sq km, {given} {surname} told "
    "reporters.",
    "Ukrainian units withdrew from {village} to avoid encirclement, the brigade said in a statement.",
    "Russian forces took control of {village} and {village2} in {oblast} Oblast, the ministry claimed "
    "without evidence.",
    "The front line near {town} has barely moved in {month}, with both sides reporting heavy losses.",
    "Минобороны России сообщило, что российские войска освободили {village_ru} за неделю.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "May", "June", "August", "October"]
GIVEN = ["Oleksandr", "Andrii", "Vitalii", "Serhii", "Dmitry", "Nazar", "Hanna"]
SURNAMES = ["Kovalenko", "Shevchuk", "Bondar", "Melnyk", "Tkachenko", "Petrenko", "Kravets"]
TOWNS = ["Pokrovsk", "Kupiansk", "Toretsk", "Orikhiv", "Vovchansk", "Kostiantynivka", "Huliaipole", "Lyman"]
VILLAGES = [
    "Robotyne",
    "Krynky",
    "Urozhaine",
    "Staromaiorske",
    "Novoprokopivka",
    "Pishchane",
    "Stepove",
    "Ivanivka",
]
VILLAGES_RU = ["Новогродовку", "Тоненькое", "Успеновку", "Желанное"]
OBLASTS = ["Donetsk", "Kharkiv", "Zaporizhzhia", "Luhansk", "Kherson", "Sumy"]


def make_reports(count: int, size: int = 4000, seed: int = 11) -> list[str]:
    """``count`` deterministic synthetic reports of about ``size`` characters each."""
    rng = random.Random(seed)
    reports = []
    for _ in range(count):
        parts: list[str] = []
        length = 0
        while length < size:
            s = rng.choice(TEMPLATES).format(
                n=rng.randint(2, 900),
                m=rng.randint(2, 300),
                day=rng.choice(DAYS),
                month=rng.choice(MONTHS),
                given=rng.choice(GIVEN),
                surname=rng.choice(SURNAMES),
                town=rng.choice(TOWNS),
                town2=rng.choice(TOWNS),
                village=rng.choice(VILLAGES),
                village2=rng.choice(VILLAGES),
                village_ru=rng.choice(VILLAGES_RU),
                oblast=rng.choice(OBLASTS),
            )
            parts.append(s)
            length += len(s) + 1
        reports.append(" ".join(parts))
    return reports


CLAIMS_ONLY = r"""
import datetime as dt, json, resource, sys, time
sys.path.insert(0, "benchmarks")
from bench_claims import make_reports
from frontmap.claims import extract_claims
from frontmap.claims.tables import load_tables
from frontmap.records import Article
t = time.process_time(); load_tables(); t_tables = time.process_time() - t
reports = make_reports(300)
articles = [Article(f"r{i}", text, published=dt.date(2024, 6, 1)) for i, text in enumerate(reports)]
extract_claims(articles[0], [])
elapsed = float("inf")
for _ in range(3):
    t = time.process_time()
    n = sum(len(extract_claims(a, [])) for a in articles)
    elapsed = min(elapsed, time.process_time() - t)
print(json.dumps({"reports": len(articles), "mean_chars": sum(map(len, reports)) / len(reports),
                  "claims_per_report": n / len(articles), "reports_per_s": len(articles) / elapsed,
                  "tables_s": t_tables,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# The comparison uses the geoparse benchmark's own reports, so "geoparse alone" matches that benchmark. The
# pipeline is timed as the library runs a corpus, extract_all (stage by stage over batches of reports: see
# frontmap.pipeline.BATCH), and also report by report (extract, one call each).
# Each pass is repeated seven times and the fastest kept, timed in CPU seconds (process_time): the machine
# may be shared, and with fewer repeats one slow pass of either kind moves the ratio by several points.
PIPELINE = r"""
import datetime as dt, json, sys, time
sys.path.insert(0, "benchmarks")
from bench_geoparse import make_reports
from frontmap.claims import extract_claims
from frontmap.gazetteer import Gazetteer
from frontmap.geoparse import geoparse
from frontmap.pipeline import extract, extract_all
from frontmap.records import Article
g = Gazetteer.load()
if len(sys.argv) > 1:  # a folder of real reports, read ten times
    from frontmap.articles import read_articles
    articles = read_articles([sys.argv[1]]) * 10
else:
    reports = make_reports(g, 200)
    articles = [Article(f"r{i}", text, published=dt.date(2024, 6, 1)) for i, text in enumerate(reports)]
extract_all(articles[:20], g)
t_geo = t_all = t_one = t_stages = float("inf")
n_claims = 0
for _ in range(7):
    t = time.process_time()
    mentions = [geoparse(a, g) for a in articles]
    geo_pass = time.process_time() - t
    t_geo = min(t_geo, geo_pass)
    t = time.process_time()
    n_claims = sum(len(ex.claims) for ex in extract_all(articles, g))
    t_all = min(t_all, time.process_time() - t)
    t = time.process_time()
    for a in articles:
        extract(a, g)
    t_one = min(t_one, time.process_time() - t)
    # The claims stage alone, on the mentions just found: the pipeline's cost is the two stages' sum, taken
    # within one pass (the sum of each stage's best pass would flatter it).
    t = time.process_time()
    for a, m in zip(articles, mentions):
        extract_claims(a, m)
    t_stages = min(t_stages, geo_pass + time.process_time() - t)
print(json.dumps({"geoparse_per_s": len(articles) / t_geo, "pipeline_per_s": len(articles) / t_all,
                  "one_by_one_per_s": len(articles) / t_one, "stages_ratio": t_geo / t_stages,
                  "claims_per_report": n_claims / len(articles),
                  "mean_chars": sum(len(a.text) for a in articles) / len(articles)}))
"""


# Real reporting, claim-dense by choice: the labelled development corpus, read in place when ../shared is beside
# the checkout (never copied), timed by the same script for reference (the target is the benchmark's).
DEV_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev" / "articles"


def _run(code: str, *args: str) -> dict | None:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if out.returncode:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


#: Worker processes for the comparison. Each keeps its fastest passes, yet separate processes differ by several
#: points (code and data land at other addresses, hash seeds differ: the caches' luck moves), so the figure is
#: the median over several processes, as pyperf does with its worker processes.
PROCESSES = 5


def main() -> int:
    alone = _run(CLAIMS_ONLY)
    if alone is None:
        print("claims benchmark failed to run")
        return 1
    print(
        f"reports: {alone['reports']} synthetic plain-text reports, mean {alone['mean_chars']:.0f} chars, "
        f"{alone['claims_per_report']:.1f} claims each"
    )
    print(
        f"claim extraction: {alone['reports_per_s']:.0f} reports/s on one core (no mentions); "
        f"tables compiled once in {alone['tables_s']:.2f} s; max RSS {alone['maxrss_mb']:.0f} MB"
    )
    runs = []
    for _ in range(PROCESSES):
        both = _run(PIPELINE)
        if both is None:
            print("geoparse + claims: skipped (gazetteer or geoparser not available)")
            return 0
        runs.append(both)
    ratios = sorted(r["pipeline_per_s"] / r["geoparse_per_s"] for r in runs)
    ratio = statistics.median(ratios)
    mid = min(runs, key=lambda r: abs(r["pipeline_per_s"] / r["geoparse_per_s"] - ratio))
    one = sorted(r["one_by_one_per_s"] / r["geoparse_per_s"] for r in runs)
    print(
        f"on the geoparse benchmark's reports ({mid['claims_per_report']:.1f} claims each), median of "
        f"{len(runs)} processes: geoparse alone {mid['geoparse_per_s']:.0f} reports/s; geoparse + claims "
        f"(extract_all) {mid['pipeline_per_s']:.0f} reports/s = {ratio:.1%} of geoparse alone (processes "
        f"{ratios[0]:.1%}-{ratios[-1]:.1%}; target >= 70%)"
    )
    print(
        f"  report by report (extract): {statistics.median(one):.1%} ({one[0]:.1%}-{one[-1]:.1%}); the two stages "
        f"timed apart within one pass: {statistics.median(r['stages_ratio'] for r in runs):.1%}"
    )
    dev = _run(PIPELINE, str(DEV_CORPUS)) if DEV_CORPUS.is_dir() else None
    if dev is not None:
        print(
            f"  for reference, the development corpus read ten times (real reports of {dev['mean_chars'] / 1000:.1f} "
            f"KB, {dev['claims_per_report']:.1f} claims each): extract_all keeps "
            f"{dev['pipeline_per_s'] / dev['geoparse_per_s']:.0%}"
        )
    return 0 if ratio >= 0.7 else 1


if __name__ == "__main__":
    sys.exit(main())
