#!/usr/bin/env python3
"""Looking up the reports a click on a big aggregate mark selects, at a million events: one batch in the
core (``EventStore.indexes_of`` / ``shared_index.rows_of``) against the old path, a lookup per id.

    python scripts/bench_selection_lookup.py                       # 1M synthetic events, 50,000 reports
    python scripts/bench_selection_lookup.py --pickle /tmp/c1m.pkl --reports 20000   # a corpus pickled earlier

Clicking an aggregate selects every report of every happening it folds; the timeline (its halo rows),
the table (its rows), the document view (how many happenings) and the network (the actors named) each
look those ids up.  The old path was ``store.index_of`` per id, four times over; the new one is one
vectorised search per view.  Both run here on the same ids, in this process, after the id index is
built (the first lookup builds it either way), and must agree.  Prints times and the ratio; no
figure is asserted.
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.core.synthetic import make_corpus  # noqa: E402

VIEWS = 4       # the timeline, the table, the document view and the network each look the ids up


def old_path(store, ids) -> np.ndarray:
    out = None
    for _ in range(VIEWS):
        out = np.array([r for r in (store.index_of(e) for e in ids) if r is not None], np.int64)
    return out


def new_path(store, ids) -> np.ndarray:
    out = None
    for _ in range(VIEWS):
        rows = store.indexes_of(ids)
        out = rows[rows >= 0]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--reports", type=int, default=50_000, help="reports the aggregate's happenings hold")
    ap.add_argument("--pickle", help="read the corpus from this pickle (a compact corpus, e.g. /tmp/c1m.pkl)")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    t = time.perf_counter()
    store = (pickle.loads(Path(a.pickle).read_bytes()) if a.pickle else
             make_corpus(a.events, max(50, min(10_000, a.events // 100)), seed=0, compact=True)).events
    print(f"corpus: {len(store):,} events in {time.perf_counter() - t:.1f} s")
    rng = np.random.default_rng(0)
    rows = np.sort(rng.choice(len(store), size=min(a.reports, len(store)), replace=False))
    ids = [store.ids[int(r)] for r in rows] + ["no-such-event#e1"]
    t = time.perf_counter()
    store.index_of(ids[0])
    print(f"id index built in {time.perf_counter() - t:.2f} s (once per corpus, either path)")
    best_old = best_new = float("inf")
    for _ in range(a.repeat):
        t = time.perf_counter()
        old = old_path(store, ids)
        best_old = min(best_old, time.perf_counter() - t)
        t = time.perf_counter()
        new = new_path(store, ids)
        best_new = min(best_new, time.perf_counter() - t)
    assert np.array_equal(old, new) and np.array_equal(new, rows), "the two paths disagree"
    print(f"{len(ids) - 1:,} reports looked up by {VIEWS} views: per id {best_old * 1000:.0f} ms, "
          f"one batch {best_new * 1000:.0f} ms, ratio {best_old / best_new:.1f}x")


if __name__ == "__main__":
    main()
