#!/usr/bin/env python3
"""Selection filtering on the columnar store at a million events, against the object-based original.

    python scripts/bench_filter.py                       # 1M events (reads /tmp/c1m.pkl when present)
    python scripts/bench_filter.py --events 200000 --baseline 50000

Prints the ``FilterIndex`` build time and the memory it adds (retained and
peak), then the time of one ``filter()`` (ids as strings) and one
``filter_rows()`` (store rows, the sub-network as arrays; then with its
``Tie`` objects built) for: one mid-frequency actor, the most
frequent actor, a 5-year window, nothing selected; each with and without
the sub-network.  The same selections then run at ``--baseline`` events on
the object-based implementation kept below (one tuple per event, a list of
ids, an id dict) and on the current one, in this process, so the ratio is
not skewed by the machine.  No figure is asserted: these are measurements.
"""
from __future__ import annotations

import argparse
import gc
import pickle
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.core.filtering import FilterIndex  # noqa: E402
from desktop_app.core.model import Corpus, Tie  # noqa: E402
from desktop_app.core.synthetic import make_corpus  # noqa: E402
from process_memory import peak_mb, reset_peak, rss_mb  # noqa: E402

PICKLE = Path("/tmp/c1m.pkl")


class ObjectIndex:
    """The FilterIndex before the event store: one tuple per event, every id a string in a list and a dict."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        evs = corpus.events
        self.event_ids = [e.id for e in evs]
        self._pos = {eid: i for i, eid in enumerate(self.event_ids)}
        n = len(evs)
        self.dated = np.zeros(n, dtype=bool)
        starts: list = [None] * n
        ends: list = [None] * n
        buckets: dict[str, list[int]] = defaultdict(list)
        self._participants: list[tuple[str, ...]] = []
        for i, e in enumerate(evs):
            if e.dated:
                self.dated[i] = True
                starts[i] = e.date.interval.start.replace(tzinfo=None)
                ends[i] = e.date.interval.end.replace(tzinfo=None)
            ids = tuple(sorted(set(e.actor_ids())))
            self._participants.append(ids)
            for a in ids:
                buckets[a].append(i)
        self.starts = np.array(starts, dtype="datetime64[s]").astype(np.int64)
        self.ends = np.array(ends, dtype="datetime64[s]").astype(np.int64)
        self.starts[~self.dated] = 0
        self.ends[~self.dated] = 0
        self.by_actor = {a: np.asarray(v, dtype=np.int64) for a, v in buckets.items()}
        self._all = np.arange(n, dtype=np.int64)

    def filter(self, actors=(), mode="any", window=None, with_network=True):
        sel = list(dict.fromkeys(actors))
        if not sel:
            idx = self._all
        else:
            arrays = [self.by_actor.get(a, np.empty(0, dtype=np.int64)) for a in sel]
            idx = np.unique(np.concatenate(arrays)) if len(arrays) > 1 else arrays[0]
        dated = idx[self.dated[idx]]
        if window is not None:
            lo, hi = sorted(window)
            lo_s, hi_s = _seconds(lo), _seconds(hi)
            dated = dated[(self.starts[dated] <= hi_s) & (self.ends[dated] > lo_s)]
            facts = np.empty(0, dtype=np.int64)
        else:
            facts = idx[~self.dated[idx]]
        dated = dated[np.argsort(self.starts[dated], kind="stable")]
        out = ([self.event_ids[i] for i in dated], [self.event_ids[i] for i in facts])
        if with_network:
            out += self._subnetwork(np.concatenate([dated, facts]))
        return out

    def _subnetwork(self, idx):
        if len(idx) == len(self._all):
            return sorted({a for p in self._participants for a in p}), list(self.corpus.ties)
        shared: dict[tuple[str, str], list[str]] = defaultdict(list)
        actors: set[str] = set()
        for i in np.sort(idx):
            ids = self._participants[i]
            actors.update(ids)
            for a, b in combinations(ids, 2):
                shared[(a, b)].append(self.event_ids[i])
        return sorted(actors), [Tie(a, b, float(len(v)), v) for (a, b), v in sorted(shared.items())]


def _seconds(d: datetime) -> int:
    return int(np.datetime64(d.replace(tzinfo=None), "s").astype(np.int64))


# -- memory ---------------------------------------------------------------------

# -- selections -------------------------------------------------------------------

def selections(index) -> list[tuple[str, tuple, object]]:
    counts = sorted((len(v), a) for a, v in index.by_actor.items())
    mid, top = counts[len(counts) // 2], counts[-1]
    starts = index.starts[index.dated]
    centre = datetime(1970, 1, 1) + timedelta(seconds=int(np.median(starts)))
    window = (centre - timedelta(days=913), centre + timedelta(days=913))
    return [(f"mid-frequency actor ({mid[0]:,} events)", (mid[1],), None),
            (f"most frequent actor ({top[0]:,} events)", (top[1],), None),
            (f"5-year window {window[0]:%Y-%m-%d}..{window[1]:%Y-%m-%d}", (), window),
            ("nothing selected", (), None)]


def timed(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def run_new(index: FilterIndex, sels, repeat: int) -> dict:
    times = {}
    for name, actors, window in sels:
        for net in (False, True):
            t_ids, res = timed(lambda: index.filter(actors, "any", window, with_network=net), repeat)
            t_rows, rows = timed(lambda: index.filter_rows(actors, "any", window, with_network=net), repeat)
            t_objs, _ = timed(lambda: index.filter_rows(actors, "any", window, with_network=net).ties, repeat)
            times[(name, net)] = t_ids
            ties = f"{len(res.ties):>8,} ties" if net else " " * 13
            objs = f" (+Tie objects {t_objs * 1000:7.1f} ms)" if net else " " * 30
            print(f"  {name:<44} net={'yes' if net else 'no ':<3}  filter() {t_ids * 1000:8.1f} ms   "
                  f"filter_rows() {t_rows * 1000:8.1f} ms{objs}  {len(rows.dated):>9,} dated"
                  f" {len(rows.facts):>7,} facts  {ties}")
    return times


def load_million(n: int, actors: int):
    if n == 1_000_000 and PICKLE.exists():
        with open(PICKLE, "rb") as f:
            return pickle.load(f), f"read {PICKLE}"
    return make_corpus(n, actors, seed=0, compact=True), "generated"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=10_000)
    ap.add_argument("--baseline", type=int, default=100_000, help="events for the object-based comparison")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    t = time.perf_counter()
    corpus, how = load_million(args.events, args.actors)
    print(f"corpus: {len(corpus.events):,} events, {len(corpus.ties):,} ties ({how}, {time.perf_counter() - t:.1f} s)")
    gc.collect()
    before = rss_mb()
    can_reset = reset_peak()
    t = time.perf_counter()
    index = FilterIndex(corpus)
    build = time.perf_counter() - t
    gc.collect()
    print(f"FilterIndex build  {build:6.2f} s   RSS retained +{rss_mb() - before:6.1f} MB   "
          + (f"peak during build +{peak_mb() - before:6.1f} MB" if can_reset else
             f"(peak RSS of the process {peak_mb():.0f} MB; peak reset unavailable)"))
    print(f"filter at {len(corpus.events):,} events (best of {args.repeat}):")
    run_new(index, selections(index), args.repeat)
    del index, corpus
    gc.collect()

    print(f"\nbaseline at {args.baseline:,} events: object-based (old) against columnar (new), same selections")
    small = make_corpus(args.baseline, args.actors, seed=0)          # lists of Event objects, as before the store
    t = time.perf_counter()
    old = ObjectIndex(small)
    t_old = time.perf_counter() - t
    t = time.perf_counter()
    new = FilterIndex(small)                                        # converts the lists to a store once
    t_new = time.perf_counter() - t
    print(f"  build: old {t_old:6.2f} s   new {t_new:6.2f} s (includes turning the lists into a store)")
    for name, actors, window in selections(new):
        for net in (False, True):
            to, _ = timed(lambda: old.filter(actors, "any", window, with_network=net), args.repeat)
            tn, _ = timed(lambda: new.filter(actors, "any", window, with_network=net), args.repeat)
            tr, _ = timed(lambda: new.filter_rows(actors, "any", window, with_network=net), args.repeat)
            print(f"  {name:<44} net={'yes' if net else 'no ':<3}  old {to * 1000:8.1f} ms   new {tn * 1000:8.1f} ms"
                  f"   old/new {to / max(tn, 1e-9):6.1f}x   rows {tr * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
