"""Benchmark network label placement with ties as obstacles, against placement that ignores ties.

Both run in the same process, on the same view, at the same zooms, so the
printed ratio is what keeping labels off ties costs.  At the whole-network
zoom of a big graph the ties are a fog and are skipped (see
core/tie_grid.py); zoomed in, the grid is built and every candidate
spot is tested, which is the case worth watching.  Also counts how many
placed labels a tie crosses with and without the obstacle.

Run headless:  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_network_labels.py \
                  [--nodes 10000 --ties 30000] [--graph random|clustered]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

from bench_network import random_graph  # noqa: E402

from desktop_app.core.model import ACTOR_TYPES, Actor, Corpus, Event, Participant  # noqa: E402
from desktop_app.core.network import ties_from_events  # noqa: E402


def clustered_graph(n: int, m: int, seed: int = 1):
    """Communities of ten with a few ties between them: ties are short, as in a real corpus's clusters."""
    import networkx as nx

    groups = max(1, n // 10)
    p_in = min(1.0, 0.9 * m / (groups * 45))
    p_out = 0.1 * m / max(1, n * n / 2)
    g = nx.random_partition_graph([n // groups] * groups, p_in, p_out, seed=seed)
    return nx.Graph(g)


def corpus_of(g) -> Corpus:
    """One two-actor undated fact per tie: a corpus whose network is ``g``."""
    nodes = sorted(g.nodes)
    actors = [Actor(f"a{i:05d}", f"Actor {i}", ACTOR_TYPES[i % len(ACTOR_TYPES)]) for i in nodes]
    events = [Event(f"e{k}", "d", 0, 1, "x", f"tie {k}", None, [Participant(f"a{u:05d}"), Participant(f"a{v:05d}")])
              for k, (u, v) in enumerate(g.edges())]
    return Corpus(actors=actors, events=events, ties=ties_from_events(events))


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _crossed_labels(view) -> int:
    from desktop_app.core.tie_grid import TieGrid

    vr, br = view.viewbox.viewRect(), view.viewbox.boundingRect()
    sx, sy = br.width() / vr.width(), br.height() / vr.height()
    pos, d = view.pos, view.data
    seg = np.column_stack([(pos[d.src, 0] - vr.left()) * sx, (vr.bottom() - pos[d.src, 1]) * sy,
                           (pos[d.dst, 0] - vr.left()) * sx, (vr.bottom() - pos[d.dst, 1]) * sy])
    grid = TieGrid(seg, br.width(), br.height(), fog_gap=0.0)
    boxes = np.array(list(view.labels.boxes.values())).reshape(-1, 4)
    return int(grid.crossing(boxes).sum())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=10_000)
    ap.add_argument("--ties", type=int, default=30_000)
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--graph", choices=("random", "clustered"), default="random",
                    help="random: uniform ties, long lines everywhere (the cost worst case); "
                         "clustered: communities of ten, short ties (where avoiding them pays)")
    args = ap.parse_args(argv)

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.network.view import NetworkView
    from desktop_app.gui.state import AppState

    app = QApplication.instance() or QApplication([])
    make = random_graph if args.graph == "random" else clustered_graph
    g = make(args.nodes, args.ties)
    view = NetworkView(AppState(corpus_of(g)))
    view.resize(1200, 850)
    view.show()
    QTest.qWaitForWindowExposed(view)
    while view.pos is None:               # big graphs lay out on a worker thread
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    print(f"== label placement, {args.graph} graph: {view.data.n_nodes:,} actors / {view.data.n_edges:,} ties, "
          f"view 1200x850 ==")
    real_place = view.labels.place

    def without_ties(*a, **kw):
        kw.pop("ties", None)
        return real_place(*a[:5])

    hub = int(np.argmax(view.data.degree))
    for zoom in (1, 4, 16, 64):
        view.zoom_to_fit()
        if zoom > 1:
            x, y = view.pos[hub]
            half = 0.5 / zoom
            view.viewbox.setRange(xRange=(x - half, x + half), yRange=(y - half, y + half), padding=0)
        app.processEvents()
        view.labels.place = without_ties
        base = _median_ms(view._place_labels, args.repeats)
        base_crossed, base_n = _crossed_labels(view), len(view.labels.shown)
        view.labels.place = real_place
        ours = _median_ms(view._place_labels, args.repeats)
        crossed, n = _crossed_labels(view), len(view.labels.shown)
        print(f"zoom {zoom:>3}x  ignoring ties {base:7.1f} ms ({base_crossed:>2} of {base_n:>2} labels on a tie)"
              f"   avoiding ties {ours:7.1f} ms ({crossed:>2} of {n:>2} on a tie)   ratio {ours / base:5.2f}x")
    view.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
