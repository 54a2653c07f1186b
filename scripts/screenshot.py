"""Open the real window on documents, wait for ingestion, and save screenshots to look at.

    Xvfb :99 -screen 0 1600x1000x24 &
    DISPLAY=:99 .venv/bin/python scripts/screenshot.py seeds/ --out out/shots [--select Krykbayev] [--zoom 2007-10-25 2007-11-15]

Writes <out>/window.png (Qt's own grab of the window) and, when an X display
is in use, <out>/screen.png (an X-level capture with ImageMagick's
``import -window root``, which shows what a user would really see, window
decorations and all).  With --synthetic N it shows N synthetic events instead
of documents (the timeline's density mode).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _wait(app, cond, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if cond():
            return True
        time.sleep(0.02)
    return False


def _hover_tie(app, network, a: str, b: str) -> None:
    """Move the pointer onto the middle of the tie between actors named ``a`` and ``b``; print the tie's tip."""
    import numpy as np
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QCursor
    d = network.data
    names = [n.lower() for n in d.names]
    if a.lower() not in names or b.lower() not in names:
        print(f"no actors named {a!r} and {b!r}", file=sys.stderr)
        return
    k = int(d.edge_indexes(np.array([names.index(a.lower())]), np.array([names.index(b.lower())]))[0])
    if k < 0:
        print(f"{a} and {b} are not tied", file=sys.stderr)
        return
    a_pos, b_pos = network.pos[d.src[k]], network.pos[d.dst[k]]
    # Zoomed in on the two, as a user would to reach a short tie among many.
    span = float(max(np.abs(b_pos - a_pos).max(), 1e-6)) * 2.5
    centre = (a_pos + b_pos) / 2
    network.viewbox.setRange(xRange=(centre[0] - span, centre[0] + span), yRange=(centre[1] - span, centre[1] + span),
                             padding=0)
    _wait(app, lambda: False, 0.5)
    # A point of the tie off every node (the middle may sit under a third node).
    for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        at = QPointF(*(float(x) for x in a_pos + t * (b_pos - a_pos)))
        if network.node_at(at) is None and network.tie_at(at) == k:
            break
    scene = network.viewbox.mapViewToScene(at)
    QCursor.setPos(network.plot.mapToGlobal(network.plot.mapFromScene(scene)))
    network._mouse_moved(scene)
    print("tie:", d.tie_text(k) if hasattr(d, "tie_text") else f"weight {d.weight[k]:g}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=["seeds"])
    ap.add_argument("--out", default="out/shots")
    ap.add_argument("--select", help="select the actors whose name contains this text")
    ap.add_argument("--zoom", nargs=2, metavar=("FROM", "TO"), help="show this date range (YYYY-MM-DD)")
    ap.add_argument("--window", nargs=2, metavar=("FROM", "TO"), help="brush this time window")
    ap.add_argument("--compact", action="store_true")
    ap.add_argument("--document", help="show this document (id) in the document view")
    ap.add_argument("--event", help="select the first event whose label or sentence contains this text")

    ap.add_argument("--only-active", action="store_true", help="the network's 'Only active' toggle on")
    ap.add_argument("--hover-tie", nargs=2, metavar=("A", "B"),
                    help="rest the pointer on the network tie between the actors named A and B (its tip shows)")
    ap.add_argument("--click-mark", metavar="TEXT", help="click (a real mouse click) the timeline mark drawn "
                    "for the event or happening whose label contains this text; with --hover-mark, rest on it")
    ap.add_argument("--table-grouped", action="store_true", help="the Events table's 'Group by happening' on")
    ap.add_argument("--hover-mark", action="store_true", help="after --click-mark, rest the pointer on the mark")
    ap.add_argument("--fit-key-events", action="store_true",
                    help="View > Fit to key events, once the Key events panel has grouped the happenings")
    ap.add_argument("--export", metavar="FILE", help="also export the current view (.png/.svg), as File > Export does")
    ap.add_argument("--export-view", choices=("timeline", "network", "both"), default="timeline")
    ap.add_argument("--synthetic", type=int, default=0,
                    help="show N synthetic events (timeline arrays only) instead of documents")
    ap.add_argument("--corpus", type=int, default=0,
                    help="load a whole synthetic corpus of N events (columnar, as the app holds an extracted one)")
    ap.add_argument("--corpus-pickle", help="load a corpus pickled earlier (saves rebuilding a large one)")
    ap.add_argument("--size", nargs=2, type=int, default=(1560, 940))
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args(argv)

    # A throw-away data folder: no stale workspace-recovery question pops up over the shot,
    # and the shot leaves no recovery file in the user's folder.
    import atexit
    import shutil
    import tempfile
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="eventscope-shot-")
    atexit.register(shutil.rmtree, os.environ["XDG_DATA_HOME"], True)   # one per shot otherwise piles up

    from desktop_app.core import timeaxis
    from desktop_app.gui.app import make_app
    from desktop_app.gui.main_window import MainWindow

    app = make_app()
    window = MainWindow(restore=False)
    window.resize(*args.size)
    window.move(10, 10)
    window.show()
    if args.corpus or args.corpus_pickle:
        import pickle
        if args.corpus_pickle:
            with open(args.corpus_pickle, "rb") as f:
                corpus = pickle.load(f)
        else:
            from desktop_app.core.synthetic import make_corpus
            corpus = make_corpus(args.corpus, max(50, min(10_000, args.corpus // 100)), seed=3, compact=True)
        window.state.set_corpus(corpus)
        del corpus
        _wait(app, lambda: False, 2.0)
    elif args.synthetic:
        from desktop_app.core.synthetic.events import make_event_columns
        from desktop_app.gui.timeline.data import from_columns
        window.timeline.set_data(from_columns(make_event_columns(args.synthetic, 400, seed=3)))
    else:
        window.open_paths(args.paths)
        ws = window.workspace
        if not _wait(app, lambda: not window.ingestor.busy and not (ws is not None and (ws.opening or ws.busy)),
                     args.timeout):
            print("ingestion did not finish in time", file=sys.stderr)
            return 1
    _wait(app, lambda: False, 0.5)   # docks take their final sizes before anything is scrolled to

    network = window.views.get("NetworkView")
    # The network of a big corpus is laid out on a worker: wait for it before selecting.
    _wait(app, lambda: network is None or (network.pos is not None and not network._handles), args.timeout)
    sel = window.state.selection
    if args.select:
        actors = window.state.corpus.actors
        ids = [a.id for a in actors if a.name.lower() == args.select.lower()] or \
            [a.id for a in actors if args.select.lower() in a.name.lower()]
        sel.set_actors(ids)
    if args.window:
        sel.set_window(tuple(datetime.fromisoformat(d) for d in args.window))
    if args.compact:
        window.timeline.set_compact(True)
    if args.document:
        window.views["DocumentView"].show_document(args.document)
    if args.event:
        hit = next((e for e in window.state.corpus.events
                    if args.event.lower() in e.label.lower() or args.event.lower() in e.text.lower()), None)
        if hit is not None:
            sel.set_event(hit.id)

    if args.only_active and network is not None:
        network.set_only_active(True)
        _wait(app, lambda: not network._handles, args.timeout)
    if args.zoom:
        lo, hi = (timeaxis.to_seconds(datetime.fromisoformat(d)) for d in args.zoom)
        window.timeline.viewbox.setXRange(lo, hi, padding=0)
    if args.fit_key_events:
        _wait(app, lambda: window.timeline.marks.key_rows is not None, args.timeout)
        window.actions["fit_key"].trigger()
    if args.table_grouped:
        window.views["EventTable"].group_box.setChecked(True)
    if args.click_mark:
        _click_mark(app, window.timeline, args.click_mark, args.hover_mark)
    if args.hover_tie and network is not None:
        _hover_tie(app, network, *args.hover_tie)
    _wait(app, lambda: False, 0.5)   # let layouts settle and deferred labels update
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "window.png"))
    print(out / "window.png")
    if os.environ.get("DISPLAY") and shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(out / "screen.png")], check=False, timeout=30)
        print(out / "screen.png")
    elif os.environ.get("DISPLAY"):
        # No ImageMagick: Qt grabs the X root window, top-level tips and popups included.
        app.primaryScreen().grabWindow(0).save(str(out / "screen.png"))
        print(out / "screen.png")
    if args.export:
        from desktop_app.figures.export import export_figure
        from desktop_app.gui.export_dialog import ExportDialog
        dialog = ExportDialog(window.state, window.current_view(), window)
        dialog.what.setCurrentIndex(dialog.what.findData(args.export_view))
        info = export_figure(window.state.corpus, dialog.spec(), args.export)
        dialog.shutdown()
        print(args.export, f"{info.events} events, {info.nodes} actors")
    print(window.status.counts.text())
    if window.status.warning.text():
        print(window.status.warning.text())
    if window.workspace is not None:   # nobody is there to answer "save changes?"
        window.workspace.maybe_save = lambda: True
    window.close()
    return 0


def _click_mark(app, timeline, text: str, hover: bool) -> None:
    """Click the drawn mark labelled with ``text`` as the mouse would (press and release on the plot)."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtTest import QTest
    _wait(app, lambda: False, 0.3)
    for eid, lane, x, y in timeline.marks_in_view():
        row = timeline.data.row_for(eid)
        if row is not None and text.lower() in timeline.data.label(row).lower():
            scene = timeline.viewbox.mapViewToScene(QPointF(x, y))
            at = timeline.plot.mapFromScene(scene)
            QTest.mouseClick(timeline.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             QPoint(at.x(), at.y()))
            _wait(app, lambda: False, 0.5)
            if hover:
                QTest.mouseMove(timeline.plot.viewport(), QPoint(at.x(), at.y()))
                _wait(app, lambda: False, 0.5)
            print("clicked", eid, timeline.data.label(row)[:60])
            return
    print("no drawn mark labelled", repr(text), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
