"""One click on the timeline at a million events, through the selection to every view redrawn, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_click.py [--pickle /tmp/c1m-grouped.pkl] [--repeat 3]

The real ``MainWindow`` gets a pickled compact corpus (``make_corpus(..., compact=True)``, with its
happenings grouped or not: the window groups them in the background as the app does, see
scripts/bench_app_memory.py), selects the most active actor and zooms the timeline in until that
lane draws marks (below the density threshold), where aggregates are drawn.  Then, each clicked as
the mouse does (``TimelineView._clicked`` at the mark, which hit-tests, finds what the mark stands
for and sets the selection), each after the selection was cleared and the window redrawn:

* the biggest aggregate mark in view (the most happenings folded into one mark);
* the drawn happening with the most reports;
* the baseline, same process and same view: a lone mark standing for one happening, of the fewest
  reports among those drawn (one, where there is such a mark in view).

Printed per click: the handlers (click to the selection's signal handlers done), each view's own
redraw (its ``redrawn`` signal, seconds from the click), and the click to the window painted; the
median of ``--repeat`` clicks, and the ratio to the baseline's.  Times are wall clock (a view's
redraw is what the analyst waits for); ``--clock cpu`` gives process CPU time instead, steadier on a
shared machine.  No target is asserted here: the numbers are for the README.
"""
from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

CLOCK = time.perf_counter


def _settle(app, w, until=None, timeout: float = 900.0) -> float:
    """Process events until ``until()`` holds (or just once), then paint the window; seconds taken."""
    t = time.perf_counter()
    while until is not None and not until():
        app.processEvents()
        time.sleep(0.01)
        if time.perf_counter() - t > timeout:
            raise SystemExit("the window did not settle in time")
    app.processEvents()
    w.grab()
    return time.perf_counter() - t


def _zoom_to_marks(app, w, tl) -> None:
    """The selected lane's busiest stretch, narrowed until the timeline draws marks rather than density."""
    data = tl.data
    lo, hi = tl.visible_range()
    mid = float(np.nanmedian(data.mid))
    span = (hi - lo) / 2
    for _ in range(40):
        tl.viewbox.setXRange(mid - span, mid + span, padding=0)
        _settle(app, w)
        if tl.display_mode() == "marks" and tl.marks.current_fold():
            return
        span /= 2
    raise SystemExit("no zoom draws folded marks for the selected actor")


def _targets(tl) -> dict:
    """(label, view point) of the marks to click: the biggest aggregate, the best-reported happening, a lone one."""
    data = tl.data
    best_agg = best_rep = plain = None
    for eid, lane, x, y in tl.marks_in_view():
        row = data.row_for(eid)
        if row is None:
            continue
        folded = len(tl.marks.folded_with(row, lane))
        reports = len(data.group.report_ids(row)) if data.group is not None else 1
        if best_agg is None or folded > best_agg[0]:
            best_agg = (folded, reports, (x, y))
        if folded == 1 and (best_rep is None or reports > best_rep[1]):
            best_rep = (folded, reports, (x, y))
        if folded == 1 and (plain is None or reports < plain[1]):
            plain = (folded, reports, (x, y))
    out = {}
    if plain is not None:       # the baseline: the fewest reports a lone mark stands for in this view
        out[f"baseline: lone mark (1 happening, {plain[1]} report{'s' if plain[1] > 1 else ''})"] = plain
    if best_agg is not None and best_agg[0] > 1:
        out[f"biggest aggregate ({best_agg[0]} happenings)"] = best_agg
    if best_rep is not None and best_rep[1] > 1:
        out[f"best-reported happening ({best_rep[1]} reports)"] = best_rep
    return out


