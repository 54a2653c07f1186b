#!/usr/bin/env python3
"""Grouping events into happenings at a million events, against the unblocked rules.

    python scripts/bench_happenings.py                    # 1M events, baseline on 4,000
    python scripts/bench_happenings.py --events 200000 --baseline 3000
    python scripts/bench_happenings.py --pickle /tmp/happenings-1m.pkl   # generate once, reuse

Prints: reading the event features, grouping (blocked by action key, day and participant;
a batch of action keys at a time, as ``group_happenings``), the memory grouping adds (peak and
retained), adding one more document's events to the grouped corpus (seeded from the grouping,
as the app does), the app's path for the same (``with_happenings(corpus,
previous)``: features over the new corpus, the grouping carried by event id, its action keys
replayed, the new events grouped) against grouping the whole corpus, the same for re-extracting
that document with another creation time and for removing it (``added.py``: the happenings that
lost reports regrouped, by default split where those held them at this size, and with
``--exact`` also its action keys regrouped from scratch), and, on the first ``--baseline`` events of the same
corpus in this process, the blocked grouping against ``naive_groups`` (every event against
every happening so far) with how far their results agree. No figure is asserted.
"""
from __future__ import annotations

import argparse
import gc
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dataclasses import replace  # noqa: E402

from desktop_app.core.happenings import HappeningIndex, Happenings, event_features, with_happenings  # noqa: E402
from desktop_app.core.store.events import EventStore  # noqa: E402
from desktop_app.core.store.strings import StringColumn  # noqa: E402
from desktop_app.core.happenings.features import event_columns  # noqa: E402
from desktop_app.core.happenings.batched import group_rows  # noqa: E402
from desktop_app.core.happenings.grouping import naive_groups  # noqa: E402
from desktop_app.core.synthetic import make_corpus  # noqa: E402
from process_memory import peak_mb, reset_peak, rss_mb  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=10_000)
    ap.add_argument("--baseline", type=int, default=4000)
    ap.add_argument("--pickle", help="read the corpus from this pickle when it exists, else write it there")
    ap.add_argument("--exact", action="store_true", help="also time regrouping the changed document's action keys")
    a = ap.parse_args()
    t = time.perf_counter()
    if a.pickle and Path(a.pickle).exists():
        with open(a.pickle, "rb") as fh:
            corpus = pickle.load(fh)
    else:
        corpus = make_corpus(a.events, a.actors, seed=0, compact=True, spans=False)
        if a.pickle:
            with open(a.pickle, "wb") as fh:
                pickle.dump(corpus, fh, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"corpus: {len(corpus.events):,} events, {len(corpus.documents):,} documents "
          f"({time.perf_counter() - t:.1f} s to generate or read)")
    gc.collect()
    base = rss_mb()
    reset_peak()
    store = event_columns(corpus)
    t, c0 = time.perf_counter(), time.process_time()
    f = event_features(corpus, store)
    t_feat, c_feat = time.perf_counter() - t, time.process_time() - c0
    # Everything but the last document first; then that document alone, as when one is added.
    last = store.rows_of_doc(store.doc_id(len(store) - 1))
    rest = np.setdiff1d(np.arange(len(store)), last)
    t, c0 = time.perf_counter(), time.process_time()
    of_event, founders = group_rows(f, store.ids, rest)     # as group_happenings: a batch of action keys at a time
    t_group, c_group = time.perf_counter() - t, time.process_time() - c0
    peak = peak_mb() - base
    # The core of adding a document (the app path below adds the features pass over the new corpus):
    # the grouping seeded into an index, the reached happenings replayed, the document's events placed.
    t = time.perf_counter()
    idx = HappeningIndex.from_groups(f, store.ids, of_event, founders)
    idx.add(last)
    t_inc = time.perf_counter() - t
    replayed = idx.replayed
    t = time.perf_counter()
    h = Happenings(idx.of_event, idx.happening_ids(), store.ids, store.labels, f)
    t_rec = time.perf_counter() - t
    del idx, of_event, founders
    gc.collect()
    held = rss_mb() - base
    sizes = h.size()
    print(f"features {t_feat:.1f} s; grouping {t_group:.1f} s; records {t_rec:.1f} s; "
          f"total {t_feat + t_group + t_rec:.1f} s wall")
    print(f"CPU time (the machine may be shared): features {c_feat:.1f} s; grouping {c_group:.1f} s; "
          f"total {c_feat + c_group:.1f} s")
    print(f"happenings: {len(h):,} ({int((sizes > 1).sum()):,} with 2+ reports, largest {int(sizes.max())})")
    print(f"memory added (RSS over the corpus): peak {peak:.0f} MB while reading the features and grouping; "
          f"held with the happenings {held:.0f} MB")
    print(f"adding one document ({len(last)} events) to the grouped corpus (seeded, {replayed:,} reports "
          f"replayed): {t_inc * 1000:.1f} ms (regrouping everything: {t_group:.1f} s, {t_group / max(t_inc, 1e-9):,.0f}x)")
    _app_path(corpus, store, last)
    _changed_paths(corpus, store, last, a.exact)
    n = min(a.baseline, len(store))
    sub = f.subset(n)
    t = time.perf_counter()
    naive = naive_groups(sub)
    t_naive = time.perf_counter() - t
    t = time.perf_counter()
    bi = HappeningIndex(sub, [str(i) for i in range(n)])
    bi.add()
    t_block = time.perf_counter() - t
    same = _agreement(naive, bi.of_event)
    print(f"baseline, first {n:,} events: naive {t_naive:.2f} s, blocked {t_block * 1000:.0f} ms "
          f"({t_naive / max(t_block, 1e-9):.0f}x); pairs grouped alike {same:.1%}")


