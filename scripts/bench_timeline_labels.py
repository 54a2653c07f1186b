"""Benchmark what labels and stacks add to a timeline frame, at a million events, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_timeline_labels.py [--size 1000000]

For several zoom levels (from density down to a few days) it measures a pan
step (shift the range by 10% + render the plot) with labels and stacks on
(the app's default) and with labels off (the baseline: the frame as it was
before labels), and prints both with their ratio.  Synthetic events have no
text, so each gets a label of typical length ("event 123456 in the capital"),
which costs what real labels cost: a dictionary lookup, one measure and at
most one elide per candidate.  Target: a pan step stays within 16 ms, and
labels add at most a few ms.  Times are process CPU time (this machine is shared;
wall time would measure the wait for a core).  The corpus's long bars (years,
decades) keep every view of all lanes above the density threshold, so the
zoom levels are measured with the most active actor selected (its lane, plus
the lanes of the actors it shares events with), where marks are drawn.
"""
from __future__ import annotations

import argparse
import re
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
from desktop_app.gui.timeline.data import from_columns  # noqa: E402

SIZE = (1200, 600)
DAY = 86400.0


def pan_steps(view, n=12):
    times = []
    for k in range(n):
        (x0, x1), _ = view.viewbox.viewRange()
        d = (x1 - x0) * 0.1 * (1 if k % 2 == 0 else -1)   # back and forth: the same marks stay around
        t = time.process_time()
        view.viewbox.setXRange(x0 + d, x1 + d, padding=0)
        view.plot.grab()
        times.append(time.process_time() - t)
    return statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=3000)
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    cols = make_event_columns(args.size, args.actors, seed=7)
    data = from_columns(cols)
    data.label_of = lambda row: f"event {row} in the capital"
    view = TimelineView(AppState())
    view.resize(*SIZE)
    view.show()
    app.processEvents()
    view.set_data(data)
    view.grab()
    top = data.most_active(1)[0]
    view.state.selection.set_actors([data.actor_ids[top]])
    rows = data.actor_rows[data.actor_ptr[top]:data.actor_ptr[top + 1]]
    mid = float(np.median(data.start[rows]))
    print(f"== {data.n:,} placed events, {len(data.pair_row):,} actor marks; pan step = shift 10% + render plot")
    print(f"{'view span':>12s} {'mode':>8s} {'marks':>6s} {'labels':>6s} {'stacks':>6s} "
          f"{'labels on':>10s} {'labels off':>10s} {'ratio':>6s}")
    for days in (365, 120, 60, 20, 5, 1):
        view.viewbox.setXRange(mid, mid + days * DAY, padding=0)
        view.marks.show_labels = True
        view.plot.grab()
        on = pan_steps(view)
        mode, marks = view.marks.mode, view.marks.drawn
        placed = len(view.marks.labels)
        # Aggregates (marks folded together at this zoom): "×12" counts or "label +11".
        stacks = sum(1 for p in view.marks.labels if p.text.startswith("×") or re.search(r" \+\d+$", p.text))
        view.marks.show_labels = False
        view.viewbox.setXRange(mid, mid + days * DAY, padding=0)
        view.plot.grab()
        off = pan_steps(view)
        print(f"{days:>10g} d {mode:>8s} {marks:>6d} {placed:>6d} {stacks:>6d} {on * 1000:>8.1f}ms {off * 1000:>8.1f}ms "
              f"{off / on:>6.2f}")
    print("\nratio = labels-off time / labels-on time (1.0: labels cost nothing; lower: they cost)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
