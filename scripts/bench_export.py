"""Export time and file size for 1k / 10k / 100k events, against a naive one-mark-per-event baseline.

    .venv/bin/python scripts/bench_export.py [--sizes 1000 10000 100000] [--view timeline]

With ``--corpus-pickle /tmp/c1m.pkl`` it instead exports that (e.g. the
1M-event) corpus whole, as timeline and as network, PNG and SVG, each in a
fresh process, and prints time, peak RSS (and what the loaded corpus alone
holds), file size and the figure's notes:

    .venv/bin/python scripts/bench_export.py --corpus-pickle /tmp/c1m.pkl [--out /tmp/exports]

The baseline is the same exporter with aggregation switched off (every event
drawn as its own mark), run in the same process on the same corpus, so the
printed ratios compare designs, not machines.  Corpora are synthetic
(seeded): 40 actors over 30 years, mixed day/month/year precision.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from desktop_app.figures import network_figure, subset  # noqa: E402
from desktop_app.figures.export import ensure_gui_app, render_bytes  # noqa: E402
from desktop_app.figures.spec import FigureSpec  # noqa: E402
from export_fixtures import big_corpus  # noqa: E402
from process_memory import lifetime_peak_mb, rss_mb  # noqa: E402


def timed(corpus, spec, fmt):
    # Each run pays for its own filter index and layout, as a first export would:
    # otherwise whichever design runs second inherits the first one's caches.
    subset._last_index = None
    network_figure._last_layout = None
    t = time.perf_counter()
    data, info = render_bytes(corpus, spec, fmt)
    return time.perf_counter() - t, len(data), info


def export_one(pickle_path: str, view: str, fmt: str, out: str) -> None:
    """One export of a pickled corpus in this process; prints one result line."""
    import gc
    import pickle

    from desktop_app.figures.export import export_figure

    t = time.perf_counter()
    with open(pickle_path, "rb") as f:
        corpus = pickle.load(f)
    gc.collect()
    load_s, loaded_mb, load_peak = time.perf_counter() - t, rss_mb(), lifetime_peak_mb()
    ensure_gui_app()
    path = Path(out) / f"whole_{view}.{fmt}"
    t = time.perf_counter()
    info = export_figure(corpus, FigureSpec(view=view, width=1920, height=1080), path)
    took = time.perf_counter() - t
    print(f"{view:>9} {fmt:>4} {len(corpus.events):>9,} {took:8.1f} {loaded_mb:9.0f} {load_peak:9.0f} "
          f"{lifetime_peak_mb():9.0f} {path.stat().st_size / 1024:9.0f}  events={info.events:,} dense={info.dense} "
          f"nodes={info.nodes:,} notes={info.messages}  (load {load_s:.0f} s)", flush=True)


def whole_corpus(pickle_path: str, out: str) -> int:
    import subprocess

    Path(out).mkdir(parents=True, exist_ok=True)
    print(f"{'view':>9} {'fmt':>4} {'events':>9} {'export s':>8} {'loaded MB':>9} {'load pk':>9} "
          f"{'peak MB':>9} {'file KB':>9}")
    for view in ("timeline", "network"):
        for fmt in ("png", "svg"):
            subprocess.run([sys.executable, __file__, "--one", pickle_path, view, fmt, out], check=False)
    print("loaded MB: resident after unpickling the corpus (before exporting); load pk: peak while loading; "
          "peak MB: the process's peak including the export")
    return 0


def main() -> int:
    if len(sys.argv) == 6 and sys.argv[1] == "--one":
        export_one(*sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus-pickle", help="export this pickled corpus whole (timeline and network, PNG and SVG)")
    ap.add_argument("--out", default="/tmp/eventscope_exports")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    ap.add_argument("--view", default="timeline", choices=("timeline", "both"))
    ap.add_argument("--skip-baseline-above", type=int, default=100_000,
                    help="do not run the naive baseline above this many events (it is slow)")
    args = ap.parse_args()
    if args.corpus_pickle:
        return whole_corpus(args.corpus_pickle, args.out)
    ensure_gui_app()
    spec = FigureSpec(view=args.view, width=1920, height=1080)
    naive = replace(spec, density_threshold=10 ** 12)
    # Warm-up: font registration and first-paint costs should not count against the first size.
    render_bytes(big_corpus(200), spec, "png")
    print(f"{'events':>8} {'fmt':>4} {'ours s':>8} {'naive s':>8} {'time x':>7} "
          f"{'ours KB':>9} {'naive KB':>9} {'size x':>7}  dense")
    for n in args.sizes:
        corpus = big_corpus(n)
        for fmt in ("svg", "png"):
            t_ours, size_ours, info = timed(corpus, spec, fmt)
            if n <= args.skip_baseline_above:
                t_naive, size_naive, _ = timed(corpus, naive, fmt)
                ratio_t = f"{t_naive / t_ours:7.1f}"
                ratio_s = f"{size_naive / size_ours:7.1f}"
                naive_cols = f"{t_naive:8.2f} {ratio_t} {size_ours / 1024:9.0f} {size_naive / 1024:9.0f} {ratio_s}"
            else:
                naive_cols = f"{'-':>8} {'-':>7} {size_ours / 1024:9.0f} {'-':>9} {'-':>7}"
            print(f"{n:>8} {fmt:>4} {t_ours:8.2f} {naive_cols}  {info.dense}", flush=True)
    print("time x / size x: naive divided by ours (higher is better for ours)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
