"""Benchmark the event table: build, refilter, sort and search at many events.

Compares EventTable (numpy masks and argsort inside the model) with a
baseline measured in the same process: the textbook QSortFilterProxyModel
over the same model, filtering in ``filterAcceptsRow`` and sorting on a sort
role, which is what the table first did.  The baseline calls Python for
every row and every comparison, so it runs on fewer events (--baseline-events)
and the ratio is per event (time / events) to stay comparable.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_event_table.py [--events 100000]
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_event_table.py --synthetic --events 1000000

With --synthetic the table runs on ``core.synthetic.make_corpus(..., compact=True)`` and
the baseline is the first search keystroke as it was: one folded row text per event.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from desktop_app.core.model import (ACTOR_TYPES, Actor, Corpus, Document, Event, EventDate, Interval,  # noqa: E402
                                    Participant)
from desktop_app.gui.event_table import DATE, LABEL, SOURCE, EventTable, EventTableModel  # noqa: E402
from desktop_app.gui.state import AppState  # noqa: E402

SORT_ROLE = Qt.ItemDataRole.UserRole + 7


def make_corpus(n: int, n_actors: int = 2000, seed: int = 1) -> Corpus:
    rng = random.Random(seed)
    actors = [Actor(f"a{i}", f"Actor {i}", ACTOR_TYPES[i % len(ACTOR_TYPES)]) for i in range(n_actors)]
    docs = [Document(f"d{i}", f"/corpus/d{i}.txt", "text") for i in range(100)]
    events = []
    for k in range(n):
        start = datetime(1990, 1, 1) + timedelta(days=rng.randrange(12000))
        date = (EventDate(start.date().isoformat(), Interval(start, start + timedelta(days=1), "day"), "on", "then")
                if k % 10 else None)
        events.append(Event(f"e{k}", f"d{k % 100}", 0, 4, "text", f"event {k}", date,
                            [Participant(f"a{rng.randrange(n_actors)}"), Participant(f"a{rng.randrange(n_actors)}")]))
    return Corpus(documents=docs, actors=actors, events=events)


class _BaselineModel(EventTableModel):
    """The same rows, all shown, with a sort role the proxy can compare."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == SORT_ROLE and index.isValid():
            return float(self.sort_key(index.column())[int(self.rows[index.row()])])
        return super().data(index, role)


class _BaselineProxy(QSortFilterProxyModel):
    def __init__(self):
        super().__init__()
        self.allowed: list[bool] = []
        self.setSortRole(SORT_ROLE)

    def filterAcceptsRow(self, row, parent):
        return self.allowed[row]


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench_ours(n: int) -> dict:
    corpus = make_corpus(n)
    state = AppState(corpus)
    out = {"build": timed(lambda: EventTable(state))}
    table = EventTable(state)
    out["select actor"] = timed(lambda: state.selection.set_actors(["a5"]))
    out["clear selection"] = timed(lambda: state.selection.set_actors([]))
    out["sort by date"] = timed(lambda: table.view.sortByColumn(DATE, Qt.SortOrder.DescendingOrder))
    out["sort by label (first)"] = timed(lambda: table.view.sortByColumn(LABEL, Qt.SortOrder.AscendingOrder))
    out["search (first)"] = timed(lambda: table.search.setText("event 77"))
    out["search (again)"] = timed(lambda: table.search.setText("event 7"))
    table.search.setText("")
    # Grouped by happening: the grouping itself is core's (bench_happenings.py) and runs off the UI
    # thread in the app; here it is done first so the toggle measures the table alone.
    from desktop_app.core.happenings import with_happenings
    out["(happenings grouped, core)"] = timed(lambda: with_happenings(state.corpus))
    out["group by happening"] = timed(lambda: table.set_grouped(True))
    out["select actor (grouped)"] = timed(lambda: state.selection.set_actors(["a5"]))
    out["clear selection (grouped)"] = timed(lambda: state.selection.set_actors([]))
    out["sort by sources (grouped)"] = timed(lambda: table.view.sortByColumn(SOURCE, Qt.SortOrder.DescendingOrder))
    out["back to reports"] = timed(lambda: table.set_grouped(False))
    return out


