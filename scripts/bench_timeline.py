"""Benchmark the timeline against a naive pyqtgraph scatter, in the same process, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_timeline.py [--sizes 100000 1000000]
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_timeline.py --pickle /tmp/c1m.pkl --sizes

Measures, for each size of a synthetic corpus (core.synthetic):
  build       arrays -> TimelineData (done off the UI thread in the app; shown for honesty)
  first paint set_data + a forced render (widget.grab())
  pan step    shift the visible range by 10% + render (mean of several steps, fully zoomed out and zoomed in)
  zoom step   scale the visible range by 0.8 around its centre + render
              ("plot" rows: render the plot widget alone, as the baseline does)
  select      one selection change (actors) + render
The baseline is a plain PlotWidget with one ScatterPlotItem holding every event
(x = start, y = lane of its first actor), doing the same operations.
Targets (issue 7, at 1M events): first paint <= 0.3 s, pan/zoom <= 16 ms, select+redraw <= 50 ms.
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
import pyqtgraph as pg  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.core.synthetic.events import make_event_columns  # noqa: E402
from desktop_app.gui.state import AppState  # noqa: E402
from desktop_app.gui.timeline import TimelineView  # noqa: E402
from desktop_app.gui.timeline.data import from_columns  # noqa: E402

SIZE = (1200, 600)
# --clock cpu: process CPU time instead of wall time, for a machine shared with other jobs
# (wall time there measures the queue for a core more than the work).
CLOCK = time.perf_counter


def timed(fn, repeat=1):
    times = []
    for _ in range(repeat):
        t = CLOCK()
        fn()
        times.append(CLOCK() - t)
    return statistics.median(times)


def steps(widget, viewbox, factor_fn, n=10):
    """Median time of n view changes, each followed by a forced render."""
    def one():
        (x0, x1), _ = viewbox.viewRange()
        a, b = factor_fn(x0, x1)
        viewbox.setXRange(a, b, padding=0)
        widget.grab()
    return timed(one, n)


def pan(x0, x1):
    d = (x1 - x0) * 0.1
    return x0 + d, x1 + d


def pan_back(x0, x1):
    d = (x1 - x0) * 0.1
    return x0 - d, x1 - d


def zoom(x0, x1):
    c, h = (x0 + x1) / 2, (x1 - x0) / 2 * 0.8
    return c - h, c + h


def unzoom(x0, x1):
    c, h = (x0 + x1) / 2, (x1 - x0) / 2 / 0.8
    return c - h, c + h


def bench_timeline(app, data, actors_to_select):
    state = AppState()
    view = TimelineView(state)
    view.resize(*SIZE)
    view.show()
    app.processEvents()
    out = {}
    out["first paint"] = timed(lambda: (view.set_data(data), view.grab()))
    out["mode zoomed out"] = view.marks.mode
    out["pan step (all in view)"] = steps(view, view.viewbox, pan)
    out["zoom step (all in view)"] = steps(view, view.viewbox, zoom)
    mid = float(np.median(data.start))
    view.viewbox.setXRange(mid, mid + 20 * 86400, padding=0)
    view.grab()
    out["mode zoomed in"] = view.marks.mode
    out["pan step (zoomed in)"] = steps(view, view.viewbox, pan_back)
    out["zoom step (zoomed in)"] = steps(view, view.viewbox, zoom)
    # The baseline renders its plot alone; rendering our plot alone (no overview, toolbar or
    # legend, which a pan does not repaint in the app) compares like with like.
    view.viewbox.setXRange(mid, mid + 20 * 86400, padding=0)
    view.plot.grab()
    out["pan step (zoomed in, plot)"] = steps(view.plot, view.viewbox, pan_back)
    out["zoom step (zoomed in, plot)"] = steps(view.plot, view.viewbox, zoom)
    # A coarser zoom that still draws marks one by one (days narrower than 48 px): the timeline's level
    # of detail folds each lane's points per calendar bucket here, recomputed on every zoom step.
    span = 20 * 86400.0
    while span < 4000 * 86400 and view.layout.count_in_view(mid, mid + span * 2) <= view.marks.threshold:
        span *= 2
    view.viewbox.setXRange(mid, mid + span, padding=0)
    view.plot.grab()
    out["mode coarse marks"] = f"{view.marks.mode} {span / 86400:.0f}d"
    out["pan step (coarse marks, plot)"] = steps(view.plot, view.viewbox, pan_back)
    flip = iter([zoom, unzoom] * 10)
    out["zoom step (coarse marks, plot)"] = steps(view.plot, view.viewbox, lambda a, b: next(flip)(a, b))
    view.zoom_to_fit()
    view.grab()
    it = iter(actors_to_select * 3)
    out["select+redraw"] = timed(lambda: (state.selection.set_actors([next(it)]), view.grab()), 6)
    view.close()
    view.deleteLater()
    app.processEvents()
    return out


def bench_baseline(app, data):
    plot = pg.PlotWidget()
    plot.resize(*SIZE)
    plot.show()
    app.processEvents()
    first_actor = np.full(data.n, 0, np.int64)
    rows, first = np.unique(data.pair_row, return_index=True)
    first_actor[rows] = data.pair_actor[first] % 12
    scatter = pg.ScatterPlotItem(size=6, pen=None, brush=pg.mkBrush("#0072B2"))
    out = {}

    def paint():
        scatter.setData(data.mid, first_actor)
        plot.addItem(scatter)
        plot.autoRange()
        plot.grab()
    out["first paint"] = timed(paint)
    vb = plot.getViewBox()
    out["pan step (all in view)"] = steps(plot, vb, pan, 5)
    out["zoom step (all in view)"] = steps(plot, vb, zoom, 5)
    mid = float(np.median(data.start))
    vb.setXRange(mid, mid + 20 * 86400, padding=0)
    plot.grab()
    out["pan step (zoomed in)"] = steps(plot, vb, pan_back, 5)
    out["zoom step (zoomed in)"] = steps(plot, vb, zoom, 5)
    # Its window is the plot, so "plot only" is the same measurement taken again.
    vb.setXRange(mid, mid + 20 * 86400, padding=0)
    plot.grab()
    out["pan step (zoomed in, plot)"] = steps(plot, vb, pan_back, 5)
    out["zoom step (zoomed in, plot)"] = steps(plot, vb, zoom, 5)
    plot.autoRange()
    actors = iter(range(6))

    def select():
        keep = data.pair_row[data.pair_actor == next(actors)]
        scatter.setData(data.mid[keep], first_actor[keep])
        plot.grab()
    out["select+redraw"] = timed(select, 3)
    plot.close()
    plot.deleteLater()
    app.processEvents()
    return out


def bench_corpus(app, path: str, actors: int, no_baseline: bool) -> None:
    """A compact corpus (pickled ``make_corpus(..., compact=True)``): TimelineData from the store's columns,
    its on-demand accessors, then the same view measures; baseline = ``from_columns`` on columns of that size."""
    import pickle
    from desktop_app.gui.timeline.data import from_corpus
    with open(path, "rb") as f:
        corpus = pickle.load(f)
    t = time.perf_counter()
    data = from_corpus(corpus)
    build = time.perf_counter() - t
    cols = make_event_columns(len(corpus.events), actors, seed=7)
    t = time.perf_counter()
    from_columns(cols)
    base_build = time.perf_counter() - t
    rows = np.linspace(0, data.n - 1, 200).astype(int)
    t = time.perf_counter()
    ids = [data.event_id(r) for r in rows]
    per_id = (time.perf_counter() - t) / len(rows)
    t = time.perf_counter()
    data.row_for(ids[0])
    first_lookup = time.perf_counter() - t
    t = time.perf_counter()
    assert [data.row_for(i) for i in ids] == rows.tolist()
    per_lookup = (time.perf_counter() - t) / len(rows)
    t = time.perf_counter()
    events = [data.event(r) for r in rows]
    per_event = (time.perf_counter() - t) / len(rows)
    assert [e.id for e in events] == ids
    t = time.perf_counter()
    texts = list(data.unplaced_text[:1000])
    unplaced = time.perf_counter() - t
    arrays = sum(v.nbytes for v in vars(data).values() if isinstance(v, np.ndarray))
    print(f"\n== compact corpus {path}: {len(corpus.events):,} events ({data.n:,} placed, "
          f"{len(data.unplaced):,} unplaced, {len(data.pair_row):,} actor marks)")
    print(f"from_corpus (store columns)    {build:8.2f} s   (from_columns baseline, same size: {base_build:.2f} s, "
          f"ratio {base_build / build:.2f}x); arrays {arrays / 2 ** 20:.0f} MB")
    print(f"event_id per row               {per_id * 1e6:8.1f} us")
    print(f"row_for first (builds index)   {first_lookup * 1000:8.1f} ms; then {per_lookup * 1e6:.1f} us each")
    print(f"event(row) on demand           {per_event * 1e6:8.1f} us")
    print(f"first 1000 unplaced texts      {unplaced * 1000:8.1f} ms ({len(texts)} read)")
    top = data.most_active(6)
    ours = bench_timeline(app, data, [data.actor_ids[a] for a in top])
    base = None if no_baseline else bench_baseline(app, data)
    for key, value in ours.items():
        if isinstance(value, str):
            print(f"{key:28s} {value:>12s}")
            continue
        b = base.get(key) if base else None
        print(f"{key:28s} {value * 1000:10.1f}ms" + (f" {b * 1000:10.1f}ms {b / value:7.1f}x" if b else ""))


def with_synthetic_happenings(data, cols):
    """``data`` drawn per happening: events with the same true day and verb are one happening, its
    sources the synthetic report sources (the grouping itself is benched by bench_happenings.py)."""
    from desktop_app.core.happenings.heads import HappeningMarks
    from desktop_app.gui.timeline.grouped import grouped
    t = time.perf_counter()
    key = cols.true_day.astype(np.int64) * 1000 + (cols.label.astype(np.int64) if cols.label is not None else 0)
    _, of_event = np.unique(key, return_inverse=True)
    placed = cols.precision >= 0
    data.happenings = HappeningMarks(of_event.reshape(-1), cols.report_source, np.nan_to_num(cols.start),
                                     np.nan_to_num(cols.end), cols.precision, placed)
    marks = time.perf_counter() - t
    t = time.perf_counter()
    g = grouped(data)           # kept on ``data``: the view's set_data finds it built, as a second set_data would
    print(f"happenings: {len(data.happenings):,} for {len(cols.start):,} events; happening marks {marks:.2f} s "
          f"(on corpus change, UI thread), grouped rows {time.perf_counter() - t:.2f} s "
          f"(on corpus change); {g.n:,} happening rows placed")
    return data


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    ap.add_argument("--actors", type=int, default=3000)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--happenings", action="store_true",
                    help="group the synthetic events into happenings (same true day and verb) and measure the "
                         "timeline drawing one mark per happening, as the app opens")
    ap.add_argument("--pickle", help="also measure a pickled compact corpus (e.g. /tmp/c1m.pkl)")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                    help="cpu: time.process_time (steadier when other jobs share the cores)")
    args = ap.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    app = QApplication.instance() or QApplication([])
    if args.pickle:
        if not os.path.exists(args.pickle):
            ap.error(f"no such file: {args.pickle}")
        bench_corpus(app, args.pickle, args.actors, args.no_baseline)
    for n in args.sizes:
        t = time.perf_counter()
        cols = make_event_columns(n, args.actors, seed=7)
        gen = time.perf_counter() - t
        t = time.perf_counter()
        data = from_columns(cols)
        build = time.perf_counter() - t
        if args.happenings:
            data = with_synthetic_happenings(data, cols)
        top = data.most_active(6)
        ours = bench_timeline(app, data, [data.actor_ids[a] for a in top])
        base = None if args.no_baseline else bench_baseline(app, data)
        print(f"\n== {n:,} synthetic events ({data.n:,} placed, {len(data.pair_row):,} actor marks); "
              f"generate {gen:.2f} s, build arrays {build:.2f} s")
        print(f"{'measure':28s} {'timeline':>12s} {'baseline':>12s} {'ratio':>8s}")
        for key, value in ours.items():
            if isinstance(value, str):
                print(f"{key:28s} {value:>12s}")
                continue
            b = base.get(key) if base else None
            ratio = f"{b / value:7.1f}x" if b else ""
            bs = f"{b * 1000:10.1f}ms" if b else ""
            print(f"{key:28s} {value * 1000:10.1f}ms {bs:>12s} {ratio:>8s}")
    print("\nratio = baseline time / timeline time (higher is better for the timeline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
