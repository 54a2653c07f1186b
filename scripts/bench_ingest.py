#!/usr/bin/env python3
"""Ingestion throughput: load + full extraction of synthetic news, one process vs all cores.

    python scripts/bench_ingest.py [--docs 10000] [--seed 0] [--cluster]

Writes N synthetic articles (.txt + sidecars) to a temporary folder, then
runs each configuration in a fresh child process (so caches and peak RSS do
not carry over): ``extract_corpus(workers=1)`` -- the baseline --,
``extract_corpus(workers=os.cpu_count())`` and, with ``--cluster``,
``extract_on_cluster`` on a loopback Dask cluster. Prints wall time,
documents per second, peak memory and the speed-up over the baseline, and
checks every configuration produced the same corpus.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class TreeRss:
    """Peak summed RSS of this process and all its descendants, sampled (psutil; optional)."""

    def __init__(self, every: float = 0.2):
        self.peak = 0.0
        self.child_cpu: dict[int, float] = {}
        self._every = every
        self._stop = threading.Event()
        try:
            import psutil
        except ImportError:
            self._proc = None
            return
        self._psutil = psutil
        self._proc = psutil.Process()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for p in [self._proc, *self._proc.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                    if p.pid != self._proc.pid:
                        t = p.cpu_times()
                        self.child_cpu[p.pid] = t.user + t.system
                except (self._psutil.NoSuchProcess, self._psutil.AccessDenied):
                    pass
            self.peak = max(self.peak, total / 2**20)
            self._stop.wait(self._every)

    def workers_cpu(self) -> float | None:
        """CPU seconds of every worker seen, alive or not: persistent pools are never reaped, so
        getrusage(RUSAGE_CHILDREN) would miss them."""
        return sum(self.child_cpu.values()) if self._proc is not None else None

    def stop(self) -> float | None:
        if self._proc is None:
            return None
        self._stop.set()
        self._thread.join()
        return self.peak


def _child(config: str, folder: str) -> dict:
    from desktop_app.core.documents import load_paths
    from desktop_app.core.pipeline import extract_corpus
    rss = TreeRss()
    t0 = time.perf_counter()
    docs, errors = load_paths([folder])
    t1 = time.perf_counter()
    if config == "cluster":
        from desktop_app.core.distributed import extract_on_cluster
        corpus = extract_on_cluster(docs)
    else:
        corpus = extract_corpus(docs, workers=int(config))
    t2 = time.perf_counter()
    tree = rss.stop()
    # Read the peaks before hashing the result: serialising a large corpus costs memory of its own.
    parent_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = rss.workers_cpu()
    if workers is None:
        reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
        workers = reaped.ru_utime + reaped.ru_stime
    cpu = own.ru_utime + own.ru_stime + workers
    digest = hashlib.sha256(json.dumps(corpus.to_json(), sort_keys=True).encode()).hexdigest()[:16]
    return {
        "docs": len(docs), "load_errors": len(errors), "load_s": t1 - t0, "extract_s": t2 - t1, "total_s": t2 - t0,
        "events": len(corpus.events), "actors": len(corpus.actors), "timexes": len(corpus.timexes),
        "ties": len(corpus.ties), "extract_errors": len(corpus.errors), "digest": digest,
        "parent_peak_mb": parent_peak, "largest_child_peak_mb": child_peak,
        "tree_peak_mb": max(tree, parent_peak) if tree is not None else None,
        "cpu_s": cpu,
        "code": str(Path(sys.modules["desktop_app"].__file__).parent.parent),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cluster", action="store_true", help="also run on a local Dask cluster")
    ap.add_argument("--live-code", action="store_true",
                    help="run the working tree as it changes instead of a snapshot taken at the start")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--code", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        if args.code:
            sys.path.insert(0, args.code)
        print(json.dumps(_child(args.child, args.folder)))
        return 0
    from desktop_app.core.synthetic import make_documents, write_documents
    cores = os.cpu_count() or 1
    configs = [("1 process (baseline)", "1"), (f"{cores} processes", str(cores))]
    if args.cluster:
        configs.append((f"dask local ({cores} workers)", "cluster"))
    folder = tempfile.mkdtemp(prefix="eventscope-bench-")
    code = None
    try:
        if not args.live_code:
            # Every configuration runs the same code: the tree may change during a long run (other
            # people commit), and comparing speed or output across versions would mean nothing.
            code = tempfile.mkdtemp(prefix="eventscope-code-")
            for part in ("desktop_app", "resources"):
                shutil.copytree(ROOT / part, Path(code) / part,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "fonts"))
        t0 = time.perf_counter()
        docs = make_documents(args.docs, seed=args.seed)
        write_documents(docs, folder)
        words = sum(len(d.text.split()) for d in docs)
        print(f"{args.docs:,} synthetic documents ({words / max(args.docs, 1):.0f} words each on average) "
              f"written in {time.perf_counter() - t0:.1f} s; machine: {cores} cores; code: "
              + ("live working tree" if code is None else f"snapshot of {ROOT} at start"))
        del docs
        rows = []
        for name, config in configs:
            cmd = [sys.executable, __file__, "--child", config, "--folder", folder]
            run = subprocess.run(cmd + (["--code", code] if code else []), capture_output=True, text=True,
                                 cwd=code or ROOT)
            if run.returncode != 0:
                tail = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else f"exit {run.returncode}"
                print(f"{name}: failed: {tail}")
                continue
            rows.append((name, json.loads(run.stdout.strip().splitlines()[-1])))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if code:
            shutil.rmtree(code, ignore_errors=True)
    if not rows:
        return 1
    print(f"{'configuration':<26}{'load s':>8}{'extract s':>11}{'total s':>9}{'docs/s':>8}{'tree MB':>9}"
          f"{'parent MB':>10}{'child MB':>9}{'speed-up':>9}")
    base = rows[0][1]["total_s"] if rows[0][0].startswith("1 process") else None
    for name, r in rows:
        tree = f"{r['tree_peak_mb']:.0f}" if r["tree_peak_mb"] is not None else "n/a"
        up = f"x{base / r['total_s']:.2f}" if base else "-"
        print(f"{name:<26}{r['load_s']:>8.1f}{r['extract_s']:>11.1f}{r['total_s']:>9.1f}"
              f"{r['docs'] / r['total_s']:>8.1f}{tree:>9}{r['parent_peak_mb']:>10.0f}"
              f"{r['largest_child_peak_mb']:>9.0f}{up:>9}")
    r0 = rows[0][1]
    print("cpu s (process + workers, sampled): " + ", ".join(f"{n}: {r['cpu_s']:.1f}" for n, r in rows)
          + f"; load average now {os.getloadavg()[0]:.1f} on {cores} cores")
    print(f"found: {r0['events']:,} events, {r0['actors']:,} actors, {r0['timexes']:,} timexes, {r0['ties']:,} ties; "
          f"{r0['load_errors']} load errors, {r0['extract_errors']} extraction errors")
    print("code run: " + ", ".join(sorted({r["code"] for _, r in rows})))
    same = len({r["digest"] for _, r in rows}) == 1
    print("all configurations produced the same corpus" if same else
          "WARNING: configurations produced different corpora: " + ", ".join(f"{n}={r['digest']}" for n, r in rows))
    print("tree MB: peak of summed RSS over the process and its workers (sampled every 0.2 s); "
          "child MB: largest single worker (getrusage RUSAGE_CHILDREN)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
