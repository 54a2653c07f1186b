"""What stacking overlapping marks on sub-rows costs per frame, where it runs: in marks mode.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_timeline_packing.py [--size 1000000]

scripts/bench_timeline.py zooms in to 20 days, which at a million events is
still density mode (no packing: year and decade bars alone put ~11,000 marks
in any view of the default lanes).  This one selects the busiest actors (one
lane each), zooms to a range holding just under the density threshold of
single marks (the worst case for packing) and
times pan and zoom steps, each forced to render, with packing as shipped and
with a trivial one-row packing swapped in (the baseline, same process, same
data).  Also reports the packing alone on the marks in view, and how many of
them share a cluster.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.core.synthetic.events import make_event_columns  # noqa: E402
from desktop_app.gui.state import AppState  # noqa: E402
from desktop_app.gui.timeline import TimelineView  # noqa: E402
from desktop_app.gui.timeline import marks as marks_module  # noqa: E402
from desktop_app.gui.timeline import style  # noqa: E402
from desktop_app.gui.timeline.data import from_columns  # noqa: E402
from desktop_app.gui.timeline.packing import Packing, pack  # noqa: E402

SIZE = (1200, 600)


def one_row(idx, lane, left, right, max_rows):
    n = len(idx)
    return Packing(idx, np.zeros(n, np.int32), np.ones(n, np.int32))


def median_ms(fn, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def zoom_to_near_threshold(view, data):
    """A range around the median date holding between 80% and 100% of the threshold in marks."""
    mid = float(np.median(data.start))
    lo, hi = 60.0, 400 * 86400.0
    for _ in range(60):
        half = (lo + hi) / 2
        count = view.layout.count_in_view(mid - half, mid + half)
        if count > view.marks.threshold:
            hi = half
        elif count < 0.8 * view.marks.threshold:
            lo = half
        else:
            break
    else:
        half = lo   # the count jumps past the band: take the widest range under the threshold
    view.viewbox.setXRange(mid - half, mid + half, padding=0)
    view.grab()


def open_view(app, data, actors):
    state = AppState()
    view = TimelineView(state)
    view.resize(*SIZE)
    view.show()
    app.processEvents()
    view.set_data(data)
    state.selection.set_actors(actors)
    view.grab()
    zoom_to_near_threshold(view, data)
    return view


def run(app, data, actors):
    view = open_view(app, data, actors)
    out = {"mode": view.marks.mode, "marks drawn": view.marks.drawn}

    def step(factor_fn):
        def one():
            (x0, x1), _ = view.viewbox.viewRange()
            view.viewbox.setXRange(*factor_fn(x0, x1), padding=0)
            view.grab()
        return one

    out["pan step"] = median_ms(step(lambda a, b: (a + (b - a) * 0.05, b + (b - a) * 0.05)), 12)
    out["zoom in step"] = median_ms(step(lambda a, b: ((a + b) / 2 - (b - a) * 0.45, (a + b) / 2 + (b - a) * 0.45)), 6)
    out["hover"] = median_ms(lambda: view.hover(view.viewbox.viewRect().center()), 20)
    view.close()
    view.deleteLater()
    app.processEvents()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=3000)
    ap.add_argument("--select", type=int, default=2, help="select this many of the busiest actors")
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    data = from_columns(make_event_columns(args.size, args.actors, seed=7))
    actors = [data.actor_ids[a] for a in data.most_active(args.select)]

    packed = run(app, data, actors)
    marks_module.pack = one_row
    try:
        flat = run(app, data, actors)
    finally:
        marks_module.pack = pack

    # The packing alone, on the marks a near-threshold view holds.
    view = open_view(app, data, actors)
    x0, x1, px_w, lane_px = view.marks.view_geometry()
    idx = view.layout.in_view(x0, x1)
    left, right = view.marks.extents(idx, px_w)
    lanes = view.layout.mark_lane[idx]
    alone_ms = median_ms(lambda: pack(idx, lanes, left, right, style.max_subrows(lane_px)), 10)
    p = pack(idx, lanes, left, right, style.max_subrows(lane_px))
    stacked = int(np.count_nonzero(p.rows > 1))
    view.close()

    print(f"\n== {data.n:,} events, {len(actors)} busiest actors selected; view near the density threshold ({view.marks.threshold:,} marks)")
    print(f"{'measure':16s} {'packed':>10s} {'one row':>10s} {'ratio':>8s}")
    for key in ("mode", "marks drawn"):
        print(f"{key:16s} {str(packed[key]):>10s} {str(flat[key]):>10s}")
    for key in ("pan step", "zoom in step", "hover"):
        print(f"{key:16s} {packed[key]:8.1f}ms {flat[key]:8.1f}ms {packed[key] / flat[key]:7.2f}x")
    print(f"packing alone: {alone_ms:.2f} ms for {len(idx):,} marks, {stacked:,} of them stacked "
          f"(max {int(p.rows.max()) if len(idx) else 0} rows)")
    print("ratio = packed time / one-row time (1.0 = packing costs nothing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
