"""Issue 15, items 1-2: Fit to key events, and key events labelled first (from the Key events panel's top N)."""
from __future__ import annotations

from datetime import datetime

import numpy as np

from desktop_app.core import timeaxis
from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.state import AppState

from timeline_corpus import make_corpus, shown_timeline


def _sec(*ymd):
    return timeaxis.to_seconds(datetime(*ymd))


def test_fit_to_key_events_shows_their_span_and_marks_them_for_labels(qtbot):
    v = shown_timeline(qtbot, AppState(make_corpus()))
    assert not v.fit_key_events()               # none yet: the view is left alone
    v.set_key_reports(["e2", "e5", "no-such-event"])
    key = v.marks.key_rows
    assert key is not None and key.sum() == 2
    assert {v.data.event_id(r) for r in np.flatnonzero(key)} == {"e2", "e5"}
    assert v.fit_key_events()
    lo, hi = v.visible_range()
    assert lo <= _sec(2007, 11, 5) and hi >= _sec(2007, 11, 10)
    assert hi - lo < 40 * timeaxis.DAY           # not the whole corpus (which reaches back to the 1990s)
    assert lo > _sec(2007, 10, 1)


def test_fit_to_key_events_prefers_the_selected_actors_key_events(qtbot):
    v = shown_timeline(qtbot, AppState(make_corpus()))
    v.set_key_reports(["e2", "e6"])              # e2: Alpha Person on 5 Nov; e6: Gamma Group, the week of 29 Oct
    v.state.selection.set_actors(["a1"])
    assert v.fit_key_events()
    lo, hi = v.visible_range()
    assert lo <= _sec(2007, 11, 5) < hi and lo > _sec(2007, 11, 1)


def test_key_rows_follow_a_new_corpus(qtbot):
    state = AppState(make_corpus())
    v = shown_timeline(qtbot, state)
    v.set_key_reports(["e2"])
    state.set_corpus(make_corpus())
    assert v.marks.key_rows is not None and v.data.event_id(int(np.flatnonzero(v.marks.key_rows)[0])) == "e2"


TEXTS = [("Police in Bergen arrested Lena Ford on 2 April 2021.", "Bergen Post"),
         ("Lena Ford was arrested by police in Bergen on April 2.", "Oslo Daily"),
         ("Police in Oslo arrested Jon Berg on 5 April 2021.", "North News")]


def test_the_window_feeds_the_key_events_panels_top_n_to_the_timeline_and_the_view_menu_fits_them(qtbot):
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    docs = [Document(f"d{i}", f"d{i}.txt", t, publication=p, dct="2021-04-06") for i, (t, p) in enumerate(TEXTS)]
    w.state.set_corpus(extract_corpus(docs))
    panel = w.views["KeyEventsView"]
    qtbot.waitUntil(lambda: w.timeline.marks.key_rows is not None, timeout=10000)
    assert set(w.timeline.key_reports) == set(panel.key_reports()) and panel.key_reports()
    panel.top.setValue(1)                       # the top N drives which events are key
    assert w.timeline.key_reports == panel.rows[0]["reports"]
    w.timeline.viewbox.setXRange(_sec(1990, 1, 1), _sec(2030, 1, 1), padding=0)
    w.actions["fit_key"].trigger()
    lo, hi = w.timeline.visible_range()
    assert lo < _sec(2021, 4, 3) and hi > _sec(2021, 4, 2) and hi - lo < 30 * timeaxis.DAY