def bench_baseline(n: int) -> dict:
    corpus = make_corpus(n)
    model = _BaselineModel()
    model.set_corpus(corpus)
    proxy = _BaselineProxy()
    proxy.allowed = [True] * n
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    out = {"build": timed(lambda: view.sortByColumn(DATE, Qt.SortOrder.AscendingOrder))}
    few = [i % 1000 == 0 for i in range(n)]

    def refilter(allowed):
        proxy.allowed = allowed
        proxy.beginFilterChange()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    out["select actor"] = timed(lambda: refilter(few))
    out["clear selection"] = timed(lambda: refilter([True] * n))
    out["sort by date"] = timed(lambda: view.sortByColumn(DATE, Qt.SortOrder.DescendingOrder))
    out["sort by label (first)"] = timed(lambda: view.sortByColumn(LABEL, Qt.SortOrder.AscendingOrder))
    return out


def bench_columnar(n: int, actors: int) -> dict:
    """The table on a compact synthetic corpus (``core.synthetic``): what a million-event session costs."""
    from desktop_app.core.synthetic import make_corpus as synthetic_corpus
    corpus = synthetic_corpus(n, actors, seed=0, compact=True)
    state = AppState(corpus)
    holder = {}
    out = {"build": timed(lambda: holder.setdefault("t", EventTable(state)))}
    table = holder["t"]
    aid = corpus.actors[0].id
    out["select actor"] = timed(lambda: state.selection.set_actors([aid]))
    out["clear selection"] = timed(lambda: state.selection.set_actors([]))
    out["search (first)"] = timed(lambda: table.search.setText("me"))
    out["search (again)"] = timed(lambda: table.search.setText("met"))
    table.search.setText("")
    out["sort by date"] = timed(lambda: table.view.sortByColumn(DATE, Qt.SortOrder.DescendingOrder))
    out["sort by label (first)"] = timed(lambda: table.view.sortByColumn(LABEL, Qt.SortOrder.AscendingOrder))
    out["sort by label (again)"] = timed(lambda: table.view.sortByColumn(LABEL, Qt.SortOrder.DescendingOrder))
    return out


def bench_per_event_search(n: int, actors: int) -> dict:
    """What the first keystroke cost before: a folded joined row text per event, then a scan."""
    from desktop_app.core.synthetic import make_corpus as synthetic_corpus
    from desktop_app.gui.actor_search import search_key
    corpus = synthetic_corpus(n, actors, seed=0, compact=True)
    model = EventTableModel()
    model.set_corpus(corpus)
    texts = []

    def first():
        texts.extend(search_key(" \u241f ".join(model.cells(i))) for i in range(model.n))
        return [i for i, t in enumerate(texts) if "me" in t]
    return {"search (first)": timed(first)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--baseline-events", type=int, default=10_000)
    ap.add_argument("--synthetic", action="store_true",
                    help="a compact synthetic corpus (core.synthetic); baseline = the per-event row texts")
    ap.add_argument("--actors", type=int, default=10_000)
    args = ap.parse_args(argv)
    if args.events < 1 or args.baseline_events < 1:
        ap.error("event counts must be positive")
    QApplication.instance() or QApplication([])
    if args.synthetic:
        ours = bench_columnar(args.events, args.actors)
        base = bench_per_event_search(args.baseline_events, args.actors)
    else:
        ours = bench_ours(args.events)
        base = bench_baseline(args.baseline_events)
    baseline_name = "per-event baseline" if args.synthetic else "proxy baseline"
    print(f"{'operation':24} {'EventTable':>14} {baseline_name:>18}   per-event ratio")
    print(f"{'':24} {args.events:>10,} ev {args.baseline_events:>12,} ev")
    for op, t in ours.items():
        b = base.get(op)
        if b is None:
            print(f"{op:24} {t * 1000:11.1f} ms {'-':>16}")
            continue
        ratio = (b / args.baseline_events) / max(t / args.events, 1e-9)
        print(f"{op:24} {t * 1000:11.1f} ms {b * 1000:13.1f} ms   {ratio:8.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