def _without_last_document(corpus, store, last: np.ndarray):
    """``corpus`` before its last document was added (that document's events are the store's last rows)."""
    m = len(store) - len(last)
    if int(last.min()) != m:
        raise SystemExit("the last document's events are not the store's last rows")
    c, k = store.c, int(store.c["actor_ptr"][m])
    cols = {name: col[:m + 1] if name == "actor_ptr" else col[:k] if name in ("actor", "role") else col[:m]
            for name, col in c.items()}
    ids = StringColumn(store.ids._buf, store.ids._off[:m + 1])
    labels = StringColumn(store.labels._buf, store.labels._off[:m + 1])
    events = EventStore(cols, store.codes, ids, labels, {i: t for i, t in store._own_text.items() if i < m},
                        store._documents)
    gone = store.doc_id(len(store) - 1)
    return replace(corpus, events=events, documents=[d for d in corpus.documents if d.id != gone], happenings=None)


def _app_path(corpus, store, last: np.ndarray) -> None:
    """What the app runs after extraction when a document is added, against grouping everything."""
    previous = _without_last_document(corpus, store, last)
    t, c0 = time.perf_counter(), time.process_time()
    with_happenings(previous)
    t_all, c_all = time.perf_counter() - t, time.process_time() - c0
    corpus.happenings = None
    t, c0 = time.perf_counter(), time.process_time()
    with_happenings(corpus, previous)
    t_add, c_add = time.perf_counter() - t, time.process_time() - c0
    kept = set(previous.happenings.ids) <= set(corpus.happenings.ids)
    replayed = corpus.happenings.replayed
    if replayed is None:
        raise SystemExit("the app path grouped everything: documents were not only added")
    print(f"app path, adding one document ({len(last)} events) to the grouped corpus: {t_add:.2f} s "
          f"(features over the new corpus, grouping carried, {replayed:,} reports of the new events' "
          f"{len(np.unique(corpus.happenings.f.key_code[last]))} action keys replayed of "
          f"{len(corpus.happenings.f.keys)}, new events grouped; existing ids kept: {kept}) "
          f"vs grouping everything {t_all:.1f} s: {t_all / max(t_add, 1e-9):.1f}x; "
          f"CPU {c_add:.2f} s vs {c_all:.1f} s: {c_all / max(c_add, 1e-9):.1f}x")


def _timed(fn):
    t, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c0


def _changed_paths(corpus, store, last: np.ndarray, exact: bool) -> None:
    """Re-extracting the last document with another creation time, and removing it, against grouping everything."""
    from desktop_app.core.happenings import group_happenings
    from desktop_app.core.happenings.added import added_happenings
    gone = store.doc_id(len(store) - 1)
    redated = replace(corpus, documents=[replace(d, dct="1990-01-01") if d.id == gone else d
                                         for d in corpus.documents], happenings=None)
    removed = _without_last_document(corpus, store, last)
    full, t_all, c_all = _timed(lambda: group_happenings(redated))
    del full
    for name, new, share in (("re-extracting it (new creation time)", redated, None),
                             ("removing it", removed, None),
                             *((("re-extracting it, its action keys regrouped", redated, 1.0),) if exact else ())):
        kw = {} if share is None else {"exact_share": share}
        h, t_one, c_one = _timed(lambda: added_happenings(new, corpus, **kw))
        if h is None:
            raise SystemExit(f"{name}: grouped everything")
        print(f"app path, {name}: {t_one:.2f} s ({h.regrouped}; {h.replayed or 0:,} reports replayed) vs grouping "
              f"everything {t_all:.1f} s: {t_all / max(t_one, 1e-9):.1f}x; CPU {c_one:.2f} s vs {c_all:.1f} s: "
              f"{c_all / max(c_one, 1e-9):.1f}x")
        del h


def _agreement(a: np.ndarray, b: np.ndarray) -> float:
    """Share of event pairs (within a sample) that both groupings put together or both apart."""
    rng = np.random.default_rng(0)
    i = rng.integers(0, len(a), 200_000)
    j = rng.integers(0, len(a), 200_000)
    return float(np.mean((a[i] == a[j]) == (b[i] == b[j])))


if __name__ == "__main__":
    main()
