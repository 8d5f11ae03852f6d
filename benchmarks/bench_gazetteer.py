#!/usr/bin/env python3
"""Gazetteer benchmark: cold load time, peak memory, lookups per second.

Run: .venv/bin/python benchmarks/bench_gazetteer.py
Targets (issue 2): cold Gazetteer.load() <= 1.0 s, peak memory <= 300 MB.
Each cold figure comes from a fresh interpreter so no cache or warm import hides the cost.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

# Timing and memory are measured in separate interpreters: tracemalloc slows allocation several-fold.
COLD = r"""
import json, resource, time
t0 = time.perf_counter()
import frontmap.gazetteer as gz
t_import = time.perf_counter() - t0
t1 = time.perf_counter()
g = gz.Gazetteer.load()
t_load = time.perf_counter() - t1
g.lookup("Kharkiv")
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"import_s": t_import, "load_s": t_load, "maxrss_mb": rss}))
"""

MEM = r"""
import json, tracemalloc
import frontmap.gazetteer as gz
tracemalloc.start()
g = gz.Gazetteer.load()
g.lookup("Kharkiv")
_, peak = tracemalloc.get_traced_memory()
print(json.dumps({"traced_peak_mb": peak / 2**20}))
"""

FULL = r"""
import json, resource, time
from frontmap.gazetteer import Gazetteer
g = Gazetteer.load()
t = time.perf_counter(); n = len(g.places()); t_all = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"parse_all_s": t_all, "places": n, "maxrss_mb": rss}))
"""

NAMES = ["Kharkiv", "Kharkov", "Bakhmut", "Artemovsk", "Lyman", "Andriivka", "Pisky", "Mar'yinka", "Харків",
         "Kursk region", "Washington", "Nowhereville", "Donetsk Oblast", "Robotyne", "Kupyansk", "Zolochiv"]


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    cold = [_run(COLD) for _ in range(5)]
    load = statistics.median(c["load_s"] for c in cold)
    imp = statistics.median(c["import_s"] for c in cold)
    traced = _run(MEM)["traced_peak_mb"]
    rss = max(c["maxrss_mb"] for c in cold)
    full = _run(FULL)

    from frontmap.gazetteer import Gazetteer

    g = Gazetteer.load()
    for name in NAMES:  # warm the row cache the way a long run would
        g.lookup(name)
    n = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 2.0:
        for name in NAMES:
            g.lookup(name)
        n += len(NAMES)
    lps = n / (time.perf_counter() - t0)
    n_near = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 1.0:
        g.lookup("Andriivka", near=(48.6, 38.0))
        n_near += 1
    lps_near = n_near / (time.perf_counter() - t0)
    keys = sum(1 for _ in g.keys())

    print(f"gazetteer: {len(g)} places, {keys} keys")
    print(f"import frontmap.gazetteer:        {imp:.3f} s (median of 5 fresh interpreters)")
    print(f"cold Gazetteer.load():            {load:.3f} s (median of 5; target <= 1.0 s)")
    print(f"peak memory during load:          {traced:.1f} MB traced (tracemalloc), {rss:.1f} MB max RSS "
          f"(whole process incl. the interpreter; target <= 300 MB)")
    print(f"parse every place (places()):     {full['parse_all_s']:.3f} s, max RSS {full['maxrss_mb']:.1f} MB")
    print(f"lookups/s (mixed names):          {lps:,.0f}")
    print(f"lookups/s (56-way ambiguous, near): {lps_near:,.0f}")
    ok = load <= 1.0 and rss <= 300
    print("targets:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
