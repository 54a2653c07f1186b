"""Benchmark the actor network: layout engines and view repaint at 10,000 actors / 30,000 ties.

Prints absolute times for this machine and, more usefully, ratios against a
baseline measured in the same process:

  layout   igraph Fruchterman-Reingold (what core.layout uses for big
           components) vs networkx spring_layout.  networkx cannot run at
           10k here: above 500 nodes it needs scipy, which we do not ship,
           and its dense O(n^2) iteration would take minutes anyway.  So it is
           timed on smaller graphs of the same density (3 ties per actor) and
           extrapolated quadratically to 10k; the extrapolation is printed
           as such.
  repaint  the NetworkView (batched tie paths + one ScatterPlotItem) vs a
           naive QGraphicsScene with one item per node and per tie, both
           in a widget of the same size, both painting the whole network.

Run headless:  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_network.py [--nodes 10000 --ties 30000]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402

from desktop_app.core.layout import layout_positions  # noqa: E402
from desktop_app.core.model import Actor, ACTOR_TYPES, Corpus, Event, Participant  # noqa: E402
from desktop_app.core.network import ties_from_events  # noqa: E402


def random_graph(n: int, m: int, seed: int = 1) -> nx.Graph:
    rng = random.Random(seed)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    while g.number_of_edges() < m:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            g.add_edge(a, b, weight=1 + rng.randrange(3))
    return g


def random_corpus(n: int, m: int, seed: int = 1) -> Corpus:
    """One two-actor undated fact per tie: a corpus whose network is the random graph."""
    g = random_graph(n, m, seed)
    actors = [Actor(f"a{i:05d}", f"Actor {i}", ACTOR_TYPES[i % len(ACTOR_TYPES)]) for i in range(n)]
    events = [Event(f"e{k}", "d", 0, 1, "x", f"tie {k}", None, [Participant(f"a{u:05d}"), Participant(f"a{v:05d}")])
              for k, (u, v) in enumerate(g.edges())]
    return Corpus(actors=actors, events=events, ties=ties_from_events(events))


def timed(fn, *args, repeat: int = 1, **kw) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(*args, **kw)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_layout(n: int, m: int) -> None:
    import igraph

    print(f"\n== layout: {n:,} actors / {m:,} ties ==")
    g = random_graph(n, m)
    ig = igraph.Graph(n=n, edges=list(g.edges()))
    start = ((np.random.default_rng(7).random((n, 2)) - 0.5) * np.sqrt(n)).tolist()
    t_ig = timed(lambda: ig.layout_fruchterman_reingold(seed=start, grid="auto"))
    t_ours = timed(layout_positions, g)
    print(f"igraph FR alone                 {t_ig:8.2f} s")
    print(f"core.layout.layout_positions    {t_ours:8.2f} s   (components, packing, normalising included)")
    sizes = [150, 300, 450]
    nx_times = []
    for k in sizes:
        small = random_graph(k, 3 * k, seed=2)
        nx_times.append(timed(nx.spring_layout, small, seed=7, iterations=50))
        print(f"networkx spring_layout n={k:<5}  {nx_times[-1]:8.3f} s")
    # Quadratic fit through the largest measured size (dense FR is O(n^2) per iteration).
    est = nx_times[-1] * (n / sizes[-1]) ** 2
    print(f"networkx at n={n:,} (extrapolated n^2 from n={sizes[-1]}): ~{est:,.0f} s")
    print(f"ratio networkx(extrapolated) / igraph-in-core.layout: ~{est / t_ours:,.0f}x")


def _naive_view(corpus_graph: nx.Graph, pos: dict, w: int, h: int):
    """The baseline: one QGraphicsItem per node and per tie."""
    from PySide6.QtGui import QBrush, QColor, QPen
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    scene = QGraphicsScene()
    pen = QPen(QColor(140, 140, 140, 150))
    pen.setCosmetic(True)
    for u, v in corpus_graph.edges():
        (x1, y1), (x2, y2) = pos[u], pos[v]
        scene.addLine(x1 * 1000, -y1 * 1000, x2 * 1000, -y2 * 1000, pen)
    brush = QBrush(QColor(0, 114, 178))
    for node, (x, y) in pos.items():
        scene.addEllipse(x * 1000 - 3, -y * 1000 - 3, 6, 6, QPen(QColor("white")), brush)
    view = QGraphicsView(scene)
    view.keep_scene = scene      # QGraphicsView does not own its scene
    view.resize(w, h)
    view.show()
    view.fitInView(scene.sceneRect())
    return view


def bench_repaint(n: int, m: int, repeats: int) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.network.view import NetworkView
    from desktop_app.gui.state import AppState

    app = QApplication.instance() or QApplication([])
    print(f"\n== view: {n:,} actors / {m:,} ties, {os.environ['QT_QPA_PLATFORM']} platform ==")
    corpus = random_corpus(n, m)
    state = AppState(corpus)
    t = time.perf_counter()
    view = NetworkView(state)
    view.resize(1200, 850)
    view.show()
    QTest.qWaitForWindowExposed(view)
    while view.pos is None:               # big graphs lay out on a worker thread
        app.processEvents()
        time.sleep(0.01)
    print(f"corpus -> view shown, laid out  {time.perf_counter() - t:8.2f} s   (network build, FilterIndex, layout)")
    app.processEvents()
    vp = view.plot.viewport()
    # grab() forces a full paint of the viewport into a pixmap: every visible item, no partial updates.
    warm = [timed(vp.grab) for _ in range(repeats)]
    base_repeats = max(3, repeats // 3)   # the baseline is slow; fewer runs keep the script short
    hub = view.data.ids[int(np.argmax(view.data.degree))]
    restyle = timed(lambda: state.selection.set_actors([hub] if not state.selection.actors else []), repeat=6)
    state.selection.set_actors([])
    vp.grab()

    def zoom_then_paint(k=[0]):
        k[0] += 1
        view.viewbox.scaleBy((0.8, 0.8) if k[0] % 2 else (1.25, 1.25))
        # At this size label placement waits for the zoom to pause; it is timed apart below.
        vp.grab()
    cold = [timed(zoom_then_paint) for _ in range(repeats)]
    from PySide6.QtCore import QPointF
    hit = timed(lambda: view.node_at(QPointF(0.5, 0.5)), repeat=50)
    labels = timed(view._place_labels, repeat=9)
    steps = iter(range(10_000))
    drag = timed(lambda: view._dragged(0, QPointF(0.5 + next(steps) * 1e-3, 0.5), False), repeat=9)
    view._dragged(0, QPointF(0.5, 0.5), True)

    pos = {i: tuple(view.pos[k]) for k, i in enumerate(view.data.ids)}
    naive = _naive_view(view.data.graph, pos, vp.width(), vp.height())
    QTest.qWaitForWindowExposed(naive)
    app.processEvents()
    base = [timed(naive.viewport().grab) for _ in range(base_repeats)]
    # The machine is shared: the minimum is the intrinsic cost, the median what a busy box gives.
    warm_ms, cold_ms, base_ms = (statistics.median(x) * 1000 for x in (warm, cold, base))
    warm_min, cold_min, base_min = (min(x) * 1000 for x in (warm, cold, base))
    print(f"NetworkView full repaint             median {warm_ms:7.1f} ms  min {warm_min:7.1f} ms  (target <= 16)")
    print(f"NetworkView zoom step + repaint      median {cold_ms:7.1f} ms  min {cold_min:7.1f} ms")
    print(f"naive item-per-node-and-tie repaint  median {base_ms:7.1f} ms  min {base_min:7.1f} ms")
    print(f"ratio naive / NetworkView repaint: {base_ms / warm_ms:.1f}x (median), {base_min / warm_min:.1f}x (min)")
    print(f"selection change -> restyle          median {restyle * 1000:7.1f} ms  (masks, scatter, tie paths, labels)")
    print(f"label placement (after zoom pauses)  median {labels * 1000:7.1f} ms")
    print(f"node drag, per mouse move            median {drag * 1000:7.1f} ms  (plus the repaint)")
    print(f"hit test (click/hover)               median {hit * 1e6:7.0f} us")
    naive.close()
    view.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=10_000)
    ap.add_argument("--ties", type=int, default=30_000)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--skip-layout", action="store_true")
    ap.add_argument("--skip-view", action="store_true")
    args = ap.parse_args(argv)
    if args.ties > args.nodes * (args.nodes - 1) // 2:
        ap.error("more ties than actor pairs")
    if not args.skip_layout:
        bench_layout(args.nodes, args.ties)
    if not args.skip_view:
        bench_repaint(args.nodes, args.ties, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
