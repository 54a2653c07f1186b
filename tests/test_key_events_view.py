"""The Key events panel: top N live, single source at a glance, stepping through a happening's reports."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus
from desktop_app.gui.key_events import KeyEventsView
from desktop_app.gui.state import AppState

TEXTS = [("Police in Bergen arrested Lena Ford on 2 April 2021.", "Bergen Post"),
         ("Lena Ford was arrested by police in Bergen on April 2.", "Oslo Daily"),
         ("Police in Oslo arrested Jon Berg on 5 April 2021.", "North News")]


def _view(qtbot):
    docs = [Document(f"d{i}", f"d{i}.txt", t, publication=p, dct="2021-04-06") for i, (t, p) in enumerate(TEXTS)]
    state = AppState(extract_corpus(docs))
    view = KeyEventsView(state)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() > 0, timeout=10000)
    return state, view


def test_the_most_reported_happening_comes_first_and_a_lone_report_says_single_source(qtbot):
    _, view = _view(qtbot)
    first = view.tree.topLevelItem(0)
    assert first.text(2) == "2" and first.text(3) == "2"
    texts = [view.tree.topLevelItem(i).text(2) for i in range(view.tree.topLevelItemCount())]
    assert "single source" in texts


def test_top_n_limits_the_rows_at_once(qtbot):
    _, view = _view(qtbot)
    view.top.setValue(1)
    assert view.tree.topLevelItemCount() == 1


def test_next_report_steps_through_every_report_of_the_selected_happening(qtbot):
    state, view = _view(qtbot)
    view.tree.setCurrentItem(view.tree.topLevelItem(0))
    first = state.selection.event
    second = view.step_report()
    assert state.selection.event == second != first
    assert view.step_report() == first           # wraps round
    assert {first, second} == set(view.current_row()["reports"])
