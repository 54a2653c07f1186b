#!/usr/bin/env python3
"""Peak memory of 1,000,000 synthetic events: model objects vs the columnar store vs bare arrays.

    python scripts/bench_memory.py [--events 1000000] [--actors 10000]

Forms: ``arrays`` (the generator's numpy columns alone: the timeline
benchmark's input), ``store`` (the whole corpus as the app holds it:
``core.store`` columns for events, mentions and timexes, compressed document
text, ties; written one document at a time), ``objects`` (the same corpus as
Python dataclasses, as before the store existed; ``objects-no-spans`` leaves
out mentions and timexes).

Each form is built in a fresh child process so its peak RSS (ru_maxrss) is
its own; a child that only imports the same modules is the baseline the
figures are measured against. Prints build time, peak RSS, RSS added over
the baseline, and which form fits the 1 GB budget the app has for 1M events.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from process_memory import lifetime_peak_mb, rss_mb  # noqa: E402
BUDGET_MB = 1024.0
FORMS = ("baseline", "arrays", "store", "objects-no-spans", "objects")


def _child(form: str, n_events: int, n_actors: int) -> dict:
    from desktop_app.core.memory import return_large_blocks_promptly
    return_large_blocks_promptly()    # as the app and the CLI do at start
    from desktop_app.core.synthetic import corpus_from_columns, make_event_columns  # noqa: F401  (baseline imports too)
    t0 = time.perf_counter()
    info: dict = {"form": form}
    if form == "store":
        from desktop_app.core.synthetic import make_corpus
        corpus = make_corpus(n_events, n_actors, seed=0, compact=True)
        info["objects"] = {"events": len(corpus.events), "documents": len(corpus.documents),
                           "mentions": len(corpus.mentions), "timexes": len(corpus.timexes),
                           "ties": len(corpus.ties)}
        info["columns_mb"] = (corpus.events.nbytes + corpus.mentions.nbytes + corpus.timexes.nbytes) / 2**20
    elif form != "baseline":
        cols = make_event_columns(n_events, n_actors, seed=0)
        info["arrays_mb"] = cols.nbytes() / 2**20
        if form.startswith("objects"):
            corpus = corpus_from_columns(cols, 0, spans=(form == "objects"))
            del cols  # what stays resident is the object corpus only
            info["objects"] = {"events": len(corpus.events), "documents": len(corpus.documents),
                               "mentions": len(corpus.mentions), "timexes": len(corpus.timexes),
                               "ties": len(corpus.ties)}
        else:
            info["objects"] = {"events": len(cols), "documents": len(cols.doc_ids)}
    info["seconds"] = time.perf_counter() - t0
    info["resident_mb"] = rss_mb()
    info["peak_mb"] = lifetime_peak_mb()
    return info


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=10_000)
    ap.add_argument("--forms", default=",".join(FORMS[1:]),
                    help="comma-separated forms to build besides the baseline (default: all)")
    ap.add_argument("--child", choices=FORMS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.events, args.actors)))
        return 0
    rows = {}
    wanted = {"baseline", *[f.strip() for f in args.forms.split(",") if f.strip()]}
    for form in [f for f in FORMS if f in wanted]:
        run = subprocess.run([sys.executable, __file__, "--child", form, "--events", str(args.events),
                              "--actors", str(args.actors)], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"{form}: failed ({run.stderr.strip().splitlines()[-1] if run.stderr.strip() else run.returncode})")
            continue
        rows[form] = json.loads(run.stdout.strip().splitlines()[-1])
    if "baseline" not in rows:
        print("baseline run failed; no figures")
        return 1
    base = rows["baseline"]["peak_mb"]
    print(f"{args.events:,} events, {args.actors:,} actors; baseline (imports only) peak RSS {base:.0f} MB")
    print(f"{'form':<18}{'build s':>9}{'peak MB':>10}{'added MB':>10}{'B/event':>9}{'held MB':>9}  contents")
    for form in FORMS[1:]:
        r = rows.get(form)
        if not r:
            continue
        added = r["peak_mb"] - base
        per = added * 2**20 / max(args.events, 1)
        print(f"{form:<18}{r['seconds']:>9.1f}{r['peak_mb']:>10.0f}{added:>10.0f}{per:>9.0f}"
              f"{r['resident_mb']:>9.0f}  {r['objects']}")
    if "store" in rows and "objects" in rows:
        st = rows["store"]["resident_mb"] - rows["baseline"]["resident_mb"]
        ob = rows["objects"]["resident_mb"] - rows["baseline"]["resident_mb"]
        print(f"objects / store: held memory x{ob / max(st, 1e-9):.1f}")
    if "arrays" in rows and "objects" in rows:
        a = rows["arrays"]["peak_mb"] - base
        o = rows["objects"]["peak_mb"] - base
        print(f"objects / arrays: memory x{o / max(a, 1e-9):.1f}, "
              f"time x{rows['objects']['seconds'] / max(rows['arrays']['seconds'], 1e-9):.1f}")
    for form in ("objects", "objects-no-spans"):
        r = rows.get(form)
        if r and r["peak_mb"] > base:
            per = (r["peak_mb"] - base) / max(args.events, 1)
            print(f"{form}: about {(BUDGET_MB - base) / per:,.0f} events fit in {BUDGET_MB:.0f} MB "
                  f"(linear extrapolation of the peak)")
    fits = [f for f in FORMS[1:] if f in rows and rows[f]["peak_mb"] <= BUDGET_MB]
    best = "store" if "store" in fits else (fits[0] if fits else None)
    print("peak MB: ru_maxrss of the child; added: peak minus the imports-only baseline; "
          "held MB: RSS once built (temporaries freed)")
    verdict = (f"use the '{best}' form for {args.events:,} events (peak within {BUDGET_MB:.0f} MB);"
               f" forms within budget: {', '.join(fits)}") if best else f"no form fits {BUDGET_MB:.0f} MB"
    print(verdict)
    return 0


if __name__ == "__main__":
    sys.exit(main())