def click_once(app, w, tl, point, views) -> dict:
    """One click at ``point`` (view coordinates): seconds to the handlers, to each view's redraw, to the paint."""
    from PySide6.QtCore import QPointF
    sel = w.state.selection
    sel.update(event=None, reports=())
    _settle(app, w)
    marks: dict = {}
    hooks = []
    for name, view in views.items():
        if hasattr(view, "redrawn"):
            def hook(*_, name=name):
                marks.setdefault(name, CLOCK())
            view.redrawn.connect(hook)
            hooks.append((view, hook))
    t0 = CLOCK()
    tl._clicked(QPointF(*point))
    t1 = CLOCK()
    app.processEvents()
    w.grab()
    t2 = CLOCK()
    for view, hook in hooks:
        view.redrawn.disconnect(hook)
    out = {"handlers": t1 - t0, "to painted": t2 - t0}
    out.update({name: t - t0 for name, t in marks.items()})
    out["reports selected"] = len(sel.reports)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pickle", default="/tmp/c1m-grouped.pkl",
                    help="a pickled compact corpus (e.g. the 1M one bench_app_memory.py loads)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also profile one click on the biggest mark and print its N costliest calls")
    args = ap.parse_args(argv)
    if not os.path.exists(args.pickle):
        ap.error(f"no such file: {args.pickle}")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter

    from PySide6.QtWidgets import QApplication
    from desktop_app.core.memory import return_large_blocks_promptly
    from desktop_app.gui.main_window import MainWindow
    return_large_blocks_promptly()
    app = QApplication.instance() or QApplication([])
    w = MainWindow(restore=False, workspaces=False)
    w.resize(1560, 940)
    w.show()
    app.processEvents()
    t = time.perf_counter()
    with open(args.pickle, "rb") as f:
        corpus = pickle.load(f)
    load = time.perf_counter() - t
    t = time.perf_counter()
    w.state.set_corpus(corpus)
    tl = w.timeline
    # Grouped: the timeline draws happenings once they are grouped (in the background when the corpus came
    # without them), and the Key events panel lists its top N after that.
    key = w.views.get("KeyEventsView")
    shown = _settle(app, w, lambda: tl.data is not None and tl.data.group is not None
                    and (key is None or len(key.rows) > 0))
    print(f"{len(corpus.events):,} events: pickle {load:.1f} s, set_corpus to happenings and key events shown "
          f"{time.perf_counter() - t:.1f} s ({shown:.1f} s waiting)")
    data = tl.data
    actor = data.actor_ids[data.most_active(1)[0]]
    w.state.selection.set_actors([actor])
    _settle(app, w)
    _zoom_to_marks(app, w, tl)
    lo, hi = tl.visible_range()
    print(f"most active actor {actor}; view {(hi - lo) / 86400:.1f} days, {len(tl.marks_in_view())} marks drawn, "
          f"fold {tl.marks.current_fold()!r}")
    views = {"timeline": tl, **w.views}
    targets = _targets(tl)
    if not targets:
        raise SystemExit("no mark to click in view")
    if args.profile:
        import cProfile
        import pstats
        name = max(targets, key=lambda k: targets[k][0] * 1000 + targets[k][1])
        prof = cProfile.Profile()
        prof.enable()
        click_once(app, w, tl, targets[name][2], views)
        prof.disable()
        print(f"\nprofile of one click, {name}:")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.profile)
    results: dict = {}
    for name, (_, _, point) in targets.items():
        runs = [click_once(app, w, tl, point, views) for _ in range(args.repeat)]
        keys = sorted({k for r in runs for k in r})
        results[name] = {k: statistics.median(r[k] for r in runs if k in r) for k in keys}
    base_name = next(iter(targets))
    base = results[base_name]
    order = ["handlers", "timeline", "NetworkView", "EventTable", "DocumentView", "KeyEventsView", "to painted"]
    print(f"\nmedian of {args.repeat} clicks, {'CPU' if args.clock == 'cpu' else 'wall'} seconds from the click "
          f"(ratio to the baseline's)")
    print(f"{'':48s}" + "".join(f"{k[:13]:>16s}" for k in order))
    for name, r in results.items():
        cells = []
        for k in order:
            v, b = r.get(k), base.get(k)
            cells.append(f"{v:8.3f}" + (f" {v / b:5.1f}x" if v is not None and b else "      ") if v is not None
                         else f"{'-':>14s}")
        print(f"{name[:48]:48s}" + "".join(f"{c:>16s}" for c in cells) + f"   ({int(r['reports selected'])} reports)")
    if w.workspace is not None:
        w.workspace.maybe_save = lambda: True
    w.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
