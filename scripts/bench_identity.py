#!/usr/bin/env python3
"""Cross-document identity at scale: 10,000 actors over 1M events, against a naive resolver.

    python scripts/bench_identity.py                          # 1M events, 10,000 actors
    python scripts/bench_identity.py --events 200000 --baseline 3000

The synthetic generator (core/synthetic) gives the events, their documents
and their actors. Each document's actors become the identity step's entries
as extraction would hand them over: a person is written in full in some
documents and by surname alone in others (with a title now and then), an
organization sometimes with a company suffix. ``resolve_identities`` then
groups all entries; the time, the entries per second and the actors found
are printed.

The baseline is the naive way to do the same: every entry compared with
every actor found so far (same key, or a short form of it). It is timed on
the first ``--baseline`` entries and on the same entries with the real
resolver, in this process, and the per-entry ratio is printed; the naive
time for all entries is extrapolated (it grows with entries x actors).
No figure is asserted: these are measurements.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.core.actors.identity import Entry, _person_forms, family, name_key, resolve_identities  # noqa: E402
from desktop_app.core.model import ACTOR_TYPES  # noqa: E402
from desktop_app.core.synthetic.events import make_event_columns  # noqa: E402


def entries_from_columns(n_events: int, n_actors: int, seed: int = 0) -> list[Entry]:
    cols = make_event_columns(n_events, n_actors, seed)
    rng = random.Random(seed)
    doc_of_event = cols.doc
    # (doc, actor) pairs: every actor an event of the document names.
    order = np.repeat(np.arange(len(cols)), np.diff(cols.actor_ptr))
    pairs = np.unique(np.stack([doc_of_event[order].astype(np.int64), cols.actor_idx.astype(np.int64)], axis=1), axis=0)
    entries = []
    names, types = cols.actor_names, [ACTOR_TYPES[t] for t in cols.actor_types.tolist()]
    for d, a in pairs.tolist():
        name, type_ = names[a], types[a]
        written, roles, strength = name, [], 5
        r = rng.random()
        if type_ == "person" and len(name.split()) >= 2 and r < 0.3:
            written = name.split()[-1]                    # "Quillfeather said ..."
            roles = ["President"] if r < 0.05 else []
            strength = 3
        elif type_ == "organization" and r < 0.2:
            written = name + " Inc."
        entries.append(Entry(written, type_, [], strength, False, cols.doc_ids[d], roles))
    return entries


def naive(entries: list[Entry]) -> int:
    """Each entry against every actor so far: the same key, or one of its short forms."""
    groups: list[tuple[str, str, set]] = []          # family, key, short-form keys
    for e in entries:
        fam, k = family(e.type), name_key(e.name)
        for gf, gk, forms in groups:
            if gf == fam and (gk == k or k in forms):
                break
        else:
            forms = {f for _, f in _person_forms(e.name)} if fam == "person" else set()
            groups.append((fam, k, forms))
    return len(groups)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=10_000)
    ap.add_argument("--baseline", type=int, default=5_000, help="entries the naive resolver is timed on")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    entries = entries_from_columns(args.events, args.actors)
    t_gen = time.perf_counter() - t0
    print(f"{args.events:,} events, {args.actors:,} actors: {len(entries):,} document-level actors "
          f"({t_gen:.1f} s to generate)")

    t0, c0 = time.perf_counter(), os.times().user
    ident = resolve_identities(entries, {name_key(e.name) for e in entries if e.type == "location"})
    t_all, c_all = time.perf_counter() - t0, os.times().user - c0
    joined = sum(1 for ev in ident.evidence if ev)
    # CPU time beside the wall time: on a shared machine the wall time also counts other processes' turns.
    print(f"identity step, all entries: {t_all:.2f} s ({c_all:.2f} s CPU; {len(entries) / t_all:,.0f} entries/s); "
          f"{len(ident.groups):,} actors, {joined:,} with recorded evidence")

    sample = entries[:args.baseline]
    t0 = time.perf_counter()
    resolve_identities(sample)
    t_fast = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_naive = naive(sample)
    t_naive = time.perf_counter() - t0
    ratio = (t_naive / len(sample)) / (t_fast / len(sample))
    # The naive cost grows with entries x actors found: scale by both.
    extrapolated = t_naive * (len(entries) / len(sample)) * (len(ident.groups) / max(1, n_naive))
    print(f"on the first {len(sample):,} entries: identity step {t_fast * 1000:.0f} ms, naive {t_naive * 1000:.0f} ms "
          f"({ratio:.1f}x)")
    print(f"naive on all entries, extrapolated: ~{extrapolated:,.0f} s ({extrapolated / t_all:,.0f}x the identity step)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
