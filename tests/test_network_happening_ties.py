"""Network ties count happenings (reports as the second figure); the time window goes by happening date."""
from __future__ import annotations

import os
from datetime import datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest

from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.workspace import Workspace
from desktop_app.core.workspace.happening_edits import split_happening
from desktop_app.core.workspace.store import WorkspaceData
from desktop_app.gui.network.data import from_corpus
from desktop_app.gui.network.view import NetworkView
from desktop_app.gui.state import AppState

TEXTS = {
    "a": ("Bombs exploded at the embassies in Kenya and Tanzania on 7 August 1998, killing 224 people.", "Wire One"),
    "b": ("The bombings in Kenya and Tanzania on August 8 killed more than 200 people.", "Daily Two"),
    "c": ("Kenya and Tanzania bombings: the blasts on 7 August 1998 were timed minutes apart.", "Paper Three"),
    "d": ("Kenya and Tanzania signed a trade agreement on 3 March 1999.", "Paper Three"),
}


@pytest.fixture(scope="module")
def corpus():
    docs = [Document(k, f"{k}.txt", t, publication=p, dct="1999-03-05" if k == "d" else "1998-08-09")
            for k, (t, p) in TEXTS.items()]
    return extract_corpus(docs)


def _edge(data, a="Kenya", b="Tanzania"):
    i, j = data.names.index(a), data.names.index(b)
    return int(data.edge_indexes(np.array([i]), np.array([j]))[0])


def test_a_tie_weighs_its_happenings_and_keeps_the_report_count(corpus):
    tie = next(t for t in corpus.ties if {t.source, t.target} == {"location:kenya", "location:tanzania"})
    assert len(tie.events) == 4
    data = from_corpus(corpus)
    k = _edge(data)
    assert data.happening_count[k] == 2 and data.report_count[k] == 4
    # The corpus weight (place pairs count half) scaled from reports to happenings.
    assert data.weight[k] == pytest.approx(tie.weight * 2 / 4)
    assert data.tie_text(k) == "Kenya – Tanzania: 2 happenings (4 reports)"


def test_splitting_a_report_off_adds_a_happening_to_the_tie(corpus, tmp_path):
    ws = Workspace(WorkspaceData(corpus), data_dir=tmp_path)
    b = next(e for e in ws.corpus.events if e.doc == "b")
    ws.push(split_happening(ws.corpus, [b]))
    ws.happenings
    data = from_corpus(ws.corpus)
    assert data.tie_text(_edge(data)) == "Kenya – Tanzania: 3 happenings (4 reports)"


def test_without_happenings_ties_weigh_reports_as_before(corpus):
    from dataclasses import replace
    bare = replace(corpus, happenings=None)
    data = from_corpus(bare)
    k = _edge(data)
    assert data.happening_count is None and data.tie_text(k).endswith("weight 2")


def _view(qtbot, corpus):
    state = AppState(corpus)
    view = NetworkView(state)
    view.resize(600, 500)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.pos is not None, timeout=10000)
    return state, view


def test_hovering_a_tie_says_its_happenings_and_reports_in_plain_words(qtbot, corpus):
    _, view = _view(qtbot, corpus)
    k = _edge(view.data)
    mid = (view.pos[view.data.src[k]] + view.pos[view.data.dst[k]]) / 2
    from PySide6.QtCore import QPointF
    assert view.tie_at(QPointF(float(mid[0]), float(mid[1]))) == k
    scene = view.viewbox.mapViewToScene(QPointF(float(mid[0]), float(mid[1])))
    view._mouse_moved(scene)
    assert view.tip.isVisible() and view.tip.text() == "Kenya – Tanzania: 2 happenings (4 reports)"


def test_a_brushed_window_keeps_ties_by_happening_date(qtbot, corpus):
    state, view = _view(qtbot, corpus)
    day8 = (datetime(1998, 8, 8), datetime(1998, 8, 8, 23, 59))
    # By its own date one report of the bombings lies on 8 August ...
    own = view.data.filter_index.filter_rows((), "any", day8)
    assert "location:kenya" in own.actors
    # ... but the happening is dated 7 August: on the 8th the network shows nothing of it.
    state.selection.set_window(day8)
    assert ("Kenya", "Tanzania") not in {tuple(sorted((view.data.names[view.data.src[e]],
                                                       view.data.names[view.data.dst[e]])))
                                         for e in np.flatnonzero(view.edge_level > 0)}
    state.selection.set_window((datetime(1998, 8, 7), datetime(1998, 8, 7, 23, 59)))
    assert view.edge_level[_edge(view.data)] > 0


def test_a_tie_tip_shows_names_as_text_never_as_markup(qtbot, corpus):
    import html
    from dataclasses import replace
    from PySide6.QtCore import QPointF
    actors = [replace(a, name="<b>Kenya</b>") if a.name == "Kenya" else a for a in corpus.actors]
    _, view = _view(qtbot, replace(corpus, actors=actors))
    k = _edge(view.data, "<b>Kenya</b>", "Tanzania")
    a, b = view.pos[view.data.src[k]], view.pos[view.data.dst[k]]
    at = next(QPointF(*(float(x) for x in a + t * (b - a))) for t in (0.5, 0.4, 0.6, 0.3, 0.7)
              if view.node_at(QPointF(*(float(x) for x in a + t * (b - a)))) is None)
    view._mouse_moved(view.viewbox.mapViewToScene(at))
    assert view.tip.text() == html.escape("<b>Kenya</b> – Tanzania: 2 happenings (4 reports)")
