"""The whole window at a million events: load time, memory, and selection redraw, against an empty window.

Each run is a child process, so its peak RSS is its own: the baseline child
builds the same ``MainWindow`` and gives it an empty corpus; the measured
child gives it ``make_corpus(N, actors, seed=0, compact=True)`` (read from
--pickle when that file exists, e.g. /tmp/c1m.pkl, or opened as a workspace when
that path ends in .esw: the way the app itself loads a corpus that size).
Printed per run:

* set_corpus -> every view drawn (the signal's handlers, then a full paint
  of the window), with the moment each view reported its redraw;
* RSS: after the window was built, after the corpus was loaded, held after
  the views were built, and the peak;
* choosing the most active actor: time until each view redrew, and the paint;
* the event table's first search keystroke, a second one, and a sort by "Event";
* with ``--happenings``: the window waits for the happenings the views ask for (grouped in the
  background, as the app does when a corpus arrives without them) before the steps above, and
  gives the whole process's peak from loading the corpus to the grouped views drawn, and what
  it holds after; then the same once the Key events panel has scored them and listed its top N
  (the 1M window's 1 GB budget covers all of it).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_app_memory.py [--events 1000000] [--pickle /tmp/c1m.pkl]
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.memory import release_free_memory  # noqa: E402
from process_memory import lifetime_peak_mb, peak_mb, reset_peak, rss_mb  # noqa: E402


def load_corpus(events: int, actors: int, path: str):
    from desktop_app.core.model import Corpus
    if events == 0:
        return Corpus()
    if path and path.endswith(".esw") and os.path.exists(path):
        # The app's own way in: a saved workspace, read straight into the store's columns.
        from desktop_app.core.workspace.store import read_workspace
        return read_workspace(path).corpus
    if path and os.path.exists(path):
        with open(path, "rb") as f:
            corpus = pickle.load(f)
        if len(corpus.events) == events:
            return corpus
    from desktop_app.core.synthetic import make_corpus
    return make_corpus(events, actors, seed=0, compact=True)


def _wait_for_happenings(app, w, corpus) -> float:
    """Seconds until the happenings the views asked for are grouped and shown (the views' own background task)."""
    from desktop_app.core.happenings.heads import fresh_happenings
    shown = []
    w.state.happenings_changed.connect(lambda: shown.append(time.perf_counter()))
    t = time.perf_counter()
    while not shown:
        done = fresh_happenings(corpus) is not None     # then the signal is on its way (or was sent already)
        app.processEvents()
        if done:
            break
        time.sleep(0.01)
        if time.perf_counter() - t > 600:
            raise SystemExit("the happenings were not grouped within 10 minutes")
    app.processEvents()
    w.grab()
    return time.perf_counter() - t


def child(events: int, actors: int, path: str, happenings: bool = False) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.event_cells import LABEL
    from desktop_app.gui.main_window import MainWindow

    from desktop_app.core.memory import return_large_blocks_promptly
    return_large_blocks_promptly()    # as the app does at start (desktop_app.gui.app.make_app)
    app = QApplication.instance() or QApplication([])
    out: dict = {}
    w = MainWindow(restore=False, workspaces=False)
    w.show()
    app.processEvents()
    out["rss window"] = rss_mb()
    corpus = load_corpus(events, actors, path)
    out["rss corpus loaded"] = rss_mb()
    out["rss peak while loading"] = lifetime_peak_mb()
    # Unpickling leaves freed heap behind too: the corpus's own share is measured after returning it.
    out["rss corpus loaded after malloc_trim"] = rss_mb() if release_free_memory() else None
    out["hwm reset"] = reset_peak()
    out["events"] = len(corpus.events)

    views = {"timeline": w.timeline, **{k: v for k, v in w.views.items()}}
    marks: list[tuple[str, float]] = []
    for name, view in views.items():
        if hasattr(view, "redrawn"):
            view.redrawn.connect(lambda *_, name=name: marks.append((name, time.perf_counter())))

    def run(fn) -> tuple[float, float, dict]:
        """(handlers, handlers + paint, view -> seconds until it redrew)."""
        marks.clear()
        t0 = time.perf_counter()
        fn()
        t1 = time.perf_counter()
        app.processEvents()
        w.grab()
        t2 = time.perf_counter()
        return t1 - t0, t2 - t0, {name: round(t - t0, 3) for name, t in marks}

    handlers, drawn, per_view = run(lambda: w.state.set_corpus(corpus))
    out["set_corpus handlers s"] = handlers
    out["set_corpus to drawn s"] = drawn
    out["set_corpus per view s"] = per_view
    out["rss held"] = rss_mb()
    out["rss peak building views"] = peak_mb()
    out["rss peak"] = lifetime_peak_mb()
    # How much of what is held is freed heap glibc keeps (temporaries of the builds), not live data.
    out["rss held after malloc_trim"] = rss_mb() if release_free_memory() else None
    if happenings and len(corpus.events):
        c0 = time.process_time()
        out["happenings grouped and shown s (after the views)"] = _wait_for_happenings(app, w, corpus)
        out["happenings CPU s (whole process, after the views)"] = time.process_time() - c0
        out["happenings"] = len(corpus.happenings)
        out["rss held, happenings shown"] = rss_mb()
        out["rss peak, corpus loaded to happenings shown"] = peak_mb()
        out["rss held, happenings shown, after malloc_trim"] = rss_mb() if release_free_memory() else None
        key = w.views.get("KeyEventsView")
        if key is not None:     # its scores follow the grouping (its own worker): the window's last stage
            t = time.perf_counter()
            while not len(key.rows) and time.perf_counter() - t < 600:
                app.processEvents()
                time.sleep(0.01)
            app.processEvents()
            w.grab()
            out["key events listed s (after the happenings)"] = time.perf_counter() - t
            out["rss held, key events listed"] = rss_mb()
            out["rss peak, corpus loaded to key events listed"] = peak_mb()
            out["rss held, key events listed, after malloc_trim"] = rss_mb() if release_free_memory() else None

    steps: dict = {}

    def step(name: str) -> None:
        """RSS after ``name``, its own peak (reset after each step), and RSS once freed heap is returned."""
        steps[name] = (round(rss_mb()), round(peak_mb()), round(rss_mb()) if release_free_memory() else None)
        reset_peak()

    reset_peak()
    data = w.timeline.data
    if data is not None and data.n:
        aid = data.actor_ids[data.most_active(1)[0]]
        handlers, drawn, per_view = run(lambda: w.state.selection.set_actors([aid]))
        out["select actor handlers s"] = handlers
        out["select actor drawn s"] = drawn
        out["select actor per view s"] = per_view
        # Who the paint time belongs to: each view rendered alone (grab renders it whole).
        paint = {}
        for name, view in views.items():
            t = time.perf_counter()
            view.grab()
            paint[name] = round(time.perf_counter() - t, 3)
        out["paint per view s (actor selected)"] = paint
        handlers, drawn, per_view = run(lambda: w.state.selection.set_actors([]))
        out["clear actor drawn s"] = drawn
        step("select and clear an actor")
        table = w.views["EventTable"]
        # The first event chosen (a click on a table row): every view finds it by its id.
        handlers, drawn, per_view = run(lambda: table.select_row(3))
        out["first event click handlers s"] = handlers
        out["first event click drawn s"] = drawn
        out["first event click per view s"] = per_view
        step("first event click")
        t = time.perf_counter()
        table.search.setText("me")
        out["search first keystroke s"] = time.perf_counter() - t
        t = time.perf_counter()
        table.search.setText("met")
        out["search second keystroke s"] = time.perf_counter() - t
        out["search hits"] = table.model.rowCount()
        table.search.setText("")
        step("search")
        t = time.perf_counter()
        table.view.sortByColumn(LABEL, Qt.SortOrder.AscendingOrder)
        out["sort by Event (first) s"] = time.perf_counter() - t
        t = time.perf_counter()
        table.view.sortByColumn(LABEL, Qt.SortOrder.DescendingOrder)
        out["sort by Event (again) s"] = time.perf_counter() - t
        step("sort by Event")
        out["rss MB / own peak MB / rss after trim, per step"] = steps
        out["rss end"] = rss_mb()
        out["rss peak building views, selecting, searching, sorting"] = max(v[1] for v in steps.values())
    return out


def spawn(events: int, actors: int, path: str, happenings: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--child", "--events", str(events), "--actors", str(actors), "--pickle", path]
    cmd += ["--happenings"] if happenings else []
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        raise SystemExit(f"child run failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=10_000)
    ap.add_argument("--pickle", default="/tmp/c1m.pkl")
    ap.add_argument("--child", action="store_true")
    ap.add_argument("--happenings", action="store_true", help="wait for the happenings and measure their memory")
    args = ap.parse_args(argv)
    if args.events < 0 or args.actors < 1:
        ap.error("--events must be >= 0 and --actors >= 1")
    if args.child:
        print(json.dumps(child(args.events, args.actors, args.pickle, args.happenings)))
        return 0
    base = spawn(0, args.actors, args.pickle)
    big = spawn(args.events, args.actors, args.pickle, args.happenings)
    print(f"baseline (empty corpus): window RSS {base['rss window']:.0f} MB, held {base['rss held']:.0f} MB, "
          f"peak {base['rss peak']:.0f} MB, set_corpus {base['set_corpus to drawn s']:.3f} s")
    print(f"\n== {big['events']:,} events ==")
    for k, v in big.items():
        print(f"  {k:34s} {v if isinstance(v, (dict, bool)) or v is None else round(v, 3)}")
    if big.get("rss held after malloc_trim") and big.get("rss corpus loaded after malloc_trim"):
        print(f"\n  live (after malloc_trim): window {big['rss window']:.0f} MB, + corpus "
              f"{big['rss corpus loaded after malloc_trim'] - big['rss window']:.0f} MB, + views "
              f"{big['rss held after malloc_trim'] - big['rss corpus loaded after malloc_trim']:.0f} MB "
              f"= {big['rss held after malloc_trim']:.0f} MB")
    print(f"\n  held over baseline: {big['rss held'] - base['rss held']:.0f} MB "
          f"(corpus alone {big['rss corpus loaded'] - big['rss window']:.0f} MB, views "
          f"{big['rss held'] - big['rss corpus loaded']:.0f} MB); peak while the views were built "
          f"{big['rss peak building views']:.0f} MB (empty window's peak {base['rss peak']:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
