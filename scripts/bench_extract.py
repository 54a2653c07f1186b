#!/usr/bin/env python3
"""Extraction throughput and peak memory: documents/second for the whole
per-document extraction (timexes, actors, events) plus the merge, with one
worker and with every core, on news-size articles.

    python scripts/bench_extract.py                 # TBAQ texts if present, else the seed varied
    python scripts/bench_extract.py --docs 200 --corpus /path/to/tbaq

Prints absolute figures and the all-cores/one-worker ratio measured in the
same process (absolute numbers depend on the machine; the ratio less so), for
a cold worker pool (the run pays for starting it) and a warm one (the pool is
kept for the session, as the app keeps it between extractions).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.core import pipeline  # noqa: E402
from desktop_app.core.model import Document  # noqa: E402


def load_texts(corpus: Path, want: int) -> list[Document]:
    docs: list[Document] = []
    files = sorted((corpus / "AQUAINT").glob("*.tml")) + sorted((corpus / "TimeBank").glob("*.tml"))
    for f in files:
        root = ET.parse(f).getroot()
        text = "".join(root.find(".//TEXT").itertext())
        dct = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
        docs.append(Document(id=f.stem, path=str(f), text=text, dct=dct))
    if not docs:
        seed = (ROOT / "seeds" / "000_54cc48f895b22f49.txt").read_text(encoding="utf-8")
        # Vary the seed so no two documents are identical (the cache would hide the work).
        docs = [Document(id=f"seed{i}", path="seed", text=seed.replace("November", ["October", "May", "June"][i % 3]) + f"\n\nCopy {i}.",
                         dct=f"200{i % 10}-11") for i in range(want)]
    out = []
    i = 0
    while len(out) < want:
        d = docs[i % len(docs)]
        # Distinct ids and a distinct tail so repeated texts are really re-extracted.
        out.append(Document(id=f"{d.id}~{i}", path=d.path, text=d.text + f"\n\n[{i}]", dct=d.dct))
        i += 1
    return out


def run(docs, workers: int) -> tuple[float, int]:
    pipeline._CACHE.clear()
    t0 = time.perf_counter()
    c = pipeline.extract_corpus(docs, workers=workers)
    return time.perf_counter() - t0, len(c.events)


def bench_vs_dateparser(docs: list[Document]) -> None:
    """The whole per-document extraction (annotate: sentences, tokens, timexes, actors; events)
    against dateparser.search.search_dates alone, same texts, same process, best of five: the
    ratio is what the issue bounds (>= 2.5x), as absolute speed depends on the machine."""
    from datetime import datetime
    from dateparser.search import search_dates

    def theirs():
        for d in docs:
            settings = {"RELATIVE_BASE": datetime.fromisoformat(d.dct[:10])} if d.dct and len(d.dct) >= 10 else {}
            search_dates(d.text, languages=["en"], settings=settings)

    from desktop_app.core.actors.gazetteer import fold
    from desktop_app.core.actors.names import is_name_text
    from desktop_app.core.actors.translit import translit_key

    def ours():
        # Per-name caches start empty each round: repeating the same documents must not
        # make every name a cache hit (a real corpus is read once).
        for cached in (fold, translit_key, is_name_text):
            getattr(cached, "cache_clear", lambda: None)()
        for d in docs:
            pipeline.extract_document(d)

    def timed(fn) -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - t0, time.process_time() - c0

    search_dates("warm up on March 3, 1998", languages=["en"])   # one-time loading outside the timing
    # Rounds alternate the two, so a burst of load on a shared machine hits both; best of five.
    # CPU time too: on a shared machine it is less disturbed by other processes than wall time.
    t_ours = t_theirs = c_ours = c_theirs = float("inf")
    for _ in range(5):
        (w, c), (w2, c2) = timed(ours), timed(theirs)
        t_ours, c_ours, t_theirs, c_theirs = min(t_ours, w), min(c_ours, c), min(t_theirs, w2), min(c_theirs, c2)
    print(f"one process, {len(docs)} documents: eventscope extraction {len(docs) / t_ours:7.1f} docs/s, "
          f"dateparser search_dates {len(docs) / t_theirs:7.1f} docs/s")
    print(f"ratio extraction / search_dates: {t_theirs / t_ours:.2f}x (wall), {c_theirs / c_ours:.2f}x (CPU; "
          f"extraction {len(docs) / c_ours:.1f} docs per CPU-second)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="/work/shared/corpora/tbaq")
    ap.add_argument("--docs", type=int, default=120)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--filter-events", type=int, default=100_000,
                    help="also time selection filtering on this many synthetic events (0: skip)")
    ap.add_argument("--vs-dateparser", type=int, default=40, metavar="N",
                    help="time the whole one-process extraction of N documents against dateparser's "
                         "search_dates on the same texts (0: skip)")
    ap.add_argument("--only-vs-dateparser", action="store_true", help="stop after that comparison")
    args = ap.parse_args(argv)
    docs = load_texts(Path(args.corpus), args.docs)
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} documents, mean {chars / len(docs):.0f} characters")
    pipeline.extract_corpus(docs[:2])     # import and gazetteer load outside the timing
    if args.vs_dateparser:
        bench_vs_dateparser(docs[:args.vs_dateparser])
        if args.only_vs_dateparser:
            return 0

    t1, n_ev = run(docs, 1)
    print(f"workers=1: {len(docs) / t1:7.1f} docs/s  ({t1:.2f} s, {n_ev} events)")
    pipeline.shutdown_workers()
    tn, _ = run(docs, args.workers)
    print(f"workers={args.workers}, cold pool (includes starting it): {len(docs) / tn:7.1f} docs/s  ({tn:.2f} s)")
    tw, _ = run(docs, args.workers)
    print(f"workers={args.workers}, warm pool (started by the run before): {len(docs) / tw:7.1f} docs/s  ({tw:.2f} s)")
    print(f"ratio workers={args.workers} / workers=1: cold {t1 / tn:.2f}x, warm {t1 / tw:.2f}x")
    pipeline.shutdown_workers()
    # Memory separately: tracemalloc slows Python code several-fold, so it must not share the timing.
    sample = docs[: max(10, len(docs) // 4)]
    tracemalloc.start()
    run(sample, 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced Python memory, {len(sample)} documents in one process: {peak / 2**20:.1f} MiB")
    print(f"max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if args.filter_events:
        bench_filter(args.filter_events)
    return 0


def bench_filter(n: int, actors: int = 2000, calls: int = 50) -> None:
    """Selection filtering through FilterIndex against a plain scan of the event list."""
    import random
    from datetime import datetime, timedelta

    from desktop_app.core.filtering import FilterIndex
    from desktop_app.core.model import Actor, Corpus, Event, EventDate, Interval, Participant
    from desktop_app.core.network import ties_from_events

    rnd = random.Random(0)
    base = datetime(2000, 1, 1)
    events = []
    for i in range(n):
        s = base + timedelta(days=rnd.randrange(9000))
        ids = {f"a{rnd.randrange(actors)}" for _ in range(rnd.randint(1, 4))}
        events.append(Event(f"e{i}", "d", 0, 1, "x", "x", EventDate(s.date().isoformat(), Interval(s, s + timedelta(days=1), "day")),
                            [Participant(a) for a in sorted(ids)]))
    c = Corpus(actors=[Actor(f"a{i}", f"A {i}", "person") for i in range(actors)], events=events)
    c.ties = ties_from_events(events)
    t0 = time.perf_counter()
    ix = FilterIndex(c)
    build = time.perf_counter() - t0
    queries = [({f"a{rnd.randrange(actors)}" for _ in range(rnd.randint(1, 3))},
                base + timedelta(days=rnd.randrange(8000))) for _ in range(calls)]
    t0 = time.perf_counter()
    for sel, lo in queries:
        ix.filter(sel, "any", (lo, lo + timedelta(days=900)))
    fast = (time.perf_counter() - t0) / calls
    t0 = time.perf_counter()
    for sel, lo in queries:
        hi = lo + timedelta(days=900)
        [e.id for e in events if sel & set(e.actor_ids()) and e.date.interval.start <= hi and e.date.interval.end > lo]
    slow = (time.perf_counter() - t0) / calls
    print(f"filter on {n} events: index build {build:.2f} s, {fast * 1000:.2f} ms per selection "
          f"(with sub-network) vs {slow * 1000:.1f} ms plain scan without it: {slow / fast:.0f}x faster")


if __name__ == "__main__":
    sys.exit(main())
